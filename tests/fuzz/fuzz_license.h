/*
 * tests/fuzz/fuzz_license.h: what the gov-license targets share: a loaded
 * public key written raw in every form gov-license(1) accepts (SM2's
 * 04||X||Y, X||Y and 02/03||X; Ed25519's 32 bytes; in hex of either case,
 * base64 padded or not, with white space around) must load again through
 * lic_load_public_key as the same key with the same key_id.
 */
#ifndef GOVKIT_FUZZ_LICENSE_H
#define GOVKIT_FUZZ_LICENSE_H

#include "fuzz.h"
#include "license.h"

#include <string.h>

#include <openssl/core_names.h>

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

/* The key k of alg as raw bytes in each form gov-license(1) names. */
static inline void
check_raw(EVP_PKEY *k, enum lic_alg alg, const char *kid)
{
	unsigned char pt[80], c[33];
	size_t n = sizeof pt;

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
	if (n != 65 || pt[0] != 4)
		abort();
	raw_forms(k, alg, pt, n, "04||X||Y", kid);
	raw_forms(k, alg, pt + 1, 64, "X||Y", kid);
	c[0] = (unsigned char)(2 + (pt[64] & 1));
	memcpy(c + 1, pt + 1, 32);
	raw_forms(k, alg, c, sizeof c, "02/03||X", kid);
}

#endif
