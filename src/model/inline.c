/*
 * inline.c - the little inline language of paragraphs.
 *
 * Editors already write citations as [1], [1][3], [2,5]; we keep that text
 * as printed and mark each number's stretch as a link to its reference.
 * [2-4] expands to 2, 3, 4 for the purpose of "cited".  "**" toggles bold.
 * A bare http:// or https:// address becomes a link span, set and broken
 * as a URL (bare_url_len).  Anything else in square brackets is plain text.  The output is the text
 * with markup removed and spans covering it, so the line breaker sees one
 * continuous paragraph whatever the styles (ctex-kit #287, typst #5474).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "inline.h"
#include "util/util.h"

/* Citation numbers have at most four digits (citation_len). */
#define NQ_MAX_ID 9999

static nq_span *span(nq_arena *a, nq_para *p, uint32_t start, uint8_t style)
{
	if (p->nspans && p->spans[p->nspans - 1].end == start &&
	    p->spans[p->nspans - 1].start == start && !p->spans[p->nspans - 1].cite_id) {
		nq_span *s = &p->spans[p->nspans - 1];
		s->style = style;
		return s;
	}
	nq_span *s = NQ_PUSH(a, p->spans, p->nspans, p->caps);
	s->start = s->end = start;
	s->style = style;
	s->ref = -1;
	return s;
}

/* Length of a citation at s ("[" digits ([,-] digits)* "]"), or 0. */
static size_t citation_len(const char *s)
{
	if (*s != '[')
		return 0;
	size_t i = 1;
	for (;;) {
		size_t d = i;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d || i - d > 4)
			return 0;
		if (s[i] == ']')
			return i + 1;
		if (s[i] != ',' && s[i] != '-')
			return 0;
		i++;
		while (s[i] == ' ')
			i++;
	}
}

/* Length of a bare web address at s, or 0: "http://" or "https://" (any
 * case), a host, then anything up to a character RFC 3986 §2 does not
 * allow (space, control, < > " ` { } | \ ^, any non-ASCII byte, so the
 * Chinese text around it ends it: 详见https://a.cn/x.html），…), a
 * citation ([1] after an address is a citation, as everywhere) or "**".
 * As GitHub's autolinks do (GFM spec, "Autolinks (extension)"), trailing
 * . , : ; ! ? ' * end a sentence, not the address, and so does a ")" that
 * closes nothing inside it. */
#define MAX_BARE_URL 2048 /* bytes, as a reference's url (model.c, MAX_URL) */

static size_t bare_url_len(const char *s, size_t *text)
{
	size_t i;
	if (!strncasecmp(s, "https://", 8))
		i = 8;
	else if (!strncasecmp(s, "http://", 7))
		i = 7;
	else
		return 0;
	size_t host = i;
	while (s[i] > ' ' && (unsigned char)s[i] < 0x7f && !strchr("<>\"`{}|\\^", s[i]) &&
	       !citation_len(s + i) && !(s[i] == '*' && s[i + 1] == '*'))
		i++;
	for (;;) {
		while (i > host && strchr(".,:;!?'*", s[i - 1]))
			i--;
		if (i > host && s[i - 1] == ')') {
			int open = 0;
			for (size_t k = host; k < i; k++)
				open += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
			if (open < 0) {
				i--;
				continue;
			}
		}
		break;
	}
	/* A host: a letter or digit first ("https://" alone, "http://）" are text). */
	if (i == host || !isalnum((unsigned char)s[host]))
		return 0;
	if (i > MAX_BARE_URL) {
		/* Longer: set as text, all of it; an "http://" inside it
		 * ("/web/2020/http://…") starts no link to a piece of it. */
		*text = i;
		return 0;
	}
	return i;
}

/* bare_url_len at s[i], where an address may start: not inside a word
 * ("xhttps://" is text). */
static size_t url_at(const char *s, size_t i, size_t *text)
{
	*text = 0;
	return i == 0 || !isalnum((unsigned char)s[i - 1]) ? bare_url_len(s + i, text) : 0;
}

bool nq_inline_parse(nq_arena *a, nq_diags *d, const cJSON *v, const char *s, nq_para *p,
                     const nq_json *j, const char *src)
{
	uint8_t style = NQ_STYLE_REGULAR;
	size_t n = strlen(s);
	/* The text out is the text in less its markup: sized once, so the
	 * arena keeps no outgrown copies (1.1 MB of a 200-page issue). */
	nq_buf out = { .a = a, .p = nq_alloc(a, n + 1), .cap = n + 1 };
	span(a, p, 0, style);
	long bold_at = -1;
	nq_strpos walk = { 0 };
	for (size_t i = 0; i < n;) {
		if (s[i] == '*' && s[i + 1] == '*') {
			style ^= NQ_STYLE_BOLD;
			bold_at = style ? (long)i : -1;
			span(a, p, (uint32_t)out.n, style);
			i += 2;
			continue;
		}
		size_t cl = citation_len(s + i);
		if (cl) {
			/* One link span per number: "[2" and ",5]" in [2,5]. */
			size_t k = i;
			int from = NQ_MAX_ID; /* the number before a '-' */
			while (k < i + cl) {
				size_t st = k;
				k++; /* '[' or ',' or '-' */
				while (s[k] == ' ')
					k++;
				int id = 0;
				while (s[k] >= '0' && s[k] <= '9')
					id = id * 10 + (s[k++] - '0');
				if (s[k] == ']')
					k++;
				nq_span *sp = span(a, p, (uint32_t)out.n, style);
				sp->cite_id = id;
				sp->offset = nq_model_string_offset(j, src, v, st + 1, &walk);
				nq_buf_put(&out, s + st, k - st);
				sp->end = (uint32_t)out.n;
				/* A range [2-5] cites 3 and 4 too: one
				 * zero-width mark for them all (a span per
				 * inner number made three million spans for
				 * 32,000 "[1-9999]"; stopping after 100
				 * numbers left [1-150] citing 101 to 149
				 * "never"). */
				if (s[st] == '-' && from + 1 < id) {
					nq_span *z = span(a, p, (uint32_t)out.n, style);
					z->cite_id = from + 1;
					z->cite_last = id - 1;
					z->offset = sp->offset;
				}
				from = id;
			}
			span(a, p, (uint32_t)out.n, style);
			i += cl;
			continue;
		}
		size_t tl, ul = url_at(s, i, &tl);
		if (tl) {
			/* No "**" or citation starts inside it (bare_url_len stops there). */
			nq_buf_put(&out, s + i, tl);
			p->spans[p->nspans - 1].end = (uint32_t)out.n;
			i += tl;
			continue;
		}
		if (ul) {
			nq_span *sp = span(a, p, (uint32_t)out.n, style);
			sp->uri = nq_sprintf(a, "%.*s", (int)ul, s + i);
			sp->offset = nq_model_string_offset(j, src, v, i, &walk);
			nq_buf_put(&out, s + i, ul);
			sp->end = (uint32_t)out.n;
			span(a, p, (uint32_t)out.n, style);
			i += ul;
			continue;
		}
		nq_buf_put(&out, s + i, 1);
		p->spans[p->nspans - 1].end = (uint32_t)out.n;
		i++;
	}
	if (bold_at >= 0)
		nq_diag_add(d, NQ_WARNING, NQ_DC_INPUT, p->path, nq_model_string_offset(j, src, v, (size_t)bold_at, NULL),
		            "\"**\" opens bold text that is never closed");
	/* Drop empty spans but keep zero-width citation markers. */
	size_t w = 0;
	for (size_t r = 0; r < p->nspans; r++)
		if (p->spans[r].end > p->spans[r].start || p->spans[r].cite_id)
			p->spans[w++] = p->spans[r];
	p->nspans = w;
	p->text = nq_buf_cstr(&out);
	p->len = out.n;
	if (nq_model_blank(p->text, p->len)) { /* "**　**" */
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, p->path, p->offset, "paragraph has no text");
		return false;
	}
	return true;
}

/* Citations and bare web addresses set as links, in the whole issue.  Each is a link annotation
 * and a structure element in the PDF, about 6 KB of libharu's objects
 * (massif: 10,000 citations peaked at 110 MB, 123,000 at 1.2 GB); a real
 * issue has a few dozen, a 250-page one at eight a page 2,000
 * (docs/limits.md). */
#define MAX_CITATIONS 5000

/* Reference ids and citation numbers are 1 to 9999 (model.c's ref_id, four
 * digits in citation_len), so tables by id find a reference at once: a loop
 * over the references for every citation took minutes for a paragraph of
 * 32,000 "[1-9999]" and 999 references.  A missing id is reported at its
 * first citation only; `unreported` finds, in a range, the next missing id
 * not yet reported (a union-find with path halving over the ids), so every
 * range costs about one step however wide, and each id is reported once:
 * at most 9,999 errors in all. */
typedef struct tables {
	const int *by_id;  /* index into doc->refs, or -1 */
	int links;         /* citations and addresses found so far that are links */
	int urls;          /* of them addresses: the message names both kinds */
	int *cites;        /* citations of each id by number */
	int *range;        /* range marks: +1 at the first id, -1 after the last */
	int *next;         /* next id >= this one still to report, if missing */
} tables;

static int unreported(int *next, int id)
{
	while (next[id] != id) {
		next[id] = next[next[id]];
		id = next[id];
	}
	return id;
}

static void missing(nq_diags *d, const nq_doc *doc, const nq_para *p, long offset, int id)
{
	if (doc->nrefs)
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, p->path, offset,
		            "citation [%d] has no reference with id %d (references: %d of them)", id, id,
		            (int)doc->nrefs);
	else
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, p->path, offset,
		            "citation [%d] but the issue has no \"references\"", id);
}

/* Count one more link, an address (url) or a citation, and report the
 * one past MAX_CITATIONS; the message names addresses once any counted. */
static void count_link(nq_diags *d, tables *t, bool url, const char *path, long offset)
{
	t->urls += url;
	if (++t->links != MAX_CITATIONS + 1)
		return;
	if (t->urls)
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, path, offset,
		            "more than %d links in the issue, citations and web addresses together "
		            "(each is a link in the PDF)",
		            MAX_CITATIONS);
	else
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, path, offset,
		            "more than %d citations in the issue (each is a link in the PDF)", MAX_CITATIONS);
}

static void resolve_paras(nq_diags *d, nq_doc *doc, nq_paras *ps, tables *t)
{
	for (size_t i = 0; i < ps->n; i++) {
		nq_para *p = &ps->v[i];
		for (size_t k = 0; k < p->nspans; k++) {
			nq_span *s = &p->spans[k];
			if (s->uri)
				count_link(d, t, true, p->path, s->offset);
			if (!s->cite_id)
				continue;
			if (s->cite_last) {
				/* The inner numbers of a range: cited, and each
				 * missing one reported here if not before. */
				t->range[s->cite_id]++;
				t->range[s->cite_last + 1]--;
				for (int id = unreported(t->next, s->cite_id); id <= s->cite_last;
				     id = unreported(t->next, id + 1)) {
					missing(d, doc, p, s->offset, id);
					t->next[id] = id + 1;
				}
				continue;
			}
			s->ref = s->cite_id <= NQ_MAX_ID ? t->by_id[s->cite_id] : -1;
			if (s->ref >= 0) {
				t->cites[s->cite_id]++;
				count_link(d, t, false, p->path, s->offset);
			} else if (s->cite_id > NQ_MAX_ID || unreported(t->next, s->cite_id) == s->cite_id) {
				missing(d, doc, p, s->offset, s->cite_id);
				if (s->cite_id <= NQ_MAX_ID)
					t->next[s->cite_id] = s->cite_id + 1;
			}
		}
	}
}

void nq_inline_resolve(nq_diags *d, nq_doc *doc)
{
	/* by_id: the last reference with each id (duplicates are reported
	 * by the model); the citations of each id are given to every
	 * reference with that id, as the uncited warning expects. */
	int *by_id = nq_alloc(d->arena, sizeof *by_id * (NQ_MAX_ID + 2));
	tables t = {
		.by_id = by_id,
		.cites = nq_alloc(d->arena, sizeof(int) * (NQ_MAX_ID + 2)),
		.range = nq_alloc(d->arena, sizeof(int) * (NQ_MAX_ID + 2)),
		.next = nq_alloc(d->arena, sizeof(int) * (NQ_MAX_ID + 2)),
	};
	for (int id = 0; id <= NQ_MAX_ID + 1; id++) {
		by_id[id] = -1;
		t.cites[id] = t.range[id] = 0;
	}
	for (size_t r = 0; r < doc->nrefs; r++)
		if (doc->refs[r].id >= 1 && doc->refs[r].id <= NQ_MAX_ID)
			by_id[doc->refs[r].id] = (int)r;
	/* A present id is never reported: it points past itself.  The
	 * sentinel NQ_MAX_ID + 1 ends every search. */
	for (int id = 0; id <= NQ_MAX_ID + 1; id++)
		t.next[id] = id <= NQ_MAX_ID && by_id[id] >= 0 ? id + 1 : id;
	resolve_paras(d, doc, &doc->editor_note, &t);
	resolve_paras(d, doc, &doc->abstract, &t);
	for (size_t i = 0; i < doc->nsections; i++)
		resolve_paras(d, doc, &doc->sections[i].paras, &t);
	if (doc->has_insight)
		resolve_paras(d, doc, &doc->insight.paras, &t);
	/* A reference's purpose is plain text (no citations, no bold), but
	 * a web address in it is set and linked as one, like a paragraph's
	 * (real-text trial 3's review: one letter-spaced its line by 0.69
	 * em); its first four, which is more than a purpose has.  GB/T 7714
	 * leaves the purpose out: no link there to count. */
	for (size_t r = 0; r < doc->nrefs && doc->opt.reference_style != NQ_REFS_GBT7714; r++) {
		nq_ref *ref = &doc->refs[r];
		const char *s = ref->purpose;
		for (size_t i = 0; s && s[i] && ref->npurl < 4;) {
			size_t tl, ul = url_at(s, i, &tl);
			if (ul) {
				ref->purl[ref->npurl][0] = (uint32_t)i;
				ref->purl[ref->npurl][1] = (uint32_t)(i + ul);
				ref->npurl++;
				count_link(d, &t, true, ref->path, ref->offset);
			}
			i += ul ? ul : tl ? tl : 1;
		}
	}
	int inside = 0;
	for (int id = 1; id <= NQ_MAX_ID; id++) {
		inside += t.range[id];
		t.cites[id] += inside;
	}
	for (size_t r = 0; r < doc->nrefs; r++)
		if (doc->refs[r].id >= 1 && doc->refs[r].id <= NQ_MAX_ID)
			doc->refs[r].cited += t.cites[doc->refs[r].id];
}
