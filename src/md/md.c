/*
 * md.c - Markdown issue in, the same issue as JSON text out.
 *
 * Takes the .md text (docs/markdown.md): a YAML front matter, read with
 * libyaml's event parser, and a CommonMark body, read with libcmark.  Makes
 * the JSON text json/ and model/ already read, plus anchors that map every
 * JSON offset back to the Markdown, so every later message points at the
 * .md (render.c moves the offsets).  Front-matter keys become the top-level
 * members as written; `## ` headings split the body into the abstract,
 * sections, insight, references and footer.  The blocks' text is taken
 * from the source lines cmark located, not from cmark's inline tree: the
 * inline markup of the dialect is the JSON format's own (**bold**, [1]
 * citations, handled by model/inline.c), and copying source bytes keeps
 * every column exact.  Leaves validation to model/, typesetting to others.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmark.h>
#include <yaml.h>

#include "md.h"
#include "util/util.h"

/* YAML nesting: the format needs 3 levels (footer/codes/item); 64 as the
 * JSON reader (NQ_JSON_MAX_DEPTH). */
#define MAX_DEPTH 64

typedef struct mc {
	nq_arena *a;
	nq_diags *d;
	const char *src;
	size_t len;
	nq_buf out;
	nq_md *m;
	long *lines;          /* offset where each line starts */
	size_t nlines;
	size_t fm_line0;      /* first line of the front matter text */
	size_t body_line0;    /* first line of the body */
	size_t members;       /* top-level members written */
	cJSON *fm;            /* the front matter, for labels */
	bool has_title, has_footer;
	struct { size_t line, col; long off; } ycache; /* yaml_off's last mark */
} mc;

/* A text taken from the source: bytes and the source offset of each. */
typedef struct seg {
	char *s;
	long *at;
	size_t n, cap;
} seg;

/* ---------------------------------------------------------- JSON output */

static void anchor_at(mc *c, long md, bool lin)
{
	long j = (long)c->out.n;
	nq_md *m = c->m;
	if (m->n && m->v[m->n - 1].json == j) {
		m->v[m->n - 1].md = md;
		m->v[m->n - 1].lin = lin;
		return;
	}
	nq_md_anchor *x = NQ_PUSH(c->a, m->v, m->n, m->cap);
	x->json = j;
	x->md = md;
	x->lin = lin;
}

/* What comes next is copied from md on. */
static void anchor(mc *c, long md)
{
	anchor_at(c, md, true);
}

/* What comes next is made up, and stands for what is at md. */
static void made(mc *c, long md)
{
	anchor_at(c, md, false);
}

/* JSON punctuation: it belongs where the text before it pointed. */
static void put(mc *c, const char *s)
{
	made(c, nq_md_offset(c->m, (long)c->out.n));
	nq_buf_puts(&c->out, s);
}

/* A JSON string of n bytes whose byte i came from source offset at[i]
 * (at may be NULL: all from `md`). */
static void jstr_q(mc *c, const char *s, const long *at, size_t n, long md, long quote);

static void jstr(mc *c, const char *s, const long *at, size_t n, long md)
{
	jstr_q(c, s, at, n, md, at && n ? at[0] : md);
}

/* The same, with the string's own place (the value's offset) at quote. */
static void jstr_q(mc *c, const char *s, const long *at, size_t n, long md, long quote)
{
	made(c, quote);
	nq_buf_puts(&c->out, "\"");
	bool fresh = true;
	for (size_t i = 0; i < n; i++) {
		long here = at ? at[i] : md;
		if (fresh || (at && i && at[i] != at[i - 1] + 1))
			at ? anchor(c, here) : made(c, here);
		fresh = false;
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\') {
			char e[3] = { '\\', (char)ch, 0 };
			put(c, e);
			fresh = true;
		} else if (ch < 0x20) {
			nq_buf_printf(&c->out, "\\u%04x", ch);
			fresh = true;
		} else {
			nq_buf_put(&c->out, s + i, 1);
		}
	}
	nq_buf_puts(&c->out, "\"");
}

static void key(mc *c, const char *k, long md)
{
	made(c, md);
	nq_buf_printf(&c->out, "\"%s\":", k);
}

/* A top-level member's key, after the front matter's. */
static void member(mc *c, const char *k, long md)
{
	if (c->members++)
		put(c, ",");
	key(c, k, md);
}

/* ------------------------------------------------------------ positions */

static long line_off(mc *c, size_t line)
{
	return line < c->nlines ? c->lines[line] : (long)c->len;
}

static long line_end(mc *c, size_t line)
{
	long e = line + 1 < c->nlines ? c->lines[line + 1] : (long)c->len;
	while (e > line_off(c, line) && (c->src[e - 1] == '\n' || c->src[e - 1] == '\r'))
		e--;
	return e;
}

/* Source offset of a cmark position (1-based line of the body, 1-based
 * byte column). */
static long body_off(mc *c, int line, int col)
{
	long o = line_off(c, c->body_line0 + (size_t)(line > 0 ? line - 1 : 0)) + (col > 0 ? col - 1 : 0);
	return o < (long)c->len ? o : (long)c->len;
}

static long node_off(mc *c, cmark_node *n)
{
	return body_off(c, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
}

static void seg_put(mc *c, seg *t, const char *s, size_t n, long at)
{
	for (size_t i = 0; i < n || !t->cap; i++) {
		if (t->n + 1 >= t->cap) {
			size_t nc = t->cap ? t->cap * 2 : 64;
			t->s = nq_grow(c->a, t->s, t->cap, nc);
			t->at = nq_grow(c->a, t->at, t->cap * sizeof(long), nc * sizeof(long));
			t->cap = nc;
			t->s[t->n] = 0;
			if (i >= n)
				break; /* an empty text, allocated */
		}
		t->s[t->n] = s[i];
		t->at[t->n++] = at >= 0 ? at + (long)i : -1;
		t->s[t->n] = 0;
	}
}

/* Characters around which a soft line break is no space: ideographs, kana,
 * hangul, CJK and full-width punctuation (U+2E80 on), and the marks
 * Chinese text shares with Western (— … “ ” ‘ ’ ·). */
static bool is_cjk(int32_t cp)
{
	return cp >= 0x2E80 || cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D ||
	       cp == 0x2018 || cp == 0x2019 || cp == 0xB7;
}

static int32_t last_cp(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (!i)
		return -1;
	i--;
	return nq_utf8_next(s, n, &i);
}

static int32_t first_cp(const char *s, size_t n)
{
	size_t i = 0;
	return n ? nq_utf8_next(s, n, &i) : -1;
}

/* Append source [from, to) to t: a backslash before ASCII punctuation is
 * CommonMark's escape and is dropped. */
static void seg_range(mc *c, seg *t, long from, long to)
{
	for (long i = from; i < to; i++) {
		if (c->src[i] == '\\' && i + 1 < to && ispunct((unsigned char)c->src[i + 1]))
			i++;
		seg_put(c, t, c->src + i, 1, i);
	}
}

/* The text of a paragraph (or heading) node as written, lines joined: with
 * nothing when either side of the break is CJK, else with a space. */
static seg block_text(mc *c, cmark_node *n)
{
	seg t = { 0 };
	int l1 = cmark_node_get_start_line(n), l2 = cmark_node_get_end_line(n);
	for (int l = l1; l <= l2; l++) {
		size_t line = c->body_line0 + (size_t)l - 1;
		long s = l == l1 ? node_off(c, n) : line_off(c, line);
		long e = line_end(c, line);
		if (l != l1)
			while (s < e && (c->src[s] == ' ' || c->src[s] == '\t'))
				s++;
		while (e > s && (c->src[e - 1] == ' ' || c->src[e - 1] == '\t'))
			e--;
		if (l < l2 && e > s && c->src[e - 1] == '\\' && (e - 1 == s || c->src[e - 2] != '\\'))
			e--; /* a hard line break: a break as any other */
		if (e <= s)
			continue;
		if (t.n) {
			int32_t a = last_cp(t.s, t.n), b = first_cp(c->src + s, (size_t)(e - s));
			if (!is_cjk(a) && !is_cjk(b))
				seg_put(c, &t, " ", 1, s);
		}
		seg_range(c, &t, s, e);
	}
	return t;
}

static void trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && (s[*from] == ' ' || s[*from] == '\t'))
		(*from)++;
	while (*to > *from && (s[*to - 1] == ' ' || s[*to - 1] == '\t'))
		(*to)--;
}

/* ------------------------------------------------------ the front matter */

/* libyaml marks count characters; the walk along the line goes on from
 * the last mark when it is further on the same line, so a long flow
 * sequence on one line costs one walk, not one per item. */
static long yaml_off(mc *c, yaml_mark_t mk)
{
	size_t line = c->fm_line0 + mk.line;
	long o = line_off(c, line), e = line_end(c, line);
	size_t i = (size_t)o, k = 0;
	if (c->ycache.line == line && c->ycache.col <= mk.column && c->ycache.off >= o) {
		i = (size_t)c->ycache.off;
		k = c->ycache.col;
	}
	for (; k < mk.column && (long)i < e; k++)
		nq_utf8_next(c->src, (size_t)e, &i);
	c->ycache.line = line;
	c->ycache.col = k;
	c->ycache.off = (long)i;
	return (long)i;
}

static bool yaml_next(mc *c, yaml_parser_t *p, yaml_event_t *ev)
{
	if (yaml_parser_parse(p, ev))
		return true;
	/* "while scanning a quoted scalar" points at where it began, which
	 * is where the editor has to look. */
	if (p->context)
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, yaml_off(c, p->context_mark),
		            "YAML front matter: %s: %s", p->context, p->problem ? p->problem : "syntax error");
	else
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, yaml_off(c, p->problem_mark),
		            "YAML front matter: %s", p->problem ? p->problem : "syntax error");
	return false;
}

static bool all_match(const char *s, size_t n, const char *set)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]))
			return false;
	return true;
}

/* YAML 1.2 core schema resolution of a plain scalar (yaml.org/spec/1.2.2
 * 10.3.2), without timestamps: a date stays the text the format wants. */
static void yaml_scalar(mc *c, yaml_event_t *ev, long at)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	made(c, at);
	if (plain) {
		if (!n || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL")) {
			put(c, "null");
			return;
		}
		if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE")) {
			put(c, "true");
			return;
		}
		if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE")) {
			put(c, "false");
			return;
		}
		const char *d = v + (*v == '-' || *v == '+');
		size_t dn = n - (size_t)(d - v);
		if (all_match(d, dn, "0123456789") && dn < 19) {
			nq_buf_printf(&c->out, "%lld", strtoll(v, NULL, 10));
			return;
		}
		char *end;
		double x = strtod(v, &end);
		if (all_match(d, dn, "0123456789.eE+-") && end == v + n && strchr("0123456789.", *d)) {
			nq_buf_printf(&c->out, "%.15g", x);
			return;
		}
	}
	long first = at + (plain ? 0 : 1);
	long *pos = NQ_NEWN(c->a, long, n + 1);
	for (size_t i = 0; i < n; i++)
		pos[i] = first + (long)i < (long)c->len ? first + (long)i : (long)c->len;
	jstr_q(c, v, pos, n, at, at); /* a quoted scalar's place is its quote */
}

static bool yaml_value(mc *c, yaml_parser_t *p, yaml_event_t *ev, int depth);

static bool yaml_items(mc *c, yaml_parser_t *p, bool mapping, int depth)
{
	put(c, mapping ? "{" : "[");
	for (size_t k = 0;; k++) {
		yaml_event_t ev;
		if (!yaml_next(c, p, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (k)
			put(c, ",");
		if (mapping) {
			long at = yaml_off(c, ev.start_mark);
			if (ev.type != YAML_SCALAR_EVENT) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "YAML front matter: a key must be plain text");
				yaml_event_delete(&ev);
				return false;
			}
			jstr(c, (const char *)ev.data.scalar.value, NULL, ev.data.scalar.length, at);
			put(c, ":");
			yaml_event_delete(&ev);
			if (!yaml_next(c, p, &ev))
				return false;
		}
		bool ok = yaml_value(c, p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!ok)
			return false;
	}
	put(c, mapping ? "}" : "]");
	return true;
}

static bool yaml_value(mc *c, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
	long at = yaml_off(c, ev->start_mark);
	if (depth > MAX_DEPTH) {
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at, "nesting deeper than %d levels", MAX_DEPTH);
		return false;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		yaml_scalar(c, ev, at);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		made(c, at);
		return yaml_items(c, p, ev->type == YAML_MAPPING_START_EVENT, depth);
	default:
		nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
		            "YAML front matter: aliases (*name) are not supported; write the value out");
		return false;
	}
}

/* The parts of the issue that come from the body. */
static bool body_key(const char *k)
{
	return !strcmp(k, "abstract") || !strcmp(k, "sections") || !strcmp(k, "insight") ||
	       !strcmp(k, "references");
}

/* The front matter's top-level mapping becomes the JSON object's first
 * members; the object stays open for the body's. */
static bool front_matter(mc *c, long from, long to)
{
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)c->src + from, (size_t)(to - from));
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	bool ok = true, in_map = false, done = false;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_next(c, &p, &ev)) {
			ok = false;
			break;
		}
		long at = yaml_off(c, ev.start_mark);
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_MAPPING_START_EVENT:
			if (in_map)
				goto bad;
			in_map = true;
			break;
		case YAML_MAPPING_END_EVENT:
			in_map = false;
			break;
		case YAML_SCALAR_EVENT:
			if (!in_map) {
				if (!ev.data.scalar.length && ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
					break; /* an empty front matter */
				goto bad;
			} else {
				const char *k = (const char *)ev.data.scalar.value;
				if (body_key(k)) {
					nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
					            "'%s' comes from the body (## headings), not the front matter", k);
					ok = false;
				}
				if (!strcmp(k, "footer"))
					c->has_footer = true;
				if (!strcmp(k, "title"))
					c->has_title = true;
				if (c->members++)
					put(c, ",");
				jstr(c, k, NULL, ev.data.scalar.length, at);
				put(c, ":");
				yaml_event_delete(&ev);
				if (!yaml_next(c, &p, &ev)) {
					ok = false;
					continue;
				}
				ok = ok && yaml_value(c, &p, &ev, 1);
			}
			break;
		default:
		bad:
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
			            "the front matter must be a YAML mapping of the format's top-level keys (key: value)");
			ok = false;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (ok) {
		/* Read back for the labels the body's headings may use. */
		char *txt = nq_sprintf(c->a, "%.*s}", (int)c->out.n, c->out.p);
		c->fm = cJSON_Parse(txt);
	}
	return ok;
}

/* ---------------------------------------------------------------- body */

typedef enum part { P_NONE, P_ABSTRACT, P_SECTION, P_INSIGHT, P_REFS, P_FOOTER } part;

static const char *label(mc *c, const char *k, const char *dflt)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(c->fm, "labels");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, k);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : dflt;
}

/* Typed numbering at the start of a heading ("一、", "12.", "（三）",
 * "(2)", "3．"): its length with the spaces after it, else 0.  "3.5亿" is
 * a number, not numbering. */
size_t nq_md_numbering(const char *h, size_t n)
{
	size_t i = 0, j, digits = 0;
	bool paren = false;
	j = i;
	int32_t ch = n ? nq_utf8_next(h, n, &j) : -1;
	if (ch == '(' || ch == 0xFF08) {
		paren = true;
		i = j;
		ch = i < n ? nq_utf8_next(h, n, &j) : -1;
	}
	static const char *const han = "一二三四五六七八九十〇零百";
	for (;;) {
		bool dig = ch >= '0' && ch <= '9';
		if (!dig && ch > 0x7F) {
			char u[5] = { 0 };
			nq_utf8_encode((uint32_t)ch, u);
			dig = strstr(han, u) != NULL;
		}
		if (!dig)
			break;
		digits++;
		i = j;
		ch = i < n ? nq_utf8_next(h, n, &j) : -1;
	}
	if (!digits)
		return 0;
	bool close = paren ? (ch == ')' || ch == 0xFF09)
	                   : (ch == 0x3001 || ch == 0xFF0E || ch == 0xFF0C || ch == '.' || ch == ')');
	if (!close)
		return 0;
	if (ch == '.' && j < n && h[j] >= '0' && h[j] <= '9')
		return 0;
	i = j;
	size_t sp = i;
	while (i < n && (h[i] == ' ' || h[i] == '\t'))
		i++;
	/* or one ideographic space; after ASCII spaces it is the heading's */
	if (i == sp && i + 3 <= n && !memcmp(h + i, "\xE3\x80\x80", 3))
		i += 3;
	return i;
}

/* The text of a heading: after the #s, without a closing # sequence. */
static seg heading_text(mc *c, cmark_node *n)
{
	long s = node_off(c, n);
	size_t line = c->body_line0 + (size_t)cmark_node_get_start_line(n) - 1;
	long e = line_end(c, line);
	if (s < e && c->src[s] == '#') {
		/* the level's #s only: "## #5G" is the heading "#5G" */
		for (int k = cmark_node_get_heading_level(n); k > 0 && s < e && c->src[s] == '#'; k--)
			s++;
		while (e > s && (c->src[e - 1] == ' ' || c->src[e - 1] == '\t'))
			e--;
		long k = e;
		while (k > s && c->src[k - 1] == '#')
			k--;
		if (k == s || c->src[k - 1] == ' ' || c->src[k - 1] == '\t')
			e = k;
	}
	while (s < e && (c->src[s] == ' ' || c->src[s] == '\t'))
		s++;
	while (e > s && (c->src[e - 1] == ' ' || c->src[e - 1] == '\t'))
		e--;
	seg t = { 0 };
	seg_range(c, &t, s, e);
	if (!t.n)
		seg_put(c, &t, "", 0, s);
	return t;
}

static bool seg_is(const seg *t, const char *s)
{
	return t->n == strlen(s) && !memcmp(t->s, s, t->n);
}

static const char *node_name(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE: return "a block quote (>)";
	case CMARK_NODE_LIST: return "a list";
	case CMARK_NODE_CODE_BLOCK: return "a code block";
	case CMARK_NODE_HTML_BLOCK: return "an HTML block";
	case CMARK_NODE_THEMATIC_BREAK: return "a thematic break (---)";
	case CMARK_NODE_HEADING: return "a heading";
	default: return "this block";
	}
}

static void para_string(mc *c, cmark_node *n)
{
	seg t = block_text(c, n);
	jstr(c, t.s, t.at, t.n, node_off(c, n));
}

/* Find UTF-8 string k in t[from, to); index or -1. */
static long find(const seg *t, size_t from, size_t to, const char *k)
{
	size_t kn = strlen(k);
	for (size_t i = from; i + kn <= to; i++)
		if (!memcmp(t->s + i, k, kn))
			return (long)i;
	return -1;
}

/* A label followed by ：or :, e.g. "用途：", found in t[from, to). Sets
 * *after to the text after it. */
static long find_label(const seg *t, size_t from, size_t to, const char *lab, size_t *after)
{
	size_t ln = strlen(lab);
	for (long i = find(t, from, to, lab); i >= 0; i = find(t, (size_t)i + 1, to, lab)) {
		size_t k = (size_t)i + ln;
		while (k < to && t->s[k] == ' ')
			k++;
		if (k + 3 <= to && !memcmp(t->s + k, "\xEF\xBC\x9A", 3)) {
			*after = k + 3;
			return i;
		}
		if (k < to && t->s[k] == ':') {
			*after = k + 1;
			return i;
		}
	}
	return -1;
}

/* Strip trailing separators: spaces, 。，、；.,; and the full-width colon. */
static void trim_punct(const seg *t, size_t *from, size_t *to, bool lead)
{
	static const char *const marks[] = { "\xE3\x80\x82", "\xEF\xBC\x8C", "\xE3\x80\x81",
		                             "\xEF\xBC\x9B", "\xEF\xBC\x9A", NULL };
	for (bool again = true; again;) {
		again = false;
		trim(t->s, from, to);
		if (*to > *from && strchr(".,;:", t->s[*to - 1])) {
			(*to)--;
			again = true;
		}
		if (lead && *to > *from && strchr(".,;:", t->s[*from])) {
			(*from)++;
			again = true;
		}
		for (int k = 0; marks[k]; k++) {
			if (*to >= *from + 3 && !memcmp(t->s + *to - 3, marks[k], 3)) {
				*to -= 3;
				again = true;
			}
			if (lead && *to >= *from + 3 && !memcmp(t->s + *from, marks[k], 3)) {
				*from += 3;
				again = true;
			}
		}
	}
}

static void field(mc *c, bool *first, const char *k, const seg *t, size_t from, size_t to)
{
	put(c, *first ? "" : ",");
	*first = false;
	key(c, k, t->at[from < t->n ? from : 0]);
	jstr(c, t->s + from, t->at + from, to - from, t->at[from < t->n ? from : 0]);
}

static int digits_at(const seg *t, size_t i, size_t to, size_t *end)
{
	int v = 0, n = 0;
	while (i < to && t->s[i] >= '0' && t->s[i] <= '9' && n < 5) {
		v = v * 10 + (t->s[i] - '0');
		i++;
		n++;
	}
	*end = i;
	return n ? v : -1;
}

/* A date in t[from, to): 2026-05-12, 2026/5/12, 2026.5.12 or 2026年5月12日.
 * Returns its start, sets *end and the ISO text. */
static long find_date(const seg *t, size_t from, size_t to, size_t *end, char iso[11])
{
	for (size_t i = from; i < to; i++) {
		size_t e;
		int y = digits_at(t, i, to, &e);
		if (y < 1000 || e - i != 4 || (i > from && isdigit((unsigned char)t->s[i - 1])))
			continue;
		size_t k = e;
		bool han = k + 3 <= to && !memcmp(t->s + k, "年", 3);
		if (han)
			k += 3;
		else if (k < to && strchr("-/.", t->s[k]))
			k++;
		else
			continue;
		int mo = digits_at(t, k, to, &e);
		if (mo < 1 || mo > 12 || e - k > 2)
			continue;
		k = e;
		if (han && k + 3 <= to && !memcmp(t->s + k, "月", 3))
			k += 3;
		else if (!han && k < to && t->s[k] == t->s[i + 4])
			k++;
		else
			continue;
		int dd = digits_at(t, k, to, &e);
		if (dd < 1 || dd > 31 || e - k > 2)
			continue;
		k = e;
		if (han && k + 3 <= to && !memcmp(t->s + k, "日", 3))
			k += 3;
		else if (han)
			continue;
		snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, mo, dd);
		*end = k;
		return (long)i;
	}
	return -1;
}

/* One item of the 参考资料 list: 来源，《题名》，日期。用途：……。链接：URL */
static void reference(mc *c, cmark_node *item, int pos, bool *firstref)
{
	long at = node_off(c, item);
	cmark_node *p = cmark_node_first_child(item);
	put(c, *firstref ? "" : ",");
	*firstref = false;
	made(c, at); /* the entry's place in messages */
	put(c, "{");
	bool first = true;
	/* The number typed, as the id when it is not the position. */
	size_t i = (size_t)at;
	int id = 0;
	while (i < c->len && isdigit((unsigned char)c->src[i]) && id < 100000)
		id = id * 10 + (c->src[i++] - '0');
	if (id && id != pos) {
		key(c, "id", at);
		nq_buf_printf(&c->out, "%d", id);
		first = false;
	}
	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at,
		            "reference %d: empty item; write 来源，《题名》，日期。用途：……。链接：URL", pos);
		put(c, "}");
		return;
	}
	if (cmark_node_next(p))
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, node_off(c, cmark_node_next(p)),
		            "reference %d: only the item's first paragraph is read", pos);
	seg t = block_text(c, p);
	long pat = node_off(c, p);
	size_t n = t.n;
	/* "（不引用）" at the end: kept for checking, "cited": false. */
	static const char uncited[] = "（不引用）";
	size_t un = sizeof uncited - 1;
	while (n > 0 && t.s[n - 1] == ' ')
		n--;
	if (n >= un && !memcmp(t.s + n - un, uncited, un)) {
		put(c, first ? "" : ",");
		first = false;
		key(c, "cited", t.at[n - un]);
		put(c, "false");
		n -= un;
	}
	/* The URL: bare, or in <>, perhaps after 链接：. */
	size_t rest = n, us = 0, ue = 0;
	long u = find(&t, 0, n, "https://");
	long u2 = find(&t, 0, n, "http://");
	if (u < 0 || (u2 >= 0 && u2 < u))
		u = u2;
	if (u >= 0) {
		us = (size_t)u;
		rest = us;
		if (us > 0 && t.s[us - 1] == '<') {
			rest--;
			ue = us;
			while (ue < n && t.s[ue] != '>')
				ue++;
		} else {
			ue = us;
			/* to a space, a non-ASCII character or <>" (RFC 3986
			 * appendix C's delimiters of a URL in text) */
			while (ue < n && !isspace((unsigned char)t.s[ue]) && (unsigned char)t.s[ue] < 0x80 &&
			       !strchr("<>\"", t.s[ue]))
				ue++;
			while (ue > us && strchr(".,;)", t.s[ue - 1]))
				ue--;
		}
		/* "链接：" right before the URL (a purpose may say 链接： too) */
		size_t r2 = rest, colon = 0;
		while (r2 > 0 && t.s[r2 - 1] == ' ')
			r2--;
		if (r2 >= 3 && !memcmp(t.s + r2 - 3, "：", 3))
			colon = 3;
		else if (r2 >= 1 && t.s[r2 - 1] == ':')
			colon = 1;
		if (colon) {
			size_t e2 = r2 - colon;
			while (e2 > 0 && t.s[e2 - 1] == ' ')
				e2--;
			const char *labs[] = { label(c, "link", "链接"), "URL", "Link" };
			for (int k = 0; k < 3; k++) {
				size_t ln = strlen(labs[k]);
				if (e2 >= ln && !memcmp(t.s + e2 - ln, labs[k], ln)) {
					rest = e2 - ln;
					break;
				}
			}
		}
	} else {
		size_t after;
		long l = find_label(&t, 0, n, label(c, "link", "链接"), &after);
		if (l >= 0) {
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, t.at[l],
			            "reference %d: no http:// or https:// URL after the link label", pos);
			rest = (size_t)l;
		}
	}
	/* The purpose, after 用途：. */
	size_t head = rest, ps = 0, pe = 0;
	long pl = find_label(&t, 0, rest, label(c, "purpose", "用途"), &ps);
	if (pl < 0)
		pl = find_label(&t, 0, rest, "Purpose", &ps);
	if (pl >= 0) {
		head = (size_t)pl;
		pe = rest;
		trim(t.s, &ps, &pe);
		/* one closing 。 (or . ;) ends the purpose; more belong to it */
		if (pe >= ps + 3 && (!memcmp(t.s + pe - 3, "。", 3) || !memcmp(t.s + pe - 3, "；", 3)))
			pe -= 3;
		else if (pe > ps && strchr(".;", t.s[pe - 1]))
			pe--;
	}
	/* The title in 《》, the source before it, the date after it. */
	size_t ss = 0, se = 0, ts = 0, te = 0, ms = 0, me = 0;
	/* The title's 《 follows a comma; a source may hold 《》 itself
	 * ("《祖国》杂志，《题名》"). */
	long open = -1;
	for (long k = find(&t, 0, head, "《"); k >= 0; k = find(&t, (size_t)k + 3, head, "《")) {
		size_t b = (size_t)k;
		while (b > 0 && t.s[b - 1] == ' ')
			b--;
		if ((b >= 3 && !memcmp(t.s + b - 3, "，", 3)) || (b >= 1 && t.s[b - 1] == ',')) {
			open = k;
			break;
		}
	}
	if (open < 0)
		open = find(&t, 0, head, "《");
	if (open >= 0) {
		/* The title runs to the last 》 before the date that a
		 * separator follows: a title may hold 《》 or a lone 》, a
		 * date label may end in 》. */
		long close = -1, last = -1;
		for (long k = find(&t, (size_t)open + 3, head, "》"); k >= 0;
		     k = find(&t, (size_t)k + 3, head, "》")) {
			/* ...the last one a separator or the end follows */
			size_t a = (size_t)k + 3;
			while (a < head && t.s[a] == ' ')
				a++;
			if (a >= head || strchr(",.;", t.s[a]) ||
			    (a + 3 <= head && (!memcmp(t.s + a, "，", 3) || !memcmp(t.s + a, "。", 3) ||
			                       !memcmp(t.s + a, "；", 3))))
				close = k;
			last = k;
		}
		if (close < 0)
			close = last;
		if (close < 0) {
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, t.at[open],
			            "reference %d: 《 without its 》; the title runs to the end of the item", pos);
			close = (long)head;
		}
		ss = 0, se = (size_t)open;
		ts = (size_t)open + 3, te = (size_t)close;
		ms = close + 3 <= (long)head ? (size_t)close + 3 : head, me = head;
	} else {
		/* No 《》: source, title, date separated by commas. */
		size_t k1 = 0;
		long c1 = find(&t, 0, head, "，");
		long c1a = find(&t, 0, head, ",");
		if (c1 < 0 || (c1a >= 0 && c1a < c1))
			c1 = c1a;
		ss = 0, se = c1 >= 0 ? (size_t)c1 : head;
		k1 = c1 < 0 ? head : (size_t)c1 + (t.s[c1] == ',' ? 1 : 3);
		long c2 = find(&t, k1, head, "，");
		long c2a = find(&t, k1, head, ",");
		if (c2 < 0 || (c2a >= 0 && c2a < c2))
			c2 = c2a;
		ts = k1, te = c2 >= 0 ? (size_t)c2 : head;
		ms = te, me = head;
		size_t a = ts, b = te;
		trim_punct(&t, &a, &b, true);
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, pat,
		            a < b ? "reference %d: no 《title》; the text after the first comma is taken as the title"
		                  : "reference %d: no 《title》 (write 来源，《题名》，日期)", pos);
	}
	trim_punct(&t, &ss, &se, true);
	size_t after;
	long sl = find_label(&t, ss, se, label(c, "source", "来源"), &after);
	if (sl == (long)ss)
		ss = after, trim(t.s, &ss, &se);
	if (ss < se)
		field(c, &first, "source", &t, ss, se);
	else
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, pat,
		            "reference %d: no source before the title (write 来源，《题名》)", pos);
	trim(t.s, &ts, &te);
	if (ts < te)
		field(c, &first, "title", &t, ts, te);
	trim_punct(&t, &ms, &me, true);
	if (ms < me) {
		char iso[11];
		size_t de;
		long ds = find_date(&t, ms, me, &de, iso);
		if (ds < 0) {
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, t.at[ms],
			            "reference %d: no date (2026-05-12 or 2026年5月12日) in '%.*s'; it is left out", pos,
			            (int)(me - ms), t.s + ms);
		} else {
			/* A label before the date: the default "日期：" says
			 * nothing, any other ("抓取于", "发布日期：") is
			 * date_label, with its colon if it has one. */
			size_t ls = ms, le = (size_t)ds;
			trim_punct(&t, &ls, &le, true);
			size_t ce = le;
			while (ce < (size_t)ds && t.s[ce] == ' ')
				ce++;
			if (ce < (size_t)ds && t.s[ce] == ':')
				le = ce + 1;
			else if (ce + 3 <= (size_t)ds && !memcmp(t.s + ce, "：", 3))
				le = ce + 3;
			else if (le > ls && le < (size_t)ds && isalnum((unsigned char)t.s[le - 1]))
				le++; /* "retrieved 2026-05-03": the space belongs to it */
			size_t a2;
			long dl = find_label(&t, ls, (size_t)ds, label(c, "date", "日期"), &a2);
			put(c, first ? "" : ",");
			first = false;
			key(c, "date", t.at[ds]);
			jstr(c, iso, NULL, strlen(iso), t.at[ds]);
			if (ls < le && !(dl == (long)ls && a2 >= le)) {
				put(c, ",");
				key(c, "date_label", t.at[ls]);
				jstr(c, t.s + ls, t.at + ls, le - ls, t.at[ls]);
			}
			size_t xs = de, xe = me;
			trim_punct(&t, &xs, &xe, true);
			if (xs < xe)
				nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, t.at[xs],
				            "reference %d: '%.*s' after the date is left out", pos, (int)(xe - xs),
				            t.s + xs);
		}
	}
	if (pl >= 0 && ps < pe)
		field(c, &first, "purpose", &t, ps, pe);
	if (u >= 0 && ue > us)
		field(c, &first, "url", &t, us, ue);
	put(c, "}");
}

/* Brackets a caption's own colon may sit in ("《题：副题》", "“AI+”：…"):
 * the CJK title, quotation and parenthesis marks of GB/T 15834 and ASCII
 * parentheses.  Each kind is counted apart, so an apostrophe ’ in
 * "China’s" closes nothing it did not open. */
static const int32_t brackets[][2] = {
	{ 0x300A, 0x300B }, { 0x3008, 0x3009 }, { 0x201C, 0x201D }, { 0x2018, 0x2019 },
	{ 0xFF08, 0xFF09 }, { 0x300C, 0x300D }, { 0x300E, 0x300F }, { 0x3010, 0x3011 },
	{ '(', ')' },
};
#define NBRACKETS (sizeof brackets / sizeof brackets[0])

/* Does a URL ("scheme://") start at s[i], after spaces and a '<'? */
static bool url_at(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '<')
		i++;
	if (i >= n || !isalpha((unsigned char)s[i]))
		return false;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return i + 3 <= n && !memcmp(s + i, "://", 3);
}

long nq_md_footer_sep(const char *s, size_t n, size_t *len, int *others)
{
	*others = 0;
	/* A URL payload: the colon right before it, whatever the caption
	 * holds ("《标题：副题》：https://…"). */
	for (size_t i = 0; i < n; i++) {
		size_t k;
		if (s[i] == ':' && !(i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'))
			k = i + 1;
		else if (i + 3 <= n && !memcmp(s + i, "\xEF\xBC\x9A", 3))
			k = i + 3;
		else
			continue;
		if (url_at(s, n, k)) {
			*len = k - i;
			return (long)i;
		}
	}
	/* Else the last colon outside brackets: a full-width one if there
	 * is any (an ASCII one may be the payload's: "WIFI:S:…;"). */
	int depth[NBRACKETS] = { 0 };
	long last[2] = { -1, -1 };
	int count[2] = { 0, 0 };
	for (size_t i = 0, j; i < n; i = j) {
		j = i;
		int32_t ch = nq_utf8_next(s, n, &j);
		bool inside = false;
		for (size_t b = 0; b < NBRACKETS; b++)
			inside = inside || depth[b] > 0;
		if (!inside && (ch == 0xFF1A || (ch == ':' && !(j + 1 < n && s[j] == '/' && s[j + 1] == '/')))) {
			int w = ch == ':';
			last[w] = (long)i;
			count[w]++;
		}
		for (size_t b = 0; b < NBRACKETS; b++) {
			if (ch == brackets[b][0])
				depth[b]++;
			else if (ch == brackets[b][1] && depth[b] > 0)
				depth[b]--;
		}
	}
	int w = last[0] >= 0 ? 0 : 1;
	if (last[w] < 0)
		return -1;
	*len = w ? 1 : 3;
	*others = count[w] - 1;
	return last[w];
}

/* One item of the 关注我们 list: caption：payload, split where
 * nq_md_footer_sep says. */
static void footer_code(mc *c, cmark_node *item, bool *firstcode)
{
	long at = node_off(c, item);
	cmark_node *p = cmark_node_first_child(item);
	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at, "empty item under the footer; write caption：payload");
		return;
	}
	seg t = block_text(c, p);
	size_t cs = 0, ce, ps, seplen;
	int others;
	long sep = nq_md_footer_sep(t.s, t.n, &seplen, &others);
	if (sep < 0) {
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, node_off(c, p),
		            "footer item without '：' between caption and payload; it is left out");
		return;
	}
	if (others)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, t.at[sep],
		            "footer item: %d more '%s' outside brackets could end the caption; it ends at the "
		            "last one, here (write the footer in the front matter to say otherwise)",
		            others, seplen == 3 ? "：" : ":");
	ce = (size_t)sep;
	ps = (size_t)sep + seplen;
	size_t pe = t.n;
	trim(t.s, &cs, &ce);
	trim(t.s, &ps, &pe);
	if (pe > ps + 1 && t.s[ps] == '<' && t.s[pe - 1] == '>')
		ps++, pe--;
	put(c, *firstcode ? "" : ",");
	*firstcode = false;
	made(c, at);
	put(c, "{");
	bool first = true;
	field(c, &first, "caption", &t, cs, ce);
	field(c, &first, "payload", &t, ps, pe);
	put(c, "}");
}

typedef struct bstate {
	part cur;
	bool seen[P_FOOTER + 1];
	size_t nparas;      /* in the current part */
	bool firstsec, firstref, firstcode, note;
	long footer_at;
} bstate;

static void close_part(mc *c, bstate *b)
{
	switch (b->cur) {
	case P_ABSTRACT:
		put(c, "]");
		break;
	case P_SECTION:
		put(c, "]}");
		break;
	case P_INSIGHT:
		put(c, "]}");
		break;
	case P_REFS:
		put(c, "]");
		break;
	case P_FOOTER:
		put(c, b->note ? "}" : "]}");
		break;
	default:
		break;
	}
}

static void body(mc *c, cmark_node *root)
{
	bstate b = { .cur = P_NONE, .firstsec = true, .firstref = true, .firstcode = true };
	bool sections_open = false, sections_closed = false;
	const char *l_abs = label(c, "abstract", "摘要"), *l_ins = label(c, "insight", "趋势洞察"),
	           *l_ref = label(c, "references", "参考资料"), *l_foot = label(c, "footer", "关注我们");
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		cmark_node_type ty = cmark_node_get_type(n);
		long at = node_off(c, n);
		if (ty == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1) {
			seg t = heading_text(c, n);
			if (c->has_title) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "a second title: the front matter has 'title' (use ## for a section)");
				continue;
			}
			c->has_title = true;
			/* written between parts: close none, just a member */
			if (b.cur != P_NONE) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "the # title must come before the first ## heading");
				continue;
			}
			member(c, "title", at);
			jstr(c, t.s, t.at, t.n, at);
			continue;
		}
		if (ty == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2) {
			seg t = heading_text(c, n);
			part np = seg_is(&t, l_abs) ? P_ABSTRACT : seg_is(&t, l_ins) ? P_INSIGHT
			        : seg_is(&t, l_ref) ? P_REFS : seg_is(&t, l_foot) ? P_FOOTER : P_SECTION;
			if (np != P_SECTION && b.seen[np]) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "a second '## %.*s'; each part comes once", (int)t.n, t.s);
				np = P_SECTION;
			}
			if (np == P_FOOTER && c->has_footer) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "'## %.*s' and a front-matter 'footer': keep one", (int)t.n, t.s);
				np = P_SECTION;
			}
			close_part(c, &b);
			if (np != P_SECTION && sections_open) {
				put(c, "]");
				sections_open = false;
				sections_closed = true;
			}
			b.seen[np] = true;
			b.cur = np;
			b.nparas = 0;
			switch (np) {
			case P_ABSTRACT:
				member(c, "abstract", at);
				put(c, "[");
				break;
			case P_INSIGHT:
				member(c, "insight", at);
				made(c, at);
				put(c, "{\"paragraphs\":[");
				break;
			case P_REFS:
				member(c, "references", at);
				put(c, "[");
				b.firstref = true;
				break;
			case P_FOOTER:
				member(c, "footer", at);
				made(c, at);
				put(c, "{\"codes\":[");
				b.firstcode = true;
				b.note = false;
				b.footer_at = at;
				break;
			default: {
				if (sections_closed) {
					nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
					            "section '%.*s' after the abstract/insight/references/footer parts; sections come together",
					            (int)t.n, t.s);
				}
				if (!sections_open && !sections_closed) {
					member(c, "sections", at);
					put(c, "[");
					sections_open = true;
				} else if (sections_open) {
					put(c, ",");
				} else {
					/* reported above; keep the JSON whole */
					member(c, "sections", at);
					put(c, "[");
					sections_open = true;
				}
				size_t skip = nq_md_numbering(t.s, t.n);
				if (skip == t.n && t.n)
					nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
					            "the heading '%.*s' is only numbering; nqpdf numbers sections itself, write the heading's text",
					            (int)t.n, t.s);
				if (skip == t.n)
					skip = 0;
				made(c, at);
				put(c, "{");
				key(c, "heading", at);
				jstr(c, t.s + skip, t.at + skip, t.n - skip, at);
				put(c, ",");
				key(c, "paragraphs", at);
				put(c, "[");
			}
			}
			continue;
		}
		if (ty == CMARK_NODE_HTML_BLOCK) {
			const char *lit = cmark_node_get_literal(n);
			if (lit && !strncmp(lit, "<!--", 4))
				continue; /* a comment: notes to colleagues, as $comment */
		}
		if (ty == CMARK_NODE_PARAGRAPH && c->src[at] == '|' &&
		    cmark_node_get_end_line(n) > cmark_node_get_start_line(n)) {
			/* A GFM table, which CommonMark reads as a paragraph. */
			long l2 = line_off(c, c->body_line0 + (size_t)cmark_node_get_start_line(n));
			while (l2 < (long)c->len && c->src[l2] == ' ')
				l2++;
			if (c->src[l2] == '|' && strspn(c->src + l2, "|-: ") >= 3) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "a table is not supported yet (see docs/markdown.md)");
				continue;
			}
		}
		if (ty == CMARK_NODE_PARAGRAPH) {
			if (b.cur == P_NONE) {
				nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
				            "text before the first ## heading; start with '## %s' or a section heading", l_abs);
				continue;
			}
			if (b.cur == P_REFS) {
				nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at,
				            "a paragraph under '## %s' is left out; references are a numbered list (1. …)", l_ref);
				continue;
			}
			if (b.cur == P_FOOTER) {
				if (b.note) {
					nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at,
					            "the footer has one note; this paragraph is left out");
					continue;
				}
				put(c, "],");
				key(c, "note", at);
				para_string(c, n);
				b.note = true;
				continue;
			}
			if (b.nparas++)
				put(c, ",");
			para_string(c, n);
			continue;
		}
		if (ty == CMARK_NODE_LIST && b.cur == P_REFS) {
			if (cmark_node_get_list_type(n) != CMARK_ORDERED_LIST)
				nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at,
				            "references are a numbered list (1. …); the numbers are read as written");
			int pos = (int)b.nparas;
			for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
				reference(c, it, ++pos, &b.firstref);
			b.nparas = (size_t)pos;
			continue;
		}
		if (ty == CMARK_NODE_LIST && b.cur == P_FOOTER && !b.note) {
			for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
				footer_code(c, it, &b.firstcode);
			continue;
		}
		if (ty == CMARK_NODE_HEADING)
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
			            "heading level %d: sub-headings are not supported yet; use ## for a section",
			            cmark_node_get_heading_level(n));
		else if (ty == CMARK_NODE_THEMATIC_BREAK)
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, NULL, at, "a thematic break (---) is left out");
		else
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, at,
			            "%s is not supported here yet (paragraphs only; lists are for references and the footer)",
			            node_name(n));
	}
	close_part(c, &b);
	if (sections_open)
		put(c, "]");
	(void)b.footer_at;
}

/* ------------------------------------------------------------------ api */

static long md_offset(const nq_md *m, long off);

bool nq_md_name(const char *path)
{
	size_t n = strlen(path);
	return (n > 3 && !strcmp(path + n - 3, ".md")) || (n > 9 && !strcmp(path + n - 9, ".markdown"));
}

long nq_md_offset(const nq_md *m, long off)
{
	if (off < 0 || !m->n)
		return off;
	long r = md_offset(m, off);
	return r < 0 ? 0 : r > (long)m->srclen ? (long)m->srclen : r;
}

static long md_offset(const nq_md *m, long off)
{
	size_t lo = 0, hi = m->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->v[mid].json <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (m->v[lo].json > off || !m->v[lo].lin)
		return m->v[lo].md;
	return m->v[lo].md + (off - m->v[lo].json);
}

bool nq_md_to_json(nq_arena *a, const char *src, size_t len, nq_diags *d, nq_md *out)
{
	*out = (nq_md){ .srclen = len };
	mc c = { .a = a, .d = d, .src = src, .len = len, .out = { .a = a }, .m = out,
	         .ycache = { (size_t)-1, 0, 0 } };
	int errors = d->errors;
	long bad = nq_utf8_check(src, len);
	if (bad >= 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, bad, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		            (unsigned char)src[bad]);
		return false;
	}
	if (memchr(src, 0, len)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, (long)((const char *)memchr(src, 0, len) - src),
		            "NUL byte inside a string");
		return false;
	}
	size_t cap = 0;
	long *ls = NULL;
	size_t nl = 0;
	long *p = NQ_PUSH(a, ls, nl, cap);
	*p = len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3) ? 3 : 0;
	/* Lines end in LF, CRLF or a lone CR, as for CommonMark and YAML. */
	for (size_t i = 0; i < len; i++)
		if (src[i] == '\n' || (src[i] == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) {
			p = NQ_PUSH(a, ls, nl, cap);
			*p = (long)i + 1;
		}
	c.lines = ls;
	c.nlines = nl;
	made(&c, 0);
	nq_buf_puts(&c.out, "{");
	/* The front matter: "---" alone on the first line, up to "---" or
	 * "..." alone on a line. */
	size_t body0 = 0;
	if (line_end(&c, 0) - line_off(&c, 0) == 3 && !memcmp(src + line_off(&c, 0), "---", 3)) {
		size_t l = 1;
		for (; l < nl; l++) {
			long s = line_off(&c, l), e = line_end(&c, l);
			while (e > s && (src[e - 1] == ' ' || src[e - 1] == '\t'))
				e--;
			if (e - s == 3 && (!memcmp(src + s, "---", 3) || !memcmp(src + s, "...", 3)))
				break;
		}
		if (l >= nl) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, line_off(&c, 0),
			            "the front matter has no closing '---' line");
			return false;
		}
		c.fm_line0 = 1;
		if (!front_matter(&c, line_off(&c, 1), line_off(&c, l)))
			return false;
		body0 = l + 1;
	}
	c.body_line0 = body0;
	long bs = line_off(&c, body0);
	cmark_node *root = cmark_parse_document(src + bs, len - (size_t)bs, CMARK_OPT_DEFAULT);
	if (!root)
		nq_oom();
	body(&c, root);
	cmark_node_free(root);
	cJSON_Delete(c.fm);
	put(&c, "}");
	out->json = nq_buf_cstr(&c.out);
	out->len = c.out.n;
	return d->errors == errors;
}
