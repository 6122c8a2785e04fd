/*
 * xlsxread.c: a streaming XLSX reader on libzip and expat.
 *
 * Why these two: both are Debian-maintained, small, C, and stream.  libzip
 * reads one member of the archive at a time without unpacking the rest;
 * expat is a push parser that can be suspended at the end of each <row>,
 * so a sheet of any size is read with one row in memory.  Shared strings
 * must be random-access, so they are kept, all of them, in one arena.
 *
 * A workbook is: xl/workbook.xml (sheet names -> relationship ids),
 * xl/_rels/workbook.xml.rels (ids -> part names), xl/styles.xml (which
 * cell styles are dates), xl/sharedStrings.xml, xl/worksheets/sheetN.xml.
 *
 * Merged cells: a sheet lists its merged ranges in <mergeCells>, after
 * <sheetData>, and the file holds the value in the range's top-left cell
 * only.  So they are read first: the sheet's part is inflated once more
 * and looked through for the start of <mergeCells>, and only what comes
 * from there is parsed for its <mergeCell> elements (nothing else kept;
 * see merges_from_list).  Then
 * the rows are read as before, and a range's value is given to its other
 * cells the way a reader of the sheet takes it:
 *   - down a column, in the data: each row of a 牵头单位 merged over five
 *     rows has that unit;
 *   - across columns too, but only on the header row and above (a header
 *     cell merged over two columns names both);
 *   - not across columns in a data row: "合计" merged over A:C, or a note
 *     across the table, is one value of the first column; copied into
 *     the next columns it would be a number's or an ID's wrong value;
 *   - never from the header or a title into data rows: a range starting
 *     on or above the header row fills rows down to the header only;
 *   - not into a data row that has no cell of its own: a unit merged over
 *     ten rows of a template of which three were filled in makes three
 *     records, the other rows stay blank.
 * The ranges are kept (they are few); one that overlaps an earlier range
 * is dropped first, so that a row looks at no more ranges than it has
 * columns.  Only the ranges with a value for the current row hold it.
 */
#include <math.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <zip.h>

#include "govkit.h"

#define XR_CHUNK ((size_t)64 << 10)
#define XR_MAX_SHARED_BYTES ((size_t)1 << 30) /* all shared strings */
#define XR_MAX_CELL_BYTES ((size_t)4 << 20)   /* one cell's text */
#define XR_MAX_COLS 16384                     /* XFD */
#define XR_MAX_ROWS 1048576L
#define XR_SERIAL_1970 25569L /* 1970-01-01 in the 1900 date system */
#define XR_SERIAL_1904 24107L /* 1970-01-01 in the 1904 date system */
#define XR_FAKE_LEAP_DAY 60   /* Excel's 1900-02-29 */
#define XR_LAST_DAY 2958465L  /* 9999-12-31, Excel's last date (1900 system) */
#define XR_1904_OFFSET 1462L  /* days from the 1900 to the 1904 system */
#define XR_SECONDS_PER_DAY 86400.0
#define XR_WORKBOOK "xl/workbook.xml"
#define XR_WORKBOOK_RELS "xl/_rels/workbook.xml.rels"
/* Merged ranges kept of one sheet (past it the rest are ignored, and the
 * sheet says so), and the bytes the values of the ranges open on a row
 * may hold (past it the sheet cannot be read: no workbook comes near). */
#define XR_MAX_MERGES ((size_t)1 << 20)
#define XR_MAX_MERGE_BYTES CSV_MAX_RECORD
/* How much of a malformed ref a message quotes. */
#define XR_REF_QUOTED 40
/* Elements open at once: a sheet nests seven (worksheet, sheetData, row,
 * c, is, r, t), extensions a few more.  Expat keeps every open element;
 * 20 million <x> deflate to 60 KB and took 2.8 GB. */
#define XR_MAX_DEPTH 1000
/* The bytes of an element's or an attribute's name.  Expat keeps every
 * name it has seen, for the parser's life: 300 elements named by 1 MB
 * each, each tag under XR_MAX_TOKEN_BYTES, deflate to 300 KB and took
 * 450 MB.  OOXML's names, their prefix counted, are under 40 bytes. */
#define XR_MAX_NAME_BYTES 256
#define XR_MAX_NAME_TEXT "256 bytes"
/* What the parts listing sheets and styles may hold: a workbook.xml,
 * a workbook.xml.rels or a styles.xml of a few MB deflated to GBs of
 * <sheet/>, <Relationship/>, <xf/> or <numFmt/>, every one kept (1.5 to
 * 2.3 GB for 20 million, and a minute).  Excel's own limits are about
 * 250 custom number formats and 64,000 cell formats (t0102 reads 300,000
 * of each, a few MB); no workbook holds 65,536 sheets. */
#define XR_MAX_SHEETS 65536
#define XR_MAX_RELS (2 * XR_MAX_SHEETS)
/* The bytes of the sheets' names and ids and of the relationships' ids,
 * targets and types, all kept: under the tag limit, 300 sheets named by
 * a MB each deflate to 300 KB and took 300 MB (65,536 of them, 64 GB).
 * Excel's names are 31 characters at most, a relationship's about 130
 * bytes: the counts above take 25 MB. */
#define XR_MAX_LIST_BYTES ((size_t)64 << 20)
#define XR_MAX_LIST_TEXT "64 MiB"
#define XR_MAX_XFS ((size_t)1 << 20)
#define XR_MAX_FMTS ((size_t)1 << 20)
/* The bytes of one tag, comment or processing instruction.  Expat keeps
 * one until its end comes and scans it again from its start with every
 * chunk that does not bring the end (Debian 12's expat 2.5 has not the
 * reparse deferral of 2.6): a comment of 400 MB, 400 KB deflated, held
 * gov-records for more than ten minutes, and its memory grew with it.
 * Text is handed on as it comes and is not held; a real tag is short. */
#define XR_MAX_TOKEN_BYTES ((size_t)1 << 20)
#define XR_MAX_TOKEN_TEXT "1 MiB"
/* What a workbook's inflated parts may make the reader keep at once, the
 * shared strings, a row or the values of merged ranges: past the limits
 * above, no more than XR_INFLATE_RATIO times the workbook's size on disk,
 * XR_INFLATE_FLOOR at least.  XML deflates 5 to 20 times; a part of
 * 1 MB that inflated to 1 GB of shared strings (255 strings of 4 MB, or
 * 100 million empty ones) was kept, all of it, and a row of 63 cells of
 * 4 MB (260 KB deflated) took 780 MB in gov-records. */
#define XR_INFLATE_RATIO 100
#define XR_INFLATE_FLOOR ((size_t)64 << 20)

/* A merged range, 0-based columns and sheet rows, corners inclusive. */
struct xr_merge {
	long r1, c1, r2, c2;
	long end;    /* the last row it gives its value to */
	char *value; /* the top-left cell's, once its row was read */
	size_t len;
};

/* A cell of the row being read: its text at off in the row's text, or
 * in the shared strings (which stay put: a cell that shows one is not a
 * copy of it). */
struct xr_cell {
	long col;
	size_t off, len;
	bool shared;
};

/* A custom number format: a slot of an open-addressing table by id. */
struct xr_fmt {
	long id;
	unsigned char kind;
	bool used;
};

enum xr_datekind {
	XR_NOT_DATE = 0,
	XR_DATE,
	XR_DATETIME,
	XR_DATETIME_UTC, /* shows a literal Z: read back with its Z */
	XR_TIME,
	XR_ELAPSED, /* [h]:mm:ss: hours past 24, as a duration shows */
};
/* A time kind shows as many digits of a second's fraction as its format
 * has zeros after "ss." (up to XR_FRAC_MAX), kept above XR_FRAC_SHIFT. */
#define XR_FRAC_MAX 3
#define XR_FRAC_SHIFT 4
#define XR_KIND_MASK ((1u << XR_FRAC_SHIFT) - 1)

struct xlsx_reader {
	zip_t *zip;
	char *path;
	char *sheet; /* chosen sheet's name */
	char *part;  /* its part name in the zip */

	char **sheet_names;
	char **sheet_rids;
	size_t nsheets;
	char **rel_ids, **rel_targets, **rel_types;
	size_t nrels;
	size_t list_bytes; /* what the names, ids and rels above hold */
	bool date1904;
	size_t first_shown; /* the first sheet not hidden, the default */
	bool have_shown;

	size_t budget; /* XR_INFLATE_RATIO times the file, the floor at least */
	unsigned long long file_kb; /* the file's size, for messages */

	/* shared strings: one arena, NUL-separated, and offsets */
	struct gk_buf ss;
	size_t *ss_off;
	size_t ss_n, ss_cap;

	/* styles: the date kind of each cellXfs entry, and of the custom
	 * numFmts by id (a workbook may have thousands of each) */
	unsigned char *xf_kind;
	size_t nxf, xf_cap;
	struct xr_fmt *fmts;
	size_t nfmt, fmt_cap;

	/* the sheet stream */
	zip_file_t *zf;
	XML_Parser xp;
	long long fed; /* bytes given to xp */
	char *chunk;
	bool suspended, at_end, sent_final;
	const char *what;     /* part being parsed, for messages */
	char what_sheet[160]; /* "sheet 'NAME'" */
	struct gk_err perr;   /* an error raised inside a handler */
	bool failed;
	/* the part's handlers, called through depth_start and depth_end,
	 * which count how deep the elements are */
	XML_StartElementHandler on_start;
	XML_EndElementHandler on_end;
	long depth;

	/* parse state shared by the handlers */
	int depth_rph; /* inside <rPh> (phonetic runs): skip */
	bool in_text;  /* collecting character data */
	bool in_is, in_si, in_cellxfs, in_sheetdata;
	bool in_row;        /* of the sheet, cur_row: messages name it */
	struct gk_buf text; /* the current cell / string */

	/* the current cell */
	long cell_col;
	char cell_type[12];
	long cell_style;
	bool in_cell;

	/* The current row: a cell per column, at most, as a row that gives
	 * a cell again keeps its last value only (<c r="A2"> a hundred
	 * million times is 3 GB of XML, but a few MB deflated).  cell_at[col]
	 * is the index + 1 of the column's cell, 0 for none.  The text of
	 * the values dropped stays in row_text until it is half of it, then
	 * the row's text is copied anew (into row_spare): it holds at most
	 * about twice what the row shows. */
	struct gk_buf row_text, row_spare;
	struct xr_cell *cells;
	size_t ncells, cells_cap;
	uint32_t *cell_at;
	size_t row_live;   /* bytes of the cells' text, a NUL each */
	size_t row_dead;   /* bytes of row_text no cell shows any more */
	long row_dups;     /* values given again in the row, dropped */
	long dup_col;      /* the first cell given again */
	bool cell_formula; /* the cell being read has a formula */
	long row_uncalc;   /* formulas in the row with no value saved */
	long uncalc_col;   /* the first of them */
	long cur_row, last_col;
	/* Data rows are padded to the header's width: trailing empty cells
	 * are not stored, but a person sees every row of a sheet as wide as
	 * its table.  Not to the sheet's <dimension>, which is optional
	 * (without it a row ending in empty cells read as short), may claim
	 * every column (A1:XFD9), and is widened by a stray cell in XFD:
	 * past the header, padding would give every row empty cells of its
	 * own to be named.  The header (and a title above it) is as wide as
	 * its cells. */
	long header_width; /* as handed out; 0 until then */
	bool row_ready;
	long ready_row;
	long next_row; /* number of the next row to hand out */

	/* merged ranges, by first row, no two overlapping; those with a
	 * value for the row being read, in a heap by their last row */
	long header_row; /* rows above it are dropped */
	struct xr_merge *merges;
	size_t nmerges, merges_cap, merge_next;
	size_t *open;
	size_t nopen;
	size_t held;              /* bytes the open ranges' values hold */
	long bad_merges;          /* ranges ignored, the first quoted in note */
	struct gk_buf merge_note; /* for the first row handed out */
	bool merge_noted;

	/* handed-out row */
	struct gk_buf problem; /* its csv_row.problem, when not empty */
	char **fields;
	size_t *lens;
	size_t fields_cap;
};

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

/*
 * The local part of a name ("x:row" -> "row").  Namespaces are not
 * resolved (expat without namespace processing is faster, and names are
 * short): parts use one vocabulary, whatever prefix a writer chose.
 */
static const char *
local(const char *name)
{
	const char *colon = strchr(name, ':');
	return colon ? colon + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0 &&
		    strncmp(atts[i], "xmlns", 5) != 0)
			return atts[i + 1];
	return NULL;
}

static void
fail(struct xlsx_reader *r, const char *fmt, const char *arg)
{
	if (r->failed)
		return;
	r->failed = true;
	char msg[512];
	snprintf(msg, sizeof msg, fmt, arg);
	if (r->in_row)
		gk_err_set(&r->perr, "%s:%ld: %s: %s", r->path, r->cur_row,
			   r->what, msg);
	else
		gk_err_set(&r->perr, "%s: %s: %s", r->path, r->what, msg);
	XML_StopParser(r->xp, XML_FALSE);
}

/* The bytes the reader may keep of a kind whose own limit is limit: the
 * least of it and the workbook's budget. */
static size_t
kept_cap(const struct xlsx_reader *r, size_t limit)
{
	return r->budget < limit ? r->budget : limit;
}

/*
 * Whether xp holds, unparsed, more than XR_MAX_TOKEN_BYTES of the r->fed
 * bytes it was given: the start of a tag, a comment or a processing
 * instruction whose end has not come (r->perr says so).  Asked after an
 * XML_Parse that returned XML_STATUS_OK, when the current byte index is
 * where the unfinished token starts.
 */
static bool
token_too_long(struct xlsx_reader *r)
{
	XML_Index at = XML_GetCurrentByteIndex(r->xp);

	if (at < 0 || r->fed - (long long)at <= (long long)XR_MAX_TOKEN_BYTES)
		return false;
	fail(r, "a tag or comment longer than %s", XR_MAX_TOKEN_TEXT);
	return true;
}

static void
doctype_handler(void *ud, const XML_Char *name, const XML_Char *sysid,
		const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail(ud, "%s", "a DTD is not allowed");
}

/*
 * The text of the current cell or shared string passes XR_MAX_CELL_BYTES:
 * refused at once, naming the cell or the string, where the rest of the
 * text was read (and dropped) to its end, any number of GBs inflated.
 */
static void
text_too_long(struct xlsx_reader *r)
{
	char msg[120], letters[4];

	if (r->in_si) {
		snprintf(msg, sizeof msg,
			 "a shared string longer than %zu MiB (at string "
			 "index %zu)",
			 XR_MAX_CELL_BYTES >> 20, r->ss_n);
	} else {
		xlsx_column_letters(r->cell_col, letters);
		snprintf(msg, sizeof msg,
			 "a cell's text longer than %zu MiB (at cell %s%ld)",
			 XR_MAX_CELL_BYTES >> 20, letters, r->cur_row);
	}
	fail(r, "%s", msg);
}

static void
text_handler(void *ud, const XML_Char *s, int len)
{
	struct xlsx_reader *r = ud;
	if (!r->in_text || r->depth_rph > 0)
		return;
	if (r->text.len + (size_t)len > XR_MAX_CELL_BYTES) {
		text_too_long(r);
		return;
	}
	buf_add(&r->text, s, (size_t)len);
}

/*
 * Undo OOXML's _xHHHH_ escaping of characters XML cannot hold (a CR is
 * "_x000D_"; a literal "_x" is "_x005F_x").
 */
static void
unescape_ooxml(struct gk_buf *b)
{
	if (b->len < 7 || strstr(b->data, "_x") == NULL)
		return;
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		if (i + 7 <= b->len && b->data[i] == '_' &&
		    b->data[i + 1] == 'x' && b->data[i + 6] == '_') {
			unsigned long v = 0;
			bool hex = true;
			for (int k = 2; k < 6; k++) {
				char c = b->data[i + k];
				v <<= 4;
				if (c >= '0' && c <= '9')
					v |= (unsigned long)(c - '0');
				else if (c >= 'a' && c <= 'f')
					v |= (unsigned long)(c - 'a' + 10);
				else if (c >= 'A' && c <= 'F')
					v |= (unsigned long)(c - 'A' + 10);
				else
					hex = false;
			}
			if (hex && v < 0x80 && v != 0) {
				b->data[o++] = (char)v;
				i += 7;
				continue;
			}
			if (hex && v >= 0x80 && (v < 0xD800 || v > 0xDFFF)) {
				char t[3];
				size_t n;
				if (v < 0x800) {
					t[0] = (char)(0xC0 | (v >> 6));
					t[1] = (char)(0x80 | (v & 0x3F));
					n = 2;
				} else {
					t[0] = (char)(0xE0 | (v >> 12));
					t[1] = (char)(0x80 | ((v >> 6) & 0x3F));
					t[2] = (char)(0x80 | (v & 0x3F));
					n = 3;
				}
				memcpy(b->data + o, t,
				       n); /* n <= 7: never overtakes i */
				o += n;
				i += 7;
				continue;
			}
		}
		b->data[o++] = b->data[i++];
	}
	b->len = o;
	b->data[o] = '\0';
}

/* Parse a whole zip member with the handlers set on r->xp. */
static int
parse_part(struct xlsx_reader *r, const char *name, bool required,
	   struct gk_err *e)
{
	zip_file_t *zf = zip_fopen(r->zip, name, 0);
	int rc = -1;
	if (zf == NULL) {
		if (!required)
			return 0;
		gk_err_set(e, "%s: not an XLSX workbook (no %s)", r->path,
			   name);
		return -1;
	}
	r->what = name;
	for (;;) {
		zip_int64_t n = zip_fread(zf, r->chunk, XR_CHUNK);
		if (n < 0) {
			gk_err_set(e, "%s: %s: corrupt zip data (%s)", r->path,
				   name, zip_file_strerror(zf));
			goto out;
		}
		r->fed += n;
		if (XML_Parse(r->xp, r->chunk, (int)n, n == 0) !=
			    XML_STATUS_OK ||
		    token_too_long(r)) {
			if (r->failed)
				*e = r->perr;
			else
				gk_err_set(
					e, "%s: %s: bad XML at line %lu: %s",
					r->path, name,
					(unsigned long)XML_GetCurrentLineNumber(
						r->xp),
					XML_ErrorString(
						XML_GetErrorCode(r->xp)));
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	zip_fclose(zf);
	return rc;
}

static XML_Parser
new_parser(struct xlsx_reader *r)
{
	if (r->xp != NULL)
		XML_ParserFree(r->xp);
	r->xp = XML_ParserCreate("UTF-8");
	if (r->xp == NULL)
		abort();
	XML_SetUserData(r->xp, r);
	XML_SetStartDoctypeDeclHandler(r->xp, doctype_handler);
	XML_SetCharacterDataHandler(r->xp, text_handler);
	r->fed = 0;
	r->failed = false;
	r->on_start = NULL;
	r->on_end = NULL;
	r->depth = 0;
	r->in_text = false;
	r->in_row = false;
	r->depth_rph = 0;
	buf_reset(&r->text);
	return r->xp;
}

static void
depth_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;

	if (r->failed)
		return;
	if (++r->depth > XR_MAX_DEPTH) {
		fail(r, "%s", "elements nested too deep");
		return;
	}
	bool long_name = strlen(name) > XR_MAX_NAME_BYTES;
	for (size_t i = 0; atts[i] != NULL && !long_name; i += 2)
		long_name = strlen(atts[i]) > XR_MAX_NAME_BYTES;
	if (long_name) {
		fail(r, "an element or attribute name longer than %s",
		     XR_MAX_NAME_TEXT);
		return;
	}
	if (r->on_start)
		r->on_start(ud, name, atts);
}

static void
depth_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;

	r->depth--;
	if (r->on_end && !r->failed)
		r->on_end(ud, name);
}

/* The handlers of a part (either may be NULL), under the depth cap. */
static void
set_handlers(struct xlsx_reader *r, XML_StartElementHandler start,
	     XML_EndElementHandler end)
{
	r->on_start = start;
	r->on_end = end;
	XML_SetElementHandler(r->xp, depth_start, depth_end);
}

/* Append s as item n of *arr, which holds n: room is doubled when n is
 * a power of two (a realloc an item made 65,536 sheets quadratic where
 * realloc copies, as under AddressSanitizer: 25 s). */
static void
push_str(char ***arr, size_t n, const char *s)
{
	if (n == 0 || (n & (n - 1)) == 0)
		*arr = gk_xrealloc(*arr, (n ? 2 * n : 1) * sizeof **arr);
	(*arr)[n] = gk_xstrdup(s ? s : "");
}

/* ------------------------------------------------------------------ */
/* workbook.xml and its relationships                                   */
/* ------------------------------------------------------------------ */

/* Whether the strings of atts named by names (NULL-ended) may be kept,
 * counted; false (failed) when the sheets and relationships would hold
 * more than XR_MAX_LIST_BYTES. */
static bool
list_room(struct xlsx_reader *r, const char **atts, const char *const *names)
{
	size_t n = 0;

	for (; *names != NULL; names++) {
		const char *v = attr(atts, *names);
		n += (v ? strlen(v) : 0) + 1;
	}
	if (n > XR_MAX_LIST_BYTES - r->list_bytes) {
		fail(r, "sheet names and relationships of more than %s",
		     XR_MAX_LIST_TEXT);
		return false;
	}
	r->list_bytes += n;
	return true;
}

static void
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	if (strcmp(l, "sheet") == 0) {
		const char *state = attr(atts, "state");
		if (r->nsheets == XR_MAX_SHEETS) {
			fail(r, "more than %s sheets", "65536");
			return;
		}
		if (!list_room(r, atts,
			       (const char *const[]){"name", "id", NULL}))
			return;
		if (!r->have_shown &&
		    (state == NULL || strcmp(state, "visible") == 0)) {
			r->first_shown = r->nsheets;
			r->have_shown = true;
		}
		push_str(&r->sheet_names, r->nsheets, attr(atts, "name"));
		push_str(&r->sheet_rids, r->nsheets, attr(atts, "id"));
		r->nsheets++;
	} else if (strcmp(l, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		r->date1904 =
			d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	}
}

static void
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	if (r->nrels == XR_MAX_RELS) {
		fail(r, "more than %s relationships", "131072");
		return;
	}
	if (!list_room(r, atts,
		       (const char *const[]){"Id", "Target", "Type", NULL}))
		return;
	push_str(&r->rel_ids, r->nrels, attr(atts, "Id"));
	push_str(&r->rel_targets, r->nrels, attr(atts, "Target"));
	push_str(&r->rel_types, r->nrels, attr(atts, "Type"));
	r->nrels++;
}

/* Part name of a relationship target ("worksheets/sheet1.xml"). */
static char *
part_of(const char *target)
{
	if (target[0] == '/')
		return gk_xstrdup(target + 1);
	return gk_xasprintf("xl/%s", target);
}

/* Part named by the relationship of the given type suffix, or dflt. */
static char *
part_by_type(const struct xlsx_reader *r, const char *suffix, const char *dflt)
{
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < r->nrels; i++) {
		size_t tl = strlen(r->rel_types[i]);
		if (tl >= sl && strcmp(r->rel_types[i] + tl - sl, suffix) == 0)
			return part_of(r->rel_targets[i]);
	}
	return gk_xstrdup(dflt);
}

/* ------------------------------------------------------------------ */
/* styles.xml: which cell styles show dates                             */
/* ------------------------------------------------------------------ */

static unsigned char
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 58))
		return XR_DATE;
	if (id == 22)
		return XR_DATETIME;
	if (id == 46)
		return XR_ELAPSED;
	if (id == 47) /* mm:ss.0 */
		return XR_TIME | 1u << XR_FRAC_SHIFT;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45)
		return XR_TIME;
	return XR_NOT_DATE;
}

/* What the letters of a number format code said so far. */
struct xr_fmt_scan {
	bool date, time, month, elapsed;
	unsigned fdig;
};

/* A quoted text or an escaped character at p: the last character of it,
 * or NULL when the quote is not closed (nothing more to read). */
static const char *
skip_format_literal(const char *p)
{
	if (*p == '"') {
		p++;
		while (*p && *p != '"')
			p++;
		return *p ? p : NULL;
	}
	if (p[1])
		p++;
	return p;
}

/* A [bracket] at p: [h] [mm] [ss] are elapsed time, [Red] [$-804] are
 * not; its ']', or NULL when it is not closed. */
static const char *
scan_format_bracket(const char *p, struct xr_fmt_scan *s)
{
	const char *q = p + 1;
	bool all_time = q[0] != ']';
	for (; *q && *q != ']'; q++)
		if (strchr("hHmMsS", *q) == NULL)
			all_time = false;
	if (all_time)
		s->time = s->elapsed = true;
	return *q ? q : NULL;
}

/* A letter at p of the code: a date, time or month one, or "General"
 * (holds no date letters but 'e' twice: skipped); its last character. */
static const char *
scan_format_letter(const char *code, const char *p, struct xr_fmt_scan *s)
{
	switch (*p) {
	case 'y':
	case 'Y':
	case 'd':
	case 'D':
	case 'e':
		/* 'e' is the era year in CJK formats; "E+" is exponent */
		if (*p == 'e' && p != code && (p[-1] == '0' || p[-1] == '#'))
			break;
		s->date = true;
		break;
	case 's':
	case 'S':
		if (p[1] == '.')
			for (s->fdig = 0;
			     p[2 + s->fdig] == '0' && s->fdig < XR_FRAC_MAX;
			     s->fdig++)
				;
		s->time = true;
		break;
	case 'h':
	case 'H': s->time = true; break;
	case 'm':
	case 'M': s->month = true; break;
	default: break;
	}
	if (strncasecmp(p, "General", 7) == 0)
		p += 6;
	return p;
}

/* One token of the code at p: the last character of it, or NULL when
 * nothing more is to be read. */
static const char *
scan_format_token(const char *code, const char *p, struct xr_fmt_scan *s)
{
	char c = *p;
	if (c == '"' || c == '\\' || c == '_' || c == '*')
		return skip_format_literal(p);
	if (c == '[')
		return scan_format_bracket(p, s);
	if (strncasecmp(p, "AM/PM", 5) == 0 || strncasecmp(p, "A/P", 3) == 0) {
		s->time = true;
		return p + (p[1] == '/' ? 2 : 4);
	}
	return scan_format_letter(code, p, s);
}

/* The kind the letters of a code make: a date and a time a date-time. */
static unsigned char
scanned_kind(const struct xr_fmt_scan *s, bool utc)
{
	unsigned fdig = s->fdig << XR_FRAC_SHIFT;
	if (s->date && s->time)
		return (unsigned char)((utc ? XR_DATETIME_UTC : XR_DATETIME) |
				       fdig);
	if (s->date)
		return XR_DATE;
	if (s->elapsed)
		return (unsigned char)(XR_ELAPSED | fdig);
	if (s->time)
		return (unsigned char)(XR_TIME | fdig);
	if (s->month)
		return XR_DATE;
	return XR_NOT_DATE;
}

/* The kind of a custom number format code, from its date/time letters
 * outside quotes, escapes and [colour] brackets; a date-time whose code
 * ends in a literal Z ("Z" or \Z, as gov-xlsx writes a UTC time) is a UTC
 * one.  "ss.000" shows the second's fraction: its digits go with a time
 * kind. */
static unsigned char
format_kind(const char *code)
{
	struct xr_fmt_scan s = {0};
	size_t n = strlen(code);
	bool utc = (n >= 3 && strcmp(code + n - 3, "\"Z\"") == 0) ||
		   (n >= 2 && strcmp(code + n - 2, "\\Z") == 0);
	for (const char *p = code; *p; p++)
		if ((p = scan_format_token(code, p, &s)) == NULL)
			break;
	return scanned_kind(&s, utc);
}

/* A numFmtId as a number (0 when it is none, as atol read it). */
static long
fmt_id(const char *s)
{
	return s != NULL ? strtol(s, NULL, 10) : 0;
}

/* The slot of id in a table of cap slots (a power of two, never full):
 * its own, or the empty one where it goes. */
static size_t
fmt_slot(const struct xr_fmt *t, size_t cap, long id)
{
	size_t i = (size_t)gk_hash(&id, sizeof id, 0) & (cap - 1);

	while (t[i].used && t[i].id != id)
		i = (i + 1) & (cap - 1);
	return i;
}

/* A custom format; one given again with the same id replaces it. */
static void
fmt_put(struct xlsx_reader *r, long id, unsigned char kind)
{
	if (2 * (r->nfmt + 1) > r->fmt_cap) {
		size_t cap = r->fmt_cap ? 2 * r->fmt_cap : 64;
		struct xr_fmt *t = gk_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < r->fmt_cap; i++)
			if (r->fmts[i].used)
				t[fmt_slot(t, cap, r->fmts[i].id)] = r->fmts[i];
		free(r->fmts);
		r->fmts = t;
		r->fmt_cap = cap;
	}
	struct xr_fmt *f = &r->fmts[fmt_slot(r->fmts, r->fmt_cap, id)];
	if (!f->used)
		r->nfmt++;
	*f = (struct xr_fmt){.id = id, .kind = kind, .used = true};
}

/* The date kind of format id: a custom one given before, else Excel's. */
static unsigned char
fmt_kind(const struct xlsx_reader *r, long id)
{
	if (r->fmt_cap > 0) {
		const struct xr_fmt *f =
			&r->fmts[fmt_slot(r->fmts, r->fmt_cap, id)];
		if (f->used)
			return f->kind;
	}
	return builtin_kind(id);
}

static void
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	if (strcmp(l, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId");
		const char *code = attr(atts, "formatCode");
		if (id == NULL || code == NULL)
			return;
		if (r->nfmt == XR_MAX_FMTS) {
			fail(r, "more than %s number formats", "1048576");
			return;
		}
		fmt_put(r, fmt_id(id), format_kind(code));
	} else if (strcmp(l, "cellXfs") == 0) {
		r->in_cellxfs = true;
	} else if (strcmp(l, "xf") == 0 && r->in_cellxfs) {
		if (r->nxf == XR_MAX_XFS) {
			fail(r, "more than %s cell formats", "1048576");
			return;
		}
		if (r->nxf == r->xf_cap) {
			r->xf_cap = r->xf_cap ? r->xf_cap * 2 : 64;
			r->xf_kind = gk_xrealloc(r->xf_kind, r->xf_cap);
		}
		r->xf_kind[r->nxf++] =
			fmt_kind(r, fmt_id(attr(atts, "numFmtId")));
	}
}

static void
styles_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	if (strcmp(local(name), "cellXfs") == 0)
		r->in_cellxfs = false;
}

/* ------------------------------------------------------------------ */
/* sharedStrings.xml                                                   */
/* ------------------------------------------------------------------ */

static void
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	(void)atts;
	if (strcmp(l, "si") == 0) {
		r->in_si = true;
		buf_reset(&r->text);
	} else if (strcmp(l, "rPh") == 0) {
		r->depth_rph++;
	} else if (strcmp(l, "t") == 0 && r->in_si) {
		r->in_text = true;
	}
}

static void
sst_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);
	if (strcmp(l, "t") == 0) {
		r->in_text = false;
	} else if (strcmp(l, "rPh") == 0) {
		r->depth_rph--;
	} else if (strcmp(l, "si") == 0) {
		r->in_si = false;
		unescape_ooxml(&r->text);
		/* the offsets count too: a million empty <si/> deflate to
		 * a few KB and took 9 bytes each outside the text, so a
		 * workbook of a few MB ran the reader out of memory */
		size_t cap = kept_cap(r, XR_MAX_SHARED_BYTES);
		if (r->ss.len + r->text.len + 1 +
			    (r->ss_n + 1) * sizeof *r->ss_off >
		    cap) {
			char msg[160];
			if (cap == XR_MAX_SHARED_BYTES)
				snprintf(msg, sizeof msg, "%s",
					 "shared strings larger than 1 GiB");
			else
				snprintf(msg, sizeof msg,
					 "shared strings larger than %zu MiB "
					 "from a workbook of %llu KB (at "
					 "string index %zu)",
					 cap >> 20, r->file_kb, r->ss_n);
			fail(r, "%s", msg);
			return;
		}
		if (r->ss_n == r->ss_cap) {
			r->ss_cap = r->ss_cap ? r->ss_cap * 2 : 1024;
			r->ss_off = gk_xrealloc(r->ss_off,
						r->ss_cap * sizeof *r->ss_off);
		}
		r->ss_off[r->ss_n++] = r->ss.len;
		buf_add(&r->ss, r->text.data ? r->text.data : "", r->text.len);
		buf_addc(&r->ss, '\0');
	}
}

/* ------------------------------------------------------------------ */
/* the sheet                                                           */
/* ------------------------------------------------------------------ */

static int cell_ref(const char **p, long *col, long *row);

/* "AB12" -> column 27 (0-based), row 12; -1 when not a reference
 * ("A", "A0", "A5abc", "b5", a column past XFD or a row past 1048576). */
static long
ref_col(const char *ref, long *row)
{
	long col;

	if (cell_ref(&ref, &col, row) != 0 || *ref != '\0')
		return -1;
	return col;
}

/* A row's r, an xsd:unsignedInt (white space around it and a '+'
 * allowed, as the schema allows them): the number, or 0 when it is not
 * one ("5abc", "", "-1", "5.0"), XR_MAX_ROWS + 1 when it is past the
 * last row of a sheet. */
static long
row_number(const char *s)
{
	long n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9') {
		if (n <= XR_MAX_ROWS)
			n = n * 10 + (*s - '0');
		s++;
	}
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (*s != '\0')
		return 0;
	return n > XR_MAX_ROWS ? XR_MAX_ROWS + 1 : n;
}

/* -?[1-9][0-9]{0,14} or 0: an integer Excel shows as it is stored. */
static bool
plain_integer(const char *v)
{
	const char *p = v + (v[0] == '-');
	size_t n = 0;
	if (p[0] == '0')
		return p[1] == '\0' && p == v;
	while (p[n] >= '0' && p[n] <= '9')
		n++;
	return n > 0 && n <= 15 && p[n] == '\0';
}

/* Numbers below this with an exponent in %.15g are shown whole. */
#define XR_WHOLE_DIGITS_MAX 18

/*
 * t, a %.15g text such as "1.50502199007219e+17", as the whole number
 * Excel's "0" format shows: its 15 significant digits, then zeros
 * ("150502199007219000").  An ID number typed into Excel as a number
 * is stored so; the exponent form would show its birth date past the
 * masking, which knows an ID by its 18 digits.  False when t is no such
 * number (a fraction, or 10^18 and above), left as it is.
 */
static bool
expand_whole(const char *t, struct gk_buf *b)
{
	const char *e = strchr(t, 'e'), *p = t;
	long exp;
	size_t ndig = 0;

	if (e == NULL || e[1] != '+')
		return false;
	exp = strtol(e + 2, NULL, 10);
	if (exp >= XR_WHOLE_DIGITS_MAX)
		return false;
	if (*p == '-')
		buf_addc(b, *p++);
	for (; p < e; p++)
		if (*p != '.') {
			buf_addc(b, *p);
			ndig++;
		}
	for (; (long)ndig <= exp; ndig++)
		buf_addc(b, '0');
	return true;
}

/* The number as Excel shows it: to its 15 significant digits, so a
 * formula's 6.0000000000000009 is 6 and 0.1+0.2 is 0.3; integers plain,
 * up to 18 digits. */
static void
format_number(double v, struct gk_buf *b)
{
	char t[40];
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(t, sizeof t, "%.0f", v);
	else
		snprintf(t, sizeof t, "%.15g", v);
	if (strcmp(t, "-0") == 0)
		strcpy(t, "0");
	if (!expand_whole(t, b))
		buf_adds(b, t);
}

/* The fraction of a second in units of 10^-fdig: its digits after the
 * seconds, none when fdig is 0. */
static void
add_fraction(struct gk_buf *b, long long frac, unsigned fdig)
{
	if (fdig > 0)
		buf_printf(b, ".%0*lld", (int)fdig, frac);
}

static void
format_date(const struct xlsx_reader *r, double serial, unsigned char kind,
	    struct gk_buf *b)
{
	unsigned fdig = kind >> XR_FRAC_SHIFT;
	long long scale = 1, day_units;
	double day = floor(serial);
	long long units; /* of the day, in 10^-fdig seconds */
	long days = (long)day, secs;

	kind &= XR_KIND_MASK;
	for (unsigned i = 0; i < fdig; i++)
		scale *= 10;
	day_units = (long long)XR_SECONDS_PER_DAY * scale;
	units = llround((serial - day) * (double)day_units);
	if (kind == XR_ELAPSED) {
		/* a duration: 1.5 days is 36:00:00, as Excel shows it */
		units = llround(serial * (double)day_units);
		secs = (long)(units / scale);
		buf_printf(b, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
			   secs % 60);
		add_fraction(b, units % scale, fdig);
		return;
	}
	if (units >= day_units) {
		long last = r->date1904 ? XR_LAST_DAY - XR_1904_OFFSET
					: XR_LAST_DAY;

		/* rounded up to midnight, but there is no day after the last:
		 * 23:59:59 of it, not a date past year 9999 */
		if (days >= last) {
			units = day_units - 1;
		} else {
			units -= day_units;
			days++;
		}
	}
	secs = (long)(units / scale);
	if (kind != XR_TIME) {
		struct gk_date d;
		char iso[11];
		if (r->date1904) {
			date_from_days(days - XR_SERIAL_1904, &d);
		} else if (days == XR_FAKE_LEAP_DAY) {
			buf_adds(b, "1900-02-29");
			goto time;
		} else {
			/* before the fake leap day, serials are one day later */
			date_from_days(
				days - XR_SERIAL_1970 +
					(days < XR_FAKE_LEAP_DAY ? 1 : 0),
				&d);
		}
		date_format(&d, iso);
		buf_adds(b, iso);
	}
time:
	if (kind == XR_DATE)
		return;
	if (kind == XR_DATETIME || kind == XR_DATETIME_UTC)
		buf_addc(b, 'T');
	buf_printf(b, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
		   secs % 60);
	add_fraction(b, units % scale, fdig);
	if (kind == XR_DATETIME_UTC)
		buf_addc(b, 'Z');
}

/* Make the row's text only what its cells show, in row_spare, swapped. */
static void
compact_row(struct xlsx_reader *r)
{
	struct gk_buf t;

	buf_reset(&r->row_spare);
	for (size_t i = 0; i < r->ncells; i++) {
		struct xr_cell *c = &r->cells[i];
		if (c->shared)
			continue;
		size_t off = r->row_spare.len;
		buf_add(&r->row_spare, r->row_text.data + c->off, c->len + 1);
		c->off = off;
	}
	t = r->row_text;
	r->row_text = r->row_spare;
	r->row_spare = t;
	r->row_dead = 0;
}

/* The row's cells hold more than they may (r->cell_col the last). */
static void
row_too_long(struct xlsx_reader *r)
{
	size_t cap = kept_cap(r, CSV_MAX_RECORD);
	char msg[160], letters[4];

	if (cap == CSV_MAX_RECORD) {
		fail(r, "%s", "a row is too long");
		return;
	}
	xlsx_column_letters(r->cell_col, letters);
	snprintf(msg, sizeof msg,
		 "a row larger than %zu MiB from a workbook of %llu KB "
		 "(at cell %s%ld)",
		 cap >> 20, r->file_kb, letters, r->cur_row);
	fail(r, "%s", msg);
}

/*
 * Keep the finished cell, of text at off (in the shared strings when
 * shared) and len bytes, not empty: the column's cell, replacing the
 * value a cell given before in the row had (the last one is kept, as
 * other readers keep it, and the row says so when handed out).
 */
static void
keep_cell(struct xlsx_reader *r, size_t off, size_t len, bool shared)
{
	uint32_t k = r->cell_at[r->cell_col];
	struct xr_cell *c;

	if (k != 0) {
		c = &r->cells[k - 1];
		if (r->row_dups++ == 0)
			r->dup_col = r->cell_col;
		r->row_live -= c->len + 1;
		if (!c->shared)
			r->row_dead += c->len + 1;
	} else {
		if (r->ncells == r->cells_cap) {
			r->cells_cap = r->cells_cap ? r->cells_cap * 2 : 32;
			r->cells = gk_xrealloc(r->cells,
					       r->cells_cap * sizeof *r->cells);
		}
		c = &r->cells[r->ncells++];
		c->col = r->cell_col;
		r->cell_at[r->cell_col] = (uint32_t)r->ncells;
	}
	c->off = off;
	c->len = len;
	c->shared = shared;
	r->row_live += len + 1;
	if (r->row_live > kept_cap(r, CSV_MAX_RECORD))
		row_too_long(r);
	else if (r->row_dead > XR_CHUNK && 2 * r->row_dead > r->row_text.len)
		compact_row(r);
}

/* The kind of the cell's style: XR_NOT_DATE when it has none. */
static unsigned char
cell_style_kind(const struct xlsx_reader *r)
{
	if (r->cell_style < 0 || (size_t)r->cell_style >= r->nxf)
		return XR_NOT_DATE;
	return r->xf_kind[r->cell_style];
}

/* A shared string cell: where its text is in r->ss; false (failed) for
 * an index out of range. */
static bool
shared_string_at(struct xlsx_reader *r, size_t *off, size_t *len)
{
	const char *v = r->text.data ? r->text.data : "";
	char *end;
	unsigned long i = strtoul(v, &end, 10);
	if (end == v || *end != '\0' || i >= r->ss_n) {
		fail(r, "shared string index '%s' out of range", v);
		return false;
	}
	*off = r->ss_off[i];
	*len = (i + 1 < r->ss_n ? r->ss_off[i + 1] : r->ss.len) - *off - 1;
	return true;
}

/* A number cell's value v added to the row as shown: an integer as it is,
 * a date by its style's format; false (failed) for a bad number. */
static bool
add_number_text(struct xlsx_reader *r, const char *v)
{
	unsigned char kind = cell_style_kind(r);
	if (plain_integer(v) && kind == XR_NOT_DATE) {
		buf_add(&r->row_text, v, r->text.len); /* already as shown */
		return true;
	}
	if (r->text.len == 0)
		return true;
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(d)) {
		fail(r, "bad number '%s'", v);
		return false;
	}
	if (kind != XR_NOT_DATE && d >= 0 && d < 2958466.0)
		format_date(r, d, kind, &r->row_text);
	else
		format_number(d, &r->row_text);
	return true;
}

/* The text of a cell that is not a shared string added to the row, by
 * its type; false (failed) when it cannot be read. */
static bool
add_cell_text(struct xlsx_reader *r)
{
	const char *t = r->cell_type;
	const char *v = r->text.data ? r->text.data : "";
	if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		unescape_ooxml(&r->text);
		buf_add(&r->row_text, r->text.data ? r->text.data : "",
			r->text.len);
	} else if (strcmp(t, "b") == 0) {
		if (r->text.len > 0)
			buf_adds(&r->row_text,
				 strcmp(v, "1") == 0 || strcmp(v, "true") == 0
					 ? "TRUE"
					 : "FALSE");
	} else if (strcmp(t, "n") == 0 || t[0] == '\0') {
		return add_number_text(r, v);
	} else { /* "e" errors (#DIV/0!), "d" ISO dates: the text itself */
		buf_add(&r->row_text, v, r->text.len);
	}
	return true;
}

/* The text of the finished cell, kept for the row. */
static void
finish_cell(struct xlsx_reader *r)
{
	size_t off = r->row_text.len, len;
	bool shared = strcmp(r->cell_type, "s") == 0;

	/* A workbook written by a program that does not calculate (openpyxl,
	 * a report generator) and never opened in a spreadsheet: its formulas
	 * have no value, only a text formula's may be empty. */
	if (r->cell_formula && r->text.len == 0 &&
	    strcmp(r->cell_type, "str") != 0 && r->row_uncalc++ == 0)
		r->uncalc_col = r->cell_col;
	if (shared) {
		if (!shared_string_at(r, &off, &len))
			return;
	} else {
		if (!add_cell_text(r))
			return;
		len = r->row_text.len - off;
	}
	if (len == 0) {
		/* an empty cell: the gap fill gives it "", and it takes no
		 * value from a cell given before it */
		return;
	}
	if (!shared)
		buf_addc(&r->row_text, '\0');
	keep_cell(r, off, len, shared);
}

static void
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);

	if (!r->in_sheetdata) {
		if (strcmp(l, "sheetData") == 0)
			r->in_sheetdata = true;
		return;
	}
	if (strcmp(l, "row") == 0) {
		const char *rn = attr(atts, "r");
		long n = rn ? row_number(rn) : r->cur_row + 1;
		if (n < 1 || n > XR_MAX_ROWS) {
			fail(r, "bad row number '%s'", rn);
			return;
		}
		r->cur_row = n;
		r->in_row = true;
		r->last_col = -1;
		for (size_t i = 0; i < r->ncells; i++)
			r->cell_at[r->cells[i].col] = 0;
		r->ncells = 0;
		r->row_live = r->row_dead = 0;
		r->row_dups = 0;
		r->row_uncalc = 0;
		buf_reset(&r->row_text);
	} else if (strcmp(l, "c") == 0) {
		const char *ref = attr(atts, "r");
		const char *t = attr(atts, "t");
		const char *s = attr(atts, "s");
		long col = r->last_col + 1, row = 0;
		if (ref != NULL) {
			col = ref_col(ref, &row);
			if (col < 0) {
				fail(r, "bad cell reference '%s'", ref);
				return;
			}
		}
		if (col >= XR_MAX_COLS) {
			fail(r, "%s", "more than 16384 columns");
			return;
		}
		r->cell_col = col;
		r->last_col = col;
		snprintf(r->cell_type, sizeof r->cell_type, "%s", t ? t : "");
		r->cell_style = s ? atol(s) : -1;
		r->in_cell = true;
		r->cell_formula = false;
		buf_reset(&r->text);
	} else if (!r->in_cell) {
		return;
	} else if (strcmp(l, "v") == 0) {
		r->in_text = true;
	} else if (strcmp(l, "f") == 0) {
		r->cell_formula = true;
	} else if (strcmp(l, "is") == 0) {
		r->in_is = true;
	} else if (strcmp(l, "t") == 0 && r->in_is) {
		r->in_text = true;
	} else if (strcmp(l, "rPh") == 0) {
		r->depth_rph++;
	}
}

static void
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	const char *l = local(name);

	if (!r->in_sheetdata)
		return;
	if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
		r->in_text = false;
	} else if (strcmp(l, "is") == 0) {
		r->in_is = false;
	} else if (strcmp(l, "rPh") == 0) {
		r->depth_rph--;
	} else if (strcmp(l, "c") == 0) {
		r->in_cell = false;
		finish_cell(r);
	} else if (strcmp(l, "row") == 0) {
		r->in_row = false;
		r->row_ready = true;
		r->ready_row = r->cur_row;
		XML_StopParser(r->xp, XML_TRUE);
	} else if (strcmp(l, "sheetData") == 0) {
		r->in_sheetdata = false;
	}
}

static void set_fields(struct xlsx_reader *r, size_t n);

/* ------------------------------------------------------------------ */
/* merged cells                                                        */
/* ------------------------------------------------------------------ */

/* "B12" at *p: the 0-based column and the row, *p moved past it; -1
 * when it is no cell of a sheet (columns A to XFD, rows 1 to 1048576). */
static int
cell_ref(const char **p, long *col, long *row)
{
	const char *s = *p;
	long c = 0, n = 0;

	while (*s >= 'A' && *s <= 'Z') {
		c = c * 26 + (*s++ - 'A' + 1);
		if (c > XR_MAX_COLS)
			return -1;
	}
	if (c == 0 || *s < '1' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		n = n * 10 + (*s++ - '0');
		if (n > XR_MAX_ROWS)
			return -1;
	}
	*col = c - 1;
	*row = n;
	*p = s;
	return 0;
}

/* A range that cannot be used: counted, the first one told. */
static void
merge_ignored(struct xlsx_reader *r, const char *ref)
{
	if (r->bad_merges++ > 0)
		return;
	if (ref == NULL) {
		buf_printf(&r->merge_note,
			   "sheet '%s': a merged range without "
			   "its cells, ignored",
			   r->sheet);
		return;
	}
	/* quote a start of it, not cutting a character in two */
	size_t n = strlen(ref);
	if (n > XR_REF_QUOTED) {
		n = XR_REF_QUOTED;
		while (n > 0 && ((unsigned char)ref[n] & 0xC0) == 0x80)
			n--;
	}
	buf_printf(&r->merge_note,
		   "sheet '%s': merged range '%.*s%s' is not "
		   "a range of cells, ignored",
		   r->sheet, (int)n, ref, ref[n] ? "..." : "");
}

static void
merge_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *ref, *p;
	long c1, r1, c2, r2;

	if (strcmp(local(name), "mergeCell") != 0)
		return;
	ref = p = attr(atts, "ref");
	if (ref == NULL || cell_ref(&p, &c1, &r1) != 0) {
		merge_ignored(r, ref);
		return;
	}
	if (*p == '\0')
		return; /* one cell: nothing to give to others */
	if (*p++ != ':' || cell_ref(&p, &c2, &r2) != 0 || *p != '\0') {
		merge_ignored(r, ref);
		return;
	}
	if (r1 == r2 && c1 == c2)
		return;
	if (r->nmerges == XR_MAX_MERGES) {
		if (r->bad_merges++ == 0)
			buf_printf(&r->merge_note,
				   "sheet '%s': more than %zu merged "
				   "ranges, the rest ignored",
				   r->sheet, XR_MAX_MERGES);
		return;
	}
	if (r->nmerges == r->merges_cap) {
		r->merges_cap = r->merges_cap ? r->merges_cap * 2 : 16;
		r->merges = gk_xrealloc(r->merges,
					r->merges_cap * sizeof *r->merges);
	}
	/* two opposite corners, in whichever order they came */
	r->merges[r->nmerges++] = (struct xr_merge){
		.r1 = r1 < r2 ? r1 : r2,
		.r2 = r1 < r2 ? r2 : r1,
		.c1 = c1 < c2 ? c1 : c2,
		.c2 = c1 < c2 ? c2 : c1,
	};
}

static void
merge_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;

	if (strcmp(local(name), "mergeCells") == 0)
		XML_StopParser(r->xp, XML_FALSE); /* nothing after it matters */
}

/*
 * The first pass looks for the start of the list in the part's bytes,
 * inflated but not parsed, and gives expat only what comes from there
 * on: parsing the whole sheet for its ranges took as long again as
 * reading its rows (a sheet of 534 MB: 5.5 s of 12).  Outside a comment,
 * a CDATA section and a processing instruction, a '<' in XML is markup:
 * text and attribute values cannot hold one raw.  So the first
 * "mergeCell" right after '<' or '<' and a prefix ("<x:mergeCells")
 * starts the first element whose local name begins with "mergeCell",
 * when nothing before it opened a comment, a CDATA section, a DTD or a
 * processing instruction (an XML declaration at the part's start
 * aside).  From there the parse sees the elements the whole parse sees
 * and stops at the same </mergeCells>.  What is less sure (a "<!" or a
 * "<?" came first, the word in an end tag, a prefix longer than a read
 * keeps, a parse from there that ends before a </mergeCells>) is parsed
 * from the part's start, as before.
 */

/* Bytes of a read kept in front of the next: the '<' and a prefix of a
 * name cut by the read (a name passing XR_MAX_NAME_BYTES fails anyway). */
#define XR_EDGE (2 * XR_MAX_NAME_BYTES)

static const char merge_word[] = "mergeCell";
#define XR_MERGE_WORD (sizeof merge_word - 1)

/* The first "mergeCell" that starts in [p, end) and ends by end, or
 * NULL: a search for its capital, which the XML of rows hardly has. */
static const char *
find_merge_word(const char *p, const char *end)
{
	const size_t before = 5; /* "merge" */

	if (end - p < (ptrdiff_t)XR_MERGE_WORD)
		return NULL;
	for (p += before; (p = memchr(p, 'C', (size_t)(end - p))) != NULL;
	     p++) {
		if ((size_t)(end - p) < XR_MERGE_WORD - before)
			return NULL;
		if (memcmp(p - before, merge_word, XR_MERGE_WORD) == 0)
			return p - before;
	}
	return NULL;
}

/* A byte that ends a name where a prefix is read backwards. */
static bool
name_stop(char c)
{
	return strchr(" \t\r\n<>/=\"'&;:!?", c) != NULL || c == '\0';
}

enum merge_at { MERGE_NOT_TAG, MERGE_TAG, MERGE_UNSURE };

/* What the "mergeCell" at w, with the bytes from lo before it, is: the
 * local name of a start tag (*tag its '<'), no element's local name
 * (text, an attribute, "<x:y:mergeCell", "<foomergeCell"), or unsure. */
static enum merge_at
merge_word_at(const char *lo, const char *w, const char **tag)
{
	const char *q = w;

	if (q > lo && q[-1] == ':')
		for (q--; q > lo && !name_stop(q[-1]);)
			q--;
	if (q == lo || q[-1] == '/')
		return MERGE_UNSURE;
	if (q[-1] != '<')
		return MERGE_NOT_TAG;
	*tag = q - 1;
	return MERGE_TAG;
}

/* Whether [p, end) has the '!' or '?' of a "<!" or a "<?" (p[-1] is read:
 * the byte before, or 0 at the part's start); at is the part's offset of
 * p.  "<?xml " at offset 0 is the declaration: one that hides a '<' is
 * malformed, and the sheet fails before its first row. */
static bool
has_odd_markup(const char *p, const char *end, long long at)
{
	for (const char *mark = "!?"; *mark != '\0'; mark++)
		for (const char *q = p;
		     q < end &&
		     (q = memchr(q, *mark, (size_t)(end - q))) != NULL;
		     q++) {
			if (q[-1] != '<')
				continue;
			if (*mark == '?' && at + (q - p) == 1 && end - q > 4 &&
			    memcmp(q + 1, "xml", 3) == 0 && q[4] != '\0' &&
			    strchr(" \t\r\n", q[4]) != NULL)
				continue;
			return true;
		}
	return false;
}

/* Parse the n bytes at p for ranges; false when the parse ended (the
 * list's end, an error, the part's end). */
static bool
feed_merges(struct xlsx_reader *r, const char *p, zip_int64_t n)
{
	r->fed += n;
	return n > 0 &&
	       XML_Parse(r->xp, p, (int)n, XML_FALSE) == XML_STATUS_OK &&
	       !token_too_long(r);
}

/*
 * The ranges read from the start of the list, found without a parse:
 * 1 when the parse from there reached the list's end, 0 when the part
 * has no list, -1 when it is to be parsed from its start.
 */
static int
merges_from_list(struct xlsx_reader *r)
{
	char *buf = r->chunk, *data = buf + XR_EDGE;
	size_t kept = 0;
	long long at = 0; /* the part's offset of data */
	bool odd = false;
	int rc = -1;
	zip_file_t *zf = zip_fopen(r->zip, r->part, 0);

	if (zf == NULL)
		return 0; /* reading its rows will tell why */
	data[-1] = '\0';  /* no '<' before the part's start */
	for (;;) {
		zip_int64_t got = zip_fread(zf, data, XR_CHUNK - XR_EDGE);
		if (got <= 0) {
			rc = 0; /* no list, or a part reading its rows reports */
			goto out;
		}
		const char *lo = data - kept, *end = data + got, *tag = NULL;
		const char *w =
			data -
			(kept < XR_MERGE_WORD - 1 ? kept : XR_MERGE_WORD - 1);
		while ((w = find_merge_word(w, end)) != NULL) {
			enum merge_at what = merge_word_at(lo, w, &tag);
			if (what == MERGE_UNSURE)
				goto out;
			if (what == MERGE_TAG)
				break;
			w++;
		}
		if (w == NULL) {
			odd = odd || has_odd_markup(data, end, at);
			size_t keep = (size_t)(end - lo) < XR_EDGE
					      ? (size_t)(end - lo)
					      : XR_EDGE;
			memmove(data - keep, end - keep, keep);
			kept = keep;
			at += got;
			continue;
		}
		if (odd || has_odd_markup(data, tag > data ? tag : data, at))
			goto out;
		/* the list's start: parse from it to its end */
		new_parser(r);
		set_handlers(r, merge_start, merge_end);
		if (feed_merges(r, tag, end - tag))
			for (;;) {
				zip_int64_t n =
					zip_fread(zf, r->chunk, XR_CHUNK);
				if (!feed_merges(r, r->chunk, n))
					break;
			}
		rc = XML_GetErrorCode(r->xp) == XML_ERROR_ABORTED && !r->failed
			     ? 1
			     : -1;
		goto out;
	}
out:
	zip_fclose(zf);
	return rc;
}

static int
merge_cmp(const void *a, const void *b)
{
	const struct xr_merge *x = a, *y = b;

	if (x->r1 != y->r1)
		return x->r1 < y->r1 ? -1 : 1;
	return (x->c1 > y->c1) - (x->c1 < y->c1);
}

/* A min-heap of range indexes by their end row. */
static void
heap_push(const struct xr_merge *m, size_t *h, size_t *n, size_t i)
{
	size_t k = (*n)++;

	while (k > 0 && m[h[(k - 1) / 2]].end > m[i].end) {
		h[k] = h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	h[k] = i;
}

static size_t
heap_pop(const struct xr_merge *m, size_t *h, size_t *n)
{
	size_t top = h[0], last = h[--*n], k = 0;

	for (;;) {
		size_t c = 2 * k + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && m[h[c + 1]].end < m[h[c]].end)
			c++;
		if (m[h[c]].end >= m[last].end)
			break;
		h[k] = h[c];
		k = c;
	}
	if (*n > 0)
		h[k] = last;
	return top;
}

/* The highest set bit at or below col in a bitset of columns; -1: none. */
static long
bit_at_or_below(const uint64_t *bits, long col)
{
	long w = col / 64;
	uint64_t word = bits[w] & (~UINT64_C(0) >> (63 - col % 64));

	for (;;) {
		if (word != 0)
			return w * 64 + 63 - __builtin_clzll(word);
		if (--w < 0)
			return -1;
		word = bits[w];
	}
}

/* "B2:C3" of a range, for a message. */
static void
range_text(const struct xr_merge *m, char out[32])
{
	char a[4], b[4];

	xlsx_column_letters(m->c1, a);
	xlsx_column_letters(m->c2, b);
	snprintf(out, 32, "%s%ld:%s%ld", a, m->r1, b, m->r2);
}

/*
 * Drop the ranges that overlap an earlier one (which no spreadsheet
 * program writes, and which would give a cell two values), telling the
 * first.  A sweep by first row: the ranges still open on it are disjoint,
 * their first columns in a bitset, so the one that could overlap a new
 * range is the open one starting nearest left of its last column.  What
 * is left is disjoint: no row ever has more open ranges than columns, so
 * a file of ranges piled on one cell cannot make each row cost them all.
 */
static void
drop_overlaps(struct xlsx_reader *r)
{
	uint64_t *starts = gk_xcalloc(XR_MAX_COLS / 64, sizeof *starts);
	size_t *start_of = gk_xmalloc(XR_MAX_COLS * sizeof *start_of);
	size_t *heap = gk_xmalloc(r->nmerges * sizeof *heap), nheap = 0,
	       kept = 0;
	struct xr_merge *m = r->merges;

	for (size_t i = 0; i < r->nmerges; i++)
		m[i].end = m[i].r2;
	for (size_t i = 0; i < r->nmerges; i++) {
		while (nheap > 0 && m[heap[0]].end < m[i].r1) {
			size_t j = heap_pop(m, heap, &nheap);
			starts[m[j].c1 / 64] &=
				~(UINT64_C(1) << (m[j].c1 % 64));
		}
		long k = bit_at_or_below(starts, m[i].c2);
		if (k >= 0 && m[start_of[k]].c2 >= m[i].c1) {
			if (r->bad_merges++ == 0) {
				char a[32], b[32];
				range_text(&m[start_of[k]], a);
				range_text(&m[i], b);
				buf_printf(
					&r->merge_note,
					"sheet '%s': merged ranges "
					"%s and %s overlap, the second ignored",
					r->sheet, a, b);
			}
			m[i].r1 = -1; /* dropped below */
			continue;
		}
		heap_push(m, heap, &nheap, i);
		starts[m[i].c1 / 64] |= UINT64_C(1) << (m[i].c1 % 64);
		start_of[m[i].c1] = i;
	}
	for (size_t i = 0; i < r->nmerges; i++)
		if (m[i].r1 >= 0)
			m[kept++] = m[i];
	r->nmerges = kept;
	free(starts);
	free(start_of);
	free(heap);
}

/* The first pass.  Only tests/fuzz/fuzz_xlsx_merges, which includes this
 * file, defines it otherwise: to parse the part from its start as well,
 * and find the same ranges. */
#ifndef XR_MERGES_FROM_LIST
#define XR_MERGES_FROM_LIST(r) merges_from_list(r)
#endif

/*
 * The sheet's merged ranges, by first row.  A sheet whose XML is broken
 * gives what came before the break: reading its rows reports it.
 */
static void
read_merges(struct xlsx_reader *r)
{
	zip_file_t *zf;

	if (XR_MERGES_FROM_LIST(r) < 0 &&
	    (zf = zip_fopen(r->zip, r->part, 0)) != NULL) {
		/* parsed from the part's start, what the list's start gave
		 * forgotten */
		r->nmerges = 0;
		r->bad_merges = 0;
		buf_reset(&r->merge_note);
		new_parser(r);
		set_handlers(r, merge_start, merge_end);
		for (;;) {
			zip_int64_t n = zip_fread(zf, r->chunk, XR_CHUNK);
			r->fed += n;
			if (n < 0 ||
			    XML_Parse(r->xp, r->chunk, (int)n, n == 0) !=
				    XML_STATUS_OK ||
			    n == 0 || token_too_long(r))
				break;
		}
		zip_fclose(zf);
	}
	if (r->nmerges > 0) {
		qsort(r->merges, r->nmerges, sizeof *r->merges, merge_cmp);
		drop_overlaps(r);
		r->open = gk_xmalloc(r->nmerges * sizeof *r->open);
	}
	if (r->bad_merges > 1)
		buf_printf(&r->merge_note,
			   " (%ld merged ranges ignored in all)",
			   r->bad_merges);
}

/* Which cells of range m on row rn take its value, as columns from *from
 * to *to; false when none does (the rules are at the top of the file).
 * blank: the row has no cell of its own. */
static bool
merge_targets(const struct xlsx_reader *r, const struct xr_merge *m, long rn,
	      bool blank, long *from, long *to)
{
	bool header_area = m->r1 <= r->header_row;

	if (rn < m->r1 || rn > m->end || (!header_area && blank))
		return false;
	*from = m->c1;
	*to = header_area ? m->c2 : m->c1;
	if (rn == m->r1)
		(*from)++; /* the top-left cell has it already */
	return *from <= *to;
}

/*
 * The ranges for row rn, its own cells in r->fields[0..width): those
 * whose last row is above it are let go; those beginning on it take their
 * value from it, and are kept only when it is not empty, up to the last
 * row they give it to (a range beginning on or above the header gives it
 * down to the header only).  -1 when the values held would pass
 * XR_MAX_MERGE_BYTES (r->perr says so).
 */
static int
merges_advance(struct xlsx_reader *r, long rn, long width)
{
	while (r->nopen > 0 && r->merges[r->open[0]].end < rn) {
		struct xr_merge *m =
			&r->merges[heap_pop(r->merges, r->open, &r->nopen)];
		r->held -= m->len;
		free(m->value);
		m->value = NULL;
		m->len = 0;
	}
	for (; r->merge_next < r->nmerges && r->merges[r->merge_next].r1 <= rn;
	     r->merge_next++) {
		size_t i = r->merge_next;
		struct xr_merge *m = &r->merges[i];
		size_t len = m->c1 < width ? r->lens[m->c1] : 0;
		if (m->r1 != rn || len == 0)
			continue; /* nothing to give (or its row was never read) */
		size_t cap = kept_cap(r, XR_MAX_MERGE_BYTES);
		if (r->held + len > cap) {
			/* which bound: the reader's own, or the workbook's
			 * size (as the shared strings and rows say it) */
			char from[64] = "";
			if (cap < XR_MAX_MERGE_BYTES)
				snprintf(from, sizeof from,
					 " from a workbook of %llu KB",
					 r->file_kb);
			gk_err_set(&r->perr,
				   "%s: sheet '%s': merged cells hold more "
				   "than %zu MiB%s",
				   r->path, r->sheet, cap >> 20, from);
			r->failed = true;
			return -1;
		}
		m->value = gk_xstrndup(r->fields[m->c1], len);
		m->len = len;
		r->held += len;
		m->end = m->r1 <= r->header_row && m->r2 > r->header_row
				 ? r->header_row
				 : m->r2;
		heap_push(r->merges, r->open, &r->nopen, i);
	}
	return 0;
}

/*
 * Row rn, its own cells in r->fields[0..*width), gets the values of the
 * merged ranges over it.  The row grows when a range reaches past its
 * last cell.  A data row with no cell of its own takes none, and costs
 * no look at the ranges.  -1 as merges_advance.
 */
static int
apply_merges(struct xlsx_reader *r, long rn, long *width)
{
	long from, to, need = *width;
	bool blank = *width == 0; /* only cells with text are kept */

	if (merges_advance(r, rn, *width) != 0)
		return -1;
	if (blank && rn > r->header_row)
		return 0;
	for (size_t i = 0; i < r->nopen; i++)
		if (merge_targets(r, &r->merges[r->open[i]], rn, blank, &from,
				  &to) &&
		    to + 1 > need)
			need = to + 1;
	if (need > *width) {
		set_fields(r, (size_t)need);
		for (long c = *width; c < need; c++) {
			r->fields[c] = (char *)"";
			r->lens[c] = 0;
		}
		*width = need;
	}
	for (size_t i = 0; i < r->nopen; i++) {
		struct xr_merge *m = &r->merges[r->open[i]];
		if (!merge_targets(r, m, rn, blank, &from, &to))
			continue;
		for (long c = from; c <= to; c++) {
			r->fields[c] = m->value;
			r->lens[c] = m->len;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* public API                                                          */
/* ------------------------------------------------------------------ */

struct xlsx_reader *
xlsx_open(const char *path, const char *sheet, struct gk_err *e)
{
	return xlsx_open_at(path, sheet, 1, e);
}

/* A reader of path with nothing read yet: its buffers ready, its zip
 * not open. */
static struct xlsx_reader *
reader_new(const char *path, long header_row)
{
	struct xlsx_reader *r = gk_xcalloc(1, sizeof *r);

	r->header_row = header_row > 1 ? header_row : 1;
	buf_init(&r->merge_note);
	r->path = gk_xstrdup(path);
	r->chunk = gk_xmalloc(XR_CHUNK);
	buf_init(&r->ss);
	buf_init(&r->text);
	buf_init(&r->row_text);
	buf_init(&r->row_spare);
	r->cell_at = gk_xcalloc(XR_MAX_COLS, sizeof *r->cell_at);
	buf_init(&r->problem);
	r->next_row = 1;
	return r;
}

static int
open_zip(struct xlsx_reader *r, const char *path, struct gk_err *e)
{
	int zerr = 0;

	struct stat st;
	r->budget = XR_INFLATE_FLOOR;
	if (stat(path, &st) == 0 && st.st_size > 0) {
		unsigned long long size = (unsigned long long)st.st_size;
		r->file_kb = (size + 1023) / 1024;
		if (size > SIZE_MAX / XR_INFLATE_RATIO)
			r->budget = SIZE_MAX;
		else if (size * XR_INFLATE_RATIO > XR_INFLATE_FLOOR)
			r->budget = (size_t)size * XR_INFLATE_RATIO;
	}
	r->zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (r->zip == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN ||
		    zerr == ZIP_ER_READ)
			gk_err_set(e, "unable to open '%s': %s", path,
				   zip_error_strerror(&ze));
		else
			gk_err_set(e, "%s: not an XLSX workbook (%s)", path,
				   zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	return 0;
}

/* The workbook's sheets and its relationships (the sheets' parts). */
static int
read_workbook(struct xlsx_reader *r, const char *path, struct gk_err *e)
{
	new_parser(r);
	set_handlers(r, wb_start, NULL);
	if (parse_part(r, XR_WORKBOOK, true, e) != 0)
		return -1;
	new_parser(r);
	set_handlers(r, rels_start, NULL);
	if (parse_part(r, XR_WORKBOOK_RELS, true, e) != 0)
		return -1;
	if (r->nsheets == 0) {
		gk_err_set(e, "%s: the workbook has no sheets", path);
		return -1;
	}
	return 0;
}

/*
 * The index of the sheet: by name, else case-insensitive, else the first
 * one shown (a hidden sheet, such as the lists of a template's
 * drop-downs, is read by its name only); r->nsheets when none is.
 */
static size_t
sheet_index(const struct xlsx_reader *r, const char *sheet)
{
	size_t si = r->nsheets;

	if (sheet == NULL)
		return r->have_shown ? r->first_shown : 0;
	for (size_t i = 0; i < r->nsheets && si == r->nsheets; i++)
		if (strcmp(r->sheet_names[i], sheet) == 0)
			si = i;
	for (size_t i = 0; i < r->nsheets && si == r->nsheets; i++)
		if (strcasecmp(r->sheet_names[i], sheet) == 0)
			si = i;
	return si;
}

static void
no_such_sheet(const struct xlsx_reader *r, const char *path, const char *sheet,
	      struct gk_err *e)
{
	struct gk_buf names, shown;

	buf_init(&names);
	buf_init(&shown);
	for (size_t i = 0; i < r->nsheets; i++)
		buf_printf(&names, "%s'%s'", i ? ", " : "", r->sheet_names[i]);
	/* a sheet named by a column of IDs (gov-xlsx --sheet-by):
	 * masked as the data is, before the message may cut it */
	mask_text(names.data, names.len, &shown);
	buf_addc(&shown, '\0');
	gk_err_set(e, "%s: no sheet '%s' (sheets: %s)", path, sheet,
		   shown.data);
	buf_release(&names);
	buf_release(&shown);
}

/* The sheet asked for, by name and part (r->sheet, r->part). */
static int
choose_sheet(struct xlsx_reader *r, const char *path, const char *sheet,
	     struct gk_err *e)
{
	size_t si = sheet_index(r, sheet);

	if (si == r->nsheets) {
		no_such_sheet(r, path, sheet, e);
		return -1;
	}
	r->sheet = gk_xstrdup(r->sheet_names[si]);
	/* the last of the relationships of its Id (a file may have two) */
	for (size_t i = 0; i < r->nrels; i++)
		if (strcmp(r->rel_ids[i], r->sheet_rids[si]) == 0) {
			free(r->part);
			r->part = part_of(r->rel_targets[i]);
		}
	if (r->part == NULL) {
		gk_err_set(
			e,
			"%s: sheet '%s': no part in the workbook's relationships",
			path, r->sheet);
		return -1;
	}
	return 0;
}

/* The styles (which numbers are dates) and the shared strings, the
 * parts being optional. */
static int
read_styles_and_strings(struct xlsx_reader *r, struct gk_err *e)
{
	char *part = part_by_type(r, "/styles", "xl/styles.xml");
	int rc = -1;

	new_parser(r);
	set_handlers(r, styles_start, styles_end);
	if (parse_part(r, part, false, e) != 0)
		goto out;
	free(part);
	part = part_by_type(r, "/sharedStrings", "xl/sharedStrings.xml");
	new_parser(r);
	set_handlers(r, sst_start, sst_end);
	if (parse_part(r, part, false, e) != 0)
		goto out;
	rc = 0;
out:
	free(part);
	return rc;
}

/* The sheet's merged ranges, then its part opened for the rows. */
static int
open_sheet(struct xlsx_reader *r, const char *path, struct gk_err *e)
{
	snprintf(r->what_sheet, sizeof r->what_sheet, "sheet '%s'", r->sheet);
	r->what = r->what_sheet; /* messages name the sheet */
	read_merges(r);
	r->zf = zip_fopen(r->zip, r->part, 0);
	if (r->zf == NULL) {
		gk_err_set(e, "%s: sheet '%s': missing part %s", path, r->sheet,
			   r->part);
		return -1;
	}
	new_parser(r);
	set_handlers(r, sheet_start, sheet_end);
	r->what = r->what_sheet;
	r->cur_row = 0;
	return 0;
}

struct xlsx_reader *
xlsx_open_at(const char *path, const char *sheet, long header_row,
	     struct gk_err *e)
{
	struct xlsx_reader *r = reader_new(path, header_row);

	if (open_zip(r, path, e) != 0 || read_workbook(r, path, e) != 0 ||
	    choose_sheet(r, path, sheet, e) != 0 ||
	    read_styles_and_strings(r, e) != 0 || open_sheet(r, path, e) != 0) {
		xlsx_close(r);
		return NULL;
	}
	return r;
}

static void
sheet_error(struct xlsx_reader *r, struct gk_err *e)
{
	if (r->failed)
		*e = r->perr;
	else
		gk_err_set(e, "%s: sheet '%s': bad XML at line %lu: %s",
			   r->path, r->sheet,
			   (unsigned long)XML_GetCurrentLineNumber(r->xp),
			   XML_ErrorString(XML_GetErrorCode(r->xp)));
	r->at_end = true;
}

static void
set_fields(struct xlsx_reader *r, size_t n)
{
	if (n > r->fields_cap) {
		r->fields_cap = n;
		r->fields = gk_xrealloc(r->fields, n * sizeof *r->fields);
		r->lens = gk_xrealloc(r->lens, n * sizeof *r->lens);
	}
}

void
xlsx_column_letters(long col, char out[4])
{
	char t[4];
	int n = 0;
	for (long c = col + 1; c > 0 && n < 3; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = '\0';
}

/*
 * A cell the row gave twice (<c r="A2"> and <c r="A2"> again, which no
 * spreadsheet program writes): the last value was kept, as other readers
 * keep it, and the row says so, naming the sheet and the first such cell.
 */
static void
note_duplicates(struct xlsx_reader *r)
{
	char letters[4];

	xlsx_column_letters(r->dup_col, letters);
	buf_reset(&r->problem);
	buf_printf(
		&r->problem,
		"sheet '%s': cell %s%ld given more than once, only the last value kept",
		r->sheet, letters, r->ready_row);
	if (r->row_dups > 1) /* more cells given twice, or one given thrice */
		buf_printf(&r->problem, " (%ld values dropped in the row)",
			   r->row_dups);
}

/* Formulas with no value saved (uncalc_col the first): read as empty,
 * which the row says, naming the sheet and the cell. */
static void
note_uncalculated(struct xlsx_reader *r)
{
	char letters[4];

	xlsx_column_letters(r->uncalc_col, letters);
	if (r->problem.len > 0)
		buf_adds(&r->problem, "; ");
	buf_printf(&r->problem,
		   "sheet '%s': cell %s%ld is a formula with no value saved, "
		   "read as empty (the workbook was never calculated: open "
		   "and save it in a spreadsheet program)",
		   r->sheet, letters, r->ready_row);
	if (r->row_uncalc > 1)
		buf_printf(&r->problem, " (%ld such cells in the row)",
			   r->row_uncalc);
}

/*
 * Hand out sheet row rn: its own cells when own (the row just parsed; a
 * row the sheet leaves out has none), then what merged ranges give it,
 * padded to the sheet's width.  A row with no cell at all is one empty
 * field.  -1 when the merged cells failed (r->perr).
 */
static int
emit_row(struct xlsx_reader *r, struct csv_row *row, long rn, bool own)
{
	size_t ncells = own ? r->ncells : 0;
	long width = 0, dups = own ? r->row_dups : 0;

	for (size_t i = 0; i < ncells; i++)
		if (r->cells[i].col + 1 > width)
			width = r->cells[i].col + 1;
	set_fields(r, width > 0 ? (size_t)width : 1);
	for (long i = 0; i < width; i++) {
		r->fields[i] = (char *)"";
		r->lens[i] = 0;
	}
	for (size_t i = 0; i < ncells; i++) {
		const struct xr_cell *c = &r->cells[i];
		r->fields[c->col] =
			(c->shared ? r->ss.data : r->row_text.data) + c->off;
		r->lens[c->col] = c->len;
	}
	buf_reset(&r->problem);
	if (dups > 0)
		note_duplicates(r);
	if (own && r->row_uncalc > 0)
		note_uncalculated(r);
	if (r->nmerges > 0 && apply_merges(r, rn, &width) != 0)
		return -1;
	if (width == 0) {
		r->fields[0] = (char *)"";
		r->lens[0] = 0;
		width = 1;
	} else if (rn > r->header_row) {
		long pad = r->header_width;
		if (width < pad) {
			set_fields(r, (size_t)pad);
			for (long i = width; i < pad; i++) {
				r->fields[i] = (char *)"";
				r->lens[i] = 0;
			}
			width = pad;
		}
	}
	if (rn == r->header_row)
		r->header_width = width;
	row->nfields = (size_t)width;
	row->fields = r->fields;
	row->lens = r->lens;
	row->row = row->line = rn;
	row->bad_encoding_field = -1;
	row->nul_replaced = false;
	row->unterminated_quote = false;
	row->problem = r->problem.len > 0 ? r->problem.data : NULL;
	r->next_row = rn + 1;
	return 1;
}

/* The next row of the sheet, from row 1 on. */
static int
read_row(struct xlsx_reader *r, struct csv_row *row, struct gk_err *e)
{
	for (;;) {
		if (r->row_ready) {
			int rc;
			if (r->next_row < r->ready_row) {
				rc = emit_row(r, row, r->next_row, false);
			} else {
				r->row_ready = false;
				rc = emit_row(r, row, r->ready_row, true);
			}
			if (rc < 0) {
				*e = r->perr;
				r->at_end = true;
			}
			return rc;
		}
		if (r->at_end)
			return r->failed ? -1 : 0;
		enum XML_Status st;
		if (r->suspended) {
			r->suspended = false;
			st = XML_ResumeParser(r->xp);
		} else if (r->sent_final) {
			r->at_end = true;
			continue;
		} else {
			zip_int64_t n = zip_fread(r->zf, r->chunk, XR_CHUNK);
			if (n < 0) {
				gk_err_set(
					e,
					"%s: sheet '%s': corrupt zip data (%s)",
					r->path, r->sheet,
					zip_file_strerror(r->zf));
				r->at_end = true;
				r->failed = true;
				return -1;
			}
			r->sent_final = n == 0;
			r->fed += n;
			st = XML_Parse(r->xp, r->chunk, (int)n, n == 0);
			if (st == XML_STATUS_OK && token_too_long(r))
				st = XML_STATUS_ERROR;
		}
		if (st == XML_STATUS_ERROR) {
			sheet_error(r, e);
			r->failed = true;
			return -1;
		}
		if (st == XML_STATUS_SUSPENDED)
			r->suspended = true;
	}
}

int
xlsx_next(struct xlsx_reader *r, struct csv_row *row, struct gk_err *e)
{
	int rc;

	/* a title or notes above the header: read (their merged ranges may
	 * reach the header), not handed out */
	while ((rc = read_row(r, row, e)) > 0 && row->row < r->header_row)
		;
	if (rc > 0 && !r->merge_noted) {
		/* merged ranges that were ignored: told with the first row */
		r->merge_noted = true;
		if (r->merge_note.len > 0 && row->problem != NULL) {
			buf_adds(&r->problem, "; ");
			buf_add(&r->problem, r->merge_note.data,
				r->merge_note.len);
			row->problem = r->problem.data;
		} else if (r->merge_note.len > 0) {
			row->problem = r->merge_note.data;
		}
	}
	return rc;
}

size_t
xlsx_sheet_count(const struct xlsx_reader *r)
{
	return r->nsheets;
}

const char *
xlsx_sheet_name(const struct xlsx_reader *r, size_t i)
{
	return i < r->nsheets ? r->sheet_names[i] : NULL;
}

static void
free_strs(char **a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

void
xlsx_close(struct xlsx_reader *r)
{
	if (r == NULL)
		return;
	if (r->xp != NULL)
		XML_ParserFree(r->xp);
	if (r->zf != NULL)
		zip_fclose(r->zf);
	if (r->zip != NULL)
		zip_discard(r->zip);
	free_strs(r->sheet_names, r->nsheets);
	free_strs(r->sheet_rids, r->nsheets);
	free_strs(r->rel_ids, r->nrels);
	free_strs(r->rel_targets, r->nrels);
	free_strs(r->rel_types, r->nrels);
	buf_release(&r->ss);
	free(r->ss_off);
	free(r->xf_kind);
	free(r->fmts);
	free(r->chunk);
	buf_release(&r->text);
	buf_release(&r->row_text);
	buf_release(&r->row_spare);
	buf_release(&r->problem);
	buf_release(&r->merge_note);
	for (size_t i = 0; i < r->nmerges; i++)
		free(r->merges[i].value);
	free(r->merges);
	free(r->open);
	free(r->cells);
	free(r->cell_at);
	free(r->fields);
	free(r->lens);
	free(r->path);
	free(r->sheet);
	free(r->part);
	free(r);
}
