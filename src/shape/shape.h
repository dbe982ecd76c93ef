/*
 * shape.h - HarfBuzz shaping of one run of text in one font.
 */
#ifndef NQ_SHAPE_H
#define NQ_SHAPE_H

#include "font.h"

typedef struct nq_glyph {
	uint32_t gid;
	uint32_t cluster;        /* byte offset of the cluster in the text */
	int32_t adv, dx, dy;     /* font units */
} nq_glyph;

/* Shape text[off, off+len) (the whole text is context) in font f, as Latin
 * (latin=true) or Han script, language zh-Hans.  Appends to *g (arena). */
void nq_shape(nq_arena *a, const nq_font *f, const char *text, size_t textlen, size_t off,
              size_t len, bool latin, nq_glyph **g, size_t *n, size_t *cap);

/* Unicode's Stream-Safe Text Format (UAX #15, section 13) allows at most
 * 30 non-starters (canonical combining class not 0) in a row.  HarfBuzz's
 * mark positioning is quadratic in a cluster's marks: one base with 87,000
 * of them took 6.8 s per paragraph. */
#define NQ_MAX_NONSTARTERS 30

/* Drop, in place, every non-starter past the NQ_MAX_NONSTARTERS-th of a
 * run from the UTF-8 text s[0, *len) (NUL-terminated, well-formed), using
 * HarfBuzz's combining classes; *len becomes the new length.  Returns how
 * many were dropped, and sets *first to the byte offset (in the text as
 * it was) of the first one dropped.  The model calls it for every text it
 * shapes (docs/limits.md). */
size_t nq_stream_safe(char *s, size_t *len, size_t *first);

#endif
