/*
 * fuzz_render.c - libFuzzer target: bytes as an issue file -> nq_render, the
 * whole pipeline to a PDF in memory.  Takes any bytes; makes nothing (the
 * PDF stays in the arena); leaves the JSON and line-breaker corners to the
 * faster fuzz_model.c and fuzz_linebreak.c.
 *
 * The run is hermetic: bundled fonts only (no fontconfig, whose answer
 * depends on the machine), fonts named by the issue ("options.fonts")
 * resolved in fonts/ and never outside it (so the dictionary's font and
 * licence file names reach the fallback code), a fixed date.  Checks that a run
 * without errors returns a PDF that begins and ends like one, and that a
 * failed run returns none, so a half-written PDF can never reach the disk.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nqpdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nq_arena *a = nq_arena_new();
	char *src = malloc(size + 1);
	if (!src)
		abort();
	if (size)
		memcpy(src, data, size);
	src[size] = 0;
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
	if (rc != nq_diag_exit_code(&d))
		abort(); /* the exit code is the worst diagnostic's */
	if (rc == NQ_EXIT_OK) {
		if (!pdf || n < 16 || memcmp(pdf, "%PDF-", 5) != 0)
			abort();
		/* libharu ends the file with "%%EOF" and a newline. */
		const char *end = (const char *)pdf + n;
		if (memcmp(end - 6, "%%EOF", 5) != 0 && memcmp(end - 5, "%%EOF", 5) != 0)
			abort();
	} else if (pdf && n) {
		abort();
	}
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		nq_diag_print(&d, null);
		fclose(null);
	}
	nq_arena_free(a);
	free(src);
	return 0;
}
