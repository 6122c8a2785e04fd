/*
 * gov-license: verify electronic licenses (电子证照核验) as a trusted
 * verifier would; sign them; make keys; keep the revocation list.
 *
 *   gov-license verify [--trust FILE] [--online] [FILE...]
 *   gov-license sign --key FILE [--key-id ID] [FILE...]
 *   gov-license keygen --alg sm2|ed25519 NAME
 *   gov-license revoke LICENSE_NO --reason TEXT | revoke --list
 *   gov-license sync
 *   gov-license canon [FILE...]
 */
#include "license.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS 64
#define MAX_WARN_DAYS 3650
#define MAX_CACHE_TTL (10L * 365 * 24 * 3600)
#define SYNC_PATH "/v1/revocations"
/* How far ahead of our clock the register's may run before a revoked_at
 * in the future is reported (it is never taken as the sync position). */
#define SYNC_MAX_SKEW_SECS 300
/* The register answers every revocation since the position in one body
 * (the contract has no paging), so a city's first sync outgrows the
 * client's 64 MiB: 1 GiB is some seven million revocations.  The answer
 * is held as it came, never as a tree (sync_answer_ok). */
#define SYNC_MAX_ANSWER ((size_t)1 << 30)
#define SYNC_MEMBER "revocations"
/* A sync asks again from this long before its position: a revocation
 * the register records late, dated before the newest one seen, would
 * otherwise never be asked for.  Those received again count as received,
 * not new. */
#define SYNC_OVERLAP_DAYS_DEFAULT 7
#define SYNC_OVERLAP_DAYS_MAX 3650

enum {
	OPT_TODAY = 256,
	OPT_WARN_DAYS,
	OPT_CACHE_TTL,
	OPT_JOBS,
	OPT_DB,
	OPT_FORMAT,
	OPT_ONLINE,
	OPT_TRUST,
	OPT_KEY,
	OPT_KEY_ID,
	OPT_ALG,
	OPT_REASON,
	OPT_DATE,
	OPT_LIST,
	OPT_OVERLAP,
	OPT_FULL,
	OPT_NO_MASK,
	OPT_VERSION,
};

static const struct option long_opts[] = {
	{"trust", required_argument, NULL, OPT_TRUST},
	{"online", no_argument, NULL, OPT_ONLINE},
	{"today", required_argument, NULL, OPT_TODAY},
	{"warn-days", required_argument, NULL, OPT_WARN_DAYS},
	{"cache-ttl", required_argument, NULL, OPT_CACHE_TTL},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"key", required_argument, NULL, OPT_KEY},
	{"key-id", required_argument, NULL, OPT_KEY_ID},
	{"alg", required_argument, NULL, OPT_ALG},
	{"reason", required_argument, NULL, OPT_REASON},
	{"date", required_argument, NULL, OPT_DATE},
	{"list", no_argument, NULL, OPT_LIST},
	{"overlap", required_argument, NULL, OPT_OVERLAP},
	{"full", no_argument, NULL, OPT_FULL},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

struct opts {
	const char *trust, *key, *key_id, *alg, *reason, *date, *db, *output;
	bool online, list, have_today, no_mask, full, have_overlap;
	struct gk_date today;
	long warn_days, cache_ttl, jobs, overlap_days;
	enum gk_format format;
	char **args;
	int nargs;
};

static void
usage(void)
{
	printf("Usage: gov-license verify [--trust FILE] [--online] [options] [FILE...]\n"
	       "       gov-license sign --key FILE [--key-id ID] [FILE...]\n"
	       "       gov-license keygen --alg sm2|ed25519 NAME\n"
	       "       gov-license revoke LICENSE_NO --reason TEXT [--date DATE] [--no-mask]\n"
	       "       gov-license revoke --list [--no-mask]\n"
	       "       gov-license sync [--overlap DAYS | --full]\n"
	       "       gov-license canon [FILE...]\n"
	       "Verify electronic licenses (signature, issuer, identifiers, dates, status).\n"
	       "\n"
	       "Options:\n"
	       "      --trust FILE      trust file of issuers and their keys (verify;\n"
	       "                        - reads it from standard input)\n"
	       "      --online          also ask the central register (verify)\n"
	       "      --today DATE      take DATE (YYYY-MM-DD) as today\n"
	       "      --warn-days N     warn when a license expires within N days (30)\n"
	       "      --cache-ttl SECS  use a cached online answer up to SECS old (604800)\n"
	       "      --jobs N          worker threads for verify (default: the cores)\n"
	       "      --key FILE        private key, PEM or DER (sign)\n"
	       "      --key-id ID       key id expected of --key (sign)\n"
	       "      --alg ALG         sm2 or ed25519 (keygen)\n"
	       "      --reason TEXT     why the license is revoked (revoke)\n"
	       "      --date DATE       date of the revocation (revoke; default today)\n"
	       "      --list            list the local revocation list (revoke)\n"
	       "      --overlap DAYS    ask again from DAYS before the position (sync; 7)\n"
	       "      --full            ask for every revocation (sync)\n"
	       "      --db FILE         local database (default $GOVKIT_DB)\n"
	       "      --format FMT      ndjson or text (default: text on a terminal)\n"
	       "      --no-mask         show resident ID and phone numbers in reasons and\n"
	       "                        messages unmasked\n"
	       "  -o, --output FILE     write the output to FILE (atomically)\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n");
}

static int
cpu_count(void)
{
	int n = gk_cpu_count();
	return n > MAX_JOBS ? MAX_JOBS : n;
}

/* ---------------------------------------------------------------- */
/* verify                                                            */
/* ---------------------------------------------------------------- */

static int
cmd_verify(struct opts *op, struct gk_config *cfg, FILE *out,
	   enum gk_format fmt)
{
	struct verify_options vo;
	struct lic_trust trust;
	bool have_trust = false;
	sqlite3 *db = NULL;
	struct revlist *revs = NULL;
	struct gk_err e;
	const char *trust_path =
		op->trust ? op->trust : config_get(cfg, "license_trust");
	int rc;

	memset(&vo, 0, sizeof vo);
	if (trust_path && strcmp(trust_path, "-") == 0) {
		/* one standard input cannot hold both */
		bool licenses_stdin = op->nargs == 0;
		for (int i = 0; i < op->nargs; i++)
			licenses_stdin |= strcmp(op->args[i], "-") == 0;
		if (licenses_stdin)
			return gk_usage_error(
				"%s reads the trust file from standard input, "
				"so the licenses cannot be read from there too: "
				"name their FILE",
				op->trust ? "--trust -" : "license_trust = -");
	}
	if (trust_path && *trust_path) {
		if (trust_load(&trust, trust_path, &e) < 0) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		have_trust = true;
		vo.trust = &trust;
	}
	if (db_open_read(&db, op->db, &e) == 0) {
		revs = revlist_load(db, &e);
		sqlite3_close_v2(db);
	}
	if (!revs) {
		gk_warn_err(&e);
		vo.revs_error = e.msg;
	}
	vo.revs = revs;
	vo.today = op->today;
	vo.warn_days = op->warn_days;
	vo.online = op->online;
	vo.db_path = op->db;
	vo.cache_ttl = op->cache_ttl;
	vo.now = (long long)time(NULL);
	vo.jobs = op->jobs ? (int)op->jobs : cpu_count();
	vo.format = fmt;
	vo.no_mask = op->no_mask;
	vo.cfg = cfg;
	rc = verify_files(op->args, op->nargs, &vo, out);
	revlist_free(revs);
	if (have_trust)
		trust_release(&trust);
	return rc;
}

/* ---------------------------------------------------------------- */
/* sign, canon                                                       */
/* ---------------------------------------------------------------- */

/* Read each record of the inputs and hand it to fn. */
static int
each_record(struct opts *op,
	    int (*fn)(void *ctx, const struct lj_value *rec, const char *name,
		      long line),
	    void *ctx)
{
	struct lj_arena arena;
	int rc = GK_EXIT_OK;

	lj_arena_init(&arena);
	for (int i = 0; i < (op->nargs ? op->nargs : 1); i++) {
		const char *path = op->nargs ? op->args[i] : "-";
		struct jl_reader r;
		struct gk_err e;
		const char *line;
		size_t len;
		int got;

		if (jl_open(&r, path, &e) < 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
			continue;
		}
		while ((got = jl_next_line(&r, &line, &len, &e)) != 0) {
			const struct lj_value *rec;
			if (got < 0) {
				gk_warn_err(&e);
				rc = GK_EXIT_FAIL;
				break;
			}
			lj_arena_reset(&arena);
			rec = lj_parse(&arena, line, len, &e);
			if (!rec || rec->kind != LJ_OBJECT) {
				gk_warn("%s:%ld: %s", r.name, r.line,
					rec ? "not a JSON object" : e.msg);
				if (rc == GK_EXIT_OK)
					rc = GK_EXIT_FOUND;
				continue;
			}
			got = fn(ctx, rec, r.name, r.line);
			if (got == GK_EXIT_FAIL) {
				rc = GK_EXIT_FAIL;
				break;
			}
			if (got != GK_EXIT_OK && rc == GK_EXIT_OK)
				rc = got;
		}
		jl_close(&r);
		if (rc == GK_EXIT_FAIL)
			break;
	}
	lj_arena_release(&arena);
	return rc;
}

/* errno of a failed write of sign's or canon's records, 0 when none */
static int out_errno;

/*
 * What a signature covers, in b: the record without its signature, in
 * canonical form.  One function for sign and canon, so that canon shows
 * exactly the bytes sign signs.  -1 after naming the record (file:line)
 * when it has no canonical form.
 */
static int
signed_part(const struct lj_value *rec, const char *name, long line,
	    struct gk_buf *b)
{
	struct gk_err e;

	buf_reset(b);
	if (lj_canonical(rec, "signature", b, &e) < 0) {
		gk_warn("%s:%ld: %s", name, line, e.msg);
		return -1;
	}
	return 0;
}

/* One record of sign or canon out; a failed write's errno is kept in
 * out_errno for the end of the run. */
static int
write_record(FILE *out, const struct gk_buf *b)
{
	if (fwrite(b->data, 1, b->len, out) != b->len) {
		out_errno = errno;
		return GK_EXIT_FAIL;
	}
	return GK_EXIT_OK;
}

struct sign_ctx {
	EVP_PKEY *key;
	enum lic_alg alg;
	char key_id[LIC_KEY_ID_HEX + 1];
	FILE *out;
	struct gk_buf b;
};

static int
sign_one(void *ctx, const struct lj_value *rec, const char *name, long line)
{
	struct sign_ctx *sc = ctx;
	struct gk_err e;
	unsigned char *sig;
	size_t siglen;

	if (signed_part(rec, name, line, &sc->b) < 0)
		return GK_EXIT_FOUND;
	if (lic_sign(sc->key, sc->b.data, sc->b.len, &sig, &siglen, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	/* The canonical record, then the signature as its last member. */
	sc->b.len--;
	if (sc->b.len > 1)
		buf_addc(&sc->b, ',');
	buf_adds(&sc->b, "\"signature\":{\"alg\":\"");
	buf_adds(&sc->b, lic_alg_name(sc->alg));
	buf_adds(&sc->b, "\",\"key_id\":\"");
	buf_adds(&sc->b, sc->key_id);
	buf_adds(&sc->b, "\",\"value\":\"");
	lic_b64_encode(sig, siglen, &sc->b);
	buf_adds(&sc->b, "\"}}\n");
	free(sig);
	return write_record(sc->out, &sc->b);
}

static int
cmd_sign(struct opts *op, FILE *out)
{
	struct sign_ctx sc;
	struct gk_err e;
	int rc;

	memset(&sc, 0, sizeof sc);
	if (!op->key)
		return gk_usage_error("sign needs --key FILE");
	sc.key = lic_load_private_file(op->key, &e);
	if (!sc.key) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	sc.alg = lic_key_alg(sc.key);
	if (lic_key_id(sc.key, sc.key_id, &e) < 0) {
		gk_warn_err(&e);
		EVP_PKEY_free(sc.key);
		return GK_EXIT_FAIL;
	}
	if (op->key_id && strcmp(op->key_id, sc.key_id) != 0) {
		gk_warn("--key-id %s is not the id of '%s' (%s)", op->key_id,
			op->key, sc.key_id);
		EVP_PKEY_free(sc.key);
		return GK_EXIT_FAIL;
	}
	sc.out = out;
	buf_init(&sc.b);
	rc = each_record(op, sign_one, &sc);
	buf_release(&sc.b);
	EVP_PKEY_free(sc.key);
	return rc;
}

struct canon_ctx {
	FILE *out;
	struct gk_buf b;
};

static int
canon_one(void *ctx, const struct lj_value *rec, const char *name, long line)
{
	struct canon_ctx *cc = ctx;

	if (signed_part(rec, name, line, &cc->b) < 0)
		return GK_EXIT_FOUND;
	buf_addc(&cc->b, '\n');
	return write_record(cc->out, &cc->b);
}

static int
cmd_canon(struct opts *op, FILE *out)
{
	struct canon_ctx cc = {out, {NULL, 0, 0}};
	int rc;

	buf_init(&cc.b);
	rc = each_record(op, canon_one, &cc);
	buf_release(&cc.b);
	return rc;
}

/* ---------------------------------------------------------------- */
/* keygen                                                            */
/* ---------------------------------------------------------------- */

/* Remove the key pair keygen just made (it never overwrites one). */
static void
keygen_remove(const char *name)
{
	char *k = gk_xasprintf("%s.key", name);
	char *p = gk_xasprintf("%s.pub", name);

	unlink(k);
	unlink(p);
	free(k);
	free(p);
}

static int
cmd_keygen(struct opts *op, FILE *out, enum gk_format fmt)
{
	char kid[LIC_KEY_ID_HEX + 1];
	enum lic_alg alg;
	struct gk_err e;
	struct gk_buf b;

	if (!op->alg)
		return gk_usage_error("keygen needs --alg sm2|ed25519");
	alg = lic_alg_parse(op->alg, strlen(op->alg));
	if (alg == LIC_ALG_NONE)
		return gk_usage_error("unknown --alg '%s' (sm2 or ed25519)",
				      op->alg);
	if (op->nargs != 1)
		return gk_usage_error("keygen needs one NAME");
	if (lic_keygen(alg, op->args[0], kid, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	buf_init(&b);
	if (fmt == GK_FORMAT_TEXT) {
		buf_printf(&b, "%s.key %s.pub %s key_id %s\n", op->args[0],
			   op->args[0], lic_alg_name(alg), kid);
	} else {
		buf_adds(&b, "{\"type\":\"key\",\"name\":");
		buf_add_json_string(&b, op->args[0], strlen(op->args[0]));
		buf_printf(&b,
			   ",\"alg\":\"%s\",\"key_id\":\"%s\",\"private_key\":",
			   lic_alg_name(alg), kid);
		{
			char *k = gk_xasprintf("%s.key", op->args[0]);
			char *p = gk_xasprintf("%s.pub", op->args[0]);
			buf_add_json_string(&b, k, strlen(k));
			buf_adds(&b, ",\"public_key\":");
			buf_add_json_string(&b, p, strlen(p));
			free(k);
			free(p);
		}
		buf_adds(&b, "}\n");
	}
	/* Keys whose record (and key_id) never reached anyone are taken
	 * back, so that running again after freeing the disk works; a
	 * reader that went away (| head) is not an error. */
	if ((fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0) &&
	    errno != EPIPE) {
		if (out != stdout) /* else the close of stdout says it */
			gk_warn("unable to write '%s':", op->output);
		keygen_remove(op->args[0]);
		buf_release(&b);
		return GK_EXIT_FAIL;
	}
	buf_release(&b);
	return GK_EXIT_OK;
}

/* ---------------------------------------------------------------- */
/* revoke, sync                                                      */
/* ---------------------------------------------------------------- */

/* A text as printed: resident ID and phone numbers masked unless
 * --no-mask (the list keeps the real text).  Borrowed from m or text. */
static const char *
shown_text(const char *text, bool no_mask, struct gk_buf *m)
{
	if (no_mask || !mask_text_needed(text, strlen(text)))
		return text;
	buf_reset(m);
	mask_text(text, strlen(text), m);
	return m->data;
}

static void
emit_revocation(struct gk_buf *b, enum gk_format fmt, const char *no,
		const char *at, const char *reason, const char *source,
		bool no_mask)
{
	struct gk_buf m, mn;

	buf_init(&m);
	buf_init(&mn);
	reason = shown_text(reason, no_mask, &m);
	/* a driving licence's number is its holder's resident ID */
	no = shown_text(no, no_mask, &mn);
	if (fmt == GK_FORMAT_TEXT) {
		/* every part may be the register's: a revoked_at that is no
		 * date is kept as sent (sync) */
		buf_add_printable(b, no, strlen(no));
		buf_adds(b, " revoked ");
		buf_add_printable(b, at, strlen(at));
		buf_adds(b, " (");
		buf_add_printable(b, source, strlen(source));
		buf_adds(b, "): ");
		buf_add_printable(b, reason, strlen(reason));
		buf_addc(b, '\n');
		buf_release(&m);
		buf_release(&mn);
		return;
	}
	buf_adds(b, "{\"type\":\"revocation\",\"license_no\":");
	buf_add_json_string(b, no, strlen(no));
	buf_adds(b, ",\"revoked_at\":");
	buf_add_json_string(b, at, strlen(at));
	buf_adds(b, ",\"reason\":");
	buf_add_json_string(b, reason, strlen(reason));
	buf_adds(b, ",\"source\":");
	buf_add_json_string(b, source, strlen(source));
	buf_adds(b, "}\n");
	buf_release(&m);
	buf_release(&mn);
}

static int
cmd_revoke_list(sqlite3 *db, FILE *out, enum gk_format fmt, bool no_mask)
{
	struct gk_err e;
	struct gk_buf b;
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT license_no, revoked_at, reason, source "
			   "FROM license_revocation ORDER BY license_no",
			   &e);
	int r;
	size_t n = 0;

	if (!st) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	buf_init(&b);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		buf_reset(&b);
		emit_revocation(
			&b, fmt, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3), no_mask);
		fwrite(b.data, 1, b.len, out);
	}
	buf_release(&b);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		gk_warn("cannot read the revocation list: %s", db_errmsg(db));
		return GK_EXIT_FAIL;
	}
	/* as text, an empty list says so (the records: none) */
	if (n == 0 && fmt == GK_FORMAT_TEXT)
		fputs("the local revocation list is empty\n", out);
	return GK_EXIT_OK;
}

/* A revoke: the license's row before it, and the revoke's write. */
struct revoke_run {
	const char *no;
	struct db_rows before;
	sqlite3_int64 write_no;
};

#define REVOKE_ROW \
	"SELECT license_no, revoked_at, reason, source, recorded_at," \
	" write_no FROM license_revocation WHERE license_no = ?1"

/* The license's row as it was before the revoke (db_keep_if_out's
 * undo): none, or the earlier revocation; not once another run has
 * written the register. */
static int
unrevoke(sqlite3 *db, void *arg, struct gk_err *e)
{
	struct revoke_run *run = arg;

	if (store_write_is_last(db, run->write_no, e) < 0 ||
	    db_exec_key(db,
			"DELETE FROM license_revocation WHERE license_no = ?1",
			run->no, e) < 0 ||
	    db_rows_put(db, &run->before,
			"INSERT INTO license_revocation (license_no,"
			" revoked_at, reason, source, recorded_at, write_no)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			e) < 0)
		return -1;
	return store_write_undone(db, run->write_no, e);
}

/*
 * The revocation record goes out once the revocation is committed: a
 * commit that fails (exit 2) prints none.  On a closed or full output,
 * or an -o file that cannot be put in place, the revocation is taken back
 * (exit 2), as every command that prints what it stores does, so that
 * running it again does it once.
 */
static int
revoke_one(struct opts *op, struct gk_out *o, enum gk_format fmt, sqlite3 *db,
	   const char *at)
{
	struct revoke_run run = {.no = op->args[0]};
	struct gk_err e, ue;
	struct gk_buf b;
	int rc = GK_EXIT_FAIL, r;

	db_rows_init(&run.before);
	if (db_begin(db, &e) < 0)
		goto fail;
	if (db_rows_save(db, &run.before, REVOKE_ROW, run.no, &e) < 0 ||
	    store_write_begin(db, &run.write_no, &e) < 0 ||
	    store_revoke(db, run.write_no, run.no, at, op->reason, "local",
			 &e) < 0 ||
	    db_commit(db, &e) < 0) {
		db_rollback(db);
		goto fail;
	}
	buf_init(&b);
	emit_revocation(&b, fmt, run.no, at, op->reason, "local", op->no_mask);
	fwrite(b.data, 1, b.len, o->fp);
	buf_release(&b);
	r = db_keep_if_out(db, o, true, unrevoke, &run, &e, &ue);
	if (r == 0) {
		rc = GK_EXIT_OK;
		goto out;
	}
	if (r < -1) {
		gk_warn_err(&e);
		gk_warn("unable to take back the revocation of '%s': %s",
			run.no, ue.msg);
		goto out;
	}
fail:
	gk_warn_err(&e);
out:
	db_rows_release(&run.before);
	return rc;
}

static int
cmd_revoke(struct opts *op, struct gk_out *o, enum gk_format fmt)
{
	sqlite3 *db;
	struct gk_err e;
	char at[11];
	int rc;

	if (op->list) {
		if (op->nargs)
			return gk_usage_error(
				"revoke --list takes no LICENSE_NO");
		/* the list is the whole list: a date would filter nothing */
		if (op->date || op->reason)
			return gk_usage_error("revoke --list takes no %s",
					      op->date ? "--date" : "--reason");
	} else {
		if (op->nargs != 1)
			return gk_usage_error("revoke needs one LICENSE_NO");
		if (!op->reason || !*op->reason)
			return gk_usage_error("revoke needs --reason TEXT");
		if (!*op->args[0])
			return gk_usage_error("LICENSE_NO is empty");
	}
	if (op->date) {
		struct gk_date d;
		char today[11];
		if (date_parse_arg(op->date, &d, &e) < 0)
			return gk_usage_error("--date: %s", e.msg);
		/* verify takes a license on the list for revoked at once: a
		 * later date would be a record that says otherwise */
		if (!op->list && date_cmp(&d, &op->today) > 0) {
			date_format(&op->today, today);
			return gk_usage_error(
				"--date %s is later than today (%s): a license "
				"is revoked on the list from the day it is put "
				"there",
				op->date, today);
		}
		date_format(&d, at);
	} else {
		date_format(&op->today, at);
	}
	if ((op->list ? db_open_read : db_open)(&db, op->db, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (op->list)
		rc = cmd_revoke_list(db, o->fp, fmt, op->no_mask);
	else
		rc = revoke_one(op, o, fmt, db, at);
	sqlite3_close_v2(db);
	return rc;
}

/* Percent-encode a query value (RFC 3986 unreserved kept). */
static void
add_query_value(struct gk_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_addc(b, (char)c);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		}
	}
}

/*
 * A revoked_at as an instant: RFC 3339 (ISO 8601 date, 'T', time with
 * seconds, optional fraction, 'Z' or an offset).  Without an offset the
 * time would be the register's local time, which is not known here.
 * 0 ok, -1 not a date-time.
 */
struct sync_instant {
	long long secs; /* since 1970-01-01T00:00:00Z */
	long nanos;
};

static int
two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

static int
sync_instant_parse(const char *s, size_t n, struct sync_instant *t)
{
	struct gk_date d;
	int h, mi, sec, oh = 0, om = 0, sign = 0;
	size_t i = 19;
	long scale = 100000000;

	t->nanos = 0;
	if (n < 20 || memchr(s, 0, n) || date_parse(s, 10, &d) < 0 ||
	    s[10] != 'T' || two_digits(s + 11, &h) < 0 || s[13] != ':' ||
	    two_digits(s + 14, &mi) < 0 || s[16] != ':' ||
	    two_digits(s + 17, &sec) < 0 || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
			t->nanos += (s[i] - '0') * scale;
	}
	if (i + 1 == n && s[i] == 'Z') {
		i++;
	} else if (i + 6 == n && (s[i] == '+' || s[i] == '-') &&
		   two_digits(s + i + 1, &oh) == 0 && s[i + 3] == ':' &&
		   two_digits(s + i + 4, &om) == 0 && oh <= 23 && om <= 59) {
		sign = s[i] == '+' ? 1 : -1;
		i += 6;
	}
	if (i != n)
		return -1;
	t->secs = (long long)date_to_days(&d) * 86400 + h * 3600 + mi * 60 +
		  sec - sign * (oh * 3600 + om * 60);
	return 0;
}

static int
sync_instant_cmp(const struct sync_instant *a, const struct sync_instant *b)
{
	if (a->secs != b->secs)
		return a->secs < b->secs ? -1 : 1;
	return a->nanos < b->nanos ? -1 : a->nanos > b->nanos;
}

/* A revoked_at for messages: cut, and only printable ASCII kept. */
static void
sync_quote(const char *s, size_t n, char out[48])
{
	size_t j = 0;

	for (size_t i = 0; i < n && j < 40; i++)
		out[j++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (n > 40) {
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = 0;
}

static char *
sync_since(sqlite3 *db, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db, "SELECT since FROM license_sync WHERE id = 1", e);
	char *since = NULL;

	if (!st)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		since = gk_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return since;
}

/* One sync: the position asked from, the newest one seen, the counts. */
struct sync_pass {
	struct sync_instant now, since_t, until_t;
	char *since, *until; /* as the register wrote them */
	char asked[64];      /* the ?since= sent: "" for none */
	long received, fresh, suspect;
	bool drop_since; /* the stored position was bad: forget it */
};

/* The stored position, unless no sync of ours could have stored it (an
 * older version took any text): asking ?since= it could skip
 * revocations for good, so ask for everything once more. */
static void
sync_load_since(struct sync_pass *s, sqlite3 *db)
{
	struct gk_err e;
	char q[48];

	s->since = sync_since(db, &e);
	if (s->since &&
	    (sync_instant_parse(s->since, strlen(s->since), &s->since_t) < 0 ||
	     s->since_t.secs > s->now.secs + SYNC_MAX_SKEW_SECS)) {
		sync_quote(s->since, strlen(s->since), q);
		gk_warn("sync: the stored position '%s' is not a past date-time; "
			"asking for every revocation again",
			q);
		free(s->since);
		s->since = NULL;
		s->drop_since = true;
	}
}

/* What to ask from: nothing with --full or no position; else the
 * position less the overlap (whole seconds in UTC, rounded down, which
 * only widens it); the position itself with --overlap 0. */
static void
sync_asked(struct sync_pass *s, const struct opts *op)
{
	struct gk_date d;
	long long at;
	long days, secs;

	s->asked[0] = '\0';
	if (op->full || !s->since)
		return;
	if (op->overlap_days == 0) {
		snprintf(s->asked, sizeof s->asked, "%s", s->since);
		if (strlen(s->since) < sizeof s->asked)
			return;
	}
	at = s->since_t.secs - (long long)op->overlap_days * 86400;
	days = (long)(at >= 0 ? at / 86400 : (at - 86399) / 86400);
	secs = (long)(at - (long long)days * 86400);
	date_from_days(days, &d);
	snprintf(s->asked, sizeof s->asked, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ",
		 d.year, d.month, d.day, secs / 3600, secs / 60 % 60,
		 secs % 60);
}

/* GET the revocations since the position; -1 (reported) when the
 * register gave no answer to read.  resp is filled either way. */
static int
sync_fetch(struct http_client *http, const char *since,
	   struct http_response *resp)
{
	struct gk_buf path;
	struct gk_err e;
	int rc = -1;

	buf_init(&path);
	buf_adds(&path, SYNC_PATH);
	if (since) {
		buf_adds(&path, "?since=");
		add_query_value(&path, since);
	}
	if (http_request(http, "GET", path.data, NULL, 0, NULL, resp, &e) < 0) {
		gk_warn("sync: %s", e.msg);
		goto out;
	}
	if (resp->status != 200) {
		http_response_describe(resp, &e);
		gk_warn("sync: the register answered %ld: %s", resp->status,
			e.msg);
		goto out;
	}
	rc = 0;
out:
	buf_release(&path);
	return rc;
}

static int
sync_skip_one(const struct lj_value *r, void *arg, struct gk_err *e)
{
	(void)r;
	(void)arg;
	(void)e;
	return 0;
}

/* Whether the answer is JSON with a "revocations" array (else reported),
 * read element by element so that a large one costs no tree: the whole
 * of it is checked before anything is stored, as one parse would. */
static bool
sync_answer_ok(const struct http_response *resp, struct lj_arena *doc,
	       struct lj_arena *item)
{
	struct gk_err e;
	const struct lj_value *root, *arr;
	bool ok;

	root = lj_parse_each(doc, item, resp->body.data, resp->body.len,
			     SYNC_MEMBER, sync_skip_one, NULL, &e);
	arr = root ? lj_get(root, SYNC_MEMBER) : NULL;
	ok = arr && arr->kind == LJ_ARRAY;
	lj_arena_reset(doc); /* arr is gone with it */
	if (!ok) {
		gk_warn("sync: the answer has no \"revocations\" array");
		return false;
	}
	return true;
}

/* Whether a stored revocation's revoked_at may become the position;
 * at_t is NULL when revoked_at is not a date-time. */
static void
sync_note_position(struct sync_pass *s, const char *nos, const char *at,
		   size_t al, const char *ats, const struct sync_instant *at_t)
{
	char q[48];

	sync_quote(at, al, q);
	if (!at_t) {
		gk_warn("sync: revocation %ld (%s): revoked_at '%s' is not an "
			"ISO 8601 date-time with a time zone; kept on the list, "
			"not taken as the sync position",
			s->received, nos, q);
		s->suspect++;
	} else if (sync_instant_cmp(at_t, &s->now) > 0) {
		/* Later than our clock: not the position, so the next
		 * sync asks for it again rather than skip what the
		 * register records meanwhile with earlier times. */
		if (at_t->secs > s->now.secs + SYNC_MAX_SKEW_SECS) {
			gk_warn("sync: revocation %ld (%s): revoked_at %s is in "
				"the future; kept on the list, not taken as the "
				"sync position",
				s->received, nos, q);
			s->suspect++;
		}
	} else if (!s->until || sync_instant_cmp(at_t, &s->until_t) > 0) {
		free(s->until);
		s->until = gk_xstrdup(ats);
		s->until_t = *at_t;
	}
}

/* The reason as stored: a NUL byte (which the text column would end at)
 * becomes U+FFFD, so what follows it is kept; the register is told of. */
static char *
sync_reason(const char *why, size_t n, long received, const char *no)
{
	struct gk_buf b;
	size_t at = 0;
	const char *z;

	if (!why)
		return gk_xstrdup("");
	if (!memchr(why, 0, n))
		return gk_xstrndup(why, n);
	gk_warn("sync: revocation %ld (%s): its reason holds a NUL byte, "
		"stored as U+FFFD",
		received, no);
	buf_init(&b);
	while ((z = memchr(why + at, 0, n - at)) != NULL) {
		buf_add(&b, why + at, (size_t)(z - why) - at);
		buf_adds(&b, "\xEF\xBF\xBD");
		at = (size_t)(z - why) + 1;
	}
	buf_add(&b, why + at, n - at);
	return b.data; /* the buffer's memory is the caller's now */
}

/*
 * What a sync changed, for its take-back: its write number (every row it
 * wrote carries it), the rows it replaced as they were (in a temporary
 * table of the connection, so that a register of millions is not held
 * in memory; the take-back runs on the same connection after the
 * commit), and the position before.
 */
struct sync_undo {
	sqlite3_stmt *capture; /* while storing */
	sqlite3_int64 write_no;
	size_t n;   /* revocations stored */
	bool wrote; /* anything: revocations, the position */
	struct db_rows pos_before;
};

#define SYNC_ROW "SELECT id, since, synced_at FROM license_sync"
#define SYNC_BEFORE_TABLE \
	"DROP TABLE IF EXISTS temp.sync_before;" \
	" CREATE TEMP TABLE sync_before (license_no TEXT, revoked_at TEXT," \
	" reason TEXT, source TEXT, recorded_at INTEGER, write_no INTEGER)"
/* A license's row before the sync replaces it, appended; none for a new
 * license, nor for one this sync wrote already (sent twice). */
#define SYNC_CAPTURE \
	"INSERT INTO temp.sync_before SELECT license_no, revoked_at," \
	" reason, source, recorded_at, write_no FROM main.license_revocation" \
	" WHERE license_no = ?1 AND write_no <> ?2"

static void
sync_undo_release(struct sync_undo *u)
{
	sqlite3_finalize(u->capture);
	db_rows_release(&u->pos_before);
	memset(u, 0, sizeof *u);
}

/* The temporary table and the capture, for a sync with this write. */
static int
sync_undo_begin(sqlite3 *db, struct sync_undo *u, sqlite3_int64 write_no,
		struct gk_err *e)
{
	u->write_no = write_no;
	if (db_exec(db, SYNC_BEFORE_TABLE, e) < 0 ||
	    (u->capture = db_prepare(db, SYNC_CAPTURE, e)) == NULL)
		return -1;
	sqlite3_bind_int64(u->capture, 2, write_no);
	return 0;
}

/* Note license no's row as it is, before the sync stores it. */
static int
sync_capture(sqlite3 *db, struct sync_undo *u, const char *no, struct gk_err *e)
{
	int rc;

	sqlite3_bind_text(u->capture, 1, no, -1, SQLITE_STATIC);
	rc = sqlite3_step(u->capture);
	sqlite3_reset(u->capture);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

/* The register and the position as before the sync (db_keep_if_out's
 * undo): what it wrote removed, what it replaced put back; not once
 * another run has written the register. */
static int
sync_unstore(sqlite3 *db, void *arg, struct gk_err *e)
{
	struct sync_undo *u = arg;
	sqlite3_stmt *st;
	int rc;

	if (!u->wrote)
		return 0; /* nothing to take back */
	if (store_write_is_last(db, u->write_no, e) < 0 ||
	    (st = db_prepare(db,
			     "DELETE FROM main.license_revocation"
			     " WHERE write_no = ?1",
			     e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, u->write_no);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	if (db_exec(db,
		    "INSERT INTO main.license_revocation (license_no,"
		    " revoked_at, reason, source, recorded_at, write_no)"
		    " SELECT * FROM temp.sync_before;"
		    " DELETE FROM license_sync",
		    e) < 0)
		return -1;
	if (db_rows_put(db, &u->pos_before,
			"INSERT INTO license_sync (id, since, synced_at)"
			" VALUES (?1, ?2, ?3)",
			e) < 0)
		return -1;
	return store_write_undone(db, u->write_no, e);
}

/* Store one revocation of the answer; -1 (in *e) when the database
 * fails, 0 otherwise, a revocation that lacks its keys included. */
static int
sync_store_one(struct sync_pass *s, struct revoke_stmts *rs,
	       struct sync_undo *u, const struct lj_value *r, struct gk_err *e)
{
	size_t nl, al, rl;
	const char *no = lj_get_str(r, "license_no", &nl);
	const char *at = lj_get_str(r, "revoked_at", &al);
	const char *why = lj_get_str(r, "reason", &rl);
	struct sync_instant at_t;
	char *nos, *ats, *whys;
	bool dated, known;
	int rc = -1;

	s->received++;
	if (!no || !nl || !at || !al || memchr(no, 0, nl)) {
		gk_warn("sync: revocation %ld lacks license_no or revoked_at; "
			"ignored",
			s->received);
		s->suspect++;
		return 0;
	}
	dated = sync_instant_parse(at, al, &at_t) == 0;
	nos = gk_xstrndup(no, nl);
	ats = gk_xstrndup(at, al);
	whys = sync_reason(why, rl, s->received, nos);
	/* Kept even when its date is bad: the register says the
	 * license is revoked, and a verifier errs on that side. */
	if (sync_capture(rs->db, u, nos, e) < 0 ||
	    store_revoke_put(rs, nos, ats, whys, "sync", &known, e) < 0)
		goto out;
	u->n++;
	if (!known)
		s->fresh++;
	sync_note_position(s, nos, at, al, ats, dated ? &at_t : NULL);
	rc = 0;
out:
	free(nos);
	free(ats);
	free(whys);
	return rc;
}

struct sync_target {
	struct sync_pass *s;
	struct revoke_stmts rs;
	struct sync_undo *u;
};

static int
sync_store_each(const struct lj_value *r, void *arg, struct gk_err *e)
{
	struct sync_target *t = arg;

	return sync_store_one(t->s, &t->rs, t->u, r, e);
}

/* The new position: the newest well-dated, past revoked_at seen, as
 * the register wrote it; never going back. */
static const char *
sync_new_position(const struct sync_pass *s)
{
	if (s->until &&
	    (!s->since || sync_instant_cmp(&s->until_t, &s->since_t) > 0))
		return s->until;
	return s->since;
}

/* Record the position pos (when it moved), or forget a bad stored one
 * when there is none: 1 when it wrote, 0 when not, -1 (reported, rolled
 * back) on failure. */
static int
sync_save_position(sqlite3 *db, const struct sync_pass *s, const char *pos)
{
	struct gk_err e;

	if (pos && pos == s->until) {
		sqlite3_stmt *st = db_prepare(
			db,
			"INSERT OR REPLACE INTO license_sync (id, since, synced_at) "
			"VALUES (1, ?1, strftime('%s','now'))",
			&e);
		if (!st ||
		    (sqlite3_bind_text(st, 1, s->until, -1, SQLITE_TRANSIENT),
		     sqlite3_step(st)) != SQLITE_DONE) {
			gk_warn("cannot record the sync position: %s",
				db_errmsg(db));
			sqlite3_finalize(st);
			db_rollback(db);
			return -1;
		}
		sqlite3_finalize(st);
		return 1;
	}
	if (!pos && s->drop_since) {
		if (db_exec(db, "DELETE FROM license_sync", &e) < 0) {
			gk_warn_err(&e);
			db_rollback(db);
			return -1;
		}
		return 1;
	}
	return 0;
}

/* Store every revocation of the answer (sync_answer_ok) and the new
 * position in a transaction left open for the caller to commit; -1
 * (reported, rolled back) on failure. */
static int
sync_store(struct sync_pass *s, sqlite3 *db, const struct http_response *resp,
	   struct lj_arena *doc, struct lj_arena *item, const char **pos,
	   struct sync_undo *u)
{
	struct sync_target t = {.s = s, .u = u};
	sqlite3_int64 write_no;
	struct gk_err e;
	bool stored;
	int saved;

	if (db_begin(db, &e) < 0) {
		gk_warn_err(&e);
		return -1;
	}
	if (store_write_begin(db, &write_no, &e) < 0 ||
	    sync_undo_begin(db, u, write_no, &e) < 0 ||
	    db_rows_save(db, &u->pos_before, SYNC_ROW, NULL, &e) < 0 ||
	    store_revoke_begin(&t.rs, db, write_no, &e) < 0) {
		gk_warn_err(&e);
		db_rollback(db);
		return -1;
	}
	stored = lj_parse_each(doc, item, resp->body.data, resp->body.len,
			       SYNC_MEMBER, sync_store_each, &t, &e) != NULL;
	store_revoke_end(&t.rs);
	if (!stored) {
		gk_warn_err(&e);
		db_rollback(db);
		return -1;
	}
	*pos = sync_new_position(s);
	if ((saved = sync_save_position(db, s, *pos)) < 0)
		return -1;
	/* a sync that wrote nothing gives its number back: it must not stop
	 * the take-back of a run before it */
	u->wrote = u->n > 0 || saved > 0;
	if (!u->wrote && store_write_undone(db, u->write_no, &e) < 0) {
		gk_warn_err(&e);
		db_rollback(db);
		return -1;
	}
	return 0;
}

static void
sync_print(FILE *out, enum gk_format fmt, const struct sync_pass *s,
	   const char *pos)
{
	struct gk_buf b;

	buf_init(&b);
	if (fmt == GK_FORMAT_TEXT) {
		buf_printf(&b, "sync: %ld revocations received, %ld new\n",
			   s->received, s->fresh);
	} else {
		buf_printf(&b,
			   "{\"type\":\"sync\",\"received\":%ld,\"new\":%ld,"
			   "\"since\":",
			   s->received, s->fresh);
		if (s->since)
			buf_add_json_string(&b, s->since, strlen(s->since));
		else
			buf_adds(&b, "null");
		buf_adds(&b, ",\"until\":");
		if (pos)
			buf_add_json_string(&b, pos, strlen(pos));
		else
			buf_adds(&b, "null");
		buf_adds(&b, ",\"asked\":");
		if (s->asked[0])
			buf_add_json_string(&b, s->asked, strlen(s->asked));
		else
			buf_adds(&b, "null");
		buf_adds(&b, "}\n");
	}
	fwrite(b.data, 1, b.len, out);
	buf_release(&b);
}

/*
 * The sync record, which says what was stored, goes out once the
 * revocations and the new position are committed: a commit that fails
 * (exit 2) prints none.  On a closed or full output, or an -o file that
 * cannot be put in place, they are taken back (exit 2), so that running
 * it again reports them as new, as every command that prints what it
 * stores does.
 */
static int
cmd_sync(struct opts *op, struct gk_config *cfg, struct gk_out *o,
	 enum gk_format fmt)
{
	struct http_client *http = NULL;
	struct http_response resp;
	struct lj_arena doc, item;
	struct gk_err e;
	struct sync_pass s = {0};
	struct sync_undo u = {0};
	struct gk_err ue;
	sqlite3 *db = NULL;
	const char *pos;
	int rc = GK_EXIT_FAIL, fetched, kept;
	bool have_resp = false;

	lj_arena_init(&doc);
	lj_arena_init(&item);
	if (op->nargs)
		return gk_usage_error("sync takes no arguments");
	s.now.secs = (long long)time(NULL);
	s.now.nanos = 0;
	http = http_client_from_config(cfg, NULL, &e);
	if (!http) {
		gk_warn_err(&e);
		goto out;
	}
	http_client_set_max_body(http, SYNC_MAX_ANSWER);
	if (db_open(&db, op->db, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	sync_load_since(&s, db);
	sync_asked(&s, op);
	fetched = sync_fetch(http, s.asked[0] ? s.asked : NULL, &resp);
	have_resp = true;
	if (fetched < 0)
		goto out;
	if (!sync_answer_ok(&resp, &doc, &item) ||
	    sync_store(&s, db, &resp, &doc, &item, &pos, &u) < 0)
		goto out;
	sqlite3_finalize(u.capture);
	u.capture = NULL;
	if (db_commit(db, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	sync_print(o->fp, fmt, &s, pos);
	kept = db_keep_if_out(db, o, true, sync_unstore, &u, &e, &ue);
	if (kept < 0) {
		gk_warn_err(&e);
		if (kept < -1)
			gk_warn("unable to take back the sync: %s", ue.msg);
		goto out;
	}
	rc = s.suspect ? GK_EXIT_FOUND : GK_EXIT_OK;
out:
	sync_undo_release(&u);
	if (have_resp)
		http_response_release(&resp);
	if (http)
		http_client_free(http);
	if (db)
		sqlite3_close_v2(db);
	free(s.since);
	free(s.until);
	lj_arena_release(&doc);
	lj_arena_release(&item);
	return rc;
}

/* ---------------------------------------------------------------- */
/* main                                                              */
/* ---------------------------------------------------------------- */

static int
run(const char *cmd, struct opts *op, struct gk_config *cfg)
{
	struct gk_out o;
	struct gk_err e;
	enum gk_format fmt;
	int rc;

	/* the commands that read licenses as JSON Lines: a .json file
	 * holding one license pretty-printed would be read a line at a time,
	 * each line one more invalid license */
	if ((strcmp(cmd, "verify") == 0 || strcmp(cmd, "sign") == 0 ||
	     strcmp(cmd, "canon") == 0) &&
	    jl_refuse_documents(op->args, op->nargs, "licenses", "license") < 0)
		return GK_EXIT_FAIL;
	if (out_open(&o, op->output, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	fmt = gk_format_resolve(op->format, o.fp);
	if (strcmp(cmd, "verify") == 0)
		rc = cmd_verify(op, cfg, o.fp, fmt);
	else if (strcmp(cmd, "sign") == 0)
		rc = cmd_sign(op, o.fp);
	else if (strcmp(cmd, "canon") == 0)
		rc = cmd_canon(op, o.fp);
	else if (strcmp(cmd, "keygen") == 0)
		rc = cmd_keygen(op, o.fp, fmt);
	else if (strcmp(cmd, "revoke") == 0)
		rc = cmd_revoke(op, &o, fmt);
	else
		rc = cmd_sync(op, cfg, &o, fmt);
	if (out_errno == EPIPE && !op->output) /* | head: stop quietly */
		rc = GK_EXIT_OK;
	else if (out_errno && op->output) {
		errno = out_errno;
		gk_warn("unable to write '%s':", op->output);
	}
	if (rc == GK_EXIT_FAIL && op->output) {
		out_abort(&o);
		return rc;
	}
	if (out_commit(&o, &e) < 0) {
		gk_warn_err(&e);
		if (strcmp(cmd, "keygen") == 0 && rc == GK_EXIT_OK)
			keygen_remove(op->args[0]);
		return GK_EXIT_FAIL;
	}
	return rc;
}

/* The command named by word; NULL if there is none of that name. */
static const char *
find_command(const char *word)
{
	static const char *const cmds[] = {"verify", "sign", "keygen",
					   "revoke", "sync", "canon"};

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(word, cmds[i]) == 0)
			return cmds[i];
	return NULL;
}

/* optarg, a number from min to max, into *v; -1 after a usage error. */
static int
number_option(const char *name, long min, long max, long *v)
{
	struct gk_err e;

	if (gk_parse_long(name, optarg, min, max, v, &e) < 0) {
		gk_usage_error("%s", e.msg);
		return -1;
	}
	return 0;
}

static void
opts_init(struct opts *op)
{
	memset(op, 0, sizeof *op);
	op->warn_days = LIC_WARN_DAYS_DEFAULT;
	op->cache_ttl = LIC_CACHE_TTL_DEFAULT;
	op->overlap_days = SYNC_OVERLAP_DAYS_DEFAULT;
	op->format = GK_FORMAT_AUTO;
}

/* Options into op, over its defaults; -1 to go on, or the exit status
 * (--help, --version, a bad option). */
static int
parse_options(int argc, char **argv, struct opts *op)
{
	struct gk_err e;
	int c;

	opts_init(op);
	while ((c = getopt_long(argc, argv, "ho:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(); return gk_stdout_close_status();
		case OPT_VERSION:
			gk_print_version();
			return gk_stdout_close_status();
		case OPT_TRUST: op->trust = optarg; break;
		case OPT_ONLINE: op->online = true; break;
		case OPT_TODAY:
			if (date_parse_arg(optarg, &op->today, &e) < 0)
				return gk_usage_error("%s", e.msg);
			op->have_today = true;
			break;
		case OPT_WARN_DAYS:
			if (number_option("--warn-days", 0, MAX_WARN_DAYS,
					  &op->warn_days) < 0)
				return GK_EXIT_FAIL;
			break;
		case OPT_CACHE_TTL:
			if (number_option("--cache-ttl", 0, MAX_CACHE_TTL,
					  &op->cache_ttl) < 0)
				return GK_EXIT_FAIL;
			break;
		case OPT_JOBS:
			if (number_option("--jobs", 1, MAX_JOBS, &op->jobs) < 0)
				return GK_EXIT_FAIL;
			break;
		case OPT_KEY: op->key = optarg; break;
		case OPT_KEY_ID: op->key_id = optarg; break;
		case OPT_ALG: op->alg = optarg; break;
		case OPT_REASON: op->reason = optarg; break;
		case OPT_DATE: op->date = optarg; break;
		case OPT_LIST: op->list = true; break;
		case OPT_OVERLAP:
			if (number_option("--overlap", 0, SYNC_OVERLAP_DAYS_MAX,
					  &op->overlap_days) < 0)
				return GK_EXIT_FAIL;
			op->have_overlap = true;
			break;
		case OPT_FULL: op->full = true; break;
		case OPT_NO_MASK: op->no_mask = true; break;
		case OPT_DB: op->db = optarg; break;
		case OPT_FORMAT:
			if (gk_format_parse(optarg, &op->format) < 0)
				return gk_usage_error("unknown --format '%s' "
						      "(ndjson or text)",
						      optarg);
			break;
		case 'o': op->output = optarg; break;
		default: return gk_try_help();
		}
	}
	return -1;
}

/* The configuration loaded around the command. */
static int
run_configured(const char *cmd, struct opts *op)
{
	struct gk_config cfg = {0};
	struct gk_err e;
	int rc;

	if (config_load(&cfg, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	rc = run(cmd, op, &cfg);
	config_release(&cfg);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts op;
	const char *cmd = NULL;
	int rc;

	gk_set_progname(argv[0]);
	gk_stdout_init();
	if (argc >= 2 && argv[1][0] != '-') {
		cmd = find_command(argv[1]);
		if (!cmd)
			return gk_usage_error("unknown command '%s'", argv[1]);
		argc--;
		argv++;
	}
	gk_getopt_name(argc, argv);
	if ((rc = parse_options(argc, argv, &op)) >= 0)
		return rc;
	if (!cmd)
		return gk_usage_error("missing command (verify, sign, keygen, "
				      "revoke, sync, canon)");
	/* --full asks for everything: an overlap beside it means nothing */
	if (op.full && op.have_overlap)
		return gk_usage_error(
			"--overlap and --full do not go together");
	op.args = argv + optind;
	op.nargs = argc - optind;
	if (!op.have_today)
		date_today(&op.today);
	rc = run_configured(cmd, &op);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
