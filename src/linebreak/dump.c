/*
 * dump.c - broken lines as text (--dump=lines): each line's text with "|"
 * at the margins, its set width and whether it is overfull.
 */
#include "linebreak.h"
#include "util/util.h"

void nq_lines_dump(const nq_para_lines *pl, nq_buf *b)
{
	const nq_text *t = pl->in;
	nq_buf_printf(b, "para %s width ", t->path ? t->path : "-");
	nq_buf_pt(b, t->width);
	nq_buf_printf(b, " lines %zu\n", pl->nlines);
	for (size_t i = 0; i < pl->nlines; i++) {
		const nq_line *ln = &pl->lines[i];
		nq_buf_puts(b, "  |");
		for (uint32_t k = ln->a0; k < ln->a1; k++) {
			const nq_atom *at = &pl->atoms[k];
			nq_buf_put(b, t->text + at->start, at->end - at->start);
			if (k + 1 < ln->a1 && at->space_gid)
				nq_buf_puts(b, " ");
		}
		nq_buf_puts(b, "| x ");
		nq_buf_pt(b, ln->x0);
		nq_buf_puts(b, " w ");
		nq_buf_pt(b, ln->width);
		/* Space justification added between ideographs, per gap: the
		 * figure CLREQ §3.8 wants small (see breaker.c). */
		double add = nq_line_cjk_added(pl, ln);
		if (add >= 0.0005)
			nq_buf_printf(b, " cjk +%.3fem", add);
		if (ln->overfull)
			nq_buf_puts(b, " OVERFULL");
		if (ln->ragged)
			nq_buf_puts(b, " RAGGED");
		nq_buf_puts(b, "\n");
	}
}
