/* test_linebreak.c - CLREQ classes and the line breaker end to end. */
#include <ctype.h>
#include <math.h>

#include "harness.h"
#include "linebreak/linebreak.h"
#include "shape/font.h"
#include "shape/shape.h"
#include "util/util.h"

void test_clreq(void)
{
	/* Line-start prohibition: ，。、）》” and the halves of —— …… */
	static const int32_t ns[] = { 0xFF0C, 0x3002, 0x3001, 0xFF09, 0x300B, 0x201D, 0xFF1B, 0xFF1A,
	                              0xFF1F, 0xFF01, 0x2014, 0x2026, '%', 0 };
	for (const int32_t *p = ns; *p; p++)
		NQ_CHECK_(nq_clreq_no_start(*p, NQ_KINSOKU_STRICT), "U+%04X must not start a line", (unsigned)*p);
	/* Line-end prohibition: “《（‘〔 and currency prefixes */
	static const int32_t ne[] = { 0x201C, 0x300A, 0xFF08, 0x2018, 0x3014, 0x3010, '$', 0 };
	for (const int32_t *p = ne; *p; p++)
		NQ_CHECK_(nq_clreq_no_end(*p, NQ_KINSOKU_STRICT), "U+%04X must not end a line", (unsigned)*p);
	/* Ordinary characters are free on both sides. */
	static const int32_t free_[] = { 0x4E2D, 'A', '1', 0x3042, 0 };
	for (const int32_t *p = free_; *p; p++) {
		NQ_CHECK_(!nq_clreq_no_start(*p, NQ_KINSOKU_STRICT), "U+%04X may start a line", (unsigned)*p);
		NQ_CHECK_(!nq_clreq_no_end(*p, NQ_KINSOKU_STRICT), "U+%04X may end a line", (unsigned)*p);
	}
	NQ_OK(!nq_clreq_no_end(0xFF0C, NQ_KINSOKU_STRICT));   /* ， may end a line */
	NQ_OK(!nq_clreq_no_start(0x201C, NQ_KINSOKU_STRICT)); /* “ may start a line */
	/* The levels (CLREQ §3.1.7.1): the solidus may end a line only at
	 * the basic level; —— and …… may start one below strict. */
	NQ_OK(!nq_clreq_no_end('/', NQ_KINSOKU_BASIC));
	NQ_OK(nq_clreq_no_end('/', NQ_KINSOKU_GB));
	NQ_OK(nq_clreq_no_end(0xFF0F, NQ_KINSOKU_STRICT));
	NQ_OK(!nq_clreq_no_start(0x2014, NQ_KINSOKU_GB));
	NQ_OK(!nq_clreq_no_start(0x2026, NQ_KINSOKU_BASIC));
	NQ_OK(nq_clreq_no_start(0x22EF, NQ_KINSOKU_STRICT));
	/* Basic marks and number rules hold at every level. */
	NQ_OK(nq_clreq_no_start(0xFF0C, NQ_KINSOKU_BASIC));
	NQ_OK(nq_clreq_no_start('%', NQ_KINSOKU_BASIC));
	NQ_OK(nq_clreq_no_end('$', NQ_KINSOKU_BASIC));
	NQ_OK(nq_clreq_no_end(0x300A, NQ_KINSOKU_BASIC));

	NQ_INT_EQ(nq_clreq_class(0x4E2D), NQ_CL_HAN);   /* 中 */
	NQ_INT_EQ(nq_clreq_class(0x20BB7), NQ_CL_HAN);  /* 𠮷 (plane 2) */
	NQ_INT_EQ(nq_clreq_class(0x3042), NQ_CL_HAN);   /* あ */
	NQ_INT_EQ(nq_clreq_class('A'), NQ_CL_LATIN);
	NQ_INT_EQ(nq_clreq_class('7'), NQ_CL_LATIN);
	NQ_INT_EQ(nq_clreq_class(0xE9), NQ_CL_LATIN);   /* é */
	NQ_INT_EQ(nq_clreq_class(0xFF08), NQ_CL_OPEN);  /* （ */
	NQ_INT_EQ(nq_clreq_class(0x300A), NQ_CL_OPEN);  /* 《 */
	NQ_INT_EQ(nq_clreq_class(0x201C), NQ_CL_OPEN);  /* “ */
	NQ_INT_EQ(nq_clreq_class(0xFF09), NQ_CL_CLOSE); /* ） */
	NQ_INT_EQ(nq_clreq_class(0x201D), NQ_CL_CLOSE); /* ” */
	NQ_INT_EQ(nq_clreq_class(0xFF0C), NQ_CL_STOP);  /* ， */
	NQ_INT_EQ(nq_clreq_class(0x3002), NQ_CL_STOP);  /* 。 */
	NQ_INT_EQ(nq_clreq_class(0x3001), NQ_CL_STOP);  /* 、 */
	NQ_INT_EQ(nq_clreq_class(0x00B7), NQ_CL_MIDDLE);
	NQ_INT_EQ(nq_clreq_class(0x2014), NQ_CL_DASH);
	NQ_INT_EQ(nq_clreq_class(0x2026), NQ_CL_ELLIPSIS);
	NQ_INT_EQ(nq_clreq_class(' '), NQ_CL_SPACE);
	NQ_INT_EQ(nq_clreq_class(0xFF0B), NQ_CL_HAN);   /* ＋ full-width form */
	NQ_OK(nq_clreq_ideograph(0x4E2D));
	NQ_OK(!nq_clreq_ideograph(0xFF0B));               /* ＋: no Han–Latin gap */
	NQ_OK(!nq_clreq_ideograph(0xFF21));               /* Ａ */
}

/* The quote at the n-th occurrence (from 1) of q in s is English. */
static bool english_quote(const char *s, const char *q, int n)
{
	const char *p = s;
	while ((p = strstr(p, q)) && --n > 0)
		p += strlen(q);
	return p && nq_clreq_latin_quote(s, strlen(s), (size_t)(p - s));
}

void test_clreq_quotes(void)
{
	/* docs/typography.md, "Quotes in English". */
	NQ_OK(english_quote("Technology’s", "’", 1));
	NQ_OK(english_quote("中国的 isn’t 问题", "’", 1));      /* apostrophe */
	NQ_OK(english_quote("他说“It’s good”。", "’", 1));
	NQ_OK(english_quote("in the ’90s", "’", 1));
	NQ_OK(english_quote("He said, “Go.” Then", "“", 1));
	NQ_OK(english_quote("He said, “Go.” Then", "”", 1));
	NQ_OK(english_quote("China’s “new quality” forces", "”", 1));
	NQ_OK(!english_quote("他说“It’s good”。", "“", 1));
	NQ_OK(!english_quote("他说“It’s good”。", "”", 1));
	NQ_OK(!english_quote("他说“AI”", "”", 1));             /* its “ is Chinese */
	NQ_OK(!english_quote("“DeepSeek”发布", "“", 1));       /* its ” is Chinese */
	NQ_OK(!english_quote("——“AI＋”", "“", 1));
	NQ_OK(!english_quote("尾号“1‘2’3”", "‘", 1));           /* digits say nothing */
	NQ_OK(!english_quote("“‘DeepSeek’时刻”", "‘", 1));
	NQ_OK(english_quote("‘Hi’ in the ’90s", "’", 2));
	/* Not a quote there: the letter, and the end of the text (the
	 * helper's "‘" in "a’" never reached nq_clreq_latin_quote). */
	NQ_OK(!nq_clreq_latin_quote("a’", 4, 0));
	NQ_OK(!nq_clreq_latin_quote("a’", 4, 4));
	/* The whole texts (5 and 7 bytes; 4 and 6 left the s out, so the
	 * first tested a quote at the end, not the apostrophe). */
	NQ_INT_EQ(nq_clreq_class_at("a’s", 5, 1), NQ_CL_LATIN);
	NQ_INT_EQ(nq_clreq_class_at("中’s", 7, 3), NQ_CL_CLOSE);
}

static const nq_style body = { .font = NQ_FONT_BODY, .size = 10.5f, .ref = -1 };

/* A Latin run with more English quotes than one HarfBuzz call gets (shape.c,
 * PWID_PIECE: 'pwid' ranges cost the whole buffer each) is shaped in
 * pieces: every glyph once, clusters in order, every quote the same
 * proportional ('pwid') advance as in a short run, every letter its own. */
void test_shape_quote_pieces(void)
{
	nq_arena *a = nq_arena_new();
	nq_diags d = { .arena = a, .file = "t" };
	nq_fontset fs;
	memset(&fs, 0, sizeof fs);
	if (!nq_fonts_load(&fs, "fonts", &d)) {
		NQ_CHECK_(false, "cannot load fonts from ./fonts (run from the repository root)");
		nq_fonts_free(&fs);
		nq_arena_free(a);
		return;
	}
	const nq_font *f = &fs.f[NQ_FONT_BODY];
	nq_buf b = { .a = a };
	for (int i = 0; i < 300; i++)
		nq_buf_puts(&b, "a’");
	const char *s = nq_buf_cstr(&b);
	nq_glyph *g1 = NULL, *g = NULL;
	size_t n1 = 0, c1 = 0, n = 0, c = 0;
	nq_shape(a, f, s, b.n, 0, 8, true, &g1, &n1, &c1); /* "a’a’": one call */
	nq_shape(a, f, s, b.n, 0, b.n, true, &g, &n, &c);
	NQ_INT_EQ(n1, 4);
	NQ_INT_EQ(n, 600);
	NQ_OK(n1 == 4 && g1[1].adv < (int32_t)f->upem / 2); /* 'pwid': not the full em */
	int bad = 0;
	for (size_t i = 0; n1 == 4 && i < n && i < 600; i++)
		if (g[i].cluster != (uint32_t)(i / 2 * 4 + (i % 2)) || g[i].gid != g1[i % 2].gid ||
		    g[i].adv != g1[i % 2].adv)
			bad++;
	NQ_INT_EQ(bad, 0);
	nq_fonts_free(&fs);
	nq_arena_free(a);
}

static nq_para_lines *brk(nq_arena *a, const nq_fontset *fs, const char *s, float width,
                          float indent, nq_diags *d)
{
	nq_text *t = NQ_NEW(a, nq_text);
	t->text = s;
	t->len = strlen(s);
	t->width = width;
	t->indent = indent;
	t->justify = true;
	t->offset = -1;
	nq_text_span(a, t, 0, (uint32_t)t->len, body);
	return nq_linebreak(a, t, fs, d);
}

static bool alnum_byte(char c)
{
	return isalnum((unsigned char)c);
}

/* Check every CLREQ property of a broken paragraph; returns failures. */
static int check_lines(const nq_para_lines *pl, const char *label)
{
	const nq_text *t = pl->in;
	int bad = 0;
#define BAD(...) (bad++, fprintf(stderr, "%s: line %zu: ", label, i + 1), \
                  fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
	for (size_t i = 0; i < pl->nlines; i++) {
		const nq_line *ln = &pl->lines[i];
		bool last = i + 1 == pl->nlines;
		if (ln->a1 <= ln->a0) {
			BAD("empty line");
			continue;
		}
		const nq_atom *first = &pl->atoms[ln->a0], *end = &pl->atoms[ln->a1 - 1];
		if (i > 0) {
			if (first->no_start)
				BAD("starts with prohibited U+%04X", (unsigned)first->cp);
			const char *at = t->text + first->start;
			if (first->start >= 3 && (!memcmp(at - 3, "\xE2\x80\x94\xE2\x80\x94", 6) ||
			                          !memcmp(at - 3, "\xE2\x80\xA6\xE2\x80\xA6", 6)))
				BAD("splits a —— or …… pair");
			if (alnum_byte(t->text[first->start - 1]) && alnum_byte(t->text[first->start]))
				BAD("splits a Latin word or number at byte %u", first->start);
		}
		if (!last) {
			if (end->no_end)
				BAD("ends with prohibited U+%04X", (unsigned)end->cp);
			if (fabsf(ln->x0 + ln->width - t->width) > 0.01f)
				BAD("x0 %.3f + width %.3f != measure %.3f", ln->x0, ln->width, t->width);
		}
		if (ln->overfull)
			BAD("overfull");
	}
#undef BAD
	return bad;
}

/* Mixed text with every kind of mark, dash, ellipsis, numbers and words. */
static const char para[] =
    "5月13日，工业和信息化部等八部门联合印发《“人工智能+制造”专项行动方案（2026—2028年）》"
    "（以下简称《方案》）。《方案》提出，到2028年，规模以上工业企业AI应用普及率超过70%，"
    "重点行业打造100个以上行业大模型标杆应用——这是首次提出量化目标……开源模型如DeepSeek-V3、"
    "Qwen3与Llama 4的推理成本持续下探，单次调用价格降至$0.002以下；“AI Agent”正在成为新的"
    "竞争焦点。“人工智能+”不是简单地给生产线“加个模型”，关键在于把数据、算法、算力同工艺知识"
    "深度融合，防止“重展示、轻实效”。SPECint 2017得分提升约35%，国产RISC-V处理器进入量产。"
    "据测算，2026年一季度相关投资同比增长21.4%，较上年同期提高3.2个百分点——增速为近三年最高……";

/* A run's arena, its diagnostics and the bundled fonts, from ./fonts (the
 * tests run from the repository root); NULL, with a failed check, if the
 * fonts cannot be loaded. */
static nq_arena *setup(nq_fontset *fs, nq_diags *d)
{
	nq_arena *a = nq_arena_new();
	*d = (nq_diags){ .arena = a, .file = "t" };
	memset(fs, 0, sizeof *fs);
	if (nq_fonts_load(fs, "fonts", d))
		return a;
	NQ_CHECK_(false, "cannot load fonts from ./fonts (run from the repository root)");
	nq_arena_free(a);
	return NULL;
}

void test_linebreak(void)
{
	nq_diags d;
	nq_fontset fs;
	nq_arena *a = setup(&fs, &d);
	if (!a)
		return;
	const float em = 10.5f;

	/* Every measure from 10 to 42 em, with and without the 2 em indent:
	 * dozens of different break positions, all must obey CLREQ. */
	int total_bad = 0, paras = 0;
	size_t maxlines = 0;
	for (int m = 10; m <= 42; m++) {
		for (int ind = 0; ind <= 2; ind += 2) {
			char label[64];
			snprintf(label, sizeof label, "measure %d em indent %d", m, ind);
			nq_para_lines *pl = brk(a, &fs, para, (float)m * em, (float)ind * em, &d);
			int b = check_lines(pl, label);
			if (b) {
				/* Show the whole paragraph: the failure needs context. */
				nq_buf db = { .a = a };
				nq_lines_dump(pl, &db);
				fputs(nq_buf_cstr(&db), stderr);
			}
			total_bad += b;
			paras++;
			if (pl->nlines > maxlines)
				maxlines = pl->nlines;
		}
	}
	NQ_INT_EQ(paras, 66);
	NQ_INT_EQ(total_bad, 0);
	NQ_OK(maxlines > 10);
	NQ_INT_EQ(d.warnings, 0);

	/* A 10,000-character paragraph: the active list stays about a line's
	 * worth of breaks (so the work is linear, not quadratic), and every
	 * line still obeys CLREQ. */
	{
		nq_buf big = { .a = a };
		for (int k = 0; k < 10000 / (int)(sizeof para / 3); k++)
			nq_buf_puts(&big, para);
		const char *s = nq_buf_cstr(&big);
		nq_para_lines *bp = brk(a, &fs, s, 42 * em, 2 * em, &d);
		NQ_OK(strlen(s) / 3 > 10000 - 200);
		NQ_OK(bp->nlines > 200);
		NQ_CHECK_(bp->max_active < 120, "max active breakpoints %zu", bp->max_active);
		NQ_INT_EQ(check_lines(bp, "10000 chars"), 0);
	}

	/* A measure of exactly 10 em of ideographs: one full line, no more. */
	nq_para_lines *pl = brk(a, &fs, "一二三四五六七八九十", 10 * em, 0, &d);
	NQ_INT_EQ(pl->nlines, 1);
	NQ_OK(fabsf(pl->lines[0].width - 10 * em) < 0.01f);
	pl = brk(a, &fs, "一二三四五六七八九十一二三", 10 * em, 0, &d);
	NQ_INT_EQ(pl->nlines, 2);
	NQ_INT_EQ(pl->lines[0].a1 - pl->lines[0].a0, 10);

	/* ，must not start the second line: 九 moves down with it. */
	pl = brk(a, &fs, "一二三四五六七八九十，一二三", 10 * em, 0, &d);
	NQ_INT_EQ(check_lines(pl, "comma at the edge"), 0);
	NQ_OK(pl->nlines == 2 && pl->atoms[pl->lines[1].a0].cp != 0xFF0C);

	/* “ must not end the first line. */
	pl = brk(a, &fs, "一二三四五六七八九“十一”二三", 10 * em, 0, &d);
	NQ_INT_EQ(check_lines(pl, "quote at the edge"), 0);
	NQ_OK(pl->nlines == 2 && pl->atoms[pl->lines[0].a1 - 1].cp != 0x201C);

	/* The Han–Latin gap is ¼ em, and a typed space there is absorbed. */
	pl = brk(a, &fs, "中A", 10 * em, 0, &d);
	NQ_INT_EQ(pl->natoms, 2);
	NQ_OK(fabsf(pl->atoms[0].gw - 0.25f * em) < 0.001f);
	NQ_CHECK_(fabsf(pl->atoms[0].gw - 0.25f * em) < 0.001f, "gw %.4f", pl->atoms[0].gw);
	pl = brk(a, &fs, "A中", 10 * em, 0, &d);
	NQ_OK(pl->natoms == 2 && fabsf(pl->atoms[0].gw - 0.25f * em) < 0.001f);
	pl = brk(a, &fs, "中 A", 10 * em, 0, &d);
	NQ_INT_EQ(pl->natoms, 2);
	NQ_OK(fabsf(pl->atoms[0].gw - 0.25f * em) < 0.001f);
	NQ_INT_EQ(pl->atoms[0].space_gid, 0);
	/* A space between Latin words is kept (natural width > 0). */
	pl = brk(a, &fs, "AI Agent", 10 * em, 0, &d);
	NQ_OK(pl->natoms >= 2 && pl->atoms[1].space_gid != 0 && pl->atoms[1].gw > 0);
	/* Between ideographs: no gap at all. */
	pl = brk(a, &fs, "中文", 10 * em, 0, &d);
	NQ_OK(pl->natoms == 2 && fabsf(pl->atoms[0].gw) < 0.001f);
	/* —— is one unit with no gap and no break inside. */
	pl = brk(a, &fs, "中——文", 10 * em, 0, &d);
	if (pl->natoms == 3) {
		/* HarfBuzz made the pair one cluster: one atom of both dashes. */
		NQ_INT_EQ(pl->atoms[1].end - pl->atoms[1].start, 6);
	} else {
		NQ_INT_EQ(pl->natoms, 4);
		NQ_OK(!pl->atoms[1].brk && fabsf(pl->atoms[1].gw) < 0.001f);
	}
	NQ_OK(!pl->atoms[0].brk); /* —— does not start a line either */
	/* Adjacent marks compress: ）》 together are 1.5 em, not 2. */
	pl = brk(a, &fs, "中）》文", 40 * em, 0, &d);
	NQ_INT_EQ(pl->nlines, 1);
	NQ_OK(fabsf(pl->lines[0].width - 3.5f * em) < 0.01f);
	NQ_CHECK_(fabsf(pl->lines[0].width - 3.5f * em) < 0.01f, "中）》文 is %.3f pt", pl->lines[0].width);
	/* A mark at the paragraph end loses its blank half. */
	pl = brk(a, &fs, "中文。", 40 * em, 0, &d);
	NQ_OK(fabsf(pl->lines[0].width - 2.5f * em) < 0.01f);
	NQ_INT_EQ(d.warnings, 0);

	nq_fonts_free(&fs);
	nq_arena_free(a);
}

/* The breaker skips the candidate lines that no later node can win with
 * (breaker.c, the cut).  Random paragraphs of ideographs, marks, Latin
 * words, numbers, URLs, citations and spaces, at many measures, broken with
 * and without the cut, must give the same lines. */
void test_linebreak_cut(void)
{
	nq_diags d;
	nq_fontset fs;
	nq_arena *a = setup(&fs, &d);
	if (!a)
		return;
	static const char *const pieces[] = {
		"新", "质", "生", "产", "力", "发", "展", "的", "数", "据", "中", "心", "，", "。", "、",
		"；", "：", "“", "”", "《", "》", "（", "）", "——", "……", "AI", "GPU", "RISC-V",
		"DeepSeek-V3", "IEEE Spectrum", "2026", "14.26", "3.2%", "−20°C", "[1]", "[2,3]",
		"https://example.com/a/b_c?d=1&e=2", " ", "年", "月", "日",
	};
	const size_t np = sizeof pieces / sizeof pieces[0];
	const float em = 10.5f;
	unsigned long r = 12345;
	int paras = 0, differ = 0;
	long lines = 0;
	for (int i = 0; i < 60; i++) {
		nq_buf b = { .a = a };
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		int n = 20 + (int)((r >> 33) % 300);
		for (int k = 0; k < n; k++) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			unsigned long x = (r >> 33) % 100;
			/* Mostly ideographs, as in a briefing. */
			const char *pc = x < 60 ? pieces[x % 11] : pieces[(r >> 40) % np];
			nq_buf_put(&b, pc, strlen(pc));
		}
		const char *text = nq_buf_cstr(&b);
		for (int m = 12; m <= 42; m += 5) {
			nq_para_lines *cut = brk(a, &fs, text, (float)m * em, 2 * em, &d);
			nq_linebreak_exhaustive = true;
			nq_para_lines *all = brk(a, &fs, text, (float)m * em, 2 * em, &d);
			nq_linebreak_exhaustive = false;
			bool same = cut->nlines == all->nlines;
			for (size_t l = 0; same && l < cut->nlines; l++)
				same = cut->lines[l].a0 == all->lines[l].a0 && cut->lines[l].a1 == all->lines[l].a1;
			if (!same && differ++ < 3)
				fprintf(stderr, "cut changed the breaks at %d em: %s\n", m, text);
			paras++;
			lines += (long)all->nlines;
		}
	}
	NQ_INT_EQ(paras, 420);
	NQ_INT_EQ(differ, 0);
	NQ_OK(lines > 2000); /* the paragraphs broke, at many places */
	nq_fonts_free(&fs);
	nq_arena_free(a);
}
