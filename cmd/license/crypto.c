/*
 * crypto.c: keys, signing and verifying through OpenSSL's EVP interface.
 *
 * sm2-sm3: SM2 with SM3 over the message, with the signer's Z value
 * computed from the default user ID 1234567812345678 (GB/T 35276), the
 * signature DER-encoded (SEQUENCE of r, s) as GM/T 0009 and OpenSSL do.
 * ed25519: RFC 8032 pure Ed25519 (no pre-hash: EVP_DigestVerify with a
 * NULL digest).
 */
#include "license.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#define ED25519_SIG_LEN 64
#define SM2_HALF_LEN 32 /* bytes of r, of s */
#define LIC_NAME_MAX 4096

/* The first OpenSSL error as text, for messages. */
static const char *
ossl_reason(void)
{
	static _Thread_local char buf[256];
	unsigned long code = ERR_peek_last_error();

	if (!code)
		return "unknown error";
	ERR_error_string_n(code, buf, sizeof buf);
	ERR_clear_error();
	return buf;
}

enum lic_alg
lic_alg_parse(const char *s, size_t n)
{
	if ((n == 7 && memcmp(s, "sm2-sm3", 7) == 0) ||
	    (n == 3 && memcmp(s, "sm2", 3) == 0))
		return LIC_ALG_SM2;
	if (n == 7 && memcmp(s, "ed25519", 7) == 0)
		return LIC_ALG_ED25519;
	return LIC_ALG_NONE;
}

const char *
lic_alg_name(enum lic_alg alg)
{
	switch (alg) {
	case LIC_ALG_SM2: return "sm2-sm3";
	case LIC_ALG_ED25519: return "ed25519";
	default: return "none";
	}
}

enum lic_alg
lic_key_alg(EVP_PKEY *k)
{
	char group[64];
	size_t gl = 0;

	if (EVP_PKEY_is_a(k, "ED25519"))
		return LIC_ALG_ED25519;
	if (EVP_PKEY_is_a(k, "SM2"))
		return LIC_ALG_SM2;
	/* An EC key on the SM2 curve, as some tools label it. */
	if (EVP_PKEY_is_a(k, "EC") &&
	    EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group,
					   sizeof group, &gl) == 1 &&
	    strcmp(group, "SM2") == 0)
		return LIC_ALG_SM2;
	return LIC_ALG_NONE;
}

int
lic_key_id(EVP_PKEY *k, char out[LIC_KEY_ID_HEX + 1], struct gk_err *e)
{
	unsigned char *der = NULL, md[SHA256_DIGEST_LENGTH];
	int len = i2d_PUBKEY(k, &der);

	if (len <= 0) {
		gk_err_set(e, "cannot encode the public key: %s",
			   ossl_reason());
		return -1;
	}
	SHA256(der, (size_t)len, md);
	OPENSSL_free(der);
	gk_hex(md, sizeof md, out);
	return 0;
}

EVP_PKEY *
lic_load_public_pem(const char *pem, size_t n, struct gk_err *e)
{
	BIO *b = BIO_new_mem_buf(pem, (int)n);
	EVP_PKEY *k;

	if (!b) {
		gk_err_set(e, "out of memory");
		return NULL;
	}
	k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	if (!k) {
		gk_err_set(e, "not a PEM public key: %s", ossl_reason());
		return NULL;
	}
	if (lic_key_alg(k) == LIC_ALG_NONE) {
		gk_err_set(e, "public key is neither SM2 nor Ed25519");
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

EVP_PKEY *
lic_load_private_file(const char *path, struct gk_err *e)
{
	FILE *fp = fopen(path, "r");
	EVP_PKEY *k;

	if (!fp) {
		gk_err_set(e, "cannot open '%s':", path);
		return NULL;
	}
	k = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
	fclose(fp);
	if (!k) {
		gk_err_set(e, "'%s' is not a PEM private key: %s", path,
			   ossl_reason());
		return NULL;
	}
	if (lic_key_alg(k) == LIC_ALG_NONE) {
		gk_err_set(e, "'%s' is neither an SM2 nor an Ed25519 key",
			   path);
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

/* Create path exclusively with mode; never replaces a file. */
static FILE *
create_excl(const char *path, mode_t mode, struct gk_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	FILE *fp;

	if (fd < 0) {
		if (errno == EEXIST)
			gk_err_set(e, "'%s' exists; not overwritten", path);
		else
			gk_err_set(e, "cannot create '%s':", path);
		return NULL;
	}
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		gk_err_set(e, "cannot open '%s':", path);
	}
	return fp;
}

static int
close_checked(FILE *fp, const char *path, struct gk_err *e)
{
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		gk_err_set(e, "cannot write '%s':", path);
		fclose(fp);
		return -1;
	}
	if (fclose(fp) != 0) {
		gk_err_set(e, "cannot write '%s':", path);
		return -1;
	}
	return 0;
}

int
lic_keygen(enum lic_alg alg, const char *name, char key_id[LIC_KEY_ID_HEX + 1],
	   struct gk_err *e)
{
	EVP_PKEY *k = NULL;
	char *kpath = NULL, *ppath = NULL;
	FILE *kf = NULL, *pf = NULL;
	int rc = -1;

	if (strlen(name) > LIC_NAME_MAX) {
		gk_err_set(e, "key name too long");
		return -1;
	}
	k = EVP_PKEY_Q_keygen(NULL, NULL,
			      alg == LIC_ALG_SM2 ? "SM2" : "ED25519");
	if (!k) {
		gk_err_set(e, "cannot generate the key: %s", ossl_reason());
		goto out;
	}
	if (lic_key_id(k, key_id, e) < 0)
		goto out;
	kpath = gk_xasprintf("%s.key", name);
	ppath = gk_xasprintf("%s.pub", name);
	if (access(ppath, F_OK) == 0) {
		gk_err_set(e, "'%s' exists; not overwritten", ppath);
		goto out;
	}
	kf = create_excl(kpath, 0600, e);
	if (!kf)
		goto out;
	if (!PEM_write_PrivateKey(kf, k, NULL, NULL, 0, NULL, NULL)) {
		gk_err_set(e, "cannot write '%s': %s", kpath, ossl_reason());
		fclose(kf);
		unlink(kpath);
		goto out;
	}
	if (close_checked(kf, kpath, e) < 0) {
		unlink(kpath);
		goto out;
	}
	pf = create_excl(ppath, 0644, e);
	if (!pf) {
		unlink(kpath);
		goto out;
	}
	if (!PEM_write_PUBKEY(pf, k)) {
		gk_err_set(e, "cannot write '%s': %s", ppath, ossl_reason());
		fclose(pf);
		unlink(ppath);
		unlink(kpath);
		goto out;
	}
	if (close_checked(pf, ppath, e) < 0) {
		unlink(ppath);
		unlink(kpath);
		goto out;
	}
	rc = 0;
out:
	free(kpath);
	free(ppath);
	EVP_PKEY_free(k);
	return rc;
}

/* A digest context set up for alg with the SM2 user ID id (NULL: none set,
 * which OpenSSL 3 takes for an empty ID); pctx freed by caller. */
static EVP_MD_CTX *
md_ctx_id(EVP_PKEY *k, EVP_PKEY_CTX **pctx, bool sign, const char *id,
	  struct gk_err *e)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	enum lic_alg alg = lic_key_alg(k);
	int ok;

	*pctx = NULL;
	if (!m) {
		gk_err_set(e, "out of memory");
		return NULL;
	}
	if (alg == LIC_ALG_SM2) {
		*pctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
		if (!*pctx ||
		    (id && EVP_PKEY_CTX_set1_id(*pctx, id, strlen(id)) <= 0)) {
			gk_err_set(e, "cannot set the SM2 user ID: %s",
				   ossl_reason());
			goto fail;
		}
		EVP_MD_CTX_set_pkey_ctx(m, *pctx);
		ok = sign ? EVP_DigestSignInit(m, NULL, EVP_sm3(), NULL, k)
			  : EVP_DigestVerifyInit(m, NULL, EVP_sm3(), NULL, k);
	} else {
		ok = sign ? EVP_DigestSignInit(m, NULL, NULL, NULL, k)
			  : EVP_DigestVerifyInit(m, NULL, NULL, NULL, k);
	}
	if (ok != 1) {
		gk_err_set(e, "cannot start %s: %s",
			   sign ? "signing" : "verifying", ossl_reason());
		goto fail;
	}
	return m;
fail:
	EVP_MD_CTX_free(m);
	EVP_PKEY_CTX_free(*pctx);
	*pctx = NULL;
	return NULL;
}

/* The context of a govkit signature: SM2 with the default user ID. */
static EVP_MD_CTX *
md_ctx_for(EVP_PKEY *k, EVP_PKEY_CTX **pctx, bool sign, struct gk_err *e)
{
	return md_ctx_id(k, pctx, sign, LIC_SM2_ID, e);
}

int
lic_sign(EVP_PKEY *k, const char *msg, size_t n, unsigned char **sig,
	 size_t *siglen, struct gk_err *e)
{
	EVP_PKEY_CTX *pctx;
	EVP_MD_CTX *m = md_ctx_for(k, &pctx, true, e);
	size_t len = 0;
	int rc = -1;

	*sig = NULL;
	if (!m)
		return -1;
	if (EVP_DigestSign(m, NULL, &len, (const unsigned char *)msg, n) != 1) {
		gk_err_set(e, "cannot sign: %s", ossl_reason());
		goto out;
	}
	*sig = gk_xmalloc(len);
	if (EVP_DigestSign(m, *sig, &len, (const unsigned char *)msg, n) != 1) {
		gk_err_set(e, "cannot sign: %s", ossl_reason());
		free(*sig);
		*sig = NULL;
		goto out;
	}
	*siglen = len;
	rc = 0;
out:
	EVP_MD_CTX_free(m);
	EVP_PKEY_CTX_free(pctx);
	return rc;
}

/* Strict DER of an SM2 signature: parses and re-encodes to the same bytes. */
static bool
sm2_sig_is_der(const unsigned char *sig, size_t len)
{
	const unsigned char *p = sig;
	unsigned char *re = NULL;
	ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	bool ok = false;
	int rl;

	if (!s)
		return false;
	if ((size_t)(p - sig) == len) {
		rl = i2d_ECDSA_SIG(s, &re);
		ok = rl > 0 && (size_t)rl == len && memcmp(re, sig, len) == 0;
		OPENSSL_free(re);
	}
	ECDSA_SIG_free(s);
	return ok;
}

/*
 * Whether sig verifies over msg, followed by a newline when nl, with the
 * SM2 user ID id (NULL: an empty one; not used for Ed25519): 1 it does,
 * 0 it does not, -1 could not be run (message in e).
 */
static int
verify_as(EVP_PKEY *k, const char *msg, size_t n, bool nl, const char *id,
	  const unsigned char *sig, size_t siglen, struct gk_err *e)
{
	EVP_PKEY_CTX *pctx;
	EVP_MD_CTX *m = md_ctx_id(k, &pctx, false, id, e);
	char *line = NULL;
	int r;

	if (!m)
		return -1;
	if (nl) {
		line = gk_xmalloc(n + 1);
		memcpy(line, msg, n);
		line[n] = '\n';
	}
	r = EVP_DigestVerify(m, sig, siglen,
			     (const unsigned char *)(nl ? line : msg),
			     nl ? n + 1 : n);
	free(line);
	EVP_MD_CTX_free(m);
	EVP_PKEY_CTX_free(pctx);
	ERR_clear_error();
	return r == 1;
}

/*
 * An SM2 value of 64 bytes that is not DER: r and s side by side, as some
 * signers hand them out.  Whether the DER form of that r and s verifies.
 */
static bool
sm2_raw_verifies(EVP_PKEY *k, const char *msg, size_t n,
		 const unsigned char *sig, size_t siglen)
{
	ECDSA_SIG *s;
	BIGNUM *r = NULL, *sv = NULL;
	unsigned char *der = NULL;
	struct gk_err scratch;
	int len;
	bool ok = false;

	if (siglen != 2 * SM2_HALF_LEN)
		return false;
	s = ECDSA_SIG_new();
	r = BN_bin2bn(sig, SM2_HALF_LEN, NULL);
	sv = BN_bin2bn(sig + SM2_HALF_LEN, SM2_HALF_LEN, NULL);
	if (!s || !r || !sv || ECDSA_SIG_set0(s, r, sv) != 1) {
		BN_free(r);
		BN_free(sv);
		goto out;
	}
	len = i2d_ECDSA_SIG(s, &der);
	ok = len > 0 && verify_as(k, msg, n, false, LIC_SM2_ID, der,
				  (size_t)len, &scratch) == 1;
	OPENSSL_free(der);
out:
	ECDSA_SIG_free(s);
	ERR_clear_error();
	return ok;
}

/*
 * Why a well-formed signature that does not verify fails, in e.  A signer
 * written from gov-license(1) with the openssl command line most often
 * signs a line of canon's output, newline and all, or leaves out SM2's
 * -pkeyopt distid (OpenSSL then takes an empty user ID): those are named,
 * so that the issuer is not sent looking for a change that never was.
 * None of them is accepted.
 */
static void
why_not(EVP_PKEY *k, enum lic_alg alg, const char *msg, size_t n,
	const unsigned char *sig, size_t siglen, struct gk_err *e)
{
	struct gk_err scratch;
	bool sm2 = alg == LIC_ALG_SM2;

	if (verify_as(k, msg, n, true, LIC_SM2_ID, sig, siglen, &scratch) == 1)
		gk_err_set(e, "signature covers the canonical form followed "
			      "by a newline (a line of gov-license canon as "
			      "printed), not the canonical bytes alone");
	else if (sm2 &&
		 verify_as(k, msg, n, false, NULL, sig, siglen, &scratch) == 1)
		gk_err_set(e, "signature was made with an empty SM2 user ID "
			      "(openssl without -pkeyopt distid:" LIC_SM2_ID
			      "), not the default ID " LIC_SM2_ID);
	else if (sm2 &&
		 verify_as(k, msg, n, true, NULL, sig, siglen, &scratch) == 1)
		gk_err_set(e, "signature was made with an empty SM2 user ID "
			      "over the canonical form followed by a newline, "
			      "not with the default ID " LIC_SM2_ID
			      " over the canonical bytes alone");
	else
		gk_err_set(e, "signature does not verify with the issuer's "
			      "key: the record was changed after signing or "
			      "the signature value was altered");
}

int
lic_verify(EVP_PKEY *k, enum lic_alg alg, const char *msg, size_t n,
	   const unsigned char *sig, size_t siglen, struct gk_err *e)
{
	int r;

	if (alg == LIC_ALG_ED25519 && siglen != ED25519_SIG_LEN) {
		gk_err_set(e, "ed25519 signature is %zu bytes, expected %d",
			   siglen, ED25519_SIG_LEN);
		return 0;
	}
	if (alg == LIC_ALG_SM2 && !sm2_sig_is_der(sig, siglen)) {
		if (sm2_raw_verifies(k, msg, n, sig, siglen))
			gk_err_set(e, "signature value is SM2's r and s side "
				      "by side (64 bytes), not DER-encoded; "
				      "the DER form of that r and s verifies");
		else
			gk_err_set(e, "signature value is not a DER-encoded "
				      "SM2 signature (altered or truncated)");
		return 0;
	}
	r = verify_as(k, msg, n, false, LIC_SM2_ID, sig, siglen, e);
	if (r != 0)
		return r;
	why_not(k, alg, msg, n, sig, siglen, e);
	return 0;
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
lic_b64_encode(const unsigned char *p, size_t n, struct gk_buf *out)
{
	size_t i;
	char q[4];

	for (i = 0; i + 3 <= n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 |
			     p[i + 2];
		q[0] = b64chars[v >> 18];
		q[1] = b64chars[(v >> 12) & 63];
		q[2] = b64chars[(v >> 6) & 63];
		q[3] = b64chars[v & 63];
		buf_add(out, q, 4);
	}
	if (i < n) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		q[0] = b64chars[v >> 18];
		q[1] = b64chars[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		q[3] = '=';
		buf_add(out, q, 4);
	}
}

static int
b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
lic_b64_decode(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char *o;
	size_t pad = 0, len = 0;
	unsigned acc = 0;
	int bits = 0;

	/* Padding is optional but, when present, must complete the quantum. */
	while (n > 0 && s[n - 1] == '=' && pad < 2) {
		n--;
		pad++;
	}
	if (n % 4 == 1 || (pad && (n + pad) % 4 != 0))
		return -1;
	o = gk_xmalloc(n * 3 / 4 + 3);
	for (size_t i = 0; i < n; i++) {
		int v = b64val((unsigned char)s[i]);
		if (v < 0) {
			free(o);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[len++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	/* Leftover bits must be zero (canonical encoding). */
	if (acc != 0) {
		free(o);
		return -1;
	}
	*out = o;
	*outlen = len;
	return 0;
}
