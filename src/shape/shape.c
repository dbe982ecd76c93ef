/*
 * shape.c - HarfBuzz in, glyphs out.
 *
 * Each run is shaped with its script (Han, or Latin for runs of Latin
 * letters and digits, so Latin kerning and GSUB apply) and language zh-Hans,
 * so locl picks the Simplified forms.  Cluster level 1 (monotone characters)
 * keeps one cluster per character where the font allows, which is what the
 * line breaker needs.  The glyphs chosen here are the glyphs in the PDF.
 */
#include "shape.h"

void nq_shape(nq_arena *a, const nq_font *f, const char *text, size_t textlen, size_t off,
              size_t len, bool latin, nq_glyph **g, size_t *n, size_t *cap)
{
	/* A buffer per call: cheap next to hb_shape, and no global state. */
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_buffer_add_utf8(buf, text, (int)textlen, (unsigned)off, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, latin ? HB_SCRIPT_LATIN : HB_SCRIPT_HAN);
	hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
	hb_shape(f->font, buf, NULL, 0);
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
