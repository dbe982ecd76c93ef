/*
 * save.c - the PDF file: libharu's objects, with object streams and a
 * cross-reference stream.
 *
 * Takes: a libharu document whose objects are all made (hpdf.c, tags.c,
 * xmp.c, image.c), and hpdf.c's deflater.
 * Makes: the whole file in arena memory - the header, every stream object
 * as itself, every other object packed into object streams (PDF 32000-1,
 * 7.5.7), and a cross-reference stream (7.5.8) in place of the xref
 * table and trailer.
 * Leaves to others: what the objects say (hpdf.c and the rest of pdf/),
 * the /ID's value (hpdf.c's file_id_fill patches the zeros written here,
 * at the offset nq_pdf_save returns).
 *
 * Why not HPDF_SaveToStream: libharu 2.3.0 writes every object as plain
 * text with a classic xref table, and PDF requires the structure tree's
 * elements, the annotations and the outline items to be indirect objects:
 * ~300 small dictionaries on the 5-page example, 26 KB uncompressed.
 * Packed and compressed they take a few KB (docs/pdf.md, "Size").  libqpdf
 * can repack a finished file the same way, but re-parsing it costs 7 ms
 * of CPU per example (measured in-process with qpdf_read_memory and
 * qpdf_o_generate), a third of the whole run; here each object is
 * serialised once, by libharu's own HPDF_Obj_WriteValue, into our buffer.
 */
#include "save.h"

#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_streams.h>

/* An object stream is closed once its objects' text reaches the deflate
 * window (RFC 1951, 3.2.5: distances reach back 32 KiB): past that,
 * a longer stream gains nothing from what it already holds, and a reader
 * inflates less to reach one object. */
#define OBJSTM_BYTES 32768

/* Cross-reference stream field widths (7.5.8.2, Table 17): type 1 byte;
 * field 3 holds generation 65535 of the free entry 0 and an object's
 * index in its stream, so 2 bytes; field 2 as wide as the largest
 * offset or object number needs. */
#define W1 1
#define W3 2

typedef struct xent {
	unsigned char type; /* 0 free, 1 at an offset, 2 in an object stream */
	uint32_t f2, f3;
} xent;

typedef struct sctx {
	nq_arena *a;
	nq_deflater *z;
	nq_buf out;   /* the file */
	nq_buf body;  /* the current object stream's objects */
	nq_buf index; /* ... and its "number offset" pairs */
	nq_buf *cur;  /* where libharu's writes go */
	xent *x;
	uint32_t nx;
	uint32_t nstm_objs; /* objects in the current object stream */
	uint32_t next_num;  /* the next object number free for our own */
	size_t id_at;       /* where the /ID's first string starts */
} sctx;

static HPDF_STATUS to_buf(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	sctx *c = s->attr;
	nq_buf_put(c->cur, p, n);
	return HPDF_OK;
}

static bool is_stream(void *obj)
{
	HPDF_Obj_Header *h = obj;
	return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream;
}

/* One stream object: "N 0 obj\n<<dict>>\nstream\r\n...\nendstream\nendobj\n"
 * (libharu's own layout, HPDF_Xref_WriteToStream). */
static bool put_stream(sctx *c, HPDF_Stream ws, uint32_t num, void *obj)
{
	c->x[num] = (xent){ 1, (uint32_t)c->out.n, 0 };
	nq_buf_printf(&c->out, "%u 0 obj\n", (unsigned)num);
	c->cur = &c->out;
	if (HPDF_Obj_WriteValue(obj, ws, NULL) != HPDF_OK)
		return false;
	nq_buf_puts(&c->out, "\nendobj\n");
	return true;
}

/* The object stream gathered so far, as object next_num. */
static bool flush_stm(sctx *c)
{
	if (c->nstm_objs == 0)
		return true;
	const unsigned char *z;
	size_t zlen;
	/* The index and the objects, one buffer: "N1 O1 N2 O2 ...\n" then the
	 * objects; /First is where the objects begin. */
	size_t first = c->index.n;
	nq_buf_put(&c->index, c->body.p, c->body.n);
	if (!nq_deflate(c->z, NQ_Z_DATA, c->index.p, c->index.n, &z, &zlen))
		return false;
	uint32_t num = c->next_num++;
	c->x[num] = (xent){ 1, (uint32_t)c->out.n, 0 };
	nq_buf_printf(&c->out,
	              "%u 0 obj\n<</Type/ObjStm/N %u/First %zu/Filter/FlateDecode/Length %zu>>"
	              "\nstream\r\n",
	              (unsigned)num, (unsigned)c->nstm_objs, first, zlen);
	nq_buf_put(&c->out, z, zlen);
	nq_buf_puts(&c->out, "\nendstream\nendobj\n");
	c->index.n = 0;
	c->body.n = 0;
	c->nstm_objs = 0;
	return true;
}

/* One non-stream object into the current object stream. */
static bool put_packed(sctx *c, HPDF_Stream ws, uint32_t num, void *obj)
{
	c->x[num] = (xent){ 2, c->next_num, c->nstm_objs }; /* flush_stm's number */
	nq_buf_printf(&c->index, "%u %zu ", (unsigned)num, c->body.n);
	c->cur = &c->body;
	if (HPDF_Obj_WriteValue(obj, ws, NULL) != HPDF_OK)
		return false;
	nq_buf_putc(&c->body, '\n');
	c->nstm_objs++;
	return c->body.n < OBJSTM_BYTES || flush_stm(c);
}

static int width_of(uint32_t v)
{
	int n = 1;
	while (v >>= 8)
		n++;
	return n;
}

static void put_be(unsigned char *p, uint32_t v, int w)
{
	for (int i = w - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xFF);
}

/* The cross-reference stream, with the PNG Up predictor (7.4.4.4,
 * Table 10, Predictor 12): each row is written as its difference from the
 * row above, so the offsets' high bytes and the types become runs of
 * zeros that Flate takes for almost nothing. */
static bool put_xref(sctx *c, uint32_t root, uint32_t info)
{
	uint32_t num = c->next_num++;
	uint32_t start = (uint32_t)c->out.n;
	c->x[num] = (xent){ 1, start, 0 };
	uint32_t max2 = 0;
	for (uint32_t i = 0; i < c->nx; i++)
		if (c->x[i].f2 > max2)
			max2 = c->x[i].f2;
	int w2 = width_of(max2);
	size_t row = W1 + (size_t)w2 + W3;
	unsigned char *raw = NQ_NEWN(c->a, unsigned char, (row + 1) * c->nx);
	unsigned char *prev = NQ_NEWN(c->a, unsigned char, row), *cur = NQ_NEWN(c->a, unsigned char, row);
	for (uint32_t i = 0; i < c->nx; i++) {
		unsigned char *r = raw + (row + 1) * i;
		put_be(cur, c->x[i].type, W1);
		put_be(cur + W1, c->x[i].f2, w2);
		put_be(cur + W1 + w2, c->x[i].f3, W3);
		r[0] = 2; /* PNG filter type Up */
		for (size_t k = 0; k < row; k++)
			r[1 + k] = (unsigned char)(cur[k] - prev[k]);
		memcpy(prev, cur, row);
	}
	const unsigned char *z;
	size_t zlen;
	if (!nq_deflate(c->z, NQ_Z_OBJECTS, raw, (row + 1) * c->nx, &z, &zlen))
		return false;
	nq_buf_printf(&c->out, "%u 0 obj\n<</Type/XRef/Size %u/W[%d %d %d]/Root %u 0 R/Info %u 0 R/ID [",
	              (unsigned)num, (unsigned)c->nx, W1, w2, W3, (unsigned)root, (unsigned)info);
	c->id_at = c->out.n;
	nq_buf_printf(&c->out,
	              "<%032d><%032d>]/Filter/FlateDecode/DecodeParms<</Columns %zu/Predictor 12>>/Length %zu>>"
	              "\nstream\r\n",
	              0, 0, row, zlen);
	nq_buf_put(&c->out, z, zlen);
	nq_buf_printf(&c->out, "\nendstream\nendobj\nstartxref\n%u\n%%%%EOF\n", (unsigned)start);
	return true;
}

static uint32_t obj_num(void *obj)
{
	return obj ? ((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF : 0;
}

bool nq_pdf_save(HPDF_Doc pdf, nq_arena *a, nq_deflater *z, const unsigned char **out,
                 size_t *outlen, size_t *id_at)
{
	HPDF_Xref xref = pdf->xref;
	/* One table, no incremental sections: what HPDF_New makes. */
	if (!xref || xref->prev || xref->start_offset != 0 || !pdf->catalog || !pdf->info)
		return false;
	uint32_t nobj = xref->entries->count;
	/* Numbers after libharu's: one per object stream (at most one per
	 * object) and the cross-reference stream. */
	sctx c = { .a = a, .z = z, .out = { .a = a }, .body = { .a = a }, .index = { .a = a } };
	c.nx = nobj;
	c.next_num = nobj;
	c.x = NQ_NEWN(a, xent, 2 * (size_t)nobj + 1);
	c.x[0] = (xent){ 0, 0, 65535 };

	/* The file is about the streams' bytes plus a little: reserve that
	 * once rather than leave the arena each doubled copy. */
	size_t guess = 4096;
	for (uint32_t i = 1; i < nobj; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(xref->entries, i);
		/* Not a stream libharu would still deflate while writing (a
		 * fraction of its size): nqpdf compresses its own first
		 * (hpdf.c, nq_pdf_put_flate), so these are the bytes written. */
		if (e && e->obj && is_stream(e->obj) &&
		    !(((HPDF_Dict)e->obj)->filter & HPDF_STREAM_FILTER_FLATE_DECODE))
			guess += ((HPDF_Dict)e->obj)->stream->size + 128;
	}
	c.out.p = nq_alloc(a, guess);
	c.out.cap = guess;

	HPDF_Stream ws = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, &c);
	if (!ws)
		return false;
	/* The header, and the binary comment PDF/A-2 6.1.2 asks for: libharu's
	 * (WriteHeader in hpdf_doc.c). */
	nq_buf_puts(&c.out, "%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");

	/* Streams first: writing one sets its /Length object, which is packed
	 * with the rest afterwards. */
	bool ok = true;
	for (uint32_t i = 1; ok && i < nobj; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(xref->entries, i);
		ok = e && e->obj && (!is_stream(e->obj) || put_stream(&c, ws, i, e->obj));
	}
	for (uint32_t i = 1; ok && i < nobj; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(xref->entries, i);
		ok = is_stream(e->obj) || put_packed(&c, ws, i, e->obj);
	}
	ok = ok && flush_stm(&c);
	c.nx = c.next_num + 1; /* the xref stream's own entry included */
	ok = ok && put_xref(&c, obj_num(pdf->catalog), obj_num(pdf->info));
	HPDF_Stream_Free(ws);
	if (!ok)
		return false;
	*out = (const unsigned char *)c.out.p;
	*outlen = c.out.n;
	*id_at = c.id_at;
	return true;
}
