/*
 * icc.h - the sRGB ICC profile of the PDF/A output intent (xmp.c), made by
 * icc.c rather than read from a file.  See docs/pdf.md.
 */
#ifndef NQ_ICC_H
#define NQ_ICC_H

#include "../util/util.h"

/* Entries of the profile's tone curve ('curv'), chosen by measurement
 * (icc.c, docs/pdf.md): the profile is 576 bytes. */
#define NQ_SRGB_CURV_N 42

/* An ICC v2.1 display ('mntr') profile describing IEC 61966-2-1 sRGB
 * (RGB to PCS XYZ, D50), in the arena; *len gets its size.  Equal on
 * every call: no date, name or number comes from the run. */
const unsigned char *nq_srgb_icc(nq_arena *a, size_t *len);

#endif
