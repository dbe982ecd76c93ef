/*
 * fontdb.h - the fallback chain's state, private to font.c and fallback.c.
 */
#ifndef NQ_FONTDB_H
#define NQ_FONTDB_H

#include "font.h"

/* A missing character already reported: one warning per character and
 * text (JSON pointer, or the source offset when there is no pointer). */
typedef struct nq_missing {
	int32_t cp;
	const char *path;  /* malloc'd copy, or NULL */
	long offset;
} nq_missing;

struct nq_fontdb {
	size_t n;               /* faces loaded in nq_fontset.f */
	size_t nextra;          /* of which named fallbacks: [3, 3 + nextra) */
	nq_diags *d;            /* warnings while shaping; NULL: silent */
	bool system;            /* fontconfig may be asked */
	struct _FcConfig *fc;   /* created on first use, NULL before */
	bool fc_failed;         /* FcInitLoadConfigAndFonts failed: ask no more */
	hb_set_t *asked;        /* code points fontconfig was asked about */
	nq_missing *miss;
	size_t nmiss, capmiss;
	/* miss as a hash set (open addressing, slots hold index + 1, 0 is
	 * empty, a power of two at most half full): a linear search made
	 * 60,000 distinct missing characters quadratic. */
	size_t *mslot, mcap;
	size_t nwarned;         /* warnings given (capped, see fallback.c) */
};

/* font.c: open path (face index) into f, checking it is a TrueType (glyf)
 * font and not damaged (tables inside the file, loca against maxp, head
 * and glyf: docs/fonts.md, "Damaged fonts"; f->why then says what).  On failure returns false (close f all the same) with a reason
 * (static text: "not found", "cannot be read", ...) in *why, and when the
 * outlines are the problem their kind ("CFF", "Type 1", "bitmap-only") in
 * *fmt; either may be NULL. */
bool nq_font_open(nq_font *f, const char *path, unsigned index, const char **why,
                  const char **fmt);
void nq_font_close(nq_font *f);

/* fallback.c: release the chain's fontconfig state and reports. */
void nq_fontdb_free(struct nq_fontdb *db);

#endif
