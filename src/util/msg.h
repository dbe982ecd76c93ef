/*
 * msg.h - the message catalogue: every message nqpdf shows, in English (the
 * key, exactly as the sources write it) and in Chinese, and the few things
 * a message needs to look right in a terminal (the language to use, the
 * width of a character).  Used by diag.c (diagnostics) and src/cli/.
 */
#ifndef NQ_MSG_H
#define NQ_MSG_H

#include <stdarg.h>

#include "nqpdf.h"

/* One catalogue entry.  en and zh have the same printf conversions in the
 * same order.  args has one letter per conversion that takes an argument
 * (a '*' width or precision is not counted): 'w' when that argument is
 * itself an English word or phrase from the sources, translated too, '.'
 * when it is data (a key, a file name, a number) and printed as it is.
 * NULL means all data. */
typedef struct nq_msg {
	const char *en, *zh, *args;
} nq_msg;

/* The whole catalogue, for the test that checks it (tests/cli.sh). */
const nq_msg *nq_msg_table(size_t *n);
/* The entry whose English text is en, or NULL. */
const nq_msg *nq_msg_find(const char *en);

/* The language messages should be in, from the POSIX locale variables
 * (the first set of LC_ALL, LC_MESSAGES, LANG): Chinese for zh*, English
 * otherwise.  Pass getenv()'s results; NULL means unset. */
nq_lang nq_msg_lang(const char *lc_all, const char *lc_messages, const char *lang);

/* Characters a message never prints as they are: C0 and C1 controls, DEL,
 * U+2028 and U+2029 (line and paragraph separators: a log reader may take
 * them for a new line), and the bidirectional embeddings, overrides and
 * isolates U+202A..202E, U+2066..2069, which reorder what a terminal shows
 * ("Trojan Source", CVE-2021-42574). */
bool nq_cp_unsafe(int32_t cp);
/* s with every unsafe character written as a visible escape: \n, \r, \t,
 * \u001b; a byte that is not UTF-8 as \xff.  s itself when there is none,
 * else arena memory.  A key "x\nfile.json:1:1: error: ..." can then not
 * forge a message line, nor an ESC sequence reach the terminal. */
const char *nq_msg_escape(nq_arena *a, const char *s);

/* fmt and its arguments formatted in lang, escaped by nq_msg_escape: the catalogue's translation
 * when there is one (with 'w' arguments translated too), otherwise the
 * English.  Arena memory. */
char *nq_msg_vformat(nq_arena *a, nq_lang lang, const char *fmt, va_list ap);
char *nq_msg_format(nq_arena *a, nq_lang lang, const char *fmt, ...) NQ_PRINTF(3, 4);
/* A finished English text in lang: an entry without conversions that
 * matches it whole, or an entry whose pattern it matches (its conversions
 * then stand for the parts that differ), else s itself. */
const char *nq_msg_text(nq_arena *a, nq_lang lang, const char *s);
/* The text for a fixed string (help, labels) in lang; s when untranslated. */
const char *nq_msg_tr(nq_lang lang, const char *s);

/* The printf conversions of fmt that take arguments, as a string of
 * conversion letters with their flags, e.g. "%s must be %d" -> "s d", for
 * comparing two formats.  Arena memory; NULL when fmt is malformed. */
const char *nq_msg_conversions(nq_arena *a, const char *fmt);

/* Terminal columns of a code point (wcwidth after Unicode's East Asian
 * Width): 2 for wide and fullwidth (Han, kana, fullwidth forms), 0 for
 * combining marks and format characters, 1 otherwise.  Ambiguous-width
 * characters (“ ” … ·) count 1, as glibc's wcwidth and most terminals do. */
int nq_cp_width(int32_t cp);

#endif
