/*
 * dump.c - the model as text (--dump=model), for golden tests: one line per
 * field, paragraphs with their spans shown as {b:...} for bold,
 * {cite N->ref} and {cites FIRST-LAST ""} for the numbers inside a range.  Deterministic; no addresses.
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
		else if (s->style)
			nq_buf_puts(b, "{b ");
		nq_buf_printf(b, "\"%.*s\"", (int)(s->end - s->start), p->text + s->start);
		if (s->cite_id || s->style)
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

void nq_model_dump(const nq_doc *doc, nq_buf *b)
{
	nq_buf_printf(b, "title \"%s\"\n", doc->title);
	if (doc->issue)
		nq_buf_printf(b, "issue \"%s\"\n", doc->issue);
	for (size_t i = 0; i < doc->norg; i++)
		nq_buf_printf(b, "organization \"%s\"\n", doc->org[i]);
	for (size_t i = 0; i < doc->nproducers; i++)
		nq_buf_printf(b, "producer \"%s\"\n", doc->producers[i]);
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
		paras(b, "  ", &s->paras);
	}
	if (doc->has_insight) {
		nq_buf_printf(b, "insight \"%s\"\n", doc->insight.heading);
		paras(b, "  ", &doc->insight.paras);
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
			nq_buf_printf(b, "  qr \"%s\" payload \"%s\"\n", doc->codes[i].caption,
			              doc->codes[i].payload);
		if (doc->footer_note)
			nq_buf_printf(b, "  note \"%s\"\n", doc->footer_note);
	}
	briefing_parts(b, doc);
}
