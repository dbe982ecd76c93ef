/* placeholder, filled in below */
#include "cli.h"
int nq_cli_watch(nq_cli *c)
{
	(void)c;
	return NQ_EXIT_INTERNAL;
}
