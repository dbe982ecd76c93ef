/*
 * cmap.c - the pure half of the PDF text layer.
 *
 * Takes: subset-font glyph tables (CID, width, text) and glyph runs with
 * absolute positions, already decided by hpdf.c from the frames.
 * Makes: the ToUnicode CMap program, the /DW + /W width runs and the
 * Tc/Td/TJ operators of a content stream, as bytes in arena buffers.
 * Leaves to others: every PDF object and all libharu calls (hpdf.c), the
 * choice of glyphs and positions (shape, layout).
 *
 * Kept free of libharu so that the parts where text extraction and glyph
 * placement can silently go wrong can be unit tested on their own.
 */
#include "cmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ numbers */

/* printf's %f follows LC_NUMERIC (a decimal comma under de_DE) and prints
 * "-0.000"; PDF wants neither, so numbers are formatted from integers. */
void nq_pdf_num(nq_buf *b, double v, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[48], *e = tmp + sizeof tmp, *p = e;
	long long iv;
	bool neg;
	int d;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (!isfinite(v))
		v = 0;
	/* PDF readers only promise about +-32767 for reals; layout never
	 * comes near this, but keep llround defined. */
	if (v > 1e9)
		v = 1e9;
	if (v < -1e9)
		v = -1e9;
	iv = llround(v * scale[decimals]);
	neg = iv < 0;
	if (neg)
		iv = -iv;
	/* fraction digits, dropping trailing zeros */
	d = decimals;
	while (d > 0 && iv % 10 == 0) {
		iv /= 10;
		d--;
	}
	if (d > 0) {
		for (; d > 0; d--) {
			*--p = (char)('0' + iv % 10);
			iv /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + iv % 10);
		iv /= 10;
	} while (iv);
	if (neg)
		*--p = '-';
	nq_buf_put(b, p, (size_t)(e - p));
}

void nq_pdf_hex4(nq_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[4] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15] };
	nq_buf_put(b, s, 4);
}

/* ------------------------------------------------------------ UTF-16 */

/* The one UTF-16BE encoder: hex digits (hex) or raw bytes. */
static size_t utf16be(nq_buf *b, const char *s, size_t len, size_t max_units, bool hex)
{
	size_t units = 0, i = 0;

	while (i < len) {
		int32_t cp = nq_utf8_next(s, len, &i);
		uint32_t c = cp < 0 ? 0xFFFD : (uint32_t)cp;
		unsigned v[2];
		size_t k = 1;
		if (c >= 0x10000) {
			c -= 0x10000;
			v[0] = 0xD800 | (c >> 10);
			v[1] = 0xDC00 | (c & 0x3FF);
			k = 2;
		} else {
			v[0] = c;
		}
		if (units + k > max_units)
			break;
		for (size_t j = 0; j < k; j++) {
			if (hex) {
				nq_pdf_hex4(b, v[j]);
			} else {
				nq_buf_putc(b, (char)(v[j] >> 8));
				nq_buf_putc(b, (char)(v[j] & 0xFF));
			}
		}
		units += k;
	}
	return units;
}

size_t nq_utf16be_hex(nq_buf *b, const char *s, size_t len, size_t max_units)
{
	return utf16be(b, s, len, max_units, true);
}

size_t nq_utf16be(nq_buf *b, const char *s, size_t len)
{
	return utf16be(b, s, len, SIZE_MAX, false);
}

/* ------------------------------------------------------------ ToUnicode */

/* A bfchar destination may hold at most 512 bytes (PDF 32000-1, 9.10.3). */
#define MAX_DST_UNITS 256
/* Adobe's CMap limit per begin/end block (Adobe TN 5014). */
#define MAX_BFCHAR 100

void nq_cmap_begin(nq_buf *b, int type, const char *ordering, const char *name)
{
	/* An /Encoding CMap is a whole CMap resource (Adobe TN 5014 §4) with
	 * its writing mode; a ToUnicode CMap has neither (PDF 32000-1, 9.10.3). */
	if (type == 1)
		nq_buf_puts(b, "%!PS-Adobe-3.0 Resource-CMap\n");
	nq_buf_printf(b,
	              "/CIDInit /ProcSet findresource begin\n"
	              "12 dict begin\n"
	              "begincmap\n"
	              "/CIDSystemInfo << /Registry (Adobe) /Ordering (%s) /Supplement 0 >> def\n"
	              "/CMapName /%s def\n"
	              "/CMapType %d def\n",
	              ordering, name, type);
	if (type == 1)
		nq_buf_puts(b, "/WMode 0 def\n");
	nq_buf_puts(b,
	            "1 begincodespacerange\n"
	            "<0000> <FFFF>\n"
	            "endcodespacerange\n");
}

void nq_cmap_end(nq_buf *b)
{
	nq_buf_puts(b,
	            "endcmap\n"
	            "CMapName currentdict /CMap defineresource pop\n"
	            "end\n"
	            "end\n");
}

size_t nq_cmap_tounicode(nq_buf *b, const nq_cid_info *v, size_t n)
{
	size_t i, total = 0, chunk;

	for (i = 0; i < n; i++)
		if (v[i].text && v[i].text_len > 0)
			total++;

	nq_cmap_begin(b, 2, "UCS", "Adobe-Identity-UCS");
	i = 0;
	for (size_t left = total; left > 0; left -= chunk) {
		chunk = left < MAX_BFCHAR ? left : MAX_BFCHAR;
		nq_pdf_num(b, (double)chunk, 0);
		nq_buf_puts(b, " beginbfchar\n");
		for (size_t k = 0; k < chunk; i++) {
			if (!v[i].text || v[i].text_len == 0)
				continue;
			nq_buf_putc(b, '<');
			nq_pdf_hex4(b, v[i].cid);
			nq_buf_puts(b, "> <");
			nq_utf16be_hex(b, v[i].text, v[i].text_len, MAX_DST_UNITS);
			nq_buf_puts(b, ">\n");
			k++;
		}
		nq_buf_puts(b, "endbfchar\n");
	}
	nq_cmap_end(b);
	return total;
}

/* ------------------------------------------------------------ widths */

static int cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

int nq_cmap_dw(const nq_cid_info *v, size_t n)
{
	int best = 1000;
	size_t best_n = 0, i, j;
	int *w;

	if (n == 0)
		return best;
	/* Sort a copy: counting through a hash would be faster but this is
	 * at most a few thousand ints, and sorting makes ties deterministic. */
	w = malloc(n * sizeof *w);
	if (!w)
		return best;
	for (i = 0; i < n; i++)
		w[i] = v[i].width;
	qsort(w, n, sizeof *w, cmp_int);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && w[j] == w[i]; j++)
			;
		if (j - i > best_n) {
			best_n = j - i;
			best = w[i];
		}
	}
	free(w);
	return best;
}

size_t nq_cmap_wruns(nq_arena *a, const nq_cid_info *v, size_t n, int dw,
                     size_t max_run, nq_wrun **out)
{
	/* At most one run per glyph; sized up front rather than with
	 * NQ_PUSH, whose argument order gcc flags (-Wsequence-point). */
	nq_wrun *runs = NQ_NEWN(a, nq_wrun, n ? n : 1);
	size_t nr = 0, i = 0;
	int *w = NQ_NEWN(a, int, n ? n : 1);
	size_t nw = 0;

	if (max_run == 0)
		max_run = 1;
	while (i < n) {
		nq_wrun *r;
		if (v[i].width == dw) {
			i++;
			continue;
		}
		r = &runs[nr++];
		r->first = v[i].cid;
		r->w = w + nw;
		r->n = 0;
		/* Extend over consecutive CIDs.  A glyph of width dw in the
		 * middle is not worth a new run: 5 bytes against about 8. */
		while (i < n && r->n < max_run && v[i].cid == r->first + r->n) {
			if (v[i].width == dw) {
				if (i + 1 >= n || v[i + 1].width == dw ||
				    v[i + 1].cid != v[i].cid + 1 || r->n + 1 >= max_run)
					break;
			}
			w[nw++] = v[i].width;
			r->n++;
			i++;
		}
	}
	*out = runs;
	return nr;
}

/* ------------------------------------------------------------ TJ */

/* Differences below this (1/1000 em) are left alone: 0.0005 pt at 10 pt,
 * below the float precision of the input positions.  Because every
 * glyph is compared against its absolute target, skipped residues never
 * add up: a glyph placed from the one before (a gap written exactly, see
 * nq_show_glyphs) may be up to twice this off, a run of squeezed marks
 * 0.015 more each, and the next glyph puts it right. */
#define TJ_TOLERANCE 0.05
/* A Tc operator costs about the bytes of one adjustment ("0.16569 Tc "
 * against ">-15.78<"), so a new Tc must spare more than one. */
#define TC_GAIN 2

/* The extra space (1/1000 em, beyond the advance) between g[0] and g[1]. */
static double extra(const nq_show_glyph *g, double size)
{
	return (g[1].x - g[0].x) * 1000 / size - g[0].width;
}

/* Gaps of g[0..n) whose extra space is within TJ_TOLERANCE of e; the sum
 * of their extras in *sum when not NULL. */
static size_t gaps_near(const nq_show_glyph *g, size_t n, double size, double e, double *sum)
{
	size_t c = 0;
	double s = 0;

	for (size_t k = 0; k + 1 < n; k++) {
		double x = extra(&g[k], size);
		if (fabs(x - e) <= TJ_TOLERANCE) {
			c++;
			s += x;
		}
	}
	if (sum)
		*sum = s;
	return c;
}

/* The character spacing (Tc, pt) for one line g[0..n), given the current
 * one: the extra space most of its gaps share - a justified line spreads
 * its slack evenly - so that TJ only carries the others (Latin letters,
 * the ¼ em around them, squeezed marks).  The majority vote (Boyer-Moore,
 * equal within TJ_TOLERANCE) is one pass; where no extra has a majority
 * its candidate is only weighed against the current Tc, which stays
 * unless the new one spares TC_GAIN adjustments.
 *
 * Tc is the gaps' mean rounded to 0.01/1000 em, the grid TJ adjustments
 * are written on, so that Tc minus an adjustment is a gap exactly as
 * layout set it (see nq_show_glyphs).  In pt that is size/100000 a step:
 * 6 decimals hold it exactly for sizes with one decimal.  The rounding,
 * up to 0.005/1000 em a glyph, is put right by an adjustment where it
 * adds up to TJ_TOLERANCE.  Tc is also added after the last glyph (PDF
 * 32000-1, 9.3.2), which moves nothing: the next line is placed from this
 * one's start, not from the pen. */
static double pick_tc(const nq_show_glyph *g, size_t n, double size, double cur)
{
	double cand = 0, sum;
	size_t votes = 0, near;

	for (size_t k = 0; k + 1 < n; k++) {
		double x = extra(&g[k], size);
		if (votes == 0) {
			cand = x;
			votes = 1;
		} else if (fabs(x - cand) <= TJ_TOLERANCE) {
			votes++;
		} else {
			votes--;
		}
	}
	/* Not the half em of overlap squeezed marks have: those gaps stay
	 * adjustments, kept off exactly half an em (nq_show_glyphs). */
	if (votes == 0 || fabs(cand + 500) <= TJ_TOLERANCE)
		return cur;
	/* The mean of the gaps near the candidate: their float noise
	 * (positions are floats) averages out, the first one's would stay. */
	near = gaps_near(g, n, size, cand, &sum);
	if (near < gaps_near(g, n, size, cur * 1000 / size, NULL) + TC_GAIN)
		return cur;
	return round(round(sum / (double)near * 100) * size * 10) / 1e6;
}

/* One 2-byte code (Identity-H: the CID) into a literal string, its bytes
 * as they are: 2 bytes where hex takes 4, and 4 % less after deflate on
 * the example.  A reader takes \\, ( and ) as syntax and a CR (with an
 * LF after it or not) as one LF (PDF 32000-1, 7.3.4.2), so those four
 * bytes are escaped. */
static void put_code(nq_buf *b, unsigned cid)
{
	unsigned char v[2] = { (unsigned char)(cid >> 8), (unsigned char)cid };

	for (int k = 0; k < 2; k++) {
		if (v[k] == '(' || v[k] == ')' || v[k] == '\\')
			nq_buf_putc(b, '\\');
		if (v[k] == '\r') {
			nq_buf_puts(b, "\\r");
			continue;
		}
		nq_buf_putc(b, (char)v[k]);
	}
}

void nq_show_glyphs(nq_buf *b, nq_text_state *ts, const nq_show_glyph *g, size_t n, double size)
{
	double lx = 0, ly = 0; /* line start as written: BT starts at 0 0 */
	size_t i = 0;

	if (size <= 0)
		return;
	while (i < n) {
		double dx = round((g[i].x - lx) * 1000) / 1000;
		double dy = round((g[i].y - ly) * 1000) / 1000;
		double pen = 0; /* 1/1000 em from the line start */
		bool in_str = false;
		size_t e, j;

		for (e = i; e < n && g[e].y == g[i].y; e++)
			;
		double tc = pick_tc(g + i, e - i, size, ts->tc);
		if (tc != ts->tc) {
			nq_pdf_num(b, tc, 6);
			nq_buf_puts(b, " Tc ");
			ts->tc = tc;
		}
		/* Tc as the pen sees it, in 1/1000 em: Tc is in unscaled text
		 * space units, not scaled by the font size as widths are. */
		double tcu = tc * 1000 / size;
		nq_pdf_num(b, dx, 3);
		nq_buf_putc(b, ' ');
		nq_pdf_num(b, dy, 3);
		nq_buf_puts(b, " Td[");
		lx += dx;
		ly += dy;
		for (j = i; j < e; j++) {
			double target = (g[j].x - lx) * 1000 / size;
			double off = pen - target;
			bool set = fabs(off) > TJ_TOLERANCE;
			double adj = set ? round(off * 100) / 100 : 0;
			/* Where layout moved a glyph off the line's spacing (a
			 * squeezed mark, the ¼ em before Latin), the gap is
			 * written exactly as layout's, to 0.01, from the glyph
			 * before as written - not rounded from the absolute
			 * target, whose drift (the Td's rounding, Tc's, up to
			 * TJ_TOLERANCE) it would take in: readers measure such
			 * gaps against thresholds they sit on.  Poppler ends a
			 * text line where words overlap by more than half an em
			 * (TextOutputDev.cc, minCharSpacing) and 。《 overlap by
			 * exactly that: 500.02 made pdftotext read 《方案》 on a
			 * line of its own.  At exactly half an em its floating
			 * point decides, which with Tc in the sum can go either
			 * way, so that gap is left 0.01 short of it, always;
			 * other gaps so only while the glyph stays within twice
			 * TJ_TOLERANCE of its target (0.001 pt at 10 pt), else
			 * it is placed from that. */
			if (j > i) {
				double gap = round(extra(&g[j - 1], size) * 100) / 100;
				bool half = gap == -500;
				double rel = round((tcu - gap - (half ? 0.01 : 0)) * 100) / 100;
				if (half || (fabs(gap - tcu) > TJ_TOLERANCE &&
				             fabs(off - rel) <= 2 * TJ_TOLERANCE)) {
					adj = rel;
					set = true;
				}
			}
			if (set && adj != 0) {
				if (in_str)
					nq_buf_putc(b, ')');
				in_str = false;
				nq_pdf_num(b, adj, 2);
				pen -= adj;
			}
			if (!in_str)
				nq_buf_putc(b, '(');
			in_str = true;
			put_code(b, g[j].cid);
			pen += g[j].width + tcu;
		}
		if (in_str)
			nq_buf_putc(b, ')');
		nq_buf_puts(b, "]TJ\n");
		i = e;
	}
}
