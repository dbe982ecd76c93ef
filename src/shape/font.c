/*
 * font.c - find and open the fonts of a run: the bundled three, the faces
 * named per role, then the fallback files the command line and the issue
 * name.
 *
 * Takes: the bundled font directory, nq_options (--face and --font files,
 * the issue's directory and whether fonts may come from outside it) and
 * the issue's "options.faces" and "options.fonts" names.
 * Makes: nq_fontset - every face opened once with FreeType (checks and
 * FontDescriptor metrics) and HarfBuzz (shaping here, subsetting in pdf/).
 * Leaves to others: which face sets which character and fontconfig's
 * system faces (fallback.c), embedding (pdf/hpdf.c).
 *
 * A damaged file (a table cut short, loca inconsistent with maxp, head or
 * glyf) is refused at opening, and each glyph embedded is checked once
 * (nq_font_glyph_ok: FreeType loads it; for TrueType, pdf/ reads the glyf
 * bytes first and asks FreeType only when they look wrong): both libraries
 * would otherwise read the damage as empty glyphs, and the text would
 * print as nothing.
 *
 * TrueType (glyf) and OpenType-CFF ('CFF ') faces are accepted, alone or
 * as a face of a collection (FILE#INDEX); pdf/ embeds the first as
 * CIDFontType2 and the second as CIDFontType0.  CFF2, Type 1 and bare CFF
 * are refused at opening, where the message can say so.
 *
 * A font the issue names is a path chosen by whoever wrote the JSON, so
 * it is confined to the issue's directory (nq_file_confine()): rendering
 * someone's issue must not read files elsewhere.
 */
#define _DEFAULT_SOURCE
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/util.h"

#include "fontdb.h"

static const struct {
	const char *file;
	bool bold, serif;
} bundled[NQ_FONT__COUNT] = {
	[NQ_FONT_BODY] = { "NotoSerifSC_400Regular.ttf", false, true },
	[NQ_FONT_BODY_BOLD] = { "NotoSerifSC_700Bold.ttf", true, true },
	[NQ_FONT_HEADING] = { "NotoSansSC_700Bold.ttf", true, false },
};

static bool has_fonts(const char *dir)
{
	char p[PATH_MAX + 64];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", dir, bundled[0].file);
	return stat(p, &st) == 0;
}

/* Where the fonts are: the --font-dir option, $NQPDF_FONT_DIR, beside the
 * binary (source tree: ./fonts), the install tree relative to the binary
 * (bin/../share/nqpdf/fonts), then the configured data directory. */
static const char *font_dir(const char *given, char *buf, size_t n, nq_buf *looked)
{
	if (given)
		return given;
	const char *env = getenv("NQPDF_FONT_DIR");
	if (env && *env)
		return env;
	/* Searched: say where, in case none has them. */
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			static const char *const rel[] = { "/fonts", "/../fonts", "/../share/nqpdf/fonts" };
			for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
				snprintf(buf, n, "%s%s", exe, rel[i]);
				if (has_fonts(buf))
					return buf;
				nq_buf_printf(looked, "%s%s", looked->n ? ", " : "", buf);
			}
		}
	}
#ifdef NQ_DATADIR
	snprintf(buf, n, "%s/fonts", NQ_DATADIR);
	if (has_fonts(buf))
		return buf;
	nq_buf_printf(looked, "%s%s", looked->n ? ", " : "", buf);
#endif
	nq_buf_printf(looked, "%s./fonts", looked->n ? ", " : "");
	return "fonts";
}

/* The PostScript name as a PDF name can carry it: a system or named font
 * may have none, or one with spaces or delimiters (PostScript names are
 * printable ASCII without them, at most 63 bytes: Adobe TN 5902). */
static char *ps_name(const char *ps)
{
	char buf[64];
	size_t n = 0;
	for (; ps && *ps && n < sizeof buf - 1; ps++) {
		unsigned char c = (unsigned char)*ps;
		buf[n++] = c > 32 && c < 127 && !strchr("()<>[]{}/%#", c) ? (char)c : '-';
	}
	buf[n] = 0;
	return strdup(n ? buf : "Font");
}

/* PANOSE (OS/2 panose[0..1]): family 2 is Latin Text, serif styles 2 to 10
 * have serifs, 11 to 13 are sans (PANOSE 1.0, "Serif Style").  Only the
 * FontDescriptor's Serif flag reads it. */
static bool panose_serif(const TT_OS2 *os2)
{
	return os2 && os2->panose[0] == 2 && os2->panose[1] >= 2 && os2->panose[1] <= 10;
}

/* Weight 600 (SemiBold) and up counts as bold (OS/2 usWeightClass). */
#define BOLD_WEIGHT 600

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* The formats of f->why: each a text "font '%s' %s" completes, and each
 * in the message catalogue (msg.c), which translates it by matching. */
#define CUT_DIR "is damaged: its table directory is cut short (the file has %u bytes)"
#define CUT_TABLE "is damaged: its '%s' table is cut short (%u of its %u bytes are in the file)"
#define BAD_LOCFMT "is damaged: head.indexToLocFormat is %d (0 or 1)"
#define SHORT_LOCA "is damaged: maxp counts %u glyphs but its loca table has offsets for only %u"
#define BAD_LOCA "is damaged: the loca offset of glyph %u (%u) goes backwards or past the end of glyf (%u bytes)"
#define NO_GLYPH "is damaged: the text needs glyph %u but maxp counts only %u glyphs"
#define BAD_GLYPH "is damaged: glyph %u cannot be loaded (FreeType error 0x%02X)"
#define BAD_CFF "is damaged: HarfBuzz cannot read its 'CFF ' table"
#define FT_CFF "is damaged: FreeType cannot read its 'CFF ' table (FreeType error 0x%02X)"
#define BAD_CFF_GLYPH "is damaged: HarfBuzz cannot read the charstring of glyph %u"
#define SHORT_CFF "is damaged: maxp counts %u glyphs but its 'CFF ' table has charstrings for only %u"
#define NO_FACE "has %ld faces; #%u is not one of them (#0 to #%ld)"

/* Every table of the sfnt directory (face index of a collection) lies
 * inside the file (OpenType spec, "Organization of an OpenType font").
 * Read by hand: FreeType drops or clips an entry that runs past the end
 * (sfnt/ttload.c) and HarfBuzz clamps its table blobs to the file, so
 * neither says that a table was cut short: a font cut inside glyf loads,
 * and every glyph past the cut comes out empty.  12 + 16 bytes a table. */
static bool check_directory(nq_font *f, const unsigned char *d, size_t len)
{
	size_t off = 0;
	unsigned flen = len > UINT32_MAX ? UINT32_MAX : (unsigned)len;
	if (len >= 16 && !memcmp(d, "ttcf", 4)) {
		if (f->index >= be32(d + 8) || 12 + 4 * ((size_t)f->index + 1) > len)
			goto cut;
		off = be32(d + 12 + 4 * (size_t)f->index);
	}
	if (off > len || len - off < 12)
		goto cut;
	unsigned nt = be16(d + off + 4);
	if ((len - off - 12) / 16 < nt)
		goto cut;
	for (unsigned i = 0; i < nt; i++) {
		const unsigned char *r = d + off + 12 + 16 * (size_t)i;
		size_t at = be32(r + 8), n = be32(r + 12);
		if (at > len || n > len - at) {
			char tag[5];
			for (int k = 0; k < 4; k++)
				tag[k] = r[k] >= 0x20 && r[k] < 0x7F ? (char)r[k] : '?';
			tag[4] = 0;
			snprintf(f->why, sizeof f->why, CUT_TABLE, tag,
			         at > len ? 0u : (unsigned)(len - at), (unsigned)n);
			return false;
		}
	}
	return true;
cut:
	snprintf(f->why, sizeof f->why, CUT_DIR, flen);
	return false;
}

/* loca against maxp, head and glyf (OpenType spec, "loca"): numGlyphs + 1
 * offsets, ascending, none past the end of glyf.  FreeType and HarfBuzz
 * both treat an offset past glyf as an empty glyph, silently.  One linear
 * scan, 65,536 entries at most: well under a millisecond. */
static bool check_loca(nq_font *f, FT_Face face)
{
	const TT_Header *head = FT_Get_Sfnt_Table(face, FT_SFNT_HEAD);
	int fmt = head ? head->Index_To_Loc_Format : -1;
	if (fmt != 0 && fmt != 1) {
		snprintf(f->why, sizeof f->why, BAD_LOCFMT, fmt);
		return false;
	}
	hb_blob_t *loca = hb_face_reference_table(f->face, HB_TAG('l', 'o', 'c', 'a'));
	hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	unsigned llen, glen = hb_blob_get_length(glyf);
	const unsigned char *l = (const unsigned char *)hb_blob_get_data(loca, &llen);
	unsigned es = fmt ? 4 : 2, n = llen / es;
	/* maxp as written: FreeType lowers face->num_glyphs to what loca
	 * holds (truetype/ttpload.c), HarfBuzz does not. */
	unsigned maxp = hb_face_get_glyph_count(f->face);
	bool ok = true;
	if (n < maxp + 1) {
		snprintf(f->why, sizeof f->why, SHORT_LOCA, maxp, n ? n - 1 : 0);
		ok = false;
	}
	for (unsigned i = 0, prev = 0; ok && i <= maxp; i++) {
		unsigned o = fmt ? be32(l + 4 * (size_t)i) : 2 * be16(l + 2 * (size_t)i);
		if (o < prev || o > glen) {
			snprintf(f->why, sizeof f->why, BAD_LOCA, i, o, glen);
			ok = false;
		}
		prev = o;
	}
	hb_blob_destroy(loca);
	hb_blob_destroy(glyf);
	return ok;
}

/* Does the file start as an sfnt does: TrueType, OpenType-CFF, Apple's
 * 'true', or a collection? */
static bool sfnt(const unsigned char *d, size_t len)
{
	return len >= 4 && (!memcmp(d, "\0\1\0\0", 4) || !memcmp(d, "OTTO", 4) ||
	                    !memcmp(d, "true", 4) || !memcmp(d, "ttcf", 4));
}

static bool face_has(hb_face_t *face, const char tag[4])
{
	hb_blob_t *t = hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
	bool has = hb_blob_get_length(t) > 0;
	hb_blob_destroy(t);
	return has;
}

/* The 'CFF ' table as both libraries read it.  HarfBuzz sanitizes the
 * table as a whole and gives no extents at all when that fails (not even
 * for .notdef, whose charstring every CFF has: CFF spec, TN 5176, 4); FreeType
 * counts the charstrings (cffload.c), HarfBuzz's glyph count is maxp's,
 * and the cmap may lead past the charstrings to glyphs that do not exist. */
static bool check_cff(nq_font *f)
{
	unsigned maxp = hb_face_get_glyph_count(f->face);
	if (maxp > f->num_glyphs) {
		snprintf(f->why, sizeof f->why, SHORT_CFF, maxp, f->num_glyphs);
		return false;
	}
	hb_glyph_extents_t ext;
	if (!hb_font_get_glyph_extents(f->font, 0, &ext)) {
		snprintf(f->why, sizeof f->why, BAD_CFF);
		return false;
	}
	return true;
}

bool nq_font_glyph_ok(const nq_font *f, unsigned gid)
{
	nq_font *m = (nq_font *)f; /* the glyph slot and why: see font.h */
	if (gid >= f->num_glyphs) {
		snprintf(m->why, sizeof m->why, NO_GLYPH, gid, f->num_glyphs);
		return false;
	}
	if (!f->ft_face)
		return true;
	FT_Error e = FT_Load_Glyph(f->ft_face, gid,
	                           FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
	if (e) {
		snprintf(m->why, sizeof m->why, BAD_GLYPH, gid, (unsigned)e);
		return false;
	}
	/* A CFF charstring is read by two interpreters: FreeType's (above,
	 * for the checks) and HarfBuzz's (extents here, and hb-subset's,
	 * which keeps what it can parse); both must take it. */
	hb_glyph_extents_t ext;
	if (f->cff && f->font && !hb_font_get_glyph_extents(f->font, gid, &ext)) {
		snprintf(m->why, sizeof m->why, BAD_CFF_GLYPH, gid);
		return false;
	}
	return true;
}

bool nq_font_open(nq_font *f, const char *path, unsigned index, const char **why,
                  const char **fmt_out)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	if (fmt_out)
		*fmt_out = NULL;
	f->path = strdup(path);
	f->index = index;
	struct stat st;
	if (!f->path) {
		*why = "out of memory";
		return false;
	}
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "not found";
		return false;
	}
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob) {
		*why = "cannot be read";
		return false;
	}
	unsigned len;
	const char *data = hb_blob_get_data(f->blob, &len);
	FT_Library ft;
	if (FT_Init_FreeType(&ft) != 0) {
		*why = "cannot be opened (FreeType failed to start)";
		return false;
	}
	f->ft_lib = ft;
	FT_Face face;
	/* FreeType reads the bits above 16 of a face index as a named
	 * instance of a variable font (FT_Open_Face): past 65,535 there is no
	 * face to name. */
	FT_Error err = index > 0xFFFF ? FT_Err_Invalid_Argument
	                              : FT_New_Memory_Face(ft, (const FT_Byte *)data, (FT_Long)len,
	                                                   (FT_Long)index, &face);
	if (err) {
		/* Face index -1 only counts the faces (FT_Open_Face). */
		FT_Face probe;
		if (index > 0 &&
		    FT_New_Memory_Face(ft, (const FT_Byte *)data, (FT_Long)len, -1, &probe) == 0) {
			long nf = probe->num_faces;
			FT_Done_Face(probe);
			if (nf > 0 && index >= (unsigned long)nf) {
				snprintf(f->why, sizeof f->why, NO_FACE, nf, index, nf - 1);
				*why = f->why;
				return false;
			}
		}
		/* An sfnt with a table cut short (FreeType may fail on the
		 * cut table itself: say what is wrong), or with a 'CFF '
		 * table FreeType refuses (cffload.c checks the header, the
		 * INDEXes and the Top DICT). */
		hb_face_t *hf = hb_face_create(f->blob, index);
		bool otf = face_has(hf, "CFF ");
		hb_face_destroy(hf);
		if (sfnt((const unsigned char *)data, len) &&
		    !check_directory(f, (const unsigned char *)data, len)) {
			*why = f->why;
			return false;
		}
		if (otf) {
			snprintf(f->why, sizeof f->why, FT_CFF, (unsigned)err);
			*why = f->why;
			return false;
		}
		*why = "is not a font FreeType can read";
		return false;
	}
	f->ft_face = face;
	/* "CFF" for OpenType-CFF (.otf, CFF2 and bare CFF too), "Type 1",
	 * "CID Type 1", ... */
	const char *fmt = FT_Get_Font_Format(face);
	f->cff = fmt && !strcmp(fmt, "CFF");
	if (!fmt || (strcmp(fmt, "TrueType") != 0 && !f->cff)) {
		if (fmt_out)
			*fmt_out = fmt && !strcmp(fmt, "Type 1") ? "Type 1" : "non-TrueType";
		*why = "has outlines nqpdf cannot embed";
		return false;
	}
	f->upem = face->units_per_EM;
	f->num_glyphs = (unsigned)face->num_glyphs;
	f->ascender = face->ascender;
	f->descender = face->descender;
	f->bbox[0] = (int)face->bbox.xMin;
	f->bbox[1] = (int)face->bbox.yMin;
	f->bbox[2] = (int)face->bbox.xMax;
	f->bbox[3] = (int)face->bbox.yMax;
	const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
	f->cap_height = os2 && os2->version >= 2 ? os2->sCapHeight : f->ascender;
	if (os2 && os2->usWeightClass >= BOLD_WEIGHT)
		f->bold = true;
	f->serif = panose_serif(os2);
	const TT_Postscript *post = FT_Get_Sfnt_Table(face, FT_SFNT_POST);
	f->italic_angle = post ? (int)(post->italicAngle >> 16) : 0;
	f->psname = ps_name(FT_Get_Postscript_Name(face));

	f->face = hb_face_create(f->blob, index);
	/* FreeType says "TrueType" for any sfnt without CFF, bitmap-only
	 * ones (emoji CBDT, sbix) included; embedding needs glyf outlines.
	 * It says "CFF" for CFF2 (variable) and for a bare CFF program too;
	 * pdf/ embeds the 'CFF ' table of an OpenType font. */
	if (f->cff) {
		bool otf = face_has(f->face, "CFF ");
		if (!otf || f->upem == 0) {
			if (fmt_out)
				*fmt_out = face_has(f->face, "CFF2") ? "CFF2 (variable)"
				         : "bare CFF (not OpenType)";
			*why = "has outlines nqpdf cannot embed";
			return false;
		}
	} else if (!face_has(f->face, "glyf") || f->upem == 0) {
		if (fmt_out)
			*fmt_out = "bitmap-only";
		*why = "has no glyf outlines";
		return false;
	}
	f->font = hb_font_create(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	/* Damage (docs/fonts.md, "Damaged fonts"): tables cut short, loca
	 * inconsistent with maxp, head and glyf, a 'CFF ' table HarfBuzz
	 * cannot read or with fewer charstrings than maxp counts.  Glyphs
	 * are checked one by one as pdf/ embeds them (nq_font_glyph_ok). */
	if (!check_directory(f, (const unsigned char *)data, len) ||
	    !(f->cff ? check_cff(f) : check_loca(f, face))) {
		*why = f->why;
		return false;
	}
	return f->psname != NULL;
}

void nq_font_close(nq_font *f)
{
	if (f->font)
		hb_font_destroy(f->font);
	if (f->face)
		hb_face_destroy(f->face);
	/* The FreeType face reads the blob's bytes: close it first. */
	if (f->ft_face)
		FT_Done_Face(f->ft_face);
	if (f->ft_lib)
		FT_Done_FreeType(f->ft_lib);
	if (f->blob)
		hb_blob_destroy(f->blob);
	free((void *)f->path);
	free((void *)f->psname);
	memset(f, 0, sizeof *f);
}

/* One diagnostic wording for every reason a named font is unusable; fmt
 * (from nq_font_open) is set when the outlines are the problem. */
static void font_error(nq_diags *d, const char *jpath, long off, const char *shown,
                       const char *why, const char *fmt)
{
	if (fmt)
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, jpath, off,
		            "font '%s' has %s outlines; nqpdf embeds TrueType (glyf) and OpenType "
		            "CFF outlines only, use a static .ttf or .otf build of the family",
		            shown, fmt ? fmt : "unknown");
	else
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, jpath, off, "font '%s' %s", shown, why);
}

bool nq_fonts_load(nq_fontset *fs, const char *dir, nq_diags *d)
{
	memset(fs, 0, sizeof *fs);
	fs->f = calloc(NQ_FONT_MAX, sizeof *fs->f);
	fs->db = calloc(1, sizeof *fs->db);
	if (!fs->f || !fs->db) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "out of memory loading fonts");
		return false;
	}
	char buf[PATH_MAX];
	nq_buf looked = { .a = d->arena };
	dir = font_dir(dir, buf, sizeof buf, &looked);
	for (int i = 0; i < NQ_FONT__COUNT; i++) {
		char *path = nq_sprintf(d->arena, "%s/%s", dir, bundled[i].file);
		const char *why, *fmt;
		nq_font *f = &fs->f[i];
		fs->db->n = (size_t)i + 1;
		if (!nq_font_open(f, path, 0, &why, &fmt)) {
			if (!fmt && !strcmp(why, "not found") && looked.n)
				nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1,
				            "the bundled fonts are not in %s; reinstall nqpdf, or set --font-dir or NQPDF_FONT_DIR",
				            nq_buf_cstr(&looked));
			else if (!fmt && !strcmp(why, "not found"))
				nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1,
				            "font '%s' not found (set --font-dir or NQPDF_FONT_DIR)", path);
			else
				font_error(d, NULL, -1, path, why, fmt);
			return false;
		}
		/* The table knows better than OS/2 for these three. */
		f->bold = bundled[i].bold;
		f->serif = bundled[i].serif;
	}
	return true;
}

void nq_fonts_free(nq_fontset *fs)
{
	if (fs->f && fs->db)
		for (size_t i = 0; i < fs->db->n; i++)
			nq_font_close(&fs->f[i]);
	if (fs->db)
		nq_fontdb_free(fs->db);
	free(fs->f);
	free(fs->db);
	memset(fs, 0, sizeof *fs);
}

size_t nq_fonts_count(const nq_fontset *fs)
{
	return fs->db ? fs->db->n : 0;
}

/* The messages of a font the issue names that cannot be used where it
 * points (the check itself is nq_file_confine's). */
static const nq_confine_msgs font_place = {
	.outside = "font '%s' is outside the issue's directory; fonts the issue names "
	           "must be in its directory (or below), unless --allow-outside is given",
	.missing = "font '%s' not found (%s: %s)",
	.link = "font '%s' leads outside the issue's directory (it resolves to %s "
	        "through a symbolic link); allowed only with --allow-outside",
};

/* Where an issue's font name points, or NULL after an error: file is the
 * name without its #INDEX; messages show fn->name as written. */
static const char *confine(nq_arena *a, const char *dir, const nq_font_name *fn,
                           const char *file, bool allow, nq_diags *d)
{
	return nq_file_confine(a, dir, file, fn->name, fn->path, fn->offset, allow, &font_place, d);
}

/* "FILE#INDEX" names face INDEX of a collection (.ttc, .otc); the index
 * is cut off here, so that the path rules and realpath see the file.  Any
 * name ending in '#' and 1 to 5 digits is read so (FreeType's face index
 * is 16-bit: nq_font_open refuses one past 65,535 like any other face
 * the file does not have). */
static const char *split_index(nq_arena *a, const char *name, unsigned *index)
{
	const char *h = strrchr(name, '#');
	size_t nd = h ? strlen(h + 1) : 0;
	*index = 0;
	if (!h || h == name || nd == 0 || nd > 5 || strspn(h + 1, "0123456789") != nd)
		return name;
	*index = (unsigned)strtoul(h + 1, NULL, 10);
	return nq_sprintf(a, "%.*s", (int)(h - name), name);
}

/* Open face index of open_path into f; errors name it as shown. */
static bool open_named(nq_font *f, const char *open_path, unsigned index, const char *shown,
                       const char *jpath, long off, nq_diags *d)
{
	const char *why, *fmt;
	if (nq_font_open(f, open_path, index, &why, &fmt))
		return true;
	font_error(d, jpath, off, shown, why, fmt);
	nq_font_close(f);
	return false;
}

/* Open one named fallback face into the next slot.  A face named twice
 * (file after resolving, and index) is kept once. */
static bool add_named(nq_fontset *fs, const char *open_path, unsigned index, const char *shown,
                      const char *jpath, long off, nq_diags *d)
{
	struct nq_fontdb *db = fs->db;
	char real[PATH_MAX];
	const char *key = realpath(open_path, real) ? real : open_path;
	for (size_t i = NQ_FONT__COUNT; i < db->n; i++)
		if (!strcmp(fs->f[i].path, key) && fs->f[i].index == index)
			return true;
	if (db->n >= NQ_FONT_MAX) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, jpath, off, "font '%s': too many fonts (at most %d)",
		            shown, NQ_FONT_MAX - NQ_FONT__COUNT);
		return false;
	}
	if (!open_named(&fs->f[db->n], key, index, shown, jpath, off, d))
		return false;
	db->n++;
	db->nextra++;
	return true;
}

/* Where a name the issue gives leads (confined, see confine()), and its
 * face index; NULL after an error. */
static const char *issue_path(nq_arena *a, const char *dir, const nq_font_name *fn, bool allow,
                              unsigned *index, nq_diags *d)
{
	return confine(a, dir, fn, split_index(a, fn->name, index), allow, d);
}

/* The face of each role (docs/fonts.md, "Faces per role"): the command
 * line's, else the issue's, else the bundled one.  A face replaced is
 * kept in out[] to join the chain after the named fallbacks, so the
 * bundled fonts still cover what a named face lacks. */
static bool roles(nq_fontset *fs, const nq_options *opt, const nq_font_name *faces,
                  const char *dir, nq_font *out, size_t *nout, nq_diags *d)
{
	bool ok = true, named[NQ_FONT__COUNT] = { false };
	for (int r = 0; r < NQ_FONT__COUNT; r++) {
		nq_font t = { 0 };
		unsigned index;
		const char *p, *shown, *jpath = NULL;
		long off = -1;
		if (opt->faces[r]) {
			shown = opt->faces[r];
			p = split_index(d->arena, shown, &index);
		} else if (faces && faces[r].name) {
			shown = faces[r].name;
			jpath = faces[r].path;
			off = faces[r].offset;
			p = issue_path(d->arena, dir, &faces[r], opt->allow_outside, &index, d);
			if (!p) {
				ok = false;
				continue;
			}
		} else {
			continue;
		}
		if (!open_named(&t, p, index, shown, jpath, off, d)) {
			ok = false;
			continue;
		}
		out[(*nout)++] = fs->f[r];
		fs->f[r] = t;
		named[r] = true;
	}
	/* Bold follows a named body face: a single-weight family (仿宋,
	 * 楷体) has no bold of its own, and the bundled Noto Serif SC Bold
	 * would be another design in the same line. */
	if (named[NQ_FONT_BODY] && !named[NQ_FONT_BODY_BOLD]) {
		nq_font t = { 0 };
		const nq_font *b = &fs->f[NQ_FONT_BODY];
		if (open_named(&t, b->path, b->index, b->path, NULL, -1, d)) {
			out[(*nout)++] = fs->f[NQ_FONT_BODY_BOLD];
			fs->f[NQ_FONT_BODY_BOLD] = t;
			named[NQ_FONT_BODY_BOLD] = true;
		} else {
			ok = false;
		}
	}
	/* Synthetic bold (docs/fonts.md) for the bold roles without a bold
	 * design; the bundled faces are bold by the table. */
	for (int r = NQ_FONT_BODY_BOLD; r <= NQ_FONT_HEADING; r++)
		if (named[r] && !fs->f[r].bold)
			fs->f[r].synth_bold = true;
	return ok;
}

bool nq_fonts_chain(nq_fontset *fs, const nq_options *opt, const nq_font_name *issue,
                    size_t nissue, const nq_font_name *faces, nq_diags *d)
{
	struct nq_fontdb *db = fs->db;
	bool ok = true;
	if (!db)
		return false;
	db->d = d;
	db->system = opt->system_fonts;
	const char *dir = opt->input_dir && *opt->input_dir ? opt->input_dir : ".";
	nq_font displaced[NQ_FONT__COUNT];
	size_t ndisplaced = 0;
	ok = roles(fs, opt, faces, dir, displaced, &ndisplaced, d);
	/* The command line's own fonts: the user chose them, any path goes. */
	for (size_t i = 0; i < opt->nfonts; i++) {
		unsigned index;
		const char *p = opt->fonts[i] ? split_index(d->arena, opt->fonts[i], &index) : NULL;
		if (p && !add_named(fs, p, index, opt->fonts[i], NULL, -1, d))
			ok = false;
	}
	for (size_t i = 0; i < nissue; i++) {
		unsigned index;
		const char *p = issue_path(d->arena, dir, &issue[i], opt->allow_outside, &index, d);
		if (!p || !add_named(fs, p, index, issue[i].name, issue[i].path, issue[i].offset, d))
			ok = false;
	}
	/* Last before the system's: the bundled faces a role displaced. */
	for (size_t i = 0; i < ndisplaced; i++) {
		if (db->n < NQ_FONT_MAX) {
			fs->f[db->n++] = displaced[i];
			db->nextra++;
		} else {
			nq_font_close(&displaced[i]);
		}
	}
	return ok;
}

int nq_font_advance(const nq_font *f, unsigned gid)
{
	return (int)hb_font_get_glyph_h_advance(f->font, gid);
}
