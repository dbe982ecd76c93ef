/* test_util.c - the arena, UTF-8 and diagnostics (src/util). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "harness.h"
#include "nqpdf.h"
#include "util/msg.h"
#include "util/util.h"

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

void test_arena(void)
{
	nq_arena *a = nq_arena_new();
	NQ_OK(a != NULL);

	/* nq_alloc zeroes, also memory reused after a dirty neighbour. */
	unsigned char *p = nq_alloc(a, 100);
	NQ_OK(all_zero(p, 100));
	memset(p, 0xAB, 100);
	unsigned char *q = nq_alloc(a, 100);
	NQ_OK(q != p);
	NQ_OK(all_zero(q, 100));
	NQ_OK(((uintptr_t)q & 15) == 0);
	unsigned char *big = nq_alloc(a, 200000); /* a block of its own */
	NQ_OK(all_zero(big, 200000));
	unsigned char *z = nq_alloc(a, 0);
	NQ_OK(z != NULL);

	/* nq_grow copies the old contents and zeroes the rest. */
	for (int i = 0; i < 100; i++)
		p[i] = (unsigned char)i;
	unsigned char *g = nq_grow(a, p, 100, 300);
	int same = 1;
	for (int i = 0; i < 100; i++)
		same &= g[i] == (unsigned char)i;
	NQ_OK(same);
	NQ_OK(all_zero(g + 100, 200));
	unsigned char *s = nq_grow(a, g, 300, 10); /* shrinking copies the prefix */
	NQ_INT_EQ(s[9], 9);
	NQ_OK(nq_grow(a, NULL, 0, 16) != NULL);

	/* NQ_PUSH grows and keeps earlier elements; new elements are zeroed. */
	struct pt { int x, y; } *v = NULL;
	size_t n = 0, cap = 0;
	int ok = 1;
	for (int i = 0; i < 1000; i++) {
		struct pt *e = NQ_PUSH(a, v, n, cap);
		ok &= e->x == 0 && e->y == 0;
		e->x = i;
		e->y = -i;
	}
	NQ_OK(ok);
	NQ_INT_EQ(n, 1000);
	NQ_OK(cap >= 1000);
	ok = 1;
	for (int i = 0; i < 1000; i++)
		ok &= v[i].x == i && v[i].y == -i;
	NQ_OK(ok);

	NQ_STR_EQ(nq_strndup(a, "abcdef", 3), "abc");
	NQ_STR_EQ(nq_sprintf(a, "%d-%s", 42, "x"), "42-x");
	nq_arena_free(a);
	nq_arena_free(NULL);
}

static int32_t dec1(const char *s, size_t len, size_t *adv)
{
	size_t i = 0;
	int32_t cp = nq_utf8_next(s, len, &i);
	*adv = i;
	return cp;
}

void test_utf8(void)
{
	size_t adv;
	/* Cut at a character boundary: "a中b" is 1 + 3 + 1 bytes. */
	NQ_INT_EQ(nq_utf8_cut("a\xE4\xB8\xAD" "b", 5, 9), 5);
	NQ_INT_EQ(nq_utf8_cut("a\xE4\xB8\xAD" "b", 5, 4), 4);
	NQ_INT_EQ(nq_utf8_cut("a\xE4\xB8\xAD" "b", 5, 3), 1);
	NQ_INT_EQ(nq_utf8_cut("a\xE4\xB8\xAD" "b", 5, 2), 1);
	NQ_INT_EQ(nq_utf8_cut("\xE4\xB8\xAD", 3, 2), 0);
	/* Valid 1-4 byte characters. */
	NQ_INT_EQ(dec1("A", 1, &adv), 'A');
	NQ_INT_EQ(adv, 1);
	NQ_INT_EQ(dec1("\xC3\xA9", 2, &adv), 0xE9);
	NQ_INT_EQ(adv, 2);
	NQ_INT_EQ(dec1("\xE4\xB8\xAD", 3, &adv), 0x4E2D); /* 中 */
	NQ_INT_EQ(adv, 3);
	NQ_INT_EQ(dec1("\xF0\xA0\xAE\xB7", 4, &adv), 0x20BB7); /* 𠮷 */
	NQ_INT_EQ(adv, 4);
	NQ_INT_EQ(dec1("\xF4\x8F\xBF\xBF", 4, &adv), 0x10FFFF);
	NQ_INT_EQ(dec1("\xEF\xBF\xBF", 3, &adv), 0xFFFF);

	/* Ill-formed: -1 and one byte consumed. */
	NQ_INT_EQ(dec1("\xC0\x80", 2, &adv), -1);          /* overlong NUL */
	NQ_INT_EQ(adv, 1);
	NQ_INT_EQ(dec1("\xC1\xBF", 2, &adv), -1);          /* overlong 2-byte */
	NQ_INT_EQ(dec1("\xE0\x80\xAF", 3, &adv), -1);      /* overlong '/' */
	NQ_INT_EQ(dec1("\xF0\x80\x80\xAF", 4, &adv), -1);  /* overlong 4-byte */
	NQ_INT_EQ(dec1("\xED\xA0\x80", 3, &adv), -1);      /* U+D800 */
	NQ_INT_EQ(adv, 1);
	NQ_INT_EQ(dec1("\xED\xBF\xBF", 3, &adv), -1);      /* U+DFFF */
	NQ_INT_EQ(dec1("\xF4\x90\x80\x80", 4, &adv), -1);  /* > U+10FFFF */
	NQ_INT_EQ(dec1("\xE4\xB8", 2, &adv), -1);          /* truncated */
	NQ_INT_EQ(adv, 1);
	NQ_INT_EQ(dec1("\xF0\xA0\xAE", 3, &adv), -1);      /* truncated */
	NQ_INT_EQ(dec1("\xE4\x41\xAD", 3, &adv), -1);      /* bad continuation */
	NQ_INT_EQ(dec1("\x80", 1, &adv), -1);              /* lone continuation */
	NQ_INT_EQ(dec1("\xFF", 1, &adv), -1);

	/* Encode round-trip over every kind of scalar value. */
	static const uint32_t cps[] = { 0, 0x7F, 0x80, 0x7FF, 0x800, 0x4E2D, 0xD7FF, 0xE000,
	                                0xFFFD, 0xFFFF, 0x10000, 0x20BB7, 0x10FFFF };
	int ok = 1;
	for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
		char buf[4];
		int n = nq_utf8_encode(cps[k], buf);
		size_t i = 0;
		int32_t back = nq_utf8_next(buf, (size_t)n, &i);
		if (back != (int32_t)cps[k] || i != (size_t)n) {
			ok = 0;
			fprintf(stderr, "round trip of U+%04X failed\n", (unsigned)cps[k]);
		}
	}
	NQ_OK(ok);
	char e[4];
	NQ_INT_EQ(nq_utf8_encode(0x4E2D, e), 3);
	NQ_OK(!memcmp(e, "\xE4\xB8\xAD", 3));
	NQ_INT_EQ(nq_utf8_encode(0x20BB7, e), 4);
	NQ_OK(!memcmp(e, "\xF0\xA0\xAE\xB7", 4));

	/* nq_utf8_check: byte offset of the first bad sequence. */
	NQ_INT_EQ(nq_utf8_check("", 0), -1);
	NQ_INT_EQ(nq_utf8_check("ab\xE4\xB8\xAD" "c", 6), -1);
	NQ_INT_EQ(nq_utf8_check("ab\xE4\xB8\xAD\xFF", 6), 5);
	NQ_INT_EQ(nq_utf8_check("\xE4\xB8\xAD\xE4\xB8", 5), 3);  /* truncated at the end */
	NQ_INT_EQ(nq_utf8_check("x\xED\xA0\x80y", 5), 1);
	NQ_INT_EQ(nq_utf8_check("\xC0\x80", 2), 0);
}

void test_diag(void)
{
	nq_arena *a = nq_arena_new();
	/* line 1: "中文ab", line 2: "𠮷x" */
	static const char src[] = "\xE4\xB8\xAD\xE6\x96\x87" "ab\n\xF0\xA0\xAE\xB7x";
	nq_diags d = { .arena = a, .file = "t.json", .src = src, .srclen = sizeof src - 1 };
	int line, col;
	nq_diag_locate(&d, 0, &line, &col);
	NQ_INT_EQ(line, 1);
	NQ_INT_EQ(col, 1);
	nq_diag_locate(&d, 6, &line, &col); /* 'a': after two 3-byte chars */
	NQ_INT_EQ(line, 1);
	NQ_INT_EQ(col, 3);
	nq_diag_locate(&d, 7, &line, &col);
	NQ_INT_EQ(col, 4);
	nq_diag_locate(&d, 8, &line, &col); /* the newline itself */
	NQ_INT_EQ(line, 1);
	NQ_INT_EQ(col, 5);
	nq_diag_locate(&d, 9, &line, &col);
	NQ_INT_EQ(line, 2);
	NQ_INT_EQ(col, 1);
	nq_diag_locate(&d, 13, &line, &col); /* 'x' after a 4-byte char */
	NQ_INT_EQ(line, 2);
	NQ_INT_EQ(col, 2);
	{
		/* A UTF-8 BOM is not a column: '{' right after it is 1:1. */
		nq_diags db = { .arena = a, .src = "\xEF\xBB\xBF{}", .srclen = 5 };
		nq_diag_locate(&db, 3, &line, &col);
		NQ_INT_EQ(line, 1);
		NQ_INT_EQ(col, 1);
	}
	nq_diag_locate(&d, -1, &line, &col);
	NQ_INT_EQ(line, 1);
	NQ_INT_EQ(col, 1);

	/* The exit code follows the worst class of error; warnings don't count. */
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_OK);
	nq_diag_add(&d, NQ_WARNING, NQ_DC_INTERNAL, "/x", 3, "just a warning");
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_OK);
	NQ_INT_EQ(d.warnings, 1);
	nq_diag_add(&d, NQ_ERROR, NQ_DC_INPUT, "/title", 6, "bad %s", "title");
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_INPUT);
	NQ_STR_EQ(d.v[1].msg, "bad title");
	nq_diag_add(&d, NQ_ERROR, NQ_DC_IO, NULL, -1, "io");
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_IO);
	nq_diag_add(&d, NQ_ERROR, NQ_DC_INPUT, NULL, -1, "input again");
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_IO);
	nq_diag_add(&d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "bug");
	NQ_INT_EQ(nq_diag_exit_code(&d), NQ_EXIT_INTERNAL);
	NQ_INT_EQ(d.errors, 4);

	/* Printing: sorted by position, FILE:LINE:COL: severity: /path: msg. */
	nq_diags d2 = { .arena = a, .file = "t.json", .src = src, .srclen = sizeof src - 1 };
	nq_diag_add(&d2, NQ_ERROR, NQ_DC_INPUT, NULL, -1, "no place");
	nq_diag_add(&d2, NQ_WARNING, NQ_DC_INPUT, "/b", 13, "second");
	nq_diag_add(&d2, NQ_ERROR, NQ_DC_INPUT, "", 6, "first");
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	if (f) {
		nq_diag_print(&d2, f);
		fclose(f);
		NQ_STR_EQ(out, "t.json:1:3: error: /: first\n"
		               "t.json:2:2: warning: /b: second\n"
		               "t.json: error: no place\n");
		free(out);
	}
	nq_arena_free(a);
}

/* nq_diag_print into a string (arena memory). */
static char *print(nq_arena *a, const nq_diags *d)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	if (!f)
		return NULL;
	nq_diag_print(d, f);
	fclose(f);
	char *s = nq_strdup(a, out);
	free(out);
	return s;
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

void test_diag_bounds(void)
{
	nq_arena *a = nq_arena_new();

	/* Escapes: nothing to escape gives the same string back. */
	const char *plain = "键 \"x\" 正常";
	NQ_OK(nq_msg_escape(a, plain) == plain);
	NQ_STR_EQ(nq_msg_escape(a, "a\nb\r\tc\x1b[31m\x7f"),
	          "a\\nb\\r\\tc\\u001b[31m\\u007f");
	/* C1 (U+0085), the line and paragraph separators, a bidi override,
	 * a byte that is not UTF-8. */
	NQ_STR_EQ(nq_msg_escape(a, "\xC2\x85|\xE2\x80\xA8|\xE2\x80\xA9|\xE2\x80\xAE|\xFF"),
	          "\\u0085|\\u2028|\\u2029|\\u202e|\\xff");
	/* Every message, in either language, whatever the argument. */
	NQ_STR_EQ(nq_msg_format(a, NQ_LANG_EN, "unknown key \"%s\"; did you mean \"%s\"?", "x\ny", "z"),
	          "unknown key \"x\\ny\"; did you mean \"z\"?");
	NQ_STR_EQ(nq_msg_format(a, NQ_LANG_ZH, "unknown key \"%s\"; did you mean \"%s\"?", "x\ny", "z"),
	          "未知的键 \"x\\ny\"；是不是想写 \"z\"？");

	/* A forged line in a key reaches neither the path nor the message. */
	static const char src[] = "{\"a\":1}";
	nq_diags d = { .arena = a, .file = "f\n.json", .src = src, .srclen = sizeof src - 1 };
	nq_diag_add(&d, NQ_ERROR, NQ_DC_INPUT, "/a\nf.json:9:9: error: FORGED", 1, "m %s", "\x1b]0;x\x07");
	NQ_STR_EQ(print(a, &d), "f\\n.json:1:2: error: /a\\nf.json:9:9: error: FORGED: m \\u001b]0;x\\u0007\n");

	/* The same message twice at one place is printed once; the same
	 * text at another place, or another text at the same place, is not
	 * the same message. */
	nq_diags r = { .arena = a, .file = "r.json", .src = src, .srclen = sizeof src - 1 };
	nq_diag_add(&r, NQ_WARNING, NQ_DC_INPUT, "/t", 2, "again");
	nq_diag_add(&r, NQ_WARNING, NQ_DC_INPUT, "/t", 2, "other");
	nq_diag_add(&r, NQ_WARNING, NQ_DC_INPUT, "/t", 2, "again");
	nq_diag_add(&r, NQ_WARNING, NQ_DC_INPUT, "/t", 3, "again");
	NQ_STR_EQ(print(a, &r), "r.json:1:3: warning: /t: again\n"
	                        "r.json:1:3: warning: /t: other\n"
	                        "r.json:1:4: warning: /t: again\n");

	/* 150 errors and 120 warnings about places, then two about no place:
	 * the first 100 of each in source order, one line for the rest, then
	 * the placeless ones, never left out. */
	nq_diags m = { .arena = a, .file = "m.json", .src = src, .srclen = sizeof src - 1 };
	for (int i = 0; i < 150; i++)
		nq_diag_add(&m, NQ_ERROR, NQ_DC_INPUT, NULL, i % 7, "e%d", i);
	for (int i = 0; i < 120; i++)
		nq_diag_add(&m, NQ_WARNING, NQ_DC_INPUT, NULL, 7 - i % 7, "w%d", i);
	nq_diag_add(&m, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write");
	nq_diag_add(&m, NQ_ERROR, NQ_DC_INPUT, NULL, -1, "strict");
	char *out = print(a, &m);
	NQ_INT_EQ(count(out, ": error: e"), 100);
	NQ_INT_EQ(count(out, ": warning: w"), 100);
	NQ_OK(strstr(out, "m.json: note: and 50 more errors and 20 more warnings not shown\n"
	                  "nqpdf: error: cannot write\n"
	                  "m.json: error: strict\n") != NULL);
	NQ_INT_EQ(nq_diag_exit_code(&m), NQ_EXIT_IO);
	NQ_INT_EQ(m.errors, 152);
	/* In order: the first line is at 1:1, the last placed one at 1:8. */
	NQ_OK(strncmp(out, "m.json:1:1: error: e0\n", 22) == 0);
	m.lang = NQ_LANG_ZH;
	NQ_OK(strstr(print(a, &m), "m.json: 注: 另有 50 个错误和 20 个警告未显示\n") != NULL);

	/* The excerpt of one very long line: a window around the caret,
	 * "..." on both sides, the caret under its character, and no more of
	 * the line looked at than the window shows. */
	size_t n = 3000000;
	char *big = nq_alloc(a, n + 1);
	memset(big, 'a', n);
	memcpy(big + 2000000, "\xE6\xB5\x8B" "X", 4); /* 测X */
	nq_diags e = { .arena = a, .file = "e.json", .src = big, .srclen = n, .excerpt = 40 };
	nq_diag_add(&e, NQ_ERROR, NQ_DC_INPUT, NULL, 2000003, "here");
	NQ_STR_EQ(print(a, &e), "e.json:1:2000002: error: here\n"
	                        "    1 | ...aaaaaa测Xaaaaaaaaaaaaaaaaa...\n"
	                        "      |            ^\n");
	nq_arena_free(a);
}
