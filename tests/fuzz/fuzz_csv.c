/* Fuzz target: the CSV reader (encodings, quoting, line ends, UTF-16
 * without a byte-order mark refused).  Properties: every field is
 * NUL-terminated valid UTF-8; the header row (the first) holds no NUL
 * byte (a name would end at it: each is shown as '?', the field named as
 * one of bad bytes).  And, when the file is valid UTF-8 (no NUL, no
 * UTF-8 byte-order mark) read with no --encoding, bits 4-5 of the first
 * byte may ask for it in UTF-32LE, UTF-32BE or UTF-16 (how), bits 6-7 in
 * which form (marks): with its byte-order mark once (0), twice (1) or
 * three times (2, for UTF-8 too: how 0 with marks 1 or 2), or without
 * one, read with --encoding utf-32 or utf-16, which name no byte order
 * (3: UTF-16LE or BE by the input's size; UTF-32 of code points in the
 * Basic Multilingual Plane, UTF-16 whose first code point is ASCII and
 * no code unit's low byte NUL, where the data tells the order): its
 * rows are then those of the UTF-8 file, equal (when csv_open takes the
 * UTF-8 file).  --encoding utf-32 and utf-16 are among the options of
 * the first byte too (bit 6 with gb18030 and utf-16le). */
#include "fuzz.h"

#include <string.h>

/* The file in another encoding (0 UTF-8, 1 UTF-32LE, 2 UTF-32BE,
 * 3 UTF-16LE, 4 UTF-16BE) from valid UTF-8, with its byte-order mark
 * nmarks times. */
static void
add16(struct gk_buf *b, bool be, uint32_t u)
{
	buf_addc(b, (char)(be ? u >> 8 : u & 0xff));
	buf_addc(b, (char)(be ? u & 0xff : u >> 8));
}

static void
encode_as(struct gk_buf *b, int how, int nmarks, const uint8_t *s, size_t n)
{
	static const char *const bom[] = {"\xef\xbb\xbf", "\xff\xfe\x00\x00",
					  "\x00\x00\xfe\xff", "\xff\xfe",
					  "\xfe\xff"};
	static const size_t bom_len[] = {3, 4, 4, 2, 2};

	for (int i = 0; i < nmarks; i++)
		buf_add(b, bom[how], bom_len[how]);
	if (how == 0) {
		buf_add(b, (const char *)s, n);
		return;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = s[i] < 0x80   ? 1
			   : s[i] < 0xe0 ? 2
			   : s[i] < 0xf0 ? 3
					 : 4;

		cp = k == 1 ? s[i] : s[i] & (0xff >> (k + 1));
		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | (s[i + j] & 0x3f);
		i += k;
		if (how == 1 || how == 2)
			for (int j = 0; j < 4; j++)
				buf_addc(b,
					 (char)(cp >>
						(8 * (how == 1 ? j : 3 - j))));
		else if (cp < 0x10000) {
			add16(b, how == 4, cp);
		} else {
			uint32_t v = cp - 0x10000;

			add16(b, how == 4, 0xd800 | v >> 10);
			add16(b, how == 4, 0xdc00 | (v & 0x3ff));
		}
	}
}

/* Does the data of the UTF-16 text w[0..n) (how 3 or 4, no mark) tell its
 * byte order?  Its first code unit's high byte NUL (ASCII), no low byte
 * NUL. */
static bool
utf16_order_shown(int how, const char *w, size_t n)
{
	int lo = how == 3 ? 0 : 1;

	if (n < 2 || w[1 - lo] != 0)
		return false;
	for (size_t i = 0; i + 1 < n; i += 2)
		if (w[i + lo] == 0)
			return false;
	return true;
}

/* Is every code point of valid UTF-8 s[0..n) in the BMP? */
static bool
bmp_only(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0xf0)
			return false;
	return true;
}

/* Every row csv_next gives, and how it ended, as one text; false when
 * csv_open refuses the file. */
static bool
rows_of(const char *path, const struct csv_options *o, struct gk_buf *out)
{
	struct csv_reader *r = csv_open(path, o, &(struct gk_err){0});
	struct csv_row row;
	int got;

	if (!r) {
		buf_adds(out, "refused");
		return false;
	}
	while ((got = csv_next(r, &row, &(struct gk_err){0})) > 0) {
		buf_printf(out, "row %ld line %ld bad %ld quote %d:", row.row,
			   row.line, row.bad_encoding_field,
			   (int)row.unterminated_quote);
		for (size_t i = 0; i < row.nfields; i++) {
			buf_printf(out, " %zu:", row.lens[i]);
			buf_add(out, row.fields[i], row.lens[i]);
		}
		buf_addc(out, '\n');
	}
	buf_printf(out, "end %d", got);
	csv_close(r);
	return true;
}

/* The rows of the file in UTF-8 and in the encoding how with marks (the
 * first comment): equal. */
static void
same_rows_encoded(int how, int marks, const struct csv_options *o,
		  const uint8_t *s, size_t n)
{
	struct csv_options o2 = *o;
	struct gk_buf other, want, got;
	char path[64];
	int fd;
	bool opened = false;

	if ((how == 0 && (marks == 0 || marks == 3)) || memchr(s, '\0', n) ||
	    !utf8_valid((const char *)s, n) ||
	    (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0))
		return;
	if (marks == 3) {
		if (how == 3 && n % 2)
			how = 4;
		if (how <= 2 && (!bmp_only(s, n) || n == 0))
			return;
		o2.encoding = how <= 2 ? "utf-32" : "utf-16";
	}
	buf_init(&other);
	buf_init(&want);
	buf_init(&got);
	encode_as(&other, how, marks == 3 ? 0 : marks + 1, s, n);
	if (marks == 3 && how >= 3 &&
	    !utf16_order_shown(how, other.data, other.len)) {
		buf_release(&other);
		buf_release(&want);
		buf_release(&got);
		return;
	}
	if ((fd = fuzz_file(s, n, path)) >= 0) {
		opened = rows_of(path, o, &want);
		close(fd);
	}
	/* (a file csv_open refuses in UTF-8, such as one that begins as a
	 * zip archive, an XLSX, may be read in another encoding) */
	if (opened && (fd = fuzz_file((const uint8_t *)other.data, other.len,
				      path)) >= 0) {
		rows_of(path, &o2, &got);
		close(fd);
	}
	if (opened &&
	    (want.len != got.len || memcmp(want.data, got.data, want.len))) {
		dprintf(2,
			"rows in UTF-8:\n%s\nin encoding %d, marks %d:\n%s\n",
			want.data, how, marks, got.data);
		abort();
	}
	buf_release(&other);
	buf_release(&want);
	buf_release(&got);
}

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
	/* the names of no byte order */
	if ((data[0] & 0x40) && (data[0] & 3) >= 2)
		o.encoding = (data[0] & 3) == 2 ? "utf-32" : "utf-16";
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
	if (o.encoding == NULL)
		same_rows_encoded(data[0] >> 4 & 3, data[0] >> 6, &o, data + 1,
				  size - 1);
	return 0;
}
