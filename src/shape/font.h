/*
 * font.h - the fonts a run uses: loaded once, shared by shape, layout and pdf.
 *
 * font.c opens each font file (TrueType or OpenType-CFF, a face of a .ttc
 * collection named FILE#INDEX) with FreeType (to check its outlines, find
 * damage and read the descriptor metrics) and with HarfBuzz (for shaping
 * and, in pdf/, subsetting).  Faces per role (--face, "options.faces")
 * replace the bundled three (docs/fonts.md, "Faces per role").
 * fallback.c walks the fallback chain for characters a style's own font
 * lacks (docs/fonts.md): the other bundled faces, the --font files, the
 * issue's "options.fonts", then fontconfig's system fonts, loaded lazily.
 */
#ifndef NQ_FONT_H
#define NQ_FONT_H

#include <hb.h>
#include "nqpdf.h"

/* An index into nq_fontset.f.  The first three are the faces the styles
 * name (the roles of --face; bundled unless named); fallback faces follow
 * from NQ_FONT__COUNT on.  The order is nq_options.faces'. */
typedef enum nq_font_id {
	NQ_FONT_BODY,      /* Noto Serif SC Regular, or --face body= */
	NQ_FONT_BODY_BOLD, /* Noto Serif SC Bold, or --face bold= */
	NQ_FONT_HEADING,   /* Noto Sans SC Bold, or --face heading= */
	NQ_FONT__COUNT
} nq_font_id;

/* Faces in one run: 3 bundled, the named ones, and the system faces found
 * for missing characters.  A fixed table, so that a face's address never
 * moves while layout holds it; 128 is far beyond any real chain. */
#define NQ_FONT_MAX 128

typedef struct nq_font {
	const char *path;        /* malloc'd */
	const char *psname;      /* PostScript name from the name table, malloc'd */
	hb_blob_t *blob;         /* the whole file (mmapped by HarfBuzz) */
	hb_face_t *face;
	hb_font_t *font;         /* scale = upem: positions come out in font units */
	unsigned index;          /* face index in a collection (.ttc) */
	unsigned upem;
	unsigned num_glyphs;
	/* FontDescriptor metrics in font units (FreeType / OS/2 / head). */
	int ascender, descender, cap_height;
	int bbox[4];             /* xMin yMin xMax yMax */
	int italic_angle;
	bool bold;
	bool serif;
	bool cff;                /* OpenType-CFF outlines: CIDFontType0 in pdf/ */
	/* Set in a bold role without a bold design: pdf/ strokes the outline
	 * (docs/fonts.md, "Synthetic bold"); metrics and advances unchanged. */
	bool synth_bold;
	/* FreeType's view of the same bytes, kept open for nq_font_glyph_ok
	 * (FT_Library, FT_Face; void so that this header needs no FreeType). */
	void *ft_lib, *ft_face;
	/* Why the font is damaged (nq_font_open, nq_font_glyph_ok), English,
	 * one of font.c's catalogued formats: "is damaged: ...". */
	char why[192];
} nq_font;

/* The faces of a run.  f points to NQ_FONT_MAX slots; the chain's state
 * (how many are loaded, fontconfig, what was reported) is behind db, so
 * that a const nq_fontset can still load a system face when shaping meets
 * a character no loaded face has: the set is a cache, logically constant. */
typedef struct nq_fontset {
	nq_font *f;
	struct nq_fontdb *db;
} nq_fontset;

/* Load the three bundled fonts from dir (NULL: search the build-time and
 * installed locations).  Pushes an NQ_DC_IO error and returns false when a
 * file is missing, unreadable or not TrueType.  Call nq_fonts_free even
 * after a failure.  Without nq_fonts_chain the set has no fallbacks beyond
 * the bundled faces and reports nothing while shaping. */
bool nq_fonts_load(nq_fontset *fs, const char *dir, nq_diags *d) NQ_MUST_CHECK;
void nq_fonts_free(nq_fontset *fs);

/* Put the faces named per role in place (opt->faces, else the issue's
 * faces[role] when faces is not NULL; a bold role whose face is not bold
 * gets synth_bold; the bold role follows a named body face when it is not
 * named itself), add the fallback faces of opt (docs/fonts.md): the
 * --font files as given, then the issue's fonts, then the bundled faces a
 * role displaced; and enable fontconfig when opt->system_fonts.  Names
 * the issue gives are relative to opt->input_dir ("." when NULL) and
 * confined to it unless opt->allow_outside.  A name may end in #INDEX, a
 * face of a collection.  Missing-character warnings go to d from now on
 * (d must outlive the set's use).  Errors: NQ_DC_IO for a file that
 * cannot be used (missing, unreadable, Type 1, damaged), NQ_DC_INPUT for
 * an issue font outside the issue's directory; returns false after
 * pushing one. */
typedef struct nq_font_name {
	const char *name;  /* as written */
	const char *path;  /* JSON pointer, or NULL (command line) */
	long offset;       /* source offset, or -1 */
} nq_font_name;
bool nq_fonts_chain(nq_fontset *fs, const nq_options *opt, const nq_font_name *issue,
                    size_t nissue, const nq_font_name *faces, nq_diags *d) NQ_MUST_CHECK;

/* Faces loaded so far (3 + fallbacks); grows while shaping. */
size_t nq_fonts_count(const nq_fontset *fs);

/* The face to set code point cp in, for text styled in face want: want if
 * it has cp, else the first face of the chain that does.  cp joins the
 * previous character's face prev (>= 0) when it is a mark, a variation
 * selector or a joiner, so a cluster is never split across faces.  When
 * no face has cp, returns want (cp becomes .notdef) and warns once per
 * character and text: the text's JSON pointer and offset (path, offset;
 * NULL, -1 when unknown) name the place, narrowed to the character itself
 * when it can be found there in the source. */
nq_font_id nq_font_for(const nq_fontset *fs, nq_font_id want, int prev, int32_t cp,
                       const char *path, long offset);

/* Can glyph gid of f be embedded?  False, with the reason in f->why, when
 * gid is not below maxp's glyph count or FreeType cannot load its outline
 * (FT_LOAD_NO_SCALE: no hinting, no scaling; one glyph, not the font).
 * pdf/ asks for every CFF glyph it embeds, once, and for a TrueType glyph
 * when its own reading of the glyf bytes finds something wrong (hpdf.c
 * glyph_ok, pdf/subset.h nq_ttf_glyph_clean).  f is logically const: only
 * FreeType's glyph slot and f->why change. */
bool nq_font_glyph_ok(const nq_font *f, unsigned gid);

/* Advance of a glyph in font units. */
int nq_font_advance(const nq_font *f, unsigned gid);

#endif
