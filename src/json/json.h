/*
 * json.h - JSON text -> cJSON tree plus source positions.
 */
#ifndef NQ_JSON_H
#define NQ_JSON_H

#include <cJSON.h>
#include "nqpdf.h"

/* Limits of the reader (docs/limits.md); each is refused with an error at
 * the offending place, before cJSON builds anything.
 * Nesting deeper than this is refused: an issue needs 4 levels; 64 keeps
 * the recursive scanner's stack small (after jq's MAX_PARSING_DEPTH). */
#define NQ_JSON_MAX_DEPTH 64
/* Bytes of one string as written, key or value: 256 KiB is about 87,000
 * ideographs, a 40-page paragraph, where a real one is a few hundred.
 * Bounds every later per-string cost (shaping, line breaking, messages
 * that quote a value). */
#define NQ_JSON_MAX_STRING (256 * 1024)
/* Values in the whole file: the full example has about 150, an issue at
 * every model limit (99 sections, 999 references, 10,000 paragraphs) about
 * 20,000.  Each value costs the reader and cJSON about 150 bytes, so this
 * keeps the tree under 16 MiB whatever the input. */
#define NQ_JSON_MAX_VALUES 100000

typedef struct nq_json_pos nq_json_pos;

typedef struct nq_json {
	cJSON *root;
	nq_json_pos *pos;   /* pointer-keyed table of value and key offsets */
	size_t npos, cap;
} nq_json;

/* Parse src.  Syntax errors, ill-formed UTF-8, NUL escapes, duplicate keys
 * and the limits above are pushed to d (all with byte offsets) and false is
 * returned.  A UTF-8
 * BOM is accepted.  Free the tree with nq_json_free. */
bool nq_json_parse(nq_arena *a, const char *src, size_t len, nq_diags *d,
                   nq_json *out) NQ_MUST_CHECK;
void nq_json_free(nq_json *j);
/* Byte offset of a value, or of the key of an object member. -1 if unknown. */
long nq_json_offset(const nq_json *j, const cJSON *v);
long nq_json_key_offset(const nq_json *j, const cJSON *v);

#endif
