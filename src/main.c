/*
 * main.c - the nqpdf command: arguments in, exit code out.  Everything else
 * is the library's (include/nqpdf.h); this file reads the input, calls
 * nq_render, prints the diagnostics and writes the output atomically.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nqpdf.h"
#include "util/util.h"

static const char usage[] =
    "usage: nqpdf INPUT.json -o OUTPUT.pdf [options]\n"
    "       nqpdf --check INPUT.json\n"
    "Turn a daily-briefing issue (JSON, docs/format.md) into a PDF.\n"
    "INPUT and OUTPUT may be - for standard input and output.\n"
    "\n"
    "  -o, --output FILE   write the PDF here (written to a temp file, then renamed)\n"
    "      --check         validate the input only; write nothing\n"
    "      --dump=STAGE    write a text dump instead of the PDF: model, lines or layout\n"
    "      --font-dir DIR  where the bundled fonts are (default: found automatically)\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input, 2 usage, 3 file or font problem, 4 internal error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("nqpdf: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'nqpdf --help'.\n", stderr);
	return NQ_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	nq_options opt = { .source_date = -1, .contents = -1, .system_fonts = true };
	const char *in = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			fputs(usage, stdout);
			return NQ_EXIT_OK;
		} else if (!strcmp(s, "-V") || !strcmp(s, "--version")) {
			printf("nqpdf %s (input format %d)\n", NQ_VERSION, NQ_FORMAT_VERSION);
			return NQ_EXIT_OK;
		} else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
			if (++i == argc)
				return usage_error("%s needs a file name", s);
			out = argv[i];
		} else if (!strncmp(s, "--output=", 9)) {
			out = s + 9;
		} else if (!strcmp(s, "--check")) {
			opt.check_only = true;
		} else if (!strcmp(s, "--font-dir")) {
			if (++i == argc)
				return usage_error("%s needs a directory", s);
			opt.font_dir = argv[i];
		} else if (!strncmp(s, "--dump=", 7)) {
			const char *st = s + 7;
			opt.dump = !strcmp(st, "model")    ? NQ_DUMP_MODEL
			         : !strcmp(st, "lines")    ? NQ_DUMP_LINES
			         : !strcmp(st, "layout")   ? NQ_DUMP_LAYOUT
			                                   : NQ_DUMP_NONE;
			if (opt.dump == NQ_DUMP_NONE)
				return usage_error("unknown stage '%s' (model, lines or layout)", st);
		} else if (s[0] == '-' && s[1]) {
			return usage_error("unknown option '%s'", s);
		} else if (!in) {
			in = s;
		} else {
			return usage_error("more than one input ('%s')", s);
		}
	}
	if (!in)
		return usage_error("%s", "no input file");
	if (!out && !opt.check_only && opt.dump == NQ_DUMP_NONE)
		return usage_error("%s", "no output file: use -o FILE.pdf (or --check)");
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0)
			return usage_error("SOURCE_DATE_EPOCH '%s' is not a number of seconds", sde);
		opt.source_date = v;
	}

	nq_arena *a = nq_arena_new();
	nq_diags d = { .arena = a, .file = strcmp(in, "-") ? in : "<stdin>" };
	char *src = NULL;
	size_t len = 0;
	int rc;
	if (!nq_file_read(a, in, &src, &len, &d)) {
		rc = nq_diag_exit_code(&d);
	} else {
		const unsigned char *pdf;
		size_t n;
		rc = nq_render(a, src, len, &opt, &d, &pdf, &n);
		if (rc == NQ_EXIT_OK && pdf) {
			if (opt.dump != NQ_DUMP_NONE && !out)
				out = "-";
			if (out && !nq_file_write_atomic(out, pdf, n, &d))
				rc = nq_diag_exit_code(&d);
		}
	}
	nq_diag_print(&d, stderr);
	nq_arena_free(a);
	return rc;
}
