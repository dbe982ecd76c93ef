/*
 * fuzz_model.c - libFuzzer target: bytes as an issue file -> nq_json_parse ->
 * nq_model_build, then the model dump (which reads every field the model
 * stored).  Takes any bytes; makes nothing; leaves shaping, layout and PDF to
 * fuzz_linebreak.c and fuzz_render.c.  A crash, a sanitizer report or a leak
 * is a finding; diagnostics are the expected outcome for most inputs, and
 * each must carry a sane offset (checked here, since every message's
 * FILE:LINE:COL is computed from it), and the printed report, with source
 * excerpts of a width taken from the input's length and in English or
 * Chinese, must be well-formed UTF-8 without a control character but the
 * line ends (nq_cp_unsafe): no input may forge a line or reach the
 * terminal.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json/json.h"
#include "model/model.h"
#include "util/msg.h"
#include "util/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nq_arena *a = nq_arena_new();
	char *src = nq_fuzz_copy(data, size);
	nq_diags d = { .arena = a, .file = "fuzz.json", .src = src, .srclen = size,
	               .lang = size & 1 ? NQ_LANG_ZH : NQ_LANG_EN,
	               .excerpt = (int)(size % 160) };
	nq_json j;
	if (nq_json_parse(a, src, size, &d, &j)) {
		nq_doc *doc = nq_model_build(a, &j, &d);
		nq_json_free(&j);
		if (doc) {
			nq_buf b = { .a = a };
			nq_model_dump(doc, &b);
		} else if (d.errors == 0) {
			abort(); /* a refused document must say why */
		}
	} else if (d.errors == 0) {
		abort();
	}
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].offset < -1 || d.v[i].offset > (long)size)
			abort(); /* an offset outside the source */
		int line, col;
		nq_diag_locate(&d, d.v[i].offset, &line, &col);
	}
	/* Printing exercises the sort, the locator and the excerpt on every
	 * message. */
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	if (!f)
		abort();
	nq_diag_print(&d, f);
	fclose(f);
	for (size_t i = 0; i < outlen;) {
		int32_t cp = nq_utf8_next(out, outlen, &i);
		if (cp < 0 || (cp != '\n' && nq_cp_unsafe(cp)))
			abort(); /* a raw control character in the report */
	}
	free(out);
	nq_arena_free(a);
	free(src);
	return 0;
}
