/*
 * run.c - the command as a whole: reads the environment (language, colour,
 * SOURCE_DATE_EPOCH), lets args.c read argv, then renders one input here
 * or hands several to batch.c and `init` to init.c.  Each input gets its
 * own arena and diagnostics, printed as one block.  Also sets up what
 * the whole process needs: the signal handler that removes a temp file
 * being written, the out-of-memory message, and refuses an output that is
 * the input before any work.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "md/md.h"
#include "util/msg.h"
#include "util/util.h"

/* Excerpts are cut to this many columns when stderr is no terminal (a
 * log, a pipe): the classic terminal width, so logs read anywhere. */
#define LOG_WIDTH 80

int nq_cli_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		int32_t cp = nq_utf8_next(s, n, &i);
		w += cp < 0 ? 1 : nq_cp_width(cp);
	}
	return w;
}

/* Colour rules (docs/cli.md): --color=always/never decide; auto (the
 * default) colours only a terminal, and never when NO_COLOR is set to
 * anything non-empty (no-color.org) or TERM is "dumb".  An explicit
 * --color=always wins over NO_COLOR, as no-color.org asks of options. */
static bool want_color(nq_color_when when, bool tty)
{
	if (when != NQ_COLOR_AUTO)
		return when == NQ_COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return tty;
}

static int term_width(bool tty)
{
	struct winsize ws;
	if (tty && ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return LOG_WIDTH;
}

/* The directory part of a path, where fonts named by the issue are
 * looked for ("." for a bare name or standard input). */
const char *nq_cli_dir(nq_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!strcmp(path, "-") || !slash)
		return ".";
	if (slash == path)
		return "/";
	return nq_strndup(a, path, (size_t)(slash - path));
}

nq_diags nq_cli_diags(const nq_cli *c, nq_arena *a, const char *in)
{
	return (nq_diags){
		.arena = a,
		.file = strcmp(in, "-") ? in : "<stdin>",
		.lang = c->lang,
		.color = c->color,
		.excerpt = c->width,
	};
}

nq_options nq_cli_options(const nq_cli *c, nq_arena *a, const char *in)
{
	nq_options opt = c->opt;
	opt.input_dir = nq_cli_dir(a, in);
	opt.markdown = c->from == NQ_FROM_MD || (c->from == NQ_FROM_AUTO && nq_md_name(in));
	return opt;
}

int nq_cli_render_one(const nq_cli *c, const char *in, const char *out, FILE *err)
{
	nq_arena *a = nq_arena_new();
	nq_diags d = nq_cli_diags(c, a, in);
	nq_options opt = nq_cli_options(c, a, in);
	nq_stats st = { 0 };
	if (c->report)
		opt.stats = &st;
	char *src = NULL;
	size_t len = 0;
	int rc;
	if (!nq_file_read(a, in, &src, &len, &d)) {
		rc = nq_diag_exit_code(&d);
	} else {
		const unsigned char *data;
		size_t n;
		rc = nq_render(a, src, len, &opt, &d, &data, &n);
		if (rc == NQ_EXIT_OK && c->strict && d.warnings) {
			/* For print jobs that want a clean issue or none:
			 * the warnings are the input's, so exit 1. */
			nq_diag_add(&d, NQ_ERROR, NQ_DC_INPUT, NULL, -1,
			            "%d warning(s) and --strict: nothing written", d.warnings);
			rc = NQ_EXIT_INPUT;
		}
		if (rc == NQ_EXIT_OK && data) {
			if (opt.dump != NQ_DUMP_NONE && !out)
				out = "-";
			if (out && !nq_file_write_atomic(out, data, n, &d))
				rc = nq_diag_exit_code(&d);
		}
	}
	nq_diag_print(&d, err);
	if (c->report && rc == NQ_EXIT_OK)
		nq_cli_report(c, d.file, &st, err);
	nq_arena_free(a);
	return rc;
}

/* The largest SOURCE_DATE_EPOCH: 9999-12-31T23:59:59Z, the last second a
 * PDF date (D:YYYYMMDDHHmmSS, ISO 32000-1 7.9.4) and a YYYY-MM-DD can
 * hold. */
#define SDE_MAX 253402300799LL

int nq_cli_source_date(nq_cli *c)
{
	/* reproducible-builds.org/specs/source-date-epoch: an integer of
	 * seconds since 1970-01-01 UTC, and a malformed value must be an
	 * error rather than silently ignored.  Empty counts as unset. */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde)
		return -1;
	size_t n = strlen(sde);
	if (strspn(sde, "0123456789") != n) /* no sign, space, 0x or 1e9 */
		return nq_cli_usage(c, "SOURCE_DATE_EPOCH '%s' is not a number of seconds", sde);
	while (n > 1 && *sde == '0') {
		sde++;
		n--;
	}
	long long v = 0;
	if (n <= 12) /* SDE_MAX has 12 digits: no overflow below */
		for (size_t i = 0; i < n; i++)
			v = v * 10 + (sde[i] - '0');
	if (n > 12 || v > SDE_MAX)
		return nq_cli_usage(c, "SOURCE_DATE_EPOCH %s is after %lld (9999-12-31T23:59:59Z), "
		                       "the last date a PDF can hold", sde, SDE_MAX);
	c->opt.source_date = v;
	return -1;
}

/* -o naming the input (directly, through a symbolic or hard link, or as
 * /dev/stdout appending to it) would replace the JSON with the PDF: a
 * usage error, found before any work, as batch.c's name collisions. */
static int same_file(const nq_cli *c, const char *in, const char *out)
{
	if (!out || !nq_file_same(in, out))
		return -1;
	return nq_cli_usage(c, "the output '%s' is the input file '%s'; choose another output",
	                    out, in);
}

int nq_cli_main(int argc, char **argv)
{
	nq_cli c = {
		.a = nq_arena_new(),
		.lang = nq_msg_lang(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")),
		.opt = { .source_date = -1, .contents = -1, .system_fonts = true },
	};
	int rc;
	/* Cancelled or out of memory: no temp file is left (util/file.c). */
	nq_file_signals(NULL);
	nq_oom_handler(nq_sprintf(c.a, "nqpdf: %s: %s\n", nq_msg_tr(c.lang, "error"),
	                          nq_msg_tr(c.lang, "out of memory")),
	               nq_file_drop_temp);
	if (argc > 1 && !strcmp(argv[1], "init")) {
		rc = nq_cli_init(&c, argc - 1, argv + 1);
		goto done;
	}
	if (argc > 1 && !strcmp(argv[1], "convert")) {
		c.tty = isatty(STDERR_FILENO);
		c.color = want_color(c.color_when, c.tty);
		c.width = term_width(c.tty);
		rc = nq_cli_convert(&c, argc - 1, argv + 1);
		goto done;
	}
	rc = nq_cli_args(&c, argc, argv);
	if (rc >= 0 || (rc = nq_cli_source_date(&c)) >= 0)
		goto done;
	c.tty = isatty(STDERR_FILENO);
	c.color = want_color(c.color_when, c.tty);
	c.width = term_width(c.tty);
	if (c.watch) {
		if ((rc = same_file(&c, c.in[0], c.out)) < 0)
			rc = nq_cli_watch(&c);
	} else if (c.nin > 1 || c.outdir) {
		rc = nq_cli_batch(&c);
	} else {
		/* A dump without -o goes to standard output. */
		const char *dest = c.out ? c.out : c.opt.dump != NQ_DUMP_NONE ? "-" : NULL;
		if ((rc = same_file(&c, c.in[0], dest)) < 0)
			rc = nq_cli_render_one(&c, c.in[0], c.out, stderr);
	}
done:
	nq_arena_free(c.a);
	return rc;
}
