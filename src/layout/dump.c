/*
 * dump.c - frames as text (--dump=layout): every item of every page with
 * coordinates in points to two decimals, glyph runs with their text.  The
 * rectangles of a QR code are not listed one by one: each code is one line
 * with the box its dark modules cover (qr.c draws a code's modules in a row,
 * top row first), so a reader of the dump sees where every code is and how
 * large, and tests can compare the sizes.
 */
#include "layout.h"
#include "util/util.h"

static const char *const kind_name[NQ_ITEM__COUNT] = {
	[NQ_ITEM_GLYPHS] = "text", [NQ_ITEM_RECT] = "rect", [NQ_ITEM_DOTS] = "dots", [NQ_ITEM_LINK] = "link",
	[NQ_ITEM_IMAGE] = "image",
};

/* A QR module (or a row's run of them): black and thin (rules are red or
 * grey, or wider than 6 pt high; a module is at most 1/21 of a symbol), and
 * narrower than the 报尾's black rules, which span the measure (378 pt or
 * more): a symbol is at most 177 modules of 0.85 pt, 150 pt (flow.c). */
#define MAX_SYMBOL 160

static bool is_module(const nq_item *it)
{
	return it->kind == NQ_ITEM_RECT && it->h < 6 && it->w < MAX_SYMBOL && it->color.r == 0 &&
	       it->color.g == 0 && it->color.b == 0;
}

/* Dump the code whose modules start at item i; returns the item after it.
 * A code's rows go down the page, so a module higher than the one before
 * starts the next code. */
static size_t qr_code(const nq_page *pg, size_t i, nq_buf *b)
{
	double x0 = pg->items[i].x, x1 = x0 + pg->items[i].w;
	double y0 = pg->items[i].y, y1 = y0 + pg->items[i].h;
	size_t j = i + 1;
	for (; j < pg->n && is_module(&pg->items[j]) && pg->items[j].y <= pg->items[j - 1].y + 0.001; j++) {
		const nq_item *it = &pg->items[j];
		x0 = it->x < x0 ? it->x : x0;
		x1 = it->x + it->w > x1 ? it->x + it->w : x1;
		y0 = it->y < y0 ? it->y : y0;
	}
	nq_buf_puts(b, "  qr ");
	nq_buf_pt(b, x0);
	nq_buf_puts(b, " ");
	nq_buf_pt(b, y0);
	nq_buf_puts(b, " ");
	nq_buf_pt(b, x1 - x0);
	nq_buf_puts(b, " x ");
	nq_buf_pt(b, y1 - y0);
	nq_buf_printf(b, " rects %zu\n", j - i);
	return j;
}

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
		if (fr->outline[i].level) /* a sub-heading: nested under its section */
			nq_buf_printf(b, " level %d", fr->outline[i].level);
		nq_buf_puts(b, "\n");
	}
	for (size_t p = 0; p < fr->npages; p++) {
		const nq_page *pg = &fr->pages[p];
		nq_buf_printf(b, "page %zu\n", p + 1);
		for (size_t i = 0; i < pg->n; i++) {
			const nq_item *it = &pg->items[i];
			if (is_module(it)) {
				i = qr_code(pg, i, b) - 1;
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
				if (it->kind == NQ_ITEM_IMAGE)
					nq_buf_printf(b, " file \"%s\"", fr->images[it->image].name);
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
	}
}
