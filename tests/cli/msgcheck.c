/*
 * msgcheck.c - the unit test of the message catalogue (src/util/msg.c) and
 * the character widths (src/util/width.c), built and run by tests/cli.sh.
 *
 * Reads, on stdin, the English texts the sources pass to the catalogue
 * (tests/cli/strings.pl: KIND<TAB>TEXT<TAB>FILE) and checks:
 *   - every entry's Chinese has exactly the English's printf conversions,
 *     in the same order, and its args string one letter per conversion
 *     ('w' only on %s), and no English text is in the table twice;
 *   - every text from the sources has an entry (texts without a letter,
 *     like "'}'", read the same in any language and need none);
 *   - translating works: words and built texts inside messages are
 *     translated, data is not, English is left alone, the language comes
 *     from LC_ALL / LC_MESSAGES / LANG in that order;
 *   - nq_cp_width: Han 2, ASCII 1, combining marks 0, fullwidth forms 2.
 * Prints `ok - ...` / `FAIL - ...` lines and `msgcheck: N passed, N failed`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nqpdf.h"
#include "util/msg.h"

static int npass, nfail;

static void check(int ok, const char *what, const char *detail)
{
	if (ok) {
		npass++;
	} else {
		nfail++;
		printf("FAIL - %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	}
}

static void str_eq(const char *got, const char *want, const char *what)
{
	int ok = got && !strcmp(got, want);
	char d[1024];
	snprintf(d, sizeof d, "got \"%s\", want \"%s\"", got ? got : "(null)", want);
	check(ok, what, ok ? NULL : d);
}

/* The inverse of strings.pl's \\ and \n. */
static void unescape(char *s)
{
	char *w = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1] == 'n') {
			*w++ = '\n';
			s++;
		} else if (*s == '\\' && s[1] == '\\') {
			*w++ = '\\';
			s++;
		} else {
			*w++ = *s;
		}
	}
	*w = 0;
}

static int has_letter(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return 1;
	return 0;
}

static void table(nq_arena *a)
{
	size_t n;
	const nq_msg *t = nq_msg_table(&n);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *ce = nq_msg_conversions(a, t[i].en);
		const char *cz = nq_msg_conversions(a, t[i].zh);
		char d[1024];
		if ((ce == NULL) != (cz == NULL) || (ce && strcmp(ce, cz))) {
			snprintf(d, sizeof d, "\"%s\" has %s, its Chinese \"%s\" has %s", t[i].en,
			         ce ? ce : "(malformed)", t[i].zh, cz ? cz : "(malformed)");
			check(0, "catalogue: same conversions", d);
			bad++;
		}
		if (t[i].args && ce) {
			/* One letter per conversion; 'w' only on %s. */
			size_t k = 0;
			int ok = 1;
			for (const char *p = ce; *p; k++) {
				const char *sp = strchr(p, ' ');
				size_t len = sp ? (size_t)(sp - p) : strlen(p);
				char conv = p[len - 1];
				if (k >= strlen(t[i].args) || (t[i].args[k] == 'w' && conv != 's') ||
				    !strchr("w.", t[i].args[k]))
					ok = 0;
				p += len + (sp ? 1 : 0);
			}
			if (k != strlen(t[i].args))
				ok = 0;
			if (!ok) {
				snprintf(d, sizeof d, "\"%s\": args \"%s\" for conversions \"%s\"", t[i].en,
				         t[i].args, ce);
				check(0, "catalogue: args letters", d);
				bad++;
			}
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(t[i].en, t[k].en)) {
				check(0, "catalogue: English text twice", t[i].en);
				bad++;
			}
	}
	check(n > 100, "catalogue: has the library's messages", NULL);
	if (!bad)
		printf("ok - catalogue: %zu entries, conversions and args letters agree\n", n);
	check(!bad, "catalogue entries", NULL);
}

static void sources(void)
{
	char line[8192];
	int seen = 0, missing = 0;
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		char *kind = line, *text = strchr(line, '\t');
		if (!text)
			continue;
		*text++ = 0;
		char *file = strchr(text, '\t');
		if (file)
			*file++ = 0;
		unescape(text);
		seen++;
		if (!has_letter(text))
			continue;
		if (!nq_msg_find(text)) {
			char d[8400];
			snprintf(d, sizeof d, "%s (%s in %s)", text, kind, file ? file : "?");
			check(0, "no Chinese entry for", d);
			missing++;
		}
	}
	check(seen > 100, "the sources' texts were read", NULL);
	if (!missing)
		printf("ok - every one of %d texts from src/ has a Chinese entry\n", seen);
	check(!missing, "all texts translated", NULL);
}

static void translate(nq_arena *a)
{
	/* Plain formats, English untouched. */
	str_eq(nq_msg_format(a, NQ_LANG_EN, "%s must not be empty", "text"),
	       "text must not be empty", "English stays English");
	str_eq(nq_msg_format(a, NQ_LANG_EN, "no such %s message %d", "made-up", 3),
	       "no such made-up message 3", "English without an entry");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "no such %s message %d", "made-up", 3),
	       "no such made-up message 3", "Chinese without an entry falls back to English");
	/* The word argument is translated too. */
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "%s must not be empty", "text"), "文本不能为空",
	       "a 'w' argument is translated");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "expected %s, found %s", "a string", "an array"),
	       "应为字符串，实际是数组", "two 'w' arguments");
	/* Data is not, even when it looks like a catalogue word. */
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "missing required key \"%s\"", "text"),
	       "缺少必填的键 \"text\"", "a '.' argument is left as it is");
	/* Numbers with their own conversions, %.*s and %zu. */
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "QR payload is %zu bytes; at most %d fit a printable code",
	                     (size_t)2000, 1200),
	       "二维码内容有 2000 字节；可印刷的二维码最多容纳 1200 字节", "%zu and %d");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "line %d is %.1f pt too wide: no break allowed in \"%.*s%s\"",
	                     3, 2.25, 4, "abcdefgh", "…"),
	       "第 3 行超出版心 2.2 pt：\"abcd…\" 中没有可以断行的位置", "%.1f and %.*s");
	/* A text a stage built with snprintf, inside "JSON syntax: %s". */
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "JSON syntax: %s",
	                     "duplicate key \"title\" (first at line 3, column 5)"),
	       "JSON 语法错误：重复的键 \"title\"（第一次出现在第 3 行第 5 列）",
	       "a built text is matched against the catalogue's formats");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "JSON syntax: %s", "nesting deeper than 512 levels"),
	       "JSON 语法错误：嵌套超过 512 层", "a number inside a built text");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "JSON syntax: %s", "something new"),
	       "JSON 语法错误：something new", "an unknown word stays English");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "cannot open '%s': %s", "a.json", "No such file or directory"),
	       "无法打开 'a.json'：没有那个文件或目录", "strerror text translated");
	str_eq(nq_msg_format(a, NQ_LANG_ZH, "%d%% done", 5), "5% done", "%% in an untranslated format");
	str_eq(nq_msg_tr(NQ_LANG_ZH, "error"), "错误", "severity word");
	str_eq(nq_msg_tr(NQ_LANG_EN, "error"), "error", "severity word in English");

	/* Language from the environment: LC_ALL, then LC_MESSAGES, then LANG. */
	check(nq_msg_lang(NULL, NULL, "zh_CN.UTF-8") == NQ_LANG_ZH, "LANG=zh_CN.UTF-8 is Chinese", NULL);
	check(nq_msg_lang(NULL, NULL, "zh_TW.UTF-8") == NQ_LANG_ZH, "LANG=zh_TW.UTF-8 is Chinese", NULL);
	check(nq_msg_lang(NULL, NULL, "zh") == NQ_LANG_ZH, "LANG=zh is Chinese", NULL);
	check(nq_msg_lang(NULL, NULL, "en_US.UTF-8") == NQ_LANG_EN, "LANG=en_US is English", NULL);
	check(nq_msg_lang(NULL, NULL, NULL) == NQ_LANG_EN, "nothing set is English", NULL);
	check(nq_msg_lang("C", NULL, "zh_CN.UTF-8") == NQ_LANG_EN, "LC_ALL=C beats LANG", NULL);
	check(nq_msg_lang("", "zh_CN.UTF-8", "C") == NQ_LANG_ZH, "empty LC_ALL is unset", NULL);
	check(nq_msg_lang(NULL, "en_GB.UTF-8", "zh_CN.UTF-8") == NQ_LANG_EN,
	      "LC_MESSAGES beats LANG", NULL);
	check(nq_msg_lang(NULL, NULL, "zhx") == NQ_LANG_EN, "zhx is not Chinese", NULL);
}

static void widths(void)
{
	check(nq_cp_width('a') == 1, "width of a", NULL);
	check(nq_cp_width(0x6D4B) == 2, "width of 测", NULL);
	check(nq_cp_width(0x3001) == 2, "width of 、", NULL);
	check(nq_cp_width(0xFF0C) == 2, "width of fullwidth comma", NULL);
	check(nq_cp_width(0x3000) == 2, "width of the ideographic space", NULL);
	check(nq_cp_width(0x20BB7) == 2, "width of 𠮷 (plane 2)", NULL);
	check(nq_cp_width(0x0301) == 0, "width of a combining acute", NULL);
	check(nq_cp_width(0x200B) == 0, "width of zero width space", NULL);
	check(nq_cp_width(0x201C) == 1, "width of “ (ambiguous: narrow)", NULL);
	check(nq_cp_width(0xAC00) == 2, "width of a Hangul syllable", NULL);
	check(nq_cp_width(0x1F600) == 2, "width of an emoji", NULL);
	check(nq_cp_width(0xFF61) == 1, "width of halfwidth 。", NULL);
}

int main(void)
{
	nq_arena *a = nq_arena_new();
	table(a);
	sources();
	translate(a);
	widths();
	nq_arena_free(a);
	printf("msgcheck: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
