/*
 * layout.h - the document model in, pages of positioned items out.
 */
#ifndef NQ_LAYOUT_H
#define NQ_LAYOUT_H

#include "frame.h"
#include "model/model.h"
#include "linebreak/linebreak.h"

/* The settings layout obeys: the command line over the "options"
 * over the defaults (render.c decides). */
typedef struct nq_setup {
	nq_paper paper;       /* never DEFAULT here */
	nq_kinsoku kinsoku;   /* never DEFAULT here */
	nq_punct punct;       /* never DEFAULT here */
	bool contents;
	const char *draft;    /* NULL: no draft mark */
	nq_stats *stats;      /* filled in when not NULL */
} nq_setup;

/* Lay out doc.  If lines is not NULL, every broken paragraph is dumped
 * there (--dump=lines).  Returns NULL after pushing an error. */
nq_frames *nq_layout(nq_arena *a, const nq_doc *doc, const nq_fontset *fs,
                     const nq_setup *set, nq_diags *d, struct nq_buf *lines);
void nq_layout_dump(const nq_frames *fr, struct nq_buf *b);

/* qr.c: the modules across the QR symbol of payload (21 for version 1,
 * 4 more per version), 0 if it cannot be encoded. */
int nq_qr_modules(const char *payload);
/* Draw the symbol of payload with its lower-left corner at (x, y), side pt
 * wide without the quiet zone (the caller keeps 4 modules around it white).
 * False if it cannot be encoded. */
bool nq_qr_draw(nq_arena *a, nq_page *pg, const char *payload, double x, double y, double side);

#endif
