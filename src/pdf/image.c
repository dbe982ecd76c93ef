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
 * A grey or palette PNG of 1 to 8 bits, or an 8-bit RGB one, without
 * transparency or interlacing goes in as its own IDAT data (png_raw, PDF's PNG predictors); other PNGs
 * go through libharu 2.3.0, which decodes them with libpng (alpha becomes
 * an /SMask), and JPEG passes through as DCTDecode.  Every file is checked
 * before layout (a row at a time, or loaded into a scratch document), so a
 * damaged or unsupported file is an error with its place in the issue, not
 * a failure in the middle of writing the PDF.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <png.h>
#include <zlib.h>
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

/* A PNG that goes into the PDF as the compressed data it already holds:
 * grey or palette of 1, 2, 4 or 8 bits, or 8-bit RGB, not interlaced,
 * without transparency.  Its
 * IDAT chunks, joined, are one zlib stream of filtered rows, which is what
 * /FlateDecode with /Predictor 15 reads (PDF 32000-1 §7.4.4.4), so nothing
 * is decoded to write it: libharu's loader decodes every pixel (libpng),
 * holds them raw and has them deflated again, and the check before layout
 * decoded them twice more (three 36 Mpx PNGs peaked at 361 MB).  Below 8
 * bits a row is packed the same way in both (PDF 32000-1 §8.9.3, PNG
 * §7.2), and the predictors work on whole bytes either way.  Alpha (an
 * /SMask), 16 bits and interlacing still go through libharu. */
typedef struct png_raw {
	uint32_t w, h;
	int colors;                  /* 1 grey or palette, 3 RGB */
	int depth;                   /* bits a sample: 1, 2, 4 or 8 */
	const unsigned char *plte;   /* palette (colour type 3), or NULL */
	size_t nplte;                /* its bytes: 3 per entry */
	size_t nidat;                /* the IDAT chunks' data, in all */
} png_raw;

/* Whether im is such a PNG, from its chunks (ISO/IEC 15948 §5.3, §11.2);
 * fills r.  A PNG whose chunks do not parse is left to libpng, which
 * says what is wrong with it. */
static bool png_raw_parse(const nq_image *im, png_raw *r)
{
	const unsigned char *q = im->data + 8, *end = im->data + im->len;
	bool ihdr = false, palette = false, grey = false, idat = false, idat_done = false;
	memset(r, 0, sizeof *r);
	for (;;) {
		if (end - q < 12)
			return false;
		uint32_t len = be32(q);
		if (len > (size_t)(end - q) - 12)
			return false;
		const unsigned char *type = q + 4, *data = q + 8;
		/* Every chunk's CRC (§5.3), as libpng checks it: the IDAT
		 * data has its Adler-32 (png_raw_damage), but a damaged IHDR
		 * or PLTE would be drawn wrong without a word. */
		if (be32(data + len) != (uint32_t)crc32(crc32(0L, Z_NULL, 0), type, (uInt)len + 4))
			return false;
		if (idat && memcmp(type, "IDAT", 4))
			idat_done = true; /* IDAT chunks are consecutive (§5.6) */
		if (!ihdr) {
			/* IHDR first: width, height, bit depth, colour type,
			 * compression, filter, interlace. */
			if (memcmp(type, "IHDR", 4) || len != 13 || data[10] || data[11] || data[12])
				return false;
			r->w = be32(data);
			r->h = be32(data + 4);
			palette = data[9] == 3;
			grey = data[9] == 0;
			r->colors = data[9] == 2 ? 3 : 1;
			r->depth = data[8];
			if (data[9] != 0 && data[9] != 2 && data[9] != 3)
				return false;
			/* RGB is 8 or 16 bits; grey and palette 1 to 8 (§11.2.2). */
			if (r->depth != 8 && (data[9] == 2 || (r->depth != 1 && r->depth != 2 && r->depth != 4)))
				return false;
			ihdr = true;
		} else if (!memcmp(type, "PLTE", 4)) {
			/* One, before the data, and none in a grey image
			 * (§5.6): libpng refuses the rest. */
			if (r->plte || idat || grey)
				return false;
			r->plte = data;
			r->nplte = len;
		} else if (!memcmp(type, "tRNS", 4)) {
			return false; /* transparency: an /SMask, libharu's way */
		} else if (!memcmp(type, "IDAT", 4)) {
			if (idat_done)
				return false;
			idat = true;
			r->nidat += len;
		} else if (!memcmp(type, "IEND", 4)) {
			break;
		} else if (!(type[0] & 0x20)) {
			return false; /* a critical chunk we do not know (§5.4) */
		}
		q = data + len + 4;
	}
	if (!palette)
		r->plte = NULL;
	else if (!r->plte || r->nplte == 0 || r->nplte % 3 || r->nplte > 3 * ((size_t)1 << r->depth))
		return false;
	return r->w && r->h && r->nidat;
}

/* The next IDAT chunk's data from *q on that is not empty (a PNG
 * png_raw_parse took, whose IDATs are consecutive), *q moved past it;
 * NULL at IEND.  The chunks are read where they are, never joined: up to
 * 8 MiB copied twice. */
static const unsigned char *next_idat(const unsigned char **q, uInt *len)
{
	for (;;) {
		const unsigned char *c = *q;
		if (!memcmp(c + 4, "IEND", 4))
			return NULL;
		*q += 12 + be32(c);
		if (!memcmp(c + 4, "IDAT", 4) && be32(c)) {
			*len = be32(c);
			return c + 8;
		}
	}
}

/* Inflate the image data a row at a time, so a damaged file is refused
 * here and not in a reader: every row there (its filter type 0 to 4, §9.2)
 * and the stream's end right after the last.  NULL when it holds, else
 * why not.  Memory: one row. */
static const char *png_raw_damage(const nq_image *im, const png_raw *r)
{
	size_t row = 1 + ((size_t)r->w * (size_t)r->colors * (size_t)r->depth + 7) / 8;
	unsigned char *buf = malloc(row + 1);
	const unsigned char *q = im->data + 8;
	z_stream zs = { 0 };
	const char *why = NULL;
	if (!buf || inflateInit(&zs) != Z_OK) {
		free(buf);
		return "out of memory";
	}
	int rc = Z_OK;
	for (uint32_t y = 0; y < r->h && !why; y++) {
		zs.next_out = buf;
		zs.avail_out = (uInt)row;
		while (zs.avail_out && rc == Z_OK) {
			if (!zs.avail_in && !(zs.next_in = (unsigned char *)next_idat(&q, &zs.avail_in))) {
				rc = Z_BUF_ERROR; /* no more data: the row is short */
				break;
			}
			rc = inflate(&zs, Z_NO_FLUSH);
		}
		if (zs.avail_out)
			why = rc == Z_STREAM_END || rc == Z_BUF_ERROR ? "not enough image data"
			      : zs.msg                              ? zs.msg
			                                            : "damaged image data";
		else if (buf[0] > 4)
			why = "a row with an unknown filter type";
	}
	if (!why && rc != Z_STREAM_END) {
		/* After the last row: the end of the stream, and nothing more. */
		zs.next_out = buf;
		zs.avail_out = 1;
		do {
			if (!zs.avail_in && !(zs.next_in = (unsigned char *)next_idat(&q, &zs.avail_in)))
				break;
			rc = inflate(&zs, Z_FINISH);
		} while (rc == Z_BUF_ERROR && zs.avail_out);
		if (zs.avail_out == 0)
			why = "more image data than its size";
		else if (rc != Z_STREAM_END)
			why = "the image data does not end";
	}
	/* Nothing after the stream's end either: the IDAT data is the PDF
	 * stream as it stands, and libpng refuses such a file. */
	uInt rest;
	if (!why && (zs.avail_in || next_idat(&q, &rest)))
		why = "data after the end of the image data";
	inflateEnd(&zs);
	free(buf);
	return why;
}

/* The image XObject of a PNG png_raw_parse took: its IDAT data under
 * /FlateDecode with the PNG predictors, /DeviceGray, /DeviceRGB or an
 * /Indexed palette over /DeviceRGB, as libharu names them. */
static HPDF_Image png_raw_xobject(HPDF_Doc pdf, const nq_image *im, const png_raw *r)
{
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict img = HPDF_DictStream_New(mm, pdf->xref);
	HPDF_Dict parms = HPDF_Dict_New(mm);
	if (!img || !parms)
		return NULL;
	img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	HPDF_STATUS st = HPDF_Dict_AddName(img, "Type", "XObject");
	st |= HPDF_Dict_AddName(img, "Subtype", "Image");
	st |= HPDF_Dict_AddNumber(img, "Width", (HPDF_INT32)r->w);
	st |= HPDF_Dict_AddNumber(img, "Height", (HPDF_INT32)r->h);
	st |= HPDF_Dict_AddNumber(img, "BitsPerComponent", r->depth);
	if (r->plte) {
		HPDF_Array cs = HPDF_Array_New(mm);
		st |= cs ? HPDF_Dict_Add(img, "ColorSpace", cs) : HPDF_FAILD_TO_ALLOC_MEM;
		if (cs) {
			st |= HPDF_Array_AddName(cs, "Indexed");
			st |= HPDF_Array_AddName(cs, "DeviceRGB");
			st |= HPDF_Array_AddNumber(cs, (HPDF_INT32)(r->nplte / 3 - 1));
			st |= HPDF_Array_Add(cs, HPDF_Binary_New(mm, (HPDF_BYTE *)r->plte, (HPDF_UINT)r->nplte));
		}
	} else {
		st |= HPDF_Dict_AddName(img, "ColorSpace", r->colors == 3 ? "DeviceRGB" : "DeviceGray");
	}
	st |= HPDF_Dict_Add(img, "DecodeParms", parms);
	st |= HPDF_Dict_AddNumber(parms, "Predictor", 15);
	st |= HPDF_Dict_AddNumber(parms, "Colors", r->colors);
	st |= HPDF_Dict_AddNumber(parms, "BitsPerComponent", r->depth);
	st |= HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)r->w);
	/* The chunks' data one after the other is the zlib stream. */
	bool ok = st == HPDF_OK && nq_pdf_put_flate(img, NULL, 0);
	const unsigned char *q = im->data + 8, *data;
	uInt len;
	while (ok && (data = next_idat(&q, &len)))
		ok = HPDF_Stream_Write(img->stream, data, len) == HPDF_OK;
	return ok ? img : NULL;
}

static HPDF_Image load(HPDF_Doc pdf, const nq_image *im)
{
	png_raw r;
	if (im->format == NQ_IMAGE_PNG && png_raw_parse(im, &r))
		return png_raw_xobject(pdf, im, &r);
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
		/* libharu 2.3.0 refuses Adam7 (libharu error 0x1043), and PDF's
		 * predictors cannot undo it: say what to do instead. */
		if (im->len > 28 && im->data[28] == 1) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
			            "image '%s' is an interlaced PNG, which nqpdf cannot embed; "
			            "save it without interlacing",
			            im->name);
			return false;
		}
	}
	png_raw r;
	if (im->format == NQ_IMAGE_PNG && png_raw_parse(im, &r)) {
		/* Passed through (png_raw): checked a row at a time, and
		 * nothing for libharu to load. */
		const char *why = png_raw_damage(im, &r);
		if (why) {
			nq_diag_add(d, NQ_ERROR, NQ_DC_IO, im->path, im->offset,
			            "image '%s' is a damaged PNG file (%s)", im->name, why);
			return false;
		}
		im->width = (int)r.w;
		im->height = (int)r.h;
		return true;
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
