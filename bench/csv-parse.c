/*
 * bench/csv-parse.c: the CSV reader alone, for bench/check.sh: every row
 * of a file through csv_next(), nothing checked, no digest (or with it:
 * a second argument "sha256").  What gov-check's structural checks are
 * measured against ("near the CSV parser's own speed").
 */
#include "govkit.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct csv_options o;
	struct csv_reader *r;
	struct csv_row row;
	struct gk_err e;
	long rows = 0, cells = 0;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: csv-parse FILE [sha256]\n");
		return 2;
	}
	memset(&o, 0, sizeof o);
	o.sha256 = argc > 2 && strcmp(argv[2], "sha256") == 0;
	if (!(r = csv_open(argv[1], &o, &e))) {
		fprintf(stderr, "csv-parse: %s\n", e.msg);
		return 2;
	}
	while ((rc = csv_next(r, &row, &e)) > 0) {
		rows++;
		cells += (long)row.nfields;
	}
	if (rc < 0)
		fprintf(stderr, "csv-parse: %s\n", e.msg);
	printf("%ld rows, %ld cells\n", rows, cells);
	csv_close(r);
	return rc < 0 ? 2 : 0;
}
