/* test_cmap.c - ToUnicode CMaps, UTF-16BE, /W runs and numbers (src/pdf/cmap.h). */
#include "harness.h"
#include "pdf/cmap.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* b holds exactly the bytes of the string literal s (NULs included). */
#define NQ_BUF_EQ(b, s) \
	NQ_CHECK_((b)->n == sizeof s - 1 && !memcmp((b)->p, s, sizeof s - 1), "%s is not %s", #b, #s)

/* Read back the text operators nq_show_glyphs writes (Tc, Td, TJ), as a
 * PDF reader places the glyphs (PDF 32000-1, 9.4.4): after each glyph the
 * pen moves by its width at size plus Tc, a TJ number moves it back by
 * number/1000 em.  Glyph k's position into x[k], y[k]; widths by CID in
 * w.  Returns the glyphs read, or -1 on something it does not know. */
static int replay(const char *s, const char *stop, double size, const int *w, double *x, double *y, int max)
{
	double stack[4], tc = 0, lx = 0, ly = 0, px = 0;
	int ns = 0, n = 0;
	bool in_tj = false;

	while (s < stop) {
		char *end;
		if (*s == ' ' || *s == '\n') {
			s++;
		} else if (*s == '[') {
			in_tj = true;
			px = lx;
			s++;
		} else if (*s == ']') {
			in_tj = false;
			s++;
		} else if (*s == '(') {
			unsigned char v[2];
			int nv = 0;
			for (s++; *s != ')'; s++) {
				if (*s == '\\') {
					s++;
					v[nv++] = *s == 'r' ? '\r' : (unsigned char)*s;
				} else {
					v[nv++] = (unsigned char)*s;
				}
				if (nv == 2) {
					unsigned cid = (unsigned)v[0] << 8 | v[1];
					if (n >= max || cid > 7)
						return -1;
					x[n] = px;
					y[n++] = ly;
					px += w[cid] * size / 1000 + tc;
					nv = 0;
				}
			}
			s++;
		} else if ((*s >= '0' && *s <= '9') || *s == '-' || *s == '.') {
			double v = strtod(s, &end);
			if (in_tj)
				px -= v * size / 1000;
			else if (ns < 4)
				stack[ns++] = v;
			s = end;
		} else if (!strncmp(s, "Tc", 2) && ns == 1) {
			tc = stack[0];
			ns = 0;
			s += 2;
		} else if (!strncmp(s, "Td", 2) && ns == 2) {
			lx += stack[0];
			ly += stack[1];
			ns = 0;
			s += 2;
		} else if (!strncmp(s, "TJ", 2)) {
			s += 2;
		} else {
			return -1;
		}
	}
	return n;
}

/* Lines as layout makes them, from a fixed LCG: CJK glyphs (width 1000)
 * spread by a justification extra, runs of Latin letters (600, none
 * between them, 1/4 em around the run), squeezed marks (half an em into
 * the glyph before), at 9 to 13.5 pt, positions as floats. */
static void tj_lines(nq_arena *a)
{
	int w[8] = { 0, 1000, 1000, 1000, 600, 600, 1000, 1000 };
	unsigned r = 12345;
	nq_text_state ts = { 0 };
	int bad = 0, squeezes = 0;
	double worst = 0;

	for (int line = 0; line < 400; line++) {
		nq_show_glyph g[60];
		bool sq[60] = { false };
		double x[60], y[60];
		double size = 9 + (line % 10) * 0.5;
		double extra = (r = r * 1103515245 + 12345, (r >> 16) % 4000) / 100.0 - 5;
		float pos = (float)(77.14 + (line % 3) * 21);
		int n = 20 + (int)((r >> 8) % 40), latin = 0;
		for (int k = 0; k < n; k++) {
			unsigned c = (r = r * 1103515245 + 12345, 1 + (r >> 16) % 7);
			if (k > 0 && latin == 0 && c == 4)
				latin = 2 + (int)(r % 5), pos += (float)(size / 4);
			if (latin > 0)
				c = 4;
			g[k] = (nq_show_glyph){ .cid = c, .width = w[c], .x = pos, .y = 700 - line };
			bool more = latin > 1;
			if (latin > 0 && --latin == 0)
				pos += (float)(size / 4);
			if (k + 1 < n && c >= 6 && latin == 0) {
				pos += (float)(w[c] * size / 1000 - size / 2);
				sq[k + 1] = true;
			} else {
				pos += (float)(w[c] * size / 1000 + (more ? 0 : extra * size / 1000));
			}
		}
		nq_buf b = { .a = a };
		nq_show_glyphs(&b, &ts, g, (size_t)n, size);
		double keep = ts.tc;
		/* every line in its own text object, Tc carried: prepend it */
		nq_buf full = { .a = a };
		if (line > 0 && !strstr(nq_buf_cstr(&b), "Tc")) {
			nq_pdf_num(&full, keep, 6);
			nq_buf_puts(&full, " Tc ");
		}
		nq_buf_put(&full, b.p, b.n);
		if (replay(full.p, full.p + full.n, size, w, x, y, 60) != n) {
			if (bad++ < 5)
				fprintf(stderr, "line %d: not read back: %s", line, nq_buf_cstr(&full));
			continue;
		}
		for (int k = 0; k < n; k++) {
			double err = fabs(x[k] - g[k].x) * 1000 / size;
			if (err > worst)
				worst = err;
			if (err > 0.15 || y[k] != g[k].y) {
				if (bad++ < 5)
					fprintf(stderr, "line %d glyph %d: %.5f, want %.5f: %s", line, k,
					        x[k], g[k].x, nq_buf_cstr(&full));
			}
			if (sq[k]) {
				squeezes++;
				double gap = (x[k] - x[k - 1]) * 1000 / size - w[g[k - 1].cid];
				if (!(gap > -500) && bad++ < 5)
					fprintf(stderr, "line %d glyph %d: squeezed %.5f: %s", line, k, gap,
					        nq_buf_cstr(&full));
			}
		}
	}
	NQ_INT_EQ(bad, 0);
	NQ_OK(squeezes > 100);
	NQ_OK(worst > 0.01); /* the check reads what it should */
}

void test_cmap(void)
{
	nq_arena *a = nq_arena_new();

	/* UTF-16BE: BMP, a surrogate pair for U+20BB7, U+FFFD for bad bytes. */
	nq_buf b = { .a = a };
	NQ_INT_EQ(nq_utf16be_hex(&b, "A\xE4\xB8\xAD", 4, 100), 2);
	NQ_STR_EQ(nq_buf_cstr(&b), "00414E2D");
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_utf16be_hex(&b, "\xF0\xA0\xAE\xB7", 4, 100), 2);
	NQ_STR_EQ(nq_buf_cstr(&b), "D842DFB7");
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_utf16be_hex(&b, "x\xFF", 2, 100), 2);
	NQ_STR_EQ(nq_buf_cstr(&b), "0078FFFD");
	/* The unit limit never cuts a surrogate pair in half. */
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_utf16be_hex(&b, "A\xF0\xA0\xAE\xB7", 5, 2), 1);
	NQ_STR_EQ(nq_buf_cstr(&b), "0041");
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_utf16be(&b, "\xF0\xA0\xAE\xB7", 4), 2);
	NQ_INT_EQ(b.n, 4);
	NQ_OK(b.n == 4 && !memcmp(b.p, "\xD8\x42\xDF\xB7", 4));

	/* ToUnicode: one-to-one, one-to-many (a ligature "fi"), a surrogate
	 * pair, and a glyph without text that is left out. */
	nq_cid_info v[] = {
		{ .cid = 1, .width = 1000, .text = "\xE4\xB8\xAD", .text_len = 3 },
		{ .cid = 2, .width = 556, .text = "fi", .text_len = 2 },
		{ .cid = 3, .width = 1000, .text = "\xF0\xA0\xAE\xB7", .text_len = 4 },
		{ .cid = 4, .width = 0, .text = NULL, .text_len = 0 },
		{ .cid = 0x1234, .width = 1000, .text = "\xE2\x80\x94\xE2\x80\x94", .text_len = 6 },
	};
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_cmap_tounicode(&b, v, 5), 4);
	const char *cm = nq_buf_cstr(&b);
	NQ_OK(strstr(cm, "/CMapType 2 def") != NULL);
	NQ_OK(strstr(cm, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange") != NULL);
	NQ_OK(strstr(cm, "4 beginbfchar\n") != NULL);
	NQ_OK(strstr(cm, "<0001> <4E2D>\n") != NULL);
	NQ_OK(strstr(cm, "<0002> <00660069>\n") != NULL);
	NQ_OK(strstr(cm, "<0003> <D842DFB7>\n") != NULL);
	NQ_OK(strstr(cm, "<1234> <20142014>\n") != NULL);
	NQ_OK(strstr(cm, "<0004>") == NULL);
	NQ_OK(strstr(cm, "endbfchar\nendcmap\n") != NULL);

	/* More than 100 mappings: chunks of at most 100. */
	nq_cid_info many[250];
	for (unsigned i = 0; i < 250; i++)
		many[i] = (nq_cid_info){ .cid = i + 1, .width = 1000, .text = "A", .text_len = 1 };
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_cmap_tounicode(&b, many, 250), 250);
	cm = nq_buf_cstr(&b);
	int n100 = 0;
	for (const char *p = cm; (p = strstr(p, "100 beginbfchar\n")); p++)
		n100++;
	NQ_INT_EQ(n100, 2);
	NQ_OK(strstr(cm, "50 beginbfchar\n") != NULL);

	/* /DW is the commonest width, ties to the smaller. */
	NQ_INT_EQ(nq_cmap_dw(v, 5), 1000);
	NQ_INT_EQ(nq_cmap_dw(NULL, 0), 1000);
	nq_cid_info tie[] = { { .cid = 1, .width = 500 }, { .cid = 2, .width = 300 } };
	NQ_INT_EQ(nq_cmap_dw(tie, 2), 300);

	/* /W runs: widths different from DW, grouped over consecutive CIDs. */
	nq_cid_info w[] = {
		{ .cid = 1, .width = 1000 }, { .cid = 2, .width = 500 }, { .cid = 3, .width = 600 },
		{ .cid = 4, .width = 1000 }, { .cid = 7, .width = 250 }, { .cid = 8, .width = 1000 },
	};
	nq_wrun *runs;
	size_t nr = nq_cmap_wruns(a, w, 6, 1000, 100, &runs);
	NQ_INT_EQ(nr, 2);
	if (nr == 2) {
		NQ_INT_EQ(runs[0].first, 2);
		NQ_INT_EQ(runs[0].n, 2);
		NQ_INT_EQ(runs[0].w[0], 500);
		NQ_INT_EQ(runs[0].w[1], 600);
		NQ_INT_EQ(runs[1].first, 7);
		NQ_INT_EQ(runs[1].n, 1);
		NQ_INT_EQ(runs[1].w[0], 250);
	}
	/* Cut at max_run. */
	nq_cid_info lw[5];
	for (unsigned i = 0; i < 5; i++)
		lw[i] = (nq_cid_info){ .cid = 10 + i, .width = 400 };
	nr = nq_cmap_wruns(a, lw, 5, 1000, 2, &runs);
	NQ_INT_EQ(nr, 3);
	if (nr == 3) {
		NQ_INT_EQ(runs[2].first, 14);
		NQ_INT_EQ(runs[0].n + runs[1].n + runs[2].n, 5);
	}

	/* Numbers: locale-free, no trailing zeros, never -0. */
	b = (nq_buf){ .a = a };
	nq_pdf_num(&b, 595.28, 2);
	nq_buf_puts(&b, " ");
	nq_pdf_num(&b, -0.0001, 3);
	nq_buf_puts(&b, " ");
	nq_pdf_num(&b, 12.5000, 4);
	nq_buf_puts(&b, " ");
	nq_pdf_num(&b, -3.25, 1);
	nq_buf_puts(&b, " ");
	nq_pdf_num(&b, 7, 0);
	NQ_STR_EQ(nq_buf_cstr(&b), "595.28 0 12.5 -3.3 7");

	/* TJ: glyphs land on their absolute x. */
	nq_show_glyph g[] = {
		{ .cid = 1, .width = 1000, .x = 100, .y = 700 },
		{ .cid = 2, .width = 1000, .x = 110, .y = 700 },   /* natural advance */
		{ .cid = 3, .width = 1000, .x = 122.5, .y = 700 }, /* 2.5 pt extra */
	};
	nq_text_state ts = { 0 };
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, g, 3, 10);
	NQ_BUF_EQ(&b, "100 700 Td[(\x00\x01\x00\x02)-250(\x00\x03)]TJ\n");

	/* A mark squeezed into the one before (。《: half an em of overlap)
	 * overlaps it by just under that, whatever the rounding: the run
	 * starts 0.0004 pt left of the 100 its Td says, which once made the
	 * adjustment 500.04 and poppler split the line there. */
	nq_show_glyph sq[] = {
		{ .cid = 1, .width = 1000, .x = 99.9996, .y = 700 },
		{ .cid = 2, .width = 1000, .x = 104.9996, .y = 700 },
	};
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, sq, 2, 10);
	NQ_BUF_EQ(&b, "100 700 Td[(\x00\x01)499.99(\x00\x02)]TJ\n");

	/* A justified line: the space every gap shares is Tc, on the 0.01
	 * grid of the adjustments, and the 1/4 em before a Latin letter
	 * (CID 9, 500 wide) an adjustment on top of it.  The next line with
	 * the same spacing leaves Tc as it is; a line set solid sets it 0. */
	nq_show_glyph just[6];
	for (int k = 0; k < 6; k++)
		just[k] = (nq_show_glyph){ .cid = (unsigned)k + 1, .width = 1000,
		                           .x = 100 + k * 10.1135 + (k == 5 ? 2.5 : 0), .y = 700 };
	just[5].cid = 9;
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, just, 6, 10);
	NQ_BUF_EQ(&b, "0.1135 Tc 100 700 Td[(\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05)-250(\x00\x09)]TJ\n");
	NQ_OK(ts.tc == 0.1135);
	for (int k = 0; k < 6; k++)
		just[k].y = 680;
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, just, 5, 10);
	NQ_BUF_EQ(&b, "100 680 Td[(\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05)]TJ\n");
	for (int k = 0; k < 6; k++)
		just[k].x = 100 + k * 10;
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, just, 5, 10);
	NQ_BUF_EQ(&b, "0 Tc 100 680 Td[(\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05)]TJ\n");

	/* Codes are the CID's two bytes in a literal string; \\, ( and )
	 * escaped, and CR, which a reader would take for an LF. */
	nq_show_glyph esc[] = {
		{ .cid = 0x0028, .width = 1000, .x = 100, .y = 700 },
		{ .cid = 0x5C29, .width = 1000, .x = 110, .y = 700 },
		{ .cid = 0x0D0A, .width = 1000, .x = 120, .y = 700 },
	};
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, &ts, esc, 3, 10);
	NQ_BUF_EQ(&b, "100 700 Td[(\x00\\(\\\\\\)\\r\n)]TJ\n");

	/* Many lines, read back: every glyph within 0.15/1000 em of its
	 * position (0.002 pt at 13.5 pt), squeezes under half an em. */
	tj_lines(a);
	nq_arena_free(a);
}
