/*
 * flow.c - the document in, pages out.
 *
 * First every part of the issue becomes a list of blocks: lines of broken
 * paragraphs, headings, vertical space, the QR footer.  Then the blocks are
 * paginated with the keeps a reader expects (a heading stays with two lines
 * of what follows; no paragraph leaves one line alone at a page foot or
 * head; the QR footer stays whole), and drawn into frames.  The contents
 * list needs the pages its entries land on, so layout repeats until those
 * numbers stop changing (after Typst's introspection loop; at most
 * MAX_PASSES, then a warning); the first pass only places the blocks.
 * A paragraph is kept from its break to the drawing pass in the form
 * drawing reads (keep_lines), and the line breaker's own data dies with
 * each break.  Drawing glyphs is the frames' business; encoding them is
 * pdf/'s.
 */
#include <math.h>
#include <string.h>

#include "layout.h"
#include "util/msg.h"
#include "util/util.h"

/* Body: 10.5 pt is 五号, the size of Chinese official documents. */
#define BODY 10.5
#define LEAD 18.9          /* 1.8 x body: airy enough for Han */
#define HEAD_ROOM 68       /* page top to the top of the first line box */
#define FOOT_ROOM 64       /* no line box below this */
#define H1 13.5            /* section headings, Noto Sans SC Bold */
#define H1_LEAD 24
#define TITLE 26
#define SMALL 9
#define MAX_PASSES 5
/* --report calls a line loose past this added space between ideographs:
 * half a point at body size, where evenness visibly breaks (pdfcheck's
 * texture floor holds the 95th percentile to 0.02 em). */
#define LOOSE_EM 0.05
/* More pages than this is not a daily briefing but a runaway input
 * (docs/limits.md): stop with an error instead of filling the disk. */
#define MAX_PAGES 1000
/* Text to set, bytes: 1 MiB of UTF-8 is some 350,000 ideographs, about 250
 * A4 pages.  Layout keeps every paragraph as drawn (keep_lines, some 47
 * bytes a character) until the drawing pass and the frames (some 25) until
 * the PDF is written, so this bounds a run's heap near 55 MB
 * (docs/performance.md, round 4: 41 MB for 200 pages). */
#define MAX_TEXT (1 << 20)

/* Page geometry per paper size.  The measure is a whole number of ems, so
 * a line of ideographs fills it exactly and needs no added space: the
 * grid CLREQ §3.8 assumes.  42 em on A4 and Letter (441 pt, margins of
 * 77 and 85 pt); 36 em on ISO B5 (176 x 250 mm), margins of 60 pt. */
typedef struct geometry {
	double pw, ph;      /* page, pt */
	double measure;     /* line length, pt */
	double left;        /* left margin, pt */
	double top, bottom; /* first line box top, lowest line box bottom */
} geometry;

static geometry geometry_for(nq_paper p)
{
	static const struct { double w, h, ems; } paper[] = {
		[NQ_PAPER_A4] = { 595.28, 841.89, 42 },     /* ISO 216: 210 x 297 mm */
		[NQ_PAPER_B5] = { 498.90, 708.66, 36 },     /* ISO 216: 176 x 250 mm */
		[NQ_PAPER_LETTER] = { 612, 792, 42 },       /* ANSI: 8.5 x 11 in */
	};
	if (p <= NQ_PAPER_DEFAULT || p > NQ_PAPER_LETTER)
		p = NQ_PAPER_A4;
	geometry g = { paper[p].w, paper[p].h, paper[p].ems * BODY, 0, 0, FOOT_ROOM };
	g.left = (g.pw - g.measure) / 2;
	g.top = g.ph - HEAD_ROOM;
	return g;
}

static const nq_color BLACK = { 0, 0, 0 };
static const nq_color RED = { 0.76f, 0.09f, 0.09f };   /* the 红头 of official papers */
static const nq_color GREY = { 0.35f, 0.35f, 0.35f };
static const nq_color LINK = { 0.05f, 0.2f, 0.55f };   /* a web address, in print too */
static const nq_color DRAFT_GREY = { 0.88f, 0.88f, 0.88f };
#define DRAFT_SIZE 96

/* B_FOOT: what follows (h of it) goes to the foot of this page, or of the
 * next when it does not fit here (the 报尾). */
typedef enum bkind { B_LINE, B_SPACE, B_RULE, B_QR, B_PAGEBREAK, B_FOOT, B_IMAGE, B_ROW } bkind;

struct table_plan;
typedef struct set_lines set_lines; /* a broken paragraph as drawn (keep_lines) */

typedef struct block {
	bkind kind;
	double h;                 /* height it takes */
	const set_lines *pl;  /* B_LINE */
	size_t line, nlines;      /* which line of how many */
	double x;                 /* left of the line box */
	double size;              /* for the baseline */
	int keep;                 /* lines of what follows that must share the page */
	int anchor;               /* outline/dest id started by this block, or -1 */
	int ref;                  /* reference whose entry starts here, or -1 */
	bool toc_page;            /* B_LINE ending a contents entry: draw its page number */
	bool center;
	int elem;                 /* structure element of its text (frame.h), 0: none */
	int lbl;                  /* a list entry's first line: the label's element, */
	uint32_t lbl_end;         /* ... which has the text before this byte */
	double rule;              /* B_RULE: a black rule this thick, pt; 0: the red masthead rule */
	int with;                 /* blocks after this one that must share its page */
	const set_lines *mark; /* B_LINE, first line of a list item: its marker, */
	double mark_x;            /* ... drawn at this x */
	int image;                /* B_IMAGE: index into doc->images */
	double w, ih;             /* B_IMAGE: width (x is its left) and height */
	double dy;                /* B_IMAGE: top below the block's top; h 0 overlays what follows */
	const struct table_plan *tb; /* B_ROW: its table, */
	size_t row;               /* ... and which row (0 the header) */
} block;

typedef struct anchor {
	const char *title;
	unsigned part;            /* NQ_PART_* the contents may list it as, 0: never */
	int level;                /* 0 a part, 1 a sub-heading */
	size_t numlen;            /* bytes of the title's number ("一、", "（一）"), 0: none */
	nq_loc at;                /* where the title was written, for messages */
	int page;
	double y;
} anchor;

typedef struct ctx {
	nq_arena *a;
	nq_arena *lb;            /* the line breaker's scratch: reset after each break */
	nq_arena *keep;          /* broken paragraphs as drawn: read while paginating, then freed */
	bool measure;            /* a pass that cannot be the last: places blocks, draws nothing */
	nq_arena *items;         /* the page's item array as it grows (finish_page) */
	const nq_doc *doc;
	const nq_fontset *fs;
	const nq_setup *set;
	geometry geo;
	nq_diags *d;
	nq_buf *dump;
	block *b;
	size_t nb, capb;
	anchor *anchors;
	size_t nanchors, capanch;
	int *toc_pages;          /* per anchor: the page the contents show */
	double *ref_y;
	int *ref_page;
	nq_frames *fr;
	bool too_long;           /* MAX_PAGES reached: reported once */
	bool in_cell;            /* breaking table cells: no runt count (cells are not headings) */
	struct footer_plan *foot; /* made by footer(), drawn by draw_qr_footer() */
	/* Tagging (frame.h, nq_role): build() makes the elements of the
	 * blocks, paginate() those of links, which it makes again each pass. */
	int blk_elem;            /* the element push() gives new blocks */
	int cur_elem;            /* the element item() gives new items; 0: artifact */
	int lbl_elem;            /* while drawing a list entry's first line: */
	uint32_t lbl_end;        /* text before lbl_end belongs to lbl_elem */
	size_t nelems_built;     /* elements made by build() */
	const char *uri_last;    /* the last URL link drawn, in element */
	int uri_parent, uri_elem; /* uri_elem under uri_parent */
} ctx;

static nq_style style(nq_font_id f, double size, nq_color c)
{
	return (nq_style){ .font = f, .size = (float)size, .color = c, .ref = -1 };
}

/* st set as a web address linked to uri (none: st as it is): blue, broken
 * at a URL's places (atoms.c). */
static nq_style as_url(nq_style st, const char *uri)
{
	if (uri) {
		st.url = true;
		st.uri = uri;
		st.color = LINK;
	}
	return st;
}

static nq_text *text_new(ctx *c, const char *s, size_t len, double width)
{
	nq_text *t = NQ_NEW(c->keep, nq_text); /* read by the breaker and draw_line only */
	t->text = s;
	t->len = len;
	t->width = (float)width;
	t->justify = true;
	t->kinsoku = c->set->kinsoku;
	t->punct = c->set->punct;
	t->offset = -1; /* no place unless the caller knows one */
	return t;
}

/* What draw_line reads of an atom and a glyph: nq_atom is 72 bytes of
 * glue, penalties and classes that only the breaker needs; a paragraph
 * is kept from its break until it is drawn, 25 MB of atoms in a 200-page
 * issue (docs/performance.md, round 4).  Same field types: same sums. */
typedef struct set_atom {
	uint32_t start, end;
	uint32_t g0, ng;
	float w, lead;
	uint32_t space_gid;
	uint16_t span;
	uint8_t font, space_font; /* nq_font_id */
} set_atom;
_Static_assert(NQ_FONT_MAX <= 256, "set_atom keeps a face in a byte");

typedef struct set_glyph {
	uint32_t gid;
	int32_t adv, dx, dy;
} set_glyph;

/* A broken paragraph as drawn: its lines (with their gaps), atoms and
 * glyphs, copied out of the line breaker's scratch (keep_lines). */
struct set_lines {
	const nq_text *in;
	nq_line *lines;
	size_t nlines;
	set_atom *atoms;
	set_glyph *glyphs;
};

static const set_lines *keep_lines(nq_arena *a, const nq_para_lines *pl)
{
	set_lines *s = NQ_NEW(a, set_lines);
	s->in = pl->in;
	s->nlines = pl->nlines;
	s->lines = NQ_NEWN(a, nq_line, pl->nlines ? pl->nlines : 1);
	for (size_t i = 0; i < pl->nlines; i++) {
		const nq_line *ln = &pl->lines[i];
		s->lines[i] = *ln;
		size_t ng = ln->a1 - ln->a0 > 1 ? ln->a1 - ln->a0 - 1 : 1; /* as justify() sizes it */
		s->lines[i].gap = NQ_NEWN(a, float, ng);
		if (ln->gap)
			memcpy(s->lines[i].gap, ln->gap, ng * sizeof *ln->gap);
	}
	s->atoms = NQ_NEWN(a, set_atom, pl->natoms ? pl->natoms : 1);
	for (size_t k = 0; k < pl->natoms; k++) {
		const nq_atom *at = &pl->atoms[k];
		s->atoms[k] = (set_atom){ .start = at->start, .end = at->end, .g0 = at->g0, .ng = at->ng,
		                          .w = at->w, .lead = at->lead, .space_gid = at->space_gid,
		                          .span = at->span, .font = (uint8_t)at->font,
		                          .space_font = (uint8_t)at->space_font };
	}
	s->glyphs = NQ_NEWN(a, set_glyph, pl->nglyphs ? pl->nglyphs : 1);
	for (size_t g = 0; g < pl->nglyphs; g++) {
		const nq_glyph *gl = &pl->glyphs[g];
		s->glyphs[g] = (set_glyph){ gl->gid, gl->adv, gl->dx, gl->dy };
	}
	return s;
}

/* The line breaker's scratch (atoms, trials) holds nothing kept. */
static void scratch_reset(ctx *c)
{
	nq_arena_free(c->lb);
	c->lb = nq_arena_new();
}

/* Break t, with the breaker's own messages to d: a contents entry sends
 * them nowhere, as its heading's break has said the same of the same text
 * ("line 1 breaks inside a word longer than the line", twice). */
static const set_lines *brk_to(ctx *c, nq_text *t, nq_diags *d)
{
	const nq_para_lines *pl = nq_linebreak(c->lb, t, c->fs, d);
	if (c->dump)
		nq_lines_dump(pl, c->dump);
	nq_stats *st = c->set->stats;
	if (st) {
		st->paragraphs += t->justify; /* headings and titles are not */
		st->lines += (int)pl->nlines;
		for (size_t i = 0; i < pl->nlines; i++) {
			const nq_line *ln = &pl->lines[i];
			double add = nq_line_cjk_added(pl, ln);
			st->overfull += ln->overfull;
			if (add > st->max_cjk_stretch)
				st->max_cjk_stretch = add;
			int lone = nq_line_lone_squeezes(pl, ln);
			st->lone_squeezes += lone;
			if (lone > 0)
				nq_diag_add(c->d, NQ_NOTE, NQ_DC_INPUT, t->path, t->offset,
				            "line %zu: marks squeezed alone to justify it: %d", i + 1, lone);
			/* A line letter-spaced because no break exists is
			 * said, with its place (--report), not hidden. */
			if (add > LOOSE_EM) {
				st->loose_lines++;
				nq_diag_add(c->d, NQ_NOTE, NQ_DC_INPUT, t->path, t->offset,
				            "line %zu: no better break, ideograph gaps widened by %.3f em", i + 1, add);
			}
		}
		if (!t->justify && !c->in_cell && nq_lines_runt(pl)) {
			st->runt_lines++;
			nq_diag_add(c->d, NQ_NOTE, NQ_DC_INPUT, t->path, t->offset,
			            "the last line holds 1-3 characters under a longer one");
		}
		/* CLREQ's 孤字不成行, and a citation alone ("[3]。"): the breaker
		 * avoids them at a high price; one left is said. */
		if (t->justify && !c->in_cell && nq_lines_stub(pl)) {
			st->stub_lines++;
			nq_diag_add(c->d, NQ_NOTE, NQ_DC_INPUT, t->path, t->offset,
			            "the last line holds one character or only a citation");
		}
	}
	const set_lines *kept = keep_lines(c->keep, pl);
	scratch_reset(c);
	return kept;
}

static const set_lines *brk(ctx *c, nq_text *t)
{
	return brk_to(c, t, c->d);
}

static block *push(ctx *c, bkind k, double h)
{
	/* Blocks die with layout, as the lines they point to: 4 MB of a
	 * 200-page issue with the outgrown copies, not held while the PDF
	 * is written. */
	block *b = NQ_PUSH(c->keep, c->b, c->nb, c->capb);
	memset(b, 0, sizeof *b);
	b->kind = k;
	b->h = h;
	b->anchor = -1;
	b->ref = -1;
	b->elem = c->blk_elem;
	return b;
}

/* A new structure element (frame.h); returns its number for nq_item.elem. */
static int elem(ctx *c, nq_role role, int parent, const char *alt)
{
	nq_elem *e = NQ_PUSH(c->a, c->fr->elems, c->fr->nelems, c->fr->cape);
	e->role = role;
	e->parent = parent;
	e->alt = alt;
	return (int)c->fr->nelems;
}

static void space(ctx *c, double h)
{
	push(c, B_SPACE, h);
}

static int new_anchor(ctx *c, const char *title)
{
	anchor *an = NQ_PUSH(c->a, c->anchors, c->nanchors, c->capanch);
	an->title = title;
	an->level = 0;
	an->at = (nq_loc){ NULL, -1 };
	return (int)c->nanchors - 1;
}

/* Push every line of pl as blocks. */
static void lines(ctx *c, const set_lines *pl, double x, double lead, double size, bool center)
{
	for (size_t i = 0; i < pl->nlines; i++) {
		block *b = push(c, B_LINE, lead);
		b->pl = pl;
		b->line = i;
		b->nlines = pl->nlines;
		b->x = x;
		b->size = size;
		b->center = center;
	}
}

/* Byte ranges of a text that hold words nqpdf writes itself. */
typedef struct keeps {
	uint32_t at[8][2];
	int n;
	uint32_t url[4][2]; /* web addresses in a reference's purpose */
	const char *uri[4];
	int nurl;
} keeps;

/* Append s to b as one kept word (no break inside: a label, a date). */
static void kept(nq_buf *b, keeps *k, const char *s)
{
	if (k->n < 8) {
		k->at[k->n][0] = (uint32_t)b->n;
		k->at[k->n][1] = (uint32_t)(b->n + strlen(s));
		k->n++;
	}
	nq_buf_puts(b, s);
}

/* Spans of one style over [from, to), kept words marked keep, and web
 * addresses (k->url, which no kept word overlaps) set as URLs. */
static void kept_spans(ctx *c, nq_text *t, const keeps *k, uint32_t from, uint32_t to, nq_style st)
{
	uint32_t at = from;
	int i = 0, u = 0;
	while (at < to && (i < k->n || u < k->nurl)) {
		bool url = u < k->nurl && (i >= k->n || k->url[u][0] < k->at[i][0]);
		const uint32_t *r = url ? k->url[u] : k->at[i];
		uint32_t s = r[0], e = r[1] < to ? r[1] : to;
		const char *uri = url ? k->uri[u++] : NULL;
		if (!url)
			i++;
		if (s < at || s >= to)
			continue;
		nq_text_span(c->keep, t, at, s, st);
		nq_style ks = as_url(st, uri);
		ks.keep = !url;
		nq_text_span(c->keep, t, s, e, ks);
		at = e;
	}
	nq_text_span(c->keep, t, at, to, st);
}

/* A ragged or centred one-style text (titles, headings, captions),
 * written at `at` in the source (for the line breaker's messages). */
/* Text s in one style, written at `at`, not yet broken. */
static nq_text *simple_text(ctx *c, const char *s, nq_style st, double width, bool justify, nq_loc at)
{
	nq_text *t = text_new(c, s, strlen(s), width);
	t->justify = justify;
	t->path = at.path;
	t->offset = at.offset;
	nq_text_span(c->keep, t, 0, (uint32_t)t->len, st);
	return t;
}

static const set_lines *simple_at(ctx *c, const char *s, nq_style st, double width, bool justify,
                                      nq_loc at)
{
	return brk(c, simple_text(c, s, st, width, justify, at));
}

/* The same for a text nqpdf wrote itself: no break inside (第 128 期, a date). */
static const set_lines *simple_kept(ctx *c, const char *s, nq_style st, double width, nq_loc at)
{
	st.keep = true;
	return simple_at(c, s, st, width, false, at);
}

/* A body paragraph from the model: spans become styles and citation links. */
static const set_lines *para(ctx *c, const nq_para *p, double width, double indent)
{
	nq_text *t = text_new(c, p->text, p->len, width);
	t->indent = (float)indent;
	t->path = p->path;
	t->offset = p->offset;
	for (size_t k = 0; k < p->nspans; k++) {
		const nq_span *s = &p->spans[k];
		nq_style st = as_url(style(s->style ? NQ_FONT_BODY_BOLD : NQ_FONT_BODY, BODY, BLACK), s->uri);
		st.ref = s->ref;
		nq_text_span(c->keep, t, s->start, s->end, st);
	}
	return brk(c, t);
}

static void body(ctx *c, const nq_paras *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		/* CLREQ §3.6: a 2 em indent on every paragraph, no space between. */
		lines(c, para(c, &ps->v[i], c->geo.measure, 2 * BODY), c->geo.left, LEAD, BODY, false);
	}
}

static void heading(ctx *c, const char *s, int anch)
{
	space(c, 10);
	c->blk_elem = elem(c, NQ_ROLE_H2, 0, NULL);
	const set_lines *pl = simple_at(c, s, style(NQ_FONT_HEADING, H1, BLACK), c->geo.measure, false,
	                                    c->anchors[anch].at);
	size_t first = c->nb;
	lines(c, pl, c->geo.left, H1_LEAD, H1, false);
	c->b[first].anchor = anch;
	for (size_t i = first; i < c->nb; i++)
		c->b[i].keep = 2;
	space(c, 4);
}

/* ------------------------------------------------------------ blocks
 *
 * What a section holds, one function per kind (model.h's nq_block_kind):
 * paragraphs, sub-headings, lists, tables and figures become blocks like
 * the rest.  Keeps: a sub-heading stays with two lines of what follows; a
 * figure with its caption; a table's caption with its header and first
 * row; a table breaks between rows, and the header row is drawn again at
 * the top of the next page (paginate). */

/* Table text is 小五 (9 pt), the usual size of tables in Chinese
 * documents, at 1.5 leading; cells are padded 0.5 em across and 3 pt
 * down.  Rules after the three-line table (三线表) of Chinese print:
 * 1 pt above the header and below the last row, 0.5 pt under the header. */
#define CELL SMALL
#define CELL_LEAD (1.5 * CELL)
#define CELL_PADX (0.5 * CELL)
#define CELL_PADY 3
#define RULE_THICK 1.0
#define RULE_THIN 0.5
/* Rules are near-black, not black: the layout dump tells a QR module by
 * its pure black. */
static const nq_color RULE_INK = { 0.1f, 0.1f, 0.1f };
/* A figure is scaled to the measure, but never taller than this share of
 * the type area, so it and its caption share a page with some text. */
#define FIGURE_MAX_SHARE 0.5
#define LOGO_H 36          /* masthead logo height, pt: about the title's line */
#define LIST_GAP (0.25 * BODY) /* between a list marker and its item */

typedef struct table_plan {
	size_t cols, rows;
	double *colx, *colw;         /* left of each column's box from the measure's left, width */
	const set_lines **cell;  /* row-major */
	int *elem;                   /* per cell: its TH or TD element */
	bool *right;                 /* per cell: set flush right (a number) */
	double *h;                   /* per row: height */
} table_plan;

/* A cell holding a number (digits with . , % ‰ + - − and spaces, e.g.
 * "1,234.5", "-3.2%", "+12"): set flush right, so the digits line up. */
static bool numeric(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	while (i < n) {
		int32_t cp = nq_utf8_next(s, n, &i);
		if (cp >= '0' && cp <= '9')
			digits++;
		else if (!(cp == '.' || cp == ',' || cp == '%' || cp == '+' || cp == '-' || cp == ' ' ||
		           cp == 0x2212 || cp == 0x2030 || cp == 0xFF05))
			return false;
	}
	return digits > 0;
}

static void block_para(ctx *c, const nq_section *s, const nq_block *k, int *anch)
{
	(void)anch;
	c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
	/* CLREQ §3.6: a 2 em indent on every paragraph, no space between. */
	lines(c, para(c, &s->paras.v[k->first], c->geo.measure, 2 * BODY), c->geo.left, LEAD, BODY, false);
}

/* （一） sub-headings: body size, bold, indented 2 em as GB/T 9704 sets
 * the second level; kept with two lines of what follows. */
static void block_subheading(ctx *c, const nq_section *s, const nq_block *k, int *anch)
{
	(void)s;
	int an = (*anch)++;
	space(c, 4);
	c->blk_elem = elem(c, NQ_ROLE_H3, 0, NULL);
	const set_lines *pl = simple_at(c, c->anchors[an].title, style(NQ_FONT_BODY_BOLD, BODY, BLACK),
	                                    c->geo.measure - 2 * BODY, false, k->text_at);
	size_t first = c->nb;
	lines(c, pl, c->geo.left + 2 * BODY, LEAD, BODY, false);
	c->b[first].anchor = an;
	for (size_t i = first; i < c->nb; i++)
		c->b[i].keep = 2;
}

/* Items hang 2 em in, where a paragraph's first line starts; the marker
 * (1. 2. or •) ends LIST_GAP before the text. */
static void block_list(ctx *c, const nq_section *s, const nq_block *k, int *anch)
{
	(void)anch;
	double x = c->geo.left + 2 * BODY;
	int list = elem(c, NQ_ROLE_L, 0, NULL);
	for (size_t i = 0; i < k->n; i++) {
		/* L > LI > Lbl (the marker, drawn beside the first line) and
		 * LBody (the item's text). */
		int li = elem(c, NQ_ROLE_LI, list, NULL);
		int lbl = elem(c, NQ_ROLE_LBL, li, NULL);
		c->blk_elem = elem(c, NQ_ROLE_LBODY, li, NULL);
		const char *m = k->numbered ? nq_sprintf(c->a, "%zu.", i + 1) : "•";
		nq_text *mt = text_new(c, m, strlen(m), 2 * BODY);
		mt->justify = false;
		nq_text_span(c->keep, mt, 0, (uint32_t)mt->len, style(NQ_FONT_BODY, BODY, BLACK));
		nq_diags scratch = { .arena = c->a }; /* a marker always fits */
		const set_lines *mark = keep_lines(c->keep, nq_linebreak(c->lb, mt, c->fs, &scratch));
		size_t b0 = c->nb;
		lines(c, para(c, &s->paras.v[k->first + i], c->geo.measure - 2 * BODY, 0), x, LEAD, BODY, false);
		if (c->nb > b0 && mark->nlines) {
			c->b[b0].mark = mark;
			c->b[b0].mark_x = x - LIST_GAP - mark->lines[0].width;
			c->b[b0].lbl = lbl; /* lbl_end 0: none of the line's own text */
		}
	}
}

/* A caption: centred, ragged, body size; its lines kept with the `with`
 * blocks after it.  Regular, not bold: a bold line reads (to a reader
 * and to pdfcheck) as a heading, and a heading above a table that ends a
 * page looks stranded. */
static void caption(ctx *c, const nq_block *k, int with)
{
	const set_lines *pl = simple_at(c, k->text, style(NQ_FONT_BODY, BODY, BLACK),
	                                    c->geo.measure - 4 * BODY, false, k->text_at);
	size_t b0 = c->nb;
	lines(c, pl, c->geo.left + 2 * BODY, LEAD, BODY, true);
	for (size_t i = b0; i < c->nb; i++)
		c->b[i].with = (int)(c->nb - i - 1) + with;
}

/* A cell's text, broken ragged at width w (the dump shows it, the
 * trials do not). */
static const set_lines *cell_lines(ctx *c, const nq_para *p, double w, bool bold, bool trial)
{
	nq_text *t = text_new(c, p->text, p->len, w);
	t->justify = false;
	t->path = p->path;
	t->offset = p->offset;
	for (size_t s = 0; s < p->nspans; s++) {
		nq_style st = as_url(style(bold || p->spans[s].style ? NQ_FONT_BODY_BOLD : NQ_FONT_BODY, CELL, BLACK),
		                     p->spans[s].uri);
		st.ref = p->spans[s].ref;
		nq_text_span(c->keep, t, p->spans[s].start, p->spans[s].end, st);
	}
	if (!trial) {
		c->in_cell = true;
		const set_lines *pl = brk(c, t);
		c->in_cell = false;
		return pl;
	}
	nq_diags scratch = { .arena = c->a };
	return keep_lines(c->lb, nq_linebreak(c->lb, t, c->fs, &scratch));
}

static double widest(const set_lines *pl)
{
	double w = 0;
	for (size_t i = 0; i < pl->nlines; i++)
		w = fmax(w, pl->lines[i].x0 + pl->lines[i].width);
	return w;
}

/* Column widths from the content (the automatic table layout of CSS 2.1
 * §17.5.2.2): each column's widest unbroken cell (max) and its widest
 * unbreakable piece (min).  All at max when that fits, the rest of the
 * measure shared in proportion, so the table spans the measure; else min
 * plus the room left in proportion to max - min; CJK text then breaks
 * inside its cell under the same CLREQ rules as the body. */
static void table_widths(ctx *c, const nq_section *s, const nq_block *k, table_plan *tp)
{
	size_t n = tp->cols;
	double *mx = NQ_NEWN(c->a, double, n), *mn = NQ_NEWN(c->a, double, n);
	for (size_t i = 0; i < k->n; i++) {
		const nq_para *p = &s->paras.v[k->first + i];
		size_t col = i % n;
		bool head = i < n;
		if (!p->len)
			continue;
		mx[col] = fmax(mx[col], widest(cell_lines(c, p, 1e6, head, true)));
		mn[col] = fmax(mn[col], widest(cell_lines(c, p, 1, head, true)));
	}
	double room = c->geo.measure - 2 * CELL_PADX * (double)n, smax = 0, smin = 0;
	for (size_t j = 0; j < n; j++) {
		mx[j] = fmax(mx[j], CELL);
		mn[j] = fmin(fmax(mn[j], CELL), mx[j]);
		smax += mx[j];
		smin += mn[j];
	}
	for (size_t j = 0; j < n; j++) {
		double w;
		if (smax <= room)
			w = mx[j] * room / smax;
		else if (smin < room && smax > smin)
			w = mn[j] + (room - smin) * (mx[j] - mn[j]) / (smax - smin);
		else
			w = mn[j] * room / smin; /* too wide even at min: cells run over, reported */
		tp->colw[j] = w + 2 * CELL_PADX;
		tp->colx[j] = j ? tp->colx[j - 1] + tp->colw[j - 1] : 0;
	}
}

static void block_table(ctx *c, const nq_section *s, const nq_block *k, int *anch)
{
	(void)anch;
	table_plan *tp = NQ_NEW(c->a, table_plan);
	tp->cols = k->cols;
	tp->rows = k->n / k->cols;
	tp->colx = NQ_NEWN(c->a, double, tp->cols);
	tp->colw = NQ_NEWN(c->a, double, tp->cols);
	tp->cell = NQ_NEWN(c->a, const set_lines *, k->n);
	tp->elem = NQ_NEWN(c->a, int, k->n);
	tp->right = NQ_NEWN(c->a, bool, k->n);
	tp->h = NQ_NEWN(c->a, double, tp->rows);
	table_widths(c, s, k, tp);
	/* A column of numbers is flush right, its header too; in a column
	 * that also holds words (180亿元, 约641亿美元) every cell is flush
	 * left, else a lone "61.5%" at the right reads as a stray (trial 3). */
	for (size_t j = 0; j < tp->cols; j++) {
		bool nums = true;
		for (size_t r = 1; r < tp->rows; r++) {
			const nq_para *p = &s->paras.v[k->first + r * tp->cols + j];
			if (p->len && !numeric(p->text, p->len))
				nums = false;
		}
		for (size_t r = 0; r < tp->rows; r++) {
			const nq_para *p = &s->paras.v[k->first + r * tp->cols + j];
			tp->right[r * tp->cols + j] = nums && (r == 0 || numeric(p->text, p->len));
		}
	}
	space(c, 6);
	if (k->text) {
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		caption(c, k, tp->rows > 1 ? 2 : 1);
	}
	/* Table > TR > TH (the header row) or TD; rules are artifacts. */
	int tab = elem(c, NQ_ROLE_TABLE, 0, NULL);
	c->blk_elem = 0;
	for (size_t r = 0; r < tp->rows; r++) {
		int tr = elem(c, NQ_ROLE_TR, tab, NULL);
		for (size_t j = 0; j < tp->cols; j++)
			tp->elem[r * tp->cols + j] = elem(c, r == 0 ? NQ_ROLE_TH : NQ_ROLE_TD, tr, NULL);
		size_t most = 1;
		for (size_t j = 0; j < tp->cols; j++) {
			size_t i = r * tp->cols + j;
			tp->cell[i] = cell_lines(c, &s->paras.v[k->first + i], tp->colw[j] - 2 * CELL_PADX, r == 0,
			                         false);
			if (tp->cell[i]->nlines > most)
				most = tp->cell[i]->nlines;
		}
		tp->h[r] = (double)most * CELL_LEAD + 2 * CELL_PADY;
		/* A row is never split: taller than a page, it would run past
		 * the foot.  Say so rather than lose text quietly. */
		double page = c->geo.top - c->geo.bottom - tp->h[0];
		if (tp->h[r] > page)
			nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, s->paras.v[k->first + r * tp->cols].path,
			            s->paras.v[k->first + r * tp->cols].offset,
			            "table row is %.0f pt tall and a page holds %.0f pt: it runs past the foot "
			            "of the page; shorten its cells",
			            tp->h[r], page);
		block *b = push(c, B_ROW, tp->h[r]);
		b->tb = tp;
		b->row = r;
		b->with = r == 0; /* the header never ends a page */
	}
	space(c, 8);
}

/* An image scaled to width w (at most), height at most maxh, centred in
 * the measure; kept with the `with` blocks after it. */
static block *image_block(ctx *c, int image, double w, double maxh, int with)
{
	const nq_image *im = &c->doc->images[image];
	double h = w * im->height / im->width;
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	block *b = push(c, B_IMAGE, h);
	b->image = image;
	b->w = w;
	b->ih = h;
	b->x = c->geo.left + (c->geo.measure - w) / 2;
	b->with = with;
	return b;
}

static void block_figure(ctx *c, const nq_section *s, const nq_block *k, int *anch)
{
	(void)s;
	(void)anch;
	space(c, 8);
	double maxh = FIGURE_MAX_SHARE * (c->geo.top - c->geo.bottom);
	/* A Figure whose /Alt is its caption (PDF/UA-1 7.3), else the
	 * image file's name; the caption is a P of its own. */
	c->blk_elem = elem(c, NQ_ROLE_FIGURE, 0, k->text ? k->text : c->doc->images[k->image].name);
	if (!k->text) {
		image_block(c, k->image, c->geo.measure, maxh, 0);
	} else {
		/* The caption's lines, counted before they are pushed. */
		size_t b0 = c->nb;
		block *im = image_block(c, k->image, c->geo.measure, maxh, 0);
		(void)im;
		space(c, 6);
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		caption(c, k, 0);
		c->b[b0].with = (int)(c->nb - b0 - 1);
	}
	space(c, 8);
}

static void (*const block_layout[NQ_BLOCK__COUNT])(ctx *, const nq_section *, const nq_block *, int *) = {
	[NQ_BLOCK_PARA] = block_para,
	[NQ_BLOCK_SUBHEADING] = block_subheading,
	[NQ_BLOCK_LIST] = block_list,
	[NQ_BLOCK_TABLE] = block_table,
	[NQ_BLOCK_FIGURE] = block_figure,
};

/* A section's blocks; *anch is the anchor of its next sub-heading. */
static void section_body(ctx *c, const nq_section *s, int *anch)
{
	for (size_t i = 0; i < s->nblocks; i++)
		block_layout[s->blocks[i].kind](c, s, &s->blocks[i], anch);
}

/* Anchors for the sub-headings of s, in order, after its own. */
static void sub_anchors(ctx *c, const nq_section *s)
{
	for (size_t i = 0; i < s->nblocks; i++) {
		const nq_block *k = &s->blocks[i];
		if (k->kind != NQ_BLOCK_SUBHEADING)
			continue;
		int an = new_anchor(c, nq_sprintf(c->a, "%s%s", k->number, k->text));
		c->anchors[an].level = 1;
		c->anchors[an].numlen = strlen(k->number);
		c->anchors[an].at = k->text_at;
	}
}

/* ------------------------------------------------------------ the parts */

/* 密级 or "内部资料　注意保存": top left above the masthead, as GB/T
 * 9704-2012 §7.2.2 sets 密级 (黑体, 3号 16 pt; 12 pt here, under the
 * masthead's 26 pt title). */
#define MARK_SIZE 12

static void classification(ctx *c)
{
	const nq_doc *doc = c->doc;
	if (!doc->classification)
		return;
	c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
	lines(c, simple_at(c, doc->classification, style(NQ_FONT_HEADING, MARK_SIZE, BLACK), c->geo.measure,
	                   false, doc->classification_at),
	      c->geo.left, 18, MARK_SIZE, false);
}

/* 第 128 期, and the running total beside it: 第 128 期　总第 1046 期. */
static const char *issue_line(ctx *c)
{
	const nq_doc *doc = c->doc;
	if (!doc->issue_total)
		return doc->issue;
	const char *total = nq_sprintf(c->a, "总第 %d 期", doc->issue_total);
	return doc->issue ? nq_sprintf(c->a, "%s　%s", doc->issue, total) : total;
}

/* Issuing lines without a label ("博雅云创 & 中科创新驱动"): centred,
 * regular weight, under the organisation's bold lines. */
static void producer_lines(ctx *c)
{
	const nq_doc *doc = c->doc;
	for (size_t i = 0; i < doc->nproducer_lines; i++) {
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		lines(c, simple_at(c, doc->producer_lines[i], style(NQ_FONT_BODY, BODY, BLACK), c->geo.measure,
		                   false, doc->producer_lines_at[i]),
		      c->geo.left, 19, BODY, true);
	}
}

static void title_block(ctx *c)
{
	const nq_doc *doc = c->doc;
	classification(c);
	space(c, 6);
	const set_lines *title = simple_at(c, doc->title, style(NQ_FONT_HEADING, TITLE, RED), c->geo.measure,
	                                       false, doc->title_at);
	if (doc->logo >= 0) {
		c->blk_elem = 0; /* the logo: decoration, an artifact */
		/* The logo at the left margin beside the title's first line,
		 * when the centred title leaves room for it; else above. */
		block *lg = image_block(c, doc->logo, c->geo.measure, LOGO_H, 0);
		double room = title->nlines ? (c->geo.measure - title->lines[0].width) / 2 : 0;
		if (lg->w + BODY <= room) {
			lg->x = c->geo.left;
			lg->dy = (TITLE * 1.5 - lg->ih) / 2;
			lg->h = 0; /* overlays the title line */
		} else {
			space(c, 6);
		}
	}
	c->blk_elem = elem(c, NQ_ROLE_H1, 0, NULL);
	lines(c, title, c->geo.left, TITLE * 1.5, TITLE, true);
	c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
	if (doc->issue || doc->issue_total)
		lines(c, simple_kept(c, issue_line(c), style(NQ_FONT_BODY, 12, BLACK), c->geo.measure, doc->issue_at),
		      c->geo.left, 20, 12, true);
	space(c, 8);
	for (size_t i = 0; i < doc->norg; i++) {
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		lines(c, simple_at(c, doc->org[i], style(NQ_FONT_BODY_BOLD, 12, BLACK), c->geo.measure, false,
		                   doc->org_at[i]),
		      c->geo.left, 19, 12, true);
	}
	producer_lines(c);
	c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
	/* Producers and date share a line when they fit; otherwise the
	 * date gets a line of its own rather than being split. */
	nq_style st = style(NQ_FONT_BODY, 10.5, BLACK);
	nq_buf p = { .a = c->a };
	keeps k = { .n = 0 };
	if (doc->nproducers) {
		kept(&p, &k, doc->labels.producers);
		nq_buf_puts(&p, "：");
		for (size_t i = 0; i < doc->nproducers; i++)
			nq_buf_printf(&p, "%s%s", i ? "、" : "", doc->producers[i]);
	}
	size_t nwho = p.n;
	if (nwho)
		nq_buf_puts(&p, "　　");
	kept(&p, &k, doc->date);
	const char *line = nq_buf_cstr(&p);
	/* A trial break, outside brk(): it is not part of the dump. */
	nq_text *t = text_new(c, line, strlen(line), c->geo.measure);
	t->justify = false;
	kept_spans(c, t, &k, 0, (uint32_t)t->len, st);
	if (!nwho || nq_linebreak(c->lb, t, c->fs, c->d)->nlines == 1) {
		t = text_new(c, line, strlen(line), c->geo.measure);
		t->justify = false;
		kept_spans(c, t, &k, 0, (uint32_t)t->len, st);
		lines(c, brk(c, t), c->geo.left, 19, 10.5, true);
	} else {
		t = text_new(c, line, nwho, c->geo.measure);
		t->justify = false;
		kept_spans(c, t, &k, 0, (uint32_t)nwho, st);
		lines(c, brk(c, t), c->geo.left, 19, 10.5, true);
		lines(c, simple_kept(c, doc->date, st, c->geo.measure, (nq_loc){ NULL, -1 }), c->geo.left, 19, 10.5, true);
	}
	space(c, 6);
	push(c, B_RULE, 12);
}

static void contents(ctx *c)
{
	const nq_doc *doc = c->doc;
	heading(c, doc->labels.contents, new_anchor(c, doc->labels.contents));
}

/* options.contents_parts: what the contents list; by default every part
 * after the contents (sections, insight, references, footer). */
static unsigned contents_parts(ctx *c)
{
	unsigned p = c->doc->opt.contents_parts;
	return p ? p : NQ_PART_ALL & ~(unsigned)NQ_PART_ABSTRACT;
}

/* How far text t runs before byte at: a hanging indent's width. */
static double hang_at(ctx *c, const nq_text *t, size_t at);

static void contents_entries(ctx *c, int first, int last)
{
	int toc = first < last ? elem(c, NQ_ROLE_TOC, 0, NULL) : 0;
	for (int i = first; i < last; i++) {
		/* An anchor of no part (0) is always listed. */
		if (c->anchors[i].part && !(c->anchors[i].part & contents_parts(c)))
			continue;
		/* Sub-headings are listed only when asked for, 2 em in. */
		int lv = c->anchors[i].level;
		if (lv && !c->doc->opt.contents_subheadings)
			continue;
		c->blk_elem = elem(c, NQ_ROLE_TOCI, toc, NULL);
		/* The entry is set ragged in the measure minus room for the
		 * page number; the leader dots fill the rest (drawn in draw()). */
		const anchor *an = &c->anchors[i];
		nq_text *t = simple_text(c, an->title, style(NQ_FONT_BODY, BODY, BLACK),
		                         c->geo.measure - 4 * BODY - 2 * BODY * lv, false, an->at);
		/* A wrapped entry hangs under its text, past its number
		 * ("二、"), so the next line does not read as an entry of its
		 * own (real-text trial). */
		if (an->numlen)
			t->hang = (float)hang_at(c, t, an->numlen);
		nq_diags quiet = { .arena = c->a };
		const set_lines *pl = brk_to(c, t, &quiet);
		size_t b0 = c->nb;
		lines(c, pl, c->geo.left + 2 * BODY * lv, LEAD, BODY, false);
		c->b[c->nb - 1].toc_page = true;
		for (size_t k = b0; k < c->nb; k++)
			c->b[k].ref = -2 - i; /* links to anchor i */
	}
}

/* Purpose and link, as labelled and plain end an entry. */
static void ref_tail(ctx *c, nq_buf *b, const nq_ref *r, size_t *url_at, keeps *k)
{
	const nq_labels *l = &c->doc->labels;
	if (r->purpose) {
		kept(b, k, l->purpose);
		nq_buf_puts(b, "：");
		for (int i = 0; i < r->npurl; i++) {
			k->url[i][0] = (uint32_t)b->n + r->purl[i][0];
			k->url[i][1] = (uint32_t)b->n + r->purl[i][1];
			k->uri[i] = nq_sprintf(c->a, "%.*s", (int)(r->purl[i][1] - r->purl[i][0]), r->purpose + r->purl[i][0]);
		}
		k->nurl = r->npurl;
		/* End the purpose with a stop unless it has one (。 is 3
		 * bytes; a shorter purpose has none). */
		size_t pn = strlen(r->purpose);
		bool stop = pn >= 3 && !memcmp(r->purpose + pn - 3, "。", 3);
		nq_buf_printf(b, "%s%s", r->purpose, stop ? "" : "。");
	}
	*url_at = 0;
	if (r->url) {
		kept(b, k, l->link);
		nq_buf_puts(b, "：");
		*url_at = b->n;
		nq_buf_puts(b, r->url);
	}
}

/* 编者按: body paragraphs after the masthead, the first led by the bold
 * label and a colon ("编者按：近期，……"), then a little air. */
static void editor_note(ctx *c)
{
	const nq_doc *doc = c->doc;
	if (!doc->editor_note.n)
		return;
	for (size_t i = 0; i < doc->editor_note.n; i++) {
		const nq_para *p = &doc->editor_note.v[i];
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		if (i) {
			lines(c, para(c, p, c->geo.measure, 2 * BODY), c->geo.left, LEAD, BODY, false);
			continue;
		}
		/* The label goes in front of the paragraph's own spans. */
		const char *lab = nq_sprintf(c->a, "%s：", doc->labels.editor_note);
		uint32_t n = (uint32_t)strlen(lab);
		nq_para q = *p;
		q.text = nq_sprintf(c->a, "%s%s", lab, p->text);
		q.len = p->len + n;
		q.nspans = p->nspans + 1;
		q.spans = NQ_NEWN(c->a, nq_span, q.nspans);
		q.spans[0] = (nq_span){ .start = 0, .end = n, .style = NQ_STYLE_BOLD, .ref = -1 };
		for (size_t k = 0; k < p->nspans; k++) {
			q.spans[k + 1] = p->spans[k];
			q.spans[k + 1].start += n;
			q.spans[k + 1].end += n;
		}
		lines(c, para(c, &q, c->geo.measure, 2 * BODY), c->geo.left, LEAD, BODY, false);
	}
	space(c, 8);
}

/* The 报尾 (GB/T 9704-2012 §7.4 版记): at the foot of the last page,
 * between a rule above and below (0.35 mm, 1 pt) with thin rules (0.25 mm,
 * 0.7 pt) between its lines: each recipient line "报：甲，乙。" indented
 * 1 em and hanging under its first name, then the print run
 * "（共印 120 份）" at the right, 1 em in. */
#define BACK_RULE 1.0
#define BACK_THIN 0.7
#define BACK_LEAD 22

/* A name's width in em, near enough: East Asian Width's columns halved (an
 * ideograph 1 em, a Latin letter or space about ½).  Counted in characters,
 * "IBM (China) Co., Ltd." (21, about 10 em) broke after "IBM" with room
 * for it whole on the next line. */
static double name_ems(const char *s, size_t len)
{
	size_t cols = 0;
	for (size_t q = 0; q < len;) {
		int32_t cp = nq_utf8_next(s, len, &q);
		cols += cp < 0 ? 1 : (size_t)nq_cp_width(cp);
	}
	return cols / 2.0;
}

static void rule(ctx *c, double weight, double h)
{
	push(c, B_RULE, h)->rule = weight;
}

static void distribution(ctx *c)
{
	const nq_doc *doc = c->doc;
	if (!doc->has_distribution)
		return;
	size_t at = c->nb;
	push(c, B_FOOT, 0); /* its height, that of what follows, is known at the end */
	rule(c, BACK_RULE, 4);
	double w = c->geo.measure - 2 * BODY;
	for (size_t i = 0; i < doc->nrecipients; i++) {
		const nq_recipients *r = &doc->recipients[i];
		nq_buf b = { .a = c->a };
		nq_buf_printf(&b, "%s：", r->label);
		size_t name_at = b.n;
		uint32_t *ends = nq_alloc(c->a, 2 * (r->nnames + 1) * sizeof *ends);
		for (size_t k = 0; k < r->nnames; k++) {
			nq_buf_puts(&b, k ? "，" : "");
			ends[2 * k] = (uint32_t)b.n;
			nq_buf_puts(&b, r->names[k]);
			ends[2 * k + 1] = (uint32_t)b.n;
		}
		nq_buf_puts(&b, "。");
		const char *s = nq_buf_cstr(&b);
		nq_text *t = text_new(c, s, b.n, w);
		/* Lines filled, not balanced, and broken between names, never
		 * inside one ("市委政 | 策研究室", real-text trial 3): the
		 * lists of GB/T 9704's 版记 run on to the measure.  A name
		 * breaks only when it cannot fit a line of its own with the
		 * mark after it (past 16 em a 17-character name split where
		 * the next line had room for it whole, the review found). */
		t->justify = false;
		t->fill = true;
		t->path = r->path;
		nq_style st = style(NQ_FONT_BODY, BODY, BLACK), ks = st;
		ks.keep = true;
		uint32_t from = 0;
		double room = w / BODY - name_ems(s, name_at) - 1; /* ems under the hang, less the mark */
		for (size_t k = 0; k < r->nnames; k++) {
			if (name_ems(s + ends[2 * k], ends[2 * k + 1] - ends[2 * k]) > room)
				continue;
			nq_text_span(c->keep, t, from, ends[2 * k], st);
			nq_text_span(c->keep, t, ends[2 * k], ends[2 * k + 1], ks);
			from = ends[2 * k + 1];
		}
		nq_text_span(c->keep, t, from, (uint32_t)t->len, st);
		t->hang = (float)hang_at(c, t, name_at);
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		lines(c, brk(c, t), c->geo.left + BODY, BACK_LEAD, BODY, false);
		if (i + 1 < doc->nrecipients || doc->copies)
			rule(c, BACK_THIN, 2);
	}
	if (doc->copies) {
		const char *run = nq_sprintf(c->a, "（共印 %d 份）", doc->copies);
		nq_text *t = text_new(c, run, strlen(run), w);
		t->justify = false;
		nq_style st = style(NQ_FONT_BODY, BODY, BLACK);
		st.keep = true;
		nq_text_span(c->keep, t, 0, (uint32_t)t->len, st);
		const set_lines *pl = brk(c, t);
		double right = pl->nlines ? w - pl->lines[0].width : 0;
		c->blk_elem = elem(c, NQ_ROLE_P, 0, NULL);
		lines(c, pl, c->geo.left + BODY + right, BACK_LEAD, BODY, false);
	}
	rule(c, BACK_RULE, 4);
	double h = 0;
	for (size_t i = at + 1; i < c->nb; i++)
		h += c->b[i].h;
	c->b[at].h = h;
	/* Taller than a page it would run past the foot: say so. */
	double page = c->geo.top - c->geo.bottom;
	if (h > page)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, doc->distribution_at.path, doc->distribution_at.offset,
		            "the distribution block is %.0f pt tall and a page holds %.0f pt: it is split over pages; shorten the recipient lines",
		            h, page);
}

static const char *ref_text(ctx *c, const nq_ref *r, size_t *url_at, keeps *k)
{
	const nq_labels *l = &c->doc->labels;
	nq_buf b = { .a = c->a };
	nq_buf_printf(&b, "[%d] ", r->id);
	kept(&b, k, l->source);
	nq_buf_printf(&b, "：%s，《%s》", r->source, r->title);
	if (r->date && r->date_label) {
		/* "抓取于" and the like read on into the date: no colon */
		nq_buf_puts(&b, "，");
		kept(&b, k, r->date_label);
		kept(&b, k, r->date);
	} else if (r->date) {
		nq_buf_puts(&b, "，");
		kept(&b, k, l->date);
		nq_buf_puts(&b, "：");
		kept(&b, k, r->date);
	}
	nq_buf_puts(&b, "。");
	ref_tail(c, &b, r, url_at, k);
	return nq_buf_cstr(&b);
}

/* How a reference entry reads and is set, per options.reference_style
 * (docs/format.md): its text, where its link is, and for the numbered
 * styles where the text after the number starts, for the hanging indent. */
typedef struct ref_parts {
	size_t url_at, url_end; /* the link's bytes; url_at 0: no link */
	size_t text_at;         /* > 0: lines after the first hang at this byte's place */
	keeps k;
} ref_parts;

static const char *ref_labelled(ctx *c, const nq_ref *r, ref_parts *o)
{
	const char *s = ref_text(c, r, &o->url_at, &o->k);
	o->url_end = strlen(s);
	return s;
}

/* "plain", the seed's layout: 1. 来源，《题名》，2026-05-12。用途：……。链接：URL
 * with the date as written and date_label ("抓取于") read on into it. */
static const char *ref_plain(ctx *c, const nq_ref *r, ref_parts *o)
{
	nq_buf b = { .a = c->a };
	nq_buf_printf(&b, "%d. ", r->id);
	o->text_at = b.n;
	nq_buf_printf(&b, "%s，《%s》", r->source, r->title);
	if (r->iso) {
		nq_buf_puts(&b, "，");
		if (r->date_label)
			kept(&b, &o->k, r->date_label);
		kept(&b, &o->k, r->iso);
	}
	nq_buf_puts(&b, "。");
	ref_tail(c, &b, r, &o->url_at, &o->k);
	o->url_end = b.n;
	return nq_buf_cstr(&b);
}

/* "gbt7714", GB/T 7714-2015 §8 for an electronic resource:
 * [1] 来源. 题名[EB/OL]. (2026-05-12). URL.  A date with a date_label is an
 * access date, the standard's [引用日期]: [2026-05-14].  The purpose has
 * no place in the standard's entry and is left out. */
static const char *ref_gbt7714(ctx *c, const nq_ref *r, ref_parts *o)
{
	nq_buf b = { .a = c->a };
	nq_buf_printf(&b, "[%d] ", r->id);
	o->text_at = b.n;
	nq_buf_printf(&b, "%s. %s", r->source, r->title);
	kept(&b, &o->k, "[EB/OL]");
	nq_buf_puts(&b, ".");
	if (r->iso) {
		nq_buf_puts(&b, " ");
		kept(&b, &o->k, nq_sprintf(c->a, r->date_label ? "[%s]" : "(%s)", r->iso));
		nq_buf_puts(&b, ".");
	}
	if (r->url) {
		nq_buf_puts(&b, " ");
		o->url_at = b.n;
		nq_buf_puts(&b, r->url);
		o->url_end = b.n;
		nq_buf_puts(&b, ".");
	}
	return nq_buf_cstr(&b);
}

typedef const char *(*ref_fn)(ctx *c, const nq_ref *r, ref_parts *o);
static const ref_fn ref_styles[] = {
	[NQ_REFS_LABELLED] = ref_labelled,
	[NQ_REFS_PLAIN] = ref_plain,
	[NQ_REFS_GBT7714] = ref_gbt7714,
};

/* The natural advance of t's atoms before byte at (a number and the gap
 * after it): where a hanging entry's later lines start, under its text. */
static double hang_at(ctx *c, const nq_text *t, size_t at)
{
	const nq_para_lines *pl = nq_linebreak_atoms(c->lb, t, c->fs);
	double x = 0;
	for (size_t k = 0; k < pl->natoms && pl->atoms[k].end <= at; k++)
		x += pl->atoms[k].w + pl->atoms[k].gw;
	return x;
}

static void references(ctx *c, int anch)
{
	const nq_doc *doc = c->doc;
	heading(c, doc->labels.references, anch);
	int list = elem(c, NQ_ROLE_L, 0, NULL);
	for (size_t i = 0; i < doc->nrefs; i++) {
		const nq_ref *r = &doc->refs[i];
		ref_parts o = { 0 };
		const char *s = ref_styles[doc->opt.reference_style ? doc->opt.reference_style : NQ_REFS_LABELLED](c, r, &o);
		size_t url_at = o.url_at;
		keeps k = o.k;
		nq_text *t = text_new(c, s, strlen(s), c->geo.measure);
		t->path = r->path;
		t->offset = r->offset;
		/* Each entry is a paragraph like the body's, 2 em indent
		 * (CLREQ §3.6), so the numbers line up and a page break
		 * between entries reads as one. */
		t->indent = (float)(2 * BODY);
		size_t end = url_at ? url_at : t->len;
		kept_spans(c, t, &k, 0, (uint32_t)end, style(NQ_FONT_BODY, BODY, BLACK));
		if (url_at) {
			nq_style st = as_url(style(NQ_FONT_BODY, BODY, BLACK), r->url);
			nq_text_span(c->keep, t, (uint32_t)url_at, (uint32_t)o.url_end, st);
			if (o.url_end < t->len)
				nq_text_span(c->keep, t, (uint32_t)o.url_end, (uint32_t)t->len,
				             style(NQ_FONT_BODY, BODY, BLACK));
		}
		if (o.text_at) {
			/* Numbered styles hang: the number stands out at the
			 * left, later lines align under the text. */
			t->indent = 0;
			t->hang = (float)hang_at(c, t, o.text_at);
		}
		/* A little air between entries marks where each begins. */
		if (i)
			space(c, 4);
		/* A list entry: the label ("[3] " or "1. ", up to where a
		 * numbered style's text begins) and the rest, the body. */
		int li = elem(c, NQ_ROLE_LI, list, NULL);
		int lbl = elem(c, NQ_ROLE_LBL, li, NULL);
		c->blk_elem = elem(c, NQ_ROLE_LBODY, li, NULL);
		size_t b0 = c->nb;
		lines(c, brk(c, t), c->geo.left, LEAD, BODY, false);
		c->b[b0].ref = (int)i;
		c->b[b0].lbl = lbl;
		c->b[b0].lbl_end = o.text_at ? (uint32_t)o.text_at
		                             : (uint32_t)strlen(nq_sprintf(c->a, "[%d] ", r->id));
	}
}

/* ------------------------------------------------------------ the footer
 *
 * 关注我们: the QR codes side by side, each with its caption wrapped in its
 * own column under it, then the note across the measure.  The rules
 * (docs/typography.md, "The footer"): every code's symbol is drawn at one
 * size; a caption wraps, ragged and centred, within its column and a gutter
 * keeps it off its neighbours; no caption or note text is ever cut; the
 * heading, codes, captions and note are one block that moves to the next
 * page whole.  Codes go on as many rows as the captions need to fit. */

/* The symbol (without quiet zone) every code is drawn at: 60 pt, 21 mm,
 * above the 2 cm that QR printing guides give as the least a phone reads
 * from a printed page at arm's length. */
#define QR_SYMBOL 60
/* The least module a dense code may get: 0.85 pt, 0.3 mm, about a laser
 * printer's 4 dots at 300 dpi.  A code denser than QR_SYMBOL / QR_MODULE_MIN
 * modules makes every code larger, so they still share one size. */
#define QR_MODULE_MIN 0.85
#define QR_QUIET 4             /* modules of white around a symbol, ISO/IEC 18004 §6.3.8 */
#define CAP_LEAD (1.5 * SMALL) /* caption and note lines */
#define CAP_COL_MAX (16 * SMALL) /* a caption column: 16 characters */
#define CAP_GUTTER (2 * SMALL) /* between caption columns: 2 em, so they never touch */
#define FOOT_PAD 6             /* above the codes, as the heading's space below it */
#define ROW_GAP 12             /* between rows of codes */
#define NOTE_GAP 6             /* captions to the note */

typedef struct footer_plan {
	double sym;            /* symbol side, every code */
	double box;            /* symbol and the widest code's quiet zone */
	double colw;           /* caption column */
	size_t per_row, rows;
	const set_lines **cap; /* per code, NULL when the code failed */
	bool *ok;              /* per code: it can be encoded */
	const set_lines *note;
	double h;              /* the whole block below the heading */
	int *fig;              /* per code: its Figure element (symbol and caption) */
	int note_elem;
} footer_plan;

/* A footer text to break: a caption (q) or the note (q NULL), ragged. */
static nq_text *footer_text(ctx *c, const nq_code *q, double width)
{
	const char *s = q ? q->caption : c->doc->footer_note;
	nq_text *t = text_new(c, s, strlen(s), width);
	t->justify = false;
	t->path = q ? q->path : c->doc->footer_note_at.path; /* an overfull line is reported there */
	t->offset = q ? q->offset : c->doc->footer_note_at.offset;
	nq_text_span(c->keep, t, 0, (uint32_t)t->len, style(NQ_FONT_BODY, SMALL, q ? BLACK : GREY));
	return t;
}

/* Column width with n codes on a row: up to CAP_COL_MAX each, the measure
 * shared with gutters; one code alone may use the whole measure. */
static double footer_col(ctx *c, size_t n)
{
	double w = (c->geo.measure - (double)(n - 1) * CAP_GUTTER) / (double)n;
	return n == 1 ? c->geo.measure : fmin(w, CAP_COL_MAX);
}

/* Lines of a trial break of footer text q at width w; 0 when a line is
 * overfull. */
static size_t footer_trial(ctx *c, const nq_code *q, double w)
{
	nq_diags scratch = { .arena = c->a };
	const nq_para_lines *pl = nq_linebreak(c->lb, footer_text(c, q, w), c->fs, &scratch);
	for (size_t k = 0; k < pl->nlines; k++)
		if (pl->lines[k].overfull)
			return 0;
	return pl->nlines;
}

/* Do all captions fit columns of width w without an overfull line?  The
 * trials' diagnostics are dropped; the final break reports. */
static bool captions_fit(ctx *c, double w)
{
	for (size_t i = 0; i < c->doc->ncodes; i++)
		if (!footer_trial(c, &c->doc->codes[i], w))
			return false;
	return true;
}

/* Footer text q (a caption, or the note when NULL) broken for width w,
 * balanced: a text that needs k lines is set at the narrowest width that
 * still gives k lines (halving the interval 8 times, to w / 256), so its
 * lines come out of similar length ("扫码关注西部数字经济 / 研究中心微信
 * 公众号", not a full line and a stub).  The text's width is that measure;
 * draw_qr_footer() centres it in the column. */
static const set_lines *footer_lines(ctx *c, const nq_code *q, double w)
{
	size_t k = footer_trial(c, q, w);
	double hi = w;
	if (k > 1) {
		double lo = w / (double)k;
		for (int i = 0; i < 8; i++) {
			double mid = (lo + hi) / 2;
			if (footer_trial(c, q, mid) == k)
				hi = mid;
			else
				lo = mid;
		}
	}
	return brk(c, footer_text(c, q, hi));
}

/* The block from which the paragraph just set must share a page with what
 * comes next, so that what comes next never stands alone on a page: its
 * last two lines, or all of a paragraph of three or fewer (two and one
 * would leave a line alone, CLREQ §3.7).  -1 when the last block is not
 * the last line of a paragraph, or is already kept with something. */
static long last_lines_from(const ctx *c)
{
	if (!c->nb)
		return -1;
	const block *b = &c->b[c->nb - 1];
	if (b->kind != B_LINE || b->line + 1 != b->nlines || b->nlines > c->nb)
		return -1;
	size_t first = c->nb - b->nlines;
	size_t from = first + (b->nlines >= 4 ? b->nlines - 2 : 0);
	for (size_t i = first; i < c->nb; i++)
		if (c->b[i].pl != b->pl || c->b[i].with)
			return -1;
	return (long)from;
}

static void footer(ctx *c, int anch)
{
	const nq_doc *doc = c->doc;
	footer_plan *fp = c->foot = NQ_NEW(c->a, footer_plan);
	size_t n = doc->ncodes;
	/* 关注我们 alone on the last page reads as a page left over (it did
	 * on industry-briefing at A4): the last lines before it go with it. */
	long kept = last_lines_from(c);
	heading(c, doc->footer_heading, anch);
	/* One size for all: the densest code decides if its modules would
	 * otherwise fall under QR_MODULE_MIN; the sparsest has the widest
	 * modules, so its quiet zone sets the box. */
	int nmin = 0, nmax = 0;
	fp->ok = NQ_NEWN(c->a, bool, n);
	for (size_t i = 0; i < n; i++) {
		if (doc->codes[i].image >= 0) { /* drawn from its file, at the symbol size */
			fp->ok[i] = true;
			continue;
		}
		int m = nq_qr_modules(doc->codes[i].payload);
		fp->ok[i] = m > 0;
		if (!m) {
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, doc->codes[i].path, doc->codes[i].offset,
			            "QR code for \"%s\" could not be made", doc->codes[i].payload);
			continue;
		}
		nmin = nmin && nmin < m ? nmin : m;
		nmax = nmax > m ? nmax : m;
	}
	fp->sym = fmax(QR_SYMBOL, nmax * QR_MODULE_MIN);
	fp->box = nmin ? fp->sym * (1 + 2.0 * QR_QUIET / nmin) : fp->sym;
	if (fp->box > c->geo.measure) { /* not with MAX_PAYLOAD; kept safe */
		fp->sym *= c->geo.measure / fp->box;
		fp->box = c->geo.measure;
	}
	/* As few rows as let every column hold its code and every caption
	 * fit its column; rows share the codes evenly. */
	for (fp->rows = 1; fp->rows <= n; fp->rows++) {
		fp->per_row = (n + fp->rows - 1) / fp->rows;
		fp->colw = footer_col(c, fp->per_row);
		if (fp->per_row > 1 && (fp->colw < fp->box || !captions_fit(c, fp->colw)))
			continue;
		break;
	}
	fp->rows = (n + fp->per_row - 1) / fp->per_row;
	/* The breaks that are drawn: in the dump, and an overfull line
	 * (an unbreakable run wider than the measure) is reported with the
	 * caption's place. */
	fp->cap = NQ_NEWN(c->a, const set_lines *, n);
	fp->h = FOOT_PAD;
	double tallest = 0;
	size_t tall_at = 0;
	for (size_t r = 0; r < fp->rows; r++) {
		size_t most = 0;
		for (size_t i = r * fp->per_row; i < n && i < (r + 1) * fp->per_row; i++) {
			fp->cap[i] = footer_lines(c, &doc->codes[i], fp->colw);
			if (fp->cap[i]->nlines > most)
				most = fp->cap[i]->nlines;
			if (fp->cap[i]->nlines * CAP_LEAD > tallest) {
				tallest = fp->cap[i]->nlines * CAP_LEAD;
				tall_at = i;
			}
		}
		fp->h += fp->box + (double)most * CAP_LEAD + (r + 1 < fp->rows ? ROW_GAP : 0);
	}
	/* Each code is a Figure holding its symbol and its caption; the
	 * alternative text says both, since a reader cannot scan it. */
	fp->fig = NQ_NEWN(c->a, int, n);
	for (size_t i = 0; i < n; i++)
		fp->fig[i] = elem(c, NQ_ROLE_FIGURE, 0,
		                  nq_sprintf(c->a, "%s：%s", doc->codes[i].caption, doc->codes[i].payload));
	fp->note_elem = elem(c, NQ_ROLE_P, 0, NULL);
	fp->note = NULL;
	if (doc->footer_note) {
		fp->note = footer_lines(c, NULL, c->geo.measure);
		fp->h += NOTE_GAP + (double)fp->note->nlines * CAP_LEAD;
	}
	/* The codes, captions and note are one unbreakable block, kept with
	 * the heading (its keep reaches over it).  Taller than a page, it
	 * would run past the foot: say so rather than lose text quietly. */
	push(c, B_QR, fp->h);
	if (kept >= 0) {
		/* Only when the lines, the heading and the codes fit on one
		 * page: with a footer nearly a page tall, the lines would go
		 * to a page of their own and the footer to the next, alone
		 * all the same (a page more). */
		double h = 0;
		for (size_t i = (size_t)kept; i < c->nb; i++)
			h += c->b[i].h;
		if (h <= c->geo.top - c->geo.bottom)
			c->b[kept].with = (int)(c->nb - 1 - (size_t)kept);
	}
	double page = c->geo.top - c->geo.bottom - 10 - 4 - H1_LEAD;
	if (fp->h > page)
		nq_diag_add(c->d, NQ_WARNING, NQ_DC_INPUT, doc->codes[tall_at].path, doc->codes[tall_at].offset,
		            "the footer is %.0f pt tall and a page holds %.0f pt: it runs past the foot of the page; shorten the captions or the note",
		            fp->h, page);
}

/* Build every block; toc_pages says what the contents show. */
static void build(ctx *c)
{
	const nq_doc *doc = c->doc;
	c->nb = 0;
	c->nanchors = 0;
	title_block(c);
	editor_note(c);
	int abstract = -1;
	if (doc->abstract.n) {
		heading(c, doc->labels.abstract, abstract = new_anchor(c, doc->labels.abstract));
		c->anchors[abstract].part = NQ_PART_ABSTRACT;
		body(c, &doc->abstract);
	}
	/* The entries' anchors come first so the contents can list them. */
	int first = (int)c->nanchors;
	for (size_t i = 0; i < doc->nsections; i++) {
		int an = new_anchor(c, nq_sprintf(c->a, "%s%s", doc->sections[i].number, doc->sections[i].heading));
		c->anchors[an].numlen = strlen(doc->sections[i].number);
		c->anchors[an].at = doc->sections[i].heading_at;
		c->anchors[an].part = NQ_PART_SECTIONS;
		sub_anchors(c, &doc->sections[i]);
	}
	if (doc->has_insight) {
		int an = new_anchor(c, doc->insight.heading);
		c->anchors[an].at = doc->insight.heading_at;
		c->anchors[an].part = NQ_PART_INSIGHT;
		sub_anchors(c, &doc->insight);
	}
	if (doc->nrefs) {
		/* Not c->anchors[new_anchor(...)]: the call may move the array
		 * (C11 6.5.2.1 leaves the order open), and the part would be
		 * written past the end of the old one, into the next block of
		 * the arena. */
		int an = new_anchor(c, doc->labels.references);
		c->anchors[an].part = NQ_PART_REFERENCES;
	}
	if (doc->has_footer) {
		int an = new_anchor(c, doc->footer_heading);
		c->anchors[an].at = doc->footer_heading_at;
		c->anchors[an].part = NQ_PART_FOOTER;
	}
	int last = (int)c->nanchors;
	if (c->set->contents) {
		contents(c);
		/* The abstract, set before the contents, is listed only when
		 * options.contents_parts names it. */
		contents_entries(c, abstract >= 0 && (contents_parts(c) & NQ_PART_ABSTRACT) ? abstract : first,
		                 last);
	}
	int k = first;
	for (size_t i = 0; i < doc->nsections; i++) {
		heading(c, c->anchors[k].title, k);
		k++;
		section_body(c, &doc->sections[i], &k);
	}
	if (doc->has_insight) {
		heading(c, doc->insight.heading, k++);
		section_body(c, &doc->insight, &k);
	}
	if (doc->nrefs)
		references(c, k++);
	if (doc->has_footer)
		footer(c, k++);
	distribution(c);
}

/* ------------------------------------------------------------- drawing */

static void text_at(ctx *c, nq_page *pg, const char *s, nq_style st, double x, double base,
                    double width, int align);

static void page_furniture(ctx *c, nq_page *pg, int number);

/* A page is done when the next one starts (or the pass ends): its folio
 * and running head go on last, as before, and its items, which grew by
 * doubling in c->items (item()), move to an array of their exact size
 * in the frames' arena; the outgrown copies go with c->items: 4 MB of a
 * 200-page issue (docs/performance.md, round 4). */
static void finish_page(ctx *c, nq_page *pg)
{
	int cur = c->cur_elem, lbl = c->lbl_elem;
	c->lbl_elem = 0; /* what every block leaves (paginate) */
	page_furniture(c, pg, (int)(pg - c->fr->pages) + 1);
	c->cur_elem = cur;
	c->lbl_elem = lbl;
	nq_item *v = NQ_NEWN(c->a, nq_item, pg->n ? pg->n : 1);
	if (pg->n)
		memcpy(v, pg->items, pg->n * sizeof *v);
	pg->items = v;
	pg->cap = pg->n ? pg->n : 1;
	nq_arena_free(c->items);
	c->items = nq_arena_new();
}

static nq_page *new_page(ctx *c)
{
	nq_frames *fr = c->fr;
	if (fr->npages && !c->measure)
		finish_page(c, &fr->pages[fr->npages - 1]);
	if (fr->npages >= MAX_PAGES) {
		if (!c->too_long)
			nq_diag_add(c->d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
			            "the issue needs more than %d pages; split it into several issues",
			            MAX_PAGES);
		c->too_long = true;
		/* Keep drawing into the last page: the run fails anyway. */
		nq_page *pg = &fr->pages[fr->npages - 1];
		pg->n = 0;
		return pg;
	}
	nq_page *pg = NQ_PUSH(c->a, fr->pages, fr->npages, fr->capp);
	memset(pg, 0, sizeof *pg);
	pg->folio = (int)fr->npages;
	if (c->set->draft && !c->measure) {
		/* The draft mark goes first, under everything else: large,
		 * pale, in the middle of the page.  Not content: an artifact. */
		int keep = c->cur_elem;
		c->cur_elem = 0;
		text_at(c, pg, c->set->draft, style(NQ_FONT_HEADING, DRAFT_SIZE, DRAFT_GREY), c->geo.left,
		        c->geo.ph / 2 - DRAFT_SIZE / 3, c->geo.measure, 0);
		c->cur_elem = keep;
	}
	return pg;
}

static nq_item *item(ctx *c, nq_page *pg, nq_item_kind k)
{
	nq_item *it = NQ_PUSH(c->items, pg->items, pg->n, pg->cap);
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->dest_page = -1;
	it->elem = c->cur_elem;
	return it;
}

/* A link area; e is its Link element, which gets the annotation. */
static void link(ctx *c, nq_page *pg, double x, double y, double w, double h, const char *uri,
                 int page, double dy, int e)
{
	nq_item *it = item(c, pg, NQ_ITEM_LINK);
	it->elem = e;
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->uri = uri;
	it->dest_page = page;
	it->dest_y = dy;
}

/* What a URL link says to a screen reader (its annotations' /Contents):
 * the host, "www.news.cn" (the reader announces the Link role itself).
 * Not the URL: it is the link's text already, and a 2 KB URL wrapped over
 * 40 lines would be copied into 40 annotations. */
static const char *link_alt(ctx *c, const char *uri)
{
	const char *h = strstr(uri, "://");
	h = h ? h + 3 : uri;
	size_t n = strcspn(h, "/?#");
	if (n > 253) /* a host name has at most 253 characters (RFC 1035) */
		n = 253;
	return nq_strndup(c->a, h, n);
}

/* Internal link targets are known only after pagination: encode them in
 * dest_page and resolve in fix_links. */
#define DEST_REF(i) (-1000 - (i))
#define DEST_ANCHOR(i) (-2 - (i))

/* The glyphs of the run of atoms from k with one face, size and colour
 * (one glyph item of draw_line), counted so the item is sized exactly:
 * the whole line's count for every run was 4 times the glyphs, 26 MB of
 * a 200-page issue (docs/performance.md). */
static size_t run_glyphs(const set_lines *pl, const nq_line *ln, uint32_t k)
{
	const set_atom *a0 = &pl->atoms[k];
	const nq_style *s0 = &pl->in->spans[a0->span].st;
	size_t n = 0;
	for (; k < ln->a1; k++) {
		const set_atom *at = &pl->atoms[k];
		const nq_style *st = &pl->in->spans[at->span].st;
		if (at->font != a0->font || st->size != s0->size ||
		    memcmp(&st->color, &s0->color, sizeof st->color) != 0)
			break;
		n += at->ng + (k + 1 < ln->a1 && at->space_gid && at->space_font == at->font);
	}
	return n ? n : 1;
}

/* Draw one line: runs of atoms with one style become one glyph item. */
static double draw_line(ctx *c, nq_page *pg, const set_lines *pl, size_t li, double x,
                        double base, bool center, int toc_anchor)
{
	const nq_line *ln = &pl->lines[li];
	const nq_text *t = pl->in;
	double pen = x + ln->x0;
	if (center)
		pen = x + (t->width - ln->width) / 2;
	double line_x0 = pen;
	/* The item is addressed by index: adding a link grows pg->items. */
	size_t iti = 0;
#define it (&pg->items[iti])
	const nq_style *cur = NULL;
	double link_x0 = 0;
	const nq_style *lst = NULL;
	/* Tagging: a contents entry's line is one Link; otherwise each run
	 * with a link target is a Link inside the line's element (or the
	 * label's, for text before c->lbl_end). */
	int line_elem = c->cur_elem, link_elem = 0;
	if (toc_anchor >= 0)
		line_elem = elem(c, NQ_ROLE_LINK, line_elem, c->anchors[toc_anchor].title);
	for (uint32_t k = ln->a0; k < ln->a1; k++) {
		const set_atom *at = &pl->atoms[k];
		const nq_style *st = &t->spans[at->span].st;
		int want = c->lbl_elem && at->start < c->lbl_end ? c->lbl_elem : line_elem;
		/* Links: one rectangle per run of atoms with the same target. */
		if (!lst || st->ref != lst->ref || st->uri != lst->uri) {
			if (lst && (lst->ref >= 0 || lst->uri))
				link(c, pg, link_x0, base - 0.3 * BODY, pen - link_x0, 1.25 * BODY, lst->uri,
				     lst->uri ? -1 : DEST_REF(lst->ref), 0, link_elem);
			lst = st;
			link_x0 = pen;
			link_elem = 0;
			if (st->uri && st->uri == c->uri_last && want == c->uri_parent) {
				/* The same URL wrapped onto this line: one
				 * Link, with an annotation per line. */
				link_elem = c->uri_elem;
			} else if (st->uri) {
				link_elem = elem(c, NQ_ROLE_LINK, want, link_alt(c, st->uri));
				c->uri_last = st->uri;
				c->uri_parent = want;
				c->uri_elem = link_elem;
			}
			else if (st->ref >= 0 && (size_t)st->ref < c->doc->nrefs)
				/* "[3] 新华社": the entry and its source; the
				 * title would be copied into every citation's
				 * annotation, 4 bytes a character. */
				link_elem = elem(c, NQ_ROLE_LINK, want,
				                 nq_sprintf(c->a, "[%d] %s", c->doc->refs[st->ref].id,
				                            c->doc->refs[st->ref].source));
		}
		if (link_elem)
			want = link_elem;
		if (!cur || it->font != at->font || cur->size != st->size ||
		    memcmp(&cur->color, &st->color, sizeof st->color) != 0 || it->elem != want) {
			item(c, pg, NQ_ITEM_GLYPHS);
			iti = pg->n - 1;
			it->elem = want;
			it->x = pen;
			it->y = base;
			it->font = at->font; /* the style's face or a fallback */
			it->size = st->size;
			it->color = st->color;
			it->text = t->text;
			it->g = NQ_NEWN(c->a, nq_pglyph, run_glyphs(pl, ln, k));
		}
		cur = st;
		const nq_font *f = &c->fs->f[at->font];
		double scale = st->size / f->upem;
		double gx = pen - at->lead - it->x;
		for (uint32_t g = at->g0; g < at->g0 + at->ng; g++) {
			const set_glyph *gl = &pl->glyphs[g];
			nq_pglyph *o = &it->g[it->ng++];
			o->gid = gl->gid;
			o->x = (float)(gx + gl->dx * scale);
			o->y = (float)(gl->dy * scale);
			o->text_off = g == at->g0 ? at->start : 0;
			o->text_len = g == at->g0 ? at->end - at->start : 0;
			gx += gl->adv * scale;
		}
		pen += at->w;
		if (k + 1 < ln->a1) {
			if (at->space_gid && at->space_font == at->font) {
				/* Keep the typed space as a glyph so that copying
				 * gives "AI model"; it sits inside the gap. */
				nq_pglyph *o = &it->g[it->ng++];
				o->gid = at->space_gid;
				o->x = (float)(pen - it->x);
				o->text_off = at->end;
				size_t q = at->end;
				nq_utf8_next(t->text, t->len, &q);
				o->text_len = (uint32_t)(q - at->end);
			}
			pen += ln->gap[k - ln->a0];
		}
	}
	if (lst && (lst->ref >= 0 || lst->uri))
		link(c, pg, link_x0, base - 0.3 * BODY, pen - link_x0, 1.25 * BODY, lst->uri,
		     lst->uri ? -1 : DEST_REF(lst->ref), 0, link_elem);
	if (toc_anchor >= 0)
		link(c, pg, line_x0, base - 0.3 * BODY, c->geo.measure - (line_x0 - x), 1.25 * BODY, NULL,
		     DEST_ANCHOR(toc_anchor), 0, line_elem);
	return pen;
#undef it
}

/* A text written at `at` in the source (for the line breaker's messages). */
static void text_at_loc(ctx *c, nq_page *pg, const char *s, nq_style st, double x, double base,
                        double width, int align /* -1 left, 0 centre, 1 right */, nq_loc at)
{
	nq_text *t = text_new(c, s, strlen(s), width);
	t->path = at.path;
	t->offset = at.offset;
	t->justify = false;
	nq_text_span(c->keep, t, 0, (uint32_t)t->len, st);
	const set_lines *pl = keep_lines(c->lb, nq_linebreak(c->lb, t, c->fs, c->d));
	if (pl->nlines) {
		double w = pl->lines[0].width;
		double left = align < 0 ? x : align == 0 ? x + (width - w) / 2 : x + width - w;
		draw_line(c, pg, pl, 0, left - pl->lines[0].x0, base, false, -1);
	}
	scratch_reset(c);
}

static void text_at(ctx *c, nq_page *pg, const char *s, nq_style st, double x, double base,
                    double width, int align)
{
	text_at_loc(c, pg, s, st, x, base, width, align, (nq_loc){ NULL, -1 });
}

static double baseline(double top, double lead, double size)
{
	/* Centre the em box in the line box; the ideographic em box's bottom
	 * sits 0.12 em below the baseline in Noto CJK (OS/2 ideo baseline). */
	return top - (lead - size) / 2 - 0.88 * size;
}

static void image_item(ctx *c, nq_page *pg, int image, double x, double y, double w, double h);

static void draw_qr_footer(ctx *c, nq_page *pg, double top)
{
	const nq_doc *doc = c->doc;
	const footer_plan *fp = c->foot;
	size_t n = doc->ncodes;
	double y = top - FOOT_PAD;
	for (size_t r = 0; r < fp->rows; r++) {
		size_t i0 = r * fp->per_row, i1 = i0 + fp->per_row < n ? i0 + fp->per_row : n;
		double roww = (double)(i1 - i0) * fp->colw + (double)(i1 - i0 - 1) * CAP_GUTTER;
		double x = c->geo.left + (c->geo.measure - roww) / 2;
		size_t most = 0;
		for (size_t i = i0; i < i1; i++) {
			double colx = x + (double)(i - i0) * (fp->colw + CAP_GUTTER);
			size_t n0 = pg->n;
			c->cur_elem = fp->fig[i];
			if (doc->codes[i].image >= 0) {
				/* The office's own code, fitted into the symbol's square. */
				const nq_image *im = &doc->images[doc->codes[i].image];
				double s = fp->sym / fmax(im->width, im->height);
				double w = im->width * s, h = im->height * s;
				image_item(c, pg, doc->codes[i].image, colx + (fp->colw - w) / 2,
				           y - (fp->box + h) / 2, w, h);
			} else if (fp->ok[i])
				nq_qr_draw(c->a, pg, doc->codes[i].payload, colx + (fp->colw - fp->sym) / 2,
				           y - (fp->box + fp->sym) / 2, fp->sym);
			for (size_t k = n0; k < pg->n; k++)
				pg->items[k].elem = fp->fig[i];
			const set_lines *pl = fp->cap[i];
			double capx = colx + (fp->colw - pl->in->width) / 2; /* a balanced caption is narrower */
			for (size_t k = 0; k < pl->nlines; k++)
				draw_line(c, pg, pl, k, capx, baseline(y - fp->box - (double)k * CAP_LEAD, CAP_LEAD, SMALL),
				          true, -1);
			if (pl->nlines > most)
				most = pl->nlines;
		}
		y -= fp->box + (double)most * CAP_LEAD + ROW_GAP;
	}
	y += ROW_GAP - NOTE_GAP;
	c->cur_elem = fp->note_elem;
	if (fp->note)
		for (size_t k = 0; k < fp->note->nlines; k++)
			draw_line(c, pg, fp->note, k, c->geo.left + (c->geo.measure - fp->note->in->width) / 2,
			          baseline(y - (double)k * CAP_LEAD, CAP_LEAD, SMALL), true, -1);
}

/* GB/T 9704-2012 §7.5: "— 1 —" in 4号 (14 pt) Song, 7 mm below the type
 * area, on the outer side 1 em in: right on odd pages, left on even. */
#define FOLIO_9704 14
#define MM_7 19.84

static void folio_9704(ctx *c, nq_page *pg, int number)
{
	double base = c->geo.bottom - MM_7 - 0.88 * FOLIO_9704;
	text_at(c, pg, nq_sprintf(c->a, "— %d —", number), style(NQ_FONT_BODY, FOLIO_9704, BLACK),
	        c->geo.left + FOLIO_9704, base, c->geo.measure - 2 * FOLIO_9704, number % 2 ? 1 : -1);
}

/* Folio, running head and its rule: artifacts (elem 0), not content. */
static void page_furniture(ctx *c, nq_page *pg, int number)
{
	c->cur_elem = 0;
	if (c->doc->opt.page_numbers == NQ_FOLIO_GBT9704)
		folio_9704(c, pg, number);
	else
		text_at(c, pg, nq_sprintf(c->a, "%d", number), style(NQ_FONT_BODY, SMALL, GREY), c->geo.left, 40,
		        c->geo.measure, 0);
	if (number > 1) {
		const char *head = nq_sprintf(c->a, "%s　%s", c->doc->title, c->doc->date);
		/* The running head is the title: messages about it point there. */
		text_at_loc(c, pg, head, style(NQ_FONT_BODY, SMALL, GREY), c->geo.left, c->geo.ph - 48, c->geo.measure,
		            1, c->doc->title_at);
		nq_item *r = item(c, pg, NQ_ITEM_RECT);
		r->x = c->geo.left;
		r->y = c->geo.ph - 53;
		r->w = c->geo.measure;
		r->h = 0.5;
		r->color = GREY;
	}
}

static void image_item(ctx *c, nq_page *pg, int image, double x, double y, double w, double h)
{
	nq_item *it = item(c, pg, NQ_ITEM_IMAGE);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->image = image;
}

/* A rule across the measure whose top is at y. */
static void table_rule(ctx *c, nq_page *pg, double y, double thick)
{
	nq_item *r = item(c, pg, NQ_ITEM_RECT);
	r->x = c->geo.left;
	r->y = y - thick / 2;
	r->w = c->geo.measure;
	r->h = thick;
	r->color = RULE_INK;
	r->elem = 0; /* a rule: an artifact */
}

/* Row r of a table, its top at y; the header brings its rules. */
/* Row r of tp with its top at y; repeat: the header again after a page
 * break, an artifact (its TH cells are tagged where it first stands). */
static void draw_row(ctx *c, nq_page *pg, const table_plan *tp, size_t r, double y, bool repeat)
{
	if (r == 0)
		table_rule(c, pg, y, RULE_THICK);
	for (size_t j = 0; j < tp->cols; j++) {
		const set_lines *pl = tp->cell[r * tp->cols + j];
		bool right = tp->right[r * tp->cols + j];
		c->cur_elem = repeat ? 0 : tp->elem[r * tp->cols + j];
		for (size_t k = 0; k < pl->nlines; k++) {
			const nq_line *ln = &pl->lines[k];
			double x = c->geo.left + tp->colx[j] + CELL_PADX;
			if (right)
				x += tp->colw[j] - 2 * CELL_PADX - ln->width - ln->x0;
			draw_line(c, pg, pl, k, x, baseline(y - CELL_PADY - (double)k * CELL_LEAD, CELL_LEAD, CELL),
			          false, -1);
		}
	}
	if (r == 0)
		table_rule(c, pg, y - tp->h[0], RULE_THIN);
}

/* Lines of the block run starting at i that must go on one page with it. */
static double need(ctx *c, size_t i)
{
	const block *b = &c->b[i];
	double h = b->h;
	if (b->kind == B_ROW && b->row >= 2 && b->row + 2 == b->tb->rows && i + 1 < c->nb)
		return h + c->b[i + 1].h; /* the last row never alone under a repeated header */
	if (b->with) {
		/* A figure and its caption, a caption and the table's
		 * first rows: all on one page. */
		for (size_t j = i + 1; j <= i + (size_t)b->with && j < c->nb; j++)
			h += c->b[j].h;
		return h;
	}
	if (b->kind == B_LINE && b->keep) {
		/* A heading: itself, then `keep` lines of the next paragraph. */
		size_t j = i + 1;
		int lines_left = b->keep;
		while (j < c->nb && c->b[j].keep)
			h += c->b[j++].h; /* the rest of the heading */
		while (j < c->nb && lines_left > 0) {
			if (c->b[j].kind == B_FOOT)
				break; /* the 报尾 finds its own place: not kept with */
			if (c->b[j].kind == B_LINE || c->b[j].kind == B_ROW) { /* a table row counts as a line */
				lines_left--;
				if (c->b[j].nlines == 3 && c->b[j].line == 0)
					lines_left++; /* all three: no widow */
			}
			h += c->b[j++].h;
		}
		return h;
	}
	if (b->kind == B_LINE && b->nlines >= 2 && !b->toc_page) {
		/* CLREQ §3.7 (widows and orphans): never one line of a
		 * paragraph alone at the foot or the head of a page. */
		if (b->line == 0)
			return b->h * (b->nlines == 3 ? 3 : 2);
		if (b->nlines - b->line == 2 && b->line >= 2)
			return b->h * 2;
	}
	return h;
}

static void paginate(ctx *c)
{
	nq_frames *fr = c->fr;
	fr->npages = 0;
	fr->nelems = c->nelems_built; /* drop the last pass's links */
	c->uri_last = NULL;
	c->cur_elem = 0;
	nq_page *pg = new_page(c);
	double y = c->geo.top;
	for (size_t i = 0; i < c->nb; i++) {
		block *b = &c->b[i];
		bool top_of_page = y == c->geo.top;
		if (b->kind == B_SPACE) {
			if (!top_of_page)
				y -= b->h;
			continue;
		}
		if (b->kind == B_FOOT) {
			/* What follows goes to the foot: this page's if it fits. */
			if (!top_of_page && y - b->h < c->geo.bottom) {
				pg = new_page(c);
				y = c->geo.top;
			}
			if (c->geo.bottom + b->h < y)
				y = c->geo.bottom + b->h;
			continue;
		}
		if (b->kind == B_PAGEBREAK || (!top_of_page && y - need(c, i) < c->geo.bottom)) {
			bool cont = b->kind == B_ROW && b->row > 0;
			if (cont && !c->measure) /* the part of the table on this page ends in its rule */
				table_rule(c, pg, y, RULE_THICK);
			pg = new_page(c);
			y = c->geo.top;
			if (cont) { /* ... and the next begins with the header again */
				if (!c->measure)
					draw_row(c, pg, b->tb, 0, y, true);
				y -= b->tb->h[0];
			}
		}
		int pno = (int)fr->npages - 1;
		if (b->anchor >= 0) {
			c->anchors[b->anchor].page = pno;
			c->anchors[b->anchor].y = y + 4;
		}
		if (b->ref >= 0) {
			c->ref_page[b->ref] = pno;
			c->ref_y[b->ref] = y + 2;
		}
		if (c->measure) { /* where blocks go depends on their heights only */
			y -= b->h;
			continue;
		}
		c->cur_elem = b->elem;
		c->lbl_elem = b->lbl;
		c->lbl_end = b->lbl_end;
		switch (b->kind) {
		case B_LINE: {
			double base = baseline(y, b->h, b->size);
			int toc = b->ref <= -2 ? -2 - b->ref : -1;
			double end = draw_line(c, pg, b->pl, b->line, b->x, base, b->center,
			                       b->line + 1 == b->nlines ? toc : -1);
			c->lbl_elem = 0;
			if (b->mark) {
				/* A list item's marker: its Lbl. */
				c->cur_elem = b->lbl ? b->lbl : b->elem;
				draw_line(c, pg, b->mark, 0, b->mark_x - b->mark->lines[0].x0, base, false, -1);
				c->cur_elem = b->elem;
			}
			if (b->toc_page) {
				/* Dot leaders from the entry to its page number. */
				double numw = 0;
				text_at(c, pg, nq_sprintf(c->a, "%d", c->toc_pages[toc]),
				        style(NQ_FONT_BODY, BODY, BLACK), c->geo.left, base, c->geo.measure, 1);
				numw = 2 * BODY;
				double step = BODY / 2;
				double d0 = ceil((end + step - c->geo.left) / step) * step + c->geo.left;
				double last = d0;
				while (last + step < c->geo.left + c->geo.measure - numw)
					last += step;
				if (d0 < c->geo.left + c->geo.measure - numw) {
					nq_item *dots = item(c, pg, NQ_ITEM_DOTS);
					dots->x = d0;
					dots->y = base + 0.12 * BODY;
					dots->w = last - d0;
					dots->h = 1.1;
					dots->step = step;
					dots->color = GREY;
					dots->elem = 0; /* leaders: an artifact */
				}
			}
			break;
		}
		case B_RULE: {
			nq_item *r = item(c, pg, NQ_ITEM_RECT);
			r->x = c->geo.left;
			r->y = y - b->h / 2;
			r->w = c->geo.measure;
			r->h = b->rule ? b->rule : 1.6;
			r->color = b->rule ? BLACK : RED;
			r->elem = 0; /* a rule: an artifact */
			break;
		}
		case B_QR:
			draw_qr_footer(c, pg, y);
			break;
		case B_IMAGE:
			image_item(c, pg, b->image, b->x, y - b->dy - b->ih, b->w, b->ih);
			break;
		case B_ROW:
			draw_row(c, pg, b->tb, b->row, y, false);
			if (b->row + 1 == b->tb->rows)
				table_rule(c, pg, y - b->h, RULE_THICK);
			break;
		default:
			break;
		}
		y -= b->h;
	}
	if (!c->measure)
		finish_page(c, &fr->pages[fr->npages - 1]);
}

static void fix_links(ctx *c)
{
	for (size_t p = 0; p < c->fr->npages; p++) {
		nq_page *pg = &c->fr->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			nq_item *it = &pg->items[i];
			if (it->kind != NQ_ITEM_LINK || it->uri)
				continue;
			if (it->dest_page <= -1000) {
				int r = -1000 - it->dest_page;
				it->dest_page = c->ref_page[r];
				it->dest_y = c->ref_y[r];
			} else if (it->dest_page <= -2) {
				int an = -2 - it->dest_page;
				it->dest_page = c->anchors[an].page;
				it->dest_y = c->anchors[an].y;
			}
		}
	}
}

static size_t text_bytes(const nq_paras *ps)
{
	size_t n = 0;
	for (size_t i = 0; i < ps->n; i++)
		n += ps->v[i].len;
	return n;
}

nq_frames *nq_layout(nq_arena *a, const nq_doc *doc, const nq_fontset *fs,
                     const nq_setup *set, nq_diags *d, nq_buf *dump)
{
	ctx c = { .a = a, .doc = doc, .fs = fs, .set = set, .geo = geometry_for(set->paper), .d = d };
	c.fr = NQ_NEW(a, nq_frames);
	size_t text = text_bytes(&doc->abstract) + (doc->has_insight ? text_bytes(&doc->insight.paras) : 0);
	for (size_t i = 0; i < doc->nsections; i++)
		text += text_bytes(&doc->sections[i].paras);
	if (text > MAX_TEXT) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
		            "the issue has %.1f MiB of text; at most %d MiB (about 250 pages) can be set",
		            (double)text / (1 << 20), MAX_TEXT >> 20);
		return NULL;
	}
	c.ref_y = NQ_NEWN(a, double, doc->nrefs + 1);
	c.ref_page = NQ_NEWN(a, int, doc->nrefs + 1);
	size_t maxanch = doc->nsections + 8;
	for (size_t i = 0; i < doc->nsections; i++)
		maxanch += (size_t)doc->sections[i].nsub;
	if (doc->has_insight)
		maxanch += (size_t)doc->insight.nsub;
	c.toc_pages = NQ_NEWN(a, int, maxanch);
	int pass;
	/* The line breaker works in a scratch arena reset after every
	 * paragraph (its atoms, 72 bytes a character, and its trials); what
	 * draw_line reads of a paragraph is kept in c.keep (keep_lines, 40
	 * bytes a character) and the frames copy what they need of it, so
	 * c.keep is freed before the PDF is written (docs/performance.md). */
	c.lb = nq_arena_new();
	c.keep = nq_arena_new();
	/* Blocks are built once: the contents' page numbers do not change
	 * any line break, only what paginate draws. */
	c.dump = dump;
	build(&c);
	c.dump = NULL;
	c.nelems_built = c.fr->nelems;
	for (pass = 1; pass <= MAX_PASSES; pass++) {
		/* With anchors the first pass is never the last (its page
		 * numbers start at 0).  It only places the blocks: where they
		 * go depends on their heights alone (build() made them before
		 * any page number was known), and drawing would make items,
		 * elements and link areas the next pass drops. */
		c.measure = pass == 1 && c.nanchors > 0;
		nq_arena_free(c.items);
		c.items = nq_arena_new();
		paginate(&c);
		bool stable = true;
		for (size_t i = 0; i < c.nanchors; i++) {
			if (c.toc_pages[i] != c.anchors[i].page + 1)
				stable = false;
			c.toc_pages[i] = c.anchors[i].page + 1;
		}
		if ((stable || c.too_long) && !c.measure)
			break;
	}
	if (set->stats) {
		set->stats->contents_passes = pass > MAX_PASSES ? MAX_PASSES : pass;
		set->stats->pages = (int)c.fr->npages;
	}
	if (pass > MAX_PASSES)
		nq_diag_add(d, NQ_WARNING, NQ_DC_INTERNAL, NULL, -1,
		            "contents page numbers did not settle after %d passes", MAX_PASSES);
	nq_arena_free(c.items);
	fix_links(&c);
	nq_arena_free(c.lb);
	nq_arena_free(c.keep);
	nq_frames *fr = c.fr;
	fr->images = doc->images;
	fr->nimages = doc->nimages;
	fr->width = c.geo.pw;
	fr->height = c.geo.ph;
	/* The outline in reading order (the contents' anchor was made after
	 * the entries it lists). */
	for (size_t i = 0; i < c.nanchors; i++) {
		size_t at = fr->noutline;
		while (at > 0 && (fr->outline[at - 1].page > c.anchors[i].page ||
		                  (fr->outline[at - 1].page == c.anchors[i].page &&
		                   fr->outline[at - 1].y < c.anchors[i].y)))
			at--;
		NQ_PUSH(a, fr->outline, fr->noutline, fr->capo);
		memmove(&fr->outline[at + 1], &fr->outline[at], (fr->noutline - 1 - at) * sizeof *fr->outline);
		nq_outline *o = &fr->outline[at];
		o->title = c.anchors[i].title;
		o->level = c.anchors[i].level;
		o->page = c.anchors[i].page;
		o->y = c.anchors[i].y;
	}
	fr->title = doc->title;
	fr->author = doc->author;
	fr->subject = doc->subject;
	fr->keywords = doc->keywords;
	fr->creator = "nqpdf " NQ_VERSION;
	fr->lang = "zh-CN";
	fr->year = doc->year;
	fr->month = doc->month;
	fr->day = doc->day;
	fr->epoch = -1;
	return fr;
}
