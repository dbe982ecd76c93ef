/* test_json.c - the JSON stage: positions of values and keys, syntax errors. */
#include "harness.h"
#include "json/json.h"

/* Parse src; returns true on success and leaves the first error's offset and
 * message in *off / *msg. */
static bool parse(nq_arena *a, const char *src, size_t len, nq_json *j, long *off,
                  const char **msg)
{
	nq_diags d = { .arena = a, .file = "t", .src = src, .srclen = len };
	bool ok = nq_json_parse(a, src, len, &d, j);
	*off = d.n ? d.v[0].offset : -2;
	*msg = d.n ? d.v[0].msg : "";
	if (ok && d.errors)
		ok = false;
	return ok;
}

#define P(s) parse(a, s, sizeof(s) - 1, &j, &off, &msg)

void test_json(void)
{
	nq_arena *a = nq_arena_new();
	nq_json j;
	long off;
	const char *msg;

	/*              0         1         2         3
	 *              0123456789012345678901234567890123 */
	const char s[] = "{\"a\": 1, \"bc\" : [true, \"x\"],\n \"d\": {\"e\": null}}";
	NQ_OK(P(s));
	NQ_INT_EQ(nq_json_offset(&j, j.root), 0);
	cJSON *va = cJSON_GetObjectItemCaseSensitive(j.root, "a");
	NQ_INT_EQ(nq_json_offset(&j, va), 6);
	NQ_INT_EQ(nq_json_key_offset(&j, va), 1);
	cJSON *vbc = cJSON_GetObjectItemCaseSensitive(j.root, "bc");
	NQ_INT_EQ(nq_json_key_offset(&j, vbc), 9);
	NQ_INT_EQ(nq_json_offset(&j, vbc), 16);
	NQ_INT_EQ(nq_json_offset(&j, cJSON_GetArrayItem(vbc, 0)), 17);
	NQ_INT_EQ(nq_json_offset(&j, cJSON_GetArrayItem(vbc, 1)), 23);
	/* An array element has no key: key offset falls back to the value. */
	NQ_INT_EQ(nq_json_key_offset(&j, cJSON_GetArrayItem(vbc, 1)), 23);
	cJSON *vd = cJSON_GetObjectItemCaseSensitive(j.root, "d");
	NQ_INT_EQ(nq_json_key_offset(&j, vd), 30);
	NQ_INT_EQ(nq_json_offset(&j, vd), 35);
	cJSON *ve = cJSON_GetObjectItemCaseSensitive(vd, "e");
	NQ_INT_EQ(nq_json_key_offset(&j, ve), 36);
	NQ_INT_EQ(nq_json_offset(&j, ve), 41);
	NQ_INT_EQ(nq_json_offset(&j, NULL), -1);
	nq_json_free(&j);

	/* Offsets count bytes, also after multi-byte text. */
	NQ_OK(P("{\"k\": \"\xE4\xB8\xAD\xE6\x96\x87\", \"n\": 2}"));
	NQ_INT_EQ(nq_json_offset(&j, cJSON_GetObjectItemCaseSensitive(j.root, "n")), 21);
	nq_json_free(&j);

	/* Syntax errors and where they are reported. */
	NQ_OK(!P("{\"a\": 1,}"));
	NQ_INT_EQ(off, 8);
	NQ_OK(strstr(msg, "trailing comma") != NULL);
	NQ_OK(!P("[1, 2,]"));
	NQ_INT_EQ(off, 6);
	NQ_OK(!P("{\"a\": 1 \"b\": 2}"));
	NQ_INT_EQ(off, 8);
	NQ_OK(strstr(msg, "missing ','") != NULL);
	NQ_OK(!P("{\"a\": \"abc}"));
	NQ_INT_EQ(off, 6); /* the opening quote of the string */
	NQ_OK(strstr(msg, "unterminated") != NULL);
	NQ_OK(!P("{\"a\": 1, \"a\": 2}"));
	NQ_INT_EQ(off, 9); /* the second "a" */
	NQ_OK(strstr(msg, "duplicate key") != NULL);
	/* The same key spelled with an escape is still a duplicate. */
	NQ_OK(!P("{\"a\": 1, \"\\u0061\": 2}"));
	NQ_INT_EQ(off, 9);
	NQ_OK(!P("{\"a\": 1} x"));
	NQ_INT_EQ(off, 9);
	NQ_OK(!P("{\"a\": 'x'}"));
	NQ_INT_EQ(off, 6);
	NQ_OK(!P("{\"a\": \"\\q\"}"));
	NQ_OK(off >= 6 && off <= 8);
	NQ_OK(!P("{\"a\": 01}"));
	NQ_OK(off >= 6 && off <= 7);
	NQ_OK(!P("{\"a\": \"x\xFFy\"}"));
	NQ_INT_EQ(off, 8);
	NQ_OK(!P("{\"a\": \"x\ty\"}"));
	NQ_INT_EQ(off, 8);
	NQ_OK(!P("   "));
	NQ_OK(!P("{\"a\": \"\\u0000\"}"));
	{
		/* Depth beyond NQ_JSON_MAX_DEPTH is refused, not a stack overflow. */
		char deep[200];
		memset(deep, '[', 100);
		memset(deep + 100, ']', 100);
		NQ_OK(!parse(a, deep, sizeof deep, &j, &off, &msg));
	}

	/* A UTF-8 BOM is accepted; offsets still count from the file start. */
	NQ_OK(P("\xEF\xBB\xBF{\"a\": 1}"));
	if (j.root) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(j.root, "a");
		NQ_OK(cJSON_IsNumber(v));
		NQ_INT_EQ(nq_json_offset(&j, v), 9);
		NQ_INT_EQ(nq_json_key_offset(&j, v), 4);
	}
	nq_json_free(&j);
	NQ_OK(!P("\xEF\xBB\xBF{\"a\": 1,}"));
	NQ_INT_EQ(off, 11);
	nq_arena_free(a);
}
