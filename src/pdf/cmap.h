/*
 * cmap.h - the pure half of the PDF text layer: ToUnicode CMaps, /W arrays,
 * TJ operators and the number format they share.  No libharu here (hpdf.c
 * turns these into PDF objects), so tests/unit/test_cmap.c can check them.
 */
#ifndef NQ_PDF_CMAP_H
#define NQ_PDF_CMAP_H

#include "nqpdf.h"
#include "../util/util.h"

/* Append v with at most `decimals` (0..6) fraction digits, trailing zeros
 * and a trailing point dropped, never "-0"; independent of the C locale. */
void nq_pdf_num(nq_buf *b, double v, int decimals);
/* Append four upper-case hex digits. */
void nq_pdf_hex4(nq_buf *b, unsigned v);

/* One glyph of a subset font, as the PDF sees it. */
typedef struct nq_cid_info {
	unsigned cid;       /* the glyph id in the subset font (CIDToGIDMap /Identity) */
	int width;          /* advance in 1/1000 em, as written to /W */
	const char *text;   /* UTF-8 the glyph stands for; NULL or len 0: none */
	size_t text_len;
	bool narrow;        /* an extra CID with a narrow box (hpdf.c, narrow_at) */
} nq_cid_info;

/* Append s (UTF-8) as UTF-16BE upper-case hex, surrogate pairs above U+FFFF,
 * U+FFFD for malformed bytes; stops after max_units code units.  Returns the
 * number of UTF-16 code units written. */
size_t nq_utf16be_hex(nq_buf *b, const char *s, size_t len, size_t max_units);
/* The same as raw big-endian bytes, no limit. */
size_t nq_utf16be(nq_buf *b, const char *s, size_t len);

/* The start of a CMap program, to 2-byte codes <0000>..<FFFF>: type 1 (codes
 * to CIDs, an /Encoding; with its resource header and WMode 0) or type 2
 * (ToUnicode), Adobe-ordering-0, named name.  nq_cmap_end closes it. */
void nq_cmap_begin(nq_buf *b, int type, const char *ordering, const char *name);
void nq_cmap_end(nq_buf *b);

/* Append a complete ToUnicode CMap (CMapType 2, codespace <0000> <FFFF>,
 * bfchar chunks of at most 100) for v[0..n), sorted by cid without
 * duplicates.  Entries without text are left out.  Returns the number of
 * mappings written. */
size_t nq_cmap_tounicode(nq_buf *b, const nq_cid_info *v, size_t n);

/* The /W array: the most common width becomes /DW; the other glyphs are
 * grouped into runs of consecutive CIDs, written `first [w ...]`. */
typedef struct nq_wrun {
	unsigned first;
	size_t n;
	const int *w;
} nq_wrun;

/* Most frequent width in v (ties: the smaller width); 1000 when n == 0. */
int nq_cmap_dw(const nq_cid_info *v, size_t n);
/* Runs of v (sorted by cid) whose width differs from dw; a run is cut at
 * max_run widths.  Returns the number of runs, stored in *out (arena). */
size_t nq_cmap_wruns(nq_arena *a, const nq_cid_info *v, size_t n, int dw,
                     size_t max_run, nq_wrun **out);

/* One glyph to show: its CID, its /W width and its absolute position. */
typedef struct nq_show_glyph {
	unsigned cid;
	int width;       /* 1/1000 em, the same value as in /W */
	double x, y;     /* absolute pen position, pt */
} nq_show_glyph;

/* The text state a content stream carries from one nq_show_glyphs call to
 * the next: Tc persists across text objects (PDF 32000-1, 9.3.1), so it is
 * written only when a line wants another.  Zero at the start of a page;
 * whoever ends a q ... Q around a call restores it. */
typedef struct nq_text_state {
	double tc;  /* character spacing (Tc) as written, pt */
} nq_text_state;

/* Append `[tc Tc] x y Td [(...) adj (...)] TJ` (more Td/TJ pairs where y
 * changes; codes are the CIDs' two bytes) for n glyphs at size pt; the caller wraps it in BT ... ET with
 * Tf set.  Tc is the extra space most gaps of the line share; TJ carries
 * the rest.  Each glyph lands on its x, to about 0.1/1000 em: TJ
 * adjustments are computed from the numbers actually written, Tc
 * included, so rounding never accumulates; gaps layout set off the
 * line's spacing are written exactly, never at half an em of overlap. */
void nq_show_glyphs(nq_buf *b, nq_text_state *ts, const nq_show_glyph *g, size_t n, double size);

#endif
