/*
 * save.h - the file itself: libharu's objects written with object streams
 * and a cross-reference stream (PDF 1.5), in place of HPDF_SaveToStream.
 */
#ifndef NQ_PDF_SAVE_H
#define NQ_PDF_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "../util/util.h"
#include "deflate.h"

/* Write every object of pdf's cross-reference table into arena memory:
 * streams as themselves, every other object packed into Flate-compressed
 * object streams, then a cross-reference stream whose dictionary carries
 * /Root, /Info and an /ID of 2 x 16 zero bytes written as
 * "/ID [<00..><00..>]", its first '<' at *id_at (hpdf.c's file_id_fill
 * puts the file's MD5 there).  False when libharu fails (its error is
 * set, and its handler called) or compression runs out of memory (no
 * libharu error). */
bool nq_pdf_save(HPDF_Doc pdf, nq_arena *a, nq_deflater *z, const unsigned char **out,
                 size_t *outlen, size_t *id_at);

#endif
