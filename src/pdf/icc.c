/*
 * icc.c - a compact sRGB ICC profile for the PDF/A output intent.
 *
 * Takes: nothing but the arena: every value is a constant of IEC 61966-2-1
 * (sRGB) and ICC.1:2001-04 (the ICC profile format, version 2), or the
 * sRGB tone curve sampled here.
 * Makes: an ICC v2.1 display profile, RGB to PCS XYZ, with the nine tags
 * ICC v2 requires of an RGB matrix/TRC display profile and nothing else:
 * desc, cprt, wtpt, rXYZ, gXYZ, bXYZ and rTRC, gTRC, bTRC, the three
 * curves pointing at one 'curv' block (the tag table may point several
 * tags at the same data).
 * Leaves to others: the PDF stream and the OutputIntent (xmp.c).
 *
 * Debian's /usr/share/color/icc/sRGB.icc (icc-profiles-free) was compiled
 * in before: 6,922 bytes, 2.5 KB compressed, most of it three copies of a
 * 1024-entry curve.  This profile is 560 bytes with a 42-entry curve; the
 * viewer interpolates between entries (Little CMS linearly), and over
 * every 8-bit input the curve stays within 0.23 of an 8-bit step of the
 * exact IEC 61966-2-1 curve (docs/pdf.md, Size;
 * tests/pdfa/icc.py measures it through Little CMS, with the
 * colour differences to the exact sRGB and to Debian's profile).
 */
#include "icc.h"

#include <math.h>
#include <string.h>

/* Every number in a profile is big-endian. */
static void be32(nq_buf *b, uint32_t v)
{
	unsigned char o[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	nq_buf_put(b, o, 4);
}

static void be16(nq_buf *b, unsigned v)
{
	unsigned char o[2] = {(unsigned char)(v >> 8), (unsigned char)v};
	nq_buf_put(b, o, 2);
}

static void sig(nq_buf *b, const char s[4])
{
	nq_buf_put(b, s, 4);
}

static void zeros(nq_buf *b, size_t n)
{
	static const unsigned char z[16];
	for (; n > sizeof z; n -= sizeof z)
		nq_buf_put(b, z, sizeof z);
	nq_buf_put(b, z, n);
}

/* The PCS illuminant D50 in s15Fixed16 (ICC.1: X 0.9642, Y 1.0, Z 0.8249,
 * each rounded to 1/65536).  ICC v2 practice for a display profile whose
 * colorants are already adapted to D50 puts it in wtpt too, so relative
 * and absolute colorimetric agree. */
static const uint32_t d50[3] = {0xF6D6, 0x10000, 0xD32D};

/* The colorants rXYZ, gXYZ, bXYZ (X, Y, Z each) in s15Fixed16: the sRGB
 * primaries of IEC 61966-2-1 (x, y: red 0.64, 0.33; green 0.30, 0.60;
 * blue 0.15, 0.06; white D65 0.3127, 0.3290) as XYZ with Y of white 1,
 * adapted from D65 to the D50 above with the linearized Bradford matrix
 * (the one ICC.1:2004-10 recommends), times 65536, rounded; then one Z
 * (green's, 6361.40 -> 6362, the largest remainder) rounded up so that
 * each of X, Y and Z sums to D50 exactly: RGB 1,1,1 is the PCS white, not
 * 1/65536 off it.  tests/pdfa/icc.py computes them again.  Debian's
 * sRGB.icc (made by Little CMS) differs by at most 0.0002. */
static const uint32_t colorant[3][3] = {
	{28576, 14581, 912},  /* red   0.43604 0.22248 0.01392 */
	{25239, 46983, 6362}, /* green 0.38511 0.71691 0.09708 */
	{9375, 3972, 46787},  /* blue  0.14305 0.06061 0.71391 */
};

/* The sRGB decoding curve (IEC 61966-2-1): encoded value to linear.  Of
 * the 42 entries made from it none lies within 0.003/65535 of a rounding
 * boundary, so no C library's last-bit difference in pow() changes a
 * byte. */
static double srgb_linear(double v)
{
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Where each tag's data goes; offsets are filled in as it is written. */
enum { T_DESC, T_CPRT, T_WTPT, T_RXYZ, T_GXYZ, T_BXYZ, T_CURV, T_BLOCKS };

static const char desc_text[] = "sRGB IEC61966-2.1";
/* The profile holds facts of two standards, nothing anyone wrote. */
static const char cprt_text[] = "No copyright, use freely";

static void xyz(nq_buf *b, const uint32_t v[3])
{
	sig(b, "XYZ ");
	zeros(b, 4);
	for (int i = 0; i < 3; i++)
		be32(b, v[i]);
}

const unsigned char *nq_srgb_icc(nq_arena *a, size_t *len)
{
	/* The tag table: signature and which block each points at. */
	static const struct {
		char sig[5];
		int block;
	} tags[] = {
		{"desc", T_DESC}, {"cprt", T_CPRT}, {"wtpt", T_WTPT},
		{"rXYZ", T_RXYZ}, {"gXYZ", T_GXYZ}, {"bXYZ", T_BXYZ},
		{"rTRC", T_CURV}, {"gTRC", T_CURV}, {"bTRC", T_CURV},
	};
	enum { NTAGS = sizeof tags / sizeof tags[0], TABLE = 128 + 4 + 12 * NTAGS };

	/* The tag data first, after room for the header and the table. */
	nq_buf b = {.a = a};
	zeros(&b, TABLE);
	size_t off[T_BLOCKS], end[T_BLOCKS];
	for (int k = 0; k < T_BLOCKS; k++) {
		off[k] = b.n;
		switch (k) {
		case T_DESC: /* textDescriptionType (v2 only) */
			sig(&b, "desc");
			zeros(&b, 4);
			be32(&b, sizeof desc_text); /* ASCII count with the NUL */
			nq_buf_put(&b, desc_text, sizeof desc_text);
			zeros(&b, 4 + 4); /* Unicode language, count 0 */
			zeros(&b, 2 + 1 + 67); /* ScriptCode code, count 0, 67 bytes */
			break;
		case T_CPRT: /* textType */
			sig(&b, "text");
			zeros(&b, 4);
			nq_buf_put(&b, cprt_text, sizeof cprt_text);
			break;
		case T_WTPT:
			xyz(&b, d50);
			break;
		case T_RXYZ:
		case T_GXYZ:
		case T_BXYZ:
			xyz(&b, colorant[k - T_RXYZ]);
			break;
		case T_CURV: /* curveType: n uInt16 at 0, 1/(n-1) ... 1 */
			sig(&b, "curv");
			zeros(&b, 4);
			be32(&b, NQ_SRGB_CURV_N);
			for (int i = 0; i < NQ_SRGB_CURV_N; i++)
				be16(&b, (unsigned)lround(srgb_linear((double)i / (NQ_SRGB_CURV_N - 1)) * 65535));
			break;
		}
		/* Each tag's data starts on a 4-byte boundary, and
		 * the profile's size is a multiple of 4; a tag's size leaves
		 * the padding out. */
		end[k] = b.n;
		zeros(&b, (4 - b.n % 4) % 4);
	}

	/* The 128-byte header, then the tag table, over the room. */
	nq_buf h = {.a = a};
	be32(&h, (uint32_t)b.n);      /* 0 profile size */
	zeros(&h, 4);                 /* 4 preferred CMM: none */
	be32(&h, 0x02100000);         /* 8 version 2.1.0 */
	sig(&h, "mntr");              /* 12 device class: display */
	sig(&h, "RGB ");              /* 16 data colour space */
	sig(&h, "XYZ ");              /* 20 PCS */
	/* 24 creation date and time: a constant (the day this was written),
	 * so the bytes never change. */
	static const unsigned date[6] = {2026, 12, 1, 0, 0, 0};
	for (int i = 0; i < 6; i++)
		be16(&h, date[i]);
	sig(&h, "acsp");              /* 36 profile file signature */
	zeros(&h, 4 + 4 + 4 + 4 + 8); /* 40 platform, flags, manufacturer, model, attributes */
	be32(&h, 0);                  /* 64 rendering intent: perceptual */
	for (int i = 0; i < 3; i++)   /* 68 PCS illuminant */
		be32(&h, d50[i]);
	zeros(&h, 4 + 44);            /* 80 creator: none; 84 reserved (v4's ID) */
	be32(&h, NTAGS);              /* 128 tag count */
	for (int t = 0; t < NTAGS; t++) {
		int k = tags[t].block;
		sig(&h, tags[t].sig);
		be32(&h, (uint32_t)off[k]);
		be32(&h, (uint32_t)(end[k] - off[k]));
	}
	if (h.n != TABLE)
		return NULL;
	memcpy(b.p, h.p, h.n);
	*len = b.n;
	return (const unsigned char *)b.p;
}
