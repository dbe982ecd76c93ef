/*
 * model.c - JSON tree in, validated nq_doc out.
 *
 * Each kind of object in the format (docs/format.md) is a table of fields;
 * a field is a key, whether it is required, and the function that checks
 * and stores its value (after mandoc's mdoc_valids[]).  walk() applies a
 * table to an object: it reports unknown keys with a did-you-mean, calls the
 * handlers, then reports missing required keys.  Everything is reported, not
 * just the first problem.  Cross-checks (citations against references,
 * uncited references) run once all is read.  Typesetting is left to layout/.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "inline.h"
#include "shape/shape.h"
#include "util/msg.h"
#include "util/util.h"

typedef struct ctx {
	nq_arena *a;
	nq_diags *d;
	const nq_json *j;
	nq_doc *doc;
	const char *src;
	size_t nparas;  /* paragraphs so far, against MAX_PARAGRAPHS */
} ctx;

/* Limits (docs/limits.md).  Text that is set on one line or in the PDF's
 * document information (titles, headings, names, labels, captions) is at
 * most MAX_LINE bytes, about 340 ideographs: a heading is a dozen.  Up
 * to MAX_LIST names joined into /Author or /Keywords can pass what the
 * PDF writer keeps of a text string (tags.c TEXT_MAX_UTF8: PDF/A-2's
 * 32,767-byte string as UTF-16 with its BOM), so the joined text is cut
 * to MAX_INFO here, once, and the Info dictionary and the XMP packet hold
 * the same (check.py xmp-info).  Paragraphs are limited only by
 * NQ_JSON_MAX_STRING; their number by MAX_PARAGRAPHS, since every one costs
 * layout a few KiB however short (10,000 one-character paragraphs make
 * 271 pages). */
#define MAX_LINE 1024
#define MAX_LIST 16
#define MAX_INFO 16382 /* tags.c TEXT_MAX_UTF8 */
#define MAX_PARAGRAPHS 10000

typedef bool (*field_fn)(ctx *c, const cJSON *v, const char *path, void *obj);

/* An array kind of the format: what every array shares (its type, whether
 * [] is refused, its limit) is checked once by walk_array(); the kind says
 * only its words and what to do with one element.  elem gets the element,
 * its JSON pointer, its index and the object that owns the array; it
 * stores the element there (usually NQ_PUSH and WALK with the element's
 * own field table).  A new array (items, rows, cells, recipients) is one
 * such entry and one ARRAY() field. */
typedef struct array_kind {
	const char *want;     /* wrong_type's "an array of sections" */
	const char *empty;    /* err() format for [] with "empty array", or NULL: [] is fine */
	const char *too_many; /* "more than %d sections", with max */
	int max;
	bool (*elem)(ctx *c, const cJSON *e, const char *path, size_t i, void *obj);
} array_kind;

/* A key of an object kind.  Most fields are plain non-empty text: those
 * have no handler and are stored at `off` in the object.  An array field
 * names its kind and is walked by walk_array(). */
typedef struct field {
	const char *key;
	bool required;
	field_fn set;
	size_t off;
	const array_kind *array;
	const char *const *words; /* a choice: the int at off gets the word's index + 1 */
} field;

#define TEXT(key, required, T, member) { key, required, NULL, offsetof(T, member), NULL, NULL }
#define FN(key, required, fn) { key, required, fn, 0, NULL, NULL }
#define ARRAY(key, required, kind) { key, required, NULL, 0, &(kind), NULL }
#define CHOICE(key, required, T, member, words) { key, required, NULL, offsetof(T, member), NULL, words }

static bool walk_array(ctx *c, const cJSON *v, const char *path, const array_kind *k, void *obj);
static int choice(ctx *c, const cJSON *v, const char *path, const char *const *words);

/* ---------------------------------------------------------------- helpers */

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	return "an object";
}

static void err(ctx *c, const cJSON *v, const char *path, const char *fmt, const char *arg)
{
	nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v), fmt, arg);
}

static void wrong_type(ctx *c, const cJSON *v, const char *path, const char *want)
{
	nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
	            "expected %s, found %s", want, type_name(v));
}

/* JSON pointer of a member (RFC 6901 escapes ~ and /). */
static const char *member_path(ctx *c, const char *parent, const char *key)
{
	nq_buf b = { .a = c->a };
	nq_buf_puts(&b, parent);
	nq_buf_puts(&b, "/");
	for (const char *k = key; *k; k++) {
		if (*k == '~')
			nq_buf_puts(&b, "~0");
		else if (*k == '/')
			nq_buf_puts(&b, "~1");
		else
			nq_buf_put(&b, k, 1);
	}
	return nq_buf_cstr(&b);
}

static const char *index_path(ctx *c, const char *parent, size_t i)
{
	return nq_sprintf(c->a, "%s/%zu", parent, i);
}

/* Byte offset in the source of decoded byte k of string value v: walks the
 * raw JSON text, so escapes (\n, \u6D4B) count right.  pos, when not NULL,
 * is where the last walk along v ended; asked in increasing k, the offsets
 * of all a paragraph's citations cost one walk (a walk from the start for
 * each took minutes for 64,000 citations in a 256 KiB paragraph). */
static long string_offset(ctx *c, const cJSON *v, size_t k, nq_strpos *pos)
{
	long at = nq_json_offset(c->j, v);
	if (at < 0 || !c->src)
		return at;
	const char *s = c->src + at + 1;
	size_t dec = 0;
	if (pos && pos->v == v && pos->s && pos->dec <= k) {
		s = pos->s;
		dec = pos->dec;
	}
	while (dec < k && *s && *s != '"') {
		if (*s == '\\') {
			if (s[1] == 'u') {
				unsigned v16 = 0;
				sscanf(s + 2, "%4x", &v16);
				s += 6;
				unsigned cp = v16;
				if (v16 >= 0xD800 && v16 <= 0xDBFF) {
					s += 6;
					cp = 0x10000;
				}
				dec += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
			} else {
				s += 2;
				dec++;
			}
		} else {
			s++;
			dec++;
		}
	}
	if (pos)
		*pos = (nq_strpos){ v, s, dec };
	return (long)(s - c->src);
}

/* Is code point cp one of the characters of UTF-8 string set? */
static bool strchr_cp(const char *set, int32_t cp)
{
	size_t n = strlen(set), i = 0;
	while (i < n)
		if (nq_utf8_next(set, n, &i) == cp)
			return true;
	return false;
}

/* White space of any kind: Unicode's White_Space property (PropList.txt:
 * the ASCII spaces, U+0085, NBSP, U+1680, U+2000..200A, U+2028/2029,
 * U+202F, U+205F, the ideographic space U+3000), and the characters that
 * print as nothing (ZWSP, ZWNJ, ZWJ, WORD JOINER, ZWNBSP/BOM, and U+180E,
 * White_Space until Unicode 6.3).  A text made only of these prints as
 * nothing, so a required text of them is as empty as "" (docs/format.md). */
static bool blank_cp(int32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	       cp == 0x180E || (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

bool nq_model_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n;)
		if (!blank_cp(nq_utf8_next(s, n, &i)))
			return false;
	return true;
}

/* A required, non-empty string of at most max bytes. */
static const char *text_max(ctx *c, const cJSON *v, const char *path, size_t max)
{
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a string");
		return NULL;
	}
	if (nq_model_blank(v->valuestring, strlen(v->valuestring))) {
		err(c, v, path, "%s must not be empty", "text");
		return NULL;
	}
	size_t n = strlen(v->valuestring);
	if (n > max) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "text of %zu bytes; at most %zu bytes fit here", n, max);
		return NULL;
	}
	return nq_strndup(c->a, v->valuestring, n);
}

/* Wide characters for CSS Text 3's segment-break rule (4.1.3: East Asian
 * Width F or W, not Hangul): util/width.c's table of W and F, the one the
 * messages' columns use, less the Hangul blocks. */
static bool wide_cp(int32_t cp)
{
	bool hangul = (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	              (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF);
	return !hangul && nq_cp_width(cp) == 2;
}

/* Control characters in text (docs/format.md, "Text").  Text pasted from
 * Word or a web page brings line breaks (CR, LF, VT, FF, NEL, U+2028,
 * U+2029) and tabs; they are not the editor's words, and set as they are
 * they print as .notdef boxes.  A line break between two wide characters
 * goes (CSS Text 3, 4.1.3: "第一行\n第二行" is one run of text), any other
 * and a tab become a space; runs of them are one.  Any other C0 or C1
 * control or DEL is dropped, with a warning at the first (a BEL would
 * otherwise be copied out of the PDF).  In place; later offsets into the
 * text point that many bytes early, as after stream_safe. */
/* A line or paragraph separator (CR, LF, VT, FF, NEL, U+2028, U+2029). */
static bool segment_break(int32_t cp)
{
	return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static char *controls(ctx *c, const cJSON *v, const char *path, char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s), w = 0;
	long first = -1;
	int32_t bad = 0;
	size_t nbad = 0;
	int32_t prev = 0; /* the last character kept, 0 at the start */
	for (size_t i = 0; i < n;) {
		size_t at = i;
		int32_t cp = nq_utf8_next(s, n, &i);
		bool brk = segment_break(cp);
		bool ctl = (cp >= 0 && cp < 0x20 && cp != 0x09 && !brk) || cp == 0x7F ||
		           (cp >= 0x80 && cp <= 0x9F && cp != 0x85);
		if (ctl) {
			if (nbad++ == 0) {
				first = (long)at;
				bad = cp;
			}
			continue;
		}
		if (cp == 0x09 || brk) {
			/* The next character that is not one of these. */
			size_t j = i;
			int32_t next = 0;
			bool any_brk = brk;
			while (j < n) {
				size_t k = j;
				int32_t q = nq_utf8_next(s, n, &k);
				if (q == 0x09 || q == ' ' || segment_break(q)) {
					any_brk |= segment_break(q);
					j = k;
					continue;
				}
				next = q;
				break;
			}
			bool join = any_brk && wide_cp(prev) && wide_cp(next);
			if (!join && prev != ' ' && w > 0 && next)
				s[w++] = ' ';
			i = j;
			continue;
		}
		memmove(s + w, s + at, i - at);
		w += i - at;
		prev = cp;
	}
	s[w] = 0;
	if (nbad == 1)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, string_offset(c, v, (size_t)first, NULL),
		            "control character U+%04X in the text is dropped", (unsigned)bad);
	else if (nbad > 1)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, string_offset(c, v, (size_t)first, NULL),
		            "control character U+%04X in the text is dropped, and %zu more after it",
		            (unsigned)bad, nbad - 1);
	return s;
}

/* Text to be shaped, cut to the Stream-Safe Text Format (shape.h): past
 * 30 combining marks in a row the rest are dropped, with a warning at the
 * first one dropped.  Later offsets into the same text then point that
 * many bytes early. */
static const char *stream_safe(ctx *c, const cJSON *v, const char *path, const char *s)
{
	s = controls(c, v, path, (char *)s);
	size_t n = s ? strlen(s) : 0, first = 0, cut;
	if (s && (cut = nq_stream_safe((char *)s, &n, &first)) > 0)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, string_offset(c, v, first, NULL),
		            "more than %d combining marks in a row; %zu marks past the first %d of "
		            "a run are dropped (Unicode Stream-Safe Text Format, UAX #15)",
		            NQ_MAX_NONSTARTERS, cut, NQ_MAX_NONSTARTERS);
	return s;
}

/* Text set on one line: a title, a heading, a name, a label.  White space
 * at its ends goes: "　　工业和信息化部" pasted with Word's indent printed
 * as "一、　　工业…" in the heading and the contents (paragraphs drop it
 * when they are broken, atoms.c). */
static const char *text(ctx *c, const cJSON *v, const char *path)
{
	char *s = (char *)stream_safe(c, v, path, text_max(c, v, path, MAX_LINE));
	if (!s)
		return NULL;
	size_t n = strlen(s), a = 0, i = 0;
	while (i < n) {
		size_t k = i;
		if (!blank_cp(nq_utf8_next(s, n, &k)))
			break;
		a = i = k;
	}
	size_t e = n;
	for (size_t j = a; j < n;) {
		size_t k = j;
		bool b = blank_cp(nq_utf8_next(s, n, &k));
		j = k;
		if (!b)
			e = j;
	}
	memmove(s, s + a, e - a);
	s[e - a] = 0;
	return s;
}

/* The same, and where it was written, for layout's messages about it. */
static const char *text_at(ctx *c, const cJSON *v, const char *path, nq_loc *at)
{
	*at = (nq_loc){ path, nq_json_offset(c->j, v) };
	return text(c, v, path);
}

/* Damerau-free Levenshtein distance, for did-you-mean on short keys. */
static int distance(const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y);
	if (n > 40 || m > 40)
		return 99;
	int row[41];
	for (size_t j = 0; j <= m; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int cur = row[j];
			int sub = prev + (tolower((unsigned char)x[i - 1]) != tolower((unsigned char)y[j - 1]));
			int del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[m];
}

/* The table's length comes from the table: no count to keep in step. */
#define WALK(c, v, path, table, obj) \
	walk((c), (v), (path), (table), sizeof(table) / sizeof *(table), (obj))

static bool walk(ctx *c, const cJSON *v, const char *path, const field *t, size_t nt, void *obj)
{
	if (!cJSON_IsObject(v)) {
		wrong_type(c, v, path, "an object");
		return false;
	}
	bool seen[32] = { 0 };
	bool ok = true;
	const char *expected = NULL;
	for (const cJSON *m = v->child; m; m = m->next) {
		const char *key = m->string;
		if (strncmp(key, "$comment", 8) == 0)
			continue;
		size_t k;
		for (k = 0; k < nt; k++)
			if (strcmp(t[k].key, key) == 0)
				break;
		const char *p = member_path(c, path, key);
		if (k == nt) {
			const char *best = NULL;
			int bd = 99;
			for (size_t q = 0; q < nt; q++) {
				int dd = distance(key, t[q].key);
				if (dd < bd && t[q].key[0] != '$') {
					bd = dd;
					best = t[q].key;
				}
			}
			long off = nq_json_key_offset(c->j, m);
			int limit = strlen(key) <= 4 ? 1 : 2;
			if (best && bd <= limit)
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, p, off,
				            "unknown key \"%s\"; did you mean \"%s\"?", key, best);
			else {
				/* Made once per object: 99,000 unknown keys
				 * each making it again was a third of the run. */
				if (!expected) {
					nq_buf b = { .a = c->a };
					for (size_t q = 0; q < nt; q++)
						if (t[q].key[0] != '$')
							nq_buf_printf(&b, "%s%s", b.n ? ", " : "", t[q].key);
					expected = nq_buf_cstr(&b);
				}
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, p, off,
				            "unknown key \"%s\" (expected one of: %s)", key, expected);
			}
			ok = false;
			continue;
		}
		seen[k] = true;
		if (t[k].array) {
			ok &= walk_array(c, m, p, t[k].array, obj);
		} else if (t[k].words) {
			int w = choice(c, m, p, t[k].words);
			*(int *)((char *)obj + t[k].off) = w;
			ok &= w != 0;
		} else if (t[k].set) {
			ok &= t[k].set(c, m, p, obj);
		} else {
			const char *str = text(c, m, p);
			if (str)
				*(const char **)((char *)obj + t[k].off) = str;
			ok &= str != NULL;
		}
	}
	for (size_t k = 0; k < nt; k++) {
		if (t[k].required && !seen[k]) {
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
			            "missing required key \"%s\"", t[k].key);
			ok = false;
		}
	}
	return ok;
}

static bool walk_array(ctx *c, const cJSON *v, const char *path, const array_kind *k, void *obj)
{
	if (!cJSON_IsArray(v)) {
		wrong_type(c, v, path, k->want);
		return false;
	}
	if (!v->child && k->empty) {
		err(c, v, path, k->empty, "empty array");
		return false;
	}
	bool ok = true;
	size_t i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		if (i == (size_t)k->max) {
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e), k->too_many,
			            k->max);
			return false;
		}
		ok &= k->elem(c, e, index_path(c, path, i), i, obj);
	}
	return ok;
}

/* A string or an array of strings, each non-empty. */
/* A string or an array of strings into *out; with at, also where each
 * was written (*at parallel to *out), for the messages of the stages that
 * set them. */
static bool string_list(ctx *c, const cJSON *v, const char *path, const char ***out,
                        size_t *n, size_t *cap, nq_loc **at)
{
	if (at)
		*at = NQ_NEWN(c->a, nq_loc, *n + (size_t)(cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 1));
	if (cJSON_IsString(v)) {
		nq_loc loc;
		const char *s = text_at(c, v, path, &loc);
		if (!s)
			return false;
		if (at)
			(*at)[*n] = loc;
		*NQ_PUSH(c->a, *out, *n, *cap) = s;
		return true;
	}
	if (!cJSON_IsArray(v)) {
		wrong_type(c, v, path, "a string or an array of strings");
		return false;
	}
	if (!v->child) {
		err(c, v, path, "%s must not be empty", "the list");
		return false;
	}
	bool ok = true;
	size_t i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		if (i == MAX_LIST) {
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e),
			            "more than %d entries in the list", MAX_LIST);
			return false;
		}
		nq_loc loc;
		const char *s = text_at(c, e, index_path(c, path, i), &loc);
		if (s) {
			if (at)
				(*at)[*n] = loc;
			*NQ_PUSH(c->a, *out, *n, *cap) = s;
		} else {
			ok = false;
		}
	}
	return ok;
}

/* A boolean written as the string "true" or "false" ("draft": "false"
 * printed a large "false" on every page).  Warned, and read as the boolean
 * it spells (docs/format.md): 1 or 0, or -1 when v is no such string. */
static int bool_string(ctx *c, const cJSON *v, const char *path)
{
	if (!cJSON_IsString(v))
		return -1;
	int b = !strcmp(v->valuestring, "true") ? 1 : !strcmp(v->valuestring, "false") ? 0 : -1;
	if (b >= 0)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "a boolean written as the string \"%s\"; write %s without quotes (read as %s)",
		            v->valuestring, v->valuestring, v->valuestring);
	return b;
}

/* true or false, or the string of one (warned by bool_string); -1 after an
 * error. */
static int boolean(ctx *c, const cJSON *v, const char *path)
{
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	int b = bool_string(c, v, path);
	if (b < 0)
		wrong_type(c, v, path, "true or false");
	return b;
}

/* Han ideographs: the CJK Unified Ideographs blocks and extensions
 * (Unicode Blocks.txt: U+3400..4DBF, U+4E00..9FFF, U+F900..FAFF
 * compatibility, planes 2 and 3). */
static bool han_cp(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* ASCII , ; : ( ) between two Han characters in body text: the full-width
 * mark was meant (GB/T 15834-2011 §4 sets Chinese text with full-width
 * marks).  A warning at each, with the mark to type. */
static void ascii_marks(ctx *c, const cJSON *v, const char *path)
{
	static const char ascii[] = ",;:()";
	static const char *const wide[] = { "，", "；", "：", "（", "）" };
	const char *s = v->valuestring;
	size_t n = strlen(s), i = 0;
	int32_t prev = -1;
	nq_strpos pos = { 0 };
	while (i < n) {
		size_t at = i;
		int32_t cp = nq_utf8_next(s, n, &i);
		const char *m = cp > 0 && cp < 0x80 ? strchr(ascii, (int)cp) : NULL;
		if (m && han_cp(prev) && i < n) {
			size_t k = i;
			int32_t next = nq_utf8_next(s, n, &k);
			char mark[2] = { (char)cp, 0 };
			if (han_cp(next))
				nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, string_offset(c, v, at, &pos),
				            "ASCII '%s' between Han characters; write the full-width '%s'", mark,
				            wide[m - ascii]);
			else if (next >= '0' && next <= '9' && *m != ')')
				/* "上说,5日", "今天(5月16日)": a digit after the mark
				 * does not make it Latin text (real-text trial). */
				nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, string_offset(c, v, at, &pos),
				            "ASCII '%s' between a Han character and a digit; write the full-width '%s'",
				            mark, wide[m - ascii]);
		}
		prev = cp;
	}
}

static bool paragraph(ctx *c, const cJSON *v, const char *path, nq_paras *out)
{
	if (++c->nparas == MAX_PARAGRAPHS + 1)
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "more than %d paragraphs in the issue", MAX_PARAGRAPHS);
	if (c->nparas > MAX_PARAGRAPHS)
		return false;
	const char *s = stream_safe(c, v, path, text_max(c, v, path, NQ_JSON_MAX_STRING));
	if (!s)
		return false;
	ascii_marks(c, v, path);
	nq_para *p = NQ_PUSH(c->a, out->v, out->n, out->cap);
	p->path = path;
	p->offset = nq_json_offset(c->j, v);
	return nq_inline_parse(c->a, c->d, v, s, p, c->j, c->src);
}

/* "paragraphs": a string or a non-empty array of strings. */
static bool paragraphs(ctx *c, const cJSON *v, const char *path, nq_paras *out)
{
	if (cJSON_IsString(v))
		return paragraph(c, v, path, out);
	if (!cJSON_IsArray(v)) {
		wrong_type(c, v, path, "an array of paragraph strings");
		return false;
	}
	if (!v->child) {
		err(c, v, path, "%s must have at least one paragraph", "the list");
		return false;
	}
	bool ok = true;
	size_t i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++)
		ok &= paragraph(c, e, index_path(c, path, i), out);
	return ok;
}

/* ISO date YYYY-MM-DD that exists in the calendar. */
static bool iso_date(ctx *c, const cJSON *v, const char *path, int *y, int *m, int *dd)
{
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a date string \"YYYY-MM-DD\"");
		return false;
	}
	const char *s = v->valuestring;
	int n = 0;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", y, m, dd, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8])) {
		err(c, v, path, "invalid date \"%s\"; write it as YYYY-MM-DD, e.g. 2026-05-14", s);
		return false;
	}
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	int lim = *m >= 1 && *m <= 12 ? mdays[*m - 1] + (*m == 2 && leap) : 0;
	if (*m < 1 || *m > 12 || *dd < 1 || *dd > lim) {
		err(c, v, path, "invalid date \"%s\": no such day in the calendar", s);
		return false;
	}
	if (*y < 1900 || *y > 2999) {
		/* 1899-12-31 is a day; it is the range nqpdf sets that it is outside. */
		err(c, v, path, "invalid date \"%s\": the year must be from 1900 to 2999", s);
		return false;
	}
	return true;
}

static const char *typeset_date(ctx *c, int y, int m, int d)
{
	/* Digits beside Han get the ¼ em autospace from the line breaker, so
	 * the spaces here only mark where it goes; they are absorbed there. */
	return nq_sprintf(c->a, "%d 年 %d 月 %d 日", y, m, d);
}

/* Absolute http(s) URL without spaces or control characters. */
static bool url_ok(const char *u, const char **why)
{
	const char *rest;
	if (strncmp(u, "https://", 8) == 0)
		rest = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		rest = u + 7;
	else {
		*why = "must start with http:// or https://";
		return false;
	}
	size_t host = strcspn(rest, "/?#");
	if (host == 0) {
		*why = "has no host name";
		return false;
	}
	for (size_t i = 0; i < host; i++) {
		char ch = rest[i];
		if (!(isalnum((unsigned char)ch) || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
		      ch == ']' || (unsigned char)ch >= 0x80)) {
			*why = "has an invalid character in the host name";
			return false;
		}
	}
	if (rest[0] == '.' || rest[0] == '-' || strstr(rest, "..") == rest) {
		*why = "has an invalid host name";
		return false;
	}
	for (const char *p = u; *p; p++) {
		if ((unsigned char)*p <= 0x20 || *p == 0x7F) {
			*why = "contains a space or control character (write %20)";
			return false;
		}
		if (strncmp(p, "\xE3\x80\x80", 3) == 0) {
			*why = "contains a full-width space";
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------------- sections */

/* "一、", "十二．", "3.", "（一）", "(2)" at the start of a heading. */
static bool typed_numbering(const char *h)
{
	size_t n = strlen(h), i = 0, digits = 0;
	bool paren = false;
	int32_t ch = nq_utf8_next(h, n, &i);
	if (ch == '(' || ch == 0xFF08) {
		paren = true;
		ch = i < n ? nq_utf8_next(h, n, &i) : -1;
	}
	while (ch >= 0 && ((ch >= '0' && ch <= '9') || strchr_cp("一二三四五六七八九十〇零百", ch))) {
		digits++;
		ch = i < n ? nq_utf8_next(h, n, &i) : -1;
	}
	if (!digits)
		return false;
	if (paren)
		return ch == ')' || ch == 0xFF09;
	return ch == 0x3001 /* 、 */ || ch == 0xFF0E /* ． */ || ch == '.' || ch == 0xFF0C;
}

static bool sec_heading(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_section *s = obj;
	s->heading = text_at(c, v, path, &s->heading_at);
	if (!s->heading)
		return false;
	/* Numbering is generated; typed numbering would print twice. */
	bool num = typed_numbering(s->heading);
	if (num)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "heading starts with typed numbering; nqpdf numbers sections itself (一、二、…), remove it");
	return true;
}

/* Chinese numerals 一 … 九十九, for section and sub-heading numbers. */
static const char *han_numeral(ctx *c, int n)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n < 10)
		return d[n];
	if (n < 20)
		return nq_sprintf(c->a, "十%s", d[n % 10]);
	return nq_sprintf(c->a, "%s十%s", d[n / 10], d[n % 10]);
}

/* ---------------------------------------------------------------- blocks
 *
 * A section's "paragraphs" holds paragraph strings and block objects, in
 * reading order.  A block object is named by its one kind key (the first
 * field of its kind's table); the rest of the object is walked with that
 * table.  The texts of a block (items, cells) are pushed to the section's
 * paragraphs, so citations, bold and the limits apply to them as to any
 * paragraph, and the block says which ones are its own. */

/* Upper bounds (docs/limits.md): a briefing's list or table is a screen
 * or two; past these a table is data for an attachment, not a page. */
#define MAX_ITEMS 100
#define MAX_ROWS 500
#define MAX_COLS 12
#define MAX_SUBHEADINGS 99
#define MAX_IMAGES 64

/* What a block's field handlers get as obj. */
typedef struct blk {
	nq_section *s;
	nq_block *b;
} blk;

static nq_block *new_block(ctx *c, nq_section *s, nq_block_kind k, const cJSON *v, const char *path)
{
	nq_block *b = NQ_PUSH(c->a, s->blocks, s->nblocks, s->capblocks);
	b->kind = k;
	b->path = path;
	b->offset = nq_json_offset(c->j, v);
	b->first = s->paras.n;
	b->image = -1;
	b->text_at = (nq_loc){ NULL, -1 };
	return b;
}

/* One text of a block (an item, a cell): a paragraph of the section. */
static bool block_text(ctx *c, const cJSON *e, const char *path, blk *k)
{
	bool ok = paragraph(c, e, path, &k->s->paras);
	if (ok)
		k->b->n++;
	return ok;
}

/* An image file named at v: its index in doc->images (one entry per
 * name, so a file named twice is embedded once), or -1 after an error. */
static int image_ref(ctx *c, const cJSON *v, const char *path)
{
	const char *name = text(c, v, path);
	if (!name)
		return -1;
	nq_doc *doc = c->doc;
	for (size_t i = 0; i < doc->nimages; i++)
		if (!strcmp(doc->images[i].name, name))
			return (int)i;
	if (doc->nimages == MAX_IMAGES) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "more than %d image files in the issue", MAX_IMAGES);
		return -1;
	}
	nq_image *im = NQ_PUSH(c->a, doc->images, doc->nimages, doc->capimages);
	im->name = name;
	im->path = path;
	im->offset = nq_json_offset(c->j, v);
	return (int)doc->nimages - 1;
}

static bool sub_text(ctx *c, const cJSON *v, const char *path, void *obj)
{
	blk *k = obj;
	k->b->text = text_at(c, v, path, &k->b->text_at);
	if (!k->b->text)
		return false;
	if (++k->s->nsub > MAX_SUBHEADINGS) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "more than %d sub-headings in a section", MAX_SUBHEADINGS);
		return false;
	}
	k->b->number = nq_sprintf(c->a, "（%s）", han_numeral(c, k->s->nsub));
	if (typed_numbering(k->b->text))
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "sub-heading starts with typed numbering; nqpdf numbers sub-headings itself "
		            "(（一）（二）…), remove it");
	return true;
}

static bool block_caption(ctx *c, const cJSON *v, const char *path, void *obj)
{
	blk *k = obj;
	k->b->text = text_at(c, v, path, &k->b->text_at);
	return k->b->text != NULL;
}

static bool item_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	return block_text(c, e, path, obj);
}

static const array_kind items_array = {
	"an array of list items", "%s: a list needs at least one item", "more than %d items in a list",
	MAX_ITEMS, item_elem,
};

static bool list_numbered(ctx *c, const cJSON *v, const char *path, void *obj)
{
	blk *k = obj;
	if (!cJSON_IsBool(v)) {
		wrong_type(c, v, path, "true or false");
		return false;
	}
	k->b->numbered = cJSON_IsTrue(v);
	return true;
}

/* A table cell may be empty (""): tables leave cells blank. */
static bool cell_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	blk *k = obj;
	if (cJSON_IsString(e) && nq_model_blank(e->valuestring, strlen(e->valuestring))) {
		nq_para *p = NQ_PUSH(c->a, k->s->paras.v, k->s->paras.n, k->s->paras.cap);
		p->text = "";
		p->path = path;
		p->offset = nq_json_offset(c->j, e);
		k->b->n++;
		return true;
	}
	return block_text(c, e, path, k);
}

static const array_kind cells_array = {
	"an array of cell strings", "%s: a row needs at least one cell", "more than %d columns in a table",
	MAX_COLS, cell_elem,
};

/* A row: its cells, as many as the header's (the first row's). */
static bool row_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	blk *k = obj;
	size_t before = k->b->n;
	bool ok = walk_array(c, e, path, &cells_array, obj);
	size_t got = k->b->n - before;
	if (!ok) {
		/* Keep the rows whole, so later rows are still checked. */
		k->b->n = before;
		k->s->paras.n = k->b->first + before;
		return false;
	}
	if (i == 0) {
		k->b->cols = got;
		return true;
	}
	if (got != k->b->cols) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e),
		            "row has %zu cells but the header row has %zu; every row of a table has "
		            "one cell per column (write \"\" for an empty cell)",
		            got, k->b->cols);
		k->b->n = before;
		k->s->paras.n = k->b->first + before;
		return false;
	}
	return true;
}

static const array_kind rows_array = {
	"an array of rows (arrays of cell strings)", "%s: a table needs a header row and at least one row",
	"more than %d rows in a table", MAX_ROWS, row_elem,
};

static bool table_rows(ctx *c, const cJSON *v, const char *path, void *obj)
{
	blk *k = obj;
	if (!walk_array(c, v, path, &rows_array, obj))
		return false;
	if (k->b->cols && k->b->n / k->b->cols < 2) {
		err(c, v, path, "%s: a table needs a header row and at least one row", "one row");
		return false;
	}
	return true;
}

static bool figure_image(ctx *c, const cJSON *v, const char *path, void *obj)
{
	blk *k = obj;
	k->b->image = image_ref(c, v, path);
	return k->b->image >= 0;
}

/* The kinds' own fields; the first is the kind key.  Arrays of texts go
 * through walk_array like every other array of the format. */
static const field subheading_fields[] = {
	FN("subheading", true, sub_text),
};
static const field list_fields[] = {
	ARRAY("list", true, items_array),
	FN("numbered", false, list_numbered),
};
static const field table_fields[] = {
	FN("table", true, table_rows),
	FN("caption", false, block_caption),
};
static const field figure_fields[] = {
	FN("figure", true, figure_image),
	FN("caption", false, block_caption),
};

#define KIND(k, t) [k] = { t, sizeof(t) / sizeof *(t) }
static const struct block_kind {
	const field *fields;
	size_t n;
} block_kinds[NQ_BLOCK__COUNT] = {
	KIND(NQ_BLOCK_SUBHEADING, subheading_fields),
	KIND(NQ_BLOCK_LIST, list_fields),
	KIND(NQ_BLOCK_TABLE, table_fields),
	KIND(NQ_BLOCK_FIGURE, figure_fields),
};
#undef KIND

/* One element of "paragraphs": a paragraph string or a block object. */
static bool block_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	nq_section *s = obj;
	if (!cJSON_IsObject(e)) {
		if (!cJSON_IsString(e)) {
			wrong_type(c, e, path, "a paragraph string or a block object");
			return false;
		}
		nq_block *b = new_block(c, s, NQ_BLOCK_PARA, e, path);
		return block_text(c, e, path, &(blk){ s, b });
	}
	int kind = -1;
	for (int k = 0; k < NQ_BLOCK__COUNT; k++) {
		if (!block_kinds[k].n || !cJSON_GetObjectItemCaseSensitive(e, block_kinds[k].fields[0].key))
			continue;
		if (kind >= 0) {
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e),
			            "a block has both \"%s\" and \"%s\"; one block per object",
			            block_kinds[kind].fields[0].key, block_kinds[k].fields[0].key);
			return false;
		}
		kind = k;
	}
	if (kind < 0) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e),
		            "a block object needs one of the keys %s", "\"subheading\", \"list\", \"table\", \"figure\"");
		return false;
	}
	nq_block *b = new_block(c, s, (nq_block_kind)kind, e, path);
	return walk(c, e, path, block_kinds[kind].fields, block_kinds[kind].n, &(blk){ s, b });
}

static const array_kind blocks_array = {
	"an array of paragraph strings and blocks", "%s must have at least one paragraph",
	/* paragraph() counts against MAX_PARAGRAPHS across the issue */
	"more than %d paragraphs in the issue", 1 << 30, block_elem,
};

static bool sec_paragraphs(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_section *s = obj;
	if (cJSON_IsString(v)) {
		nq_block *b = new_block(c, s, NQ_BLOCK_PARA, v, path);
		return block_text(c, v, path, &(blk){ s, b });
	}
	if (cJSON_IsArray(v) && !v->child) {
		err(c, v, path, "%s must have at least one paragraph", "the list");
		return false;
	}
	return walk_array(c, v, path, &blocks_array, s);
}

static const field section_fields[] = {
	FN("heading", true, sec_heading),
	FN("paragraphs", true, sec_paragraphs),
};

static bool insight_heading(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_section *s = obj;
	s->heading = text_at(c, v, path, &s->heading_at);
	return s->heading != NULL;
}

static const field insight_fields[] = {
	FN("heading", false, insight_heading),
	FN("paragraphs", true, sec_paragraphs),
};

/* Section numbers: 一、 … 九十九、. */
static const char *han_number(ctx *c, int n)
{
	return nq_sprintf(c->a, "%s、", han_numeral(c, n));
}

/* Upper bounds, documented in docs/format.md: far above any real issue,
 * low enough that layout stays in milliseconds and memory in megabytes. */
#define MAX_SECTIONS 99
#define MAX_REFS 999
#define MAX_CODES 8

static bool section_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	nq_doc *doc = obj;
	nq_section *s = NQ_PUSH(c->a, doc->sections, doc->nsections, doc->capsec);
	s->path = path;
	s->heading_at = (nq_loc){ NULL, -1 };
	s->number = han_number(c, (int)i + 1);
	return WALK(c, e, s->path, section_fields, s);
}

static const array_kind sections_array = {
	"an array of sections", "%s: an issue needs at least one section", "more than %d sections",
	MAX_SECTIONS, section_elem,
};

static bool top_insight(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->has_insight = true;
	doc->insight.path = path;
	doc->insight.heading_at = (nq_loc){ NULL, -1 };
	return WALK(c, v, path, insight_fields, &doc->insight);
}

/* ----------------------------------------------------------- references */

static bool ref_id(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	/* Range first: converting a double outside int's range is undefined. */
	if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 9999 ||
	    v->valuedouble != (double)(int)v->valuedouble) {
		if (!cJSON_IsNumber(v))
			wrong_type(c, v, path, "a positive integer");
		else
			err(c, v, path, "%s must be a whole number from 1 to 9999", "a reference id");
		return false;
	}
	r->id = v->valueint;
	return true;
}

static bool ref_date(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	int y, m, d;
	if (!iso_date(c, v, path, &y, &m, &d))
		return false;
	/* As the issue's own date: Chinese style, which also lets a line
	 * break beside 年 or 月 where 2026-05-13 would be one 5 em unit. */
	r->date = typeset_date(c, y, m, d);
	r->iso = nq_strdup(c->a, v->valuestring); /* plain and gbt7714 keep it as written */
	return true;
}

/* "cited": false keeps a reference for checking without citing it: no
 * never-cited warning (check_citations). */
static bool ref_cited(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	int b = boolean(c, v, path);
	r->uncited = b == 0;
	return b >= 0;
}

/* Does the title s come wrapped in its own 《…》, the pair enclosing it
 * all ("《A》和《B》" does not)? */
static bool own_book_marks(const char *s)
{
	size_t n = strlen(s), i = 0;
	int depth = 0;
	if (n < 6 || strncmp(s, "《", 3) != 0 || strcmp(s + n - 3, "》") != 0)
		return false;
	while (i < n) {
		size_t at = i;
		int32_t cp = nq_utf8_next(s, n, &i);
		depth += cp == 0x300A ? 1 : cp == 0x300B ? -1 : 0;
		if (depth == 0)
			return i == n && at == n - 3;
	}
	return false;
}

/* nqpdf adds the title's 《》: one typed too would print 《《…》》, so it
 * is warned and taken off. */
static bool ref_title(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	r->title = text(c, v, path);
	/* "《》" alone is left as typed: taken off, nothing would remain. */
	if (r->title && own_book_marks(r->title) && !nq_model_blank(r->title + 3, strlen(r->title) - 6)) {
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "the title is typed with its own %s; nqpdf adds them, remove them", "《》");
		r->title = nq_strndup(c->a, r->title + 3, strlen(r->title) - 6);
	}
	return r->title != NULL;
}

/* A URL is printed in the reference list for a reader on paper: 2 KiB is
 * some 25 lines of it.  Software stops near there (Internet Explorer
 * 2,083 characters, the Sitemaps protocol 2,048), and each reference's
 * text costs layout about as much as its three 1 KiB fields.  Percent-
 * encoded for the PDF (3 bytes a byte) it stays far below libharu's
 * 65,535-byte string limit.  docs/limits.md. */
#define MAX_URL 2048

static bool ref_url(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a URL string");
		return false;
	}
	if (strlen(v->valuestring) > MAX_URL) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "URL of %zu bytes; at most %d bytes fit a printed reference (link to a shorter "
		            "address of the page)",
		            strlen(v->valuestring), MAX_URL);
		return false;
	}
	const char *why;
	if (!url_ok(v->valuestring, &why)) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "invalid URL: %s", why);
		return false;
	}
	r->url = nq_strdup(c->a, v->valuestring);
	return true;
}

/* Kept as written, spaces included: "retrieved " reads on into the date
 * it is set before (text() would trim it). */
static bool ref_date_label(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_ref *r = obj;
	r->date_label = stream_safe(c, v, path, text_max(c, v, path, MAX_LINE));
	return r->date_label != NULL;
}

static const field ref_fields[] = {
	FN("id", false, ref_id),
	TEXT("source", true, nq_ref, source),
	FN("title", true, ref_title),
	FN("date", false, ref_date),
	FN("date_label", false, ref_date_label),
	TEXT("purpose", false, nq_ref, purpose),
	FN("url", false, ref_url),
	FN("cited", false, ref_cited),
};

static bool reference_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	nq_doc *doc = obj;
	nq_ref *r = NQ_PUSH(c->a, doc->refs, doc->nrefs, doc->caprefs);
	r->path = path;
	r->offset = nq_json_offset(c->j, e);
	r->id = (int)i + 1;
	bool ok = WALK(c, e, r->path, ref_fields, r);
	for (size_t k = 0; k + 1 < doc->nrefs; k++) {
		if (doc->refs[k].id == r->id) {
			const cJSON *idv = cJSON_GetObjectItemCaseSensitive(e, "id");
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, idv ? member_path(c, r->path, "id") : r->path,
			            nq_json_offset(c->j, idv ? idv : e), "duplicate reference id %d (also %s)",
			            r->id, doc->refs[k].path);
			return false;
		}
	}
	return ok;
}

static const array_kind references_array = {
	"an array of references", NULL, "more than %d references", MAX_REFS, reference_elem,
};

/* ---------------------------------------------------------------- footer */

/* QR version 40-L holds 2953 bytes; a code that dense would not scan from
 * paper anyway, so refuse long payloads with a clear message. */
#define MAX_PAYLOAD 1024

static bool code_payload(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_code *q = obj;
	q->payload = text_max(c, v, path, NQ_JSON_MAX_STRING); /* MAX_PAYLOAD says why */
	if (q->payload && strlen(q->payload) > MAX_PAYLOAD) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "QR payload is %zu bytes; at most %d fit a printable code",
		            strlen(q->payload), MAX_PAYLOAD);
		return false;
	}
	return q->payload != NULL;
}

/* The caption keeps its place: layout wraps it in its code's column and
 * reports there what cannot fit. */
static bool code_caption(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_code *q = obj;
	q->caption = text(c, v, path);
	q->path = path;
	q->offset = nq_json_offset(c->j, v);
	return q->caption != NULL;
}

/* A code an office already has, as an image file, instead of a payload. */
static bool code_image(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_code *q = obj;
	q->image = image_ref(c, v, path);
	return q->image >= 0;
}

static const field code_fields[] = {
	FN("caption", true, code_caption),
	FN("payload", false, code_payload),
	FN("image", false, code_image),
};

static bool code_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	nq_doc *doc = obj;
	nq_code *q = NQ_PUSH(c->a, doc->codes, doc->ncodes, doc->capcodes);
	q->image = -1;
	bool ok = WALK(c, e, path, code_fields, q);
	/* One of the two: what to encode, or the image of a code. */
	bool pay = cJSON_GetObjectItemCaseSensitive(e, "payload") != NULL;
	bool img = cJSON_GetObjectItemCaseSensitive(e, "image") != NULL;
	if (pay == img && cJSON_IsObject(e)) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, e),
		            pay ? "a QR code has both \"payload\" and \"image\"; give one"
		                : "missing required key \"payload\" (or \"image\", a code as an image file)");
		return false;
	}
	return ok;
}

static const array_kind codes_array = {
	"an array of QR codes", "%s: the footer needs at least one QR code", "more than %d QR codes",
	MAX_CODES, code_elem,
};

static bool footer_heading(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->footer_heading = text_at(c, v, path, &doc->footer_heading_at);
	return doc->footer_heading != NULL;
}

static bool footer_note(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->footer_note = text_at(c, v, path, &doc->footer_note_at);
	return doc->footer_note != NULL;
}

static const field footer_fields[] = {
	FN("heading", false, footer_heading),
	ARRAY("codes", true, codes_array),
	FN("note", false, footer_note),
};

static bool top_footer(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->has_footer = true;
	return WALK(c, v, path, footer_fields, doc);
}

/* ---------------------------------------------------------------- labels */

#define L(name) TEXT(#name, false, nq_labels, name)
static const field label_fields[] = {
	L(abstract), L(contents), L(insight), L(references), L(source),
	L(date),     L(purpose),  L(link),    L(footer),     L(producers),
	L(editor_note),
};
#undef L

static bool top_labels(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return WALK(c, v, path, label_fields, &doc->labels);
}

/* ------------------------------------------------------------------ meta */

/* A copy of s cut to at most max bytes at a character boundary. */
static const char *cut_utf8(nq_arena *a, const char *s, size_t max)
{
	return nq_strndup(a, s, nq_utf8_cut(s, strlen(s), max));
}

/* A stop or closing mark, which no space comes before: CLREQ's stops and
 * closing brackets and quotes (the line-start prohibitions of
 * linebreak/clreq.c, less the dashes and middle dots) and Latin ones. */
static bool closes(int32_t ch)
{
	static const char marks[] = "。，、；：！？．）》〉」』】〕〗”’";
	if (ch > 0 && ch < 0x80)
		return strchr(",.;:!?)]}", (int)ch) != NULL;
	char u[5] = { 0 };
	nq_utf8_encode((uint32_t)ch, u);
	return ch > 0 && strstr(marks, u) != NULL;
}

/* A paragraph's text without its citation marks, for /Subject: "[1]"
 * points into a reference list a reader of the metadata never sees.  A
 * space the mark leaves before another space, a punctuation mark or
 * either end goes with it ("增长 [1]。" -> "增长。", "A [1] B" -> "A B");
 * the rest of the text stays as written. */
static const char *uncited(nq_arena *a, const nq_para *p)
{
	nq_buf b = { .a = a };
	bool dropped = false;
	for (size_t i = 0; i < p->nspans; i++) {
		const nq_span *sp = &p->spans[i];
		if (sp->cite_id) {
			dropped = true;
			continue;
		}
		if (sp->start == sp->end)
			continue;
		size_t k = sp->start;
		if (dropped) {
			size_t j = k;
			int32_t next = nq_utf8_next(p->text, p->len, &j);
			if (next == ' ' || closes(next))
				while (b.n && b.p[b.n - 1] == ' ')
					b.n--;
			if (!b.n)
				while (k < sp->end && p->text[k] == ' ')
					k++;
		}
		dropped = false;
		nq_buf_put(&b, p->text + k, sp->end - k);
	}
	if (dropped)
		while (b.n && b.p[b.n - 1] == ' ')
			b.n--;
	return nq_buf_cstr(&b);
}

static bool meta_keywords(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	const char **kw = NULL;
	size_t n = 0, cap = 0;
	if (!string_list(c, v, path, &kw, &n, &cap, NULL))
		return false;
	nq_buf b = { .a = c->a };
	for (size_t i = 0; i < n; i++)
		nq_buf_printf(&b, "%s%s", i ? ", " : "", kw[i]);
	doc->keywords = cut_utf8(c->a, nq_buf_cstr(&b), MAX_INFO);
	return true;
}

static const field meta_fields[] = {
	TEXT("author", false, nq_doc, author),
	TEXT("subject", false, nq_doc, subject),
	FN("keywords", false, meta_keywords),
};

static bool top_meta(ctx *c, const cJSON *v, const char *path, void *obj)
{
	return WALK(c, v, path, meta_fields, obj);
}

/* --------------------------------------------------------------- options */

/* The words of each choice, in enum order: a word's index + 1 is its
 * value (NQ_PAPER_A4.., NQ_KINSOKU_BASIC.., NQ_PUNCT_QUANJIAO..,
 * NQ_REFS_LABELLED.., NQ_FOLIO_PLAIN..), 0 is "not given". */
static const char *const paper_words[] = { "A4", "B5", "Letter", NULL };
static const char *const kinsoku_words[] = { "basic", "gb", "strict", NULL };
static const char *const punct_words[] = { "quanjiao", "kaiming", "banjiao", "fixed", NULL };
static const char *const refs_words[] = { "labelled", "plain", "gbt7714", NULL };
static const char *const folio_words[] = { "plain", "gbt9704", NULL };

/* One of a fixed set of words; the value's index + 1, or 0 after an error. */
static int choice(ctx *c, const cJSON *v, const char *path, const char *const *words)
{
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a string");
		return 0;
	}
	nq_buf b = { .a = c->a };
	for (int i = 0; words[i]; i++) {
		if (!strcmp(v->valuestring, words[i]))
			return i + 1;
		nq_buf_printf(&b, "%s\"%s\"", i ? ", " : "", words[i]);
	}
	nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
	            "\"%s\" is not one of %s", v->valuestring, nq_buf_cstr(&b));
	return 0;
}

static bool opt_contents(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc_options *o = obj;
	int b = boolean(c, v, path);
	if (b < 0)
		return false;
	o->contents = b;
	return true;
}

/* true: the default mark; a string: that text; false: none. */
static bool opt_draft(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc_options *o = obj;
	if (cJSON_IsBool(v)) {
		o->draft = cJSON_IsTrue(v) ? "草稿" : NULL;
		return true;
	}
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "true, false or a string");
		return false;
	}
	int b = bool_string(c, v, path);
	if (b >= 0) {
		o->draft = b ? "草稿" : NULL;
		return true;
	}
	o->draft = text(c, v, path);
	return o->draft != NULL;
}

static bool font_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	nq_doc_options *o = obj;
	const char *s = text(c, e, path);
	if (s)
		*NQ_PUSH(c->a, o->fonts, o->nfonts, o->capfonts) =
		    (nq_font_ref){ s, path, nq_json_offset(c->j, e) };
	return s != NULL;
}

/* "options.faces": {"body": FILE, "bold": FILE, "heading": FILE}, each
 * FILE[#INDEX] kept as written, like "fonts" (docs/fonts.md, "Faces per
 * role"); font.c resolves and opens them. */
static bool face_role(ctx *c, const cJSON *v, const char *path, nq_font_ref *out)
{
	const char *s = text(c, v, path);
	if (s)
		*out = (nq_font_ref){ s, path, nq_json_offset(c->j, v) };
	return s != NULL;
}

static bool face_body(ctx *c, const cJSON *v, const char *path, void *obj)
{
	return face_role(c, v, path, &((nq_doc_options *)obj)->faces[0]);
}

static bool face_bold(ctx *c, const cJSON *v, const char *path, void *obj)
{
	return face_role(c, v, path, &((nq_doc_options *)obj)->faces[1]);
}

static bool face_heading(ctx *c, const cJSON *v, const char *path, void *obj)
{
	return face_role(c, v, path, &((nq_doc_options *)obj)->faces[2]);
}

static const field face_fields[] = {
	FN("body", false, face_body),
	FN("bold", false, face_bold),
	FN("heading", false, face_heading),
};

static bool opt_faces(ctx *c, const cJSON *v, const char *path, void *obj)
{
	return WALK(c, v, path, face_fields, obj);
}

static const array_kind fonts_array = {
	"an array of font file names", NULL, "more than %d entries in the list", MAX_LIST, font_elem,
};

/* One part the contents lists; the words in NQ_PART_* bit order. */
static bool part_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	static const char *const w[] = { "abstract", "sections", "insight", "references", "footer", NULL };
	(void)i;
	nq_doc_options *o = obj;
	int k = choice(c, e, path, w);
	if (k)
		o->contents_parts |= 1u << (k - 1);
	return k != 0;
}

static const array_kind parts_array = {
	"an array of part names", "%s: list at least one part, or set \"contents\" to false",
	"more than %d entries in the list", MAX_LIST, part_elem,
};

static bool opt_contents_sub(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc_options *o = obj;
	if (!cJSON_IsBool(v)) {
		wrong_type(c, v, path, "true or false");
		return false;
	}
	o->contents_subheadings = cJSON_IsTrue(v);
	return true;
}

static const field option_fields[] = {
	CHOICE("paper", false, nq_doc_options, paper, paper_words),
	CHOICE("prohibition", false, nq_doc_options, kinsoku, kinsoku_words),
	CHOICE("punctuation", false, nq_doc_options, punct, punct_words),
	FN("contents", false, opt_contents),
	FN("contents_subheadings", false, opt_contents_sub),
	FN("draft", false, opt_draft),
	ARRAY("fonts", false, fonts_array),
	FN("faces", false, opt_faces),
	CHOICE("reference_style", false, nq_doc_options, reference_style, refs_words),
	CHOICE("page_numbers", false, nq_doc_options, page_numbers, folio_words),
	ARRAY("contents_parts", false, parts_array),
};

static bool top_options(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return WALK(c, v, path, option_fields, &doc->opt);
}

/* -------------------------------------------------------------- top level */

static bool top_schema(ctx *c, const cJSON *v, const char *path, void *obj)
{
	(void)obj;
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a string");
		return false;
	}
	return true;
}

static bool top_version(ctx *c, const cJSON *v, const char *path, void *obj)
{
	(void)obj;
	if (!cJSON_IsNumber(v)) {
		wrong_type(c, v, path, "the format version number 1");
		return false;
	}
	if (v->valuedouble != NQ_FORMAT_VERSION) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "format version %g is not supported; this nqpdf %s reads version %d",
		            v->valuedouble, NQ_VERSION, NQ_FORMAT_VERSION);
		return false;
	}
	return true;
}

static bool top_issue(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	if (cJSON_IsNumber(v)) {
		if (v->valuedouble < 1 || v->valuedouble > 1e6 ||
		    v->valuedouble != (double)(int)v->valuedouble) {
			err(c, v, path, "%s must be a positive whole number or a string", "the issue number");
			return false;
		}
		doc->issue = nq_sprintf(c->a, "第 %d 期", v->valueint);
		doc->issue_at = (nq_loc){ path, nq_json_offset(c->j, v) };
		return true;
	}
	if (!cJSON_IsString(v)) {
		wrong_type(c, v, path, "a number or a string");
		return false;
	}
	doc->issue = text_at(c, v, path, &doc->issue_at);
	/* "129" is a number written as a string: set it as one. */
	size_t n = doc->issue ? strspn(doc->issue, "0123456789") : 0;
	if (n && n <= 6 && !doc->issue[n] && doc->issue[0] != '0')
		doc->issue = nq_sprintf(c->a, "第 %s 期", doc->issue);
	return doc->issue != NULL;
}

static bool top_title(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->title = text_at(c, v, path, &doc->title_at);
	return doc->title != NULL;
}

static bool top_org(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return string_list(c, v, path, &doc->org, &doc->norg, &doc->caporg, &doc->org_at);
}

static bool top_producers(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return string_list(c, v, path, &doc->producers, &doc->nproducers, &doc->capprod, NULL);
}

static bool top_date(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	if (!iso_date(c, v, path, &doc->year, &doc->month, &doc->day))
		return false;
	doc->date = typeset_date(c, doc->year, doc->month, doc->day);
	return true;
}

static bool top_abstract(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return paragraphs(c, v, path, &doc->abstract);
}

/* ------------------------------------------------- masthead, back matter */

static bool top_classification(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->classification = text_at(c, v, path, &doc->classification_at);
	return doc->classification != NULL;
}

/* A count from 1 to max (what names it in the message); 0 after an error.
 * Range first: converting a double outside int's range is undefined. */
static int whole(ctx *c, const cJSON *v, const char *path, const char *what, double max)
{
	if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= max &&
	    v->valuedouble == (double)(int)v->valuedouble)
		return v->valueint;
	if (!cJSON_IsNumber(v))
		wrong_type(c, v, path, "a positive integer");
	else
		err(c, v, path, "%s must be a positive whole number", what);
	return 0;
}

/* 总第 N 期: the same range as the issue number. */
static bool top_issue_total(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->issue_total = whole(c, v, path, "the running total", 1e6);
	return doc->issue_total != 0;
}

static bool top_producer_lines(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return string_list(c, v, path, &doc->producer_lines, &doc->nproducer_lines, &doc->capprodl,
	                   &doc->producer_lines_at);
}

static bool top_editor_note(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	return paragraphs(c, v, path, &doc->editor_note);
}

static bool recip_names(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_recipients *r = obj;
	return string_list(c, v, path, &r->names, &r->nnames, &r->capnames, NULL);
}

static const field recipient_fields[] = {
	TEXT("label", true, nq_recipients, label),
	FN("names", true, recip_names),
};

static bool recipient_elem(ctx *c, const cJSON *e, const char *path, size_t i, void *obj)
{
	(void)i;
	nq_doc *doc = obj;
	nq_recipients *r = NQ_PUSH(c->a, doc->recipients, doc->nrecipients, doc->caprecip);
	r->path = path;
	return WALK(c, e, path, recipient_fields, r);
}

/* 报／送／发: three in practice; a few more lines (抄送, 本期增发) fit. */
#define MAX_RECIPIENTS 8

static const array_kind recipients_array = {
	"an array of recipient lines", "%s: give at least one recipient line, or leave out \"recipients\"",
	"more than %d recipient lines", MAX_RECIPIENTS, recipient_elem,
};

/* The print run: a whole number of copies. */
static bool dist_copies(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->copies = whole(c, v, path, "the print run", 1e7);
	return doc->copies != 0;
}

static const field distribution_fields[] = {
	ARRAY("recipients", false, recipients_array),
	FN("copies", false, dist_copies),
};

static bool top_distribution(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->has_distribution = true;
	doc->distribution_at = (nq_loc){ path, nq_json_offset(c->j, v) };
	if (!WALK(c, v, path, distribution_fields, doc))
		return false;
	if (!doc->nrecipients && !doc->copies) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, path, nq_json_offset(c->j, v),
		            "the distribution block needs \"recipients\", \"copies\" or both");
		return false;
	}
	return true;
}

static bool top_logo(ctx *c, const cJSON *v, const char *path, void *obj)
{
	nq_doc *doc = obj;
	doc->logo = image_ref(c, v, path);
	return doc->logo >= 0;
}

static const field top_fields[] = {
	FN("$schema", false, top_schema),
	FN("nqpdf", true, top_version),
	FN("title", true, top_title),
	FN("issue", false, top_issue),
	FN("organization", true, top_org),
	FN("producers", false, top_producers),

	FN("date", true, top_date),
	FN("abstract", false, top_abstract),
	ARRAY("references", false, references_array),
	ARRAY("sections", true, sections_array),
	FN("insight", false, top_insight),
	FN("footer", false, top_footer),
	FN("logo", false, top_logo),
	FN("labels", false, top_labels),
	FN("meta", false, top_meta),
	FN("options", false, top_options),
	FN("classification", false, top_classification),
	FN("issue_total", false, top_issue_total),
	FN("producer_lines", false, top_producer_lines),
	FN("editor_note", false, top_editor_note),
	FN("distribution", false, top_distribution),
};

static void check_citations(ctx *c)
{
	nq_doc *doc = c->doc;
	nq_inline_resolve(c->d, doc);
	for (size_t i = 0; i < doc->nrefs; i++) {
		const nq_ref *r = &doc->refs[i];
		if (!r->cited && !r->uncited)
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, r->path, r->offset,
			            "reference [%d] is never cited", r->id);
		else if (r->cited && r->uncited)
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, r->path, r->offset,
			            "reference [%d] is marked \"cited\": false but is cited", r->id);
	}
}

nq_doc *nq_model_build(nq_arena *a, const nq_json *j, nq_diags *d)
{
	nq_doc *doc = NQ_NEW(a, nq_doc);
	doc->opt.contents = -1;
	doc->logo = -1;
	/* No place until a text is read from the file (default labels). */
	doc->title_at = doc->issue_at = doc->footer_heading_at = doc->footer_note_at = (nq_loc){ NULL, -1 };
	doc->labels = (nq_labels){
		.abstract = "摘要", .contents = "目录", .insight = "趋势洞察",
		.references = "参考资料", .source = "来源", .date = "日期",
		.purpose = "用途", .link = "链接", .footer = "关注我们", .producers = "编制",
		.editor_note = "编者按",
	};
	ctx c = { .a = a, .d = d, .j = j, .doc = doc, .src = d->src };
	int before = d->errors;
	WALK(&c, j->root, "", top_fields, doc);
	/* References may come after the text that cites them, so citations
	 * are resolved once everything is read. */
	check_citations(&c);
	if (d->errors > before)
		return NULL;
	if (doc->has_insight && !doc->insight.heading)
		doc->insight.heading = doc->labels.insight;
	if (doc->has_footer && !doc->footer_heading)
		doc->footer_heading = doc->labels.footer;
	if (!doc->author) {
		nq_buf b = { .a = a };
		for (size_t i = 0; i < doc->norg; i++)
			nq_buf_printf(&b, "%s%s", i ? " " : "", doc->org[i]);
		doc->author = cut_utf8(a, nq_buf_cstr(&b), MAX_INFO);
	}
	if (!doc->subject && doc->abstract.n) {
		/* The abstract's first paragraph, cut to MAX_LINE bytes at a
		 * character boundary, so /Subject fits a PDF string; one that
		 * is only citation marks leaves nothing, and the title is the
		 * subject as when there is no abstract (an empty one was no
		 * /Subject and no dc:description at all). */
		const char *s = uncited(a, &doc->abstract.v[0]);
		if (!nq_model_blank(s, strlen(s)))
			doc->subject = cut_utf8(a, s, MAX_LINE);
	}
	if (!doc->subject)
		doc->subject = doc->title;
	return doc;
}

/* Exposed for inline.c: offset of decoded byte k in string value v. */
long nq_model_string_offset(const nq_json *j, const char *src, const cJSON *v, size_t k,
                            nq_strpos *pos)
{
	ctx c = { .j = j, .src = src };
	return string_offset(&c, v, k, pos);
}
