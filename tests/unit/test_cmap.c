/* test_cmap.c - ToUnicode CMaps, UTF-16BE, /W runs and numbers (src/pdf/cmap.h). */
#include "harness.h"
#include "pdf/cmap.h"

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
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, g, 3, 10);
	NQ_STR_EQ(nq_buf_cstr(&b), "100 700 Td[<00010002>-250<0003>]TJ\n");

	/* A mark squeezed into the one before (。《: half an em of overlap)
	 * overlaps it by exactly that, whatever the rounding: the run starts
	 * 0.0004 pt left of the 100 its Td says, which once made the
	 * adjustment 500.04 and poppler split the line there. */
	nq_show_glyph sq[] = {
		{ .cid = 1, .width = 1000, .x = 99.9996, .y = 700 },
		{ .cid = 2, .width = 1000, .x = 104.9996, .y = 700 },
	};
	b = (nq_buf){ .a = a };
	nq_show_glyphs(&b, sq, 2, 10);
	NQ_STR_EQ(nq_buf_cstr(&b), "100 700 Td[<0001>500<0002>]TJ\n");
	nq_arena_free(a);
}
