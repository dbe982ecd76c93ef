/*
 * md.h - the Markdown stage: an issue written in Markdown (docs/markdown.md)
 * becomes the JSON text of the same issue, so every check of json/ and
 * model/ applies unchanged; and back (nqpdf convert).
 */
#ifndef NQ_MD_H
#define NQ_MD_H

#include "nqpdf.h"

/* From JSON offset `json` on (until the next anchor), the text was copied
 * from Markdown offset `md` (lin), or was made up for what is at `md`
 * (JSON punctuation, keys, a normalised number or date). */
typedef struct nq_md_anchor {
	long json, md;
	bool lin;
} nq_md_anchor;

typedef struct nq_md {
	const char *json;      /* the issue as JSON text (NUL-terminated) */
	size_t len;
	nq_md_anchor *v;       /* sorted by json */
	size_t n, cap;
	size_t srclen;         /* the Markdown's length: offsets stay in it */
} nq_md;

/* Markdown src -> JSON text in out.  Problems of the Markdown itself (the
 * YAML front matter, blocks the dialect has no place for, references that
 * cannot be read) are pushed to d with offsets into src.  Returns false
 * after an error. */
bool nq_md_to_json(nq_arena *a, const char *src, size_t len, nq_diags *d,
                   nq_md *out) NQ_MUST_CHECK;
/* The Markdown offset of JSON offset off (-1 stays -1). */
long nq_md_offset(const nq_md *m, long off);

/* The JSON issue src (already validated) -> Markdown text in out. */
bool nq_md_from_json(nq_arena *a, const char *src, size_t len, nq_diags *d,
                     const char **out, size_t *outlen) NQ_MUST_CHECK;

/* Bytes of typed numbering ("一、", "12.", "（三）" and the spaces after it)
 * at the start of heading h (n bytes), else 0. */
size_t nq_md_numbering(const char *h, size_t n);

/* Where the caption of a 关注我们 item s (n bytes) ends: the index of the
 * colon (：or :, *len bytes) before the payload, or -1 if there is none.
 * The rule (docs/markdown.md): the colon right before a URL; else the last
 * full-width colon outside brackets (《》“”（）…), else the last ASCII one;
 * *others counts the colons of that kind it passed over (0: no doubt).
 * md.c reads items with it; emit.c writes an item only where it splits
 * the item back as written. */
long nq_md_footer_sep(const char *s, size_t n, size_t *len, int *others);

/* Does a file name end in .md or .markdown? */
bool nq_md_name(const char *path);

#endif
