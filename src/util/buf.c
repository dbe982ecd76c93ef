/*
 * buf.c - growable byte strings in the arena, used by the dumps and the PDF
 * backend.  Old storage is left to the arena (freed with the run).
 */
#include <stdarg.h>
#include <string.h>

#include "util.h"

static void reserve(nq_buf *b, size_t extra)
{
	if (b->n + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + extra + 1)
		cap *= 2;
	b->p = nq_grow_raw(b->a, b->p, b->n, cap);
	b->cap = cap;
}

void nq_buf_put(nq_buf *b, const void *p, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = 0;
}

void nq_buf_puts(nq_buf *b, const char *s)
{
	nq_buf_put(b, s, strlen(s));
}

void nq_buf_putc(nq_buf *b, char c)
{
	nq_buf_put(b, &c, 1);
}

void nq_buf_printf(nq_buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		reserve(b, (size_t)n);
		vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap2);
		b->n += (size_t)n;
	}
	va_end(ap2);
}

void nq_buf_pt(nq_buf *b, double pt)
{
	/* Integer hundredths keep dumps stable across printf rounding modes. */
	long v = (long)(pt * 100.0 + (pt < 0 ? -0.5 : 0.5));
	const char *sign = v < 0 ? "-" : "";
	if (v < 0)
		v = -v;
	nq_buf_printf(b, "%s%ld.%02ld", sign, v / 100, v % 100);
}

const char *nq_buf_cstr(nq_buf *b)
{
	reserve(b, 0);
	b->p[b->n] = 0;
	return b->p;
}
