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

#endif
