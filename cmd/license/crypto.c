/*
 * crypto.c: keys, signing and verifying through OpenSSL's EVP interface.
 *
 * sm2-sm3: SM2 with SM3 over the message, with the signer's Z value
 * computed from the default user ID 1234567812345678 (GB/T 35276), the
 * signature DER-encoded (SEQUENCE of r, s) as GM/T 0009 and OpenSSL do;
 * verify also takes r||s and hex as SDKs give them (lic_sig_decode), and
 * raw public keys (lic_load_public_key).
 * ed25519: RFC 8032 pure Ed25519 (no pre-hash: EVP_DigestVerify with a
 * NULL digest).
 */
#include "license.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
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

/* No terminal to ask an encrypted key's pass phrase on (cron): no
 * prompt on standard error, no read of standard input. */
static int
no_pass_phrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf, (void)size, (void)rwflag, (void)u;
	return -1;
}

static bool
have_terminal(void)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Is p[0..n) a DER EncryptedPrivateKeyInfo (openssl pkcs8 -topk8
 * -outform DER), the whole of it? */
static bool
der_encrypted_key(const char *p, size_t n)
{
	const unsigned char *q = (const unsigned char *)p;
	X509_SIG *sig = d2i_X509_SIG(NULL, &q, (long)n);
	bool whole = sig && q == (const unsigned char *)p + n;

	X509_SIG_free(sig);
	ERR_clear_error();
	return whole;
}

/* A buffer that held a private key, wiped and released. */
static void
wipe_release(struct gk_buf *b)
{
	if (b->data)
		OPENSSL_cleanse(b->data, b->len);
	buf_release(b);
}

/* Far more than any SM2 or Ed25519 private key file. */
#define PRIVATE_KEY_FILE_MAX (1 << 20)

EVP_PKEY *
lic_load_private_file(const char *path, struct gk_err *e)
{
	FILE *fp = fopen(path, "rb");
	struct gk_buf b;
	char chunk[4096];
	size_t n;
	bool pem, encrypted, bad = false, trailing = false;
	struct stat st;
	BIO *bio;
	EVP_PKEY *k = NULL;

	if (!fp) {
		gk_err_set(e, "cannot open '%s':", path);
		return NULL;
	}
	lic_warn_unsafe_private(fileno(fp), path);
	/* the key's bytes are wiped when done: none left in stdio's buffer,
	 * nor in a block a growing buffer gave back */
	setvbuf(fp, NULL, _IONBF, 0);
	buf_init(&b);
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0 &&
	    st.st_size <= PRIVATE_KEY_FILE_MAX)
		buf_reserve(&b, (size_t)st.st_size + 1);
	while (!bad && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, n);
		bad = b.len > PRIVATE_KEY_FILE_MAX;
	}
	OPENSSL_cleanse(chunk, sizeof chunk);
	if (bad || ferror(fp) || b.len == 0) {
		gk_err_set(
			e,
			bad     ? "'%s' is too large for a private key"
			: b.len ? "cannot read '%s':"
				: "'%s' is empty: not a PEM private key, nor a DER one",
			path);
		fclose(fp);
		wipe_release(&b);
		return NULL;
	}
	fclose(fp);
	/* PEM, or DER (openssl pkey -outform DER: PKCS#8, or an SM2 key's
	 * traditional EC form) */
	pem = memchr(b.data, '\0', b.len) == NULL &&
	      strstr(b.data, "-----BEGIN");
	encrypted = pem ? strstr(b.data, "ENCRYPTED") != NULL
			: der_encrypted_key(b.data, b.len);
	bio = BIO_new_mem_buf(b.data, (int)b.len);
	if (bio)
		k = pem ? PEM_read_bio_PrivateKey(
				  bio, NULL,
				  have_terminal() ? NULL : no_pass_phrase, NULL)
		    : encrypted
			    ? d2i_PKCS8PrivateKey_bio(
				      bio, NULL,
				      have_terminal() ? NULL : no_pass_phrase,
				      NULL)
			    : d2i_PrivateKey_bio(bio, NULL);
	/* a DER key is the whole file, as a DER public key is (spki_der) */
	if (k && !pem && BIO_pending(bio) > 0) {
		EVP_PKEY_free(k);
		k = NULL;
		trailing = true;
	}
	BIO_free(bio);
	wipe_release(&b);
	if (!k) {
		if (trailing)
			gk_err_set(e,
				   "'%s' has bytes after its DER private key",
				   path);
		else if (encrypted)
			gk_err_set(e,
				   "'%s' is an encrypted private key, and its "
				   "pass phrase was not given or is wrong "
				   "(sign asks for it on a terminal)",
				   path);
		else if (pem)
			gk_err_set(e, "'%s' is not a PEM private key: %s", path,
				   ossl_reason());
		else
			gk_err_set(e, "'%s' is not a private key (PEM or DER)",
				   path);
		ERR_clear_error();
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
		gk_err_set(e, "signature value is not a DER-encoded SM2 "
			      "signature (altered or truncated)");
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

/* ---------------------------------------------------------------- */
/* keys and signatures as other signers write them                   */
/* ---------------------------------------------------------------- */

#define SM2_POINT_LEN 65 /* 04 || X || Y */
#define ED25519_KEY_LEN 32

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits of either case, an even number of them, into a malloc'ed
 * buffer; -1 otherwise. */
static int
hex_decode(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char *o;

	if (n == 0 || n % 2)
		return -1;
	/* verify reads every signature as base64 and as hex: a base64
	 * one is refused here at its first letter past f, unallocated */
	for (size_t i = 0; i < n; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return -1;
	o = gk_xmalloc(n / 2);
	for (size_t i = 0; i < n; i += 2)
		o[i / 2] = (unsigned char)(hexval((unsigned char)s[i]) << 4 |
					   hexval((unsigned char)s[i + 1]));
	*out = o;
	*outlen = n / 2;
	return 0;
}

/* What bytes decoded from a key's or signature's text are: not what is
 * wanted, one form of it, or two forms at once. */
enum form { FORM_NONE, FORM_DER, FORM_RAW, FORM_AMBIGUOUS };

typedef enum form (*form_fn)(enum lic_alg alg, const unsigned char *p,
			     size_t n);

/* An SM2 signature is DER, or r and s side by side (32 bytes each, as
 * sm-crypto, GmSSL and BouncyCastle's plain encoding give them); DER of
 * exactly 64 bytes (r and s six bytes shorter between them) is both.
 * An Ed25519 signature is 64 bytes. */
static enum form
sig_form(enum lic_alg alg, const unsigned char *p, size_t n)
{
	bool der;

	if (alg == LIC_ALG_ED25519)
		return n == ED25519_SIG_LEN ? FORM_RAW : FORM_NONE;
	der = sm2_sig_is_der(p, n);
	if (n == 2 * SM2_HALF_LEN)
		return der ? FORM_AMBIGUOUS : FORM_RAW;
	return der ? FORM_DER : FORM_NONE;
}

/* Longer than any SM2 or Ed25519 SubjectPublicKeyInfo, even one with
 * the curve's parameters written out (307 bytes). */
#define SPKI_DER_MAX 4096

/* p..p+n, the whole of it, as a DER SubjectPublicKeyInfo (what `openssl
 * pkey -pubout -outform DER` writes and Java's PublicKey.getEncoded()
 * gives); NULL when it is not one. */
static EVP_PKEY *
spki_der(const unsigned char *p, size_t n)
{
	const unsigned char *q = p;
	EVP_PKEY *k;

	if (n < 2 || n > SPKI_DER_MAX || p[0] != 0x30)
		return NULL;
	k = d2i_PUBKEY(NULL, &q, (long)n);
	if (k && q != p + n) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	ERR_clear_error();
	return k;
}

/* A public key: its DER SubjectPublicKeyInfo (any length but those
 * below), or raw, SM2's point 04||X||Y, X||Y or compressed 02/03||X,
 * Ed25519's 32 bytes. */
static enum form
key_form(enum lic_alg alg, const unsigned char *p, size_t n)
{
	EVP_PKEY *k;

	if (alg == LIC_ALG_ED25519 && n == ED25519_KEY_LEN)
		return FORM_RAW;
	if (alg == LIC_ALG_SM2 &&
	    ((n == SM2_POINT_LEN && p[0] == 4) || n == SM2_POINT_LEN - 1 ||
	     (n == SM2_HALF_LEN + 1 && (p[0] == 2 || p[0] == 3))))
		return FORM_RAW;
	k = spki_der(p, n);
	EVP_PKEY_free(k);
	return k ? FORM_DER : FORM_NONE;
}

/*
 * Text in base64 or in hex, decoded as the one that gives bytes of a
 * wanted form: 1 with them in *out (malloc'ed) and the form in *fp; 0
 * when neither decodes; -1 when what decodes is no wanted form (*out the
 * hex bytes if they decode, else the base64 ones, for the message: an
 * even number of hex digits is base64 too when a multiple of four, but
 * was written as hex, 124 digits being 62 bytes, not 93); -2
 * when both decode to a wanted form, or the bytes are of two forms.
 * Hex digits are base64 characters too, but no length gives a wanted
 * form both ways, and base64 of DER starts with 'M', which is not hex.
 */
static int
decode_text(enum lic_alg alg, const char *s, size_t n, form_fn form,
	    unsigned char **out, size_t *outlen, enum form *fp)
{
	unsigned char *b = NULL, *h = NULL;
	size_t bl = 0, hl = 0;
	bool bok = lic_b64_decode(s, n, &b, &bl) == 0;
	bool hok = hex_decode(s, n, &h, &hl) == 0;
	enum form bf = bok ? form(alg, b, bl) : FORM_NONE;
	enum form hf = hok ? form(alg, h, hl) : FORM_NONE;

	*out = NULL;
	*outlen = 0;
	if ((bf != FORM_NONE && hf != FORM_NONE) || bf == FORM_AMBIGUOUS ||
	    hf == FORM_AMBIGUOUS) {
		free(b);
		free(h);
		return -2;
	}
	if (bf != FORM_NONE || (hf == FORM_NONE && bok && !hok)) {
		*out = b, *outlen = bl, *fp = bf;
		free(h);
	} else if (hok) {
		*out = h, *outlen = hl, *fp = hf;
		free(b);
	} else {
		free(b);
		return 0;
	}
	return *fp == FORM_NONE ? -1 : 1;
}

/* r and s side by side as the DER SEQUENCE of two INTEGERs. */
static int
sm2_raw_to_der(const unsigned char *raw, unsigned char **der, size_t *len)
{
	ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, SM2_HALF_LEN, NULL);
	BIGNUM *sv = BN_bin2bn(raw + SM2_HALF_LEN, SM2_HALF_LEN, NULL);
	unsigned char *o = NULL;
	int l = -1;

	if (!s || !r || !sv || ECDSA_SIG_set0(s, r, sv) != 1) {
		BN_free(r);
		BN_free(sv);
	} else {
		l = i2d_ECDSA_SIG(s, &o);
	}
	ECDSA_SIG_free(s);
	ERR_clear_error();
	if (l <= 0)
		return -1;
	*der = gk_xmalloc((size_t)l);
	memcpy(*der, o, (size_t)l);
	OPENSSL_free(o);
	*len = (size_t)l;
	return 0;
}

int
lic_sig_decode(enum lic_alg alg, const char *val, size_t n, unsigned char **sig,
	       size_t *siglen, struct gk_err *e)
{
	enum form f = FORM_NONE;
	unsigned char *p, *der;
	size_t len, dlen;
	int r = decode_text(alg, val, n, sig_form, &p, &len, &f);

	*sig = NULL;
	if (r == 0) {
		/* openssl base64 and base64(1) break lines unless told not to */
		gk_err_set(e, "signature value is neither base64 nor hex%s",
			   memchr(val, '\n', n) || memchr(val, '\r', n) ||
					   memchr(val, ' ', n)
				   ? " (it has a line break or a space: "
				     "base64 on one line, as 'openssl base64 "
				     "-A' writes it)"
				   : "");
		return -1;
	}
	if (r == -2) {
		gk_err_set(e,
			   "signature value is ambiguous: it reads as "
			   "more than one well-formed %s signature "
			   "(base64 and hex, or DER and r||s of 64 bytes); "
			   "give it as base64 of DER",
			   lic_alg_name(alg));
		return -1;
	}
	if (r < 0) {
		if (alg == LIC_ALG_ED25519)
			gk_err_set(e,
				   "ed25519 signature is %zu bytes, expected "
				   "%d",
				   len, ED25519_SIG_LEN);
		else
			gk_err_set(e, "signature value is not a DER-encoded "
				      "SM2 signature nor its r and s side by "
				      "side (64 bytes): altered or truncated");
		free(p);
		return -1;
	}
	if (alg == LIC_ALG_SM2 && f == FORM_RAW) {
		if (sm2_raw_to_der(p, &der, &dlen) < 0) {
			free(p);
			gk_err_set(e, "signature value's r and s cannot be "
				      "DER-encoded");
			return -1;
		}
		free(p);
		p = der, len = dlen;
	}
	*sig = p;
	*siglen = len;
	return 0;
}

/* A raw key's bytes as an EVP_PKEY of alg; NULL with the reason in e. */
static EVP_PKEY *
raw_public_key(enum lic_alg alg, const unsigned char *p, size_t n,
	       struct gk_err *e)
{
	unsigned char pt[SM2_POINT_LEN];
	EVP_PKEY_CTX *c = NULL;
	EVP_PKEY *k = NULL;
	OSSL_PARAM params[4];
	char group[] = "SM2", form[] = "uncompressed";

	if (alg == LIC_ALG_ED25519) {
		k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, p, n);
		if (!k)
			gk_err_set(e, "not an Ed25519 public key: %s",
				   ossl_reason());
		return k;
	}
	if (n == SM2_POINT_LEN - 1) { /* X || Y */
		pt[0] = 4;
		memcpy(pt + 1, p, n);
		p = pt, n = SM2_POINT_LEN;
	}
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						     group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						      (void *)p, n);
	/* key_id is over the uncompressed point, as from a PEM key */
	params[2] = OSSL_PARAM_construct_utf8_string(
		OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, form, 0);
	params[3] = OSSL_PARAM_construct_end();
	c = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
	if (!c || EVP_PKEY_fromdata_init(c) <= 0 ||
	    EVP_PKEY_fromdata(c, &k, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
		gk_err_set(e, "not a point of the SM2 curve: %s",
			   ossl_reason());
		k = NULL;
	}
	EVP_PKEY_CTX_free(c);
	return k;
}

/* k (NULL: none) when it is an SM2 or Ed25519 key; else freed, e set. */
static EVP_PKEY *
sm2_or_ed25519(EVP_PKEY *k, struct gk_err *e)
{
	if (k && lic_key_alg(k) == LIC_ALG_NONE) {
		gk_err_set(e, "public key is neither SM2 nor Ed25519");
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

/* A DER SubjectPublicKeyInfo's key, when it is SM2 or Ed25519. */
static EVP_PKEY *
der_public_key(const unsigned char *p, size_t n, struct gk_err *e)
{
	return sm2_or_ed25519(spki_der(p, n), e);
}

/* Is text, n bytes, an X.509 certificate, PEM or DER? */
static bool
is_certificate(const char *text, size_t n)
{
	const unsigned char *q = (const unsigned char *)text;
	X509 *x;
	bool whole;

	if (memchr(text, '\0', n) == NULL)
		return strstr(text, "-----BEGIN") &&
		       strstr(text, "CERTIFICATE-----");
	if (n < 2 || n > INT_MAX || q[0] != 0x30)
		return false;
	x = d2i_X509(NULL, &q, (long)n);
	whole = x && q == (const unsigned char *)text + n;
	X509_free(x);
	ERR_clear_error();
	return whole;
}

EVP_PKEY *
lic_load_public_key_bytes(const char *text, size_t n, enum lic_alg alg,
			  struct gk_err *e)
{
	unsigned char *p = NULL;
	size_t len;
	enum form f;
	EVP_PKEY *k;
	int r;

	/* A certificate's dates and issuer are for the officer to weigh
	 * (not_before, not_after), not to be passed over in silence. */
	if (is_certificate(text, n)) {
		gk_err_set(e, "public key is an X.509 certificate, not a "
			      "public key: give the key it holds (openssl "
			      "x509 -in CERT -pubkey -noout) and, for its "
			      "validity, not_before and not_after (openssl "
			      "x509 -in CERT -noout -dates)");
		return NULL;
	}
	/* a binary .der file, as openssl pkey -outform DER writes it */
	if (n > 0 && (unsigned char)text[0] == 0x30 &&
	    (k = spki_der((const unsigned char *)text, n)) != NULL)
		return sm2_or_ed25519(k, e);
	if (memchr(text, '\0', n) == NULL && strstr(text, "-----BEGIN"))
		return lic_load_public_pem(text, n, e);
	while (n > 0 && strchr(" \t\r\n", text[0]))
		text++, n--;
	while (n > 0 && strchr(" \t\r\n", text[n - 1]))
		n--;
	r = decode_text(alg, text, n, key_form, &p, &len, &f);
	if (r != 1) {
		free(p);
		if (alg == LIC_ALG_ED25519)
			gk_err_set(e, "public key is neither PEM nor an "
				      "Ed25519 key's 32 bytes in hex or "
				      "base64, nor a DER SubjectPublicKeyInfo "
				      "(binary, hex or base64)");
		else
			gk_err_set(e, "public key is neither PEM nor an SM2 "
				      "point (04||X||Y, X||Y or 02/03||X) in "
				      "hex or base64, nor a DER "
				      "SubjectPublicKeyInfo (binary, hex or "
				      "base64)");
		return NULL;
	}
	k = f == FORM_DER ? der_public_key(p, len, e)
			  : raw_public_key(alg, p, len, e);
	free(p);
	return k;
}

EVP_PKEY *
lic_load_public_key(const char *text, enum lic_alg alg, struct gk_err *e)
{
	return lic_load_public_key_bytes(text, strlen(text), alg, e);
}

char *
lic_public_pem(EVP_PKEY *k, struct gk_err *e)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long len;

	if (b && PEM_write_bio_PUBKEY(b, k) == 1) {
		len = BIO_get_mem_data(b, &data);
		out = gk_xmalloc((size_t)len + 1);
		memcpy(out, data, (size_t)len);
		out[len] = '\0';
	} else {
		gk_err_set(e, "cannot write the public key as PEM: %s",
			   ossl_reason());
	}
	BIO_free(b);
	return out;
}
