/* Fuzz target: the CSV reader (encodings, quoting, line ends, UTF-16
 * without a byte-order mark refused).  Properties: every field is
 * NUL-terminated valid UTF-8; the header row (the first) holds no NUL
 * byte (a name would end at it: each is shown as '?', the field named as
 * one of bad bytes). */
#include "fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the options, the rest is the file. */
	static const char *const encodings[] = {NULL, "utf-8", "gb18030",
						"utf-16le"};
	struct csv_options o = {0};
	struct csv_reader *r;
	struct csv_row row;
	struct gk_err e;
	char path[64], hex[65];
	int fd;

	if (size < 1)
		return 0;
	o.encoding = encodings[data[0] & 3];
	o.delimiter = (data[0] & 4) ? ';' : 0;
	o.sha256 = data[0] & 8;
	fd = fuzz_file(data + 1, size - 1, path);
	if (fd < 0)
		return 0;
	r = csv_open(path, &o, &e);
	if (r) {
		for (bool header = true; csv_next(r, &row, &e) > 0;
		     header = false) {
			for (size_t i = 0; i < row.nfields; i++) {
				if (row.fields[i][row.lens[i]] != '\0' ||
				    !utf8_valid(row.fields[i], row.lens[i]))
					abort(); /* fields must be NUL-terminated UTF-8 */
				if (header &&
				    memchr(row.fields[i], '\0', row.lens[i]))
					abort(); /* a header's NUL shown */
			}
			if (row.nul_replaced && row.bad_encoding_field < 0)
				abort(); /* the field is named */
		}
		csv_sha256(r, hex);
		csv_close(r);
	}
	close(fd);
	return 0;
}
