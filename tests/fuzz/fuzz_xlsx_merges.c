/*
 * Fuzz target: the first pass of xlsxread.c over a sheet's merged
 * ranges (merges_from_list), which looks for the start of <mergeCells>
 * in the part's bytes and parses only from there, or parses the part
 * from its start when unsure.  Differential property: on the same
 * sheet, the ranges it gives (sorted, overlaps dropped) and the note on
 * those ignored are those of the parse of the whole part; unless the
 * sheet's XML is broken, which reading its rows reports (each pass then
 * gives what it saw before the break).
 *
 * xlsxread.c is included, its first pass defined to be skipped when
 * whole is set (the target defines every symbol of xlsxread.c, so
 * libgovkit.a's xlsxread.o is not linked).
 *
 * The input is the sheet's XML, put into a workbook of one sheet (a zip
 * archive made here, stored, not deflated).  When its first byte is
 * 0x80 or more, that byte is dropped and blanks are put after the first
 * '>' of the rest, so many that the end of the part's first read (64 KB
 * less 512 bytes) falls 1 to 509 bytes past them: the list's start cut
 * by a read.
 */
#include "fuzz.h"

#include <string.h>

static bool whole;
#define XR_MERGES_FROM_LIST(r) (whole ? -1 : merges_from_list(r))
#include "xlsxread.c"

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffffu;

	if (table[1] == 0)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t t = i;
			for (int k = 0; k < 8; k++)
				t = t & 1 ? 0xedb88320u ^ (t >> 1) : t >> 1;
			table[i] = t;
		}
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void
le(struct gk_buf *b, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		buf_addc(b, (char)((v >> (8 * i)) & 0xff));
}

struct member {
	const char *name;
	const char *data;
	size_t len;
};

/* A zip archive of the members, stored. */
static void
make_zip(struct gk_buf *z, const struct member *m, size_t n)
{
	struct gk_buf cd;
	uint32_t offsets[8];

	buf_init(&cd);
	for (size_t i = 0; i < n; i++) {
		uint32_t crc =
			crc32_of((const unsigned char *)m[i].data, m[i].len);
		size_t nl = strlen(m[i].name);

		offsets[i] = (uint32_t)z->len;
		le(z, 0x04034b50u, 4);
		le(z, 20, 2);
		le(z, 0, 2);
		le(z, 0, 2); /* stored */
		le(z, 0, 2);
		le(z, 0x21, 2);
		le(z, crc, 4);
		le(z, (uint32_t)m[i].len, 4);
		le(z, (uint32_t)m[i].len, 4);
		le(z, (uint32_t)nl, 2);
		le(z, 0, 2);
		buf_add(z, m[i].name, nl);
		buf_add(z, m[i].data, m[i].len);

		le(&cd, 0x02014b50u, 4);
		le(&cd, 20, 2);
		le(&cd, 20, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 2);
		le(&cd, 0x21, 2);
		le(&cd, crc, 4);
		le(&cd, (uint32_t)m[i].len, 4);
		le(&cd, (uint32_t)m[i].len, 4);
		le(&cd, (uint32_t)nl, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 2);
		le(&cd, 0, 4);
		le(&cd, offsets[i], 4);
		buf_add(&cd, m[i].name, nl);
	}
	uint32_t cd_at = (uint32_t)z->len;
	buf_add(z, cd.data, cd.len);
	le(z, 0x06054b50u, 4);
	le(z, 0, 2);
	le(z, 0, 2);
	le(z, (uint32_t)n, 2);
	le(z, (uint32_t)n, 2);
	le(z, (uint32_t)cd.len, 4);
	le(z, cd_at, 4);
	le(z, 0, 2);
	buf_release(&cd);
}

static const char workbook[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
	"2006/main\" xmlns:r=\"r\"><sheets><sheet name=\"s\" sheetId=\"1\" "
	"r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* The first pass's, or the whole part's. */
static struct xlsx_reader *
open_with(const char *path, bool parse_whole)
{
	struct gk_err e;

	whole = parse_whole;
	return xlsx_open(path, NULL, &e);
}

static bool
same_merges(const struct xlsx_reader *a, const struct xlsx_reader *b)
{
	if (a->nmerges != b->nmerges || a->bad_merges != b->bad_merges ||
	    a->merge_note.len != b->merge_note.len ||
	    (a->merge_note.len > 0 &&
	     memcmp(a->merge_note.data, b->merge_note.data,
		    a->merge_note.len) != 0))
		return false;
	for (size_t i = 0; i < a->nmerges; i++)
		if (a->merges[i].r1 != b->merges[i].r1 ||
		    a->merges[i].r2 != b->merges[i].r2 ||
		    a->merges[i].c1 != b->merges[i].c1 ||
		    a->merges[i].c2 != b->merges[i].c2)
			return false;
	return true;
}

/* Whether reading the sheet's rows fails. */
static bool
rows_fail(struct xlsx_reader *r)
{
	struct csv_row row;
	struct gk_err e;
	int got;

	while ((got = xlsx_next(r, &row, &e)) > 0)
		;
	return got < 0;
}

static void
dump(const char *who, const struct xlsx_reader *r)
{
	dprintf(2, "%s: %zu ranges, %ld ignored, note '%s'\n", who, r->nmerges,
		r->bad_merges, r->merge_note.len ? r->merge_note.data : "");
	for (size_t i = 0; i < r->nmerges; i++)
		dprintf(2, "  rows %ld-%ld, columns %ld-%ld\n", r->merges[i].r1,
			r->merges[i].r2, r->merges[i].c1, r->merges[i].c2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf sheet, z;
	struct xlsx_reader *fast, *slow;
	char path[64];
	int fd;

	buf_init(&sheet);
	if (size > 0 && data[0] >= 0x80) {
		const uint8_t *gt = memchr(data + 1, '>', size - 1);
		size_t head = gt ? (size_t)(gt - data) : 0;
		size_t pad =
			XR_CHUNK - XR_EDGE - 1 - 4 * (size_t)(data[0] - 0x80);

		buf_add(&sheet, (const char *)data + 1, head);
		for (size_t i = 0; i < pad; i++)
			buf_addc(&sheet, i % 64 == 63 ? '\n' : ' ');
		buf_add(&sheet, (const char *)data + 1 + head, size - 1 - head);
	} else
		buf_add(&sheet, (const char *)data, size);
	buf_init(&z);
	make_zip(&z,
		 (const struct member[]){
			 {"xl/workbook.xml", workbook, sizeof workbook - 1},
			 {"xl/_rels/workbook.xml.rels", rels, sizeof rels - 1},
			 {"xl/worksheets/sheet1.xml", sheet.data, sheet.len},
		 },
		 3);
	fd = fuzz_file((const uint8_t *)z.data, z.len, path);
	if (fd < 0)
		goto out;
	fast = open_with(path, false);
	slow = open_with(path, true);
	if ((fast == NULL) != (slow == NULL)) {
		dprintf(2, "xlsx_open: %s with the first pass, %s without\n",
			fast ? "opened" : "failed", slow ? "opened" : "failed");
		abort();
	}
	if (fast && !same_merges(fast, slow) && !rows_fail(fast)) {
		dprintf(2, "merged ranges: the first pass's and the whole "
			   "part's differ on a sheet that reads:\n");
		dump("first pass", fast);
		dump("whole part", slow);
		abort();
	}
	if (fast)
		xlsx_close(fast);
	if (slow)
		xlsx_close(slow);
	close(fd);
out:
	buf_release(&z);
	buf_release(&sheet);
	return 0;
}
