/*
 * frame.h - the output of layout and the only input of pdf/: pages of items
 * at fixed positions (after Typst's Frame).  PDF user space: points, origin
 * at the bottom-left of the page, y up.  Plain data; all in the arena.
 */
#ifndef NQ_FRAME_H
#define NQ_FRAME_H

#include "nqpdf.h"
#include "../shape/font.h"

typedef struct nq_color { float r, g, b; } nq_color;

/* One glyph placed on a baseline.  text_off/text_len name the characters
 * (UTF-8, in the run's text) this glyph stands for: the first glyph of a
 * HarfBuzz cluster carries the whole cluster, the others carry 0 bytes. */
typedef struct nq_pglyph {
	uint32_t gid;       /* HarfBuzz glyph id in the run's font */
	float x;            /* pen x relative to the run origin, pt */
	float y;            /* offset from the baseline (GPOS), pt; usually 0 */
	uint32_t text_off, text_len;
} nq_pglyph;

typedef enum nq_item_kind {
	NQ_ITEM_GLYPHS, /* a run of glyphs in one font and size */
	NQ_ITEM_RECT,   /* a filled rectangle (rules, QR modules) */
	NQ_ITEM_DOTS,   /* dot leaders: filled dots of diameter h, centres from
	                 * (x, y) to (x + w, y), one every `step` pt */
	NQ_ITEM_LINK,   /* a link area: URI or an internal destination */
	NQ_ITEM_IMAGE,  /* image `image` of the frames scaled into (x, y, w, h) */
	NQ_ITEM__COUNT
} nq_item_kind;

/* What a part of the page is to a reader: the role of a structure element
 * of the tagged PDF (PDF 32000-1, 14.8.4, "standard structure types").
 * Layout makes the elements in reading order and tags every item with
 * one; pdf/tags.c turns each role into its structure type through one
 * table (role_info there), so a new kind of block is one enum value
 * here and one row there.  Running heads, folios, rules, leaders and the
 * draft mark are not content: their items have elem 0 (an artifact). */
typedef enum nq_role {
	NQ_ROLE_H1,     /* the title */
	NQ_ROLE_H2,     /* section headings (abstract, contents, sections...) */
	NQ_ROLE_H3,     /* sub-headings */
	NQ_ROLE_P,      /* a paragraph, or one line of the title block */
	NQ_ROLE_L,      /* a list (the references, a list block) */
	NQ_ROLE_LI,     /* one entry: Lbl then LBody */
	NQ_ROLE_LBL,    /* its label ("[3] ") */
	NQ_ROLE_LBODY,  /* its text */
	NQ_ROLE_TOC,    /* the contents */
	NQ_ROLE_TOCI,   /* one contents entry */
	NQ_ROLE_LINK,   /* text that is a link; pdf/ adds the annotation */
	NQ_ROLE_FIGURE, /* a QR code or an image; alt: caption (and payload) */
	NQ_ROLE_TABLE,  /* a table: TR rows of TH (the header) or TD cells */
	NQ_ROLE_TR,
	NQ_ROLE_TH,
	NQ_ROLE_TD,
	NQ_ROLE__COUNT
} nq_role;

typedef struct nq_elem {
	nq_role role;
	int parent;       /* 1 + index in nq_frames.elems; 0: the Document root */
	const char *alt;  /* UTF-8 or NULL: a figure's /Alt, a link's
	                   * description (its annotation's /Contents) */
} nq_elem;

typedef struct nq_item {
	nq_item_kind kind;
	int elem;     /* 1 + index in nq_frames.elems of the structure element
	               * the item belongs to; 0: an artifact */
	double x, y;  /* GLYPHS: baseline origin; RECT/LINK: lower-left corner */
	double w, h;  /* RECT/LINK size; DOTS: length and dot diameter */
	double step;  /* DOTS: distance between dot centres */
	nq_color color;
	/* GLYPHS */
	nq_font_id font;
	double size;
	const char *text;   /* UTF-8 the glyphs' text_off index into */
	nq_pglyph *g;
	size_t ng;
	/* LINK: uri, or (dest_page, dest_y) when uri is NULL */
	const char *uri;
	int dest_page;      /* 0-based */
	double dest_y;
	/* IMAGE: index into nq_frames.images */
	int image;
} nq_item;

typedef struct nq_page {
	nq_item *items;
	size_t n, cap;
	int folio;          /* printed page number, 0 when none */
} nq_page;

typedef struct nq_outline {
	const char *title;  /* UTF-8 */
	int level;          /* 0 = top */
	int page;           /* 0-based */
	double y;           /* top of the heading */
} nq_outline;

struct nq_image;

typedef struct nq_frames {
	double width, height;    /* page size, pt */
	const struct nq_image *images; /* the image files, loaded (model.h) */
	size_t nimages;
	nq_page *pages;
	size_t npages, capp;
	nq_outline *outline;
	size_t noutline, capo;
	nq_elem *elems;          /* the structure elements, parents first */
	size_t nelems, cape;
	bool pdfa;               /* PDF/A-2u and PDF/UA-1 (--pdf-standard) */
	/* document information, UTF-8 */
	const char *title, *author, *subject, *keywords, *creator, *lang;
	int year, month, day;    /* /CreationDate and /ModDate (UTC midnight) */
	long long epoch;         /* SOURCE_DATE_EPOCH if >= 0: overrides the date */
} nq_frames;

#endif
