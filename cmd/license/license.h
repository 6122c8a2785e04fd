/*
 * license.h: gov-license's own modules (cmd/license/).
 *
 *   lj.c      a small JSON parser into a per-record arena, and the RFC 8785
 *             (JCS) canonical serializer the signatures are computed over
 *   crypto.c  keys, signing and signature verification (OpenSSL EVP)
 *   trust.c   the trust file: issuers, their keys and license types
 *   perm.c    a warning for a trust or key file others can change or read
 *   store.c   the local revocation list, the online-answer cache, sync
 *   verify.c  the checks and verdicts; batch verification on worker threads
 *   main.c    options and subcommands
 */
#ifndef LICENSE_H
#define LICENSE_H

#include "govkit.h"

#include <openssl/evp.h>

/* ------------------------------------------------------------------ */
/* lj.c                                                                */
/* ------------------------------------------------------------------ */

/* Deepest nesting a record may have; deeper input is refused. */
#define LJ_MAX_DEPTH 64

enum lj_kind {
	LJ_NULL,
	LJ_FALSE,
	LJ_TRUE,
	LJ_NUMBER,
	LJ_STRING,
	LJ_ARRAY,
	LJ_OBJECT,
};

/*
 * A parsed value.  Strings are decoded UTF-8 (s, n); numbers keep their
 * double; arrays and objects chain their children through `next`, and an
 * object's members carry their decoded key.  Everything lives in the arena
 * it was parsed into.
 */
struct lj_value {
	enum lj_kind kind;
	const char *key; /* member name (objects' children), else NULL */
	size_t klen;
	const char *s; /* LJ_STRING */
	size_t n;      /* string length, or number of children */
	double num;    /* LJ_NUMBER */
	struct lj_value *child;
	struct lj_value *next;
};

/* A bump allocator reset after each record. */
struct lj_arena {
	struct lj_block *head;
	struct lj_block *cur;
};

void lj_arena_init(struct lj_arena *a);
void lj_arena_reset(struct lj_arena *a); /* keeps the first block */
void lj_arena_release(struct lj_arena *a);
void *lj_alloc(struct lj_arena *a, size_t n);

/*
 * Parse one JSON text (s[0..n)) into the arena.  I-JSON rules: strings
 * valid UTF-8 with no lone surrogates, no duplicate member names, numbers
 * finite doubles.  NULL with a message in e on error.
 */
struct lj_value *lj_parse(struct lj_arena *a, const char *s, size_t n,
			  struct gk_err *e);
/*
 * lj_parse for an answer too large to hold as a tree: when the text is an
 * object whose member `key` is an array, each element of the array is
 * parsed into `item`, handed to each() and forgotten (the arena reset), so
 * an array of any length costs the memory of one element; the member is
 * left in the result as an array with its count (n) and no children.
 * Everything else is checked and kept as lj_parse does.  NULL on a parse
 * error (message in e), or when each() returns nonzero (e is each()'s to
 * fill).  The elements before an error have been handed out already.
 */
struct lj_value *lj_parse_each(struct lj_arena *a, struct lj_arena *item,
			       const char *s, size_t n, const char *key,
			       int (*each)(const struct lj_value *v, void *arg,
					   struct gk_err *e),
			       void *arg, struct gk_err *e);
/* Member of an object by name, or NULL. */
const struct lj_value *lj_get(const struct lj_value *obj, const char *key);
/* A string member's text, or NULL when absent or not a string. */
const char *lj_get_str(const struct lj_value *obj, const char *key,
		       size_t *len);

/*
 * Append the RFC 8785 canonical form of v to out.  skip_key, when not
 * NULL, names a top-level member left out (the signature).  -1 when v
 * cannot be canonicalized (a non-finite number; message in e).
 */
int lj_canonical(const struct lj_value *v, const char *skip_key,
		 struct gk_buf *out, struct gk_err *e);
/* ECMAScript Number.prototype.toString of a finite double into out. */
void lj_format_number(double d, struct gk_buf *out);
/* JCS string literal: only \" \\ \b \f \n \r \t and \u00xx escaped. */
void lj_add_string(struct gk_buf *out, const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* crypto.c                                                            */
/* ------------------------------------------------------------------ */

/* The default SM2 user ID (GB/T 35276), used for signing and verifying. */
#define LIC_SM2_ID "1234567812345678"
#define LIC_KEY_ID_HEX 64 /* sha256 of the DER SubjectPublicKeyInfo */

enum lic_alg {
	LIC_ALG_NONE,
	LIC_ALG_SM2,     /* "sm2-sm3": SM2 with SM3, DER signature */
	LIC_ALG_ED25519, /* "ed25519": RFC 8032 */
};

/* "sm2-sm3" | "ed25519" (also "sm2" for keygen) -> alg; NONE if unknown. */
enum lic_alg lic_alg_parse(const char *s, size_t n);
const char *lic_alg_name(enum lic_alg alg);
/* The algorithm of a loaded key, NONE when neither SM2 nor Ed25519. */
enum lic_alg lic_key_alg(EVP_PKEY *k);

/* sha256 of the key's DER SubjectPublicKeyInfo as lowercase hex. */
int lic_key_id(EVP_PKEY *k, char out[LIC_KEY_ID_HEX + 1], struct gk_err *e);
EVP_PKEY *lic_load_public_pem(const char *pem, size_t n, struct gk_err *e);
/* A trust file's public key of alg, its n bytes: PEM; DER
 * SubjectPublicKeyInfo, binary or in hex or base64; or the raw key as
 * other signers hand it out, in hex or base64: SM2's point 04||X||Y, X||Y
 * or 02/03||X; Ed25519's 32 bytes. */
EVP_PKEY *lic_load_public_key_bytes(const char *text, size_t n,
				    enum lic_alg alg, struct gk_err *e);
/* The same, text a C string (a trust file's public_key). */
EVP_PKEY *lic_load_public_key(const char *text, enum lic_alg alg,
			      struct gk_err *e);
/* k's SubjectPublicKeyInfo as PEM, malloc'ed; NULL with the reason in e. */
char *lic_public_pem(EVP_PKEY *k, struct gk_err *e);
EVP_PKEY *lic_load_private_file(const char *path, struct gk_err *e);
/* Generate a key pair and write NAME.key (0600, never overwritten) and
 * NAME.pub; the key id is returned in key_id. */
int lic_keygen(enum lic_alg alg, const char *name,
	       char key_id[LIC_KEY_ID_HEX + 1], struct gk_err *e);
/* Sign msg; *sig is malloc'ed (caller frees). */
int lic_sign(EVP_PKEY *k, const char *msg, size_t n, unsigned char **sig,
	     size_t *siglen, struct gk_err *e);
/*
 * Verify sig over msg with k: 1 good, 0 does not verify (message in e says
 * why, e.g. not DER), -1 could not be run.
 */
int lic_verify(EVP_PKEY *k, enum lic_alg alg, const char *msg, size_t n,
	       const unsigned char *sig, size_t siglen, struct gk_err *e);
/*
 * A signature value as lic_verify takes it, malloc'ed in *sig: base64 (as
 * the contract says) or hex; for SM2 DER, or r and s side by side (64
 * bytes, as sm-crypto and GmSSL give it) made DER; for Ed25519 64 bytes.
 * -1 with the reason in e when it is none of them, or more than one.
 */
int lic_sig_decode(enum lic_alg alg, const char *val, size_t n,
		   unsigned char **sig, size_t *siglen, struct gk_err *e);
/* Base64 (standard alphabet, padded, no newlines). */
void lic_b64_encode(const unsigned char *p, size_t n, struct gk_buf *out);
/* Decode into a malloc'ed buffer; -1 when not valid base64. */
int lic_b64_decode(const char *s, size_t n, unsigned char **out,
		   size_t *outlen);

/* ------------------------------------------------------------------ */
/* trust.c                                                             */
/* ------------------------------------------------------------------ */

struct lic_issuer {
	char *code;
	char *name;
	char *key_id;
	enum lic_alg alg;
	char *pem;    /* the key as PEM, though the trust file gave it raw */
	char **types; /* license types it may issue */
	size_t ntypes;
	/* The key's validity window (not_before, not_after; both days
	 * included): a license is trusted only when its issue_date falls
	 * within.  An absent bound is no bound. */
	struct gk_date not_before, not_after;
	bool has_not_before, has_not_after;
};

struct lic_trust {
	struct lic_issuer *issuers;
	size_t n;
	char *path;
};

int trust_load(struct lic_trust *t, const char *path, struct gk_err *e);
void trust_release(struct lic_trust *t);
const struct lic_issuer *trust_by_code(const struct lic_trust *t,
				       const char *code, size_t n);
const struct lic_issuer *trust_by_key_id(const struct lic_trust *t,
					 const char *key_id, size_t n);
bool trust_allows(const struct lic_issuer *is, const char *type, size_t n);

/* ------------------------------------------------------------------ */
/* perm.c                                                              */
/* ------------------------------------------------------------------ */

/*
 * A warning on standard error, once per file per run, when the regular file
 * open on fd (named path) may be changed by others than the user running
 * and root: writable by group or others, or owned by another user.  act is
 * what they could do ("add an issuer").  Likewise each folder on its path
 * (resolved) that others may write without the sticky bit, or that another
 * user owns, once per folder per run.  Nothing else changes.
 */
void lic_warn_unsafe_trust(int fd, const char *path, const char *act);
/* The same for a private key readable (or open at all) to group or
 * others, as ssh's "UNPROTECTED PRIVATE KEY FILE" (ssh then ignores the
 * key; sign still signs), and for the folders on its path. */
void lic_warn_unsafe_private(int fd, const char *path);

/* ------------------------------------------------------------------ */
/* store.c                                                             */
/* ------------------------------------------------------------------ */

/* The local revocation list, held in memory for the batch (read-only). */
struct revlist;

struct revocation {
	const char *license_no;
	const char *revoked_at;
	const char *reason;
	const char *source;
};

struct revlist *revlist_load(sqlite3 *db, struct gk_err *e);
const struct revocation *revlist_find(const struct revlist *r, const char *no,
				      size_t n);
void revlist_free(struct revlist *r);

/*
 * Recording revocations: the statements are prepared once for a run that
 * records many (sync); put inserts or replaces one, *was_known (may be
 * NULL) telling whether the license was on the list before.  0 / -1.
 */
/*
 * Every run that writes the revocation register takes the next write
 * number first (in its transaction) and marks the rows it writes with
 * it; its take-back is allowed only while that number is the last.
 */
int store_write_begin(sqlite3 *db, sqlite3_int64 *write_no, struct gk_err *e);
/* 0 when write_no is still the last write; -1 and e ("another run has
 * revoked or synced since", or the database's error) otherwise. */
int store_write_is_last(sqlite3 *db, sqlite3_int64 write_no, struct gk_err *e);
/* The write number given back (its run took back, or wrote nothing):
 * while it is still the last, the one before is the last again, so that
 * a run in between that left nothing does not stop another's take-back. */
int store_write_undone(sqlite3 *db, sqlite3_int64 write_no, struct gk_err *e);

struct revoke_stmts {
	sqlite3 *db;
	sqlite3_stmt *known, *upsert;
	sqlite3_int64 write_no;
};
int store_revoke_begin(struct revoke_stmts *rs, sqlite3 *db,
		       sqlite3_int64 write_no, struct gk_err *e);
int store_revoke_put(struct revoke_stmts *rs, const char *no,
		     const char *revoked_at, const char *reason,
		     const char *source, bool *was_known, struct gk_err *e);
void store_revoke_end(struct revoke_stmts *rs);
/* One revocation, begin to end.  0 / -1. */
int store_revoke(sqlite3 *db, sqlite3_int64 write_no, const char *no,
		 const char *revoked_at, const char *reason, const char *source,
		 struct gk_err *e);

/* An answer of the central register, fresh or from the cache. */
struct online_answer {
	char status[32];
	char valid_to[16]; /* "" for null (long-term) */
	bool found;        /* false: the register does not know the license */
	long long answered_at; /* unix seconds */
};

int store_cache_put(sqlite3 *db, const char *no, const struct online_answer *a,
		    struct gk_err *e);
/* 1 found (a filled), 0 none, -1 error. */
int store_cache_get(sqlite3 *db, const char *no, struct online_answer *a,
		    struct gk_err *e);

/* ------------------------------------------------------------------ */
/* verify.c                                                            */
/* ------------------------------------------------------------------ */

#define LIC_WARN_DAYS_DEFAULT 30
#define LIC_CACHE_TTL_DEFAULT (7L * 24 * 3600) /* a week of outage */

struct verify_options {
	const struct lic_trust *trust; /* NULL: trust and signature skipped */
	const struct revlist *revs;    /* NULL: list unavailable */
	const char *revs_error;        /* why it is unavailable */
	struct gk_date today;
	long warn_days;
	bool online;
	const char *db_path;         /* for the online cache */
	const struct gk_config *cfg; /* for each worker's HTTP client */
	long cache_ttl;              /* seconds */
	long long now;               /* unix seconds, for the cache */
	int jobs;                    /* worker threads */
	enum gk_format format;
	bool no_mask; /* personal numbers in messages shown */
};

/* Verify every record of the files; returns the exit status. */
int verify_files(char **files, int nfiles, const struct verify_options *o,
		 FILE *out);

#endif /* LICENSE_H */
