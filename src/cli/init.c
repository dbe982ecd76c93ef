/*
 * init.c - `nqpdf init [--force] [FILE]`: write a starting issue an editor
 * fills in.  Takes the date (today, or SOURCE_DATE_EPOCH's day in UTC, so
 * tests and reproducible setups get a fixed file); makes FILE (default
 * daily-YYYY-MM-DD.json or .md, the examples' naming; - for stdout) atomically,
 * never over an existing file unless --force.
 *
 * Placeholder policy (docs/cli.md): every text is a Chinese placeholder in
 * full-width parentheses （……） saying what belongs there, so a forgotten
 * one is easy to spot in the PDF; optional parts are present (and say they
 * may be deleted) so the editor sees what exists; "$comment" keys, which
 * the format allows anywhere, explain the rest.  The file is valid as it
 * is: --check passes and it renders without a warning (the paragraph cites
 * the one reference, so no "never cited").
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "util/msg.h"
#include "util/util.h"

/* A printf format: the date and the reference's date. */
static const char template[] =
    "{\n"
    "  \"$comment\": \"nqpdf init 生成的起始文件。把每个（……）换成本期的内容；"
    "不需要的可选字段整个删去。以 $comment 开头的键是写给编辑的备注，nqpdf 不排印，可留可删。"
    "校验：nqpdf --check 本文件；生成 PDF：nqpdf 本文件 -o 本期.pdf。格式说明见 man nqpdf 和 docs/format.md。\",\n"
    "  \"nqpdf\": 1,\n"
    "  \"title\": \"（刊名，例如：新质生产力每日动态）\",\n"
    "  \"$comment-issue\": \"期号：写数字 128 排为“第 128 期”；也可以写文字。还要排“总第 N 期”时加 issue_total。不需要就删去。\",\n"
    "  \"issue\": 1,\n"
    "  \"organization\": [\"（发布单位，例如：某某市发展和改革委员会；有几个单位就写几项）\"],\n"
    "  \"producers\": [\"（编制单位；没有就删去 producers）\"],\n"
    "  \"$comment-date\": \"出刊日期，写成 YYYY-MM-DD。\",\n"
    "  \"date\": \"%s\",\n"
    "  \"abstract\": [\"（摘要：用一两句话概括本期要点。每个字符串是一段；不需要就删去 abstract。）\"],\n"
    "  \"sections\": [\n"
    "    {\n"
    "      \"$comment\": \"正文的一个部分。编号“一、二、……”由 nqpdf 生成，标题里不要写编号。再加一部分就复制这个对象。\",\n"
    "      \"heading\": \"（这一部分的标题）\",\n"
    "      \"paragraphs\": [\n"
    "        \"（第一段正文。引用参考资料时在句末写上它的编号，例如这样[1]。）\",\n"
    "        \"（第二段正文。**要加粗的文字**用两对星号括起来。）\"\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"insight\": {\n"
    "    \"paragraphs\": [\"（趋势洞察：对本期动态的综合研判；不需要就删去 insight。）\"]\n"
    "  },\n"
    "  \"references\": [\n"
    "    {\n"
    "      \"$comment\": \"参考资料依次编号为 [1]、[2]……，正文用这个编号引用。date、purpose、url 可以删去；只供核对、不在正文引用的资料加 \\\"cited\\\": false。\",\n"
    "      \"source\": \"（来源，例如：新华社）\",\n"
    "      \"title\": \"（题名，不用加书名号）\",\n"
    "      \"date\": \"%s\",\n"
    "      \"purpose\": \"（用途：为什么引用这条资料）\",\n"
    "      \"url\": \"https://www.example.com/\"\n"
    "    }\n"
    "  ],\n"
    "  \"$comment-footer\": \"需要页尾的“关注我们”二维码时，加上 footer；密级、编者按、报尾（distribution）和参考资料样式（options.reference_style）的写法也见 docs/format.md。\"\n"
    "}\n";

/* The same starting issue in Markdown (docs/markdown.md), for --md: notes
 * to the editor are HTML comments, which the dialect skips. */
static const char template_md[] =
    "---\n"
    "# nqpdf init --md 生成的起始文件。把每个（……）换成本期的内容；不需要的部分整个删去。\n"
    "# 以 # 开头的行是写给编辑的备注。校验：nqpdf --check 本文件；生成 PDF：nqpdf 本文件 -o 本期.pdf。\n"
    "# 写法见 docs/markdown.md。\n"
    "nqpdf: 1\n"
    "title: （刊名，例如：新质生产力每日动态）\n"
    "# 期号：写数字 128 排为“第 128 期”；也可以写文字。还要排“总第 N 期”时加 issue_total。\n"
    "issue: 1\n"
    "organization:\n"
    "  - （发布单位，例如：某某市发展和改革委员会；有几个单位就写几行）\n"
    "producers:\n"
    "  - （编制单位；没有就删去 producers 这两行）\n"
    "# 出刊日期，写成 YYYY-MM-DD。\n"
    "date: %s\n"
    "---\n"
    "\n"
    "## 摘要\n"
    "\n"
    "（摘要：用一两句话概括本期要点。空一行开始新的一段；不需要就删去这一部分。）\n"
    "\n"
    "<!-- 正文的一个部分：## 加标题。编号“一、二、……”由 nqpdf 生成，写了也会去掉。 -->\n"
    "\n"
    "## （这一部分的标题）\n"
    "\n"
    "（第一段正文。引用参考资料时在句末写上它的编号，例如这样[1]。）\n"
    "\n"
    "（第二段正文。**要加粗的文字**用两对星号括起来。）\n"
    "\n"
    "## 趋势洞察\n"
    "\n"
    "（趋势洞察：对本期动态的综合研判；不需要就删去这一部分。）\n"
    "\n"
    "## 参考资料\n"
    "\n"
    "<!-- 每条一行：来源，《题名》，日期。用途：……。链接：网址。日期、用途、链接可以省去。 -->\n"
    "\n"
    "1. （来源，例如：新华社），《（题名）》，%s。用途：（为什么引用这条资料）。链接：<https://www.example.com/>\n"
    "\n"
    "<!-- 需要页尾的“关注我们”二维码时，加上：\n"
    "## 关注我们\n"
    "\n"
    "- 微信公众号：https://……\n"
    "\n"
    "（一句说明） -->\n";

int nq_cli_init(nq_cli *c, int argc, char **argv)
{
	bool force = false, md = false;
	const char *file = NULL;
	bool opts = true;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (opts && (!strcmp(s, "-f") || !strcmp(s, "--force"))) {
			force = true;
		} else if (opts && !strcmp(s, "--md")) {
			md = true;
		} else if (opts && (!strcmp(s, "-h") || !strcmp(s, "--help"))) {
			char *av[] = { argv[0], "--help", NULL };
			return nq_cli_args(c, 2, av);
		} else if (opts && !strcmp(s, "--")) {
			opts = false;
		} else if (opts && s[0] == '-' && s[1]) {
			return nq_cli_usage(c, "unknown option '%s'", s);
		} else if (!file) {
			file = s;
		} else {
			return nq_cli_usage(c, "init writes one file; '%s' is one too many", s);
		}
	}
	int rc = nq_cli_source_date(c);
	if (rc >= 0)
		return rc;

	time_t t = c->opt.source_date >= 0 ? (time_t)c->opt.source_date : time(NULL);
	struct tm tm;
	if (c->opt.source_date >= 0)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	if (!file)
		file = nq_sprintf(c->a, "daily-%s.%s", date, md ? "md" : "json");

	struct stat st;
	if (!force && strcmp(file, "-") && lstat(file, &st) == 0) {
		/* A usage matter: the same command with --force would do. */
		nq_cli_note(c, stderr, "'%s' already exists; add --force to replace it", file);
		return NQ_EXIT_USAGE;
	}

	char *text = nq_sprintf(c->a, md ? template_md : template, date, date);
	nq_diags d = { .arena = c->a, .lang = c->lang };
	if (!nq_file_write_atomic(file, text, strlen(text), &d)) {
		nq_diag_print(&d, stderr);
		return nq_diag_exit_code(&d);
	}
	if (strcmp(file, "-"))
		nq_cli_note(c, stderr, "wrote %s; fill it in, then: nqpdf --check %s", file, file);
	return NQ_EXIT_OK;
}
