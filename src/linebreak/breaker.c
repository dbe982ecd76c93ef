/*
 * breaker.c - atoms in, lines out: total-fit breaking and justification.
 *
 * Knuth & Plass, "Breaking paragraphs into lines" (1981), over the gaps that
 * atoms.c marked as legal breaks: badness 100|r|^3, demerits
 * (LINE_PENALTY + badness)^2 + penalty^2, active nodes dropped once their
 * line cannot shrink enough, so the work is linear in the paragraph for a
 * fixed measure.  A line with no feasible break is set overfull and
 * reported.  Justification then spends the slack in CLREQ §3.8's order,
 * and badness costs exactly that order: stretch Latin spaces and URL gaps,
 * then the ideograph and Han–Latin gaps evenly; shrink step by step (nq_sq:
 * spaces, interpuncts, brackets, ，、；, Han–Latin, 。？！：).  Ragged text
 * (headings, captions) is balanced instead (GB/T 9704 §7.3.1).
 * Takes atoms from atoms.c; makes lines; leaves drawing them to layout/.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "linebreak.h"
#include "util/util.h"

#define LINE_PENALTY 10  /* TeX's \linepenalty */
/* Badness has no ceiling below this: total fit must still tell a bad line
 * from a worse one when nothing good exists (TeX's 10000 cap would tie a
 * one-character line with a merely loose one).  A line that cannot stretch
 * at all costs this, more with every em it falls short. */
#define MAX_BADNESS 1e9
/* Demerits of an overfull line: worse than any line that fits. */
#define OVERFULL_DEMERITS 1e30
/* Past their nominal stretch, gaps share what is left in proportion to
 * these units (em), and x units cost 100x^3 on top of the first tier.
 * 0.01 em between ideographs is below what a reader sees at body size
 * (0.1 pt).  A Han–Latin gap widens exactly as the ideograph gaps do (atoms.c, HL_GAP).  A URL gap
 * takes its own hair of stretch (atoms.c, URL_STRETCH) and no more. */
#define CJK_UNIT 0.01
/* Past ½ em a Latin space widens at the ideograph gaps' rate, not faster:
 * CLREQ §3.8's last step is "all gaps equally", and a space ten times as
 * willing grew to ¾ em beside ideograph gaps of 0.02 em ("Hugging   Face"). */
#define SPACE_UNIT CJK_UNIT
#define HL_UNIT 0.01
/* A Han–Latin gap widens with the ideograph gaps up to this much (em) and
 * no further while anything else on the line can stretch: it "stays at
 * ¼ em unless nothing else can absorb the slack" (issue 9; pdfcheck counts
 * a gap off ¼ em by more than 0.05 em). */
#define HL_MAX_ADD 0.04
/* Reduction (CLREQ §3.8), step by step (nq_sq); r is the share of a step's
 * shrink a line takes, and a step costs SQUEEZE_x * r^3.  Latin spaces cost
 * as in Knuth and Plass (100).  A bracket's blank shows little, and least
 * in a pair (》， set at 1 em, as some styles always do): 7000 r^3 is 100 per
 * (0.12 em)^3 of a ½ em blank.  A lone ，、； squeezed mid-line is what a
 * reader sees first, a comma at ¾ em beside full ones on the lines around
 * it: that step costs SQUEEZE_PAUSE_BASE as soon as it is used, more than
 * the 800 of 0.02 em between ideographs (so a break that needs no squeeze
 * and at most that much spacing wins), then 100 per (0.1 em)^3 of each
 * mark's squeeze, and steeply past 0.18 em, short of where pdfcheck and a
 * reader see a squeezed mark (0.2 em).  Han–Latin gaps (⅛ em of shrink
 * each) come next and cost more; 。？！： last, dearest. */
#define SQUEEZE_SPACE 100
#define SQUEEZE_MIDDLE 7000
#define SQUEEZE_BRACKET 7000
#define SQUEEZE_PAUSE_BASE 900
#define SQUEEZE_PAUSE_UNIT 0.1    /* em */
#define SQUEEZE_PAUSE_SEEN 0.18   /* em */
#define SQUEEZE_PAUSE_STEEP 0.03  /* em */
#define SQUEEZE_HL 3000   /* 100 per (0.04 em)^3 of a gap's ⅛ em */
#define HL_SEEN 0.04
#define HL_STEEP 0.003  /* em: 100 more per 0.003 em past HL_SEEN, so 0.05 costs 3700 */
#define SQUEEZE_LAST 100000
/* Ragged text (headings, titles, contents entries, captions) is balanced
 * after GB/T 9704-2012 §7.3.1 (回行时，要做到词意完整，排列对称，长短适宜):
 * every line, the last too, costs RAGGED_K per em^2 of its slack, so lines
 * come out of similar length (a sum of squares is least when the slack is
 * shared evenly; an imbalance of d em costs about 50 d^2), and a break
 * between two ideographs, or between a number and its unit, costs
 * RAGGED_WORD: as much as lines 9 em apart.  词意完整 comes first in the
 * standard's list.  So a heading breaks after ，、：, before an
 * opening bracket or at a Latin word's edge when one lies near the middle.
 * Without a word list, ideograph|ideograph is the break that may split a
 * word (产业升|级). */
#define RAGGED_K 100
#define RAGGED_WORD 4000
/* A last line of one character (plus marks), or of a citation alone
 * ("[3]。"), is a runt; CLREQ §3.7 ("orphan" there, 孤字不成行) says avoid
 * it.  Typst charges 100; we want it gone.  In ragged text a last line of
 * up to three characters under a longer one is a runt too (typst #2814).
 * 1e9 is one line at badness 31,600 (ideograph gaps about 0.07 em wider),
 * or two at about 0.05: 1e8 kept "[3]。" alone where two lines at 0.03 and
 * 0.049 em would do (real-text trial, B5), and "[4]。" in full-briefing. */
#define RUNT_DEMERITS 1e9
#define RAGGED_RUNT_CHARS 3
/* Justification never adds more than this between two ideographs (em);
 * a line that would need more is left short, as a ragged line is the
 * lesser evil next to letter-spaced Chinese. */
#define MAX_CJK_ADD 0.5

typedef struct node {
	long pos;        /* the line starts at atom pos+1 */
	int line;
	double demerits;
	int prev;        /* index into the node pool */
} node;

static float line_width(const nq_text *t, int line)
{
	return t->width - (line == 0 ? t->indent : t->hang);
}

enum { T__COUNT = NQ_SQ__COUNT };

static int tier(const nq_atom *at)
{
	return at->gap == NQ_GAP_SPACE || at->gap == NQ_GAP_HL || at->gap == NQ_GAP_CJK ? at->sq : -1;
}

static const double squeeze_cost[T__COUNT] = {
	[NQ_SQ_SPACE] = SQUEEZE_SPACE, [NQ_SQ_MIDDLE] = SQUEEZE_MIDDLE, [NQ_SQ_BRACKET] = SQUEEZE_BRACKET,
	/* A bracket beside an ideograph or a letter costs no more than one
	 * in a pair: CLREQ squeezes brackets before ，、；.  Steeper, the
	 * daily example on A4 had 7 lines spaced past 0.05 em instead of 3
	 * squeezed brackets; --report counts such a squeeze past 0.2 em. */
	[NQ_SQ_BRACKET_LONE] = SQUEEZE_BRACKET, [NQ_SQ_HL] = SQUEEZE_HL, [NQ_SQ_LAST] = SQUEEZE_LAST,
};

/* Prefix sums over the gaps before atom i: natural width, the first-tier
 * stretch (spaces, URL gaps), the units of the last stretch step, and the
 * shrink of each reduction tier. */
typedef struct sums { double *w, *st, *u, *uh, *sh[T__COUNT]; } sums;

typedef struct fit { double nat, st, u, uh, sh[T__COUNT]; } fit;

/* The last stretch step: slack (pt) over u units, uh of them Han–Latin
 * gaps.  Returns the add per unit (pt); *hl is what each Han–Latin gap
 * gets (capped at HL_MAX_ADD while other gaps can take the rest). */
static double spread(double slack, double u, double uh, double em, double *hl)
{
	double a = slack / u;
	*hl = a * HL_UNIT;
	if (*hl > HL_MAX_ADD * em && u - uh > 1e-9) {
		*hl = HL_MAX_ADD * em;
		a = (slack - uh / HL_UNIT * *hl) / (u - uh);
	}
	return a;
}

/* A gap's share of the last stretch step, em per unit of x. */
static double unit(const nq_atom *at)
{
	switch (at->gap) {
	case NQ_GAP_CJK: return at->rigid ? 0 : CJK_UNIT;
	case NQ_GAP_SPACE: return SPACE_UNIT;
	case NQ_GAP_HL: return HL_UNIT;
	case NQ_GAP_URL: return 0; /* past URL_STRETCH pdftotext reads a space: copies break */
	default: return 0;
	}
}

/* Atoms [s, e] as one line, without the shrink: most candidate lines
 * are not too long, and the tiers' sums were a third of the breaker's
 * own instructions (docs/performance.md, round 3). */
static fit measure(const nq_para_lines *pl, const sums *S, long s, long e)
{
	return (fit){
		.nat = S->w[e] - S->w[s] + pl->atoms[e].w,
		.st = S->st[e] - S->st[s],
		.u = S->u[e] - S->u[s],
		.uh = S->uh[e] - S->uh[s],
	};
}

/* ... and its shrink, tier by tier, for a line longer than its width. */
static void measure_shrink(fit *f, const sums *S, long s, long e)
{
	for (int k = 0; k < T__COUNT; k++)
		f->sh[k] = S->sh[k][e] - S->sh[k][s];
}

/* The cost of shrinking f by need, tier by tier, or -1 if it cannot. */
/* x³, the usual cubic badness: pow(x, 3) is a libm call per candidate
 * line (1.5 M instructions on the example). */
static inline double cube(double x)
{
	return x * x * x;
}

static double shrink_badness(const fit *f, double need)
{
	double bad = 0;
	for (int k = 0; k < T__COUNT && need > 1e-6; k++) {
		if (f->sh[k] <= 0)
			continue;
		double take = need < f->sh[k] ? need : f->sh[k];
		double r = take / f->sh[k];
		if (k == NQ_SQ_PAUSE) {
			/* Per mark, em: each gives the same share of its
			 * ½ em blank. */
			double y = r * 0.5;
			bad += SQUEEZE_PAUSE_BASE + 100 * cube(y / SQUEEZE_PAUSE_UNIT);
			if (y > SQUEEZE_PAUSE_SEEN)
				bad += 100 * cube((y - SQUEEZE_PAUSE_SEEN) / SQUEEZE_PAUSE_STEEP);
		} else if (k == NQ_SQ_HL) {
			/* Per gap, em, of its ⅛ em of shrink: cheap to 0.04
			 * em, then steep (pdfcheck counts 0.05 off ¼ em). */
			double z = r * 0.125;
			bad += squeeze_cost[k] * r * r * r;
			if (z > HL_SEEN)
				bad += 100 * cube((z - HL_SEEN) / HL_STEEP);
		} else {
			bad += squeeze_cost[k] * r * r * r;
		}
		need -= take;
	}
	return need > 0.01 ? -1 : bad;
}

/* Badness of setting f in width w, or -1 if it cannot be set.  Shrinking
 * follows CLREQ §3.8's tiers (shrink_badness).  Stretch is tiered after
 * CLREQ §3.8 too: spaces and URL gaps first, with the usual cubic; what
 * they cannot take is spread over the ideograph and Han–Latin gaps, and
 * that costs from 100 up, steeply past CJK_UNIT per gap. */
static double badness(const fit *f, double w, double em, bool last, bool ragged, bool fill)
{
	if (f->nat > w && ragged) {
		/* A ragged line need not fill the measure, so it squeezes
		 * nothing a reader would see: Latin spaces only. */
		fit sp = { .sh = { [NQ_SQ_SPACE] = f->sh[NQ_SQ_SPACE] } };
		return shrink_badness(&sp, f->nat - w);
	}
	if (f->nat > w)
		return shrink_badness(f, f->nat - w);
	double slack = w - f->nat;
	if (ragged) {
		/* Every line, the last too: lines of similar length;
		 * filled text leaves its last line free. */
		if (fill && last)
			return 0;
		double r = slack / em;
		return RAGGED_K * r * r;
	}
	if (last || slack < 0.01)
		return 0;
	if (slack <= f->st)
		return 100 * cube(slack / f->st);
	if (f->u <= 0)
		return MAX_BADNESS * (1 + slack / em);
	double hl;
	double x = spread(slack - f->st, f->u, f->uh, em, &hl) / em;
	double bad = (f->st > 0 ? 100 : 0) + 100 * x * x * x;
	return bad < MAX_BADNESS ? bad : MAX_BADNESS;
}

/* A lower bound on the badness of f stretched by slack, and of every
 * line with at least as much slack, no more first-tier stretch and no more
 * units: badness() less the 100 a line with spaces pays up front, with the
 * slack spread evenly (the Han–Latin cap in spread() only moves stretch
 * from those gaps to the others, and a line without ideograph gaps lets
 * its Han–Latin gaps share it all). */
static double stretch_floor(const fit *f, double slack, double em)
{
	if (slack < 0.01 || slack <= f->st)
		return 0;
	if (f->u <= 0)
		return MAX_BADNESS;
	double bad = 100 * cube((slack - f->st) / f->u / em);
	return bad < MAX_BADNESS ? bad : MAX_BADNESS;
}

/* A break inside a title in 《》 (or 〈〉), or inside a quoted term in “”,
 * 「」 or 『』, costs this much more in ragged text: "印发《数据中心绿色
 * 低碳发展专|项行动计划》" split a document's name to keep a heading at
 * two lines, where a typesetter breaks before 《 or after 》 (GB/T 9704
 * §7.3.1, 词意完整; real-text trial), and a QR caption read
 * "省发展改革委“低|碳发展”微信公众号" (real-text trial 5).  Three word
 * breaks' worth: a heading takes a third line first. */
#define RAGGED_TITLE (3 * RAGGED_WORD)

/* What a break after atom q costs in ragged text, beyond its penalty: a
 * break that may split a word (RAGGED_WORD), more inside a title
 * (in_title[q]: 《》 open after atom q). */
static double ragged_break_cost(const nq_para_lines *pl, const uint8_t *in_title, long q)
{
	const nq_atom *l = &pl->atoms[q], *r = &pl->atoms[q + 1];
	double title = in_title[q] ? RAGGED_TITLE : 0;
	if (l->gap == NQ_GAP_URL)
		return l->pen + title;
	if (l->gap == NQ_GAP_SPACE || l->gap == NQ_GAP_HL)
		return (l->pen ? RAGGED_WORD : 0) + title; /* a unit: 13亿, B轮, RTX 5090, 5 nm */
	if (l->cls == NQ_CL_STOP || l->cls == NQ_CL_CLOSE || l->cls == NQ_CL_MIDDLE ||
	    r->cls == NQ_CL_OPEN || l->cls == NQ_CL_DASH || l->cls == NQ_CL_ELLIPSIS)
		return l->pen + title;
	return l->pen + RAGGED_WORD + title;
}

/* Characters (ideographs, Latin letters and digits) in atoms [s, e).  A
 * citation counts none: "[3,4][6]。" alone on a last line is a runt too. */
static int chars(const nq_para_lines *pl, long s, long e)
{
	int n = 0;
	for (long i = s; i < e; i++)
		n += (pl->atoms[i].cls == NQ_CL_HAN || pl->atoms[i].cls == NQ_CL_LATIN) &&
		     pl->in->spans[pl->atoms[i].span].st.ref < 0;
	return n;
}

static bool runt(const nq_para_lines *pl, long s, long e, bool ragged)
{
	return s > 0 && chars(pl, s, e + 1) <= (ragged ? RAGGED_RUNT_CHARS : 1);
}
static void justify(nq_arena *a, nq_para_lines *pl, nq_line *ln, float width, bool last)
{
	long n = (long)(ln->a1 - ln->a0);
	ln->gap = NQ_NEWN(a, float, n > 1 ? n - 1 : 1);
	double nat = 0;
	for (long i = 0; i < n; i++) {
		const nq_atom *at = &pl->atoms[ln->a0 + i];
		nat += at->w;
		if (i + 1 < n) {
			ln->gap[i] = at->gw;
			nat += at->gw;
		}
	}
	double slack = width - nat;
	ln->width = (float)nat;
	if ((last || !pl->in->justify) && slack >= 0)
		return;
	if (n < 2)
		return;
	if (slack > 0) {
		/* CLREQ §3.8 expansion: Latin spaces, then URL gaps, up to
		 * their nominal stretch... */
		static const int order[] = { NQ_GAP_SPACE, NQ_GAP_URL };
		for (int o = 0; o < 2 && slack > 1e-6; o++) {
			double tot = 0;
			for (long i = 0; i + 1 < n; i++)
				if (pl->atoms[ln->a0 + i].gap == order[o])
					tot += pl->atoms[ln->a0 + i].gst;
			if (tot <= 0)
				continue;
			double give = tot < slack ? tot : slack;
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (at->gap == order[o])
					ln->gap[i] += (float)(give * at->gst / tot);
			}
			slack -= give;
		}
		/* ...then the rest over every gap by its unit(): evenly
		 * between ideographs and into the Han–Latin gaps alike, so
		 * an all-Han line spaces uniformly, and mostly into the word
		 * spaces of a line of Latin words. */
		double em = pl->in->nspans ? pl->in->spans[0].st.size : 10;
		double u = 0, uh = 0;
		for (long i = 0; i + 1 < n; i++) {
			u += unit(&pl->atoms[ln->a0 + i]);
			if (pl->atoms[ln->a0 + i].gap == NQ_GAP_HL)
				uh += unit(&pl->atoms[ln->a0 + i]);
		}
		if (slack > 1e-6 && u > 0) {
			if (slack / u * CJK_UNIT > MAX_CJK_ADD * em) {
				/* Hopeless (a short line before an overfull
				 * one): set it ragged rather than spaced out. */
				ln->ragged = true;
			} else {
				double hl, per = spread(slack, u, uh, em, &hl);
				for (long i = 0; i + 1 < n; i++) {
					const nq_atom *at = &pl->atoms[ln->a0 + i];
					ln->gap[i] += (float)(at->gap == NQ_GAP_HL ? hl : per * unit(at));
				}
			}
		} else if (slack > 1e-6) {
			ln->ragged = true; /* nothing on the line can stretch */
		}
	} else if (slack < 0) {
		/* CLREQ §3.8 reduction, step by step (nq_sq): Latin spaces;
		 * interpuncts; brackets; ，、；; Han–Latin gaps; last 。？！ and
		 * ：.  Each step takes from all its gaps on the line in
		 * proportion, so equal marks stay equal within a line
		 * ("同时、同等量处理").  badness() costs the same steps. */
		double need = -slack;
		for (int o = 0; o < NQ_SQ__COUNT && need > 1e-6; o++) {
			double tot = 0;
			for (long i = 0; i + 1 < n; i++)
				if (tier(&pl->atoms[ln->a0 + i]) == o)
					tot += pl->atoms[ln->a0 + i].gsh;
			if (tot <= 0)
				continue;
			double take = tot < need ? tot : need;
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (tier(at) == o)
					ln->gap[i] -= (float)(take * at->gsh / tot);
			}
			need -= take;
		}
		ln->overfull = need > 0.01;
	}
	double set = 0;
	for (long i = 0; i < n; i++)
		set += pl->atoms[ln->a0 + i].w + (i + 1 < n ? ln->gap[i] : 0);
	ln->width = (float)set;
}

/* Where the text needle (a line's first characters) is in the JSON value
 * that starts at offset - a string, or an object such as a reference whose
 * fields layout joins into one paragraph - so a message points at the line
 * itself.  The value's own offset when the needle is not there verbatim
 * (escapes, **bold** markers, labels layout adds). */
static long source_offset(const nq_diags *d, long offset, const char *needle, size_t n)
{
	if (!d->src || offset < 0 || (size_t)offset >= d->srclen || n == 0)
		return offset;
	const char *s = d->src, *end = d->src + d->srclen;
	bool in_string = s[offset] == '"';
	int depth = 0;
	for (const char *p = s + offset + in_string; p + n <= end; p++) {
		if (in_string && !memcmp(p, needle, n))
			return (long)(p - s);
		if (in_string && *p == '\\') {
			p++;
		} else if (*p == '"') {
			in_string = !in_string;
			if (!in_string && depth == 0)
				break; /* the end of the string value */
		} else if (!in_string && (*p == '{' || *p == '[')) {
			depth++;
		} else if (!in_string && (*p == '}' || *p == ']') && --depth <= 0) {
			break; /* the end of the object */
		}
	}
	return offset;
}

bool nq_linebreak_exhaustive;

nq_para_lines *nq_linebreak(nq_arena *a, const nq_text *t, const nq_fontset *fs, nq_diags *d)
{
	nq_para_lines *pl = nq_linebreak_atoms(a, t, fs);
	long n = (long)pl->natoms;
	if (n == 0)
		return pl;
	/* Prefix sums: S.w[i] = widths of atoms and gaps before atom i. */
	/* The sums and breakpoints die with the call: a scratch arena keeps
	 * them out of the run's, which holds every paragraph to the end. */
	nq_arena *tmp = nq_arena_new();
	sums S = { NQ_NEWN(tmp, double, n + 1), NQ_NEWN(tmp, double, n + 1),
		   NQ_NEWN(tmp, double, n + 1), NQ_NEWN(tmp, double, n + 1), { NULL } };
	for (int k = 0; k < T__COUNT; k++)
		S.sh[k] = NQ_NEWN(tmp, double, n + 1);
	for (long i = 0; i < n; i++) {
		const nq_atom *at = &pl->atoms[i];
		S.w[i + 1] = S.w[i] + at->w + at->gw;
		S.st[i + 1] = S.st[i] + (at->gap == NQ_GAP_CJK ? 0 : at->gst);
		S.u[i + 1] = S.u[i] + unit(at);
		S.uh[i + 1] = S.uh[i] + (at->gap == NQ_GAP_HL ? unit(at) : 0);
		int ti = tier(at);
		for (int k = 0; k < T__COUNT; k++)
			S.sh[k][i + 1] = S.sh[k][i] + (k == ti ? at->gsh : 0);
	}
	/* How many 《 〈 “ 「 『 are open after each atom (ragged texts
	 * only).  ‘ ’ are left out: ’ is an apostrophe as often. */
	uint8_t *in_title = NULL;
	if (!t->justify) {
		in_title = NQ_NEWN(tmp, uint8_t, n);
		int depth = 0;
		for (long i = 0; i < n; i++) {
			int32_t cp = pl->atoms[i].cp;
			if ((cp == 0x300A || cp == 0x3008 || cp == 0x201C || cp == 0x300C || cp == 0x300E) &&
			    depth < 255)
				depth++;
			else if ((cp == 0x300B || cp == 0x3009 || cp == 0x201D || cp == 0x300D || cp == 0x300F) &&
			         depth > 0)
				depth--;
			in_title[i] = (uint8_t)depth;
		}
	}
	/* The em the ideograph gaps are measured in: the paragraph's size. */
	double em = t->nspans ? t->spans[0].st.size : 10;
	/* An opening mark at the paragraph start keeps its blank half: only a
	 * break discards it. */
	float lead0 = pl->atoms[0].lead;

	node *pool = NULL;
	size_t np = 0, capn = 0;
	node *root = NQ_PUSH(tmp, pool, np, capn);
	*root = (node){ .pos = -1, .line = 0, .demerits = 0, .prev = -1 };
	size_t *act = NULL, nact = 0, capact = 0;
	*NQ_PUSH(tmp, act, nact, capact) = 0;
	/* sufmin[k]: the least demerits of active nodes k and after. */
	double *sufmin = NULL;
	size_t capsuf = 0;

	for (long q = 0; q < n; q++) {
		bool end = q == n - 1;
		if (!end && !pl->atoms[q].brk)
			continue;
		int best = -1;
		double bestd = DBL_MAX;
		int best_over = -1;
		double best_over_r = -DBL_MAX;
		size_t keep = 0;
		bool cut = t->justify && !nq_linebreak_exhaustive;
		if (cut) {
			if (capsuf < nact) {
				capsuf = capact;
				sufmin = NQ_NEWN(tmp, double, capsuf);
			}
			double m = DBL_MAX;
			for (size_t k = nact; k-- > 0;) {
				if (pool[act[k]].demerits < m)
					m = pool[act[k]].demerits;
				sufmin[k] = m;
			}
		}
		for (size_t k = 0; k < nact; k++) {
			node *nd = &pool[act[k]];
			long s = nd->pos + 1;
			fit f = measure(pl, &S, s, q);
			if (s == 0)
				f.nat += lead0;
			double w = line_width(t, nd->line);
			if (f.nat > w)
				measure_shrink(&f, &S, s, q);
			double bad = badness(&f, w, em, end, !t->justify, t->fill);
			if (bad < 0) {
				/* Overfull even fully shrunk: this node can reach no
				 * further break.  Remember the least overfull one
				 * for the fallback. */
				double r = w - f.nat;
				for (int ti = 0; ti < T__COUNT; ti++)
					r += f.sh[ti];
				if (r > best_over_r) {
					best_over_r = r;
					best_over = (int)act[k];
				}
				continue;
			}
			act[keep++] = act[k];
			double dem;
			if (t->justify) {
				double pen = end ? 0 : pl->atoms[q].pen;
				dem = (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + pen * pen;
			} else {
				/* Ragged: costs add up linearly, so balance
				 * and word breaks trade off in plain units. */
				dem = bad + (end ? 0 : ragged_break_cost(pl, in_title, q));
			}
			if (end && runt(pl, s, q, !t->justify))
				dem += RUNT_DEMERITS;
			dem += nd->demerits;
			if (dem < bestd) {
				bestd = dem;
				best = (int)act[k];
			}
			/* The nodes after this one start later, so their lines
			 * are shorter: more slack over fewer gaps.  Once this
			 * line needs stretch past the spaces' first tier, each
			 * of theirs costs at least its slack spread evenly over
			 * its gaps (stretch_floor()), which only grows.  When
			 * that, with the least demerits among them, cannot
			 * beat the best so far, they stay active unmeasured:
			 * 72 % of the candidate lines of the example
			 * (docs/performance.md, round 5).  A negative advance
			 * (a hostile font) could make a later line longer;
			 * that costs the best break, never a break. */
			if (cut && nd->line > 0 && f.nat <= w && k + 1 < nact) {
				double lb = end ? 0 : stretch_floor(&f, w - f.nat, em);
				if ((LINE_PENALTY + lb) * (LINE_PENALTY + lb) + sufmin[k + 1] >= bestd) {
					memmove(act + keep, act + k + 1, (nact - k - 1) * sizeof *act);
					keep += nact - k - 1;
					break;
				}
			}
		}
		nact = keep;
		if (nact > pl->max_active)
			pl->max_active = nact;
		if (best < 0 && nact == 0 && best_over >= 0) {
			/* Nothing fits: break here overfull (reported below). */
			best = best_over;
			bestd = pool[best].demerits + OVERFULL_DEMERITS;
		}
		if (best >= 0) {
			node nn = { .pos = q, .line = pool[best].line + 1, .demerits = bestd, .prev = best };
			*NQ_PUSH(tmp, pool, np, capn) = nn;
			*NQ_PUSH(tmp, act, nact, capact) = np - 1;
		}
	}
	/* The node at the end with the least demerits. */
	int last = -1;
	for (size_t i = 0; i < np; i++)
		if (pool[i].pos == n - 1 && (last < 0 || pool[i].demerits < pool[last].demerits))
			last = (int)i;
	int count = 0;
	for (int k = last; k > 0; k = pool[k].prev)
		count++;
	pl->lines = NQ_NEWN(a, nq_line, count);
	pl->nlines = pl->capl = (size_t)count;
	int li = count;
	for (int k = last; k > 0; k = pool[k].prev) {
		nq_line *ln = &pl->lines[--li];
		ln->a0 = (uint32_t)(pool[pool[k].prev].pos + 1);
		ln->a1 = (uint32_t)(pool[k].pos + 1);
	}
	nq_arena_free(tmp);
	/* Last line first: a line before an overfull one is set like a
	 * paragraph's last line, since no spacing could make that pair
	 * look justified. */
	for (int i = count - 1; i >= 0; i--) {
		nq_line *ln = &pl->lines[i];
		float w = line_width(t, i);
		ln->x0 = i == 0 ? t->indent + lead0 : t->hang;
		if (i == 0)
			w -= lead0;
		bool before_overfull = i + 1 < count && pl->lines[i + 1].overfull;
		justify(a, pl, ln, w, i == count - 1 || before_overfull);
		ln->ragged |= before_overfull && ln->width < w - 0.01f;
		if (ln->width > w + 0.01f)
			ln->overfull = true;
	}
	bool warned = false;
	for (int i = 0; i < count; i++) {
		nq_line *ln = &pl->lines[i];
		float w = line_width(t, i) - (i == 0 ? lead0 : 0);
		if (ln->overfull) {
			/* Quote at most ~20 characters, cut on a character
			 * boundary. */
			uint32_t from = pl->atoms[ln->a0].start, to = pl->atoms[ln->a1 - 1].end;
			size_t k = from;
			for (int nch = 0; k < to && nch < 20; nch++)
				nq_utf8_next(t->text, to, &k);
			nq_diag_add(d, NQ_WARNING, NQ_DC_INPUT, t->path,
			            source_offset(d, t->offset, t->text + from, k - from),
			            "line %d is %.1f pt too wide: no break allowed in \"%.*s%s\"", i + 1,
			            ln->width - w, (int)(k - from), t->text + from, k < to ? "…" : "");
		} else if (i + 1 < count && pl->atoms[ln->a1 - 1].pen == NQ_EMERGENCY_PENALTY && !warned) {
			/* A word wider than the line, broken inside (atoms.c,
			 * emergency_breaks): quote its ~20 characters around
			 * the first such break; one warning a paragraph (a
			 * 256 KiB token breaks 3,000 times). */
			warned = true;
			uint32_t at = pl->atoms[ln->a1 - 1].end, from = at;
			for (int nch = 0; from > pl->atoms[ln->a0].start && nch < 10; nch++)
				do
					from--;
				while (from > 0 && ((unsigned char)t->text[from] & 0xC0) == 0x80);
			size_t k = at;
			for (int nch = 0; k < t->len && nch < 10; nch++)
				nq_utf8_next(t->text, t->len, &k);
			nq_diag_add(d, NQ_WARNING, NQ_DC_INPUT, t->path,
			            source_offset(d, t->offset, t->text + from, k - from),
			            "line %d breaks inside a word longer than the line: \"%.*s|%.*s\"", i + 1,
			            (int)(at - from), t->text + from, (int)(k - at), t->text + at);
		}
	}
	return pl;
}

double nq_line_cjk_added(const nq_para_lines *pl, const nq_line *ln)
{
	double add = 0;
	int n = 0;
	for (uint32_t k = ln->a0; k + 1 < ln->a1; k++)
		if (pl->atoms[k].gap == NQ_GAP_CJK && !pl->atoms[k].rigid) {
			add += ln->gap[k - ln->a0] - pl->atoms[k].gw;
			n++;
		}
	const nq_text *t = pl->in;
	return n ? add / n / (t->nspans ? t->spans[0].st.size : 10) : 0;
}

int nq_line_lone_squeezes(const nq_para_lines *pl, const nq_line *ln)
{
	const nq_text *t = pl->in;
	double em = t->nspans ? t->spans[0].st.size : 10;
	int n = 0;
	for (uint32_t k = ln->a0; k + 1 < ln->a1; k++) {
		const nq_atom *at = &pl->atoms[k];
		if (at->gap != NQ_GAP_CJK ||
		    (at->sq != NQ_SQ_PAUSE && at->sq != NQ_SQ_LAST && at->sq != NQ_SQ_BRACKET_LONE))
			continue;
		if (nq_cl_mark(at->cls) && nq_cl_mark(pl->atoms[k + 1].cls))
			continue; /* a pair: set at 1 em in some styles anyway */
		if (k > 0 && nq_cl_mark(at->cls) && nq_cl_mark(pl->atoms[k - 1].cls))
			continue;
		if (at->gw - ln->gap[k - ln->a0] > NQ_SEEN_SQUEEZE * em)
			n++;
	}
	return n;
}

bool nq_lines_stub(const nq_para_lines *pl)
{
	if (pl->nlines < 2)
		return false;
	const nq_line *last = &pl->lines[pl->nlines - 1];
	return chars(pl, last->a0, last->a1) <= 1;
}

bool nq_lines_runt(const nq_para_lines *pl)
{
	if (pl->nlines < 2)
		return false;
	const nq_line *last = &pl->lines[pl->nlines - 1], *prev = last - 1;
	return chars(pl, last->a0, last->a1) <= RAGGED_RUNT_CHARS &&
	       chars(pl, prev->a0, prev->a1) > RAGGED_RUNT_CHARS;
}
