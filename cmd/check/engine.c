/*
 * engine.c: one file, one pass, every check.
 *
 * The row loop allocates nothing: cells are checked where the reader left
 * them, typed values go into one array reused for every row, and the
 * uniqueness checks keep 64-bit hashes of keys (keyset.c).  Only a
 * self-referencing foreign key whose target has not been seen yet is
 * remembered until the end of the file, when the whole table is known.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"

/* Seeds that keep the hashes of different keys apart. */
#define SEED_UNIQUE 0x756e6971ull
#define SEED_KEY 0x6b657973ull
#define SEED_ROW 0x726f7773ull
#define SEED_FK 0x666b6579ull
/* Joined composite key values in findings are cut at this length. */
#define KEY_TEXT_MAX 512
/* The uniqueness sets are sized from the first SAMPLE_ROWS rows, for the
 * file's size over their mean length, with a margin, up to a cap. */
#define SAMPLE_ROWS 2000
#define ESTIMATE_MARGIN 1.1
#define MAX_RESERVE ((size_t)1 << 30)
/* A finding's message is cut at this many bytes. */
#define MESSAGE_MAX 1024
/* How many rows ahead the duplicate-row slot is prefetched. */
#define DUP_AHEAD 8

/* An external table of a foreign key, loaded once for all files. */
struct refset {
	bool loaded;
	bool workbook; /* source_open said --encoding (if given) is ignored */
	struct keyset set;
};
static struct refset *refsets;
static size_t nrefsets;

struct pending_fk {
	long row;
	size_t fk;
	uint64_t h;
	char *value;
	struct value_part *parts; /* of value, one per field shown */
	size_t nparts;
	double counted; /* what its row counts in consistency already */
};

/*
 * A unique integer column usually counts up (an id).  While its values
 * ascend they are appended to a sorted array, in memory order: a repeat
 * is found by binary search, without the cache miss per row of a hash
 * set.  The first value out of order that is new moves them all into the
 * hash set, which takes over.
 */
struct ascending {
	bool off; /* values came out of order: the hash set is in use */
	int64_t *v;
	uint32_t *row;
	size_t n, cap;
};

static long
asc_find(const struct ascending *a, int64_t v)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->v[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->v[lo] == v ? (long)a->row[lo] : 0;
}

static void
asc_append(struct ascending *a, int64_t v, long row)
{
	if (a->n == a->cap) {
		/* small first: a schema may make thousands of columns unique */
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = gk_xrealloc(a->v, a->cap * sizeof *a->v);
		a->row = gk_xrealloc(a->row, a->cap * sizeof *a->row);
	}
	a->v[a->n] = v;
	a->row[a->n] = row > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)row;
	a->n++;
}

static void
asc_release(struct ascending *a)
{
	free(a->v);
	free(a->row);
	memset(a, 0, sizeof *a);
}

/* Out of order: every value so far into the hash set. */
static void
asc_to_set(struct ascending *a, struct keyset *set)
{
	struct schema_value sv = {.kind = SV_INT};
	for (size_t k = 0; k < a->n; k++) {
		sv.u.i = a->v[k];
		keyset_put(set, schema_value_hash(&sv, SEED_UNIQUE), a->row[k]);
	}
	asc_release(a);
	a->off = true;
}

/* The schema's fields a column not in it may nearly name (those missing
 * from the header; in JSON Lines, any), by their names folded. */
struct near_names {
	struct nameidx idx;
	char **folded; /* per field; NULL for one not to name */
	long *col;     /* per field: the first column near its name, or -1 */
};

struct ctx {
	struct chk_options *o;
	struct schema *s;
	struct report *r;
	struct source *src;
	struct pipe *pipe; /* the reader thread, when there is one */
	const char *name;
	bool jsonl;

	size_t hdr_n, hdr_cap;
	char **hdr;
	long *field_col; /* schema field -> column, -1 absent */
	size_t nf;
	struct schema_value *vals;
	struct schema_issue iss[SCHEMA_MAX_ISSUES];

	struct keyset *uniq; /* per field with unique */
	uint64_t *uh;        /* this row's hash per unique field */
	bool *uh_set;
	struct ascending *asc; /* per unique integer field */
	bool *is_unique;
	bool *personal;
	const size_t *pk;
	size_t npk;
	bool pk_by_unique; /* a one-field key already checked as unique */
	struct keyset pkset;
	struct keyset *uksets;
	size_t nuk;
	struct keyset dupset;
	struct keyset *fkself;
	size_t nfk;
	struct pending_fk *pend;
	size_t npend, cappend;

	bool has_fresh;
	size_t fresh_field;
	long fresh_days;
	bool fresh_seen;
	int64_t fresh_newest; /* days */
	/* the newest datetime written with 'Z' or an offset: an instant,
	 * put on the local calendar (as today is) once, at the end */
	bool fresh_zoned;
	int64_t fresh_newest_secs;

	long rows;
	off_t file_bytes; /* a regular file's size, else 0 */
	size_t est_rows;  /* rows the file is likely to have, 0: unknown */
	size_t sample_bytes;
	struct gk_buf msg, key;
	struct value_part *kparts; /* the fields' values in key */
	size_t nkparts, capkparts;
	double counted;   /* finding.counted of what is emitted now */
	bool *rule_reads; /* [k * nf + i]: rule k reads field i */
	struct gk_buf rmsg, rval;
	struct near_names near; /* with a schema, once the header is read */
	bool near_set;
};

static void
emit_share(struct ctx *c, long row, long col, const char *field,
	   enum chk_code code, bool warning, const char *v, size_t vn,
	   bool has_value, bool personal, const char *msg, double share)
{
	struct finding f = {
		.row = row,
		.column = col,
		.field = field,
		.check = code,
		.warning = warning,
		.has_value = has_value,
		.value = v,
		.value_len = vn,
		.personal = personal,
		.message = msg,
		.share = share,
		.counted = c->counted,
	};
	if (c->o->skip[code])
		return;
	report_finding(c->r, &f);
}

static void
emit(struct ctx *c, long row, long col, const char *field, enum chk_code code,
     bool warning, const char *v, size_t vn, bool has_value, bool personal,
     const char *msg)
{
	emit_share(c, row, col, field, code, warning, v, vn, has_value,
		   personal, msg, 1.0);
}

static const char *fmtmsg(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *
fmtmsg(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char tmp[MESSAGE_MAX];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_reset(&c->msg);
	buf_adds(&c->msg, tmp);
	return c->msg.data;
}

/* ---------------------------------------------------------------- */
/* foreign-key tables given with --ref                              */
/* ---------------------------------------------------------------- */

static const char *
ref_path(const struct chk_options *o, const char *name)
{
	for (size_t i = 0; i < o->nrefs; i++)
		if (strcmp(o->refs[i].name, name) == 0)
			return o->refs[i].path;
	return NULL;
}

/* Whether a key before k has loaded path as a workbook, and so told that
 * --encoding is ignored for it: the officer is told once for each file. */
static bool
ref_workbook_told(const struct chk_options *o, size_t k, const char *path)
{
	for (size_t j = 0; j < k; j++) {
		const struct schema_fkey *fk = schema_foreign_key(o->schema, j);
		const char *p;

		if (!refsets[j].workbook || !fk->resource)
			continue;
		p = ref_path(o, fk->resource);
		if (p && strcmp(p, path) == 0)
			return true;
	}
	return false;
}

/* The key hash of text values, typed as the local fields are. */
static int
key_hash(const struct schema *s, const struct schema_fkey *fk, char **texts,
	 const size_t *lens, uint64_t *h)
{
	struct schema_value v;
	uint64_t acc = SEED_FK;

	for (size_t j = 0; j < fk->nfields; j++) {
		if (schema_value_parse(s, fk->fields[j], texts[j], lens[j],
				       &v) < 0 ||
		    v.kind == SV_NULL)
			return -1;
		acc = schema_value_hash(&v, acc);
	}
	*h = acc;
	return 0;
}

/* The table of key k's --ref opened on its own terms: the same table may
 * serve several keys, loaded per key, typed per key; its kind comes from
 * its own name, whatever --jsonl says. */
static struct source *
open_ref(const struct chk_options *o, size_t k, const char *path,
	 struct gk_err *e)
{
	struct chk_options ref_opts = *o;

	ref_opts.kind = TABLE_AUTO;
	ref_opts.sheet = NULL;
	ref_opts.csv.header_row = 0; /* another file: its header on row 1 */
	if (ref_workbook_told(o, k, path))
		ref_opts.csv.encoding = NULL; /* a workbook reads none */
	return source_open(path, &ref_opts, NULL, false, e);
}

static char *name_folded(const char *name, bool wide, bool lower);
static const char *near_kinds(const char *hdr, const char *field, char *out,
			      size_t size);
static int name_shown(const char *name);

/* The first cell of row whose name is name but for case, the spaces
 * around it or full-width forms, or -1. */
static long
near_cell(const struct csv_row *row, const char *name)
{
	char *want = name_folded(name, true, true);
	long found = -1;

	for (size_t i = 0; want[0] && found < 0 && i < row->nfields; i++) {
		char *f = name_folded(row->fields[i], true, true);
		if (strcmp(f, want) == 0)
			found = (long)i;
		free(f);
	}
	free(want);
	return found;
}

/* The header of the table at path: col[j], the column of the key's j-th
 * referenced field; -1 with e when the table is empty or lacks one (and
 * the column whose name is nearly its, when there is one). */
static int
ref_columns(struct source *src, const struct schema_fkey *fk, const char *path,
	    long *col, struct gk_err *e)
{
	struct csv_row row;
	int rc = source_next(src, &row, e);

	if (rc <= 0) {
		if (rc == 0)
			gk_err_set(e, "%s: file is empty", path);
		return -1;
	}
	for (size_t j = 0; j < fk->nfields; j++) {
		col[j] = -1;
		for (size_t c = 0; c < row.nfields; c++)
			if (strcmp(row.fields[c], fk->ref_fields[j]) == 0) {
				col[j] = (long)c;
				break;
			}
		if (col[j] < 0) {
			const char *want = fk->ref_fields[j], *got;
			long n = near_cell(&row, want);
			char kinds[64];
			if (n < 0) {
				gk_err_set(e,
					   "%s: no column '%s' (foreign key "
					   "to '%s')",
					   path, want, fk->resource);
				return -1;
			}
			got = row.fields[n];
			gk_err_set(
				e,
				"%s: no column '%s' (foreign key to '%s'); "
				"column %ld '%.*s' differs from it only in %s",
				path, want, fk->resource, n + 1,
				name_shown(got), got,
				near_kinds(got, want, kinds, sizeof kinds));
			return -1;
		}
	}
	return 0;
}

/* The key of each row after the header into set, typed as the local
 * fields are; a row too short for it, or whose key does not type, adds
 * none.  A short row that is not blank is told (path named), once with
 * the count: the values it holds would otherwise be "not found" with no
 * hint why.  -1 on a read error. */
static int
ref_keys(const struct schema *s, const struct schema_fkey *fk,
	 struct source *src, const char *path, const long *col,
	 struct keyset *set, struct gk_err *e)
{
	char **texts = gk_xcalloc(fk->nfields, sizeof *texts);
	size_t *lens = gk_xcalloc(fk->nfields, sizeof *lens);
	struct csv_row row;
	long short_rows = 0, first_short = 0;
	int rc;

	while ((rc = source_next(src, &row, e)) > 0) {
		uint64_t h;
		bool ok = true;
		for (size_t j = 0; j < fk->nfields && ok; j++) {
			if ((size_t)col[j] >= row.nfields) {
				ok = false;
				break;
			}
			texts[j] = row.fields[col[j]];
			lens[j] = row.lens[col[j]];
		}
		if (!ok && !(row.nfields == 1 && row.lens[0] == 0) &&
		    short_rows++ == 0)
			first_short = row.row;
		if (ok && key_hash(s, fk, texts, lens, &h) == 0)
			keyset_put(set, h, row.row);
	}
	if (rc == 0 && short_rows > 0)
		gk_warn("%s: %ld row%s too short to hold the key (the first: "
			"row %ld): not read as references",
			path, short_rows, short_rows == 1 ? "" : "s",
			first_short);
	free(texts);
	free(lens);
	return rc < 0 ? -1 : 0;
}

static int
load_ref(struct chk_options *o, size_t k, struct gk_err *e)
{
	const struct schema_fkey *fk = schema_foreign_key(o->schema, k);
	struct refset *rs = &refsets[k];
	const char *path = ref_path(o, fk->resource);
	struct source *src;
	long *col = NULL;
	int ret = -1;

	if (rs->loaded)
		return 0;
	if (!path) {
		gk_err_set(e, "foreign key to '%s' needs --ref %s=FILE",
			   fk->resource, fk->resource);
		return -1;
	}
	src = open_ref(o, k, path, e);
	if (!src)
		return -1;
	rs->workbook = strcmp(source_encoding(src), "xlsx") == 0;
	col = gk_xcalloc(fk->nfields, sizeof *col);
	keyset_init(&rs->set);
	if (ref_columns(src, fk, path, col, e) < 0 ||
	    ref_keys(o->schema, fk, src, path, col, &rs->set, e) < 0)
		goto out;
	rs->loaded = true;
	ret = 0;
out:
	if (ret < 0)
		keyset_release(&rs->set);
	free(col);
	source_close(src);
	return ret;
}

void
check_refs_free(void)
{
	for (size_t i = 0; i < nrefsets; i++)
		keyset_release(&refsets[i].set);
	free(refsets);
	refsets = NULL;
	nrefsets = 0;
}

/* ---------------------------------------------------------------- */
/* header                                                            */
/* ---------------------------------------------------------------- */

/* The header name of column i for findings: NULL when blank or absent. */
static const char *
hdr_name(const struct ctx *c, size_t i)
{
	return i < c->hdr_n && c->hdr[i][0] ? c->hdr[i] : NULL;
}

static void
set_header(struct ctx *c, const struct csv_row *row)
{
	c->hdr_n = row->nfields;
	c->hdr_cap = c->hdr_n ? c->hdr_n : 1;
	c->hdr = gk_xcalloc(c->hdr_cap, sizeof *c->hdr);
	for (size_t i = 0; i < c->hdr_n; i++)
		c->hdr[i] = gk_xstrndup(row->fields[i], row->lens[i]);
}

/* The schema's fields by name (schema_field_index scans them). */
static void
index_fields(struct ctx *c, struct nameidx *x, const char ***names)
{
	*names = gk_xcalloc(c->nf + 1, sizeof **names);
	for (size_t k = 0; k < c->nf; k++) {
		(*names)[k] = schema_field_name(c->s, k);
		if (nameidx_find(x, *names, (*names)[k], strlen((*names)[k])) <
		    0)
			nameidx_add(x, *names, k);
	}
}

/* ---------------------------------------------------------------- */
/* header names near a schema field's name                          */
/* ---------------------------------------------------------------- */

/* name without the spaces around it (utf8_trim_blanks: ASCII white
 * space, a no-break or ideographic space, a stray BOM), as
 * name[*off..*off + *len). */
static void
name_trimmed(const char *name, size_t *off, size_t *len)
{
	const char *s = name;

	*len = utf8_trim_blanks(&s, strlen(name));
	*off = (size_t)(s - name);
}

/* name without the spaces around it, with full-width forms as ASCII
 * (wide: '（' as '(', '　' as ' ') and ASCII capitals small (lower). */
static char *
name_folded(const char *name, bool wide, bool lower)
{
	size_t off, len, k = 0, w;
	const char *s;
	char *out, ch;

	name_trimmed(name, &off, &len);
	s = name + off;
	out = gk_xmalloc(len + 1);
	for (size_t i = 0; i < len; i += w) {
		if (!wide || (w = utf8_halfwidth(s + i, len - i, &ch)) == 0) {
			ch = s[i];
			w = 1;
		}
		if (lower && ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		out[k++] = ch;
	}
	out[k] = '\0';
	return out;
}

/* Whether a and b differ once folded as name_folded folds them. */
static bool
folded_differ(const char *a, const char *b, bool wide, bool lower)
{
	char *fa = name_folded(a, wide, lower);
	char *fb = name_folded(b, wide, lower);
	bool d = strcmp(fa, fb) != 0;

	free(fa);
	free(fb);
	return d;
}

/* How a header cell differs from a field's name that it matches once
 * folded: "case", "full-width forms", "the spaces around it", joined. */
static const char *
near_kinds(const char *hdr, const char *field, char *out, size_t size)
{
	const char *part[3];
	size_t n = 0, off, len;
	bool spaces;

	name_trimmed(hdr, &off, &len);
	spaces = len != strlen(hdr);
	name_trimmed(field, &off, &len);
	spaces = spaces || len != strlen(field);
	if (folded_differ(hdr, field, true, false))
		part[n++] = "case";
	if (folded_differ(hdr, field, false, true))
		part[n++] = "full-width forms";
	if (spaces)
		part[n++] = "the spaces around it";
	if (n == 3)
		snprintf(out, size, "%s, %s and %s", part[0], part[1], part[2]);
	else if (n == 2)
		snprintf(out, size, "%s and %s", part[0], part[1]);
	else
		snprintf(out, size, "%s", n ? part[0] : "");
	return out;
}

/* At most 200 bytes of a name, whole characters, for a message. */
static int
name_shown(const char *name)
{
	size_t n = strlen(name);

	return (int)utf8_valid_prefix(name, n < 200 ? n : 200);
}

static void
near_names_init(struct ctx *c)
{
	struct near_names *nn = &c->near;

	c->near_set = true;
	nameidx_init(&nn->idx);
	nn->folded = gk_xcalloc(c->nf + 1, sizeof *nn->folded);
	nn->col = gk_xcalloc(c->nf + 1, sizeof *nn->col);
	for (size_t k = 0; k < c->nf; k++) {
		char *f;
		nn->col[k] = -1;
		if (c->field_col[k] >= 0 && !c->jsonl)
			continue;
		f = name_folded(schema_field_name(c->s, k), true, true);
		nn->folded[k] = f;
		if (f[0] &&
		    nameidx_find(&nn->idx, (const char *const *)nn->folded, f,
				 strlen(f)) < 0)
			nameidx_add(&nn->idx, (const char *const *)nn->folded,
				    k);
	}
}

static void
near_names_release(struct ctx *c)
{
	struct near_names *nn = &c->near;

	if (!c->near_set)
		return;
	for (size_t k = 0; k < c->nf; k++)
		free(nn->folded[k]);
	free(nn->folded);
	free(nn->col);
	nameidx_release(&nn->idx);
}

/* The message of column i, not in the schema: base, then the field
 * whose name it nearly is, when there is one. */
static const char *
extra_column_message(struct ctx *c, size_t i, const char *base)
{
	struct near_names *nn = &c->near;
	const char *name = c->hdr[i], *fname;
	char *f = name_folded(name, true, true);
	char kinds[64];
	long k = f[0] ? nameidx_find(&nn->idx, (const char *const *)nn->folded,
				     f, strlen(f))
		      : -1;

	free(f);
	if (k < 0)
		return base;
	if (nn->col[k] < 0)
		nn->col[k] = (long)i;
	fname = schema_field_name(c->s, (size_t)k);
	return fmtmsg(c,
		      "%s; '%.*s' differs from schema field '%.*s' only in %s",
		      base, name_shown(name), name, name_shown(fname), fname,
		      near_kinds(name, fname, kinds, sizeof kinds));
}

/* The message of field k, not in the header: naming the column whose
 * name is nearly its. */
static const char *
missing_column_message(struct ctx *c, size_t k)
{
	const struct near_names *nn = &c->near;
	const char *fname = schema_field_name(c->s, k), *name;
	char kinds[64];

	if (nn->col[k] < 0)
		return fmtmsg(c, "schema field '%s' is not in the header",
			      fname);
	name = c->hdr[nn->col[k]];
	return fmtmsg(c,
		      "schema field '%.*s' is not in the header; column %ld "
		      "'%.*s' differs from it only in %s",
		      name_shown(fname), fname, nn->col[k] + 1,
		      name_shown(name), name,
		      near_kinds(name, fname, kinds, sizeof kinds));
}

static void
check_header(struct ctx *c, const struct csv_row *row)
{
	struct nameidx seen, fields;
	const char **fnames = NULL;

	set_header(c, row);
	if (row->problem)
		emit(c, 0, 0, NULL, CK_ENCODING, false, NULL, 0, false, false,
		     row->problem);
	/* a header cell's bad bytes are shown as '?' like a data cell's, and
	 * said the same way (the name then matches no schema field) */
	if (!c->jsonl && row->bad_encoding_field >= 0) {
		long b = row->bad_encoding_field;
		emit(c, 0, b + 1, NULL, CK_ENCODING, false, row->fields[b],
		     row->lens[b], true, false,
		     row->nul_replaced
			     ? "header holds a NUL byte (shown as '?')"
			     : fmtmsg(c,
				      "header bytes not valid in %s (shown as "
				      "'?')",
				      source_encoding(c->src)));
	}
	nameidx_init(&seen);
	nameidx_init(&fields);
	if (c->s) {
		index_fields(c, &fields, &fnames);
		/* each field's column first (its name's first cell), so
		 * that an extra column can name a missing field */
		for (size_t i = 0; i < c->hdr_n; i++) {
			long k = nameidx_find(&fields, fnames, c->hdr[i],
					      strlen(c->hdr[i]));
			if (k >= 0 && c->field_col[k] < 0)
				c->field_col[k] = (long)i;
		}
		near_names_init(c);
	}
	for (size_t i = 0; i < c->hdr_n; i++) {
		const char *name = c->hdr[i];
		size_t len = strlen(name);
		long dup, k;
		if (!name[0]) {
			if (!(c->hdr_n == 1 && c->jsonl))
				emit(c, 0, (long)i + 1, NULL, CK_BLANK_HEADER,
				     false, NULL, 0, false, false,
				     c->jsonl ? "key is empty"
					      : "header cell is empty");
			continue;
		}
		dup = nameidx_find(&seen, (const char *const *)c->hdr, name,
				   len);
		if (dup >= 0) {
			emit(c, 0, (long)i + 1, name, CK_DUPLICATE_HEADER,
			     false, name, len, true, false,
			     fmtmsg(c, "header repeats column %ld", dup + 1));
			continue;
		}
		nameidx_add(&seen, (const char *const *)c->hdr, i);
		if (!c->s)
			continue;
		k = nameidx_find(&fields, fnames, name, len);
		if (k < 0) {
			/* JSON Lines have no header: their first record's
			 * keys are said as a later record's are */
			emit(c, 0, (long)i + 1, name, CK_EXTRA_COLUMN, false,
			     name, strlen(name), true, false,
			     extra_column_message(
				     c, i,
				     c->jsonl ? fmtmsg(c,
						       "key not in the schema "
						       "(first at line %ld)",
						       row->line)
					      : "header column not in the "
						"schema"));
			continue;
		}
	}
	nameidx_release(&seen);
	nameidx_release(&fields);
	free(fnames);
	for (size_t k = 0; k < c->nf; k++)
		if (c->field_col[k] < 0)
			emit(c, 0, 0, schema_field_name(c->s, k),
			     CK_MISSING_COLUMN, false, NULL, 0, false, false,
			     missing_column_message(c, k));
}

/* JSON Lines: a key first seen in a later record. */
static void
grow_header(struct ctx *c, const struct csv_row *row)
{
	if (row->nfields > c->hdr_cap) {
		c->hdr_cap = row->nfields > 2 * c->hdr_cap ? row->nfields
							   : 2 * c->hdr_cap;
		c->hdr = gk_xrealloc(c->hdr, c->hdr_cap * sizeof *c->hdr);
	}
	for (size_t i = c->hdr_n; i < row->nfields; i++) {
		const char *n = source_column_name(c->src, i);
		c->hdr[i] = gk_xstrdup(n ? n : "");
		if (c->s)
			emit(c, 0, (long)i + 1, c->hdr[i], CK_EXTRA_COLUMN,
			     false, c->hdr[i], strlen(c->hdr[i]), true, false,
			     extra_column_message(
				     c, i,
				     fmtmsg(c,
					    "key not in the schema (first at "
					    "line %ld)",
					    row->row)));
	}
	c->hdr_n = row->nfields;
}

/* ---------------------------------------------------------------- */
/* keys                                                              */
/* ---------------------------------------------------------------- */

/* Hash of the typed values of fields; -1 when one is null. */
static int
vals_hash(struct ctx *c, const size_t *fields, size_t n, uint64_t seed,
	  uint64_t *h)
{
	uint64_t acc = seed;
	for (size_t j = 0; j < n; j++) {
		const struct schema_value *v = &c->vals[fields[j]];
		if (v->kind == SV_NULL)
			return -1;
		acc = schema_value_hash(v, acc);
	}
	*h = acc;
	return 0;
}

/* "v1, v2" of a composite key (in c->key), each value's place in it in
 * c->kparts: the report masks them one by one. */
static void
key_text(struct ctx *c, const size_t *fields, size_t n)
{
	buf_reset(&c->key);
	c->nkparts = 0;
	if (n > c->capkparts) {
		c->capkparts = n;
		c->kparts = gk_xrealloc(c->kparts, n * sizeof *c->kparts);
	}
	for (size_t j = 0; j < n && c->key.len < KEY_TEXT_MAX; j++) {
		const struct schema_value *v = &c->vals[fields[j]];
		struct value_part *p = &c->kparts[c->nkparts++];
		if (j)
			buf_adds(&c->key, ", ");
		p->off = c->key.len;
		p->len = v->n;
		p->personal = c->personal[fields[j]];
		buf_add(&c->key, v->s, v->n);
	}
	if (!c->key.data)
		buf_addc(&c->key, '\0');
}

/* A finding on a composite key: no single column, its parts masked. */
static void
emit_key(struct ctx *c, long row, enum chk_code code, const char *v, size_t vn,
	 const struct value_part *parts, size_t nparts, const char *msg)
{
	struct finding f = {
		.row = row,
		.check = code,
		.has_value = true,
		.value = v,
		.value_len = vn,
		.parts = parts,
		.nparts = nparts,
		.message = msg,
		.share = 1.0,
		.counted = c->counted,
	};
	if (c->o->skip[code])
		return;
	report_finding(c->r, &f);
}

static void
key_finding(struct ctx *c, long rowno, const size_t *fields, size_t n,
	    enum chk_code code, const char *msg)
{
	if (n == 1) {
		const struct schema_value *v = &c->vals[fields[0]];
		emit(c, rowno, c->field_col[fields[0]] + 1,
		     schema_field_name(c->s, fields[0]), code, false, v->s,
		     v->n, true, c->personal[fields[0]], msg);
		return;
	}
	key_text(c, fields, n);
	emit_key(c, rowno, code, c->key.data, c->key.len, c->kparts, c->nkparts,
		 msg);
}

static void
check_primary_key(struct ctx *c, const struct csv_row *row)
{
	uint64_t h;
	long prev;

	if (c->npk && !c->pk_by_unique && !c->o->skip[CK_PRIMARY_KEY] &&
	    vals_hash(c, c->pk, c->npk, SEED_KEY, &h) == 0 &&
	    (prev = keyset_put(&c->pkset, h, row->row)) != 0)
		key_finding(c, row->row, c->pk, c->npk, CK_PRIMARY_KEY,
			    fmtmsg(c, "primary key repeats row %ld", prev));
}

static void
check_unique_keys(struct ctx *c, const struct csv_row *row)
{
	uint64_t h;
	long prev;

	for (size_t k = 0; k < c->nuk && !c->o->skip[CK_UNIQUE]; k++) {
		const size_t *f;
		size_t n = schema_unique_key(c->s, k, &f);
		if (vals_hash(c, f, n, SEED_KEY + k + 1, &h) == 0 &&
		    (prev = keyset_put(&c->uksets[k], h, row->row)) != 0)
			key_finding(
				c, row->row, f, n, CK_UNIQUE,
				fmtmsg(c, "unique key repeats row %ld", prev));
	}
}

/* This row's own target key of self-referencing key k, into its set
 * before the row's reference is looked up: a row may name itself. */
static void
add_self_target(struct ctx *c, size_t k, const struct schema_fkey *fk,
		const struct csv_row *row)
{
	uint64_t t = SEED_FK;
	bool ok = true;
	struct schema_value v;

	for (size_t j = 0; j < fk->nfields && ok; j++) {
		long col = c->field_col[fk->ref_index[j]];
		if (col < 0 || (size_t)col >= row->nfields ||
		    schema_value_parse(c->s, fk->fields[j], row->fields[col],
				       row->lens[col], &v) < 0 ||
		    v.kind == SV_NULL)
			ok = false;
		else
			t = schema_value_hash(&v, t);
	}
	if (ok)
		keyset_put(&c->fkself[k], t, row->row);
}

/* A reference of self-referencing key k not seen yet as a target: kept,
 * with its value, until the end of the file (finish_self_fks). */
static void
pend_self_reference(struct ctx *c, size_t k, const struct schema_fkey *fk,
		    long rowno, uint64_t h)
{
	struct pending_fk *p;

	if (c->npend == c->cappend) {
		c->cappend = c->cappend ? c->cappend * 2 : 64;
		c->pend = gk_xrealloc(c->pend, c->cappend * sizeof *c->pend);
	}
	p = &c->pend[c->npend++];
	p->row = rowno;
	p->fk = k;
	p->h = h;
	key_text(c, fk->fields, fk->nfields);
	p->value = gk_xstrdup(c->key.data);
	p->nparts = c->nkparts;
	p->parts = gk_xmalloc((c->nkparts ? c->nkparts : 1) * sizeof *p->parts);
	memcpy(p->parts, c->kparts, c->nkparts * sizeof *p->parts);
}

/* The finding of a reference missing from the --ref table. */
static void
report_missing_reference(struct ctx *c, const struct schema_fkey *fk,
			 long rowno)
{
	char m[600];

	buf_reset(&c->key);
	for (size_t j = 0; j < fk->nfields; j++)
		buf_printf(&c->key, "%s%s", j ? ", " : "", fk->ref_fields[j]);
	snprintf(m, sizeof m, "not found in %s (%s)", fk->resource,
		 c->key.data);
	key_finding(c, rowno, fk->fields, fk->nfields, CK_FOREIGN_KEY, m);
}

static void
check_foreign_keys(struct ctx *c, const struct csv_row *row)
{
	uint64_t h;

	for (size_t k = 0; k < c->nfk && !c->o->skip[CK_FOREIGN_KEY]; k++) {
		const struct schema_fkey *fk = schema_foreign_key(c->s, k);

		if (!fk->resource)
			add_self_target(c, k, fk, row);
		if (vals_hash(c, fk->fields, fk->nfields, SEED_FK, &h) < 0)
			continue;
		if (keyset_has(fk->resource ? &refsets[k].set : &c->fkself[k],
			       h))
			continue;
		if (!fk->resource)
			pend_self_reference(c, k, fk, row->row, h);
		else
			report_missing_reference(c, fk, row->row);
	}
}

static void
check_keys(struct ctx *c, const struct csv_row *row)
{
	check_primary_key(c, row);
	check_unique_keys(c, row);
	check_foreign_keys(c, row);
}

static void
finish_self_fks(struct ctx *c)
{
	for (size_t i = 0; i < c->npend; i++) {
		struct pending_fk *p = &c->pend[i];
		const struct schema_fkey *fk = schema_foreign_key(c->s, p->fk);
		if (!keyset_has(&c->fkself[p->fk], p->h)) {
			struct gk_buf names;
			buf_init(&names);
			for (size_t j = 0; j < fk->nfields; j++)
				buf_printf(&names, "%s%s", j ? ", " : "",
					   fk->ref_fields[j]);
			fmtmsg(c, "not found in this table (%s)", names.data);
			buf_release(&names);
			c->counted = p->counted;
			if (fk->nfields == 1)
				emit(c, p->row, c->field_col[fk->fields[0]] + 1,
				     schema_field_name(c->s, fk->fields[0]),
				     CK_FOREIGN_KEY, false, p->value,
				     strlen(p->value), true,
				     c->personal[fk->fields[0]], c->msg.data);
			else
				emit_key(c, p->row, CK_FOREIGN_KEY, p->value,
					 strlen(p->value), p->parts, p->nparts,
					 c->msg.data);
			c->counted = 0;
		}
		free(p->value);
		free(p->parts);
	}
	c->npend = 0;
}

/* ---------------------------------------------------------------- */
/* rows                                                              */
/* ---------------------------------------------------------------- */

/*
 * A JSON Lines row is as wide as every key the file has had so far, but
 * holds only its own: the checks of the whole row look at those, so a
 * file of many keys is not quadratic.  present: NULL for other rows.
 */
static size_t
row_cells(const struct ctx *c, const struct csv_row *row,
	  const size_t **present)
{
	if (!c->jsonl) {
		*present = NULL;
		return row->nfields;
	}
	return source_row_present(c->src, present);
}

static bool
blank_row(const struct ctx *c, const struct csv_row *row)
{
	const size_t *p;
	size_t n = row_cells(c, row, &p);

	for (size_t k = 0; k < n; k++)
		if (row->lens[p ? p[k] : k])
			return false;
	return true;
}

static void
check_cells(struct ctx *c, const struct csv_row *row)
{
	long bad = row->bad_encoding_field;

	for (size_t i = 0; i < c->nf; i++) {
		long col = c->field_col[i];
		struct schema_value *v = &c->vals[i];
		size_t k;

		if (col < 0 || (size_t)col >= row->nfields || col == bad) {
			v->kind = SV_NULL;
			v->invalid = col == bad;
			v->s = "";
			v->n = 0;
			continue;
		}
		k = schema_check_cell(c->s, i, row->fields[col], row->lens[col],
				      v, c->iss);
		for (size_t j = 0; j < k; j++) {
			int code = chk_code_parse(c->iss[j].check,
						  strlen(c->iss[j].check));
			emit(c, row->row, col + 1, c->hdr[col],
			     (enum chk_code)code, c->iss[j].warning,
			     row->fields[col], row->lens[col],
			     code != CK_REQUIRED, c->personal[i],
			     c->iss[j].message);
		}
		if (v->kind == SV_NULL)
			continue;
		if (c->is_unique[i] && !c->o->skip[CK_UNIQUE]) {
			c->uh_set[i] = true;
			if (v->kind == SV_INT && !c->asc[i].off)
				continue; /* check_unique looks in the ascending run */
			/* inserted after the other cells: the slot is in cache by then */
			c->uh[i] = schema_value_hash(v, SEED_UNIQUE);
			keyset_prefetch(&c->uniq[i], c->uh[i]);
		}
		if (c->has_fresh && i == c->fresh_field && v->zoned) {
			if (!c->fresh_zoned || v->u.i > c->fresh_newest_secs)
				c->fresh_newest_secs = v->u.i;
			c->fresh_zoned = true;
		} else if (c->has_fresh && i == c->fresh_field) {
			/* a date, or a datetime without an offset: the day it
			 * is written with */
			int64_t d =
				v->kind == SV_DATE
					? v->u.i
					: (v->u.i >= 0 ? v->u.i / 86400
						       : -((-v->u.i + 86399) /
							   86400));
			if (!c->fresh_seen || d > c->fresh_newest)
				c->fresh_newest = d;
			c->fresh_seen = true;
		}
	}
}

/*
 * The hash of a whole row: of its cells one after the other, each with a
 * NUL after it but the last.  The reader thread lays rows out like that,
 * so the row is hashed in place in one call; otherwise it is copied so.
 */
static uint64_t
row_hash(struct ctx *c, const struct csv_row *row)
{
	uint64_t h = SEED_ROW ^ row->nfields;
	size_t n = row->nfields;
	const char *start, *end;
	const size_t *p;

	if (c->jsonl) {
		/* its cells that are not empty, each with its column: rows are
		 * identical as when every cell is hashed.  Not the row's width:
		 * it grows with each new key, and the same record after one
		 * is still the same record */
		h = SEED_ROW;
		n = row_cells(c, row, &p);
		for (size_t k = 0; k < n; k++) {
			uint64_t col = p[k];
			if (!row->lens[p[k]])
				continue;
			h = gk_hash(&col, sizeof col, h);
			h = gk_hash(row->fields[p[k]], row->lens[p[k]], h);
		}
		return h;
	}
	if (n == 0)
		return h;
	start = row->fields[0];
	for (size_t i = 0; i + 1 < n; i++)
		if (row->fields[i] + row->lens[i] + 1 != row->fields[i + 1])
			goto copy;
	end = row->fields[n - 1] + row->lens[n - 1];
	return gk_hash(start, (size_t)(end - start), h);
copy:
	buf_reset(&c->key);
	for (size_t i = 0; i < n; i++) {
		buf_add(&c->key, row->fields[i], row->lens[i]);
		if (i + 1 < n)
			buf_addc(&c->key, '\0');
	}
	return gk_hash(c->key.data, c->key.len, h);
}

static void
check_unique(struct ctx *c, const struct csv_row *row)
{
	for (size_t i = 0; i < c->nf; i++) {
		long prev, col;
		if (!c->uh_set[i])
			continue;
		c->uh_set[i] = false;
		if (c->vals[i].kind == SV_INT && !c->asc[i].off) {
			struct ascending *a = &c->asc[i];
			int64_t x = c->vals[i].u.i;
			if (a->n == 0 || x > a->v[a->n - 1]) {
				asc_append(a, x, row->row);
				continue;
			}
			prev = asc_find(a, x);
			if (!prev) {
				keyset_reserve(&c->uniq[i],
					       c->est_rows > a->n ? c->est_rows
								  : a->n);
				asc_to_set(a, &c->uniq[i]);
				prev = keyset_put(
					&c->uniq[i],
					schema_value_hash(&c->vals[i],
							  SEED_UNIQUE),
					row->row);
			}
		} else {
			prev = keyset_put(&c->uniq[i], c->uh[i], row->row);
		}
		if (!prev)
			continue;
		col = c->field_col[i];
		emit(c, row->row, col + 1, c->hdr[col], CK_UNIQUE, false,
		     row->fields[col], row->lens[col], true, c->personal[i],
		     fmtmsg(c, "repeats row %ld", prev));
	}
}

/*
 * Once the first rows tell how long a row is, size the sets for the rows
 * the file will have: growing a large table step by step rehashes it
 * again and again.
 */
static void
reserve_sets(struct ctx *c)
{
	size_t est;

	if (c->file_bytes <= 0 || c->sample_bytes == 0)
		return;
	est = (size_t)((double)c->file_bytes /
		       ((double)c->sample_bytes / (double)c->rows) *
		       ESTIMATE_MARGIN);
	if (est > MAX_RESERVE)
		est = MAX_RESERVE;
	if (!c->o->skip[CK_DUPLICATE_ROW])
		keyset_reserve(&c->dupset, est);
	c->est_rows = est;
	for (size_t i = 0; i < c->nf; i++)
		if (c->is_unique[i] && !c->o->skip[CK_UNIQUE] && c->asc[i].off)
			keyset_reserve(&c->uniq[i], est);
	if (c->npk && !c->pk_by_unique && !c->o->skip[CK_PRIMARY_KEY])
		keyset_reserve(&c->pkset, est);
}

/* A value quoted in a rule's message: at most this many bytes. */
#define RULE_VALUE_MAX 60

/* A failed rule's message: its name, its assertion, and the row's values
 * of the fields it reads, so that the owner sees what to fix without
 * opening the file ("(registered_on: 2020-01-01, moved_out_on:
 * 2019-12-31)").  A personal field's value is masked as the field's
 * values are, any other's as text is, before a long one is cut. */
static const char *
rule_message(struct ctx *c, const struct csv_row *row, size_t k)
{
	struct gk_buf *b = &c->rmsg;
	bool first = true;

	buf_reset(b);
	buf_printf(b, "rule '%s' failed: %s", schema_rule_name(c->s, k),
		   schema_rule_assert(c->s, k));
	for (size_t i = 0; i < c->nf; i++) {
		long col = c->field_col[i];
		const char *v;
		size_t n;

		if (!c->rule_reads[k * c->nf + i])
			continue;
		buf_adds(b, first ? " (" : ", ");
		first = false;
		buf_adds(b, schema_field_name(c->s, i));
		if (col < 0 || (size_t)col >= row->nfields ||
		    (c->vals[i].kind == SV_NULL && !c->vals[i].invalid)) {
			buf_adds(b, ": empty");
			continue;
		}
		v = row->fields[col];
		n = row->lens[col];
		/* masked before it is cut: an ID cut short is no longer
		 * found by the message's own masking */
		if (!c->o->no_mask) {
			buf_reset(&c->rval);
			if (c->personal[i])
				mask_personal(v, n, &c->rval);
			else
				mask_text(v, n, &c->rval);
			v = c->rval.data;
			n = c->rval.len;
		}
		buf_adds(b, ": ");
		if (n > RULE_VALUE_MAX) {
			size_t cut = RULE_VALUE_MAX;
			while (cut > 0 &&
			       ((unsigned char)v[cut] & 0xC0) == 0x80)
				cut--;
			buf_add(b, v, cut);
			buf_adds(b, "...");
		} else {
			buf_add(b, v, n);
		}
	}
	if (!first)
		buf_addc(b, ')');
	return fmtmsg(c, "%s", b->data);
}

/*
 * CSV is parsed on a thread of its own when the checks keep this one
 * busy (a schema's, or the set of rows for duplicate-row) and a second
 * CPU is there to take it.  Handing rows over costs a copy of each: for
 * the structural checks alone, or on one CPU, parsing here is faster
 * (1.14 s against 1.51 s for 1 GB without duplicate-row; bench/README.md).
 * JSON Lines grows its columns as it reads, so it stays on this one.
 */
static bool
parse_on_own_thread(const struct ctx *c)
{
	if (c->jsonl || gk_cpu_count() < 2)
		return false;
	return c->s != NULL || !c->o->skip[CK_DUPLICATE_ROW];
}

/* The bytes of one of the first rows counted (its cells, delimiters and
 * line end); after the last of them the sets are sized. */
static void
sample_row(struct ctx *c, const struct csv_row *row)
{
	const size_t *p;
	size_t n = row_cells(c, row, &p);

	for (size_t k = 0; k < n; k++)
		c->sample_bytes += row->lens[p ? p[k] : k];
	c->sample_bytes += row->nfields;
	if (c->rows == SAMPLE_ROWS)
		reserve_sets(c);
}

/* The row's hash for duplicate-row, its slot in the set prefetched: the
 * slot is a cache miss.  With a schema, the cells checked between this
 * prefetch and the lookup hide it; without, start it DUP_AHEAD rows
 * early. */
static uint64_t
prefetch_duplicate(struct ctx *c, const struct csv_row *row)
{
	const char *t;
	size_t tl, tn;
	uint64_t rowh;

	if (!c->s && c->pipe && pipe_peek(c->pipe, DUP_AHEAD, &t, &tl, &tn))
		keyset_prefetch(&c->dupset, gk_hash(t, tl, SEED_ROW ^ tn));
	rowh = row_hash(c, row);
	keyset_prefetch(&c->dupset, rowh);
	return rowh;
}

/* What the reader could not read cleanly in the row. */
static void
check_read_problems(struct ctx *c, const struct csv_row *row)
{
	if (row->bad_encoding_field >= 0) {
		long b = row->bad_encoding_field;
		emit(c, row->row, b + 1, hdr_name(c, (size_t)b), CK_ENCODING,
		     false, row->fields[b], row->lens[b], true, false,
		     fmtmsg(c, "bytes not valid in %s (shown as '?')",
			    c->jsonl && !strcmp(source_encoding(c->src),
						"utf-8")
				    ? "UTF-8"
				    : source_encoding(c->src)));
	}
	if (row->unterminated_quote)
		emit(c, row->row, 0, NULL, CK_ENCODING, false, NULL, 0, false,
		     false, "the file ends inside a quoted field");
	/* a workbook's cell given twice in its row, the first value
	 * dropped */
	if (row->problem)
		emit(c, row->row, 0, NULL, CK_ENCODING, false, NULL, 0, false,
		     false, row->problem);
}

/* A row with more cells than the header, or fewer. */
static void
check_cell_count(struct ctx *c, const struct csv_row *row)
{
	size_t ncols = row->nfields > c->hdr_n ? row->nfields : c->hdr_n;

	if (ncols == c->hdr_n && row->nfields == c->hdr_n)
		return;
	for (size_t i = 0; i < ncols; i++) {
		if (i >= c->hdr_n)
			emit(c, row->row, (long)i + 1, NULL, CK_EXTRA_CELL,
			     false, row->fields[i], row->lens[i], true, false,
			     fmtmsg(c, "row has %zu cell%s, the header %zu",
				    row->nfields, row->nfields == 1 ? "" : "s",
				    c->hdr_n));
		else if (i >= row->nfields)
			emit(c, row->row, (long)i + 1, hdr_name(c, i),
			     CK_MISSING_CELL, false, NULL, 0, false, false,
			     fmtmsg(c, "row has %zu cell%s, the header %zu",
				    row->nfields, row->nfields == 1 ? "" : "s",
				    c->hdr_n));
	}
}

/* The schema's checks of the row: its cells, keys and rules. */
static void
check_schema_row(struct ctx *c, const struct csv_row *row)
{
	check_cells(c, row);
	check_unique(c, row);
	check_keys(c, row);
	for (size_t k = 0; k < schema_rule_count(c->s) && !c->o->skip[CK_RULE];
	     k++)
		if (schema_rule_eval(c->s, k, c->vals) == 0)
			emit(c, row->row, 0, NULL, CK_RULE,
			     schema_rule_warning(c->s, k), NULL, 0, false,
			     false, rule_message(c, row, k));
}

static void
check_row(struct ctx *c, const struct csv_row *row)
{
	uint64_t rowh = 0;
	bool dup = !c->o->skip[CK_DUPLICATE_ROW];
	size_t pend0 = c->npend;

	c->rows++;
	if (c->rows <= SAMPLE_ROWS)
		sample_row(c, row);
	if (row->bad_encoding_field == -2) {
		emit(c, row->row, 0, NULL, CK_ENCODING, false, NULL, 0, false,
		     false, source_error(c->src));
		return;
	}
	if (c->jsonl && row->nfields > c->hdr_n)
		grow_header(c, row);
	if (blank_row(c, row)) {
		emit(c, row->row, 0, NULL, CK_BLANK_ROW, false, NULL, 0, false,
		     false, "every cell is empty");
		return;
	}
	if (dup)
		rowh = prefetch_duplicate(c, row);
	check_read_problems(c, row);
	check_cell_count(c, row);
	if (c->s)
		check_schema_row(c, row);
	if (dup) {
		long prev = keyset_put(&c->dupset, rowh, row->row);
		if (prev)
			emit(c, row->row, 0, NULL, CK_DUPLICATE_ROW, false,
			     NULL, 0, false, false,
			     fmtmsg(c, "identical to row %ld", prev));
	}
	/* the row's self-references still unresolved are told at the end:
	 * they keep what the row counts in consistency by then */
	for (size_t k = pend0; k < c->npend; k++)
		c->pend[k].counted = report_row_weight(
			c->r, chk_code_dim(CK_FOREIGN_KEY), row->row);
}

static void
check_file_level(struct ctx *c)
{
	long mn, mx;
	char d1[11], d2[11];

	if (c->has_fresh && c->fresh_zoned) {
		int64_t d = date_local_days(c->fresh_newest_secs);
		if (!c->fresh_seen || d > c->fresh_newest)
			c->fresh_newest = d;
		c->fresh_seen = true;
	}
	if (c->has_fresh) {
		const char *fname = schema_field_name(c->s, c->fresh_field);
		if (!c->fresh_seen) {
			emit(c, 0, 0, NULL, CK_FRESHNESS, false, NULL, 0, false,
			     false,
			     fmtmsg(c,
				    "no value of %s to tell how fresh the data is",
				    fname));
			/* share 1: nothing shows the data is fresh */
		} else {
			long today = date_to_days(&c->o->today);
			long age = today - (long)c->fresh_newest;
			if (age > c->fresh_days) {
				struct gk_date nd;
				date_from_days((long)c->fresh_newest, &nd);
				date_format(&nd, d1);
				date_format(&c->o->today, d2);
				/* as much of the file is stale as the overdue part
				 * of the allowed age, at most all of it */
				double share =
					c->fresh_days > 0
						? (double)(age -
							   c->fresh_days) /
							  (double)c->fresh_days
						: 1.0;
				emit_share(
					c, 0, 0, NULL, CK_FRESHNESS, false, d1,
					strlen(d1), true, false,
					fmtmsg(c,
					       "newest %s is %s, %ld days before %s (maxAgeDays %ld)",
					       fname, d1, age, d2,
					       c->fresh_days),
					share > 1 ? 1 : share);
			}
		}
	}
	if (schema_row_count(c->s, &mn, &mx)) {
		/* the share at fault: rows missing of those required, or rows
		 * beyond the maximum of those present */
		if (mn >= 0 && c->rows < mn)
			emit_share(
				c, 0, 0, NULL, CK_ROW_COUNT, false, NULL, 0,
				false, false,
				fmtmsg(c,
				       "%ld data rows, rowCount.minimum is %ld",
				       c->rows, mn),
				(double)(mn - c->rows) / (double)mn);
		if (mx >= 0 && c->rows > mx)
			emit_share(
				c, 0, 0, NULL, CK_ROW_COUNT, false, NULL, 0,
				false, false,
				fmtmsg(c,
				       "%ld data rows, rowCount.maximum is %ld",
				       c->rows, mx),
				(double)(c->rows - mx) / (double)c->rows);
	}
}

static void
ctx_init(struct ctx *c, struct chk_options *o, struct report *r)
{
	memset(c, 0, sizeof *c);
	c->o = o;
	c->s = o->schema;
	c->r = r;
	buf_init(&c->msg);
	buf_init(&c->key);
	buf_init(&c->rmsg);
	buf_init(&c->rval);
	keyset_init(&c->dupset);
	keyset_init(&c->pkset);
	if (!c->s)
		return;
	c->nf = schema_field_count(c->s);
	c->field_col = gk_xcalloc(c->nf + 1, sizeof *c->field_col);
	c->vals = gk_xcalloc(c->nf + 1, sizeof *c->vals);
	c->uniq = gk_xcalloc(c->nf + 1, sizeof *c->uniq);
	c->uh = gk_xcalloc(c->nf + 1, sizeof *c->uh);
	c->uh_set = gk_xcalloc(c->nf + 1, sizeof *c->uh_set);
	c->asc = gk_xcalloc(c->nf + 1, sizeof *c->asc);
	c->is_unique = gk_xcalloc(c->nf + 1, sizeof *c->is_unique);
	c->personal = gk_xcalloc(c->nf + 1, sizeof *c->personal);
	for (size_t i = 0; i < c->nf; i++) {
		c->field_col[i] = -1;
		c->is_unique[i] = schema_field_unique(c->s, i);
		c->personal[i] = schema_field_personal(c->s, i);
		keyset_init(&c->uniq[i]);
	}
	c->npk = schema_primary_key(c->s, &c->pk);
	/* not when --skip unique: the key is still to be checked */
	c->pk_by_unique =
		c->npk == 1 && c->is_unique[c->pk[0]] && !o->skip[CK_UNIQUE];
	c->nuk = schema_unique_key_count(c->s);
	c->uksets = gk_xcalloc(c->nuk + 1, sizeof *c->uksets);
	c->nfk = schema_foreign_key_count(c->s);
	c->fkself = gk_xcalloc(c->nfk + 1, sizeof *c->fkself);
	c->has_fresh = schema_freshness(c->s, &c->fresh_field, &c->fresh_days);
	c->rule_reads = gk_xcalloc(schema_rule_count(c->s) * c->nf + 1,
				   sizeof *c->rule_reads);
	for (size_t k = 0; k < schema_rule_count(c->s); k++)
		schema_rule_mark_fields(c->s, k, c->rule_reads + k * c->nf);
}

static void
ctx_release(struct ctx *c)
{
	for (size_t i = 0; i < c->hdr_n; i++)
		free(c->hdr[i]);
	free(c->hdr);
	for (size_t i = 0; i < c->nf; i++)
		keyset_release(&c->uniq[i]);
	for (size_t k = 0; k < c->nuk; k++)
		keyset_release(&c->uksets[k]);
	for (size_t k = 0; k < c->nfk; k++)
		keyset_release(&c->fkself[k]);
	for (size_t i = 0; i < c->npend; i++) {
		free(c->pend[i].value);
		free(c->pend[i].parts);
	}
	free(c->pend);
	free(c->uksets);
	free(c->fkself);
	free(c->uniq);
	free(c->uh);
	free(c->uh_set);
	for (size_t i = 0; i < c->nf; i++)
		asc_release(&c->asc[i]);
	free(c->asc);
	free(c->is_unique);
	free(c->personal);
	near_names_release(c);
	free(c->field_col);
	free(c->vals);
	keyset_release(&c->dupset);
	keyset_release(&c->pkset);
	buf_release(&c->msg);
	buf_release(&c->key);
	buf_release(&c->rmsg);
	buf_release(&c->rval);
	free(c->rule_reads);
	free(c->kparts);
}

/* Whether a check has anything to look at with this schema (--skip aside):
 * a dimension none of whose checks ran measured nothing, and its score
 * is null, not 100. */
static bool
check_runs(const struct ctx *c, enum chk_code k)
{
	long mn, mx;

	switch (k) {
	case CK_ENCODING:
	case CK_BLANK_HEADER:
	case CK_DUPLICATE_HEADER:
	case CK_EXTRA_CELL:
	case CK_MISSING_CELL:
	case CK_BLANK_ROW:
	case CK_DUPLICATE_ROW: return true;
	case CK_MISSING_COLUMN:
	case CK_EXTRA_COLUMN:
	case CK_TYPE: return c->s != NULL;
	case CK_PRIMARY_KEY: return c->npk > 0;
	case CK_FOREIGN_KEY: return c->nfk > 0;
	case CK_RULE: return c->s && schema_rule_count(c->s) > 0;
	case CK_FRESHNESS: return c->has_fresh;
	case CK_ROW_COUNT: return c->s && schema_row_count(c->s, &mn, &mx);
	case CK_UNIQUE:
		if (c->nuk > 0)
			return true;
		break;
	default: break;
	}
	/* a field missing from the file gives its checks nothing */
	for (size_t i = 0; i < c->nf; i++)
		if (c->field_col[i] >= 0 &&
		    schema_field_has_check(c->s, i, chk_code_name(k)))
			return true;
	return false;
}

/* The file as the database knows it: its real path. */
static char *
track_key(const char *path)
{
	char *rp;
	if (!path || strcmp(path, "-") == 0)
		return gk_xstrdup("-");
	rp = realpath(path, NULL);
	return rp ? rp : gk_xstrdup(path);
}

/* The tables of the schema's foreign keys to other files, loaded once
 * for all files; -1 (told) when one cannot be. */
static int
load_refs(struct chk_options *o)
{
	struct gk_err e;

	if (o->schema && !refsets) {
		nrefsets = schema_foreign_key_count(o->schema);
		refsets = gk_xcalloc(nrefsets + 1, sizeof *refsets);
	}
	for (size_t k = 0; o->schema && k < nrefsets; k++) {
		const struct schema_fkey *fk = schema_foreign_key(o->schema, k);
		if (fk->resource && load_ref(o, k, &e) < 0) {
			gk_warn_err(&e);
			return -1;
		}
	}
	return 0;
}

/* A regular file's size, else 0. */
static off_t
regular_file_bytes(const char *path)
{
	struct stat sb;

	if (path && strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode))
		return sb.st_size;
	return 0;
}

/* The header row, blank or spaces only (an export starting with an empty
 * line), made a header of one empty cell, every row's cells beyond it a
 * finding: refused, naming the first row not blank for --header-row, as
 * gov-records and gov-profile refuse it.  Always false (told). */
static bool
blank_header(struct ctx *c, struct csv_row *row)
{
	struct gk_err e;
	long blank = row->row;
	int rc;

	while ((rc = source_next(c->src, row, &e)) > 0 &&
	       csv_row_spaces_only(row))
		;
	if (rc >= 0)
		csv_blank_header_error(&e, c->name, blank, rc ? row->row : 0);
	gk_warn_err(&e);
	return false;
}

/* The header row; false (told) when the file is empty or unreadable. */
static bool
read_header_row(struct ctx *c, struct csv_row *row)
{
	struct gk_err e;
	int rc = source_next(c->src, row, &e);

	if (rc == 0) {
		if (c->o->csv.header_row > 1 && !c->jsonl)
			gk_warn("%s: file is empty from row %ld on (--header-row %ld)",
				c->name, c->o->csv.header_row,
				c->o->csv.header_row);
		else
			gk_warn("%s: file is empty", c->name);
		return false;
	}
	if (rc < 0) {
		gk_warn_err(&e);
		return false;
	}
	if (!c->jsonl && csv_row_spaces_only(row))
		return blank_header(c, row);
	if (source_is_csv(c->src) && c->o->csv.header_row <= 1 &&
	    csv_row_is_json_object(row)) {
		gk_warn("%s:%ld: a JSON object, not a CSV header: give --jsonl "
			"for JSON Lines",
			c->name, row->row);
		return false;
	}
	return true;
}

/* Every data row checked, parsed here or on a thread of its own: 0 at
 * the end of the file, -1 (told) on a read error. */
static int
check_rows(struct ctx *c)
{
	struct gk_err e;
	struct csv_row row;
	struct pipe *pipe = NULL;
	int rc;

	if (parse_on_own_thread(c))
		pipe = pipe_start(c->src);
	if (pipe) {
		c->pipe = pipe;
		while ((rc = pipe_next(pipe, &row, &e)) > 0)
			check_row(c, &row);
		c->pipe = NULL;
		pipe_finish(pipe);
	} else {
		while ((rc = source_next(c->src, &row, &e)) > 0)
			check_row(c, &row);
	}
	if (rc < 0) {
		/* what was found so far is still reported */
		gk_warn_err(&e);
	}
	return rc;
}

/* The file's summary: its size, digest, and the dimensions measured. */
static void
file_stats_of(const struct ctx *c, struct file_stats *st)
{
	memset(st, 0, sizeof *st);
	st->rows = c->rows;
	st->fields = (long)c->hdr_n;
	source_sha256(c->src, st->sha256);
	st->encoding = source_encoding(c->src);
	for (int k = 0; k < CK_COUNT; k++)
		if (!c->o->skip[k] && check_runs(c, (enum chk_code)k))
			st->measured[chk_code_dim((enum chk_code)k)] = true;
}

int
check_file(const char *path, struct chk_options *o, struct report *r,
	   sqlite3 *db, struct track **done)
{
	struct ctx c;
	struct gk_err e;
	struct csv_row row;
	struct file_stats st;
	struct track *t = NULL;
	const char *display = path && strcmp(path, "-") != 0 ? path : "-";
	int rc, ret = GK_EXIT_FAIL;
	bool errors;

	if (load_refs(o) < 0)
		return GK_EXIT_FAIL;
	ctx_init(&c, o, r);
	c.name = display;
	c.src = source_open(path, o, o->schema, true, &e);
	if (!c.src) {
		gk_warn_err(&e);
		goto out;
	}
	c.jsonl = source_is_jsonl(c.src);
	c.file_bytes = regular_file_bytes(path);
	if (!read_header_row(&c, &row))
		goto out;
	if (o->track) {
		char *key = track_key(path);
		t = track_open(db, key, &e);
		free(key);
		if (!t) {
			gk_warn_err(&e);
			goto out;
		}
	}
	report_begin(r, display);
	report_set_track(r, t);
	check_header(&c, &row);
	rc = check_rows(&c);
	if (c.s) {
		finish_self_fks(&c);
		check_file_level(&c);
	}
	file_stats_of(&c, &st);
	if (t && rc == 0) {
		st.resolved = track_finish(t, st.sha256);
		track_push(done, t);
		t = NULL;
	}
	errors = report_end(r, &st);
	ret = rc < 0 ? GK_EXIT_FAIL : errors ? GK_EXIT_FOUND : GK_EXIT_OK;
out:
	report_set_track(r, NULL);
	track_free(t);
	source_close(c.src);
	ctx_release(&c);
	return ret;
}
