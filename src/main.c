/*
 * main.c - the nqpdf command.  Everything is in src/cli/ (the command
 * line) and the library (include/nqpdf.h); this only hands over argv.
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return nq_cli_main(argc, argv);
}
