/*
 * xmp.c - what PDF/A-2u asks of a document beyond its pages (ISO 19005-2):
 * the XMP metadata (6.6.2, 6.6.3, 6.6.4) and the output intent (6.2.3).
 *
 * Takes: the document information of the frames (frame.h: title, author,
 * subject, keywords, creator, date or SOURCE_DATE_EPOCH) and the producer
 * string hpdf.c puts in the Info dictionary; the sRGB ICC profile icc.c
 * makes (ICC v2.1, 560 bytes; it replaced Debian's 6,922-byte sRGB.icc).
 * Makes: the XMP packet (/Metadata in the catalog) and one
 * /GTS_PDFA1 OutputIntent with that profile.
 * Leaves to others: the Info dictionary itself, the PDF version, /ID and
 * everything on the pages (hpdf.c), the structure tree (tags.c).
 *
 * The packet says exactly what the Info dictionary says, entry for entry
 * (6.6.3: equivalence): both come from the same fields and the same date.
 */
#include "xmp.h"
#include "icc.h"
#include "../util/util.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): gmtime
 * would do, but it is not C11 and this cannot depend on the TZ. */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool nq_pdf_date(const nq_frames *fr, int v[6])
{
	memset(v, 0, 6 * sizeof *v);
	if (fr->epoch >= 0) {
		long long days = fr->epoch / 86400, secs = fr->epoch % 86400;
		civil_from_days(days, &v[0], &v[1], &v[2]);
		v[3] = (int)(secs / 3600);
		v[4] = (int)(secs / 60 % 60);
		v[5] = (int)(secs % 60);
		return true;
	}
	if (fr->year > 0) {
		v[0] = fr->year;
		v[1] = fr->month;
		v[2] = fr->day;
		return true;
	}
	return false;
}

/* Text content of an XML element: the five specials escaped, and the
 * control characters XML 1.0 cannot hold (section 2.2) left out. */
static void xml_text(nq_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			nq_buf_puts(b, "&amp;");
		else if (c == '<')
			nq_buf_puts(b, "&lt;");
		else if (c == '>')
			nq_buf_puts(b, "&gt;");
		else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			nq_buf_put(b, s, 1);
	}
}

static void simple(nq_buf *b, const char *tag, const char *s)
{
	if (!s || !*s)
		return;
	nq_buf_printf(b, "   <%s>", tag);
	xml_text(b, s);
	nq_buf_printf(b, "</%s>\n", tag);
}

/* A language alternative (dc:title, dc:description): one x-default. */
static void alt(nq_buf *b, const char *tag, const char *s)
{
	if (!s || !*s)
		return;
	nq_buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
	xml_text(b, s);
	nq_buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

/* pdfuaid is not one of the schemas PDF/A-2 predefines (6.6.2.3.1), so
 * the packet describes it (as the PDF/UA-1 reference suite's files do). */
static const char ua_extension[] =
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
        "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
        "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
        "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
        "     <pdfaProperty:name>part</pdfaProperty:name>\n"
        "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
        "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
        "     <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
        "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
        "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
        "  </rdf:Description>\n";

const char *nq_xmp_packet(nq_arena *a, const nq_frames *fr, const char *producer)
{
	nq_buf b = { .a = a };
	int v[6];

	/* The id is the fixed one of the XMP specification (part 1, 7.3.2). */
	nq_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                "  <rdf:Description rdf:about=\"\"\n"
	                "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	                "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	                "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	                "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	                "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	                "   <dc:format>application/pdf</dc:format>\n");
	alt(&b, "dc:title", fr->title);
	if (fr->author && *fr->author) {
		nq_buf_puts(&b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(&b, fr->author);
		nq_buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	alt(&b, "dc:description", fr->subject);
	if (fr->lang && *fr->lang) {
		nq_buf_puts(&b, "   <dc:language><rdf:Bag><rdf:li>");
		xml_text(&b, fr->lang);
		nq_buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	simple(&b, "pdf:Keywords", fr->keywords);
	simple(&b, "pdf:Producer", producer);
	simple(&b, "xmp:CreatorTool", fr->creator);
	if (nq_pdf_date(fr, v)) {
		char d[40];
		snprintf(d, sizeof d, "%04d-%02d-%02dT%02d:%02d:%02dZ", v[0], v[1], v[2], v[3], v[4], v[5]);
		simple(&b, "xmp:CreateDate", d);
		simple(&b, "xmp:ModifyDate", d);
		simple(&b, "xmp:MetadataDate", d);
	}
	nq_buf_puts(&b, "   <pdfaid:part>2</pdfaid:part>\n"
	                "   <pdfaid:conformance>U</pdfaid:conformance>\n"
	                "   <pdfuaid:part>1</pdfuaid:part>\n"
	                "  </rdf:Description>\n");
	nq_buf_puts(&b, ua_extension);
	nq_buf_puts(&b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	return nq_buf_cstr(&b);
}

static HPDF_Dict stream(HPDF_Doc pdf, const void *data, size_t len, bool flate)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!s || len > 0xFFFFFFFFu)
		return NULL;
	if (flate)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return s;
}

bool nq_pdfa_catalog(nq_arena *a, HPDF_Doc pdf, const nq_frames *fr, const char *producer)
{
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_STATUS st = HPDF_OK;
	const char *x = nq_xmp_packet(a, fr, producer);

	/* Compressed: 3.1 KB become 1.2.  PDF/A-1 (6.7.2) forbade a filter
	 * on the metadata stream; PDF/A-2 does not (veraPDF's 6.6.2.1 rules
	 * test the type, the packet header and the XML, not the filter). */
	HPDF_Dict md = stream(pdf, x, strlen(x), true);
	if (!md)
		return false;
	st |= HPDF_Dict_AddName(md, "Type", "Metadata");
	st |= HPDF_Dict_AddName(md, "Subtype", "XML");
	st |= HPDF_Dict_Add(pdf->catalog, "Metadata", md);

	/* Every colour nqpdf draws is DeviceRGB, which PDF/A allows only
	 * under an RGB output intent (6.2.4.3). */
	size_t icclen;
	const unsigned char *iccdata = nq_srgb_icc(a, &icclen);
	HPDF_Dict icc = iccdata ? stream(pdf, iccdata, icclen, true) : NULL;
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Array ois = HPDF_Array_New(mm);
	if (!icc || !oi || !ois)
		return false;
	st |= HPDF_Dict_AddNumber(icc, "N", 3);
	st |= HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	st |= HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	st |= HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	                    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	st |= HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
	st |= HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	st |= HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	st |= HPDF_Array_Add(ois, oi);
	st |= HPDF_Dict_Add(pdf->catalog, "OutputIntents", ois);
	return st == HPDF_OK;
}
