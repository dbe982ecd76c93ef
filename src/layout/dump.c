/*
 * dump.c - frames as text (--dump=layout): every item of every page with
 * coordinates in points to two decimals, glyph runs with their text.
 */
#include "layout.h"
#include "util/util.h"

static const char *const kind_name[NQ_ITEM__COUNT] = {
	[NQ_ITEM_GLYPHS] = "text", [NQ_ITEM_RECT] = "rect", [NQ_ITEM_DOTS] = "dots", [NQ_ITEM_LINK] = "link",
};

void nq_layout_dump(const nq_frames *fr, nq_buf *b)
{
	nq_buf_puts(b, "document ");
	nq_buf_pt(b, fr->width);
	nq_buf_puts(b, " x ");
	nq_buf_pt(b, fr->height);
	nq_buf_printf(b, " pages %zu title \"%s\"\n", fr->npages, fr->title);
	for (size_t i = 0; i < fr->noutline; i++) {
		nq_buf_printf(b, "outline \"%s\" page %d y ", fr->outline[i].title, fr->outline[i].page + 1);
		nq_buf_pt(b, fr->outline[i].y);
		nq_buf_puts(b, "\n");
	}
	for (size_t p = 0; p < fr->npages; p++) {
		const nq_page *pg = &fr->pages[p];
		nq_buf_printf(b, "page %zu\n", p + 1);
		size_t rects = 0;
		for (size_t i = 0; i < pg->n; i++) {
			const nq_item *it = &pg->items[i];
			if (it->kind == NQ_ITEM_RECT && it->h < 6 && it->w < 6) {
				rects++; /* QR modules: counted, not listed */
				continue;
			}
			nq_buf_printf(b, "  %s ", kind_name[it->kind]);
			nq_buf_pt(b, it->x);
			nq_buf_puts(b, " ");
			nq_buf_pt(b, it->y);
			if (it->kind == NQ_ITEM_GLYPHS) {
				nq_buf_printf(b, " font %d size ", (int)it->font);
				nq_buf_pt(b, it->size);
				nq_buf_puts(b, " \"");
				for (size_t g = 0; g < it->ng; g++)
					nq_buf_put(b, it->text + it->g[g].text_off, it->g[g].text_len);
				nq_buf_puts(b, "\"");
				if (it->ng) {
					nq_buf_puts(b, " to ");
					nq_buf_pt(b, it->x + it->g[it->ng - 1].x);
				}
			} else if (it->kind == NQ_ITEM_DOTS) {
				nq_buf_puts(b, " to ");
				nq_buf_pt(b, it->x + it->w);
				nq_buf_puts(b, " every ");
				nq_buf_pt(b, it->step);
			} else {
				nq_buf_puts(b, " ");
				nq_buf_pt(b, it->w);
				nq_buf_puts(b, " x ");
				nq_buf_pt(b, it->h);
				if (it->kind == NQ_ITEM_LINK) {
					if (it->uri)
						nq_buf_printf(b, " uri %s", it->uri);
					else {
						nq_buf_printf(b, " page %d y ", it->dest_page + 1);
						nq_buf_pt(b, it->dest_y);
					}
				}
			}
			nq_buf_puts(b, "\n");
		}
		if (rects)
			nq_buf_printf(b, "  qr-modules %zu\n", rects);
	}
}
