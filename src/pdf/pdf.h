/*
 * pdf.h - the PDF backend: frames in, PDF bytes out.
 *
 * Everything that touches libharu lives in pdf/ (hpdf.c holds every libharu
 * workaround); no other stage includes hpdf.h.
 */
#ifndef NQ_PDF_H
#define NQ_PDF_H

#include "../layout/frame.h"

/* Write fr as a PDF into arena memory (*out, *outlen).  Returns false after
 * pushing an error diagnostic (NQ_DC_IO for font/subset failures,
 * NQ_DC_INTERNAL otherwise). */
bool nq_pdf_write(nq_arena *a, const nq_frames *fr, const nq_fontset *fs,
                  nq_diags *d, const unsigned char **out, size_t *outlen) NQ_MUST_CHECK;

/* Count, over the glyphs of fr, the characters set in a fallback face (one
 * not bundled) and those set as .notdef (glyph 0: no face had them), into
 * st->fallback_chars and st->missing_chars (stats.c). */
void nq_pdf_font_stats(const nq_frames *fr, nq_stats *st);

/* image.c: read every image file doc names (figures, the logo, footer
 * codes), confined to opt->input_dir like fonts (unless
 * opt->allow_outside), check that it is a PNG or JPEG file libharu reads,
 * and fill in its bytes and pixel size for layout.  False after pushing an
 * error with the place the file is named. */
struct nq_doc;
bool nq_images_load(nq_arena *a, struct nq_doc *doc, const nq_options *opt,
                    nq_diags *d) NQ_MUST_CHECK;

#endif
