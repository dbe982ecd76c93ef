/*
 * fuzz_md.c - libFuzzer target: bytes as a Markdown issue (docs/markdown.md)
 * -> nq_md_to_json -> the JSON reader and the model, as nq_render does for a
 * .md; then, for an accepted issue, nq_md_from_json and back: the Markdown
 * convert writes must give the same model dump.  Takes any bytes; makes
 * nothing.  Besides the sanitizers: a refused input has an error, every
 * offset (mapped back into the .md) lies in the source, and the round trip
 * holds.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json/json.h"
#include "md/md.h"
#include "model/model.h"
#include "util/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Markdown -> model dump (NULL when refused); diagnostics in d, offsets in
 * the Markdown. */
static const char *dump_of(nq_arena *a, const char *src, size_t size, nq_diags *d)
{
	nq_md m;
	if (!nq_md_to_json(a, src, size, d, &m)) {
		if (d->errors == 0)
			abort(); /* a refused document must say why */
		return NULL;
	}
	size_t n0 = d->n;
	const char *out = NULL;
	nq_json j;
	d->src = m.json;
	d->srclen = m.len;
	if (nq_json_parse(a, m.json, m.len, d, &j)) {
		nq_doc *doc = nq_model_build(a, &j, d);
		nq_json_free(&j);
		if (doc) {
			nq_buf b = { .a = a };
			nq_model_dump(doc, &b);
			out = nq_buf_cstr(&b);
		}
	}
	if (!out && d->errors == 0)
		abort();
	for (size_t i = n0; i < d->n; i++)
		d->v[i].offset = nq_md_offset(&m, d->v[i].offset);
	d->src = src;
	d->srclen = size;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nq_arena *a = nq_arena_new();
	char *src = nq_fuzz_copy(data, size);
	nq_diags d = { .arena = a, .file = "fuzz.md", .src = src, .srclen = size };
	const char *dump = dump_of(a, src, size, &d);
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].offset < -1 || d.v[i].offset > (long)size)
			abort(); /* an offset outside the source */
		int line, col;
		nq_diag_locate(&d, d.v[i].offset, &line, &col);
	}
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		nq_diag_print(&d, null);
		fclose(null);
	}
	if (dump) {
		/* What convert writes reads back as the same issue. */
		nq_md m;
		nq_diags q = { .arena = a };
		const char *md;
		size_t mdlen;
		if (!nq_md_to_json(a, src, size, &q, &m) || !nq_md_from_json(a, m.json, m.len, &q, &md, &mdlen))
			abort();
		nq_diags r = { .arena = a, .src = md, .srclen = mdlen };
		const char *again = dump_of(a, md, mdlen, &r);
		if (!again || strcmp(dump, again))
			abort();
	}
	nq_arena_free(a);
	free(src);
	return 0;
}
