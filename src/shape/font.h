/*
 * font.h - the fonts a run uses: loaded once, shared by shape, layout and pdf.
 *
 * font.c opens each TrueType file with FreeType (to check it has TrueType
 * outlines, which libharu and our CIDFontType2 need, and to read the
 * descriptor metrics) and with HarfBuzz (for shaping and, in pdf/, subsetting).
 */
#ifndef NQ_FONT_H
#define NQ_FONT_H

#include <hb.h>
#include "nqpdf.h"

typedef enum nq_font_id {
	NQ_FONT_BODY,      /* Noto Serif SC Regular */
	NQ_FONT_BODY_BOLD, /* Noto Serif SC Bold */
	NQ_FONT_HEADING,   /* Noto Sans SC Bold */
	NQ_FONT__COUNT
} nq_font_id;

typedef struct nq_font {
	const char *path;
	const char *psname;      /* PostScript name from the name table */
	hb_blob_t *blob;         /* the whole file (mmapped by HarfBuzz) */
	hb_face_t *face;
	hb_font_t *font;         /* scale = upem: positions come out in font units */
	unsigned upem;
	unsigned num_glyphs;
	/* FontDescriptor metrics in font units (FreeType / OS/2 / head). */
	int ascender, descender, cap_height;
	int bbox[4];             /* xMin yMin xMax yMax */
	int italic_angle;
	bool bold;
	bool serif;
} nq_font;

typedef struct nq_fontset {
	nq_font f[NQ_FONT__COUNT];
} nq_fontset;

/* Load the three bundled fonts from dir (NULL: search the build-time and
 * installed locations).  Pushes an NQ_DC_IO error and returns false when a
 * file is missing, unreadable or not TrueType. */
bool nq_fonts_load(nq_fontset *fs, const char *dir, nq_diags *d) NQ_MUST_CHECK;
void nq_fonts_free(nq_fontset *fs);
/* Advance of a glyph in font units. */
int nq_font_advance(const nq_font *f, unsigned gid);

#endif
