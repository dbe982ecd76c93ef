/*
 * harness.h - a tiny unit-test harness: check macros that count passes and
 * failures and print file:line on failure.  main.c runs every test_*
 * function declared below and prints `unit: N passed, N failed`.
 */
#ifndef NQ_HARNESS_H
#define NQ_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int nq_t_pass, nq_t_fail;

#define NQ_CHECK_(ok, ...) \
	do { \
		if (ok) { \
			nq_t_pass++; \
		} else { \
			nq_t_fail++; \
			fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

#define NQ_OK(c) NQ_CHECK_((c), "check failed: %s", #c)
#define NQ_INT_EQ(a, b) \
	do { long long a_ = (long long)(a), b_ = (long long)(b); \
	     NQ_CHECK_(a_ == b_, "%s == %s: %lld != %lld", #a, #b, a_, b_); } while (0)
#define NQ_STR_EQ(a, b) \
	do { const char *a_ = (a), *b_ = (b); \
	     NQ_CHECK_(a_ && b_ && !strcmp(a_, b_), "%s == %s: \"%s\" != \"%s\"", #a, #b, \
	               a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)

void test_arena(void);
void test_utf8(void);
void test_diag(void);
void test_diag_bounds(void);
void test_json(void);
void test_clreq(void);
void test_clreq_quotes(void);
void test_shape_quote_pieces(void);
void test_linebreak(void);
void test_linebreak_cut(void);
void test_cmap(void);
void test_cff(void);
void test_subset(void);

#endif
