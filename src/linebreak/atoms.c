/*
 * atoms.c - styled paragraph text in, atoms and gaps out (see linebreak.h).
 *
 * Shapes each run (one style, one script) with HarfBuzz, turns every cluster
 * into an atom, then decides each gap from the classes on its two sides:
 * CLREQ §3.2 (punctuation width adjustment) for the blank halves of marks,
 * CLREQ §3.4.2 (mixed text) for the ¼ em Han–Latin space, and §3.1.7.1 for
 * which gaps may break.  Breaking and justifying are left to breaker.c.
 */
#include <math.h>
#include <string.h>

#include "linebreak.h"
#include "util/util.h"

/* CLREQ §3.4.2: "up to ¼ em" between Han and Latin letters or digits; it may
 * shrink to ⅛ em (§3.8 reduction, step 4).  It has no stretch of its own:
 * it widens only with the ideograph gaps, by the same amount each, so the
 * Han–Latin gaps of a paragraph stay at ¼ em unless nothing else can take
 * the slack (CLREQ's "all gaps equally", its last expansion step). */
#define HL_GAP (1.0f / 4)
#define HL_SHRINK (1.0f / 8)
/* Latin inter-word space: natural is the font's space; CLREQ §3.8 lets it
 * shrink to ¼ em and stretch to ½ em. */
#define SP_MIN (1.0f / 4)
#define SP_MAX (1.0f / 2)
/* URL gaps: a hair of letter-spacing so a broken URL line can justify
 * without visible holes; breaks after / . _ ? & = and before - cost a little. */
#define URL_STRETCH 0.04f
#define URL_PENALTY 30
/* Before "-" only when no / . _ ? & = break will do: the Chicago Manual of
 * Style (14.18) breaks before a hyphen, but a line ending next to one is
 * read as a hyphenated word more easily than one ending in a slash. */
#define URL_HYPHEN_PENALTY 250
/* Inside a word of a URL, where CMOS 14.18 never breaks: the last resort.
 * A long run of letters and digits (a hash, an id: no word to split)
 * costs about 0.027 em of added spacing on one line ((10 + 2000)^2
 * demerits); any other word about 0.034 em ((10 + 4000)^2), a little
 * short of the 0.05 em --report names.  At 1500 (0.025 em) the breaker
 * split "Detai|l?Id=", "ASM|L" and "wordpres|s" where a break after ?
 * or / needed 0.02-0.03 em (real-text trial 3). */
#define URL_HARD_PENALTY 2000
#define URL_ANY_PENALTY 4000
/* Inside a label of the host: only over about 0.06 em of added spacing
 * ((10 + 20000)^2 demerits), where pdftotext begins to read spaces. */
#define URL_HOST_PENALTY 20000
/* The last piece of a wrapped URL holds at least this many characters:
 * "html" or "-05" alone on a line reads as litter, not as an address. */
#define URL_MIN_TAIL 6
/* A break between a number and the Chinese unit after it (13|亿, 2026|年)
 * is allowed, as in Chinese books, but never free: it costs as much as
 * about 0.01 em of added space between the ideographs of one line
 * (breaker.c: (10 + 100)^2 demerits), so the breaker takes it only when it
 * spares the paragraph more than that. */
#define NUMBER_UNIT_PENALTY 100
/* A typed space between a number and its unit (148 TFLOPS, 5 nm) breaks
 * only where keeping them together would add more than about 0.022 em
 * between the ideographs of the line before ((10 + 1000)^2 demerits). */
#define UNIT_SPACE_PENALTY 1000
/* A date nqpdf formats breaks only after 年 or 月, and dearer still: about
 * 0.015 em of added spacing on one line ((10 + 300)^2 demerits). */
#define KEEP_DATE_PENALTY 300
/* A document number (发文字号, GB/T 9704-2012 §7.2.4: 国发〔2025〕11号) is
 * an identifier, not a number and its unit: it parts after its year or
 * before its 号 only where keeping it whole would add more than about
 * 0.034 em between the ideographs of a line ((10 + 4000)^2, as a break
 * inside a URL's word, URL_ANY_PENALTY).  One em moved from a 40 em line
 * is 0.025 em a gap, so a cheaper price never kept one whole; "国发
 * 〔2025〕|11号" was a free break. */
#define DOC_NUMBER_PENALTY 4000
/* A citation mark may begin a line (UAX #14 allows ID ÷ OP; xeCJK breaks
 * at every Han–Latin boundary), but it reads as part of the words before
 * it: about 0.02 em of added spacing on one line ((10 + 500)^2). */
#define CITE_PENALTY 500
/* A break after a compound's hyphen (compound_hyphen): TeX's
 * \exhyphenpenalty is 50; dearer here, as the hyphen also reads as a
 * Latin word split in Chinese text. */
#define HYPHEN_PENALTY 100

void nq_text_span(nq_arena *a, nq_text *t, uint32_t start, uint32_t end, nq_style st)
{
	if (end <= start)
		return;
	nq_tspan *s = NQ_PUSH(a, t->spans, t->nspans, t->cap);
	s->start = start;
	s->end = end;
	s->st = st;
}

static bool latin_script(int32_t cp)
{
	return nq_clreq_class(cp) == NQ_CL_LATIN && cp < 0x2000;
}

/* 。．？！: CLREQ §3.8 compresses these last, after the Han–Latin gaps. */
static bool full_stop(int32_t cp)
{
	return cp == 0x3002 || cp == 0xFF0E || cp == 0xFF1F || cp == 0xFF01;
}

/* Squeezed last with 。？！: those, and the colon ：, which CLREQ §3.8 does not
 * list.  A colon closes a label (日期：, 链接：) that recurs on neighbouring
 * lines, where one squeezed among full ones shows at once. */
static bool squeeze_last(int32_t cp)
{
	return full_stop(cp) || cp == 0xFF1A;
}

/* The atom's last character (a Latin run's: "13.8" ends in 8). */
static int32_t last_cp(const nq_text *t, const nq_atom *at)
{
	size_t q = at->start;
	int32_t last = at->cp;
	while (q < at->end)
		last = nq_utf8_next(t->text, t->len, &q);
	return last;
}

/* Vulgar fractions (½ ¼ ¾, ⅓ ... ⅞): numbers, so the Han–Latin gap goes
 * before "标普500的½" as before "的1/8" (real-text trial 5). */
static bool number_form(int32_t cp)
{
	return (cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2150 && cp <= 0x215F);
}

/* A sign that opens a number: "-10℃", "+3.2%", "−5", "±0.1" after an
 * ideograph take the Han–Latin gap a digit would (温度为 -10℃ 至 40℃;
 * real-text trial 5 had none before the minus and ¼ em before the 4). */
static bool number_sign(const nq_para_lines *pl, size_t i)
{
	int32_t c = pl->atoms[i].cp;
	return (c == '-' || c == '+' || c == 0x2212 || c == 0xB1) && i + 1 < pl->natoms &&
	       pl->atoms[i + 1].cp >= '0' && pl->atoms[i + 1].cp <= '9';
}

/* Latin letters and digits, superscript and subscript digits and signs
 * among them (m², Li⁺, LiFePO₄: the Han–Latin gap follows them too,
 * real-text trial 4). */
static bool alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) || cp == 0xB2 || cp == 0xB3 ||
	       cp == 0xB9 || (cp >= 0x2070 && cp <= 0x209C) || number_form(cp);
}

static bool letter(int32_t cp)
{
	return alnum(cp) && !(cp >= '0' && cp <= '9');
}

/* A unit symbol a middle dot joins (kW·h, N·m, Pa·s, t·km): the run of
 * letters from atom i on in direction dir (-1 or +1) has 1 to UNIT_SYMBOL
 * of them.  Longer words are names or a list (Jean·Paul,
 * OpenAI·Anthropic·Google), which part after the dot as Han names do. */
#define UNIT_SYMBOL 3
static bool unit_symbol(const nq_text *t, const nq_para_lines *pl, size_t i, int dir)
{
	size_t n = 0;
	for (; i < pl->natoms && n <= UNIT_SYMBOL; i += (size_t)dir) {
		const nq_atom *at = &pl->atoms[i];
		if (at->cls != NQ_CL_LATIN || !letter(at->cp) || !letter(last_cp(t, at)))
			break;
		n++;
		if (i == 0)
			break;
	}
	return n >= 1 && n <= UNIT_SYMBOL;
}

/* Atom i is a letter standing alone, a word of one letter: B in B轮. */
static bool lone_letter(const nq_para_lines *pl, size_t i)
{
	const nq_atom *l = &pl->atoms[i];
	if (l->end - l->start != 1 || !letter(l->cp))
		return false;
	return i == 0 || pl->atoms[i - 1].cls != NQ_CL_LATIN || !alnum(pl->atoms[i - 1].cp);
}

/* 发文字号 (GB/T 9704-2012 §7.2.4): 机关代字, the year in 六角括号 〔〕,
 * the serial number and 号, as in 国发〔2025〕11号: one identifier.  Atom
 * i ends a run of digits that opens right after 〕. */
static bool doc_serial(const nq_para_lines *pl, size_t i)
{
	size_t j = i + 1;
	while (j > 0 && pl->atoms[j - 1].cp >= '0' && pl->atoms[j - 1].cp <= '9')
		j--;
	return j <= i && j > 0 && pl->atoms[j - 1].cp == 0x3015;
}

/* A URL starting at atom i has a scheme: "://" within its first 12
 * characters (https, ftp, mailto-less schemes of a briefing). */
static bool has_scheme(const nq_para_lines *pl, size_t i)
{
	for (size_t j = i; j + 2 < pl->natoms && j < i + 12; j++)
		if (pl->atoms[j].cp == ':' && pl->atoms[j + 1].cp == '/' && pl->atoms[j + 2].cp == '/')
			return true;
	return false;
}

/* A break after the hyphen of a compound Latin name (DeepSeek-|V3.2,
 * V3.2-|Speciale, all-solid-|state; UAX #14 HY): a letter or digit before
 * it, a letter and then one more letter or digit after it, so "GPT-5",
 * "5G-A", "-20°C" and ISO dates (2026-05-08) stay whole; and a word of at
 * most COMPOUND_PART characters after it, so a checksum or base64 run
 * (sha256-Qm9v…) stays one block.  Else a 22-letter name such as
 * DeepSeek-V3.2-Speciale squeezes or spaces out the line before it. */
#define COMPOUND_PART 16
static bool compound_hyphen(const nq_para_lines *pl, size_t i)
{
	const nq_atom *at = pl->atoms;
	if (at[i].cp != '-' || i < 2 || i + 2 >= pl->natoms)
		return false;
	if (!alnum(at[i - 1].cp) || at[i - 2].cls != NQ_CL_LATIN || !letter(at[i + 1].cp) ||
	    !alnum(at[i + 2].cp))
		return false;
	size_t k = i + 1;
	while (k < pl->natoms && at[k].cls == NQ_CL_LATIN && alnum(at[k].cp) && at[k].span == at[i].span)
		k++;
	return k - (i + 1) <= COMPOUND_PART;
}

/* A solidus between two long Latin words (300750.SZ/3750.HK, input/output)
 * may end a line, at a compound hyphen's price: "（300750.SZ/3750.HK）"
 * whole letter-spaced a B5 line by 0.19 em (real-text trial 5).  Not in
 * units and short pairs (km/h, kW·h, TCP/IP, and/or): SLASH_PART letters,
 * digits or dots a side at least. */
#define SLASH_PART 4
static bool latin_slash(const nq_para_lines *pl, size_t i)
{
	const nq_atom *at = pl->atoms;
	if (at[i].cp != '/')
		return false;
	size_t before = 0, after = 0;
	for (size_t k = i; k > 0 && at[k - 1].cls == NQ_CL_LATIN && (alnum(at[k - 1].cp) || at[k - 1].cp == '.') &&
	                   before < SLASH_PART; k--)
		before++;
	for (size_t k = i + 1; k < pl->natoms && at[k].cls == NQ_CL_LATIN && (alnum(at[k].cp) || at[k].cp == '.') &&
	                       after < SLASH_PART; k++)
		after++;
	return before >= SLASH_PART && after >= SLASH_PART;
}

/* Blank on each side of a full-width mark, from its ink extents: the font
 * decides (Noto SC sets ，。 left, （《“ right), so no region table is needed. */
static void blanks(const nq_font *f, const nq_glyph *g, float em, float *left, float *right)
{
	hb_glyph_extents_t ext;
	*left = *right = 0;
	if (!hb_font_get_glyph_extents(f->font, g->gid, &ext))
		return;
	float adv = g->adv, x0 = (float)ext.x_bearing, x1 = (float)(ext.x_bearing + ext.width);
	if (adv < 0.9f * (float)f->upem)
		return; /* a proportional glyph: nothing to compress */
	float half = adv / 2, slack = 0.06f * (float)f->upem;
	float scale = em / (float)f->upem;
	if (x1 <= half + slack)
		*right = half * scale;
	else if (x0 >= half - slack)
		*left = half * scale;
	else if (x1 - x0 <= half + slack) {
		*left = *right = half / 2 * scale;
	}
}

/* A run with no legal break that is wider than the narrowest line (a
 * 120-letter token, a checksum, a German compound) would be set overfull
 * and run past the paper's edge, where its end is lost.  Every gap inside
 * it becomes a break of last resort (NQ_EMERGENCY_PENALTY, what a
 * browser's overflow-wrap: anywhere does); breaker.c warns where one is
 * taken. */
static void emergency_breaks(nq_para_lines *pl)
{
	const nq_text *t = pl->in;
	float narrow = t->width - (t->indent > t->hang ? t->indent : t->hang);
	size_t s = 0;
	float w = 0;
	for (size_t i = 0; i < pl->natoms; i++) {
		w += pl->atoms[i].w;
		bool end = i + 1 == pl->natoms || pl->atoms[i].brk;
		if (!end) {
			w += pl->atoms[i].gw;
			continue;
		}
		if (w > narrow + 0.01f)
			for (size_t k = s; k < i; k++) {
				pl->atoms[k].brk = true;
				pl->atoms[k].pen = NQ_EMERGENCY_PENALTY;
			}
		s = i + 1;
		w = 0;
	}
}

nq_para_lines *nq_linebreak_atoms(nq_arena *a, const nq_text *t, const nq_fontset *fs)
{
	nq_para_lines *pl = NQ_NEW(a, nq_para_lines);
	pl->in = t;
	nq_kinsoku level = t->kinsoku ? t->kinsoku : NQ_KINSOKU_STRICT;
	nq_punct punct = t->punct ? t->punct : NQ_PUNCT_QUANJIAO;
	/* One atom and about one glyph per character: sized once, so the
	 * arena does not keep every outgrown copy of a long paragraph. */
	size_t nch = 0;
	for (size_t i = 0; i < t->len; nch++)
		nq_utf8_next(t->text, t->len, &i);
	pl->capa = pl->capg = nch + 8;
	pl->atoms = NQ_NEWN(a, nq_atom, pl->capa);
	pl->glyphs = NQ_NEWN(a, nq_glyph, pl->capg);
	/* 1. Shape runs: a span split where the script changes, or the face
	 * (the style's own, or the fallback chain's for characters it lacks:
	 * shape/fallback.c, docs/fonts.md). */
	for (size_t s = 0; s < t->nspans; s++) {
		const nq_tspan *sp = &t->spans[s];
		size_t i = sp->start;
		int face = -1;
		while (i < sp->end) {
			size_t run = i, k = i;
			int32_t cp = nq_utf8_next(t->text, t->len, &k);
			bool lat = latin_script(cp) || cp == ' ' ||
			           (nq_clreq_ambiguous_quote(cp) && nq_clreq_latin_quote(t->text, t->len, i));
			face = nq_font_for(fs, sp->st.font, face, cp, t->path, t->offset);
			size_t j = k;
			while (j < sp->end) {
				size_t m = j;
				int32_t c2 = nq_utf8_next(t->text, t->len, &m);
				bool l2 = latin_script(c2) || (c2 == ' ' && lat) ||
				          (nq_clreq_ambiguous_quote(c2) && nq_clreq_latin_quote(t->text, t->len, j));
				if (l2 != lat ||
				    (int)nq_font_for(fs, sp->st.font, face, c2, t->path, t->offset) != face)
					break;
				j = m;
			}
			const nq_font *f = &fs->f[face];
			size_t g0 = pl->nglyphs;
			nq_shape(a, f, t->text, t->len, run, j - run, lat, &pl->glyphs, &pl->nglyphs, &pl->capg);
			/* 2. Clusters become atoms. */
			for (size_t g = g0; g < pl->nglyphs;) {
				size_t ge = g + 1;
				while (ge < pl->nglyphs && pl->glyphs[ge].cluster == pl->glyphs[g].cluster)
					ge++;
				uint32_t cs = pl->glyphs[g].cluster;
				uint32_t ce = ge < pl->nglyphs ? pl->glyphs[ge].cluster : (uint32_t)j;
				size_t q = cs;
				nq_atom *at = NQ_PUSH(a, pl->atoms, pl->natoms, pl->capa);
				at->start = cs;
				at->end = ce;
				at->cp = nq_utf8_next(t->text, t->len, &q);
				at->cls = (uint8_t)nq_clreq_class_at(t->text, t->len, cs);
				at->span = (uint16_t)s;
				at->font = (nq_font_id)face;
				at->g0 = (uint32_t)g;
				at->ng = (uint32_t)(ge - g);
				float scale = sp->st.size / (float)f->upem, w = 0;
				for (size_t k2 = g; k2 < ge; k2++)
					w += (float)pl->glyphs[k2].adv * scale;
				/* Kerning with what follows ("2/", "/A") belongs
				 * to the gap: at a break it must go, or the glyph
				 * before the break inks past the measure. */
				if (at->cls == NQ_CL_LATIN) {
					float own = 0;
					for (size_t k2 = g; k2 < ge; k2++)
						own += (float)hb_font_get_glyph_h_advance(f->font, pl->glyphs[k2].gid) * scale;
					at->kern = w - own;
					w = own;
				}
				at->w = w;
				/* The last character of a cluster decides what may
				 * follow it (a ligature ends as its last char). */
				int32_t last = at->cp;
				for (size_t q2 = q; q2 < ce;)
					last = nq_utf8_next(t->text, t->len, &q2);
				at->no_start = nq_clreq_no_start(at->cp, level);
				at->no_end = nq_clreq_no_end(last, level);
				g = ge;
			}
			i = j;
		}
	}

	/* 3. Marks give their blank halves to the gaps; spaces become gaps.
	 * The per-atom scratch (blanks, space widths, URL tails) dies with
	 * this call: a scratch arena keeps it out of the run's, which holds
	 * every paragraph to the end (10 MB of a 200-page issue). */
	nq_arena *tmp = nq_arena_new();
	size_t w = 0;
	float *lblank = NQ_NEWN(tmp, float, pl->natoms + 1);
	float *rblank = NQ_NEWN(tmp, float, pl->natoms + 1);
	float *spw = NQ_NEWN(tmp, float, pl->natoms + 1);
	bool *ideo_sp = NQ_NEWN(tmp, bool, pl->natoms + 1); /* that space is U+3000 */
	for (size_t i = 0; i < pl->natoms; i++) {
		nq_atom at = pl->atoms[i];
		const nq_style *st = &t->spans[at.span].st;
		const nq_font *f = &fs->f[at.font];
		if (at.cls == NQ_CL_SPACE) {
			/* A typed space: a gap after the previous atom.  Leading
			 * spaces and runs of spaces collapse. */
			if (w > 0 && spw[w - 1] && at.cp == 0x3000) {
				/* Ideographic spaces add up ("　　" between the
				 * producers and the date is 2 em). */
				spw[w - 1] += st->size;
			} else if (w > 0 && !spw[w - 1]) {
				float em = st->size;
				float adv = at.w;
				if (at.cp == 0x3000)
					adv = em; /* an ideographic space is kept whole */
				ideo_sp[w - 1] = at.cp == 0x3000;
				spw[w - 1] = adv > 0 ? adv : em / 4;
				pl->atoms[w - 1].space_gid = pl->glyphs[at.g0].gid;
				pl->atoms[w - 1].space_font = at.font;
				pl->atoms[w - 1].space_size = st->size;
			}
			continue;
		}
		lblank[w] = rblank[w] = 0;
		if (nq_cl_mark(at.cls) && at.ng == 1)
			blanks(f, &pl->glyphs[at.g0], st->size, &lblank[w], &rblank[w]);
		at.w -= lblank[w] + rblank[w];
		at.lead = lblank[w];
		/* 半角式 drops every blank half, 开明式 all but those of 。？！
		 * (xeCJK's PunctStyle banjiao and kaiming): the mark is its
		 * inked half, with no blank for the gaps. */
		if (punct == NQ_PUNCT_BANJIAO || (punct == NQ_PUNCT_KAIMING && !full_stop(at.cp)))
			lblank[w] = rblank[w] = 0;
		pl->atoms[w] = at;
		spw[w] = 0;
		ideo_sp[w] = false;
		w++;
	}
	pl->natoms = w;
	/* 开明式 keeps the blank half of 。？！, but a pair of marks still
	 * compresses (CLREQ §3.2.2): before a closing mark or another stop,
	 * whose blanks 开明式 dropped, the stop hands its blank on, so 。”
	 * sets as 。” and ½ em, as in 全角式, not 。, ½ em, ”. */
	if (punct == NQ_PUNCT_KAIMING)
		for (size_t i = 0; i + 1 < pl->natoms; i++)
			if (rblank[i] > 0 && !spw[i] && !lblank[i + 1] && !rblank[i + 1] &&
			    (pl->atoms[i + 1].cls == NQ_CL_CLOSE || pl->atoms[i + 1].cls == NQ_CL_STOP)) {
				rblank[i + 1] = rblank[i];
				rblank[i] = 0;
			}

	/* URL characters after each atom, to its URL's end (URL_MIN_TAIL). */
	uint32_t *tail = NQ_NEWN(tmp, uint32_t, pl->natoms + 1);
	for (size_t i = pl->natoms; i-- > 0;) {
		const nq_style *s0 = &t->spans[pl->atoms[i].span].st;
		bool next = i + 1 < pl->natoms && s0->url &&
		            t->spans[pl->atoms[i + 1].span].st.url &&
		            t->spans[pl->atoms[i + 1].span].st.uri == s0->uri;
		tail[i] = next ? tail[i + 1] + 1 : 0;
	}

	/* Where each URL character stands: 0 in the scheme ("https://"), 1
	 * in the host (to the first / ? #), 2 after; pct: 1 or 2 for the
	 * hex digits of a %XX escape.  Scratch, like tail. */
	uint8_t *upart = NQ_NEWN(tmp, uint8_t, pl->natoms + 1);
	uint8_t *pct = NQ_NEWN(tmp, uint8_t, pl->natoms + 1);
	for (size_t i = 0; i < pl->natoms; i++) {
		const nq_style *si = &t->spans[pl->atoms[i].span].st;
		if (!si->url)
			continue;
		if (i == 0 || !t->spans[pl->atoms[i - 1].span].st.url ||
		    t->spans[pl->atoms[i - 1].span].st.uri != si->uri) {
			/* A URL with no "://" (www.example.cn/...) starts in
			 * its host. */
			upart[i] = has_scheme(pl, i) ? 0 : 1;
			continue;
		}
		int32_t c = pl->atoms[i].cp;
		upart[i] = upart[i - 1];
		/* "://" ends the scheme: the character after the second
		 * slash begins the host. */
		if (upart[i] == 0 && i >= 3 && pl->atoms[i - 1].cp == '/' && pl->atoms[i - 2].cp == '/' &&
		    pl->atoms[i - 3].cp == ':')
			upart[i] = 1;
		if (upart[i] == 1 && (c == '/' || c == '?' || c == '#'))
			upart[i] = 2;
		if (pl->atoms[i - 1].cp == '%' || pct[i - 1] == 1)
			pct[i] = pct[i - 1] + 1;
	}

	/* 4. Each gap from its two sides. */
	for (size_t i = 0; i < pl->natoms; i++) {
		nq_atom *l = &pl->atoms[i];
		const nq_style *ls = &t->spans[l->span].st;
		float em = ls->size;
		if (i + 1 == pl->natoms) {
			/* The paragraph end: the mark's blank half is dropped
			 * like at any line end (GB/T 15834 §5.1.10). */
			l->gw = l->gst = l->gsh = 0;
			l->brk = false;
			l->space_gid = 0;
			continue;
		}
		nq_atom *r = &pl->atoms[i + 1];
		const nq_style *rs = &t->spans[r->span].st;
		/* CLREQ §3.2.2: adjacent marks share one blank half.  Facing
		 * blanks (”“, ，“) merge into ½ em; blanks on the same side
		 * (）》, 。”, “《) leave none between the inks: 1.5 em a pair. */
		bool both = rblank[i] + lblank[i] > 0 && rblank[i + 1] + lblank[i + 1] > 0;
		float blank = both ? (rblank[i] < lblank[i + 1] ? rblank[i] : lblank[i + 1])
		                   : (rblank[i] > lblank[i + 1] ? rblank[i] : lblank[i + 1]);
		/* The Han side of a Han–Latin gap is an ideograph or kana
		 * (CLREQ §3.4.2: 汉字与西文字母、数字): "AI＋", "5％" take none. */
		bool lh = l->cls == NQ_CL_HAN && nq_clreq_ideograph(l->cp);
		bool rh = r->cls == NQ_CL_HAN && nq_clreq_ideograph(r->cp);
		/* A Latin word ending in a letter/digit: look at its last char. */
		int32_t last = l->cls == NQ_CL_LATIN ? last_cp(t, l) : l->cp;
		bool ldigit = l->cls == NQ_CL_LATIN && last >= '0' && last <= '9';
		bool la = l->cls == NQ_CL_LATIN && alnum(last),
		     ra = r->cls == NQ_CL_LATIN && (alnum(r->cp) || (lh && number_sign(pl, i + 1)));
		/* Two addresses one after the other ("https://a.cn/1
		 * https://b.cn/2"): the typed space between them is a space,
		 * not a URL gap of no width that ran them together. */
		bool url = ls->url && rs->url && ls->uri == rs->uri;
		nq_gap k;
		l->brk = !l->no_end && !r->no_start;
		l->pen = 0;
		/* kW·h, N·m: a middle dot between unit symbols joins a
		 * compound unit (GB 3101 §3.2.2), no break after it; between
		 * longer words it is a name's or a list's (Jean·Paul,
		 * OpenAI·Anthropic), which may part after it. */
		if (l->cp == 0xB7 && i > 0 && pl->atoms[i - 1].cls == NQ_CL_LATIN &&
		    unit_symbol(t, pl, i - 1, -1) && unit_symbol(t, pl, i + 1, 1))
			l->brk = false;
		if (url) {
			/* Break after / . - _ ? & = # (not inside "://" or
			 * "//"), never with an added hyphen. */
			int32_t c = l->cp;
			k = NQ_GAP_URL;
			l->gw = 0;
			l->gst = URL_STRETCH * em;
			l->gsh = 0;
			bool after = strchr("/.?&=#~+", (char)c) && c < 128;
			/* Before a hyphen, never after it: a line ending in
			 * "-" reads as a hyphenated word, and pdftotext
			 * joins it without the "-", breaking copied URLs.
			 * Before an underscore too (CMOS 14.18), whose ink
			 * reaches past its advance into the margin. */
			bool hyphen = r->cp == '-' && c != '-' && !after;
			if (hyphen || (r->cp == '_' && c != '_' && !after))
				after = true;
			/* A Chinese path is nothing but %E4%BA%8C...: it may
			 * break after a %, not before one (CMOS 14.18 would),
			 * since a line that starts with % reads as a percent
			 * sign parted from its number (JLREQ §3.1.10); never
			 * between an escape's two hex digits ("%B|A"). */
			if (c == '%')
				after = true;
			if (r->cp == '%')
				after = false; /* "tagValue=|%E6" started a line with % (trial 4) */
			if (c == '/' && r->cp == '/')
				after = false;
			if (c == ':' && r->cp == '/')
				after = false;
			l->brk = after && tail[i] >= URL_MIN_TAIL;
			l->pen = hyphen ? URL_HYPHEN_PENALTY : URL_PENALTY;
			/* The scheme and the host's labels are words: "ht|tps",
			 * "peopl|eweekly" read as typos.  The host breaks only
			 * after its dots (and before its hyphens); an escape
			 * never inside. */
			bool word_only = upart[i] < 2 || upart[i + 1] < 2 || pct[i] == 1;
			if (!after && alnum(c) && alnum(r->cp) && !word_only) {
				/* Long alphanumeric runs (hashes, ids) may
				 * break anywhere, at a price (after Typst's
				 * linebreak_link). */
				size_t run = 0;
				for (size_t b = i; b > 0 && run < 8 && alnum(pl->atoms[b].cp) && t->spans[pl->atoms[b].span].st.url; b--)
					run++;
				if (run >= 8 && tail[i] >= URL_MIN_TAIL) {
					l->brk = true;
					l->pen = URL_HARD_PENALTY;
				}
			}
			/* Anywhere else between two letters or digits, at the
			 * highest price (LaTeX's xurl): a URL of few break
			 * points otherwise forces the lines before it to set
			 * their Han–Latin gaps at ⅛ em or letter-space. */
			if (!l->brk && !word_only && alnum(c) && alnum(r->cp) && tail[i] >= URL_MIN_TAIL &&
			    i > 0 && t->spans[pl->atoms[i - 1].span].st.url) {
				l->brk = true;
				l->pen = URL_ANY_PENALTY;
			}
			/* Inside a host's label only where nothing else will do:
			 * "https://blog.|youkuaiyun.com" letter-spaced its line by
			 * 0.23 em, which also reads as spaces in pdftotext (real-
			 * text trial 4).  Three letters a side at least. */
			if (!l->brk && upart[i] == 1 && upart[i + 1] == 1 && alnum(c) && alnum(r->cp) &&
			    tail[i] >= URL_MIN_TAIL && i >= 3 && alnum(pl->atoms[i - 1].cp) && alnum(pl->atoms[i - 2].cp) &&
			    i + 3 < pl->natoms && alnum(pl->atoms[i + 2].cp) && alnum(pl->atoms[i + 3].cp) &&
			    t->spans[pl->atoms[i - 2].span].st.url && t->spans[pl->atoms[i + 3].span].st.url) {
				l->brk = true;
				l->pen = URL_HOST_PENALTY;
			}
			l->space_gid = 0;
		} else if (spw[i] && (ideo_sp[i] || (!(lh && ra) && !(la && rh)))) {
			/* (U+3000 between Han and Latin is the editor's 1 em,
			 * not absorbed into the ¼ em Han–Latin gap.) */
			k = NQ_GAP_SPACE;
			l->sq = NQ_SQ_SPACE;
			l->gw = spw[i];
			float mx = SP_MAX * em, mn = SP_MIN * em;
			/* Only a space between Latin words stretches first: one
			 * typed after a label ("[1] 来源") or between Chinese
			 * words (改变 表现) widens with the ideograph gaps, else
			 * it soaks up a line's slack as a hole of ¾ em. */
			bool words = l->cls == NQ_CL_LATIN && r->cls == NQ_CL_LATIN && alnum(r->cp);
			l->gst = words && mx > l->gw ? mx - l->gw : 0;
			/* A number and its unit (66.60 μg/m³, 5 nm, 45 kW·h): one
			 * unit, as with no space typed (the SI Brochure, §5.4.3:
			 * the space does not stretch and the two do not part,
			 * here short of letter-spacing a line).  A
			 * name and its number (RTX 5090, Wi-Fi 7): the space
			 * stretches as between words but parts only at the
			 * number-unit price (real-text trial 4). */
			bool unit = l->cls == NQ_CL_LATIN && r->cls == NQ_CL_LATIN && !ls->url && !rs->url;
			bool runit = letter(r->cp) || r->cp == 0xB5 || r->cp == 0x3BC || r->cp == 0x2103;
			if (unit && ldigit && runit) {
				l->gst = 0;
				if (l->brk)
					l->pen = UNIT_SPACE_PENALTY;
			} else if (unit && letter(last) && r->cp >= '0' && r->cp <= '9') {
				if (l->brk)
					l->pen = NUMBER_UNIT_PENALTY;
			}
			l->gsh = l->gw > mn && !ideo_sp[i] ? l->gw - mn : 0; /* U+3000 is kept whole */
		} else if ((lh && ra) || (la && rh)) {
			/* CLREQ §3.4.2: ¼ em between Han and Latin letters or
			 * digits; a typed space there is absorbed. */
			k = NQ_GAP_HL;
			l->sq = NQ_SQ_HL;
			l->gw = HL_GAP * em;
			l->gst = 0;
			l->gsh = (HL_GAP - HL_SHRINK) * em;
			l->space_gid = 0;
			/* A number and its unit (13|亿), or a lone letter and the
			 * word it names (B|轮, A|股, C|端): one unit, parted at
			 * a price. */
			if (la && rh && l->brk && (ldigit || lone_letter(pl, i)))
				l->pen = NUMBER_UNIT_PENALTY;
		} else if (l->cls == NQ_CL_LATIN && r->cls == NQ_CL_LATIN) {
			/* Inside a Latin word or number: no break (JLREQ 3.1.10),
			 * except after the hyphen of a compound name. */
			k = NQ_GAP_NONE;
			l->gw = l->gst = l->gsh = 0;
			l->brk = compound_hyphen(pl, i) || latin_slash(pl, i);
			l->pen = l->brk ? HYPHEN_PENALTY : 0;
		} else if ((l->cls == NQ_CL_DASH && r->cls == NQ_CL_DASH) ||
		           (l->cls == NQ_CL_ELLIPSIS && r->cls == NQ_CL_ELLIPSIS)) {
			/* CLREQ §3.1.7.2: —— and …… are one unbreakable unit
			 * with no space inside. */
			k = NQ_GAP_NONE;
			l->gw = l->gst = l->gsh = 0;
			l->brk = false;
		} else {
			/* Ideographs and marks: stretchable, not shrinkable,
			 * except the marks' blank halves (CLREQ §3.2).  How
			 * much they stretch is breaker.c's business: evenly,
			 * and only after every other gap (CLREQ §3.8). */
			k = NQ_GAP_CJK;
			l->gw = blank;
			/* The fixed style never squeezes a mark to justify; a
			 * break still drops the blank at a line edge. */
			l->gsh = punct == NQ_PUNCT_FIXED ? 0 : blank;
			l->gst = 0;
			/* The blank belongs to the mark it came from, and
			 * that mark's class says when it may be squeezed. */
			const nq_atom *own = rblank[i] > 0 && rblank[i] == blank ? l : r;
			const nq_atom *other = own == l ? r : l;
			bool bracket = own->cls == NQ_CL_OPEN || own->cls == NQ_CL_CLOSE;
			l->sq = own->cls == NQ_CL_MIDDLE     ? NQ_SQ_MIDDLE
			      : bracket && nq_cl_mark(other->cls) ? NQ_SQ_BRACKET
			      : bracket                       ? NQ_SQ_BRACKET_LONE
			      : squeeze_last(own->cp)         ? NQ_SQ_LAST
			                                      : NQ_SQ_PAUSE;
			/* No added space inside a bracket's or quote's edge or
			 * around a middle dot, so a mark stays with its text and
			 * a compressed pair stays compressed (JLREQ §3.8.3).
			 * Before ，。、： a gap widens like any other: CLREQ §3.8
			 * ends with "all gaps equally", and the more gaps share
			 * a line's slack, the less any one of them shows. */
			l->rigid = l->cls == NQ_CL_OPEN || r->cls == NQ_CL_CLOSE ||
			           l->cls == NQ_CL_MIDDLE || r->cls == NQ_CL_MIDDLE ||
			           (nq_cl_mark(l->cls) && nq_cl_mark(r->cls));
			if (l->cls == NQ_CL_LATIN && r->cls != NQ_CL_HAN && !nq_cl_mark(r->cls))
				l->brk = false;
			if (r->cls == NQ_CL_LATIN && l->cls != NQ_CL_HAN && !nq_cl_mark(l->cls))
				l->brk = false;
			/* A range's connector (2026—2028, GB/T 15834 §4.13) may end
			 * a line, at the price of a number split from its unit:
			 * else the whole "（2026—2028年）》，" is one unbreakable
			 * block that letter-spaces the line before it. */
			if (l->cls == NQ_CL_DASH && r->cls == NQ_CL_LATIN && i > 0 &&
			    pl->atoms[i - 1].cls == NQ_CL_LATIN && !l->no_end && !r->no_start) {
				l->brk = true;
				l->pen = NUMBER_UNIT_PENALTY;
			}
			l->space_gid = 0; /* a space between marks is dropped */
		}
		/* No break before a solidus (UAX #14 LB13, × SY): "元|/kW·h"
		 * began a line with "/kW·h" (real-text trial 5). */
		if (!url && r->cp == '/')
			l->brk = false;
		/* A document number (国发〔2025〕11号, doc_serial) parts
		 * after its year or before its 号 only at DOC_NUMBER_PENALTY;
		 * its 机关代字 from the year at a number's price (国发|〔2025〕). */
		if (l->brk && ((l->cp == 0x3015 && r->cp >= '0' && r->cp <= '9') ||
		               (r->cp == 0x53F7 && doc_serial(pl, i))) && l->pen < DOC_NUMBER_PENALTY)
			l->pen = DOC_NUMBER_PENALTY;
		if (r->cp == 0x3014 && l->cls == NQ_CL_HAN && l->brk && i + 2 < pl->natoms &&
		    pl->atoms[i + 2].cp >= '0' && pl->atoms[i + 2].cp <= '9' && l->pen < NUMBER_UNIT_PENALTY)
			l->pen = NUMBER_UNIT_PENALTY;
		/* A citation mark [1] belongs to the words it follows, like a
		 * footnote number: never between two marks or after an
		 * opening bracket; before one (after a word, a number or
		 * 3.2%) only at CITE_PENALTY, when "险[10,12]。" would else
		 * letter-space a whole line. */
		if (rs->ref >= 0 && r->span != l->span) {
			l->brk = ls->ref < 0 && !l->no_end && !r->no_start;
			if (l->brk && l->pen < CITE_PENALTY)
				l->pen = CITE_PENALTY;
		}
		/* Words nqpdf writes itself (来源, 日期, a date it formats)
		 * are known words: a break inside one is always avoidable. */
		if (ls->keep && r->span == l->span) {
			/* ...except a date's unit boundary: 2026年|5月12日 may
			 * break (never 2026|年), at a price, where keeping the
			 * date whole would letter-space the line before it. */
			if (l->brk && (l->cp == 0x5E74 || l->cp == 0x6708) && alnum(r->cp))
				l->pen = KEEP_DATE_PENALTY;
			else
				l->brk = false;
		}
		if (spw[i] && k == NQ_GAP_NONE)
			l->space_gid = 0;
		l->gap = (uint8_t)k;
		l->gw += l->kern;
	}
	emergency_breaks(pl);
	nq_arena_free(tmp);
	return pl;
}
