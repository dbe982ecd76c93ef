/*
 * subset.c - a TrueType (glyf/loca) subsetter for the embedded fonts.
 *
 * Takes: the bytes of an sfnt file (a face of a collection), and the
 * sorted glyph ids the document uses.
 * Makes: a TrueType font program holding glyph 0, those glyphs and the
 * components of the composite ones among them, renumbered densely
 * (glyph 0, then the glyphs of other advances, then those of the most
 * common advance), without hinting; and each used glyph's new id.
 * Leaves to others: which glyphs (hpdf.c's collect_glyphs), CFF fonts and
 * anything this cannot read (hb-subset, in hpdf.c's subset_font), the PDF
 * objects around the program (hpdf.c).
 *
 * Why not hb-subset: for the bundled 65,535-glyph CJK faces, plan creation
 * (hb_subset_plan_create_or_fail in HarfBuzz 6.0) took 49 M of the example
 * issue's 211 M instructions, most of it walking the whole face (the cmap
 * for the Unicode closure, every table's plan) to embed a few hundred
 * glyphs - see docs/performance.md.  A CIDFontType2 program needs only
 * glyf, loca, head, hhea, hmtx and maxp (PDF 32000-1, 9.9, Table 126 less
 * the hinting tables, which NO_HINTING dropped before too); the text layer
 * selects glyphs by id (Identity-H, CIDToGIDMap), so cmap and the layout
 * tables go.  The CIDs are the new glyph ids (CIDToGIDMap Identity), so
 * the order is ours to choose: the glyphs of the common advance (1000 for
 * the ideographs) go last, where they share hmtx's last long metric -
 * numberOfHMetrics 75 instead of 732 for the example's 735 body glyphs,
 * 252 bytes less in its PDF.
 *
 * Every offset is checked against the table it is read from: the input
 * is any font a user names (font.c checks the directory and loca, but
 * this is fuzzed on its own terms through tests/fuzz/fuzz_font.c).
 */
#include "subset.h"

#include <stdlib.h>
#include <string.h>

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned rd16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void wr16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void wr32(unsigned char *p, uint32_t v)
{
	wr16(p, v >> 16);
	wr16(p + 2, v & 0xFFFF);
}

#define TAG(s) ((uint32_t)(s)[0] << 24 | (uint32_t)(s)[1] << 16 | (uint32_t)(s)[2] << 8 | (uint32_t)(s)[3])

typedef struct tab {
	const unsigned char *p;
	size_t n;
} tab;

/* The table tag of the face whose directory starts at dir; false when
 * absent or outside the file. */
static bool find_table(const unsigned char *f, size_t len, size_t dir, const char *tag, tab *t)
{
	unsigned nt = rd16(f + dir + 4);
	if ((len - dir - 12) / 16 < nt)
		return false;
	for (unsigned i = 0; i < nt; i++) {
		const unsigned char *r = f + dir + 12 + 16 * (size_t)i;
		if (rd32(r) != TAG(tag))
			continue;
		size_t off = rd32(r + 8), n = rd32(r + 12);
		if (off > len || n > len - off)
			return false;
		t->p = f + off;
		t->n = n;
		return true;
	}
	return false;
}

/* Composite glyph flags (OpenType spec, "glyf": Composite glyph
 * description). */
enum {
	ARG_1_AND_2_ARE_WORDS = 0x0001,
	ARGS_ARE_XY_VALUES = 0x0002,
	WE_HAVE_A_SCALE = 0x0008,
	MORE_COMPONENTS = 0x0020,
	WE_HAVE_AN_X_AND_Y_SCALE = 0x0040,
	WE_HAVE_A_TWO_BY_TWO = 0x0080,
	WE_HAVE_INSTRUCTIONS = 0x0100,
};

/* The components of a composite glyph g[0, n): offsets of their glyph
 * index fields into at[] (room for max), their count in *nc, and the end
 * of the last component.  0 when g is cut short. */
static size_t components(const unsigned char *g, size_t n, size_t *at, size_t max, size_t *nc)
{
	size_t p = 10;
	unsigned flags;
	*nc = 0;
	do {
		if (n < p + 4)
			return 0;
		flags = rd16(g + p);
		if (*nc < max)
			at[*nc] = p + 2;
		(*nc)++;
		p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
		if (flags & WE_HAVE_A_SCALE)
			p += 2;
		else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
			p += 4;
		else if (flags & WE_HAVE_A_TWO_BY_TWO)
			p += 8;
		if (p > n)
			return 0;
	} while (flags & MORE_COMPONENTS);
	return p;
}

/* One source font: its glyphs by old id (subset.h). */
typedef nq_ttf_glyphs src;

/* Glyph gid's bytes in glyf; false if loca points outside glyf or
 * backwards. */
static bool glyph(const src *s, unsigned gid, const unsigned char **p, size_t *n)
{
	size_t a, b;
	if (s->long_loca) {
		a = rd32(s->loca + 4 * (size_t)gid);
		b = rd32(s->loca + 4 * (size_t)gid + 4);
	} else {
		a = 2 * (size_t)rd16(s->loca + 2 * (size_t)gid);
		b = 2 * (size_t)rd16(s->loca + 2 * (size_t)gid + 2);
	}
	if (a > b || b > s->glyf_n)
		return false;
	*p = s->glyf + a;
	*n = b - a;
	return true;
}

/* The directory of face index in f[0, len) at *dir; false for CFF
 * ('OTTO') and for a collection index or directory outside the file. */
static bool face_dir(const unsigned char *f, size_t len, unsigned index, size_t *dir)
{
	*dir = 0;
	if (len >= 16 && !memcmp(f, "ttcf", 4)) {
		if (index >= rd32(f + 8) || (len - 12) / 4 <= index)
			return false;
		*dir = rd32(f + 12 + 4 * (size_t)index);
	}
	return *dir <= len && len - *dir >= 12 && rd32(f + *dir) != TAG("OTTO");
}

/* glyf and loca of the face at dir, read through head and maxp (which
 * go to *head and *maxp); false when any is missing or cut short. */
static bool open_glyphs(const unsigned char *f, size_t len, size_t dir, src *s, tab *head, tab *maxp)
{
	tab glyf, loca;
	if (!find_table(f, len, dir, "glyf", &glyf) || !find_table(f, len, dir, "loca", &loca) ||
	    !find_table(f, len, dir, "head", head) || !find_table(f, len, dir, "maxp", maxp))
		return false;
	if (head->n < 54 || maxp->n < 6)
		return false;
	int locfmt = (int16_t)rd16(head->p + 50);
	if (locfmt != 0 && locfmt != 1)
		return false;
	s->glyf = glyf.p;
	s->glyf_n = glyf.n;
	s->loca = loca.p;
	s->long_loca = locfmt == 1;
	s->nglyphs = rd16(maxp->p + 4);
	s->max_ins = maxp->n >= 28 ? rd16(maxp->p + 26) : 0;
	return s->nglyphs > 0 && loca.n / (s->long_loca ? 4 : 2) >= (size_t)s->nglyphs + 1;
}

bool nq_ttf_glyphs_open(nq_ttf_glyphs *t, const unsigned char *file, size_t len, unsigned index)
{
	size_t dir;
	tab head, maxp;
	memset(t, 0, sizeof *t);
	if (face_dir(file, len, index, &dir) && open_glyphs(file, len, dir, t, &head, &maxp))
		return true;
	memset(t, 0, sizeof *t); /* nq_ttf_glyph_clean then says false */
	return false;
}

/* Simple glyph flags (OpenType spec, "glyf": Simple glyph description). */
enum {
	X_SHORT_VECTOR = 0x02,
	Y_SHORT_VECTOR = 0x04,
	REPEAT_FLAG = 0x08,
	X_IS_SAME_OR_POSITIVE = 0x10,
	Y_IS_SAME_OR_POSITIVE = 0x20,
};

/* Coordinate bytes a point with flags f has: x and y each 1 (short
 * vector), 0 (same as the previous) or 2; by the low 6 bits of f. */
#define XYB(f) (((f) & X_SHORT_VECTOR ? 1 : (f) & X_IS_SAME_OR_POSITIVE ? 0 : 2) + \
                ((f) & Y_SHORT_VECTOR ? 1 : (f) & Y_IS_SAME_OR_POSITIVE ? 0 : 2))
#define XYB4(f) XYB(f), XYB((f) + 1), XYB((f) + 2), XYB((f) + 3)
#define XYB16(f) XYB4(f), XYB4((f) + 4), XYB4((f) + 8), XYB4((f) + 12)
static const unsigned char xy_bytes[64] = { XYB16(0), XYB16(16), XYB16(32), XYB16(48) };

/* Bounds of nq_ttf_glyph_clean: FreeType's outlines count points and
 * contours in shorts (FT_Outline), and it adds 4 phantom points; nesting
 * deeper than 8 (fonts nest 1 or 2 deep) is left to FreeType, which also
 * finds component cycles - a cycle runs into the depth bound here. */
enum { CLEAN_MAX_POINTS = 0x7FFF - 4, CLEAN_MAX_DEPTH = 8 };

/* nq_ttf_glyph_clean for glyph gid at nesting depth, adding its points
 * and contours to *pts and *cnt. */
static bool clean(const src *t, unsigned gid, int depth, unsigned long *pts, unsigned long *cnt)
{
	const unsigned char *g;
	size_t n;
	if (gid >= t->nglyphs || !glyph(t, gid, &g, &n))
		return false;
	if (n == 0)
		return true;
	if (n < 10)
		return false;
	int nc = (int16_t)rd16(g);
	if (nc > 0) {
		size_t p = 10 + 2 * (size_t)nc;
		if (n < p + 2)
			return false;
		long prev = -1; /* contour ends rise strictly, from 0 */
		for (int i = 0; i < nc; i++) {
			long e = (int16_t)rd16(g + 10 + 2 * (size_t)i);
			if (e <= prev)
				return false;
			prev = e;
		}
		unsigned long np = (unsigned long)prev + 1;
		*pts += np;
		*cnt += (unsigned long)nc;
		if (*pts > CLEAN_MAX_POINTS || *cnt > CLEAN_MAX_POINTS)
			return false;
		unsigned ins = rd16(g + p);
		p += 2;
		if (ins > t->max_ins || n - p < ins)
			return false;
		p += ins;
		/* The flags, then as many x and y bytes as they say. */
		size_t xy = 0;
		for (unsigned long k = 0; k < np;) {
			if (p >= n)
				return false;
			unsigned fl = g[p++];
			unsigned long rep = 1;
			if (fl & REPEAT_FLAG) {
				if (p >= n)
					return false;
				rep += g[p++];
				if (rep > np - k)
					return false;
			}
			xy += rep * xy_bytes[fl & 0x3F];
			k += rep;
		}
		return xy <= n - p;
	}
	if (nc != -1 || depth >= CLEAN_MAX_DEPTH)
		return false;
	size_t p = 10;
	unsigned fl;
	do {
		if (n < p + 4)
			return false;
		fl = rd16(g + p);
		if (!(fl & ARGS_ARE_XY_VALUES) || (fl & WE_HAVE_INSTRUCTIONS))
			return false;
		unsigned cg = rd16(g + p + 2);
		p += 4 + (fl & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
		if (fl & WE_HAVE_A_SCALE)
			p += 2;
		else if (fl & WE_HAVE_AN_X_AND_Y_SCALE)
			p += 4;
		else if (fl & WE_HAVE_A_TWO_BY_TWO)
			p += 8;
		if (p > n || !clean(t, cg, depth + 1, pts, cnt))
			return false;
	} while (fl & MORE_COMPONENTS);
	return true;
}

bool nq_ttf_glyph_clean(const nq_ttf_glyphs *t, unsigned gid)
{
	unsigned long pts = 0, cnt = 0;
	return t->glyf && clean(t, gid, 0, &pts, &cnt);
}

/* Bytes glyph g[0, n) takes without its instructions; 0 for an empty
 * glyph, (size_t)-1 when it is cut short. */
static size_t stripped_len(const unsigned char *g, size_t n)
{
	if (n == 0)
		return 0;
	if (n < 10)
		return (size_t)-1;
	int nc = (int16_t)rd16(g);
	if (nc < 0) {
		size_t at[1], cnt, end = components(g, n, at, 0, &cnt);
		return end ? end : (size_t)-1;
	}
	size_t ins = 10 + 2 * (size_t)nc; /* instructionLength */
	if (n < ins + 2 || n - ins - 2 < rd16(g + ins))
		return (size_t)-1;
	return n - rd16(g + ins);
}

/* Tables of the output, in tag order (the directory is sorted). */
/* No post: a PDF names no glyphs, and neither 32000-1 (9.9) nor a PDF/A
 * validator (veraPDF reads post only when present) asks for it;
 * dvipdfmx leaves it out too.  OS/2 stays: 96 bytes, the embedding
 * licence (fsType) that dvipdfmx also keeps, and a table Windows
 * rasterizers want.  Measured on the example: without post 73 bytes
 * less, without OS/2 as well 325 (docs/performance.md). */
enum { T_OS2, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_N };
/* A subset holds at least this many glyphs, the ones past those used
 * empty.  MuPDF (1.21, the text extraction of PyMuPDF and of checkers
 * built on it) asks FreeType for the advance of glyph 3 of a CID font it
 * extracts text from, used or not; with fewer glyphs FreeType answers
 * "invalid glyph index" and the checker counts the font as broken (a
 * Markdown issue whose only fallback character is ₂, real-text trial 5).
 * An empty glyph costs 4 bytes of loca and hmtx. */
#define MIN_GLYPHS 4

static const char out_tags[T_N][5] = { "OS/2", "glyf", "head", "hhea", "hmtx", "loca", "maxp" };

/* The sfnt checksum of p[0, n), n a multiple of 4 (tables are zero
 * padded to 4 bytes in the output). */
static uint32_t checksum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i += 4)
		s += rd32(p + i);
	return s;
}

/* The glyph set of nq_ttf_subset: bit g of the bitmap for glyph g. */
#define SET(b, g) ((b)[(g) / 64] |= (uint64_t)1 << ((g) % 64))
#define HAS(b, g) ((b)[(g) / 64] >> ((g) % 64) & 1)

/* How many glyphs the bitmap of n glyphs holds. */
static unsigned count_kept(const uint64_t *b, unsigned n)
{
	unsigned k = 0;
	for (unsigned w = 0; w < (n + 63) / 64; w++)
		k += (unsigned)__builtin_popcountll(b[w]);
	return k;
}

/* The new id of kept glyph g: its index in old[0, k), the kept glyphs in
 * rising order. */
static unsigned new_id(const unsigned *old, unsigned k, unsigned g)
{
	unsigned lo = 0, hi = k;
	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;
		if (old[mid] <= g)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The advance of glyph g in hmtx (nhm long metrics, checked). */
static unsigned advance(const tab *hmtx, unsigned nhm, unsigned g)
{
	return rd16(hmtx->p + 4 * (size_t)(g < nhm ? g : nhm - 1));
}

static int cmp_uint(const void *x, const void *y)
{
	unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;
	return (a > b) - (a < b);
}

/* The most common advance of glyphs g[0, n), the smallest of equals. */
static unsigned common_advance(nq_arena *a, const tab *hmtx, unsigned nhm, const unsigned *g,
                               unsigned n)
{
	unsigned *v = NQ_NEWN(a, unsigned, n), best = 0, bestn = 0;
	for (unsigned i = 0; i < n; i++)
		v[i] = advance(hmtx, nhm, g[i]);
	qsort(v, n, sizeof *v, cmp_uint);
	for (unsigned i = 0, run = 0; i < n; i++) {
		run = i > 0 && v[i] == v[i - 1] ? run + 1 : 1;
		if (run > bestn) {
			bestn = run;
			best = v[i];
		}
	}
	return best;
}

bool nq_ttf_subset(nq_arena *a, const unsigned char *f, size_t len, unsigned index,
                   const uint32_t *gids, size_t n, unsigned *newgid,
                   const unsigned char **out, size_t *outlen, unsigned *nglyphs)
{
	size_t dir;
	tab head, hhea, hmtx, maxp, os2 = { 0 };
	src s = { 0 };

	if (!face_dir(f, len, index, &dir) || !open_glyphs(f, len, dir, &s, &head, &maxp) ||
	    !find_table(f, len, dir, "hhea", &hhea) || !find_table(f, len, dir, "hmtx", &hmtx))
		return false;
	find_table(f, len, dir, "OS/2", &os2);
	if (hhea.n < 36)
		return false;
	unsigned nhm = rd16(hhea.p + 34);
	if (nhm == 0 || nhm > s.nglyphs || hmtx.n / 4 < nhm)
		return false;

	/* The glyph set: 0, the used glyphs and, transitively, the
	 * components of composites; each glyph enters the work list once,
	 * so a component cycle in a broken font ends.  Scratch sized by the
	 * glyphs kept, not the face: a bitmap of the face's 65,535 glyphs is
	 * 8 KB, where arrays of them were 0.8 MB zeroed per face. */
	uint64_t *keep = NQ_NEWN(a, uint64_t, (s.nglyphs + 63) / 64);
	size_t nwork = 0, capwork = 0;
	unsigned *work = NULL;
	SET(keep, 0);
	*NQ_PUSH(a, work, nwork, capwork) = 0;
	for (size_t i = 0; i < n; i++) {
		if (gids[i] >= s.nglyphs)
			return false;
		if (!HAS(keep, gids[i])) {
			SET(keep, gids[i]);
			*NQ_PUSH(a, work, nwork, capwork) = gids[i];
		}
	}
	while (nwork > 0) {
		unsigned g = work[--nwork];
		const unsigned char *gp;
		size_t gn;
		if (!glyph(&s, g, &gp, &gn))
			return false;
		if (gn < 10 || (int16_t)rd16(gp) >= 0)
			continue;
		size_t at[64], nc;
		if (!components(gp, gn, at, 64, &nc) || nc > 64)
			return false;
		for (size_t c = 0; c < nc; c++) {
			unsigned cg = rd16(gp + at[c]);
			if (cg >= s.nglyphs)
				return false;
			if (!HAS(keep, cg)) {
				SET(keep, cg);
				*NQ_PUSH(a, work, nwork, capwork) = cg;
			}
		}
	}

	/* The kept glyphs in old-id order; the stripped size of each glyph,
	 * padded to 2 bytes so that the short loca (offset / 2) can serve. */
	unsigned *old = NQ_NEWN(a, unsigned, count_kept(keep, s.nglyphs));
	unsigned k = 0;
	size_t glyf_n = 0;
	for (unsigned wd = 0; wd < (s.nglyphs + 63) / 64; wd++) {
		for (uint64_t bits = keep[wd]; bits; bits &= bits - 1) {
			unsigned g = 64 * wd + (unsigned)__builtin_ctzll(bits);
			const unsigned char *gp;
			size_t gn, sl;
			if (!glyph(&s, g, &gp, &gn) || (sl = stripped_len(gp, gn)) == (size_t)-1)
				return false;
			glyf_n += (sl + 1) & ~(size_t)1;
			old[k++] = g;
		}
	}
	/* Output order: glyph 0, the glyphs whose advance is not the most
	 * common one, then those whose advance is (old-id order within
	 * each), so that hmtx ends in a run of one advance that shares
	 * the last long metric. */
	unsigned *newpos = NQ_NEWN(a, unsigned, k), *order = NQ_NEWN(a, unsigned, k);
	unsigned dom = k > 1 ? common_advance(a, &hmtx, nhm, old + 1, k - 1) : 0;
	unsigned j = 0;
	for (int pass = 0; pass < 3; pass++)
		for (unsigned i = 0; i < k; i++) {
			bool d = i > 0 && advance(&hmtx, nhm, old[i]) == dom;
			if ((pass == 0 && i == 0) || (pass == 1 && i > 0 && !d) || (pass == 2 && d)) {
				newpos[i] = j;
				order[j++] = old[i];
			}
		}
	for (size_t i = 0; i < n; i++)
		newgid[i] = newpos[new_id(old, k, gids[i])];
	const unsigned *sorted = old;
	old = order;
	bool long_loca = glyf_n > 0x1FFFE;

	/* At least MIN_GLYPHS glyphs: the rest empty, of the last advance. */
	unsigned kk = k < MIN_GLYPHS ? MIN_GLYPHS : k;

	/* The tables, each padded to 4 bytes in the file. */
	size_t tn[T_N] = { 0 };
	tn[T_OS2] = os2.n;
	tn[T_GLYF] = glyf_n;
	tn[T_HEAD] = 54;
	tn[T_HHEA] = 36;
	/* Trailing glyphs of one advance share the last long metric. */
	unsigned nh = kk;
	unsigned *adv = NQ_NEWN(a, unsigned, kk);
	int *lsb = NQ_NEWN(a, int, kk); /* zeroed: the padding's */
	for (unsigned i = 0; i < kk; i++) {
		if (i >= k) {
			adv[i] = adv[k - 1];
			continue;
		}
		unsigned g = old[i];
		adv[i] = advance(&hmtx, nhm, g);
		size_t lo = g < nhm ? 4 * (size_t)g + 2 : 4 * (size_t)nhm + 2 * (size_t)(g - nhm);
		lsb[i] = lo + 2 <= hmtx.n ? (int16_t)rd16(hmtx.p + lo) : 0;
	}
	while (nh > 1 && adv[nh - 1] == adv[nh - 2])
		nh--;
	tn[T_HMTX] = 4 * (size_t)nh + 2 * (size_t)(kk - nh);
	tn[T_LOCA] = ((size_t)kk + 1) * (long_loca ? 4 : 2);
	tn[T_MAXP] = maxp.n < 32 ? maxp.n : 32;

	unsigned nt = 0;
	for (int t = 0; t < T_N; t++)
		nt += tn[t] > 0;
	size_t total = 12 + 16 * (size_t)nt, at[T_N];
	for (int t = 0; t < T_N; t++) {
		at[t] = total;
		total += (tn[t] + 3) & ~(size_t)3;
	}
	unsigned char *o = nq_alloc(a, total); /* zeroed: the padding */

	/* glyf and loca */
	unsigned char *gl = o + at[T_GLYF], *lo = o + at[T_LOCA];
	size_t pos = 0;
	for (unsigned i = 0; i < k; i++) {
		const unsigned char *gp;
		size_t gn;
		if (long_loca)
			wr32(lo + 4 * (size_t)i, (uint32_t)pos);
		else
			wr16(lo + 2 * (size_t)i, (unsigned)(pos / 2));
		(void)glyph(&s, old[i], &gp, &gn); /* checked above */
		unsigned char *d = gl + pos;
		size_t sl = stripped_len(gp, gn);
		if (gn == 0) {
			/* empty */
		} else if ((int16_t)rd16(gp) < 0) {
			size_t cat[64], nc;
			memcpy(d, gp, sl);
			(void)components(gp, gn, cat, 64, &nc); /* nc <= 64: checked above */
			for (size_t c = 0; c < nc; c++) {
				wr16(d + cat[c], newpos[new_id(sorted, k, rd16(gp + cat[c]))]);
				unsigned fl = rd16(d + cat[c] - 2) & ~(unsigned)WE_HAVE_INSTRUCTIONS;
				wr16(d + cat[c] - 2, fl);
			}
		} else {
			size_t ins = 10 + 2 * (size_t)(int16_t)rd16(gp);
			size_t il = rd16(gp + ins);
			memcpy(d, gp, ins);
			wr16(d + ins, 0);
			memcpy(d + ins + 2, gp + ins + 2 + il, gn - ins - 2 - il);
		}
		pos += (sl + 1) & ~(size_t)1;
	}
	for (unsigned i = k; i <= kk; i++) {
		if (long_loca)
			wr32(lo + 4 * (size_t)i, (uint32_t)pos);
		else
			wr16(lo + 2 * (size_t)i, (unsigned)(pos / 2));
	}

	/* hmtx */
	unsigned char *hm = o + at[T_HMTX];
	for (unsigned i = 0; i < kk; i++) {
		if (i < nh) {
			wr16(hm + 4 * (size_t)i, adv[i]);
			wr16(hm + 4 * (size_t)i + 2, (unsigned)lsb[i] & 0xFFFF);
		} else {
			wr16(hm + 4 * (size_t)nh + 2 * (size_t)(i - nh), (unsigned)lsb[i] & 0xFFFF);
		}
	}

	/* The fixed-size tables, copied with their counts changed. */
	memcpy(o + at[T_HEAD], head.p, 54);
	wr32(o + at[T_HEAD] + 8, 0); /* checkSumAdjustment, set below */
	wr16(o + at[T_HEAD] + 50, long_loca);
	memcpy(o + at[T_HHEA], hhea.p, 36);
	wr16(o + at[T_HHEA] + 34, nh);
	memcpy(o + at[T_MAXP], maxp.p, tn[T_MAXP]);
	wr16(o + at[T_MAXP] + 4, kk);
	if (tn[T_OS2])
		memcpy(o + at[T_OS2], os2.p, os2.n);

	/* The directory: version 1.0, binary search fields, sorted records. */
	unsigned es = 0;
	while ((2u << es) <= nt)
		es++;
	wr32(o, 0x00010000);
	wr16(o + 4, nt);
	wr16(o + 6, 16u << es);
	wr16(o + 8, es);
	wr16(o + 10, nt * 16 - (16u << es));
	unsigned char *r = o + 12;
	uint32_t sum = 0; /* of the whole file: the tables' and the directory's */
	for (int t = 0; t < T_N; t++) {
		if (!tn[t])
			continue;
		uint32_t cs = checksum(o + at[t], (tn[t] + 3) & ~(size_t)3);
		sum += cs;
		wr32(r, TAG(out_tags[t]));
		wr32(r + 4, cs);
		wr32(r + 8, (uint32_t)at[t]);
		wr32(r + 12, (uint32_t)tn[t]);
		r += 16;
	}
	sum += checksum(o, 12 + 16 * (size_t)nt);
	wr32(o + at[T_HEAD] + 8, 0xB1B0AFBAu - sum);

	*out = o;
	*outlen = total;
	*nglyphs = kk;
	return true;
}
