/*
 * arena.c - one arena per run.  Every stage allocates from it and nothing is
 * freed piecemeal; nq_arena_free releases the run.  Out of memory ends the
 * run here, in one place (nq_oom: message, temp file removed, exit 4), so
 * callers never check for NULL (after cmark and mandoc).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <unistd.h>

#include "util.h"

/* 64 KiB blocks: a 4-page issue needs a few MiB in all, so a few dozen
 * mallocs; bigger requests get a block of their own. */
#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct block {
	struct block *next;
	size_t used, size;
	_Alignas(ALIGN) unsigned char data[];
} block;

struct nq_arena {
	block *head;
	size_t total;
};

/* Set by the command line (run.c): the line in the reader's language, and
 * what removes a temp file being written (util/file.c). */
static const char *oom_line = "nqpdf: error: out of memory\n";
static void (*oom_cleanup)(void);

void nq_oom_handler(const char *line, void (*cleanup)(void))
{
	oom_line = line;
	oom_cleanup = cleanup;
}

/* Exit 4 ("a resource limit", nqpdf.h), not abort(): a core dump and
 * SIGABRT tell a print job nqpdf crashed, when the machine ran short.
 * write(2) and _exit: nothing here may need memory. */
_Noreturn void nq_oom(void)
{
	if (oom_cleanup)
		oom_cleanup();
	ssize_t w = write(STDERR_FILENO, oom_line, strlen(oom_line));
	(void)w;
	_exit(NQ_EXIT_INTERNAL);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		nq_oom();
	return p;
}

nq_arena *nq_arena_new(void)
{
	nq_arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	a->total = 0;
	return a;
}

void nq_arena_free(nq_arena *a)
{
	if (!a)
		return;
	for (block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* size bytes from the arena, not cleared: callers that fill them at once
 * (a copy, a string) skip the memset, which was 3.5 M instructions of the
 * example's run and the first touch of most arena pages. */
static void *alloc_raw(nq_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t bs = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
		block *nb = xmalloc(sizeof *nb + bs);
		nb->used = 0;
		nb->size = bs;
		a->total += bs;
		if (bs == size && b) {
			/* A big one-off: keep the current block open for small ones. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *nq_alloc(nq_arena *a, size_t size)
{
	void *p = alloc_raw(a, size);
	memset(p, 0, size);
	return p;
}

/* A copy of old's first old_size bytes in new_size bytes; the rest is left
 * as it is unless clear. */
static void *regrow(nq_arena *a, void *old, size_t old_size, size_t new_size, bool clear)
{
	size_t keep = old && old_size ? (old_size < new_size ? old_size : new_size) : 0;
	unsigned char *p = alloc_raw(a, new_size);
	if (keep)
		memcpy(p, old, keep);
	if (clear)
		memset(p + keep, 0, new_size - keep);
	return p;
}

void *nq_grow(nq_arena *a, void *old, size_t old_size, size_t new_size)
{
	return regrow(a, old, old_size, new_size, true);
}

void *nq_grow_raw(nq_arena *a, void *old, size_t old_size, size_t new_size)
{
	return regrow(a, old, old_size, new_size, false);
}

char *nq_strndup(nq_arena *a, const char *s, size_t n)
{
	char *p = alloc_raw(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *nq_strdup(nq_arena *a, const char *s)
{
	return nq_strndup(a, s, strlen(s));
}

char *nq_sprintf(nq_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = nq_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
	if (n > 0)
		vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void *nq_push(nq_arena *a, void **v, size_t *n, size_t *cap, size_t elem)
{
	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 8;
		/* Not cleared: each element is, as it is pushed. */
		*v = regrow(a, *v, elem * *cap, elem * nc, false);
		*cap = nc;
	}
	unsigned char *p = (unsigned char *)*v + elem * (*n)++;
	memset(p, 0, elem);
	return p;
}
