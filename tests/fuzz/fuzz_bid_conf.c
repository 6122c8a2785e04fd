/*
 * Fuzz target: gov-bid's configuration (conf.c, `gov-bid --config FILE`):
 * the key = value file through config.c, then conf.c's own keys and
 * values (signal weights, thresholds with their ranges, integers, the
 * Cardinal lists and optional fences), the level check.
 *
 * Property checked beyond "no crash, no leak": what --print-config
 * prints of an accepted configuration loads again, to the same
 * configuration (`gov-bid -c FILE --print-config` shows what is in
 * effect).
 */
#include "fuzz.h"
#include "bid.h"

#include <math.h>
#include <string.h>

static bool
same_double(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* 0 when a and b are the same configuration, else the field's line. */
static int
conf_diff(const struct bid_conf *a, const struct bid_conf *b)
{
#define SAME_D(f) \
	if (!same_double(a->f, b->f)) \
	return __LINE__
#define SAME_I(f) \
	if (a->f != b->f) \
	return __LINE__
#define SAME_S(f) \
	if (!same_str(a->f, b->f)) \
	return __LINE__
	for (int i = 0; i < SIG_COUNT; i++)
		SAME_D(weight[i]);
	SAME_D(level_high);
	SAME_D(level_medium);
	SAME_D(submission_seconds);
	SAME_D(price_tolerance);
	SAME_D(ratio_tolerance);
	SAME_I(steps_min_bids);
	SAME_D(price_grid_min);
	SAME_D(near_ceiling);
	SAME_I(near_ceiling_min_bids);
	SAME_D(fence_k);
	SAME_I(fence_min_tenders);
	SAME_I(screens_min_bids);
	SAME_I(cobid_min);
	SAME_D(cobid_share);
	SAME_D(cobid_lift);
	SAME_I(rotation_min_tenders);
	SAME_D(rotation_win_share);
	SAME_D(rotation_max_member);
	SAME_I(cover_min_bids);
	SAME_D(cover_share);
	SAME_I(ltw_min_bids);
	SAME_I(group_max);
	SAME_S(currency);
	SAME_S(npc);
	SAME_S(exclude_pmd);
	SAME_S(r018_methods);
	SAME_D(r024_threshold);
	SAME_I(r025_percentile);
	SAME_D(r025_threshold);
	SAME_I(r035_threshold);
	SAME_D(r038_threshold);
	SAME_I(r038_min_bids);
	SAME_I(r038_min_processes);
	SAME_D(r058_threshold);
#undef SAME_D
#undef SAME_I
#undef SAME_S
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bid_conf c, again;
	struct gk_err e;
	char path[64], ppath[64];
	int fd, pfd, line;

	fd = fuzz_file(data, size, path);
	if (fd < 0)
		return 0;
	conf_defaults(&c);
	if (conf_load(&c, path, &e) == 0) {
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);

		if (fp == NULL)
			abort();
		conf_print(fp, &c);
		if (fclose(fp) != 0)
			abort();
		pfd = fuzz_file((const uint8_t *)text, len, ppath);
		if (pfd >= 0) {
			conf_defaults(&again);
			if (conf_load(&again, ppath, &e) != 0) {
				fprintf(stderr,
					"printed configuration does not load: %s\n%s",
					e.msg, text);
				abort();
			}
			if ((line = conf_diff(&c, &again)) != 0) {
				fprintf(stderr,
					"printed configuration differs (%s:%d)\n%s",
					__FILE__, line, text);
				abort();
			}
			conf_release(&again);
			close(pfd);
		}
		free(text);
	}
	conf_release(&c);
	close(fd);
	return 0;
}
