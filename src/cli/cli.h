/*
 * cli.h - the nqpdf command line, private to src/cli/ and src/main.c.
 *
 *   args.c    the options, --help, --version, --schema, usage errors
 *   run.c     nq_cli_main: language and colour, one input, or hand over
 *   batch.c   several inputs to OUTDIR on worker processes
 *   init.c    nqpdf init: a starting issue
 *   convert.c nqpdf convert: JSON to Markdown and back
 *   watch.c   --watch: render again on every save
 *   report.c  --report: the typographic self-check from nq_stats
 *
 * Everything the command line says goes through the message catalogue
 * (src/util/msg.c): nq_cli_usage and nq_cli_note take English formats.
 */
#ifndef NQ_CLI_H
#define NQ_CLI_H

#include <stdio.h>

#include "nqpdf.h"

typedef enum nq_color_when { NQ_COLOR_AUTO, NQ_COLOR_ALWAYS, NQ_COLOR_NEVER } nq_color_when;

enum { NQ_FROM_AUTO, NQ_FROM_JSON, NQ_FROM_MD };

typedef struct nq_cli {
	nq_arena *a;          /* the command line's own strings */
	nq_lang lang;         /* from LC_ALL, LC_MESSAGES, LANG */
	nq_color_when color_when;
	bool color;           /* decided: colour on stderr */
	bool tty;             /* stderr is a terminal (progress line) */
	int width;            /* columns for source excerpts */
	nq_options opt;       /* for the library; input_dir set per file */
	const char **fonts;   /* --font, in order */
	size_t nfonts, capfonts;
	const char **in;      /* the inputs */
	size_t nin, capin;
	const char *out;      /* -o */
	const char *outdir;   /* -d */
	int jobs;             /* -j; 0: the number of online CPUs */
	bool report;          /* --report */
	bool strict;          /* --strict: warnings fail the input */
	int from;             /* --from: NQ_FROM_*; auto is md for *.md */
	bool watch;           /* --watch */
} nq_cli;

/* The whole command; main() returns this. */
int nq_cli_main(int argc, char **argv);

/* Parse argv into c.  Returns -1 to go on, or the exit code when done
 * (--help, --version, --schema, or a usage error already printed). */
int nq_cli_args(nq_cli *c, int argc, char **argv);

/* SOURCE_DATE_EPOCH into c->opt.source_date: -1 when fine (or unset),
 * else the usage error's exit code. */
int nq_cli_source_date(nq_cli *c);

/* Render (or check, or dump) one input to out (NULL: nothing, or stdout
 * for a dump); diagnostics and the report go to err.  Returns the exit
 * code.  Used for a single input and by each batch worker. */
int nq_cli_render_one(const nq_cli *c, const char *in, const char *out, FILE *err);
/* run.c: the messages of one input ("-" shown as <stdin>), and the
 * library options for it: c->opt with the input's directory (for fonts
 * the issue names) and its format (--from, else the file name). */
nq_diags nq_cli_diags(const nq_cli *c, nq_arena *a, const char *in);
/* The directory part of a path ("." for a bare name or standard input). */
const char *nq_cli_dir(nq_arena *a, const char *path);
nq_options nq_cli_options(const nq_cli *c, nq_arena *a, const char *in);

/* Several inputs: to c->outdir (or only checked), c->jobs at a time. */
int nq_cli_batch(nq_cli *c);

/* nqpdf init [--force] [FILE]; argv[0] is "init". */
int nq_cli_init(nq_cli *c, int argc, char **argv);

/* nqpdf convert [--from=F] [--to=F] IN -o OUT; argv[0] is "convert". */
int nq_cli_convert(nq_cli *c, int argc, char **argv);

/* nqpdf --watch: render c->in[0] to c->out on every save, until SIGINT. */
int nq_cli_watch(nq_cli *c);

/* The --report block for one rendered input. */
void nq_cli_report(const nq_cli *c, const char *in, const nq_stats *st, FILE *err);

/* "nqpdf: MESSAGE" and "Try 'nqpdf --help'." on stderr; returns 2. */
int nq_cli_usage(const nq_cli *c, const char *fmt, ...) NQ_PRINTF(2, 3);
/* "nqpdf: MESSAGE" on f. */
void nq_cli_note(const nq_cli *c, FILE *f, const char *fmt, ...) NQ_PRINTF(3, 4);

/* Terminal columns of a UTF-8 string (for padding Chinese labels). */
int nq_cli_width(const char *s);

/* The embedded docs/nqpdf.schema.json (build/schema.c, made by the Makefile). */
extern const unsigned char nq_schema[];
extern const size_t nq_schema_len;

#endif
