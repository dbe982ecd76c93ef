/*
 * dump.c - the model as text (--dump=model), for golden tests: one line per
 * field, paragraphs with their spans shown as {b:...} for bold,
 * {cite N->ref} and {cites FIRST-LAST ""} for the numbers inside a range,
 * {url ...} for a bare web address.  Deterministic; no memory addresses.
 */
#include "model.h"
#include "util/util.h"

static void para(nq_buf *b, const char *indent, const nq_para *p)
{
	nq_buf_printf(b, "%spara %s:", indent, p->path);
	for (size_t k = 0; k < p->nspans; k++) {
		const nq_span *s = &p->spans[k];
		nq_buf_puts(b, " ");
		if (s->cite_last)
			nq_buf_printf(b, "{cites %d-%d ", s->cite_id, s->cite_last);
		else if (s->cite_id)
			nq_buf_printf(b, "{cite %d->[%d] ", s->cite_id, s->ref);
		else if (s->uri)
			nq_buf_puts(b, s->style ? "{url b " : "{url ");
		else if (s->style)
			nq_buf_puts(b, "{b ");
		nq_buf_printf(b, "\"%.*s\"", (int)(s->end - s->start), p->text + s->start);
		if (s->cite_id || s->style || s->uri)
			nq_buf_puts(b, "}");
	}
	nq_buf_puts(b, "\n");
}

static void paras(nq_buf *b, const char *indent, const nq_paras *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		para(b, indent, &ps->v[i]);
}

/* The masthead, back matter and options issue 11 added, each only when
 * given, so the dumps of issues without them stay as they were. */
static void briefing_parts(nq_buf *b, const nq_doc *doc)
{
	static const char *const refs[] = { "", "labelled", "plain", "gbt7714" };
	static const char *const folio[] = { "", "plain", "gbt9704" };
	static const char *const parts[] = { "abstract", "sections", "insight", "references", "footer" };
	if (doc->classification)
		nq_buf_printf(b, "classification \"%s\"\n", doc->classification);
	if (doc->issue_total)
		nq_buf_printf(b, "issue_total %d\n", doc->issue_total);
	for (size_t i = 0; i < doc->nproducer_lines; i++)
		nq_buf_printf(b, "producer_line \"%s\"\n", doc->producer_lines[i]);
	if (doc->editor_note.n) {
		nq_buf_printf(b, "editor_note \"%s\"\n", doc->labels.editor_note);
		paras(b, "  ", &doc->editor_note);
	}
	if (doc->has_distribution) {
		nq_buf_puts(b, "distribution\n");
		for (size_t i = 0; i < doc->nrecipients; i++) {
			nq_buf_printf(b, "  recipients \"%s\":", doc->recipients[i].label);
			for (size_t k = 0; k < doc->recipients[i].nnames; k++)
				nq_buf_printf(b, " \"%s\"", doc->recipients[i].names[k]);
			nq_buf_puts(b, "\n");
		}
		if (doc->copies)
			nq_buf_printf(b, "  copies %d\n", doc->copies);
	}
	if (doc->opt.reference_style)
		nq_buf_printf(b, "option reference_style %s\n", refs[doc->opt.reference_style]);
	if (doc->opt.page_numbers)
		nq_buf_printf(b, "option page_numbers %s\n", folio[doc->opt.page_numbers]);
	if (doc->opt.contents_parts) {
		nq_buf_puts(b, "option contents_parts");
		for (int i = 0; i < 5; i++)
			if (doc->opt.contents_parts & (1u << i))
				nq_buf_printf(b, " %s", parts[i]);
		nq_buf_puts(b, "\n");
	}
}

/* ------------------------------------------------- blocks, one per kind */

static void block_para(nq_buf *b, const nq_doc *doc, const nq_section *s, const nq_block *k)
{
	(void)doc;
	para(b, "  ", &s->paras.v[k->first]);
}

static void block_subheading(nq_buf *b, const nq_doc *doc, const nq_section *s, const nq_block *k)
{
	(void)doc;
	(void)s;
	nq_buf_printf(b, "  subheading %s \"%s%s\"\n", k->path, k->number, k->text);
}

static void block_list(nq_buf *b, const nq_doc *doc, const nq_section *s, const nq_block *k)
{
	(void)doc;
	nq_buf_printf(b, "  list %s %s items %zu\n", k->path, k->numbered ? "numbered" : "bulleted", k->n);
	for (size_t i = 0; i < k->n; i++)
		para(b, "    item ", &s->paras.v[k->first + i]);
}

static void block_table(nq_buf *b, const nq_doc *doc, const nq_section *s, const nq_block *k)
{
	(void)doc;
	nq_buf_printf(b, "  table %s columns %zu rows %zu", k->path, k->cols, k->cols ? k->n / k->cols : 0);
	if (k->text)
		nq_buf_printf(b, " caption \"%s\"", k->text);
	nq_buf_puts(b, "\n");
	for (size_t i = 0; i < k->n; i++)
		para(b, i < k->cols ? "    head " : "    cell ", &s->paras.v[k->first + i]);
}

static void block_figure(nq_buf *b, const nq_doc *doc, const nq_section *s, const nq_block *k)
{
	(void)s;
	nq_buf_printf(b, "  figure %s image \"%s\"", k->path, doc->images[k->image].name);
	if (k->text)
		nq_buf_printf(b, " caption \"%s\"", k->text);
	nq_buf_puts(b, "\n");
}

static void (*const block_dump[NQ_BLOCK__COUNT])(nq_buf *, const nq_doc *, const nq_section *,
                                                 const nq_block *) = {
	[NQ_BLOCK_PARA] = block_para,
	[NQ_BLOCK_SUBHEADING] = block_subheading,
	[NQ_BLOCK_LIST] = block_list,
	[NQ_BLOCK_TABLE] = block_table,
	[NQ_BLOCK_FIGURE] = block_figure,
};

static void blocks(nq_buf *b, const nq_doc *doc, const nq_section *s)
{
	for (size_t i = 0; i < s->nblocks; i++)
		block_dump[s->blocks[i].kind](b, doc, s, &s->blocks[i]);
}

void nq_model_dump(const nq_doc *doc, nq_buf *b)
{
	nq_buf_printf(b, "title \"%s\"\n", doc->title);
	if (doc->issue)
		nq_buf_printf(b, "issue \"%s\"\n", doc->issue);
	for (size_t i = 0; i < doc->norg; i++)
		nq_buf_printf(b, "organization \"%s\"\n", doc->org[i]);
	for (size_t i = 0; i < doc->nproducers; i++)
		nq_buf_printf(b, "producer \"%s\"\n", doc->producers[i]);
	if (doc->logo >= 0)
		nq_buf_printf(b, "logo \"%s\"\n", doc->images[doc->logo].name);
	nq_buf_printf(b, "date %04d-%02d-%02d \"%s\"\n", doc->year, doc->month, doc->day, doc->date);
	nq_buf_printf(b, "meta author \"%s\" subject \"%.60s\" keywords \"%s\"\n", doc->author,
	              doc->subject, doc->keywords ? doc->keywords : "");
	if (doc->abstract.n) {
		nq_buf_printf(b, "abstract \"%s\"\n", doc->labels.abstract);
		paras(b, "  ", &doc->abstract);
	}
	for (size_t i = 0; i < doc->nsections; i++) {
		const nq_section *s = &doc->sections[i];
		nq_buf_printf(b, "section %s \"%s%s\"\n", s->path, s->number, s->heading);
		blocks(b, doc, s);
	}
	if (doc->has_insight) {
		nq_buf_printf(b, "insight \"%s\"\n", doc->insight.heading);
		blocks(b, doc, &doc->insight);
	}
	if (doc->nrefs)
		nq_buf_printf(b, "references \"%s\"\n", doc->labels.references);
	for (size_t i = 0; i < doc->nrefs; i++) {
		const nq_ref *r = &doc->refs[i];
		nq_buf_printf(b, "  ref [%d] cited %d source \"%s\" title \"%s\"", r->id, r->cited,
		              r->source, r->title);
		if (r->date)
			nq_buf_printf(b, " date %s", r->date);
		if (r->date_label)
			nq_buf_printf(b, " date_label \"%s\"", r->date_label);
		if (r->purpose)
			nq_buf_printf(b, " purpose \"%s\"", r->purpose);
		if (r->url)
			nq_buf_printf(b, " url %s", r->url);
		if (r->uncited)
			nq_buf_puts(b, " uncited");
		nq_buf_puts(b, "\n");
	}
	if (doc->has_footer) {
		nq_buf_printf(b, "footer \"%s\"\n", doc->footer_heading);
		for (size_t i = 0; i < doc->ncodes; i++)
			if (doc->codes[i].image >= 0)
				nq_buf_printf(b, "  qr \"%s\" image \"%s\"\n", doc->codes[i].caption,
				              doc->images[doc->codes[i].image].name);
			else
				nq_buf_printf(b, "  qr \"%s\" payload \"%s\"\n", doc->codes[i].caption,
				              doc->codes[i].payload);
		if (doc->footer_note)
			nq_buf_printf(b, "  note \"%s\"\n", doc->footer_note);
	}
	briefing_parts(b, doc);
}
