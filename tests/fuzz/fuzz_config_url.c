/*
 * Fuzz target: url_has_password (common/config.c), which says whether
 * the api address holds a password: a configuration file holding one
 * must be its owner's alone, and GOVKIT_API holding one keeps the
 * process from dumping core.  Property, with libcurl's own parser as the
 * oracle (libcurl is what sends the password, as HTTP Basic
 * authentication): for every string curl_url accepts as a URL,
 * url_has_password is true exactly when libcurl finds a password in it
 * (an empty one too: "https://user:@host" sends "user:").
 *
 * url_has_password is static: config.c is included here (the target
 * defines every symbol of config.c, so libgovkit.a's config.o is not
 * linked).
 */
#include "fuzz.h"

#include <curl/curl.h>
#include <string.h>

#include "config.c"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	CURLU *u;
	char *password = NULL;
	bool curl_has, ours;

	if (memchr(data, '\0', size) != NULL)
		return 0; /* a C string, as the file or the environment has */
	s = gk_xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	ours = url_has_password(s);
	u = curl_url();
	if (u == NULL)
		abort();
	/* as check_base_url parses the address (http.c) */
	if (curl_url_set(u, CURLUPART_URL, s, 0) == CURLUE_OK) {
		curl_has = curl_url_get(u, CURLUPART_PASSWORD, &password, 0) ==
			   CURLUE_OK;
		if (curl_has != ours) {
			dprintf(2,
				"url_has_password says %s, libcurl finds %s: "
				"'%s'\n",
				ours ? "yes" : "no",
				curl_has ? "a password" : "none", s);
			abort();
		}
	}
	curl_free(password);
	curl_url_cleanup(u);
	free(s);
	return 0;
}
