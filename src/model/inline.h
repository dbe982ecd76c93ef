/*
 * inline.h - inline markup in paragraph text: citations and bold.
 */
#ifndef NQ_INLINE_H
#define NQ_INLINE_H

#include "model.h"

/* Parse text s (the decoded string value v) into p: "**" toggles bold and
 * is removed; [1], [1][3], [2,5], [2-4] become citation spans. */
bool nq_inline_parse(nq_arena *a, nq_diags *d, const cJSON *v, const char *s, nq_para *p,
                     const nq_json *j, const char *src);
/* Point every citation at its reference; report citations of missing ones. */
void nq_inline_resolve(nq_diags *d, nq_doc *doc);
/* Where a walk along a string value ended (model.c's string_offset). */
typedef struct nq_strpos {
	const cJSON *v;
	const char *s;  /* in the source */
	size_t dec;     /* decoded bytes before s */
} nq_strpos;
/* Source offset of decoded byte k of v; pos (or NULL) carries the walk on
 * from one call to the next. */
long nq_model_string_offset(const nq_json *j, const char *src, const cJSON *v, size_t k,
                            nq_strpos *pos);
/* Is s[0..n) only white space, Unicode's or zero-width (model.c)? */
bool nq_model_blank(const char *s, size_t n);

#endif
