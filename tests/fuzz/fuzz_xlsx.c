/* Fuzz target: the XLSX reader (zip container, sheet XML, shared strings). */
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
			;
		xlsx_close(r);
	}
	close(fd);
	return 0;
}
