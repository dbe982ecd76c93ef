/* main.c - runs every unit test and prints the one summary line. */
#include "harness.h"

int nq_t_pass, nq_t_fail;

int main(void)
{
	test_arena();
	test_utf8();
	test_diag();
	test_diag_bounds();
	test_json();
	test_clreq();
	test_clreq_quotes();
	test_shape_quote_pieces();
	test_linebreak();
	test_linebreak_cut();
	test_cmap();
	test_cff();
	test_subset();
	printf("unit: %d passed, %d failed\n", nq_t_pass, nq_t_fail);
	return nq_t_fail ? 1 : 0;
}
