/*
 * fuzz_linebreak.c - libFuzzer target: bytes -> one paragraph (nq_text) ->
 * nq_linebreak with the real bundled fonts, then the lines dump.
 *
 * The first bytes are the paragraph's settings, the rest its text:
 *   [0..1]  measure, 1 to 600.9 pt (layout uses 441 pt and less); the
 *           top two bits of [0] also pick the punctuation style
 *   [2]     bit 0 justify; bits 1-2 prohibition level; bit 3 first-line
 *           indent; bit 4 hanging indent; bits 5-7 number of spans - 1
 *   [3..]   one byte per span: font (3 faces), size (8 sizes from 1 to
 *           48 pt), URL style, citation link, kept (no break inside)
 *   rest    the text, cleaned the way the model guarantees it arrives:
 *           well-formed UTF-8 without NUL (the JSON reader refuses both).
 * Spans split the text at character boundaries into nearly equal parts
 * and cover all of it, as layout's are.  Makes nothing; checks that the
 * lines it gets back are well-formed (every atom on exactly one line, in
 * order, finite widths), since layout and the PDF writer rely on that,
 * and that the breaker's cut changes no break.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "linebreak/linebreak.h"
#include "util/util.h"

static nq_fontset fonts;
static nq_arena *font_arena; /* held for the process, so not a leak */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Fonts are loaded once, like a real run loads them once per file;
	 * their messages (none, when fonts/ is intact) go to a throwaway
	 * arena that lives as long as the fonts. */
	font_arena = nq_arena_new();
	nq_diags d = { .arena = font_arena };
	if (!nq_fonts_load(&fonts, NQ_FUZZ_FONT_DIR, &d)) {
		nq_diag_print(&d, stderr);
		abort();
	}
	return 0;
}

/* Body sizes layout uses (10.5, 9, 16, 22 pt) and a few it never does. */
static const float sizes[8] = { 10.5f, 9, 16, 22, 12, 7.5f, 48, 1 };

#define SETTINGS 3

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < SETTINGS)
		return 0;
	unsigned flags = data[2];
	size_t nspans = 1 + (flags >> 5);
	if (size < SETTINGS + nspans)
		return 0;
	nq_arena *a = nq_arena_new();
	nq_diags d = { .arena = a, .file = "fuzz" };

	const char *raw = (const char *)data + SETTINGS + nspans;
	size_t rawlen = size - SETTINGS - nspans;
	char *text = nq_alloc(a, rawlen + 1);
	size_t len = 0;
	for (size_t i = 0; i < rawlen;) {
		size_t at = i;
		int32_t cp = nq_utf8_next(raw, rawlen, &i);
		if (cp > 0) {
			memcpy(text + len, raw + at, i - at);
			len += i - at;
		}
	}
	text[len] = 0;

	nq_text t = {
		.text = text,
		.len = len,
		.width = 1.0f + (float)(((unsigned)data[0] << 8 | data[1]) % 6000) / 10.0f,
		.justify = flags & 1,
		.kinsoku = (nq_kinsoku)((flags >> 1) & 3),
		.punct = (nq_punct)(1 + (data[0] >> 6)), /* quanjiao .. fixed */
		.path = "/fuzz",
		.offset = -1,
	};
	if (flags & 8)
		t.indent = t.width / 8;
	if (flags & 16)
		t.hang = t.width / 4;

	uint32_t start = 0;
	for (size_t k = 0; k < nspans; k++) {
		unsigned b = data[SETTINGS + k];
		size_t end = k + 1 == nspans ? len : len * (k + 1) / nspans;
		while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
			end++;
		if (end < start)
			end = start;
		nq_style st = {
			.font = (nq_font_id)(b % NQ_FONT__COUNT),
			.size = sizes[(b >> 2) & 7],
			.ref = (b & 0x40) ? (int)k : -1,
			.url = (b & 0x20) != 0,
			.uri = (b & 0x20) ? "https://example.org/a/b?c=d" : NULL,
			.keep = (b & 0x80) != 0,
		};
		nq_text_span(a, &t, start, (uint32_t)end, st);
		start = (uint32_t)end;
	}

	nq_para_lines *pl = nq_linebreak(a, &t, &fonts, &d);
	if (!pl)
		abort();
	/* Every atom on exactly one line, lines in order. */
	uint32_t next = 0;
	for (size_t i = 0; i < pl->nlines; i++) {
		const nq_line *ln = &pl->lines[i];
		if (ln->a0 != next || ln->a1 < ln->a0 || ln->a1 > pl->natoms)
			abort();
		if (!isfinite(ln->x0) || !isfinite(ln->width))
			abort();
		for (uint32_t k = ln->a0; k + 1 < ln->a1; k++)
			if (!isfinite(ln->gap[k - ln->a0]))
				abort();
		/* What --report reads of each line. */
		if (!isfinite(nq_line_cjk_added(pl, ln)) || nq_line_lone_squeezes(pl, ln) < 0)
			abort();
		next = ln->a1;
	}
	if (next != pl->natoms)
		abort();
	if (nq_lines_runt(pl) && pl->nlines < 2)
		abort();
	for (size_t k = 0; k < pl->natoms; k++) {
		const nq_atom *at = &pl->atoms[k];
		if (at->end < at->start || at->end > len || at->g0 + at->ng > pl->nglyphs)
			abort();
		if (!isfinite(at->w) || !isfinite(at->gw))
			abort();
	}
	/* The breaker's cut (breaker.c) skips only candidate lines that
	 * cannot win: measuring every one must give the same breaks (the
	 * bundled fonts have no negative advance). */
	nq_diags d2 = { .arena = a, .file = "fuzz" };
	nq_linebreak_exhaustive = true;
	nq_para_lines *all = nq_linebreak(a, &t, &fonts, &d2);
	nq_linebreak_exhaustive = false;
	if (!all || all->nlines != pl->nlines)
		abort();
	for (size_t i = 0; i < pl->nlines; i++)
		if (all->lines[i].a0 != pl->lines[i].a0 || all->lines[i].a1 != pl->lines[i].a1)
			abort();
	nq_buf b = { .a = a };
	nq_lines_dump(pl, &b);
	nq_arena_free(a);
	return 0;
}
