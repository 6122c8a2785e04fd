/*
 * progress.c: progress records in: each input validated against the plan as
 * a whole, then added in one transaction or not at all.  A second report for
 * the same task, unit and quarter replaces the first; the first is kept,
 * marked superseded.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"

#define PERCENT_MAX 100

/* Labels a spreadsheet header may carry for each record key. */
const struct column_label progress_columns[] = {
	{"task", "任务编号", "Task no."},
	{"title", "任务名称", "Task"},
	{"role", "职责", "Role"},
	{"unit", "填报单位", "Unit"},
	{"quarter", "季度", "Quarter"},
	{"previous", "上季度进展", "Last quarter"},
	{"status", "进展状态", "Status"},
	{"percent", "完成进度(%)", "Progress (%)"},
	{"summary", "工作进展", "Progress made"},
	{"issues", "存在问题", "Issues"},
	{"next_steps", "下步计划", "Next steps"},
	{"reason", "进度回退说明", "Reason for lower progress"},
	{"reported", "报送日期", "Date reported"},
};
const size_t progress_column_count =
	sizeof progress_columns / sizeof progress_columns[0];

static const char *const status_codes[PS_TASK_COUNT] = {
	"not-started", "on-track", "at-risk", "delayed", "done", "unreported",
};
static const char *const status_zh[PS_TASK_COUNT] = {
	"未启动", "按计划推进", "存在风险", "滞后", "已完成", "未报送",
};
static const char *const status_en[PS_TASK_COUNT] = {
	"Not started", "On track", "At risk", "Delayed", "Done", "Not reported",
};

const char *
pstatus_code(int s)
{
	return s >= 0 && s < PS_TASK_COUNT ? status_codes[s] : "?";
}

const char *
pstatus_label(int s, enum lang l)
{
	if (s < 0 || s >= PS_TASK_COUNT)
		return "?";
	return l == LANG_ZH ? status_zh[s] : status_en[s];
}

/* s[0..n) is word, in any case when any_case. */
static bool
word_is(const char *s, size_t n, const char *word, bool any_case)
{
	return strlen(word) == n && (any_case ? strncasecmp(s, word, n) == 0
					      : memcmp(s, word, n) == 0);
}

int
pstatus_parse(const char *s)
{
	size_t n = plan_name_trim(&s);

	for (int i = 0; i < PS_COUNT; i++)
		if (word_is(s, n, status_codes[i], true) ||
		    word_is(s, n, status_zh[i], false) ||
		    word_is(s, n, status_en[i], true))
			return i;
	return -1;
}

const char *
role_code(enum role r)
{
	return r == ROLE_LEAD ? "lead" : "cooperating";
}

const char *
role_label(enum role r, enum lang l)
{
	if (l == LANG_ZH)
		return r == ROLE_LEAD ? "牵头" : "配合";
	return r == ROLE_LEAD ? "Lead" : "Cooperating";
}

/* ---------------------------------------------------------------- */

struct pending {
	struct progress p;
	long line;
	char *file;    /* the input, or the spreadsheet it came from */
	bool replaces; /* a current report exists in the database */
	bool repeated; /* a second report of its quarter in this input */
};

struct finding_ctx {
	FILE *fp;
	const char *file;
	enum gk_format format;
	bool mask; /* ID and phone numbers in values and messages */
	size_t n;
};

static void finding(struct finding_ctx *fc, long line, const char *field,
		    const char *check, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The "_row" a record carries (gov-records --provenance), else line. */
static long
source_row(const cJSON *rec, long line)
{
	const cJSON *row = cJSON_GetObjectItemCaseSensitive(rec, "_row");

	/* a row past a spreadsheet's is not a row: the range first, since
	 * converting a number out of a long's (1e300) is undefined */
	return cJSON_IsNumber(row) && row->valuedouble >= 1 &&
			       row->valuedouble <= 1e15
		       ? (long)row->valuedouble
		       : line;
}

/* The "_file" a record carries, else the input's name. */
static const char *
source_file(const cJSON *rec, const char *name)
{
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(rec, "_file");

	return cJSON_IsString(file) && file->valuestring[0] ? file->valuestring
							    : name;
}

/*
 * The GB/T 36344 dimension of each check, fixed by the code as gov-check
 * fixes its own: a missing value is completeness, a value of the wrong
 * shape conformity, one out of its range accuracy, one that the plan or
 * the other fields contradict consistency.
 */
static const struct {
	const char *check, *dimension;
} check_dimensions[] = {
	{"required", "completeness"},
	{"type", "conformity"},
	{"quarter", "conformity"},
	{"status", "conformity"},
	{"reported", "accuracy"},
	{"percent", "accuracy"},
	{"quarter-outside-plan", "accuracy"},
	{"quarter-outside-task", "accuracy"},
	{"future-quarter", "accuracy"},
	{"plan", "consistency"},
	{"unknown-task", "consistency"},
	{"unknown-unit", "consistency"},
	{"not-responsible", "consistency"},
	{"duplicate", "consistency"},
	{"percent-backwards", "consistency"},
	{"json", "accessibility"}, /* gov-check's "encoding" of such a line */
};

static const char *
dimension_of(const char *check)
{
	for (size_t i = 0;
	     i < sizeof check_dimensions / sizeof check_dimensions[0]; i++)
		if (strcmp(check_dimensions[i].check, check) == 0)
			return check_dimensions[i].dimension;
	return NULL; /* a new check without a dimension: add it above */
}

/* s as a finding shows it: masked unless --no-mask (into b). */
static const char *
finding_text(const struct finding_ctx *fc, const char *s, struct gk_buf *b)
{
	if (!fc->mask || !mask_text_needed(s, strlen(s)))
		return s;
	buf_reset(b);
	mask_text(s, strlen(s), b);
	return b->data;
}

/*
 * One finding.  The value and the message carry the input's text, which
 * may be a resident ID or phone number (a unit field filled with one):
 * masked as every output is, unless --no-mask.  The message is formatted
 * whole first, so that no number is cut short of being recognised.
 */
static void
finding(struct finding_ctx *fc, long line, const char *field, const char *check,
	const char *value, const char *fmt, ...)
{
	struct gk_buf full, mv, mm;
	const char *msg;
	va_list ap;

	buf_init(&full);
	buf_init(&mv);
	buf_init(&mm);
	va_start(ap, fmt);
	buf_vprintf(&full, fmt, ap);
	va_end(ap);
	msg = finding_text(fc, full.data ? full.data : "", &mm);
	if (value)
		value = finding_text(fc, value, &mv);
	fc->n++;
	if (fc->format == GK_FORMAT_TEXT) { /* the message alone: mv is free */
		fprintf(fc->fp, "%s:%ld: %s\n", fc->file, line,
			text_printable(msg, &mv));
		goto out;
	}
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "finding");
	cJSON_AddStringToObject(o, "file", fc->file);
	cJSON_AddNumberToObject(o, "row", (double)line);
	cJSON_AddNullToObject(o, "column"); /* records have no column order */
	if (field)
		cJSON_AddStringToObject(o, "field", field);
	else
		cJSON_AddNullToObject(o, "field");
	cJSON_AddStringToObject(o, "check", check);
	if (dimension_of(check))
		cJSON_AddStringToObject(o, "dimension", dimension_of(check));
	else
		cJSON_AddNullToObject(o, "dimension");
	cJSON_AddStringToObject(o, "severity", "error");
	if (value)
		cJSON_AddStringToObject(o, "value", value);
	else
		cJSON_AddNullToObject(o, "value");
	cJSON_AddStringToObject(o, "message", msg);
	jl_write(fc->fp, o);
	cJSON_Delete(o);
out:
	buf_release(&full);
	buf_release(&mv);
	buf_release(&mm);
}

/* The member for key: by key, or by one of its spreadsheet labels. */
static const cJSON *
member(const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);

	if (v != NULL)
		return v;
	for (size_t i = 0; i < progress_column_count; i++) {
		if (strcmp(progress_columns[i].key, key) != 0)
			continue;
		v = cJSON_GetObjectItemCaseSensitive(rec,
						     progress_columns[i].zh);
		if (v == NULL)
			v = cJSON_GetObjectItemCaseSensitive(
				rec, progress_columns[i].en);
		return v;
	}
	return NULL;
}

static char *
trim_dup(const char *s)
{
	size_t n = utf8_trim_blanks(&s, strlen(s));

	return gk_xstrndup(s, n);
}

/*
 * The text of a member: strings trimmed, integral numbers without a
 * fraction.  NULL when absent, null or empty.  *bad set when present but
 * neither.
 */
static char *
text_of(const cJSON *v, bool *bad)
{
	char *s;

	*bad = false;
	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsString(v)) {
		s = trim_dup(v->valuestring);
		if (*s == '\0') {
			free(s);
			return NULL;
		}
		return s;
	}
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;

		if (d == floor(d) && fabs(d) < 1e15)
			return gk_xasprintf("%.0f", d);
		return gk_xasprintf("%g", d);
	}
	*bad = true;
	return NULL;
}

static char *
evidence_of(const cJSON *v)
{
	cJSON *arr;
	char *s;

	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) ? cJSON_PrintUnformatted(v) : NULL;
	if (cJSON_IsString(v) && v->valuestring[0] != '\0') {
		arr = cJSON_CreateArray();
		cJSON_AddItemToArray(arr, cJSON_CreateString(v->valuestring));
		s = cJSON_PrintUnformatted(arr);
		cJSON_Delete(arr);
		return s;
	}
	return NULL;
}

static void
progress_free_fields(struct progress *r)
{
	free(r->summary);
	free(r->issues);
	free(r->next_steps);
	free(r->reason);
	free(r->evidence);
	free(r->reported);
}

/* Percent as an integer 0..100 from "60", 60, "60%" or 60.0 (in decimal
 * digits); -2 if bad. */
static int
percent_of(const char *s)
{
	char *end;
	double d;

	if (s == NULL)
		return -1;
	/* decimal digits only: strtod also reads "0x3C", "1e1", "+60" */
	for (const char *c = s; *c != '\0' && *c != '%'; c++)
		if (!isdigit((unsigned char)*c) && *c != '.')
			return -2;
	d = strtod(s, &end);
	if (end == s)
		return -2;
	if (*end == '%')
		end++;
	if (*end != '\0' || d != floor(d) || d < 0 || d > PERCENT_MAX)
		return -2;
	return (int)d;
}

/*
 * Reports by (task, unit) pair, so that checking an input against what is
 * stored stays linear: a pair is a task and one of its units, numbered
 * task by task.
 */
struct plist {
	size_t *v;
	size_t n, cap;
};

struct pair_index {
	size_t *offset; /* first pair of each task */
	size_t n;
	struct plist *db, *pend;
};

static long
pair_of(const struct plan *p, const struct pair_index *ix, size_t task,
	size_t unit)
{
	const struct task *t = &p->tasks[task];

	for (size_t k = 0; k < t->nlead; k++)
		if (t->lead[k] == unit)
			return (long)(ix->offset[task] + k);
	for (size_t k = 0; k < t->ncoop; k++)
		if (t->coop[k] == unit)
			return (long)(ix->offset[task] + t->nlead + k);
	return -1;
}

static void
plist_push(struct plist *l, size_t i)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = gk_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = i;
}

static void
pair_index_init(struct pair_index *ix, const struct plan *p,
		const struct progress_set *have)
{
	ix->offset = gk_xcalloc(p->ntasks + 1, sizeof *ix->offset);
	ix->n = 0;
	for (size_t t = 0; t < p->ntasks; t++) {
		ix->offset[t] = ix->n;
		ix->n += p->tasks[t].nlead + p->tasks[t].ncoop;
	}
	ix->db = gk_xcalloc(ix->n + 1, sizeof *ix->db);
	ix->pend = gk_xcalloc(ix->n + 1, sizeof *ix->pend);
	for (size_t i = 0; i < have->n; i++) {
		long k = pair_of(p, ix, have->v[i].task, have->v[i].unit);

		if (k >= 0)
			plist_push(&ix->db[k], i);
	}
}

static void
pair_index_release(struct pair_index *ix)
{
	for (size_t k = 0; k < ix->n; k++) {
		free(ix->db[k].v);
		free(ix->pend[k].v);
	}
	free(ix->db);
	free(ix->pend);
	free(ix->offset);
}

/* A record's members that identify its report, as text before they are
 * checked: NULL when missing, or of the wrong JSON type (bad_*). */
struct raw_record {
	char *task, *unit, *quarter, *status, *percent;
	bool bad_task, bad_unit, bad_quarter, bad_status;
};

static void
raw_record_release(struct raw_record *raw)
{
	free(raw->task);
	free(raw->unit);
	free(raw->quarter);
	free(raw->status);
	free(raw->percent);
}

/* A member as text; one of the wrong JSON type is one finding (and
 * *bad), not two. */
static char *
text_member(const cJSON *rec, const char *key, long line,
	    struct finding_ctx *fc, bool *bad)
{
	char *s = text_of(member(rec, key), bad);

	if (*bad)
		finding(fc, line, key, "type", NULL,
			"'%s' must be a string or a number", key);
	return s;
}

/* 0 if the record has no "type" or "type" is "progress". */
static int
check_type(const cJSON *rec, long line, struct finding_ctx *fc)
{
	const cJSON *ty = cJSON_GetObjectItemCaseSensitive(rec, "type");

	if (ty == NULL ||
	    (cJSON_IsString(ty) && strcmp(ty->valuestring, "progress") == 0))
		return 0;
	if (cJSON_IsString(ty))
		finding(fc, line, "type", "type", ty->valuestring,
			"record type is '%s', expected 'progress'",
			ty->valuestring);
	else
		finding(fc, line, "type", "type", NULL,
			"'type' must be the string 'progress'");
	return -1;
}

static void
read_members(const cJSON *rec, long line, struct finding_ctx *fc,
	     struct raw_record *raw, struct progress *out)
{
	bool bad;

	raw->task = text_member(rec, "task", line, fc, &raw->bad_task);
	raw->unit = text_member(rec, "unit", line, fc, &raw->bad_unit);
	raw->quarter = text_member(rec, "quarter", line, fc, &raw->bad_quarter);
	raw->status = text_member(rec, "status", line, fc, &raw->bad_status);
	raw->percent = text_member(rec, "percent", line, fc, &bad);
	out->summary = text_member(rec, "summary", line, fc, &bad);
	out->issues = text_member(rec, "issues", line, fc, &bad);
	out->next_steps = text_member(rec, "next_steps", line, fc, &bad);
	out->reason = text_member(rec, "reason", line, fc, &bad);
	out->reported = text_member(rec, "reported", line, fc, &bad);
	out->evidence = evidence_of(member(rec, "evidence"));
}

static void
check_plan(const struct plan *p, const cJSON *rec, long line,
	   struct finding_ctx *fc)
{
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(rec, "plan");

	if (cJSON_IsString(pl) && strcmp(pl->valuestring, p->id) != 0)
		finding(fc, line, "plan", "plan", pl->valuestring,
			"record of plan '%s', not of '%s' (see --plan)",
			pl->valuestring, p->id);
}

/* The task and unit in the plan (*ti, *ui; -1 if not found), and the
 * unit responsible for the task. */
static void
check_task_unit(const struct plan *p, const struct raw_record *raw, long line,
		struct finding_ctx *fc, long *ti, long *ui)
{
	if (raw->task == NULL && !raw->bad_task)
		finding(fc, line, "task", "required", NULL,
			"'task' is missing");
	else if (raw->task != NULL && (*ti = plan_task_find(p, raw->task)) < 0)
		finding(fc, line, "task", "unknown-task", raw->task,
			"unknown task '%s': not in plan '%s'", raw->task,
			p->id);
	if (raw->unit == NULL && !raw->bad_unit)
		finding(fc, line, "unit", "required", NULL,
			"'unit' is missing");
	else if (raw->unit != NULL && (*ui = plan_unit_find(p, raw->unit)) < 0)
		finding(fc, line, "unit", "unknown-unit", raw->unit,
			"unknown unit '%s': not an id, name or alias in the plan",
			raw->unit);
	if (*ti >= 0 && *ui >= 0 &&
	    plan_task_role(&p->tasks[*ti], (size_t)*ui) < 0)
		finding(fc, line, "unit", "not-responsible", raw->unit,
			"unit '%s' is neither lead nor cooperating unit of task '%s'",
			raw->unit, raw->task);
}

/* The quarter (into *q): within the plan, begun, and one in which the
 * task ti (if known) is active. */
static void
check_quarter(const struct plan *p, const struct add_options *o,
	      const struct raw_record *raw, long ti, long line,
	      struct finding_ctx *fc, struct gk_quarter *q)
{
	const char *quarter = raw->quarter;

	if (quarter == NULL) {
		if (!raw->bad_quarter)
			finding(fc, line, "quarter", "required", NULL,
				"'quarter' is missing");
	} else if (quarter_parse_typed(quarter, q) < 0) {
		finding(fc, line, "quarter", "quarter", quarter,
			"'%s' is not a quarter (YYYYQn)", quarter);
	} else if (quarter_cmp(q, &p->start) < 0 ||
		   quarter_cmp(q, &p->end) > 0) {
		char a[8], b[8];

		quarter_format(&p->start, a);
		quarter_format(&p->end, b);
		finding(fc, line, "quarter", "quarter-outside-plan", quarter,
			"quarter %s is outside the plan (%s to %s)", quarter, a,
			b);
	} else if (quarter_cmp(q, &o->today_q) > 0) {
		finding(fc, line, "quarter", "future-quarter", quarter,
			"quarter %s has not begun (today is %s)", quarter,
			o->today);
	} else if (ti >= 0 && !plan_task_active(&p->tasks[ti], q)) {
		finding(fc, line, "quarter", "quarter-outside-task", quarter,
			"task '%s' is not active in %s", raw->task, quarter);
	}
}

/* The status, and a percent that agrees with it (done: 100, also when
 * none is given). */
static void
check_status_percent(const struct raw_record *raw, long line,
		     struct finding_ctx *fc, struct progress *out)
{
	const char *status = raw->status, *percent = raw->percent;

	if (status == NULL && !raw->bad_status)
		finding(fc, line, "status", "required", NULL,
			"'status' is missing");
	else if (status != NULL && (out->status = pstatus_parse(status)) < 0)
		finding(fc, line, "status", "status", status,
			"status '%s' is not one of not-started, on-track, at-risk, delayed, done",
			status);
	out->percent = percent_of(percent);
	if (out->percent == -2)
		finding(fc, line, "percent", "percent", percent,
			"percent '%s' is not a whole number from 0 to %d",
			percent, PERCENT_MAX);
	else if (out->status == PS_DONE && out->percent >= 0 &&
		 out->percent != PERCENT_MAX)
		finding(fc, line, "percent", "percent", percent,
			"status 'done' with percent %d, expected %d",
			out->percent, PERCENT_MAX);
	else if (out->status == PS_DONE && out->percent < 0)
		out->percent = PERCENT_MAX;
}

/* The date reported: a date, not after today; today when none is given. */
static void
check_reported(const struct add_options *o, long line, struct finding_ctx *fc,
	       struct progress *out)
{
	struct gk_date d, t;

	if (out->reported == NULL) {
		out->reported = gk_xstrdup(o->today);
		return;
	}
	if (date_parse(out->reported, strlen(out->reported), &d) < 0)
		finding(fc, line, "reported", "reported", out->reported,
			"'%s' is not a date (YYYY-MM-DD)", out->reported);
	else if (date_parse(o->today, strlen(o->today), &t) == 0 &&
		 date_cmp(&d, &t) > 0)
		finding(fc, line, "reported", "reported", out->reported,
			"reported on %s, after today %s", out->reported,
			o->today);
}

/* Check one record; on success fill out and return 0, else report each
 * problem and return -1. */
static int
check_record(const struct plan *p, const cJSON *rec, long line,
	     const struct add_options *o, struct finding_ctx *fc,
	     struct progress *out)
{
	size_t before = fc->n;
	struct raw_record raw;
	long ti = -1, ui = -1;

	memset(out, 0, sizeof *out);
	out->percent = -1;
	if (check_type(rec, line, fc) < 0)
		return -1;
	read_members(rec, line, fc, &raw, out);
	check_plan(p, rec, line, fc);
	check_task_unit(p, &raw, line, fc, &ti, &ui);
	check_quarter(p, o, &raw, ti, line, fc, &out->quarter);
	check_status_percent(&raw, line, fc, out);
	check_reported(o, line, fc, out);
	out->task = (size_t)ti;
	out->unit = (size_t)ui;
	raw_record_release(&raw);
	if (fc->n != before) {
		progress_free_fields(out);
		return -1;
	}
	return 0;
}

/*
 * What a run has stored, kept until its commit: the records that say so
 * are printed only once the commit has succeeded, and the rows are taken
 * back if those records cannot be written then.
 */
struct added {
	char *name;
	size_t records;
	long replaced;
};
struct add_run {
	struct added *added; /* one per input added */
	size_t nadded;
	sqlite3_int64 *ids; /* the rows stored, in the order stored */
	size_t nids, idcap;
};

static void
add_run_release(struct add_run *run)
{
	for (size_t i = 0; i < run->nadded; i++)
		free(run->added[i].name);
	free(run->added);
	free(run->ids);
	memset(run, 0, sizeof *run);
}

static void
run_stored(struct add_run *run, sqlite3_int64 id)
{
	if (run->idcap == run->nids) {
		run->idcap = run->idcap ? run->idcap * 2 : 64;
		run->ids = gk_xrealloc(run->ids, run->idcap * sizeof *run->ids);
	}
	run->ids[run->nids++] = id;
}

/* The statements that store a run's reports, and what each row takes
 * from the run. */
struct store {
	sqlite3 *db;
	const struct plan *p;
	const char *source, *today;
	sqlite3_stmt *find; /* the current report of a task, unit, quarter */
	sqlite3_stmt *ins;  /* a report stored */
	sqlite3_stmt *sup;  /* a report marked as replaced by another */
};

/* All three prepared, or -1 (e set). */
static int
store_prepare(struct store *s, struct gk_err *e)
{
	s->find = db_prepare(
		s->db,
		"SELECT id FROM report_progress WHERE plan = ? AND task = ?"
		" AND unit = ? AND quarter = ? AND superseded_by IS NULL",
		e);
	if (!s->find) /* the first failure's message, not the last's */
		return -1;
	s->ins = db_prepare(
		s->db,
		"INSERT INTO report_progress (plan, task, unit, quarter, status,"
		" percent, summary, issues, next_steps, reason, evidence,"
		" reported, source, added_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		e);
	if (!s->ins)
		return -1;
	s->sup = db_prepare(
		s->db,
		"UPDATE report_progress SET superseded_by = ? WHERE id = ?", e);
	return s->sup ? 0 : -1;
}

static void
store_finalize(struct store *s)
{
	sqlite3_finalize(s->find);
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->sup);
}

/* The id of the current report of task, unit and quarter q; 0: none;
 * -1 (and e) when it cannot be read: the new report must not become a
 * second current one. */
static sqlite3_int64
store_current(struct store *s, const char *task, const char *unit,
	      const char *q, struct gk_err *e)
{
	int rc;

	sqlite3_reset(s->find);
	sqlite3_bind_text(s->find, 1, s->p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->find, 2, task, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->find, 3, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->find, 4, q, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s->find);
	if (rc == SQLITE_ROW)
		return sqlite3_column_int64(s->find, 0);
	if (rc == SQLITE_DONE)
		return 0;
	gk_err_set(e, "cannot store progress: %s", db_errmsg(s->db));
	return -1;
}

/* The insert of one report bound, ready to step. */
static void
store_bind(struct store *s, const struct pending *pd, const char *task,
	   const char *unit, const char *q)
{
	sqlite3_stmt *ins = s->ins;
	const struct progress *r = &pd->p;

	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, s->p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, task, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 5, pstatus_code(r->status), -1, SQLITE_STATIC);
	if (r->percent >= 0)
		sqlite3_bind_int(ins, 6, r->percent);
	else
		sqlite3_bind_null(ins, 6);
	sqlite3_bind_text(ins, 7, r->summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 8, r->issues, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 9, r->next_steps, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 10, r->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 11, r->evidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 12, r->reported, -1, SQLITE_STATIC);
	/* the spreadsheet a record names (gov-records --provenance),
	 * not the pipe it came through */
	sqlite3_bind_text(ins, 13, pd->file ? pd->file : s->source, -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(ins, 14, s->today, -1, SQLITE_STATIC);
}

/* One report stored, and the one it replaces (counted in *replaced)
 * marked so. */
static int
store_one(struct store *s, const struct pending *pd, struct add_run *run,
	  long *replaced, struct gk_err *e)
{
	const struct progress *r = &pd->p;
	const char *task = s->p->tasks[r->task].id,
		   *unit = s->p->units[r->unit].id;
	sqlite3_int64 old, nid;
	char q[8];

	quarter_format(&r->quarter, q);
	old = store_current(s, task, unit, q, e);
	if (old < 0)
		return -1;
	store_bind(s, pd, task, unit, q);
	if (sqlite3_step(s->ins) != SQLITE_DONE) {
		gk_err_set(e, "cannot store progress: %s", db_errmsg(s->db));
		return -1;
	}
	nid = sqlite3_last_insert_rowid(s->db);
	run_stored(run, nid);
	if (old == 0)
		return 0;
	sqlite3_reset(s->sup);
	sqlite3_bind_int64(s->sup, 1, nid);
	sqlite3_bind_int64(s->sup, 2, old);
	if (sqlite3_step(s->sup) != SQLITE_DONE) {
		gk_err_set(e, "cannot store progress: %s", db_errmsg(s->db));
		return -1;
	}
	(*replaced)++;
	return 0;
}

static int
store_pending(sqlite3 *db, const struct plan *p, struct pending *pend, size_t n,
	      const char *source, const char *today, struct add_run *run,
	      long *replaced, struct gk_err *e)
{
	struct store s = {.db = db, .p = p, .source = source, .today = today};
	int rc = -1;

	*replaced = 0;
	if (store_prepare(&s, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (store_one(&s, &pend[i], run, replaced, e) < 0)
			goto out;
	rc = 0;
out:
	store_finalize(&s);
	return rc;
}

/* One input as it is checked: its findings, the reports stored before
 * and those taken from it so far, by (task, unit) pair. */
struct add_state {
	const struct plan *p;
	struct finding_ctx fc;
	struct progress_set have;
	struct pair_index ix;
	struct pending *pend;
	size_t npend, cap;
	bool told_masked; /* of text masked before it came: once an input */
};

/* A line that is not JSON.  The finding has file and row: the message
 * without them. */
static void
json_finding(struct finding_ctx *fc, const char *name, long line,
	     const char *msg)
{
	char pre[64];
	size_t np = (size_t)snprintf(pre, sizeof pre, "%s:%ld: ", name, line);

	if (np < sizeof pre && strncmp(msg, pre, np) == 0)
		msg += np;
	finding(fc, line, NULL, "json", NULL, "%s", msg);
}

/* A second report of the pair for the same quarter in this input. */
static bool
duplicate_in_input(struct add_state *st, const struct progress *pr, long pair,
		   long line)
{
	for (size_t k = 0; k < st->ix.pend[pair].n; k++) {
		size_t i = st->ix.pend[pair].v[k];
		const struct progress *x = &st->pend[i].p;

		if (quarter_cmp(&x->quarter, &pr->quarter) == 0) {
			char q[8];

			quarter_format(&pr->quarter, q);
			finding(&st->fc, line, NULL, "duplicate", NULL,
				"second report of task '%s' by '%s' for %s in this input (first on line %ld)",
				st->p->tasks[pr->task].id,
				st->p->units[pr->unit].id, q, st->pend[i].line);
			return true;
		}
	}
	return false;
}

/* True when a report of quarter q is in this input: it replaces the
 * stored one of that quarter. */
static bool
in_input(const struct add_state *st, long pair, const struct gk_quarter *q)
{
	const struct plist *in = &st->ix.pend[pair];

	for (size_t j = 0; j < in->n; j++)
		if (quarter_cmp(&st->pend[in->v[j]].p.quarter, q) == 0)
			return true;
	return false;
}

/*
 * Progress lower than the pair's previous report needs a reason.  Once
 * the whole input is read: the previous report is the one the input
 * leaves (a stored report whose quarter the input sends again is
 * replaced, even by a line after this one).  When that previous report
 * is a line after this one, check_forwards judges the two from its side.
 */
static void
check_backwards(struct add_state *st, size_t i)
{
	const struct pending *pe = &st->pend[i];
	const struct progress *pr = &pe->p, *prev = NULL;
	long pair = pair_of(st->p, &st->ix, pr->task, pr->unit);
	const struct plist *db = &st->ix.db[pair], *in = &st->ix.pend[pair];
	bool prev_later_in_input = false;
	char q[8], v[16];

	if (pe->repeated || pr->percent < 0 || pr->reason != NULL)
		return;
	for (size_t k = 0; k < db->n; k++) {
		const struct progress *x = &st->have.v[db->v[k]];

		if (quarter_cmp(&x->quarter, &pr->quarter) < 0 &&
		    !in_input(st, pair, &x->quarter) &&
		    (prev == NULL ||
		     quarter_cmp(&x->quarter, &prev->quarter) > 0))
			prev = x;
	}
	for (size_t j = 0; j < in->n; j++) {
		const struct pending *y = &st->pend[in->v[j]];

		if (!y->repeated &&
		    quarter_cmp(&y->p.quarter, &pr->quarter) < 0 &&
		    (prev == NULL ||
		     quarter_cmp(&y->p.quarter, &prev->quarter) >= 0)) {
			prev = &y->p;
			prev_later_in_input = in->v[j] > i;
		}
	}
	if (prev == NULL || prev_later_in_input || prev->percent <= pr->percent)
		return;
	quarter_format(&prev->quarter, q);
	snprintf(v, sizeof v, "%d", pr->percent);
	st->fc.file = pe->file;
	finding(&st->fc, pe->line, "percent", "percent-backwards", v,
		"percent %d is lower than the %d reported for %s; give a 'reason'",
		pr->percent, prev->percent, q);
}

static void
pending_push(struct add_state *st, const struct progress *pr, long pair,
	     long line)
{
	if (st->cap == st->npend) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->pend = gk_xrealloc(st->pend, st->cap * sizeof *st->pend);
	}
	st->pend[st->npend].p = *pr;
	st->pend[st->npend].line = line;
	st->pend[st->npend].file = gk_xstrdup(st->fc.file);
	plist_push(&st->ix.pend[pair], st->npend);
	st->npend++;
}

/*
 * A unit's text that arrives masked ("138****5678") was most likely
 * masked on its way: `gov-records` masks unless --no-mask, and what is
 * stored here is what the central platform gets.  Said once an input, on
 * standard error; the record is taken as it is (a unit may mask on
 * purpose).  True when said.
 */
static bool
tell_masked(const struct finding_ctx *fc, long line, const struct progress *pr)
{
	const struct {
		const char *name, *text;
	} fields[] = {{"summary", pr->summary},
		      {"issues", pr->issues},
		      {"next_steps", pr->next_steps},
		      {"reason", pr->reason}};

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *t = fields[i].text;

		if (t && mask_left(t, strlen(t))) {
			gk_warn("%s:%ld: '%s' arrives masked and is stored so; "
				"records from gov-records need --no-mask to "
				"keep ID and phone numbers",
				fc->file, line, fields[i].name);
			return true;
		}
	}
	return false;
}

static bool
same_text(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/*
 * A report sent again unchanged and without a date of its own (an input
 * added a second time) keeps the date of the report it replaces: the
 * unit reported on that day, not on the day it was added again, which
 * made an on-time report late (and a record to deliver again).
 */
static void
keep_reported(const struct add_state *st, const cJSON *rec, long pair,
	      struct progress *pr)
{
	bool bad;
	char *own = text_of(member(rec, "reported"), &bad);

	free(own);
	if (own != NULL || bad)
		return;
	for (size_t i = 0; i < st->ix.db[pair].n; i++) {
		const struct progress *x = &st->have.v[st->ix.db[pair].v[i]];

		if (quarter_cmp(&x->quarter, &pr->quarter) != 0)
			continue;
		if (x->reported != NULL && x->status == pr->status &&
		    x->percent == pr->percent &&
		    same_text(x->summary, pr->summary) &&
		    same_text(x->issues, pr->issues) &&
		    same_text(x->next_steps, pr->next_steps) &&
		    same_text(x->reason, pr->reason) &&
		    same_text(x->evidence, pr->evidence)) {
			free(pr->reported);
			pr->reported = gk_xstrdup(x->reported);
		}
		return;
	}
}

/* Check a record against the plan, the stored reports and those before
 * it; it is kept to be stored if that found nothing wrong with it. */
static void
take_record(struct add_state *st, const cJSON *rec, long line,
	    const struct add_options *o)
{
	struct progress pr;
	long pair;
	bool repeated;

	if (check_record(st->p, rec, line, o, &st->fc, &pr) != 0)
		return;
	if (!st->told_masked)
		st->told_masked = tell_masked(&st->fc, line, &pr);
	pair = pair_of(st->p, &st->ix, pr.task, pr.unit);
	keep_reported(st, rec, pair, &pr);
	repeated = duplicate_in_input(st, &pr, pair, line);
	pending_push(st, &pr, pair, line);
	st->pend[st->npend - 1].repeated = repeated;
}

/*
 * The other side of check_backwards, once the whole input is read: a
 * report for an earlier quarter than one already there (a late report,
 * or lines out of order) must not leave that later report lower than it
 * without a reason.  It was accepted or refused by the order the reports
 * came in.  The later report is the pair's next one as the input leaves
 * them (a report of the input replaces the stored one of its quarter);
 * one of the input after this record was checked against it already.
 */
static void
check_forwards(struct add_state *st)
{
	for (size_t i = 0; i < st->npend; i++) {
		const struct pending *pe = &st->pend[i];
		const struct progress *pr = &pe->p, *next = NULL;
		long pair = pair_of(st->p, &st->ix, pr->task, pr->unit);
		const struct plist *db = &st->ix.db[pair],
				   *in = &st->ix.pend[pair];
		bool later_in_input = false;
		char q[8], v[16];

		if (pr->percent < 0)
			continue;
		for (size_t k = 0; k < db->n; k++) {
			const struct progress *x = &st->have.v[db->v[k]];
			bool replaced = false;

			if (quarter_cmp(&x->quarter, &pr->quarter) <= 0)
				continue;
			for (size_t j = 0; j < in->n && !replaced; j++)
				replaced =
					quarter_cmp(
						&st->pend[in->v[j]].p.quarter,
						&x->quarter) == 0;
			if (!replaced &&
			    (next == NULL ||
			     quarter_cmp(&x->quarter, &next->quarter) < 0))
				next = x;
		}
		for (size_t j = 0; j < in->n; j++) {
			const struct progress *y = &st->pend[in->v[j]].p;

			if (quarter_cmp(&y->quarter, &pr->quarter) > 0 &&
			    (next == NULL ||
			     quarter_cmp(&y->quarter, &next->quarter) < 0)) {
				next = y;
				later_in_input = in->v[j] > i;
			}
		}
		/* one that comes after this record was checked against it */
		if (next == NULL || later_in_input || next->percent < 0 ||
		    next->percent >= pr->percent || next->reason != NULL)
			continue;
		quarter_format(&next->quarter, q);
		snprintf(v, sizeof v, "%d", pr->percent);
		st->fc.file = pe->file;
		finding(&st->fc, pe->line, "percent", "percent-backwards", v,
			"percent %d is higher than the %d reported for %s, which gives no 'reason'",
			pr->percent, next->percent, q);
	}
}

/* Every record of the input; -1 (reported) when it cannot be read on. */
static int
take_records(struct add_state *st, struct jl_reader *r,
	     const struct add_options *o)
{
	const char *name = r->name;
	struct gk_err e;
	long last_bad = -1;
	cJSON *rec;
	int got;

	while ((got = jl_next(r, &rec, &e)) != 0) {
		if (got < 0) {
			/* a read error (a directory, a closed standard input)
			 * is no finding of the data: the run cannot go on */
			if (ferror(r->fp) || r->line == last_bad) {
				gk_warn_err(&e);
				return -1;
			}
			last_bad = r->line;
			json_finding(&st->fc, name, r->line, e.msg);
			continue;
		}
		/* Records from `gov-records --provenance` name the spreadsheet
		 * and row they came from: findings point there. */
		long line = source_row(rec, r->line);
		st->fc.file = source_file(rec, name);
		take_record(st, rec, line, o);
		st->fc.file = name;
		cJSON_Delete(rec);
	}
	return 0;
}

static void
print_added(const struct add_options *o, const struct added *a)
{
	const char *name = a->name;
	size_t n = a->records;
	long replaced = a->replaced;

	if (o->format == GK_FORMAT_TEXT) {
		fprintf(o->out,
			"%s: %zu progress record%s added, %ld replacing earlier ones\n",
			name, n, n == 1 ? "" : "s", replaced);
	} else {
		cJSON *s = cJSON_CreateObject();

		cJSON_AddStringToObject(s, "type", "added");
		cJSON_AddStringToObject(s, "file", name);
		cJSON_AddNumberToObject(s, "records", (double)n);
		cJSON_AddNumberToObject(s, "replaced", (double)replaced);
		jl_write(o->out, s);
		cJSON_Delete(s);
	}
}

/* Validate one input completely; add it if clean.  Returns exit status. */
static int
add_one(sqlite3 *db, const struct plan *p, const char *path, FILE *spool,
	const struct add_options *o, struct add_run *run, cJSON ***accepted,
	size_t *naccepted)
{
	struct jl_reader r;
	struct gk_err e;
	struct add_state st = {0};
	long replaced = 0;
	int rc = GK_EXIT_FAIL;
	const char *name;

	if (jl_open_in(&r, path, spool, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	name = r.name;
	st.p = p;
	st.fc.fp = o->out;
	st.fc.file = name;
	st.fc.format = o->format;
	st.fc.mask = !p->no_mask;
	st.fc.n = 0;
	/* as stored: a report sent again is compared with the text as the
	 * unit sent it (keep_reported), not as it is shown */
	if (progress_fetch_raw(db, p, &st.have, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	pair_index_init(&st.ix, p, &st.have);
	if (take_records(&st, &r, o) < 0)
		goto out;
	for (size_t i = 0; i < st.npend; i++)
		check_backwards(&st, i);
	check_forwards(&st);
	st.fc.file = name;
	if (st.fc.n > 0) {
		gk_warn("%s: %zu finding%s, nothing added from it", name,
			st.fc.n, st.fc.n == 1 ? "" : "s");
		rc = GK_EXIT_FOUND;
		goto out;
	}
	if (store_pending(db, p, st.pend, st.npend, name, o->today, run,
			  &replaced, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	run->added =
		gk_xrealloc(run->added, (run->nadded + 1) * sizeof *run->added);
	run->added[run->nadded++] = (struct added){
		.name = gk_xstrdup(name),
		.records = st.npend,
		.replaced = replaced,
	};
	if (accepted != NULL) {
		*accepted = gk_xrealloc(*accepted, (*naccepted + st.npend + 1) *
							   sizeof **accepted);
		for (size_t i = 0; i < st.npend; i++)
			(*accepted)[(*naccepted)++] =
				progress_to_json(p, &st.pend[i].p);
	}
	rc = GK_EXIT_OK;
out:
	for (size_t i = 0; i < st.npend; i++) {
		progress_free_fields(&st.pend[i].p);
		free(st.pend[i].file);
	}
	free(st.pend);
	if (st.ix.offset != NULL)
		pair_index_release(&st.ix);
	progress_set_release(&st.have);
	jl_close(&r);
	return rc;
}

/* The records accepted from `from` on are not added after all. */
static void
drop_accepted(cJSON ***accepted, size_t *naccepted, size_t from)
{
	if (accepted == NULL)
		return;
	for (size_t i = from; i < *naccepted; i++)
		cJSON_Delete((*accepted)[i]);
	*naccepted = from;
}

/*
 * Take back what a committed run stored, newest first: its rows deleted,
 * the reports they replaced current again, as if the run had failed
 * before its commit.  Not when a row of it has been replaced since by
 * another run, which built on it: then everything stays.  (In the
 * transaction of db_keep_if_out.)
 */
static int
unstore(sqlite3 *db, void *arg, struct gk_err *e)
{
	const struct add_run *run = arg;
	sqlite3_stmt *check = NULL, *restore = NULL, *del = NULL;
	int rc = -1;

	check = db_prepare(
		db, "SELECT superseded_by FROM report_progress WHERE id = ?",
		e);
	restore = db_prepare(db,
			     "UPDATE report_progress SET superseded_by = NULL"
			     " WHERE superseded_by = ?",
			     e);
	del = db_prepare(db, "DELETE FROM report_progress WHERE id = ?", e);
	if (check == NULL || restore == NULL || del == NULL)
		goto out;
	for (size_t i = run->nids; i-- > 0;) {
		sqlite3_int64 id = run->ids[i];

		sqlite3_reset(check);
		sqlite3_bind_int64(check, 1, id);
		if (sqlite3_step(check) != SQLITE_ROW ||
		    sqlite3_column_type(check, 0) != SQLITE_NULL) {
			gk_err_set(e, "another run has replaced them since");
			goto out;
		}
		sqlite3_reset(restore);
		sqlite3_bind_int64(restore, 1, id);
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, id);
		if (sqlite3_step(restore) != SQLITE_DONE ||
		    sqlite3_step(del) != SQLITE_DONE) {
			gk_err_set(e, "database: %s", db_errmsg(db));
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(check);
	sqlite3_finalize(restore);
	sqlite3_finalize(del);
	return rc;
}

/*
 * Once the run is committed, say what it added; -1 (said) when that
 * cannot be written, and what it stored is then taken back.  Without
 * --submit nothing follows the "added" records, and the -o file is put
 * in place here: a file that cannot be is a lost output too.  (With
 * --submit the records are queued for delivery, and may be sent, before
 * the file is put in place: a file that cannot be then is told, the
 * records kept.)
 */
static int
say_added(sqlite3 *db, const struct add_options *o, struct add_run *run)
{
	struct gk_err e, ue;
	int r;

	for (size_t i = 0; i < run->nadded; i++)
		print_added(o, &run->added[i]);
	r = db_keep_if_out(db, o->dest, !o->submit, unstore, run, &e, &ue);
	if (r == 0)
		return 0;
	gk_warn_err(&e);
	if (r < -1)
		gk_warn("unable to take back the %zu progress record%s stored: %s",
			run->nids, run->nids == 1 ? "" : "s", ue.msg);
	return -1;
}

int
report_tx_end(sqlite3 *db, int rc)
{
	struct gk_err e;

	if (rc == GK_EXIT_FAIL) {
		db_rollback(db);
	} else if (db_commit(db, &e) < 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	return rc;
}

/*
 * One transaction for the run: an input with findings is left out (exit
 * 1), but a run that fails (exit 2: an unreadable input, its records lost
 * on a closed or full output, a commit that fails) adds nothing, so that
 * running it again adds every record once.  The findings are out before
 * the commit; the "added" records, which say the commit was done, after.
 */
int
progress_add(sqlite3 *db, const struct plan *p, char **files, int nfiles,
	     const struct add_options *o, cJSON ***accepted, size_t *naccepted)
{
	struct gk_err e;
	struct gk_spool sp;
	struct add_run run = {0};
	size_t had = *naccepted;
	bool out_failed = false;
	int rc = GK_EXIT_OK;

	/* read whole before the write lock: a slow producer (gov-records
	 * on a large workbook), on standard input or a named pipe, would
	 * otherwise hold every other writer */
	if (gk_spool_inputs(nfiles, files, "report", &sp, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (db_begin(db, &e) < 0) {
		gk_warn_err(&e);
		gk_spool_free(&sp);
		return GK_EXIT_FAIL;
	}
	if (nfiles == 0)
		rc = add_one(db, p, NULL, NULL, o, &run, accepted, naccepted);
	for (int i = 0; i < nfiles && rc != GK_EXIT_FAIL; i++) {
		int r = add_one(db, p, files[i], sp.fp[i], o, &run, accepted,
				naccepted);

		if (r > rc)
			rc = r;
		/* A reader gone away (| head) wants no more records, but
		 * every input is still added. */
		if (gk_stdout_broken(o->out) && out_flush(o->dest, &e) < 0) {
			out_failed = true;
			break;
		}
	}
	if (rc != GK_EXIT_FAIL && (out_failed || out_flush(o->dest, &e) < 0)) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	gk_spool_free(&sp);
	rc = report_tx_end(db, rc);
	if (rc != GK_EXIT_FAIL && say_added(db, o, &run) < 0)
		rc = GK_EXIT_FAIL;
	if (rc == GK_EXIT_FAIL)
		drop_accepted(accepted, naccepted, had);
	add_run_release(&run);
	return rc;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? gk_xstrdup((const char *)s) : NULL;
}

/*
 * A unit's free text as it goes out: resident IDs and phone numbers a
 * unit wrote into its report are masked when mask is set.
 */
static char *
col_text(sqlite3_stmt *st, int i, bool mask)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	struct gk_buf b;

	if (!s)
		return NULL;
	if (!mask || !mask_text_needed(s, strlen(s)))
		return gk_xstrdup(s);
	buf_init(&b);
	mask_text(s, strlen(s), &b);
	return b.data;
}

/* Columns 0-4 of a report_progress row (task, unit, quarter, status,
 * percent) into r; false when the plan no longer has its task or unit
 * or the row does not parse. */
static bool
col_progress(sqlite3_stmt *st, const struct plan *p, struct progress *r)
{
	long t = plan_task_find(p, (const char *)sqlite3_column_text(st, 0));
	long u = plan_unit_find(p, (const char *)sqlite3_column_text(st, 1));

	if (t < 0 || u < 0)
		return false;
	memset(r, 0, sizeof *r);
	r->task = (size_t)t;
	r->unit = (size_t)u;
	if (quarter_parse((const char *)sqlite3_column_text(st, 2),
			  &r->quarter) < 0)
		return false;
	r->status = pstatus_parse((const char *)sqlite3_column_text(st, 3));
	if (r->status < 0)
		return false;
	r->percent = sqlite3_column_type(st, 4) == SQLITE_NULL
			     ? -1
			     : sqlite3_column_int(st, 4);
	return true;
}

/* Columns 5-10 (the unit's text, masked when mask is set, and the
 * reported date) into r, which owns them. */
static void
col_progress_text(sqlite3_stmt *st, bool mask, struct progress *r)
{
	r->summary = col_text(st, 5, mask);
	r->issues = col_text(st, 6, mask);
	r->next_steps = col_text(st, 7, mask);
	r->reason = col_text(st, 8, mask);
	r->evidence = col_text(st, 9, mask);
	r->reported = col_dup(st, 10);
}

static int
cmp_progress(const void *a, const void *b)
{
	const struct progress *x = a, *y = b;
	int c = quarter_cmp(&x->quarter, &y->quarter);

	if (c)
		return c;
	if (x->task != y->task)
		return x->task < y->task ? -1 : 1;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return 0;
}

/* The plan's progress; replaced: the replaced reports too. */
static int
fetch(sqlite3 *db, const struct plan *p, bool mask, bool replaced,
      struct progress_set *s, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT task, unit, quarter, status, percent, summary, issues,"
		" next_steps, reason, evidence, reported FROM report_progress"
		" WHERE plan = ? AND (? OR superseded_by IS NULL)",
		e);
	size_t cap = 0;
	int step;

	s->v = NULL;
	s->n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, replaced);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct progress r;

		if (!col_progress(st, p, &r))
			continue; /* the plan no longer has it, or it is damaged */
		col_progress_text(st, mask, &r);
		if (s->n == cap) {
			cap = cap ? cap * 2 : 256;
			s->v = gk_xrealloc(s->v, cap * sizeof *s->v);
		}
		s->v[s->n++] = r;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		gk_err_set(e, "cannot read progress: %s", db_errmsg(db));
		progress_set_release(s);
		return -1;
	}
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_progress);
	return 0;
}

int
progress_fetch(sqlite3 *db, const struct plan *p, struct progress_set *s,
	       struct gk_err *e)
{
	return fetch(db, p, !p->no_mask, false, s, e);
}

int
progress_fetch_raw(sqlite3 *db, const struct plan *p, struct progress_set *s,
		   struct gk_err *e)
{
	return fetch(db, p, false, false, s, e);
}

int
progress_fetch_every_raw(sqlite3 *db, const struct plan *p,
			 struct progress_set *s, struct gk_err *e)
{
	return fetch(db, p, false, true, s, e);
}

void
progress_set_release(struct progress_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		progress_free_fields(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static void
add_opt_string(cJSON *o, const char *key, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, key, v);
}

cJSON *
progress_to_json(const struct plan *p, const struct progress *r)
{
	cJSON *o = cJSON_CreateObject(), *ev;
	char q[8];

	quarter_format(&r->quarter, q);
	cJSON_AddStringToObject(o, "type", "progress");
	cJSON_AddStringToObject(o, "plan", p->id);
	cJSON_AddStringToObject(o, "task", p->tasks[r->task].id);
	cJSON_AddStringToObject(o, "unit", p->units[r->unit].id);
	cJSON_AddStringToObject(o, "unit_name", p->units[r->unit].name);
	cJSON_AddStringToObject(o, "quarter", q);
	cJSON_AddStringToObject(o, "status", pstatus_code(r->status));
	if (r->percent >= 0)
		cJSON_AddNumberToObject(o, "percent", r->percent);
	else
		cJSON_AddNullToObject(o, "percent");
	add_opt_string(o, "summary", r->summary);
	add_opt_string(o, "issues", r->issues);
	add_opt_string(o, "next_steps", r->next_steps);
	add_opt_string(o, "reason", r->reason);
	ev = r->evidence ? cJSON_Parse(r->evidence) : NULL;
	cJSON_AddItemToObject(o, "evidence", ev ? ev : cJSON_CreateArray());
	add_opt_string(o, "reported", r->reported);
	return o;
}

/* The plan's task ids in its order, as a JSON array. */
static char *
task_order(const struct plan *p)
{
	cJSON *a = cJSON_CreateArray();
	char *s;

	for (size_t i = 0; i < p->ntasks; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(p->tasks[i].id));
	s = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return s;
}

/* A report of the history as it was read: the row's fields and whether
 * it is current, when it was added and from where. */
struct history_row {
	struct progress r;
	bool current;
	const char *added, *source; /* the statement's, until its next step */
};

/* The statement of the plan's every report, of quarter and of unit
 * when given, tasks in the plan's order; NULL on error. */
static sqlite3_stmt *
history_query(sqlite3 *db, const struct plan *p, const char *quarter, long unit,
	      struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT task, unit, quarter, status, percent, summary, issues,"
		" next_steps, reason, evidence, reported, source, added_at,"
		" superseded_by IS NULL FROM report_progress"
		" JOIN json_each(?4) AS t ON t.value = report_progress.task"
		" WHERE plan = ?1 AND (?2 IS NULL OR quarter = ?2)"
		" AND (?3 IS NULL OR unit = ?3)"
		" ORDER BY quarter, t.key, unit, report_progress.id",
		e);
	char *order;

	if (st == NULL)
		return NULL;
	order = task_order(p);
	if (!order) {
		sqlite3_finalize(st);
		gk_err_set(e, "out of memory");
		return NULL;
	}
	sqlite3_bind_text(st, 4, order, -1, SQLITE_TRANSIENT);
	free(order);
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	if (quarter)
		sqlite3_bind_text(st, 2, quarter, -1, SQLITE_STATIC);
	if (unit >= 0)
		sqlite3_bind_text(st, 3, p->units[unit].id, -1, SQLITE_STATIC);
	return st;
}

/* A report as a line: quarter, task, unit, status, percent, when added,
 * whether replaced. */
static void
history_text_line(FILE *fp, const struct plan *p, const struct history_row *h)
{
	const struct progress *r = &h->r;
	struct gk_buf t1, t2;
	char q[8];

	buf_init(&t1);
	buf_init(&t2);
	quarter_format(&r->quarter, q);
	/* padded by display columns: a unit's id may be Chinese */
	buf_add_padded(&t1, p->tasks[r->task].id, strlen(p->tasks[r->task].id),
		       4);
	buf_add_padded(&t2, p->units[r->unit].id, strlen(p->units[r->unit].id),
		       16);
	fprintf(fp, "%s %s %s %-12s ", q, t1.data, t2.data,
		pstatus_code(r->status));
	buf_release(&t1);
	buf_release(&t2);
	if (r->percent >= 0)
		fprintf(fp, "%3d%%", r->percent);
	else
		fputs("   -", fp);
	fprintf(fp, "  added %s%s\n", h->added ? h->added : "?",
		h->current ? "" : "  (replaced)");
}

/* A report as a progress record, its text (columns 5-10 of st) masked
 * unless the plan says not, with current, added and source. */
static void
history_record(FILE *fp, sqlite3_stmt *st, const struct plan *p,
	       struct history_row *h)
{
	cJSON *o;

	col_progress_text(st, !p->no_mask, &h->r);
	o = progress_to_json(p, &h->r);
	cJSON_AddBoolToObject(o, "current", h->current);
	cJSON_AddStringToObject(o, "added", h->added ? h->added : "");
	cJSON_AddStringToObject(o, "source", h->source ? h->source : "");
	jl_write(fp, o);
	cJSON_Delete(o);
	progress_free_fields(&h->r);
}

/*
 * Every report, the replaced ones too, oldest first per task and unit:
 * what a unit said and when, and what it said before.  Tasks come in the
 * plan's order (task 2 before task 10), through json_each of their ids.
 */
int
progress_history(sqlite3 *db, const struct plan *p, const char *quarter,
		 long unit, FILE *fp, enum gk_format fmt, struct gk_err *e)
{
	sqlite3_stmt *st = history_query(db, p, quarter, unit, e);
	int step;
	size_t ntext = 0; /* lines printed as text */

	if (st == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_row h;

		h.current = sqlite3_column_int(st, 13) != 0;
		h.added = (const char *)sqlite3_column_text(st, 12);
		h.source = (const char *)sqlite3_column_text(st, 11);
		if (!col_progress(st, p, &h.r))
			continue;
		if (fmt == GK_FORMAT_TEXT) {
			history_text_line(fp, p, &h);
			ntext++;
		} else {
			history_record(fp, st, p, &h);
		}
		if (gk_stdout_broken(fp)) /* | head: the rest unread */
			break;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		gk_err_set(e, "cannot read progress: %s", db_errmsg(db));
		return -1;
	}
	if (fmt == GK_FORMAT_TEXT && ntext == 0)
		fprintf(fp, "no progress records%s%s%s%s\n",
			quarter ? " for " : "", quarter ? quarter : "",
			unit >= 0 ? " of unit " : "",
			unit >= 0 ? p->units[unit].id : "");
	return 0;
}
