/*
 * utf8.c - strict UTF-8 decoding (RFC 3629) and encoding.  The JSON stage
 * uses nq_utf8_check to reject ill-formed input with its byte position;
 * later stages decode knowing the text is well-formed.
 */
#include "util.h"

int32_t nq_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	unsigned c = s[k];
	int n;
	uint32_t cp, min;
	if (c < 0x80) {
		*i = k + 1;
		return (int32_t)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 1, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3, cp = c & 0x07, min = 0x10000;
	} else {
		*i = k + 1;
		return -1;
	}
	if (k + (size_t)n >= len) {
		*i = k + 1;
		return -1;
	}
	for (int j = 1; j <= n; j++) {
		unsigned cc = s[k + (size_t)j];
		if ((cc & 0xC0) != 0x80) {
			*i = k + 1;
			return -1;
		}
		cp = (cp << 6) | (cc & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i = k + 1;
		return -1;
	}
	*i = k + (size_t)n + 1;
	return (int32_t)cp;
}

int nq_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

long nq_utf8_check(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t at = i;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (nq_utf8_next(s, len, &i) < 0)
			return (long)at;
	}
	return -1;
}

size_t nq_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--; /* a continuation byte: inside a character */
	return max;
}
