/*
 * gov-catalog: the catalog of shared data resources (政务数据资源目录) and
 * its three lists (三清单), kept in the local database and in step with a
 * CKAN-compatible central catalog.
 */
#include "catalog.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: gov-catalog [options] COMMAND [ARG...]\n"
	"Keep the catalog of shared data resources and its three lists\n"
	"\n"
	"Commands:\n"
	"  describe FILE...      draft entries from data files (information items)\n"
	"  add [FILE...]         insert or update entries from entry records\n"
	"  list                  entries, filtered\n"
	"  show CODE...          one entry in full\n"
	"  validate [FILE...]    the 2017 catalog guide rules, as findings\n"
	"  demand add [FILE...]  add demands (需求清单)\n"
	"  demand list [ID...]   list them\n"
	"  match [ID...]         match every demand (or those named) against the catalog\n"
	"  lists                 the three lists: responsibility, demand, negative\n"
	"  export --format F     ckan, dcat, datapackage, xlsx or ndjson\n"
	"  push [CODE...]        send entries to the central catalog (CKAN API)\n"
	"  pull [CODE...]        fetch entries from the central catalog\n"
	"  history CODE | ID     who changed an entry or a demand, what, when\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE     write to FILE (atomically) instead of stdout\n"
	"      --format FMT      ndjson or text; for export: ckan, dcat,\n"
	"                        datapackage, xlsx, ndjson\n"
	"      --db FILE         the local database (default $GOVKIT_DB)\n"
	"      --user NAME       who makes the change (default $USER)\n"
	"      --replace         add: replace whole entries instead of merging\n"
	"      --provider UNIT   only entries of this provider (name or code)\n"
	"      --share-type T    only entries of this share type\n"
	"      --category C      only entries of this category\n"
	"      --update-cycle U  only entries of this update cycle\n"
	"      --owner-org ORG   CKAN organization of exported/pushed packages\n"
	"                        (default: owner_org in the config file)\n"
	"      --api URL         central catalog base URL (default $GOVKIT_API)\n"
	"      --cacert FILE     CA certificates for the central catalog\n"
	"  -d, --delimiter C     describe: CSV delimiter, or 'tab' (default: detected)\n"
	"      --encoding ENC    describe: input encoding (default: detected)\n"
	"      --header-row N    describe: the header is on row N of a CSV or XLSX\n"
	"                        file, rows above it skipped (default: 1)\n"
	"      --today DATE      today's date, YYYY-MM-DD\n"
	"      --no-mask         show resident ID and phone numbers unmasked\n"
	"  -h, --help            show this help and exit\n"
	"      --version         show version and exit\n";

enum {
	OPT_FORMAT = 256,
	OPT_DB,
	OPT_USER,
	OPT_REPLACE,
	OPT_PROVIDER,
	OPT_SHARE_TYPE,
	OPT_CATEGORY,
	OPT_UPDATE_CYCLE,
	OPT_OWNER_ORG,
	OPT_API,
	OPT_CACERT,
	OPT_ENCODING,
	OPT_HEADER_ROW,
	OPT_TODAY,
	OPT_NO_MASK,
	OPT_VERSION,
};

static const struct option long_opts[] = {
	{"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"db", required_argument, NULL, OPT_DB},
	{"user", required_argument, NULL, OPT_USER},
	{"replace", no_argument, NULL, OPT_REPLACE},
	{"provider", required_argument, NULL, OPT_PROVIDER},
	{"share-type", required_argument, NULL, OPT_SHARE_TYPE},
	{"category", required_argument, NULL, OPT_CATEGORY},
	{"update-cycle", required_argument, NULL, OPT_UPDATE_CYCLE},
	{"owner-org", required_argument, NULL, OPT_OWNER_ORG},
	{"api", required_argument, NULL, OPT_API},
	{"cacert", required_argument, NULL, OPT_CACERT},
	{"delimiter", required_argument, NULL, 'd'},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"header-row", required_argument, NULL, OPT_HEADER_ROW},
	{"today", required_argument, NULL, OPT_TODAY},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static int
open_db(struct cat_ctx *c,
	int (*opener)(sqlite3 **, const char *, struct gk_err *))
{
	struct gk_err e;

	if (c->db)
		return 0;
	if (opener(&c->db, c->db_path, &e) != 0) {
		gk_warn_err(&e);
		c->db = NULL;
		return -1;
	}
	return 0;
}

int
cat_db(struct cat_ctx *c)
{
	return open_db(c, db_open);
}

int
cat_db_read(struct cat_ctx *c)
{
	return open_db(c, db_open_read);
}

const char *
cat_user(const struct cat_ctx *c)
{
	const char *u = c->user;

	if (!u || !*u)
		u = getenv("USER");
	if (!u || !*u)
		u = getenv("LOGNAME");
	return u && *u ? u : "unknown";
}

static bool
scalar_members(const cJSON *o)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, o)
		if (cJSON_IsObject(x) || cJSON_IsArray(x))
			return false;
	return true;
}

/* What the text form says for an empty list or object: as gov-bid and
 * gov-submit say it, and not "none", a value of share_type. */
#define TEXT_EMPTY "(none)"

/* Text form of a scalar, an array of scalars ("a, b"), an object of
 * scalars ("k: v, k: v"), TEXT_EMPTY for an empty one, else compact
 * JSON. */
static void
text_value(FILE *fp, const cJSON *v)
{
	if (!v || cJSON_IsNull(v)) {
		fputs("null", fp);
	} else if (cJSON_IsString(v)) {
		fputs(v->valuestring, fp);
	} else if (cJSON_IsNumber(v)) {
		fprintf(fp, "%.15g", v->valuedouble);
	} else if (cJSON_IsArray(v)) {
		const cJSON *x;
		bool first = true, scalar = true;
		cJSON_ArrayForEach(x, v)
			if (cJSON_IsObject(x) || cJSON_IsArray(x))
				scalar = false;
		if (!v->child) {
			fputs(TEXT_EMPTY, fp);
			return;
		}
		if (!scalar) {
			char *s = cJSON_PrintUnformatted(v);
			fputs(s, fp);
			cJSON_free(s);
			return;
		}
		cJSON_ArrayForEach(x, v) {
			if (!first)
				fputs(", ", fp);
			text_value(fp, x);
			first = false;
		}
	} else if (cJSON_IsObject(v) && scalar_members(v)) {
		const cJSON *x;
		if (!v->child)
			fputs(TEXT_EMPTY, fp);
		cJSON_ArrayForEach(x, v) {
			if (x != v->child)
				fputs(", ", fp);
			fprintf(fp, "%s: ", x->string);
			text_value(fp, x);
		}
	} else {
		char *s = cJSON_PrintUnformatted(v);
		fputs(s, fp);
		cJSON_free(s);
	}
}

static void
text_items(FILE *fp, const cJSON *items)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, items) {
		const cJSON *len =
			cJSON_GetObjectItemCaseSensitive(it, "length");
		if (cJSON_IsString(it)) {
			/* a demand names its items, an entry describes them */
			fprintf(fp, "  - %s\n", it->valuestring);
			continue;
		}
		fprintf(fp, "  - %s",
			cat_str(it, "name") ? cat_str(it, "name") : "?");
		if (cat_str(it, "type"))
			fprintf(fp, " %s", cat_str(it, "type"));
		if (cJSON_IsNumber(len))
			fprintf(fp, "(%.0f)", len->valuedouble);
		if (cat_str(it, "description"))
			fprintf(fp, "  %s", cat_str(it, "description"));
		fputc('\n', fp);
	}
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

/* One line for the records read as a table on a terminal; false for the
 * others (printed field by field). */
static bool
text_line(FILE *fp, const char *type, const cJSON *rec)
{
	const cJSON *x;

	if (strcmp(type, "match") == 0) {
		fprintf(fp, "%s\t%s\t%s\t%s\n",
			or_empty(cat_str(rec, "demand")),
			or_empty(cat_str(rec, "unit")),
			or_empty(cat_str(rec, "status")),
			or_empty(cat_str(rec, "reason")));
	} else if (strcmp(type, "negative") == 0) {
		fprintf(fp, "%s\t%s\t%s\t%s\n", or_empty(cat_str(rec, "code")),
			or_empty(cat_str(rec, "name")),
			or_empty(cat_str(rec, "provider")),
			or_empty(cat_str(rec, "share_basis")));
	} else if (strcmp(type, "responsibility") == 0) {
		fprintf(fp, "%s\t%s\t", or_empty(cat_str(rec, "provider")),
			or_empty(cat_str(rec, "provider_code")));
		bool first = true;
		cJSON_ArrayForEach(
			x, cJSON_GetObjectItemCaseSensitive(rec, "resources")) {
			fprintf(fp, "%s%s %s", first ? "" : "; ",
				or_empty(cat_str(x, "code")),
				or_empty(cat_str(x, "name")));
			first = false;
		}
		fputc('\n', fp);
	} else if (strcmp(type, "change") == 0 || strcmp(type, "push") == 0 ||
		   strcmp(type, "pull") == 0) {
		fprintf(fp, "%s\t%s",
			cat_str(rec, "code") ? cat_str(rec, "code")
					     : or_empty(cat_str(rec, "demand")),
			or_empty(cat_str(rec, "action")));
		x = cJSON_GetObjectItemCaseSensitive(rec, "fields");
		if (cJSON_GetArraySize(x) > 0) {
			fputc('\t', fp);
			text_value(fp, x);
		}
		if (cat_str(rec, "message"))
			fprintf(fp, "\t%s", cat_str(rec, "message"));
		fputc('\n', fp);
	} else if (strcmp(type, "history") == 0) {
		fprintf(fp, "%s\t%s\t%s\t", or_empty(cat_str(rec, "at")),
			or_empty(cat_str(rec, "who")),
			or_empty(cat_str(rec, "action")));
		bool first = true;
		cJSON_ArrayForEach(
			x, cJSON_GetObjectItemCaseSensitive(rec, "changes")) {
			const cJSON *from =
				cJSON_GetObjectItemCaseSensitive(x, "from");
			const cJSON *to =
				cJSON_GetObjectItemCaseSensitive(x, "to");
			fprintf(fp, "%s%s: ", first ? "" : "; ", x->string);
			text_value(fp, from);
			fputs(" -> ", fp);
			text_value(fp, to);
			first = false;
		}
		fputc('\n', fp);
	} else {
		return false;
	}
	return true;
}

static void
emit_text(FILE *fp, const cJSON *rec)
{
	const char *type = cat_str(rec, "type");
	const cJSON *f;

	if (type && strcmp(type, "finding") == 0) {
		const cJSON *row = cJSON_GetObjectItemCaseSensitive(rec, "row");
		fprintf(fp, "%s",
			cat_str(rec, "file") ? cat_str(rec, "file") : "-");
		if (cJSON_IsNumber(row))
			fprintf(fp, ":%.0f", row->valuedouble);
		if (cat_str(rec, "code"))
			fprintf(fp, ": %s", cat_str(rec, "code"));
		fprintf(fp, ": %s: %s: %s [%s]\n", cat_str(rec, "severity"),
			cat_str(rec, "field") ? cat_str(rec, "field") : "-",
			cat_str(rec, "message"), cat_str(rec, "check"));
		return;
	}
	if (type && text_line(fp, type, rec))
		return;
	cJSON_ArrayForEach(f, rec) {
		if (!f->string || cJSON_IsNull(f))
			continue;
		if (strcmp(f->string, "items") == 0 && cJSON_IsArray(f) &&
		    f->child) {
			fputs("items:\n", fp);
			text_items(fp, f);
			continue;
		}
		fprintf(fp, "%s:%*s", f->string,
			(int)(strlen(f->string) < 16 ? 16 - strlen(f->string)
						     : 1),
			"");
		text_value(fp, f);
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

/* s masked into a new string, or NULL when nothing in it is personal. */
static char *
masked_copy(const char *s)
{
	size_t n = strlen(s);
	struct gk_buf b;

	if (!mask_text_needed(s, n))
		return NULL;
	buf_init(&b);
	mask_text(s, n, &b);
	return b.data;
}

static void
mask_strings(cJSON *v)
{
	cJSON *x;
	char *m;

	/* a member's name too: an entry's fields are named by its author
	 * (masking keeps a name's length) */
	if (v->string && !(v->type & cJSON_StringIsConst) &&
	    (m = masked_copy(v->string)) != NULL) {
		free(v->string);
		v->string = m;
	}
	if (cJSON_IsString(v) && v->valuestring) {
		if ((m = masked_copy(v->valuestring)) != NULL) {
			cJSON_SetValuestring(v, m);
			free(m);
		}
		return;
	}
	cJSON_ArrayForEach(x, v)
		mask_strings(x);
}

/* Text for a terminal: no control character of the data (an escape
 * sequence, a line break or a tab that would shift the columns) is
 * printed; each becomes a space.  Keys too: an entry's fields are named
 * by its author. */
static void
printable_strings(cJSON *v)
{
	cJSON *x;

	if (v->string)
		utf8_printable(v->string, strlen(v->string));
	if (cJSON_IsString(v) && v->valuestring)
		utf8_printable(v->valuestring, strlen(v->valuestring));
	cJSON_ArrayForEach(x, v)
		printable_strings(x);
}

/* A copy of rec as the text form shows it: masked unless --no-mask,
 * printable. */
static cJSON *
text_copy(const struct cat_ctx *c, const cJSON *rec)
{
	cJSON *copy = cJSON_Duplicate(rec, 1);

	if (!c->no_mask)
		mask_strings(copy);
	printable_strings(copy);
	return copy;
}

void
cat_mask(const struct cat_ctx *c, cJSON *v)
{
	if (!c->no_mask)
		mask_strings(v);
}

int
cat_emit(struct cat_ctx *c, const cJSON *rec)
{
	/* held: formatted now, printed once the run is committed */
	FILE *fp = c->held ? c->held : c->fp;
	cJSON *masked = NULL;
	int rc = 0;

	if (!c->held && c->reader_gone)
		return -1;
	if (c->format == GK_FORMAT_TEXT) {
		masked = text_copy(c, rec);
		emit_text(fp, masked);
	} else {
		if (!c->no_mask) {
			masked = cJSON_Duplicate(rec, 1);
			mask_strings(masked);
			rec = masked;
		}
		if (jl_write(fp, rec) != 0)
			rc = -1;
	}
	if (rc != 0 || ferror(fp)) {
		if (!c->held && errno == EPIPE)
			c->reader_gone = true;
		rc = -1;
	}
	cJSON_Delete(masked);
	return rc;
}

int
cat_read_records(struct cat_ctx *c, const char *path, FILE *spool,
		 cat_record_fn cb, void *arg)
{
	struct jl_reader r;
	struct gk_err e;
	cJSON *rec;
	int got, rc = GK_EXIT_OK;

	if (jl_open_in(&r, path, spool, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	long last_bad = -1;

	/* jl_next refuses a \u0000 in a string: cJSON would cut an id there,
	 * and "101001001/000001\u0000X" overwrite the entry 101001001/000001 */
	while ((got = jl_next(&r, &rec, &e)) != 0) {
		if (got < 0) {
			gk_warn_err(&e);
			/* A bad line is skipped; an I/O error repeats. */
			if (ferror(r.fp) || r.line == last_bad) {
				rc = GK_EXIT_FAIL;
				break;
			}
			last_bad = r.line;
			if (rc < GK_EXIT_FOUND)
				rc = GK_EXIT_FOUND;
			continue;
		}
		int r2 = cb(c, rec, r.name, r.line, arg);
		cJSON_Delete(rec);
		/* A reader gone away (| head) does not want the rest of the
		 * change records, but every record read is still stored: a
		 * batch cut short there would be committed as if whole. */
		if (r2 < 0 && !c->reader_gone)
			break; /* the output is gone */
		if (r2 > rc)
			rc = r2;
		if (r2 >= GK_EXIT_FAIL)
			break;
	}
	jl_close(&r);
	return rc;
}

/* ---- add ---------------------------------------------------------- */

/* The change record of an entry added: its code, the action and the
 * names of the fields changes holds.  cat_emit's status. */
static int
emit_change(struct cat_ctx *c, const char *code, const char *action,
	    const cJSON *changes)
{
	cJSON *out = cJSON_CreateObject();
	cJSON *fields = cJSON_CreateArray();
	const cJSON *ch;
	int rc;

	cJSON_AddStringToObject(out, "type", "change");
	cJSON_AddStringToObject(out, "code", code);
	cJSON_AddStringToObject(out, "action", action);
	cJSON_ArrayForEach(ch, changes)
		cJSON_AddItemToArray(fields, cJSON_CreateString(ch->string));
	cJSON_AddItemToObject(out, "fields", fields);
	rc = cat_emit(c, out);
	cJSON_Delete(out);
	return rc;
}

static int
add_one(struct cat_ctx *c, cJSON *rec, const char *file, long line, void *arg)
{
	const char *type = cat_str(rec, "type");
	const char *code;
	cJSON *old = NULL, *merged = NULL, *norm = NULL, *changes = NULL;
	const char *action;
	struct gk_err e;
	int rc = GK_EXIT_OK;
	bool sheet_items;

	(void)arg;
	if (type && strcmp(type, "entry") != 0)
		return GK_EXIT_OK; /* a findings or summary record passing by */
	/* a row of the exported workbook, or the guide's words */
	sheet_items = cat_entry_input(rec);
	code = cat_str(rec, "code");
	if (!code || !*code) {
		gk_warn("%s:%ld: entry without a code", file, line);
		return GK_EXIT_FOUND;
	}
	/* a value no export carries (the workbook would give back another
	 * or none) is refused, the entry with it, as a line not JSON is */
	struct gk_buf why;
	buf_init(&why);
	if (!cat_entry_fits(rec, &why)) {
		gk_warn("%s:%ld: entry %s: %s; entry not added", file, line,
			code, why.data);
		buf_release(&why);
		return GK_EXIT_FOUND;
	}
	buf_release(&why);
	if (!c->replace && cat_entry_get(c->db, code, &old, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (sheet_items && old)
		cat_items_carry(rec, old);
	/* describe's note of what is left to fill is not catalog data */
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "missing");
	merged = old ? cat_merge(old, rec) : cJSON_Duplicate(rec, 1);
	norm = cat_entry_normalize(merged);
	if ((c->undo && cat_undo_note_entry(c->db, c->undo,
					    cat_str(norm, "code"), &e) < 0) ||
	    cat_entry_put(c->db, norm, cat_user(c), NULL, &action, &changes,
			  &e) != 0) {
		gk_warn("%s:%ld: %s", file, line, e.msg);
		rc = GK_EXIT_FAIL;
		goto out;
	}
	if (emit_change(c, code, action, changes) != 0)
		rc = -1; /* output gone: stop; the close reports a real error */
out:
	cJSON_Delete(changes);
	cJSON_Delete(norm);
	cJSON_Delete(merged);
	cJSON_Delete(old);
	return rc;
}

/* Copy the change records held for the commit to the output: all, or
 * until the output fails (the caller's flush says so).  -1 when the
 * temporary file could not be read back: the records are lost. */
static int
emit_held(struct cat_ctx *c)
{
	FILE *held = c->held;
	char buf[1 << 16];
	size_t n;
	int rc;

	c->held = NULL;
	rewind(held);
	while ((n = fread(buf, 1, sizeof buf, held)) > 0)
		if (fwrite(buf, 1, n, c->fp) != n)
			break;
	rc = ferror(held) ? -1 : 0;
	fclose(held);
	return rc;
}

int
cat_read_batch(struct cat_ctx *c, int argc, char **argv, cat_record_fn cb)
{
	struct cat_undo u;
	struct gk_err e, ue;
	struct gk_spool sp;
	const char *spool_dir = NULL;
	int rc = GK_EXIT_OK, r;

	/* read whole before the write lock: a slow producer, on standard
	 * input or a named pipe, would otherwise hold every other writer of
	 * the database */
	if (gk_spool_inputs(argc, argv, "catalog", &sp, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (cat_db(c) != 0) {
		gk_spool_free(&sp);
		return GK_EXIT_FAIL;
	}
	if (db_begin(c->db, &e) != 0) {
		gk_warn_err(&e);
		gk_spool_free(&sp);
		return GK_EXIT_FAIL;
	}
	cat_undo_init(&u);
	if (cat_undo_begin(c->db, &u, &e) != 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
		goto out;
	}
	c->undo = &u;
	if (!(c->held = gk_spool_open("catalog", &spool_dir, &e))) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
		goto out;
	}
	if (argc == 0)
		rc = cat_read_records(c, NULL, NULL, cb, NULL);
	for (int i = 0; i < argc && rc < GK_EXIT_FAIL; i++) {
		r = cat_read_records(c, argv[i], sp.fp[i], cb, NULL);
		if (r > rc)
			rc = r;
	}
	if (rc < GK_EXIT_FAIL && cat_undo_end(c->db, &u, &e) != 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	if (rc < GK_EXIT_FAIL && (fflush(c->held) != 0 || ferror(c->held))) {
		gk_warn("cannot write a temporary file in '%s':", spool_dir);
		rc = GK_EXIT_FAIL;
	}
	if (rc >= GK_EXIT_FAIL)
		goto out;
	if (db_commit(c->db, &e) != 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
		goto out;
	}
	/* The change records say the changes are made: out only now.  When
	 * they cannot be written (a reader gone away, | head, is no error)
	 * the changes are taken back, so that running it again makes them
	 * once and says so. */
	if (emit_held(c) != 0) {
		gk_warn("cannot read a temporary file in '%s':", spool_dir);
		rc = GK_EXIT_FAIL;
		if (db_take_back(c->db, cat_undo, &u, &ue) < 0)
			gk_warn("unable to take back the changes made: %s",
				ue.msg);
		goto out;
	}
	r = db_keep_if_out(c->db, c->out, true, cat_undo, &u, &e, &ue);
	if (r < 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	if (r < -1)
		gk_warn("unable to take back the changes made: %s", ue.msg);
out:
	db_rollback(c->db); /* when still open: the run failed */
	if (c->held)
		fclose(c->held);
	c->held = NULL;
	c->undo = NULL;
	cat_undo_release(&u);
	gk_spool_free(&sp);
	return rc;
}

int
cmd_add(struct cat_ctx *c, int argc, char **argv)
{
	return cat_read_batch(c, argc, argv, add_one);
}

/* ---- list, show, history ------------------------------------------ */

static int
emit_entry(const cJSON *entry, void *arg)
{
	struct cat_ctx *c = arg;

	if (c->format == GK_FORMAT_TEXT) {
		cJSON *masked = text_copy(c, entry);
		entry = masked;
		fprintf(c->fp, "%s\t%s\t%s\t%s\t%s\n", cat_str(entry, "code"),
			cat_str(entry, "name") ? cat_str(entry, "name") : "",
			cat_str(entry, "provider") ? cat_str(entry, "provider")
						   : "",
			cat_str(entry, "share_type")
				? cat_str(entry, "share_type")
				: "",
			cat_str(entry, "update_cycle")
				? cat_str(entry, "update_cycle")
				: "");
		cJSON_Delete(masked);
		return ferror(c->fp) ? 1 : 0;
	}
	return cat_emit_entry(c, entry) != 0 ? 1 : 0;
}

int
cat_check_filters(const struct cat_ctx *c)
{
	if (c->share_type && !cat_in_set(cat_share_types, c->share_type))
		return gk_usage_error("unknown share type '%s'", c->share_type);
	if (c->update_cycle && !cat_in_set(cat_update_cycles, c->update_cycle))
		return gk_usage_error("unknown update cycle '%s'",
				      c->update_cycle);
	return 0;
}

int
cmd_list(struct cat_ctx *c, int argc, char **argv)
{
	struct gk_err e;

	(void)argv;
	if (argc > 0)
		return gk_usage_error("list takes no arguments");
	if (cat_check_filters(c) != 0)
		return GK_EXIT_FAIL;
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	if (cat_entry_each(c->db, c, emit_entry, c, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	return GK_EXIT_OK;
}

int
cmd_show(struct cat_ctx *c, int argc, char **argv)
{
	struct gk_err e;
	int rc = GK_EXIT_OK;

	if (argc == 0)
		return gk_usage_error("show needs a resource code");
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	for (int i = 0; i < argc; i++) {
		cJSON *entry;
		int r = cat_entry_get(c->db, argv[i], &entry, &e);
		if (r < 0) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		if (r == 0) {
			gk_warn("no entry '%s' in the catalog", argv[i]);
			rc = GK_EXIT_FOUND;
			continue;
		}
		int w = cat_emit_entry(c, entry);
		cJSON_Delete(entry);
		if (w != 0)
			break;
	}
	return rc;
}

struct history_arg {
	struct cat_ctx *c;
	long n;
};

static int
emit_history(const cJSON *h, void *arg)
{
	struct history_arg *a = arg;

	a->n++;
	return cat_emit(a->c, h) != 0 ? 1 : 0;
}

int
cmd_history(struct cat_ctx *c, int argc, char **argv)
{
	struct history_arg a = {c, 0};
	struct gk_err e;

	if (argc != 1)
		return gk_usage_error(
			"history needs one resource code or demand id");
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	if (cat_history_each(c->db, argv[0], emit_history, &a, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (a.n == 0) {
		gk_warn("no history for '%s'", argv[0]);
		return GK_EXIT_FOUND;
	}
	return GK_EXIT_OK;
}

/* ---- main --------------------------------------------------------- */

struct command {
	const char *name;
	int (*fn)(struct cat_ctx *, int, char **);
};

static const struct command commands[] = {
	{"describe", cmd_describe},
	{"add", cmd_add},
	{"list", cmd_list},
	{"show", cmd_show},
	{"validate", cmd_validate},
	{"demand", cmd_demand},
	{"match", cmd_match},
	{"lists", cmd_lists},
	{"export", cmd_export},
	{"push", cmd_push},
	{"pull", cmd_pull},
	{"history", cmd_history},
	{NULL, NULL},
};

static int
run(struct cat_ctx *c, const char *format, int argc, char **argv)
{
	const struct command *cmd;
	struct gk_out out = {0};
	struct gk_err e;
	bool own_output;
	int rc;

	if (argc == 0)
		return gk_usage_error("a command is needed");
	for (cmd = commands; cmd->name; cmd++)
		if (strcmp(cmd->name, argv[0]) == 0)
			break;
	if (!cmd->name)
		return gk_usage_error("unknown command '%s'", argv[0]);
	if (cmd->fn == cmd_export) {
		if (!format)
			return gk_usage_error("export needs --format");
		c->export_format = format;
		c->format = GK_FORMAT_NDJSON;
	} else if (format && gk_format_parse(format, &c->format) != 0) {
		return gk_usage_error("unknown format '%s'", format);
	}
	/* a .json file holding one entry pretty-printed would be read a line
	 * at a time, each line one more finding */
	if ((cmd->fn == cmd_add || cmd->fn == cmd_validate) &&
	    jl_refuse_documents(argv + 1, argc - 1, "entries", "entry") < 0)
		return GK_EXIT_FAIL;
	if (cmd->fn == cmd_demand && argc >= 2 && strcmp(argv[1], "add") == 0 &&
	    jl_refuse_documents(argv + 2, argc - 2, "demands", "demand") < 0)
		return GK_EXIT_FAIL;
	/* The workbook is written by its own writer, to its own file. */
	own_output = !(cmd->fn == cmd_export && strcmp(format, "xlsx") == 0);
	if (own_output) {
		if (out_open(&out, c->output, &e) != 0) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		c->fp = out.fp;
		c->out = &out;
		c->format = gk_format_resolve(c->format, out.fp);
	}
	rc = cmd->fn(c, argc - 1, argv + 1);
	c->out = NULL;
	if (own_output) {
		if (rc >= GK_EXIT_FAIL) {
			out_abort(&out);
		} else if (out_commit(&out, &e) != 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
		}
	}
	return rc;
}

/* What the options say beside the context: the format (export's, or
 * the output's) and the day taken as today. */
struct options {
	struct cat_ctx *c;
	const char *format;
	const char *today;
};

/* --delimiter: one character, or "tab"; -1 to go on, else the exit
 * status. */
static int
take_delimiter(struct cat_ctx *c, const char *arg)
{
	if (gk_parse_delimiter(arg, &c->csv.delimiter) != 0)
		return gk_usage_error("--delimiter takes one character "
				      "(not a quote or a line end) or 'tab'");
	return -1;
}

/* One option into o; -1 to go on, else the exit status to end with.
 * argv names the option in a message. */
static int
take_option(int opt, char *arg, char **argv, struct options *o)
{
	struct cat_ctx *c = o->c;
	struct gk_err e;

	switch (opt) {
	case 'o': c->output = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_DB: c->db_path = arg; break;
	case OPT_USER: c->user = arg; break;
	case OPT_REPLACE: c->replace = true; break;
	case OPT_PROVIDER: c->provider = arg; break;
	case OPT_SHARE_TYPE: c->share_type = arg; break;
	case OPT_CATEGORY: c->category = arg; break;
	case OPT_UPDATE_CYCLE: c->update_cycle = arg; break;
	case OPT_OWNER_ORG: c->owner_org = arg; break;
	case OPT_API: c->api = arg; break;
	case OPT_CACERT: c->cacert = arg; break;
	case 'd': return take_delimiter(c, arg);
	case OPT_ENCODING: c->csv.encoding = arg; break;
	case OPT_HEADER_ROW:
		if (gk_parse_long("--header-row", arg, 1, TABLE_MAX_HEADER_ROW,
				  &c->csv.header_row, &e) != 0)
			return gk_usage_error("%s", e.msg);
		break;
	case OPT_TODAY: o->today = arg; break;
	case OPT_NO_MASK: c->no_mask = true; break;
	case 'h': fputs(usage_text, stdout); return gk_stdout_close_status();
	case OPT_VERSION: gk_print_version(); return gk_stdout_close_status();
	default: return gk_option_error(opt, argv[optind - 1]);
	}
	return -1;
}

/* The options into o and its context, the filters in the catalog's own
 * words and today's date; -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	struct cat_ctx *c = o->c;
	struct gk_err e;
	int opt, rc;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:d:h", long_opts, NULL)) !=
	       -1) {
		rc = take_option(opt, optarg, argv, o);
		if (rc >= 0)
			return rc;
	}
	/* the guide's words, as in the workbook: --share-type 有条件共享 */
	c->share_type = cat_value_of("share_type", c->share_type);
	c->update_cycle = cat_value_of("update_cycle", c->update_cycle);
	if (o->today) {
		if (date_parse_arg(o->today, &c->today, &e) != 0)
			return gk_usage_error("%s", e.msg);
	} else {
		date_today(&c->today);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct cat_ctx c = {0};
	struct options o = {.c = &c};
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	c.format = GK_FORMAT_AUTO;
	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	rc = run(&c, o.format, argc - optind, argv + optind);
	if (c.db)
		sqlite3_close_v2(c.db);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
