/*
 * subset.h - a TrueType (glyf/loca) font subsetter for the embedded fonts.
 * Pure bytes in, bytes out: no HarfBuzz, no libharu, so that it can be
 * tested and fuzzed on its own (hpdf.c dispatches to it, CFF fonts go to
 * hb-subset).
 */
#ifndef NQ_PDF_SUBSET_H
#define NQ_PDF_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

/* Subset face `index` of the sfnt file[0, len) (a .ttf, or a .ttc
 * collection) to glyph 0, the n glyphs gids[] (sorted, unique) and the
 * components of composite glyphs among them, numbered densely: glyph
 * 0, the glyphs whose advance is not the most common one, then those
 * whose advance is (old-id order within each), so that hmtx ends in one
 * run that shares its last long metric.  newgid[i] gets
 * the new id of gids[i].  Hinting goes (glyph instructions, cvt, fpgm,
 * prep) and so does post (a PDF names no glyphs); what stays: OS/2
 * glyf head hhea hmtx loca maxp.  The font program goes to *out in the arena.
 *
 * False when the face is not a glyf font this can read (CFF, a table
 * missing or cut short, a glyph running past its loca entry, a component
 * past numGlyphs): the caller then subsets it some other way. */
bool nq_ttf_subset(nq_arena *a, const unsigned char *file, size_t len, unsigned index,
                   const uint32_t *gids, size_t n, unsigned *newgid,
                   const unsigned char **out, size_t *outlen, unsigned *nglyphs);

/* A TrueType face's glyph data, for nq_ttf_glyph_clean. */
typedef struct nq_ttf_glyphs {
	const unsigned char *glyf, *loca;
	size_t glyf_n;
	unsigned nglyphs;  /* maxp.numGlyphs; loca holds nglyphs + 1 offsets */
	unsigned max_ins;  /* maxp.maxSizeOfInstructions (0 without maxp 1.0) */
	bool long_loca;
} nq_ttf_glyphs;

/* Find glyf, loca, head and maxp of face `index` of file[0, len); false
 * when it is not a glyf font or these are missing or cut short. */
bool nq_ttf_glyphs_open(nq_ttf_glyphs *t, const unsigned char *file, size_t len, unsigned index);

/* Is glyph gid well formed: empty, or a simple glyph whose contour ends
 * rise and whose instructions, flags and coordinates lie inside its loca
 * entry, or a composite (up to 8 deep) of such glyphs placed by offsets?
 * True only where FreeType 2.12's TrueType loader (FT_LOAD_NO_SCALE |
 * FT_LOAD_NO_HINTING) reads the same bytes without error; false for
 * damage and for anything rarer (point-matched components, composite
 * instructions, numberOfContours 0): the caller then asks FreeType
 * (nq_font_glyph_ok), which says which error.  tests/fuzz/fuzz_font.c
 * checks "clean implies FreeType loads it" on mutated fonts. */
bool nq_ttf_glyph_clean(const nq_ttf_glyphs *t, unsigned gid);

#endif
