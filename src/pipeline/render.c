/*
 * render.c - the pipeline: json -> model -> (shape, linebreak) layout -> pdf.
 *
 * Each stage gets the run's arena and diagnostics; the first stage that
 * reports an error stops the run, so nothing is written from invalid input.
 * Dumps stop the pipeline after the stage they show.
 */
#include <string.h>

#include "json/json.h"
#include "layout/layout.h"
#include "md/md.h"
#include "model/model.h"
#include "pdf/pdf.h"
#include "util/util.h"

/* The command line wins over the "options", which win over the
 * defaults: A4, strict prohibitions (CLREQ §3.1.7.1), quanjiao
 * punctuation (CLREQ §3.2), contents shown. */
static nq_setup setup(const nq_doc *doc, const nq_options *opt)
{
	nq_setup s = {
		.paper = opt->paper ? opt->paper : doc->opt.paper ? (nq_paper)doc->opt.paper : NQ_PAPER_A4,
		.kinsoku = opt->kinsoku ? opt->kinsoku
		         : doc->opt.kinsoku ? (nq_kinsoku)doc->opt.kinsoku : NQ_KINSOKU_STRICT,
		.punct = opt->punct ? opt->punct
		       : doc->opt.punct ? (nq_punct)doc->opt.punct : NQ_PUNCT_QUANJIAO,
		.contents = opt->contents >= 0 ? opt->contents : doc->opt.contents != 0,
		.draft = opt->draft ? (*opt->draft ? opt->draft : NULL) : doc->opt.draft,
		.stats = opt->stats,
	};
	return s;
}

static int render(nq_arena *a, const char *src, size_t len, const nq_options *opt, nq_diags *d,
                  const unsigned char **out, size_t *outlen);

/* Markdown (md/) becomes the JSON text of the same issue; the stages run
 * on that, and their offsets are moved back into the .md after. */
int nq_render(nq_arena *a, const char *src, size_t len, const nq_options *opt, nq_diags *d,
              const unsigned char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	d->src = src;
	d->srclen = len;
	if (!opt->markdown)
		return render(a, src, len, opt, d, out, outlen);
	nq_md m;
	if (!nq_md_to_json(a, src, len, d, &m))
		return nq_diag_exit_code(d);
	size_t n0 = d->n;
	int rc = render(a, m.json, m.len, opt, d, out, outlen);
	for (size_t i = n0; i < d->n; i++)
		d->v[i].offset = nq_md_offset(&m, d->v[i].offset);
	d->src = src;
	d->srclen = len;
	return rc;
}

static int render(nq_arena *a, const char *src, size_t len, const nq_options *opt, nq_diags *d,
                  const unsigned char **out, size_t *outlen)
{
	d->src = src;
	d->srclen = len;
	nq_json j;
	if (!nq_json_parse(a, src, len, d, &j))
		return nq_diag_exit_code(d);
	nq_doc *doc = nq_model_build(a, &j, d);
	nq_json_free(&j);
	if (!doc)
		return nq_diag_exit_code(d);
	nq_buf b = { .a = a };
	if (opt->dump == NQ_DUMP_MODEL) {
		nq_model_dump(doc, &b);
		*out = (const unsigned char *)nq_buf_cstr(&b);
		*outlen = b.n;
		return nq_diag_exit_code(d);
	}
	if (opt->check_only)
		return nq_diag_exit_code(d);
	/* Image files before layout: it scales them by their pixel size. */
	if (!nq_images_load(a, doc, opt, d))
		return nq_diag_exit_code(d);

	/* The bundled faces or those named per role (--face, "options.faces"),
	 * then the fallback chain (docs/fonts.md): the --font files, the
	 * issue's "options.fonts", the bundled faces replaced, fontconfig. */
	nq_fontset fs;
	nq_font_name *names = NQ_NEWN(a, nq_font_name, doc->opt.nfonts + 1);
	for (size_t i = 0; i < doc->opt.nfonts; i++)
		names[i] = (nq_font_name){ doc->opt.fonts[i].name, doc->opt.fonts[i].path,
		                           doc->opt.fonts[i].offset };
	nq_font_name faces[3];
	for (int r = 0; r < 3; r++)
		faces[r] = (nq_font_name){ doc->opt.faces[r].name, doc->opt.faces[r].path,
		                           doc->opt.faces[r].offset };
	if (!nq_fonts_load(&fs, opt->font_dir, d) ||
	    !nq_fonts_chain(&fs, opt, names, doc->opt.nfonts, faces, d)) {
		nq_fonts_free(&fs);
		return nq_diag_exit_code(d);
	}
	int rc = NQ_EXIT_OK;
	nq_setup set = setup(doc, opt);
	nq_frames *fr = nq_layout(a, doc, &fs, &set, d, opt->dump == NQ_DUMP_LINES ? &b : NULL);
	if (fr && opt->stats)
		nq_pdf_font_stats(fr, opt->stats);
	if (!fr || d->errors) {
		rc = nq_diag_exit_code(d);
	} else if (opt->dump == NQ_DUMP_LINES) {
		*out = (const unsigned char *)nq_buf_cstr(&b);
		*outlen = b.n;
	} else if (opt->dump == NQ_DUMP_LAYOUT) {
		nq_layout_dump(fr, &b);
		*out = (const unsigned char *)nq_buf_cstr(&b);
		*outlen = b.n;
	} else {
		fr->epoch = opt->source_date;
		fr->pdfa = opt->pdf_standard == NQ_PDF_STD_A2U;
		if (!nq_pdf_write(a, fr, &fs, d, out, outlen))
			rc = nq_diag_exit_code(d);
	}
	nq_fonts_free(&fs);
	return rc ? rc : nq_diag_exit_code(d);
}
