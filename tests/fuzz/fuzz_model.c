/*
 * fuzz_model.c - libFuzzer target: bytes as an issue file -> nq_json_parse ->
 * nq_model_build, then the model dump (which reads every field the model
 * stored).  Takes any bytes; makes nothing; leaves shaping, layout and PDF to
 * fuzz_linebreak.c and fuzz_render.c.  A crash, a sanitizer report or a leak
 * is a finding; diagnostics are the expected outcome for most inputs, and
 * each must carry a sane offset (checked here, since every message's
 * FILE:LINE:COL is computed from it).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json/json.h"
#include "model/model.h"
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
	/* The reader hands the pipeline a NUL-terminated copy (file.c); do
	 * the same, in an exact-size buffer so ASan sees any overread. */
	char *src = malloc(size + 1);
	if (!src)
		abort();
	if (size)
		memcpy(src, data, size);
	src[size] = 0;
	nq_diags d = { .arena = a, .file = "fuzz.json", .src = src, .srclen = size };
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
	/* Printing exercises the sort and the locator on every message. */
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		nq_diag_print(&d, null);
		fclose(null);
	}
	nq_arena_free(a);
	free(src);
	return 0;
}
