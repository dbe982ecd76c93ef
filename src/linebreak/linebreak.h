/*
 * linebreak.h - paragraphs of styled text in, justified lines out.
 *
 * The model (docs/typography.md): a paragraph is a row of atoms (one
 * HarfBuzz cluster each: an ideograph, a Latin letter, a punctuation mark's
 * inked half) with one gap between neighbours.  A gap is glue - natural
 * width, stretch, shrink - and may be a legal break.  Full-width punctuation
 * contributes its blank half to the neighbouring gap, so adjacent marks
 * compress and a mark at a line edge loses its blank half for free.
 */
#ifndef NQ_LINEBREAK_H
#define NQ_LINEBREAK_H

#include "layout/frame.h"
#include "shape/shape.h"

/* Style of a stretch of text. */
typedef struct nq_style {
	nq_font_id font;
	float size;        /* pt */
	nq_color color;
	int ref;           /* citation: index of the reference, or -1 */
	const char *uri;   /* external link, or NULL */
	bool url;          /* set as a URL: break after / . - _ ? & = only */
	bool keep;         /* a word nqpdf writes (a label, a date it formats):
	                    * no break inside the span */
} nq_style;

typedef struct nq_tspan {
	uint32_t start, end;
	nq_style st;
} nq_tspan;

/* Paragraph input. */
typedef struct nq_text {
	const char *text;
	size_t len;
	nq_tspan *spans;
	size_t nspans, cap;
	float width;        /* measure of every line, pt */
	float indent;       /* extra left indent of the first line (2 em) */
	float hang;         /* left indent of lines after the first (hanging) */
	bool justify;       /* false: ragged right (headings, captions) */
	bool fill;          /* ragged, lines filled rather than balanced: the
	                     * last line may be short (the 报尾's name lists) */
	nq_kinsoku kinsoku; /* prohibition level; DEFAULT means strict */
	nq_punct punct;     /* punctuation style; DEFAULT means quanjiao */
	const char *path;   /* JSON pointer for diagnostics */
	long offset;
} nq_text;

/* Character classes (CLREQ 3.1.7 tables, see clreq.c). */
typedef enum nq_cls {
	NQ_CL_HAN,      /* ideographs, kana, full-width forms that are not marks */
	NQ_CL_LATIN,    /* letters, digits and other narrow text */
	NQ_CL_OPEN,     /* opening marks: （《“‘「『【〔〖〈［｛ */
	NQ_CL_CLOSE,    /* closing marks: ）》”’」』】〕〗〉］｝ */
	NQ_CL_STOP,     /* pause and stop marks: 、，。．；：！？ */
	NQ_CL_MIDDLE,   /* ·・‧ and other centred marks */
	NQ_CL_DASH,     /* — ⸺ (halves of ——) */
	NQ_CL_ELLIPSIS, /* … ⋯ (halves of ……) */
	NQ_CL_SPACE,    /* U+0020, U+3000 */
	NQ_CL__COUNT
} nq_cls;

/* A full-width mark: a bracket, quote, pause or stop, or a centred mark. */
static inline bool nq_cl_mark(uint8_t c)
{
	return c == NQ_CL_OPEN || c == NQ_CL_CLOSE || c == NQ_CL_STOP || c == NQ_CL_MIDDLE;
}

/* What a gap is, which decides its glue and when justification spends it
 * (breaker.c follows CLREQ §3.8's order over these kinds). */
typedef enum nq_gap {
	NQ_GAP_NONE,  /* inside a Latin word, number, —— or ……: no break, no glue */
	NQ_GAP_SPACE, /* a typed Latin space */
	NQ_GAP_URL,   /* between characters of a URL */
	NQ_GAP_HL,    /* Han–Latin autospace */
	NQ_GAP_CJK,   /* between ideographs and marks */
} nq_gap;

/* CLREQ §3.8's reduction steps, in the order justification takes them
 * (line-end marks lose their blank half at the break, before all these).
 * ： is not in CLREQ's list; it goes last, with 。？！ (docs/typography.md). */
typedef enum nq_sq {
	NQ_SQ_SPACE,   /* Latin word spaces, down to ¼ em */
	NQ_SQ_MIDDLE,  /* the blanks of interpuncts ·・‧ */
	NQ_SQ_BRACKET, /* the blank halves of brackets and quotes （）《》“” beside another mark */
	NQ_SQ_BRACKET_LONE, /* ... beside an ideograph or a letter, where a squeeze shows */
	NQ_SQ_PAUSE,   /* the blank halves of ，、；, all equally */
	NQ_SQ_HL,      /* Han–Latin gaps, down to ⅛ em */
	NQ_SQ_LAST,    /* the blank halves of 。？！ and ： */
	NQ_SQ__COUNT
} nq_sq;

/* The penalty of a break inside a run wider than any line (atoms.c,
 * emergency_breaks): dearer than any other choice but an overfull line. */
#define NQ_EMERGENCY_PENALTY 10000

typedef struct nq_atom {
	uint32_t start, end;  /* the cluster's bytes in the text */
	int32_t cp;           /* its first code point */
	uint16_t span;
	nq_font_id font;      /* the face its glyphs are in: the span's, or a fallback */
	uint8_t cls;
	bool no_start, no_end; /* CLREQ line-start / line-end prohibitions */
	uint32_t g0, ng;      /* glyphs */
	float w;              /* box width, pt (the inked half for marks) */
	float lead;           /* glyph origin sits this far left of the box */
	float kern;           /* kerning with the next atom (HarfBuzz's advance less
	                       * the glyph's own): part of the gap, so a break drops it */
	/* The gap after this atom. */
	float gw, gst, gsh;   /* natural, stretch, shrink, pt */
	uint8_t gap;          /* nq_gap: the kind of the gap */
	uint8_t sq;           /* nq_sq: the reduction step that may take gsh */
	bool rigid;           /* an ideograph gap justification must not widen */
	bool brk;             /* a legal break */
	int16_t pen;          /* penalty for breaking here */
	uint32_t space_gid;   /* a typed space to keep for copy/paste, or 0 */
	nq_font_id space_font;
	float space_size;
} nq_atom;

/* A finished line: atoms [a0, a1) and where to put them. */
typedef struct nq_line {
	uint32_t a0, a1;
	float x0;          /* left edge of the line (indent, hang) */
	float width;       /* set width */
	float *gap;        /* set width of the gap after each atom a0..a1-2 */
	bool overfull;
	bool ragged;       /* too short to justify: set at natural width */
} nq_line;

typedef struct nq_para_lines {
	const nq_text *in;
	nq_glyph *glyphs;
	size_t nglyphs, capg;
	nq_atom *atoms;
	size_t natoms, capa;
	nq_line *lines;
	size_t nlines, capl;
	size_t max_active;  /* most breakpoints alive at once: bounded by a
	                     * line's worth of breaks, whatever the length */
} nq_para_lines;

/* Shape, build atoms, break and justify.  Overfull lines get a warning. */
nq_para_lines *nq_linebreak(nq_arena *a, const nq_text *t, const nq_fontset *fs, nq_diags *d);
/* For tests: measure every candidate line, without the cut that skips the
 * lines no later node can win with (breaker.c).  The breaks must come out
 * the same either way. */
extern bool nq_linebreak_exhaustive;

/* The space justification added to each ideograph gap of a line, em. */
double nq_line_cjk_added(const nq_para_lines *pl, const nq_line *ln);
/* Marks on a line squeezed so a reader sees it: a ，、；-step blank (or a
 * 。？！：-step one) beside no other mark, narrowed by more than
 * NQ_SEEN_SQUEEZE em. */
#define NQ_SEEN_SQUEEZE 0.2
int nq_line_lone_squeezes(const nq_para_lines *pl, const nq_line *ln);
/* The last line holds 1-3 characters under a longer one: a runt in ragged
 * text, which the breaker avoids wherever a break allows. */
bool nq_lines_runt(const nq_para_lines *pl);
/* A justified paragraph's last line of one character, or of citations and
 * marks only ("[3]。"), under others (nq_stats.stub_lines). */
bool nq_lines_stub(const nq_para_lines *pl);

/* atoms.c: shape t and build its atoms and gaps (no lines yet). */
nq_para_lines *nq_linebreak_atoms(nq_arena *a, const nq_text *t, const nq_fontset *fs);

/* Add a span of text to t (the text itself is t->text). */
void nq_text_span(nq_arena *a, nq_text *t, uint32_t start, uint32_t end, nq_style st);

/* clreq.c */
nq_cls nq_clreq_class(int32_t cp);
/* The class of the character at byte `at` of s in its context: ‘’“” are
 * Latin, not Chinese marks, where the text around them is English
 * (docs/typography.md); every other character as nq_clreq_class. */
nq_cls nq_clreq_class_at(const char *s, size_t len, size_t at);
/* The character at byte `at` is one of ‘’“” used as an English quote or
 * apostrophe: ’ between two letters; or the nearest letter or Chinese
 * character on each side (past spaces, digits and punctuation, within a
 * few characters) is not Chinese and one of them is a letter, and the same
 * holds for its partner (“ for ”, ‘ for ’) if it has one. */
bool nq_clreq_latin_quote(const char *s, size_t len, size_t at);
/* ‘ ’ “ ”: the only characters nq_clreq_latin_quote can say yes to, so a
 * caller that has decoded cp asks it only for these. */
static inline bool nq_clreq_ambiguous_quote(int32_t cp)
{
	return cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D;
}
/* An ideograph, kana, hangul or bopomofo: a character CLREQ §3.4.2's
 * Han–Latin space sits beside (not ＋％＝ and other full-width symbols). */
bool nq_clreq_ideograph(int32_t cp);
/* Line-edge prohibitions at a level (NQ_KINSOKU_BASIC, GB or STRICT). */
bool nq_clreq_no_start(int32_t cp, nq_kinsoku level);
bool nq_clreq_no_end(int32_t cp, nq_kinsoku level);

struct nq_buf;
void nq_lines_dump(const nq_para_lines *pl, struct nq_buf *b);

#endif
