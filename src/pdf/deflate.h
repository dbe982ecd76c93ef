/*
 * deflate.h - FlateDecode stream data through libdeflate, at a level per
 * kind of stream.  No libharu here: hpdf.c writes the bytes this makes into
 * its stream objects and marks them /FlateDecode itself.
 */
#ifndef NQ_PDF_DEFLATE_H
#define NQ_PDF_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>

/* What a stream holds decides how hard it is worth compressing. */
typedef enum nq_zkind {
	NQ_Z_CONTENT, /* page content: many, written once each */
	NQ_Z_FONT,    /* font programs: few, the largest streams */
	NQ_Z_DATA,    /* ToUnicode CMaps, CIDToGIDMaps: small, repetitive */
	NQ_Z_OBJECTS, /* object streams and the xref stream (save.c) */
	NQ_Z_KINDS
} nq_zkind;

/* libdeflate's levels, 0 to 12. */
#define NQ_Z_LEVELS 13

/* One compressor per level, made on first use (kinds at one level share
 * it), and one output buffer that every call reuses (so only one
 * compressed stream is held at a time). */
typedef struct nq_deflater {
	struct libdeflate_compressor *c[NQ_Z_LEVELS];
	unsigned char *out;
	size_t cap;
} nq_deflater;

/* Compress src[0, n) as a zlib stream (RFC 1950, what /FlateDecode reads).
 * *out points into z's buffer, valid until the next call or
 * nq_deflater_free.  False when memory runs out. */
bool nq_deflate(nq_deflater *z, nq_zkind kind, const void *src, size_t n,
                const unsigned char **out, size_t *outlen);
void nq_deflater_free(nq_deflater *z);

#endif
