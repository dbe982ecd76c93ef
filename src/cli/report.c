/*
 * report.c - --report: after a render, the typographic self-check the
 * library measured (nq_stats) as a small table on stderr, in the reader's
 * language, with a one-line verdict.  Takes the counts; makes text only.
 * Labels are padded by terminal columns, not bytes, so Chinese ones line up.
 */
#include <string.h>

#include "cli.h"
#include "util/msg.h"

void nq_cli_report(const nq_cli *c, const char *in, const nq_stats *st, FILE *err)
{
	nq_cli_note(c, err, "typographic report for %s", in);
	const struct {
		const char *label;
		int value;
	} rows[] = {
		{ nq_msg_tr(c->lang, "pages"), st->pages },
		{ nq_msg_tr(c->lang, "paragraphs"), st->paragraphs },
		{ nq_msg_tr(c->lang, "lines"), st->lines },
		{ nq_msg_tr(c->lang, "overfull lines"), st->overfull },
		{ nq_msg_tr(c->lang, "characters set in a fallback font"), st->fallback_chars },
		{ nq_msg_tr(c->lang, "characters no font has"), st->missing_chars },
		{ nq_msg_tr(c->lang, "contents layout passes"), st->contents_passes },
		{ nq_msg_tr(c->lang, "loose lines (ideograph gaps over 0.05 em)"), st->loose_lines },
		{ nq_msg_tr(c->lang, "marks squeezed alone (over 0.2 em)"), st->lone_squeezes },
		{ nq_msg_tr(c->lang, "headings ending in 1-3 characters"), st->runt_lines },
		{ nq_msg_tr(c->lang, "paragraphs ending in one character or a citation"), st->stub_lines },
	};
	const char *gap = nq_msg_tr(c->lang, "largest added ideograph gap");
	int w = nq_cli_width(gap);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int lw = nq_cli_width(rows[i].label);
		if (lw > w)
			w = lw;
	}
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		fprintf(err, "  %s%*s %6d\n", rows[i].label, w - nq_cli_width(rows[i].label), "",
		        rows[i].value);
	fprintf(err, "  %s%*s %6.2f em\n", gap, w - nq_cli_width(gap), "", st->max_cjk_stretch);
	if (st->overfull || st->missing_chars)
		fprintf(err, "  %s\n", nq_msg_tr(c->lang, "look again: overfull lines or missing "
		                                          "characters (see the warnings above)"));
	else if (st->loose_lines || st->lone_squeezes || st->runt_lines || st->stub_lines)
		fprintf(err, "  %s\n", nq_msg_tr(c->lang, "look again: loose lines, squeezed marks or "
		                                          "short last lines (see the notes above)"));
	else
		fprintf(err, "  %s\n", nq_msg_tr(c->lang, "all good: no overfull, loose or squeezed lines, "
		                                          "no missing characters"));
}
