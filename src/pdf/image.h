/*
 * image.h - image XObjects, between hpdf.c and image.c (both include
 * libharu; no other stage does).
 */
#ifndef NQ_PDF_IMAGE_H
#define NQ_PDF_IMAGE_H

#include <hpdf.h>

#include "pdf.h"
#include "util/util.h"

/* Load into pdf, once each, the images fr's pages draw: (*out)[i] is the
 * XObject of fr->images[i], NULL when no page draws it.  loaded (if not
 * NULL) is called on each image as soon as it is made, before the next is
 * loaded (hpdf.c deflates its pixels there).  False after libharu refused
 * one (the image was checked by nq_images_load, so that is an internal
 * error) or loaded returned false. */
bool nq_pdf_images_load(HPDF_Doc pdf, nq_arena *a, const nq_frames *fr, HPDF_Image **out,
                        bool (*loaded)(void *ctx, HPDF_Image img), void *ctx);
/* hpdf.c: already-compressed Flate data z[0, n) as the start of stream
 * s's content (more may be written into s->stream after it), written
 * with /Filter /FlateDecode (libharu would compress it again, or drop the
 * key). */
bool nq_pdf_put_flate(HPDF_Dict s, const void *z, size_t n);
/* The operators that draw IMAGE item it, into b. */
void nq_pdf_image_ops(nq_buf *b, const nq_item *it);
/* Name every image pg draws in page's /Resources /XObject, as /Im<index>
 * (the name nq_pdf_image_ops writes). */
bool nq_pdf_image_resources(HPDF_Page page, const nq_page *pg, HPDF_Image *imgs);

#endif
