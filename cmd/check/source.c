/*
 * source.c: rows for the checks, from CSV/TSV (csv.c) or JSON Lines.
 *
 * JSON Lines become rows too: the columns are the schema's fields, then
 * the keys of the first record that the schema lacks (or, without a
 * schema, the first record's keys); a later record's unknown key is a
 * further column.  A missing key is an empty cell (a null, not a missing
 * cell: JSON leaves out what it has not).  The "header" row is row 0 and
 * a record's row is its line number, as the contract says.
 *
 * A record costs what it holds, not what the file has: its keys are
 * found by a hash index of the columns, its cells written where they
 * go, and only the last record's cells set back to empty; which columns
 * a record has is told (source_row_present), so the checker need not
 * look at the others either.  A file whose every line brings a new key
 * would otherwise take time quadratic in its length.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "check.h"

#define JL_BLOCK ((size_t)1 << 20)
/* The digest thread reads this much at a time. */
#define DIGEST_BLOCK ((size_t)1 << 20)
#define JL_LINE_MAX ((size_t)64 << 20)

/*
 * SHA-256 of a regular file on a thread of its own: on a CPU without SHA
 * instructions the digest costs as much as parsing, so it runs beside the
 * parser and the checker, reading the file a second time (from the page
 * cache).  Standard input is digested as it is read instead.
 *
 * Three busy threads on two cores is one too many when the checker is the
 * busiest (a schema's cell checks): it then loses a third of its core to
 * the digest.  There the parser digests each block as it reads it, and
 * the checker keeps a core to itself (measured on the 1 GB benchmark
 * file: 5.6 s instead of 6.2 s; without a schema the own thread wins,
 * 3.0 s instead of 5.2 s).
 */
struct digest {
	pthread_t thread;
	bool running;
	int fd;
	int err;
	char hex[65];
};

static void *
digest_main(void *arg)
{
	struct digest *d = arg;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *buf = malloc(DIGEST_BLOCK);
	ssize_t got;

	if (!md || !buf || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		d->err = ENOMEM;
		goto out;
	}
	while ((got = read(d->fd, buf, DIGEST_BLOCK)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			d->err = errno;
			goto out;
		}
		EVP_DigestUpdate(md, buf, (size_t)got);
	}
	EVP_DigestFinal_ex(md, out, &n);
	gk_hex(out, n < 32 ? n : 32, d->hex);
out:
	EVP_MD_CTX_free(md);
	free(buf);
	close(d->fd);
	return NULL;
}

/* Whether the digest pays for a thread of its own, beside the parser and
 * a checker that is (heavy) or is not (light) busy itself. */
static bool
digest_wants_thread(bool heavy_checker)
{
	int cores = gk_cpu_count();

	return cores >= 3 || (cores == 2 && !heavy_checker);
}

/*
 * Start the digest thread for a regular file; false: digest inline (the
 * reader's text is the file's bytes).  On one CPU no thread is started:
 * false, or, when the reader cannot digest inline (a workbook, whose
 * reader sees XML, not the file), the file digested here and now.
 */
static bool
digest_start(struct digest *d, const char *path, bool inline_possible)
{
	struct stat st;
	bool one_cpu = gk_cpu_count() < 2;

	memset(d, 0, sizeof *d);
	if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || (one_cpu && inline_possible))
		return false;
	d->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0)
		return false;
	if (fstat(d->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(d->fd);
		return false;
	}
	if (one_cpu) {
		digest_main(d); /* closes d->fd */
		if (d->err)
			memset(d->hex, 0, sizeof d->hex);
		return true;
	}
	if (pthread_create(&d->thread, NULL, digest_main, d) != 0) {
		close(d->fd);
		return false;
	}
	d->running = true;
	return true;
}

static void
digest_finish(struct digest *d)
{
	if (!d->running)
		return;
	pthread_join(d->thread, NULL);
	d->running = false;
	if (d->err)
		memset(d->hex, 0, sizeof d->hex);
}

/* Lines not valid in UTF-8 asked whether the file may be GBK. */
#define GBK_HINT_LINES 8

struct source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	struct digest dg;
	bool threaded_digest;

	/* JSON Lines */
	int fd;
	char *name;
	char *buf;
	size_t cap, len, pos;
	bool eof;
	EVP_MD_CTX *md;
	struct jl_decoder *dec; /* --encoding other than UTF-8, or NULL */
	/* no --encoding: the first lines not UTF-8 are asked whether they
	 * read as GBK, until one does (said once) or GBK_HINT_LINES did not */
	int gbk_hint_left;
	long line;
	cJSON *pending; /* the first record, read to make the header */
	bool has_pending, pending_err, pending_bad;
	long pending_line;
	bool header_done;
	size_t *offs; /* per column: the cell in text, -1: none */
	size_t ncols, colcap;
	char **cols;
	struct nameidx colidx;
	char **fields;
	size_t *lens;
	size_t *present; /* the columns this record has, ascending */
	size_t npresent;
	bool cells_dirty; /* fields hold the header row, not cells */
	struct gk_buf text;
	struct gk_buf key; /* a key with its invalid bytes replaced */
	bool *bad;         /* per column: this record's key or value had some */
	char errmsg[256];
	const struct schema *schema; /* its fields are the first columns */
};

bool
source_is_jsonl(const struct source *s)
{
	return s->csv == NULL && s->xlsx == NULL;
}

bool
source_is_csv(const struct source *s)
{
	return s->csv != NULL;
}

const char *
source_encoding(const struct source *s)
{
	return s->csv    ? csv_encoding(s->csv)
	       : s->xlsx ? "xlsx"
			 : jl_decoder_encoding(s->dec);
}

const char *
source_column_name(const struct source *s, size_t i)
{
	return i < s->ncols ? s->cols[i] : NULL;
}

const char *
source_error(const struct source *s)
{
	return s->errmsg;
}

void
source_sha256(struct source *s, char hex[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (s->threaded_digest) {
		digest_finish(&s->dg);
		if (s->dg.hex[0]) {
			memcpy(hex, s->dg.hex, 65);
			return;
		}
		/* the second read failed: say so rather than guess */
		snprintf(hex, 65, "unavailable");
		return;
	}
	if (s->csv) {
		csv_sha256(s->csv, hex);
		return;
	}
	if (!s->md) {
		snprintf(hex, 65, "unavailable");
		return;
	}
	EVP_DigestFinal_ex(s->md, d, &n);
	gk_hex(d, n < 32 ? n : 32, hex);
}

void
source_close(struct source *s)
{
	if (!s)
		return;
	digest_finish(&s->dg);
	if (s->csv)
		csv_close(s->csv);
	xlsx_close(s->xlsx);
	if (s->fd > 0)
		close(s->fd);
	s->fd = -1;
	free(s->name);
	free(s->buf);
	jl_decoder_free(s->dec);
	if (s->md)
		EVP_MD_CTX_free(s->md);
	cJSON_Delete(s->pending);
	for (size_t i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	free(s->fields);
	free(s->lens);
	free(s->offs);
	free(s->bad);
	free(s->present);
	nameidx_release(&s->colidx);
	buf_release(&s->text);
	buf_release(&s->key);
	free(s);
}

/* A new column, its cell empty; found by name unless one before has it. */
static size_t
add_column(struct source *s, const char *name)
{
	size_t i = s->ncols;

	if (s->ncols == s->colcap) {
		s->colcap = s->colcap ? s->colcap * 2 : 16;
		s->cols = gk_xrealloc(s->cols, s->colcap * sizeof *s->cols);
		s->fields =
			gk_xrealloc(s->fields, s->colcap * sizeof *s->fields);
		s->lens = gk_xrealloc(s->lens, s->colcap * sizeof *s->lens);
		s->offs = gk_xrealloc(s->offs, s->colcap * sizeof *s->offs);
		s->bad = gk_xrealloc(s->bad, s->colcap * sizeof *s->bad);
		s->present =
			gk_xrealloc(s->present, s->colcap * sizeof *s->present);
	}
	s->cols[i] = gk_xstrdup(name);
	s->fields[i] = (char *)"";
	s->lens[i] = 0;
	s->offs[i] = (size_t)-1;
	s->bad[i] = false;
	s->ncols++;
	if (nameidx_find(&s->colidx, (const char *const *)s->cols, name,
			 strlen(name)) < 0)
		nameidx_add(&s->colidx, (const char *const *)s->cols, i);
	return i;
}

static size_t
column_of(struct source *s, const char *name)
{
	long i = nameidx_find(&s->colidx, (const char *const *)s->cols, name,
			      strlen(name));

	return i >= 0 ? (size_t)i : add_column(s, name);
}

size_t
source_row_present(const struct source *s, const size_t **cols)
{
	*cols = s->present;
	return s->npresent;
}

static bool
reads_stdin(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

/* A workbook: its first (or --sheet) sheet's rows, digest of the file as
 * it is on disk. */
static int
open_workbook(struct source *s, const char *path,
	      const struct chk_options *opts, bool want_digest,
	      struct gk_err *e)
{
	struct gk_err w;

	if (reads_stdin(path)) {
		gk_err_set(e, "a workbook cannot be read from standard input; "
			      "name the .xlsx file");
		return -1;
	}
	if (want_digest)
		s->threaded_digest = digest_start(&s->dg, path, false);
	s->xlsx = xlsx_open_at(path, opts->sheet, opts->csv.header_row, e);
	if (!s->xlsx)
		return -1;
	if (table_encoding_unused(path, TABLE_XLSX, opts->csv.encoding, &w))
		gk_warn_err(&w);
	return 0;
}

/* CSV or TSV; heavy_checker: a schema's cell checks will be busy. */
static int
open_csv(struct source *s, const char *path, const struct csv_options *o,
	 bool heavy_checker, bool want_digest, struct gk_err *e)
{
	struct csv_options co = *o;

	if (want_digest && digest_wants_thread(heavy_checker))
		s->threaded_digest = digest_start(&s->dg, path, true);
	/* not a regular file: digest as it is read */
	co.sha256 = want_digest && !s->threaded_digest;
	s->csv = csv_open(path, &co, e);
	return s->csv ? 0 : -1;
}

/* The digest of JSON Lines: on a thread of its own, else of each block
 * as it is read. */
static int
start_jsonl_digest(struct source *s, const char *path, struct gk_err *e)
{
	s->threaded_digest = digest_start(&s->dg, path, true);
	if (s->threaded_digest)
		return 0;
	s->md = EVP_MD_CTX_new();
	if (!s->md || !EVP_DigestInit_ex(s->md, EVP_sha256(), NULL)) {
		gk_err_set(e, "%s: SHA-256 is not available", s->name);
		return -1;
	}
	return 0;
}

/* The first UTF16_SNIFF bytes (all of a shorter input) into s->buf, for
 * jl_refuse_utf16: read() gives a pipe's bytes as they come.  -1 on a
 * read error. */
static int
read_first(struct source *s, struct gk_err *e)
{
	while (s->len < UTF16_SNIFF && !s->eof) {
		ssize_t got = read(s->fd, s->buf + s->len, s->cap - s->len);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			gk_err_set(e, "unable to read '%s':", s->name);
			return -1;
		}
		if (got == 0)
			s->eof = true;
		else if (s->md)
			EVP_DigestUpdate(s->md, s->buf + s->len, (size_t)got);
		s->len += (size_t)got;
	}
	return 0;
}

/* JSON Lines, read by blocks; the schema's fields the first columns. */
static int
open_jsonl(struct source *s, const char *path, const char *encoding,
	   const struct schema *schema, bool want_digest, struct gk_err *e)
{
	bool stdin_ = reads_stdin(path);

	s->name = gk_xstrdup(stdin_ ? "(stdin)" : path);
	if (jl_decoder_open(&s->dec, s->name, encoding, e) != 0)
		return -1;
	if (!encoding)
		s->gbk_hint_left = GBK_HINT_LINES;
	s->fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0) {
		gk_err_set(e, "unable to open '%s':", path);
		return -1;
	}
	if (want_digest && start_jsonl_digest(s, path, e) != 0)
		return -1;
	s->cap = JL_BLOCK;
	s->buf = gk_xmalloc(s->cap + 1);
	if (read_first(s, e) != 0 ||
	    jl_refuse_utf16(s->name, s->buf, s->len, e) != 0)
		return -1;
	s->schema = schema;
	if (schema)
		for (size_t i = 0; i < schema_field_count(schema); i++)
			add_column(s, schema_field_name(schema, i));
	return 0;
}

struct source *
source_open(const char *path, const struct chk_options *opts,
	    const struct schema *schema, bool want_digest, struct gk_err *e)
{
	struct source *s = gk_xcalloc(1, sizeof *s);
	enum table_kind kind = opts->kind;
	int rc;

	buf_init(&s->text);
	buf_init(&s->key);
	nameidx_init(&s->colidx);
	if (kind == TABLE_AUTO &&
	    table_kind_detect(reads_stdin(path) ? NULL : path, &kind, e) != 0)
		goto bad;
	if (kind == TABLE_XLSX)
		rc = open_workbook(s, path, opts, want_digest, e);
	else if (kind != TABLE_JSONL)
		rc = open_csv(s, path, &opts->csv, schema != NULL, want_digest,
			      e);
	else
		rc = open_jsonl(s, path, opts->csv.encoding, schema,
				want_digest, e);
	if (rc != 0)
		goto bad;
	return s;
bad:
	source_close(s);
	return NULL;
}

/* Next non-blank line into *line and *n (in s->buf); 0 at end. */
static int
read_line(struct source *s, char **line, size_t *n, struct gk_err *e)
{
	for (;;) {
		char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
		ssize_t got;

		if (nl || (s->eof && s->pos < s->len)) {
			char *start = s->buf + s->pos;
			size_t len =
				nl ? (size_t)(nl - start) : s->len - s->pos;
			s->pos += len + (nl ? 1 : 0);
			s->line++;
			if (len && start[len - 1] == '\r')
				len--;
			if (s->line == 1 && len >= 3 &&
			    memcmp(start, "\xef\xbb\xbf", 3) == 0) {
				start += 3;
				len -= 3;
			}
			if (jl_line_blank(start, len))
				continue;
			start[len] = '\0';
			*line = start;
			*n = len;
			return 1;
		}
		if (s->eof)
			return 0;
		if (s->pos > 0) {
			memmove(s->buf, s->buf + s->pos, s->len - s->pos);
			s->len -= s->pos;
			s->pos = 0;
		}
		if (s->len == s->cap) {
			/* JL_LINE_MAX bytes are a line yet: the buffer grows
			 * to one more, for its newline. */
			if (s->cap > JL_LINE_MAX) {
				gk_err_set(e,
					   "%s:%ld: line longer than %zu bytes",
					   s->name, s->line + 1, JL_LINE_MAX);
				return -1;
			}
			s->cap = s->cap * 2 > JL_LINE_MAX ? JL_LINE_MAX + 1
							  : s->cap * 2;
			s->buf = gk_xrealloc(s->buf, s->cap + 1);
		}
		got = read(s->fd, s->buf + s->len, s->cap - s->len);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			gk_err_set(e, "unable to read '%s':", s->name);
			return -1;
		}
		if (got == 0) {
			s->eof = true;
			continue;
		}
		if (s->md)
			EVP_DigestUpdate(s->md, s->buf + s->len, (size_t)got);
		s->len += (size_t)got;
	}
}

/* The column name of a record's key: the key itself, or on a line with
 * invalid bytes a copy with them replaced (*bad set when it had some).
 * The record is left as parsed: its keys are read again for its row. */
static const char *
key_name(struct source *s, const cJSON *it, bool line_bad, bool *bad)
{
	size_t n;

	*bad = false;
	if (!line_bad)
		return it->string;
	n = strlen(it->string);
	buf_reset(&s->key);
	buf_add(&s->key, it->string, n);
	buf_addc(&s->key, '\0');
	*bad = utf8_repair(s->key.data, n);
	return s->key.data;
}

/* The text of a JSON value as a cell. */
static void
value_text(const cJSON *v, struct gk_buf *b)
{
	if (cJSON_IsString(v)) {
		buf_adds(b, v->valuestring);
	} else if (jl_number_text(v)) {
		/* a whole number a double would round: its digits */
		buf_adds(b, jl_number_text(v));
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		/* the range first: out of it (1e19, 1e400 read as inf) the
		 * conversion to long long is undefined */
		if (d > -9.2e18 && d < 9.2e18 && d == (double)(long long)d) {
			buf_printf(b, "%lld", (long long)d);
		} else {
			/* 0.1, not 0.10000000000000001 (19 characters, past a
			 * maxLength the value keeps) */
			char num[GK_NUMBER_TEXT_MAX];
			gk_number_text(d, num);
			buf_adds(b, num);
		}
	} else if (cJSON_IsBool(v)) {
		buf_adds(b, cJSON_IsTrue(v) ? "true" : "false");
	} else if (!cJSON_IsNull(v)) {
		char *t = cJSON_PrintUnformatted(v);
		buf_adds(b, t);
		cJSON_free(t);
	}
}

/* The text of a JSON value as a cell of column i: a typed value as the
 * schema's field writes it, so that the typed records of gov-records -s
 * read as their values (true in a field whose trueValues are ["是"] is
 * 是, 1.5 with decimalChar "," is 1,5), not as text that is none. */
static void
cell_text(const struct source *s, size_t i, const cJSON *v, struct gk_buf *b)
{
	const char *w = NULL, *dot;
	size_t start = b->len;
	char tail[64];

	if (!s->schema || i >= schema_field_count(s->schema) ||
	    !(cJSON_IsBool(v) || cJSON_IsNumber(v))) {
		value_text(v, b);
		return;
	}
	if (cJSON_IsBool(v) &&
	    (w = schema_field_bool_word(s->schema, i, cJSON_IsTrue(v)))) {
		buf_adds(b, w);
		return;
	}
	value_text(v, b);
	if (!cJSON_IsNumber(v) ||
	    !(w = schema_field_decimal_char(s->schema, i)))
		return;
	buf_addc(b, '\0');
	b->len--;
	dot = strchr(b->data + start, '.');
	if (!dot || strlen(dot + 1) >= sizeof tail)
		return;
	strcpy(tail, dot + 1);
	b->len = (size_t)(dot - b->data);
	buf_adds(b, w);
	buf_adds(b, tail);
}

/* The line decoded from --encoding (in place of *line and *n); true when
 * it holds bytes not valid in UTF-8.  Without --encoding the first such
 * lines are asked whether they read as GBK, until one does (said once). */
static bool
decode_line(struct source *s, char **line, size_t *n)
{
	bool bad;

	if (s->dec) /* bytes not in the encoding become 0xFF: not UTF-8 */
		*line = jl_decode(s->dec, *line, *n, n, &(size_t){0});
	bad = !utf8_valid(*line, *n);
	if (bad && s->gbk_hint_left > 0) {
		s->gbk_hint_left--;
		if (csv_reads_as_gb18030(*line, *n)) {
			s->gbk_hint_left = 0;
			gk_warn("%s:%ld: bytes not valid in UTF-8, but " JL_GBK_HINT,
				s->name, s->line);
		}
	}
	return bad;
}

/* Whether the line is refused before cJSON reads it, the reason in
 * errmsg; check: what json_line_check found, for parse_object. */
static bool
refuse_line(struct source *s, const char *line, size_t n,
	    struct json_line_check *check)
{
	/* JSON has no raw control character (a NUL, a ^A); cJSON takes one
	 * in a string, and would end the string at a NUL */
	size_t control = json_control_at(line, n);
	if (control != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line holds a control character at column %zu",
			 control + 1);
		return true;
	}
	/* cJSON would end a string at an escaped NUL: "A\u0000X" read as "A" */
	size_t nul = json_nul_escape_at(line, n);
	if (nul != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line holds \\u0000 in a string at column %zu",
			 nul + 1);
		return true;
	}
	/* cJSON reads 007 as 7, where JSON has no such number; its nodes
	 * would take 30 times a line of many values */
	json_line_check(line, n, check);
	if (check->leading_zero != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line holds a number with a leading zero at "
			 "column %zu",
			 check->leading_zero + 1);
		return true;
	}
	if (check->bad_number != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line holds a malformed number at column %zu",
			 check->bad_number + 1);
		return true;
	}
	if (check->values_past != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line holds more than %zu values at column %zu",
			 JSON_MAX_VALUES, check->values_past + 1);
		return true;
	}
	return false;
}

/* The line's object, or NULL with the reason in errmsg. */
static cJSON *
parse_object(struct source *s, const char *line, size_t n,
	     const struct json_line_check *check)
{
	const char *end;
	bool more;
	cJSON *obj = json_parse_line(line, n, &end, &more);
	size_t deep;

	/* a value and then more ('{"a":1} x', '{"a":1}{"a":2}'): not a
	 * line of JSON Lines, whose second half would be lost unseen */
	if (more) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line is not valid JSON: text after the value at "
			 "column %zu",
			 (size_t)(end - line) + 1);
		return NULL;
	}
	if (obj && check->long_number)
		jl_keep_long_numbers(line, n, obj);
	deep = obj ? n : json_depth_past(line, n);
	if (deep != n) {
		snprintf(s->errmsg, sizeof s->errmsg,
			 "the line is nested deeper than %d at column %zu",
			 JSON_MAX_DEPTH, deep + 1);
	} else if (!cJSON_IsObject(obj)) {
		snprintf(s->errmsg, sizeof s->errmsg, "%s",
			 obj ? "the line is JSON but not an object"
			     : "the line is not valid JSON");
		cJSON_Delete(obj);
		obj = NULL;
	}
	return obj;
}

/* Next record: 1 with *obj (NULL when the line is no JSON object, the
 * reason in errmsg), 0 at the end, -1 on a read error.  *bad: the line
 * holds bytes not valid in UTF-8 (JSON escapes give only valid ones). */
static int
next_object(struct source *s, cJSON **obj, long *lineno, bool *bad,
	    struct gk_err *e)
{
	struct json_line_check check;
	char *line;
	size_t n;
	int rc = read_line(s, &line, &n, e);

	if (rc <= 0)
		return rc;
	*lineno = s->line;
	*bad = decode_line(s, &line, &n);
	if (refuse_line(s, line, n, &check))
		*obj = NULL;
	else
		*obj = parse_object(s, line, n, &check);
	return 1;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Every cell empty again: only the last record's, once the header row's. */
static void
clear_cells(struct source *s)
{
	if (s->cells_dirty) {
		for (size_t i = 0; i < s->ncols; i++) {
			s->fields[i] = (char *)"";
			s->lens[i] = 0;
		}
		s->cells_dirty = false;
	}
	for (size_t k = 0; k < s->npresent; k++) {
		size_t i = s->present[k];
		s->fields[i] = (char *)"";
		s->lens[i] = 0;
		s->offs[i] = (size_t)-1;
	}
	s->npresent = 0;
	buf_reset(&s->text);
}

/* Row 0: the columns, from the schema and the first record's keys; the
 * first record kept for the next call.  0 for a file without a record
 * or a field, -1 on a read error. */
static int
jsonl_header(struct source *s, struct csv_row *row, struct gk_err *e)
{
	cJSON *obj = NULL, *it;
	long ln = 0;
	bool line_bad = false, key_bad;
	int rc = next_object(s, &obj, &ln, &line_bad, e);

	if (rc < 0)
		return -1;
	if (rc == 0 && s->ncols == 0)
		return 0;
	if (rc > 0) {
		s->has_pending = true;
		s->pending = obj;
		s->pending_line = ln;
		s->pending_err = obj == NULL;
		s->pending_bad = line_bad;
		if (obj)
			cJSON_ArrayForEach(it, obj)
				column_of(s,
					  key_name(s, it, line_bad, &key_bad));
	}
	s->header_done = true;
	s->cells_dirty = true;
	for (size_t i = 0; i < s->ncols; i++) {
		s->fields[i] = s->cols[i];
		s->lens[i] = strlen(s->cols[i]);
	}
	row->nfields = s->ncols;
	row->fields = s->fields;
	row->lens = s->lens;
	row->row = 0;
	row->line = ln; /* the keys' line: the first record's */
	return 1;
}

/* A record's values written as cells in text, each in its key's column
 * (a new key a new column); -1 past CSV_MAX_FIELDS columns. */
static int
jsonl_cells(struct source *s, const cJSON *obj, long ln, bool line_bad,
	    struct gk_err *e)
{
	const cJSON *it;
	bool key_bad;

	cJSON_ArrayForEach(it, obj) {
		const char *name = key_name(s, it, line_bad, &key_bad);
		size_t i, start = s->text.len;

		/* every record may bring keys of its own: as many columns
		 * as a CSV record may have (2 million one-key lines had
		 * taken 330 MB, the lines of 256 MiB would take 3.5 GB) */
		if (s->ncols >= CSV_MAX_FIELDS &&
		    nameidx_find(&s->colidx, (const char *const *)s->cols, name,
				 strlen(name)) < 0) {
			gk_err_set(e, "%s:%ld: more than %d columns", s->name,
				   ln, CSV_MAX_FIELDS);
			return -1;
		}
		i = column_of(s, name);
		if (key_bad)
			s->bad[i] = true;
		if (s->offs[i] == (size_t)-1)
			s->present[s->npresent++] = i;
		/* a key given twice: the last one counts */
		cell_text(s, i, it, &s->text);
		s->offs[i] = start;
		s->lens[i] = s->text.len - start;
		buf_addc(&s->text, '\0');
	}
	if (!s->text.data)
		buf_addc(&s->text, '\0');
	return 0;
}

/* The cells pointed at in text, the present columns in ascending order;
 * on a line with invalid bytes, those replaced and the first column that
 * had some told. */
static void
jsonl_place_cells(struct source *s, struct csv_row *row, bool line_bad)
{
	for (size_t k = 1; k < s->npresent; k++)
		if (s->present[k - 1] > s->present[k]) {
			qsort(s->present, s->npresent, sizeof *s->present,
			      cmp_size);
			break;
		}
	for (size_t k = 0; k < s->npresent; k++) {
		size_t i = s->present[k];
		s->fields[i] = s->text.data + s->offs[i];
		if (line_bad && utf8_repair(s->fields[i], s->lens[i]))
			s->bad[i] = true;
	}
	for (size_t k = 0; line_bad && k < s->npresent; k++) {
		size_t i = s->present[k];
		if (s->bad[i] && row->bad_encoding_field < 0)
			row->bad_encoding_field = (long)i;
		s->bad[i] = false;
	}
}

static int
jsonl_next(struct source *s, struct csv_row *row, struct gk_err *e)
{
	cJSON *obj = NULL;
	long ln = 0;
	bool line_bad = false;
	int rc;

	memset(row, 0, sizeof *row);
	row->bad_encoding_field = -1;
	if (!s->header_done)
		return jsonl_header(s, row, e);
	if (s->has_pending) {
		obj = s->pending;
		ln = s->pending_line;
		line_bad = s->pending_bad;
		s->pending = NULL;
		s->has_pending = false;
	} else {
		rc = next_object(s, &obj, &ln, &line_bad, e);
		if (rc <= 0)
			return rc;
	}
	row->row = row->line = ln;
	clear_cells(s);
	if (!obj) {
		row->nfields = 0;
		row->fields = s->fields;
		row->lens = s->lens;
		row->bad_encoding_field = -2;
		return 1;
	}
	if (jsonl_cells(s, obj, ln, line_bad, e) < 0) {
		cJSON_Delete(obj);
		return -1;
	}
	jsonl_place_cells(s, row, line_bad);
	row->nfields = s->ncols;
	row->fields = s->fields;
	row->lens = s->lens;
	cJSON_Delete(obj);
	return 1;
}

int
source_next(struct source *s, struct csv_row *row, struct gk_err *e)
{
	if (s->csv)
		return csv_next(s->csv, row, e);
	if (s->xlsx)
		return xlsx_next(s->xlsx, row, e);
	return jsonl_next(s, row, e);
}
