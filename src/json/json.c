/*
 * json.c - JSON text in, cJSON tree and source positions out.
 *
 * cJSON builds the values but keeps no positions and says little about what
 * went wrong.  So a small recursive scanner walks the text first: it checks
 * the grammar (RFC 8259) with an exact offset and a message an editor can
 * act on, refuses duplicate keys, and records, in document order, where
 * every value and key starts.  cJSON then parses the same text and a
 * parallel pre-order walk pins each recorded offset to its cJSON node.
 * Meaning (types, required keys) is left to model/.
 */
#include <string.h>

#include "json.h"
#include "util/util.h"

struct nq_json_pos {
	const cJSON *node;
	long key, val;
};

typedef struct scan {
	const char *s;
	size_t len, i;
	nq_diags *d;
	nq_arena *a;
	long *key, *val; /* pre-order offsets */
	size_t n, cap, capk;
	bool failed;
	bool escaped_keys; /* some key has a \ escape: compare decoded keys too */
} scan;

static void fail(scan *sc, size_t at, const char *msg)
{
	if (sc->failed)
		return;
	sc->failed = true;
	nq_diag_add(sc->d, NQ_ERROR, NQ_DC_INPUT, NULL, (long)at, "JSON syntax: %s", msg);
}

/* A limit, not a syntax error: the text is valid JSON, just too much. */
static void limit(scan *sc, size_t at, const char *fmt, size_t n)
{
	if (sc->failed)
		return;
	sc->failed = true;
	nq_diag_add(sc->d, NQ_ERROR, NQ_DC_INPUT, NULL, (long)at, fmt, n);
}

/* Bytes of the string literal at s (the opening quote; the scanner has
 * checked it is well-formed), quotes included, but at most max and never
 * ending inside a UTF-8 character, so a message may quote it. */
static int quoted_len(const char *s, size_t max)
{
	size_t i = 1;
	while (s[i] != '"')
		i += s[i] == '\\' ? 2 : 1;
	i++;
	return (int)nq_utf8_cut(s, i, max);
}

/* ------------------------------------------------------------- key sets */

/* The keys of one object, hashed, to find a duplicate in linear time: the
 * pairwise check this replaces took hours on an object of a million keys
 * (16 MiB of "k1":0,"k2":0,...).  Open addressing, in the arena. */
typedef struct kslot {
	const char *p;    /* the key's bytes; NULL: an empty slot */
	size_t len;
	const void *tag;  /* what the caller needs to name the first one */
} kslot;

typedef struct keyset {
	nq_arena *a;
	kslot *v;
	size_t n, cap;
} keyset;

static size_t hash_bytes(const char *p, size_t n)
{
	/* FNV-1a, 64-bit (Fowler, Noll, Vo). */
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

static kslot *keyset_slot(kslot *v, size_t cap, const char *p, size_t len)
{
	size_t h = hash_bytes(p, len) & (cap - 1);
	while (v[h].p && !(v[h].len == len && memcmp(v[h].p, p, len) == 0))
		h = (h + 1) & (cap - 1);
	return &v[h];
}

/* Add a key; returns the earlier one with the same bytes, or NULL. */
static const kslot *keyset_add(keyset *ks, const char *p, size_t len, const void *tag)
{
	if (2 * (ks->n + 1) > ks->cap) {
		size_t nc = ks->cap ? 2 * ks->cap : 32;
		kslot *nv = nq_alloc(ks->a, sizeof *nv * nc);
		for (size_t i = 0; i < ks->cap; i++)
			if (ks->v[i].p)
				*keyset_slot(nv, nc, ks->v[i].p, ks->v[i].len) = ks->v[i];
		ks->v = nv;
		ks->cap = nc;
	}
	kslot *s = keyset_slot(ks->v, ks->cap, p, len);
	if (s->p)
		return s;
	*s = (kslot){ p, len, tag };
	ks->n++;
	return NULL;
}

/* -------------------------------------------------------------- scanner */

static void ws(scan *sc)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			sc->i++;
		else
			break;
	}
}

static void record(scan *sc, long key, long val)
{
	if (sc->n == sc->cap) {
		size_t nc = sc->cap ? 2 * sc->cap : 256;
		sc->key = nq_grow(sc->a, sc->key, sizeof(long) * sc->cap, sizeof(long) * nc);
		sc->val = nq_grow(sc->a, sc->val, sizeof(long) * sc->cap, sizeof(long) * nc);
		sc->cap = nc;
	}
	sc->key[sc->n] = key;
	sc->val[sc->n] = val;
	sc->n++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A string starting at sc->i (the quote).  Returns false on error. */
static bool string(scan *sc)
{
	size_t start = sc->i++;
	while (sc->i < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		if (c == '"') {
			sc->i++;
			if (sc->i - start - 2 > NQ_JSON_MAX_STRING) {
				limit(sc, start, "string of %zu bytes; at most 256 KiB per string "
				                 "(split long text into paragraphs)", sc->i - start - 2);
				return false;
			}
			return true;
		}
		if (c == '\\') {
			size_t at = sc->i++;
			if (sc->i >= sc->len)
				break;
			char e = sc->s[sc->i++];
			if (e == 'u') {
				unsigned v = 0;
				for (int k = 0; k < 4; k++) {
					int h = sc->i < sc->len ? hexval(sc->s[sc->i]) : -1;
					if (h < 0) {
						fail(sc, at, "\\u must be followed by four hex digits");
						return false;
					}
					v = v * 16 + (unsigned)h;
					sc->i++;
				}
				if (v == 0) {
					fail(sc, at, "\\u0000 (NUL) is not allowed in text");
					return false;
				}
				if (v >= 0xD800 && v <= 0xDBFF) {
					/* A high surrogate needs its low half. */
					if (sc->i + 6 > sc->len || sc->s[sc->i] != '\\' ||
					    sc->s[sc->i + 1] != 'u') {
						fail(sc, at, "unpaired surrogate in \\u escape");
						return false;
					}
					unsigned lo = 0;
					for (int k = 2; k < 6; k++) {
						int h = hexval(sc->s[sc->i + (size_t)k]);
						if (h < 0) {
							fail(sc, at, "\\u must be followed by four hex digits");
							return false;
						}
						lo = lo * 16 + (unsigned)h;
					}
					if (lo < 0xDC00 || lo > 0xDFFF) {
						fail(sc, at, "unpaired surrogate in \\u escape");
						return false;
					}
					sc->i += 6;
				} else if (v >= 0xDC00 && v <= 0xDFFF) {
					fail(sc, at, "unpaired surrogate in \\u escape");
					return false;
				}
			} else if (!strchr("\"\\/bfnrt", e) || e == 0) {
				fail(sc, at, "invalid escape; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
				return false;
			}
			continue;
		}
		if (c < 0x20) {
			if (c == '\n')
				fail(sc, sc->i, "line break inside a string (missing closing '\"'? write \\n for a newline)");
			else if (c == 0)
				fail(sc, sc->i, "NUL byte inside a string");
			else
				fail(sc, sc->i, "control character inside a string; escape it as \\uXXXX");
			return false;
		}
		sc->i++;
	}
	fail(sc, start, "unterminated string: no closing '\"'");
	return false;
}

static bool number(scan *sc)
{
	size_t at = sc->i;
	const char *s = sc->s;
	size_t i = sc->i;
	if (i < sc->len && s[i] == '-')
		i++;
	if (i < sc->len && s[i] == '0') {
		i++;
	} else if (i < sc->len && s[i] >= '1' && s[i] <= '9') {
		while (i < sc->len && s[i] >= '0' && s[i] <= '9')
			i++;
	} else {
		fail(sc, at, "invalid number");
		return false;
	}
	if (i < sc->len && s[i] == '.') {
		i++;
		if (!(i < sc->len && s[i] >= '0' && s[i] <= '9')) {
			fail(sc, at, "invalid number: digits must follow '.'");
			return false;
		}
		while (i < sc->len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < sc->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < sc->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!(i < sc->len && s[i] >= '0' && s[i] <= '9')) {
			fail(sc, at, "invalid number: digits must follow the exponent");
			return false;
		}
		while (i < sc->len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < sc->len && ((s[i] >= '0' && s[i] <= '9') || s[i] == 'x' || s[i] == 'X')) {
		fail(sc, at, "invalid number (leading zeros and hex are not JSON)");
		return false;
	}
	sc->i = i;
	return true;
}

static bool value(scan *sc, long key, int depth);

static const char *describe(scan *sc)
{
	if (sc->i >= sc->len)
		return "end of input";
	switch (sc->s[sc->i]) {
	case '\'':
		return "'\\'' (JSON strings use double quotes)";
	case '}':
		return "'}'";
	case ']':
		return "']'";
	case ',':
		return "','";
	case ':':
		return "':'";
	default:
		break;
	}
	/* Editors type Chinese quotes where JSON needs ASCII ones. */
	size_t k = sc->i;
	int32_t cp = nq_utf8_next(sc->s, sc->len, &k);
	if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0xFF02)
		return "a Chinese quotation mark (JSON needs ASCII \" around keys and texts)";
	return "this character";
}

/* A full-width ， or ： where JSON needs ',' or ':' (typed with the Chinese
 * input method still on): named as such, or NULL.  Without this a ，after
 * a string got the hint about a " typed inside it. */
static const char *fullwidth_separator(const scan *sc)
{
	if (sc->len - sc->i >= 3 && memcmp(sc->s + sc->i, "\xEF\xBC\x8C", 3) == 0)
		return "a full-width comma '，' between items; JSON needs the ASCII comma ','";
	if (sc->len - sc->i >= 3 && memcmp(sc->s + sc->i, "\xEF\xBC\x9A", 3) == 0)
		return "a full-width colon '：' after the key; JSON needs the ASCII colon ':'";
	return NULL;
}

static bool object(scan *sc, int depth)
{
	size_t open = sc->i++;
	/* Keys seen in this object, as raw slices, to refuse duplicates. */
	keyset keys = { .a = sc->a };
	ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == '}') {
		sc->i++;
		return true;
	}
	for (;;) {
		ws(sc);
		if (sc->i >= sc->len) {
			fail(sc, open, "unterminated object: '{' without a matching '}'");
			return false;
		}
		if (sc->s[sc->i] != '"') {
			if (sc->s[sc->i] == '}')
				fail(sc, sc->i, "trailing comma before '}'");
			else
				nq_diag_add(sc->d, NQ_ERROR, NQ_DC_INPUT, NULL, (long)sc->i,
				            "JSON syntax: expected a \"quoted\" key, found %s", describe(sc)),
				    sc->failed = true;
			return false;
		}
		size_t kat = sc->i;
		if (!string(sc))
			return false;
		size_t klen = sc->i - kat;
		if (memchr(sc->s + kat, '\\', klen))
			sc->escaped_keys = true;
		const kslot *first = keyset_add(&keys, sc->s + kat, klen, NULL);
		if (first) {
			int line, col;
			nq_diag_locate(sc->d, (long)(first->p - sc->s), &line, &col);
			char msg[160];
			snprintf(msg, sizeof msg, "duplicate key %.*s (first at line %d, column %d)",
			         quoted_len(sc->s + kat, 60), sc->s + kat, line, col);
			fail(sc, kat, msg);
			return false;
		}
		ws(sc);
		if (sc->i >= sc->len || sc->s[sc->i] != ':') {
			fail(sc, sc->i, sc->i >= sc->len        ? "unexpected end of input: expected ':'"
			                : fullwidth_separator(sc) ? fullwidth_separator(sc)
			                                        : "expected ':' after the key");
			return false;
		}
		sc->i++;
		if (!value(sc, (long)kat, depth + 1))
			return false;
		ws(sc);
		if (sc->i >= sc->len) {
			fail(sc, open, "unterminated object: '{' without a matching '}'");
			return false;
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == '}') {
			sc->i++;
			return true;
		}
		fail(sc, sc->i, fullwidth_separator(sc) ? fullwidth_separator(sc)
		                : sc->s[sc->i] == '"' ? "missing ',' between object members"
		                : sc->s[sc->i - 1] == '"'
		                    ? "expected ',' or '}' after an object member; a \" inside a text must be written \\\" (or use “ ”)"
		                    : "expected ',' or '}' after an object member");
		return false;
	}
}

static bool array(scan *sc, int depth)
{
	size_t open = sc->i++;
	ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ']') {
		sc->i++;
		return true;
	}
	for (;;) {
		ws(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			fail(sc, sc->i, "trailing comma before ']'");
			return false;
		}
		if (!value(sc, -1, depth + 1))
			return false;
		ws(sc);
		if (sc->i >= sc->len) {
			fail(sc, open, "unterminated array: '[' without a matching ']'");
			return false;
		}
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] == ']') {
			sc->i++;
			return true;
		}
		/* Right after a string: most likely a " typed inside it. */
		fail(sc, sc->i, fullwidth_separator(sc) ? fullwidth_separator(sc)
		                : sc->s[sc->i - 1] == '"'
		                    ? "expected ',' or ']' after an array element; a \" inside a text must be written \\\" (or use “ ”)"
		                    : "expected ',' or ']' after an array element");
		return false;
	}
}

static bool literal(scan *sc, const char *word)
{
	size_t n = strlen(word);
	if (sc->len - sc->i >= n && memcmp(sc->s + sc->i, word, n) == 0) {
		sc->i += n;
		return true;
	}
	fail(sc, sc->i, "invalid literal (expected true, false or null)");
	return false;
}

static bool value(scan *sc, long key, int depth)
{
	ws(sc);
	if (depth > NQ_JSON_MAX_DEPTH) {
		char msg[80];
		snprintf(msg, sizeof msg, "nesting deeper than %d levels", NQ_JSON_MAX_DEPTH);
		fail(sc, sc->i, msg);
		return false;
	}
	if (sc->i >= sc->len) {
		fail(sc, sc->i, "unexpected end of input: expected a value");
		return false;
	}
	if (sc->n >= NQ_JSON_MAX_VALUES) {
		limit(sc, sc->i, "more than %zu values in the file; an issue needs a few hundred",
		      (size_t)NQ_JSON_MAX_VALUES);
		return false;
	}
	record(sc, key, (long)sc->i);
	char c = sc->s[sc->i];
	switch (c) {
	case '{':
		return object(sc, depth);
	case '[':
		return array(sc, depth);
	case '"':
		return string(sc);
	case 't':
		return literal(sc, "true");
	case 'f':
		return literal(sc, "false");
	case 'n':
		return literal(sc, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return number(sc);
		if (c == '\'')
			fail(sc, sc->i, "strings must use double quotes \"...\"");
		else if (c == ',' || c == ']' || c == '}')
			fail(sc, sc->i, "expected a value here");
		else if ((unsigned char)c >= 0x80)
			fail(sc, sc->i, "text must be inside \"double quotes\"");
		else
			fail(sc, sc->i, "unexpected character; expected a value");
		return false;
	}
}

/* ------------------------------------------------ offsets by cJSON node */

static size_t hash_ptr(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

static void pin(nq_json *j, const cJSON *node, long key, long val)
{
	size_t h = hash_ptr(node, j->cap);
	while (j->pos[h].node)
		h = (h + 1) & (j->cap - 1);
	j->pos[h].node = node;
	j->pos[h].key = key;
	j->pos[h].val = val;
}

static void pin_tree(nq_json *j, const cJSON *node, const scan *sc, size_t *k)
{
	for (; node; node = node->next) {
		if (*k < sc->n) {
			pin(j, node, sc->key[*k], sc->val[*k]);
			(*k)++;
		}
		if (node->child)
			pin_tree(j, node->child, sc, k);
	}
}

static const nq_json_pos *find(const nq_json *j, const cJSON *v)
{
	if (!j->cap || !v)
		return NULL;
	size_t h = hash_ptr(v, j->cap);
	while (j->pos[h].node) {
		if (j->pos[h].node == v)
			return &j->pos[h];
		h = (h + 1) & (j->cap - 1);
	}
	return NULL;
}

long nq_json_offset(const nq_json *j, const cJSON *v)
{
	const nq_json_pos *p = find(j, v);
	return p ? p->val : -1;
}

long nq_json_key_offset(const nq_json *j, const cJSON *v)
{
	const nq_json_pos *p = find(j, v);
	return p ? (p->key >= 0 ? p->key : p->val) : -1;
}

static bool decoded_duplicates(const nq_json *j, const cJSON *node, nq_diags *d, const char *src)
{
	for (; node; node = node->next) {
		if (cJSON_IsObject(node)) {
			keyset keys = { .a = d->arena };
			for (const cJSON *m = node->child; m; m = m->next) {
				const kslot *p = keyset_add(&keys, m->string, strlen(m->string), m);
				if (!p)
					continue;
				int line, col;
				long first = nq_json_key_offset(j, p->tag), at = nq_json_key_offset(j, m);
				nq_diag_locate(d, first, &line, &col);
				nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "JSON syntax: duplicate key %.*s (first at line %d, column %d)",
				            at >= 0 ? quoted_len(src + at, 62) : 2, at >= 0 ? src + at : "\"\"",
				            line, col);
				return false;
			}
		}
		if (node->child && !decoded_duplicates(j, node->child, d, src))
			return false;
	}
	return true;
}

bool nq_json_parse(nq_arena *a, const char *src, size_t len, nq_diags *d, nq_json *out)
{
	memset(out, 0, sizeof *out);
	size_t start = 0;
	/* A UTF-8 BOM is what Windows editors write; accept it (RFC 8259 §8.1
	 * allows parsers to ignore it). */
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	long bad = nq_utf8_check(src, len);
	if (bad >= 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, bad,
		            "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		            (unsigned char)src[bad]);
		return false;
	}
	scan sc = { .s = src, .len = len, .i = start, .d = d, .a = a };
	ws(&sc);
	if (sc.i >= len) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
		            "the file is empty; expected a JSON object");
		return false;
	}
	if (!value(&sc, -1, 1))
		return false;
	ws(&sc);
	if (sc.i < len) {
		fail(&sc, sc.i, "unexpected text after the end of the JSON value");
		return false;
	}

	cJSON *root = cJSON_ParseWithLength(src + start, len - start);
	if (!root) {
		/* The scanner accepted it, so this is cJSON's own limit. */
		const char *at = cJSON_GetErrorPtr();
		long off = at && at >= src && at <= src + len ? (long)(at - src) : -1;
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, off, "JSON could not be parsed here");
		return false;
	}
	out->root = root;
	out->cap = 16;
	while (out->cap < 2 * sc.n + 2)
		out->cap *= 2;
	out->pos = nq_alloc(a, sizeof *out->pos * out->cap);
	size_t k = 0;
	pin_tree(out, root, &sc, &k);
	out->npos = k;
	/* "title" and "t\u0069tle" are the same key; the raw comparison in
	 * object() cannot see that, so look again at the decoded keys. */
	if (sc.escaped_keys && !decoded_duplicates(out, root, d, src)) {
		nq_json_free(out);
		return false;
	}
	return true;
}

void nq_json_free(nq_json *j)
{
	if (j->root)
		cJSON_Delete(j->root);
	j->root = NULL;
}
