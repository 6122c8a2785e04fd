/*
 * xlsxw.c: a stream of records into a workbook (gov-xlsx's engine).
 *
 * libxlsxwriter's constant-memory mode writes each row as it comes, so the
 * header (the union of every record's columns) must be known before the
 * second row.  Hence two passes:
 *
 * 1. xlsxw_add / xlsxw_add_json parse a record straight from its JSON text
 *    (a small parser of our own that flattens as it goes: no cJSON tree per
 *    record), add its columns to its sheet group, widen the columns, and
 *    spool its cells to a temporary file in a compact binary form.
 * 2. xlsxw_finish writes the workbook from the spool, row by row.
 *
 * Memory holds the columns, the sheet names and one record, whatever the
 * number of rows.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "govkit.h"

#define XW_EXCEL_MAX_ROWS 1048576L /* rows in a sheet, header included */
#define XW_EXCEL_MAX_COLS 16384    /* columns in a sheet */
#define XW_EXCEL_MAX_CHARS XLSXW_CELL_MAX_UNITS
#define XW_SHEET_NAME_MAX 31 /* UTF-16 code units in a sheet name */
#define XW_MAX_SHEETS 500    /* groups of --sheet-by (open files) */
#define XW_MAX_DEPTH 64      /* nesting of a record */
/* A nested member's key is copied with its parents' ("a.b.c") for each
 * of its cells: a long key over many members would multiply. */
#define XW_MAX_KEYS_BYTES ((size_t)64 << 20) /* keys of one record, in all */
#define XW_WIDTH_MAX 60 /* column width cap, in characters */
#define XW_WIDTH_MIN 6
#define XW_WIDTH_PAD 2         /* room for the filter button */
#define XW_NUMBER_WIDTH_MAX 11 /* General shows at most 11 characters */
/* General shows a whole number of 12 digits or more as 1.23457E+11: from
 * here on one is shown by XW_FMT_WHOLE, every digit of it. */
#define XW_GENERAL_WHOLE_MAX 1e11
#define XW_EXACT_WHOLE_MAX 1e15      /* 10^XW_EXACT_DIGITS */
#define XW_EXACT_DIGITS 15           /* digits Excel keeps exactly */
#define XW_UNIX_EPOCH_SERIAL 25569.0 /* 1970-01-01 as an Excel serial */
#define XW_FIRST_SAFE_SERIAL 61.0    /* 1900-03-01, past Excel's 1900-02-29 */
#define XW_SECONDS_PER_DAY 86400.0
#define XW_SPOOL_BUFSIZE ((size_t)1 << 20)
#define XW_DEFAULT_SHEET "records"
#define XW_BLANK_SHEET "(blank)"
#define XW_SHEET_MASK_CHAR "\xef\xbc\x8a" /* U+FF0A, for '*' in a name */
#define XW_ARRAY_SEP "; "
#define XW_ELEMENT_ROW "row" /* an element sheet's column of its record's row */
/* ... and of its record's sheet, shown when the records continue on more
 * sheets: the first two columns of every element sheet */
#define XW_ELEMENT_SHEET "sheet"
#define XW_ELEMENT_SHEET_COL 0
#define XW_ELEMENT_ROW_COL 1
#define XW_FIRST_CLASH 2UL /* a key's second column in a record: "a (2)" */
#define XW_FMT_DATE "yyyy-mm-dd"
#define XW_FMT_DATETIME "yyyy-mm-dd hh:mm:ss"
/* A UTC time ("...Z") keeps its Z in sight: without it, a spreadsheet
 * user in China reads it as local time, eight hours off. */
#define XW_FMT_UTC "\"Z\"" /* after XW_FMT_DATETIME */
#define XW_FMT_TIME "hh:mm:ss"
/* A time given to the millisecond shows its fraction, as many digits as
 * it was given with (up to three: a serial keeps no finer, so a finer one
 * stays text); the digits ride in a cell's kind, above XW_FRAC_SHIFT. */
#define XW_FRAC_MAX 3
#define XW_FRAC_SHIFT 4
#define XW_KIND_MASK ((1u << XW_FRAC_SHIFT) - 1)
#define XW_FMT_WHOLE "0"

enum xw_kind {
	XK_NULL, /* the column exists, the cell stays blank */
	XK_STR,
	XK_NUM,
	XK_BOOL,
	XK_DATE, /* number: Excel serial */
	XK_DATETIME,
	XK_DATETIME_UTC, /* one that ended in Z */
	XK_TIME,
};

/* An object in an array of objects: a row of an element sheet. */
struct xw_elem {
	const char *s, *e; /* its JSON text, in the record's */
	size_t koff, klen; /* the array's key, in w->ekeys */
};

/* One flattened cell of the record being parsed. */
struct xw_pcell {
	size_t koff, klen; /* key in w->keys */
	size_t voff, vlen; /* string value in w->vals */
	double num;
	unsigned width; /* display width for numbers/dates/booleans */
	unsigned char kind;
	bool objects; /* an array of objects, with an element sheet */
};

/* The columns of one sheet group: names, widths, and a hash index. */
struct xw_cols {
	size_t n, cap;
	char **names;
	size_t *lens;
	uint32_t *hashes;
	unsigned *widths;
	uint32_t *slots; /* index + 1; 0 empty */
	size_t nslots;
	long *filled;              /* the last record that filled each column */
	unsigned long *next_clash; /* "name (k)": the k to try next in it */
	bool fixed;                /* --columns: no new columns */
	/* columns not on the sheet: an element sheet's XW_ELEMENT_SHEET
	 * column while its records fit on one sheet (it is shown once they
	 * continue); Excel's limit counts the others */
	size_t hidden;
	/* --columns naming an object (column_objects): the names listed
	 * are columns [0, nlisted); a column added for a leaf under one
	 * ("a.b" under "a") has under = that one's index + 1, else 0 */
	size_t nlisted;
	size_t *under;
	bool *valued; /* a cell other than null was put in the column */
	/* pass 2, when nlisted: each column's place on the sheet, -1 for
	 * none (a name listed that stands for its leaves); nout of them */
	long *pos;
	size_t nout;
};

struct xw_group {
	char *value;   /* the --sheet-by value ("" when missing); for an
		      * element sheet, the array's key */
	size_t parent; /* an element sheet's: its records' group + 1; 0 */
	size_t vlen;
	uint32_t vhash;
	char *name; /* sheet name */
	/* an element sheet's: the bytes of ".key" at the end of name, to
	 * keep whole in the names of its continuations; 0 */
	size_t name_tail;
	long rows; /* data rows */
	struct xw_cols cols;
	size_t first_sheet, nsheets; /* in pass 2 */
	/* an element sheet's XW_ELEMENT_SHEET column is shown: its records'
	 * sheet continues (pass 2) */
	bool link_sheet;
};

struct xlsxw {
	struct xlsxw_options o;
	long max_rows;
	char *type_filter;
	char *sheet_by;
	size_t sheet_by_len;
	cJSON *labels;
	char *default_name;
	char **col_list; /* --columns, split */
	size_t ncol_list;

	struct xw_group *groups;
	size_t ngroups, gcap;
	uint32_t *gslots;
	size_t ngslots;

	char **sheet_names; /* lowercased, for uniqueness */
	size_t nsheet_names, sncap;

	FILE *spool;
	char *spool_buf;
	const char *spool_dir; /* where the spool is, for messages */
	int spool_errno;       /* a write to it failed: xlsxw_finish tells */
	long records;
	long cut_cells;   /* text cut to XW_EXCEL_MAX_CHARS, or a \u0000 lost */
	bool nul_dropped; /* the record being parsed lost a \u0000 */
	/* the warnings of the record being added (each ended by a NUL), told
	 * once it is taken whole: a record refused is not warned about as
	 * if written */
	struct gk_buf warns;

	/* the record being parsed */
	const char *p, *end;
	struct gk_buf keys, vals, rec, esc, masked, clash;
	struct xw_pcell *cells;
	size_t ncells, ccap;
	int depth;
	unsigned long type_clash_next; /* the next "type (k)" of the record */
	long serial; /* rows spooled, element rows too: a row's identity */

	/* element sheets: the objects of the record's arrays of objects,
	 * each a span of the record's text, its array's key in ekeys */
	struct xw_elem *elems;
	size_t nelems, ecap;
	struct gk_buf ekeys, link;
	bool in_element; /* parsing one: its arrays of objects stay text */

	const char *src_name;
	long src_line;
};

/* ------------------------------------------------------------------ */
/* compression                                                         */
/* ------------------------------------------------------------------ */

/*
 * Half of a workbook's writing time is zlib compressing the sheet XML at
 * the default level (6), which libxlsxwriter 1.1 does not let us choose.
 * Its packager opens each zip member through minizip's
 * zipOpenNewFileInZip4_64 (a shared library call), so this definition in
 * the executable takes its place and passes the call on with level 1:
 * measured on 100,000 records of 10 columns, 1.8x less CPU for a file 26%
 * larger.  GOVKIT_XLSX_LEVEL (0-9) chooses another level.  Nothing else
 * in govkit writes zip files through minizip.
 */
#define XW_DEFLATE_LEVEL 1
#define XW_ENV_LEVEL "GOVKIT_XLSX_LEVEL"

typedef int (*xw_zip_open_fn)(void *, const char *, const void *, const void *,
			      unsigned, const void *, unsigned, const char *,
			      int, int, int, int, int, int, const char *,
			      unsigned long, unsigned long, unsigned long, int);

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
			    const void *extra_local, unsigned extra_local_size,
			    const void *extra_global,
			    unsigned extra_global_size, const char *comment,
			    int method, int level, int raw, int window_bits,
			    int mem_level, int strategy, const char *password,
			    unsigned long crc, unsigned long version_made_by,
			    unsigned long flag_base, int zip64);

int
zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
			const void *extra_local, unsigned extra_local_size,
			const void *extra_global, unsigned extra_global_size,
			const char *comment, int method, int level, int raw,
			int window_bits, int mem_level, int strategy,
			const char *password, unsigned long crc,
			unsigned long version_made_by, unsigned long flag_base,
			int zip64)
{
	xw_zip_open_fn real;
	const char *env = getenv(XW_ENV_LEVEL);
	void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");

	if (sym == NULL)
		return -1; /* ZIP_ERRNO: the workbook fails, never silently */
	memcpy(&real, &sym, sizeof real);
	if (level != 0) { /* level 0 means "store": keep it */
		level = XW_DEFLATE_LEVEL;
		if (env != NULL && env[0] >= '0' && env[0] <= '9' &&
		    env[1] == '\0')
			level = env[0] - '0';
	}
	return real(file, filename, zipfi, extra_local, extra_local_size,
		    extra_global, extra_global_size, comment, method, level,
		    raw, window_bits, mem_level, strategy, password, crc,
		    version_made_by, flag_base, zip64);
}

/* ------------------------------------------------------------------ */
/* small helpers                                                       */
/* ------------------------------------------------------------------ */

/* Byte length of the first `chars` code points of valid UTF-8 s[0..n). */
static size_t
utf8_prefix_bytes(const char *s, size_t n, size_t chars)
{
	size_t i = 0;
	while (i < n && chars > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

/*
 * Excel counts its limits (32,767 in a cell, 31 in a sheet name) in
 * UTF-16 code units: a character past U+FFFF (an emoji, a rare CJK
 * character of Extension B such as U+20BB7 in a name) takes two.  Past
 * the limit Excel "repairs" the workbook, cutting what it finds too long.
 * Byte length of the longest prefix of valid UTF-8 s[0..n), whole
 * characters, that takes at most `units` code units.
 */
static size_t
utf16_prefix_bytes(const char *s, size_t n, size_t units)
{
	size_t i = 0;
	while (i < n) {
		size_t take = (unsigned char)s[i] >= 0xF0 ? 2 : 1;
		if (take > units)
			break;
		units -= take;
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

size_t
xlsxw_text_fit(const char *s, size_t n)
{
	if (n <= XW_EXCEL_MAX_CHARS) /* bytes: never more units */
		return n;
	return utf16_prefix_bytes(s, n, XW_EXCEL_MAX_CHARS);
}

/* Digits as many as the shortest personal number has (a mobile), maybe
 * grouped ("138 1234 5678") or full-width ("１３８..."): only such text
 * is given to mask_text. */
#define XW_PERSONAL_MIN_DIGITS 11

static bool
has_enough_digits(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t digits = 0;
	for (size_t i = 0; i < n; i++)
		if (((u[i] >= '0' && u[i] <= '9') ||
		     (u[i] == 0xEF && n - i >= 3 && u[i + 1] == 0xBC &&
		      u[i + 2] >= 0x90 && u[i + 2] <= 0x99)) &&
		    ++digits >= XW_PERSONAL_MIN_DIGITS)
			return true;
	return false;
}

/* Text with a resident ID or phone number in it masked, into b; NULL
 * when there is none or --no-mask. */
static const char *
masked_text(const struct xlsxw *w, const char *s, size_t n, struct gk_buf *b)
{
	if (w->o.no_mask || n < XW_PERSONAL_MIN_DIGITS ||
	    !has_enough_digits(s, n) || !mask_text_needed(s, n))
		return NULL;
	buf_reset(b);
	mask_text(s, n, b);
	return b->data;
}

/* ------------------------------------------------------------------ */
/* columns                                                             */
/* ------------------------------------------------------------------ */

static void
cols_rehash(struct xw_cols *c, size_t nslots)
{
	free(c->slots);
	c->slots = gk_xcalloc(nslots, sizeof *c->slots);
	c->nslots = nslots;
	for (size_t i = 0; i < c->n; i++) {
		size_t j = c->hashes[i] & (nslots - 1);
		while (c->slots[j] != 0)
			j = (j + 1) & (nslots - 1);
		c->slots[j] = (uint32_t)i + 1;
	}
}

/* The longest name listed (c->nlisted) that key is a leaf under
 * ("a" or "a.b" for "a.b.c"), its index + 1; 0 for none. */
static size_t
cols_listed_parent(const struct xw_cols *c, const char *key, size_t len)
{
	size_t best = 0;
	for (size_t j = 0; j < c->nlisted; j++) {
		size_t n = c->lens[j];
		if (n < len && key[n] == '.' &&
		    memcmp(c->names[j], key, n) == 0 &&
		    (best == 0 || n > c->lens[best - 1]))
			best = j + 1;
	}
	return best;
}

/* Index of column key, adding it unless fixed (or, fixed, a leaf under
 * a name listed); -1 if absent/full. */
static long
cols_find(struct xw_cols *c, const char *key, size_t len, bool *full)
{
	size_t under = 0;

	uint32_t h = (uint32_t)gk_hash(key, len, 0);
	if (c->nslots != 0) {
		size_t j = h & (c->nslots - 1);
		while (c->slots[j] != 0) {
			size_t i = c->slots[j] - 1;
			if (c->hashes[i] == h && c->lens[i] == len &&
			    memcmp(c->names[i], key, len) == 0)
				return (long)i;
			j = (j + 1) & (c->nslots - 1);
		}
	}
	if (c->fixed && (under = cols_listed_parent(c, key, len)) == 0)
		return -1;
	if (c->n >= XW_EXCEL_MAX_COLS + c->hidden) {
		*full = true;
		return -1;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->names = gk_xrealloc(c->names, c->cap * sizeof *c->names);
		c->lens = gk_xrealloc(c->lens, c->cap * sizeof *c->lens);
		c->hashes = gk_xrealloc(c->hashes, c->cap * sizeof *c->hashes);
		c->widths = gk_xrealloc(c->widths, c->cap * sizeof *c->widths);
		c->filled = gk_xrealloc(c->filled, c->cap * sizeof *c->filled);
		c->next_clash = gk_xrealloc(c->next_clash,
					    c->cap * sizeof *c->next_clash);
		c->under = gk_xrealloc(c->under, c->cap * sizeof *c->under);
		c->valued = gk_xrealloc(c->valued, c->cap * sizeof *c->valued);
	}
	size_t i = c->n++;
	c->names[i] = gk_xstrndup(key, len);
	c->lens[i] = len;
	c->hashes[i] = h;
	c->widths[i] = 0;
	c->filled[i] = 0;
	c->next_clash[i] = XW_FIRST_CLASH;
	c->under[i] = under;
	c->valued[i] = false;
	if (c->n * 2 > c->nslots)
		cols_rehash(c, c->nslots ? c->nslots * 2 : 64);
	else {
		size_t j = h & (c->nslots - 1);
		while (c->slots[j] != 0)
			j = (j + 1) & (c->nslots - 1);
		c->slots[j] = (uint32_t)i + 1;
	}
	return (long)i;
}

static void
cols_release(struct xw_cols *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c->names);
	free(c->lens);
	free(c->hashes);
	free(c->widths);
	free(c->filled);
	free(c->next_clash);
	free(c->under);
	free(c->valued);
	free(c->pos);
	free(c->slots);
}

/*
 * Pass 2: the place of each column of c, a group of records chosen by
 * --columns naming objects.  A name listed that leaves were added under
 * stands for them, in the order they first came, at its place; it keeps
 * a column of its own before them only when a record gave it a value
 * that is not an object (nor null).
 */
static void
cols_order(struct xw_cols *c)
{
	long out = 0;

	c->pos = gk_xmalloc((c->n ? c->n : 1) * sizeof *c->pos);
	for (size_t i = 0; i < c->n; i++)
		c->pos[i] = -1;
	for (size_t j = 0; j < c->nlisted; j++) {
		bool leaves = false;
		for (size_t i = c->nlisted; i < c->n && !leaves; i++)
			leaves = c->under[i] == j + 1;
		if (!leaves || c->valued[j])
			c->pos[j] = out++;
		for (size_t i = c->nlisted; leaves && i < c->n; i++)
			if (c->under[i] == j + 1)
				c->pos[i] = out++;
	}
	c->nout = (size_t)out;
}

/*
 * The column of a member whose flattened key this record has already
 * filled ({"a.b":1,"a":{"b":2}}, or a key given twice): "a.b (2)", else
 * "a.b (3)", ..., the first this record has not filled.  So no value is
 * lost, and the same clash on every row lands in the same column.  -1
 * when --columns leaves that name out, or (*full) no room.
 *
 * The search starts at *next, kept per key for the record and moved past
 * the column found: those before it are filled already (a column is not
 * emptied within a record), so the k-th repeat of a key costs one lookup,
 * not k (a record of 10,000 repeats took minutes).
 */
static long
cols_find_clash(struct xw_cols *c, struct gk_buf *name, const char *key,
		size_t len, long record, unsigned long *next, bool *full)
{
	for (unsigned long k = *next;; k++) {
		buf_reset(name);
		buf_add(name, key, len);
		buf_printf(name, " (%lu)", k);
		long col = cols_find(c, name->data, name->len, full);
		if (col < 0 || c->filled[col] != record) {
			*next = col < 0 ? k : k + 1;
			return col;
		}
	}
}

/* ------------------------------------------------------------------ */
/* sheet names                                                         */
/* ------------------------------------------------------------------ */

static bool
name_taken(const struct xlsxw *w, const char *lower)
{
	/* Excel reserves "History" for its change tracking. */
	if (strcmp(lower, "history") == 0)
		return true;
	for (size_t i = 0; i < w->nsheet_names; i++)
		if (strcmp(w->sheet_names[i], lower) == 0)
			return true;
	return false;
}

/*
 * A letter's lower case, for comparing sheet names as Excel does, without
 * regard to case, and not only in ASCII: "Äpfel" and "äpfel", "ＡＢ" and
 * "ａｂ" are one name to Excel (and openpyxl renames the second on
 * reading).  Latin-1, Latin Extended-A, the pairs of Latin Extended-B and
 * Latin Extended Additional (Vietnamese), Greek, Cyrillic with its
 * supplement (Mongolian and Kazakh Cyrillic: "Өвөр" and "өвөр"),
 * Armenian and fullwidth Latin: LibreOffice takes each of these pairs for
 * one name, and renames the second sheet on opening ("өвөр -1").
 */
static uint32_t
fold_case(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
	    (c >= 0x410 && c <= 0x42F) || (c >= 0xFF21 && c <= 0xFF3A))
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	if (c == 0x386) /* Greek with tonos */
		return 0x3AC;
	if (c >= 0x388 && c <= 0x38A)
		return c + 37;
	if (c == 0x38C)
		return 0x3CC;
	if (c >= 0x38E && c <= 0x38F)
		return c + 63;
	if (c == 0x178)
		return 0xFF;
	if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14A && c <= 0x177))
		return c | 1;
	/* Latin Extended-B: the digraphs (upper, title, lower), then pairs */
	if (c >= 0x1C4 && c <= 0x1CC)
		return c - (c - 0x1C4) % 3 + 2;
	if (c >= 0x1F1 && c <= 0x1F3)
		return 0x1F3;
	if (c >= 0x1CD && c <= 0x1DC && (c & 1))
		return c + 1;
	if ((c >= 0x1DE && c <= 0x1EF) || (c >= 0x1F4 && c <= 0x1F5) ||
	    (c >= 0x1F8 && c <= 0x21F) || (c >= 0x222 && c <= 0x233))
		return c | 1;
	/* Cyrillic supplement: pairs, and the palochka */
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
	    (c >= 0x4D0 && c <= 0x52F))
		return c | 1;
	if (c == 0x4C0)
		return 0x4CF;
	if (c >= 0x4C1 && c <= 0x4CE && (c & 1))
		return c + 1;
	if (c >= 0x531 && c <= 0x556) /* Armenian */
		return c + 0x30;
	if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF))
		return c | 1; /* Latin Extended Additional */
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) &&
	    (c & 1))
		return c + 1;
	return c;
}

/* Name s (valid UTF-8) with every letter in lower case (caller frees). */
static char *
fold_dup(const char *s)
{
	struct gk_buf b;
	size_t n = strlen(s);
	buf_init(&b);
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t len = utf8_sequence(s + i, n - i);
		uint32_t c;
		if (len == 0) { /* not expected: keep the byte */
			buf_addc(&b, s[i++]);
			continue;
		}
		if (len == 1)
			c = u[0];
		else if (len == 2)
			c = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
		else if (len == 3)
			c = (uint32_t)(u[0] & 0x0F) << 12 |
			    (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		else
			c = (uint32_t)(u[0] & 0x07) << 18 |
			    (uint32_t)(u[1] & 0x3F) << 12 |
			    (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
		char out[4];
		buf_add(&b, out, utf8_encode(fold_case(c), out));
		i += len;
	}
	char *d = gk_xstrndup(b.data ? b.data : "", b.len);
	buf_release(&b);
	return d;
}

/* raw[0..n) as a sheet name may hold it, into b: without the characters
 * Excel refuses or XML cannot hold, personal numbers masked. */
static void
sheet_name_clean(struct xlsxw *w, const char *raw, size_t n, struct gk_buf *b)
{
	struct gk_buf m;
	buf_init(&m);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)raw[i];
		if (ch < 0x20 || strchr("[]:*?/\\", ch) != NULL)
			continue;
		if (utf8_xml_nonchar_at(raw, n, i)) { /* XML cannot hold it */
			i += 2;
			continue;
		}
		buf_addc(b, (char)ch);
	}
	/*
	 * A --sheet-by value is data: the name shows it as its cells do,
	 * masked, the mask's '*' (which Excel refuses in a name) as the
	 * fullwidth U+FF0A, "150502＊＊＊＊＊＊＊＊1234".
	 */
	if (b->len > 0 && masked_text(w, b->data, b->len, &m) != NULL) {
		buf_reset(b);
		for (size_t i = 0; i < m.len; i++)
			if (m.data[i] == '*')
				buf_adds(b, XW_SHEET_MASK_CHAR);
			else
				buf_addc(b, m.data[i]);
	}
	buf_release(&m);
}

/* A sheet name before it is cut to fit: its text, and the length of the
 * tail that a cut keeps (the last tail bytes of s). */
struct xw_sheet_base {
	char *s;
	size_t len, tail;
};

/* The base of a sheet name: raw cleaned, its head and tail apart, without
 * an apostrophe first or last; "(blank)" when nothing is left. */
static void
sheet_name_base(struct xlsxw *w, const char *raw, size_t n, size_t tail,
		struct xw_sheet_base *base)
{
	struct gk_buf b, t;
	buf_init(&b);
	buf_init(&t);
	sheet_name_clean(w, raw, n - tail, &b);
	sheet_name_clean(w, raw + n - tail, tail, &t);
	/* No apostrophe first or last. */
	size_t start = 0;
	while (start < b.len && b.data[start] == '\'')
		start++;
	if (t.len == 0)
		while (b.len > start && b.data[b.len - 1] == '\'')
			b.len--;
	while (t.len > 0 && t.data[t.len - 1] == '\'')
		t.len--;
	if (b.len == start && t.len == 0)
		base->s = gk_xstrdup(XW_BLANK_SHEET);
	else
		base->s = gk_xasprintf("%.*s%.*s", (int)(b.len - start),
				       b.data ? b.data + start : "", (int)t.len,
				       t.data ? t.data : "");
	base->tail = t.len;
	base->len = strlen(base->s);
	buf_release(&b);
	buf_release(&t);
}

/* UTF-16 code units of valid UTF-8 s[0..n). */
static size_t
utf16_units(const char *s, size_t n)
{
	size_t units = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			units += (unsigned char)s[i] >= 0xF0 ? 2 : 1;
	return units;
}

/* How much of the base fits in room code units: the bytes of its head
 * kept, and in *tkeep those of its tail kept after them (0: the head's
 * bytes are a plain prefix).  The first try (no " (k)") is not left
 * ending with an apostrophe. */
static size_t
sheet_name_cut(const struct xw_sheet_base *base, size_t room, bool first,
	       size_t *tkeep)
{
	size_t keep = utf16_prefix_bytes(base->s, base->len, room);
	*tkeep = 0;
	if (keep < base->len && base->tail > 0) {
		/* too long: cut before the tail, if a character of
		 * what comes before it still fits */
		size_t head = base->len - base->tail;
		size_t tunits = utf16_units(base->s + head, base->tail);
		size_t hk = tunits < room ? utf16_prefix_bytes(base->s, head,
							       room - tunits)
					  : 0;
		if (hk > 0) {
			keep = hk;
			*tkeep = base->tail;
		}
	}
	/* a name cut to an apostrophe must not end with it */
	if (*tkeep == 0 && first)
		while (keep > 1 && base->s[keep - 1] == '\'')
			keep--;
	return keep;
}

/* lower (a name folded by fold_dup) is taken from now on; w owns it. */
static void
add_sheet_name(struct xlsxw *w, char *lower)
{
	if (w->nsheet_names == w->sncap) {
		w->sncap = w->sncap ? w->sncap * 2 : 8;
		w->sheet_names = gk_xrealloc(w->sheet_names,
					     w->sncap * sizeof *w->sheet_names);
	}
	w->sheet_names[w->nsheet_names++] = lower;
}

/*
 * A name Excel accepts, unique in the workbook (caller frees).  The last
 * `tail` bytes of raw (an element sheet's ".checks") are kept whole when
 * the name must be cut to Excel's 31 characters, the part before them
 * cut instead, so that "LONG NAME.checks" does not lose its key; *kept
 * is then the bytes the tail takes in the name, else 0.
 */
static char *
sheet_name_unique_tail(struct xlsxw *w, const char *raw, size_t n, size_t tail,
		       size_t *kept)
{
	struct xw_sheet_base base;
	sheet_name_base(w, raw, n, tail, &base);
	char *name = NULL;
	*kept = 0;
	for (long k = 1;; k++) {
		char suffix[32] = "";
		if (k > 1)
			snprintf(suffix, sizeof suffix, " (%ld)", k);
		size_t tkeep;
		size_t keep = sheet_name_cut(&base,
					     XW_SHEET_NAME_MAX - strlen(suffix),
					     k == 1, &tkeep);
		free(name);
		name = gk_xasprintf("%.*s%.*s%s", (int)keep, base.s, (int)tkeep,
				    base.s + base.len - base.tail, suffix);
		char *lower = fold_dup(name);
		if (!name_taken(w, lower)) {
			add_sheet_name(w, lower);
			*kept = keep == base.len ? base.tail : tkeep;
			break;
		}
		free(lower);
	}
	free(base.s);
	return name;
}

/* A name Excel accepts, unique in the workbook (caller frees). */
static char *
sheet_name_unique(struct xlsxw *w, const char *raw, size_t n)
{
	size_t kept;
	return sheet_name_unique_tail(w, raw, n, 0, &kept);
}

/* ------------------------------------------------------------------ */
/* groups                                                              */
/* ------------------------------------------------------------------ */

static void
group_init_cols(struct xlsxw *w, struct xw_group *g)
{
	memset(&g->cols, 0, sizeof g->cols);
	if (w->col_list == NULL)
		return;
	bool full = false;
	for (size_t i = 0; i < w->ncol_list; i++)
		cols_find(&g->cols, w->col_list[i], strlen(w->col_list[i]),
			  &full);
	g->cols.fixed = true;
	if (w->o.column_objects)
		g->cols.nlisted = g->cols.n;
}

static void
groups_rehash(struct xlsxw *w, size_t nslots)
{
	free(w->gslots);
	w->gslots = gk_xcalloc(nslots, sizeof *w->gslots);
	w->ngslots = nslots;
	for (size_t i = 0; i < w->ngroups; i++) {
		size_t j = w->groups[i].vhash & (nslots - 1);
		while (w->gslots[j] != 0)
			j = (j + 1) & (nslots - 1);
		w->gslots[j] = (uint32_t)i + 1;
	}
}

static struct xw_group *
group_get(struct xlsxw *w, const char *v, size_t n, struct gk_err *e)
{
	uint32_t h = (uint32_t)gk_hash(v, n, 0);
	if (w->ngslots != 0) {
		size_t j = h & (w->ngslots - 1);
		while (w->gslots[j] != 0) {
			struct xw_group *g = &w->groups[w->gslots[j] - 1];
			if (g->parent == 0 && g->vhash == h && g->vlen == n &&
			    memcmp(g->value, v, n) == 0)
				return g;
			j = (j + 1) & (w->ngslots - 1);
		}
	}
	if (w->ngroups >= XW_MAX_SHEETS) {
		gk_err_set(e, "too many sheets: more than %d values of '%s'",
			   XW_MAX_SHEETS, w->sheet_by);
		return NULL;
	}
	if (w->ngroups == w->gcap) {
		w->gcap = w->gcap ? w->gcap * 2 : 8;
		w->groups = gk_xrealloc(w->groups, w->gcap * sizeof *w->groups);
	}
	struct xw_group *g = &w->groups[w->ngroups++];
	memset(g, 0, sizeof *g);
	g->value = gk_xstrndup(v, n);
	g->vlen = n;
	g->vhash = h;
	if (w->sheet_by == NULL)
		g->name = sheet_name_unique(w, w->default_name,
					    strlen(w->default_name));
	else
		g->name = sheet_name_unique(w, v, n);
	group_init_cols(w, g);
	groups_rehash(w, w->ngslots
				 ? (w->ngroups * 2 > w->ngslots ? w->ngslots * 2
								: w->ngslots)
				 : 16);
	return g;
}

/* ------------------------------------------------------------------ */
/* the record parser: JSON text -> flattened cells                      */
/* ------------------------------------------------------------------ */

static void
skip_ws(struct xlsxw *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' ||
				 *w->p == '\n' || *w->p == '\r'))
		w->p++;
}

static long
column_of(const struct xlsxw *w, const char *start)
{
	return (long)(w->p - start) + 1;
}

/* A warning about the record being added, queued for add_record: where
 * it comes from (a file's line, or a record named otherwise, line 0),
 * then msg. */
static void queue_warning(struct xlsxw *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
queue_warning(struct xlsxw *w, const char *fmt, ...)
{
	va_list ap;

	buf_printf(&w->warns, "%s", w->src_name ? w->src_name : "(input)");
	if (w->src_line > 0)
		buf_printf(&w->warns, ":%ld", w->src_line);
	buf_printf(&w->warns, ": ");
	va_start(ap, fmt);
	buf_vprintf(&w->warns, fmt, ap);
	va_end(ap);
	buf_addc(&w->warns, '\0');
}

/* The record written had a \u0000 dropped (no cell or key can hold NUL):
 * a loss, said once a record. */
static void
tell_nul_dropped(struct xlsxw *w)
{
	w->cut_cells++;
	queue_warning(w, "\\u0000 dropped: a workbook cannot hold it");
}

/* The run of plain ASCII at p (no quote, backslash or control character)
 * appended to b; returns where it stopped. */
static const unsigned char *
add_plain_run(struct gk_buf *b, const unsigned char *p,
	      const unsigned char *end)
{
	const unsigned char *run = p;
	while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	if (p > run)
		buf_add(b, run, (size_t)(p - run));
	return p;
}

/* The \uXXXX escape (or surrogate pair) at *pp, after the "\u", appended
 * to b as UTF-8; false for a bad one, *pp then at the column to tell. */
static bool
add_unicode_escape(struct xlsxw *w, struct gk_buf *b, const unsigned char **pp,
		   const unsigned char *end)
{
	uint32_t cp;
	int k = utf8_json_escape((const char *)*pp, (const char *)end, &cp);
	if (k < 0) {
		if (k != UTF8_ESC_BAD_HEX)
			*pp += 4; /* the column after the first */
		return false;
	}
	*pp += k;
	if (cp != 0) {
		char u[4];
		buf_add(b, u, utf8_encode(cp, u));
	} else {
		w->nul_dropped = true;
	}
	return true;
}

/* The escape at *pp (the backslash, with a character after it) appended
 * to b, *pp moved past it; false for a bad one, *pp then at the column to
 * tell. */
static bool
add_escape(struct xlsxw *w, struct gk_buf *b, const unsigned char **pp,
	   const unsigned char *end)
{
	char c = (char)(*pp)[1];
	*pp += 2;
	switch (c) {
	case '"': buf_addc(b, '"'); return true;
	case '\\': buf_addc(b, '\\'); return true;
	case '/': buf_addc(b, '/'); return true;
	case 'b': buf_addc(b, '\b'); return true;
	case 'f': buf_addc(b, '\f'); return true;
	case 'n': buf_addc(b, '\n'); return true;
	case 'r': buf_addc(b, '\r'); return true;
	case 't': buf_addc(b, '\t'); return true;
	case 'u': return add_unicode_escape(w, b, pp, end);
	default: return false;
	}
}

/* A string that cannot be read: w->p left at p, the message with the
 * column of p. */
static int
string_error(struct xlsxw *w, const unsigned char *p, const char *line,
	     const char *what, struct gk_err *e)
{
	w->p = (const char *)p;
	gk_err_set(e, "%s at column %ld", what, column_of(w, line));
	return -1;
}

static int
string_unterminated(struct xlsxw *w, const unsigned char *p, struct gk_err *e)
{
	w->p = (const char *)p;
	gk_err_set(e, "invalid JSON: unterminated string");
	return -1;
}

/*
 * Parse a JSON string at w->p (on the quote) and append its text to b.
 * \u0000 is dropped (w->nul_dropped): a cell cannot hold NUL.
 */
static int
parse_string(struct xlsxw *w, struct gk_buf *b, const char *line,
	     struct gk_err *e)
{
	const unsigned char *p = (const unsigned char *)w->p + 1;
	const unsigned char *end = (const unsigned char *)w->end;
	for (;;) {
		p = add_plain_run(b, p, end);
		if (p >= end)
			return string_unterminated(w, p, e);
		if (*p == '"') {
			w->p = (const char *)p + 1;
			return 0;
		}
		if (*p == '\\') {
			if (p + 1 >= end)
				return string_unterminated(w, p, e);
			if (!add_escape(w, b, &p, end))
				return string_error(
					w, p, line,
					"invalid JSON: bad escape in string",
					e);
			continue;
		}
		if (*p < 0x20)
			return string_error(
				w, p, line,
				"invalid JSON: control character in string", e);
		size_t n = utf8_sequence((const char *)p, (size_t)(end - p));
		if (n == 0)
			return string_error(w, p, line,
					    "invalid UTF-8 in string", e);
		buf_add(b, p, n);
		p += n;
	}
}

/* Scan a JSON number at w->p; *is_text set for numbers Excel cannot hold
 * exactly (integers of more than 15 digits, overflow): kept as text. */
static int
scan_number(struct xlsxw *w, const char *line, double *out, bool *is_text,
	    struct gk_err *e)
{
	const char *s = w->p, *p = w->p;
	bool neg = false, frac = false;
	if (p < w->end && *p == '-') {
		neg = true;
		p++;
	}
	const char *digits = p;
	if (p < w->end && *p == '0')
		p++;
	else if (p < w->end && *p >= '1' && *p <= '9')
		while (p < w->end && *p >= '0' && *p <= '9')
			p++;
	else
		goto bad;
	size_t ndig = (size_t)(p - digits);
	if (p < w->end && *p == '.') {
		p++;
		if (p >= w->end || *p < '0' || *p > '9')
			goto bad;
		while (p < w->end && *p >= '0' && *p <= '9')
			p++;
		frac = true;
	}
	if (p < w->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < w->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= w->end || *p < '0' || *p > '9')
			goto bad;
		while (p < w->end && *p >= '0' && *p <= '9')
			p++;
		frac = true;
	}
	w->p = p;
	*is_text = false;
	if (!frac && ndig <= XW_EXACT_DIGITS) {
		int64_t v = 0;
		for (const char *q = digits; q < p; q++)
			v = v * 10 + (*q - '0');
		*out = (double)(neg ? -v : v);
		return 0;
	}
	if (!frac) {
		*is_text = true; /* an integer Excel would round */
		return 0;
	}
	char small[64];
	size_t n = (size_t)(p - s);
	char *t = n < sizeof small ? small : gk_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	*out = strtod(t, NULL);
	if (t != small)
		free(t);
	if (!isfinite(*out))
		*is_text = true;
	return 0;
bad:
	w->p = p;
	gk_err_set(e, "invalid JSON: bad number at column %ld",
		   column_of(w, line));
	return -1;
}

static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* HH:MM[:SS[.fff]] at s[0..n): seconds of the day, or -1 (so also for
 * more than XW_FRAC_MAX digits of a second); *fdig the digits given. */
static double
parse_hms(const char *s, size_t n, bool need_seconds, int *fdig)
{
	if (n < 5 || s[2] != ':')
		return -1;
	int h = two(s), m = two(s + 3), sec = 0;
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	double fracs = 0;
	size_t i = 5;
	*fdig = 0;
	if (n > 5) {
		if (n < 8 || s[5] != ':')
			return -1;
		sec = two(s + 6);
		if (sec < 0 || sec > 59)
			return -1;
		i = 8;
		if (i < n && s[i] == '.') {
			double scale = 0.1;
			i++;
			if (i >= n)
				return -1;
			for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
				fracs += (s[i] - '0') * scale;
				scale /= 10;
				++*fdig;
			}
			if (*fdig > XW_FRAC_MAX)
				return -1;
		}
		if (i != n)
			return -1;
	} else if (need_seconds) {
		return -1;
	}
	return h * 3600.0 + m * 60.0 + sec + fracs;
}

/*
 * An ISO date (YYYY-MM-DD), datetime (YYYY-MM-DD[T ]HH:MM[:SS[.f]][Z]) or
 * time (HH:MM:SS[.f]) as an Excel serial, the kind with the digits of
 * a second's fraction.  Dates Excel cannot show (before 1900-03-01) and
 * datetimes with a zone offset stay text.
 */
static unsigned char
date_kind(const char *s, size_t n, double *serial)
{
	int fdig;
	if (n >= 8 && s[2] == ':') {
		double secs = parse_hms(s, n, true, &fdig);
		if (secs < 0)
			return XK_STR;
		*serial = secs / XW_SECONDS_PER_DAY;
		return (unsigned char)(XK_TIME | fdig << XW_FRAC_SHIFT);
	}
	if (n < 10 || s[4] != '-' || s[7] != '-')
		return XK_STR;
	if (n > 10 && s[10] != 'T' && s[10] != ' ')
		return XK_STR;
	int y1 = two(s), y2 = two(s + 2), mo = two(s + 5), d = two(s + 8);
	if (y1 < 0 || y2 < 0 || mo < 0 || d < 0 ||
	    !date_valid(y1 * 100 + y2, mo, d))
		return XK_STR;
	struct gk_date dt = {y1 * 100 + y2, mo, d};
	double days = (double)date_to_days(&dt) + XW_UNIX_EPOCH_SERIAL;
	if (days < XW_FIRST_SAFE_SERIAL)
		return XK_STR;
	if (n == 10) {
		*serial = days;
		return XK_DATE;
	}
	bool utc = s[n - 1] == 'Z';
	double secs = parse_hms(s + 11, n - 11 - (utc ? 1 : 0), false, &fdig);
	if (secs < 0)
		return XK_STR;
	*serial = days + secs / XW_SECONDS_PER_DAY;
	return (unsigned char)((utc ? XK_DATETIME_UTC : XK_DATETIME) |
			       fdig << XW_FRAC_SHIFT);
}

/* A whole number General would show in scientific notation (an account
 * or a code given as a JSON number): shown whole, as XW_FMT_WHOLE. */
static bool
long_whole(double d)
{
	return fabs(d) >= XW_GENERAL_WHOLE_MAX && d == floor(d) &&
	       fabs(d) < XW_EXACT_WHOLE_MAX;
}

static struct xw_pcell *
new_cell(struct xlsxw *w)
{
	if (w->ncells == w->ccap) {
		w->ccap = w->ccap ? w->ccap * 2 : 32;
		w->cells = gk_xrealloc(w->cells, w->ccap * sizeof *w->cells);
	}
	struct xw_pcell *c = &w->cells[w->ncells++];
	memset(c, 0, sizeof *c);
	return c;
}

static int parse_value(struct xlsxw *w, size_t klen, const char *line,
		       struct gk_err *e);

/* Copy JSON text s[0..n) without the whitespace between tokens. */
static void
add_minified(struct gk_buf *b, const char *s, size_t n)
{
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			buf_addc(b, c);
			if (c == '\\' && i + 1 < n)
				buf_addc(b, s[++i]);
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
			buf_addc(b, c);
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			buf_addc(b, c);
		}
	}
}

/*
 * The pieces every object and array loop below shares, each with its
 * message: a member's key must start here, a colon must follow it, and
 * after a member or an element comes ',' or the container's close.
 */
static int
expect_key(struct xlsxw *w, const char *line, struct gk_err *e)
{
	skip_ws(w);
	if (w->p >= w->end || *w->p != '"') {
		gk_err_set(e, "invalid JSON: key expected at column %ld",
			   column_of(w, line));
		return -1;
	}
	return 0;
}

static int
expect_colon(struct xlsxw *w, const char *line, struct gk_err *e)
{
	skip_ws(w);
	if (w->p >= w->end || *w->p != ':') {
		gk_err_set(e, "invalid JSON: ':' expected at column %ld",
			   column_of(w, line));
		return -1;
	}
	w->p++;
	return 0;
}

/* 1 after ',' (more to come), 0 after close (the end), -1 otherwise. */
static int
next_item(struct xlsxw *w, char close, const char *line, struct gk_err *e)
{
	skip_ws(w);
	if (w->p < w->end && *w->p == ',') {
		w->p++;
		return 1;
	}
	if (w->p < w->end && *w->p == close) {
		w->p++;
		return 0;
	}
	gk_err_set(e, "invalid JSON: ',' or '%c' expected at column %ld", close,
		   column_of(w, line));
	return -1;
}

/* Skip any JSON value (validating it), for arrays holding containers. */
static int
skip_value(struct xlsxw *w, const char *line, struct gk_err *e)
{
	struct gk_buf scratch;
	int rc = 0;
	skip_ws(w);
	if (w->p >= w->end) {
		gk_err_set(e, "invalid JSON: value expected at end of line");
		return -1;
	}
	char c = *w->p;
	if (++w->depth > XW_MAX_DEPTH) {
		gk_err_set(e, "record nested deeper than %d levels",
			   XW_MAX_DEPTH);
		return -1;
	}
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		w->p++;
		skip_ws(w);
		if (w->p < w->end && *w->p == close) {
			w->p++;
			goto out;
		}
		int more;
		do {
			if (c == '{') {
				if ((rc = expect_key(w, line, e)) != 0)
					goto out;
				buf_init(&scratch);
				rc = parse_string(w, &scratch, line, e);
				buf_release(&scratch);
				if (rc != 0 ||
				    (rc = expect_colon(w, line, e)) != 0)
					goto out;
			}
			if ((rc = skip_value(w, line, e)) != 0)
				goto out;
		} while ((more = next_item(w, close, line, e)) > 0);
		rc = more;
	} else if (c == '"') {
		buf_init(&scratch);
		rc = parse_string(w, &scratch, line, e);
		buf_release(&scratch);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		double d;
		bool t;
		rc = scan_number(w, line, &d, &t, e);
	} else if (w->end - w->p >= 4 && memcmp(w->p, "true", 4) == 0) {
		w->p += 4;
	} else if (w->end - w->p >= 5 && memcmp(w->p, "false", 5) == 0) {
		w->p += 5;
	} else if (w->end - w->p >= 4 && memcmp(w->p, "null", 4) == 0) {
		w->p += 4;
	} else {
		gk_err_set(e,
			   "invalid JSON: unexpected character at column %ld",
			   column_of(w, line));
		rc = -1;
	}
out:
	w->depth--;
	return rc;
}

/* A value inside an array of objects, at w->p, as a person reads it: a
 * string as it is, anything else as its (minified) JSON text. */
static int
add_plain(struct xlsxw *w, const char *line, struct gk_err *e)
{
	const char *vs = w->p;
	int rc;

	if (w->p < w->end && *w->p == '"')
		return parse_string(w, &w->vals, line, e);
	if ((rc = skip_value(w, line, e)) == 0)
		add_minified(&w->vals, vs, (size_t)(w->p - vs));
	return rc;
}

/*
 * An object inside an array, at w->p ('{'), for a person: its members as
 * "key: value" joined with ", " ("{}" when it has none), so a license's
 * checks read "check: expiry, ok: false, message: expired after ...".
 */
static int
add_object_text(struct xlsxw *w, const char *line, struct gk_err *e)
{
	int rc = 0;

	if (++w->depth > XW_MAX_DEPTH) {
		gk_err_set(e, "record nested deeper than %d levels",
			   XW_MAX_DEPTH);
		rc = -1;
		goto out;
	}
	w->p++;
	skip_ws(w);
	if (w->p < w->end && *w->p == '}') {
		w->p++;
		buf_adds(&w->vals, "{}");
		goto out;
	}
	for (;;) {
		if ((rc = expect_key(w, line, e)) != 0 ||
		    (rc = parse_string(w, &w->vals, line, e)) != 0 ||
		    (rc = expect_colon(w, line, e)) != 0)
			goto out;
		skip_ws(w);
		buf_adds(&w->vals, ": ");
		if ((rc = add_plain(w, line, e)) != 0)
			goto out;
		if ((rc = next_item(w, '}', line, e)) <= 0)
			goto out;
		buf_adds(&w->vals, ", ");
	}
out:
	w->depth--;
	return rc;
}

/* An object of an array, s..w->p, for its element sheet. */
static void
note_element(struct xlsxw *w, const char *s)
{
	if (!w->o.element_sheets || w->in_element)
		return;
	if (w->nelems == w->ecap) {
		w->ecap = w->ecap ? w->ecap * 2 : 16;
		w->elems = gk_xrealloc(w->elems, w->ecap * sizeof *w->elems);
	}
	struct xw_elem *el = &w->elems[w->nelems++];
	el->s = s;
	el->e = w->p;
}

/*
 * The objects of an array noted since first get its key; an array that
 * holds anything but objects (and nulls) has no element sheet: its
 * objects are forgotten.
 */
static bool
key_elements(struct xlsxw *w, size_t first, size_t klen, bool only_objects)
{
	if (w->nelems == first)
		return false;
	if (!only_objects) {
		w->nelems = first;
		return false;
	}
	size_t koff = w->ekeys.len;
	buf_add(&w->ekeys, w->keys.data + w->keys.len - klen, klen);
	for (size_t i = first; i < w->nelems; i++) {
		w->elems[i].koff = koff;
		w->elems[i].klen = klen;
	}
	return true;
}

/* One element of an array, not null, at w->p, appended to w->vals as
 * parse_array() shows it; an object is noted for the element sheet. */
static int
add_array_element(struct xlsxw *w, const char *line, struct gk_err *e)
{
	char c = *w->p;
	int rc;
	if (c == '{') {
		const char *os = w->p;
		if ((rc = add_object_text(w, line, e)) != 0)
			return rc;
		note_element(w, os);
		return 0;
	}
	if (c == '[')
		return add_plain(w, line, e);
	if (c == '"')
		return parse_string(w, &w->vals, line, e);
	if (c == '-' || (c >= '0' && c <= '9')) {
		const char *ns = w->p;
		double d;
		bool t;
		if ((rc = scan_number(w, line, &d, &t, e)) != 0)
			return rc;
		buf_add(&w->vals, ns, (size_t)(w->p - ns));
		return 0;
	}
	if (w->end - w->p >= 4 && memcmp(w->p, "true", 4) == 0) {
		w->p += 4;
		buf_adds(&w->vals, "true");
		return 0;
	}
	if (w->end - w->p >= 5 && memcmp(w->p, "false", 5) == 0) {
		w->p += 5;
		buf_adds(&w->vals, "false");
		return 0;
	}
	gk_err_set(e, "invalid JSON: unexpected character at column %ld",
		   column_of(w, line));
	return -1;
}

/* The elements of an array that is not empty, from w->p to past its ']',
 * joined with "; " in w->vals, nulls left out; *only_objects set false
 * when one is neither an object nor null. */
static int
parse_array_elements(struct xlsxw *w, const char *line, bool *only_objects,
		     struct gk_err *e)
{
	bool first = true;
	int rc;
	for (;;) {
		skip_ws(w);
		if (w->p >= w->end) {
			gk_err_set(e, "invalid JSON: unterminated array");
			return -1;
		}
		if (*w->p == 'n' && w->end - w->p >= 4 &&
		    memcmp(w->p, "null", 4) == 0) {
			w->p += 4; /* nothing to show */
		} else {
			if (!first)
				buf_adds(&w->vals, XW_ARRAY_SEP);
			first = false;
			if (*w->p != '{')
				*only_objects = false;
			if ((rc = add_array_element(w, line, e)) != 0)
				return rc;
		}
		if ((rc = next_item(w, ']', line, e)) <= 0)
			return rc;
	}
}

/* The array's cell: its key (the last klen bytes of w->keys), its text
 * from voff in w->vals, null when that is empty. */
static void
add_array_cell(struct xlsxw *w, size_t klen, size_t voff, bool objects)
{
	struct xw_pcell *cell = new_cell(w);
	cell->objects = objects;
	cell->koff = w->keys.len - klen;
	cell->klen = klen;
	cell->voff = voff;
	cell->vlen = w->vals.len - voff;
	cell->kind = cell->vlen ? XK_STR : XK_NULL;
}

/* An array, its elements joined with "; ": scalars as text, objects as
 * add_object_text(), arrays as their JSON text; nulls left out.  Its
 * objects are noted for the element sheet. */
static int
parse_array(struct xlsxw *w, size_t klen, const char *line, struct gk_err *e)
{
	size_t voff = w->vals.len;
	size_t first_elem = w->nelems;
	bool only_objects = true;
	w->p++;
	skip_ws(w);
	if (w->p < w->end && *w->p == ']') {
		w->p++;
	} else {
		int rc = parse_array_elements(w, line, &only_objects, e);
		if (rc != 0)
			return rc;
	}
	bool objects = key_elements(w, first_elem, klen, only_objects);
	add_array_cell(w, klen, voff, objects);
	return 0;
}

/*
 * Parse the members of an object at w->p ('{'); keys get the prefix that
 * is at the end of w->keys (prefix_len bytes, "a.b." for nested ones).
 */
static int
parse_object(struct xlsxw *w, size_t prefix_len, const char *line,
	     struct gk_err *e)
{
	int rc = 0;
	if (++w->depth > XW_MAX_DEPTH) {
		gk_err_set(e, "record nested deeper than %d levels",
			   XW_MAX_DEPTH);
		return -1;
	}
	w->p++;
	skip_ws(w);
	if (w->p < w->end && *w->p == '}') {
		w->p++;
		goto out;
	}
	size_t base = w->keys.len;
	for (;;) {
		if ((rc = expect_key(w, line, e)) != 0)
			goto out;
		/* The key goes after the prefix, which is copied again for
		 * each member so that every cell's key is contiguous. */
		if (w->keys.len != base) {
			size_t pstart = base - prefix_len;
			size_t now = w->keys.len;
			buf_reserve(&w->keys, prefix_len);
			memmove(w->keys.data + now, w->keys.data + pstart,
				prefix_len);
			w->keys.len = now + prefix_len;
			w->keys.data[w->keys.len] = '\0';
		}
		size_t kstart = w->keys.len - prefix_len;
		if ((rc = parse_string(w, &w->keys, line, e)) != 0)
			goto out;
		if (w->keys.len > XW_MAX_KEYS_BYTES) {
			gk_err_set(e,
				   "keys of the record, flattened (a.b), "
				   "longer than %zu MiB in all at column %ld",
				   XW_MAX_KEYS_BYTES >> 20, column_of(w, line));
			rc = -1;
			goto out;
		}
		size_t klen = w->keys.len - kstart;
		if ((rc = expect_colon(w, line, e)) != 0 ||
		    (rc = parse_value(w, klen, line, e)) != 0)
			goto out;
		if ((rc = next_item(w, '}', line, e)) <= 0)
			goto out;
	}
out:
	w->depth--;
	return rc;
}

/* A date, datetime or time cell as wide as Excel shows it, with its
 * fraction of a second. */
static void
date_cell_width(struct xw_pcell *cell)
{
	unsigned fdig = cell->kind >> XW_FRAC_SHIFT;
	unsigned char base = cell->kind & XW_KIND_MASK;

	if (base == XK_DATE)
		cell->width = 10;
	else if (base == XK_DATETIME)
		cell->width = 19;
	else if (base == XK_DATETIME_UTC)
		cell->width = 20;
	else if (base == XK_TIME)
		cell->width = 8;
	if (fdig > 0)
		cell->width += 1 + fdig;
}

/* A string value at w->p: a text cell, or a date one when it reads as
 * one. */
static int
parse_string_value(struct xlsxw *w, size_t koff, size_t klen, const char *line,
		   struct gk_err *e)
{
	size_t voff = w->vals.len;

	if (parse_string(w, &w->vals, line, e) != 0)
		return -1;
	struct xw_pcell *cell = new_cell(w);
	cell->koff = koff;
	cell->klen = klen;
	cell->voff = voff;
	cell->vlen = w->vals.len - voff;
	cell->kind = XK_STR;
	const char *v = w->vals.data + voff;
	if (cell->vlen >= 8 && cell->vlen <= 35 && v[0] >= '0' && v[0] <= '9') {
		cell->kind = date_kind(v, cell->vlen, &cell->num);
		date_cell_width(cell);
	}
	return 0;
}

/* A number's cell width: as wide as its text ns[0..nl), or as the cell
 * shows it where an exponent made the text shorter (1.5e14 shows all of
 * 150000000000000, with XW_FMT_WHOLE). */
static unsigned
number_width(const char *ns, size_t nl, double d)
{
	size_t shown = nl;

	if (memchr(ns, 'e', nl) != NULL || memchr(ns, 'E', nl) != NULL) {
		char t[64];
		int tl = snprintf(t, sizeof t, long_whole(d) ? "%.0f" : "%.15g",
				  d);
		if (tl > 0 && (size_t)tl > shown)
			shown = (size_t)tl;
	}
	return shown > XW_NUMBER_WIDTH_MAX && !long_whole(d)
		       ? XW_NUMBER_WIDTH_MAX
		       : (unsigned)shown;
}

/* A number at w->p: a number cell, or a text one when a double would
 * not hold it (scan_number says). */
static int
parse_number_value(struct xlsxw *w, size_t koff, size_t klen, const char *line,
		   struct gk_err *e)
{
	const char *ns = w->p;
	double d = 0;
	bool as_text;

	if (scan_number(w, line, &d, &as_text, e) != 0)
		return -1;
	struct xw_pcell *cell = new_cell(w);
	cell->koff = koff;
	cell->klen = klen;
	size_t nl = (size_t)(w->p - ns);
	if (as_text) {
		cell->voff = w->vals.len;
		buf_add(&w->vals, ns, nl);
		cell->vlen = nl;
		cell->kind = XK_STR;
	} else {
		cell->num = d;
		cell->kind = XK_NUM;
		cell->width = number_width(ns, nl, d);
	}
	return 0;
}

/* true, false or null at w->p, else the error of a value expected. */
static int
parse_literal_value(struct xlsxw *w, size_t koff, size_t klen, const char *line,
		    struct gk_err *e)
{
	struct xw_pcell *cell = NULL;

	if (w->end - w->p >= 4 && memcmp(w->p, "true", 4) == 0) {
		w->p += 4;
		cell = new_cell(w);
		cell->kind = XK_BOOL;
		cell->num = 1;
		cell->width = 5;
	} else if (w->end - w->p >= 5 && memcmp(w->p, "false", 5) == 0) {
		w->p += 5;
		cell = new_cell(w);
		cell->kind = XK_BOOL;
		cell->width = 5;
	} else if (w->end - w->p >= 4 && memcmp(w->p, "null", 4) == 0) {
		w->p += 4;
		cell = new_cell(w);
		cell->kind = XK_NULL;
	} else {
		gk_err_set(e,
			   "invalid JSON: unexpected character at column %ld",
			   column_of(w, line));
		return -1;
	}
	cell->koff = koff;
	cell->klen = klen;
	return 0;
}

/* A member's value; its key is the last klen bytes of w->keys. */
static int
parse_value(struct xlsxw *w, size_t klen, const char *line, struct gk_err *e)
{
	skip_ws(w);
	if (w->p >= w->end) {
		gk_err_set(e, "invalid JSON: value expected at end of line");
		return -1;
	}
	char c = *w->p;
	if (c == '{') {
		buf_addc(&w->keys, '.');
		return parse_object(w, klen + 1, line, e);
	}
	if (c == '[')
		return parse_array(w, klen, line, e);
	size_t koff = w->keys.len - klen;
	if (c == '"')
		return parse_string_value(w, koff, klen, line, e);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number_value(w, koff, klen, line, e);
	return parse_literal_value(w, koff, klen, line, e);
}

/* ------------------------------------------------------------------ */
/* pass 1                                                              */
/* ------------------------------------------------------------------ */

static void
put_u32(struct gk_buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof v);
}

static const struct xw_pcell *
find_cell(const struct xlsxw *w, const char *key, size_t len)
{
	for (size_t i = 0; i < w->ncells; i++) {
		const struct xw_pcell *c = &w->cells[i];
		if (c->klen == len &&
		    memcmp(w->keys.data + c->koff, key, len) == 0)
			return c;
	}
	return NULL;
}

/* The text of a cell for a sheet name. */
static void
cell_text(const struct xlsxw *w, const struct xw_pcell *c, struct gk_buf *b)
{
	switch (c->kind) {
	case XK_NULL: break;
	case XK_NUM: buf_printf(b, "%.15g", c->num); break;
	case XK_BOOL: buf_adds(b, c->num != 0 ? "true" : "false"); break;
	default: /* strings and dates keep their text */
		buf_add(b, w->vals.data + c->voff, c->vlen);
		break;
	}
}

/* True if s[i..] looks like OOXML's _xHHHH_ escape. */
static bool
at_ooxml_escape(const char *s, size_t n, size_t i)
{
	if (i + 7 > n || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
		return false;
	for (size_t k = i + 2; k < i + 6; k++)
		if (strchr("0123456789abcdefABCDEF", s[k]) == NULL || s[k] == 0)
			return false;
	return true;
}

static bool
needs_escape(const char *s, size_t n)
{
	if (n > 0 && memchr(s, '\r', n) != NULL)
		return true;
	const char *hit = n >= 7 ? memchr(s, '_', n) : NULL;
	for (size_t i = hit ? (size_t)(hit - s) : n; i < n; i++)
		if (at_ooxml_escape(s, n, i))
			return true;
	hit = n >= 3 ? memchr(s, 0xEF, n) : NULL;
	for (size_t i = hit ? (size_t)(hit - s) : n; i < n; i++)
		if (utf8_xml_nonchar_at(s, n, i))
			return true;
	return false;
}

/*
 * A line break in a cell is a line feed, as Excel makes one (Alt+Enter):
 * CR LF and a CR alone are written as LF.  XML cannot carry a CR as it
 * is; its escape _x000D_ is read as a CR by Excel and LibreOffice, but as
 * the text "_x000D_" by openpyxl and pandas.  Here, for gov-xlsx's cells
 * and gov-report's alike.
 */
bool
xlsxw_text_escape(const char *s, size_t n, struct gk_buf *b)
{
	if (!needs_escape(s, n))
		return false;
	buf_reset(b);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				buf_addc(b, '\n');
			continue;
		}
		char nc = utf8_xml_nonchar_at(s, n, i);
		if (nc != 0) {
			buf_printf(b, "_xFFF%c_", nc);
			i += 2;
			continue;
		}
		if (at_ooxml_escape(s, n, i))
			buf_adds(b, "_x005F");
		buf_addc(b, s[i]);
	}
	return true;
}

static unsigned
line_width(const char *s, size_t n)
{
	size_t cap = (size_t)XW_WIDTH_MAX * 4;
	if (n > cap)
		n = utf8_prefix_bytes(s, n, XW_WIDTH_MAX);
	size_t wd = utf8_width(s, n);
	return wd > XW_WIDTH_MAX ? XW_WIDTH_MAX : (unsigned)wd;
}

/* The width a text needs: its widest line's (a cell with line breaks
 * wraps, so its column need not hold the whole text on one line). */
static unsigned
str_width(const char *s, size_t n)
{
	unsigned widest = 0;

	while (widest < XW_WIDTH_MAX) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		unsigned wd = line_width(s, len);

		if (wd > widest)
			widest = wd;
		if (!nl)
			break;
		s = nl + 1;
		n -= len + 1;
	}
	return widest;
}

/* Parse one record, a JSON object, into w->cells. */
static int
parse_record(struct xlsxw *w, const char *text, size_t len, struct gk_err *e)
{
	w->ncells = 0;
	buf_reset(&w->keys);
	buf_reset(&w->vals);
	w->nelems = 0;
	buf_reset(&w->ekeys);
	w->depth = 0;
	w->p = text;
	w->end = text + len;
	skip_ws(w);
	if (w->p >= w->end || *w->p != '{') {
		gk_err_set(e, "record is not a JSON object");
		return -1;
	}
	if (parse_object(w, 0, text, e) != 0)
		return -1;
	skip_ws(w);
	if (w->p != w->end) {
		gk_err_set(e, "invalid JSON: trailing characters at column %ld",
			   column_of(w, text));
		return -1;
	}
	return 0;
}

/* Whether the record has the "type" asked for, if one was. */
static bool
type_wanted(const struct xlsxw *w)
{
	if (w->type_filter == NULL)
		return true;
	const struct xw_pcell *t = find_cell(w, "type", 4);
	return !(t == NULL || t->kind == XK_NULL || t->kind == XK_NUM ||
		 t->kind == XK_BOOL || t->vlen != strlen(w->type_filter) ||
		 memcmp(w->vals.data + t->voff, w->type_filter, t->vlen) != 0);
}

/* The sheet the record goes to: by its sheet_by value, else the one. */
static struct xw_group *
record_group(struct xlsxw *w, struct gk_err *e)
{
	if (w->sheet_by == NULL)
		return w->ngroups ? &w->groups[0] : group_get(w, "", 0, e);
	const struct xw_pcell *s = find_cell(w, w->sheet_by, w->sheet_by_len);
	struct xw_group *g;
	struct gk_buf v;
	buf_init(&v);
	if (s != NULL)
		cell_text(w, s, &v);
	g = group_get(w, v.data ? v.data : "", v.len, e);
	buf_release(&v);
	return g;
}

/*
 * The sheet's column for a cell, or -1 for none: the "type" filtered on
 * (the same in every row), or no room for another column (*full).  A key
 * seen twice in one record gets a column of its own.
 */
static long
cell_column(struct xlsxw *w, struct xw_group *g, const struct xw_pcell *c,
	    bool *type_left_out, bool *full)
{
	const char *key = w->keys.data + c->koff;
	bool clash = false;
	*full = false;
	if (w->type_filter && w->col_list == NULL && !w->in_element &&
	    c->klen == 4 && memcmp(key, "type", 4) == 0) {
		if (!*type_left_out) {
			*type_left_out = true;
			return -1;
		}
		clash = true; /* another "type": its own column */
	}
	long col = clash ? -1 : cols_find(&g->cols, key, c->klen, full);
	if (clash) {
		col = cols_find_clash(&g->cols, &w->clash, key, c->klen,
				      w->serial, &w->type_clash_next, full);
	} else if (col >= 0 && g->cols.filled[col] == w->serial) {
		/* (a copy: a new column may move the array) */
		unsigned long next = g->cols.next_clash[col];
		long base = col;
		col = cols_find_clash(&g->cols, &w->clash, key, c->klen,
				      w->serial, &next, full);
		g->cols.next_clash[base] = next;
	}
	if (col >= 0 && g->cols.filled[col] != w->serial) {
		g->cols.filled[col] = w->serial;
		g->cols.next_clash[col] = XW_FIRST_CLASH;
	}
	return col;
}

/* A phone number given as a number is masked, into a string. */
static void
mask_phone_number(struct xlsxw *w, struct xw_pcell *c)
{
	if (c->kind != XK_NUM || w->o.no_mask || c->width < 11 ||
	    c->num != floor(c->num))
		return;
	char t[32];
	int tl = snprintf(t, sizeof t, "%.0f", c->num);
	/* (a number of 32 digits or more is cut in t, and no phone) */
	if (tl > 0 && (size_t)tl < sizeof t &&
	    mask_is_personal(t, (size_t)tl)) {
		buf_reset(&w->masked);
		mask_value(t, (size_t)tl, &w->masked);
		c->kind = XK_STR;
		c->voff = w->vals.len;
		buf_add(&w->vals, w->masked.data, w->masked.len);
		c->vlen = w->masked.len;
	}
}

/* The length of text v cut to what Excel holds in a cell, with a
 * warning when it is cut. */
static size_t
cut_to_excel(struct xlsxw *w, const struct xw_group *g, long col, const char *v,
	     size_t vl)
{
	size_t fit = xlsxw_text_fit(v, vl);
	if (fit == vl)
		return vl;
	vl = fit;
	w->cut_cells++;
	struct gk_buf m; /* (v may be w->masked's) */
	buf_init(&m);
	const char *name = g->cols.names[col];
	if (masked_text(w, name, g->cols.lens[col], &m) != NULL)
		name = m.data;
	queue_warning(w, "column '%s': text cut to Excel's %d characters", name,
		      XW_EXCEL_MAX_CHARS);
	buf_release(&m);
	return vl;
}

/* A string cell's text into w->rec, masked, cut and escaped. */
static void
put_text(struct xlsxw *w, struct xw_group *g, long col,
	 const struct xw_pcell *c)
{
	struct gk_buf *r = &w->rec;
	unsigned *wd = &g->cols.widths[col];
	const char *v = w->vals.data + c->voff;
	size_t vl = c->vlen;
	if (masked_text(w, v, vl, &w->masked) != NULL) {
		v = w->masked.data;
		vl = w->masked.len;
	}
	vl = cut_to_excel(w, g, col, v, vl);
	if (xlsxw_text_escape(v, vl, &w->esc)) {
		v = w->esc.data;
		vl = w->esc.len;
	}
	put_u32(r, (uint32_t)vl);
	buf_add(r, v, vl);
	buf_addc(r, '\0');
	if (vl > *wd && *wd < XW_WIDTH_MAX) {
		unsigned sw = str_width(v, vl);
		if (sw > *wd)
			*wd = sw;
	}
}

/* One cell into w->rec: its column, kind and value; the column widens
 * to fit it. */
static void
put_cell(struct xlsxw *w, struct xw_group *g, long col,
	 const struct xw_pcell *c)
{
	struct gk_buf *r = &w->rec;
	unsigned *wd = &g->cols.widths[col];
	put_u32(r, (uint32_t)col);
	buf_addc(r, (char)c->kind);
	if (c->kind == XK_STR) {
		put_text(w, g, col, c);
	} else {
		buf_add(r, &c->num, sizeof c->num);
		if (c->width > *wd)
			*wd = c->width;
	}
}

/* The record's cells into w->rec; *n of them have a column and a value. */
static int
put_cells(struct xlsxw *w, struct xw_group *g, uint32_t *n, struct gk_err *e)
{
	bool type_left_out = false;
	*n = 0;
	w->type_clash_next = XW_FIRST_CLASH;
	for (size_t i = 0; i < w->ncells; i++) {
		struct xw_pcell *c = &w->cells[i];
		bool full;
		long col = cell_column(w, g, c, &type_left_out, &full);
		if (col < 0) {
			if (full) {
				gk_err_set(e, "too many columns: more than %d",
					   XW_EXCEL_MAX_COLS);
				return -1;
			}
			continue;
		}
		if (c->kind == XK_NULL)
			continue;
		g->cols.valued[col] = true;
		mask_phone_number(w, c);
		put_cell(w, g, col, c);
		(*n)++;
	}
	return 0;
}

/* The record in w->rec, its length and n cells filled in, to the spool. */
static void
spool_record(struct xlsxw *w, uint32_t n)
{
	struct gk_buf *r = &w->rec;
	uint32_t total = (uint32_t)r->len;
	memcpy(r->data, &total, sizeof total);
	memcpy(r->data + 8, &n, sizeof n);
	/* Not the record's fault: xlsxw_finish names the workbook. */
	if (w->spool_errno == 0 &&
	    fwrite(r->data, 1, r->len, w->spool) != r->len)
		w->spool_errno = errno ? errno : EIO;
}

/*
 * Group g's records, at this one, continue on a second sheet: the element
 * sheets of its arrays of objects show their XW_ELEMENT_SHEET column from
 * now on, which then counts towards Excel's limit; -1 when one of them
 * has no room left for it.
 */
static int
show_link_sheet(struct xlsxw *w, const struct xw_group *g, struct gk_err *e)
{
	size_t gi = (size_t)(g - w->groups);
	for (size_t i = 0; i < w->ngroups; i++) {
		struct xw_group *eg = &w->groups[i];
		if (eg->parent != gi + 1 || eg->cols.hidden == 0)
			continue;
		eg->cols.hidden = 0;
		if (eg->cols.n > XW_EXCEL_MAX_COLS) {
			gk_err_set(e,
				   "too many columns: more than %d on sheet "
				   "'%s' with its column '%s', as the records "
				   "continue on another sheet",
				   XW_EXCEL_MAX_COLS, eg->name,
				   XW_ELEMENT_SHEET);
			return -1;
		}
	}
	return 0;
}

/* The cells parsed, as a row of sheet group g, to the spool. */
static int
spool_row(struct xlsxw *w, struct xw_group *g, struct gk_err *e)
{
	if (g->rows == LONG_MAX) {
		gk_err_set(e, "too many rows");
		return -1;
	}
	g->rows++;
	w->serial++;
	if (g->parent == 0 && g->rows == w->max_rows &&
	    show_link_sheet(w, g, e) != 0)
		return -1;

	struct gk_buf *r = &w->rec;
	uint32_t n;
	buf_reset(r);
	put_u32(r, 0); /* length, filled in by spool_record */
	put_u32(r, (uint32_t)(g - w->groups));
	put_u32(r, 0); /* cells, likewise */
	if (put_cells(w, g, &n, e) != 0)
		return -1;
	spool_record(w, n);
	return 0;
}

/* The element sheet of the array key of group pg's records. */
static struct xw_group *
element_group(struct xlsxw *w, size_t pgi, const char *key, size_t klen,
	      struct gk_err *e)
{
	for (size_t i = 0; i < w->ngroups; i++) {
		struct xw_group *g = &w->groups[i];
		if (g->parent == pgi + 1 && g->vlen == klen &&
		    memcmp(g->value, key, klen) == 0)
			return g;
	}
	if (w->ngroups >= XW_MAX_SHEETS) {
		gk_err_set(e, "too many sheets: more than %d", XW_MAX_SHEETS);
		return NULL;
	}
	if (w->ngroups == w->gcap) {
		w->gcap = w->gcap ? w->gcap * 2 : 8;
		w->groups = gk_xrealloc(w->groups, w->gcap * sizeof *w->groups);
	}
	/* "records.checks": the records' sheet, the array's key */
	struct gk_buf name;
	buf_init(&name);
	buf_adds(&name, w->groups[pgi].name);
	buf_addc(&name, '.');
	buf_add(&name, key, klen);
	struct xw_group *g = &w->groups[w->ngroups++];
	memset(g, 0, sizeof *g);
	g->value = gk_xstrndup(key, klen);
	g->vlen = klen;
	g->vhash = (uint32_t)gk_hash(key, klen, 0);
	g->parent = pgi + 1;
	/* (its XW_ELEMENT_SHEET column shown once its records continue) */
	g->cols.hidden = w->groups[pgi].rows < w->max_rows ? 1 : 0;
	g->name = sheet_name_unique_tail(w, name.data, name.len, klen + 1,
					 &g->name_tail);
	buf_release(&name);
	/* (--columns chooses the records' columns, not the elements') */
	groups_rehash(w, w->ngroups * 2 > w->ngslots ? w->ngslots * 2
						     : w->ngslots);
	return g;
}

/*
 * What ties an element's row to its record: the record's place among
 * its group's rows (1, 2, ...: pass 2 makes it a sheet and a row on it)
 * and its first member that is neither "type" nor an array of objects (a
 * license's number, a tender's id), kept in w->link as [place, kind, num,
 * width, key length, key, value].
 */
static void
keep_link(struct xlsxw *w, const struct xw_group *g)
{
	struct gk_buf *b = &w->link;
	const struct xw_pcell *id = NULL;

	for (size_t i = 0; i < w->ncells && id == NULL; i++) {
		const struct xw_pcell *c = &w->cells[i];
		const char *k = w->keys.data + c->koff;
		if (!c->objects && !(c->klen == 4 && memcmp(k, "type", 4) == 0))
			id = c;
	}
	buf_reset(b);
	double place = (double)g->rows;
	buf_add(b, &place, sizeof place);
	if (id == NULL)
		return;
	buf_add(b, id, sizeof *id);
	buf_add(b, w->keys.data + id->koff, id->klen);
	buf_add(b, w->vals.data + id->voff, id->vlen);
}

/*
 * The link kept by keep_link() as the first cells of an element row: the
 * record's sheet (its column only; pass 2 fills it in), its place (made
 * its row on that sheet by pass 2), its first member.
 */
static void
add_link_cells(struct xlsxw *w)
{
	const char *p = w->link.data;
	struct xw_pcell *c = new_cell(w);
	char digits[32];
	double place;

	c->koff = w->keys.len;
	buf_adds(&w->keys, XW_ELEMENT_SHEET);
	c->klen = strlen(XW_ELEMENT_SHEET);
	c->kind = XK_NULL;
	c = new_cell(w);
	c->koff = w->keys.len;
	buf_adds(&w->keys, XW_ELEMENT_ROW);
	c->klen = strlen(XW_ELEMENT_ROW);
	memcpy(&c->num, p, sizeof c->num);
	c->kind = XK_NUM;
	place = (double)(((long)c->num - 1) % (w->max_rows - 1) + 2);
	c->width = (unsigned)snprintf(digits, sizeof digits, "%.0f", place);
	if (w->link.len == sizeof c->num)
		return;
	struct xw_pcell id;
	memcpy(&id, p + sizeof c->num, sizeof id);
	const char *kv = p + sizeof c->num + sizeof id;
	c = new_cell(w);
	*c = id;
	c->koff = w->keys.len;
	buf_add(&w->keys, kv, id.klen);
	c->voff = w->vals.len;
	buf_add(&w->vals, kv + id.klen, id.vlen);
}

/*
 * The objects of the record's arrays of objects, each a row of its
 * element sheet: the link to the record, then its members as columns,
 * flattened as a record's are.
 */
static int
add_elements(struct xlsxw *w, struct xw_group *pg, struct gk_err *e)
{
	size_t pgi = (size_t)(pg - w->groups);
	size_t nelems = w->nelems;
	int rc = 0;

	if (nelems == 0)
		return 0;
	keep_link(w, pg);
	w->in_element = true;
	struct xw_group *g = NULL;
	size_t g_koff = SIZE_MAX; /* the array g is the sheet of */
	for (size_t i = 0; i < nelems; i++) {
		const struct xw_elem *el = &w->elems[i];
		const char *key = w->ekeys.data + el->koff;
		bool full = false;
		/* not a column of the records' sheet (--columns): none */
		if (cols_find(&w->groups[pgi].cols, key, el->klen, &full) < 0)
			continue;
		if (el->koff != g_koff) { /* the next array's */
			g = element_group(w, pgi, key, el->klen, e);
			g_koff = el->koff;
		}
		if (g == NULL) {
			rc = -1;
			break;
		}
		w->ncells = 0;
		buf_reset(&w->keys);
		buf_reset(&w->vals);
		w->depth = 0;
		add_link_cells(w);
		w->p = el->s;
		w->end = el->e;
		if ((rc = parse_object(w, 0, el->s, e)) != 0 ||
		    (rc = spool_row(w, g, e)) != 0)
			break;
	}
	w->in_element = false;
	return rc;
}

static int
add_record_rows(struct xlsxw *w, const char *text, size_t len, struct gk_err *e)
{
	w->nul_dropped = false;
	if (parse_record(w, text, len, e) != 0)
		return -1;
	if (!type_wanted(w))
		return 0;
	if (w->nul_dropped)
		tell_nul_dropped(w);
	struct xw_group *g = record_group(w, e);
	if (g == NULL)
		return -1;
	w->records++;
	if (spool_row(w, g, e) != 0)
		return -1;
	/* (element_group may move w->groups) */
	return add_elements(w, g, e);
}

/* A record added, its row and its element rows, and only then its
 * warnings told (a text cut, a NUL dropped): a record refused, for too
 * many columns, sheets or rows, is not warned about as if written. */
static int
add_record(struct xlsxw *w, const char *text, size_t len, struct gk_err *e)
{
	long cut = w->cut_cells;
	buf_reset(&w->warns);
	if (add_record_rows(w, text, len, e) != 0) {
		w->cut_cells = cut;
		return -1;
	}
	for (size_t i = 0; i < w->warns.len; i += strlen(w->warns.data + i) + 1)
		gk_warn("%s", w->warns.data + i);
	return 0;
}

/* ------------------------------------------------------------------ */
/* public API                                                          */
/* ------------------------------------------------------------------ */

struct xlsxw *
xlsxw_new(const struct xlsxw_options *o, struct gk_err *e)
{
	struct xlsxw *w = gk_xcalloc(1, sizeof *w);
	w->o = *o;
	w->max_rows = o->max_rows > 0 ? o->max_rows : XW_EXCEL_MAX_ROWS;
	if (w->max_rows < 2 || w->max_rows > XW_EXCEL_MAX_ROWS) {
		gk_err_set(e, "rows per sheet must be 2 to %ld",
			   XW_EXCEL_MAX_ROWS);
		free(w);
		return NULL;
	}
	w->type_filter = o->type_filter ? gk_xstrdup(o->type_filter) : NULL;
	if (o->sheet_by) {
		w->sheet_by = gk_xstrdup(o->sheet_by);
		w->sheet_by_len = strlen(o->sheet_by);
	}
	w->labels = o->labels ? cJSON_Duplicate(o->labels, true) : NULL;
	w->default_name =
		gk_xstrdup(o->sheet_name && *o->sheet_name ? o->sheet_name
							   : XW_DEFAULT_SHEET);
	w->o.type_filter = w->o.sheet_by = w->o.columns = NULL;
	w->o.labels = NULL;
	w->o.sheet_name = NULL;
	if (o->columns) {
		const char *s = o->columns;
		for (;;) {
			const char *comma = strchr(s, ',');
			size_t n = comma ? (size_t)(comma - s) : strlen(s);
			while (n > 0 && s[0] == ' ') {
				s++;
				n--;
			}
			while (n > 0 && s[n - 1] == ' ')
				n--;
			if (n > 0) {
				w->col_list = gk_xrealloc(
					w->col_list, (w->ncol_list +
						      1) * sizeof *w->col_list);
				w->col_list[w->ncol_list++] = gk_xstrndup(s, n);
			}
			if (!comma)
				break;
			s = comma + 1;
		}
		if (w->ncol_list == 0) {
			gk_err_set(e, "no column names in '%s'", o->columns);
			xlsxw_free(w);
			return NULL;
		}
	}
	buf_init(&w->keys);
	buf_init(&w->vals);
	buf_init(&w->rec);
	buf_init(&w->esc);
	buf_init(&w->masked);
	buf_init(&w->clash);
	buf_init(&w->warns);
	buf_init(&w->ekeys);
	buf_init(&w->link);
	/* never NULL, so that data + offset is always defined */
	buf_reserve(&w->keys, 64);
	buf_reserve(&w->vals, 64);
	w->spool = gk_spool_open("xlsx", &w->spool_dir, e);
	if (w->spool == NULL) {
		xlsxw_free(w);
		return NULL;
	}
	w->spool_buf = gk_xmalloc(XW_SPOOL_BUFSIZE);
	setvbuf(w->spool, w->spool_buf, _IOFBF, XW_SPOOL_BUFSIZE);
	return w;
}

void
xlsxw_set_source(struct xlsxw *w, const char *name, long line)
{
	w->src_name = name;
	w->src_line = line;
}

int
xlsxw_add_json(struct xlsxw *w, const char *text, size_t len, struct gk_err *e)
{
	return add_record(w, text, len, e);
}

int
xlsxw_add(struct xlsxw *w, const cJSON *record, struct gk_err *e)
{
	if (!cJSON_IsObject(record)) {
		gk_err_set(e, "record is not a JSON object");
		return -1;
	}
	char *text = cJSON_PrintUnformatted(record);
	if (text == NULL) {
		gk_err_set(e, "cannot print a record");
		return -1;
	}
	int rc = add_record(w, text, strlen(text), e);
	cJSON_free(text);
	return rc;
}

long
xlsxw_rows(const struct xlsxw *w)
{
	return w->records;
}

long
xlsxw_cut_cells(const struct xlsxw *w)
{
	return w->cut_cells;
}

/* ------------------------------------------------------------------ */
/* pass 2                                                              */
/* ------------------------------------------------------------------ */

struct xw_sheet {
	lxw_worksheet *ws;
	char *name;
	long rows_left; /* data rows this sheet takes */
	uint32_t row;   /* next row to write */
};

static const char *
label_of(const struct xlsxw *w, const char *col)
{
	if (w->labels == NULL)
		return col;
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(w->labels, col);
	if (cJSON_IsString(l) && l->valuestring != NULL)
		return l->valuestring;
	return col;
}

static int
lxw_fail(struct gk_err *e, const char *path, lxw_error err)
{
	gk_err_set(e, "cannot write '%s': %s", path, lxw_strerror(err));
	return -1;
}

/*
 * The name by which the workbook refers to a sheet (its filter's defined
 * name _xlnm._FilterDatabase), always in quotes, an apostrophe in it
 * doubled.  libxlsxwriter leaves a name of letters and digits bare, but a
 * bare name is read as a reference when it starts with a digit or a dot
 * ("2024", "150502", ".x") or looks like a cell ("A1", "R1C1"): LibreOffice
 * then drops the sheet's filter, Excel repairs the workbook on opening.
 * In quotes, every name reads as a sheet's.  The library frees the old
 * one and ours with free().
 */
static void
quote_sheet_ref(lxw_worksheet *ws, const char *name)
{
	struct gk_buf b;

	buf_init(&b);
	buf_addc(&b, '\'');
	for (const char *p = name; *p; p++) {
		if (*p == '\'')
			buf_addc(&b, '\'');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '\'');
	free(ws->quoted_name);
	ws->quoted_name = gk_xstrdup(b.data);
	buf_release(&b);
}

/* The number formats of the cells that are not General, by kind; the
 * times by the digits of their second's fraction.  A text holding a line
 * break wraps (wrap, or bold_wrap in the header, bold): shown on its
 * lines, not on one.  (A format no cell uses is not in the workbook.) */
struct xw_formats {
	lxw_format *bold, *bold_wrap, *wrap;
	lxw_format *date, *whole;
	lxw_format *datetime[XW_FRAC_MAX + 1], *datetime_utc[XW_FRAC_MAX + 1],
		*time[XW_FRAC_MAX + 1];
};

/* The sheet's column of g's column col (skip: an element sheet's
 * XW_ELEMENT_SHEET column, not shown), -1 for none. */
static long
out_col(const struct xw_group *g, size_t col, size_t skip)
{
	return g->cols.pos ? g->cols.pos[col] : (long)(col - skip);
}

static int
setup_sheet(struct xlsxw *w, struct xw_group *g, struct xw_sheet *sh,
	    const struct xw_formats *fmts, const char *path, struct gk_err *e)
{
	lxw_error err;
	size_t nc = g->cols.n;
	/* an element sheet's XW_ELEMENT_SHEET column, when not shown */
	size_t skip = g->parent != 0 && !g->link_sheet ? 1 : 0;
	size_t nout = g->cols.pos ? g->cols.nout : nc - (nc < skip ? nc : skip);
	if (nout == 0)
		return 0;
	for (size_t c = skip; c < nc; c++) {
		long oc = out_col(g, c, skip);
		if (oc < 0)
			continue;
		const char *label = label_of(w, g->cols.names[c]);
		const char *shown = label;
		/* a key is data too (a file without a header gives its first
		 * row as the keys): masked as a cell is */
		if (masked_text(w, label, strlen(label), &w->masked) != NULL)
			shown = label = w->masked.data;
		if (xlsxw_text_escape(label, strlen(label), &w->esc))
			shown = w->esc.data;
		err = worksheet_write_string(
			sh->ws, 0, (lxw_col_t)oc, shown,
			strchr(shown, '\n') ? fmts->bold_wrap : fmts->bold);
		if (err != LXW_NO_ERROR)
			return lxw_fail(e, path, err);
		unsigned wd = g->cols.widths[c];
		/* bold header text is a little wider */
		unsigned hw = str_width(label, strlen(label)) + 1;
		if (hw > wd)
			wd = hw;
		wd += XW_WIDTH_PAD;
		if (wd < XW_WIDTH_MIN)
			wd = XW_WIDTH_MIN;
		if (wd > XW_WIDTH_MAX)
			wd = XW_WIDTH_MAX;
		err = worksheet_set_column(sh->ws, (lxw_col_t)oc, (lxw_col_t)oc,
					   wd, NULL);
		if (err != LXW_NO_ERROR)
			return lxw_fail(e, path, err);
	}
	worksheet_freeze_panes(sh->ws, 1, 0);
	err = worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)sh->rows_left,
				   (lxw_col_t)(nout - 1));
	if (err != LXW_NO_ERROR)
		return lxw_fail(e, path, err);
	/* A text of digits is text on purpose (a postcode's leading zero, a
	 * code, an account of more than 15 digits): no green triangle that
	 * offers to make it a number */
	err = worksheet_ignore_errors(sh->ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT,
				      "A1:XFD1048576");
	if (err != LXW_NO_ERROR)
		return lxw_fail(e, path, err);
	sh->row = 1;
	return 0;
}

static lxw_format *
num_format(lxw_workbook *wb, const char *code)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_num_format(f, code);
	return f;
}

static void
make_formats(lxw_workbook *wb, struct xw_formats *f)
{
	static const char *const frac[XW_FRAC_MAX + 1] = {"", ".0", ".00",
							  ".000"};
	char code[64];

	f->bold = workbook_add_format(wb);
	format_set_bold(f->bold);
	f->bold_wrap = workbook_add_format(wb);
	format_set_bold(f->bold_wrap);
	format_set_text_wrap(f->bold_wrap);
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	f->date = num_format(wb, XW_FMT_DATE);
	f->whole = num_format(wb, XW_FMT_WHOLE);
	for (int i = 0; i <= XW_FRAC_MAX; i++) {
		snprintf(code, sizeof code, "%s%s", XW_FMT_DATETIME, frac[i]);
		f->datetime[i] = num_format(wb, code);
		snprintf(code, sizeof code, "%s%s%s", XW_FMT_DATETIME, frac[i],
			 XW_FMT_UTC);
		f->datetime_utc[i] = num_format(wb, code);
		snprintf(code, sizeof code, "%s%s", XW_FMT_TIME, frac[i]);
		f->time[i] = num_format(wb, code);
	}
}

/*
 * The workbook's creation time: SOURCE_DATE_EPOCH's when it is set (the
 * reproducible-builds convention), so that the same records give the
 * same bytes, as an auditor comparing digests wants; else 0, now.
 */
static int
creation_time(time_t *created, struct gk_err *e)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	long secs;

	*created = 0;
	if (epoch == NULL || *epoch == '\0')
		return 0;
	if (gk_parse_long("SOURCE_DATE_EPOCH", epoch, 1, LONG_MAX, &secs, e) !=
	    0)
		return -1;
	*created = (time_t)secs;
	return 0;
}

/* The format of a number of kind, NULL for General. */
static lxw_format *
number_format(const struct xw_formats *f, unsigned char kind, double d)
{
	unsigned fdig = kind >> XW_FRAC_SHIFT;
	switch (kind & XW_KIND_MASK) {
	case XK_DATE: return f->date;
	case XK_DATETIME: return f->datetime[fdig];
	case XK_DATETIME_UTC: return f->datetime_utc[fdig];
	case XK_TIME: return f->time[fdig];
	case XK_NUM: return long_whole(d) ? f->whole : NULL;
	default: return NULL;
	}
}

/*
 * An element row's link to its record, from the record's place among its
 * group's rows: the record's row on its sheet and, when the records
 * continue on more sheets, the name of that sheet.
 */
static lxw_error
write_link(struct xlsxw *w, const struct xw_sheet *sheets,
	   const struct xw_group *g, const struct xw_sheet *sh, lxw_row_t row,
	   double place)
{
	long per_sheet = w->max_rows - 1;
	long i = (long)place - 1;
	const struct xw_group *pg = &w->groups[g->parent - 1];
	lxw_col_t col = XW_ELEMENT_ROW_COL;

	if (g->link_sheet) {
		const char *name = sheets[pg->first_sheet + i / per_sheet].name;
		if (xlsxw_text_escape(name, strlen(name), &w->esc))
			name = w->esc.data;
		lxw_error err = worksheet_write_string(
			sh->ws, row, XW_ELEMENT_SHEET_COL, name, NULL);
		if (err != LXW_NO_ERROR)
			return err;
	} else {
		col--; /* (the sheet's column is not shown) */
	}
	return worksheet_write_number(sh->ws, row, col,
				      (double)(i % per_sheet + 2), NULL);
}

/* The next record of the spool read into w->rec: 1, or 0 at its end. */
static int
read_spooled(struct xlsxw *w, struct gk_err *e)
{
	struct gk_buf *r = &w->rec;
	uint32_t total;
	size_t got = fread(&total, 1, sizeof total, w->spool);
	if (got == 0)
		return 0;
	if (got != sizeof total || total < 12) {
		gk_err_set(e, "temporary file is short");
		return -1;
	}
	buf_reset(r);
	buf_reserve(r, total);
	if (fread(r->data + 4, 1, total - 4, w->spool) != total - 4) {
		gk_err_set(e, "temporary file is short");
		return -1;
	}
	return 1;
}

/* Where a spooled record's row goes: its group, sheet and row. */
struct xw_row_out {
	struct xlsxw *w;
	const struct xw_sheet *sheets;
	const struct xw_formats *fmts;
	const struct xw_group *g;
	struct xw_sheet *sh;
	lxw_row_t row;
	uint32_t skip; /* the element row column, not shown on a sheet */
};

/* A spooled number, date or boolean in its column oc of the row. */
static lxw_error
write_number_cell(const struct xw_row_out *o, uint32_t col, lxw_col_t oc,
		  unsigned char kind, double d)
{
	if (o->g->parent != 0 && col == XW_ELEMENT_ROW_COL)
		return write_link(o->w, o->sheets, o->g, o->sh, o->row, d);
	if (kind == XK_BOOL)
		return worksheet_write_boolean(o->sh->ws, o->row, oc, d != 0,
					       NULL);
	return worksheet_write_number(o->sh->ws, o->row, oc, d,
				      number_format(o->fmts, kind, d));
}

/* The spooled cell at *pp written to the row, *pp moved past it. */
static lxw_error
write_spooled_cell(const struct xw_row_out *o, const char **pp)
{
	uint32_t col;
	memcpy(&col, *pp, 4);
	unsigned char kind = (unsigned char)(*pp)[4];
	const char *p = *pp + 5;
	long oc = out_col(o->g, col, o->skip);
	if (kind == XK_STR) {
		uint32_t vl;
		memcpy(&vl, p, 4);
		*pp = p + 4 + vl + 1;
		if (oc < 0)
			return LXW_NO_ERROR;
		return worksheet_write_string(
			o->sh->ws, o->row, (lxw_col_t)oc, p + 4,
			memchr(p + 4, '\n', vl) ? o->fmts->wrap : NULL);
	}
	double d;
	memcpy(&d, p, sizeof d);
	*pp = p + sizeof d;
	if (oc < 0)
		return LXW_NO_ERROR; /* (no column: none is spooled) */
	return write_number_cell(o, col, (lxw_col_t)oc, kind, d);
}

/* The record in w->rec written as the next row of its group's sheet (the
 * first of them with rows left). */
static int
write_spooled_row(struct xlsxw *w, struct xw_sheet *sheets,
		  const struct xw_formats *fmts, const char *path,
		  struct gk_err *e)
{
	uint32_t gi, n;
	memcpy(&gi, w->rec.data + 4, 4);
	memcpy(&n, w->rec.data + 8, 4);
	struct xw_row_out o = {.w = w, .sheets = sheets, .fmts = fmts};
	o.g = &w->groups[gi];
	o.sh = &sheets[o.g->first_sheet];
	o.skip = o.g->parent != 0 && !o.g->link_sheet ? 1 : 0;
	while (o.sh->rows_left == 0)
		o.sh++;
	o.row = o.sh->row++;
	const char *p = w->rec.data + 12;
	for (uint32_t i = 0; i < n; i++) {
		lxw_error err = write_spooled_cell(&o, &p);
		if (err != LXW_NO_ERROR)
			return lxw_fail(e, path, err);
	}
	o.sh->rows_left--;
	return 0;
}

static int
write_rows(struct xlsxw *w, struct xw_sheet *sheets,
	   const struct xw_formats *fmts, const char *path, struct gk_err *e)
{
	int got, rc;
	/* (the spool's last records reach it only now: a full disk or the
	 * file size limit is told here too) */
	if (fflush(w->spool) != 0 || fseek(w->spool, 0, SEEK_SET) != 0) {
		gk_err_set(e,
			   "unable to write '%s': its temporary file in '%s':",
			   path, w->spool_dir);
		return -1;
	}
	while ((got = read_spooled(w, e)) > 0)
		if ((rc = write_spooled_row(w, sheets, fmts, path, e)) != 0)
			return rc;
	if (got < 0)
		return -1;
	if (ferror(w->spool)) {
		gk_err_set(e,
			   "unable to write '%s': its temporary file in '%s':",
			   path, w->spool_dir);
		return -1;
	}
	return 0;
}

/*
 * Whether element sheet g shows the sheet of each row's record: when its
 * records' sheet continues on more (its sheets made, in sheets), the row
 * alone does not tell which; the column as wide as their names.
 */
static void
link_sheet_column(struct xlsxw *w, struct xw_group *g,
		  const struct xw_sheet *sheets)
{
	const struct xw_group *pg = &w->groups[g->parent - 1];

	g->link_sheet = pg->nsheets > 1;
	for (size_t k = 0; g->link_sheet && k < pg->nsheets; k++) {
		const char *name = sheets[pg->first_sheet + k].name;
		unsigned wd = str_width(name, strlen(name));
		if (wd > g->cols.widths[XW_ELEMENT_SHEET_COL])
			g->cols.widths[XW_ELEMENT_SHEET_COL] = wd;
	}
}

/*
 * --columns naming objects (column_objects): each group of records gets
 * its columns' places, and a name that no record gave a value for (other
 * than null, or an object with members under it) is told once on
 * stderr, for its column stays empty: a name mistyped, a leaf of an
 * object misnamed, a member always null or {}.  Nothing is told when no
 * record came.
 */
static void
tell_columns_missing(struct xlsxw *w)
{
	if (!w->o.column_objects || w->col_list == NULL)
		return;
	const struct xw_cols *first = NULL;
	for (size_t i = 0; i < w->ngroups; i++)
		if (w->groups[i].parent == 0) {
			cols_order(&w->groups[i].cols);
			if (first == NULL)
				first = &w->groups[i].cols;
		}
	if (w->records == 0 || first == NULL)
		return;
	for (size_t j = 0; j < first->nlisted; j++) {
		bool had = false;
		for (size_t i = 0; i < w->ngroups && !had; i++) {
			const struct xw_cols *c = &w->groups[i].cols;
			if (w->groups[i].parent != 0)
				continue;
			had = c->valued[j];
			for (size_t k = c->nlisted; k < c->n && !had; k++)
				had = c->under[k] == j + 1;
		}
		if (had)
			continue;
		const char *name = first->names[j];
		if (masked_text(w, name, first->lens[j], &w->masked) != NULL)
			name = w->masked.data;
		gk_warn("--columns: no record has a value for '%s': its "
			"column is empty",
			name);
	}
}

/* No record at all: one empty sheet under the default name, not the
 * "(blank)" of a --sheet-by value that nothing had. */
static int
add_empty_group(struct xlsxw *w, struct gk_err *e)
{
	char *by = w->sheet_by;
	w->sheet_by = NULL;
	struct xw_group *g = group_get(w, "", 0, e);
	w->sheet_by = by;
	return g == NULL ? -1 : 0;
}

/* The workbook, written to tmp, that will be path. */
static lxw_workbook *
workbook_start(const char *tmp, const char *path, lxw_doc_properties *props,
	       struct gk_err *e)
{
	lxw_workbook_options wo = {0};
	wo.constant_memory = LXW_TRUE;
	wo.tmpdir = getenv("TMPDIR");
	if (wo.tmpdir != NULL && *wo.tmpdir == '\0')
		wo.tmpdir = NULL;
	lxw_workbook *wb = workbook_new_opt(tmp, &wo);
	if (wb == NULL) {
		gk_err_set(e, "cannot create workbook '%s'", path);
		return NULL;
	}
	if (props->created != 0)
		workbook_set_properties(wb, props);
	return wb;
}

/* How many sheets each group takes (its rows, w->max_rows - 1 a sheet)
 * and where its first is; the sheets of all. */
static size_t
plan_sheets(struct xlsxw *w)
{
	long per_sheet = w->max_rows - 1;
	size_t nsheets = 0;

	for (size_t i = 0; i < w->ngroups; i++) {
		struct xw_group *g = &w->groups[i];
		g->nsheets = g->rows == 0 ? 1
					  : (size_t)((g->rows + per_sheet - 1) /
						     per_sheet);
		g->first_sheet = nsheets;
		nsheets += g->nsheets;
	}
	return nsheets;
}

/* Every sheet up front, so continuations follow their first: named,
 * its rows counted, its header written. */
static int
add_sheets(struct xlsxw *w, lxw_workbook *wb, struct xw_sheet *sheets,
	   const struct xw_formats *fmts, const char *path, struct gk_err *e)
{
	long per_sheet = w->max_rows - 1;

	for (size_t i = 0; i < w->ngroups; i++) {
		struct xw_group *g = &w->groups[i];
		long left = g->rows;
		for (size_t k = 0; k < g->nsheets; k++) {
			struct xw_sheet *sh = &sheets[g->first_sheet + k];
			size_t tail;
			char *name =
				k == 0 ? gk_xstrdup(g->name)
				       : sheet_name_unique_tail(
						 w, g->name, strlen(g->name),
						 g->name_tail, &tail);
			sh->ws = workbook_add_worksheet(wb, name);
			sh->name = name;
			if (sh->ws == NULL) {
				gk_err_set(e, "cannot add sheet '%s' to '%s'",
					   g->name, path);
				return -1;
			}
			quote_sheet_ref(sh->ws, name);
			sh->rows_left = left < per_sheet ? left : per_sheet;
			left -= sh->rows_left;
			if (k == 0 && g->parent != 0)
				link_sheet_column(w, g, sheets);
			if (setup_sheet(w, g, sh, fmts, path, e) != 0)
				return -1;
		}
	}
	return 0;
}

int
xlsxw_finish(struct xlsxw *w, const char *path, struct gk_err *e)
{
	char *tmp = NULL;
	lxw_workbook *wb = NULL;
	struct xw_sheet *sheets = NULL;
	size_t nsheets = 0;
	int rc = -1;

	if (w->ngroups == 0 && add_empty_group(w, e) != 0)
		return -1;
	if (w->spool_errno != 0) {
		errno = w->spool_errno;
		gk_err_set(e,
			   "unable to write '%s': its temporary file in '%s':",
			   path, w->spool_dir);
		return -1;
	}
	tell_columns_missing(w);
	lxw_doc_properties props = {0};
	if (creation_time(&props.created, e) != 0 ||
	    out_tmp_reserve(path, &tmp, e) != 0)
		return -1;

	wb = workbook_start(tmp, path, &props, e);
	if (wb == NULL)
		goto out;
	struct xw_formats fmts;
	make_formats(wb, &fmts);
	nsheets = plan_sheets(w);
	sheets = gk_xcalloc(nsheets, sizeof *sheets);
	if (add_sheets(w, wb, sheets, &fmts, path, e) != 0 ||
	    write_rows(w, sheets, &fmts, path, e) != 0)
		goto out;
	lxw_error err = workbook_close(wb);
	wb = NULL;
	if (err != LXW_NO_ERROR) {
		lxw_fail(e, path, err);
		goto out;
	}
	rc = out_tmp_commit(tmp, path, e);
	tmp = NULL;
out:
	if (wb != NULL)
		lxw_workbook_free(wb);
	if (tmp != NULL)
		out_tmp_abort(tmp);
	for (size_t i = 0; sheets != NULL && i < nsheets; i++)
		free(sheets[i].name);
	free(sheets);
	return rc;
}

void
xlsxw_free(struct xlsxw *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->ngroups; i++) {
		free(w->groups[i].value);
		free(w->groups[i].name);
		cols_release(&w->groups[i].cols);
	}
	free(w->groups);
	free(w->gslots);
	for (size_t i = 0; i < w->nsheet_names; i++)
		free(w->sheet_names[i]);
	free(w->sheet_names);
	for (size_t i = 0; i < w->ncol_list; i++)
		free(w->col_list[i]);
	free(w->col_list);
	free(w->type_filter);
	free(w->sheet_by);
	free(w->default_name);
	cJSON_Delete(w->labels);
	if (w->spool)
		fclose(w->spool);
	free(w->spool_buf);
	buf_release(&w->keys);
	buf_release(&w->vals);
	buf_release(&w->rec);
	buf_release(&w->esc);
	buf_release(&w->masked);
	buf_release(&w->clash);
	buf_release(&w->warns);
	buf_release(&w->ekeys);
	buf_release(&w->link);
	free(w->elems);
	free(w->cells);
	free(w);
}
