/*
 * convert.c - `nqpdf convert IN -o OUT`: an issue from JSON to Markdown or
 * back (docs/markdown.md).  Takes the input (read as Markdown when it ends
 * in .md or --from=md), checks it as a render would (nothing is converted
 * from an invalid issue, and the same messages point at the same places),
 * then writes OUT atomically in the other form, or the form --to or OUT's
 * extension names.  The conversion itself is md/'s.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include <cJSON.h>

#include "cli.h"
#include "md/md.h"
#include "util/util.h"

int nq_cli_convert(nq_cli *c, int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	int from = NQ_FROM_AUTO, to = NQ_FROM_AUTO;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if ((!strcmp(s, "-o") || !strcmp(s, "--output")) && i + 1 < argc) {
			out = argv[++i];
		} else if (!strncmp(s, "--from=", 7) || !strncmp(s, "--to=", 5)) {
			const char *v = strchr(s, '=') + 1;
			int f = !strcmp(v, "json") ? NQ_FROM_JSON
			      : !strcmp(v, "md") || !strcmp(v, "markdown") ? NQ_FROM_MD : -1;
			if (f < 0)
				return nq_cli_usage(c, "unknown input format '%s' (json or md)", v);
			*(s[2] == 'f' ? &from : &to) = f;
		} else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			char *av[] = { argv[0], "--help", NULL };
			return nq_cli_args(c, 2, av);
		} else if (s[0] == '-' && s[1]) {
			return nq_cli_usage(c, "unknown option '%s'", s);
		} else if (!in) {
			in = s;
		} else {
			return nq_cli_usage(c, "convert takes one input; '%s' is one too many", s);
		}
	}
	if (!in)
		return nq_cli_usage(c, "no input file");
	if (!out)
		return nq_cli_usage(c, "no output file: use -o FILE.md or -o FILE.json");
	if (from == NQ_FROM_AUTO)
		from = nq_md_name(in) ? NQ_FROM_MD : NQ_FROM_JSON;
	if (to == NQ_FROM_AUTO)
		to = nq_md_name(out) ? NQ_FROM_MD
		   : strlen(out) > 5 && !strcmp(out + strlen(out) - 5, ".json") ? NQ_FROM_JSON
		   : from == NQ_FROM_MD ? NQ_FROM_JSON : NQ_FROM_MD;
	if (strcmp(out, "-") && nq_file_same(in, out))
		return nq_cli_usage(c, "the output '%s' is the input file '%s'; choose another output", out, in);

	nq_arena *a = nq_arena_new();
	nq_diags d = nq_cli_diags(c, a, in);
	char *src;
	size_t len;
	int rc = NQ_EXIT_OK;
	if (!nq_file_read(a, in, &src, &len, &d)) {
		rc = nq_diag_exit_code(&d);
		goto done;
	}
	nq_options opt = c->opt;
	opt.check_only = true;
	opt.markdown = from == NQ_FROM_MD;
	const unsigned char *unused;
	size_t un;
	rc = nq_render(a, src, len, &opt, &d, &unused, &un);
	if (rc)
		goto done;
	/* The issue as JSON text, then in the form asked for. */
	const char *json = src;
	size_t jlen = len;
	if (from == NQ_FROM_MD) {
		nq_md m;
		nq_diags quiet = { .arena = a };
		if (!nq_md_to_json(a, src, len, &quiet, &m)) {
			rc = NQ_EXIT_INTERNAL;
			goto done;
		}
		json = m.json;
		jlen = m.len;
	}
	const char *text;
	size_t tlen;
	if (to == NQ_FROM_MD) {
		if (!nq_md_from_json(a, json, jlen, &d, &text, &tlen)) {
			rc = nq_diag_exit_code(&d);
			goto done;
		}
	} else {
		cJSON *root = cJSON_ParseWithLength(json, jlen);
		char *p = root ? cJSON_Print(root) : NULL;
		cJSON_Delete(root);
		if (!p)
			nq_oom();
		text = nq_sprintf(a, "%s\n", p);
		tlen = strlen(text);
		cJSON_free(p);
	}
	if (!nq_file_write_atomic(out, text, tlen, &d))
		rc = nq_diag_exit_code(&d);
done:
	nq_diag_print(&d, stderr);
	nq_arena_free(a);
	return rc;
}
