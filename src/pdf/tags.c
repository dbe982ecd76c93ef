/*
 * tags.c - the structure tree of a tagged PDF (PDF 32000-1, 14.7 and 14.8;
 * ISO 14289-1 PDF/UA-1, 7.1-7.18).
 *
 * Takes: the structure elements layout made (frame.h, nq_elem: role,
 * parent, alternative text), and from hpdf.c, while it writes each page,
 * which marked-content id (MCID) holds which element's content and which
 * link annotation belongs to which Link element.
 * Makes: the StructTreeRoot under the catalog with one Document root, an
 * indirect StructElem per element that has content (kids in the order
 * their content came: reading order, since layout emits it so), the
 * ParentTree (page MCIDs and annotations back to their elements), the
 * pages' /StructParents, the annotations' /StructParent and the catalog's
 * /MarkInfo.
 * Leaves to others: which role a piece of the page has (layout), writing
 * the marked-content operators and the annotations themselves (hpdf.c).
 *
 * An element is put under its parent when its first content is, not when
 * layout made it: a paragraph's Link elements are made before its lines
 * are drawn, and the order of kids must be the order of the text.
 * Elements that never get content (an issue without a date line) are
 * left out.
 */
#include "tags.h"
#include "cmap.h"

#include <string.h>

/* The structure type of each role (PDF 32000-1, 14.8.4), and the key its
 * alternative text goes under: a figure's description as /Alt (PDF/UA-1,
 * 7.3).  A Link's text goes on its annotation as /Contents (PDF/UA-1,
 * 7.18.1), written by hpdf.c.  Headings get no /T (typst writes one):
 * their text is their content already, and every element is an
 * uncompressed object of its own (libharu 2.3.0), so it would cost 4
 * bytes a character for nothing a reader needs. */
static const struct {
	const char *type;
	const char *alt_key;
} role_info[NQ_ROLE__COUNT] = {
	[NQ_ROLE_H1] = { "H1", NULL },
	[NQ_ROLE_H2] = { "H2", NULL },
	[NQ_ROLE_H3] = { "H3", NULL },
	[NQ_ROLE_P] = { "P", NULL },
	[NQ_ROLE_L] = { "L", NULL },
	[NQ_ROLE_LI] = { "LI", NULL },
	[NQ_ROLE_LBL] = { "Lbl", NULL },
	[NQ_ROLE_LBODY] = { "LBody", NULL },
	[NQ_ROLE_TOC] = { "TOC", NULL },
	[NQ_ROLE_TOCI] = { "TOCI", NULL },
	[NQ_ROLE_LINK] = { "Link", NULL },
	[NQ_ROLE_FIGURE] = { "Figure", "Alt" },
	[NQ_ROLE_TABLE] = { "Table", NULL },
	[NQ_ROLE_TR] = { "TR", NULL },
	[NQ_ROLE_TH] = { "TH", NULL },
	[NQ_ROLE_TD] = { "TD", NULL },
};

/* PDF/A-2 (ISO 19005-2, 6.1.13) and PDF 32000-1 Annex C: a string holds
 * at most 32,767 bytes.  UTF-16 takes at most 2 bytes per UTF-8 byte, so
 * 16,382 bytes of UTF-8 stay within it with the BOM. */
#define TEXT_MAX_UTF8 16382

typedef enum kid_kind { KID_ELEM, KID_MCR, KID_OBJR } kid_kind;

typedef struct kid {
	kid_kind kind;
	int elem;        /* KID_ELEM */
	size_t page;     /* KID_MCR, KID_OBJR */
	int mcid;        /* KID_MCR */
	HPDF_Dict annot; /* KID_OBJR */
	size_t ann;      /* KID_OBJR: its index in nq_tags.ann */
} kid;

typedef struct tnode {
	kid *k;
	size_t n, cap;
	bool attached;
	bool has_page;   /* page0 is the page of its first MCR */
	size_t page0;
} tnode;

typedef struct pmc {  /* one page's MCIDs: the element of each */
	int *elem;
	size_t n, cap;
} pmc;

struct nq_tags {
	nq_arena *a;
	const nq_frames *fr;
	tnode *node;      /* [0] the Document root, [e] element e */
	pmc *page;        /* per page */
	size_t nann;      /* link annotations so far: keys npages + 0, 1, ... */
};

nq_tags *nq_tags_new(nq_arena *a, const nq_frames *fr)
{
	nq_tags *t = NQ_NEW(a, nq_tags);
	t->a = a;
	t->fr = fr;
	t->node = NQ_NEWN(a, tnode, fr->nelems + 1);
	t->page = NQ_NEWN(a, pmc, fr->npages ? fr->npages : 1);
	return t;
}

static bool valid(const nq_tags *t, int e)
{
	return e > 0 && (size_t)e <= t->fr->nelems && t->fr->elems[e - 1].role >= 0 &&
	       t->fr->elems[e - 1].role < NQ_ROLE__COUNT;
}

const char *nq_tags_tag(const nq_tags *t, int elem)
{
	return valid(t, elem) ? role_info[t->fr->elems[elem - 1].role].type : NULL;
}

static void add_kid(nq_tags *t, int e, kid k)
{
	tnode *nd = &t->node[e];
	*NQ_PUSH(t->a, nd->k, nd->n, nd->cap) = k;
}

/* Put e (and its ancestors, first) into the tree. */
static void attach(nq_tags *t, int e)
{
	tnode *nd = &t->node[e];
	if (nd->attached)
		return;
	nd->attached = true;
	if (e == 0)
		return;
	int p = t->fr->elems[e - 1].parent;
	if (!valid(t, p) || p >= e)
		p = 0; /* parents come first (frame.h); anything else hangs under the root */
	attach(t, p);
	add_kid(t, p, (kid){ .kind = KID_ELEM, .elem = e });
}

int nq_tags_mcid(nq_tags *t, size_t page, int elem)
{
	pmc *pm = &t->page[page];
	int mcid = (int)pm->n;
	*NQ_PUSH(t->a, pm->elem, pm->n, pm->cap) = elem;
	attach(t, elem);
	tnode *nd = &t->node[elem];
	if (!nd->has_page) {
		nd->has_page = true;
		nd->page0 = page;
	}
	add_kid(t, elem, (kid){ .kind = KID_MCR, .page = page, .mcid = mcid });
	return mcid;
}

bool nq_tags_annot(nq_tags *t, size_t page, int elem, HPDF_Dict an)
{
	if (!valid(t, elem))
		return true; /* an untagged link: nothing to add */
	int key = (int)(t->fr->npages + t->nann);
	if (HPDF_Dict_AddNumber(an, "StructParent", key) != HPDF_OK)
		return false;
	t->nann++;
	attach(t, elem);
	add_kid(t, elem, (kid){ .kind = KID_OBJR, .page = page, .annot = an, .ann = t->nann - 1 });
	return true;
}

void *nq_tags_text(nq_arena *a, HPDF_MMgr mm, const char *s)
{
	size_t len = strlen(s);
	/* Printable ASCII is the same in PDFDocEncoding: a literal string,
	 * a byte a character instead of four hex digits. */
	size_t ascii = 0;
	while (ascii < len && s[ascii] >= 0x20 && s[ascii] < 0x7F)
		ascii++;
	if (ascii == len && len <= TEXT_MAX_UTF8)
		return HPDF_String_New(mm, s, NULL);
	len = nq_utf8_cut(s, len, TEXT_MAX_UTF8);
	nq_buf b = { .a = a };
	nq_buf_put(&b, "\xFE\xFF", 2);
	nq_utf16be(&b, s, len);
	return HPDF_Binary_New(mm, (HPDF_BYTE *)b.p, (HPDF_UINT)b.n);
}

static HPDF_Dict indirect(HPDF_Doc pdf)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* An element's kids in one /K array: libharu arrays hold at most 32,767
 * items (HPDF_LIMIT_MAX_ARRAY), and a 256 KiB paragraph of citations has
 * a Link and a run of text for each.  An element with more kids holds
 * them in groups of KIDS_MAX under grouping elements (Span in an inline
 * or paragraph element, Div in the Document), which add no meaning. */
#define KIDS_MAX 8192

/* What writing the tree needs besides the tree. */
typedef struct wtree {
	nq_tags *t;
	HPDF_Doc pdf;
	HPDF_Page *pages;
	HPDF_Dict *obj;       /* per element */
	HPDF_Dict *parent;    /* per element: the dictionary whose /K holds it */
	HPDF_Dict **owner;    /* per page, per MCID: the same for content */
	HPDF_Dict *ann_owner; /* per annotation: the same for its OBJR */
} wtree;

/* Kids k[0, n) as the /K of d, whose /Pg is page pg when has_pg: the one
 * kid bare, or an array; records who holds each. */
static bool put_kids(wtree *wt, HPDF_Dict d, const kid *k, size_t n, bool has_pg, size_t pg)
{
	HPDF_MMgr mm = wt->pdf->mmgr;
	HPDF_STATUS st = HPDF_OK;
	HPDF_Array a = n == 1 ? NULL : HPDF_Array_New(mm);
	if (n != 1 && (!a || HPDF_Dict_Add(d, "K", a) != HPDF_OK))
		return false;
	for (size_t i = 0; i < n; i++) {
		const kid *kd = &k[i];
		void *o;
		if (kd->kind == KID_ELEM) {
			o = wt->obj[kd->elem];
			wt->parent[kd->elem] = d;
		} else if (kd->kind == KID_MCR && has_pg && kd->page == pg) {
			o = HPDF_Number_New(mm, kd->mcid);
		} else {
			/* A reference dictionary (14.7.4.2, 14.7.4.3): for
			 * content on another page than /Pg (a paragraph across
			 * a page break), with its own /Pg, and for an
			 * annotation, which has /Pg only when it is not on the
			 * element's page. */
			HPDF_Dict r = HPDF_Dict_New(mm);
			if (!r)
				return false;
			o = r;
			if (!has_pg || kd->page != pg)
				st |= HPDF_Dict_Add(r, "Pg", wt->pages[kd->page]);
			if (kd->kind == KID_MCR) {
				st |= HPDF_Dict_AddName(r, "Type", "MCR");
				st |= HPDF_Dict_AddNumber(r, "MCID", kd->mcid);
			} else {
				st |= HPDF_Dict_AddName(r, "Type", "OBJR");
				st |= HPDF_Dict_Add(r, "Obj", kd->annot);
			}
		}
		if (kd->kind == KID_MCR)
			wt->owner[kd->page][kd->mcid] = d;
		else if (kd->kind == KID_OBJR)
			wt->ann_owner[kd->ann] = d;
		if (!o || (a ? HPDF_Array_Add(a, o) : HPDF_Dict_Add(d, "K", o)) != HPDF_OK)
			return false;
	}
	return st == HPDF_OK;
}

bool nq_tags_write(nq_tags *t, HPDF_Doc pdf, HPDF_Page *pages)
{
	const nq_frames *fr = t->fr;
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_STATUS st = HPDF_OK;
	wtree wt = { .t = t, .pdf = pdf, .pages = pages };

	t->node[0].attached = true; /* a Document root even for an empty page */
	HPDF_Dict root = indirect(pdf);
	if (!root)
		return false;
	st |= HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	wt.obj = NQ_NEWN(t->a, HPDF_Dict, fr->nelems + 1);
	wt.parent = NQ_NEWN(t->a, HPDF_Dict, fr->nelems + 1);
	wt.owner = NQ_NEWN(t->a, HPDF_Dict *, fr->npages ? fr->npages : 1);
	wt.ann_owner = NQ_NEWN(t->a, HPDF_Dict, t->nann ? t->nann : 1);
	for (size_t p = 0; p < fr->npages; p++)
		wt.owner[p] = NQ_NEWN(t->a, HPDF_Dict, t->page[p].n ? t->page[p].n : 1);
	for (size_t e = 0; e <= fr->nelems; e++)
		if (t->node[e].attached && !(wt.obj[e] = indirect(pdf)))
			return false;
	st |= HPDF_Dict_Add(root, "K", wt.obj[0]);
	wt.parent[0] = root;

	/* Parents come before their kids (frame.h), so each element's /P is
	 * known (wt.parent, set by put_kids) when its turn comes. */
	for (size_t e = 0; e <= fr->nelems; e++) {
		const tnode *nd = &t->node[e];
		HPDF_Dict d = wt.obj[e];
		if (!nd->attached)
			continue;
		/* No /Type /StructElem: it is optional (Table 323) and every
		 * element is an object of its own; even packed in an object
		 * stream (save.c), bytes count here. */
		st |= HPDF_Dict_Add(d, "P", wt.parent[e]);
		if (e == 0) {
			st |= HPDF_Dict_AddName(d, "S", "Document");
		} else {
			const nq_elem *el = &fr->elems[e - 1];
			st |= HPDF_Dict_AddName(d, "S", role_info[el->role].type);
			if (el->alt && *el->alt && role_info[el->role].alt_key) {
				void *s = nq_tags_text(t->a, mm, el->alt);
				if (!s)
					return false;
				st |= HPDF_Dict_Add(d, role_info[el->role].alt_key, s);
			}
		}
		if (nd->has_page)
			st |= HPDF_Dict_Add(d, "Pg", pages[nd->page0]);
		if (nd->n <= KIDS_MAX) {
			if (!put_kids(&wt, d, nd->k, nd->n, nd->has_page, nd->page0))
				return false;
			continue;
		}
		HPDF_Array groups = HPDF_Array_New(mm);
		if (!groups || HPDF_Dict_Add(d, "K", groups) != HPDF_OK)
			return false;
		for (size_t i = 0; i < nd->n; i += KIDS_MAX) {
			size_t n = nd->n - i < KIDS_MAX ? nd->n - i : KIDS_MAX;
			HPDF_Dict g = indirect(pdf);
			if (!g || HPDF_Array_Add(groups, g) != HPDF_OK)
				return false;
			st |= HPDF_Dict_AddName(g, "S", e == 0 ? "Div" : "Span");
			st |= HPDF_Dict_Add(g, "P", d);
			bool has_pg = false;
			size_t pg = 0;
			for (size_t j = i; j < i + n && !has_pg; j++)
				if (nd->k[j].kind == KID_MCR) {
					has_pg = true;
					pg = nd->k[j].page;
				}
			if (has_pg)
				st |= HPDF_Dict_Add(g, "Pg", pages[pg]);
			if (!put_kids(&wt, g, nd->k + i, n, has_pg, pg))
				return false;
		}
	}

	/* The ParentTree (14.7.4.4), a number tree: key p for page p, an
	 * array of elements by MCID; keys from npages on for the
	 * annotations, the element itself.  One flat /Nums, or leaves of
	 * PTREE_LEAF pairs under /Kids: libharu arrays hold at most 32,767
	 * items (HPDF_LIMIT_MAX_ARRAY) and a long URL wrapped over many
	 * lines has an annotation per line. */
	enum { PTREE_LEAF = 4096 };
	size_t npairs = t->nann;
	for (size_t p = 0; p < fr->npages; p++)
		npairs += t->page[p].n > 0;
	HPDF_Dict ptree = indirect(pdf);
	HPDF_Array kids = npairs > PTREE_LEAF ? HPDF_Array_New(mm) : NULL;
	if (!ptree || (npairs > PTREE_LEAF && (!kids || HPDF_Dict_Add(ptree, "Kids", kids) != HPDF_OK)))
		return false;
	HPDF_Array nums = NULL, limits = NULL;
	size_t inleaf = 0;
	int key = 0, last = 0;
	for (size_t i = 0; i < fr->npages + t->nann; i++) {
		const pmc *pm = i < fr->npages ? &t->page[i] : NULL;
		if (pm && pm->n == 0)
			continue;
		key = (int)i;
		if (!nums || inleaf == PTREE_LEAF) {
			HPDF_Dict leaf = kids ? indirect(pdf) : ptree;
			nums = HPDF_Array_New(mm);
			if (!leaf || !nums || HPDF_Dict_Add(leaf, "Nums", nums) != HPDF_OK)
				return false;
			if (kids) {
				if (limits)
					st |= HPDF_Array_AddNumber(limits, last);
				limits = HPDF_Array_New(mm);
				if (!limits || HPDF_Dict_Add(leaf, "Limits", limits) != HPDF_OK)
					return false;
				st |= HPDF_Array_AddNumber(limits, key);
				st |= HPDF_Array_Add(kids, leaf);
			}
			inleaf = 0;
		}
		inleaf++;
		st |= HPDF_Array_AddNumber(nums, key);
		if (pm) {
			HPDF_Array v = HPDF_Array_New(mm);
			if (!v || HPDF_Array_Add(nums, v) != HPDF_OK)
				return false;
			for (size_t m = 0; m < pm->n; m++)
				st |= HPDF_Array_Add(v, wt.owner[i][m]);
			st |= HPDF_Dict_AddNumber(pages[i], "StructParents", key);
		} else {
			st |= HPDF_Array_Add(nums, wt.ann_owner[i - fr->npages]);
		}
		last = key;
	}
	if (limits)
		st |= HPDF_Array_AddNumber(limits, last);
	st |= HPDF_Dict_Add(root, "ParentTree", ptree);
	st |= HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(fr->npages + t->nann));

	HPDF_Dict mark = HPDF_Dict_New(mm);
	if (!mark || HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark) != HPDF_OK)
		return false;
	st |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	/* No /Suspects: its default, false, is what PDF/UA-1 7.1 asks
	 * (veraPDF 7.1-4 tests "Suspects != true"), and poppler 22.02
	 * reports a written-out "/Suspects false" as "Suspects object is
	 * wrong type (boolean)". */
	st |= HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
	return st == HPDF_OK;
}
