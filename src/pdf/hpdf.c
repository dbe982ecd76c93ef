/*
 * hpdf.c - the PDF backend: frames in, PDF bytes out, through libharu 2.3.0.
 *
 * Takes: the laid-out pages (layout/frame.h) and the loaded fonts
 * (shape/font.h), both read-only.
 * Makes: one PDF in arena memory - pages, content streams, one subset
 * font with ToUnicode per face used (bundled or fallback,
 * shape/fallback.c): CIDFontType2 for TrueType, CIDFontType0 with a
 * CIDFontType0C program for OpenType-CFF (pdf/cff.c) - links, outline,
 * info and catalog.
 * Leaves to others: what goes where (layout), which glyphs (shape), loading
 * and freeing the fonts (font.c), the pure text-layer encoding (cmap.c),
 * the structure tree (tags.c), the XMP packet and output intent (xmp.c).
 *
 * PDF/A-2u and PDF/UA-1 (docs/pdf.md) need four more workarounds here:
 * the version (libharu only raises it for its own features), the marked
 * content around every item (page_content), the link annotations' /F,
 * /Contents and /StructParent (page_links), and a trailer /ID, which
 * libharu writes only when encrypting (file_id_fill).  The file itself
 * is written by save.c, with object streams libharu cannot make.
 *
 * libharu does the document structure (xref, pages, annotations, outline,
 * info); deflate.c compresses the streams.  Its text API is not used at all: in 2.3.0 it maps
 * characters through the font cmap (CID = Unicode, BMP only, so HarfBuzz's
 * glyph choices cannot be placed and U+20BB7 becomes a space), embeds a
 * 131 KB CIDToGIDMap and the unsubset hmtx/loca, and writes a ToUnicode
 * poppler rejects ("Invalid 'begincidrange' operator") - measured, see
 * /work/shared/notes/libharu.md and typography.md section 5.  So the fonts
 * and the text operators are built here through libharu's exported object
 * API; every such workaround is in this file and says why.
 */
#include "pdf.h"
#include "cff.h"
#include "cmap.h"
#include "deflate.h"
#include "save.h"
#include "subset.h"
#include "tags.h"
#include "xmp.h"
#include "image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>
#include <zlib.h>

/* The object layer (Dict/Array/Stream/Xref and the Doc/Page structs) is
 * only declared when HPDF_SHARED is *not* defined; we need it, so
 * HPDF_SHARED must stay undefined here. */
#include <hpdf.h>
#include <hpdf_utils.h> /* HPDF_MemCpy, replaced at the end */
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_pages.h>
#include <hpdf_encrypt.h>

#define PRODUCER "nqpdf " NQ_VERSION

/* One URI action, shared by every link annotation of its URL. */
typedef struct uri_act {
	const char *uri;  /* as layout gives it (not yet percent-encoded) */
	HPDF_Dict act;    /* indirect: << /Type /Action /S /URI /URI (...) >> */
} uri_act;

/* One run of nq_pdf_write: the document, where errors go, and whether one
 * was already reported. */
typedef struct wctx {
	nq_arena *a;
	nq_diags *d;
	HPDF_Doc pdf;
	bool failed;
	size_t nfonts;   /* faces in the set: bundled, then fallbacks */
	uri_act *acts;   /* open addressing by FNV-1a of the URL, */
	size_t actcap;   /* a power of two, over twice the links */
	nq_deflater z;   /* every stream's compression (deflate.c) */
	nq_tags *tags;   /* the structure tree (tags.c) */
} wctx;

/* One glyph occurrence; seq keeps "first text wins" stable under qsort. */
typedef struct occ {
	uint32_t gid;
	uint32_t seq;
	const char *text;
	uint32_t len;
	bool narrow; /* drawn with a narrow box, see narrow_at */
} occ;

/* What the document uses of one font, and its PDF object.  A glyph that
 * stands for several texts (.notdef for every missing character, one
 * glyph shared by 一 U+4E00 and ⼀ U+2F00) gets one CID per text, so that
 * each copies as itself: the first text has the glyph's own CID (its new
 * gid), the others extra CIDs after the last glyph, mapped back to the
 * glyph by a CIDToGIDMap stream (PDF 32000-1, 9.7.4.2). */
typedef struct pdf_font {
	const nq_font *f;
	occ *occ;
	size_t nocc;
	uint32_t *gids;      /* sorted unique original glyph ids */
	nq_cid_info *info;   /* parallel to gids: new gid (CID), width, text */
	size_t n;
	uint32_t *xgid;      /* extra CIDs: the original glyph id of each, */
	nq_cid_info *xinfo;  /* ... and its CID, width and text */
	size_t nx;
	size_t nxcid;        /* of which the first nxcid have a CID of their own
	                      * (subset_font: a font has 65,536 CIDs at most) */
	uint32_t *xslot;     /* extras by (gid, text): open addressing, slot = */
	size_t xcap;         /* index + 1, a power of two over twice nx */
	unsigned *cffcid;    /* CFF only: the CID of each subset glyph (cff.c), */
	size_t ncffcid;      /* ... the subset's glyph count */
	nq_ttf_glyphs tg;    /* TrueType only: glyf and loca, for glyph_ok, */
	bool tg_tried;       /* ... read at its first glyph */
	HPDF_Dict type0;
} pdf_font;

/* ------------------------------------------------------------ errors */

/* libharu calls this from HPDF_RaiseError (the public API); the object
 * layer only sets the error code, which fail_hpdf() picks up.  No longjmp:
 * every return code is checked. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	wctx *w = user;

	if (w->failed)
		return;
	w->failed = true;
	nq_diag_add(w->d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1,
	            "libharu error 0x%04X (detail %u)", (unsigned)error_no,
	            (unsigned)detail_no);
}

static bool fail_hpdf(wctx *w, const char *what)
{
	if (!w->failed) {
		w->failed = true;
		nq_diag_add(w->d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1,
		            "libharu error 0x%04X (detail %u) while writing %s",
		            w->pdf ? (unsigned)HPDF_GetError(w->pdf) : 0u,
		            w->pdf ? (unsigned)HPDF_GetErrorDetail(w->pdf) : 0u, what);
	}
	return false;
}

static bool fail_internal(wctx *w, const char *msg)
{
	if (!w->failed) {
		w->failed = true;
		nq_diag_add(w->d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "pdf: %s", msg);
	}
	return false;
}

/* ------------------------------------------------------------ glyph use */

static int cmp_occ(const void *pa, const void *pb)
{
	const occ *a = pa, *b = pb;
	if (a->gid != b->gid)
		return a->gid < b->gid ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return (a > b) - (a < b);
}

static bool same_text(const nq_cid_info *in, const char *text, size_t len)
{
	return in->text && in->text_len == len && memcmp(in->text, text, len) == 0;
}

/* The slot of the extra CID of glyph gid for text[0, len) in f->xslot:
 * the slot holding it, or the empty one where it goes.  A hash table
 * because .notdef can stand for tens of thousands of characters no font
 * has, and a linear search made them quadratic (60,000 took 19 s). */
static size_t xslot_of(const pdf_font *f, uint32_t gid, const char *text, size_t len, bool narrow)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 0x100000001b3u;
	h = (h ^ gid ^ (uint64_t)narrow << 32) * 0x100000001b3u;
	size_t i = (size_t)(h ^ h >> 32) & (f->xcap - 1);
	for (; f->xslot[i]; i = (i + 1) & (f->xcap - 1)) {
		size_t x = f->xslot[i] - 1;
		if (f->xgid[x] == gid && f->xinfo[x].narrow == narrow &&
		    (same_text(&f->xinfo[x], text, len) || (!len && !f->xinfo[x].text_len)))
			break;
	}
	return i;
}

/* A full-width mark squeezed against the next glyph (，“ set closer than
 * their merged half em) overlaps that glyph's box by more than half an
 * em, and poppler ends a text line there (TextOutputDev.cc: a character
 * starting over half an em before the last one's end): pdftotext, and
 * selection and search in poppler's viewers, split the printed line in
 * two.  Such a glyph is written under an extra CID whose /W box is
 * NARROW_SHARE of its advance - the inked half of a mark; where it is
 * drawn does not change (the TJ adjustment makes up the difference).
 * Not for CFF faces: their /W goes by CID, which the extra shares with
 * its glyph. */
#define NARROW_SHARE 0.45
#define SPLIT_OVERLAP 0.495 /* em: short of poppler's half em */

/* The glyph run drawn after item i of pg when it continues i's line (a
 * style change: **研判：**《方案》), or NULL. */
static const nq_item *next_on_line(const nq_page *pg, size_t i)
{
	const nq_item *it = &pg->items[i];
	for (size_t k = i + 1; k < pg->n; k++) {
		const nq_item *nx = &pg->items[k];
		if (nx->kind != NQ_ITEM_GLYPHS || nx->ng == 0)
			continue;
		return nx->y == it->y ? nx : NULL;
	}
	return NULL;
}

/* Whether glyph g of item i of pg (in font) gets the narrow box. */
static bool narrow_at(const nq_font *font, const nq_page *pg, size_t i, size_t g)
{
	const nq_item *it = &pg->items[i];
	if (font->cff || font->upem == 0)
		return false;
	const nq_item *next = g + 1 < it->ng ? NULL : next_on_line(pg, i);
	if (g + 1 >= it->ng && !next)
		return false;
	double dx = g + 1 < it->ng ? it->g[g + 1].x - it->g[g].x
	                           : (next->x + next->g[0].x) - (it->x + it->g[g].x);
	if (dx >= (1 - SPLIT_OVERLAP) * it->size || dx < -0.1 * it->size)
		return false; /* most glyphs: no overlap to speak of; or the next
		               * run is not this line's continuation (a folio) */
	double adv = (double)nq_font_advance(font, it->g[g].gid) * it->size / font->upem;
	return adv >= 0.9 * it->size && adv - dx > SPLIT_OVERLAP * it->size;
}

/* Sort f's occurrences by (gid, seq).  They were recorded in seq order,
 * so a stable sort by glyph id does it: qsort was 300 M of a 200-page
 * issue's 3,600 M instructions (290,000 occurrences).  A counting sort
 * over the glyph ids is O(n + glyphs); when the occurrences are few next
 * to the ids (the example: 7,000 against ids up to 65,000, where the
 * counts were 1.2 M instructions), two stable passes of 256 buckets, by
 * the low and the high byte, are O(n).  Glyph ids beyond a font's 65,536
 * are left to qsort. */
static bool sort_occ(pdf_font *f)
{
	uint32_t max = 0;
	for (size_t i = 0; i < f->nocc; i++)
		if (f->occ[i].gid > max)
			max = f->occ[i].gid;
	if (max > 0xFFFF) {
		qsort(f->occ, f->nocc, sizeof *f->occ, cmp_occ);
		return true;
	}
	bool radix = f->nocc < (size_t)max / 4;
	size_t nat = radix ? 257 : (size_t)max + 2;
	size_t *at = calloc(nat, sizeof *at);
	occ *out = malloc(f->nocc * sizeof *out);
	if (!at || !out) {
		free(at);
		free(out);
		return false;
	}
	if (radix) {
		for (int shift = 0; shift <= 8; shift += 8) {
			memset(at, 0, nat * sizeof *at);
			for (size_t i = 0; i < f->nocc; i++)
				at[(f->occ[i].gid >> shift & 0xFF) + 1]++;
			for (size_t g = 1; g < nat; g++)
				at[g] += at[g - 1];
			for (size_t i = 0; i < f->nocc; i++)
				out[at[f->occ[i].gid >> shift & 0xFF]++] = f->occ[i];
			occ *t = f->occ;
			f->occ = out;
			out = t;
		}
		free(at);
		free(out);
		return true;
	}
	for (size_t i = 0; i < f->nocc; i++)
		at[f->occ[i].gid + 1]++;
	for (size_t g = 1; g <= (size_t)max + 1; g++)
		at[g] += at[g - 1];
	for (size_t i = 0; i < f->nocc; i++)
		out[at[f->occ[i].gid]++] = f->occ[i];
	free(at);
	free(f->occ);
	f->occ = out;
	return true;
}

/* Can readers draw glyph gid of f as the font means it?  A TrueType
 * glyph subset.c finds well formed passes at the cost of reading its
 * bytes (nq_ttf_glyph_clean: what FreeType would read, without building
 * the outline); anything else, and every CFF glyph, goes to FreeType
 * (nq_font_glyph_ok), which also says what is wrong.  FreeType's load was
 * 7.2 M of the example's 137.6 M instructions (docs/performance.md). */
static bool glyph_ok(pdf_font *f, uint32_t gid)
{
	if (!f->tg_tried && !f->f->cff && f->f->blob) {
		unsigned len = 0;
		f->tg_tried = true;
		const unsigned char *file = (const unsigned char *)hb_blob_get_data(f->f->blob, &len);
		if (file)
			(void)nq_ttf_glyphs_open(&f->tg, file, len, f->f->index); /* else FreeType */
	}
	if (gid < f->f->num_glyphs && f->tg.glyf && nq_ttf_glyph_clean(&f->tg, gid))
		return true;
	return nq_font_glyph_ok(f->f, gid);
}

/* Record every glyph of every GLYPHS item under its font. */
static bool collect_glyphs(wctx *w, const nq_frames *fr, const nq_fontset *fs,
                           pdf_font *pf)
{
	size_t *count = NQ_NEWN(w->a, size_t, w->nfonts);
	uint32_t seq = 0;

	/* Count first and allocate once (the arena cannot free, and
	 * NQ_PUSH's argument order draws -Wsequence-point). */
	for (size_t p = 0; p < fr->npages; p++)
		for (size_t i = 0; i < fr->pages[p].n; i++) {
			const nq_item *it = &fr->pages[p].items[i];
			if (it->kind == NQ_ITEM_GLYPHS && (size_t)it->font < w->nfonts)
				count[it->font] += it->ng;
		}
	for (size_t k = 0; k < w->nfonts; k++) {
		pf[k].f = &fs->f[k];
		if (count[k] > UINT32_MAX)
			return fail_internal(w, "too many glyphs");
		/* Outside the arena: the occurrences die with this call
		 * (write_doc frees them), and a 200-page issue has 290,000. */
		pf[k].occ = malloc(sizeof(occ) * (count[k] ? count[k] : 1));
		if (!pf[k].occ)
			return fail_internal(w, "out of memory");
	}
	for (size_t p = 0; p < fr->npages; p++) {
		const nq_page *pg = &fr->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const nq_item *it = &pg->items[i];
			pdf_font *f;
			if (it->kind != NQ_ITEM_GLYPHS || it->ng == 0)
				continue;
			if ((size_t)it->font >= w->nfonts)
				return fail_internal(w, "glyph run with an unknown font");
			f = &pf[it->font];
			if (!f->f->face || f->f->upem == 0)
				return fail_internal(w, "glyph run in a font that is not loaded");
			for (size_t g = 0; g < it->ng; g++) {
				const nq_pglyph *pg1 = &it->g[g];
				occ *o;
				o = &f->occ[f->nocc++];
				o->gid = pg1->gid;
				o->seq = seq++;
				o->text = pg1->text_len && it->text ? it->text + pg1->text_off : NULL;
				o->len = o->text ? pg1->text_len : 0;
				o->narrow = narrow_at(f->f, pg, i, g);
			}
		}
	}
	/* Sort by (gid, seq): unique gids in order, the first text of each
	 * glyph first; every other text of a glyph becomes an extra CID. */
	for (size_t k = 0; k < w->nfonts; k++) {
		pdf_font *f = &pf[k];
		size_t n = 0;
		if (f->nocc == 0)
			continue;
		if (!sort_occ(f))
			return fail_internal(w, "out of memory");
		/* The tables are sized by the glyphs and texts, not by the
		 * occurrences (four arrays of 290,000 were 25 MB of a
		 * 200-page issue's peak): nu glyphs, and at most nxb extra
		 * texts - a text that differs from the glyph's previous one. */
		size_t nu = 0, nxb = 0;
		const occ *prev = NULL; /* the last occurrence with text, this glyph */
		for (size_t i = 0; i < f->nocc; i++) {
			const occ *o = &f->occ[i];
			if (i == 0 || o->gid != f->occ[i - 1].gid) {
				nu++;
				prev = NULL;
			}
			if (o->narrow)
				nxb++; /* at most one extra each */
			if (!o->len)
				continue;
			if (prev && (prev->len != o->len || memcmp(prev->text, o->text, o->len)))
				nxb++;
			prev = o;
		}
		f->gids = NQ_NEWN(w->a, uint32_t, nu);
		f->info = NQ_NEWN(w->a, nq_cid_info, nu);
		f->xgid = NQ_NEWN(w->a, uint32_t, nxb ? nxb : 1);
		f->xinfo = NQ_NEWN(w->a, nq_cid_info, nxb ? nxb : 1);
		for (f->xcap = 16; f->xcap <= 2 * nxb; f->xcap *= 2)
			;
		f->xslot = NQ_NEWN(w->a, uint32_t, f->xcap);
		for (size_t i = 0; i < f->nocc; i++) {
			const occ *o = &f->occ[i];
			if (n == 0 || f->gids[n - 1] != o->gid) {
				/* Each glyph embedded is one FreeType can load:
				 * a damaged glyph would otherwise print as
				 * nothing (docs/fonts.md, "Damaged fonts"). */
				if (!glyph_ok(f, o->gid)) {
					w->failed = true;
					nq_diag_add(w->d, NQ_ERROR, NQ_DC_IO, NULL, -1, "font '%s' %s",
					            f->f->path, f->f->why);
					return false;
				}
				f->gids[n] = o->gid;
				f->info[n].width = (int)lround(
				        (double)nq_font_advance(f->f, o->gid) * 1000.0 / f->f->upem);
				n++;
			}
			nq_cid_info *in = &f->info[n - 1];
			/* A narrow occurrence's text is its glyph's too: past the
			 * last CID the narrow extra falls back to the glyph's own. */
			if (o->narrow && o->len && !in->text) {
				in->text = o->text;
				in->text_len = o->len;
			}
			if (o->narrow) {
				size_t slot = xslot_of(f, o->gid, o->text, o->len, true);
				if (f->xslot[slot])
					continue;
				f->xslot[slot] = (uint32_t)f->nx + 1;
				f->xgid[f->nx] = o->gid;
				f->xinfo[f->nx] = (nq_cid_info){
					.width = (int)lround(in->width * NARROW_SHARE), .text = o->text,
					.text_len = o->len, .narrow = true
				};
				f->nx++;
				continue;
			}
			if (!o->len || same_text(in, o->text, o->len))
				continue;
			if (!in->text) {
				in->text = o->text;
				in->text_len = o->len;
				continue;
			}
			size_t slot = xslot_of(f, o->gid, o->text, o->len, false);
			if (f->xslot[slot])
				continue;
			f->xslot[slot] = (uint32_t)f->nx + 1;
			f->xgid[f->nx] = o->gid;
			f->xinfo[f->nx] = (nq_cid_info){ .width = in->width, .text = o->text,
			                                 .text_len = o->len };
			f->nx++;
		}
		f->n = n;
	}
	return true;
}

static size_t find_gid(const pdf_font *f, uint32_t gid)
{
	const uint32_t *p = bsearch(&gid, f->gids, f->n, sizeof *f->gids, cmp_u32);
	return p ? (size_t)(p - f->gids) : 0;
}

/* The CID, width and text of glyph gid standing for text[0, len): the
 * glyph's own CID, or the extra CID made for this text. */
static const nq_cid_info *find_cid(const pdf_font *f, uint32_t gid, const char *text, size_t len,
                                   bool narrow)
{
	const nq_cid_info *in = &f->info[find_gid(f, gid)];
	if (f->nx == 0 || (!narrow && (len == 0 || same_text(in, text, len))))
		return in;
	size_t slot = xslot_of(f, gid, text, len, narrow);
	/* Extras past the last CID (number_extra_cids) are drawn as their
	 * glyph: its CID, and its width, which /W has for that CID. */
	if (!f->xslot[slot] || f->xslot[slot] > f->nxcid)
		return in;
	return &f->xinfo[f->xslot[slot] - 1];
}

/* ------------------------------------------------------------ subsetting */

/* Tables a CIDFontType2 FontFile2 does not need.  The PDF reader takes
 * glyphs by GID (through CIDToGIDMap) and widths from /W, so cmap and
 * all OpenType layout go; vertical metrics go because we only write
 * horizontally.  hb-subset's NO_HINTING already drops cvt/fpgm/prep/hdmx/
 * VDMX.  What stays: glyf loca head hhea hmtx maxp name OS/2 post. */
static const char drop_tags[][4] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "STAT", "cmap", "vhea",
	"vmtx", "VORG", "kern", "gasp", "DSIG", "morx", "mort", "kerx", "meta",
	"COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC",
};

/* Extra CIDs (one per further text of a glyph) follow the last of the
 * subset's nglyphs glyphs (<= 65,536); CIDs are 2-byte codes under
 * Identity-H. */
static void number_extra_cids(wctx *w, pdf_font *f, unsigned nglyphs)
{
	/* Past the last CID (Identity-H codes are 2 bytes: 65,536 CIDs) the
	 * remaining texts share their glyph's own CID: they print the same
	 * and copy as the glyph's first text.  Only tens of thousands of
	 * distinct characters no font has (all .notdef) get there; before,
	 * the run failed with "cannot subset font", blaming the font. */
	size_t room = 0x10000 - nglyphs;
	f->nxcid = f->nx < room ? f->nx : room;
	for (size_t x = 0; x < f->nx; x++)
		f->xinfo[x].cid = x < f->nxcid ? nglyphs + (unsigned)x
		                               : f->info[find_gid(f, f->xgid[x])].cid;
	if (f->nxcid < f->nx)
		nq_diag_add(w->d, NQ_WARNING, NQ_DC_INPUT, NULL, -1,
		            "font '%s': %zu characters past the 65,536 CIDs a PDF font can have "
		            "share their glyph's CID; they print right but copy from the PDF as "
		            "another character",
		            f->f->path ? f->f->path : "(unnamed)", f->nx - f->nxcid);
}

/* The face hb-subset sees: f's tables less drop_tags.  Plan creation in
 * HarfBuzz 6.0 works through every table the face has, dropped or not
 * (cmap, layout closure): 15.5 M instructions for a single glyph of a
 * 30,920-glyph face; with the tables hidden up front, 0.04 M, and the
 * same bytes out (docs/performance.md). */
static hb_blob_t *kept_table(hb_face_t *face, hb_tag_t tag, void *user)
{
	(void)face;
	for (size_t i = 0; i < sizeof drop_tags / sizeof drop_tags[0]; i++)
		if (tag == HB_TAG(drop_tags[i][0], drop_tags[i][1], drop_tags[i][2], drop_tags[i][3]))
			return NULL;
	return hb_face_reference_table(user, tag);
}

static void face_destroy(void *face)
{
	hb_face_destroy(face);
}

/* Subset f to its used glyphs, renumbered compactly (no RETAIN_GIDS), so
 * that /W, the glyph count and loca stay small.  Fills info[].cid from
 * HarfBuzz's old->new map and returns the font program in *out (arena). */
static bool subset_font(wctx *w, pdf_font *f, const unsigned char **out, size_t *outlen)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan = NULL;
	hb_face_t *kept = NULL, *sub = NULL;
	hb_blob_t *blob = NULL;
	bool ok = false;

	if (!in)
		goto done;
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	for (size_t i = 0; i < f->n; i++)
		hb_set_add(glyphs, f->gids[i]);
	/* NOTDEF_OUTLINE: a missing character shows as a box, not nothing. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	                                      HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop_tags / sizeof drop_tags[0]; i++)
		hb_set_add(drop, HB_TAG(drop_tags[i][0], drop_tags[i][1],
		                        drop_tags[i][2], drop_tags[i][3]));
	kept = hb_face_create_for_tables(kept_table, hb_face_reference(f->f->face), face_destroy);
	hb_face_set_index(kept, hb_face_get_index(f->f->face));
	hb_face_set_upem(kept, hb_face_get_upem(f->f->face));
	hb_face_set_glyph_count(kept, hb_face_get_glyph_count(f->f->face));
	if (hb_set_allocation_successful(glyphs) && hb_set_allocation_successful(drop))
		plan = hb_subset_plan_create_or_fail(kept, in);
	if (!plan)
		goto done;
	const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
	for (size_t i = 0; i < f->n; i++) {
		hb_codepoint_t ng = hb_map_get(map, f->gids[i]);
		if (ng == HB_MAP_VALUE_INVALID || ng > 0xFFFF)
			goto done;
		f->info[i].cid = ng;
	}
	sub = hb_subset_plan_execute_or_fail(plan);
	if (!sub)
		goto done;
	unsigned nglyphs = hb_face_get_glyph_count(sub);
	if (nglyphs > 0x10000)
		goto done;
	number_extra_cids(w, f, nglyphs);
	/* A CFF face embeds its 'CFF ' table alone (FontFile3
	 * /CIDFontType0C), a TrueType face the whole subset font. */
	blob = f->f->cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
	                 : hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	if (!data || len == 0)
		goto done;
	unsigned char *copy = nq_alloc(w->a, len);
	memcpy(copy, data, len);
	if (f->f->cff) {
		f->ncffcid = nglyphs;
		f->cffcid = NQ_NEWN(w->a, unsigned, nglyphs ? nglyphs : 1);
		if (!nq_cff_cids(copy, len, nglyphs, f->cffcid))
			goto done;
	}
	*out = copy;
	*outlen = len;
	ok = true;
done:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_face_destroy(kept);
	hb_subset_input_destroy(in);
	if (!ok && !w->failed) {
		w->failed = true;
		nq_diag_add(w->d, NQ_ERROR, NQ_DC_IO, NULL, -1,
		            "cannot subset font %s", f->f->path ? f->f->path : "(unnamed)");
	}
	return ok;
}

/* TrueType (glyf) faces go through subset.c: hb-subset's plan creation
 * walks the whole 65k-glyph face (docs/performance.md).  False when
 * subset.c cannot read the face (CFF, say): then subset_font. */
static bool glyf_subset_font(wctx *w, pdf_font *f, const unsigned char **out, size_t *outlen)
{
	unsigned flen = 0, nglyphs;
	const unsigned char *file =
	        f->f->blob ? (const unsigned char *)hb_blob_get_data(f->f->blob, &flen) : NULL;
	unsigned *newgid = NQ_NEWN(w->a, unsigned, f->n ? f->n : 1);

	if (!file || !nq_ttf_subset(w->a, file, flen, f->f->index, f->gids, f->n, newgid, out,
	                            outlen, &nglyphs))
		return false;
	for (size_t i = 0; i < f->n; i++)
		f->info[i].cid = newgid[i];
	number_extra_cids(w, f, nglyphs);
	return true;
}

/* A subset tag (PDF 32000-1, 9.6.4) that depends only on the font and its
 * glyph set, so equal input gives equal bytes: FNV-1a 64 in base 26. */
static void subset_tag(const pdf_font *f, char tag[7])
{
	uint64_t h = 0xcbf29ce484222325u;
	const char *ps = f->f->psname ? f->f->psname : "";

	for (const char *s = ps; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	/* The emboldened copy of a face is another font object: another tag,
	 * even when it sets the same glyphs. */
	if (f->f->synth_bold)
		h = (h ^ 'B') * 0x100000001b3u;
	for (size_t i = 0; i < f->n; i++)
		for (int b = 0; b < 4; b++)
			h = (h ^ ((f->gids[i] >> (8 * b)) & 0xFF)) * 0x100000001b3u;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = 0;
}

/* ------------------------------------------------------------ font objects */

static int cmp_info_cid(const void *pa, const void *pb)
{
	const nq_cid_info *a = pa, *b = pb;
	return (a->cid > b->cid) - (a->cid < b->cid);
}

static int fu(const nq_font *f, double v)
{
	return (int)lround(v * 1000.0 / f->upem);
}

/* Add an indirect dictionary to the xref; NULL on failure (the xref frees
 * what it could not take). */
static HPDF_Dict new_indirect_dict(wctx *w)
{
	HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
	if (!d || HPDF_Xref_Add(w->pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* Streams are compressed by deflate.c, not by libharu (zlib at a fixed
 * level, see there): the compressed bytes go into the stream with libharu's
 * filter off, and this writes the /Filter itself - with the filter off,
 * HPDF_Dict_Write removes any /Filter entry, but calls write_fn last. */
static HPDF_STATUS put_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Already-compressed Flate data z[0, n) as stream s's content: libharu
 * must neither compress it again nor drop the /Filter key.  Also
 * image.c's, for the PNG data it passes through (image.h). */
bool nq_pdf_put_flate(HPDF_Dict s, const void *z, size_t n)
{
	s->filter = HPDF_STREAM_FILTER_NONE;
	s->write_fn = put_flate_filter;
	return n == 0 || (n <= 0xFFFFFFFFu && HPDF_Stream_Write(s->stream, z, (HPDF_UINT)n) == HPDF_OK);
}

static bool put_deflated(wctx *w, HPDF_Dict s, nq_zkind kind, const void *data, size_t len)
{
	const unsigned char *z;
	size_t zlen;
	return nq_deflate(&w->z, kind, data, len, &z, &zlen) && nq_pdf_put_flate(s, z, zlen);
}

/* libharu 2.3.0 holds a PNG's decoded pixels, and its /SMask's alpha,
 * until the file is saved, and deflates them only then: every image of an
 * issue raw at once (three 36 Mpx PNGs peaked at 362 MB; the limits allow
 * 64).  Each is deflated here as soon as it is loaded and libharu's
 * buffers are freed, so one image is raw at a time.  zlib's streaming
 * deflate takes libharu's buffers one by one; libdeflate (deflate.c)
 * would need the pixels in one piece, a second raw copy.  Level 6,
 * zlib's default, as libharu would have used. */
static bool deflate_image_now(wctx *w, HPDF_Dict d, bool smask)
{
	/* Not twice: write_fn is set once a stream's data is compressed
	 * (nq_pdf_put_flate).  libharu makes a PNG's /SMask with no filter
	 * at all, whatever the compression mode: a 128 x 128 logo's alpha
	 * went in raw, 16 KiB (full-briefing), so it is deflated here too. */
	if (!d || !d->stream || d->stream->type != HPDF_STREAM_MEMORY || d->write_fn)
		return true;
	bool flate = d->filter & HPDF_STREAM_FILTER_FLATE_DECODE;
	if (!flate && !(smask && d->filter == HPDF_STREAM_FILTER_NONE))
		return true;
	HPDF_Stream s = d->stream;
	z_stream zs = { 0 };
	if (deflateInit(&zs, 6) != Z_OK)
		return fail_internal(w, "cannot start compressing an image");
	size_t cap = 65536, n = 0;
	unsigned char *out = malloc(cap);
	bool ok = out != NULL;
	HPDF_UINT nb = HPDF_MemStream_GetBufCount(s);
	for (HPDF_UINT b = 0; ok && b <= nb; b++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *p = b < nb ? HPDF_MemStream_GetBufPtr(s, b, &len) : NULL;
		zs.next_in = p;
		zs.avail_in = p ? len : 0;
		int flush = b == nb ? Z_FINISH : Z_NO_FLUSH, rc;
		do {
			if (n == cap) {
				unsigned char *q = realloc(out, cap * 2);
				if (!q) {
					ok = false;
					break;
				}
				out = q;
				cap *= 2;
			}
			zs.next_out = out + n;
			zs.avail_out = (uInt)(cap - n > 0x40000000 ? 0x40000000 : cap - n);
			uInt room = zs.avail_out;
			rc = deflate(&zs, flush);
			n += room - zs.avail_out;
			ok = rc != Z_STREAM_ERROR;
		} while (ok && (zs.avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END)));
	}
	deflateEnd(&zs);
	if (ok) {
		HPDF_MemStream_FreeData(s);
		ok = nq_pdf_put_flate(d, out, n);
	}
	free(out);
	return ok || fail_internal(w, "out of memory compressing an image");
}

/* nq_pdf_images_load's hook: an image and its /SMask, deflated as soon
 * as libharu has made them. */
static bool image_loaded(void *ctx, HPDF_Image img)
{
	wctx *w = ctx;
	return deflate_image_now(w, img, false) &&
	       deflate_image_now(w, HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT), true);
}

/* A stream object holding data, Flate-compressed at kind's level. */
static HPDF_Dict new_stream(wctx *w, const void *data, size_t len, nq_zkind kind)
{
	HPDF_Dict s = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	if (!s || !put_deflated(w, s, kind, data, len))
		return NULL;
	return s;
}

/* A CFF font's /Encoding (cff.c): Identity-H when every code is its own
 * CID (a name-keyed font without extra CIDs), else an embedded CMap from
 * the codes (subset glyph ids, then the extra CIDs) to the CFF's CIDs.
 * Into *wv the /W entries by CID, sorted, one per CID (extras share their
 * glyph's).  False after reporting. */
static bool cff_encoding(wctx *w, pdf_font *f, const nq_cid_info *byc, size_t ncid,
                         const char *tag, HPDF_Dict t0, const nq_cid_info **wv, size_t *nwv)
{
	size_t ncode = byc[ncid - 1].cid + 1;
	unsigned *c2c = NQ_NEWN(w->a, unsigned, ncode);
	bool identity = true;
	for (size_t c = 0; c < ncode; c++)
		c2c[c] = c < f->ncffcid ? f->cffcid[c] : 0;
	for (size_t x = 0; x < f->nxcid; x++) {
		unsigned g = f->info[find_gid(f, f->xgid[x])].cid;
		c2c[f->xinfo[x].cid] = g < f->ncffcid ? f->cffcid[g] : 0;
	}
	for (size_t c = 0; c < ncode && identity; c++)
		identity = c2c[c] == c;
	/* /W by CID: the codes' entries with their CIDs, each CID once. */
	nq_cid_info *v = NQ_NEWN(w->a, nq_cid_info, ncid);
	size_t n = 0;
	for (size_t i = 0; i < ncid; i++)
		v[i] = (nq_cid_info){ .cid = c2c[byc[i].cid], .width = byc[i].width };
	qsort(v, ncid, sizeof *v, cmp_info_cid);
	for (size_t i = 0; i < ncid; i++)
		if (n == 0 || v[n - 1].cid != v[i].cid)
			v[n++] = v[i];
	*wv = v;
	*nwv = n;
	if (identity)
		return HPDF_Dict_AddName(t0, "Encoding", "Identity-H") == HPDF_OK ||
		       fail_hpdf(w, "a font");
	const char *name = nq_sprintf(w->a, "%s-nqpdf-CID", tag);
	nq_buf cm = { .a = w->a };
	nq_cmap_cids(&cm, name, c2c, ncode);
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict s = new_stream(w, cm.p, cm.n, NQ_Z_DATA);
	HPDF_Dict csi = HPDF_Dict_New(mm);
	if (!s || !csi)
		return fail_hpdf(w, "a CMap");
	HPDF_STATUS st = HPDF_Dict_AddName(s, "Type", "CMap");
	st |= HPDF_Dict_AddName(s, "CMapName", name);
	st |= HPDF_Dict_Add(s, "CIDSystemInfo", csi);
	st |= HPDF_Dict_Add(csi, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	st |= HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	st |= HPDF_Dict_AddNumber(csi, "Supplement", 0);
	st |= HPDF_Dict_AddNumber(s, "WMode", 0);
	st |= HPDF_Dict_Add(t0, "Encoding", s);
	return st == HPDF_OK || fail_hpdf(w, "a CMap");
}

/* Type0 / CIDFontType2 or CIDFontType0 / FontDescriptor / FontFile2 or
 * FontFile3 / ToUnicode for one subset font, built with the object API
 * (libharu's own TrueType path is CID = Unicode and BMP-only, and it has
 * none for CFF; see the top of this file). */
static bool build_font(wctx *w, pdf_font *f)
{
	const nq_font *nf = f->f;
	HPDF_MMgr mm = w->pdf->mmgr;
	const unsigned char *prog;
	size_t proglen;
	char tag[7], *base;
	HPDF_STATUS st = HPDF_OK;

	if (!glyf_subset_font(w, f, &prog, &proglen) && !subset_font(w, f, &prog, &proglen))
		return false;
	subset_tag(f, tag);
	base = nq_sprintf(w->a, "%s+%s", tag, nf->psname && *nf->psname ? nf->psname : "Font");

	/* CIDs in order for /W and ToUnicode, the extra CIDs last;
	 * find_cid keeps using the gid-ordered f->info and f->xinfo. */
	size_t ncid = f->n + f->nxcid;
	nq_cid_info *byc = NQ_NEWN(w->a, nq_cid_info, ncid);
	memcpy(byc, f->info, f->n * sizeof *byc);
	if (f->nxcid)
		memcpy(byc + f->n, f->xinfo, f->nxcid * sizeof *byc);
	qsort(byc, ncid, sizeof *byc, cmp_info_cid);

	HPDF_Dict t0 = new_indirect_dict(w);
	HPDF_Dict cid = new_indirect_dict(w);
	HPDF_Dict fd = new_indirect_dict(w);
	HPDF_Array desc = HPDF_Array_New(mm);
	if (!t0 || !cid || !fd || !desc)
		return fail_hpdf(w, "a font");
	st |= HPDF_Dict_Add(t0, "DescendantFonts", desc);
	st |= HPDF_Dict_AddName(t0, "Type", "Font");
	st |= HPDF_Dict_AddName(t0, "Subtype", "Type0");
	st |= HPDF_Dict_AddName(t0, "BaseFont", base);
	st |= HPDF_Array_Add(desc, cid);
	/* /W entries: by code for TrueType (code = CID = subset glyph id),
	 * by the CFF's own CIDs for CFF. */
	const nq_cid_info *wv = byc;
	size_t nwv = ncid;
	if (!nf->cff)
		st |= HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	else if (!cff_encoding(w, f, byc, ncid, tag, t0, &wv, &nwv))
		return false;

	/* ToUnicode: ours, CMapType 2 with bfchar (libharu's is a copy of
	 * the encoding CMap that poppler rejects). */
	nq_buf tu = { .a = w->a };
	nq_cmap_tounicode(&tu, byc, ncid);
	HPDF_Dict tus = new_stream(w, tu.p, tu.n, NQ_Z_DATA);
	if (!tus)
		return fail_hpdf(w, "a ToUnicode CMap");
	st |= HPDF_Dict_Add(t0, "ToUnicode", tus);

	HPDF_Dict csi = HPDF_Dict_New(mm);
	if (!csi)
		return fail_hpdf(w, "a font");
	st |= HPDF_Dict_Add(cid, "CIDSystemInfo", csi);
	st |= HPDF_Dict_Add(csi, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	st |= HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	st |= HPDF_Dict_AddNumber(csi, "Supplement", 0);
	st |= HPDF_Dict_AddName(cid, "Type", "Font");
	st |= HPDF_Dict_AddName(cid, "Subtype", nf->cff ? "CIDFontType0" : "CIDFontType2");
	st |= HPDF_Dict_AddName(cid, "BaseFont", base);
	st |= HPDF_Dict_Add(cid, "FontDescriptor", fd);
	if (nf->cff) {
		/* No CIDToGIDMap: the CFF charset maps CIDs to glyphs. */
	} else if (f->nxcid == 0) {
		st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	} else {
		/* Identity up to the last glyph, then each extra CID's glyph:
		 * 2 bytes per CID, big-endian (PDF 32000-1, Table 117). */
		size_t last = byc[ncid - 1].cid + 1;
		unsigned char *map = NQ_NEWN(w->a, unsigned char, 2 * last);
		for (size_t c = 0; c < last; c++) {
			map[2 * c] = (unsigned char)(c >> 8);
			map[2 * c + 1] = (unsigned char)(c & 0xFF);
		}
		for (size_t x = 0; x < f->nxcid; x++) {
			unsigned c = f->xinfo[x].cid, g = f->info[find_gid(f, f->xgid[x])].cid;
			map[2 * c] = (unsigned char)(g >> 8);
			map[2 * c + 1] = (unsigned char)(g & 0xFF);
		}
		HPDF_Dict ms = new_stream(w, map, 2 * last, NQ_Z_DATA);
		if (!ms)
			return fail_hpdf(w, "a CIDToGIDMap");
		st |= HPDF_Dict_Add(cid, "CIDToGIDMap", ms);
	}

	/* /DW + /W.  HPDF arrays hold at most 8191 items in some libharu
	 * versions (32767 in 2.3.0); cut runs well below either. */
	int dw = nq_cmap_dw(wv, nwv);
	nq_wrun *runs;
	size_t nruns = nq_cmap_wruns(w->a, wv, nwv, dw, 4096, &runs);
	st |= HPDF_Dict_AddNumber(cid, "DW", dw);
	if (nruns > 0) {
		HPDF_Array wa = HPDF_Array_New(mm);
		if (!wa || HPDF_Dict_Add(cid, "W", wa) != HPDF_OK)
			return fail_hpdf(w, "a font");
		for (size_t r = 0; r < nruns; r++) {
			HPDF_Array ws = HPDF_Array_New(mm);
			st |= HPDF_Array_AddNumber(wa, (HPDF_INT32)runs[r].first);
			if (!ws || HPDF_Array_Add(wa, ws) != HPDF_OK)
				return fail_hpdf(w, "a font");
			for (size_t i = 0; i < runs[r].n; i++)
				st |= HPDF_Array_AddNumber(ws, runs[r].w[i]);
		}
	}

	/* FontDescriptor in 1/1000 em.  Flags: Symbolic (the glyphs are
	 * outside the standard Latin set), plus Serif. */
	HPDF_Array bbox = HPDF_Array_New(mm);
	if (!bbox || HPDF_Dict_Add(fd, "FontBBox", bbox) != HPDF_OK)
		return fail_hpdf(w, "a font");
	st |= HPDF_Array_AddNumber(bbox, (HPDF_INT32)floor(nf->bbox[0] * 1000.0 / nf->upem));
	st |= HPDF_Array_AddNumber(bbox, (HPDF_INT32)floor(nf->bbox[1] * 1000.0 / nf->upem));
	st |= HPDF_Array_AddNumber(bbox, (HPDF_INT32)ceil(nf->bbox[2] * 1000.0 / nf->upem));
	st |= HPDF_Array_AddNumber(bbox, (HPDF_INT32)ceil(nf->bbox[3] * 1000.0 / nf->upem));
	st |= HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	st |= HPDF_Dict_AddName(fd, "FontName", base);
	st |= HPDF_Dict_AddNumber(fd, "Flags", 4 | (nf->serif ? 2 : 0));
	st |= HPDF_Dict_AddNumber(fd, "ItalicAngle", nf->italic_angle);
	st |= HPDF_Dict_AddNumber(fd, "Ascent", fu(nf, nf->ascender));
	st |= HPDF_Dict_AddNumber(fd, "Descent", fu(nf, nf->descender));
	st |= HPDF_Dict_AddNumber(fd, "CapHeight",
	                          fu(nf, nf->cap_height ? nf->cap_height : nf->ascender));
	/* No stem width in the font; the usual estimate by weight. */
	st |= HPDF_Dict_AddNumber(fd, "StemV", nf->bold ? 120 : 80);
	HPDF_Dict ff = new_stream(w, prog, proglen, NQ_Z_FONT);
	if (!ff)
		return fail_hpdf(w, "a font program");
	if (nf->cff) {
		st |= HPDF_Dict_AddName(ff, "Subtype", "CIDFontType0C");
		st |= HPDF_Dict_Add(fd, "FontFile3", ff);
	} else {
		st |= HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)proglen);
		st |= HPDF_Dict_Add(fd, "FontFile2", ff);
	}
	if (st != HPDF_OK)
		return fail_hpdf(w, "a font");
	f->type0 = t0;
	return true;
}

/* ------------------------------------------------------------ content */

static void put_color(nq_buf *b, nq_color c)
{
	nq_pdf_num(b, c.r, 3);
	nq_buf_putc(b, ' ');
	nq_pdf_num(b, c.g, 3);
	nq_buf_putc(b, ' ');
	nq_pdf_num(b, c.b, 3);
	nq_buf_puts(b, " rg\n");
}

static void put_nums(nq_buf *b, const double *v, int n, const char *op)
{
	for (int i = 0; i < n; i++) {
		nq_pdf_num(b, v[i], 3);
		nq_buf_putc(b, ' ');
	}
	nq_buf_puts(b, op);
	nq_buf_putc(b, '\n');
}

/* A circle of 4 Bezier arcs; k = 4/3 (sqrt 2 - 1) puts the midpoints on
 * the circle. */
/* A row of dots as one stroked line: round caps on zero-length dashes
 * draw a filled circle of the line width at each dash (PDF 1.7
 * §8.5.3.2), one every `step` - a few bytes where Bézier circles took
 * ~100 each. */
static void put_dots(nq_buf *b, const nq_item *it)
{
	nq_buf_puts(b, "q 1 J ");
	nq_pdf_num(b, it->h, 2);
	nq_buf_puts(b, " w [0 ");
	nq_pdf_num(b, it->step, 3);
	nq_buf_puts(b, "] 0 d ");
	nq_pdf_num(b, it->color.r, 3);
	nq_buf_putc(b, ' ');
	nq_pdf_num(b, it->color.g, 3);
	nq_buf_putc(b, ' ');
	nq_pdf_num(b, it->color.b, 3);
	nq_buf_puts(b, " RG\n");
	put_nums(b, (double[]){ it->x, it->y }, 2, "m");
	/* Half a step past the last centre, so the last dash starts there
	 * and rounding cannot drop it. */
	put_nums(b, (double[]){ it->x + it->w + it->step / 2, it->y }, 2, "l");
	nq_buf_puts(b, "S Q\n");
}

/* Synthetic bold (docs/fonts.md): the outline is filled and stroked (text
 * render mode 2) with a line this fraction of the font size wide, so each
 * stem grows by that much in all, half on either side.  3 % of the em:
 * the brief's 2-3 %, a little under Chromium's fake bold (Skia strokes
 * 1/24 em at 9 pt to 1/32 em at 36 pt), since CJK glyphs are denser than
 * Latin and their counters close first.  Round joins: at the sharp tips
 * of 撇 and 捺 a miter join would spike out.  The advances are the
 * face's own, so line breaking and the text layer do not change. */
#define SYNTH_BOLD_EM 0.03

/* Marked content (PDF 32000-1, 14.6): close the open sequence, if any,
 * and open one for element elem - /Tag <</MCID n>> BDC for content of a
 * structure element, /Artifact BMC for the rest (14.8.2.2: running heads,
 * folios, rules, leaders, the draft mark).  *open: the element open, -1
 * for none.  Never inside a path or a text object: callers end those. */
static void mark(wctx *w, nq_buf *b, size_t page, int elem, int *open)
{
	if (*open >= 0)
		nq_buf_puts(b, "EMC\n");
	const char *tag = nq_tags_tag(w->tags, elem);
	if (tag)
		nq_buf_printf(b, "/%s <</MCID %d>> BDC\n", tag, nq_tags_mcid(w->tags, page, elem));
	else
		nq_buf_puts(b, "/Artifact BMC\n");
	*open = elem;
}

/* The operators of one page into b; fonts_used[k] set for its fonts.
 * Text state and colour persist across BT/ET (they are graphics state),
 * so Tf, Tc and rg are only written when they change.  Consecutive rects of
 * one colour are one path with one `f`: the same pixels for opaque fills,
 * fewer bytes, and no anti-aliasing seams between abutting QR modules. */
static void page_content(wctx *w, size_t pno, const nq_page *pg, pdf_font *pf, nq_buf *b,
                         bool *fonts_used)
{
	int open = -1; /* marked content, see mark() */
	nq_color cur = { -1, -1, -1 };
	int cur_font = -1;
	double cur_size = -1;
	nq_text_state ts = { 0 }; /* Tc: 0 at the start of a page */
	nq_show_glyph *sg = NULL;
	size_t sgcap = 0;
	bool path_open = false;

	for (size_t i = 0; i < pg->n; i++) {
		const nq_item *it = &pg->items[i];
		if (it->kind != NQ_ITEM_GLYPHS && it->kind != NQ_ITEM_RECT &&
		    it->kind != NQ_ITEM_DOTS && it->kind != NQ_ITEM_IMAGE)
			continue; /* links become annotations, see page_links */
		if (it->kind == NQ_ITEM_GLYPHS && (it->ng == 0 || it->size <= 0))
			continue;
		if (it->elem != open) {
			if (path_open)
				nq_buf_puts(b, "f\n");
			path_open = false;
			mark(w, b, pno, it->elem, &open);
		}
		/* Leaders stroke in their own q/Q: the fill colour stays. */
		bool recolor = it->kind != NQ_ITEM_DOTS && it->kind != NQ_ITEM_IMAGE &&
		               (it->color.r != cur.r || it->color.g != cur.g || it->color.b != cur.b);
		if (path_open && (recolor || it->kind != NQ_ITEM_RECT)) {
			nq_buf_puts(b, "f\n");
			path_open = false;
		}
		if (recolor) {
			put_color(b, it->color);
			cur = it->color;
		}
		switch (it->kind) {
		case NQ_ITEM_GLYPHS: {
			pdf_font *f = &pf[it->font];
			if (it->ng > sgcap) {
				sgcap = it->ng * 2;
				sg = NQ_NEWN(w->a, nq_show_glyph, sgcap);
			}
			for (size_t g = 0; g < it->ng; g++) {
				const nq_pglyph *pg1 = &it->g[g];
				const nq_cid_info *in = find_cid(
				        f, pg1->gid, it->text ? it->text + pg1->text_off : NULL,
				        it->text ? pg1->text_len : 0,
				        narrow_at(f->f, pg, i, g));
				sg[g].cid = in->cid;
				sg[g].width = in->width;
				sg[g].x = it->x + it->g[g].x;
				sg[g].y = it->y + it->g[g].y;
			}
			/* In q/Q: the mode, width and stroke colour end with the
			 * run, and so does the Tf set inside. */
			bool synth = f->f->synth_bold;
			if (synth) {
				nq_buf_puts(b, "q 2 Tr 1 j ");
				nq_pdf_num(b, it->size * SYNTH_BOLD_EM, 3);
				nq_buf_puts(b, " w ");
				put_nums(b, (double[]){ it->color.r, it->color.g, it->color.b }, 3, "RG");
			}
			nq_buf_puts(b, "BT\n");
			if ((int)it->font != cur_font || it->size != cur_size) {
				nq_buf_puts(b, "/F");
				nq_pdf_num(b, (double)it->font, 0);
				nq_buf_putc(b, ' ');
				nq_pdf_num(b, it->size, 3);
				nq_buf_puts(b, " Tf\n");
				cur_font = (int)it->font;
				cur_size = it->size;
			}
			nq_text_state before = ts;
			nq_show_glyphs(b, &ts, sg, it->ng, it->size);
			nq_buf_puts(b, "ET\n");
			if (synth) {
				nq_buf_puts(b, "Q\n");
				cur_font = -1;
				ts = before; /* Q restores the text state too */
			}
			fonts_used[it->font] = true;
			break;
		}
		case NQ_ITEM_RECT:
			put_nums(b, (double[]){ it->x, it->y, it->w, it->h }, 4, "re");
			path_open = true;
			break;
		case NQ_ITEM_DOTS:
			put_dots(b, it);
			break;
		case NQ_ITEM_IMAGE:
			nq_pdf_image_ops(b, it); /* image.c */
			break;
		default:
			break;
		}
	}
	if (path_open)
		nq_buf_puts(b, "f\n");
	if (open >= 0)
		nq_buf_puts(b, "EMC\n");
}

/* Register our fonts in the page's /Resources /Font, as libharu's
 * HPDF_Page_GetLocalFontName does (hpdf_pages.c), under fixed names
 * /F<font id> so the content stream can be written before or after. */
static bool page_fonts(wctx *w, HPDF_Page page, const pdf_font *pf, const bool *used)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	for (size_t k = 0; k < w->nfonts; k++) {
		char name[24];
		if (!used[k])
			continue;
		snprintf(name, sizeof name, "F%zu", k);
		if (!attr->fonts) {
			HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources",
			                                             HPDF_OCLASS_DICT);
			HPDF_Dict fonts = HPDF_Dict_New(page->mmgr);
			if (!res || !fonts || HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
				return fail_hpdf(w, "page resources");
			attr->fonts = fonts;
		}
		if (HPDF_Dict_Add(attr->fonts, name, pf[k].type0) != HPDF_OK)
			return fail_hpdf(w, "page resources");
	}
	return true;
}

/* ------------------------------------------------------------ links, outline */

/* [page /XYZ null top null]: keep the reader's zoom and horizontal
 * position.  HPDF_Destination_SetXYZ in 2.3.0 rejects zoom 0 (and cannot
 * write null), see hpdf_destination.c, so the array is rebuilt by hand. */
static HPDF_Destination make_dest(wctx *w, HPDF_Page page, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	HPDF_STATUS st = HPDF_OK;
	HPDF_MMgr mm = w->pdf->mmgr;

	if (!dst)
		return NULL;
	HPDF_Array_Clear(dst);
	st |= HPDF_Array_Add(dst, page);
	st |= HPDF_Array_AddName(dst, "XYZ");
	st |= HPDF_Array_Add(dst, HPDF_Null_New(mm));
	/* On the page, for the same reason as the link rectangles. */
	st |= HPDF_Array_AddReal(dst, (HPDF_REAL)(top > 0 ? fmin(top, HPDF_Page_GetHeight(page)) : 0));
	st |= HPDF_Array_Add(dst, HPDF_Null_New(mm));
	return st == HPDF_OK ? dst : NULL;
}

/* URIs are 7-bit ASCII (PDF 32000-1, 12.6.4.7); percent-encode the rest. */
static const char *ascii_uri(nq_arena *a, const char *uri)
{
	static const char hex[] = "0123456789ABCDEF";
	nq_buf b = { .a = a };
	for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
		if (*s <= 0x20 || *s >= 0x7F) {
			char e[3] = { '%', hex[*s >> 4], hex[*s & 15] };
			nq_buf_put(&b, e, 3);
		} else {
			nq_buf_putc(&b, (char)*s);
		}
	}
	return nq_buf_cstr(&b);
}

/* The URI action of uri, made on first use.  libharu 2.3.0's
 * HPDF_Page_CreateURILinkAnnot puts a copy of the URI in every annotation
 * (hpdf_annotation.c), and a URL wrapped over many lines has an annotation
 * per line: five 65 KB URLs made a 283 MB PDF.  An action may be an
 * indirect object shared by any number of annotations (PDF 32000-1,
 * 12.6.2 and Table 173, /A), so each URL's is written once. */
static HPDF_Dict uri_action(wctx *w, const char *uri)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *s = uri; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	size_t i = (size_t)h & (w->actcap - 1);
	while (w->acts[i].uri) {
		if (w->acts[i].uri == uri || !strcmp(w->acts[i].uri, uri))
			return w->acts[i].act;
		i = (i + 1) & (w->actcap - 1);
	}
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict act = new_indirect_dict(w);
	HPDF_String s = act ? HPDF_String_New(mm, ascii_uri(w->a, uri), NULL) : NULL;
	if (!s || HPDF_Dict_AddName(act, "Type", "Action") != HPDF_OK ||
	    HPDF_Dict_AddName(act, "S", "URI") != HPDF_OK || HPDF_Dict_Add(act, "URI", s) != HPDF_OK)
		return NULL;
	w->acts[i] = (uri_act){ uri, act };
	return act;
}

static bool page_links(wctx *w, const nq_frames *fr, size_t pno, HPDF_Page page,
                       HPDF_Page *pages)
{
	const nq_page *pg = &fr->pages[pno];
	for (size_t i = 0; i < pg->n; i++) {
		const nq_item *it = &pg->items[i];
		HPDF_Annotation an;
		if (it->kind != NQ_ITEM_LINK)
			continue;
		/* An overfull line can run far past the page, a font's
		 * metrics (negative GPOS advances: tests/fuzz/regress/font)
		 * anywhere, and libharu refuses numbers beyond 32767: keep
		 * the part on the page, which is the part one can click. */
		double x0 = fmin(it->x, it->x + it->w), x1 = fmax(it->x, it->x + it->w);
		double y0 = fmin(it->y, it->y + it->h), y1 = fmax(it->y, it->y + it->h);
		if (!(x0 < fr->width && x1 > 0 && y0 < fr->height && y1 > 0))
			continue; /* also NaN */
		HPDF_Rect r = { (HPDF_REAL)fmax(x0, 0), (HPDF_REAL)fmax(y0, 0),
		                (HPDF_REAL)fmin(x1, fr->width), (HPDF_REAL)fmin(y1, fr->height) };
		if (it->uri) {
			/* libharu makes the annotation (and adds it to the page's
			 * /Annots) with a placeholder action, which HPDF_Dict_Add
			 * then replaces (freeing it) by the URL's shared one. */
			HPDF_Dict act = uri_action(w, it->uri);
			an = act ? HPDF_Page_CreateURILinkAnnot(page, r, "-") : NULL;
			if (an && HPDF_Dict_Add(an, "A", act) != HPDF_OK)
				an = NULL;
		} else {
			if (it->dest_page < 0 || (size_t)it->dest_page >= fr->npages)
				return fail_internal(w, "link to a page that does not exist");
			HPDF_Destination dst = make_dest(w, pages[it->dest_page], it->dest_y);
			an = dst ? HPDF_Page_CreateLinkAnnot(page, r, dst) : NULL;
		}
		/* Border width 0: no box drawn around the link. */
		if (!an || HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0) != HPDF_OK)
			return fail_hpdf(w, "a link");
		/* Printable (/F 4: PDF/A-2 6.3.2), described (/Contents:
		 * PDF/UA-1 7.18.1, what layout says the link is, else its
		 * URL) and in its Link element (7.18.5, tags.c). */
		const char *alt = it->elem > 0 && (size_t)it->elem <= fr->nelems
		                          ? fr->elems[it->elem - 1].alt : NULL;
		if (!alt || !*alt)
			alt = it->uri;
		void *contents = alt && *alt ? nq_tags_text(w->a, w->pdf->mmgr, alt) : NULL;
		if (HPDF_Dict_AddNumber(an, "F", 4) != HPDF_OK ||
		    (contents && HPDF_Dict_Add(an, "Contents", contents) != HPDF_OK) ||
		    !nq_tags_annot(w->tags, pno, it->elem, an))
			return fail_hpdf(w, "a link");
	}
	return true;
}

/* Text strings (outline titles, the document information) are our own
 * UTF-16BE with a BOM (tags.c, nq_tags_text), not libharu's UTF-8
 * encoder: that one is BMP-only (2.3.0: code points above U+FFFF become
 * spaces - measured with U+20BB7), and setting it up clears 266 KiB of
 * CMap tables, 130 of a run's 1,600 page faults (docs/performance.md,
 * round 5). */
static bool set_utf16(wctx *w, HPDF_Dict dict, const char *key, const char *s)
{
	void *bin = nq_tags_text(w->a, w->pdf->mmgr, s);
	return bin && HPDF_Dict_Add(dict, key, bin) == HPDF_OK;
}

static bool outline(wctx *w, const nq_frames *fr, HPDF_Page *pages)
{
	enum { MAX_DEPTH = 16 };
	HPDF_Outline stack[MAX_DEPTH];
	int depth = 0; /* valid entries in stack */
	for (size_t i = 0; i < fr->noutline; i++) {
		const nq_outline *o = &fr->outline[i];
		int lv = o->level < 0 ? 0 : o->level;
		if (lv > depth)
			lv = depth; /* a skipped level hangs under the deepest parent */
		if (lv >= MAX_DEPTH)
			lv = MAX_DEPTH - 1;
		if (o->page < 0 || (size_t)o->page >= fr->npages)
			return fail_internal(w, "outline entry on a page that does not exist");
		HPDF_Outline ol = HPDF_CreateOutline(w->pdf, lv ? stack[lv - 1] : NULL, "", NULL);
		HPDF_Destination dst = ol ? make_dest(w, pages[o->page], o->y) : NULL;
		if (!dst || !set_utf16(w, ol, "Title", o->title ? o->title : "") ||
		    HPDF_Outline_SetDestination(ol, dst) != HPDF_OK ||
		    HPDF_Outline_SetOpened(ol, lv == 0) != HPDF_OK)
			return fail_hpdf(w, "the outline");
		stack[lv] = ol;
		depth = lv + 1;
	}
	return true;
}

/* ------------------------------------------------------------ info */

static bool info(wctx *w, const nq_frames *fr)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "Title", offsetof(nq_frames, title) },
		{ "Author", offsetof(nq_frames, author) },
		{ "Subject", offsetof(nq_frames, subject) },
		{ "Keywords", offsetof(nq_frames, keywords) },
		{ "Creator", offsetof(nq_frames, creator) },
	};
	HPDF_Date date = { 0 };

	/* HPDF_New made the dictionary (it sets the producer). */
	HPDF_Dict info = w->pdf->info;
	if (!info)
		return fail_hpdf(w, "the document information");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *s = *(const char *const *)((const char *)fr + fields[i].off);
		if (s && *s && !set_utf16(w, info, fields[i].key, s))
			return fail_hpdf(w, "the document information");
	}
	/* HPDF_New already wrote libharu's name and version here. */
	if (HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, PRODUCER) != HPDF_OK)
		return fail_hpdf(w, "the document information");

	/* From the issue, never the clock: equal input, equal bytes.  The
	 * XMP packet (xmp.c) takes the same date. */
	int v[6];
	if (!nq_pdf_date(fr, v))
		return true;
	date.year = v[0];
	date.month = v[1];
	date.day = v[2];
	date.hour = v[3];
	date.minutes = v[4];
	date.seconds = v[5];
	date.ind = 'Z';
	if (date.year > 9999)
		return fail_internal(w, "date after the year 9999");
	if (HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK ||
	    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date) != HPDF_OK)
		return fail_hpdf(w, "the document dates");
	return true;
}

/* /Lang: libharu 2.3.0 has no API for it (typography.md 5, point 8), so it
 * goes straight into the catalog dictionary. */
static bool catalog(wctx *w, const nq_frames *fr)
{
	if (fr->lang && *fr->lang) {
		HPDF_String s = HPDF_String_New(w->pdf->mmgr, fr->lang, NULL);
		if (!s || HPDF_Dict_Add(w->pdf->catalog, "Lang", s) != HPDF_OK)
			return fail_hpdf(w, "the catalog");
	}
	if (fr->noutline > 0 &&
	    HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK)
		return fail_hpdf(w, "the catalog");
	/* The window shows the title, not the file name (PDF/UA-1 7.1);
	 * HPDF_SetViewerPreference in 2.3.0 has no flag for it. */
	HPDF_Dict vp = HPDF_Dict_New(w->pdf->mmgr);
	if (!vp || HPDF_Dict_Add(w->pdf->catalog, "ViewerPreferences", vp) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return fail_hpdf(w, "the catalog");
	return true;
}

/* The trailer's /ID (PDF 32000-1, 14.4; PDF/A-2 6.1.3), which libharu
 * 2.3.0 writes only for encryption.  It must not depend on the time, so
 * it is the MD5 of the file itself: save.c writes zeros in the
 * cross-reference stream's dictionary, and file_id_fill() replaces them,
 * once the file is written, by the MD5 of the whole file with the zeros
 * (both halves alike: a new file). */
#define ID_LEN 16
static bool file_id_fill(wctx *w, unsigned char *buf, size_t n, size_t at)
{
	static const char hex[] = "0123456789ABCDEF";
	/* save.c wrote "<0...0><0...0>" at at: two strings of 2 * ID_LEN
	 * hex digits, each in its brackets. */
	if (at + 2 * (2 * ID_LEN + 2) > n || buf[at] != '<' || buf[at + 2 * ID_LEN + 2] != '<')
		return fail_internal(w, "no /ID in the trailer");
	struct HPDF_MD5Context ctx;
	HPDF_BYTE d[ID_LEN];
	HPDF_MD5Init(&ctx);
	HPDF_MD5Update(&ctx, buf, (HPDF_UINT32)n);
	HPDF_MD5Final(d, &ctx);
	for (int half = 0; half < 2; half++) {
		unsigned char *p = buf + at + (size_t)half * (2 * ID_LEN + 2);
		for (int i = 0; i < ID_LEN; i++) {
			p[1 + 2 * i] = (unsigned char)hex[d[i] >> 4];
			p[2 + 2 * i] = (unsigned char)hex[d[i] & 15];
		}
	}
	return true;
}

/* ------------------------------------------------------------ entry */

static bool write_doc(wctx *w, const nq_frames *fr, const nq_fontset *fs,
                      const unsigned char **out, size_t *outlen)
{
	pdf_font *pf = NQ_NEWN(w->a, pdf_font, w->nfonts);
	HPDF_Doc pdf = w->pdf;

	if (fr->npages == 0)
		return fail_internal(w, "no pages");
	if (!(fr->width >= 3 && fr->width <= 14400 && fr->height >= 3 && fr->height <= 14400))
		return fail_internal(w, "page size outside 3..14400 pt");
	bool collected = collect_glyphs(w, fr, fs, pf);
	for (size_t k = 0; k < w->nfonts; k++) {
		free(pf[k].occ);
		pf[k].occ = NULL;
	}
	if (!collected)
		return false;

	/* Before the first page: HPDF_AddPage reads the mode to put Flate on
	 * the page's content stream. */
	if (HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL) != HPDF_OK)
		return fail_hpdf(w, "the document");
	/* libharu writes %PDF-1.3 unless one of its own features asks for
	 * more, and there is no setter for the version: PDF 1.7 (ISO
	 * 32000-1), which PDF/A-2 and PDF/UA-1 are based on and /Tabs (1.5)
	 * needs.  Its header's second line, %\xB7\xBE\xAD\xAA, is the binary
	 * comment PDF/A-2 6.1.2 asks for. */
	pdf->pdf_version = HPDF_VER_17;
	if (!info(w, fr) || !catalog(w, fr))
		return false;
	w->tags = nq_tags_new(w->a, fr);

	/* One Type0 font per face used, bundled or fallback, in face order
	 * (the order the chain first needed them): deterministic. */
	for (size_t k = 0; k < w->nfonts; k++)
		if (pf[k].n > 0 && !build_font(w, &pf[k]))
			return false;

	/* Image XObjects (image.c), after the compression mode: libharu
	 * reads it when it makes the image's stream. */
	HPDF_Image *imgs;
	if (!nq_pdf_images_load(pdf, w->a, fr, &imgs, image_loaded, w))
		return w->failed ? false : fail_hpdf(w, "an image");

	/* Room for one action per URL link (uri_action): at most one per
	 * link item, so a table over twice that never fills. */
	size_t nuri = 0;
	for (size_t p = 0; p < fr->npages; p++)
		for (size_t i = 0; i < fr->pages[p].n; i++)
			nuri += fr->pages[p].items[i].kind == NQ_ITEM_LINK && fr->pages[p].items[i].uri;
	for (w->actcap = 16; w->actcap <= 2 * nuri; w->actcap *= 2)
		;
	w->acts = NQ_NEWN(w->a, uri_act, w->actcap);

	/* All pages first: links and outline entries point forward. */
	HPDF_Page *pages = NQ_NEWN(w->a, HPDF_Page, fr->npages);
	for (size_t p = 0; p < fr->npages; p++) {
		pages[p] = HPDF_AddPage(pdf);
		if (!pages[p] || HPDF_Page_SetWidth(pages[p], (HPDF_REAL)fr->width) != HPDF_OK ||
		    HPDF_Page_SetHeight(pages[p], (HPDF_REAL)fr->height) != HPDF_OK)
			return fail_hpdf(w, "a page");
	}
	/* One buffer for every page's operators: each page is compressed
	 * as soon as it is made (the arena would keep every page's buffer
	 * and its outgrown copies: 10 MB of a 200-page issue). */
	nq_buf b = { .a = w->a };
	bool *used = NQ_NEWN(w->a, bool, w->nfonts);
	for (size_t p = 0; p < fr->npages; p++) {
		HPDF_PageAttr attr = (HPDF_PageAttr)pages[p]->attr;
		b.n = 0;
		memset(used, 0, w->nfonts * sizeof *used);
		page_content(w, p, &fr->pages[p], pf, &b, used);
		/* Written straight into the content stream libharu made for the
		 * page: its operator functions would go through its text API. */
		if (!put_deflated(w, attr->contents, NQ_Z_CONTENT, b.p, b.n))
			return fail_hpdf(w, "a page");
		if (!nq_pdf_image_resources(pages[p], &fr->pages[p], imgs))
			return fail_hpdf(w, "an image");
		if (!page_fonts(w, pages[p], pf, used) || !page_links(w, fr, p, pages[p], pages))
			return false;
		/* Tab order by structure on pages with annotations (PDF/UA-1
		 * 7.18.3). */
		if (HPDF_Dict_GetItem(pages[p], "Annots", HPDF_OCLASS_ARRAY) &&
		    HPDF_Dict_AddName(pages[p], "Tabs", "S") != HPDF_OK)
			return fail_hpdf(w, "a page");
	}
	if (!outline(w, fr, pages))
		return false;
	if (!nq_tags_write(w->tags, pdf, pages))
		return fail_hpdf(w, "the structure tree");
	if (fr->pdfa && !nq_pdfa_catalog(w->a, pdf, fr, PRODUCER))
		return fail_hpdf(w, "the PDF/A metadata");

	const unsigned char *file;
	size_t size, id_at;
	if (!nq_pdf_save(pdf, w->a, &w->z, &file, &size, &id_at))
		return HPDF_GetError(pdf) != HPDF_OK ? fail_hpdf(w, "the file")
		                                     : fail_internal(w, "out of memory compressing the file");
	unsigned char *buf = (unsigned char *)file;
	if (!file_id_fill(w, buf, size, id_at))
		return false;
	*out = buf;
	*outlen = size;
	return true;
}

bool nq_pdf_write(nq_arena *a, const nq_frames *fr, const nq_fontset *fs,
                  nq_diags *d, const unsigned char **out, size_t *outlen)
{
	wctx w = { .a = a, .d = d, .nfonts = nq_fonts_count(fs) };
	bool ok;

	*out = NULL;
	*outlen = 0;
	w.pdf = HPDF_New(on_hpdf_error, &w);
	if (!w.pdf) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "libharu: cannot create a document");
		return false;
	}
	ok = write_doc(&w, fr, fs, out, outlen) && !w.failed;
	HPDF_Free(w.pdf);
	nq_deflater_free(&w.z);
	if (!ok) {
		*out = NULL;
		*outlen = 0;
	}
	return ok;
}

/* ------------------------------------------------ libharu's byte loops */

/* libharu copies every byte of the file through HPDF_MemCpy (utils.c), a
 * byte-at-a-time loop: into a stream's memory buffers when we write the
 * compressed data, out of them and into the document's stream when it is
 * saved, and out again to us - 5.5 M of the example's 132 M instructions.
 * libhpdf calls it through its PLT (objdump: 39 calls to HPDF_MemCpy@plt),
 * so this definition replaces it for the whole process (ELF symbol
 * interposition); same contract: copy n bytes, return out + n.  memmove,
 * as the loop copies forward whatever the overlap.  Were libharu linked
 * with -Bsymbolic, its own loop would run: slower, same bytes. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n > 0)
		memmove(out, in, n);
	return out + n;
}

/* HPDF_MemSet (utils.c) is the same kind of loop, called from 83 places
 * in libharu through the PLT; setting up its UTF-8 encoder
 * (HPDF_CMapEncoder_InitAttr) cleared 266 KiB of tables with it, 1.2 M
 * instructions, until round 5 stopped making that encoder
 * (docs/performance.md).  Same contract: fill n bytes, return s + n. */
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n > 0)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}
