/*
 * plan.c: the action plan: parse and validate the plan file, keep it in the
 * database, find units by id, name or alias.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* A plan file larger than this is not a plan. */
#define PLAN_MAX_BYTES ((size_t)16 << 20)

static const char *
str_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
need_str(const cJSON *o, const char *key, const char *name, const char *where,
	 const char **out, struct gk_err *e)
{
	*out = str_member(o, key);
	if (*out == NULL || **out == '\0') {
		gk_err_set(e, "%s: %s: missing '%s' (a non-empty string)", name,
			   where, key);
		return -1;
	}
	return 0;
}

static int
parse_units(const cJSON *arr, const char *name, struct plan *p,
	    struct gk_err *e)
{
	const cJSON *u;
	size_t i = 0;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
		gk_err_set(e, "%s: 'units' must be a non-empty array", name);
		return -1;
	}
	p->units =
		gk_xcalloc((size_t)cJSON_GetArraySize(arr), sizeof *p->units);
	cJSON_ArrayForEach(u, arr) {
		struct unit *un = &p->units[i];
		const char *id, *nm, *kind;
		const cJSON *al, *a;
		char where[64];

		snprintf(where, sizeof where, "units[%zu]", i);
		if (need_str(u, "id", name, where, &id, e) < 0 ||
		    need_str(u, "name", name, where, &nm, e) < 0)
			return -1;
		if (plan_unit_find(p, id) >= 0 || plan_unit_find(p, nm) >= 0) {
			gk_err_set(e, "%s: %s: '%s' already names another unit",
				   name, where,
				   plan_unit_find(p, id) >= 0 ? id : nm);
			return -1;
		}
		kind = str_member(u, "kind");
		un->id = gk_xstrdup(id);
		un->name = gk_xstrdup(nm);
		un->kind = gk_xstrdup(kind ? kind : "");
		al = cJSON_GetObjectItemCaseSensitive(u, "aliases");
		if (al != NULL && !cJSON_IsArray(al)) {
			gk_err_set(e, "%s: %s.aliases: must be an array", name,
				   where);
			p->nunits = i + 1;
			return -1;
		}
		un->aliases = gk_xcalloc((size_t)cJSON_GetArraySize(al) + 1,
					 sizeof *un->aliases);
		cJSON_ArrayForEach(a, al) {
			if (!cJSON_IsString(a) || a->valuestring[0] == '\0') {
				gk_err_set(
					e,
					"%s: %s.aliases: not a non-empty string",
					name, where);
				p->nunits = i + 1;
				return -1;
			}
			if (plan_unit_find(p, a->valuestring) >= 0) {
				gk_err_set(
					e,
					"%s: %s.aliases: '%s' already names another unit",
					name, where, a->valuestring);
				p->nunits = i + 1;
				return -1;
			}
			un->aliases[un->naliases++] =
				gk_xstrdup(a->valuestring);
		}
		p->nunits = ++i;
	}
	return 0;
}

static int
parse_unit_list(const cJSON *o, const char *key, bool need, const char *name,
		const char *where, const struct plan *p, size_t **out,
		size_t *n, struct gk_err *e)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *v;

	*out = NULL;
	*n = 0;
	if (arr == NULL && !need)
		return 0;
	if (!cJSON_IsArray(arr) || (need && cJSON_GetArraySize(arr) == 0)) {
		gk_err_set(e, "%s: %s.%s: must be %s array of unit ids", name,
			   where, key, need ? "a non-empty" : "an");
		return -1;
	}
	*out = gk_xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof **out);
	cJSON_ArrayForEach(v, arr) {
		long u = cJSON_IsString(v) ? plan_unit_find(p, v->valuestring)
					   : -1;

		if (u < 0) {
			gk_err_set(e, "%s: %s.%s[%zu]: unknown unit '%s'", name,
				   where, key, *n,
				   cJSON_IsString(v) ? v->valuestring : "?");
			return -1;
		}
		for (size_t k = 0; k < *n; k++)
			if ((*out)[k] == (size_t)u) {
				gk_err_set(e,
					   "%s: %s.%s: unit '%s' listed twice",
					   name, where, key, v->valuestring);
				return -1;
			}
		(*out)[(*n)++] = (size_t)u;
	}
	return 0;
}

static int
parse_quarter_member(const cJSON *o, const char *key, const char *name,
		     const char *where, struct gk_quarter *q, bool *present,
		     struct gk_err *e)
{
	const char *s = str_member(o, key);

	*present = s != NULL;
	if (s == NULL)
		return 0;
	if (quarter_parse(s, q) < 0) {
		gk_err_set(e, "%s: %s.%s: '%s' is not a quarter (YYYYQn)", name,
			   where, key, s);
		return -1;
	}
	if (!plan_quarter_datable(q)) {
		struct gk_quarter last;
		char lq[8];

		plan_quarter_last_datable(&last);
		quarter_format(&last, lq);
		gk_err_set(
			e,
			"%s: %s.%s: quarter %s is after %s, the last one gov-report can date",
			name, where, key, s, lq);
		return -1;
	}
	return 0;
}

static size_t
section_index(struct plan *p, const char *section)
{
	for (size_t i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i], section) == 0)
			return i;
	p->sections = gk_xrealloc(p->sections,
				  (p->nsections + 1) * sizeof *p->sections);
	p->sections[p->nsections] = gk_xstrdup(section);
	return p->nsections++;
}

/* A task's id (once in the plan), title, section and summary; its
 * section's place among the plan's. */
static int
task_names(const cJSON *o, const char *name, const char *where, struct plan *p,
	   struct task *t, struct gk_err *e)
{
	const char *id, *section, *title, *summary;

	if (need_str(o, "id", name, where, &id, e) < 0 ||
	    need_str(o, "title", name, where, &title, e) < 0)
		return -1;
	if (plan_task_find(p, id) >= 0) {
		gk_err_set(e, "%s: %s: task id '%s' used twice", name, where,
			   id);
		return -1;
	}
	section = str_member(o, "section");
	summary = str_member(o, "summary");
	t->id = gk_xstrdup(id);
	t->title = gk_xstrdup(title);
	t->section = gk_xstrdup(
		section && *section ? section
				    : (t->safeguard ? "safeguards" : "tasks"));
	t->summary = gk_xstrdup(summary ? summary : "");
	t->section_idx = section_index(p, t->section);
	return 0;
}

/* A task's lead units (at least one) and cooperating units, no unit
 * both. */
static int
task_units(const cJSON *o, const char *name, const char *where,
	   const struct plan *p, struct task *t, struct gk_err *e)
{
	if (parse_unit_list(o, "lead", true, name, where, p, &t->lead,
			    &t->nlead, e) < 0 ||
	    parse_unit_list(o, "cooperating", false, name, where, p, &t->coop,
			    &t->ncoop, e) < 0)
		return -1;
	for (size_t i = 0; i < t->ncoop; i++)
		for (size_t k = 0; k < t->nlead; k++)
			if (t->coop[i] == t->lead[k]) {
				gk_err_set(
					e,
					"%s: %s: unit '%s' is both lead and cooperating",
					name, where, p->units[t->lead[k]].id);
				return -1;
			}
	return 0;
}

/* A task's first and last quarters: the plan's unless it says, in
 * order. */
static int
task_quarters(const cJSON *o, const char *name, const char *where,
	      const struct plan *p, struct task *t, struct gk_err *e)
{
	bool has;

	t->start = p->start;
	t->end = p->end;
	if (parse_quarter_member(o, "start", name, where, &t->start, &has, e) <
		    0 ||
	    parse_quarter_member(o, "end", name, where, &t->end, &has, e) < 0)
		return -1;
	if (quarter_cmp(&t->start, &t->end) > 0) {
		gk_err_set(e, "%s: %s: start is after end", name, where);
		return -1;
	}
	return 0;
}

/* A task's milestones, each with a quarter due and a target. */
static int
task_milestones(const cJSON *o, const char *name, const char *where,
		struct task *t, struct gk_err *e)
{
	const cJSON *ms = cJSON_GetObjectItemCaseSensitive(o, "milestones"), *m;
	bool has;

	if (ms != NULL && !cJSON_IsArray(ms)) {
		gk_err_set(e, "%s: %s.milestones: must be an array", name,
			   where);
		return -1;
	}
	t->ms = gk_xcalloc((size_t)cJSON_GetArraySize(ms) + 1, sizeof *t->ms);
	cJSON_ArrayForEach(m, ms) {
		char mw[96];
		const char *target;

		snprintf(mw, sizeof mw, "%s.milestones[%zu]", where, t->nms);
		if (parse_quarter_member(m, "due", name, mw, &t->ms[t->nms].due,
					 &has, e) < 0)
			return -1;
		if (!has) {
			gk_err_set(e, "%s: %s: missing 'due' (YYYYQn)", name,
				   mw);
			return -1;
		}
		if (need_str(m, "target", name, mw, &target, e) < 0)
			return -1;
		t->ms[t->nms++].target = gk_xstrdup(target);
	}
	return 0;
}

static int
parse_task(const cJSON *o, const char *name, const char *where, bool safeguard,
	   struct plan *p, struct task *t, struct gk_err *e)
{
	if (!cJSON_IsObject(o)) {
		gk_err_set(e, "%s: %s: not an object", name, where);
		return -1;
	}
	t->safeguard = safeguard;
	if (task_names(o, name, where, p, t, e) < 0 ||
	    task_units(o, name, where, p, t, e) < 0 ||
	    task_quarters(o, name, where, p, t, e) < 0 ||
	    task_milestones(o, name, where, t, e) < 0)
		return -1;
	return 0;
}

static int
parse_tasks(const cJSON *root, const char *key, bool safeguard,
	    const char *name, struct plan *p, struct gk_err *e)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key), *o;
	size_t i = 0;

	if (arr == NULL && safeguard)
		return 0;
	if (!cJSON_IsArray(arr) ||
	    (!safeguard && cJSON_GetArraySize(arr) == 0)) {
		gk_err_set(e, "%s: '%s' must be %s array", name, key,
			   safeguard ? "an" : "a non-empty");
		return -1;
	}
	p->tasks = gk_xrealloc(p->tasks,
			       (p->ntasks + (size_t)cJSON_GetArraySize(arr)) *
				       sizeof *p->tasks);
	cJSON_ArrayForEach(o, arr) {
		char where[64];
		struct task *t = &p->tasks[p->ntasks];

		memset(t, 0, sizeof *t);
		snprintf(where, sizeof where, "%s[%zu]", key, i++);
		p->ntasks++;
		if (parse_task(o, name, where, safeguard, p, t, e) < 0)
			return -1;
	}
	return 0;
}

int
plan_parse(const cJSON *root, const char *name, struct plan *p,
	   struct gk_err *e)
{
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(root, "plan");
	const char *id, *title, *issued;
	bool has;

	memset(p, 0, sizeof *p);
	if (!cJSON_IsObject(root) || !cJSON_IsObject(pl)) {
		gk_err_set(
			e,
			"%s: not a plan: expected an object with 'plan', 'units' and 'tasks'",
			name);
		return -1;
	}
	if (need_str(pl, "id", name, "plan", &id, e) < 0 ||
	    need_str(pl, "title", name, "plan", &title, e) < 0)
		goto bad;
	issued = str_member(pl, "issued");
	p->id = gk_xstrdup(id);
	p->title = gk_xstrdup(title);
	p->issued = gk_xstrdup(issued ? issued : "");
	if (parse_quarter_member(pl, "start", name, "plan", &p->start, &has,
				 e) < 0)
		goto bad;
	if (!has) {
		gk_err_set(e, "%s: plan: missing 'start' (YYYYQn)", name);
		goto bad;
	}
	if (parse_quarter_member(pl, "end", name, "plan", &p->end, &has, e) < 0)
		goto bad;
	if (!has) {
		gk_err_set(e, "%s: plan: missing 'end' (YYYYQn)", name);
		goto bad;
	}
	if (quarter_cmp(&p->start, &p->end) > 0) {
		gk_err_set(e, "%s: plan: start is after end", name);
		goto bad;
	}
	if (parse_units(cJSON_GetObjectItemCaseSensitive(root, "units"), name,
			p, e) < 0 ||
	    parse_tasks(root, "tasks", false, name, p, e) < 0 ||
	    parse_tasks(root, "safeguards", true, name, p, e) < 0)
		goto bad;
	return 0;
bad:
	plan_release(p);
	return -1;
}

void
plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nunits; i++) {
		struct unit *u = &p->units[i];

		free(u->id);
		free(u->name);
		free(u->kind);
		for (size_t k = 0; k < u->naliases; k++)
			free(u->aliases[k]);
		free(u->aliases);
	}
	free(p->units);
	for (size_t i = 0; i < p->ntasks; i++) {
		struct task *t = &p->tasks[i];

		free(t->id);
		free(t->section);
		free(t->title);
		free(t->summary);
		free(t->lead);
		free(t->coop);
		for (size_t k = 0; k < t->nms; k++)
			free(t->ms[k].target);
		free(t->ms);
	}
	free(p->tasks);
	for (size_t i = 0; i < p->nsections; i++)
		free(p->sections[i]);
	free(p->sections);
	free(p->id);
	free(p->title);
	free(p->issued);
	memset(p, 0, sizeof *p);
}

size_t
plan_name_trim(const char **s)
{
	return utf8_trim_blanks(s, strlen(*s));
}

/* Is the plan's name (its blanks around it trimmed as the looked-for
 * one's are, so that a name written in the plan with them is found by
 * itself) s[0..n)? */
static bool
name_is(const char *name, const char *s, size_t n)
{
	return name != NULL && plan_name_trim(&name) == n &&
	       memcmp(name, s, n) == 0;
}

long
plan_unit_find(const struct plan *p, const char *s)
{
	size_t n;

	if (s == NULL)
		return -1;
	n = plan_name_trim(&s);
	for (size_t i = 0; i < p->nunits; i++)
		if (name_is(p->units[i].id, s, n))
			return (long)i;
	for (size_t i = 0; i < p->nunits; i++) {
		const struct unit *u = &p->units[i];

		if (name_is(u->name, s, n))
			return (long)i;
		for (size_t k = 0; k < u->naliases; k++)
			if (name_is(u->aliases[k], s, n))
				return (long)i;
	}
	return -1;
}

/* The character at s[0..n) (n > 0) as ASCII in *c when it is a
 * full-width form of one (utf8_halfwidth), else its first byte; its
 * length. */
static size_t
task_char(const char *s, size_t n, char *c)
{
	size_t w = utf8_halfwidth(s, n, c);

	if (w == 0)
		*c = s[0];
	return w ? w : 1;
}

/* Task id `id` is s[0..n), full-width letters and digits read as the
 * ASCII ones on both sides, and the id's blanks around it trimmed (so
 * that an id written in the plan in full-width forms, "１２", is found by
 * itself, and by "12"). */
static bool
task_id_is(const char *id, const char *s, size_t n)
{
	size_t i = 0, k = 0, m;
	char c, d;

	if (id == NULL)
		return false;
	m = plan_name_trim(&id);
	while (i < n && k < m) {
		i += task_char(s + i, n - i, &c);
		k += task_char(id + k, m - k, &d);
		if (c != d)
			return false;
	}
	return i == n && k == m;
}

long
plan_task_find(const struct plan *p, const char *id)
{
	size_t n;

	if (id == NULL)
		return -1;
	n = plan_name_trim(&id);
	for (size_t i = 0; i < p->ntasks; i++)
		if (task_id_is(p->tasks[i].id, id, n))
			return (long)i;
	return -1;
}

int
plan_task_role(const struct task *t, size_t unit)
{
	for (size_t i = 0; i < t->nlead; i++)
		if (t->lead[i] == unit)
			return ROLE_LEAD;
	for (size_t i = 0; i < t->ncoop; i++)
		if (t->coop[i] == unit)
			return ROLE_COOPERATING;
	return -1;
}

bool
plan_task_active(const struct task *t, const struct gk_quarter *q)
{
	return quarter_cmp(&t->start, q) <= 0 && quarter_cmp(q, &t->end) <= 0;
}

bool
plan_quarter_datable(const struct gk_quarter *q)
{
	struct gk_date last, max = {REPORT_YEAR_MAX, 12, 31};

	quarter_last_day(q, &last);
	return date_to_days(&last) + REPORT_GRACE_DAYS_MAX <=
	       date_to_days(&max);
}

void
plan_quarter_last_datable(struct gk_quarter *q)
{
	q->year = REPORT_YEAR_MAX;
	q->q = 4;
	while (!plan_quarter_datable(q))
		quarter_add(q, -1);
}

/* The plan file, or standard input for "-" (name: how messages call it). */
static char *
read_file(const char *path, const char *name, size_t *len, struct gk_err *e)
{
	bool in = strcmp(path, "-") == 0;
	FILE *fp = in ? stdin : fopen(path, "rb");
	struct gk_buf b;
	char chunk[8192];
	size_t n;

	if (fp == NULL) {
		gk_err_set(e, "cannot open '%s':", path);
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + n > PLAN_MAX_BYTES) {
			gk_err_set(e, "%s: larger than %zu bytes, not a plan",
				   name, PLAN_MAX_BYTES);
			goto bad;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(fp)) {
		gk_err_set(e, "cannot read '%s':", name);
		goto bad;
	}
	if (!in)
		fclose(fp);
	buf_addc(&b, '\0');
	*len = b.len - 1;
	return b.data;
bad:
	if (!in)
		fclose(fp);
	buf_release(&b);
	return NULL;
}

/* Progress rows of the plan whose task or unit the new plan does not have
 * (-1 when they cannot be read); the current ones of the plan in kept. */
static long
count_orphans(sqlite3 *db, const struct plan *p, long *kept, struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT task, unit FROM report_progress"
			   " WHERE plan = ? AND superseded_by IS NULL",
			   e);
	long orphans = 0;
	int step;

	*kept = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *task = (const char *)sqlite3_column_text(st, 0);
		const char *unit = (const char *)sqlite3_column_text(st, 1);

		(*kept)++;
		if (plan_task_find(p, task) < 0 || plan_unit_find(p, unit) < 0)
			orphans++;
	}
	/* stopped short, the counts would be too low: no record says them */
	if (step != SQLITE_DONE) {
		gk_err_set(e, "cannot read progress: %s", db_errmsg(db));
		orphans = -1;
	}
	sqlite3_finalize(st);
	return orphans;
}

/* The plan file's text as JSON: valid UTF-8, a byte order mark skipped,
 * no escaped NUL; NULL, with a message naming path and byte, if not. */
static cJSON *
parse_text(const char *text, size_t len, const char *path, struct gk_err *e)
{
	size_t valid, bom;

	/* cJSON passes any bytes through: they would go on into the records
	 * and workbooks (which then do not open) and to the central API. */
	valid = utf8_valid_prefix(text, len);
	if (valid != len) {
		gk_err_set(e, "%s: invalid UTF-8 at byte %zu", path, valid + 1);
		return NULL;
	}
	/* a plan edited in Notepad starts with a byte order mark */
	bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	/* cJSON would end a task's or a unit's id at an escaped NUL */
	valid = json_nul_escape_at(text + bom, len - bom);
	if (valid != len - bom) {
		gk_err_set(e,
			   "%s: invalid JSON: \\u0000 in a string at byte %zu",
			   path, bom + valid + 1);
		return NULL;
	}
	/* the mark is not a column */
	return json_parse_document(text + bom, len - bom, path, "the plan", e);
}

/* What loading the plan (norm: its JSON as stored) does to the database:
 * "loaded", "unchanged" or "updated"; NULL on error. */
static const char *
load_state(sqlite3 *db, const struct plan *p, const char *norm,
	   struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db, "SELECT json FROM report_plan WHERE id = ?", e);
	const char *state = NULL;

	if (st == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		state = strcmp((const char *)sqlite3_column_text(st, 0),
			       norm) == 0
				? "unchanged"
				: "updated";
		break;
	case SQLITE_DONE: state = "loaded"; break;
	/* not "loaded": a plan stored already would be said new */
	default:
		gk_err_set(e, "cannot read the stored plan: %s", db_errmsg(db));
	}
	sqlite3_finalize(st);
	return state;
}

/* The plan stored, or stored again, as the last one loaded. */
static int
store_plan(sqlite3 *db, const struct plan *p, const char *norm,
	   const char *today, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"INSERT INTO report_plan (id, title, json, loaded_at, seq)"
		" VALUES (?1, ?2, ?3, ?4,"
		"  (SELECT COALESCE(MAX(seq), 0) + 1 FROM report_plan))"
		" ON CONFLICT (id) DO UPDATE SET title = ?2, json = ?3,"
		"  loaded_at = ?4,"
		"  seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM report_plan)",
		e);
	int rc = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, norm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, today, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		gk_err_set(e, "cannot store the plan: %s", db_errmsg(db));
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* The plan record of a file loaded. */
static cJSON *
loaded_record(const struct plan *p, const char *path, const char *state,
	      long kept, long orphans)
{
	cJSON *o = cJSON_CreateObject();
	size_t nms = 0, nsafe = 0;

	for (size_t i = 0; i < p->ntasks; i++) {
		nms += p->tasks[i].nms;
		nsafe += p->tasks[i].safeguard;
	}
	cJSON_AddStringToObject(o, "type", "plan");
	cJSON_AddStringToObject(o, "plan", p->id);
	cJSON_AddStringToObject(o, "title", p->title);
	cJSON_AddStringToObject(o, "file", path);
	cJSON_AddStringToObject(o, "state", state);
	cJSON_AddNumberToObject(o, "tasks", (double)(p->ntasks - nsafe));
	cJSON_AddNumberToObject(o, "safeguards", (double)nsafe);
	cJSON_AddNumberToObject(o, "units", (double)p->nunits);
	cJSON_AddNumberToObject(o, "milestones", (double)nms);
	cJSON_AddNumberToObject(o, "progress_kept", (double)kept);
	cJSON_AddNumberToObject(o, "progress_orphaned", (double)orphans);
	return o;
}

int
plan_load_file(sqlite3 *db, const char *file, const char *today, cJSON **record,
	       struct gk_err *e)
{
	/* "-": standard input, named as every tool names it */
	const char *path = strcmp(file, "-") == 0 ? "(stdin)" : file;
	size_t len;
	char *text = read_file(file, path, &len, e), *norm = NULL;
	cJSON *root = NULL;
	struct plan p;
	const char *state;
	long kept = 0, orphans;
	int rc = -1;

	memset(&p, 0, sizeof p);
	if (text == NULL)
		return -1;
	root = parse_text(text, len, path, e);
	if (root == NULL || plan_parse(root, path, &p, e) < 0)
		goto out;
	norm = cJSON_PrintUnformatted(root);
	state = load_state(db, &p, norm, e);
	if (state == NULL || store_plan(db, &p, norm, today, e) < 0)
		goto out;
	orphans = count_orphans(db, &p, &kept, e);
	if (orphans < 0)
		goto out;
	*record = loaded_record(&p, path, state, kept, orphans);
	rc = 0;
out:
	plan_release(&p);
	cJSON_Delete(root);
	free(norm);
	free(text);
	return rc;
}

int
plan_fetch(sqlite3 *db, const char *id, struct plan *p, struct gk_err *e)
{
	sqlite3_stmt *st;
	cJSON *root = NULL;
	struct gk_buf cmd;
	int rc = -1;

	st = db_prepare(
		db,
		id ? "SELECT json FROM report_plan WHERE id = ?"
		   : "SELECT json FROM report_plan ORDER BY seq DESC LIMIT 1",
		e);
	if (st == NULL)
		return -1;
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: break;
	case SQLITE_DONE:
		/* the database named (a cron job may not have the GOVKIT_DB
		 * of a shell) in the command that loads a plan into it, its
		 * path quoted for the shell, the command last on the line */
		buf_init(&cmd);
		buf_adds(&cmd, "gov-report --db ");
		buf_add_shell_word(&cmd, sqlite3_db_filename(db, "main"));
		if (id)
			gk_err_set(
				e,
				"no plan '%s' in the database; to load it, run: %s plan load FILE",
				id, cmd.data);
		else
			gk_err_set(
				e,
				"no plan in the database; to load one, run: %s plan load FILE",
				cmd.data);
		buf_release(&cmd);
		goto out;
	default: gk_err_set(e, "database: %s", db_errmsg(db)); goto out;
	}
	root = cJSON_Parse((const char *)sqlite3_column_text(st, 0));
	if (root == NULL) {
		gk_err_set(e, "the stored plan is damaged");
		goto out;
	}
	rc = plan_parse(root, "stored plan", p, e);
out:
	cJSON_Delete(root);
	sqlite3_finalize(st);
	return rc;
}
