/*
 * diag.c - diagnostics as data.  Stages push nq_diag records (severity,
 * class, JSON pointer, byte offset, message) and never print; main.c prints
 * them once, sorted by position, as FILE:LINE:COL: severity: /path: message
 * (after mandoc's mandoc_msg and jq's locfile).  Line and column are computed
 * here, at print time, from the byte offset.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nqpdf.h"
#include "util.h"

void nq_diag_add(nq_diags *d, nq_severity sev, nq_diag_class cls, const char *path,
                 long offset, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = nq_alloc(d->arena, (size_t)(n < 0 ? 0 : n) + 1);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap2);
	va_end(ap2);

	nq_diag *g = NQ_PUSH(d->arena, d->v, d->n, d->cap);
	g->severity = sev;
	g->cls = cls;
	g->path = path ? nq_strdup(d->arena, path) : NULL;
	g->offset = offset;
	g->msg = msg;
	if (sev == NQ_ERROR)
		d->errors++;
	else if (sev == NQ_WARNING)
		d->warnings++;
}

void nq_diag_locate(const nq_diags *d, long offset, int *line, int *col)
{
	*line = 1;
	*col = 1;
	if (!d->src || offset < 0)
		return;
	size_t end = (size_t)offset < d->srclen ? (size_t)offset : d->srclen;
	size_t i = 0;
	/* A UTF-8 BOM is no column an editor can see. */
	if (d->srclen >= 3 && memcmp(d->src, "\xEF\xBB\xBF", 3) == 0 && end >= 3)
		i = 3;
	for (; i < end; i++) {
		unsigned char c = (unsigned char)d->src[i];
		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xC0) != 0x80) {
			/* Columns count characters, not bytes: 测 is one column. */
			(*col)++;
		}
	}
}

static int by_offset(const void *x, const void *y)
{
	const nq_diag *a = x, *b = y;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return a < b ? -1 : a > b; /* stable: pushing order */
}

static const char *const severity_name[] = {
	[NQ_NOTE] = "note", [NQ_WARNING] = "warning", [NQ_ERROR] = "error",
};

void nq_diag_print(const nq_diags *d, FILE *out)
{
	/* Sort a copy of the pointers' order by source position so the
	 * report reads top to bottom; diagnostics without a place come last
	 * in the order they were raised. */
	nq_diag *v = malloc(sizeof *v * (d->n ? d->n : 1));
	if (!v)
		abort();
	if (d->n)
		memcpy(v, d->v, sizeof *v * d->n);
	for (size_t i = 0; i < d->n; i++)
		if (v[i].offset < 0)
			v[i].offset = (long)(d->srclen + 1 + i);
	qsort(v, d->n, sizeof *v, by_offset);
	for (size_t i = 0; i < d->n; i++) {
		const nq_diag *g = &v[i];
		const char *file = d->file ? d->file : "nqpdf";
		if (d->src && (size_t)g->offset <= d->srclen) {
			int line, col;
			nq_diag_locate(d, g->offset, &line, &col);
			fprintf(out, "%s:%d:%d: ", file, line, col);
		} else if (g->cls == NQ_DC_INPUT) {
			fprintf(out, "%s: ", file);
		} else {
			/* Not about a place in the input: the message names
			 * its file itself. */
			fprintf(out, "nqpdf: ");
		}
		fprintf(out, "%s: ", severity_name[g->severity]);
		if (g->path)
			fprintf(out, "%s: ", *g->path ? g->path : "/");
		fprintf(out, "%s\n", g->msg);
	}
	free(v);
}

int nq_diag_exit_code(const nq_diags *d)
{
	int code = NQ_EXIT_OK;
	for (size_t i = 0; i < d->n; i++) {
		const nq_diag *g = &d->v[i];
		if (g->severity != NQ_ERROR)
			continue;
		int c = g->cls == NQ_DC_INPUT ? NQ_EXIT_INPUT
		      : g->cls == NQ_DC_IO    ? NQ_EXIT_IO
		                              : NQ_EXIT_INTERNAL;
		/* The most serious class wins: internal > I/O > input. */
		if (c > code)
			code = c;
	}
	return code;
}
