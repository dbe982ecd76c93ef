/*
 * model.h - the validated document: what the issue says, with nothing left
 * to check.  Built from the JSON tree by model.c; read by layout/.
 */
#ifndef NQ_MODEL_H
#define NQ_MODEL_H

#include "nqpdf.h"
#include "json/json.h"

enum { NQ_STYLE_REGULAR = 0, NQ_STYLE_BOLD = 1 };

/* Where a text the model keeps was written, for the messages of later
 * stages (layout's overfull headings): its JSON pointer and the source
 * offset of its string; { NULL, -1 } for a text nqpdf made up (a default
 * label). */
typedef struct nq_loc {
	const char *path;
	long offset;
} nq_loc;

/* A stretch [start, end) of a paragraph's text with one style and link. */
typedef struct nq_span {
	uint32_t start, end;
	uint8_t style;
	int ref;          /* index into doc->refs of a citation link, or -1 */
	int cite_id;      /* the number the editor wrote, 0 when no citation */
	int cite_last;    /* > 0: a zero-width mark for the numbers a range
	                   * [2-5] cites between its ends, cite_id (3) to
	                   * cite_last (4); no link, only "cited" */
	long offset;      /* source offset of the citation, for diagnostics */
	const char *uri;  /* a bare web address the editor wrote, or NULL */
} nq_span;

/* A paragraph: UTF-8 text with markup removed, covered by spans in order. */
typedef struct nq_para {
	const char *text;
	size_t len;
	nq_span *spans;
	size_t nspans, caps;
	const char *path; /* JSON pointer, for diagnostics from later stages */
	long offset;
} nq_para;

typedef struct nq_paras {
	nq_para *v;
	size_t n, cap;
} nq_paras;

/* An image file the issue names (a figure, the logo, a footer code): the
 * model keeps the name and its place; pdf/image.c (nq_images_load) reads
 * it, confined to the issue's directory like fonts, and fills in the rest
 * before layout. */
typedef enum nq_image_format { NQ_IMAGE_PNG = 1, NQ_IMAGE_JPEG } nq_image_format;

typedef struct nq_image {
	const char *name;         /* as written, relative to the issue */
	const char *path;         /* JSON pointer */
	long offset;
	/* Filled by nq_images_load: */
	const unsigned char *data;
	size_t len;
	nq_image_format format;
	int width, height;        /* pixels */
	int same;                 /* index of the first image naming the same file (itself if none) */
	const char *file;         /* resolved path */
} nq_image;

/* The kinds of block a section holds, in the order written: a paragraph
 * string, or an object named by its one kind key (docs/format.md,
 * "Blocks").  Each kind is one entry in the per-kind tables of model.c,
 * dump.c and layout/block.c. */
typedef enum nq_block_kind {
	NQ_BLOCK_PARA,        /* a paragraph */
	NQ_BLOCK_SUBHEADING,  /* "subheading": numbered （一）（二）… in its section */
	NQ_BLOCK_LIST,        /* "list": items, bulleted or numbered */
	NQ_BLOCK_TABLE,       /* "table": rows of cells, the first the header */
	NQ_BLOCK_FIGURE,      /* "figure": an image file with a caption */
	NQ_BLOCK__COUNT
} nq_block_kind;

typedef struct nq_block {
	nq_block_kind kind;
	const char *path;     /* JSON pointer of the block */
	long offset;
	/* The block's texts are paragraphs of its section (so citations,
	 * limits and the text total treat them as any other): paras.v[first]
	 * and the n after it.  PARA: 1; LIST: the items; TABLE: the cells,
	 * row by row, cols to a row, the first row the header. */
	size_t first, n;
	size_t cols;          /* TABLE */
	bool numbered;        /* LIST: 1. 2. 3. instead of bullets */
	const char *number;   /* SUBHEADING: generated, "（一）" */
	const char *text;     /* SUBHEADING: the heading; TABLE, FIGURE: the caption or NULL */
	nq_loc text_at;
	int image;            /* FIGURE: index into doc->images */
} nq_block;

typedef struct nq_section {
	const char *number;   /* generated: "一、" */
	const char *heading;
	nq_loc heading_at;
	nq_paras paras;
	nq_block *blocks;     /* every paragraph and block in order */
	size_t nblocks, capblocks;
	int nsub;             /* sub-headings so far, for their numbers */
	const char *path;
} nq_section;

typedef struct nq_ref {
	int id;
	const char *source, *title, *date, *purpose, *url; /* date as typeset */
	const char *date_label; /* set before the date instead of labels.date, or NULL */
	uint32_t purl[4][2];    /* web addresses in purpose, byte ranges (inline.c) */
	int npurl;
	const char *iso;        /* the date as written, YYYY-MM-DD (plain, gbt7714), or NULL */
	bool uncited;           /* "cited": false: kept for checking, not cited on purpose */
	int cited;
	const char *path;
	long offset;
} nq_ref;

typedef struct nq_code {
	const char *caption, *payload;
	int image;         /* index into doc->images of a code given as an image file, or -1 */
	const char *path;  /* JSON pointer of the caption, for layout's warnings */
	long offset;       /* source offset of the caption string */
} nq_code;

typedef struct nq_labels {
	const char *abstract, *contents, *insight, *references, *source, *date,
	    *purpose, *link, *footer, *producers, *editor_note;
} nq_labels;

/* options.reference_style (docs/format.md): how a reference entry reads. */
enum { NQ_REFS_LABELLED = 1, NQ_REFS_PLAIN, NQ_REFS_GBT7714 };
/* options.page_numbers: "1" centred (today), or GB/T 9704 §7.5 "— 1 —". */
enum { NQ_FOLIO_PLAIN = 1, NQ_FOLIO_GBT9704 };
/* options.contents_parts: the parts the contents may list, as bits. */
enum {
	NQ_PART_ABSTRACT = 1 << 0,
	NQ_PART_SECTIONS = 1 << 1,
	NQ_PART_INSIGHT = 1 << 2,
	NQ_PART_REFERENCES = 1 << 3,
	NQ_PART_FOOTER = 1 << 4,
	NQ_PART_ALL = (1 << 5) - 1,
};

/* One line of the 报尾: a label (报, 送, 发) and who receives the issue. */
typedef struct nq_recipients {
	const char *label;
	const char **names;
	size_t nnames, capnames;
	const char *path;
} nq_recipients;

/* A font file named by the issue, relative to the issue's directory. */
typedef struct nq_font_ref {
	const char *name;
	const char *path;  /* JSON pointer */
	long offset;
} nq_font_ref;

/* "options": how the issue is set.  0 / NULL means "not given"; the
 * command line (nq_options) overrides, and layout/ picks the defaults. */
typedef struct nq_doc_options {
	int paper;                /* nq_paper */
	int kinsoku;              /* nq_kinsoku */
	int punct;                /* nq_punct */
	int contents;             /* -1 not given, 0 hide, 1 show */
	bool contents_subheadings; /* the contents list sub-headings too */
	const char *draft;        /* draft mark text, or NULL */
	int reference_style;      /* NQ_REFS_*, 0: labelled */
	int page_numbers;         /* NQ_FOLIO_*, 0: plain */
	unsigned contents_parts;  /* NQ_PART_* bits, 0: all */
	nq_font_ref *fonts;       /* extra fallback fonts, as written */
	size_t nfonts, capfonts;
	nq_font_ref faces[3];     /* "faces": body, bold, heading; name NULL: not given */
} nq_doc_options;

typedef struct nq_doc {
	const char *title;
	nq_loc title_at;
	const char *issue;        /* typeset: "第 128 期", or NULL */
	nq_loc issue_at;
	int issue_total;          /* running total (总第 N 期), 0 when not given */
	const char *classification; /* 密级 / "内部资料 注意保存", top left, or NULL */
	nq_loc classification_at;
	const char **producer_lines; /* issuing lines set without a label */
	size_t nproducer_lines, capprodl;
	nq_loc *producer_lines_at;   /* where each was written */
	nq_paras editor_note;     /* 编者按, before the first section */
	nq_recipients *recipients; /* 报尾: 报／送／发 lines */
	size_t nrecipients, caprecip;
	int copies;               /* 报尾: print run (共印 N 份), 0 when not given */
	bool has_distribution;
	nq_loc distribution_at;   /* where it was written, for layout's messages */
	const char **org;
	size_t norg, caporg;
	nq_loc *org_at;           /* where each was written */
	const char **producers;
	size_t nproducers, capprod;
	int year, month, day;
	const char *date;         /* typeset: "2026 年 5 月 14 日" */
	nq_paras abstract;
	nq_section *sections;
	size_t nsections, capsec;
	bool has_insight;
	nq_section insight;
	nq_ref *refs;
	size_t nrefs, caprefs;
	bool has_footer;
	const char *footer_heading, *footer_note;
	nq_loc footer_heading_at, footer_note_at;
	nq_code *codes;
	size_t ncodes, capcodes;
	nq_labels labels;
	nq_image *images;         /* every image file named, once per name */
	size_t nimages, capimages;
	int logo;                 /* index into images of the masthead logo, or -1 */
	const char *author, *subject, *keywords;
	nq_doc_options opt;
} nq_doc;

/* Validate the JSON tree and build the document.  Every problem is pushed to
 * d (with its JSON pointer and offset); returns NULL if any was an error. */
nq_doc *nq_model_build(nq_arena *a, const nq_json *j, nq_diags *d);
struct nq_buf;
void nq_model_dump(const nq_doc *doc, struct nq_buf *out);

#endif
