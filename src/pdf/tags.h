/*
 * tags.h - the tagged-PDF structure (PDF 32000-1, 14.7-14.8; PDF/UA-1):
 * the structure tree of the elements layout made (frame.h, nq_elem), the
 * marked-content ids of the page contents and the annotations of links.
 * hpdf.c calls these while it writes the pages; tags.c writes the tree.
 */
#ifndef NQ_TAGS_H
#define NQ_TAGS_H

#include <hpdf.h>
#include <hpdf_objects.h>

#include "../layout/frame.h"

typedef struct nq_tags nq_tags;

nq_tags *nq_tags_new(nq_arena *a, const nq_frames *fr);

/* The marked-content tag of the items of element elem (1-based, as in
 * nq_item.elem): its structure type ("P", "H1"...), or NULL for 0, an
 * artifact. */
const char *nq_tags_tag(const nq_tags *t, int elem);

/* The next marked-content id on page `page` (0-based), which holds
 * content of element elem (> 0). */
int nq_tags_mcid(nq_tags *t, size_t page, int elem);

/* Link annotation an on page `page` belongs to Link element elem: an OBJR
 * kid of the element, its /StructParent key in the parent tree.  False
 * when libharu fails. */
bool nq_tags_annot(nq_tags *t, size_t page, int elem, HPDF_Dict an);

/* Write the tree: the StructTreeRoot with a Document root, every element
 * with content, the ParentTree, /StructParents on the pages, and the
 * catalog's /MarkInfo.  pages[p] is page p.  False when libharu fails. */
bool nq_tags_write(nq_tags *t, HPDF_Doc pdf, HPDF_Page *pages);

/* A text string (PDF 32000-1, 7.9.2.2): printable ASCII as it is
 * (PDFDocEncoding), anything else as UTF-16BE with a BOM, any plane
 * (libharu's UTF-8 encoder is BMP-only); an HPDF_String or HPDF_Binary,
 * which HPDF_Dict_Add takes alike; at most 32,767 bytes (tags.c
 * TEXT_MAX_UTF8), or NULL.  hpdf.c writes every outline title and Info
 * string with it. */
void *nq_tags_text(nq_arena *a, HPDF_MMgr mm, const char *s);

#endif
