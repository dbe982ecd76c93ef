/*
 * clreq.c - character classes and line-edge prohibitions for Chinese.
 *
 * Code points are from CLREQ (W3C "Requirements for Chinese Text Layout",
 * 2024-03-21), §3.1.7 "Tables of Chinese punctuation marks" and §3.1.7.1
 * "Prohibition rules for line start and line end", at three levels: basic,
 * GB (basic + no solidus at line end) and strict (GB + no 2-em dash or
 * ellipsis at line start), selected per issue.  JLREQ lists the same marks under ASCII code points; the full-width
 * FFxx forms are added here.  “‘ are opening and ”’ closing in Chinese text,
 * as in xeCJK and Typst (UAX #14's QU class would forbid breaks on both
 * sides).  Everything else is decided by the Unicode general category that
 * HarfBuzz's default callbacks give us, not by a hand table.
 *
 * ‘’“” are East Asian Width A: the same code points are Chinese full-width
 * quotes and English proportional ones, and only the text around them
 * tells which (nq_clreq_class_at, docs/typography.md "Quotes and
 * apostrophes in English").
 */
#include <hb.h>

#include "linebreak.h"
#include "util/util.h"

/* Ideographs of the CJK Unified block and ASCII letters and digits are in
 * none of the sets below: most characters skip the searches. */
static bool plain(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= '0' && cp <= '9');
}

static bool in(int32_t cp, const int32_t *set)
{
	for (; *set; set++)
		if (*set == cp)
			return true;
	return false;
}

/* CLREQ §3.1.7.1, basic level: not at line start. */
static const int32_t no_start_basic[] = {
	0x3001, 0xFF0C, 0xFF1B, 0xFF1A, 0x3002, 0xFF0E, 0xFF01, 0xFF1F, 0x203C, 0x2047, 0x2048, 0x2049,
	0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3009, 0x3011, 0x3017, 0x3015, 0xFF3D, 0xFF5D,
	0xFF5E, 0x2013, 0x00B7, 0x30FB, 0x2027,
	0,
};
/* CLREQ §3.1.7.1, strict level adds: ⸺ —— …… ⋯⋯ not at line start. */
static const int32_t no_start_strict[] = { 0x2014, 0x2E3A, 0x2026, 0x22EF, 0 };
/* At every level, JLREQ §3.1.10 "unbreakable character sequences" (CLREQ's
 * section on digits is empty): Latin closing punctuation and unit suffixes
 * stay with what precedes them (5%, 41°C, 3‰, 1.5％). */
static const int32_t no_start_always[] = {
	',', '.', ';', ':', '?', '!', ')', ']', '}', '%', 0x2030, 0x00B0, 0x2103, 0x2109, 0xFF05, 0,
};

/* CLREQ §3.1.7.1, basic level: not at line end. */
static const int32_t no_end_basic[] = {
	0x201C, 0x2018, 0x300C, 0x300E, 0xFF08, 0x300A, 0x3008, 0x3010, 0x3016, 0x3014, 0xFF3B, 0xFF5B,
	0,
};
/* CLREQ §3.1.7.1, GB level adds the solidus (GB/T 15834 §4.15). */
static const int32_t no_end_gb[] = { '/', 0xFF0F, 0 };
/* At every level (JLREQ §3.1.10): Latin opening brackets and currency
 * prefixes stay with what follows ($1.3, ¥5, €20). */
static const int32_t no_end_always[] = {
	'(', '[', '{', '$', 0x00A5, 0xFFE5, 0x20AC, 0x00A3, 0xFF04, 0,
};

static const int32_t opening[] = {
	0xFF08, 0x300A, 0x201C, 0x2018, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3008, 0xFF3B, 0xFF5B, 0,
};
static const int32_t closing[] = {
	0xFF09, 0x300B, 0x201D, 0x2019, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3009, 0xFF3D, 0xFF5D, 0,
};
static const int32_t stops[] = {
	0x3001, 0xFF0C, 0x3002, 0xFF0E, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0,
};
static const int32_t middles[] = { 0x00B7, 0x30FB, 0x2027, 0xFF5E, 0 };

bool nq_clreq_no_start(int32_t cp, nq_kinsoku level)
{
	return !plain(cp) && (in(cp, no_start_basic) || in(cp, no_start_always) ||
	       (level >= NQ_KINSOKU_STRICT && in(cp, no_start_strict)));
}

bool nq_clreq_no_end(int32_t cp, nq_kinsoku level)
{
	return !plain(cp) && (in(cp, no_end_basic) || in(cp, no_end_always) ||
	       (level >= NQ_KINSOKU_GB && in(cp, no_end_gb)));
}

nq_cls nq_clreq_class(int32_t cp)
{
	/* Most characters first, before the searches and HarfBuzz's script
	 * lookup: the CJK Unified block is all script Han. */
	if (plain(cp))
		return cp >= 0x4E00 ? NQ_CL_HAN : NQ_CL_LATIN;
	/* U+3000 too: a space, kept 1 em wide inside a line (atoms.c), and
	 * dropped at a paragraph's start like any space, where editors
	 * paste Word's "　　" indent (nqpdf indents by itself, CLREQ §3.6). */
	if (cp == ' ' || cp == 0x00A0 || cp == 0x3000)
		return NQ_CL_SPACE;
	if (in(cp, opening))
		return NQ_CL_OPEN;
	if (in(cp, closing))
		return NQ_CL_CLOSE;
	if (in(cp, stops))
		return NQ_CL_STOP;
	if (in(cp, middles))
		return NQ_CL_MIDDLE;
	if (cp == 0x2014 || cp == 0x2E3A || cp == 0x2015)
		return NQ_CL_DASH;
	if (cp == 0x2026 || cp == 0x22EF)
		return NQ_CL_ELLIPSIS;
	/* Wide characters (UAX #11 W/F) break like ideographs; HarfBuzz knows
	 * the script, which covers Han, kana, Hangul and bopomofo. */
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), (hb_codepoint_t)cp);
	if (sc == HB_SCRIPT_HAN || sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA ||
	    sc == HB_SCRIPT_HANGUL || sc == HB_SCRIPT_BOPOMOFO)
		return NQ_CL_HAN;
	if (cp >= 0xFF01 && cp <= 0xFF60)   /* other full-width forms: ＋ ＝ ０ */
		return NQ_CL_HAN;
	if (cp >= 0x3000 && cp <= 0x303F)
		return NQ_CL_HAN;
	return NQ_CL_LATIN;
}

bool nq_clreq_ideograph(int32_t cp)
{
	if (plain(cp))
		return cp >= 0x4E00;
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), (hb_codepoint_t)cp);
	return sc == HB_SCRIPT_HAN || sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA ||
	       sc == HB_SCRIPT_HANGUL || sc == HB_SCRIPT_BOPOMOFO;
}

/* ------------------------------------------------- ambiguous quotes */

/* What the nearest telling character on one side of a quote is. */
enum side { SIDE_NONE, SIDE_CJK, SIDE_LETTER };

/* How far to look past neutral characters: "’90s", "”, he", "“‘A" need
 * two or three; a bound keeps a run of digits and quotes linear. */
#define QUOTE_CONTEXT 8

/* CJK: an ideograph, kana, a full-width form or a Chinese mark (，。《）).
 * A letter: any other letter (Latin, Greek, Cyrillic: general category
 * L).  Everything else - spaces, digits, other quotes, dashes, ellipses,
 * ASCII punctuation - says nothing and is skipped: "——“AI”" and "1‘2’3"
 * are Chinese, "the ’90s" and "said, “Go.”" English. */
static enum side side_of(int32_t cp)
{
	if (nq_clreq_ambiguous_quote(cp))
		return SIDE_NONE;
	nq_cls c = nq_clreq_class(cp);
	if (c == NQ_CL_HAN || c == NQ_CL_OPEN || c == NQ_CL_CLOSE || c == NQ_CL_STOP ||
	    c == NQ_CL_MIDDLE || cp == 0x3000)
		return SIDE_CJK;
	if (c != NQ_CL_LATIN)
		return SIDE_NONE;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return SIDE_LETTER;
	if (cp < 0xC0)
		return SIDE_NONE;
	switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), (hb_codepoint_t)cp)) {
	case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
	case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
	case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
	case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
	case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
		return SIDE_LETTER;
	default:
		return SIDE_NONE;
	}
}

/* The code point ending just before byte i of well-formed UTF-8; *i moves
 * to its first byte. */
static int32_t utf8_prev(const char *s, size_t len, size_t *i)
{
	size_t k = *i;
	do
		k--;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
	*i = k;
	size_t q = k;
	return nq_utf8_next(s, len, &q);
}

/* What the text around the quote at byte at (ending at byte q) says: 0
 * Chinese (a Chinese character is the nearest telling one on a side), 1
 * nothing (no letter either), 2 English. */
static int quote_context(const char *s, size_t len, size_t at, size_t q)
{
	enum side before = SIDE_NONE, after = SIDE_NONE;
	size_t k = at;
	for (int n = 0; n < QUOTE_CONTEXT && k > 0 && before == SIDE_NONE; n++)
		before = side_of(utf8_prev(s, len, &k));
	k = q;
	for (int n = 0; n < QUOTE_CONTEXT && k < len && after == SIDE_NONE; n++)
		after = side_of(nq_utf8_next(s, len, &k));
	if (before == SIDE_CJK || after == SIDE_CJK)
		return 0;
	return before == SIDE_LETTER || after == SIDE_LETTER ? 2 : 1;
}

/* ’ (or ‘) with a letter right before and right after: an apostrophe
 * (Technology’s, isn’t, rock’n’roll), never one of a pair. */
static bool apostrophe(const char *s, size_t len, size_t at, size_t q)
{
	size_t k = at;
	if (at == 0 || q >= len)
		return false;
	int32_t b = utf8_prev(s, len, &k);
	k = q;
	int32_t a = nq_utf8_next(s, len, &k);
	return side_of(b) == SIDE_LETTER && side_of(a) == SIDE_LETTER;
}

/* How far a quote's partner may be: a quoted phrase, not a page. */
#define QUOTE_PAIR 200

/* The byte offset of the partner of the quote cp at [at, q) (“ with ”,
 * ‘ with ’, nested pairs of the same kind counted, apostrophes skipped),
 * or -1 when there is none within QUOTE_PAIR characters. */
static long quote_partner(const char *s, size_t len, size_t at, size_t q, int32_t cp)
{
	bool open = cp == 0x2018 || cp == 0x201C;
	int32_t o = cp == 0x2018 || cp == 0x2019 ? 0x2018 : 0x201C, c = o + 1;
	int depth = 0;
	size_t k = open ? q : at;
	for (int n = 0; n < QUOTE_PAIR && (open ? k < len : k > 0); n++) {
		size_t p0, p1;
		int32_t x;
		if (open) {
			p0 = k;
			x = nq_utf8_next(s, len, &k);
			p1 = k;
		} else {
			x = utf8_prev(s, len, &k);
			p0 = k;
			p1 = p0;
			nq_utf8_next(s, len, &p1);
		}
		if (x != o && x != c)
			continue;
		if (x == 0x2019 && apostrophe(s, len, p0, p1))
			continue;
		if ((x == o) == open)
			depth++;
		else if (depth-- == 0)
			return (long)p0;
	}
	return -1;
}

bool nq_clreq_latin_quote(const char *s, size_t len, size_t at)
{
	size_t q = at;
	int32_t cp = at < len ? nq_utf8_next(s, len, &q) : -1;
	if (!nq_clreq_ambiguous_quote(cp))
		return false;
	if ((cp == 0x2019 || cp == 0x2018) && apostrophe(s, len, at, q))
		return true;
	int here = quote_context(s, len, at, q);
	if (here == 0)
		return false;
	/* A pair is set one way: "“DeepSeek”发布" is Chinese at both ends,
	 * though nothing Chinese is near its “. */
	long p = quote_partner(s, len, at, q, cp);
	if (p >= 0) {
		size_t pq = (size_t)p;
		nq_utf8_next(s, len, &pq);
		int there = quote_context(s, len, (size_t)p, pq);
		return there != 0 && (here == 2 || there == 2);
	}
	return here == 2;
}

nq_cls nq_clreq_class_at(const char *s, size_t len, size_t at)
{
	size_t q = at;
	int32_t cp = nq_utf8_next(s, len, &q);
	if (!plain(cp) && nq_clreq_latin_quote(s, len, at))
		return NQ_CL_LATIN;
	return nq_clreq_class(cp);
}
