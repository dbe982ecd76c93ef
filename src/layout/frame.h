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

typedef struct nq_item {
	nq_item_kind kind;
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
	/* document information, UTF-8 */
	const char *title, *author, *subject, *keywords, *creator, *lang;
	int year, month, day;    /* /CreationDate and /ModDate (UTC midnight) */
	long long epoch;         /* SOURCE_DATE_EPOCH if >= 0: overrides the date */
} nq_frames;

#endif
