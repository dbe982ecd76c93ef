/*
 * args.c - the command line's options: argv in, a filled nq_cli out (or
 * help, version, schema on stdout, or a usage error on stderr and exit 2).
 *
 * getopt_long does the parsing (GNU style: options and inputs in any
 * order, --opt=VALUE or --opt VALUE, unique prefixes, -- ends options);
 * its own messages are off (opterr = 0) so that ours can be translated.
 * What the options mean is the library's (nq_options in nqpdf.h); running
 * them is run.c's, batch.c's and init.c's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "util/msg.h"
#include "util/util.h"

/* Worker processes are cheap (fork, a few MiB each) but more than this
 * only makes a run thrash; -j asks for at most this many. */
#define MAX_JOBS 256

/* The help, in each language: chosen whole rather than line by line, so
 * each reads naturally.  Keep the two in step with docs/nqpdf.1. */
static const char help_en[] =
    "usage: nqpdf INPUT.json -o OUTPUT.pdf [options]\n"
    "       nqpdf INPUT.json... -d OUTDIR [-j N] [options]\n"
    "       nqpdf --check INPUT.json...\n"
    "       nqpdf init [--force] [--md] [FILE]\n"
    "       nqpdf convert INPUT.md -o OUTPUT.json  (or .json to .md)\n"
    "       nqpdf --watch INPUT -o OUTPUT.pdf\n"
    "Turn a daily-briefing issue (JSON, docs/format.md, or Markdown,\n"
    "docs/markdown.md) into a PDF.  INPUT and OUTPUT may be - (stdin, stdout).\n"
    "\n"
    "  -o, --output FILE      write the PDF here (via a temp file, then renamed)\n"
    "  -d, --output-dir DIR   write each INPUT to DIR/NAME.pdf\n"
    "  -j, --jobs N           render N inputs at a time (default: the CPUs)\n"
    "      --check            validate only; write nothing\n"
    "      --from=FORMAT      the input is json or md (default: md for *.md, else json)\n"
    "      --watch            render again on every save of INPUT, until Ctrl-C\n"
    "      --dump=STAGE       write a text dump instead: model, lines or layout\n"
    "      --report           after rendering, print the typographic self-check\n"
    "      --strict           treat warnings as errors: exit 1 and write nothing\n"
    "      --pdf-standard=STD a-2u (default: PDF/A-2u and PDF/UA-1) or none\n"
    "  These override the issue's \"options\":\n"
    "      --paper=SIZE       A4, B5 or Letter\n"
    "      --draft[=TEXT]     mark every page as a draft (default text: 草稿)\n"
    "      --no-draft         no draft mark\n"
    "      --contents, --no-contents  print the contents, or leave them out\n"
    "      --prohibition=LEVEL  line-start/end rules: basic, gb or strict\n"
    "      --punctuation=STYLE  quanjiao (default), kaiming, banjiao or fixed\n"
    "  Fonts:\n"
    "      --font-dir DIR     where the bundled fonts are (default: found automatically)\n"
    "      --face ROLE=FILE   the font of body, bold or heading (FILE#N: face N of a .ttc)\n"
    "      --font FILE        an extra fallback font (TrueType or OpenType); may be repeated\n"
    "      --allow-outside    fonts the issue names may lie outside its directory\n"
    "      --no-system-fonts  never fall back to the system's fonts\n"
    "  Other:\n"
    "      --color[=WHEN]     colour messages: auto (default), always or never\n"
    "      --schema           print the input format's JSON Schema\n"
    "  -h, --help             show this help\n"
    "  -V, --version          show the version\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input, 2 usage, 3 file or font, 4 internal, 5 not convertible.\n"
    "More in the manual: man nqpdf\n";

static const char help_zh[] =
    "用法：nqpdf 输入.json -o 输出.pdf [选项]\n"
    "      nqpdf 输入.json... -d 输出目录 [-j N] [选项]\n"
    "      nqpdf --check 输入.json...\n"
    "      nqpdf init [--force] [--md] [文件]\n"
    "      nqpdf convert 输入.md -o 输出.json  （或 .json 转 .md）\n"
    "      nqpdf --watch 输入 -o 输出.pdf\n"
    "把一期每日动态（JSON 文件，格式见 docs/format.md；或 Markdown，见 docs/markdown.md）排版为 PDF。\n"
    "输入、输出写成 - 表示标准输入、标准输出。\n"
    "\n"
    "  -o, --output 文件      PDF 写到这里（先写临时文件，再改名）\n"
    "  -d, --output-dir 目录  每个输入写成 目录/文件名.pdf\n"
    "  -j, --jobs N           同时排版 N 个文件（默认：CPU 个数）\n"
    "      --check            只校验，不写任何文件\n"
    "      --from=格式        输入是 json 或 md（默认：*.md 为 md，其余为 json）\n"
    "      --watch            每次保存输入文件后重新排版，直到按 Ctrl-C\n"
    "      --dump=阶段        改为输出文本转储：model、lines 或 layout\n"
    "      --report           排版后输出排版自检报告\n"
    "      --strict           把警告当作错误：退出码 1，不写任何文件\n"
    "      --pdf-standard=标准 a-2u（默认：PDF/A-2u 与 PDF/UA-1）或 none\n"
    "  以下选项优先于文件里的 \"options\"：\n"
    "      --paper=纸张       A4、B5 或 Letter\n"
    "      --draft[=文字]     每页加草稿标记（默认文字：草稿）\n"
    "      --no-draft         不加草稿标记\n"
    "      --contents, --no-contents  排出目录，或不排目录\n"
    "      --prohibition=级别 行首行尾禁则：basic、gb 或 strict\n"
    "      --punctuation=样式 标点样式：quanjiao（全角，默认）、kaiming（开明）、banjiao（半角）或 fixed（全角不挤压）\n"
    "  字体：\n"
    "      --font-dir 目录    随附字体所在的目录（默认自动查找）\n"
    "      --face 角色=文件   body（正文）、bold（粗体）或 heading（标题）用的字体（文件#N：.ttc 中第 N 个）\n"
    "      --font 文件        追加一个后备字体（TrueType 或 OpenType）；可重复\n"
    "      --allow-outside    允许文件中指定的字体位于文件所在目录之外\n"
    "      --no-system-fonts  不使用系统字体作后备\n"
    "  其他：\n"
    "      --color[=何时]     彩色提示：auto（默认）、always 或 never\n"
    "      --schema           输出输入格式的 JSON Schema\n"
    "  -h, --help             显示本帮助\n"
    "  -V, --version          显示版本\n"
    "\n"
    "退出码：0 成功，1 输入有误，2 用法错误，3 文件或字体问题，4 内部错误，5 无法转换成所要的写法。\n"
    "详见手册：man nqpdf\n";

enum {
	O_CHECK = 256,
	O_DUMP,
	O_FONT_DIR,
	O_PAPER,
	O_DRAFT,
	O_NO_DRAFT,
	O_CONTENTS,
	O_NO_CONTENTS,
	O_PROHIBITION,
	O_PUNCTUATION,
	O_FONT,
	O_FACE,
	O_ALLOW_OUTSIDE,
	O_NO_SYSTEM_FONTS,
	O_REPORT,
	O_STRICT,
	O_COLOR,
	O_SCHEMA,
	O_FROM,
	O_WATCH,
	O_PDF_STANDARD,
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "output-dir", required_argument, NULL, 'd' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "check", no_argument, NULL, O_CHECK },
	{ "dump", required_argument, NULL, O_DUMP },
	{ "report", no_argument, NULL, O_REPORT },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "paper", required_argument, NULL, O_PAPER },
	{ "draft", optional_argument, NULL, O_DRAFT },
	{ "no-draft", no_argument, NULL, O_NO_DRAFT },
	{ "contents", no_argument, NULL, O_CONTENTS },
	{ "no-contents", no_argument, NULL, O_NO_CONTENTS },
	{ "prohibition", required_argument, NULL, O_PROHIBITION },
	{ "punctuation", required_argument, NULL, O_PUNCTUATION },
	{ "font-dir", required_argument, NULL, O_FONT_DIR },
	{ "font", required_argument, NULL, O_FONT },
	{ "face", required_argument, NULL, O_FACE },
	{ "allow-outside", no_argument, NULL, O_ALLOW_OUTSIDE },
	{ "no-system-fonts", no_argument, NULL, O_NO_SYSTEM_FONTS },
	{ "color", optional_argument, NULL, O_COLOR },
	{ "schema", no_argument, NULL, O_SCHEMA },
	{ "from", required_argument, NULL, O_FROM },
	{ "watch", no_argument, NULL, O_WATCH },
	{ "pdf-standard", required_argument, NULL, O_PDF_STANDARD },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int nq_cli_usage(const nq_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = nq_msg_vformat(c->a, c->lang, fmt, ap);
	va_end(ap);
	fprintf(stderr, "nqpdf: %s\n%s\n", msg, nq_msg_tr(c->lang, "Try 'nqpdf --help'."));
	return NQ_EXIT_USAGE;
}

void nq_cli_note(const nq_cli *c, FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = nq_msg_vformat(c->a, c->lang, fmt, ap);
	va_end(ap);
	fprintf(f, "nqpdf: %s\n", msg);
}

/* getopt_long said '?': name what was wrong with the option as typed. */
static int bad_option(const nq_cli *c, const char *arg)
{
	if (strncmp(arg, "--", 2) == 0 && arg[2]) {
		size_t n = strcspn(arg + 2, "=");
		int hits = 0;
		const struct option *hit = NULL;
		for (const struct option *o = longopts; o->name; o++) {
			if (strncmp(o->name, arg + 2, n) == 0) {
				if (o->name[n] == 0) { /* exact beats prefixes */
					hits = 1;
					hit = o;
					break;
				}
				hits++;
				hit = o;
			}
		}
		if (hits > 1)
			return nq_cli_usage(c, "ambiguous option '%s'", arg);
		if (hits == 1 && arg[2 + n] == '=' && hit->has_arg == no_argument)
			return nq_cli_usage(c, "option '--%s' takes no value", hit->name);
	}
	return nq_cli_usage(c, "unknown option '%s'", arg);
}

/* After --help, --version or --schema: what stdio kept must reach the
 * file, or the caller learns it did not (a full disk, a closed pipe), as
 * GNU's close_stdout does.  Exit 3, the code of every write error. */
static int flush_stdout(const nq_cli *c)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return NQ_EXIT_OK;
	nq_diags d = { .arena = c->a, .lang = c->lang };
	nq_diag_add(&d, NQ_ERROR, NQ_DC_IO, NULL, -1, "cannot write to standard output: %s",
	            strerror(errno ? errno : EIO));
	nq_diag_print(&d, stderr);
	return nq_diag_exit_code(&d);
}

/* An empty file or directory name is a mistake (a variable unset in a
 * script), not the current directory or the root: --font-dir= searched
 * "/". */
static int empty_path(const nq_cli *c, const char *option, const char *arg)
{
	if (*arg)
		return -1;
	return nq_cli_usage(c, "option '%s' needs a file or directory name, not an empty one",
	                    option);
}

/* --face ROLE=FILE[#INDEX] (docs/fonts.md, "Faces per role"): the roles
 * in nq_options.faces' order; the last one given for a role counts. */
static int face_arg(nq_cli *c, const char *arg)
{
	static const char *const roles[] = { "body", "bold", "heading" };
	const char *eq = strchr(arg, '=');
	for (size_t r = 0; eq && r < sizeof roles / sizeof *roles; r++)
		if ((size_t)(eq - arg) == strlen(roles[r]) && !strncmp(arg, roles[r], strlen(roles[r]))) {
			if (!eq[1])
				return empty_path(c, "--face", eq + 1);
			c->opt.faces[r] = eq + 1;
			return -1;
		}
	return nq_cli_usage(c, "option '--face' takes ROLE=FILE, ROLE one of body, bold and "
	                       "heading, not '%s'", arg);
}

static void push(nq_cli *c, const char ***v, size_t *n, size_t *cap, const char *s)
{
	*NQ_PUSH(c->a, *v, *n, *cap) = s;
}

int nq_cli_args(nq_cli *c, int argc, char **argv)
{
	opterr = 0;
	optind = 1;
	for (;;) {
		int o = getopt_long(argc, argv, ":o:d:j:hV", longopts, NULL);
		if (o == -1)
			break;
		/* The option as typed, for messages: getopt has just
		 * stepped past it. */
		const char *typed = argv[optind - 1];
		switch (o) {
		case 'h':
			errno = 0; /* flush_stdout reports the first error */
			fputs(c->lang == NQ_LANG_ZH ? help_zh : help_en, stdout);
			return flush_stdout(c);
		case 'V':
			errno = 0;
			printf("nqpdf %s (input format %d)\n", NQ_VERSION, NQ_FORMAT_VERSION);
			return flush_stdout(c);
		case O_SCHEMA:
			errno = 0;
			fwrite(nq_schema, 1, nq_schema_len, stdout);
			return flush_stdout(c);
		case 'o':
			if (empty_path(c, "-o", optarg) >= 0)
				return NQ_EXIT_USAGE;
			c->out = optarg;
			break;
		case 'd':
			if (empty_path(c, "-d", optarg) >= 0)
				return NQ_EXIT_USAGE;
			c->outdir = optarg;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > MAX_JOBS)
				return nq_cli_usage(c, "-j needs a number of jobs from 1 to %d, not '%s'",
				                    MAX_JOBS, optarg);
			c->jobs = (int)v;
			break;
		}
		case O_CHECK:
			c->opt.check_only = true;
			break;
		case O_FROM:
			c->from = !strcmp(optarg, "json") ? NQ_FROM_JSON
			        : !strcmp(optarg, "md") || !strcmp(optarg, "markdown") ? NQ_FROM_MD : -1;
			if (c->from < 0)
				return nq_cli_usage(c, "unknown input format '%s' (json or md)", optarg);
			break;
		case O_WATCH:
			c->watch = true;
			break;
		case O_DUMP:
			c->opt.dump = !strcmp(optarg, "model")    ? NQ_DUMP_MODEL
			            : !strcmp(optarg, "lines")    ? NQ_DUMP_LINES
			            : !strcmp(optarg, "layout")   ? NQ_DUMP_LAYOUT
			                                          : NQ_DUMP_NONE;
			if (c->opt.dump == NQ_DUMP_NONE)
				return nq_cli_usage(c, "unknown stage '%s' (model, lines or layout)", optarg);
			break;
		case O_REPORT:
			c->report = true;
			break;
		case O_STRICT:
			c->strict = true;
			break;
		case O_PDF_STANDARD:
			if (!strcmp(optarg, "a-2u"))
				c->opt.pdf_standard = NQ_PDF_STD_A2U;
			else if (!strcmp(optarg, "none"))
				c->opt.pdf_standard = NQ_PDF_STD_NONE;
			else
				return nq_cli_usage(c, "unknown PDF standard '%s' (a-2u or none)", optarg);
			break;
		case O_PAPER:
			c->opt.paper = !strcasecmp(optarg, "A4")       ? NQ_PAPER_A4
			             : !strcasecmp(optarg, "B5")       ? NQ_PAPER_B5
			             : !strcasecmp(optarg, "Letter")   ? NQ_PAPER_LETTER
			                                               : NQ_PAPER_DEFAULT;
			if (c->opt.paper == NQ_PAPER_DEFAULT)
				return nq_cli_usage(c, "unknown paper size '%s' (A4, B5 or Letter)", optarg);
			break;
		case O_DRAFT:
			if (optarg && !*optarg)
				return nq_cli_usage(c, "--draft= needs a text (or use --no-draft)");
			/* The mark the format's "draft": true gives. */
			c->opt.draft = optarg ? optarg : "草稿";
			break;
		case O_NO_DRAFT:
			c->opt.draft = ""; /* explicitly none (nqpdf.h) */
			break;
		case O_CONTENTS:
			c->opt.contents = 1;
			break;
		case O_NO_CONTENTS:
			c->opt.contents = 0;
			break;
		case O_PROHIBITION:
			c->opt.kinsoku = !strcmp(optarg, "basic")    ? NQ_KINSOKU_BASIC
			               : !strcmp(optarg, "gb")       ? NQ_KINSOKU_GB
			               : !strcmp(optarg, "strict")   ? NQ_KINSOKU_STRICT
			                                             : NQ_KINSOKU_DEFAULT;
			if (c->opt.kinsoku == NQ_KINSOKU_DEFAULT)
				return nq_cli_usage(c, "unknown prohibition level '%s' (basic, gb or strict)",
				                    optarg);
			break;
		case O_PUNCTUATION:
			c->opt.punct = !strcmp(optarg, "quanjiao") ? NQ_PUNCT_QUANJIAO
			             : !strcmp(optarg, "kaiming")  ? NQ_PUNCT_KAIMING
			             : !strcmp(optarg, "banjiao")  ? NQ_PUNCT_BANJIAO
			             : !strcmp(optarg, "fixed")    ? NQ_PUNCT_FIXED
			                                           : NQ_PUNCT_DEFAULT;
			if (c->opt.punct == NQ_PUNCT_DEFAULT)
				return nq_cli_usage(c, "unknown punctuation style '%s' (quanjiao, kaiming, "
				                       "banjiao or fixed)", optarg);
			break;
		case O_FONT_DIR:
			if (empty_path(c, "--font-dir", optarg) >= 0)
				return NQ_EXIT_USAGE;
			c->opt.font_dir = optarg;
			break;
		case O_FONT:
			if (empty_path(c, "--font", optarg) >= 0)
				return NQ_EXIT_USAGE;
			push(c, &c->fonts, &c->nfonts, &c->capfonts, optarg);
			break;
		case O_FACE:
			if (face_arg(c, optarg) >= 0)
				return NQ_EXIT_USAGE;
			break;
		case O_ALLOW_OUTSIDE:
			c->opt.allow_outside = true;
			break;
		case O_NO_SYSTEM_FONTS:
			c->opt.system_fonts = false;
			break;
		case O_COLOR:
			if (!optarg || !strcmp(optarg, "always"))
				c->color_when = NQ_COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				c->color_when = NQ_COLOR_NEVER;
			else if (!strcmp(optarg, "auto"))
				c->color_when = NQ_COLOR_AUTO;
			else
				return nq_cli_usage(c, "unknown colour setting '%s' (auto, always or never)",
				                    optarg);
			break;
		case ':':
			return nq_cli_usage(c, "option '%s' needs a value", typed);
		default: { /* '?': for a long option optopt is its value or 0 */
			char shortopt[3] = { '-', (char)optopt, 0 };
			bool is_short = strncmp(typed, "--", 2) != 0 && optopt > 0 && optopt < 128;
			return bad_option(c, is_short ? shortopt : typed);
		}
		}
	}
	for (int i = optind; i < argc; i++)
		push(c, &c->in, &c->nin, &c->capin, argv[i]);
	c->opt.fonts = c->fonts;
	c->opt.nfonts = c->nfonts;

	/* What goes together. */
	if (c->nin == 0)
		return nq_cli_usage(c, "no input file");
	if (c->out && c->outdir)
		return nq_cli_usage(c, "%s cannot be used with %s", "-o", "-d");
	if (c->report && c->opt.check_only)
		return nq_cli_usage(c, "%s cannot be used with %s", "--report", "--check");
	if (c->watch && (c->nin != 1 || !c->out || !strcmp(c->in[0], "-") || c->opt.dump != NQ_DUMP_NONE ||
	                 c->opt.check_only))
		return nq_cli_usage(c, "--watch takes one input file and -o FILE.pdf");
	if (c->nin > 1 || c->outdir) {
		if (c->out)
			return nq_cli_usage(c, "-o takes one input; use -d OUTDIR for several");
		if (c->opt.dump != NQ_DUMP_NONE)
			return nq_cli_usage(c, "--dump takes one input");
		if (c->outdir && c->opt.check_only)
			return nq_cli_usage(c, "%s cannot be used with %s", "-d", "--check");
		if (!c->outdir && !c->opt.check_only)
			return nq_cli_usage(c, "several inputs need -d OUTDIR (or --check)");
		for (size_t i = 0; i < c->nin; i++)
			if (!strcmp(c->in[i], "-"))
				return nq_cli_usage(c,
				                    "standard input (-) cannot be used with -d or several inputs");
	} else if (!c->out && !c->opt.check_only && c->opt.dump == NQ_DUMP_NONE) {
		return nq_cli_usage(c, "no output file: use -o FILE.pdf (or --check)");
	}
	return -1;
}
