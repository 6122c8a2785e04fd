/*
 * Fuzz target: gov-license's trust file loader (trust.c): issuers, their
 * keys (PEM, or raw in hex or base64: lic_load_public_key), key ids and
 * license types, then the lookups.
 *
 * Property: each loaded key, given raw in every form gov-license(1)
 * accepts, loads to the same key and key_id (fuzz_license.h).
 */
#include "fuzz.h"
#include "fuzz_license.h"

#include <fcntl.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = open("/dev/null", O_RDONLY);

	(void)argc;
	(void)argv;
	/* a "public_key_file" of "0" names /proc/self/fd/0: never block */
	if (fd >= 0) {
		dup2(fd, 0);
		close(fd);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_trust t;
	struct gk_err e;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	if (trust_load(&t, path, &e) == 0) {
		for (size_t i = 0; i < t.n; i++) {
			const struct lic_issuer *is = &t.issuers[i];
			EVP_PKEY *k;

			if (trust_by_code(&t, is->code, strlen(is->code)) ==
				    NULL ||
			    trust_by_key_id(&t, is->key_id,
					    strlen(is->key_id)) == NULL)
				abort();
			for (size_t j = 0; j < is->ntypes; j++)
				if (!trust_allows(is, is->types[j],
						  strlen(is->types[j])))
					abort();
			if (is->has_not_before && is->has_not_after &&
			    date_cmp(&is->not_before, &is->not_after) > 0)
				abort(); /* an empty window is refused */
			k = lic_load_public_pem(is->pem, strlen(is->pem), &e);
			if (!k)
				abort(); /* loaded once, must load again */
			check_raw(k, is->alg, is->key_id);
			EVP_PKEY_free(k);
		}
		trust_release(&t);
	} else if (strlen(e.msg) == 0) {
		abort(); /* an error says why */
	}
	close(fd);
	return 0;
}
