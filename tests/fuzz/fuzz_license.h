/*
 * tests/fuzz/fuzz_license.h: what the gov-license targets share: a loaded
 * public key written raw in every form gov-license(1) accepts (SM2's
 * 04||X||Y, X||Y and 02/03||X; Ed25519's 32 bytes; in hex of either case,
 * base64 padded or not, with white space around) must load again through
 * lic_load_public_key as the same key with the same key_id.  So must its
 * DER SubjectPublicKeyInfo (openssl pkey -pubout -outform DER, Java's
 * getEncoded()) in those text forms, and binary as a .der
 * public_key_file gives it (lic_load_public_key_bytes): the key_id of a
 * DER key is that of the key as PEM.
 */
#ifndef GOVKIT_FUZZ_LICENSE_H
#define GOVKIT_FUZZ_LICENSE_H

#include "fuzz.h"
#include "license.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/x509.h>

static inline void
fail_form(const char *why, const char *form, const char *text)
{
	dprintf(2, "%s (%s: %s)\n", why, form, text);
	abort();
}

/* raw (n bytes) written each way must load as alg, the key want, with
 * key_id kid (NULL: not compared). */
static inline void
raw_forms(EVP_PKEY *want, enum lic_alg alg, const unsigned char *raw, size_t n,
	  const char *form, const char *kid)
{
	struct gk_buf t;
	struct gk_err e;
	char id[LIC_KEY_ID_HEX + 1];
	char *hex = gk_xmalloc(2 * n + 1);
	EVP_PKEY *k;

	buf_init(&t);
	for (int way = 0; way < 5; way++) {
		buf_reset(&t);
		if (way == 4)
			buf_add(&t, " \n", 2);
		if (way < 2) {
			lic_b64_encode(raw, n, &t);
			while (way == 1 && t.data[t.len - 1] == '=')
				t.len--;
		} else {
			gk_hex(raw, n, hex);
			if (way == 3)
				for (size_t i = 0; hex[i]; i++)
					if (hex[i] >= 'a' && hex[i] <= 'f')
						hex[i] = (char)(hex[i] - 32);
			buf_add(&t, hex, 2 * n);
		}
		if (way == 4)
			buf_add(&t, "\r\n", 2);
		buf_addc(&t, '\0');
		k = lic_load_public_key(t.data, alg, &e);
		if (!k) {
			dprintf(2, "refused: %s\n", e.msg);
			fail_form("a raw form of a loaded key is refused", form,
				  t.data);
		}
		if (lic_key_alg(k) != alg || EVP_PKEY_eq(k, want) != 1)
			fail_form("a raw form is another key", form, t.data);
		if (lic_key_id(k, id, &e) < 0 || (kid && strcmp(id, kid) != 0))
			fail_form("a raw form has another key_id", form,
				  t.data);
		EVP_PKEY_free(k);
	}
	buf_release(&t);
	free(hex);
}

/* The key k of alg as its DER SubjectPublicKeyInfo, in text and binary:
 * the same key, the key_id of k (and kid, when given). */
static inline void
der_forms(EVP_PKEY *k, enum lic_alg alg, const char *kid)
{
	unsigned char *der = NULL;
	char id[LIC_KEY_ID_HEX + 1], id2[LIC_KEY_ID_HEX + 1];
	struct gk_err e;
	int n = i2d_PUBKEY(k, &der);
	EVP_PKEY *k2;

	if (n <= 0 || lic_key_id(k, id, &e) < 0)
		abort();
	if (kid && strcmp(id, kid) != 0)
		fail_form("the key's key_id is not the one kept", "DER", kid);
	raw_forms(k, alg, der, (size_t)n, "DER", id);
	k2 = lic_load_public_key_bytes((const char *)der, (size_t)n, alg, &e);
	if (!k2) {
		dprintf(2, "refused: %s\n", e.msg);
		fail_form("the binary DER of a loaded key is refused", "DER",
			  id);
	}
	if (lic_key_alg(k2) != alg || EVP_PKEY_eq(k2, k) != 1 ||
	    lic_key_id(k2, id2, &e) < 0 || strcmp(id, id2) != 0)
		fail_form("the binary DER is another key or key_id", "DER", id);
	EVP_PKEY_free(k2);
	OPENSSL_free(der);
}

/* The key k of alg as raw bytes in each form gov-license(1) names, and
 * as DER (der_forms). */
static inline void
check_raw(EVP_PKEY *k, enum lic_alg alg, const char *kid)
{
	unsigned char pt[80], c[33];
	size_t n = sizeof pt;

	der_forms(k, alg, kid);

	if (alg == LIC_ALG_ED25519) {
		if (EVP_PKEY_get_raw_public_key(k, pt, &n) != 1 || n != 32)
			abort();
		raw_forms(k, alg, pt, n, "ed25519", kid);
		return;
	}
	if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pt,
					    sizeof pt, &n) != 1)
		abort();
	if (n == 33) { /* a PEM key holding its point compressed has
			* another key_id than the raw point, which is the
			* uncompressed SubjectPublicKeyInfo's */
		raw_forms(k, alg, pt, n, "02/03||X", NULL);
		return;
	}
	if (n == 65 && (pt[0] == 6 || pt[0] == 7)) {
		/* a hybrid point, which OpenSSL takes in PEM or DER (no SDK
		 * writes one; raw, 06/07||X||Y is refused), keeps its own
		 * key_id too: the raw forms are the same key */
		pt[0] = 4;
		raw_forms(k, alg, pt, n, "04||X||Y", NULL);
		raw_forms(k, alg, pt + 1, 64, "X||Y", NULL);
		return;
	}
	if (n != 65 || pt[0] != 4)
		abort();
	raw_forms(k, alg, pt, n, "04||X||Y", kid);
	raw_forms(k, alg, pt + 1, 64, "X||Y", kid);
	c[0] = (unsigned char)(2 + (pt[64] & 1));
	memcpy(c + 1, pt + 1, 32);
	raw_forms(k, alg, c, sizeof c, "02/03||X", kid);
}

#endif
