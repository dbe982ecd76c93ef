/*
 * stats.c - what the fallback chain did, counted from the finished pages.
 *
 * Takes: the laid-out frames (each glyph run names its face; each glyph
 * that starts a cluster carries that cluster's text).
 * Makes: nq_stats.fallback_chars and .missing_chars for --report.
 * Leaves to others: choosing faces (shape/fallback.c), warning about
 * missing characters (the same, once per character and text).
 *
 * Counted here, on what the PDF will show, rather than while shaping:
 * layout shapes running heads and captions once per page and per pass,
 * so counts taken there would depend on the pass count.
 */
#include "pdf.h"
#include "../util/util.h"

void nq_pdf_font_stats(const nq_frames *fr, nq_stats *st)
{
	int fallback = 0, missing = 0;
	for (size_t p = 0; p < fr->npages; p++) {
		const nq_page *pg = &fr->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const nq_item *it = &pg->items[i];
			if (it->kind != NQ_ITEM_GLYPHS || !it->text)
				continue;
			for (size_t g = 0; g < it->ng; g++) {
				const nq_pglyph *gl = &it->g[g];
				int chars = 0;
				for (size_t k = gl->text_off; k < (size_t)gl->text_off + gl->text_len;) {
					nq_utf8_next(it->text, (size_t)gl->text_off + gl->text_len, &k);
					chars++;
				}
				if (gl->gid == 0)
					missing += chars;
				else if (it->font >= NQ_FONT__COUNT)
					fallback += chars;
			}
		}
	}
	st->fallback_chars = fallback;
	st->missing_chars = missing;
}
