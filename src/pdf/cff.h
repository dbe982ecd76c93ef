/*
 * cff.h - what embedding an OpenType-CFF face needs besides hpdf.c's common
 * path: the CIDs of a CFF program's glyphs, and the CMap from the content
 * stream's codes to those CIDs.  No libharu here.
 */
#ifndef NQ_PDF_CFF_H
#define NQ_PDF_CFF_H

#include "cmap.h"

/* The CID of each glyph 0..n-1 of the CFF program cff[0..len) (a 'CFF '
 * table) into cid[]: from the charset of a CID-keyed font, the glyph id
 * itself for a name-keyed one.  False when FreeType cannot open it. */
bool nq_cff_cids(const unsigned char *cff, size_t len, unsigned n, unsigned *cid);

/* Append an embedded CMap program (CMapType 1, Identity ordering, codes
 * <0000> to <FFFF>) named name, mapping each code c < n to cid[c]:
 * cidrange where codes and CIDs run on together, cidchar otherwise, at
 * most 100 of either per block (Adobe TN 5014).  Returns the mappings
 * written. */
size_t nq_cmap_cids(nq_buf *b, const char *name, const unsigned *cid, size_t n);

#endif
