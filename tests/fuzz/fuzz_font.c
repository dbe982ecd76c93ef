/*
 * fuzz_font.c - libFuzzer target: bytes as a TrueType or OpenType-CFF
 * file -> the whole pipeline of a fixed short issue set in that font, to a
 * PDF in memory.
 *
 * Takes any bytes; the seeds (corpus/font/) are small hb-subset cuts of
 * the bundled fonts and of Debian's Noto CJK (CID-keyed CFF), a few dozen
 * glyphs each, and tests/fonts/cff.otf (name-keyed CFF), so mutations land
 * in real tables: the directory, head, maxp, loca, glyf, CFF, cmap, hmtx,
 * GSUB, GPOS.  A CFF file goes the CIDFontType0 way (pdf/cff.c).
 * The bytes are written to a private directory under the three bundled
 * file names (one file, two symbolic links), and nq_render runs the issue
 * below with --font-dir there and no system fonts: font.c's loading and
 * damage checks, shaping the fixed text (Han, Latin with ligatures,
 * digits, punctuation, a character outside the BMP, a combining mark),
 * line breaking, layout, the per-glyph checks, hb-subset and the PDF
 * writer all run on the mutated font.  Makes nothing.
 *
 * Checks, besides the sanitizers: the exit code is the worst
 * diagnostic's; a damaged font is exit 3 (a file problem), never 4 (an
 * internal error) - the whole point of docs/fonts.md "Damaged fonts"; a
 * success is a whole PDF, a failure returns none.
 * And, on the bytes alone: every glyph (the first 4,096) that
 * nq_ttf_glyph_clean passes loads in FreeType, since hpdf.c takes its
 * word for FreeType's (pdf/subset.h).
 * NQ_FUZZ_DEBUG=1 in the environment prints the exit code and messages.
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "fuzz.h"
#include "nqpdf.h"
#include "pdf/subset.h"
#include "util/util.h"

static char dir[64];
static char file[128];

static const char issue[] =
        "{\"nqpdf\": 1, \"title\": \"新质生产力每日动态\", \"organization\": \"工业和信息化部\","
        " \"date\": \"2026-05-14\", \"references\": [{\"id\": 1, \"source\": \"工业和信息化部\","
        " \"title\": \"AI+制造\", \"url\": \"https://example.org/office/2026\"}],"
        " \"sections\": [{\"heading\": \"动态\", \"paragraphs\": ["
        "\"工业和信息化部（2026年）“AI+制造” office fi 𠮷，信息化动态。e\\u0301[1]\"]}]}";

static void cleanup(void)
{
	static const char *const names[] = { "NotoSerifSC_400Regular.ttf",
		                             "NotoSerifSC_700Bold.ttf", "NotoSansSC_700Bold.ttf" };
	char p[192];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/nqfont-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	atexit(cleanup);
	snprintf(file, sizeof file, "%s/NotoSerifSC_400Regular.ttf", dir);
	char p[192];
	snprintf(p, sizeof p, "%s/NotoSerifSC_700Bold.ttf", dir);
	if (symlink("NotoSerifSC_400Regular.ttf", p) != 0)
		abort();
	snprintf(p, sizeof p, "%s/NotoSansSC_700Bold.ttf", dir);
	if (symlink("NotoSerifSC_400Regular.ttf", p) != 0)
		abort();
	return 0;
}

/* nq_ttf_glyph_clean(g) implies FreeType loads g, as hpdf.c's glyph_ok
 * assumes; FreeType sees the glyph table only if font.c's loca check
 * passes too (its offsets rise and stay inside glyf), so only then. */
static void check_clean(const uint8_t *data, size_t size)
{
	static FT_Library ft;
	nq_ttf_glyphs t;
	FT_Face face;
	if (!nq_ttf_glyphs_open(&t, data, size, 0))
		return;
	for (unsigned g = 0, prev = 0; g <= t.nglyphs; g++) {
		const uint8_t *l = t.loca;
		unsigned o = t.long_loca ? (unsigned)l[4 * g] << 24 | (unsigned)l[4 * g + 1] << 16 |
		                                   (unsigned)l[4 * g + 2] << 8 | l[4 * g + 3]
		                         : 2 * ((unsigned)l[2 * g] << 8 | l[2 * g + 1]);
		if (o < prev || o > t.glyf_n)
			return;
		prev = o;
	}
	if (!ft && FT_Init_FreeType(&ft))
		abort();
	if (FT_New_Memory_Face(ft, data, (FT_Long)size, 0, &face))
		return;
	for (unsigned g = 0; g < t.nglyphs && g < 4096 && g < (unsigned)face->num_glyphs; g++)
		if (nq_ttf_glyph_clean(&t, g) &&
		    FT_Load_Glyph(face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) {
			fprintf(stderr, "glyph %u: clean, but FreeType cannot load it\n", g);
			abort();
		}
	FT_Done_Face(face);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_clean(data, size);
	/* A fresh file each time (HarfBuzz maps it; the previous run's
	 * mapping is gone, nq_render frees its fonts). */
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t k = write(fd, data + off, size - off);
		if (k <= 0)
			abort();
		off += (size_t)k;
	}
	close(fd);

	nq_arena *a = nq_arena_new();
	nq_diags d = { .arena = a, .file = "fuzz.json" };
	nq_options opt = {
		.font_dir = dir,
		.source_date = 0,
		.contents = -1,
		.input_dir = dir,
		.system_fonts = false,
	};
	const unsigned char *pdf = NULL;
	size_t n = 0;
	int rc = nq_render(a, issue, sizeof issue - 1, &opt, &d, &pdf, &n);
	if (getenv("NQ_FUZZ_DEBUG")) {
		fprintf(stderr, "exit %d, %zu bytes of PDF\n", rc, n);
		nq_diag_print(&d, stderr);
	}
	if (rc != nq_diag_exit_code(&d))
		abort();
	/* A font, however damaged, is a file problem (3), never a bug (4);
	 * the issue itself is valid, so never 1 either. */
	if (rc != NQ_EXIT_OK && rc != NQ_EXIT_IO)
		abort();
	nq_fuzz_check_output(rc, pdf, n, &d);
	nq_arena_free(a);
	return 0;
}
