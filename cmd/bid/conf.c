/*
 * conf.c: the signals, the screens, and gov-bid's configuration: every
 * weight and threshold with its default, read from one `key = value`
 * file (samples/bids/bid.conf holds the defaults, documented in
 * gov-bid(1)).
 */
#include "bid.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const struct sig_info sig_info[SIG_COUNT] = {
	[SIG_SAME_DOC_AUTHOR] = {"same-doc-author", 0.60, "art40"},
	[SIG_SAME_AGENT] = {"same-agent", 0.50, "art40"},
	[SIG_SAME_PROJECT_MANAGER] = {"same-project-manager", 0.60, "art40"},
	[SIG_SAME_DOC_HASH] = {"same-doc-hash", 0.70, "art40"},
	[SIG_SAME_DEPOSIT_ACCOUNT] = {"same-deposit-account", 0.70, "art40"},
	[SIG_SAME_IP] = {"same-ip", 0.50, "art40"},
	[SIG_SAME_MAC] = {"same-mac", 0.60, "art40"},
	[SIG_SAME_CA_SERIAL] = {"same-ca-serial", 0.70, "art40"},
	[SIG_CLOSE_SUBMISSION] = {"close-submission", 0.15, "art40"},
	[SIG_IDENTICAL_PRICES] = {"identical-prices", 0.40, "price"},
	[SIG_PRICE_STEPS] = {"price-steps", 0.50, "price"},
	[SIG_PRICE_RATIOS] = {"price-ratios", 0.50, "price"},
	[SIG_FIXED_RATIOS] = {"fixed-ratios", 0.40, "price"},
	[SIG_SCREEN_CV] = {"screen-cv", 0.15, "screen"},
	[SIG_SCREEN_SPD] = {"screen-spd", 0.10, "screen"},
	[SIG_SCREEN_DIFFP] = {"screen-diffp", 0.10, "screen"},
	[SIG_SCREEN_RD] = {"screen-rd", 0.15, "screen"},
	[SIG_SCREEN_RDNOR] = {"screen-rdnor", 0.10, "screen"},
	[SIG_SCREEN_ALTRD] = {"screen-altrd", 0.10, "screen"},
	[SIG_SCREEN_KURT] = {"screen-kurt", 0.05, "screen"},
	[SIG_SCREEN_SKEW] = {"screen-skew", 0.05, "screen"},
	[SIG_SCREEN_KS] = {"screen-ks", 0.05, "screen"},
	[SIG_SCREEN_SUBSET] = {"screen-subset", 0.15, "screen"},
	[SIG_NEAR_CEILING] = {"near-ceiling", 0.15, "screen"},
	[SIG_WINNER_RATIO] = {"winner-ratio", 0.15, "screen"},
	[SIG_CO_BIDDING] = {"co-bidding", 0.30, "cross"},
	[SIG_BID_ROTATION] = {"bid-rotation", 0.45, "cross"},
	[SIG_COVER_BIDDER] = {"cover-bidder", 0.35, "cross"},
	[SIG_LOSER_THEN_WINNER] = {"loser-then-winner", 0.20, "cross"},
	[SIG_R018] = {"R018", 0.05, "cardinal"},
	[SIG_R024] = {"R024", 0.10, "cardinal"},
	[SIG_R025] = {"R025", 0.00, "cardinal"},
	[SIG_R028] = {"R028", 0.30, "cardinal"},
	[SIG_R035] = {"R035", 0.30, "cardinal"},
	[SIG_R036] = {"R036", 0.20, "cardinal"},
	[SIG_R038] = {"R038", 0.00, "cardinal"},
	[SIG_R058] = {"R058", 0.05, "cardinal"},
};

const struct scr_info scr_info[SCR_COUNT] = {
	[SCR_CV] = {"cv", DIR_LOW, true, SIG_SCREEN_CV},
	[SCR_SPD] = {"spd", DIR_LOW, true, SIG_SCREEN_SPD},
	[SCR_DIFFP] = {"diffp", DIR_HIGH, true, SIG_SCREEN_DIFFP},
	[SCR_RD] = {"rd", DIR_HIGH, true, SIG_SCREEN_RD},
	[SCR_RDNOR] = {"rdnor", DIR_HIGH, true, SIG_SCREEN_RDNOR},
	[SCR_ALTRD] = {"altrd", DIR_HIGH, true, SIG_SCREEN_ALTRD},
	[SCR_KURT] = {"kurt", DIR_HIGH, false, SIG_SCREEN_KURT},
	[SCR_SKEW] = {"skew", DIR_LOW, false, SIG_SCREEN_SKEW},
	[SCR_KS] = {"ks", DIR_HIGH, false, SIG_SCREEN_KS},
	[SCR_CV3] = {"cv3", DIR_LOW, true, SIG_SCREEN_SUBSET},
	[SCR_CV4] = {"cv4", DIR_LOW, true, SIG_SCREEN_SUBSET},
	[SCR_SPD3] = {"spd3", DIR_LOW, true, SIG_SCREEN_SUBSET},
	[SCR_SPD4] = {"spd4", DIR_LOW, true, SIG_SCREEN_SUBSET},
	[SCR_RD3] = {"rd3", DIR_HIGH, true, SIG_SCREEN_SUBSET},
	[SCR_RD4] = {"rd4", DIR_HIGH, true, SIG_SCREEN_SUBSET},
	[SCR_WINNER_RATIO] = {"winner_ratio", DIR_HIGH, false,
			      SIG_WINNER_RATIO},
};

int
sig_by_name(const char *name)
{
	for (int i = 0; i < SIG_COUNT; i++)
		if (strcmp(sig_info[i].name, name) == 0)
			return i;
	return -1;
}

enum ktype { K_DOUBLE, K_INT, K_STR, K_OPTDOUBLE };

struct key {
	const char *name;
	enum ktype type;
	size_t off;
	double min, max;
	const char *doc;
};

#define D(f) offsetof(struct bid_conf, f)

static const struct key keys[] = {
	{"level.high", K_DOUBLE, D(level_high), 0, 100,
	 "score at or above which a tender is high risk"},
	{"level.medium", K_DOUBLE, D(level_medium), 0, 100,
	 "score at or above which a tender is medium risk"},
	{"submission.seconds", K_DOUBLE, D(submission_seconds), 0, 86400,
	 "bids submitted within this many seconds of each other"},
	{"price.tolerance", K_DOUBLE, D(price_tolerance), 0, 1e12,
	 "prices and price steps equal within this amount"},
	{"ratio.tolerance", K_DOUBLE, D(ratio_tolerance), 0, 1,
	 "ratios equal within this"},
	{"steps.min_bids", K_INT, D(steps_min_bids), 3, 1000,
	 "regular prices: at least this many bids in the run"},
	{"price.grid_min", K_DOUBLE, D(price_grid_min), 0, 1e15,
	 "regular prices need a spread of this many price-grid steps"},
	{"ceiling.near", K_DOUBLE, D(near_ceiling), 0, 1,
	 "a bid within this fraction of the ceiling price is near it"},
	{"ceiling.min_bids", K_INT, D(near_ceiling_min_bids), 1, 1000,
	 "near-ceiling: at least this many bids (or all, when fewer)"},
	{"fence.k", K_DOUBLE, D(fence_k), 0, 100,
	 "Tukey fence: Q1 - k*IQR, Q3 + k*IQR"},
	{"fence.min_tenders", K_INT, D(fence_min_tenders), FENCE_MIN_VALUES,
	 100000000, "a category needs this many values for its own fences"},
	{"screens.min_bids", K_INT, D(screens_min_bids), 3, 1000,
	 "screens need this many valid bids"},
	{"cobid.min", K_INT, D(cobid_min), 2, 100000000,
	 "co-bidding: at least this many tenders together"},
	{"cobid.share", K_DOUBLE, D(cobid_share), 0, 1,
	 "co-bidding: in at least this share of the rarer bidder's tenders"},
	{"cobid.lift", K_DOUBLE, D(cobid_lift), 0, 1e9,
	 "co-bidding: at least this many times the count expected"},
	{"cobid.max_bidders", K_INT, D(cobid_max_bidders), 2, 100000000,
	 "co-bidding: tenders with more valid bidders are left out"},
	{"rotation.min_tenders", K_INT, D(rotation_min_tenders), 2, 100000000,
	 "rotation: the group bid together at least this often"},
	{"rotation.win_share", K_DOUBLE, D(rotation_win_share), 0, 1,
	 "rotation: members won at least this share of those tenders"},
	{"rotation.max_member", K_DOUBLE, D(rotation_max_member), 0, 1,
	 "rotation: no member took more than this share of the group's wins"},
	{"cover.min_bids", K_INT, D(cover_min_bids), 1, 100000000,
	 "cover bidder: at least this many bids, none won"},
	{"cover.share", K_DOUBLE, D(cover_share), 0, 1,
	 "cover bidder: lost at least this share of its bids to one winner"},
	{"ltw.min_bids", K_INT, D(ltw_min_bids), 2, 1000,
	 "loser-then-winner: same set of at least this many bidders"},
	{"group.max", K_INT, D(group_max), 2, 10000,
	 "members a group-risk record lists (size counts all)"},
	{"cardinal.currency", K_STR, D(currency), 0, 0,
	 "currency of Cardinal's price indicators (default: first seen)"},
	{"cardinal.no_price_comparison_procurement_methods", K_STR, D(npc), 0,
	 0,
	 "procurementMethodDetails values left out of R024 R028 R036 R058 ('|')"},
	{"cardinal.exclusions.procurement_method_details", K_STR,
	 D(exclude_pmd), 0, 0,
	 "procurementMethodDetails values left out of every indicator ('|')"},
	{"cardinal.R018.procurement_methods", K_STR, D(r018_methods), 0, 0,
	 "procurement methods R018 applies to ('|')"},
	{"cardinal.R024.threshold", K_OPTDOUBLE, D(r024_threshold), 0, 1e12,
	 "fixed lower fence of R024 (default: Q1 - 1.5 IQR)"},
	{"cardinal.R025.percentile", K_INT, D(r025_percentile), 0, 100,
	 "R025: percentile of bids per tenderer"},
	{"cardinal.R025.threshold", K_OPTDOUBLE, D(r025_threshold), 0, 1,
	 "fixed lower fence of R025 (default: Q1 - 1.5 IQR)"},
	{"cardinal.R035.threshold", K_INT, D(r035_threshold), 1, 100000,
	 "R035: at least this many disqualified tenderers"},
	{"cardinal.R038.threshold", K_OPTDOUBLE, D(r038_threshold), 0, 1,
	 "fixed upper fence of R038 (default: Q3 + 1.5 IQR)"},
	{"cardinal.R038.minimum_submitted_bids", K_INT, D(r038_min_bids), 1,
	 100000000, "R038: tenderers with at least this many bids"},
	{"cardinal.R038.minimum_contracting_processes", K_INT,
	 D(r038_min_processes), 1, 100000000,
	 "R038: buyers with at least this many bids"},
	{"cardinal.R058.threshold", K_OPTDOUBLE, D(r058_threshold), 0, 1e12,
	 "fixed upper fence of R058 (default: Q3 + 1.5 IQR)"},
};

void
conf_defaults(struct bid_conf *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < SIG_COUNT; i++)
		c->weight[i] = sig_info[i].weight;
	c->level_high = 70;
	c->level_medium = 40;
	c->submission_seconds = 30;
	c->price_tolerance = 0.01;
	c->ratio_tolerance = 1e-6;
	c->steps_min_bids = 3;
	c->price_grid_min = 1000;
	c->near_ceiling = 0.02;
	c->near_ceiling_min_bids = 3;
	c->fence_k = 1.5;
	c->fence_min_tenders = 30;
	c->screens_min_bids = 3;
	c->cobid_min = 5;
	c->cobid_share = 0.8;
	c->cobid_lift = 3;
	c->cobid_max_bidders = 100;
	c->rotation_min_tenders = 5;
	c->rotation_win_share = 0.6;
	c->rotation_max_member = 0.75;
	c->cover_min_bids = 5;
	c->cover_share = 0.5;
	c->ltw_min_bids = 3;
	c->group_max = 12;
	c->r018_methods = gk_xstrdup("open|selective");
	c->r024_threshold = NAN;
	c->r025_percentile = 75;
	c->r025_threshold = NAN;
	c->r035_threshold = 1;
	c->r038_threshold = NAN;
	c->r038_min_bids = 2;
	c->r038_min_processes = 2;
	c->r058_threshold = NAN;
}

void
conf_release(struct bid_conf *c)
{
	free(c->currency);
	free(c->npc);
	free(c->exclude_pmd);
	free(c->r018_methods);
	c->currency = c->npc = c->exclude_pmd = c->r018_methods = NULL;
}

bool
conf_list_has(const char *list, const char *s)
{
	size_t n = strlen(s);

	if (!list)
		return false;
	for (const char *p = list;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, s, n) == 0)
			return true;
		if (!bar)
			return false;
		p = bar + 1;
	}
}

/* A number, all of value; false when it is none or beyond a double's
 * range.  A value too small for a double (1e-320) is the tiny number
 * strtod gives, as a range check then says whether it is allowed. */
static bool
conf_number(const char *value, double *d)
{
	char *end;

	errno = 0;
	*d = strtod(value, &end);
	if (end == value || *end)
		return false;
	return errno != ERANGE || fabs(*d) <= 1;
}

static int
set_key(struct bid_conf *c, const char *key, const char *value,
	const char *path, struct gk_err *e)
{
	double d;

	if (strncmp(key, "weight.", 7) == 0) {
		int s = sig_by_name(key + 7);
		if (s < 0) {
			gk_err_set(e, "%s: unknown signal '%s'", path, key + 7);
			return -1;
		}
		if (!conf_number(value, &d) || !(d >= 0 && d <= 1)) {
			gk_err_set(e,
				   "%s: %s: '%s' is not a weight from 0 to 1",
				   path, key, value);
			return -1;
		}
		c->weight[s] = d;
		return 0;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key *k = &keys[i];
		char *p = (char *)c + k->off;

		if (strcmp(k->name, key) != 0)
			continue;
		if (k->type == K_STR) {
			char **s = (char **)p;
			free(*s);
			*s = *value ? gk_xstrdup(value) : NULL;
			return 0;
		}
		if (!conf_number(value, &d) || !(d >= k->min && d <= k->max) ||
		    (k->type == K_INT && d != (double)(long)d)) {
			gk_err_set(e, "%s: %s: '%s' is not %s from %g to %g",
				   path, key, value,
				   k->type == K_INT ? "an integer" : "a number",
				   k->min, k->max);
			return -1;
		}
		if (k->type == K_INT)
			*(int *)p = (int)d;
		else
			*(double *)p = d;
		return 0;
	}
	gk_err_set(e, "%s: unknown key '%s'", path, key);
	return -1;
}

int
conf_load(struct bid_conf *c, const char *path, struct gk_err *e)
{
	struct gk_config kv = {0};
	FILE *fp;
	int rc = 0;

	/* config_load_file takes a missing file as empty; --config must exist */
	fp = fopen(path, "r");
	if (!fp) {
		gk_err_set(e, "unable to open '%s':", path);
		return -1;
	}
	fclose(fp);
	if (config_load_file(&kv, path, e) != 0)
		return -1;
	for (size_t i = 0; i < kv.n && rc == 0; i++)
		rc = set_key(c, kv.keys[i], kv.values[i], path, e);
	if (rc == 0 && c->level_medium > c->level_high) {
		gk_err_set(e, "%s: level.medium is above level.high", path);
		rc = -1;
	}
	config_release(&kv);
	return rc;
}

/* d as %g does, with more digits where six would not read back as d:
 * the printed file must give the configuration in effect. */
static void
print_number(FILE *fp, double d)
{
	char s[32];

	for (int prec = 6; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	fputs(s, fp);
}

void
conf_print(FILE *fp, const struct bid_conf *c)
{
	struct bid_conf def;

	/* an empty list where the default has one is printed as set */
	conf_defaults(&def);
	fputs("# gov-bid configuration: every key with its default value.\n"
	      "# A tender's score is 100 * (1 - prod(1 - weight)) over the\n"
	      "# signals that fired; see gov-bid(1).\n\n",
	      fp);
	for (int i = 0; i < SIG_COUNT; i++) {
		fprintf(fp, "weight.%s = ", sig_info[i].name);
		print_number(fp, c->weight[i]);
		fputc('\n', fp);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key *k = &keys[i];
		const char *p = (const char *)c + k->off;

		fprintf(fp, "# %s\n", k->doc);
		switch (k->type) {
		case K_STR: {
			const char *s = *(char *const *)p;
			const char *d =
				*(char *const *)((const char *)&def + k->off);
			fprintf(fp, "%s%s = %s\n", s || d ? "" : "# ", k->name,
				s ? s : "");
			break;
		}
		case K_INT:
			fprintf(fp, "%s = %d\n", k->name, *(const int *)p);
			break;
		case K_DOUBLE:
			fprintf(fp, "%s = ", k->name);
			print_number(fp, *(const double *)p);
			fputc('\n', fp);
			break;
		case K_OPTDOUBLE: {
			double d = *(const double *)p;
			if (isnan(d)) {
				fprintf(fp, "# %s =\n", k->name);
			} else {
				fprintf(fp, "%s = ", k->name);
				print_number(fp, d);
				fputc('\n', fp);
			}
			break;
		}
		}
	}
	conf_release(&def);
}
