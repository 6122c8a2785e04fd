/*
 * catalog.h: gov-catalog's own modules (not part of libgovkit).
 *
 *   main.c      options, subcommand dispatch, output of records
 *   entry.c     entry records: normalisation, vocabularies, slugs, diffs
 *   store.c     the catalog in the local database, with its audit trail
 *   validate.c  the 2017 目录编制指南 rules, as gov-check findings
 *   demand.c    demands, matching, the three lists
 *   export.c    CKAN, DCAT, Data Package, XLSX, NDJSON
 *   remote.c    push / pull to a CKAN-compatible central catalog
 *   describe.c  draft entries from data files through the profiler
 *   names.c     a set of names, each with a number
 */
#ifndef GOV_CATALOG_H
#define GOV_CATALOG_H

#include "govkit.h"

/*
 * What add and demand add changed, set aside in their transaction before
 * each entry's or demand's first change: its rows then (none for a new
 * one), and where the audit trail ended, so that cat_undo (an undo of
 * db_keep_if_out) can put the catalog back as it was.
 */
struct cat_undo_key {
	char *key;
	bool demand;
};
/* names.c: names (borrowed: they must outlive the set), each with a
 * number; a lookup costs a probe, not a read through a list. */
struct cat_names {
	const char **keys;
	long *vals;
	size_t cap, n;
};
struct cat_undo {
	struct cat_undo_key *keys; /* in the order first changed */
	size_t nkeys;
	struct cat_names seen, seen_demands;
	struct db_rows entries, items, demands;
	sqlite3_int64 history;   /* the last history row before the run */
	struct db_rows seq, end; /* its counter then; both ends after */
};

/* What the subcommands share: options and the open database. */
struct cat_ctx {
	const char *db_path;   /* --db or NULL */
	sqlite3 *db;           /* opened on first use by cat_db() */
	enum gk_format format; /* record output format */
	const char *output;    /* -o FILE or NULL */
	FILE *fp;              /* where records go */
	struct gk_out *out;    /* ... opened as this, NULL for a workbook */
	const char *user;      /* --user, else $USER */
	struct gk_date today;
	/* list / export / push filters */
	const char *provider;
	const char *share_type;
	const char *category;
	const char *update_cycle;
	const char *export_format; /* export --format */
	bool replace;              /* add --replace */
	const char *api;           /* --api URL */
	const char *cacert;        /* --cacert FILE */
	const char *owner_org;     /* --owner-org ORG (CKAN) */
	struct csv_options csv;    /* describe */
	bool no_mask;              /* --no-mask: personal numbers shown */
	bool reader_gone;          /* the reader of fp went away (EPIPE) */
	/* add, demand add: the change records, formatted into a temporary
	 * file (memory stays flat) and copied out once committed, and what
	 * the run changed, to take it back if they are lost */
	FILE *held;
	struct cat_undo *undo;
};

/* main.c */
int cat_db(struct cat_ctx *c); /* 0, or -1 after a message */
/* The same for commands that only read: db_open_read. */
int cat_db_read(struct cat_ctx *c);
/* Print one record, its text masked unless --no-mask; -1 on write error
 * (and, the reader of fp gone, on every later call: reader_gone set). */
int cat_emit(struct cat_ctx *c, const cJSON *rec);
/* Mask resident ID and phone numbers in every string of v, in place,
 * unless --no-mask: what is printed, never what is stored or pushed. */
void cat_mask(const struct cat_ctx *c, cJSON *v);
const char *cat_user(const struct cat_ctx *c);
/* Usage error (exit 2) for an unknown --share-type or --update-cycle. */
int cat_check_filters(const struct cat_ctx *c);
/* Read records from path (NULL/"-": stdin), or from spool when it is not
 * NULL (path's, gk_spool_inputs'); cb gets each object and its line;
 * returns the worst exit status. */
typedef int (*cat_record_fn)(struct cat_ctx *c, cJSON *rec, const char *file,
			     long line, void *arg);
int cat_read_records(struct cat_ctx *c, const char *path, FILE *spool,
		     cat_record_fn cb, void *arg);
/* Every record of the files (none: stdin) through cb in one transaction
 * of the database, rolled back when the run fails (exit 2): then nothing
 * is changed.  Returns the exit status. */
int cat_read_batch(struct cat_ctx *c, int argc, char **argv, cat_record_fn cb);

/* entry.c: vocabularies and helpers */
extern const char *const cat_share_types[]; /* NULL-terminated */
extern const char *const cat_share_methods[];
extern const char *const cat_open_types[];
extern const char *const cat_update_cycles[];
extern const char *const cat_item_types[]; /* "C" "N" ... */
bool cat_in_set(const char *const *set, const char *s);
const char *cat_str(const cJSON *obj, const char *key); /* NULL if not string */
bool cat_blank(const cJSON *obj, const char *key);      /* absent, null or "" */
/* A new entry with the fields in canonical order (entry borrowed). */
cJSON *cat_entry_normalize(const cJSON *entry);
/* An entry as it goes out: every field of the entry record and every
 * item's name, type and description present, null when unset. */
cJSON *cat_entry_full(const cJSON *entry);
/* cat_emit of cat_entry_full(entry). */
int cat_emit_entry(struct cat_ctx *c, const cJSON *entry);
/* A demand with fields in canonical order. */
cJSON *cat_demand_normalize(const cJSON *demand);
/* Merge src's fields over dst (null removes); returns a new object. */
cJSON *cat_merge(const cJSON *dst, const cJSON *src);
/* {"field":{"from":..,"to":..}} for every field that differs (may be
 * empty); ignores "type". */
cJSON *cat_diff(const cJSON *from, const cJSON *to);
/* A valid CKAN name from a resource code (caller frees): a valid code
 * lower case with '-' for '/'; any other code what is left of it, "--"
 * and 16 hex digits of its SHA-256, so that no two codes share one. */
char *cat_slug(const char *code);
/* Whether s is a CKAN name: 2 to 100 of a-z 0-9 - _. */
bool cat_is_ckan_name(const char *s);
/* Whether an entry's url is an absolute address (a scheme, ':', more),
 * blanks around it aside. */
bool cat_url_absolute(const char *url);
/* The url as an IRI DCAT can hold: trimmed, what an IRI cannot hold
 * percent-encoded; NULL when it is not absolute (caller frees). */
char *cat_url_iri(const char *url);
/* Chinese labels of the vocabularies (for XLSX), or the value itself. */
const char *cat_label_zh(const char *field, const char *value);
/* The value a vocabulary's Chinese name stands for ("无条件共享":
 * "unconditional"), else s itself (NULL too). */
const char *cat_value_of(const char *field, const char *s);
/* The guide's names of the entry fields: the headers of the exported
 * workbook, in its column order; ends with a NULL field. */
struct cat_header {
	const char *field, *zh;
};
extern const struct cat_header cat_headers[];
/*
 * An entry record as an officer writes it, made one as stored, in place:
 * the guide's field names (the exported workbook's headers, through
 * gov-records) become the fields they name, an empty cell under them no
 * value (null), 信息项信息 and 关联资源代码 lists again (and one related
 * code given as text the list of it); the Chinese
 * names of the vocabularies (无条件共享, 每月, 字符型) become their
 * values.  Returns true when the items were read from the workbook's
 * text, which holds no formats or descriptions: cat_items_carry then
 * takes those from the stored entry.
 */
bool cat_entry_input(cJSON *rec);
/* One related code given as text (not blank) made the list of that code,
 * as the workbook's cell of one code reads: what add, pull and the
 * exports take "related":"X" for. */
void cat_related_as_list(cJSON *rec);
/* A JSON value's kind as a message names it: "a number" (a whole one
 * of more than 15 digits too), "true or false", "a list", "an object",
 * "null", "text". */
const char *cat_json_kind(const cJSON *v);
/*
 * Whether rec (as cat_entry_input leaves it) holds only what an entry's
 * fields hold, so that every export carries it and the workbook gives it
 * back: the text fields and vocabularies text, items a list of items
 * (objects, or a name) whose name and type are text and length a number
 * or text, related a list of codes (text; a blank text is no value);
 * null is no value.  Else why not, naming the member (items[2].type
 * must be text, not a number).
 */
bool cat_entry_fits(const cJSON *rec, struct gk_buf *why);
/* One value cat_entry_fits refuses: the member as its message names it
 * ("items[2].type"), the field ("name", "items", "related"; of an item
 * "name", "type", "length"), the number of the item or code in its list
 * (0: none), the item holding it (NULL: none), what the field takes
 * ("text") and what it is ("a number"). */
struct cat_misfit {
	const char *member, *field;
	int index;
	const cJSON *item;
	const char *want, *kind;
};
/* false to stop the walk. */
typedef bool (*cat_misfit_fn)(const struct cat_misfit *m, void *arg);
/* Each value of rec cat_entry_fits refuses, in the order of the fields,
 * to fn (cat_entry_fits is its first); true when there is none. */
bool cat_entry_misfits(const cJSON *rec, cat_misfit_fn fn, void *arg);
/* One item as 信息项信息 writes it, appended to b: 名称(C,18), its name
 * quoted ("名称;其一"(C,18), '"' doubled) when the plain form would read
 * back as another item or none, and its type and length too when the
 * brackets would ("金额"(N,10.5), "税额"(N,"18,2"), "c"("x;y")). */
void cat_item_text(struct gk_buf *b, const cJSON *it);
/* A code of 关联资源代码 in quotes ('"' doubled) when as it is it would
 * read back as another code, two or none ("A;B", " J ", ""); NULL when
 * it reads back as it is (caller frees). */
char *cat_code_text(const char *code);
/* Each item of rec named as an item of old gets the members of that one
 * which the workbook's text does not hold (format, description...). */
void cat_items_carry(cJSON *rec, const cJSON *old);
/* The Table Schema type of an item type letter. */
const char *cat_item_schema_type(const char *letter);
/* Current UTC time as 2025-10-15T08:30:00Z. */
void cat_now(char out[32]);

/* store.c */
/* 1 found (*out owned by caller), 0 not found, -1 error. */
int cat_entry_get(sqlite3 *db, const char *code, cJSON **out, struct gk_err *e);
/*
 * Insert or update one entry (normalised) in one transaction, with its
 * history row.  *action is "created", "updated" or "unchanged"; *changes
 * (caller owns, may be NULL) the diff.
 */
int cat_entry_put(sqlite3 *db, const cJSON *entry, const char *who,
		  const char *why, const char **action, cJSON **changes,
		  struct gk_err *e);
/* Every entry in code order, filtered (NULL filters match all).  The
 * callback returns non-zero to stop; that value is returned. */
typedef int (*cat_entry_fn)(const cJSON *entry, void *arg);
int cat_entry_each(sqlite3 *db, const struct cat_ctx *filter, cat_entry_fn fn,
		   void *arg, struct gk_err *e);
bool cat_entry_exists(sqlite3 *db, const char *code);
int cat_demand_get(sqlite3 *db, const char *id, cJSON **out, struct gk_err *e);
/* *stored: the demand as kept (normalised, with its id); caller owns. */
int cat_demand_put(sqlite3 *db, const cJSON *demand, const char *who,
		   const char **action, cJSON **stored, struct gk_err *e);
typedef int (*cat_demand_fn)(const cJSON *demand, void *arg);
int cat_demand_each(sqlite3 *db, cat_demand_fn fn, void *arg, struct gk_err *e);
/* The take-back of add and demand add: cat_undo_begin after the
 * run's BEGIN, a note before each change, cat_undo_end before COMMIT. */
void cat_undo_init(struct cat_undo *u);
void cat_undo_release(struct cat_undo *u);
int cat_undo_begin(sqlite3 *db, struct cat_undo *u, struct gk_err *e);
int cat_undo_note_entry(sqlite3 *db, struct cat_undo *u, const char *code,
			struct gk_err *e);
int cat_undo_note_demand(sqlite3 *db, struct cat_undo *u, const char *id,
			 struct gk_err *e);
/* A demand made by the run under a new id: nothing of it before. */
void cat_undo_note_new_demand(struct cat_undo *u, const char *id);
int cat_undo_end(sqlite3 *db, struct cat_undo *u, struct gk_err *e);
/* db_undo_fn: the catalog as before the run, unless changed since. */
int cat_undo(sqlite3 *db, void *arg, struct gk_err *e);
/* History records of a key, oldest first. */
int cat_history_each(sqlite3 *db, const char *key, cat_demand_fn fn, void *arg,
		     struct gk_err *e);

/* names.c: struct cat_names (at the top, for struct cat_undo) */
void cat_names_init(struct cat_names *m);
void cat_names_release(struct cat_names *m);
/* Whether s is in the set; its number into *val (when not NULL). */
bool cat_names_find(const struct cat_names *m, const char *s, long *val);
/* Add s with val; false, the set unchanged, when s is in it already. */
bool cat_names_put(struct cat_names *m, const char *s, long val);

/* validate.c */
/*
 * Check one entry.  file/row locate it (row 0: null, from the database).
 * known(code) says whether a related code exists.  Findings are emitted;
 * counts are added to *errors / *warnings.
 */
struct cat_validation {
	struct cat_ctx *ctx;
	const char *file;
	long row;
	long errors, warnings, entries;
	cJSON *by_check;               /* {"check": n} */
	cJSON *batch_codes;            /* codes seen in this input */
	struct cat_names *batch_index; /* the same, indexed (or NULL) */
	bool write_failed;
};
void cat_validate_entry(struct cat_validation *v, const cJSON *entry);
int cmd_validate(struct cat_ctx *c, int argc, char **argv);

/* subcommands */
int cmd_describe(struct cat_ctx *c, int argc, char **argv);
int cmd_add(struct cat_ctx *c, int argc, char **argv);
int cmd_list(struct cat_ctx *c, int argc, char **argv);
int cmd_show(struct cat_ctx *c, int argc, char **argv);
int cmd_history(struct cat_ctx *c, int argc, char **argv);
int cmd_demand(struct cat_ctx *c, int argc, char **argv);
int cmd_match(struct cat_ctx *c, int argc, char **argv);
int cmd_lists(struct cat_ctx *c, int argc, char **argv);
int cmd_export(struct cat_ctx *c, int argc, char **argv);
int cmd_push(struct cat_ctx *c, int argc, char **argv);
int cmd_pull(struct cat_ctx *c, int argc, char **argv);

/* export.c, shared with remote.c */
cJSON *cat_ckan_package(const cJSON *entry, const char *owner_org);
/* The CKAN organization: --owner-org, else the config's owner_org, else
 * NULL (borrowed from c or cfg). */
const char *cat_owner_org(const struct cat_ctx *c, const struct gk_config *cfg);
cJSON *cat_entry_from_ckan(const cJSON *pkg);

#endif /* GOV_CATALOG_H */
