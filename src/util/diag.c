/*
 * diag.c - diagnostics as data.  Stages push nq_diag records (severity,
 * class, JSON pointer, byte offset, message) and never print; the command
 * line prints them once, sorted by position, as
 *
 *     FILE:LINE:COL: severity: /path: message
 *         LINE | the source line
 *              |      ^
 *
 * (after gcc's and rustc's diagnostics, mandoc's mandoc_msg and jq's
 * locfile).  Messages are translated when they are added, from the
 * catalogue in msg.c, so a stage writes English and the reader gets the
 * language nq_diags.lang asks for, and escaped there (no control character
 * reaches the terminal; paths and the file name are escaped here).  Line,
 * column and the excerpt are computed here, at print time, from the byte
 * offset: in one walk along the source for all the messages, which are
 * printed in source order, and looking at no more of a line than the
 * excerpt shows, so printing costs time linear in the source and the
 * messages however long the lines (each message walking from the start of
 * the file and copying its whole line took minutes for 99,000 unknown keys
 * in 1 MB, and 560 MB for one error at the end of a 16 MiB line).  At most
 * MAX_SHOWN errors and as many warnings are printed, then one line says
 * how many more there were (gcc's -fmax-errors); the exit code still
 * comes from all of them.  The same message twice at the same place is
 * printed once.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nqpdf.h"
#include "msg.h"
#include "util.h"

void nq_diag_add(nq_diags *d, nq_severity sev, nq_diag_class cls, const char *path,
                 long offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = nq_msg_vformat(d->arena, d->lang, fmt, ap);
	va_end(ap);

	nq_diag *g = NQ_PUSH(d->arena, d->v, d->n, d->cap);
	g->severity = sev;
	g->cls = cls;
	/* A JSON pointer holds the keys as decoded: "\n" in a key must not
	 * start a line of its own in the report. */
	g->path = path ? nq_msg_escape(d->arena, nq_strdup(d->arena, path)) : NULL;
	g->offset = offset;
	g->msg = msg;
	if (sev == NQ_ERROR)
		d->errors++;
	else if (sev == NQ_WARNING)
		d->warnings++;
}

/* A UTF-8 BOM is no column an editor can see. */
static size_t bom(const nq_diags *d)
{
	return d->srclen >= 3 && memcmp(d->src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* A place in the source, and its line and column, for walking forward. */
typedef struct cursor {
	size_t at;
	int line, col;
} cursor;

/* Move k forward to byte to (<= srclen), counting lines and characters. */
static void advance(const nq_diags *d, cursor *k, size_t to)
{
	if (k->at == 0 && to >= 3)
		k->at = bom(d);
	for (; k->at < to; k->at++) {
		unsigned char c = (unsigned char)d->src[k->at];
		if (c == '\n') {
			k->line++;
			k->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			/* Columns count characters, not bytes: 测 is one column. */
			k->col++;
		}
	}
}

void nq_diag_locate(const nq_diags *d, long offset, int *line, int *col)
{
	cursor k = { 0, 1, 1 };
	if (d->src && offset >= 0)
		advance(d, &k, (size_t)offset < d->srclen ? (size_t)offset : d->srclen);
	*line = k.line;
	*col = k.col;
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

/* SGR colours as gcc uses them (GCC_COLORS' defaults): bold locus,
 * bold red error, bold magenta warning, bold cyan note, bold green caret. */
#define SGR_BOLD "\033[1m"
#define SGR_RESET "\033[0m"
static const char *const severity_color[] = {
	[NQ_NOTE] = "\033[1;36m", [NQ_WARNING] = "\033[1;35m", [NQ_ERROR] = "\033[1;31m",
};
#define SGR_CARET "\033[1;32m"

/* Tab stops every 8 columns, as terminals and gcc's -ftabstop default. */
#define TABSTOP 8
/* "%5d | " : the gutter before each excerpt line, as gcc draws it. */
#define GUTTER 8
/* Below this the excerpt would be too short to recognise the line. */
#define MIN_EXCERPT 24
/* UTF-8's longest character, 4 bytes, is at least one column wide (but
 * for zero-width marks), so this many bytes per column of room either
 * side of the caret are all the excerpt can show. */
#define BYTES_PER_COLUMN 4
/* Errors, and warnings, printed at most (docs/limits.md): a screenful
 * and a half, gcc's -fmax-errors with a default where clang's
 * -ferror-limit has 20.  An editor fixes the first ones and runs again. */
#define MAX_SHOWN 100

/* One character of the source line as the terminal shows it. */
typedef struct cell {
	size_t at, len;  /* bytes in the source; len 0 for a tab's spaces */
	int col, width;  /* display column where it starts, and its width */
	char show;       /* 0: the bytes themselves; else this ASCII stand-in */
} cell;

static void put_spaces(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', out);
}

static bool continuation(const nq_diags *d, size_t i)
{
	return i < d->srclen && ((unsigned char)d->src[i] & 0xC0) == 0x80;
}

/* The source line holding offset, then a caret under the character at
 * offset.  Tabs become spaces to the next stop, wide characters (Han) are
 * two columns, control characters and ill-formed bytes show as '?', so the
 * caret lines up in a terminal.  A line wider than the room is cut to a
 * window around the caret, with "..." where text is left out; only the
 * bytes the window can hold are looked at (tab stops in a line cut on the
 * left count from where the window starts). */
static void excerpt(const nq_diags *d, long offset, int line, FILE *out)
{
	int room = d->excerpt - GUTTER;
	if (room < MIN_EXCERPT)
		room = MIN_EXCERPT;
	size_t reach = (size_t)room * BYTES_PER_COLUMN + BYTES_PER_COLUMN;
	size_t at = (size_t)offset, start = at, end = at, b = bom(d);
	size_t lo_limit = at > b + reach ? at - reach : b;
	size_t hi_limit = d->srclen - at > reach ? at + reach : d->srclen;
	while (start > lo_limit && d->src[start - 1] != '\n')
		start--;
	bool cut_left = start > b && d->src[start - 1] != '\n';
	while (cut_left && start < at && continuation(d, start))
		start++; /* begin at a whole character */
	while (end < hi_limit && d->src[end] != '\n')
		end++;
	bool cut_right = end < d->srclen && d->src[end] != '\n';
	while (cut_right && end > at && continuation(d, end))
		end--; /* end after a whole character */
	if (!cut_right && end > start && d->src[end - 1] == '\r')
		end--;
	if (end == start)
		return; /* an empty line shows nothing */
	if (at > end)
		at = end;
	while (at > start && continuation(d, at))
		at--; /* a caret belongs under a whole character */

	size_t ncell = 0;
	cell *cells = malloc(sizeof *cells * (end - start + 1));
	if (!cells)
		nq_oom();
	int col = 0, caret = -1;
	for (size_t i = start; i < end;) {
		cell *c = &cells[ncell++];
		c->at = i;
		c->col = col;
		c->show = 0;
		if (i == at)
			caret = col;
		size_t j = i;
		int32_t cp = nq_utf8_next(d->src, end, &j);
		c->len = j - i;
		if (cp == '\t') {
			c->width = TABSTOP - col % TABSTOP;
			c->show = ' ';
		} else if (cp < 0 || nq_cp_unsafe(cp)) {
			c->width = 1;
			c->show = '?';
		} else {
			c->width = nq_cp_width(cp);
		}
		col += c->width;
		i = j;
	}
	if (caret < 0)
		caret = col; /* at the end of the line */

	/* The window [lo, hi) of display columns that is shown. */
	int lo = 0, hi = col;
	bool left = false, right = false;
	if (col + 1 > room) {
		/* Keep a third of the room before the caret, cut both ends
		 * with "...", then slide the window back in at either end. */
		int avail = room - 6;
		lo = caret - avail / 3;
		if (lo <= 0) {
			lo = 0;
			hi = room - 3;
			right = true;
		} else if (lo + avail >= col) {
			hi = col;
			lo = col - (room - 3) + 1; /* room for the caret past the end */
			if (lo > caret)
				lo = caret;
			left = true;
		} else {
			hi = lo + avail;
			left = right = true;
		}
	}
	/* Text beyond what was looked at: say so even when the window did
	 * not need to cut (a run of zero-width marks). */
	left |= cut_left;
	right |= cut_right;

	fprintf(out, "%5d | ", line);
	int shown = 0; /* columns written since lo */
	if (left)
		fputs("...", out);
	for (size_t k = 0; k < ncell; k++) {
		const cell *c = &cells[k];
		if (c->col < lo || c->col + c->width > hi)
			continue;
		put_spaces(out, c->col - lo - shown); /* a wide character cut at the edge */
		shown = c->col - lo;
		if (c->show)
			for (int w = 0; w < c->width; w++)
				fputc(c->show, out);
		else
			fwrite(d->src + c->at, 1, c->len, out);
		shown += c->width;
	}
	if (right) {
		put_spaces(out, hi - lo - shown);
		fputs("...", out);
	}
	fputc('\n', out);
	fputs("      | ", out);
	put_spaces(out, (left ? 3 : 0) + caret - lo);
	fputs(d->color ? SGR_CARET "^" SGR_RESET "\n" : "^\n", out);
	free(cells);
}

static bool same(const nq_diag *a, const nq_diag *b)
{
	return a->offset == b->offset && a->severity == b->severity && a->cls == b->cls &&
	       !strcmp(a->path ? a->path : "", b->path ? b->path : "") && (a->path == NULL) == (b->path == NULL) &&
	       !strcmp(a->msg, b->msg);
}

/* FILE:LINE:COL: severity: (or FILE: or nqpdf: when there is no place). */
static void head(const nq_diags *d, FILE *out, const char *file, nq_severity sev,
                 const char *where, int line, int col)
{
	if (d->color)
		fputs(SGR_BOLD, out);
	if (where == file && line > 0)
		fprintf(out, "%s:%d:%d:", file, line, col);
	else
		fprintf(out, "%s:", where);
	const char *name = nq_msg_tr(d->lang, severity_name[sev]);
	if (d->color)
		fprintf(out, SGR_RESET " %s%s:" SGR_RESET " ", severity_color[sev], name);
	else
		fprintf(out, " %s: ", name);
}

/* The line that stands for the messages MAX_SHOWN left out. */
static void left_out(const nq_diags *d, FILE *out, const char *file, const int *hidden)
{
	const char *msg;
	if (hidden[NQ_ERROR] && hidden[NQ_WARNING])
		msg = nq_msg_format(d->arena, d->lang, "and %d more errors and %d more warnings not shown",
		                    hidden[NQ_ERROR], hidden[NQ_WARNING]);
	else if (hidden[NQ_ERROR])
		msg = nq_msg_format(d->arena, d->lang, "and %d more errors not shown", hidden[NQ_ERROR]);
	else if (hidden[NQ_WARNING])
		msg = nq_msg_format(d->arena, d->lang, "and %d more warnings not shown", hidden[NQ_WARNING]);
	else
		return;
	head(d, out, file, NQ_NOTE, file, 0, 0);
	fprintf(out, "%s\n", msg);
}

void nq_diag_print(const nq_diags *d, FILE *out)
{
	/* Sort a copy of the pointers' order by source position so the
	 * report reads top to bottom; diagnostics without a place come last
	 * in the order they were raised. */
	nq_diag *v = malloc(sizeof *v * (d->n ? d->n : 1));
	if (!v)
		nq_oom();
	if (d->n)
		memcpy(v, d->v, sizeof *v * d->n);
	for (size_t i = 0; i < d->n; i++)
		if (v[i].offset < 0)
			v[i].offset = (long)(d->srclen + 1 + i);
	qsort(v, d->n, sizeof *v, by_offset);
	const char *file = nq_msg_escape(d->arena, d->file ? d->file : "nqpdf");
	cursor k = { 0, 1, 1 };
	int shown[3] = { 0 }, hidden[3] = { 0 };
	bool summed = false;
	/* The messages printed at the current offset: one said twice (the
	 * running head repeats the title on every page, and layout may set
	 * a text once per pass) is printed once.  At most MAX_SHOWN of each
	 * severity plus the notes, so comparing with them stays cheap. */
	const nq_diag **here = malloc(sizeof *here * (d->n + 1));
	size_t nhere = 0;
	if (!here)
		nq_oom();
	for (size_t i = 0; i < d->n; i++) {
		const nq_diag *g = &v[i];
		bool placed = d->src && (size_t)g->offset <= d->srclen;
		if (nhere && here[0]->offset != g->offset)
			nhere = 0;
		bool again = false;
		for (size_t h = 0; h < nhere && !again; h++)
			again = same(here[h], g);
		if (again)
			continue;
		if (placed && g->severity != NQ_NOTE && shown[g->severity] == MAX_SHOWN) {
			hidden[g->severity]++;
			continue;
		}
		if (!placed && !summed) {
			/* After the messages about places, before those about
			 * files and limits, which are few and are the reason
			 * for the exit code: those are never left out. */
			left_out(d, out, file, hidden);
			summed = true;
		}
		shown[g->severity]++;
		here[nhere++] = g;
		if (placed) {
			advance(d, &k, (size_t)g->offset); /* sorted: one walk for all */
			head(d, out, file, g->severity, file, k.line, k.col);
		} else {
			/* Not about a place in the input: the message names
			 * its file itself. */
			head(d, out, file, g->severity, g->cls == NQ_DC_INPUT || g->cls == NQ_DC_UNSUPPORTED ? file : "nqpdf", 0, 0);
		}
		if (g->path)
			fprintf(out, "%s: ", *g->path ? g->path : "/");
		fprintf(out, "%s\n", g->msg);
		if (placed && d->excerpt > 0)
			excerpt(d, g->offset, k.line, out);
	}
	if (!summed)
		left_out(d, out, file, hidden);
	free(here);
	free(v);
}

int nq_diag_exit_code(const nq_diags *d)
{
	int code = NQ_EXIT_OK, worst = 0;
	for (size_t i = 0; i < d->n; i++) {
		const nq_diag *g = &d->v[i];
		if (g->severity != NQ_ERROR)
			continue;
		/* The most serious class wins: internal > I/O > input >
		 * unsupported (an invalid issue is fixed first; convert
		 * checks the input before it finds what it cannot hold). */
		static const int rank[][2] = {
			[NQ_DC_UNSUPPORTED] = { 1, NQ_EXIT_UNSUPPORTED },
			[NQ_DC_INPUT] = { 2, NQ_EXIT_INPUT },
			[NQ_DC_IO] = { 3, NQ_EXIT_IO },
			[NQ_DC_INTERNAL] = { 4, NQ_EXIT_INTERNAL },
		};
		if (rank[g->cls][0] > worst) {
			worst = rank[g->cls][0];
			code = rank[g->cls][1];
		}
	}
	return code;
}
