/*
 * emit.c - a JSON issue in, the same issue in Markdown out (nqpdf convert).
 *
 * Takes JSON text the model has accepted; makes the dialect md.c reads
 * (docs/markdown.md): the top-level keys that are not body parts as YAML
 * front matter, written by libyaml's emitter, then `## ` parts.  Reading
 * the result back gives an equal model (tests/md.sh checks every example).
 * Where the dialect has no place for something, the nearest equal thing
 * is written: a heading of the insight or footer that is not the label
 * becomes that label's override in the front matter, which sets the same
 * heading.  Leaves the reading to md.c.
 */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <yaml.h>

#include "json/json.h"
#include "md.h"
#include "util/util.h"

static int out_fn(void *data, unsigned char *s, size_t n)
{
	nq_buf_put(data, s, n);
	return 1;
}

/* Would md.c's plain-scalar resolution read s as something else than text? */
static bool needs_quotes(const char *s)
{
	if (!*s || !strcmp(s, "~"))
		return true;
	static const char *const words[] = { "null", "Null", "NULL", "true", "True", "TRUE",
		                             "false", "False", "FALSE", NULL };
	for (int i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return true;
	const char *d = s + (*s == '-' || *s == '+');
	char *end;
	strtod(s, &end);
	return *d && !*end && strspn(d, "0123456789.eE+-") == strlen(d) && strchr("0123456789.", *d);
}

static bool scalar(yaml_emitter_t *e, const char *s, bool text)
{
	yaml_event_t ev;
	yaml_scalar_style_t st = text && needs_quotes(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
	                                                 : YAML_ANY_SCALAR_STYLE;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), !text || st == YAML_ANY_SCALAR_STYLE, 1, st);
	return yaml_emitter_emit(e, &ev);
}

static bool node(nq_arena *a, yaml_emitter_t *e, const cJSON *v)
{
	yaml_event_t ev;
	if (cJSON_IsObject(v)) {
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		if (!yaml_emitter_emit(e, &ev))
			return false;
		for (const cJSON *m = v->child; m; m = m->next)
			if (!scalar(e, m->string, true) || !node(a, e, m))
				return false;
		yaml_mapping_end_event_initialize(&ev);
		return yaml_emitter_emit(e, &ev);
	}
	if (cJSON_IsArray(v)) {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		if (!yaml_emitter_emit(e, &ev))
			return false;
		for (const cJSON *m = v->child; m; m = m->next)
			if (!node(a, e, m))
				return false;
		yaml_sequence_end_event_initialize(&ev);
		return yaml_emitter_emit(e, &ev);
	}
	if (cJSON_IsString(v))
		return scalar(e, v->valuestring, true);
	if (cJSON_IsBool(v))
		return scalar(e, cJSON_IsTrue(v) ? "true" : "false", false);
	if (cJSON_IsNull(v))
		return scalar(e, "null", false);
	double x = v->valuedouble;
	char num[40];
	if (x == (double)(long long)x && x > -1e15 && x < 1e15)
		snprintf(num, sizeof num, "%lld", (long long)x);
	else
		snprintf(num, sizeof num, "%.15g", x);
	return scalar(e, num, false);
}

/* The section number as typeset (model.c's han_number): 一、 … 九十九、. */
static const char *han_number(nq_arena *a, int n)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n < 10)
		return nq_sprintf(a, "%s、", d[n]);
	if (n < 20)
		return nq_sprintf(a, "十%s、", d[n % 10]);
	return nq_sprintf(a, "%s十%s、", d[n / 10 % 10], d[n % 10]);
}

/* Text inside a line: a backslash before ASCII punctuation is doubled
 * (md.c reads one as CommonMark's escape), a line break becomes a space. */
static void esc(nq_buf *b, const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1] && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", p[1]))
			nq_buf_puts(b, "\\");
		if (*p == '\n' || *p == '\r') {
			nq_buf_puts(b, " ");
			continue;
		}
		nq_buf_put(b, p, 1);
	}
}

/* A paragraph's text, safe from being read as another block: a first
 * character that would start a heading, quote, list, HTML or link
 * definition gets CommonMark's backslash, as does every backslash before
 * punctuation (md.c drops one). */
static void text(nq_buf *b, const char *s)
{
	const char *p = s;
	size_t lead = strspn(s, "0123456789");
	if (*s == '#' || *s == '>' || *s == '<' || *s == '|' || *s == '=' ||
	    ((*s == '-' || *s == '+' || *s == '*' || *s == '_') &&
	     (s[1] == ' ' || s[1] == '\t' || !s[1] || strspn(s, "*-_ \t") == strlen(s))) ||
	    (*s == '[' && strstr(s, "]:"))) {
		nq_buf_puts(b, "\\");
	} else if (lead && lead <= 9 && (s[lead] == '.' || s[lead] == ')') &&
	           (s[lead + 1] == ' ' || !s[lead + 1])) {
		nq_buf_put(b, s, lead);
		nq_buf_puts(b, "\\");
		p = s + lead;
	}
	esc(b, p);
}

static void paras(nq_buf *b, const cJSON *v)
{
	if (cJSON_IsString(v)) {
		text(b, v->valuestring);
		nq_buf_puts(b, "\n\n");
		return;
	}
	for (const cJSON *p = v ? v->child : NULL; p; p = p->next)
		if (cJSON_IsString(p)) {
			text(b, p->valuestring);
			nq_buf_puts(b, "\n\n");
		}
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The first QR code of a footer the model accepted (or none). */
static const cJSON *codes_of(const cJSON *footer)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(footer, "codes");
	return cJSON_IsArray(v) ? v->child : NULL;
}

static const char *label(const cJSON *root, const char *k, const char *dflt)
{
	const char *s = str(cJSON_GetObjectItemCaseSensitive(root, "labels"), k);
	return s && *s ? s : dflt;
}

/* A heading the dialect cannot say as a part's own: the label override
 * does the same (nq_labels: used only when the part has no heading). */
static void own_heading(cJSON *root, const char *part, const char *lab, const char *dflt)
{
	cJSON *p = cJSON_GetObjectItemCaseSensitive(root, part);
	const char *h = str(p, "heading");
	if (!h)
		return;
	if (strcmp(h, label(root, lab, dflt))) {
		cJSON *labels = cJSON_GetObjectItemCaseSensitive(root, "labels");
		if (!labels) {
			labels = cJSON_CreateObject();
			cJSON_AddItemToObject(root, "labels", labels);
		}
		cJSON_DeleteItemFromObjectCaseSensitive(labels, lab);
		cJSON_AddStringToObject(labels, lab, h);
	}
	cJSON_DeleteItemFromObjectCaseSensitive(p, "heading");
}

bool nq_md_from_json(nq_arena *a, const char *src, size_t len, nq_diags *d, const char **out,
                     size_t *outlen)
{
	/* json/'s reader, not cJSON's, for the places of the blocks below
	 * (the text was read by it before, so it parses). */
	nq_json j;
	if (!nq_json_parse(a, src, len, d, &j))
		return false;
	cJSON *root = j.root;
	j.root = NULL;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, -1, "JSON could not be parsed here");
		return false;
	}
	/* Blocks (sub-headings, lists, tables, figures) have no Markdown
	 * form yet: refuse rather than drop them from the .md, at the
	 * block's kind key, with the exit code of a valid issue the output
	 * form cannot hold (docs/cli.md). */
	bool blocks = false;
	const cJSON *secs0 = cJSON_GetObjectItemCaseSensitive(root, "sections");
	const cJSON *ins0 = cJSON_GetObjectItemCaseSensitive(root, "insight");
	size_t si = 0;
	for (const cJSON *s = secs0 ? secs0->child : NULL; ; s = s->next, si++) {
		bool insight = !s;
		if (insight)
			s = ins0;
		const cJSON *ps = cJSON_GetObjectItemCaseSensitive(s, "paragraphs");
		size_t pi = 0;
		for (const cJSON *p = cJSON_IsArray(ps) ? ps->child : NULL; p; p = p->next, pi++)
			if (cJSON_IsObject(p)) {
				long at = nq_json_offset(&j, p);
				for (const cJSON *m = p->child; m; m = m->next)
					if (!strcmp(m->string, "subheading") || !strcmp(m->string, "list") ||
					    !strcmp(m->string, "table") || !strcmp(m->string, "figure")) {
						at = nq_json_key_offset(&j, m);
						break;
					}
				nq_diag_add(d, NQ_ERROR, NQ_DC_UNSUPPORTED,
				            insight ? nq_sprintf(a, "/insight/paragraphs/%zu", pi)
				                    : nq_sprintf(a, "/sections/%zu/paragraphs/%zu", si, pi),
				            at, "a block (sub-heading, list, table or figure) has no Markdown form yet; "
				                "convert would lose it");
				blocks = true;
			}
		if (insight)
			break;
	}
	if (blocks) {
		cJSON_Delete(root);
		return false;
	}
	own_heading(root, "insight", "insight", "趋势洞察");
	const cJSON *footer = cJSON_GetObjectItemCaseSensitive(root, "footer");
	bool footer_body = cJSON_IsObject(footer);
	if (footer_body)
		own_heading(root, "footer", "footer", "关注我们");
	/* A footer the list form cannot hold (an item md.c would split
	 * elsewhere, or with doubt) stays in the front matter. */
	for (const cJSON *cd = footer_body ? codes_of(footer) : NULL;
	     cd; cd = cd->next) {
		const char *cap = str(cd, "caption"), *pay = str(cd, "payload");
		if (!cap || !pay || strchr(cap, '\n') || strchr(pay, '\n')) {
			footer_body = false;
			continue;
		}
		const char *item = nq_sprintf(a, "%s：%s", cap, pay);
		size_t seplen;
		int others;
		if (nq_md_footer_sep(item, strlen(item), &seplen, &others) != (long)strlen(cap) || others)
			footer_body = false;
	}

	nq_buf b = { .a = a };
	yaml_emitter_t e;
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, out_fn, &b);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_event_t ev;
	bool ok = true;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	ok = ok && yaml_emitter_emit(&e, &ev);
	for (const cJSON *m = root->child; ok && m; m = m->next) {
		const char *k = m->string;
		if (!strcmp(k, "$schema") || !strcmp(k, "abstract") || !strcmp(k, "sections") ||
		    !strcmp(k, "insight") || !strcmp(k, "references") || (!strcmp(k, "footer") && footer_body))
			continue;
		ok = scalar(&e, k, true) && node(a, &e, m);
	}
	yaml_mapping_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_emitter_delete(&e);
	if (!ok) {
		cJSON_Delete(root);
		nq_diag_add(d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "YAML front matter could not be written");
		return false;
	}
	/* libyaml writes "---"-less documents ending in "..."; the dialect
	 * wants the front matter between two "---" lines. */
	const char *y = nq_buf_cstr(&b);
	size_t yn = b.n;
	if (yn >= 4 && !strcmp(y + yn - 4, "...\n"))
		yn -= 4;
	if (yn >= 4 && (!strncmp(y, "--- ", 4) || !strncmp(y, "---\n", 4)))
		y += 4, yn -= 4;
	nq_buf o = { .a = a };
	nq_buf_puts(&o, "---\n");
	nq_buf_put(&o, y, yn);
	nq_buf_puts(&o, "---\n\n");

	const cJSON *abs = cJSON_GetObjectItemCaseSensitive(root, "abstract");
	if (abs) {
		nq_buf_printf(&o, "## %s\n\n", label(root, "abstract", "摘要"));
		paras(&o, abs);
	}
	const cJSON *secs = cJSON_GetObjectItemCaseSensitive(root, "sections");
	int num = 0;
	for (const cJSON *s = secs ? secs->child : NULL; s; s = s->next) {
		/* The number nqpdf prints, as editors write it: md.c drops
		 * it again, so a heading that itself starts with numbering
		 * or is a label ("摘要") stays a section's heading. */
		const char *h = str(s, "heading") ? str(s, "heading") : "";
		/* a space keeps a leading ideographic space the heading's own */
		nq_buf_printf(&o, "## %s%s", han_number(a, ++num),
		              !strncmp(h, "\xE3\x80\x80", 3) ? " " : "");
		size_t hn = strlen(h);
		text(&o, h);
		if (hn && h[hn - 1] == '#') { /* not a closing sequence */
			o.n--;
			nq_buf_puts(&o, "\\#");
		}
		nq_buf_puts(&o, "\n\n");
		paras(&o, cJSON_GetObjectItemCaseSensitive(s, "paragraphs"));
	}
	const cJSON *ins = cJSON_GetObjectItemCaseSensitive(root, "insight");
	if (ins) {
		nq_buf_printf(&o, "## %s\n\n", label(root, "insight", "趋势洞察"));
		paras(&o, cJSON_GetObjectItemCaseSensitive(ins, "paragraphs"));
	}
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(root, "references");
	if (refs && refs->child) {
		nq_buf_printf(&o, "## %s\n\n", label(root, "references", "参考资料"));
		int pos = 0;
		for (const cJSON *r = refs->child; r; r = r->next) {
			pos++;
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "id");
			nq_buf_printf(&o, "%d. ", cJSON_IsNumber(id) ? id->valueint : pos);
			text(&o, str(r, "source") ? str(r, "source") : "");
			nq_buf_puts(&o, "，《");
			esc(&o, str(r, "title") ? str(r, "title") : "");
			nq_buf_puts(&o, "》");
			if (str(r, "date")) {
				nq_buf_puts(&o, "，");
				esc(&o, str(r, "date_label") ? str(r, "date_label") : "");
				nq_buf_puts(&o, str(r, "date"));
			}
			nq_buf_puts(&o, "。");
			if (str(r, "purpose")) {
				nq_buf_printf(&o, "%s：", label(root, "purpose", "用途"));
				esc(&o, str(r, "purpose"));
				nq_buf_puts(&o, "。");
			}
			if (str(r, "url")) {
				nq_buf_printf(&o, "%s：<", label(root, "link", "链接"));
				esc(&o, str(r, "url"));
				nq_buf_puts(&o, ">");
			}
			if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "cited")))
				nq_buf_puts(&o, "（不引用）");
			nq_buf_puts(&o, "\n");
		}
		nq_buf_puts(&o, "\n");
	}
	if (footer_body) {
		nq_buf_printf(&o, "## %s\n\n", label(root, "footer", "关注我们"));
		for (const cJSON *cd = codes_of(footer); cd; cd = cd->next) {
			nq_buf_puts(&o, "- ");
			esc(&o, str(cd, "caption"));
			nq_buf_puts(&o, "：");
			esc(&o, str(cd, "payload"));
			nq_buf_puts(&o, "\n");
		}
		nq_buf_puts(&o, "\n");
		if (str(footer, "note")) {
			text(&o, str(footer, "note"));
			nq_buf_puts(&o, "\n");
		}
	}
	while (o.n > 1 && o.p[o.n - 1] == '\n' && o.p[o.n - 2] == '\n')
		o.n--;
	cJSON_Delete(root);
	*out = nq_buf_cstr(&o);
	*outlen = o.n;
	return true;
}
