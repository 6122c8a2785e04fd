/*
 * Fuzz target: gov-license's reading of signatures and keys as SDKs give
 * them (crypto.c).  The input's first byte says what the rest is:
 *
 *   'k' / 'K'  a trust file's public_key text for sm2-sm3 / ed25519
 *              (lic_load_public_key: PEM, a raw key or a DER
 *              SubjectPublicKeyInfo in hex or base64);
 *   'd' / 'D'  a public_key_file's bytes for sm2-sm3 / ed25519
 *              (lic_load_public_key_bytes: those, or binary DER);
 *   'e'        an ed25519 signature's "value" (lic_sig_decode);
 *   otherwise  an sm2-sm3 signature's "value" (base64 or hex, DER or r||s
 *              of 64 bytes, ambiguous values refused);
 *
 * a decoded signature then goes to lic_verify against a fixed key over a
 * fixed message.  Seeds hold real signatures over MESSAGE by the keys
 * below (their private halves are not kept), in every accepted form, and
 * keys in every form.
 *
 * Properties for a key that loads as its algorithm: its PEM (as trust.c
 * keeps it) loads again to the same key_id, and its raw and DER forms
 * load to the same key and key_id (fuzz_license.h).  For signatures: an accepted
 * SM2 value is strict DER; its r and s side by side (hex either case,
 * base64) decode to the same DER, unless those 64 bytes are DER
 * themselves (then refused as ambiguous); the DER in base64 and hex
 * decodes to itself (refused as ambiguous when it is 64 bytes); an
 * accepted Ed25519 value is 64 bytes and its base64 and hex give them
 * back; a value that verifies verifies in each of those forms too; a
 * refusal says why, and an ed25519 value of hex digits refused for its
 * length is counted as the bytes hex gives.
 */
#include "fuzz.h"
#include "fuzz_license.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#define MESSAGE "govkit fuzz_license_sig"

static const char sm2_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE2CgBVhb9/VssenfjAscbD3E8JwTn\n"
	"Q/jyRBMdAK8Hullhd5QEfZr0tJsxa21gCWznaU/Xi0yucExFLhslFwuBOw==\n"
	"-----END PUBLIC KEY-----\n";
static const char ed_pem[] =
	"-----BEGIN PUBLIC KEY-----\n"
	"MCowBQYDK2VwAyEAHEkuOrNwdGRDEYYo+o2/BkzgbrutY4pJufLwG+8uut4=\n"
	"-----END PUBLIC KEY-----\n";

static EVP_PKEY *sm2_key, *ed_key;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;

	(void)argc;
	(void)argv;
	sm2_key = lic_load_public_pem(sm2_pem, strlen(sm2_pem), &e);
	ed_key = lic_load_public_pem(ed_pem, strlen(ed_pem), &e);
	if (!sm2_key || !ed_key)
		abort();
	return 0;
}

static void
fail(const char *why, const unsigned char *p, size_t n)
{
	dprintf(2, "fuzz_license_raw: %s (", why);
	for (size_t i = 0; i < n; i++)
		dprintf(2, "%02x", p[i]);
	dprintf(2, ")\n");
	abort();
}

/* Strict DER of an ECDSA/SM2 signature, as crypto.c requires.  The
 * oracle's own copy of crypto.c's check on purpose: a property checked
 * with the code under test would pass whatever that code does. */
static bool
is_der(const unsigned char *sig, size_t len)
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

static int
verifies(enum lic_alg alg, const unsigned char *sig, size_t n)
{
	struct gk_err e;

	return lic_verify(alg == LIC_ALG_SM2 ? sm2_key : ed_key, alg, MESSAGE,
			  strlen(MESSAGE), sig, n, &e);
}

/*
 * bytes, written as text in each way (base64, base64 unpadded, hex, HEX),
 * must decode to want (want_n bytes), or be refused as ambiguous when
 * ambiguous; and verify as good does.
 */
static void
each_text(enum lic_alg alg, const unsigned char *bytes, size_t n,
	  const unsigned char *want, size_t want_n, bool ambiguous, int good)
{
	struct gk_buf t;
	struct gk_err e;
	unsigned char *sig;
	size_t siglen;
	char *hex = gk_xmalloc(2 * n + 1);

	buf_init(&t);
	for (int way = 0; way < 4; way++) {
		buf_reset(&t);
		if (way < 2) {
			lic_b64_encode(bytes, n, &t);
			while (way == 1 && t.len && t.data[t.len - 1] == '=')
				t.len--;
		} else {
			gk_hex(bytes, n, hex);
			if (way == 3)
				for (size_t i = 0; hex[i]; i++)
					if (hex[i] >= 'a' && hex[i] <= 'f')
						hex[i] = (char)(hex[i] - 32);
			buf_add(&t, hex, 2 * n);
		}
		if (lic_sig_decode(alg, t.data, t.len, &sig, &siglen, &e) < 0) {
			if (!ambiguous || !strstr(e.msg, "ambiguous")) {
				dprintf(2, "refused: %s\n", e.msg);
				fail("a form of an accepted value is refused",
				     bytes, n);
			}
			continue;
		}
		if (ambiguous)
			fail("an ambiguous form is accepted", bytes, n);
		if (siglen != want_n || memcmp(sig, want, want_n) != 0)
			fail("a form decodes to other bytes", bytes, n);
		if (verifies(alg, sig, siglen) != good)
			fail("a form verifies otherwise", bytes, n);
		free(sig);
	}
	buf_release(&t);
	free(hex);
}

/* A trust file's public_key text (data[0..size), no NUL: a JSON string
 * with \u0000 is cut there by cJSON), or a public_key_file's bytes
 * (file: all size bytes, NUL or not). */
static void
one_key(enum lic_alg alg, const uint8_t *data, size_t size, bool file)
{
	char *text = gk_xmalloc(size + 1), *pem;
	char id[LIC_KEY_ID_HEX + 1], id2[LIC_KEY_ID_HEX + 1];
	struct gk_err e;
	EVP_PKEY *k, *k2;

	memcpy(text, data, size);
	text[size] = '\0';
	e.msg[0] = '\0';
	k = file ? lic_load_public_key_bytes(text, size, alg, &e)
		 : lic_load_public_key(text, alg, &e);
	if (!k) {
		if (e.msg[0] == '\0')
			abort(); /* a refusal says why */
		free(text);
		return;
	}
	/* trust.c refuses a PEM key of the other algorithm after this */
	if (lic_key_alg(k) == alg) {
		if (lic_key_id(k, id, &e) < 0)
			abort();
		pem = lic_public_pem(k, &e);
		if (!pem)
			abort();
		k2 = lic_load_public_pem(pem, strlen(pem), &e);
		if (!k2 || lic_key_id(k2, id2, &e) < 0 || strcmp(id, id2) != 0)
			fail_form("the key kept as PEM has another key_id",
				  "pem", pem);
		EVP_PKEY_free(k2);
		free(pem);
		check_raw(k, alg, id);
	}
	EVP_PKEY_free(k);
	free(text);
}

/* A refused ed25519 value of hex digits only, of even length, is counted
 * as the bytes that hex gives (hex is base64 too: 124 digits would be 93
 * bytes), when the message counts bytes. */
static void
ed_count(const uint8_t *p, size_t n, const char *msg)
{
	char want[64];

	if (n == 0 || n % 2 || strncmp(msg, "ed25519 signature is ", 21) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", p[i]) || p[i] == '\0')
			return;
	snprintf(want, sizeof want, "ed25519 signature is %zu bytes,", n / 2);
	if (strncmp(msg, want, strlen(want)) != 0) {
		dprintf(2, "%s\n", msg);
		fail("hex not counted as hex", p, n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum lic_alg alg;
	struct gk_err e;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	int good;

	if (size == 0)
		return 0;
	if (data[0] == 'k' || data[0] == 'K') {
		one_key(data[0] == 'k' ? LIC_ALG_SM2 : LIC_ALG_ED25519,
			data + 1, size - 1, false);
		return 0;
	}
	if (data[0] == 'd' || data[0] == 'D') {
		one_key(data[0] == 'd' ? LIC_ALG_SM2 : LIC_ALG_ED25519,
			data + 1, size - 1, true);
		return 0;
	}
	alg = data[0] == 'e' ? LIC_ALG_ED25519 : LIC_ALG_SM2;
	e.msg[0] = '\0';
	if (lic_sig_decode(alg, (const char *)data + 1, size - 1, &sig, &siglen,
			   &e) < 0) {
		if (sig || e.msg[0] == '\0')
			abort(); /* a refusal says why, and gives nothing */
		if (alg == LIC_ALG_ED25519)
			ed_count(data + 1, size - 1, e.msg);
		return 0;
	}
	good = verifies(alg, sig, siglen);
	if (good < 0)
		abort(); /* a decoded value can always be tried */
	if (alg == LIC_ALG_ED25519) {
		if (siglen != 64)
			fail("ed25519 value not 64 bytes", sig, siglen);
		each_text(alg, sig, siglen, sig, siglen, false, good);
	} else {
		const unsigned char *p = sig;
		ECDSA_SIG *s;
		const BIGNUM *r, *sv;
		unsigned char raw[64];

		if (!is_der(sig, siglen))
			fail("sm2 value not strict DER", sig, siglen);
		each_text(alg, sig, siglen, sig, siglen, siglen == 64, good);
		s = d2i_ECDSA_SIG(NULL, &p, (long)siglen);
		if (!s)
			abort();
		ECDSA_SIG_get0(s, &r, &sv);
		if (BN_num_bytes(r) <= 32 && BN_num_bytes(sv) <= 32 &&
		    !BN_is_negative(r) && !BN_is_negative(sv)) {
			BN_bn2binpad(r, raw, 32);
			BN_bn2binpad(sv, raw + 32, 32);
			each_text(alg, raw, sizeof raw, sig, siglen,
				  is_der(raw, sizeof raw), good);
		}
		ECDSA_SIG_free(s);
	}
	free(sig);
	return 0;
}
