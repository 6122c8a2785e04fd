/*
 * report.h: gov-report's own modules (cmd/report/), shared between its files.
 *
 * plan.c      the plan: parse, validate, store, fetch; units by id/name/alias
 * progress.c  progress records: validate, add with history, fetch
 * compile.c   a quarter compiled: task status, compliance, missing, milestones
 * render.c    records, text and Markdown renderings of a compiled quarter
 * workbook.c  the quarterly workbook and the unit's template (libxlsxwriter)
 * main.c      options and subcommands
 */
#ifndef REPORT_H
#define REPORT_H

#include "govkit.h"

/* Days after a quarter's last day by which its reports are due. */
#define REPORT_GRACE_DAYS_DEFAULT 5
/* --grace-days at most. */
#define REPORT_GRACE_DAYS_MAX 366
/* The last year a date is written for (date_format: four digits). */
#define REPORT_YEAR_MAX 9999
/* A milestone is "due" from this many quarters before its due quarter. */
#define REPORT_DUE_HORIZON 1

enum lang {
	LANG_EN,
	LANG_ZH,
};
/* A label in the report's language. */
#define TR(l, en, zh) ((l) == LANG_ZH ? (zh) : (en))

/* Progress statuses, in the order the reports list them. */
enum pstatus {
	PS_NOT_STARTED,
	PS_ON_TRACK,
	PS_AT_RISK,
	PS_DELAYED,
	PS_DONE,
	PS_COUNT,
	/* Task status only: no lead unit reported. */
	PS_UNREPORTED = PS_COUNT,
	PS_TASK_COUNT,
};

const char *pstatus_code(int s);               /* "on-track" */
const char *pstatus_label(int s, enum lang l); /* "按计划推进" */
/* From a code or a Chinese label; -1 if neither. */
int pstatus_parse(const char *s);

enum role {
	ROLE_LEAD,
	ROLE_COOPERATING,
};
const char *role_code(enum role r);
const char *role_label(enum role r, enum lang l);

struct unit {
	char *id, *name, *kind;
	char **aliases;
	size_t naliases;
};

struct milestone {
	struct gk_quarter due;
	char *target;
};

struct task {
	char *id, *section, *title, *summary;
	bool safeguard;
	size_t *lead, nlead; /* unit indexes */
	size_t *coop, ncoop;
	struct milestone *ms;
	size_t nms;
	struct gk_quarter start, end; /* active quarters */
	size_t section_idx;
};

struct plan {
	char *id, *title, *issued;
	struct gk_quarter start, end;
	struct unit *units;
	size_t nunits;
	struct task *tasks;
	size_t ntasks;
	char **sections;
	size_t nsections;
	/* Output option carried with the plan: show personal data in the
	 * units' free text (summary, issues, ...) as it is. */
	bool no_mask;
};

/* plan.c */
int plan_parse(const cJSON *root, const char *name, struct plan *p,
	       struct gk_err *e);
void plan_release(struct plan *p);
/* *s without the blanks before it (ASCII, no-break, full-width); returns
 * its length without those after it. */
size_t plan_name_trim(const char **s);
/* Index of the unit named by id, name or alias, blanks around it aside;
 * -1 if none.  So plan_task_find of a task id. */
long plan_unit_find(const struct plan *p, const char *s);
long plan_task_find(const struct plan *p, const char *id);
/* The unit's role on the task: 0 lead, 1 cooperating, -1 none. */
int plan_task_role(const struct task *t, size_t unit);
bool plan_task_active(const struct task *t, const struct gk_quarter *q);
/* Can the reports of q be dated: is its deadline, with the most grace
 * days, a date up to REPORT_YEAR_MAX?  And the last quarter that is. */
bool plan_quarter_datable(const struct gk_quarter *q);
void plan_quarter_last_datable(struct gk_quarter *q);
/* Store the plan file in the database, inside the caller's transaction
 * (which it rolls back on -1); out: record describing it. */
int plan_load_file(sqlite3 *db, const char *path, const char *today,
		   cJSON **record, struct gk_err *e);
/* The plan named id, or the last loaded when id is NULL. */
int plan_fetch(sqlite3 *db, const char *id, struct plan *p, struct gk_err *e);

/* A progress record as stored. */
struct progress {
	size_t task, unit; /* plan indexes */
	struct gk_quarter quarter;
	int status;
	int percent; /* -1: not given */
	char *summary, *issues, *next_steps, *reason, *evidence, *reported;
};

struct progress_set {
	struct progress *v;
	size_t n;
};

/* progress.c */
struct add_options {
	const char *today; /* YYYY-MM-DD */
	struct gk_quarter today_q;
	enum gk_format format;
	bool submit;
	FILE *out;           /* where records go: stdout or -o FILE */
	struct gk_out *dest; /* ... opened as this */
};
/* Validate and add every input; returns exit status.  Prints records.
 * Nothing is added when the run fails (exit 2), the records accepted by
 * it dropped from *accepted again. */
int progress_add(sqlite3 *db, const struct plan *p, char **files, int nfiles,
		 const struct add_options *o, cJSON ***accepted,
		 size_t *naccepted);
/* The end of a run's transaction (plan load, add), by its exit status rc:
 * rolled back when the run failed (2), committed otherwise; returns rc,
 * or 2 when the commit fails (said on stderr). */
int report_tx_end(sqlite3 *db, int rc);
/* All current (not superseded) progress of the plan, for people to read:
 * ID and phone numbers in the free text masked unless p->no_mask. */
int progress_fetch(sqlite3 *db, const struct plan *p, struct progress_set *s,
		   struct gk_err *e);
/* The same, the text as the units sent it: for delivery to the central
 * platform, which gets the real data (and the same text `add --submit`
 * sent, so that a record is recognised as delivered), never for display. */
int progress_fetch_raw(sqlite3 *db, const struct plan *p,
		       struct progress_set *s, struct gk_err *e);
/* Every report as the units sent it, the replaced ones too: what an
 * earlier --submit may have delivered. */
int progress_fetch_every_raw(sqlite3 *db, const struct plan *p,
			     struct progress_set *s, struct gk_err *e);
void progress_set_release(struct progress_set *s);
/* Every report (replaced ones too) of a quarter and/or unit (NULL, -1:
 * all), printed to fp as progress records with "current", "added",
 * "source". */
int progress_history(sqlite3 *db, const struct plan *p, const char *quarter,
		     long unit, FILE *fp, enum gk_format fmt, struct gk_err *e);
/* A stored progress record as the contract's JSON record. */
cJSON *progress_to_json(const struct plan *p, const struct progress *r);

/* compile.c */
struct unit_report {
	size_t unit;
	enum role role;
	const struct progress *r;    /* this quarter's, or NULL */
	const struct progress *prev; /* the previous quarter's, or NULL */
};

enum ms_state {
	MS_UPCOMING,
	MS_DUE,
	MS_OVERDUE,
	MS_MET,
	MS_COUNT,
};
const char *ms_state_code(enum ms_state s);
const char *ms_state_label(enum ms_state s, enum lang l);

struct task_status {
	const struct task *t;
	size_t task;
	bool active;
	int status;      /* pstatus or PS_UNREPORTED */
	int percent;     /* -1 unknown */
	int prev_status; /* previous quarter, PS_UNREPORTED if none */
	int prev_percent;
	struct unit_report *units;
	size_t nunits, nreported, nmissing;
	enum ms_state *ms;
};

struct unit_comp {
	size_t unit;
	size_t owed, received, late;
	size_t *missing; /* task indexes */
	size_t nmissing;
};

struct compiled {
	const struct plan *p;
	struct gk_quarter q;
	char today[11];
	char deadline[11];
	struct task_status *tasks;
	size_t ntasks;
	struct unit_comp *units; /* only units owing a report, plan order */
	size_t nunits;
	/* summary */
	size_t active, by_status[PS_TASK_COUNT];
	size_t owed, received, late, missing, units_missing;
	size_t ms_by_state[MS_COUNT];
	/* [section][status] */
	size_t *section_status;
};

struct compile_options {
	struct gk_quarter q;
	const char *today;
	long grace_days;
	bool latest; /* status: each unit's latest report up to q */
};
int compile_quarter(const struct plan *p, const struct progress_set *s,
		    const struct compile_options *o, struct compiled *c);
void compiled_release(struct compiled *c);
/* Is the task/unit report of this quarter late? */
bool compile_is_late(const struct compiled *c, const struct progress *r);
/* Has the quarter's deadline passed (today after it)?  Before, a report
 * not received is not yet due: not missing for --strict, and said so. */
bool compile_overdue(const struct compiled *c);
/* The issues a lead unit reported for the quarter itself, or NULL (none,
 * a cooperating unit, or its latest report is of an earlier quarter):
 * what the quarter's report says a task's problems are. */
const char *compile_lead_issues(const struct compiled *c,
				const struct unit_report *ur);

/* render.c */
enum render_what {
	RENDER_QUARTER,
	RENDER_STATUS,
	RENDER_MISSING,
};
/* fmt NDJSON, TEXT, or md (md != 0).  -1 on write error. */
int render_records(FILE *fp, const struct compiled *c, enum render_what w);
int render_text(FILE *fp, const struct compiled *c, enum render_what w,
		enum lang l);
int render_markdown(FILE *fp, const struct compiled *c, enum render_what w,
		    enum lang l);
cJSON *render_task_status(const struct compiled *c,
			  const struct task_status *ts);
cJSON *render_summary(const struct compiled *c);
int trend_of(const struct task_status *ts); /* -1 down, 0 same, 1 up, 2 new */
const char *trend_code(int t);
const char *trend_label(int t, enum lang l);
/* "2025年第三季度" / "2025 Q3" */
void quarter_label(const struct gk_quarter *q, enum lang l, char *out,
		   size_t n);

/* workbook.c */
/* The quarterly workbook written to file, the temporary name that
 * out_tmp_reserve gave for path (the caller commits or aborts it, so the
 * workbook appears only when the whole run has succeeded); path names it
 * in messages.  Both return -1 on error, else the number of texts cut
 * to the 32,767 characters a cell holds, each named on stderr. */
int workbook_quarter(const struct compiled *c, const struct progress_set *s,
		     const char *file, const char *path, enum lang l,
		     struct gk_err *e);
int workbook_template(const struct plan *p, const struct progress_set *s,
		      const struct gk_quarter *q, size_t unit,
		      const char *today, long grace_days, const char *path,
		      enum lang l, struct gk_err *e);

/* The Chinese and English labels of the template's columns, by key. */
struct column_label {
	const char *key, *zh, *en;
};
extern const struct column_label progress_columns[];
extern const size_t progress_column_count;

#endif /* REPORT_H */
