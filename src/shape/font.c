/*
 * font.c - find and open the bundled fonts.
 *
 * FreeType checks each file really has TrueType outlines ("TrueType", not
 * "CFF"): libharu and our CIDFontType2 embedding need glyf/loca, and an
 * OpenType-CFF file would otherwise fail much later and less clearly.  It also
 * gives the FontDescriptor metrics.  HarfBuzz maps the file once (mmap) and
 * serves shaping here and subsetting in pdf/.
 */
#define _DEFAULT_SOURCE
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "font.h"

static const struct {
	const char *file;
	bool bold, serif;
} bundled[NQ_FONT__COUNT] = {
	[NQ_FONT_BODY] = { "NotoSerifSC_400Regular.ttf", false, true },
	[NQ_FONT_BODY_BOLD] = { "NotoSerifSC_700Bold.ttf", true, true },
	[NQ_FONT_HEADING] = { "NotoSansSC_700Bold.ttf", true, false },
};

static bool has_fonts(const char *dir)
{
	char p[PATH_MAX + 64];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", dir, bundled[0].file);
	return stat(p, &st) == 0;
}

/* Where the fonts are: the --font-dir option, $NQPDF_FONT_DIR, beside the
 * binary (source tree: ./fonts), the install tree relative to the binary
 * (bin/../share/nqpdf/fonts), then the configured data directory. */
static const char *font_dir(const char *given, char *buf, size_t n)
{
	if (given)
		return given;
	const char *env = getenv("NQPDF_FONT_DIR");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			static const char *const rel[] = { "/fonts", "/../fonts", "/../share/nqpdf/fonts" };
			for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
				snprintf(buf, n, "%s%s", exe, rel[i]);
				if (has_fonts(buf))
					return buf;
			}
		}
	}
#ifdef NQ_DATADIR
	snprintf(buf, n, "%s/fonts", NQ_DATADIR);
	if (has_fonts(buf))
		return buf;
#endif
	return "fonts";
}

static bool load_one(nq_font *f, FT_Library ft, const char *path, nq_diags *d)
{
	f->path = path;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1,
		            "font '%s' not found (set --font-dir or NQPDF_FONT_DIR)", path);
		return false;
	}
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot read font '%s'", path);
		return false;
	}
	unsigned len;
	const char *data = hb_blob_get_data(f->blob, &len);
	FT_Face face;
	if (FT_New_Memory_Face(ft, (const FT_Byte *)data, (FT_Long)len, 0, &face) != 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1, "'%s' is not a font FreeType can read", path);
		return false;
	}
	const char *fmt = FT_Get_Font_Format(face);
	if (!fmt || strcmp(fmt, "TrueType") != 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, NULL, -1,
		            "font '%s' has %s outlines; nqpdf embeds TrueType (glyf) fonts only, "
		            "use the .ttf build of the family", path, fmt ? fmt : "unknown");
		FT_Done_Face(face);
		return false;
	}
	f->upem = face->units_per_EM;
	f->num_glyphs = (unsigned)face->num_glyphs;
	f->ascender = face->ascender;
	f->descender = face->descender;
	f->bbox[0] = (int)face->bbox.xMin;
	f->bbox[1] = (int)face->bbox.yMin;
	f->bbox[2] = (int)face->bbox.xMax;
	f->bbox[3] = (int)face->bbox.yMax;
	const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
	f->cap_height = os2 && os2->version >= 2 ? os2->sCapHeight : f->ascender;
	const TT_Postscript *post = FT_Get_Sfnt_Table(face, FT_SFNT_POST);
	f->italic_angle = post ? (int)(post->italicAngle >> 16) : 0;
	const char *ps = FT_Get_Postscript_Name(face);
	f->psname = strdup(ps ? ps : "NotoSC");
	FT_Done_Face(face);

	f->face = hb_face_create(f->blob, 0);
	f->font = hb_font_create(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	return true;
}

bool nq_fonts_load(nq_fontset *fs, const char *dir, nq_diags *d)
{
	memset(fs, 0, sizeof *fs);
	char buf[PATH_MAX];
	dir = font_dir(dir, buf, sizeof buf);
	FT_Library ft;
	if (FT_Init_FreeType(&ft) != 0) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "FreeType failed to start");
		return false;
	}
	bool ok = true;
	for (int i = 0; i < NQ_FONT__COUNT && ok; i++) {
		char *path = nq_sprintf(d->arena, "%s/%s", dir, bundled[i].file);
		fs->f[i].bold = bundled[i].bold;
		fs->f[i].serif = bundled[i].serif;
		ok = load_one(&fs->f[i], ft, path, d);
	}
	FT_Done_FreeType(ft);
	return ok;
}

void nq_fonts_free(nq_fontset *fs)
{
	for (int i = 0; i < NQ_FONT__COUNT; i++) {
		nq_font *f = &fs->f[i];
		if (f->font)
			hb_font_destroy(f->font);
		if (f->face)
			hb_face_destroy(f->face);
		if (f->blob)
			hb_blob_destroy(f->blob);
		free((void *)f->psname);
		memset(f, 0, sizeof *f);
	}
}

int nq_font_advance(const nq_font *f, unsigned gid)
{
	return (int)hb_font_get_glyph_h_advance(f->font, gid);
}
