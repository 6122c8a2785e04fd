/*
 * trust.c: the trust file.
 *
 *   {"issuers":[{"code":"<issuer USCC>","name":"...","key_id":"<hex>",
 *     "alg":"sm2-sm3"|"ed25519","public_key":"<PEM>",
 *     "license_types":["营业执照", ...],
 *     "not_before":"YYYY-MM-DD","not_after":"YYYY-MM-DD"}]}
 *
 * "public_key_file" (a path relative to the trust file's folder, or to the
 * current directory when the trust file is standard input, "-") may stand
 * in for "public_key"; either may hold the key raw, in hex or base64 (SM2's
 * point, Ed25519's 32 bytes), kept here as PEM.  not_before and
 * not_after (optional, null for none) are the key's validity window, as
 * X.509's: a key retired on rollover or compromise keeps the licenses it
 * signed while it was valid.  Every key is loaded once here so a broken
 * trust file is an error at start (exit 2), not a verdict: its key_id
 * must be the key's id and its alg the key's algorithm.
 */
#include "license.h"

#include <errno.h>
#include <libgen.h>
#include <string.h>

#define TRUST_MAX_BYTES ((long)16 << 20)

/* The trust file read from standard input (--trust -), as messages name
 * it. */
#define TRUST_STDIN_NAME "(stdin)"

/* The text of path, with a warning when others could have changed it
 * (act: what they could do so); path "-" is standard input, not judged (a
 * key file's path is never "-": it is joined to a folder or absolute). */
static char *
read_all(const char *path, long max, const char *act, size_t *len,
	 struct gk_err *e)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? TRUST_STDIN_NAME : path;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	struct gk_buf b;
	char chunk[8192];
	size_t n;

	if (!fp) {
		gk_err_set(e, "cannot open '%s':", path);
		return NULL;
	}
	if (!is_stdin)
		lic_warn_unsafe_trust(fileno(fp), path, act);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, n);
		if ((long)b.len > max) {
			gk_err_set(e, "'%s' is larger than %ld bytes", name,
				   max);
			goto fail;
		}
	}
	if (ferror(fp)) {
		gk_err_set(e, "cannot read '%s':", name);
		goto fail;
	}
	if (!is_stdin)
		fclose(fp);
	*len = b.len;
	if (!b.data)
		buf_addc(&b, '\0'), b.len = 0;
	return b.data;
fail:
	if (!is_stdin)
		fclose(fp);
	buf_release(&b);
	return NULL;
}

static const char *
str_member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* An optional bound of the key's window: absent or null is none. */
static int
window_bound(const cJSON *o, const char *k, struct gk_date *d, bool *has,
	     size_t idx, const char *path, struct gk_err *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	*has = false;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v)) {
		gk_err_set(e,
			   "%s: issuers[%zu]: %s must be a date (YYYY-MM-DD) "
			   "or null",
			   path, idx, k);
		return -1;
	}
	if (date_parse(v->valuestring, strlen(v->valuestring), d) < 0) {
		gk_err_set(e,
			   "%s: issuers[%zu]: %s '%.40s' is not a real date "
			   "(YYYY-MM-DD)",
			   path, idx, k, v->valuestring);
		return -1;
	}
	*has = true;
	return 0;
}

static int
load_window(struct lic_issuer *is, const cJSON *o, size_t idx, const char *path,
	    struct gk_err *e)
{
	char a[11], b[11];

	if (window_bound(o, "not_before", &is->not_before, &is->has_not_before,
			 idx, path, e) < 0 ||
	    window_bound(o, "not_after", &is->not_after, &is->has_not_after,
			 idx, path, e) < 0)
		return -1;
	if (is->has_not_before && is->has_not_after &&
	    date_cmp(&is->not_before, &is->not_after) > 0) {
		date_format(&is->not_before, a);
		date_format(&is->not_after, b);
		gk_err_set(e,
			   "%s: issuers[%zu]: not_before %s is after "
			   "not_after %s",
			   path, idx, a, b);
		return -1;
	}
	return 0;
}

/* An issuer member the officer must add or put right, named: absent
 * (a typo in its name reads so), or not of its kind. */
static int
member_problem(const cJSON *o, const char *k, bool array, size_t idx,
	       const char *path, struct gk_err *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (array ? cJSON_IsArray(v) : str_member(o, k) != NULL)
		return 0;
	if (!v)
		gk_err_set(e,
			   "%s: issuers[%zu]: no %s; an issuer needs code, "
			   "key_id, alg, public_key and license_types",
			   path, idx, k);
	else
		gk_err_set(e, "%s: issuers[%zu]: %s must be %s", path, idx, k,
			   array ? "an array" : "a string, not empty");
	return -1;
}

/* The members an issuer cannot do without, and an algorithm it may
 * have. */
static int
check_issuer(struct lic_issuer *is, const cJSON *o, size_t idx,
	     const char *path, struct gk_err *e)
{
	const char *alg = str_member(o, "alg");

	if (!cJSON_IsObject(o)) {
		gk_err_set(e,
			   "%s: issuers[%zu]: not an object; an issuer needs "
			   "code, key_id, alg, public_key and license_types",
			   path, idx);
		return -1;
	}
	if (member_problem(o, "code", false, idx, path, e) < 0 ||
	    member_problem(o, "key_id", false, idx, path, e) < 0 ||
	    member_problem(o, "alg", false, idx, path, e) < 0 ||
	    (!str_member(o, "public_key_file") &&
	     member_problem(o, "public_key", false, idx, path, e) < 0) ||
	    member_problem(o, "license_types", true, idx, path, e) < 0)
		return -1;
	is->alg = lic_alg_parse(alg, strlen(alg));
	if (is->alg == LIC_ALG_NONE || strcmp(alg, "sm2") == 0) {
		gk_err_set(e,
			   "%s: issuers[%zu]: alg '%s' is not sm2-sm3 or "
			   "ed25519",
			   path, idx, alg);
		return -1;
	}
	return 0;
}

/* The text of public_key_file, a path relative to the trust file's
 * folder (the current directory for a trust file read from standard
 * input) unless absolute; NULL (and e) if it cannot be read.  code: the
 * issuer whose key it is. */
static char *
read_key_file(const char *pemfile, const char *path, const char *code,
	      size_t *len, struct gk_err *e)
{
	char *dir = gk_xstrdup(path);
	const char *base =
		strcmp(path, TRUST_STDIN_NAME) == 0 ? "." : dirname(dir);
	char *full = pemfile[0] == '/' ? gk_xstrdup(pemfile)
				       : gk_xasprintf("%s/%s", base, pemfile);
	char *act = gk_xasprintf("replace the key of issuer %s", code);
	char *text = read_all(full, TRUST_MAX_BYTES, act, len, e);

	free(act);
	free(dir);
	free(full);
	return text;
}

/* The issuer's public key, public_key or public_key_file's text read as
 * its alg says; NULL (and e) if it cannot be. */
static EVP_PKEY *
load_key(const struct lic_issuer *is, const cJSON *o, size_t idx,
	 const char *path, struct gk_err *e)
{
	const char *pem = str_member(o, "public_key");
	char *filepem = NULL;
	size_t len = pem ? strlen(pem) : 0;
	EVP_PKEY *k;

	if (!pem) {
		/* the file may be DER, binary */
		filepem = read_key_file(str_member(o, "public_key_file"), path,
					str_member(o, "code"), &len, e);
		pem = filepem;
	}
	/* Whether the file or its text failed, the officer is told which
	 * trust file and which issuer named it. */
	k = pem ? lic_load_public_key_bytes(pem, len, is->alg, e) : NULL;
	free(filepem);
	if (!k) {
		char m[sizeof e->msg];
		snprintf(m, sizeof m, "%s", e->msg);
		gk_err_set(e, "%s: issuers[%zu]: %s", path, idx, m);
	}
	return k;
}

/* The key is of the algorithm alg says and has the id key_id says. */
static int
check_key(EVP_PKEY *k, const struct lic_issuer *is, const cJSON *o, size_t idx,
	  const char *path, struct gk_err *e)
{
	char id[LIC_KEY_ID_HEX + 1];

	if (lic_key_alg(k) != is->alg) {
		gk_err_set(e, "%s: issuers[%zu]: alg is %s but the key is %s",
			   path, idx, str_member(o, "alg"),
			   lic_alg_name(lic_key_alg(k)));
		return -1;
	}
	if (lic_key_id(k, id, e) < 0)
		return -1;
	if (strcmp(id, str_member(o, "key_id")) != 0) {
		gk_err_set(e,
			   "%s: issuers[%zu]: key_id does not match the "
			   "public key (its sha256 is %s)",
			   path, idx, id);
		return -1;
	}
	return 0;
}

/* license_types, the kinds of license the issuer signs: strings. */
static int
load_types(struct lic_issuer *is, const cJSON *o, size_t idx, const char *path,
	   struct gk_err *e)
{
	const cJSON *types =
		cJSON_GetObjectItemCaseSensitive(o, "license_types");
	const cJSON *t;

	is->ntypes = (size_t)cJSON_GetArraySize(types);
	is->types = gk_xcalloc(is->ntypes ? is->ntypes : 1, sizeof *is->types);
	is->ntypes = 0;
	cJSON_ArrayForEach(t, types) {
		if (!cJSON_IsString(t)) {
			gk_err_set(e,
				   "%s: issuers[%zu]: license_types must be "
				   "strings",
				   path, idx);
			return -1;
		}
		is->types[is->ntypes++] = gk_xstrdup(t->valuestring);
	}
	return 0;
}

static int
load_issuer(struct lic_issuer *is, const cJSON *o, size_t idx, const char *path,
	    struct gk_err *e)
{
	EVP_PKEY *k;
	int rc = -1;

	if (check_issuer(is, o, idx, path, e) < 0 ||
	    load_window(is, o, idx, path, e) < 0)
		return -1;
	k = load_key(is, o, idx, path, e);
	if (!k)
		return -1;
	if (check_key(k, is, o, idx, path, e) < 0)
		goto out;
	is->code = gk_xstrdup(str_member(o, "code"));
	is->name =
		gk_xstrdup(str_member(o, "name") ? str_member(o, "name") : "");
	is->key_id = gk_xstrdup(str_member(o, "key_id"));
	is->pem = lic_public_pem(k, e);
	if (!is->pem)
		goto out;
	rc = load_types(is, o, idx, path, e);
out:
	EVP_PKEY_free(k);
	return rc;
}

int
trust_load(struct lic_trust *t, const char *path, struct gk_err *e)
{
	size_t len;
	char *text;
	cJSON *root = NULL, *arr, *o;
	size_t i = 0;
	int rc = -1;

	memset(t, 0, sizeof *t);
	text = read_all(path, TRUST_MAX_BYTES, "add an issuer", &len, e);
	if (!text)
		return -1;
	if (strcmp(path, "-") == 0)
		path = TRUST_STDIN_NAME;
	root = json_parse_document(text, len, path, "the trust file's object",
				   e);
	if (!root)
		goto out;
	arr = cJSON_GetObjectItemCaseSensitive(root, "issuers");
	if (!cJSON_IsArray(arr)) {
		gk_err_set(e, "%s: needs an \"issuers\" array", path);
		goto out;
	}
	t->path = gk_xstrdup(path);
	t->issuers = gk_xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
				sizeof *t->issuers);
	cJSON_ArrayForEach(o, arr) {
		if (load_issuer(&t->issuers[i], o, i, path, e) < 0) {
			t->n = i + 1; /* release what the failed one holds */
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->issuers[j].key_id,
				   t->issuers[i].key_id) == 0) {
				gk_err_set(e,
					   "%s: issuers[%zu]: key_id already "
					   "used by issuers[%zu]",
					   path, i, j);
				t->n = i + 1;
				goto out;
			}
		i++;
	}
	t->n = i;
	rc = 0;
out:
	cJSON_Delete(root);
	free(text);
	if (rc < 0)
		trust_release(t);
	return rc;
}

void
trust_release(struct lic_trust *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct lic_issuer *is = &t->issuers[i];
		free(is->code);
		free(is->name);
		free(is->key_id);
		free(is->pem);
		for (size_t j = 0; j < is->ntypes; j++)
			free(is->types[j]);
		free(is->types);
	}
	free(t->issuers);
	free(t->path);
	memset(t, 0, sizeof *t);
}

const struct lic_issuer *
trust_by_code(const struct lic_trust *t, const char *code, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->issuers[i].code) == n &&
		    memcmp(t->issuers[i].code, code, n) == 0)
			return &t->issuers[i];
	return NULL;
}

const struct lic_issuer *
trust_by_key_id(const struct lic_trust *t, const char *key_id, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->issuers[i].key_id) == n &&
		    memcmp(t->issuers[i].key_id, key_id, n) == 0)
			return &t->issuers[i];
	return NULL;
}

bool
trust_allows(const struct lic_issuer *is, const char *type, size_t n)
{
	for (size_t i = 0; i < is->ntypes; i++)
		if (strlen(is->types[i]) == n &&
		    memcmp(is->types[i], type, n) == 0)
			return true;
	return false;
}
