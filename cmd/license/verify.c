/*
 * verify.c: the checks, the verdict, and batch verification.
 *
 * Checks run in this order of reporting: schema, license-id, holder-id,
 * issuer-id, dates, expiry, status, issuer-trust, signature, online.
 * Each ends ok, failed (with a message), skipped (with a reason) or
 * indeterminate (its source could not be reached).  The signature is
 * decided first: when it fails, the checks on the record's content are
 * skipped, since the content is not the issuer's.
 *
 * Verdict precedence (worst first):
 *   untrusted > invalid > revoked > expired > not-yet-valid >
 *   indeterminate > valid
 *
 * A batch is cut into chunks of whole lines; worker threads verify chunks
 * and the main thread writes their output in input order.
 */
#include "license.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK_BYTES ((size_t)256 << 10)
#define CHUNKS_PER_JOB 3 /* chunks in flight per worker */
#define MSG_MAX 320
#define READ_BLOCK ((size_t)64 << 10)

enum check_id {
	CK_SCHEMA,
	CK_LICENSE_ID,
	CK_HOLDER_ID,
	CK_ISSUER_ID,
	CK_DATES,
	CK_EXPIRY,
	CK_STATUS,
	CK_ISSUER_TRUST,
	CK_SIGNATURE,
	CK_ONLINE,
	CK_COUNT,
};

static const char *const check_names[CK_COUNT] = {
	"schema", "license-id", "holder-id",    "issuer-id", "dates",
	"expiry", "status",     "issuer-trust", "signature", "online",
};

enum check_state {
	ST_UNSET, /* not reported (online without --online) */
	ST_OK,
	ST_FAIL,
	ST_SKIP,
	ST_INDET,
};

/* Verdicts, ordered by precedence (higher wins). */
enum verdict {
	V_VALID,
	V_INDETERMINATE,
	V_NOT_YET_VALID,
	V_EXPIRED,
	V_REVOKED,
	V_INVALID,
	V_UNTRUSTED,
};

static const char *const verdict_names[] = {
	"valid",   "indeterminate", "not-yet-valid", "expired",
	"revoked", "invalid",       "untrusted",
};

struct check {
	enum check_state st;
	enum verdict fails_as; /* verdict a failure of this check leads to */
	char msg[MSG_MAX];     /* message, skip reason or indeterminate why */
	char warn[MSG_MAX];    /* warning of an ok check */
	bool online_done;
	bool cached;
	long long answered_at;
};

/* Everything a worker owns: no sharing but the read-only options. */
struct worker {
	const struct verify_options *o;
	struct lj_arena arena;
	struct gk_buf canon;
	EVP_PKEY **keys; /* per trust issuer, loaded on first use */
	/* --online: each worker has its own client and database connection
	 * (neither is shared between threads). */
	sqlite3 *db;
	struct http_client *http;
	char http_error[MSG_MAX];
};

/* The fields a record is checked on, pulled out once. */
struct fields {
	const char *no, *type, *holder_id, *holder_type, *issuer_code, *status,
		*license_id;
	size_t no_n, type_n, hid_n, htype_n, icode_n, status_n, lid_n;
	struct gk_date issue, from, to;
	bool has_issue, has_from, has_to, to_null;
	const struct lj_value *sig;
};

static void setf(struct check *c, enum check_state st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A message longer than MSG_MAX is cut, but never inside a number: a
 * revocation's reason that ran past it showed an ID's first digits,
 * which the masking of the message no longer knew as an ID. */
static void
setf(struct check *c, enum check_state st, const char *fmt, ...)
{
	va_list ap;
	struct gk_buf b;
	size_t k;

	c->st = st;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	k = b.data ? mask_cut(b.data, b.len, sizeof c->msg - 1) : 0;
	memcpy(c->msg, b.data ? b.data : "", k);
	c->msg[k] = '\0';
	buf_release(&b);
}

static bool
str_is(const char *s, size_t n, const char *lit)
{
	return s && strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* ---------------------------------------------------------------- */
/* schema                                                            */
/* ---------------------------------------------------------------- */

static void
addprob(char *msg, const char *p)
{
	size_t l = strlen(msg);
	if (l + 2 + strlen(p) + 1 > MSG_MAX)
		return;
	if (l)
		strcat(msg, "; ");
	strcat(msg, p);
}

static const char *
req_str(const struct lj_value *rec, const char *key, size_t *n, char *msg)
{
	const struct lj_value *v = lj_get(rec, key);
	char p[96];

	if (!v) {
		snprintf(p, sizeof p, "%s missing", key);
		addprob(msg, p);
		return NULL;
	}
	if (v->kind != LJ_STRING || v->n == 0) {
		snprintf(p, sizeof p, "%s must be a non-empty string", key);
		addprob(msg, p);
		return NULL;
	}
	/* Kept as a C string (cache, revocation list) it would end at the
	 * NUL: "TL-1\u0000X" taken for TL-1. */
	if (memchr(v->s, 0, v->n)) {
		snprintf(p, sizeof p, "%s must not contain \\u0000 (NUL)", key);
		addprob(msg, p);
		return NULL;
	}
	*n = v->n;
	return v->s;
}

static bool
req_date(const struct lj_value *rec, const char *key, struct gk_date *d,
	 bool nullable, bool *is_null, char *msg)
{
	const struct lj_value *v = lj_get(rec, key);
	struct gk_date day;
	char p[192];

	if (is_null)
		*is_null = false;
	if (!v) {
		snprintf(p, sizeof p, "%s missing%s", key,
			 nullable ? " (null for long-term)" : "");
		addprob(msg, p);
		return false;
	}
	if (nullable && v->kind == LJ_NULL) {
		*is_null = true;
		return false;
	}
	if (v->kind != LJ_STRING || date_parse(v->s, v->n, d) < 0) {
		/* as other systems write them: a date-time (RFC 3339 or
		 * SQL's), 长期 where null is meant */
		if (v->kind == LJ_STRING && v->n > 10 && v->s[10] != '\0' &&
		    strchr("Tt ", v->s[10]) && date_parse(v->s, 10, &day) == 0)
			snprintf(p, sizeof p,
				 "%s '%.*s' has a time: the date alone is "
				 "wanted (YYYY-MM-DD)",
				 key, (int)mask_cut(v->s, v->n, 40), v->s);
		else if (v->kind == LJ_STRING)
			snprintf(p, sizeof p,
				 "%s '%.*s' is not a real date "
				 "(YYYY-MM-DD)%s",
				 key, (int)mask_cut(v->s, v->n, 40), v->s,
				 nullable && (v->n == 0 || v->s[0] < '0' ||
					      v->s[0] > '9')
					 ? "; a long-term license (长期) has "
					   "valid_to null"
					 : "");
		else
			snprintf(p, sizeof p,
				 "%s must be a date (YYYY-MM-DD)%s", key,
				 nullable ? " or null" : "");
		addprob(msg, p);
		return false;
	}
	return true;
}

static void
check_schema(const struct lj_value *rec, struct fields *f, struct check *c)
{
	char msg[MSG_MAX] = "";
	size_t n;
	const struct lj_value *v;

	f->no = req_str(rec, "license_no", &f->no_n, msg);
	f->type = req_str(rec, "license_type", &f->type_n, msg);
	req_str(rec, "holder_name", &n, msg);
	f->holder_id = req_str(rec, "holder_id", &f->hid_n, msg);
	f->holder_type = req_str(rec, "holder_id_type", &f->htype_n, msg);
	if (f->holder_type && !str_is(f->holder_type, f->htype_n, "uscc") &&
	    !str_is(f->holder_type, f->htype_n, "ric") &&
	    !str_is(f->holder_type, f->htype_n, "orgcode") &&
	    !str_is(f->holder_type, f->htype_n, "other")) {
		addprob(msg,
			"holder_id_type must be uscc, ric, orgcode or other");
		f->holder_type = NULL;
	}
	req_str(rec, "issuer_name", &n, msg);
	f->issuer_code = req_str(rec, "issuer_code", &f->icode_n, msg);
	f->has_issue = req_date(rec, "issue_date", &f->issue, false, NULL, msg);
	f->has_from = req_date(rec, "valid_from", &f->from, false, NULL, msg);
	f->has_to = req_date(rec, "valid_to", &f->to, true, &f->to_null, msg);
	f->status = req_str(rec, "status", &f->status_n, msg);
	if (f->status && !str_is(f->status, f->status_n, "valid") &&
	    !str_is(f->status, f->status_n, "suspended") &&
	    !str_is(f->status, f->status_n, "revoked") &&
	    !str_is(f->status, f->status_n, "cancelled")) {
		addprob(msg,
			"status must be valid, suspended, revoked or cancelled");
		f->status = NULL;
	}
	v = lj_get(rec, "license_id");
	if (v && v->kind == LJ_STRING && memchr(v->s, 0, v->n)) {
		addprob(msg, "license_id must not contain \\u0000 (NUL)");
	} else if (v && v->kind == LJ_STRING) {
		f->license_id = v->s;
		f->lid_n = v->n;
	} else if (v && v->kind != LJ_NULL) {
		addprob(msg, "license_id must be a string");
	}
	v = lj_get(rec, "signature");
	if (v) {
		if (v->kind != LJ_OBJECT || !lj_get_str(v, "alg", NULL) ||
		    !lj_get_str(v, "key_id", NULL) ||
		    !lj_get_str(v, "value", NULL))
			addprob(msg,
				"signature must be an object with alg, key_id "
				"and value strings");
		else
			f->sig = v;
	}
	if (msg[0])
		setf(c, ST_FAIL, "%s", msg);
	else
		c->st = ST_OK;
}

/* ---------------------------------------------------------------- */
/* identifiers, dates                                                */
/* ---------------------------------------------------------------- */

static void
from_id(struct check *c, const struct id_result *r)
{
	if (!r->ok) {
		setf(c, ST_FAIL, "%s", r->message);
		return;
	}
	c->st = ST_OK;
	if (r->warning)
		snprintf(c->warn, sizeof c->warn, "%s", r->message);
}

static void
check_license_id(const struct fields *f, struct check *c)
{
	struct id_result r;
	char issuer[32];

	if (!f->license_id) {
		setf(c, ST_SKIP, "record has no license_id");
		return;
	}
	id_check_license_id(f->license_id, f->lid_n, &r);
	if (!r.ok) {
		setf(c, ST_FAIL, "%s", r.message);
		return;
	}
	if (!f->issuer_code) {
		from_id(c, &r);
		return;
	}
	if (id_license_id_issuer(f->license_id, f->lid_n, issuer) == 0 &&
	    !str_is(f->issuer_code, f->icode_n, issuer)) {
		setf(c, ST_FAIL,
		     "issuer code in license_id is %s, issuer_code is "
		     "%.*s",
		     issuer, (int)mask_cut(f->issuer_code, f->icode_n, 40),
		     f->issuer_code);
		return;
	}
	from_id(c, &r);
}

static void
check_holder(const struct fields *f, const struct gk_date *today,
	     struct check *c)
{
	struct id_result r;

	if (!f->holder_id || !f->holder_type) {
		setf(c, ST_SKIP,
		     "holder_id or holder_id_type missing or malformed");
		return;
	}
	if (str_is(f->holder_type, f->htype_n, "uscc"))
		id_check_uscc(f->holder_id, f->hid_n, &r);
	else if (str_is(f->holder_type, f->htype_n, "ric"))
		id_check_ric(f->holder_id, f->hid_n, today, &r);
	else if (str_is(f->holder_type, f->htype_n, "orgcode"))
		id_check_orgcode(f->holder_id, f->hid_n, &r);
	else {
		setf(c, ST_SKIP, "holder_id_type is other");
		return;
	}
	from_id(c, &r);
}

static void
check_issuer_id(const struct fields *f, struct check *c)
{
	struct id_result r;

	if (!f->issuer_code) {
		setf(c, ST_SKIP, "issuer_code missing or malformed");
		return;
	}
	id_check_uscc(f->issuer_code, f->icode_n, &r);
	from_id(c, &r);
}

static void
check_dates(const struct fields *f, struct check *c)
{
	char a[11], b[11];

	if (!f->has_issue || !f->has_from || (!f->has_to && !f->to_null)) {
		setf(c, ST_SKIP, "dates missing or malformed");
		return;
	}
	/* An issue date after valid_from is a license issued again (a
	 * business licence re-issued after a change keeps the term it
	 * had), not an error; one after valid_to is. */
	if (f->has_to && date_cmp(&f->from, &f->to) > 0) {
		date_format(&f->from, a);
		date_format(&f->to, b);
		setf(c, ST_FAIL, "valid_from %s is after valid_to %s", a, b);
		return;
	}
	if (f->has_to && date_cmp(&f->issue, &f->to) > 0) {
		date_format(&f->issue, a);
		date_format(&f->to, b);
		setf(c, ST_FAIL, "issue_date %s is after valid_to %s", a, b);
		return;
	}
	c->st = ST_OK;
}

static void
check_expiry(const struct fields *f, const struct verify_options *o,
	     struct check *c)
{
	char a[11], t[11];
	long left;

	if (!f->has_from || (!f->has_to && !f->to_null)) {
		setf(c, ST_SKIP, "valid_from or valid_to missing or malformed");
		return;
	}
	if (date_cmp(&o->today, &f->from) < 0) {
		date_format(&o->today, t);
		date_format(&f->from, a);
		setf(c, ST_FAIL, "not valid before %s (today is %s)", a, t);
		c->fails_as = V_NOT_YET_VALID;
		return;
	}
	c->st = ST_OK;
	if (f->to_null)
		return; /* long-term (长期) */
	if (date_cmp(&o->today, &f->to) > 0) {
		date_format(&o->today, t);
		date_format(&f->to, a);
		setf(c, ST_FAIL, "expired after %s (today is %s)", a, t);
		c->fails_as = V_EXPIRED;
		return;
	}
	left = date_to_days(&f->to) - date_to_days(&o->today);
	if (left <= o->warn_days) {
		date_format(&f->to, a);
		snprintf(c->warn, sizeof c->warn,
			 "expires in %ld day%s (valid to %s)", left,
			 left == 1 ? "" : "s", a);
	}
}

static void
check_status(const struct fields *f, const struct verify_options *o,
	     struct check *c)
{
	const struct revocation *r;

	if (f->status && !str_is(f->status, f->status_n, "valid")) {
		setf(c, ST_FAIL, "status is %.*s", (int)f->status_n, f->status);
		return;
	}
	if (f->no && o->revs && (r = revlist_find(o->revs, f->no, f->no_n))) {
		setf(c, ST_FAIL, "revoked %s: %s (%s)", r->revoked_at,
		     r->reason,
		     strcmp(r->source, "sync") == 0
			     ? "revocation list synced from the register"
			     : "local revocation list");
		return;
	}
	if (!f->status) {
		setf(c, ST_SKIP, "status missing or malformed");
		return;
	}
	if (!o->revs) {
		setf(c, ST_INDET, "local revocation list could not be read: %s",
		     o->revs_error ? o->revs_error : "unknown error");
		return;
	}
	c->st = ST_OK;
}

/* ---------------------------------------------------------------- */
/* trust and signature                                               */
/* ---------------------------------------------------------------- */

/*
 * The key's validity window, judged at the day the license was signed (its
 * issue_date), as X.509's notBefore/notAfter are at the signing time: a
 * retired key keeps what it signed before, and nothing after.  A license
 * with no usable issue_date cannot be shown to be signed within the
 * window, so it is not trusted.  false (and c failed) when outside.
 */
static bool
check_key_window(const struct fields *f, const struct lic_issuer *is,
		 struct check *c)
{
	char nb[11], na[11], d[11], valid[64];

	if (!is->has_not_before && !is->has_not_after)
		return true;
	if (is->has_not_before)
		date_format(&is->not_before, nb);
	if (is->has_not_after)
		date_format(&is->not_after, na);
	if (is->has_not_before && is->has_not_after)
		snprintf(valid, sizeof valid, "from %s to %s", nb, na);
	else if (is->has_not_before)
		snprintf(valid, sizeof valid, "from %s", nb);
	else
		snprintf(valid, sizeof valid, "to %s", na);
	if (!f->has_issue) {
		setf(c, ST_FAIL,
		     "key %s of issuer %s is valid %s; the license has no "
		     "usable issue_date to judge it by",
		     is->key_id, is->code, valid);
		return false;
	}
	date_format(&f->issue, d);
	if (is->has_not_before && date_cmp(&f->issue, &is->not_before) < 0) {
		setf(c, ST_FAIL,
		     "key %s of issuer %s is valid %s; the license was "
		     "issued %s, before its not_before",
		     is->key_id, is->code, valid, d);
		return false;
	}
	if (is->has_not_after && date_cmp(&f->issue, &is->not_after) > 0) {
		setf(c, ST_FAIL,
		     "key %s of issuer %s is valid %s; the license was "
		     "issued %s, after its not_after",
		     is->key_id, is->code, valid, d);
		return false;
	}
	return true;
}

static const struct lic_issuer *
check_trust(const struct fields *f, const struct verify_options *o,
	    struct check *c)
{
	const struct lic_issuer *is;
	bool by_key = false;

	if (!o->trust) {
		/* Without a trust source nobody can say the license is the
		 * issuer's: not determined, never "valid". */
		setf(c, ST_INDET,
		     "no trust file (--trust, or license_trust in the "
		     "config): issuer and signature not checked");
		return NULL;
	}
	if (!f->issuer_code) {
		setf(c, ST_FAIL, "record has no usable issuer_code");
		return NULL;
	}
	is = trust_by_code(o->trust, f->issuer_code, f->icode_n);
	if (is && f->sig) {
		/* An issuer may be listed once per key (a key rollover): take
		 * the entry of the key the record was signed with. */
		size_t kn;
		const char *kid = lj_get_str(f->sig, "key_id", &kn);
		const struct lic_issuer *k = trust_by_key_id(o->trust, kid, kn);
		if (k && strcmp(k->code, is->code) == 0) {
			is = k;
			by_key = true;
		}
	}
	if (!is) {
		setf(c, ST_FAIL, "issuer %.*s is not in the trust file",
		     (int)(f->icode_n > 40 ? 40 : f->icode_n), f->issuer_code);
		return NULL;
	}
	if (!f->type) {
		setf(c, ST_FAIL, "record has no usable license_type");
		return NULL;
	}
	if (!trust_allows(is, f->type, f->type_n)) {
		setf(c, ST_FAIL, "issuer %s (%s) may not issue '%.*s'",
		     is->code, is->name, (int)(f->type_n > 80 ? 80 : f->type_n),
		     f->type);
		return NULL;
	}
	/* Only the window of the key the record names: a record not signed
	 * with one of the issuer's keys fails its signature check. */
	if (by_key && !check_key_window(f, is, c))
		return NULL;
	c->st = ST_OK;
	return is;
}

static EVP_PKEY *
worker_key(struct worker *w, const struct lic_issuer *is, struct gk_err *e)
{
	size_t i = (size_t)(is - w->o->trust->issuers);

	if (!w->keys[i])
		w->keys[i] = lic_load_public_pem(is->pem, strlen(is->pem), e);
	return w->keys[i];
}

/* Is the signature's key the record's issuer's key, for its alg?  If
 * not, c says which key signed. */
static bool
signed_with_issuer_key(const struct verify_options *o, const struct fields *f,
		       const struct lic_issuer *is, struct check *c)
{
	const struct lic_issuer *owner;
	const char *alg, *kid;
	size_t alg_n, kid_n;

	alg = lj_get_str(f->sig, "alg", &alg_n);
	kid = lj_get_str(f->sig, "key_id", &kid_n);
	if (!str_is(kid, kid_n, is->key_id)) {
		owner = trust_by_key_id(o->trust, kid, kid_n);
		if (owner)
			setf(c, ST_FAIL,
			     "signed with the key of issuer %s (%s), "
			     "not of the record's issuer %s",
			     owner->code, owner->name, is->code);
		else
			setf(c, ST_FAIL,
			     "signed with key %.*s, which is not "
			     "issuer %s's key %s",
			     (int)(kid_n > 64 ? 64 : kid_n), kid, is->code,
			     is->key_id);
		return false;
	}
	if (lic_alg_parse(alg, alg_n) != is->alg || str_is(alg, alg_n, "sm2")) {
		setf(c, ST_FAIL,
		     "signature alg is %.*s but issuer %s's key is %s",
		     (int)(alg_n > 32 ? 32 : alg_n), alg, is->code,
		     lic_alg_name(is->alg));
		return false;
	}
	return true;
}

/* The signature's value checked with the issuer's key over the record's
 * canonical form. */
static void
verify_signature_value(struct worker *w, const struct lj_value *rec,
		       const struct fields *f, const struct lic_issuer *is,
		       struct check *c)
{
	const char *val;
	size_t val_n, siglen;
	unsigned char *sig = NULL;
	struct gk_err e;
	EVP_PKEY *k;
	int r;

	val = lj_get_str(f->sig, "value", &val_n);
	if (lic_sig_decode(is->alg, val, val_n, &sig, &siglen, &e) < 0) {
		setf(c, ST_FAIL, "%s", e.msg);
		return;
	}
	k = worker_key(w, is, &e);
	if (!k) {
		setf(c, ST_INDET, "issuer key could not be loaded: %s", e.msg);
		goto out;
	}
	buf_reset(&w->canon);
	if (lj_canonical(rec, "signature", &w->canon, &e) < 0) {
		setf(c, ST_FAIL, "record cannot be canonicalized: %s", e.msg);
		goto out;
	}
	r = lic_verify(k, is->alg, w->canon.data, w->canon.len, sig, siglen,
		       &e);
	if (r == 1)
		c->st = ST_OK;
	else if (r == 0)
		setf(c, ST_FAIL, "%s", e.msg);
	else
		setf(c, ST_INDET, "%s", e.msg);
out:
	free(sig);
}

static void
check_signature(struct worker *w, const struct lj_value *rec,
		const struct fields *f, const struct lic_issuer *is,
		const struct check *trust, struct check *c)
{
	if (!w->o->trust) {
		setf(c, ST_SKIP, "issuer trust not determined (no trust file)");
		return;
	}
	if (!is) {
		setf(c, ST_SKIP,
		     trust->st == ST_FAIL ? "issuer not trusted"
					  : "issuer unknown");
		return;
	}
	if (!lj_get(rec, "signature")) {
		setf(c, ST_FAIL, "record is not signed (no signature member)");
		return;
	}
	if (!f->sig) {
		setf(c, ST_FAIL, "signature member is malformed");
		return;
	}
	if (signed_with_issuer_key(w->o, f, is, c))
		verify_signature_value(w, rec, f, is, c);
}

/* ---------------------------------------------------------------- */
/* online                                                            */
/* ---------------------------------------------------------------- */

static void
iso_utc(long long t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Judge an answer of the register against the record. */
static void
judge_answer(const struct fields *f, const struct online_answer *a,
	     struct check *c)
{
	char rec_to[11] = "";
	const char *src = c->cached ? " (cached answer)" : "";

	if (!a->found) {
		setf(c, ST_FAIL, "the register does not know license %.*s%s",
		     (int)mask_cut(f->no, f->no_n, 64), f->no, src);
		c->fails_as = V_UNTRUSTED;
		return;
	}
	if (strcmp(a->status, "valid") != 0) {
		setf(c, ST_FAIL, "the register says the license is %s%s",
		     a->status, src);
		c->fails_as = strcmp(a->status, "expired") == 0 ? V_EXPIRED
								: V_REVOKED;
		return;
	}
	if (f->has_to)
		date_format(&f->to, rec_to);
	if ((f->has_to || f->to_null) && strcmp(rec_to, a->valid_to) != 0) {
		setf(c, ST_FAIL,
		     "the register has valid_to %s, the record %s%s",
		     a->valid_to[0] ? a->valid_to : "null",
		     rec_to[0] ? rec_to : "null", src);
		c->fails_as = V_INVALID;
		return;
	}
	c->st = ST_OK;
}

/* Parse {"license_no","status","valid_to"}; -1 when not that shape. */
static int
parse_answer(struct worker *w, const char *body, size_t n,
	     struct online_answer *a)
{
	struct gk_err e;
	const struct lj_value *v, *to;
	const char *st;
	size_t stn;

	v = lj_parse(&w->arena, body, n, &e);
	if (!v || v->kind != LJ_OBJECT)
		return -1;
	st = lj_get_str(v, "status", &stn);
	if (!st || stn >= sizeof a->status)
		return -1;
	memcpy(a->status, st, stn);
	a->status[stn] = '\0';
	to = lj_get(v, "valid_to");
	a->valid_to[0] = '\0';
	if (to && to->kind == LJ_STRING && to->n < sizeof a->valid_to) {
		memcpy(a->valid_to, to->s, to->n);
		a->valid_to[to->n] = '\0';
	}
	return 0;
}

/* Ask the register about f's license: 0 with its answer in a, or -1
 * with why there is none in why (MSG_MAX bytes). */
static int
ask_register(struct worker *w, const struct fields *f, struct online_answer *a,
	     char *why)
{
	struct http_response resp;
	struct gk_buf body;
	struct gk_err e;
	int got, rc = -1;

	buf_init(&body);
	buf_adds(&body, "{\"license_no\":");
	buf_add_json_string(&body, f->no, f->no_n);
	buf_addc(&body, '}');
	got = http_request(w->http, "POST", "/v1/licenses/verify", body.data,
			   body.len, NULL, &resp, &e);
	buf_release(&body);
	if (got == 0 && (resp.status == 200 || resp.status == 404)) {
		a->found = resp.status == 200;
		if (a->found &&
		    parse_answer(w, resp.body.data, resp.body.len, a) < 0) {
			snprintf(why, MSG_MAX,
				 "the register's answer is not "
				 "{\"license_no\",\"status\",\"valid_to\"}");
			goto out;
		}
		if (!a->found)
			snprintf(a->status, sizeof a->status, "unknown");
		rc = 0;
	} else if (got == 0) {
		snprintf(why, MSG_MAX, "the register answered HTTP %ld",
			 resp.status);
	} else {
		snprintf(why, MSG_MAX, "%.300s", e.msg);
	}
out:
	http_response_release(&resp);
	return rc;
}

static void
cache_answer(struct worker *w, const struct fields *f,
	     const struct online_answer *a)
{
	struct gk_err e;
	char *no;

	if (!w->db)
		return;
	no = gk_xstrndup(f->no, f->no_n);
	if (store_cache_put(w->db, no, a, &e) < 0)
		gk_warn_err(&e);
	free(no);
}

/* The register could not answer (why): judge by the cached answer if
 * it is recent enough. */
static void
judge_cached(struct worker *w, const struct fields *f, const char *why,
	     struct check *c)
{
	const struct verify_options *o = w->o;
	struct online_answer a;
	struct gk_err e;
	char when[21];
	int got = 0;

	memset(&a, 0, sizeof a);
	if (w->db) {
		char *no = gk_xstrndup(f->no, f->no_n);
		got = store_cache_get(w->db, no, &a, &e);
		free(no);
	}
	if (got == 1 && o->now - a.answered_at <= o->cache_ttl) {
		c->cached = true;
		c->answered_at = a.answered_at;
		judge_answer(f, &a, c);
		return;
	}
	if (got == 1) {
		iso_utc(a.answered_at, when);
		setf(c, ST_INDET,
		     "could not be determined: %s; the cached answer "
		     "of %s is older than the time-to-live (%lds)",
		     why, when, o->cache_ttl);
	} else if (got < 0) { /* the cache's own failure is told, not hidden */
		setf(c, ST_INDET, "could not be determined: %s; %s", why,
		     e.msg);
	} else {
		setf(c, ST_INDET,
		     "could not be determined: %s; no cached answer", why);
	}
}

static void
check_online(struct worker *w, const struct fields *f, struct check *c)
{
	struct online_answer a;
	char why[MSG_MAX] = "";

	memset(&a, 0, sizeof a);
	if (!f->no) {
		setf(c, ST_SKIP, "license_no missing or malformed");
		return;
	}
	if (!w->http) {
		snprintf(why, sizeof why, "%s", w->http_error);
	} else if (ask_register(w, f, &a, why) == 0) {
		a.answered_at = w->o->now;
		cache_answer(w, f, &a);
		judge_answer(f, &a, c);
		return;
	}
	judge_cached(w, f, why, c);
}

/* ---------------------------------------------------------------- */
/* one record                                                        */
/* ---------------------------------------------------------------- */

static void
emit_check(struct gk_buf *out, enum check_id id, const struct check *c,
	   bool first)
{
	if (!first)
		buf_addc(out, ',');
	buf_adds(out, "{\"check\":\"");
	buf_adds(out, check_names[id]);
	buf_addc(out, '"');
	switch (c->st) {
	case ST_OK:
		buf_adds(out, ",\"ok\":true");
		if (c->warn[0]) {
			buf_adds(out, ",\"warning\":");
			buf_add_json_string(out, c->warn, strlen(c->warn));
		}
		break;
	case ST_FAIL:
		buf_adds(out, ",\"ok\":false,\"message\":");
		buf_add_json_string(out, c->msg, strlen(c->msg));
		break;
	case ST_SKIP:
		buf_adds(out, ",\"skipped\":");
		buf_add_json_string(out, c->msg, strlen(c->msg));
		break;
	case ST_INDET:
		buf_adds(out, ",\"indeterminate\":");
		buf_add_json_string(out, c->msg, strlen(c->msg));
		break;
	case ST_UNSET: break;
	}
	if (id == CK_ONLINE && c->st != ST_SKIP) {
		buf_adds(out,
			 c->cached ? ",\"cached\":true" : ",\"cached\":false");
		if (c->cached) {
			char when[21];
			iso_utc(c->answered_at, when);
			buf_adds(out, ",\"answered_at\":\"");
			buf_adds(out, when);
			buf_addc(out, '"');
		}
	}
	buf_addc(out, '}');
}

static void
emit_text(struct gk_buf *out, const char *no, size_t no_n, enum verdict v,
	  const struct check *cs)
{
	if (no)
		buf_add_printable(out, no, no_n);
	else
		buf_adds(out, "(no license_no)");
	buf_adds(out, ": ");
	buf_adds(out, verdict_names[v]);
	buf_addc(out, '\n');
	for (int i = 0; i < CK_COUNT; i++) {
		const struct check *c = &cs[i];
		const char *what = NULL, *text = c->msg;
		if (c->st == ST_FAIL)
			what = "failed";
		else if (c->st == ST_INDET)
			what = "indeterminate";
		else if (c->st == ST_OK && c->warn[0]) {
			what = "warning";
			text = c->warn;
		}
		if (!what)
			continue;
		buf_printf(out, "  %s %s: ", check_names[i], what);
		buf_add_printable(out, text, strlen(text));
		if (i == CK_ONLINE && c->cached)
			buf_adds(out, " (cached)");
		buf_addc(out, '\n');
	}
}

/* Resident ID and phone numbers in a message (a revocation's reason, a
 * holder's text) are masked as they go out, unless --no-mask. */
static void
mask_msg(char *msg, size_t size, struct gk_buf *b)
{
	size_t n = strlen(msg);

	if (!mask_text_needed(msg, n))
		return;
	buf_reset(b);
	mask_text(msg, n, b);
	snprintf(msg, size, "%s", b->data);
}

static void
mask_checks(struct check *cs)
{
	struct gk_buf b;

	buf_init(&b);
	for (int i = 0; i < CK_COUNT; i++) {
		mask_msg(cs[i].msg, sizeof cs[i].msg, &b);
		mask_msg(cs[i].warn, sizeof cs[i].warn, &b);
	}
	buf_release(&b);
}

static void
emit(struct worker *w, struct gk_buf *out, const char *no, size_t no_n,
     enum verdict v, struct check *cs)
{
	bool first = true;
	struct gk_buf shown;

	buf_init(&shown);
	if (!w->o->no_mask) {
		mask_checks(cs);
		/* a driving licence's number is its holder's resident ID */
		if (no && mask_text_needed(no, no_n)) {
			mask_text(no, no_n, &shown);
			no = shown.data;
			no_n = shown.len;
		}
	}

	if (w->o->format == GK_FORMAT_TEXT) {
		emit_text(out, no, no_n, v, cs);
		buf_release(&shown);
		return;
	}
	buf_adds(out, "{\"type\":\"verdict\",\"license_no\":");
	if (no)
		buf_add_json_string(out, no, no_n);
	else
		buf_adds(out, "null");
	buf_adds(out, ",\"verdict\":\"");
	buf_adds(out, verdict_names[v]);
	buf_adds(out, "\",\"checks\":[");
	for (int i = 0; i < CK_COUNT; i++) {
		if (cs[i].st == ST_UNSET)
			continue;
		emit_check(out, (enum check_id)i, &cs[i], first);
		first = false;
	}
	buf_adds(out, "]}\n");
	buf_release(&shown);
}

/* Every check unset, each failing as the verdict it leads to. */
static void
checks_init(struct check cs[CK_COUNT])
{
	memset(cs, 0, CK_COUNT * sizeof *cs);
	for (int i = 0; i < CK_COUNT; i++)
		cs[i].fails_as = V_INVALID;
	cs[CK_ISSUER_TRUST].fails_as = V_UNTRUSTED;
	cs[CK_SIGNATURE].fails_as = V_UNTRUSTED;
	cs[CK_STATUS].fails_as = V_REVOKED;
}

/* The line as a JSON object (in w's arena), or NULL with e set. */
static const struct lj_value *
parse_record(struct worker *w, const char *line, size_t len, struct gk_err *e)
{
	const struct lj_value *rec;

	lj_arena_reset(&w->arena);
	rec = lj_parse(&w->arena, line, len, e);
	if (rec && rec->kind != LJ_OBJECT) {
		rec = NULL;
		gk_err_set(e, "not a JSON object");
	}
	return rec;
}

/* A record with no type is taken as a license. */
static bool
is_license(const struct lj_value *rec)
{
	const struct lj_value *t = lj_get(rec, "type");

	return !t || (t->kind == LJ_STRING && str_is(t->s, t->n, "license"));
}

/* The checks that trust the record's fields: skipped when its signature
 * is not valid, since then nothing it says can be believed. */
static void
check_fields(struct worker *w, const struct fields *f, bool sig_failed,
	     struct check cs[CK_COUNT])
{
	const struct verify_options *o = w->o;

	if (sig_failed) {
		static const enum check_id dep[] = {CK_LICENSE_ID, CK_HOLDER_ID,
						    CK_ISSUER_ID,  CK_DATES,
						    CK_EXPIRY,     CK_STATUS};
		for (size_t i = 0; i < sizeof dep / sizeof dep[0]; i++)
			setf(&cs[dep[i]], ST_SKIP, "signature not valid");
		if (o->online)
			setf(&cs[CK_ONLINE], ST_SKIP, "signature not valid");
		return;
	}
	check_license_id(f, &cs[CK_LICENSE_ID]);
	check_holder(f, &o->today, &cs[CK_HOLDER_ID]);
	check_issuer_id(f, &cs[CK_ISSUER_ID]);
	check_dates(f, &cs[CK_DATES]);
	check_expiry(f, o, &cs[CK_EXPIRY]);
	check_status(f, o, &cs[CK_STATUS]);
	if (o->online)
		check_online(w, f, &cs[CK_ONLINE]);
}

/* The worst verdict the checks lead to. */
static enum verdict
verdict_of(const struct check cs[CK_COUNT])
{
	enum verdict v = V_VALID;

	for (int i = 0; i < CK_COUNT; i++) {
		enum verdict cv = V_VALID;
		if (cs[i].st == ST_FAIL)
			cv = cs[i].fails_as;
		else if (cs[i].st == ST_INDET)
			cv = V_INDETERMINATE;
		if (cv > v)
			v = cv;
	}
	return v;
}

/* Verify one line; appends its output; returns true when valid.  Lines of
 * another record type are passed over (*skipped set). */
static bool
verify_line(struct worker *w, const char *line, size_t len, const char *name,
	    long lineno, struct gk_buf *out, struct gk_buf *diag, bool *skipped)
{
	struct check cs[CK_COUNT];
	struct fields f;
	struct gk_err e;
	const struct lj_value *rec;
	const struct lic_issuer *is;
	enum verdict v;

	*skipped = false;
	checks_init(cs);
	memset(&f, 0, sizeof f);
	rec = parse_record(w, line, len, &e);
	if (!rec) {
		buf_printf(diag, "%s: %s:%ld: %s\n", gk_progname(), name,
			   lineno, e.msg);
		setf(&cs[CK_SCHEMA], ST_FAIL,
		     "line %ld is not a JSON object: %s", lineno, e.msg);
		emit(w, out, NULL, 0, V_INVALID, cs);
		return false;
	}
	if (!is_license(rec)) {
		*skipped = true;
		return true;
	}

	check_schema(rec, &f, &cs[CK_SCHEMA]);
	is = check_trust(&f, w->o, &cs[CK_ISSUER_TRUST]);
	check_signature(w, rec, &f, is, &cs[CK_ISSUER_TRUST],
			&cs[CK_SIGNATURE]);
	check_fields(w, &f, cs[CK_SIGNATURE].st == ST_FAIL, cs);
	v = verdict_of(cs);
	emit(w, out, f.no, f.no_n, v, cs);
	return v == V_VALID;
}

/* ---------------------------------------------------------------- */
/* batches                                                           */
/* ---------------------------------------------------------------- */

struct chunk {
	char *data;
	size_t len, cap;
	const char *name;
	long first_line;
	/* results */
	struct gk_buf out, diag;
	long bad, records;
	bool done;
	struct chunk *next_job; /* work queue link */
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct chunk *head, *tail; /* jobs waiting */
	bool quit;
};

static void
worker_init(struct worker *w, const struct verify_options *o)
{
	memset(w, 0, sizeof *w);
	w->o = o;
	lj_arena_init(&w->arena);
	buf_init(&w->canon);
	w->keys = gk_xcalloc(o->trust && o->trust->n ? o->trust->n : 1,
			     sizeof *w->keys);
}

static void
worker_release(struct worker *w)
{
	size_t n = w->o->trust ? w->o->trust->n : 0;

	for (size_t i = 0; i < n; i++)
		EVP_PKEY_free(w->keys[i]);
	free(w->keys);
	lj_arena_release(&w->arena);
	buf_release(&w->canon);
	if (w->http)
		http_client_free(w->http);
	if (w->db)
		sqlite3_close_v2(w->db);
}

static void
run_chunk(struct worker *w, struct chunk *c)
{
	const char *p = c->data, *end = c->data + c->len;
	long lineno = c->first_line;

	buf_reset(&c->out);
	buf_reset(&c->diag);
	c->bad = c->records = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t len;
		bool skipped;

		if (lineno == 1 && le - p >= 3 &&
		    memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3; /* BOM */
		len = (size_t)(le - p);
		if (len && p[len - 1] == '\r')
			len--;
		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len) {
			if (!verify_line(w, p, len, c->name, lineno, &c->out,
					 &c->diag, &skipped))
				c->bad++;
			if (!skipped)
				c->records++;
		}
		lineno++;
		p = nl ? nl + 1 : end;
	}
}

struct thread_arg {
	struct pool *pool;
	struct worker w;
};

static void *
thread_main(void *arg)
{
	struct thread_arg *ta = arg;
	struct pool *pl = ta->pool;

	for (;;) {
		struct chunk *c;

		pthread_mutex_lock(&pl->mu);
		while (!pl->head && !pl->quit)
			pthread_cond_wait(&pl->work, &pl->mu);
		if (!pl->head) {
			pthread_mutex_unlock(&pl->mu);
			return NULL;
		}
		c = pl->head;
		pl->head = c->next_job;
		if (!pl->head)
			pl->tail = NULL;
		pthread_mutex_unlock(&pl->mu);

		run_chunk(&ta->w, c);

		pthread_mutex_lock(&pl->mu);
		c->done = true;
		pthread_cond_broadcast(&pl->done);
		pthread_mutex_unlock(&pl->mu);
	}
}

/* The input side: whole lines into chunks. */
struct reader {
	FILE *fp;
	const char *name;
	char *carry; /* a partial line left from the last block */
	size_t carry_len, carry_cap;
	long line; /* number of the next line */
	bool eof;
	/* A pipe or terminal (a counter's scanner): lines are handed over as
	 * they come, not when a chunk is full; drained: the last read took
	 * all there was, so someone may be waiting for the answers. */
	bool interactive, drained;
};

/* Up to n bytes: a block of a file, or what a pipe has now; 0 at end,
 * (size_t)-1 on error. */
static size_t
read_some(struct reader *r, char *p, size_t n, struct gk_err *e)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fileno(r->fp), p + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			gk_err_set(e, "cannot read '%s':", r->name);
			return (size_t)-1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
		if (r->interactive)
			break;
	}
	r->drained = r->interactive && got < n;
	return got;
}

static char *
last_newline(char *p, size_t n)
{
	while (n > 0)
		if (p[--n] == '\n')
			return p + n;
	return NULL;
}

/* Fill c with whole lines (at least one unless at end).  0 at end, 1 filled,
 * -1 read error (message in e). */
static int
read_chunk(struct reader *r, struct chunk *c, struct gk_err *e)
{
	size_t scanned = 0; /* c->data[0..scanned) holds no newline */

	c->len = 0;
	c->name = r->name;
	c->first_line = r->line;
	if (r->carry_len) {
		if (c->cap < r->carry_len + READ_BLOCK) {
			c->cap = r->carry_len + READ_BLOCK;
			c->data = gk_xrealloc(c->data, c->cap);
		}
		memcpy(c->data, r->carry, r->carry_len);
		c->len = r->carry_len;
		r->carry_len = 0;
	}
	while (!r->eof) {
		size_t n;
		char *nl;

		if (c->cap < c->len + READ_BLOCK) {
			/* doubling: a long line costs linear time, not quadratic */
			size_t want = c->len + READ_BLOCK > 2 * c->cap
					      ? c->len + READ_BLOCK
					      : 2 * c->cap;
			c->cap = want > CHUNK_BYTES + READ_BLOCK
					 ? want
					 : CHUNK_BYTES + READ_BLOCK;
			c->data = gk_xrealloc(c->data, c->cap);
		}
		n = read_some(r, c->data + c->len, READ_BLOCK, e);
		if (n == (size_t)-1)
			return -1;
		if (n == 0)
			r->eof = true;
		c->len += n;
		if (r->eof || (c->len < CHUNK_BYTES && !r->drained))
			continue;
		/* End the chunk after its last newline; the rest carries over. */
		nl = last_newline(c->data + scanned, c->len - scanned);
		scanned = c->len;
		if (nl) {
			size_t keep = (size_t)(nl + 1 - c->data);
			r->carry_len = c->len - keep;
			if (r->carry_cap < r->carry_len) {
				r->carry_cap = r->carry_len;
				r->carry = gk_xrealloc(r->carry, r->carry_cap);
			}
			if (r->carry_len)
				memcpy(r->carry, nl + 1, r->carry_len);
			c->len = keep;
			break;
		}
		if (c->len > JL_MAX_LINE) {
			gk_err_set(e, "%s:%ld: line longer than %zu bytes",
				   r->name, r->line, (size_t)JL_MAX_LINE);
			return -1;
		}
	}
	if (c->len == 0)
		return 0;
	for (const char *p = c->data;
	     (p = memchr(p, '\n', (size_t)(c->data + c->len - p))); p++)
		r->line++;
	return 1;
}

struct batch {
	const struct verify_options *o;
	FILE *out;
	struct pool pool;
	pthread_t *threads;
	struct thread_arg *args;
	int nthreads;
	struct chunk **ring; /* chunks in flight, in input order */
	size_t ring_cap, ring_head, ring_n;
	struct chunk *spare;
	struct worker inline_w; /* for jobs == 1 */
	long bad, records;
	bool out_failed;
};

static void
write_chunk(struct batch *b, struct chunk *c)
{
	if (c->diag.len)
		fputs(c->diag.data, stderr);
	if (c->out.len && !b->out_failed &&
	    fwrite(c->out.data, 1, c->out.len, b->out) != c->out.len)
		b->out_failed = true;
	b->bad += c->bad;
	b->records += c->records;
}

static void
chunk_free(struct chunk *c)
{
	if (!c)
		return;
	free(c->data);
	buf_release(&c->out);
	buf_release(&c->diag);
	free(c);
}

static struct chunk *
chunk_get(struct batch *b)
{
	struct chunk *c = b->spare;

	if (c) {
		b->spare = NULL;
		c->done = false;
		c->next_job = NULL;
		return c;
	}
	c = gk_xcalloc(1, sizeof *c);
	buf_init(&c->out);
	buf_init(&c->diag);
	return c;
}

/* Wait for the oldest chunk in flight, write it, keep it as spare. */
static void
retire_oldest(struct batch *b)
{
	struct chunk *c = b->ring[b->ring_head];

	pthread_mutex_lock(&b->pool.mu);
	while (!c->done)
		pthread_cond_wait(&b->pool.done, &b->pool.mu);
	pthread_mutex_unlock(&b->pool.mu);
	write_chunk(b, c);
	b->ring_head = (b->ring_head + 1) % b->ring_cap;
	b->ring_n--;
	if (b->spare)
		chunk_free(c);
	else
		b->spare = c;
}

static void
submit(struct batch *b, struct chunk *c)
{
	if (b->nthreads == 0) {
		run_chunk(&b->inline_w, c);
		write_chunk(b, c);
		b->spare = c;
		return;
	}
	while (b->ring_n == b->ring_cap)
		retire_oldest(b);
	b->ring[(b->ring_head + b->ring_n) % b->ring_cap] = c;
	b->ring_n++;
	pthread_mutex_lock(&b->pool.mu);
	if (b->pool.tail)
		b->pool.tail->next_job = c;
	else
		b->pool.head = c;
	b->pool.tail = c;
	pthread_cond_signal(&b->pool.work);
	pthread_mutex_unlock(&b->pool.mu);
}

static int
verify_stream(struct batch *b, FILE *fp, const char *name)
{
	struct reader r = {fp, name, NULL, 0, 0, 1, false, false, false};
	struct gk_err e;
	struct stat st;
	int rc = 0;

	r.interactive = fstat(fileno(fp), &st) == 0 && !S_ISREG(st.st_mode);

	for (;;) {
		struct chunk *c = chunk_get(b);
		int got = read_chunk(&r, c, &e);
		/* UTF-16 is told by the first chunk: a file's first 256 KiB,
		 * or what a pipe has given so far (a line at least) */
		if (got > 0 && c->first_line == 1 &&
		    jl_refuse_utf16(name, c->data, c->len, &e) != 0)
			got = -1;
		if (got <= 0) {
			if (b->spare)
				chunk_free(c);
			else
				b->spare = c;
			if (got < 0) {
				gk_warn_err(&e);
				rc = -1;
			}
			break;
		}
		submit(b, c);
		if (r.drained) {
			/* Nothing more to read now: answer what came. */
			while (b->ring_n)
				retire_oldest(b);
			fflush(b->out);
		}
		if (b->out_failed || gk_stdout_broken(b->out))
			break;
	}
	free(r.carry);
	return rc;
}

/* Open the worker's client and database connection (in the main thread,
 * before the worker starts). */
static void
online_setup(struct worker *w, const struct verify_options *o)
{
	struct gk_err e;

	w->http = http_client_from_config(o->cfg, NULL, &e);
	if (!w->http)
		snprintf(w->http_error, sizeof w->http_error, "%.300s", e.msg);
	if (db_open(&w->db, o->db_path, &e) < 0) {
		gk_warn_err(&e);
		w->db = NULL;
	}
}

/* A worker ready to verify: with the register's client and the database
 * when online. */
static void
worker_start(struct worker *w, const struct verify_options *o)
{
	worker_init(w, o);
	if (o->online)
		online_setup(w, o);
}

/* jobs worker threads, or as many as start; none started leaves
 * b->nthreads 0. */
static void
pool_start(struct batch *b, int jobs)
{
	b->nthreads = jobs;
	pthread_mutex_init(&b->pool.mu, NULL);
	pthread_cond_init(&b->pool.work, NULL);
	pthread_cond_init(&b->pool.done, NULL);
	b->ring_cap = (size_t)jobs * CHUNKS_PER_JOB;
	b->ring = gk_xcalloc(b->ring_cap, sizeof *b->ring);
	b->threads = gk_xcalloc((size_t)jobs, sizeof *b->threads);
	b->args = gk_xcalloc((size_t)jobs, sizeof *b->args);
	for (int i = 0; i < jobs; i++) {
		b->args[i].pool = &b->pool;
		worker_start(&b->args[i].w, b->o);
		if (pthread_create(&b->threads[i], NULL, thread_main,
				   &b->args[i]) != 0) {
			gk_warn("cannot start a worker thread:");
			worker_release(&b->args[i].w);
			b->args[i].w.o = NULL;
			b->nthreads = i;
			break;
		}
	}
}

/* Answer the chunks in flight and end the threads. */
static void
pool_stop(struct batch *b)
{
	while (b->ring_n)
		retire_oldest(b);
	pthread_mutex_lock(&b->pool.mu);
	b->pool.quit = true;
	pthread_cond_broadcast(&b->pool.work);
	pthread_mutex_unlock(&b->pool.mu);
	for (int i = 0; i < b->nthreads; i++)
		pthread_join(b->threads[i], NULL);
}

/* The threads' workers (those started) and the pool's own state. */
static void
pool_release(struct batch *b)
{
	for (int i = 0; i < b->o->jobs; i++)
		if (b->args[i].w.o)
			worker_release(&b->args[i].w);
	pthread_mutex_destroy(&b->pool.mu);
	pthread_cond_destroy(&b->pool.work);
	pthread_cond_destroy(&b->pool.done);
	free(b->ring);
	free(b->threads);
	free(b->args);
}

/* Worker threads for --jobs above 1; else, or when none starts, the
 * batch verifies in this thread. */
static void
batch_start(struct batch *b, const struct verify_options *o, FILE *out)
{
	memset(b, 0, sizeof *b);
	b->o = o;
	b->out = out;
	if (o->jobs > 1)
		pool_start(b, o->jobs);
	if (b->nthreads == 0)
		worker_start(&b->inline_w, o);
}

static void
batch_finish(struct batch *b)
{
	if (b->nthreads > 0)
		pool_stop(b);
	else
		worker_release(&b->inline_w);
	if (b->args)
		pool_release(b);
	chunk_free(b->spare);
}

/* Each file, or standard input when there is none, through the batch;
 * until the output fails. */
static int
verify_inputs(struct batch *b, char **files, int nfiles)
{
	int rc = GK_EXIT_OK;

	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *path = nfiles ? files[i] : "-";
		bool is_stdin = strcmp(path, "-") == 0;
		FILE *fp = is_stdin ? stdin : fopen(path, "rb");

		if (!fp) {
			gk_warn("cannot open '%s':", path);
			rc = GK_EXIT_FAIL;
			continue;
		}
		if (verify_stream(b, fp, is_stdin ? "(stdin)" : path) < 0)
			rc = GK_EXIT_FAIL;
		if (!is_stdin)
			fclose(fp);
		if (b->out_failed || gk_stdout_broken(b->out))
			break;
	}
	return rc;
}

int
verify_files(char **files, int nfiles, const struct verify_options *o,
	     FILE *out)
{
	struct batch b;
	int rc;

	batch_start(&b, o, out);
	rc = verify_inputs(&b, files, nfiles);
	batch_finish(&b);
	if (b.out_failed && !gk_stdout_broken(out)) {
		gk_warn("cannot write the output:");
		return GK_EXIT_FAIL;
	}
	if (rc == GK_EXIT_OK && b.bad > 0)
		rc = GK_EXIT_FOUND;
	return rc;
}
