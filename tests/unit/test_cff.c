/* test_cff.c - the CID side of CFF fonts (src/pdf/cff.h): the embedded
 * code-to-CID CMap, and the CIDs of a name-keyed CFF program. */
#include "harness.h"
#include "pdf/cff.h"

#include <stdlib.h>

/* The 'CFF ' table of tests/fonts/cff.otf (mkfont.py puts it first in the
 * table directory), malloc'd, or NULL. */
static unsigned char *fixture_cff(size_t *len)
{
	FILE *fp = fopen("tests/fonts/cff.otf", "rb");
	unsigned char d[4096];
	size_t n = fp ? fread(d, 1, sizeof d, fp) : 0;
	if (fp)
		fclose(fp);
	if (n < 28 || memcmp(d + 12, "CFF ", 4) != 0)
		return NULL;
	size_t off = (size_t)d[20] << 24 | (size_t)d[21] << 16 | (size_t)d[22] << 8 | d[23];
	size_t l = (size_t)d[24] << 24 | (size_t)d[25] << 16 | (size_t)d[26] << 8 | d[27];
	if (off > n || l > n - off)
		return NULL;
	unsigned char *p = malloc(l);
	if (p)
		memcpy(p, d + off, l);
	*len = l;
	return p;
}

void test_cff(void)
{
	nq_arena *a = nq_arena_new();

	/* Codes 1..3 run on in CIDs from 9502 (one cidrange); 0, 4 and 5
	 * are single (5 is a second code for CID 9502, like ⼀ and 一). */
	unsigned cid[] = { 0, 9502, 9503, 9504, 20010, 9502 };
	nq_buf b = { .a = a };
	NQ_INT_EQ(nq_cmap_cids(&b, "ABCDEF-nqpdf-CID", cid, 6), 4);
	const char *cm = nq_buf_cstr(&b);
	NQ_OK(strstr(cm, "/CMapName /ABCDEF-nqpdf-CID def") != NULL);
	NQ_OK(strstr(cm, "/CMapType 1 def") != NULL);
	NQ_OK(strstr(cm, "/Registry (Adobe) /Ordering (Identity) /Supplement 0") != NULL);
	NQ_OK(strstr(cm, "3 begincidchar\n<0000> 0\n<0004> 20010\n<0005> 9502\nendcidchar\n") != NULL);
	NQ_OK(strstr(cm, "1 begincidrange\n<0001> <0003> 9502\nendcidrange\n") != NULL);
	NQ_OK(strstr(cm, "endcmap\nCMapName currentdict /CMap defineresource pop\n") != NULL);

	/* 250 scattered CIDs: cidchar blocks of 100, 100 and 50 (TN 5014). */
	unsigned many[250];
	for (unsigned i = 0; i < 250; i++)
		many[i] = 3 * i + 7;
	b = (nq_buf){ .a = a };
	NQ_INT_EQ(nq_cmap_cids(&b, "X", many, 250), 250);
	cm = nq_buf_cstr(&b);
	NQ_OK(strstr(cm, "100 begincidchar") != NULL);
	NQ_OK(strstr(cm, "50 begincidchar") != NULL);
	NQ_OK(strstr(cm, "<00F9> 754\n") != NULL);
	NQ_OK(strstr(cm, "cidrange") == NULL);

	/* A name-keyed CFF (mkfont.py's): the CIDs are the glyph ids. */
	size_t len = 0;
	unsigned char *prog = fixture_cff(&len);
	NQ_OK(prog != NULL);
	if (prog) {
		unsigned c[3] = { 99, 99, 99 };
		NQ_OK(nq_cff_cids(prog, len, 3, c));
		NQ_OK(c[0] == 0 && c[1] == 1 && c[2] == 2);
		/* Not a CFF program at all. */
		NQ_OK(!nq_cff_cids((const unsigned char *)"not a font", 10, 3, c));
		free(prog);
	}
	nq_arena_free(a);
}
