/*
 * xmp.h - PDF/A-2u identification (ISO 19005-2): the document date, the
 * XMP metadata packet that mirrors the Info dictionary, and the sRGB
 * output intent.  See docs/pdf.md.
 */
#ifndef NQ_XMP_H
#define NQ_XMP_H

#include <hpdf.h>
#include <hpdf_objects.h>

#include "../layout/frame.h"

/* The document's date, from SOURCE_DATE_EPOCH (fr->epoch >= 0) or the
 * issue (UTC midnight): v = year, month, day, hour, minute, second.  False
 * when there is none.  Never the clock: equal input, equal bytes. */
bool nq_pdf_date(const nq_frames *fr, int v[6]);

/* The XMP packet (UTF-8, arena): dc:title, dc:creator, dc:description,
 * pdf:Keywords, xmp:CreatorTool, pdf:Producer and the dates exactly as
 * the Info dictionary has them, and pdfaid part 2 conformance U with
 * pdfuaid part 1 (and the extension schema PDF/A needs for the latter). */
const char *nq_xmp_packet(nq_arena *a, const nq_frames *fr, const char *producer);

/* Put the packet in the catalog as /Metadata (Flate) and the sRGB
 * /OutputIntents.  False when libharu fails. */
bool nq_pdfa_catalog(nq_arena *a, HPDF_Doc pdf, const nq_frames *fr, const char *producer);

#endif
