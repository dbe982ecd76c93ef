/*
 * fallback.c - which face sets a character: the fallback chain.
 *
 * Takes: a code point, the face its style asks for, and where its text
 * came from (JSON pointer and source offset) for messages.
 * Makes: a face index (nq_font_id) - the style's own face when it has the
 * character, else the first face of the chain that does: the other two
 * bundled faces, the named fallbacks in order (--font, then the issue's
 * "options.fonts"), the system faces loaded so far, and finally a new
 * system face from fontconfig (TrueType with glyf or OpenType-CFF, loaded
 * once per run).  A character no face has stays in the style's face as .notdef and
 * gets one warning per text.
 * Leaves to others: opening files (font.c), cutting text into runs by
 * face (linebreak/atoms.c), embedding each face used (pdf/hpdf.c).
 *
 * Deterministic for a given machine: the chain's order is fixed, faces are
 * numbered in the order characters first need them, and fontconfig's sort
 * order depends only on its configuration and the installed fonts.
 */
#define _DEFAULT_SOURCE /* strdup */
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#include "fontdb.h"
#include "util/util.h"

/* Enough to name every distinct missing character of a real issue; past
 * it one more warning says the rest are not listed (--report counts). */
#define MAX_MISSING_WARNINGS 64

static bool has(const nq_font *f, int32_t cp)
{
	hb_codepoint_t g;
	return f->font && hb_font_get_nominal_glyph(f->font, (hb_codepoint_t)cp, &g);
}

static hb_unicode_general_category_t category(int32_t cp)
{
	return hb_unicode_general_category(hb_unicode_funcs_get_default(), (hb_codepoint_t)cp);
}

/* Variation selectors (Unicode 15 §23.4; U+180B..U+180D and U+180F are
 * Mongolian's). */
static bool variation_selector(int32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       (cp >= 0x180B && cp <= 0x180D) || cp == 0x180F;
}

/* Characters that belong to the cluster before them: combining marks,
 * variation selectors, ZWJ/ZWNJ and tag characters.  Their base's face
 * sets them, so HarfBuzz sees base and mark together. */
static bool joins(int32_t cp)
{
	hb_unicode_general_category_t c = category(cp);
	return c == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	       c == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       c == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || variation_selector(cp) ||
	       cp == 0x200C || cp == 0x200D || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Default-ignorable code points (Unicode DerivedCoreProperties.txt):
 * HarfBuzz hides them when the font lacks them, so there is no box to
 * warn about. */
static bool ignorable(int32_t cp)
{
	return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160) ||
	       (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
	       (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
	       (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* HarfBuzz draws these itself when the font lacks them (hb-ot-shape's
 * space fallback sizes U+2000..U+200A and friends from the em; U+2011
 * borrows U+2010), so a missing one is no tofu. */
static bool synthesized(int32_t cp)
{
	return category(cp) == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR || cp == 0x2011;
}

/* ------------------------------------------------------------ fontconfig */

/* A new system face with cp, or -1.  fontconfig sorts every font for a
 * pattern of just this character (FcFontSort, untrimmed: the charset is
 * only a preference there), so the first font that really has it and is
 * TrueType with glyf or OpenType-CFF wins (a face of a collection too:
 * FC_INDEX); Type 1, CFF2 and bitmap fonts are passed over without a
 * word, since nobody named them.  zh-cn is asked for so that a Chinese
 * design comes first when several fonts have the character. */
static int system_face(const nq_fontset *fs, int32_t cp, nq_font_id want)
{
	struct nq_fontdb *db = fs->db;
	if (!db->system || db->fc_failed || db->n >= NQ_FONT_MAX)
		return -1;
	if (!db->asked)
		db->asked = hb_set_create();
	if (hb_set_has(db->asked, (hb_codepoint_t)cp))
		return -1; /* asked before: found nothing a loaded face lacks */
	hb_set_add(db->asked, (hb_codepoint_t)cp);
	if (!db->fc) {
		db->fc = FcInitLoadConfigAndFonts();
		if (!db->fc) {
			db->fc_failed = true;
			if (db->d)
				nq_diag_add(db->d, NQ_WARNING, NQ_DC_IO, NULL, -1,
				            "fontconfig could not load its configuration; "
				            "no system fonts are used");
			return -1;
		}
	}
	int found = -1;
	FcPattern *pat = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	if (!pat || !cs || !FcCharSetAddChar(cs, (FcChar32)cp) ||
	    !FcPatternAddCharSet(pat, FC_CHARSET, cs) ||
	    !FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn") ||
	    /* A face of the role's kind first: a subscript ₄ from a sans
	     * face stood out in serif body text (real-text trial 4).  The
	     * first role to ask for a character decides its face. */
	    !FcPatternAddString(pat, FC_FAMILY,
	                        (const FcChar8 *)(want == NQ_FONT_HEADING ? "sans-serif" : "serif")) ||
	    !FcConfigSubstitute(db->fc, pat, FcMatchPattern))
		goto done;
	FcDefaultSubstitute(pat);
	FcResult res;
	FcFontSet *set = FcFontSort(db->fc, pat, FcFalse, NULL, &res);
	for (int i = 0; set && i < set->nfont && found < 0; i++) {
		FcPattern *p = set->fonts[i];
		FcCharSet *fcs;
		FcChar8 *file, *fmt;
		int index = 0;
		if (FcPatternGetCharSet(p, FC_CHARSET, 0, &fcs) != FcResultMatch ||
		    !FcCharSetHasChar(fcs, (FcChar32)cp) ||
		    FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		if (FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
		    strcmp((const char *)fmt, "TrueType") != 0 && strcmp((const char *)fmt, "CFF") != 0)
			continue;
		if (FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch || index < 0)
			index = 0;
		bool loaded = false;
		for (size_t k = 0; k < db->n && !loaded; k++)
			loaded = fs->f[k].path && !strcmp(fs->f[k].path, (const char *)file) &&
			         fs->f[k].index == (unsigned)index;
		if (loaded)
			continue; /* HarfBuzz said it lacks cp, whatever the charset says */
		nq_font *f = &fs->f[db->n];
		if (nq_font_open(f, (const char *)file, (unsigned)index, NULL, NULL) && has(f, cp)) {
			found = (int)db->n++;
		} else {
			nq_font_close(f);
		}
	}
	if (set)
		FcFontSetDestroy(set);
done:
	if (cs)
		FcCharSetDestroy(cs);
	if (pat)
		FcPatternDestroy(pat);
	return found;
}

/* ------------------------------------------------------------ reports */

/* Decode one character of a JSON string at s[*i] (raw source, escapes
 * included); advances *i.  -1 for an escape that is not a character. */
static int32_t json_char(const char *s, size_t len, size_t *i)
{
	if (s[*i] != '\\')
		return nq_utf8_next(s, len, i);
	if (*i + 1 >= len) {
		(*i)++;
		return -1;
	}
	if (s[*i + 1] != 'u') {
		*i += 2;
		return -1;
	}
	unsigned v = 0, lo = 0;
	size_t k;
	for (k = *i + 2; k < *i + 6 && k < len; k++) {
		char c = s[k];
		v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	*i = k;
	if (v >= 0xD800 && v <= 0xDBFF && *i + 6 <= len && s[*i] == '\\' && s[*i + 1] == 'u') {
		for (k = *i + 2; k < *i + 6; k++) {
			char c = s[k];
			lo = lo * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
		}
		if (lo >= 0xDC00 && lo <= 0xDFFF) {
			*i = k;
			return (int32_t)(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
		}
	}
	return (int32_t)v;
}

/* The source offset of cp: inside the JSON string that starts at offset
 * (a paragraph or field), or, with no offset, in the first string of the
 * whole source that has it.  Falls back to offset. */
static long locate(const nq_diags *d, long offset, int32_t cp)
{
	const char *s = d->src;
	size_t len = d->srclen;
	if (!s || offset >= (long)len)
		return offset;
	size_t i = offset >= 0 ? (size_t)offset : 0;
	bool in = false;
	if (offset >= 0) {
		if (s[i] != '"')
			return offset;
	}
	while (i < len) {
		if (!in) {
			if (s[i++] == '"')
				in = true;
			continue;
		}
		if (s[i] == '"') {
			if (offset >= 0)
				break; /* the end of the field's string */
			in = false;
			i++;
			continue;
		}
		size_t at = i;
		if (json_char(s, len, &i) == cp)
			return (long)at;
	}
	return offset;
}

static bool printable(int32_t cp)
{
	switch (category(cp)) {
	case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
	case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
	case HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED:
	case HB_UNICODE_GENERAL_CATEGORY_PRIVATE_USE:
	case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
	case HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR:
	case HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR:
		return false;
	default:
		return true;
	}
}

/* FNV-1a 64 of what identifies a report: character, pointer, offset. */
static size_t miss_hash(int32_t cp, const char *path, long key)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *s = path ? path : ""; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	h = (h ^ (uint32_t)cp) * 0x100000001b3u;
	h = (h ^ (uint64_t)key) * 0x100000001b3u;
	return (size_t)(h ^ h >> 32);
}

static bool miss_eq(const nq_missing *m, int32_t cp, const char *path, long key)
{
	return m->cp == cp && m->offset == key &&
	       (path ? m->path && !strcmp(m->path, path) : !m->path);
}

/* Keep db->mslot at most half full: a table twice the size, refilled. */
static bool miss_grow(struct nq_fontdb *db)
{
	if (2 * (db->nmiss + 1) <= db->mcap)
		return true;
	size_t cap = db->mcap ? 2 * db->mcap : 64;
	size_t *t = calloc(cap, sizeof *t);
	if (!t)
		return false;
	for (size_t k = 0; k < db->nmiss; k++) {
		const nq_missing *m = &db->miss[k];
		size_t i = miss_hash(m->cp, m->path, m->offset) & (cap - 1);
		while (t[i])
			i = (i + 1) & (cap - 1);
		t[i] = k + 1;
	}
	free(db->mslot);
	db->mslot = t;
	db->mcap = cap;
	return true;
}

static void report_missing(struct nq_fontdb *db, int32_t cp, const char *path, long offset)
{
	if (!db->d)
		return;
	/* Without a pointer the offset means nothing (layout's texts for
	 * titles and headings leave it 0): look for the character instead. */
	if (!path)
		offset = -1;
	long key = path ? 0 : offset;
	if (!miss_grow(db))
		return;
	size_t slot = miss_hash(cp, path, key) & (db->mcap - 1);
	for (; db->mslot[slot]; slot = (slot + 1) & (db->mcap - 1))
		if (miss_eq(&db->miss[db->mslot[slot] - 1], cp, path, key))
			return;
	if (db->nmiss == db->capmiss) {
		size_t cap = db->capmiss ? db->capmiss * 2 : 16;
		nq_missing *v = realloc(db->miss, cap * sizeof *v);
		if (!v)
			return;
		db->miss = v;
		db->capmiss = cap;
	}
	nq_missing *m = &db->miss[db->nmiss++];
	db->mslot[slot] = db->nmiss;
	m->cp = cp;
	m->path = path ? strdup(path) : NULL;
	m->offset = key;
	if (db->nwarned > MAX_MISSING_WARNINGS)
		return;
	if (db->nwarned++ == MAX_MISSING_WARNINGS) {
		nq_diag_add(db->d, NQ_WARNING, NQ_DC_INPUT, NULL, -1,
		            "more characters are in no font; after %d they are not listed one by one",
		            MAX_MISSING_WARNINGS);
		return;
	}
	char u[5] = { 0 };
	if (printable(cp))
		u[nq_utf8_encode((uint32_t)cp, u)] = 0;
	nq_diag_add(db->d, NQ_WARNING, NQ_DC_INPUT, path, locate(db->d, offset, cp),
	            "no font has U+%04X%s%s%s: it is set as the .notdef box; name a font that has "
	            "it with --font or \"options\": {\"fonts\": [...]}",
	            (unsigned)cp, *u ? " '" : "", u, *u ? "'" : "");
}

/* ------------------------------------------------------------ the chain */

/* The other role faces, nearest first: the same family's other weight,
 * then the other family.  No synthetic bold for a fallback: a bold style
 * falling back to a regular face stays regular (docs/fonts.md); only a
 * role's own face is emboldened (font.c, roles()). */
static const nq_font_id bundled_alt[NQ_FONT__COUNT][NQ_FONT__COUNT - 1] = {
	[NQ_FONT_BODY] = { NQ_FONT_BODY_BOLD, NQ_FONT_HEADING },
	[NQ_FONT_BODY_BOLD] = { NQ_FONT_BODY, NQ_FONT_HEADING },
	[NQ_FONT_HEADING] = { NQ_FONT_BODY_BOLD, NQ_FONT_BODY },
};

nq_font_id nq_font_for(const nq_fontset *fs, nq_font_id want, int prev, int32_t cp,
                       const char *path, long offset)
{
	struct nq_fontdb *db = fs->db;
	size_t n = nq_fonts_count(fs);
	if ((size_t)want >= n)
		want = NQ_FONT_BODY;
	if (prev >= 0 && (size_t)prev < n && joins(cp))
		return (nq_font_id)prev;
	if (cp < 0 || has(&fs->f[want], cp))
		return want;
	if ((size_t)want < NQ_FONT__COUNT)
		for (int k = 0; k < NQ_FONT__COUNT - 1; k++)
			if (has(&fs->f[bundled_alt[want][k]], cp))
				return bundled_alt[want][k];
	for (size_t i = NQ_FONT__COUNT; i < n; i++)
		if (i != (size_t)want && has(&fs->f[i], cp))
			return (nq_font_id)i;
	if (!db)
		return want;
	int sys = system_face(fs, cp, want);
	if (sys >= 0)
		return (nq_font_id)sys;
	if (!ignorable(cp) && !synthesized(cp))
		report_missing(db, cp, path, offset);
	return want;
}

void nq_fontdb_free(struct nq_fontdb *db)
{
	for (size_t i = 0; i < db->nmiss; i++)
		free((void *)db->miss[i].path);
	free(db->miss);
	free(db->mslot);
	if (db->asked)
		hb_set_destroy(db->asked);
	if (db->fc)
		FcConfigDestroy(db->fc);
	memset(db, 0, sizeof *db);
}
