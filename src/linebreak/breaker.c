/*
 * breaker.c - atoms in, lines out: total-fit breaking and justification.
 *
 * Knuth & Plass, "Breaking paragraphs into lines" (1981), over the gaps that
 * atoms.c marked as legal breaks: badness 100|r|^3, demerits
 * (LINE_PENALTY + badness)^2 + penalty^2, active nodes dropped once their
 * line cannot shrink enough, so the work is linear in the paragraph for a
 * fixed measure.  A line with no feasible break is set overfull and
 * reported.  Justification then spends the slack in CLREQ §3.8's order:
 * stretch Latin spaces and URL gaps, then Han–Latin gaps, then ideograph
 * gaps evenly; shrink spaces, then the marks' blank halves, then Han–Latin.
 */
#include <float.h>
#include <math.h>

#include "linebreak.h"
#include "util/util.h"

#define LINE_PENALTY 10  /* TeX's \linepenalty */
/* A last line of one character (plus marks) is a runt; CLREQ §3.7
 * ("orphan" there) says avoid it.  Typst charges 100; we want it gone. */
#define RUNT_DEMERITS 100000.0

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

/* Natural width, stretch and shrink of atoms [s, e] as one line. */
typedef struct sums { double *w, *st, *sh; } sums;

static void measure(const nq_para_lines *pl, const sums *S, long s, long e, double *nat,
                    double *st, double *sh)
{
	*nat = S->w[e] - S->w[s] + pl->atoms[e].w;
	*st = S->st[e] - S->st[s];
	*sh = S->sh[e] - S->sh[s];
}

static bool runt(const nq_para_lines *pl, long s, long e)
{
	int chars = 0;
	for (long i = s; i <= e; i++)
		if (pl->atoms[i].cls == NQ_CL_HAN || pl->atoms[i].cls == NQ_CL_LATIN)
			chars++;
	return chars <= 1 && s > 0;
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
		/* Stretch in priority order; the last class takes what is
		 * left, beyond its nominal stretch if need be. */
		static const int order[] = { NQ_GAP_SPACE, NQ_GAP_URL, NQ_GAP_HL, NQ_GAP_CJK };
		for (int o = 0; o < 4 && slack > 1e-6; o++) {
			double tot = 0;
			int cnt = 0;
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (at->gap == order[o]) {
					tot += at->gst;
					cnt++;
				}
			}
			if (!cnt)
				continue;
			/* The ideograph gaps share the rest evenly, not by
			 * stretch, so an all-Han line spaces uniformly. */
			bool rest = o == 3;
			double give = rest ? slack : (tot < slack ? tot : slack);
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (at->gap != order[o])
					continue;
				ln->gap[i] += (float)(rest ? give / cnt : (tot > 0 ? give * at->gst / tot : 0));
			}
			slack -= give;
		}
		if (slack > 1e-6) {
			/* No ideograph gaps (a Latin line): the remainder goes
			 * to whatever stretches. */
			double tot = 0;
			for (long i = 0; i + 1 < n; i++)
				tot += pl->atoms[ln->a0 + i].gst;
			for (long i = 0; i + 1 < n; i++) {
				double s = tot > 0 ? pl->atoms[ln->a0 + i].gst / tot : 1.0 / (double)(n - 1);
				ln->gap[i] += (float)(slack * s);
			}
			slack = 0;
		}
	} else if (slack < 0) {
		static const int order[] = { NQ_GAP_SPACE, NQ_GAP_CJK, NQ_GAP_HL };
		double need = -slack;
		for (int o = 0; o < 3 && need > 1e-6; o++) {
			double tot = 0;
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (at->gap == order[o])
					tot += at->gsh;
			}
			if (tot <= 0)
				continue;
			double take = tot < need ? tot : need;
			for (long i = 0; i + 1 < n; i++) {
				const nq_atom *at = &pl->atoms[ln->a0 + i];
				if (at->gap == order[o])
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

nq_para_lines *nq_linebreak(nq_arena *a, const nq_text *t, const nq_fontset *fs, nq_diags *d)
{
	nq_para_lines *pl = nq_linebreak_atoms(a, t, fs);
	long n = (long)pl->natoms;
	if (n == 0)
		return pl;
	/* Prefix sums: S.w[i] = widths of atoms and gaps before atom i. */
	sums S = { NQ_NEWN(a, double, n + 1), NQ_NEWN(a, double, n + 1), NQ_NEWN(a, double, n + 1) };
	for (long i = 0; i < n; i++) {
		S.w[i + 1] = S.w[i] + pl->atoms[i].w + pl->atoms[i].gw;
		S.st[i + 1] = S.st[i] + pl->atoms[i].gst;
		S.sh[i + 1] = S.sh[i] + pl->atoms[i].gsh;
	}
	/* An opening mark at the paragraph start keeps its blank half: only a
	 * break discards it. */
	float lead0 = pl->atoms[0].lead;

	node *pool = NULL;
	size_t np = 0, capn = 0;
	node *root = NQ_PUSH(a, pool, np, capn);
	*root = (node){ .pos = -1, .line = 0, .demerits = 0, .prev = -1 };
	size_t *act = NULL, nact = 0, capact = 0;
	*NQ_PUSH(a, act, nact, capact) = 0;

	for (long q = 0; q < n; q++) {
		bool end = q == n - 1;
		if (!end && !pl->atoms[q].brk)
			continue;
		int best = -1;
		double bestd = DBL_MAX;
		int best_over = -1;
		double best_over_r = -DBL_MAX;
		size_t keep = 0;
		for (size_t k = 0; k < nact; k++) {
			node *nd = &pool[act[k]];
			long s = nd->pos + 1;
			double nat, st, sh;
			measure(pl, &S, s, q, &nat, &st, &sh);
			if (s == 0)
				nat += lead0;
			double w = line_width(t, nd->line);
			double r;
			if (nat <= w)
				r = end || !t->justify ? 0 : (st > 0 ? (w - nat) / st : (w - nat > 0.01 ? 100 : 0));
			else
				r = sh > 0 ? (w - nat) / sh : -100;
			if (r < -1) {
				/* Overfull even fully shrunk: this node can reach no
				 * further break.  Remember it for the fallback. */
				if (r > best_over_r) {
					best_over_r = r;
					best_over = (int)act[k];
				}
				continue;
			}
			act[keep++] = act[k];
			double bad = 100 * fabs(r) * r * r;
			if (bad > 1e6)
				bad = 1e6;
			double pen = end ? 0 : pl->atoms[q].pen;
			double dem = (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + pen * pen;
			if (end && runt(pl, s, q))
				dem += RUNT_DEMERITS;
			dem += nd->demerits;
			if (dem < bestd) {
				bestd = dem;
				best = (int)act[k];
			}
		}
		nact = keep;
		if (best < 0 && nact == 0 && best_over >= 0) {
			/* Nothing fits: break here overfull (reported below). */
			best = best_over;
			bestd = pool[best].demerits + 1e12;
		}
		if (best >= 0) {
			node nn = { .pos = q, .line = pool[best].line + 1, .demerits = bestd, .prev = best };
			*NQ_PUSH(a, pool, np, capn) = nn;
			*NQ_PUSH(a, act, nact, capact) = np - 1;
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
	for (int i = 0; i < count; i++) {
		nq_line *ln = &pl->lines[i];
		float w = line_width(t, i);
		ln->x0 = i == 0 ? t->indent + lead0 : t->hang;
		if (i == 0)
			w -= lead0;
		justify(a, pl, ln, w, i == count - 1);
		if (ln->width > w + 0.01f)
			ln->overfull = true;
		if (ln->overfull) {
			/* Quote at most ~20 characters, cut on a character
			 * boundary. */
			uint32_t from = pl->atoms[ln->a0].start, to = pl->atoms[ln->a1 - 1].end;
			size_t k = from;
			for (int nch = 0; k < to && nch < 20; nch++)
				nq_utf8_next(t->text, to, &k);
			nq_diag_add(d, NQ_WARNING, NQ_DC_INPUT, t->path, t->offset,
			            "line %d is %.1f pt too wide: no break allowed in \"%.*s%s\"", i + 1,
			            ln->width - w, (int)(k - from), t->text + from, k < to ? "…" : "");
		}
	}
	return pl;
}
