/*
 * util.h - small shared pieces: UTF-8, byte buffers in the arena, files.
 * Every stage may include this; it includes nothing of the pipeline.
 */
#ifndef NQ_UTIL_H
#define NQ_UTIL_H

#include "nqpdf.h"

/* Decode one UTF-8 character at s[*i] (len bytes in all), advance *i.
 * Returns the code point, or -1 for an ill-formed sequence (then *i moves
 * one byte).  Overlong forms, surrogates and > U+10FFFF are ill-formed. */
int32_t nq_utf8_next(const char *s, size_t len, size_t *i);
/* Encode cp into out (4 bytes room); returns the byte count. */
int nq_utf8_encode(uint32_t cp, char *out);
/* Byte offset of the first ill-formed sequence, or -1 if all is well. */
long nq_utf8_check(const char *s, size_t len);
/* How many of s's len bytes to keep so that at most max are kept and the
 * cut falls between characters, never inside one. */
size_t nq_utf8_cut(const char *s, size_t len, size_t max);

/* nq_grow without clearing the new part: for storage whose owner tracks
 * how much of it holds data (nq_buf, file.c's reader). */
void *nq_grow_raw(nq_arena *a, void *old, size_t old_size, size_t new_size);

/* A growable byte string in the arena. */
typedef struct nq_buf {
	nq_arena *a;
	char *p;
	size_t n, cap;
} nq_buf;

void nq_buf_put(nq_buf *b, const void *p, size_t n);
void nq_buf_puts(nq_buf *b, const char *s);
void nq_buf_putc(nq_buf *b, char c);
void nq_buf_printf(nq_buf *b, const char *fmt, ...) NQ_PRINTF(2, 3);
/* Points as integer hundredths, for dumps: 595.28 -> "595.28". */
void nq_buf_pt(nq_buf *b, double pt);
const char *nq_buf_cstr(nq_buf *b);

/* Read a whole file (or stdin for "-") into the arena.  On failure pushes
 * an NQ_DC_IO error naming the file and the reason. */
bool nq_file_read(nq_arena *a, const char *path, char **out, size_t *len,
                  nq_diags *d) NQ_MUST_CHECK;
/* Write data to path atomically: a temp file (.nqpdf-XXXXXX) in the same
 * directory, fsync, rename; an existing file keeps its permissions.  "-"
 * and names of open descriptors (/dev/stdout, /dev/fd/N) are written into,
 * as are devices and FIFOs (a FIFO must get a reader within 5 s).  On any
 * failure the temp file is removed, an existing path is left untouched,
 * and an error is pushed. */
bool nq_file_write_atomic(const char *path, const void *data, size_t len,
                          nq_diags *d) NQ_MUST_CHECK;
/* Whether in and out name the same regular file (device and inode, after
 * symbolic links; "-" is standard input or output): writing out would
 * destroy in. */
bool nq_file_same(const char *in, const char *out);
/* The messages for a file the issue names (a font, an image) that cannot
 * be used: printf formats taking (name) outside, (name, joined path,
 * reason) missing, (name, resolved path) link. */
typedef struct nq_confine_msgs {
	const char *outside, *missing, *link;
} nq_confine_msgs;
/* The file a name in the issue (jpath, off: where it is written) points
 * to, relative to dir and resolved (every symbolic link followed), or
 * NULL after an error.  Unless allow (--allow-outside), neither the name
 * as written nor the resolved file may leave dir: rendering someone's
 * issue must not read files elsewhere.  Messages show name (NULL: file),
 * as a font's "FILE#INDEX" is written. */
const char *nq_file_confine(nq_arena *a, const char *dir, const char *file, const char *name,
                            const char *jpath, long off, bool allow, const nq_confine_msgs *m,
                            nq_diags *d);
/* Install the handler for SIGHUP, SIGINT and SIGTERM (those not ignored
 * at start): it removes a temp file being written, calls extra (if not
 * NULL; async-signal-safe calls only), then dies of the same signal.  Also
 * ignores SIGXFSZ, so a file-size limit is a write error (EFBIG). */
void nq_file_signals(void (*extra)(int sig));
/* Remove the temp file being written, if any (async-signal-safe). */
void nq_file_drop_temp(void);
/* Out of memory: the one handler (arena.c).  Calls the cleanup set by
 * nq_oom_handler (the command line passes nq_file_drop_temp), prints its
 * line (default: English), exits 4. */
_Noreturn void nq_oom(void);
/* The whole line nq_oom prints, in the reader's language (must live as
 * long as the process), and what it removes first (may be NULL). */
void nq_oom_handler(const char *line, void (*cleanup)(void));

#endif
