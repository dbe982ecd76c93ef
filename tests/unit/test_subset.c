/* test_subset.c - the TrueType subsetter (src/pdf/subset.h): every glyph of
 * the subset loads in FreeType with the outline and advance it had in the
 * whole font, composites (Droid Sans Fallback has 26,135) keep their
 * components under new ids, the file checksum holds, and cut or damaged
 * input is refused, never read past. */
#include "harness.h"
#include "pdf/subset.h"

#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

/* The bundled face (simple glyphs only, no hinting) and Debian's
 * fonts-droid-fallback (composites, hinted), both in DEBIAN_PKGS. */
#define SERIF "fonts/NotoSerifSC_400Regular.ttf"
#define DROID "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)n)) && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	*len = p ? (size_t)n : 0;
	fclose(f);
	return p;
}

/* Glyph g of face: contours, points and advance in font units. */
static bool load(FT_Face face, unsigned g, int *nc, int *np, long *adv)
{
	if (FT_Load_Glyph(face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
		return false;
	*nc = face->glyph->outline.n_contours;
	*np = face->glyph->outline.n_points;
	*adv = face->glyph->metrics.horiAdvance;
	return true;
}

/* Subset path to gids and compare every used glyph with the original. */
static void check_font(nq_arena *a, FT_Library ft, const char *path, const uint32_t *gids,
                       size_t n, unsigned want_glyphs)
{
	size_t len;
	unsigned char *file = slurp(path, &len);
	NQ_CHECK_(file != NULL, "cannot read %s", path);
	if (!file)
		return;
	unsigned newgid[16], ng = 0;
	const unsigned char *out;
	size_t outlen;
	NQ_OK(nq_ttf_subset(a, file, len, 0, gids, n, newgid, &out, &outlen, &ng));
	NQ_INT_EQ(ng, want_glyphs);
	/* head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA. */
	uint32_t sum = 0;
	for (size_t i = 0; i + 4 <= outlen; i += 4)
		sum += be32(out + i);
	NQ_INT_EQ(outlen % 4, 0);
	NQ_INT_EQ(sum, 0xB1B0AFBAu);

	FT_Face src, sub;
	NQ_OK(!FT_New_Memory_Face(ft, file, (FT_Long)len, 0, &src));
	NQ_OK(!FT_New_Memory_Face(ft, out, (FT_Long)outlen, 0, &sub));
	NQ_INT_EQ(sub->num_glyphs, ng);
	for (size_t i = 0; i < n; i++) {
		int c0 = -1, p0 = -1, c1 = -2, p1 = -2;
		long a0 = -1, a1 = -2;
		NQ_OK(load(src, gids[i], &c0, &p0, &a0));
		NQ_OK(load(sub, newgid[i], &c1, &p1, &a1));
		NQ_CHECK_(c0 == c1 && p0 == p1 && a0 == a1,
		          "%s glyph %u -> %u: %d contours %d points advance %ld, was %d %d %ld", path,
		          (unsigned)gids[i], newgid[i], c1, p1, a1, c0, p0, a0);
		for (size_t j = 0; j < i; j++)
			NQ_OK(newgid[i] != newgid[j] && newgid[i] > 0);
	}
	/* .notdef stays glyph 0 with its outline (a box for a missing
	 * character). */
	int c0, p0, c1, p1;
	long a0, a1;
	NQ_OK(load(src, 0, &c0, &p0, &a0) && load(sub, 0, &c1, &p1, &a1) && p0 == p1 && a0 == a1);

	/* The subset of the subset, all glyphs: the same bytes (nothing
	 * left to drop, the numbering already dense). */
	uint32_t all[64];
	for (unsigned g = 0; g < ng && g < 64; g++)
		all[g] = g;
	unsigned new2[64], ng2;
	const unsigned char *out2;
	size_t outlen2;
	NQ_OK(ng <= 64 && nq_ttf_subset(a, out, outlen, 0, all, ng, new2, &out2, &outlen2, &ng2));
	NQ_OK(ng <= 64 && ng2 == ng && outlen2 == outlen && !memcmp(out, out2, outlen));

	/* Cut anywhere, the output is refused or still a font - never a
	 * read past the end (ASan in `make asan`).  Every cut of the small
	 * subset, then damaged bytes in its directory and glyphs. */
	unsigned char *cut = malloc(outlen);
	size_t refused = 0;
	for (size_t l = 0; cut && l < outlen; l++) {
		memcpy(cut, out, l);
		refused += !nq_ttf_subset(a, cut, l, 0, all, ng, new2, &out2, &outlen2, &ng2);
	}
	NQ_OK(refused > outlen / 2);
	for (size_t i = 0; cut && i < outlen; i += 7) {
		memcpy(cut, out, outlen);
		cut[i] ^= 0xA5;
		(void)nq_ttf_subset(a, cut, outlen, 0, all, ng, new2, &out2, &outlen2, &ng2);
	}
	free(cut);
	FT_Done_Face(sub);
	FT_Done_Face(src);
	free(file);
}

/* Glyph g's bytes in t (a writable copy of the font), for damaging. */
static unsigned char *glyph_at(const nq_ttf_glyphs *t, unsigned g, size_t *n)
{
	const unsigned char *l = t->loca;
	size_t a = t->long_loca ? be32(l + 4 * (size_t)g) : 2 * (size_t)(l[2 * g] << 8 | l[2 * g + 1]);
	size_t b = t->long_loca ? be32(l + 4 * (size_t)g + 4)
	                        : 2 * (size_t)(l[2 * g + 2] << 8 | l[2 * g + 3]);
	*n = b - a;
	return (unsigned char *)t->glyf + a;
}

/* nq_ttf_glyph_clean, which stands in for FreeType's load of each glyph
 * embedded: clean must mean FreeType loads it (checked on every third
 * glyph of both fonts), it must hold for the ordinary glyphs, and damage
 * must make it false (the caller then asks FreeType). */
static void check_clean(FT_Library ft, const char *path, unsigned min_pct)
{
	size_t len;
	unsigned char *file = slurp(path, &len);
	nq_ttf_glyphs t;
	FT_Face face;
	NQ_CHECK_(file != NULL, "cannot read %s", path);
	if (!file)
		return;
	NQ_OK(nq_ttf_glyphs_open(&t, file, len, 0));
	NQ_OK(!FT_New_Memory_Face(ft, file, (FT_Long)len, 0, &face));
	unsigned seen = 0, ok = 0, bad = 0;
	for (unsigned g = 0; g < t.nglyphs; g += 3) {
		seen++;
		if (!nq_ttf_glyph_clean(&t, g))
			continue;
		ok++;
		if (FT_Load_Glyph(face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
			bad++;
	}
	NQ_CHECK_(bad == 0, "%s: %u clean glyphs FreeType cannot load", path, bad);
	NQ_CHECK_(ok * 100 >= seen * min_pct, "%s: only %u of %u glyphs clean", path, ok, seen);
	NQ_OK(!nq_ttf_glyph_clean(&t, t.nglyphs));
	FT_Done_Face(face);
	free(file);
}

static void test_clean_damage(void)
{
	size_t len, n;
	unsigned char *file = slurp(SERIF, &len), *g;
	nq_ttf_glyphs t;
	if (!file || !nq_ttf_glyphs_open(&t, file, len, 0)) {
		NQ_CHECK_(0, "cannot open %s", SERIF);
		free(file);
		return;
	}
	unsigned gid = 0;
	for (unsigned i = 1; i < t.nglyphs && !gid; i++) { /* a glyph of 2+ contours */
		g = glyph_at(&t, i, &n);
		if (n >= 14 && g[0] == 0 && g[1] >= 2)
			gid = i;
	}
	NQ_OK(gid > 0);
	g = glyph_at(&t, gid, &n);
	NQ_OK(nq_ttf_glyph_clean(&t, gid));
	unsigned char keep[16];
	memcpy(keep, g, 16);
	/* Contour ends that do not rise. */
	memcpy(g + 10, g + 12, 2);
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	memcpy(g, keep, 16);
	/* More contours than the bytes hold: the flags run past the glyph. */
	g[1] = 0xF0;
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	memcpy(g, keep, 16);
	/* numberOfContours 0 and -2: left to FreeType. */
	g[1] = 0;
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	g[0] = 0xFF;
	g[1] = 0xFE;
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	memcpy(g, keep, 16);
	/* A composite whose component is itself: a cycle, or past maxp. */
	static const unsigned char comp[10] = { 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0 };
	g[0] = 0xFF;
	g[1] = 0xFF;
	memcpy(g + 10, comp, 6); /* flags ARGS_ARE_XY_VALUES, index, two byte args */
	g[12] = (unsigned char)(gid >> 8);
	g[13] = (unsigned char)gid;
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	g[12] = g[13] = 0xFF;
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	g[12] = g[13] = 0; /* .notdef: a clean composite */
	NQ_OK(nq_ttf_glyph_clean(&t, gid));
	g[11] = 0x00; /* point matching: left to FreeType */
	NQ_OK(!nq_ttf_glyph_clean(&t, gid));
	free(file);
}

void test_subset(void)
{
	nq_arena *a = nq_arena_new();
	FT_Library ft;
	NQ_OK(!FT_Init_FreeType(&ft));

	/* 中 文 A in the bundled face: simple glyphs, so 1 + 3 glyphs. */
	{
		uint32_t g[3] = { 0 };
		size_t len;
		unsigned char *file = slurp(SERIF, &len);
		FT_Face f;
		if (file && !FT_New_Memory_Face(ft, file, (FT_Long)len, 0, &f)) {
			g[0] = FT_Get_Char_Index(f, 'A');
			g[1] = FT_Get_Char_Index(f, 0x4E2D);
			g[2] = FT_Get_Char_Index(f, 0x6587);
			FT_Done_Face(f);
		}
		free(file);
		uint32_t t;
		for (int i = 0; i < 2; i++) /* sort */
			for (int j = 0; j < 2 - i; j++)
				if (g[j] > g[j + 1]) {
					t = g[j];
					g[j] = g[j + 1];
					g[j + 1] = t;
				}
		NQ_OK(g[0] > 0);
		check_font(a, ft, SERIF, g, 3, 4);
	}
	/* Droid Sans Fallback: glyphs 489 and 490 are composites of 45424 +
	 * 43612 and 45426 + 45765 (read from its glyf), 10 is simple: with
	 * .notdef, 8 glyphs, the components numbered after the composites. */
	{
		uint32_t g[3] = { 10, 489, 490 };
		check_font(a, ft, DROID, g, 3, 8);
	}

	/* hmtx ends in one run of the common advance: 中 文 (1000) and the
	 * last glyph of the face narrower than that come out as .notdef,
	 * the narrow one, 中, 文, so hhea.numberOfHMetrics is 3 where the
	 * old-id order (.notdef 中 文 narrow) needed 4. */
	{
		size_t len;
		unsigned char *file = slurp(SERIF, &len);
		FT_Face f, sub;
		uint32_t g[3] = { 0 };
		if (file && !FT_New_Memory_Face(ft, file, (FT_Long)len, 0, &f)) {
			g[0] = FT_Get_Char_Index(f, 0x4E2D);
			g[1] = FT_Get_Char_Index(f, 0x6587);
			for (long x = f->num_glyphs - 1; x > (long)g[1] && !g[2]; x--)
				if (!FT_Load_Glyph(f, (FT_UInt)x, FT_LOAD_NO_SCALE) &&
				    f->glyph->metrics.horiAdvance != 1000)
					g[2] = (uint32_t)x;
			FT_Done_Face(f);
		}
		NQ_OK(g[0] > 0 && g[0] < g[1] && g[1] < g[2]);
		unsigned ng, ngid[3];
		const unsigned char *out;
		size_t outlen;
		if (file && g[2] && nq_ttf_subset(a, file, len, 0, g, 3, ngid, &out, &outlen, &ng) &&
		    !FT_New_Memory_Face(ft, out, (FT_Long)outlen, 0, &sub)) {
			const TT_HoriHeader *hh = FT_Get_Sfnt_Table(sub, FT_SFNT_HHEA);
			NQ_OK(hh && hh->number_Of_HMetrics == 3);
			NQ_INT_EQ(ngid[2], 1);
			NQ_INT_EQ(ngid[0], 2);
			NQ_INT_EQ(ngid[1], 3);
			FT_Done_Face(sub);
		} else {
			NQ_CHECK_(0, "cannot subset %s", SERIF);
		}
		free(file);
	}

	/* Not glyf: a CFF face, and bytes that are no font. */
	{
		unsigned char otto[64] = "OTTO";
		uint32_t g = 1;
		unsigned ng, ngid;
		const unsigned char *out;
		size_t outlen;
		NQ_OK(!nq_ttf_subset(a, otto, sizeof otto, 0, &g, 1, &ngid, &out, &outlen, &ng));
		NQ_OK(!nq_ttf_subset(a, otto, 0, 0, &g, 1, &ngid, &out, &outlen, &ng));
		unsigned char ttc[16] = "ttcf";
		ttc[11] = 1; /* one face whose offset lies past the file */
		NQ_OK(!nq_ttf_subset(a, ttc, sizeof ttc, 0, &g, 1, &ngid, &out, &outlen, &ng));
	}
	check_clean(ft, SERIF, 100);
	check_clean(ft, DROID, 90);
	test_clean_damage();
	FT_Done_FreeType(ft);
	nq_arena_free(a);
}
