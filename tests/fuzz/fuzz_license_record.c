/*
 * Fuzz target: gov-license's record parser (lj.c) and RFC 8785 (JCS)
 * canonicalization, then the whole verification of the input as a
 * license file (verify.c) against the sample trust file.
 *
 * Properties checked beyond "no crash, no leak": the canonical form of a
 * parsed record parses again, is valid UTF-8, and is a fixed point
 * (canonicalizing it again gives the same bytes).
 */
#include "fuzz.h"
#include "license.h"

#include <fcntl.h>
#include <libgen.h>
#include <string.h>

static struct lic_trust trust;
static bool have_trust;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;
	char *self = gk_xstrdup((*argv)[0]);
	char *path = gk_xasprintf("%s/../../samples/licenses/trust.json",
				  dirname(self));
	int fd = open("/dev/null", O_RDWR);

	(void)argc;
	gk_set_progname("gov-license");
	/* diagnostics of bad records go nowhere (sanitizers write to fd 2
	 * directly, not through stdio) */
	devnull = fdopen(fd, "w");
	stderr = devnull;
	have_trust = trust_load(&trust, path, &e) == 0;
	/* the Ed25519 issuer's key gets a validity window, so that records
	 * naming it reach the window check (the samples' dates are within) */
	if (have_trust && trust.n > 1) {
		trust.issuers[1].has_not_before = true;
		trust.issuers[1].has_not_after = true;
		(void)date_parse("2015-01-01", 10,
				 &trust.issuers[1].not_before);
		(void)date_parse("2030-12-31", 10, &trust.issuers[1].not_after);
	}
	free(path);
	free(self);
	return 0;
}

static void
check_canonical(const uint8_t *data, size_t size)
{
	struct lj_arena a;
	struct lj_value *v, *v2;
	struct gk_buf c1, c2;
	struct gk_err e;

	lj_arena_init(&a);
	buf_init(&c1);
	buf_init(&c2);
	v = lj_parse(&a, (const char *)data, size, &e);
	if (v && lj_canonical(v, "signature", &c1, &e) == 0) {
		if (!utf8_valid(c1.data, c1.len))
			abort();
		lj_arena_reset(&a);
		v2 = lj_parse(&a, c1.data, c1.len, &e);
		if (!v2)
			abort(); /* canonical output must parse */
		if (lj_canonical(v2, NULL, &c2, &e) != 0)
			abort();
		if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len) != 0)
			abort(); /* not a fixed point */
	}
	buf_release(&c1);
	buf_release(&c2);
	lj_arena_release(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct verify_options o;
	char path[64];
	char *files[1];
	int fd;

	check_canonical(data, size);

	fd = fuzz_file(data, size, path);
	if (fd < 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.trust = have_trust ? &trust : NULL;
	o.today.year = 2025;
	o.today.month = 10;
	o.today.day = 15;
	o.warn_days = LIC_WARN_DAYS_DEFAULT;
	o.jobs = 1;
	o.format = (size && data[0] == 't') ? GK_FORMAT_TEXT : GK_FORMAT_NDJSON;
	files[0] = path;
	(void)verify_files(files, 1, &o, devnull);
	fflush(devnull);
	close(fd);
	return 0;
}
