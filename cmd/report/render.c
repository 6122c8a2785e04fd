/*
 * render.c: a compiled quarter as records (JSON Lines), as text for a
 * terminal, and as Markdown for a document.
 */
#include <string.h>

#include "report.h"

/* Tenths of a percent, rounded half up, for stable output. */
static double
pct(size_t num, size_t den)
{
	if (den == 0)
		return 100.0;
	return (double)((num * 2000 + den) / (2 * den)) / 10.0;
}

void
quarter_label(const struct gk_quarter *q, enum lang l, char *out, size_t n)
{
	static const char *const zh[] = {"", "一", "二", "三", "四"};

	if (l == LANG_ZH)
		snprintf(out, n, "%d年第%s季度", q->year, zh[q->q]);
	else
		snprintf(out, n, "%d Q%d", q->year, q->q);
}

int
trend_of(const struct task_status *ts)
{
	if (ts->percent < 0)
		return 3;
	if (ts->prev_percent < 0)
		return 2;
	return ts->percent > ts->prev_percent   ? 1
	       : ts->percent < ts->prev_percent ? -1
						: 0;
}

const char *
trend_code(int t)
{
	switch (t) {
	case -1: return "down";
	case 0: return "flat";
	case 1: return "up";
	case 2: return "new";
	default: return "none";
	}
}

const char *
trend_label(int t, enum lang l)
{
	switch (t) {
	case -1: return TR(l, "down", "下降");
	case 0: return TR(l, "no change", "持平");
	case 1: return TR(l, "up", "上升");
	case 2: return TR(l, "first report", "首次报送");
	default: return TR(l, "-", "—");
	}
}

static void
add_percent(cJSON *o, const char *key, int v)
{
	if (v >= 0)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* A record of the compiled quarter: every one starts with its type, the
 * plan and the quarter, in that order. */
static cJSON *
quarter_record(const struct compiled *c, const char *type)
{
	cJSON *o = cJSON_CreateObject();
	char q[8];

	quarter_format(&c->q, q);
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddStringToObject(o, "plan", c->p->id);
	cJSON_AddStringToObject(o, "quarter", q);
	return o;
}

/* A record about one unit in the quarter: its id and name follow. */
static cJSON *
unit_record(const struct compiled *c, const struct unit_comp *uc,
	    const char *type)
{
	const struct unit *u = &c->p->units[uc->unit];
	cJSON *o = quarter_record(c, type);

	cJSON_AddStringToObject(o, "unit", u->id);
	cJSON_AddStringToObject(o, "name", u->name);
	return o;
}

cJSON *
render_task_status(const struct compiled *c, const struct task_status *ts)
{
	const struct plan *p = c->p;
	const struct task *t = ts->t;
	cJSON *o = quarter_record(c, "task-status"), *units, *ms, *lead,
	      *issues;

	cJSON_AddStringToObject(o, "task", t->id);
	cJSON_AddStringToObject(o, "kind", t->safeguard ? "safeguard" : "task");
	cJSON_AddStringToObject(o, "section", t->section);
	cJSON_AddStringToObject(o, "title", t->title);
	cJSON_AddBoolToObject(o, "active", ts->active);
	cJSON_AddStringToObject(o, "status", pstatus_code(ts->status));
	add_percent(o, "percent", ts->percent);
	cJSON_AddStringToObject(o, "previous_status",
				pstatus_code(ts->prev_status));
	add_percent(o, "previous_percent", ts->prev_percent);
	cJSON_AddStringToObject(o, "trend", trend_code(trend_of(ts)));
	lead = cJSON_AddArrayToObject(o, "lead");
	for (size_t k = 0; k < t->nlead; k++)
		cJSON_AddItemToArray(
			lead, cJSON_CreateString(p->units[t->lead[k]].id));
	cJSON_AddNumberToObject(o, "units_owing",
				ts->active ? (double)ts->nunits : 0);
	cJSON_AddNumberToObject(o, "units_reported", (double)ts->nreported);
	cJSON_AddNumberToObject(o, "units_missing", (double)ts->nmissing);
	units = cJSON_AddArrayToObject(o, "units");
	issues = cJSON_CreateArray();
	for (size_t k = 0; k < ts->nunits; k++) {
		const struct unit_report *ur = &ts->units[k];
		cJSON *u = cJSON_CreateObject();
		bool now = ur->r && quarter_cmp(&ur->r->quarter, &c->q) == 0;

		cJSON_AddStringToObject(u, "unit", p->units[ur->unit].id);
		cJSON_AddStringToObject(u, "name", p->units[ur->unit].name);
		cJSON_AddStringToObject(u, "role", role_code(ur->role));
		cJSON_AddBoolToObject(u, "reported", now);
		if (ur->r) {
			char rq[8];

			quarter_format(&ur->r->quarter, rq);
			cJSON_AddStringToObject(u, "status",
						pstatus_code(ur->r->status));
			add_percent(u, "percent", ur->r->percent);
			cJSON_AddStringToObject(u, "as_of", rq);
			cJSON_AddBoolToObject(u, "late",
					      now && compile_is_late(c, ur->r));
			if (ur->r->issues && ur->role == ROLE_LEAD)
				cJSON_AddItemToArray(
					issues,
					cJSON_CreateString(ur->r->issues));
		} else {
			cJSON_AddNullToObject(u, "status");
			cJSON_AddNullToObject(u, "percent");
		}
		cJSON_AddItemToArray(units, u);
	}
	ms = cJSON_AddArrayToObject(o, "milestones");
	for (size_t m = 0; m < t->nms; m++) {
		cJSON *x = cJSON_CreateObject();
		char d[8];

		quarter_format(&t->ms[m].due, d);
		cJSON_AddStringToObject(x, "due", d);
		cJSON_AddStringToObject(x, "target", t->ms[m].target);
		cJSON_AddStringToObject(x, "state", ms_state_code(ts->ms[m]));
		cJSON_AddItemToArray(ms, x);
	}
	cJSON_AddItemToObject(o, "issues", issues);
	return o;
}

static cJSON *
render_unit(const struct compiled *c, const struct unit_comp *uc)
{
	const struct plan *p = c->p;
	cJSON *o = unit_record(c, uc, "unit-compliance"), *m;

	cJSON_AddStringToObject(o, "kind", p->units[uc->unit].kind);
	cJSON_AddNumberToObject(o, "owed", (double)uc->owed);
	cJSON_AddNumberToObject(o, "received", (double)uc->received);
	cJSON_AddNumberToObject(o, "late", (double)uc->late);
	cJSON_AddNumberToObject(o, "missing", (double)uc->nmissing);
	cJSON_AddNumberToObject(o, "rate", pct(uc->received, uc->owed));
	m = cJSON_AddArrayToObject(o, "missing_tasks");
	for (size_t i = 0; i < uc->nmissing; i++)
		cJSON_AddItemToArray(
			m, cJSON_CreateString(p->tasks[uc->missing[i]].id));
	return o;
}

static cJSON *
render_missing(const struct compiled *c, const struct unit_comp *uc)
{
	const struct plan *p = c->p;
	cJSON *o = unit_record(c, uc, "missing"), *m;

	cJSON_AddStringToObject(o, "deadline", c->deadline);
	m = cJSON_AddArrayToObject(o, "tasks");
	for (size_t i = 0; i < uc->nmissing; i++) {
		const struct task *t = &p->tasks[uc->missing[i]];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "task", t->id);
		cJSON_AddStringToObject(x, "title", t->title);
		cJSON_AddStringToObject(
			x, "role",
			role_code(plan_task_role(t, uc->unit) == ROLE_LEAD
					  ? ROLE_LEAD
					  : ROLE_COOPERATING));
		cJSON_AddItemToArray(m, x);
	}
	return o;
}

cJSON *
render_summary(const struct compiled *c)
{
	cJSON *o = quarter_record(c, "summary"), *bs, *ms;

	cJSON_AddStringToObject(o, "today", c->today);
	cJSON_AddStringToObject(o, "deadline", c->deadline);
	cJSON_AddNumberToObject(o, "tasks", (double)c->ntasks);
	cJSON_AddNumberToObject(o, "active", (double)c->active);
	bs = cJSON_AddObjectToObject(o, "by_status");
	for (int s = 0; s < PS_TASK_COUNT; s++)
		cJSON_AddNumberToObject(bs, pstatus_code(s),
					(double)c->by_status[s]);
	cJSON_AddNumberToObject(o, "units_owing", (double)c->nunits);
	cJSON_AddNumberToObject(o, "units_missing", (double)c->units_missing);
	cJSON_AddNumberToObject(o, "reports_owed", (double)c->owed);
	cJSON_AddNumberToObject(o, "reports_received", (double)c->received);
	cJSON_AddNumberToObject(o, "reports_late", (double)c->late);
	cJSON_AddNumberToObject(o, "reports_missing", (double)c->missing);
	cJSON_AddNumberToObject(o, "compliance", pct(c->received, c->owed));
	ms = cJSON_AddObjectToObject(o, "milestones");
	for (int s = 0; s < MS_COUNT; s++)
		cJSON_AddNumberToObject(ms, ms_state_code(s),
					(double)c->ms_by_state[s]);
	return o;
}

static int
emit(FILE *fp, cJSON *o)
{
	int rc = jl_write(fp, o);

	cJSON_Delete(o);
	return rc;
}

int
render_records(FILE *fp, const struct compiled *c, enum render_what w)
{
	if (w != RENDER_MISSING)
		for (size_t i = 0; i < c->ntasks; i++)
			if (emit(fp, render_task_status(c, &c->tasks[i])) < 0)
				return -1;
	if (w == RENDER_QUARTER)
		for (size_t i = 0; i < c->nunits; i++)
			if (emit(fp, render_unit(c, &c->units[i])) < 0)
				return -1;
	for (size_t i = 0; i < c->nunits && w != RENDER_STATUS; i++)
		if (c->units[i].nmissing > 0 &&
		    emit(fp, render_missing(c, &c->units[i])) < 0)
			return -1;
	if (w != RENDER_MISSING && emit(fp, render_summary(c)) < 0)
		return -1;
	return 0;
}

static void
text_percent(FILE *fp, int v)
{
	if (v >= 0)
		fprintf(fp, "%3d%%", v);
	else
		fputs("   -", fp);
}

/* s printable, padded to width display columns (a unit's id may be
 * Chinese: printf pads by bytes), in tmp. */
static const char *
text_padded(const char *s, size_t width, struct gk_buf *tmp)
{
	buf_reset(tmp);
	buf_add_padded(tmp, s, strlen(s), width);
	return tmp->data ? tmp->data : "";
}

/* A task's reports received of owed, "1/11" in out; its length. */
static int
text_reported(const struct task_status *ts, char *out, size_t n)
{
	return snprintf(out, n, "%zu/%zu", ts->nreported,
			ts->active ? ts->nunits : 0);
}

/* The widest reports received/owed of the tasks: the column is
 * right-aligned to it, so that "1/11" does not push its title out. */
static int
text_reported_width(const struct compiled *c)
{
	int rw = 0;
	char ro[48];

	for (size_t i = 0; i < c->ntasks; i++) {
		int n = text_reported(&c->tasks[i], ro, sizeof ro);
		if (n > rw)
			rw = n;
	}
	return rw;
}

/* A task's line, then one line per milestone due or overdue. */
static void
text_task(FILE *fp, const struct task_status *ts, int rw, struct gk_buf *tmp)
{
	char ro[48];

	fprintf(fp, "%s %-12s ", text_padded(ts->t->id, 4, tmp),
		pstatus_code(ts->status));
	text_percent(fp, ts->percent);
	text_reported(ts, ro, sizeof ro);
	fprintf(fp, " %-12s %*s  %s\n", trend_label(trend_of(ts), LANG_EN), rw,
		ro, text_printable(ts->t->title, tmp));
	for (size_t m = 0; m < ts->t->nms; m++)
		if (ts->ms[m] == MS_DUE || ts->ms[m] == MS_OVERDUE) {
			char d[8];

			quarter_format(&ts->t->ms[m].due, d);
			fprintf(fp, "     milestone %s %s: %s\n",
				ms_state_code(ts->ms[m]), d,
				text_printable(ts->t->ms[m].target, tmp));
		}
}

/* The plan's title and the quarter, then the tasks. */
static void
text_tasks(FILE *fp, const struct compiled *c, const char *ql,
	   struct gk_buf *tmp)
{
	int rw = text_reported_width(c);

	fprintf(fp, "%s: %s\n", text_printable(c->p->title, tmp), ql);
	for (size_t i = 0; i < c->ntasks; i++)
		text_task(fp, &c->tasks[i], rw, tmp);
}

/* Each unit's reports owed, received, late and missing. */
static void
text_units(FILE *fp, const struct compiled *c, struct gk_buf *t1,
	   struct gk_buf *t2)
{
	const struct plan *p = c->p;

	for (size_t i = 0; i < c->nunits; i++) {
		const struct unit_comp *uc = &c->units[i];

		fprintf(fp,
			"%s owed %2zu  received %2zu  late %2zu  missing %2zu  %s\n",
			text_padded(p->units[uc->unit].id, 16, t1), uc->owed,
			uc->received, uc->late, uc->nmissing,
			text_printable(p->units[uc->unit].name, t2));
	}
}

/*
 * The line that says whether the reports listed as missing are late: the
 * day compiled, the deadline and whether it has passed, the reports
 * missing of those owed and the units that owe them.  It heads the
 * missing section of missing and of quarter alike.
 */
static void
text_deadline(FILE *fp, const struct compiled *c)
{
	bool overdue = compile_overdue(c);

	fprintf(fp,
		"compiled %s, reports due by %s (%s): %zu of %zu reports %s, from %zu of %zu units\n",
		c->today, c->deadline, overdue ? "passed" : "not yet due",
		c->missing, c->owed, overdue ? "missing" : "not yet received",
		c->units_missing, c->nunits);
}

/*
 * What a mail of missing reports must say before its unit lines, the
 * unit lines alone telling neither the quarter nor the deadline: the
 * plan and the quarter, then the deadline line.
 */
static void
text_missing_head(FILE *fp, const struct compiled *c, const char *ql,
		  struct gk_buf *tmp)
{
	fprintf(fp, "%s: %s\n", text_printable(c->p->title, tmp), ql);
	text_deadline(fp, c);
	fputs("\n", fp);
}

/* A line per unit with reports missing (or not yet due): their tasks. */
static void
text_missing(FILE *fp, const struct compiled *c, struct gk_buf *t1,
	     struct gk_buf *t2)
{
	const struct plan *p = c->p;

	for (size_t i = 0; i < c->nunits; i++) {
		const struct unit_comp *uc = &c->units[i];

		if (uc->nmissing == 0)
			continue;
		fprintf(fp,
			compile_overdue(c) ? "missing %s (%s):"
					   : "not yet due %s (%s):",
			text_printable(p->units[uc->unit].name, t1),
			text_printable(p->units[uc->unit].id, t2));
		for (size_t k = 0; k < uc->nmissing; k++)
			fprintf(fp, " %s",
				text_printable(p->tasks[uc->missing[k]].id,
					       t1));
		fputs("\n", fp);
	}
}

/* The closing line: tasks by status, the reports (of a quarter), the
 * milestones due and overdue. */
static void
text_summary(FILE *fp, const struct compiled *c, enum render_what w)
{
	fprintf(fp,
		"\n%zu tasks: %zu done, %zu on track, %zu at risk, %zu delayed, %zu not started, %zu unreported; ",
		c->ntasks, c->by_status[PS_DONE], c->by_status[PS_ON_TRACK],
		c->by_status[PS_AT_RISK], c->by_status[PS_DELAYED],
		c->by_status[PS_NOT_STARTED], c->by_status[PS_UNREPORTED]);
	if (w == RENDER_QUARTER)
		fprintf(fp,
			"reports %zu/%zu received (%.1f%%), %zu late, %zu units missing; ",
			c->received, c->owed, pct(c->received, c->owed),
			c->late, c->units_missing);
	fprintf(fp, "milestones %zu due, %zu overdue\n", c->ms_by_state[MS_DUE],
		c->ms_by_state[MS_OVERDUE]);
}

int
render_text(FILE *fp, const struct compiled *c, enum render_what w, enum lang l)
{
	struct gk_buf t1, t2; /* text from the plan, made printable */
	char ql[32];

	buf_init(&t1);
	buf_init(&t2);
	quarter_label(&c->q, l, ql, sizeof ql);
	if (w != RENDER_MISSING)
		text_tasks(fp, c, ql, &t1);
	if (w == RENDER_QUARTER) {
		fputs("\n", fp);
		text_units(fp, c, &t1, &t2);
	}
	if (w != RENDER_STATUS) {
		/* the quarter's plan and quarter head it already; the
		 * deadline line says it, nothing missing too */
		if (w == RENDER_QUARTER) {
			fputs("\n", fp);
			text_deadline(fp, c);
		}
		/* nothing missing, no text at all: cron's mail -E sends none */
		else if (c->units_missing > 0)
			text_missing_head(fp, c, ql, &t1);
		text_missing(fp, c, &t1, &t2);
	}
	if (w != RENDER_MISSING)
		text_summary(fp, c, w);
	buf_release(&t1);
	buf_release(&t2);
	return ferror(fp) ? -1 : 0;
}

/*
 * Text from the plan or the reports (titles, names, ids, targets,
 * issues), made inert: it can open no line, heading, list item, table
 * cell or inline markup of its own.  A line break (CR, LF, CRLF) becomes
 * a space, and so does any other control character (ESC, tab, DEL, C1,
 * a bidirectional override or isolate);
 * \ ` * _ ~ [ ] < > # | & get a backslash before them wherever they are;
 * at the text's start, so do - and +, and the . or ) after leading
 * digits (a list item's marker).  man/gov-report.1 says the same.
 */
static void
md_text(FILE *fp, const char *s)
{
	const char *p = s, *q, *end;
	size_t c;

	if (s == NULL)
		return;
	end = s + strlen(s);
	if (*p == '-' || *p == '+')
		fputc('\\', fp);
	for (q = p; *q >= '0' && *q <= '9'; q++)
		;
	if (q > p && (*q == '.' || *q == ')')) {
		fwrite(p, 1, (size_t)(q - p), fp);
		fputc('\\', fp);
		p = q;
	}
	for (; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			fputc(' ', fp);
			if (p[0] == '\r' && p[1] == '\n')
				p++;
			continue;
		}
		/* any other control (ESC, a tab, DEL, a C1 such as CSI, a
		 * bidirectional override): a space, as in the text form, so
		 * that the Markdown read on a terminal cannot act on it */
		if ((c = utf8_control_len(p, (size_t)(end - p))) > 0) {
			fputc(' ', fp);
			p += c - 1;
			continue;
		}
		if (strchr("\\`*_~[]<>#|&", *p) != NULL)
			fputc('\\', fp);
		fputc(*p, fp);
	}
}

/* A table cell: its text inert (md_text), | in it escaped. */
static void
md_cell(FILE *fp, const char *s)
{
	fputc(' ', fp);
	md_text(fp, s);
	fputs(" |", fp);
}

/* A table cell of gov-report's own (a label, a quarter): as it is. */
static void
md_label(FILE *fp, const char *s)
{
	fprintf(fp, " %s |", s);
}

static void
md_percent(FILE *fp, int v)
{
	if (v >= 0)
		fprintf(fp, " %d%% |", v);
	else
		fputs(" — |", fp);
}

static void
lead_names(const struct plan *p, const struct task *t, struct gk_buf *b)
{
	buf_reset(b);
	for (size_t k = 0; k < t->nlead; k++) {
		if (k)
			buf_adds(b, "、");
		buf_adds(b, p->units[t->lead[k]].name);
	}
}

/* Delayed and at-risk tasks with their lead units' issues, overdue
 * milestones: what a reader should see first. */
static void
md_attention(FILE *fp, const struct compiled *c, enum lang l)
{
	bool any = false;

	fprintf(fp, "## %s\n\n", TR(l, "Needs attention", "需关注事项"));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->ntasks; i++) {
			const struct task_status *ts = &c->tasks[i];
			int want = pass == 0 ? PS_DELAYED : PS_AT_RISK;

			if (!ts->active || ts->status != want)
				continue;
			any = true;
			fputs("- **", fp);
			md_text(fp, ts->t->id);
			fputc(' ', fp);
			md_text(fp, ts->t->title);
			fprintf(fp, "** (%s)", pstatus_label(want, l));
			for (size_t k = 0; k < ts->nunits; k++) {
				const char *issues =
					compile_lead_issues(c, &ts->units[k]);

				if (issues) {
					fputs(": ", fp);
					md_text(fp, issues);
					break;
				}
			}
			fputc('\n', fp);
		}
	for (size_t i = 0; i < c->ntasks; i++) {
		const struct task_status *ts = &c->tasks[i];

		for (size_t m = 0; m < ts->t->nms; m++) {
			char d[8];

			if (ts->ms[m] != MS_OVERDUE)
				continue;
			any = true;
			quarter_format(&ts->t->ms[m].due, d);
			fputs("- **", fp);
			md_text(fp, ts->t->id);
			fputc(' ', fp);
			md_text(fp, ts->t->title);
			fprintf(fp, "** (%s %s %s): ",
				TR(l, "milestone", "阶段目标"), d,
				ms_state_label(MS_OVERDUE, l));
			md_text(fp, ts->t->ms[m].target);
			fputc('\n', fp);
		}
	}
	if (!any)
		fprintf(fp, "%s\n", TR(l, "Nothing to flag.", "无。"));
	fputc('\n', fp);
}

/* The plan's title and the quarter; when compiled, when reports are due. */
static void
md_title(FILE *fp, const struct compiled *c, enum lang l)
{
	char ql[32];

	quarter_label(&c->q, l, ql, sizeof ql);
	fputs("# ", fp);
	md_text(fp, c->p->title);
	if (l == LANG_ZH)
		fprintf(fp, " %s工作落实情况\n\n", ql);
	else
		fprintf(fp, ": progress report, %s\n\n", ql);
	fprintf(fp, "%s %s · %s %s\n\n", TR(l, "Compiled", "汇总日期"),
		c->today, TR(l, "reports due by", "报送截止"), c->deadline);
}

/* Tasks by status, the reports (of a quarter), the milestones. */
static void
md_summary(FILE *fp, const struct compiled *c, enum render_what w, enum lang l)
{
	fprintf(fp, "## %s\n\n", TR(l, "Summary", "总体情况"));
	fprintf(fp, "- %s: %zu (%s %zu)\n",
		TR(l, "Tasks and safeguards", "重点任务和保障措施"), c->ntasks,
		TR(l, "active this quarter", "本季度在推进"), c->active);
	for (int s = 0; s < PS_TASK_COUNT; s++)
		fprintf(fp, "  - %s: %zu\n", pstatus_label(s, l),
			c->by_status[s]);
	if (w == RENDER_QUARTER) {
		fprintf(fp, "- %s: %zu / %zu (%.1f%%), %s %zu, %s %zu\n",
			TR(l, "Reports received", "已报送"), c->received,
			c->owed, pct(c->received, c->owed),
			TR(l, "late", "逾期报送"), c->late,
			TR(l, "missing", "未报送"), c->missing);
		fprintf(fp, "- %s: %zu / %zu\n",
			TR(l, "Units with missing reports",
			   "有未报送事项的单位"),
			c->units_missing, c->nunits);
	}
	fprintf(fp, "- %s: %zu %s, %zu %s\n\n", TR(l, "Milestones", "阶段目标"),
		c->ms_by_state[MS_DUE], ms_state_label(MS_DUE, l),
		c->ms_by_state[MS_OVERDUE], ms_state_label(MS_OVERDUE, l));
}

/* A table of the tasks: lead units, status, progress, trend, reports. */
static void
md_tasks(FILE *fp, const struct compiled *c, enum lang l)
{
	struct gk_buf b;

	buf_init(&b);
	fprintf(fp, "## %s\n\n", TR(l, "Tasks", "任务进展"));
	fprintf(fp,
		"| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---:|---|---:|\n",
		TR(l, "No.", "编号"), TR(l, "Task", "任务"),
		TR(l, "Lead", "牵头单位"), TR(l, "Status", "状态"),
		TR(l, "Progress", "进度"), TR(l, "Trend", "较上季度"),
		TR(l, "Reported", "报送"));
	for (size_t i = 0; i < c->ntasks; i++) {
		const struct task_status *ts = &c->tasks[i];

		fputc('|', fp);
		md_cell(fp, ts->t->id);
		md_cell(fp, ts->t->title);
		lead_names(c->p, ts->t, &b);
		md_cell(fp, b.data);
		md_label(fp, pstatus_label(ts->status, l));
		md_percent(fp, ts->percent);
		md_label(fp, trend_label(trend_of(ts), l));
		fprintf(fp, " %zu/%zu |\n", ts->nreported,
			ts->active ? ts->nunits : 0);
	}
	fputc('\n', fp);
	buf_release(&b);
}

/* A table of every task's milestones: target, due, state. */
static void
md_milestones(FILE *fp, const struct compiled *c, enum lang l)
{
	fprintf(fp, "## %s\n\n", TR(l, "Milestones", "阶段目标"));
	fprintf(fp, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
		TR(l, "No.", "编号"), TR(l, "Target", "目标"),
		TR(l, "Due", "到期"), TR(l, "State", "状态"));
	for (size_t i = 0; i < c->ntasks; i++) {
		const struct task_status *ts = &c->tasks[i];

		for (size_t m = 0; m < ts->t->nms; m++) {
			char d[8];

			quarter_format(&ts->t->ms[m].due, d);
			fputc('|', fp);
			md_cell(fp, ts->t->id);
			md_cell(fp, ts->t->ms[m].target);
			md_label(fp, d);
			md_label(fp, ms_state_label(ts->ms[m], l));
			fputc('\n', fp);
		}
	}
	fputc('\n', fp);
}

/* A table of each unit's reports owed, received, late, missing, rate. */
static void
md_units(FILE *fp, const struct compiled *c, enum lang l)
{
	fprintf(fp, "## %s\n\n", TR(l, "Reporting by unit", "各单位报送情况"));
	fprintf(fp,
		"| %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|\n",
		TR(l, "Unit", "单位"), TR(l, "Owed", "应报"),
		TR(l, "Received", "已报"), TR(l, "Late", "逾期"),
		TR(l, "Missing", "未报"), TR(l, "Rate", "报送率"));
	for (size_t i = 0; i < c->nunits; i++) {
		const struct unit_comp *uc = &c->units[i];

		fputc('|', fp);
		md_cell(fp, c->p->units[uc->unit].name);
		fprintf(fp, " %zu | %zu | %zu | %zu | %.1f%% |\n", uc->owed,
			uc->received, uc->late, uc->nmissing,
			pct(uc->received, uc->owed));
	}
	fputc('\n', fp);
}

/* A list item per unit with reports missing (or not yet due): its tasks. */
static void
md_missing(FILE *fp, const struct compiled *c, enum lang l)
{
	const struct plan *p = c->p;

	fprintf(fp, "## %s\n\n", TR(l, "Missing reports", "未报送情况"));
	if (c->units_missing == 0)
		fprintf(fp, "%s\n", TR(l, "None.", "无。"));
	else if (!compile_overdue(c))
		fprintf(fp,
			l == LANG_ZH
				? "尚未到报送截止日期(%s),以下为尚未报送的单位。\n\n"
				: "Not yet due: reports are due by %s; these have not come in yet.\n\n",
			c->deadline);
	for (size_t i = 0; i < c->nunits; i++) {
		const struct unit_comp *uc = &c->units[i];

		if (uc->nmissing == 0)
			continue;
		fputs("- ", fp);
		md_text(fp, p->units[uc->unit].name);
		fputc(':', fp);
		for (size_t k = 0; k < uc->nmissing; k++) {
			const struct task *t = &p->tasks[uc->missing[k]];

			fprintf(fp, "%s ", k ? "," : "");
			md_text(fp, t->id);
			fputc(' ', fp);
			md_text(fp, t->title);
		}
		fputc('\n', fp);
	}
}

int
render_markdown(FILE *fp, const struct compiled *c, enum render_what w,
		enum lang l)
{
	md_title(fp, c, l);
	if (w != RENDER_MISSING) {
		md_summary(fp, c, w, l);
		md_attention(fp, c, l);
		md_tasks(fp, c, l);
		md_milestones(fp, c, l);
	}
	if (w == RENDER_QUARTER)
		md_units(fp, c, l);
	if (w != RENDER_STATUS)
		md_missing(fp, c, l);
	return ferror(fp) ? -1 : 0;
}
