/*
 * nqpdf.h - the one public header of libnqpdf.
 *
 * nqpdf turns one JSON file describing a Chinese daily briefing into a
 * print-quality PDF.  The pipeline is json -> model -> shape -> linebreak ->
 * layout -> pdf; each stage lives in its own folder under src/ and has a
 * private header there.  This header is what main.c (and any embedder) sees.
 *
 * Ownership: everything a stage makes lives in the run's nq_arena and is
 * freed with it.  Functions that take input from the user return false after
 * pushing a diagnostic; they never print.
 */
#ifndef NQPDF_H
#define NQPDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NQ_VERSION "0.1.0"
#define NQ_FORMAT_VERSION 1

#if defined(__GNUC__)
#define NQ_MUST_CHECK __attribute__((warn_unused_result))
#define NQ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define NQ_MUST_CHECK
#define NQ_PRINTF(a, b)
#endif

/* Exit codes of the nqpdf command (docs/nqpdf.1, README). */
enum nq_exit {
	NQ_EXIT_OK = 0,
	NQ_EXIT_INPUT = 1,    /* the issue JSON is invalid */
	NQ_EXIT_USAGE = 2,    /* bad command line */
	NQ_EXIT_IO = 3,       /* a file could not be read or written, a font is unusable */
	NQ_EXIT_INTERNAL = 4, /* a bug or resource limit in nqpdf itself */
	NQ_EXIT_UNSUPPORTED = 5, /* a valid issue the asked-for output form cannot hold
	                          * (convert to Markdown of sub-headings, lists, ...) */
};

/* ---------------------------------------------------------------- arena */

typedef struct nq_arena nq_arena;

nq_arena *nq_arena_new(void);
void nq_arena_free(nq_arena *a);
/* Zeroed memory that lives until nq_arena_free; aborts on exhaustion. */
void *nq_alloc(nq_arena *a, size_t size);
void *nq_grow(nq_arena *a, void *old, size_t old_size, size_t new_size);
char *nq_strndup(nq_arena *a, const char *s, size_t n);
char *nq_strdup(nq_arena *a, const char *s);
char *nq_sprintf(nq_arena *a, const char *fmt, ...) NQ_PRINTF(2, 3);

#define NQ_NEW(a, T) ((T *)nq_alloc((a), sizeof(T)))
#define NQ_NEWN(a, T, n) ((T *)nq_alloc((a), sizeof(T) * (size_t)(n)))

/* A growable array in the arena, `T *v; size_t n, cap;`: NQ_PUSH returns a
 * pointer to a new zeroed last element.  Old storage stays in the arena. */
void *nq_push(nq_arena *a, void **v, size_t *n, size_t *cap, size_t elem);
#define NQ_PUSH(a, v, n, cap) \
	((__typeof__(v))nq_push((a), (void **)&(v), &(n), &(cap), sizeof *(v)))

/* ---------------------------------------------------------- diagnostics */

typedef enum nq_severity { NQ_NOTE, NQ_WARNING, NQ_ERROR } nq_severity;

/* Diagnostic classes decide the exit code. */
typedef enum nq_diag_class {
	NQ_DC_INPUT,    /* the JSON or its content */
	NQ_DC_IO,       /* files, fonts */
	NQ_DC_INTERNAL, /* limits, bugs */
	NQ_DC_UNSUPPORTED, /* valid input the output form cannot hold */
} nq_diag_class;

typedef struct nq_diag {
	nq_severity severity;
	nq_diag_class cls;
	const char *path;  /* JSON pointer ("/sections/1/heading"), or NULL */
	long offset;       /* byte offset into the source, or -1 */
	const char *msg;
} nq_diag;

/* The language of messages (src/util/msg.c holds the catalogue). */
typedef enum nq_lang { NQ_LANG_EN, NQ_LANG_ZH } nq_lang;

typedef struct nq_diags {
	nq_arena *arena;
	const char *file;  /* name shown in messages */
	const char *src;   /* the source text, for line:col */
	size_t srclen;
	nq_diag *v;
	size_t n, cap;
	int errors, warnings;
	/* How the caller wants them; all zero is English, one line each,
	 * no colour.  The library never looks at the environment. */
	nq_lang lang;      /* messages are translated when added */
	bool color;        /* nq_diag_print uses ANSI colours */
	int excerpt;       /* > 0: also print the source line, cut to this
	                    * many terminal columns, with a caret under the place */
} nq_diags;

void nq_diag_add(nq_diags *d, nq_severity sev, nq_diag_class cls, const char *path,
                 long offset, const char *fmt, ...) NQ_PRINTF(6, 7);
/* Line and column (1-based, column counts characters) of a byte offset. */
void nq_diag_locate(const nq_diags *d, long offset, int *line, int *col);
/* Print all as FILE:LINE:COL: severity: /path: message, in source order
 * (then the source excerpt when d->excerpt is set). */
void nq_diag_print(const nq_diags *d, FILE *out);
/* The exit code the worst diagnostic calls for. */
int nq_diag_exit_code(const nq_diags *d);

/* ------------------------------------------------------------- pipeline */

typedef enum nq_dump {
	NQ_DUMP_NONE,
	NQ_DUMP_MODEL,  /* the validated document */
	NQ_DUMP_LINES,  /* every paragraph broken into lines */
	NQ_DUMP_LAYOUT, /* pages of positioned items */
} nq_dump;

/* Paper sizes (ISO 216, JIS-free ISO B5 176 x 250 mm, US Letter). */
typedef enum nq_paper {
	NQ_PAPER_DEFAULT, /* the "options.paper", else A4 */
	NQ_PAPER_A4,
	NQ_PAPER_B5,
	NQ_PAPER_LETTER,
} nq_paper;

/* Line-start/end prohibition levels (CLREQ §3.1.7.1). */
typedef enum nq_kinsoku {
	NQ_KINSOKU_DEFAULT, /* the "options.prohibition", else strict */
	NQ_KINSOKU_BASIC,   /* CLREQ's basic set */
	NQ_KINSOKU_GB,      /* basic + no solidus at line end */
	NQ_KINSOKU_STRICT,  /* GB + no ——, ……, ⋯⋯ at line start */
} nq_kinsoku;

/* Punctuation styles (CLREQ §3.2; xeCJK's PunctStyle): how wide a full-width
 * mark is set and whether justification may squeeze it. */
typedef enum nq_punct {
	NQ_PUNCT_DEFAULT,  /* the "options.punctuation", else quanjiao */
	NQ_PUNCT_QUANJIAO, /* 全角式: 1 em, pairs compressed, squeezed in CLREQ §3.8's order */
	NQ_PUNCT_KAIMING,  /* 开明式: 。？！ 1 em, every other mark ½ em */
	NQ_PUNCT_BANJIAO,  /* 半角式: every mark ½ em */
	NQ_PUNCT_FIXED,    /* 1 em, pairs compressed, never squeezed to justify */
} nq_punct;

/* What nq_render measured, for --report (all counts, no text). */
typedef struct nq_stats {
	int pages;
	int paragraphs, lines;
	int overfull;          /* lines wider than the measure */
	int fallback_chars;    /* characters set in a font not bundled (docs/fonts.md) */
	int missing_chars;     /* characters no font has (set as .notdef) */
	int contents_passes;   /* layout passes until contents page numbers settled */
	double max_cjk_stretch; /* largest ideograph gap added by justification, em */
	int loose_lines;       /* lines whose ideograph gaps were widened past 0.05 em */
	int lone_squeezes;     /* ，、； squeezed mid-line by more than 0.2 em beside no other mark */
	int runt_lines;        /* ragged texts (headings...) ending in 1-3 characters under a longer line */
	int stub_lines;        /* paragraphs ending in a line of one character or only a citation */
} nq_stats;

/* --pdf-standard: every PDF is tagged (PDF 1.7); by default it is also
 * PDF/A-2u and declares PDF/UA-1 (XMP metadata, sRGB output intent). */
typedef enum nq_pdf_standard {
	NQ_PDF_STD_A2U = 0, /* PDF/A-2u and PDF/UA-1, the default */
	NQ_PDF_STD_NONE,    /* neither claimed: no XMP, no output intent */
} nq_pdf_standard;

typedef struct nq_options {
	const char *font_dir;   /* where the bundled fonts are; NULL: search */
	bool check_only;        /* validate, write nothing */
	nq_dump dump;           /* write a stage dump instead of a PDF */
	long long source_date;  /* SOURCE_DATE_EPOCH, or -1: use the issue date */
	/* Overrides of the "options" (docs/format.md). */
	nq_paper paper;
	nq_kinsoku kinsoku;
	nq_punct punct;
	int contents;           /* -1: the issue decides; 0 hide; 1 show */
	const char *draft;      /* a draft mark ("草稿"), or NULL: the issue decides */
	const char *const *fonts; /* --font files, tried before the issue's own */
	size_t nfonts;
	/* --face ROLE=FILE[#INDEX]: the faces of the body, bold and heading
	 * roles, in that order (docs/fonts.md); NULL: the issue's
	 * "options.faces", else the bundled face. */
	const char *faces[3];
	const char *input_dir;  /* fonts named by the issue are relative to this */
	bool allow_outside;     /* ...and may leave it only when this is set */
	bool system_fonts;      /* last resort: fontconfig's system fonts */
	nq_stats *stats;        /* filled in when not NULL */
	bool markdown;          /* src is Markdown (docs/markdown.md), not JSON */
	nq_pdf_standard pdf_standard; /* what the PDF claims to conform to (docs/pdf.md) */
} nq_options;

/* Render src (the issue JSON, or Markdown with opt->markdown; len bytes) to a PDF or a dump in out and outlen
 * (arena memory).  Diagnostics go to d.  Returns the exit code. */
int nq_render(nq_arena *a, const char *src, size_t len, const nq_options *opt,
              nq_diags *d, const unsigned char **out, size_t *outlen) NQ_MUST_CHECK;

#endif
