/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry points (declared
 * so -Wmissing-prototypes is satisfied), and where the bundled fonts are.
 *
 * Every target defines both functions.  Under clang, libFuzzer's main calls
 * them; under gcc, replay.c's main does, so `make test` replays the corpus
 * and every regression input through exactly the code the fuzzer ran.
 */
#ifndef NQ_FUZZ_H
#define NQ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nqpdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The Makefile passes the source tree's fonts/ as an absolute path, so the
 * binaries work from any directory. */
#ifndef NQ_FUZZ_FONT_DIR
#define NQ_FUZZ_FONT_DIR "fonts"
#endif

/* What nq_render gave back is whole: a success is a PDF from "%PDF-" to
 * "%%EOF" (libharu ends it with a newline), a failure returns none.  Then
 * the messages are printed (to /dev/null), as a real run prints them. */
static inline void nq_fuzz_check_output(int rc, const unsigned char *pdf, size_t n, const nq_diags *d)
{
	if (rc == NQ_EXIT_OK) {
		if (!pdf || n < 16 || memcmp(pdf, "%PDF-", 5) != 0)
			abort();
		const char *end = (const char *)pdf + n;
		if (memcmp(end - 6, "%%EOF", 5) != 0 && memcmp(end - 5, "%%EOF", 5) != 0)
			abort();
	} else if (pdf && n) {
		abort();
	}
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		nq_diag_print(d, null);
		fclose(null);
	}
}

/* The input as the reader hands it on (file.c): a NUL-terminated copy, in
 * an exact-size malloc'd buffer so ASan sees any overread.  free() it. */
static inline char *nq_fuzz_copy(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	if (!src)
		abort();
	if (size)
		memcpy(src, data, size);
	src[size] = 0;
	return src;
}

#endif
