/*
 * fuzz_render.c - libFuzzer target: bytes as an issue file -> nq_render, the
 * whole pipeline to a PDF in memory.  Takes any bytes; makes nothing (the
 * PDF stays in the arena); leaves the JSON and line-breaker corners to the
 * faster fuzz_model.c and fuzz_linebreak.c.
 *
 * Most mutations of a JSON file are no longer an issue, and stop in the
 * reader or the model.  So an input whose first byte is 0x01 (never the
 * start of JSON) is read as a recipe for a valid issue instead, to reach
 * layout and the PDF writer every time:
 *   [1]     bits 0-1 paper, 2-3 prohibition, 4 contents, 5 draft, 6 a
 *           reference (so [1] in the text is a citation), 7 a footer
 *   rest    lines: the title, then section headings and paragraphs (a
 *           line starting with '#' is a heading), the reference and QR
 *           payload reuse the last line; cleaned to well-formed UTF-8
 *           without NUL, cut to the model's limits, and escaped by cJSON.
 * NQ_FUZZ_DEBUG=1 in the environment prints the issue and its messages.
 *
 * The run is hermetic: bundled fonts only (no fontconfig, whose answer
 * depends on the machine), fonts named by the issue ("options.fonts")
 * resolved in fonts/ and never outside it (so the dictionary's font and
 * licence file names reach the fallback code), a fixed date.  Checks that a run
 * without errors returns a PDF that begins and ends like one, and that a
 * failed run returns none, so a half-written PDF can never reach the disk,
 * and that no input gets exit 4 (an internal error).
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nqpdf.h"
#include "util/util.h"

/* Line i of the recipe as a clean C string (arena): well-formed UTF-8, no
 * NUL, at most max bytes, never empty (the model refuses blank text). */
static const char *clean(nq_arena *a, const char *s, size_t n, size_t max)
{
	char *out = nq_alloc(a, n + 2);
	size_t k = 0;
	for (size_t i = 0; i < n && k < max;) {
		size_t at = i;
		int32_t cp = nq_utf8_next(s, n, &i);
		if (cp > 0 && k + (i - at) <= max) {
			memcpy(out + k, s + at, i - at);
			k += i - at;
		} else if (cp > 0) {
			break;
		}
	}
	if (k == 0 || strspn(out, " \t\n\r\f\v") == k)
		out[k++] = 'x';
	out[k] = 0;
	return out;
}

/* A URL whose path is s percent-encoded (the model refuses spaces), so the
 * fuzzer's text still shapes how the URL breaks across lines. */
static const char *url(nq_arena *a, const char *s)
{
	nq_buf b = { .a = a };
	nq_buf_puts(&b, "https://example.org/");
	for (size_t i = 0; s[i] && i < 300; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    strchr("-._~/?=&", c))
			nq_buf_put(&b, s + i, 1);
		else
			nq_buf_printf(&b, "%%%02X", c);
	}
	return nq_buf_cstr(&b);
}

/* Build the issue the recipe describes; returns its JSON text (malloc). */
static char *recipe(nq_arena *a, const uint8_t *data, size_t size)
{
	static const char *const paper[] = { "A4", "B5", "Letter", "A4" };
	static const char *const kinsoku[] = { "basic", "gb", "strict", "strict" };
	unsigned bits = size > 1 ? data[1] : 0;
	const char *p = size > 2 ? (const char *)data + 2 : "";
	size_t n = size > 2 ? size - 2 : 0;

	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "nqpdf", 1);
	cJSON_AddStringToObject(doc, "organization", "单位");
	cJSON_AddStringToObject(doc, "date", "2026-05-14");
	cJSON *opt = cJSON_AddObjectToObject(doc, "options");
	cJSON_AddStringToObject(opt, "paper", paper[bits & 3]);
	cJSON_AddStringToObject(opt, "prohibition", kinsoku[(bits >> 2) & 3]);
	cJSON_AddBoolToObject(opt, "contents", (bits >> 4) & 1);
	cJSON_AddBoolToObject(opt, "draft", (bits >> 5) & 1);
	cJSON *secs = cJSON_AddArrayToObject(doc, "sections");
	cJSON *paras = NULL;
	const char *last = "x";
	int nsec = 0, npara = 0;
	for (size_t i = 0; i <= n;) {
		size_t e = i;
		while (e < n && p[e] != '\n')
			e++;
		/* The model's limits: 1 KiB lines, 99 sections (docs/limits.md). */
		if (i == 0) {
			cJSON_AddStringToObject(doc, "title", clean(a, p, e, 1024));
		} else if (((i < n && p[i] == '#') || !paras) && nsec < 99) {
			cJSON *sec = cJSON_CreateObject();
			size_t h = i < n && p[i] == '#';
			cJSON_AddStringToObject(sec, "heading", clean(a, p + i + h, e - i - h, 1024));
			paras = cJSON_AddArrayToObject(sec, "paragraphs");
			cJSON_AddItemToArray(secs, sec);
			nsec++;
			npara = 0;
		} else if (paras) {
			last = clean(a, p + i, e - i, 256 * 1024);
			cJSON_AddItemToArray(paras, cJSON_CreateString(last));
			npara++;
		}
		i = e + 1;
	}
	if (!nsec) {
		cJSON *sec = cJSON_CreateObject();
		cJSON_AddStringToObject(sec, "heading", "x");
		paras = cJSON_AddArrayToObject(sec, "paragraphs");
		cJSON_AddItemToArray(secs, sec);
	}
	if (!npara)
		cJSON_AddItemToArray(paras, cJSON_CreateString(last));
	if ((bits >> 6) & 1) {
		cJSON *refs = cJSON_AddArrayToObject(doc, "references");
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "source", "来源");
		cJSON_AddStringToObject(r, "title", clean(a, last, strlen(last), 1024));
		cJSON_AddStringToObject(r, "url", url(a, last));
		cJSON_AddItemToArray(refs, r);
	}
	if ((bits >> 7) & 1) {
		cJSON *f = cJSON_AddObjectToObject(doc, "footer");
		cJSON *codes = cJSON_AddArrayToObject(f, "codes");
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "caption", "扫码");
		cJSON_AddStringToObject(c, "payload", clean(a, last, strlen(last), 1024));
		cJSON_AddItemToArray(codes, c);
	}
	char *json = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (!json)
		abort();
	return json;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nq_arena *a = nq_arena_new();
	char *src;
	if (size && data[0] == 0x01) {
		src = recipe(a, data, size);
		size = strlen(src);
	} else {
		src = nq_fuzz_copy(data, size);
	}
	nq_diags d = { .arena = a, .file = "fuzz.json" };
	nq_options opt = {
		.font_dir = NQ_FUZZ_FONT_DIR,
		.source_date = 0,
		.contents = -1,
		.input_dir = NQ_FUZZ_FONT_DIR,
		.allow_outside = false,
		.system_fonts = false,
	};
	const unsigned char *pdf = NULL;
	size_t n = 0;
	int rc = nq_render(a, src, size, &opt, &d, &pdf, &n);
	if (getenv("NQ_FUZZ_DEBUG")) {
		/* To see what an input does: the issue, the exit code, the messages. */
		fprintf(stderr, "%s\nexit %d, %zu bytes of PDF\n", src, rc, n);
		nq_diag_print(&d, stderr);
	}
	if (rc != nq_diag_exit_code(&d))
		abort(); /* the exit code is the worst diagnostic's */
	/* Exit 4 is "a bug or resource limit in nqpdf itself": within the
	 * documented limits, a bug (a libharu error on a valid issue was). */
	if (rc == NQ_EXIT_INTERNAL)
		abort();
	nq_fuzz_check_output(rc, pdf, n, &d);
	nq_arena_free(a);
	free(src);
	return 0;
}
