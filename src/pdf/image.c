/*
 * image.c - the image files: read and checked before layout,
 * embedded as image XObjects when the PDF is written.
 *
 * Takes: the image names of the model (figures, the logo, footer codes
 * given as images), the directory and --allow-outside; later the
 * frames' IMAGE items.
 * Makes: each image's bytes and pixel size (nq_images_load, for layout's
 * scaling); one XObject per image file in the PDF, its /Resources names
 * and the `cm ... Do` that draws it (for hpdf.c).
 * Leaves to others: where an image goes and how large (layout/block.c),
 * the rest of the PDF (hpdf.c).
 *
 * libharu 2.3.0 decodes PNG through libpng (alpha becomes an /SMask) and
 * passes JPEG through as DCTDecode; nothing is decoded by hand.  The file
 * is loaded once into a scratch document before layout, so a damaged or
 * unsupported file is an error with its place in the issue, not a failure
 * in the middle of writing the PDF.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <png.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "image.h"
#include "cmap.h"
#include "model/model.h"

/* Limits (docs/limits.md).  A figure in a briefing is a chart or a
 * photograph of some hundred KiB; 8 MiB is a camera's full JPEG.  libharu
 * holds a PNG's pixels unpacked while it loads them, so their count is
 * bounded before libharu sees the file: 6,000 x 6,000 is 20 inches at
 * 300 dpi, 144 MB of RGBA at most. */
#define MAX_IMAGE_BYTES (8u << 20)
#define MAX_IMAGE_SIDE 6000
#define MAX_IMAGE_PIXELS (6000u * 6000u)

static const nq_confine_msgs image_place = {
	.outside = "image '%s' is outside the issue's directory; images the issue names "
	           "must be in its directory (or below), unless --allow-outside is given",
	.missing = "image '%s' not found (%s: %s)",
	.link = "image '%s' leads outside the issue's directory (it resolves to %s "
	        "through a symbolic link); allowed only with --allow-outside",
};

/* The scratch document's errors: libharu calls this and the load returns
 * NULL; the code is kept for the message. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	(void)detail_no;
	*(HPDF_STATUS *)user = error_no;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The format from the file's signature (PNG: ISO/IEC 15948 §5.2; JPEG:
 * the SOI marker and the next marker's FF), 0 if neither. */
static nq_image_format sniff(const unsigned char *p, size_t n)
{
	if (n >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4))
		return NQ_IMAGE_PNG;
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return NQ_IMAGE_JPEG;
	return 0;
}

static HPDF_Image load(HPDF_Doc pdf, const nq_image *im)
{
	return im->format == NQ_IMAGE_PNG
	               ? HPDF_LoadPngImageFromMem(pdf, im->data, (HPDF_UINT)im->len)
	               : HPDF_LoadJpegImageFromMem(pdf, im->data, (HPDF_UINT)im->len);
}

/* Decode the whole PNG once with libpng's simplified API, which reports
 * errors by return value.  libharu 2.3.0 reads PNG through libpng without
 * a setjmp of its own, so a damaged file (a truncated IDAT) made libpng
 * print "libpng error" and abort() the process; a file that decodes here
 * decodes there (the same libpng).  NULL when it decodes, else libpng's
 * message. */
static const char *png_damage(nq_arena *a, const nq_image *im)
{
	png_image pi;
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, im->data, im->len))
		return nq_strdup(a, pi.message);
	pi.format = PNG_FORMAT_RGBA;
	void *px = malloc(PNG_IMAGE_SIZE(pi));
	if (!px) {
		png_image_free(&pi);
		return "out of memory";
	}
	int ok = png_image_finish_read(&pi, NULL, px, 0, NULL);
	free(px);
	const char *why = ok ? NULL : nq_strdup(a, pi.message);
	png_image_free(&pi);
	return why;
}

/* Read and check one image; false after an error at its place. */
static bool load_one(nq_arena *a, HPDF_Doc scratch, HPDF_STATUS *status, nq_image *im,
                     const char *dir, bool allow, nq_diags *d)
{
	const char *file = nq_file_confine(a, dir, im->name, NULL, im->path, im->offset, allow, &image_place, d);
	if (!file)
		return false;
	char *data;
	size_t len;
	/* The file exists (confine resolved it); what can still fail is
	 * reading it, and that message names the file. */
	im->file = file;
	if (!nq_file_read(a, file, &data, &len, d))
		return false;
	if (len > MAX_IMAGE_BYTES) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
		            "image '%s' is %zu bytes; at most %u MiB", im->name, len, MAX_IMAGE_BYTES >> 20);
		return false;
	}
	im->data = (const unsigned char *)data;
	im->len = len;
	im->format = sniff(im->data, len);
	if (!im->format) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
		            "image '%s' is not a PNG or JPEG file", im->name);
		return false;
	}
	if (im->format == NQ_IMAGE_PNG) {
		uint32_t w = be32(im->data + 16), h = be32(im->data + 20);
		if (!w || !h || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE ||
		    (uint64_t)w * h > MAX_IMAGE_PIXELS) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
			            "image '%s' is %u x %u pixels; at most %d on a side", im->name,
			            (unsigned)w, (unsigned)h, MAX_IMAGE_SIDE);
			return false;
		}
	}
	const char *why = im->format == NQ_IMAGE_PNG ? png_damage(a, im) : NULL;
	if (why) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
		            "image '%s' is a damaged PNG file (%s)", im->name, why);
		return false;
	}
	*status = HPDF_OK;
	HPDF_Image img = load(scratch, im);
	if (!img) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
		            "image '%s' cannot be read as %s (damaged or an unsupported kind; libharu "
		            "error 0x%04X)",
		            im->name, im->format == NQ_IMAGE_PNG ? "PNG" : "JPEG", (unsigned)*status);
		HPDF_ResetError(scratch);
		return false;
	}
	im->width = (int)HPDF_Image_GetWidth(img);
	im->height = (int)HPDF_Image_GetHeight(img);
	if (im->width < 1 || im->height < 1 || im->width > MAX_IMAGE_SIDE * 4 ||
	    im->height > MAX_IMAGE_SIDE * 4) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
		            "image '%s' is %u x %u pixels; at most %d on a side", im->name,
		            (unsigned)im->width, (unsigned)im->height, MAX_IMAGE_SIDE * 4);
		return false;
	}
	return true;
}

bool nq_images_load(nq_arena *a, nq_doc *doc, const nq_options *opt, nq_diags *d)
{
	if (!doc->nimages)
		return true;
	HPDF_STATUS status = HPDF_OK;
	HPDF_Doc scratch = HPDF_New(on_error, &status);
	if (!scratch) {
		nq_diag_add(d, NQ_ERROR, NQ_DC_INTERNAL, NULL, -1, "libharu: cannot create a document");
		return false;
	}
	const char *dir = opt->input_dir && *opt->input_dir ? opt->input_dir : ".";
	bool ok = true;
	for (size_t i = 0; i < doc->nimages; i++) {
		nq_image *im = &doc->images[i];
		im->same = (int)i;
		/* "./logo.png" and "logo.png" (or a link to it) are one file,
		 * read and embedded once. */
		const char *f = nq_file_confine(a, dir, im->name, NULL, im->path, im->offset, opt->allow_outside,
		                                &image_place, &(nq_diags){ .arena = a });
		for (size_t k = 0; f && k < i; k++)
			if (doc->images[k].file && !strcmp(doc->images[k].file, f) && doc->images[k].data) {
				int w = doc->images[k].width, h = doc->images[k].height;
				*im = doc->images[k];
				im->name = doc->images[i].name;
				im->path = doc->images[i].path;
				im->offset = doc->images[i].offset;
				im->same = doc->images[k].same;
				im->width = w;
				im->height = h;
				break;
			}
		if (im->same == (int)i)
			ok &= load_one(a, scratch, &status, im, dir, opt->allow_outside, d);
	}
	HPDF_Free(scratch);
	return ok;
}

/* ------------------------------------------------------------ for hpdf.c */

bool nq_pdf_images_load(HPDF_Doc pdf, nq_arena *a, const nq_frames *fr, HPDF_Image **out,
                        bool (*loaded)(void *ctx, HPDF_Image img), void *ctx)
{
	HPDF_Image *imgs = NQ_NEWN(a, HPDF_Image, fr->nimages + 1);
	*out = imgs;
	for (size_t p = 0; p < fr->npages; p++)
		for (size_t i = 0; i < fr->pages[p].n; i++) {
			const nq_item *it = &fr->pages[p].items[i];
			if (it->kind != NQ_ITEM_IMAGE || it->image < 0 || (size_t)it->image >= fr->nimages)
				continue;
			int k = fr->images[it->image].same; /* one XObject per file */
			if (!imgs[k] &&
			    (!(imgs[k] = load(pdf, &fr->images[k])) || (loaded && !loaded(ctx, imgs[k]))))
				return false;
			imgs[it->image] = imgs[k];
		}
	return true;
}

void nq_pdf_image_ops(nq_buf *b, const nq_item *it)
{
	/* The unit square of the image scaled and moved onto its box
	 * (PDF 32000-1, 8.9.4). */
	nq_buf_puts(b, "q ");
	nq_pdf_num(b, it->w, 3);
	nq_buf_puts(b, " 0 0 ");
	nq_pdf_num(b, it->h, 3);
	nq_buf_puts(b, " ");
	nq_pdf_num(b, it->x, 3);
	nq_buf_puts(b, " ");
	nq_pdf_num(b, it->y, 3);
	nq_buf_printf(b, " cm /Im%d Do Q\n", it->image);
}

/* As libharu's HPDF_Page_GetXObjectName (hpdf_pages.c) makes the
 * dictionary, but under our fixed names, so the content can be written
 * before the resources. */
bool nq_pdf_image_resources(HPDF_Page page, const nq_page *pg, HPDF_Image *imgs)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	for (size_t i = 0; i < pg->n; i++) {
		const nq_item *it = &pg->items[i];
		if (it->kind != NQ_ITEM_IMAGE || !imgs[it->image])
			continue;
		if (!attr->xobjects) {
			HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
			HPDF_Dict xo = HPDF_Dict_New(page->mmgr);
			if (!res || !xo || HPDF_Dict_Add(res, "XObject", xo) != HPDF_OK)
				return false;
			attr->xobjects = xo;
		}
		char name[24];
		snprintf(name, sizeof name, "Im%d", it->image);
		if (!HPDF_Dict_GetItem(attr->xobjects, name, HPDF_OCLASS_DICT) &&
		    HPDF_Dict_Add(attr->xobjects, name, imgs[it->image]) != HPDF_OK)
			return false;
	}
	return true;
}
