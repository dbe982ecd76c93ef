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

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The Makefile passes the source tree's fonts/ as an absolute path, so the
 * binaries work from any directory. */
#ifndef NQ_FUZZ_FONT_DIR
#define NQ_FUZZ_FONT_DIR "fonts"
#endif

#endif
