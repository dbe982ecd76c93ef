/*
 * deflate.c - FlateDecode stream data through libdeflate.
 *
 * Takes: the bytes of one PDF stream and what kind of stream it is.
 * Makes: the zlib-wrapped DEFLATE data (RFC 1950) for /FlateDecode, in a
 * buffer reused from call to call.
 * Leaves to others: the stream objects and their /Filter (hpdf.c).
 *
 * libharu 2.3.0 compresses with zlib at Z_DEFAULT_COMPRESSION (6) for every
 * stream (HPDF_Stream_WriteToStreamWithDeflate); that was 28 % of the
 * instructions of the example issue (docs/performance.md).  libdeflate is a
 * whole-buffer compressor: faster at the same level and smaller at the
 * higher ones, and deterministic (equal input and level, equal bytes).
 */
#include "deflate.h"

#include <stdlib.h>

#include <libdeflate.h>

/* Levels per kind, measured with callgrind on the example issue
 * (docs/performance.md, "Lever 1" and "Round 2"): content streams gain
 * 0.3 KB from 6 to 9 for 2.4 M instructions, so 6.  Font programs are
 * most of the file: with subset.c's programs, 8 is 6 bytes larger than 9
 * for 0.4 M instructions less, and 12 costs 100 M more for 2.2 KB less.
 * Round 3 (docs/performance.md) measured again on today's example: 6 is
 * 689 bytes (0.3 %) larger than 8 for 5.9 M instructions (4.3 % of the
 * run) less, 5 another 432 bytes for 0.9 M, 4 another 1.7 KB for 3 M; the
 * CPU target is further off than the size one, so 6.  Object streams
 * (save.c, ~60 KB of dictionaries on the example): 6 is 104 bytes larger
 * than 8 for 2.2 M instructions less.  The CMaps (ToUnicode, CIDToGIDMap)
 * were at 8, which writes the same bytes as 9; round 5 put them at 6 too,
 * 217 bytes more on the example, so that one compressor serves every
 * kind: each level's compressor is 656 KiB that the kernel faults in and
 * every call clears (111.2 M -> 106.4 M instructions, 1,788 -> 1,603
 * page faults). */
static const int level[NQ_Z_KINDS] = {
	[NQ_Z_CONTENT] = 6,
	[NQ_Z_FONT] = 6,
	[NQ_Z_DATA] = 6,
	[NQ_Z_OBJECTS] = 6,
};

bool nq_deflate(nq_deflater *z, nq_zkind kind, const void *src, size_t n,
                const unsigned char **out, size_t *outlen)
{
	if ((unsigned)kind >= NQ_Z_KINDS)
		kind = NQ_Z_DATA;
	/* A compressor at level 6 is 656 KiB of match finder that every
	 * call clears and the kernel must fault in: one per level, not one
	 * per kind (docs/performance.md, round 5). */
	struct libdeflate_compressor **c = &z->c[level[kind]];
	if (!*c && !(*c = libdeflate_alloc_compressor(level[kind])))
		return false;
	size_t bound = libdeflate_zlib_compress_bound(*c, n);
	if (bound > z->cap) {
		unsigned char *p = realloc(z->out, bound);
		if (!p)
			return false;
		z->out = p;
		z->cap = bound;
	}
	/* The bound is libdeflate's worst case, so 0 (no room) cannot happen
	 * here; treat it as failure all the same. */
	size_t got = libdeflate_zlib_compress(*c, src, n, z->out, z->cap);
	if (got == 0)
		return false;
	*out = z->out;
	*outlen = got;
	return true;
}

void nq_deflater_free(nq_deflater *z)
{
	for (int k = 0; k < NQ_Z_LEVELS; k++)
		libdeflate_free_compressor(z->c[k]);
	free(z->out);
	*z = (nq_deflater){ 0 };
}
