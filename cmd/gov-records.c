/*
 * gov-records: read CSV, TSV or XLSX into records, one JSON object per
 * data row, keys from the header; typed by a Table Schema with -s.
 */
#include "govkit.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The first room made for keys; doubled as needed. */
#define KEYS_MIN_CAP 64

/* Write the output buffer out once it holds this much. */
#define OUTPUT_FLUSH_BYTES ((size_t)256 << 10)

struct records_opts {
	const char *schema_path;
	const char *type;
	const char *sheet;
	const char *output;
	struct csv_options csv;
	bool no_mask;
	bool provenance; /* add "_file" and "_row" to every record */
	enum gk_format format;
};

/*
 * A set of key names, open addressing with linear probing, so that a
 * header of any width is checked for repeats in linear time.  Owns its
 * copies of the names.
 */
#define NAME_SET_MIN_SLOTS 64
#define NAME_SET_SEED 0x676f762d7265636bULL

struct name_set {
	char **slots; /* NULL or an owned name */
	size_t cap;   /* a power of two */
	size_t count;
};

static void
name_set_release(struct name_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof *set);
}

/* The slot holding name, or the empty slot where it would go. */
static char **
name_set_slot(char **slots, size_t cap, const char *name)
{
	size_t n = strlen(name);
	size_t i = (size_t)gk_hash(name, n, NAME_SET_SEED) & (cap - 1);

	while (slots[i] && strcmp(slots[i], name) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Add name (copied); false if it was there already. */
static bool
name_set_add(struct name_set *set, const char *name)
{
	char **slot;

	if (2 * (set->count + 1) > set->cap) { /* at most half full */
		size_t cap = set->cap ? set->cap * 2 : NAME_SET_MIN_SLOTS;
		char **slots = gk_xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				*name_set_slot(slots, cap, set->slots[i]) =
					set->slots[i];
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	slot = name_set_slot(set->slots, set->cap, name);
	if (*slot)
		return false;
	*slot = gk_xstrdup(name);
	set->count++;
	return true;
}

/* One input file being converted. */
struct records_run {
	const struct records_opts *opts;
	struct schema *schema;
	const char *name;
	FILE *out;
	struct gk_buf line;
	struct gk_buf masked;
	struct gk_buf shown; /* a value as a message shows it */
	char **keys;         /* '"name":' JSON text, per column */
	size_t *key_lens;
	long *schema_index;    /* schema field of each column, or -1 */
	size_t ncols;          /* keys made so far (header, then extra cells) */
	size_t keys_cap;       /* room in keys, key_lens, schema_index */
	size_t nheader;        /* columns of the header */
	struct name_set names; /* every key in use */
	char *type_prefix;     /* '"type":"TYPE",' or NULL */
	char *source_prefix;   /* '"_file":"NAME","_row":' or NULL */
	bool text;             /* the readable form, for a terminal */
	struct gk_buf record;  /* text form: the record's JSON */
	size_t *spans; /* text form: start and end of each value in it */
	size_t nspans;
	long problems;
};

static void
usage(void)
{
	printf("Usage: gov-records [options] [FILE...]\n"
	       "Read CSV, TSV or XLSX into JSON Lines records, one per data row.\n"
	       "\n"
	       "Options:\n"
	       "  -s, --schema FILE     type values by this Table Schema\n"
	       "  -t, --type TYPE       add \"type\": TYPE to every record\n"
	       "      --sheet NAME      XLSX: read this sheet (default: the first shown)\n"
	       "      --header-row N    the header is on row N; rows above it are skipped\n"
	       "                        (default: 1; row numbers stay the file's)\n"
	       "  -d, --delimiter C     CSV delimiter (default: detected; 'tab' for TSV)\n"
	       "      --encoding ENC    input encoding (default: UTF-8, else GB18030)\n"
	       "  -o, --output FILE     write to FILE atomically instead of stdout\n"
	       "      --format FMT      ndjson or text (default: text on a terminal)\n"
	       "      --no-mask         show resident ID and phone numbers unmasked\n"
	       "      --provenance      add \"_file\" and \"_row\" (spreadsheet row) to records\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n");
}

/* A key made up for a column (a blank or repeated header cell, an extra
 * cell) that is in use by no other key, header or made up: base, else
 * base_2, base_3 ... */
static char *
unique_name(struct records_run *run, char *base)
{
	char *name = base;

	for (size_t k = 2; !name_set_add(&run->names, name); k++) {
		if (name != base)
			free(name);
		name = gk_xasprintf("%s_%zu", base, k);
	}
	if (name != base)
		free(base);
	return name;
}

static void
add_key(struct records_run *run, char *name)
{
	struct gk_buf b;
	size_t i = run->ncols++;

	/* grown by doubling: one realloc per key copies the arrays each time
	 * where realloc does not grow in place (quadratic under ASan) */
	if (run->ncols > run->keys_cap) {
		run->keys_cap =
			run->keys_cap ? 2 * run->keys_cap : KEYS_MIN_CAP;
		run->keys = gk_xrealloc(run->keys,
					run->keys_cap * sizeof *run->keys);
		run->key_lens = gk_xrealloc(
			run->key_lens, run->keys_cap * sizeof *run->key_lens);
		run->schema_index =
			gk_xrealloc(run->schema_index,
				    run->keys_cap * sizeof *run->schema_index);
	}
	buf_init(&b);
	buf_add_json_string(&b, name, strlen(name));
	buf_addc(&b, ':');
	run->keys[i] = b.data;
	run->key_lens[i] = b.len;
	run->schema_index[i] =
		run->schema ? schema_field_index(run->schema, name) : -1;
	free(name);
}

/* A header cell as a key: masked like a value (a file without a header
 * row gives its first data row as one). */
static char *
header_name(const struct records_run *run, const char *cell)
{
	struct gk_buf b;
	size_t n = strlen(cell);

	if (run->opts->no_mask || !mask_text_needed(cell, n))
		return gk_xstrdup(cell);
	buf_init(&b);
	mask_text(cell, n, &b);
	return b.data;
}

/*
 * Header names become keys: a blank one is "column_N", a repeated one
 * gets "_N" (its column number), and a name made up so is made unique
 * against every key, so no value is lost to a key clash.  Every header
 * name is taken first, so a made-up name never takes a later column's.
 */
static void
set_header(struct records_run *run, const struct csv_row *row)
{
	bool *taken = gk_xcalloc(row->nfields, sizeof *taken);
	char **names = gk_xcalloc(row->nfields, sizeof *names);

	for (size_t i = 0; i < row->nfields; i++) {
		names[i] = header_name(run, row->fields[i]);
		taken[i] = *names[i] && name_set_add(&run->names, names[i]);
	}
	for (size_t i = 0; i < row->nfields; i++) {
		char *name = names[i];
		if (taken[i])
			add_key(run, name);
		else if (!*name)
			add_key(run, unique_name(run, gk_xasprintf("column_%zu",
								   i + 1)));
		else
			add_key(run,
				unique_name(run, gk_xasprintf("%s_%zu", name,
							      i + 1)));
		if (!taken[i])
			free(name);
	}
	run->nheader = run->ncols;
	free(names);
	free(taken);
}

static void
add_string(struct records_run *run, const char *v, size_t n)
{
	if (!run->opts->no_mask && mask_text_needed(v, n)) {
		buf_reset(&run->masked);
		mask_text(v, n, &run->masked);
		buf_add_json_string(&run->line, run->masked.data,
				    run->masked.len);
		return;
	}
	buf_add_json_string(&run->line, v, n);
}

/* A value of schema field `field` kept as text: a personal field's
 * (cn-ric, cn-mobile) masked whatever it looks like, as gov-check masks it. */
static void
add_field_text(struct records_run *run, size_t field, const char *v, size_t n)
{
	if (run->opts->no_mask || !schema_field_personal(run->schema, field)) {
		add_string(run, v, n);
		return;
	}
	buf_reset(&run->masked);
	mask_personal(v, n, &run->masked);
	buf_add_json_string(&run->line, run->masked.data, run->masked.len);
}

/* A cell's text as a message shows it: masked as in the records.  (A
 * personal field is a string: it has no such message.) */
static const char *
shown_value(struct records_run *run, const char *v, size_t n)
{
	if (run->opts->no_mask || !mask_text_needed(v, n))
		return v;
	buf_reset(&run->shown);
	mask_text(v, n, &run->shown);
	return run->shown.data;
}

/* Integers of up to this many digits are printed exactly from a double. */
#define DOUBLE_EXACT_DIGITS 15

/*
 * A number field's value written as a plain integer ([+-]digits) longer
 * than a double holds exactly goes out as its own digits, which JSON
 * allows: the double would round an 18-digit ID number.  False for
 * anything else, which goes out as the double.
 */
static bool
add_exact_integer(struct records_run *run, const char *v, size_t n)
{
	size_t i = 0;

	if (n > 0 && (v[0] == '-' || v[0] == '+'))
		i = 1;
	while (i + 1 < n && v[i] == '0')
		i++;
	if (n - i <= DOUBLE_EXACT_DIGITS)
		return false;
	for (size_t k = i; k < n; k++)
		if (v[k] < '0' || v[k] > '9')
			return false;
	if (v[0] == '-')
		buf_addc(&run->line, '-');
	buf_add(&run->line, v + i, n - i);
	return true;
}

/*
 * A value typed by its schema field; a value that does not cast stays a
 * string and is reported.  A value that holds personal data (a resident
 * ID, a mobile number) is masked whatever its field's type, and a masked
 * value is a string: a number cannot hold the mask.
 */
static void
add_typed(struct records_run *run, const struct csv_row *row, size_t col,
	  size_t field)
{
	const char *v = col < row->nfields ? row->fields[col] : "";
	size_t n = col < row->nfields ? row->lens[col] : 0;
	struct schema_value val;
	cJSON *typed;
	char *text;

	/* Integers as their digits (a double would round those past 2^53);
	 * a number past a double's range has no JSON form. */
	if (schema_value_parse(run->schema, field, v, n, &val) == 0) {
		if (val.kind != SV_NULL && !run->opts->no_mask &&
		    (schema_field_personal(run->schema, field) ||
		     mask_text_needed(v, n))) {
			add_field_text(run, field, v, n);
			return;
		}
		if (val.kind == SV_INT) {
			buf_printf(&run->line, "%" PRId64, val.u.i);
			return;
		}
		if (val.kind == SV_NUM && !isfinite(val.u.d)) {
			gk_warn("%s:%ld: value '%s' of '%s' is beyond the range of "
				"a JSON number, kept as text",
				run->name, row->row, shown_value(run, v, n),
				schema_field_name(run->schema, field));
			run->problems++;
			add_string(run, v, n);
			return;
		}
		if (val.kind == SV_NUM && add_exact_integer(run, v, n))
			return;
	}
	typed = schema_cast(run->schema, field, v, n);
	if (!typed) {
		gk_warn("%s:%ld: value '%s' of '%s' is not of its type, kept as text",
			run->name, row->row, shown_value(run, v, n),
			schema_field_name(run->schema, field));
		run->problems++;
		add_string(run, v, n);
		return;
	}
	if (cJSON_IsString(typed)) {
		add_string(run, typed->valuestring, strlen(typed->valuestring));
	} else {
		text = cJSON_PrintUnformatted(typed);
		buf_adds(&run->line, text ? text : "null");
		free(text);
	}
	cJSON_Delete(typed);
}

static void
add_value(struct records_run *run, const struct csv_row *row, size_t col)
{
	long field = run->schema_index[col];

	if (field >= 0) {
		add_typed(run, row, col, (size_t)field);
		return;
	}
	/* With a schema a missing value is null in every column, those it
	 * does not name too: its missingValues are the table's. */
	if (run->schema && (col >= row->nfields ||
			    schema_is_missing(run->schema, row->fields[col],
					      row->lens[col]))) {
		buf_adds(&run->line, "null");
		return;
	}
	if (col < row->nfields)
		add_string(run, row->fields[col], row->lens[col]);
	else
		buf_adds(&run->line, "\"\"");
}

static void
report_row_problems(struct records_run *run, const struct csv_row *row)
{
	if (row->bad_encoding_field >= 0) {
		gk_warn("%s:%ld: column %ld: bytes not valid in the encoding, replaced by '?'",
			run->name, row->row, row->bad_encoding_field + 1);
		run->problems++;
	}
	if (row->unterminated_quote) {
		gk_warn("%s:%ld: quoted field not closed before the end of the file",
			run->name, row->row);
		run->problems++;
	}
	if (row->problem) {
		gk_warn("%s:%ld: %s", run->name, row->row, row->problem);
		run->problems++;
	}
	if (row->nfields < run->nheader) {
		gk_warn("%s:%ld: %zu cell%s, header has %zu", run->name,
			row->row, row->nfields, row->nfields == 1 ? "" : "s",
			run->nheader);
		run->problems++;
	} else if (row->nfields > run->nheader) {
		gk_warn("%s:%ld: %zu cells, header has %zu; extra cells kept as column_N",
			run->name, row->row, row->nfields, run->nheader);
		run->problems++;
	}
}

/* Worst-case bytes of a row's JSON text, so it is written unchecked. */
static size_t
row_bound(const struct records_run *run, const struct csv_row *row,
	  size_t ncols)
{
	size_t bound =
		4 + (run->type_prefix ? strlen(run->type_prefix) : 0) +
		(run->source_prefix ? strlen(run->source_prefix) + 24 : 0);

	for (size_t i = 0; i < ncols; i++) {
		size_t n = i < row->nfields ? row->lens[i] : 0;
		bound += run->key_lens[i] + 1 + JSON_ESCAPED_MAX(n);
	}
	return bound;
}

/* The common case: no schema, no personal-looking value; written in one
 * pass into reserved space. */
static bool
row_is_plain(const struct records_run *run, const struct csv_row *row)
{
	if (run->schema)
		return false;
	if (run->opts->no_mask)
		return true;
	for (size_t i = 0; i < row->nfields; i++)
		if (mask_text_needed(row->fields[i], row->lens[i]))
			return false;
	return true;
}

static void
write_plain_row(struct records_run *run, const struct csv_row *row,
		size_t ncols)
{
	char *out;

	buf_reserve(&run->line, row_bound(run, row, ncols));
	out = run->line.data + run->line.len;
	*out++ = '{';
	if (run->type_prefix) {
		size_t n = strlen(run->type_prefix);
		memcpy(out, run->type_prefix, n);
		out += n;
	}
	if (run->source_prefix) {
		size_t n = strlen(run->source_prefix);
		memcpy(out, run->source_prefix, n);
		out += n;
		out += sprintf(out, "%ld,", row->row);
	}
	for (size_t i = 0; i < ncols; i++) {
		if (i > 0)
			*out++ = ',';
		memcpy(out, run->keys[i], run->key_lens[i]);
		out += run->key_lens[i];
		if (i < row->nfields)
			out = json_escape_to(out, row->fields[i], row->lens[i]);
		else {
			*out++ = '"';
			*out++ = '"';
		}
	}
	*out++ = '}';
	*out++ = '\n';
	*out = '\0';
	run->line.len = (size_t)(out - run->line.data);
}

static void
write_row(struct records_run *run, const struct csv_row *row, size_t ncols)
{
	buf_addc(&run->line, '{');
	if (run->type_prefix)
		buf_adds(&run->line, run->type_prefix);
	if (run->source_prefix)
		buf_printf(&run->line, "%s%ld,", run->source_prefix, row->row);
	for (size_t i = 0; i < ncols; i++) {
		if (i > 0)
			buf_addc(&run->line, ',');
		buf_add(&run->line, run->keys[i], run->key_lens[i]);
		if (run->spans)
			run->spans[2 * i] = run->line.len;
		add_value(run, row, i);
		if (run->spans)
			run->spans[2 * i + 1] = run->line.len;
	}
	buf_add(&run->line, "}\n", 2);
}

/* Append value as text for a terminal: every control character (line
 * breaks, tabs, ESC, DEL, C1 such as CSI) a space. */
static void
add_display_value(struct gk_buf *b, const cJSON *v)
{
	char *text;

	if (!cJSON_IsString(v)) {
		text = cJSON_PrintUnformatted(v);
		buf_add_printable(b, text ? text : "", text ? strlen(text) : 0);
		free(text);
		return;
	}
	buf_add_printable(b, v->valuestring, strlen(v->valuestring));
}

/*
 * The readable form: "file:row", then one "key  value" line per column,
 * keys aligned.  Built from the record's JSON so typing and masking are
 * exactly those of the JSON form; a number is shown as its JSON text, as
 * a double would round an integer of more than 15 digits.
 */
static void
write_text_row(struct records_run *run, const struct csv_row *row, size_t ncols)
{
	struct gk_buf out = run->line;
	size_t width = 0, k = 0;
	size_t prefix =
		(run->type_prefix ? 1 : 0) + (run->source_prefix ? 2 : 0);
	cJSON *obj, *it;

	if (run->nspans < ncols) {
		run->spans =
			gk_xrealloc(run->spans, 2 * ncols * sizeof *run->spans);
		run->nspans = ncols;
	}
	run->line = run->record;
	buf_reset(&run->line);
	write_row(run, row, ncols);
	run->record = run->line;
	run->line = out;
	obj = cJSON_ParseWithLength(run->record.data, run->record.len);
	buf_printf(&run->line, "%s:%ld\n", run->name, row->row);
	cJSON_ArrayForEach(it, obj)
		if (utf8_width(it->string, strlen(it->string)) > width)
			width = utf8_width(it->string, strlen(it->string));
	cJSON_ArrayForEach(it, obj) {
		size_t w = utf8_width(it->string, strlen(it->string));
		size_t *span = k >= prefix && k - prefix < ncols
				       ? &run->spans[2 * (k - prefix)]
				       : NULL;
		/* a key is the header's cell: the data's too */
		buf_adds(&run->line, "  ");
		buf_add_printable(&run->line, it->string, strlen(it->string));
		for (size_t i = w; i < width + 2; i++)
			buf_addc(&run->line, ' ');
		if (span && cJSON_IsNumber(it))
			buf_add(&run->line, run->record.data + span[0],
				span[1] - span[0]);
		else
			add_display_value(&run->line, it);
		buf_addc(&run->line, '\n');
		k++;
	}
	buf_addc(&run->line, '\n');
	cJSON_Delete(obj);
}

static int
emit_row(struct records_run *run, const struct csv_row *row)
{
	size_t ncols;

	if (row->nfields != run->nheader || row->bad_encoding_field >= 0 ||
	    row->unterminated_quote || row->problem)
		report_row_problems(run, row);
	/* Extra cells get keys of their own rather than being dropped. */
	while (run->ncols < row->nfields)
		add_key(run, unique_name(run, gk_xasprintf("column_%zu",
							   run->ncols + 1)));
	ncols = row->nfields > run->nheader ? row->nfields : run->nheader;
	if (run->text)
		write_text_row(run, row, ncols);
	else if (row_is_plain(run, row))
		write_plain_row(run, row, ncols);
	else
		write_row(run, row, ncols);
	/* Output goes out in large blocks; a failed or closed output is
	 * noticed there. */
	if (run->line.len >= OUTPUT_FLUSH_BYTES) {
		if (fwrite(run->line.data, 1, run->line.len, run->out) !=
			    run->line.len ||
		    gk_stdout_broken(run->out))
			return -1;
		buf_reset(&run->line);
	}
	return 0;
}

static int
flush_output(struct records_run *run)
{
	if (run->line.len &&
	    fwrite(run->line.data, 1, run->line.len, run->out) != run->line.len)
		return -1;
	buf_reset(&run->line);
	return 0;
}

static void
release_run(struct records_run *run)
{
	for (size_t i = 0; i < run->ncols; i++)
		free(run->keys[i]);
	free(run->keys);
	free(run->key_lens);
	free(run->schema_index);
	free(run->type_prefix);
	free(run->source_prefix);
	name_set_release(&run->names);
	buf_release(&run->line);
	buf_release(&run->masked);
	buf_release(&run->shown);
	buf_release(&run->record);
	free(run->spans);
}

/* Rows from a CSV reader or an XLSX reader, one interface. */
struct row_source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
};

static int
source_next(struct row_source *src, struct csv_row *row, struct gk_err *e)
{
	return src->csv ? csv_next(src->csv, row, e)
			: xlsx_next(src->xlsx, row, e);
}

static int
source_open(struct row_source *src, const char *path,
	    const struct records_opts *o, struct gk_err *e)
{
	enum table_kind kind = TABLE_CSV;

	memset(src, 0, sizeof *src);
	/* a .json file of JSON Lines (as gov-profile and gov-check tell it)
	 * too, or a JSON document: read as CSV, each line's JSON would be
	 * cut at its commas, exit 0 */
	if (path && table_kind_detect(path, &kind, e) != 0)
		return -1;
	if (kind == TABLE_JSONL) {
		gk_err_set(e,
			   "%s: JSON Lines, records already (gov-records "
			   "reads CSV, TSV and XLSX)",
			   path);
		return -1;
	}
	if (path && table_kind_of(path) == TABLE_XLSX) {
		src->xlsx = xlsx_open_at(path, o->sheet, o->csv.header_row, e);
		return src->xlsx ? 0 : -1;
	}
	src->csv = csv_open(path, &o->csv, e);
	return src->csv ? 0 : -1;
}

static void
source_close(struct row_source *src)
{
	csv_close(src->csv);
	xlsx_close(src->xlsx);
}

/*
 * Reading and formatting run on two threads: the reader copies rows out
 * of its buffer into a batch while the main thread turns the previous
 * batch into JSON.  Two batches alternate, so memory stays flat.
 */
#define BATCH_ROWS 4096
#define BATCH_BYTES ((size_t)1 << 20)

struct batch_row {
	size_t first; /* index of its first field */
	size_t nfields;
	long row;
	long bad_encoding_field;
	bool unterminated_quote;
	long problem; /* offset of its text in the batch, or -1 */
};

struct row_batch {
	struct gk_buf text; /* the fields, each NUL-terminated, back to back */
	size_t *offs, *lens;
	size_t nfields, fcap;
	struct batch_row *rows;
	size_t nrows, rcap;
	char **ptrs; /* field pointers handed to the formatter */
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct row_batch batch[2];
	bool full[2]; /* filled, waiting for the formatter */
	bool done;    /* the reader has finished */
	bool stop;    /* the formatter wants no more */
	struct row_source *src;
	int read_rc; /* 0, or -1 with err */
	struct gk_err err;
};

static void
batch_reset(struct row_batch *b)
{
	buf_reset(&b->text);
	b->nfields = 0;
	b->nrows = 0;
}

static void
batch_release(struct row_batch *b)
{
	buf_release(&b->text);
	free(b->offs);
	free(b->lens);
	free(b->rows);
	free(b->ptrs);
}

static void
batch_add(struct row_batch *b, const struct csv_row *row)
{
	struct batch_row *br;

	if (b->nrows == b->rcap) {
		b->rcap = b->rcap ? b->rcap * 2 : BATCH_ROWS;
		b->rows = gk_xrealloc(b->rows, b->rcap * sizeof *b->rows);
	}
	if (b->nfields + row->nfields > b->fcap) {
		while (b->nfields + row->nfields > b->fcap)
			b->fcap = b->fcap ? b->fcap * 2 : BATCH_ROWS * 8;
		b->offs = gk_xrealloc(b->offs, b->fcap * sizeof *b->offs);
		b->lens = gk_xrealloc(b->lens, b->fcap * sizeof *b->lens);
		b->ptrs = gk_xrealloc(b->ptrs, b->fcap * sizeof *b->ptrs);
	}
	br = &b->rows[b->nrows++];
	br->first = b->nfields;
	br->nfields = row->nfields;
	br->row = row->row;
	br->bad_encoding_field = row->bad_encoding_field;
	br->unterminated_quote = row->unterminated_quote;
	for (size_t i = 0; i < row->nfields; i++) {
		b->offs[b->nfields] = b->text.len;
		b->lens[b->nfields] = row->lens[i];
		buf_add(&b->text, row->fields[i], row->lens[i] + 1);
		b->nfields++;
	}
	br->problem = -1;
	if (row->problem) {
		br->problem = (long)b->text.len;
		buf_add(&b->text, row->problem, strlen(row->problem) + 1);
	}
}

static bool
batch_is_full(const struct row_batch *b)
{
	return b->nrows >= BATCH_ROWS || b->text.len >= BATCH_BYTES;
}

/* Hand batch i to the formatter and wait until the other one is free. */
static bool
pipeline_pass(struct pipeline *p, int i)
{
	bool stop;

	pthread_mutex_lock(&p->mu);
	p->full[i] = true;
	pthread_cond_broadcast(&p->cv);
	while (p->full[!i] && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	return !stop;
}

static void *
reader_thread(void *arg)
{
	struct pipeline *p = arg;
	struct csv_row row;
	int i = 0, got;

	while ((got = source_next(p->src, &row, &p->err)) > 0) {
		if (csv_row_blank(&row))
			continue;
		batch_add(&p->batch[i], &row);
		if (batch_is_full(&p->batch[i])) {
			if (!pipeline_pass(p, i))
				break;
			i = !i;
			batch_reset(&p->batch[i]);
		}
	}
	pthread_mutex_lock(&p->mu);
	p->read_rc = got < 0 ? -1 : 0;
	if (p->batch[i].nrows > 0 && !p->stop)
		p->full[i] = true;
	p->done = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Format one batch.  -1 when output failed or was closed. */
static int
format_batch(struct records_run *run, struct row_batch *b)
{
	struct csv_row row;

	for (size_t r = 0; r < b->nrows; r++) {
		const struct batch_row *br = &b->rows[r];
		for (size_t f = 0; f < br->nfields; f++)
			b->ptrs[br->first + f] =
				b->text.data + b->offs[br->first + f];
		row.nfields = br->nfields;
		row.fields = b->ptrs + br->first;
		row.lens = b->lens + br->first;
		row.row = br->row;
		row.line = 0;
		row.bad_encoding_field = br->bad_encoding_field;
		row.nul_replaced = false; /* data rows: a header's only */
		row.unterminated_quote = br->unterminated_quote;
		row.problem =
			br->problem >= 0 ? b->text.data + br->problem : NULL;
		if (emit_row(run, &row) != 0)
			return -1;
	}
	return 0;
}

/* The formatter's side: take batches in turn until the reader is done. */
static int
format_batches(struct pipeline *p, struct records_run *run)
{
	int i = 0, rc = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->full[i] && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->full[i]) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		pthread_mutex_unlock(&p->mu);
		rc = format_batch(run, &p->batch[i]);
		pthread_mutex_lock(&p->mu);
		p->full[i] = false;
		if (rc != 0)
			p->stop = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (rc != 0)
			break;
		i = !i;
	}
	return rc;
}

/* The header row, a blank or spaces only (an export starting with an
 * empty line), made a header of one field column_1 and every row had
 * cells beyond it: refused, naming the first row not blank for
 * --header-row, as gov-profile and gov-check refuse it.  Always -1. */
static int
blank_header(const struct records_run *run, struct row_source *src,
	     struct csv_row *row, struct gk_err *e)
{
	long blank = row->row;
	int rc;

	while ((rc = source_next(src, row, e)) > 0 && csv_row_spaces_only(row))
		;
	if (rc >= 0)
		csv_blank_header_error(e, run->name, blank, rc ? row->row : 0);
	return -1;
}

/* Read the header, then run reader and formatter.  -1 on a read error,
 * 0 when there is no header (an empty file), 1 otherwise. */
static int
convert_rows(struct records_run *run, struct row_source *src, struct gk_err *e)
{
	struct pipeline p = {.src = src};
	struct csv_row header;
	pthread_t reader;
	int got;

	got = source_next(src, &header, e);
	if (got <= 0)
		return got;
	if (csv_row_spaces_only(&header))
		return blank_header(run, src, &header, e);
	if (src->csv && run->opts->csv.header_row <= 1 &&
	    csv_row_is_json_object(&header)) {
		gk_err_set(e,
			   "%s:%ld: a JSON object, not a CSV header: JSON "
			   "Lines are records already (gov-records reads CSV, "
			   "TSV and XLSX)",
			   run->name, header.row);
		return -1;
	}
	if (header.problem) {
		gk_warn("%s:%ld: %s", run->name, header.row, header.problem);
		run->problems++;
	}
	if (header.bad_encoding_field >= 0) { /* each record's key shows it */
		gk_warn("%s:%ld: column %ld: %s, replaced by '?'", run->name,
			header.row, header.bad_encoding_field + 1,
			header.nul_replaced
				? "a NUL byte in the header"
				: "bytes not valid in the encoding");
		run->problems++;
	}
	set_header(run, &header);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (int i = 0; i < 2; i++)
		buf_init(&p.batch[i].text);
	if (pthread_create(&reader, NULL, reader_thread, &p) != 0) {
		gk_err_set(e, "unable to start a thread:");
		got = -1;
		goto out;
	}
	format_batches(&p, run);
	pthread_join(reader, NULL);
	got = p.read_rc < 0 ? -1 : 1;
	if (got < 0)
		*e = p.err;
out:
	for (int i = 0; i < 2; i++)
		batch_release(&p.batch[i]);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	return got;
}

/* Convert one file.  Returns an exit status. */
static int
records_file(const struct records_opts *o, struct schema *schema,
	     const char *path, FILE *out)
{
	struct records_run run = {.opts = o,
				  .schema = schema,
				  .out = out,
				  .text = gk_format_resolve(o->format, out) ==
					  GK_FORMAT_TEXT};
	struct row_source src;
	struct gk_err e;
	int rc = GK_EXIT_OK;

	buf_init(&run.line);
	buf_init(&run.masked);
	buf_init(&run.shown);
	buf_init(&run.record);
	if (o->type) {
		struct gk_buf t;
		buf_init(&t);
		buf_adds(&t, "\"type\":");
		buf_add_json_string(&t, o->type, strlen(o->type));
		buf_addc(&t, ',');
		run.type_prefix = t.data;
	}
	if (source_open(&src, path, o, &e) != 0) {
		gk_warn_err(&e);
		release_run(&run);
		return GK_EXIT_FAIL;
	}
	if (table_encoding_unused(path, TABLE_AUTO, o->csv.encoding, &e))
		gk_warn_err(&e);
	run.name = src.csv ? csv_name(src.csv) : path;
	if (o->provenance) {
		struct gk_buf t;
		buf_init(&t);
		buf_adds(&t, "\"_file\":");
		buf_add_json_string(&t, run.name, strlen(run.name));
		buf_adds(&t, ",\"_row\":");
		run.source_prefix = t.data;
	}
	switch (convert_rows(&run, &src, &e)) {
	case -1:
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
		break;
	case 0: /* not even a header: as gov-check and gov-profile, not read */
		if (o->csv.header_row > 1)
			gk_warn("%s: file is empty from row %ld on (--header-row %ld)",
				run.name, o->csv.header_row, o->csv.header_row);
		else
			gk_warn("%s: file is empty", run.name);
		rc = GK_EXIT_FAIL;
		break;
	}
	/* a reader that went away (| head) is not a failure; a full disk is
	 * (standard output's error is told by gk_stdout_close) */
	if (flush_output(&run) != 0 && errno != EPIPE) {
		if (o->output)
			gk_warn("unable to write '%s':", o->output);
		rc = GK_EXIT_FAIL;
	}
	if (rc == GK_EXIT_OK && run.problems > 0)
		rc = GK_EXIT_FOUND;
	source_close(&src);
	release_run(&run);
	return rc;
}

static int
records_main(const struct records_opts *o, char **files, int nfiles)
{
	struct schema *schema = NULL;
	struct gk_out out;
	struct gk_err e;
	int rc = GK_EXIT_OK;

	if (o->schema_path && !(schema = schema_load(o->schema_path, &e))) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (out_open(&out, o->output, &e) != 0) {
		gk_warn_err(&e);
		schema_free(schema);
		return GK_EXIT_FAIL;
	}
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		int frc = records_file(o, schema, nfiles ? files[i] : NULL,
				       out.fp);
		if (frc > rc)
			rc = frc;
		if (gk_stdout_broken(out.fp))
			break;
	}
	if (rc == GK_EXIT_FAIL && o->output) {
		out_abort(&out);
	} else if (out_commit(&out, &e) != 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	schema_free(schema);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"schema", required_argument, NULL, 's'},
		{"type", required_argument, NULL, 't'},
		{"sheet", required_argument, NULL, 'S'},
		{"header-row", required_argument, NULL, 'H'},
		{"delimiter", required_argument, NULL, 'd'},
		{"encoding", required_argument, NULL, 'E'},
		{"output", required_argument, NULL, 'o'},
		{"no-mask", no_argument, NULL, 'M'},
		{"provenance", no_argument, NULL, 'P'},
		{"format", required_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct records_opts o = {0};
	struct gk_err e;
	int c, rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	while ((c = getopt_long(argc, argv, "s:t:d:o:h", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 's': o.schema_path = optarg; break;
		case 't': o.type = optarg; break;
		case 'S': o.sheet = optarg; break;
		case 'H':
			if (gk_parse_long("--header-row", optarg, 1,
					  TABLE_MAX_HEADER_ROW,
					  &o.csv.header_row, &e) != 0)
				return gk_usage_error("%s", e.msg);
			break;
		case 'E': o.csv.encoding = optarg; break;
		case 'o': o.output = optarg; break;
		case 'M': o.no_mask = true; break;
		case 'P': o.provenance = true; break;
		case 'F':
			if (gk_format_parse(optarg, &o.format) != 0)
				return gk_usage_error(
					"invalid format '%s' (ndjson or text)",
					optarg);
			break;
		case 'd':
			if (gk_parse_delimiter(optarg, &o.csv.delimiter) != 0)
				return gk_usage_error("invalid delimiter '%s'",
						      optarg);
			break;
		case 'h': usage(); return gk_stdout_close_status();
		case 'V': gk_print_version(); return gk_stdout_close_status();
		default: return gk_try_help();
		}
	}
	if (schema_stdin_clash(o.schema_path, argv + optind, argc - optind))
		return gk_usage_error(SCHEMA_STDIN_CLASH_MSG);
	rc = records_main(&o, argv + optind, argc - optind);
	if (gk_stdout_close() != 0 && rc < GK_EXIT_FAIL)
		rc = GK_EXIT_FAIL;
	return rc;
}
