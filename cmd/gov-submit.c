/*
 * gov-submit: deliver records to the central API through the durable
 * outbox of the local database (common/outbox.c, common/http.c).
 *
 * The input of a call is committed to the outbox in one transaction
 * before any byte is sent: a bad line means nothing of the call is
 * queued.  Then everything queued (for --endpoint, or all) is flushed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "govkit.h"

#define SUBMIT_MAX_BATCH 100000L
#define SUBMIT_MAX_RETRIES 100L
#define SUBMIT_MAX_TIMEOUT 86400
/* What outbox_writer_add allows beyond the record in a batch's body. */
#define SUBMIT_BATCH_OVERHEAD 32
/* Rejections told one by one on stderr; the rest are counted. */
#define SUBMIT_WARN_REJECTED 20

enum {
	OPT_FLUSH = 256,
	OPT_STATUS,
	OPT_DRY_RUN,
	OPT_CACERT,
	OPT_DB,
	OPT_FORMAT,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_REQUEUE,
	OPT_NO_MASK,
	OPT_DROP,
	OPT_BEFORE,
	OPT_ID,
	OPT_VERSION,
};

struct submit {
	const char *endpoint; /* --endpoint, or NULL: from each record's type */
	long batch;
	bool flush, status, dry_run, requeue, drop, no_mask;
	const char *before; /* --before DATE, as given */
	struct gk_buf ids;  /* --id: a JSON array of numbers, or empty */
	const char *cacert;
	const char *db_path;
	const char *output;
	const char *timeout;
	const char *retries;
	enum gk_format format;
	char **files;
	int nfiles;

	/* while running */
	sqlite3 *db;
	struct gk_config cfg;
	long warned;
	bool progress_shown;
};

/* Where records go: standard output, or the -o file being written. */
static FILE *out_fp;
static struct gk_out *out_cur;

/* Default endpoint of each record type the suite produces. */
static const struct {
	const char *type;
	const char *endpoint;
} type_endpoints[] = {
	{"finding", "findings"},  {"summary", "findings"},
	{"verdict", "verdicts"},  {"progress", "progress"},
	{"tender-risk", "risks"}, {"pair-risk", "risks"},
	{"party-risk", "risks"},  {"group-risk", "risks"},
	{"profile", "profiles"},  {"license", "licenses"},
	{"entry", "catalog"},
};

static void
usage(void)
{
	printf("Usage: gov-submit [options] [FILE...]\n"
	       "       gov-submit --flush | --status | --requeue-rejected [options]\n"
	       "       gov-submit --drop-rejected [--endpoint NAME] [--before DATE]\n"
	       "                  [--id N]... [--dry-run] [--no-mask] [-o FILE]\n"
	       "Deliver records to the central API through a durable outbox.\n"
	       "\n"
	       "Options:\n"
	       "  -e, --endpoint NAME   send to POST $GOVKIT_API/v1/NAME (default: from\n"
	       "                        each record's type: finding -> findings, ...)\n"
	       "  -b, --batch N         records per batch (default %d)\n"
	       "      --flush           send what is queued, read no input\n"
	       "      --status          show what is queued and what was rejected\n"
	       "      --requeue-rejected  put rejected records back in the queue, then flush\n"
	       "      --drop-rejected   remove rejected records for good, printing each\n"
	       "                        (with --no-mask, whole, to be sent again)\n"
	       "      --before DATE     with --drop-rejected: those rejected before DATE\n"
	       "      --id N            with --drop-rejected: record N of --status (repeat)\n"
	       "  -n, --dry-run         show the batches that would be sent (with\n"
	       "                        --drop-rejected, the records); change nothing\n"
	       "      --cacert FILE     trust this CA for the central API (TLS always verified)\n"
	       "      --timeout SEC     time-out of one request (default 60)\n"
	       "      --retries N       retries of a failed request (default 5)\n"
	       "      --db FILE         local database (default $GOVKIT_DB)\n"
	       "      --format FMT      ndjson or text (default: text on a terminal)\n"
	       "  -o, --output FILE     write the records to FILE (atomically)\n"
	       "      --no-mask         show personal data in --status and in messages unmasked\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n",
	       OUTBOX_DEFAULT_BATCH);
}

static const char *
endpoint_of_type(const char *type)
{
	for (size_t i = 0; i < sizeof type_endpoints / sizeof type_endpoints[0];
	     i++)
		if (strcmp(type_endpoints[i].type, type) == 0)
			return type_endpoints[i].endpoint;
	return NULL;
}

/* ------------------------------------------------------------ output */

static void
print_json(cJSON *rec)
{
	jl_write(out_fp, rec);
	cJSON_Delete(rec);
}

static void
add_str_or_null(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void
print_result(const struct submit *s, enum gk_format fmt,
	     const struct outbox_result *r)
{
	if (fmt == GK_FORMAT_TEXT) {
		fprintf(out_fp, "%s: %ld queued",
			s->endpoint ? s->endpoint : "all endpoints", r->queued);
		if (r->skipped)
			fprintf(out_fp, " (%ld already queued, not again)",
				r->skipped);
		fprintf(out_fp, ", %ld sent, %ld rejected, %ld pending\n",
			r->sent, r->rejected, r->pending);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "submit");
	add_str_or_null(o, "endpoint", s->endpoint);
	cJSON_AddNumberToObject(o, "queued", (double)r->queued);
	/* records given again while still queued from an earlier run */
	cJSON_AddNumberToObject(o, "skipped", (double)r->skipped);
	cJSON_AddNumberToObject(o, "sent", (double)r->sent);
	cJSON_AddNumberToObject(o, "rejected", (double)r->rejected);
	cJSON_AddNumberToObject(o, "pending", (double)r->pending);
	print_json(o);
}

struct plan_ctx {
	enum gk_format fmt;
	long batches, records;
};

static void
print_plan_batch(void *arg, const struct outbox_plan_batch *b)
{
	struct plan_ctx *p = arg;

	p->batches++;
	p->records += b->records;
	if (p->fmt == GK_FORMAT_TEXT) {
		fprintf(out_fp, "%s: batch of %ld record%s, %zu bytes%s%s\n",
			b->endpoint, b->records, b->records == 1 ? "" : "s",
			b->bytes, b->key ? ", key " : "", b->key ? b->key : "");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "batch");
	cJSON_AddStringToObject(o, "endpoint", b->endpoint);
	cJSON_AddNumberToObject(o, "records", (double)b->records);
	cJSON_AddNumberToObject(o, "bytes", (double)b->bytes);
	add_str_or_null(o, "key", b->key);
	print_json(o);
}

static void
masked_text(const struct submit *s, const char *text, struct gk_buf *out)
{
	buf_reset(out);
	if (s->no_mask)
		buf_adds(out, text);
	else
		mask_text(text, strlen(text), out);
	/* the central API's words: no control character reaches a terminal */
	if (out->data)
		out->len = utf8_printable(out->data, out->len);
}

struct status_ctx {
	struct submit *s;
	enum gk_format fmt;
	struct gk_buf tmp;
	bool raw; /* unmasked, the record's text as queued, byte for byte */
};

static int
print_rejection(void *arg, const struct outbox_rejection *r)
{
	struct status_ctx *c = arg;
	cJSON *rec = cJSON_Parse(r->record);

	if (rec)
		jl_keep_long_numbers(r->record, strlen(r->record), rec);
	if (rec && !c->s->no_mask)
		mask_json(rec);
	masked_text(c->s, r->error, &c->tmp);
	if (c->fmt == GK_FORMAT_TEXT) {
		char *text = rec ? cJSON_PrintUnformatted(rec) : NULL;
		struct gk_buf shown;

		/* the record as JSON, but JSON leaves DEL and C1 controls
		 * (CSI) as they are: on a terminal, spaces */
		buf_init(&shown);
		fprintf(out_fp, "rejected %s #%ld (HTTP %ld, %s): %s\n    %s\n",
			r->endpoint, r->id, r->status, r->rejected_at,
			c->tmp.data,
			text_printable(text ? text : r->record, &shown));
		buf_release(&shown);
		free(text);
		cJSON_Delete(rec);
		return 0;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "rejected");
	cJSON_AddStringToObject(o, "endpoint", r->endpoint);
	cJSON_AddNumberToObject(o, "id", (double)r->id);
	cJSON_AddNumberToObject(o, "status", (double)r->status);
	cJSON_AddStringToObject(o, "error", c->tmp.data);
	cJSON_AddStringToObject(o, "queued_at", r->queued_at);
	cJSON_AddStringToObject(o, "rejected_at", r->rejected_at);
	if (rec && c->raw && c->s->no_mask) {
		cJSON_Delete(rec);
		cJSON_AddRawToObject(o, "record", r->record);
	} else if (rec)
		cJSON_AddItemToObject(o, "record", rec);
	else
		cJSON_AddStringToObject(o, "record", r->record);
	print_json(o);
	return 0;
}

/* An endpoint's status as text; error: its last error, masked, or NULL. */
static void
status_text(const struct outbox_status *st, const char *error)
{
	fprintf(out_fp,
		"%s: %ld pending (%ld batch%s formed), %ld rejected, "
		"%ld delivered",
		st->endpoint, st->pending, st->batches,
		st->batches == 1 ? "" : "es", st->rejected, st->delivered);
	if (st->oldest && st->pending)
		fprintf(out_fp, "; oldest queued %s", st->oldest);
	if (st->last_sent_at)
		fprintf(out_fp, "; last sent %s", st->last_sent_at);
	if (error)
		fprintf(out_fp, "\n    last error (%s): %s", st->last_try_at,
			error);
	/* (made by the outbox: no server text, no personal data in it) */
	if (st->last_defect)
		fprintf(out_fp, "\n    last defect (%s): %s",
			st->last_defect_at, st->last_defect);
	fputc('\n', out_fp);
}

/* An endpoint's status as an outbox record; error as status_text's. */
static void
status_json(const struct outbox_status *st, const char *error)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "outbox");
	cJSON_AddStringToObject(o, "endpoint", st->endpoint);
	cJSON_AddNumberToObject(o, "pending", (double)st->pending);
	cJSON_AddNumberToObject(o, "batches", (double)st->batches);
	cJSON_AddNumberToObject(o, "rejected", (double)st->rejected);
	cJSON_AddNumberToObject(o, "delivered", (double)st->delivered);
	add_str_or_null(o, "oldest", st->pending ? st->oldest : NULL);
	add_str_or_null(o, "last_error", error);
	add_str_or_null(o, "last_try_at", st->last_try_at);
	add_str_or_null(o, "last_sent_at", st->last_sent_at);
	add_str_or_null(o, "last_defect", st->last_defect);
	add_str_or_null(o, "last_defect_at", st->last_defect_at);
	print_json(o);
}

static int
show_status(struct submit *s, enum gk_format fmt)
{
	struct outbox_status *list = NULL;
	struct status_ctx ctx = {s, fmt, {0}, false};
	struct gk_err e;
	size_t n = 0;
	long pending = 0, rejected = 0;

	if (outbox_status_list(s->db, s->endpoint, &list, &n, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	buf_init(&ctx.tmp);
	for (size_t i = 0; i < n; i++) {
		const struct outbox_status *st = &list[i];
		const char *error = NULL;

		pending += st->pending;
		rejected += st->rejected;
		if (st->last_error) {
			masked_text(s, st->last_error, &ctx.tmp);
			error = ctx.tmp.data;
		}
		if (fmt == GK_FORMAT_TEXT)
			status_text(st, error);
		else
			status_json(st, error);
	}
	if (n == 0 && fmt == GK_FORMAT_TEXT)
		fprintf(out_fp, "outbox empty\n");
	outbox_status_free(list, n);
	if (outbox_rejected_each(s->db, s->endpoint, print_rejection, &ctx,
				 &e) != 0) {
		gk_warn_err(&e);
		buf_release(&ctx.tmp);
		return GK_EXIT_FAIL;
	}
	buf_release(&ctx.tmp);
	if (pending > 0)
		return GK_EXIT_QUEUED;
	return rejected > 0 ? GK_EXIT_FOUND : GK_EXIT_OK;
}

/* ------------------------------------------------------------ drop */

static int
drop_each(void *arg, const struct outbox_rejection *r, struct gk_err *e)
{
	(void)e;
	/* once the output has failed nothing more gets there: drop_done
	 * says so, and nothing is dropped */
	if (!ferror(out_fp))
		print_rejection(arg, r);
	return 0;
}

/* The folder holding path synced: a file renamed into it is there after a
 * power cut, as the outbox's commit that follows is. */
static int
sync_dir_of(const char *path, struct gk_err *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? gk_xasprintf("%.*s", (int)(slash - path + 1), path)
			  : gk_xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0 || fsync(fd) != 0) {
		gk_err_set(e, "unable to write '%s':", path);
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

/* Every record is out before the outbox lets go of them: flushed, and a
 * file on disk (-o: under its name, its folder synced; standard output
 * redirected to a file, synced), since the outbox's commit is.  A reader
 * gone (a closed pipe), which other commands pass over, is a failure here:
 * the records would be lost. */
static int
drop_done(void *arg, struct gk_err *e)
{
	struct stat st;
	char *path;
	int rc;

	(void)arg;
	if (out_flush(out_cur, e) != 0)
		return -1;
	if (ferror(out_fp)) {
		gk_err_set(e, "standard output was closed before every record "
			      "was written");
		return -1;
	}
	if (out_cur->path) {
		path = gk_xstrdup(out_cur->path);
		rc = out_commit(out_cur, e);
		if (rc == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			rc = sync_dir_of(path, e);
		free(path);
		return rc;
	}
	if (fstat(fileno(out_fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    fsync(fileno(out_fp)) != 0) {
		gk_err_set(e, "write error on standard output:");
		return -1;
	}
	return 0;
}

/* --before DATE: the instant this machine's day DATE (TZ) began, as
 * rejected_at is written (UTC).  -1 and e on a bad date. */
static int
before_instant(const char *arg, char out[32], struct gk_err *e)
{
	struct gk_date d;
	struct tm tm = {0};
	time_t t;

	if (date_parse(arg, strlen(arg), &d) != 0) {
		gk_err_set(e, "--before: expected a date YYYY-MM-DD, got '%s'",
			   arg);
		return -1;
	}
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || !gmtime_r(&t, &tm)) {
		gk_err_set(e, "--before: no such day here: '%s'", arg);
		return -1;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

/* --drop-rejected: the records selected printed, then removed, those
 * printed and no other; a failed write leaves them all in place. */
static int
drop_rejected(struct submit *s, enum gk_format fmt)
{
	struct status_ctx ctx = {s, fmt, {0}, true};
	char before[32];
	struct outbox_drop d = {
		.endpoint = s->endpoint,
		.ids = s->ids.len ? s->ids.data : NULL,
		.keep = s->dry_run,
		.each = drop_each,
		.done = drop_done,
		.arg = &ctx,
	};
	struct gk_err e;
	long n;
	int rc;

	if (s->before) {
		if (before_instant(s->before, before, &e) != 0) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		d.before = before;
	}
	buf_init(&ctx.tmp);
	rc = outbox_drop_rejected(s->db, &d, &n, &e);
	buf_release(&ctx.tmp);
	if (rc != 0) {
		gk_warn_err(&e);
		gk_warn("nothing dropped");
		return GK_EXIT_FAIL;
	}
	/* the outbox held the only whole copy of their ID and phone numbers */
	if (n > 0 && !s->dry_run && !s->no_mask)
		gk_warn("%ld rejected record%s dropped, printed masked: the "
			"outbox held the only whole copy (--no-mask prints "
			"them whole, to send again)",
			n, n == 1 ? "" : "s");
	return GK_EXIT_OK;
}

/* ------------------------------------------------------------ input */

/*
 * The input is checked and spooled to a temporary file first, and only
 * then queued in one transaction: holding the database's write lock while
 * a slow producer (gov-check --track writing the same database) fills the
 * pipe would block it, or a --flush from cron, until the input ends.
 * A spool line is "endpoint TAB record".
 */
struct spool {
	FILE *fp;
	const char *dir; /* where it is, for messages */
	long n;
};

/* Check and spool every record of one input.  0 / -1 (e says where). */
static int
read_input(struct submit *s, const char *path, struct spool *sp,
	   struct gk_err *e)
{
	struct jl_reader r;
	const char *line;
	size_t len;
	int rc;

	if (jl_open(&r, path, e) != 0)
		return -1;
	while ((rc = jl_next_line(&r, &line, &len, e)) == 1) {
		cJSON *rec;
		const char *ep = s->endpoint;

		/* the checks of every tool's JSON Lines reader; the text
		 * kept is exactly the object, nothing around it, as a
		 * batch's body puts it between commas */
		if (jl_parse_line(&r, line, len, &rec, &line, &len, e) < 0) {
			rc = -1;
			break;
		}
		if (!ep) {
			const cJSON *t =
				cJSON_GetObjectItemCaseSensitive(rec, "type");

			ep = cJSON_IsString(t)
				     ? endpoint_of_type(t->valuestring)
				     : NULL;
			if (!ep) {
				gk_err_set(
					e,
					"%s:%ld: no endpoint for record type %s%s%s "
					"(use --endpoint)",
					r.name, r.line,
					cJSON_IsString(t) ? "'" : "",
					cJSON_IsString(t) ? t->valuestring
							  : "(none)",
					cJSON_IsString(t) ? "'" : "");
				cJSON_Delete(rec);
				rc = -1;
				break;
			}
		}
		cJSON_Delete(rec);
		if (len + SUBMIT_BATCH_OVERHEAD > OUTBOX_MAX_BATCH_BYTES) {
			gk_err_set(
				e,
				"%s:%ld: record of %zu bytes is larger than a "
				"batch may be (%zu MiB)",
				r.name, r.line, len,
				OUTBOX_MAX_BATCH_BYTES >> 20);
			rc = -1;
			break;
		}
		fputs(ep, sp->fp);
		fputc('\t', sp->fp);
		fwrite(line, 1, len, sp->fp);
		fputc('\n', sp->fp);
		sp->n++;
	}
	jl_close(&r);
	if (rc >= 0 && (fflush(sp->fp) != 0 || ferror(sp->fp))) {
		gk_err_set(e, "unable to write a temporary file in '%s':",
			   sp->dir);
		rc = -1;
	}
	return rc < 0 ? -1 : 0;
}

/* Queue the spooled records into w (inside its transaction). */
static int
queue_spool(struct spool *sp, struct outbox_writer *w, struct gk_err *e)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	rewind(sp->fp);
	while ((n = getline(&line, &cap, sp->fp)) > 0) {
		char *tab = memchr(line, '\t', (size_t)n);

		if (!tab || line[n - 1] != '\n') {
			gk_err_set(e, "temporary file damaged");
			rc = -1;
			break;
		}
		*tab = '\0';
		if (outbox_writer_add(w, line, tab + 1,
				      (size_t)(line + n - 1 - (tab + 1)),
				      e) != 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(sp->fp)) {
		gk_err_set(e,
			   "unable to read a temporary file in '%s':", sp->dir);
		rc = -1;
	}
	free(line);
	return rc;
}

static int
read_inputs(struct submit *s, struct spool *sp, struct gk_err *e)
{
	sp->n = 0;
	sp->fp = gk_spool_open("submit", &sp->dir, e);
	if (!sp->fp)
		return -1;
	if (s->nfiles == 0)
		return read_input(s, NULL, sp, e);
	for (int i = 0; i < s->nfiles; i++)
		if (read_input(s, s->files[i], sp, e) != 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------ delivery */

static void
on_progress(void *arg, const struct outbox_result *r)
{
	struct submit *s = arg;
	long total = r->sent + r->rejected + r->pending;

	fprintf(stderr, "\r%s: %ld of %ld records delivered", gk_progname(),
		r->sent + r->rejected, total);
	fflush(stderr);
	s->progress_shown = true;
}

static void
on_rejected(void *arg, const struct outbox_rejection *r)
{
	struct submit *s = arg;
	struct gk_buf b;

	if (s->progress_shown) {
		fputc('\n', stderr);
		s->progress_shown = false;
	}
	if (s->warned++ >= SUBMIT_WARN_REJECTED)
		return;
	buf_init(&b);
	masked_text(s, r->error, &b);
	gk_warn("%s: record %ld rejected (HTTP %ld): %s", r->endpoint, r->id,
		r->status, b.data);
	buf_release(&b);
}

static int
deliver(struct submit *s, struct http_client *client, enum gk_format fmt,
	struct outbox_result *res)
{
	struct outbox_flush_options o = {
		.batch_size = (size_t)s->batch,
		.progress = isatty(STDERR_FILENO) ? on_progress : NULL,
		.rejected = on_rejected,
		.arg = s,
	};
	struct gk_err e;
	int rc;

	rc = outbox_flush_opts(s->db, client, s->endpoint, &o, res, &e);
	if (s->progress_shown)
		fputc('\n', stderr);
	if (s->warned > SUBMIT_WARN_REJECTED)
		gk_warn("%ld more records rejected",
			s->warned - SUBMIT_WARN_REJECTED);
	if (rc == GK_EXIT_FAIL) {
		/* masked as --status shows it: a server's or a
		 * proxy's words (a firewall's page quoting what it
		 * refused, a 503 naming a record) */
		gk_warn_err_masked(&e, !s->no_mask);
		/* a refused token or a wrong address: what was queued stays
		 * (the same command run again does not queue it twice) */
		if (res->pending > 0)
			outbox_warn_queued(res->pending, true, s->db_path,
					   s->cacert);
	} else if (rc == GK_EXIT_QUEUED) {
		gk_warn_err_masked(&e, !s->no_mask);
		outbox_warn_queued(res->pending, false, s->db_path, s->cacert);
	}
	if (res->rejected > 0) {
		struct gk_buf cmd;

		buf_init(&cmd);
		gk_warn("%ld record%s rejected; to see %s, run: %s",
			res->rejected, res->rejected == 1 ? "" : "s",
			res->rejected == 1 ? "it" : "them",
			outbox_command(&cmd, s->db_path, NULL, "--status"));
		buf_release(&cmd);
	}
	print_result(s, fmt, res);
	/* Rejected records need a person even when others stay queued, but
	 * a queue to retry is what cron must see first. */
	if (rc == GK_EXIT_OK && res->rejected > 0)
		rc = GK_EXIT_FOUND;
	return rc;
}

/* What would be queued and sent, in batches; a dry run changes nothing. */
static int
dry_run_plan(struct submit *s, struct spool *sp, enum gk_format fmt)
{
	struct plan_ctx p = {fmt, 0, 0};
	struct outbox_writer w;
	struct gk_err e;

	if (outbox_writer_begin(&w, s->db, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if ((sp->fp && queue_spool(sp, &w, &e) != 0) ||
	    outbox_plan(s->db, s->endpoint, (size_t)s->batch, print_plan_batch,
			&p, &e) != 0) {
		outbox_writer_abort(&w);
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	outbox_writer_abort(&w); /* a dry run changes nothing */
	return GK_EXIT_OK;
}

/* The spooled input into the outbox, all or nothing; -1 (reported). */
static int
queue_input(struct submit *s, struct spool *sp, struct outbox_result *res)
{
	struct outbox_writer w;
	struct gk_err e;

	if (outbox_writer_begin(&w, s->db, &e) != 0) {
		gk_warn_err(&e);
		return -1;
	}
	if (queue_spool(sp, &w, &e) != 0) {
		outbox_writer_abort(&w);
		gk_warn_err(&e);
		gk_warn("nothing queued");
		return -1;
	}
	if (outbox_writer_commit(&w, &e) != 0) {
		gk_warn_err(&e);
		return -1;
	}
	res->queued = w.count;
	res->skipped = w.skipped;
	return 0;
}

/* Queue the rejected records again (--requeue-rejected), or the input
 * (nothing for --flush); -1 (reported) on failure. */
static int
queue_records(struct submit *s, struct spool *sp, struct outbox_result *res)
{
	struct gk_err e;
	long n;

	if (s->requeue) {
		if (outbox_requeue_rejected(s->db, s->endpoint, &n, &e) != 0) {
			gk_warn_err(&e);
			return -1;
		}
		res->queued = n;
		return 0;
	}
	if (s->flush)
		return 0;
	return queue_input(s, sp, res);
}

/* No central API configured: the records stay queued for later. */
static int
keep_queued(struct submit *s, enum gk_format fmt, struct outbox_result *res)
{
	struct outbox_status *list;
	struct gk_err e;
	size_t n;

	if (outbox_status_list(s->db, s->endpoint, &list, &n, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++)
		res->pending += list[i].pending;
	outbox_status_free(list, n);
	if (res->pending > 0)
		gk_warn("no central API configured (set GOVKIT_API or 'api' "
			"in the config file); %ld record%s kept queued",
			res->pending, res->pending == 1 ? "" : "s");
	print_result(s, fmt, res);
	return res->pending > 0 ? GK_EXIT_QUEUED : GK_EXIT_OK;
}

/* With the configuration loaded: open the outbox and show it, or plan,
 * queue and send as the options say.  The exit status. */
static int
submit_records(struct submit *s, enum gk_format fmt)
{
	struct http_client *client = NULL;
	struct outbox_result res = {0};
	struct spool sp = {NULL, NULL, 0};
	struct gk_err e;
	bool no_api;
	int rc = GK_EXIT_FAIL;

	/* (--status only reads: it can read a database it cannot write) */
	if ((s->status ? db_open_read : db_open)(&s->db, s->db_path, &e) != 0) {
		gk_warn_err(&e);
		goto out;
	}
	if (s->status) {
		rc = show_status(s, fmt);
		goto out;
	}
	if (s->drop) {
		rc = drop_rejected(s, fmt);
		goto out;
	}
	/* Configuration errors (token file, address) stop us before anything
	 * is queued; no address at all only means "queue for later". */
	no_api = !config_get(&s->cfg, "api") || !*config_get(&s->cfg, "api");
	if (!s->dry_run && !no_api) {
		client = http_client_from_config(&s->cfg, s->cacert, &e);
		if (!client) {
			gk_warn_err(&e);
			goto out;
		}
	}
	if (!s->flush && !s->requeue && read_inputs(s, &sp, &e) != 0) {
		gk_warn_err(&e);
		if (!s->dry_run)
			gk_warn("nothing queued");
		goto out;
	}
	if (s->dry_run)
		rc = dry_run_plan(s, &sp, fmt);
	else if (queue_records(s, &sp, &res) != 0)
		rc = GK_EXIT_FAIL;
	else if (no_api)
		rc = keep_queued(s, fmt, &res);
	else
		rc = deliver(s, client, fmt, &res);
out:
	if (sp.fp)
		fclose(sp.fp);
	http_client_free(client);
	if (s->db)
		sqlite3_close_v2(s->db);
	return rc;
}

/* What was printed is true even when records stay queued (3) or were
 * rejected (1); only a run that could not run leaves no file. */
static int
close_output(struct gk_out *o, int rc)
{
	struct gk_err e;

	if (rc == GK_EXIT_FAIL) {
		out_abort(o);
	} else if (o->path && out_commit(o, &e) != 0) {
		/* (standard output is checked by gk_stdout_close) */
		gk_warn_err(&e);
		if (rc < GK_EXIT_FAIL) /* as gk_stdout_close: 3 stays 3 */
			rc = GK_EXIT_FAIL;
	}
	return rc;
}

static int
run(struct submit *s)
{
	enum gk_format fmt;
	struct gk_out o;
	struct gk_err e;
	int rc;

	if (out_open(&o, s->output, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	out_fp = o.fp;
	out_cur = &o;
	fmt = gk_format_resolve(s->format, out_fp);
	if (config_load(&s->cfg, &e) != 0) {
		gk_warn_err(&e);
		out_abort(&o);
		return GK_EXIT_FAIL;
	}
	if (s->timeout)
		config_set(&s->cfg, "http_timeout", s->timeout);
	if (s->retries)
		config_set(&s->cfg, "http_retries", s->retries);
	rc = submit_records(s, fmt);
	config_release(&s->cfg);
	rc = close_output(&o, rc);
	out_fp = stdout;
	out_cur = NULL;
	return rc;
}

static const struct option longopts[] = {
	{"endpoint", required_argument, NULL, 'e'},
	{"batch", required_argument, NULL, 'b'},
	{"flush", no_argument, NULL, OPT_FLUSH},
	{"status", no_argument, NULL, OPT_STATUS},
	{"requeue-rejected", no_argument, NULL, OPT_REQUEUE},
	{"drop-rejected", no_argument, NULL, OPT_DROP},
	{"before", required_argument, NULL, OPT_BEFORE},
	{"id", required_argument, NULL, OPT_ID},
	{"dry-run", no_argument, NULL, 'n'},
	{"cacert", required_argument, NULL, OPT_CACERT},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"retries", required_argument, NULL, OPT_RETRIES},
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* --id N onto the JSON array of s->ids (closed by parse_options); -1 to
 * go on, else the exit status. */
static int
take_id(struct submit *s, const char *arg)
{
	struct gk_err e;
	long v;

	if (gk_parse_long("--id", arg, 1, LONG_MAX, &v, &e) != 0)
		return gk_usage_error("%s", e.msg);
	buf_adds(&s->ids, s->ids.len ? "," : "[");
	buf_printf(&s->ids, "%ld", v);
	return -1;
}

/* --timeout SEC, --retries N: checked here, kept as given for the
 * configuration; -1 to go on, else the exit status. */
static int
take_timeout(struct submit *s, const char *arg)
{
	double d = gk_seconds(arg);

	if (!(d > 0) || d > SUBMIT_MAX_TIMEOUT)
		return gk_usage_error("--timeout: expected seconds "
				      "(0 < s <= %d), got '%s'",
				      SUBMIT_MAX_TIMEOUT, arg);
	s->timeout = arg;
	return -1;
}

static int
take_retries(struct submit *s, const char *arg)
{
	struct gk_err e;
	long v;

	if (gk_parse_long("--retries", arg, 0, SUBMIT_MAX_RETRIES, &v, &e) != 0)
		return gk_usage_error("%s", e.msg);
	s->retries = arg;
	return -1;
}

/* One option into s; -1 to go on, else the exit status to end with. */
static int
take_option(int c, char *arg, struct submit *s)
{
	struct gk_err e;

	switch (c) {
	case 'e':
		if (!outbox_endpoint_valid(arg))
			return gk_usage_error("invalid endpoint name '%s' "
					      "(expected [a-z0-9][a-z0-9_-]*)",
					      arg);
		s->endpoint = arg;
		break;
	case 'b':
		if (gk_parse_long("--batch", arg, 1, SUBMIT_MAX_BATCH,
				  &s->batch, &e) != 0)
			return gk_usage_error("%s", e.msg);
		break;
	case OPT_FLUSH: s->flush = true; break;
	case OPT_STATUS: s->status = true; break;
	case OPT_REQUEUE: s->requeue = true; break;
	case OPT_DROP: s->drop = true; break;
	case OPT_BEFORE: s->before = arg; break;
	case OPT_ID: return take_id(s, arg);
	case 'n': s->dry_run = true; break;
	case OPT_CACERT: s->cacert = arg; break;
	case OPT_TIMEOUT: return take_timeout(s, arg);
	case OPT_RETRIES: return take_retries(s, arg);
	case OPT_DB: s->db_path = arg; break;
	case 'o': s->output = arg; break;
	case OPT_FORMAT:
		if (gk_format_parse(arg, &s->format) != 0)
			return gk_usage_error("unknown format '%s'", arg);
		break;
	case OPT_NO_MASK: s->no_mask = true; break;
	case 'h': usage(); return gk_stdout_close_status();
	case OPT_VERSION: gk_print_version(); return gk_stdout_close_status();
	default: return gk_try_help();
	}
	return -1;
}

/* The options and the files into s; -1 to go on, else the exit status
 * (--help, a bad option, options that do not go together). */
static int
parse_options(int argc, char **argv, struct submit *s)
{
	int c, rc;

	while ((c = getopt_long(argc, argv, "e:b:no:h", longopts, NULL)) !=
	       -1) {
		rc = take_option(c, optarg, s);
		if (rc >= 0)
			return rc;
	}
	s->files = argv + optind;
	s->nfiles = argc - optind;
	if ((s->flush || s->status || s->requeue || s->drop) && s->nfiles > 0)
		return gk_usage_error(
			"--flush, --status, --requeue-rejected and "
			"--drop-rejected read no input files");
	if (s->status + s->flush + s->requeue + s->drop > 1)
		return gk_usage_error("choose one of --flush, --status, "
				      "--requeue-rejected and --drop-rejected");
	if ((s->before || s->ids.len) && !s->drop)
		return gk_usage_error("--before and --id go with "
				      "--drop-rejected");
	if (s->ids.len)
		buf_adds(&s->ids, "]");
	return -1;
}

int
main(int argc, char **argv)
{
	struct submit s = {.batch = OUTBOX_DEFAULT_BATCH};
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	out_fp = stdout;
	if ((rc = parse_options(argc, argv, &s)) >= 0)
		return rc;
	rc = run(&s);
	buf_release(&s.ids);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
