/*
 * shape.c - HarfBuzz in, glyphs out.
 *
 * Each run is shaped with its script (Han, or Latin for runs of Latin
 * letters and digits, so Latin kerning and GSUB apply) and language zh-Hans,
 * so locl picks the Simplified forms.  Cluster level 1 (monotone characters)
 * keeps one cluster per character where the font allows, which is what the
 * line breaker needs.  The glyphs chosen here are the glyphs in the PDF.
 *
 * ‘’“” in a Latin run are English quotes (the line breaker decides which,
 * linebreak/clreq.c): they get OpenType 'pwid', the proportional forms.
 * A Chinese face's default glyphs for them are full width (Noto Serif SC:
 * ’ advances 1000 units, 268 with 'pwid'; Source Han's SC/TC/HK fonts
 * likewise, which notofonts/noto-cjk#199 and Typst #5858 discuss); a Latin
 * face has no 'pwid' and its glyphs are proportional already.  Only the
 * glyph changes: the cluster, and so the text layer, is still U+2019.
 */
#include "shape.h"

#include <string.h>

#include "util/util.h"

/* HarfBuzz sets each feature range's mask by walking the whole buffer
 * (hb_buffer_t::set_masks), so a run costs its quotes times its length:
 * one paragraph of "a’" 60,000 times took 5.6 s, a 200 KB English one
 * 2.2 s (0.13 and 0.10 s before 'pwid').  A run with more quotes than this
 * is shaped in pieces holding this many, each cut before a quote: the
 * text around a piece is still its context (hb_buffer_add_utf8), and the
 * Noto faces kern no quote, so only a run that long is cut at all. */
#define PWID_PIECE 64

static void shape_piece(nq_arena *a, const nq_font *f, const char *text, size_t textlen, size_t off,
                        size_t len, bool latin, const hb_feature_t *feat, unsigned nfeat, nq_glyph **g,
                        size_t *n, size_t *cap)
{
	/* A buffer per call: cheap next to hb_shape, and no global state. */
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_buffer_add_utf8(buf, text, (int)textlen, (unsigned)off, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, latin ? HB_SCRIPT_LATIN : HB_SCRIPT_HAN);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_shape(f->font, buf, feat, nfeat);
	unsigned count;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
	for (unsigned i = 0; i < count; i++) {
		nq_glyph *o = NQ_PUSH(a, *g, *n, *cap);
		o->gid = info[i].codepoint;
		o->cluster = info[i].cluster;
		o->adv = pos[i].x_advance;
		o->dx = pos[i].x_offset;
		o->dy = pos[i].y_offset;
	}
	hb_buffer_destroy(buf);
}

void nq_shape(nq_arena *a, const nq_font *f, const char *text, size_t textlen, size_t off,
              size_t len, bool latin, nq_glyph **g, size_t *n, size_t *cap)
{
	/* 'pwid' on each quote of a Latin run, on nothing else (clusters
	 * are the text's byte offsets, as the feature ranges count). */
	hb_feature_t *feat = NULL;
	unsigned nfeat = 0;
	if (latin) {
		for (size_t i = off; i < off + len;) {
			size_t at = i;
			int32_t cp = nq_utf8_next(text, textlen, &i);
			if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) {
				if (!feat)
					feat = NQ_NEWN(a, hb_feature_t, len / 3 + 1);
				feat[nfeat++] = (hb_feature_t){ HB_TAG('p', 'w', 'i', 'd'), 1, (unsigned)at,
				                                (unsigned)i };
			}
		}
	}
	size_t from = off;
	unsigned k = 0;
	for (; nfeat - k > PWID_PIECE; k += PWID_PIECE) {
		size_t to = feat[k + PWID_PIECE].start;
		shape_piece(a, f, text, textlen, from, to - from, latin, feat + k, PWID_PIECE, g, n, cap);
		from = to;
	}
	shape_piece(a, f, text, textlen, from, off + len - from, latin, feat ? feat + k : NULL, nfeat - k, g,
	            n, cap);
}

size_t nq_stream_safe(char *s, size_t *len, size_t *first)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	size_t r = 0, w = 0, run = 0, dropped = 0, n = *len;
	while (r < n) {
		size_t at = r;
		int32_t cp = nq_utf8_next(s, n, &r);
		if (cp > 0 && hb_unicode_combining_class(u, (hb_codepoint_t)cp) !=
		                      HB_UNICODE_COMBINING_CLASS_NOT_REORDERED)
			run++;
		else
			run = 0;
		if (run > NQ_MAX_NONSTARTERS) {
			if (!dropped++)
				*first = at;
			continue;
		}
		if (w != at)
			memmove(s + w, s + at, r - at);
		w += r - at;
	}
	s[w] = 0;
	*len = w;
	return dropped;
}
