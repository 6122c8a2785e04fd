/*
 * compile.c: one quarter compiled from the plan and the progress received:
 * per task the status of its units and the trend, per unit its compliance,
 * the milestones, a summary.  Pure computation: no I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *const ms_codes[MS_COUNT] = {"upcoming", "due", "overdue",
					       "met"};
static const char *const ms_zh[MS_COUNT] = {"未到期", "即将到期", "已逾期",
					    "已完成"};
static const char *const ms_en[MS_COUNT] = {"Upcoming", "Due soon", "Overdue",
					    "Met"};

const char *
ms_state_code(enum ms_state s)
{
	return ms_codes[s];
}

const char *
ms_state_label(enum ms_state s, enum lang l)
{
	return l == LANG_ZH ? ms_zh[s] : ms_en[s];
}

/*
 * The reports of each task, in the set's order: a task's units look
 * through its own reports, not through every report of the plan (2,000
 * tasks with 50,000 reports took seconds, growing with their product).
 */
struct by_task {
	size_t *idx;   /* indexes into the set, task by task */
	size_t *start; /* task t's are idx[start[t] .. start[t + 1]) */
};

static void
by_task_init(struct by_task *b, const struct progress_set *s, size_t ntasks)
{
	size_t *at = gk_xcalloc(ntasks + 1, sizeof *at);

	b->idx = gk_xcalloc(s->n + 1, sizeof *b->idx);
	b->start = gk_xcalloc(ntasks + 2, sizeof *b->start);
	for (size_t i = 0; i < s->n; i++)
		b->start[s->v[i].task + 1]++;
	for (size_t t = 0; t < ntasks; t++)
		b->start[t + 1] += b->start[t];
	for (size_t i = 0; i < s->n; i++) {
		size_t t = s->v[i].task;
		b->idx[b->start[t] + at[t]++] = i;
	}
	free(at);
}

static void
by_task_release(struct by_task *b)
{
	free(b->idx);
	free(b->start);
}

/* The report of task/unit for exactly q, or with latest the newest up to q. */
static const struct progress *
find_report(const struct progress_set *s, const struct by_task *b, size_t task,
	    size_t unit, const struct gk_quarter *q, bool latest)
{
	const struct progress *best = NULL;

	for (size_t k = b->start[task]; k < b->start[task + 1]; k++) {
		const struct progress *r = &s->v[b->idx[k]];
		int c;

		if (r->unit != unit)
			continue;
		c = quarter_cmp(&r->quarter, q);
		if (c == 0)
			return r;
		if (latest && c < 0 &&
		    (best == NULL ||
		     quarter_cmp(&r->quarter, &best->quarter) > 0))
			best = r;
	}
	return best;
}

/*
 * Done before q: every lead unit's latest report before q says "done",
 * and its report for q, if any, does not say otherwise.  A lead that
 * reported "done" and then something else (the task reopened) has not
 * finished it.
 */
static bool
closed_before(const struct progress_set *s, const struct by_task *b,
	      const struct task *t, size_t ti, const struct gk_quarter *q)
{
	for (size_t k = 0; k < t->nlead; k++) {
		const struct progress *last = NULL;

		for (size_t i = b->start[ti]; i < b->start[ti + 1]; i++) {
			const struct progress *r = &s->v[b->idx[i]];
			int c = quarter_cmp(&r->quarter, q);

			if (r->unit != t->lead[k])
				continue;
			if (c == 0 && r->status != PS_DONE)
				return false; /* reopened in q */
			if (c < 0 &&
			    (last == NULL ||
			     quarter_cmp(&r->quarter, &last->quarter) > 0))
				last = r;
		}
		if (last == NULL || last->status != PS_DONE)
			return false;
	}
	return true;
}

/*
 * A task's status from its lead units' reports: done when all are done,
 * else the worst of delayed, at-risk, then on-track when any is under way,
 * else not-started.  Percent: the mean over the leads that gave one.
 */
static void
task_overall(const struct progress *const *r, size_t n, int *status,
	     int *percent)
{
	size_t got = 0, done = 0, withp = 0;
	long sum = 0;
	bool delayed = false, risk = false, moving = false;

	for (size_t i = 0; i < n; i++) {
		if (r[i] == NULL)
			continue;
		got++;
		done += r[i]->status == PS_DONE;
		delayed |= r[i]->status == PS_DELAYED;
		risk |= r[i]->status == PS_AT_RISK;
		moving |=
			r[i]->status == PS_ON_TRACK || r[i]->status == PS_DONE;
		if (r[i]->percent >= 0) {
			sum += r[i]->percent;
			withp++;
		}
	}
	*percent =
		withp ? (int)((sum * 2 + (long)withp) / (2 * (long)withp)) : -1;
	if (got == 0)
		*status = PS_UNREPORTED;
	else if (done == n)
		*status = PS_DONE;
	else if (delayed)
		*status = PS_DELAYED;
	else if (risk)
		*status = PS_AT_RISK;
	else if (moving)
		*status = PS_ON_TRACK;
	else
		*status = PS_NOT_STARTED;
}

bool
compile_is_late(const struct compiled *c, const struct progress *r)
{
	return r->reported != NULL && strcmp(r->reported, c->deadline) > 0;
}

bool
compile_overdue(const struct compiled *c)
{
	return strcmp(c->today, c->deadline) > 0;
}

const char *
compile_lead_issues(const struct compiled *c, const struct unit_report *ur)
{
	if (ur->role != ROLE_LEAD || ur->r == NULL ||
	    quarter_cmp(&ur->r->quarter, &c->q) != 0)
		return NULL;
	return ur->r->issues;
}

static void
compile_task(const struct plan *p, const struct progress_set *s,
	     const struct by_task *b, const struct compile_options *o,
	     struct compiled *c, size_t ti)
{
	const struct task *t = &p->tasks[ti];
	struct task_status *ts = &c->tasks[ti];
	struct gk_quarter prevq = o->q;
	const struct progress **now, **before;
	bool closed;

	quarter_add(&prevq, -1);
	ts->t = t;
	ts->task = ti;
	closed = closed_before(s, b, t, ti, &o->q);
	ts->active = plan_task_active(t, &o->q) && !closed;
	ts->nunits = t->nlead + t->ncoop;
	ts->units = gk_xcalloc(ts->nunits + 1, sizeof *ts->units);
	now = gk_xcalloc(t->nlead + 1, sizeof *now);
	before = gk_xcalloc(t->nlead + 1, sizeof *before);
	for (size_t k = 0; k < ts->nunits; k++) {
		struct unit_report *ur = &ts->units[k];

		ur->role = k < t->nlead ? ROLE_LEAD : ROLE_COOPERATING;
		ur->unit = k < t->nlead ? t->lead[k] : t->coop[k - t->nlead];
		ur->r = find_report(s, b, ti, ur->unit, &o->q, o->latest);
		ur->prev = find_report(s, b, ti, ur->unit, &prevq, o->latest);
		if (ur->r != NULL && quarter_cmp(&ur->r->quarter, &o->q) == 0)
			ts->nreported++;
		else if (ts->active)
			ts->nmissing++;
		if (k < t->nlead) {
			now[k] = ur->r;
			before[k] = ur->prev;
		}
	}
	task_overall(now, t->nlead, &ts->status, &ts->percent);
	task_overall(before, t->nlead, &ts->prev_status, &ts->prev_percent);
	if (closed) {
		ts->status = ts->prev_status = PS_DONE;
		ts->percent = ts->prev_percent = 100;
	}
	free(now);
	free(before);
	ts->ms = gk_xcalloc(t->nms + 1, sizeof *ts->ms);
	for (size_t m = 0; m < t->nms; m++) {
		struct gk_quarter horizon = o->q;

		quarter_add(&horizon, REPORT_DUE_HORIZON);
		if (ts->status == PS_DONE)
			ts->ms[m] = MS_MET;
		else if (quarter_cmp(&t->ms[m].due, &o->q) < 0)
			ts->ms[m] = MS_OVERDUE;
		else if (quarter_cmp(&t->ms[m].due, &horizon) <= 0)
			ts->ms[m] = MS_DUE;
		else
			ts->ms[m] = MS_UPCOMING;
		c->ms_by_state[ts->ms[m]]++;
	}
	if (ts->active || closed) {
		c->by_status[ts->status]++;
		c->section_status[t->section_idx * PS_TASK_COUNT +
				  (size_t)ts->status]++;
	}
	c->active += ts->active;
}

static void
compile_units(const struct plan *p, struct compiled *c)
{
	c->units = gk_xcalloc(p->nunits + 1, sizeof *c->units);
	for (size_t u = 0; u < p->nunits; u++) {
		struct unit_comp uc;

		memset(&uc, 0, sizeof uc);
		uc.unit = u;
		for (size_t ti = 0; ti < c->ntasks; ti++) {
			const struct task_status *ts = &c->tasks[ti];

			if (!ts->active)
				continue;
			for (size_t k = 0; k < ts->nunits; k++) {
				const struct unit_report *ur = &ts->units[k];

				if (ur->unit != u)
					continue;
				uc.owed++;
				if (ur->r != NULL &&
				    quarter_cmp(&ur->r->quarter, &c->q) == 0) {
					uc.received++;
					uc.late += compile_is_late(c, ur->r);
				} else {
					uc.missing = gk_xrealloc(
						uc.missing,
						(uc.nmissing + 1) *
							sizeof *uc.missing);
					uc.missing[uc.nmissing++] = ti;
				}
			}
		}
		if (uc.owed == 0)
			continue;
		c->owed += uc.owed;
		c->received += uc.received;
		c->late += uc.late;
		c->missing += uc.nmissing;
		c->units_missing += uc.nmissing > 0;
		c->units[c->nunits++] = uc;
	}
}

int
compile_quarter(const struct plan *p, const struct progress_set *s,
		const struct compile_options *o, struct compiled *c)
{
	struct gk_date last;
	struct by_task b;

	memset(c, 0, sizeof *c);
	c->p = p;
	c->q = o->q;
	snprintf(c->today, sizeof c->today, "%s", o->today);
	quarter_last_day(&o->q, &last);
	date_from_days(date_to_days(&last) + o->grace_days, &last);
	date_format(&last, c->deadline);
	c->ntasks = p->ntasks;
	c->tasks = gk_xcalloc(p->ntasks + 1, sizeof *c->tasks);
	c->section_status = gk_xcalloc((p->nsections + 1) * PS_TASK_COUNT,
				       sizeof *c->section_status);
	by_task_init(&b, s, p->ntasks);
	for (size_t ti = 0; ti < p->ntasks; ti++)
		compile_task(p, s, &b, o, c, ti);
	by_task_release(&b);
	compile_units(p, c);
	return 0;
}

void
compiled_release(struct compiled *c)
{
	for (size_t i = 0; i < c->ntasks; i++) {
		free(c->tasks[i].units);
		free(c->tasks[i].ms);
	}
	free(c->tasks);
	for (size_t i = 0; i < c->nunits; i++)
		free(c->units[i].missing);
	free(c->units);
	free(c->section_status);
	memset(c, 0, sizeof *c);
}
