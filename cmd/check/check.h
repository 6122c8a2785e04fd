/*
 * check.h: gov-check's own modules (cmd/check/).
 *
 *   main.c    options, usage, the loop over files
 *   engine.c  one file: reading rows, every check, in one pass
 *   report.c  findings and summaries out (JSON Lines or text), scores
 *   track.c   --track: findings remembered in the local database
 *   keyset.c  the hash set behind unique, primary-key, duplicate-row;
 *             the index of column names
 *   source.c  rows from CSV/TSV (csv.c) or JSON Lines
 *   pipe.c    the reader thread: parsing beside checking
 */
#ifndef CHECK_H
#define CHECK_H

#include "govkit.h"

/* The check codes of the contract, in the order of its table. */
enum chk_code {
	CK_ENCODING,
	CK_BLANK_HEADER,
	CK_DUPLICATE_HEADER,
	CK_MISSING_COLUMN,
	CK_EXTRA_COLUMN,
	CK_EXTRA_CELL,
	CK_MISSING_CELL,
	CK_BLANK_ROW,
	CK_REQUIRED,
	CK_TYPE,
	CK_FORMAT,
	CK_PATTERN,
	CK_ENUM,
	CK_MIN_LENGTH,
	CK_MAX_LENGTH,
	CK_MINIMUM,
	CK_MAXIMUM,
	CK_DUPLICATE_ROW,
	CK_UNIQUE,
	CK_PRIMARY_KEY,
	CK_FOREIGN_KEY,
	CK_RULE,
	CK_FRESHNESS,
	CK_ROW_COUNT,
	CK_COUNT,
};

/* GB/T 36344-2018 dimensions. */
enum chk_dim {
	DIM_CONFORMITY,
	DIM_COMPLETENESS,
	DIM_ACCURACY,
	DIM_CONSISTENCY,
	DIM_TIMELINESS,
	DIM_ACCESSIBILITY,
	DIM_COUNT,
};

const char *chk_code_name(enum chk_code c);
enum chk_dim chk_code_dim(enum chk_code c);
const char *chk_dim_name(enum chk_dim d);
/* -1 when s is no check code. */
int chk_code_parse(const char *s, size_t n);

/* A --ref NAME=FILE. */
struct chk_ref {
	char *name;
	char *path;
};

struct chk_options {
	const char *schema_path;
	struct schema *schema;
	struct chk_ref *refs;
	size_t nrefs;
	struct csv_options csv;
	long max_findings; /* per check; -1: no cap */
	bool track;
	const char *db_path;
	struct gk_date today;
	enum gk_format format;
	const char *output;
	bool no_mask;
	bool skip[CK_COUNT];  /* --skip */
	enum table_kind kind; /* --jsonl forces JSON Lines; AUTO: by name */
	const char *sheet;    /* --sheet for workbooks */
};

/* ---- keyset.c ---- */

/* An open-addressing set of 64-bit hashes, each with the row it came
 * from.  Memory: 16 bytes a slot, at most 7/10 full. */
struct keyslot {
	uint64_t key; /* 0: empty slot */
	uint32_t row;
};
struct keyset {
	struct keyslot *slots;
	size_t cap, n;
};
void keyset_init(struct keyset *s);
void keyset_release(struct keyset *s);
/* Make room for n keys at once (no rehashing on the way). */
void keyset_reserve(struct keyset *s, size_t n);
/* Insert; returns 0 if new, else the row stored with the earlier one. */
long keyset_put(struct keyset *s, uint64_t key, long row);
/* A key's home slot in a table of cap slots: the high half of key * cap
 * (keys are hashes, so any cap spreads them evenly). */
static inline size_t
keyset_home(uint64_t key, size_t cap)
{
	return (size_t)(((unsigned __int128)key * cap) >> 64);
}
/* Start loading the slot of key into the cache. */
static inline void
keyset_prefetch(const struct keyset *s, uint64_t key)
{
	if (s->cap)
		__builtin_prefetch(
			&s->slots[keyset_home(key ? key : 1, s->cap)], 1);
}
bool keyset_has(const struct keyset *s, uint64_t key);

/* An index of names (a header's, JSON Lines keys): position by name in
 * constant time, where a scan of the names would make a wide file
 * quadratic.  It stores positions in an array of names the caller owns
 * and passes to each call (it may move as it grows).  Names are compared,
 * not only hashed. */
struct nameslot {
	uint64_t hash;
	size_t pos; /* position + 1; 0: empty slot */
};
struct nameidx {
	struct nameslot *slots;
	size_t cap, n;
};
void nameidx_init(struct nameidx *x);
void nameidx_release(struct nameidx *x);
/* The position of name[0..len) in names, or -1. */
long nameidx_find(const struct nameidx *x, const char *const *names,
		  const char *name, size_t len);
/* Index names[pos] (not indexed yet). */
void nameidx_add(struct nameidx *x, const char *const *names, size_t pos);

/* ---- source.c ---- */

struct source;
/* JSON Lines for .jsonl/.ndjson (or kind TABLE_JSONL), a workbook's sheet
 * for .xlsx, else CSV; schema (may be NULL) gives JSON Lines its first
 * columns. */
struct source *source_open(const char *path, const struct chk_options *o,
			   const struct schema *schema, bool want_digest,
			   struct gk_err *e);
/* 1 row (borrowed), 0 end, -1 error. */
int source_next(struct source *s, struct csv_row *row, struct gk_err *e);
bool source_is_jsonl(const struct source *s);
bool source_is_csv(const struct source *s); /* CSV or TSV */
/* JSON Lines: the name of column i (keys grow the columns), else NULL. */
const char *source_column_name(const struct source *s, size_t i);
/* JSON Lines: the columns the last row has (ascending, each once); its
 * other cells are empty. */
size_t source_row_present(const struct source *s, const size_t **cols);
/* JSON Lines: why the last row with bad_encoding_field -2 was unreadable. */
const char *source_error(const struct source *s);
const char *source_encoding(const struct source *s);
void source_sha256(struct source *s, char hex[65]);
void source_close(struct source *s);

/* ---- pipe.c: the reader thread ---- */

struct pipe;
/* Read the rest of src on a thread of its own; NULL if none could start. */
struct pipe *pipe_start(struct source *src);
/* Like source_next, rows in order. */
int pipe_next(struct pipe *p, struct csv_row *row, struct gk_err *e);
/* The row `ahead` rows after the last one pipe_next gave, if it is in the
 * same batch: its cells one after the other, each but the last with its
 * NUL (text, len), and how many cells. */
bool pipe_peek(const struct pipe *p, size_t ahead, const char **text,
	       size_t *len, size_t *nfields);
/* Stop the reader (wherever it is) and free. */
void pipe_finish(struct pipe *p);

/* ---- report.c ---- */

/* One field's value inside a composite key's "v1, v2": masked on its own. */
struct value_part {
	size_t off, len; /* in the finding's value */
	bool personal;
};

struct finding {
	long row;          /* 0: null (file level) */
	long column;       /* 0: null */
	const char *field; /* NULL: null */
	enum chk_code check;
	bool warning;
	bool has_value;
	const char *value;
	size_t value_len;
	bool personal; /* mask whatever it looks like */
	/* A composite key: each part of value is masked by itself (personal
	 * as its own field is), the text between them shown as it is. */
	const struct value_part *parts;
	size_t nparts;
	const char *message;
	double share; /* freshness, row-count: how much of the file
				 is at fault (0..1) */
	/* A finding told after other rows' (a self-referencing foreign key,
	 * known at the end): how much its row already counts in the
	 * dimension's score (0, WARNING_WEIGHT or 1), so it counts once. */
	double counted;
};

struct report;

struct report *report_new(FILE *fp, const struct chk_options *o);
/* Begin a file; the display name goes in "file". */
void report_begin(struct report *r, const char *file);
/* Track state for the file (NULL: no tracking). */
struct track;
void report_set_track(struct report *r, struct track *t);
void report_finding(struct report *r, const struct finding *f);
/* How much row counts in dimension d's score so far, if it is the last
 * row reported there (0 otherwise): for finding.counted. */
double report_row_weight(const struct report *r, enum chk_dim d, long row);
struct file_stats {
	long rows;
	long fields;
	char sha256[65];
	const char *encoding;
	/* a check of the dimension ran: scored, else null */
	bool measured[DIM_COUNT];
	long resolved; /* with --track */
};
/* The summary; returns true when the file had error findings. */
bool report_end(struct report *r, const struct file_stats *st);
/* Findings of the last file at error level. */
void report_free(struct report *r);

/* ---- track.c ---- */

/* The file's last run, read (nothing is written until track_store_all). */
struct track *track_open(sqlite3 *db, const char *file_key, struct gk_err *e);
/* "new" or "persisting" for a finding. */
const char *track_status(struct track *t, const struct finding *f);
/* The file's run is over: last run's findings now gone (nothing stored). */
long track_finish(struct track *t, const char *sha256);
/* Store the run of every track on the list (linked by track_finish's
 * caller with track_push), once its findings are written out: stored
 * before, a run whose output was lost (a full disk) would leave them
 * "persisting" without ever having been shown "new".  One transaction,
 * the run counted there (runs at once each count).  0 / -1 (e). */
void track_push(struct track **list, struct track *t);
int track_store_all(struct track *list, struct gk_err *e);
/* db_undo_fn (arg: the list): the runs stored by track_store_all taken
 * back, when the output that shows them cannot be put in place; not
 * when another run of a file has been stored since. */
int track_unstore_all(sqlite3 *db, void *arg, struct gk_err *e);
void track_free(struct track *t);
void track_free_all(struct track *list);

/* ---- engine.c ---- */

/* Check one file.  GK_EXIT_OK, GK_EXIT_FOUND, or GK_EXIT_FAIL.  With
 * --track, its run goes on *done, to be stored when the output is. */
int check_file(const char *path, struct chk_options *o, struct report *r,
	       sqlite3 *db, struct track **done);
void check_refs_free(void);

#endif
