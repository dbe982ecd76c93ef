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
 * components of composite glyphs among them, numbered in the order of
 * their old ids (as hb-subset does without RETAIN_GIDS).  newgid[i] gets
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

#endif
