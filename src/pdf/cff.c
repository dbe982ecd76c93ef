/*
 * cff.c - the CID side of an OpenType-CFF face in the PDF.
 *
 * Takes: the subset 'CFF ' table hb-subset made (pdf/hpdf.c subset_font),
 * and for each character code of the content stream the glyph it shows.
 * Makes: the CID of each subset glyph, and the embedded CMap (the Type0
 * font's /Encoding) from codes to those CIDs.
 * Leaves to others: the PDF objects (hpdf.c), ToUnicode and /W (cmap.c).
 *
 * Why a CMap and not Identity-H: a CIDFontType0 font has no CIDToGIDMap
 * (PDF 32000-1, Table 117: Type 2 only); the CFF charset maps each glyph
 * to its CID.  hb-subset keeps a CID-keyed font's CIDs (Noto Serif CJK SC:
 * 一 is CID 9502 in the subset as in the font), so the content stream's
 * codes - the subset's glyph ids, as for TrueType - go through this CMap
 * to the CIDs, and a glyph standing for several texts (⼀ U+2F00 and 一
 * U+4E00 share one Noto CJK glyph) can have one code per text, each with
 * its own ToUnicode entry, all mapped to the one CID.
 */
#include "cff.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H

bool nq_cff_cids(const unsigned char *cff, size_t len, unsigned n, unsigned *cid)
{
	FT_Library ft;
	FT_Face face;
	if (FT_Init_FreeType(&ft) != 0)
		return false;
	if (FT_New_Memory_Face(ft, cff, (FT_Long)len, 0, &face) != 0) {
		FT_Done_FreeType(ft);
		return false;
	}
	FT_Bool keyed = 0;
	if (FT_Get_CID_Is_Internally_CID_Keyed(face, &keyed) != 0)
		keyed = 0;
	for (unsigned g = 0; g < n; g++) {
		FT_UInt c = g;
		/* Name-keyed: the CIDs are the glyph ids (PDF 32000-2, 9.7.4.2). */
		if (keyed && FT_Get_CID_From_Glyph_Index(face, g, &c) != 0)
			c = g;
		cid[g] = c;
	}
	FT_Done_Face(face);
	FT_Done_FreeType(ft);
	return true;
}

/* Adobe's limit per begin/end block (Adobe TN 5014). */
#define MAX_BLOCK 100

/* One entry: codes lo..hi to CIDs from cid. */
typedef struct crange {
	unsigned lo, hi, cid;
} crange;

static void put_block(nq_buf *b, const crange *r, size_t n, bool range)
{
	nq_pdf_num(b, (double)n, 0);
	nq_buf_puts(b, range ? " begincidrange\n" : " begincidchar\n");
	for (size_t i = 0; i < n; i++) {
		nq_buf_putc(b, '<');
		nq_pdf_hex4(b, r[i].lo);
		if (range) {
			nq_buf_puts(b, "> <");
			nq_pdf_hex4(b, r[i].hi);
		}
		nq_buf_puts(b, "> ");
		nq_pdf_num(b, (double)r[i].cid, 0);
		nq_buf_putc(b, '\n');
	}
	nq_buf_puts(b, range ? "endcidrange\n" : "endcidchar\n");
}

size_t nq_cmap_cids(nq_buf *b, const char *name, const unsigned *cid, size_t n)
{
	nq_cmap_begin(b, 1, "Identity", name);
	/* Runs of codes whose CIDs go up by one; a run of one is a cidchar.
	 * Blocks in code order, singles and ranges each gathered up to 100. */
	crange single[MAX_BLOCK], range[MAX_BLOCK];
	size_t ns = 0, nr = 0, total = 0;
	if (n > 0x10000)
		n = 0x10000;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && cid[j] == cid[j - 1] + 1)
			j++;
		crange e = { (unsigned)i, (unsigned)(j - 1), cid[i] };
		if (j - i == 1) {
			single[ns++] = e;
			if (ns == MAX_BLOCK) {
				put_block(b, single, ns, false);
				ns = 0;
			}
		} else {
			range[nr++] = e;
			if (nr == MAX_BLOCK) {
				put_block(b, range, nr, true);
				nr = 0;
			}
		}
		total++;
		i = j;
	}
	if (ns)
		put_block(b, single, ns, false);
	if (nr)
		put_block(b, range, nr, true);
	nq_cmap_end(b);
	return total;
}
