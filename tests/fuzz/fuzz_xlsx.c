/* Fuzz target: the XLSX reader (zip container, sheet XML, shared strings).
 * Property: as csv_next's, every cell is NUL-terminated valid UTF-8 (the
 * tools put cells into JSON and into SQLite as text). */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_reader *r;
	struct csv_row row;
	struct gk_err e;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	r = xlsx_open(path, NULL, &e);
	if (r) {
		while (xlsx_next(r, &row, &e) > 0)
			for (size_t i = 0; i < row.nfields; i++)
				if (row.fields[i][row.lens[i]] != '\0' ||
				    !utf8_valid(row.fields[i], row.lens[i]))
					abort();
		xlsx_close(r);
	}
	close(fd);
	return 0;
}
