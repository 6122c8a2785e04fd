/*
 * gov-bid: score tenders for bid collusion (串通投标), every score with its
 * evidence.  `score` prints tender-risk, pair-risk and party-risk records,
 * `groups` group-risk records, `explain` one tender's case in plain
 * language.
 */
#include "bid.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void
usage(void)
{
	fputs("Usage: gov-bid score [options] [FILE...]\n"
	      "       gov-bid groups [options] [FILE...]\n"
	      "       gov-bid explain [options] TENDER [FILE...]\n"
	      "       gov-bid [-c FILE] --print-config\n"
	      "Score tenders for bid collusion, every score with its evidence.\n"
	      "\n"
	      "Options:\n"
	      "      --from FORMAT     input records: govkit (tender records, the\n"
	      "                        default) or ocds (compiled releases)\n"
	      "  -c, --config FILE     weights and thresholds (key = value)\n"
	      "      --print-config    print the configuration in effect (the\n"
	      "                        defaults, with -c's changes) and exit\n"
	      "      --format FORMAT   ndjson or text (default: text on a terminal)\n"
	      "  -o, --output FILE     write records to FILE (atomically)\n"
	      "      --min-level LEVEL print only tenders at LEVEL or above\n"
	      "                        (low, medium, high)\n"
	      "      --screens         add every screen's value to tender-risk\n"
	      "      --distribution    print each screen's distribution and fences\n"
	      "      --no-pairs        do not print pair-risk records\n"
	      "      --no-parties      do not print party-risk records\n"
	      "      --lang LANG       language of evidence and explain: en or zh\n"
	      "      --no-mask         show ID and phone numbers among the evidence\n"
	      "                        (masked by default)\n"
	      "  -h, --help            show this help and exit\n"
	      "      --version         show version and exit\n",
	      stdout);
}

enum {
	OPT_FROM = 256,
	OPT_PRINT_CONFIG,
	OPT_FORMAT,
	OPT_MIN_LEVEL,
	OPT_SCREENS,
	OPT_DISTRIBUTION,
	OPT_NO_PAIRS,
	OPT_NO_PARTIES,
	OPT_LANG,
	OPT_NO_MASK,
	OPT_VERSION,
};

static const struct option longopts[] = {
	{"from", required_argument, NULL, OPT_FROM},
	{"config", required_argument, NULL, 'c'},
	{"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"min-level", required_argument, NULL, OPT_MIN_LEVEL},
	{"screens", no_argument, NULL, OPT_SCREENS},
	{"distribution", no_argument, NULL, OPT_DISTRIBUTION},
	{"no-pairs", no_argument, NULL, OPT_NO_PAIRS},
	{"no-parties", no_argument, NULL, OPT_NO_PARTIES},
	{"lang", required_argument, NULL, OPT_LANG},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

struct run {
	const char *cmd;
	const char *tender; /* explain */
	char **files;
	int nfiles;
	bool ocds;
	const char *output;
	struct report_opts ro;
	struct bid_conf conf;
};

/* Are the strings masked beside the analysis?  explain finds its tender
 * by its exact id first, and masks them after. */
static bool
mask_beside(const struct run *r)
{
	return r->ro.mask && strcmp(r->cmd, "explain") != 0;
}

/* The work beside the analysis: the ids given twice looked for, then
 * the strings masked (which the analysis does not read), filling the
 * core the analysis leaves idle at its end, where the masking after it
 * kept the report waiting. */
struct beside {
	struct market *m;
	bool mask;
};

static void *
warn_duplicates(void *arg)
{
	const struct beside *b = arg;

	market_warn_duplicates(b->m);
	if (b->mask)
		market_mask(b->m);
	return NULL;
}

/* Read every file into m and analyze the market; -1 (warned) when one
 * cannot be read. */
static int
load_market(struct market *m, const struct run *r)
{
	struct gk_err e;
	char *dash[] = {"-"};
	char **files = r->nfiles ? r->files : dash;
	int nfiles = r->nfiles ? r->nfiles : 1;

	m->mask_warnings = r->ro.mask;
	m->keep_titles = strcmp(r->cmd, "explain") == 0;
	m->keep_names = m->keep_titles;
	m->no_means = !r->ro.distribution;
	m->bids_spare = strcmp(r->cmd, "explain") != 0; /* explain reads them */
	for (int i = 0; i < nfiles; i++) {
		if (market_load(m, files[i], r->ocds, &e) != 0) {
			gk_warn_err(&e);
			return -1;
		}
	}
	/* the ids given twice are looked for, and the strings masked,
	 * while the market is analysed (0.1 s on a million tenders, one
	 * core): the analysis reads neither ids nor names, and writes
	 * nothing to stderr, so the warnings come as before */
	pthread_t th;
	struct beside work = {m, mask_beside(r)};
	bool beside = run_beside(&th, warn_duplicates, &work);
	analyze(m);
	if (beside)
		pthread_join(th, NULL);
	return 0;
}

/* explain's TENDER by its exact id, before the ids are masked or made
 * printable (two may then read alike): every tender of that id, into
 * *tis; -1 (warned) when there is none. */
static int
find_tenders(const struct market *m, const char *tender, size_t **tis,
	     size_t *nti)
{
	long ti = report_find_tender(m, tender, 0);

	if (ti < 0) {
		gk_warn("no tender '%s' in the input", tender);
		return -1;
	}
	for (; ti >= 0; ti = report_find_tender(m, tender, (size_t)ti + 1)) {
		*tis = gk_xrealloc(*tis, (*nti + 1) * sizeof **tis);
		(*tis)[(*nti)++] = (size_t)ti;
	}
	return 0;
}

/* The command's records; what report_* return: -1 when writing failed,
 * else how many were found. */
static long
write_records(const struct market *m, struct run *r, FILE *fp,
	      const size_t *tis, size_t nti)
{
	long high = 0;

	if (strcmp(r->cmd, "score") == 0) {
		high = report_score(m, fp, &r->ro);
	} else if (strcmp(r->cmd, "groups") == 0) {
		high = report_groups(m, fp, &r->ro);
	} else {
		/* an id given twice: every tender of it, each with its line */
		for (size_t i = 0; i < nti; i++) {
			if (i && r->ro.fmt == GK_FORMAT_TEXT)
				fputc('\n', fp);
			report_explain(m, tis[i], fp, &r->ro);
		}
	}
	return high;
}

/* Commit the output, or abort it when writing failed; the exit
 * status. */
static int
close_output(struct gk_out *out, const char *output, long high, long warnings)
{
	struct gk_err e;

	if ((high < 0 || ferror(out->fp)) &&
	    !(out->tmp == NULL && errno == EPIPE)) {
		if (out->path) /* a file, or a device written in place */
			gk_warn("unable to write '%s':", output);
		else if (!gk_stdout_broken(out->fp))
			gk_warn("unable to write the records:");
		out_abort(out);
		return GK_EXIT_FAIL;
	}
	/* The reader went away (| head): not a failure.  A count cut short
	 * cannot vouch for "nothing found", so it counts as found. */
	if (high < 0)
		high = 1;
	if (out_commit(out, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (high > 0 || warnings > 0)
		return GK_EXIT_FOUND;
	return GK_EXIT_OK;
}

static int
run(struct run *r)
{
	struct market m;
	struct gk_out out = {0};
	struct gk_err e;
	int rc = GK_EXIT_FAIL;
	long high;
	size_t *tis = NULL, nti = 0; /* explain: the tenders of that id */

	market_init(&m, &r->conf);
	if (load_market(&m, r) != 0)
		goto out;
	if (out_open(&out, r->output, &e) != 0) {
		gk_warn_err(&e);
		goto out;
	}
	/* explain is for a person: text unless ndjson is asked for */
	if (strcmp(r->cmd, "explain") == 0 && r->ro.fmt == GK_FORMAT_AUTO)
		r->ro.fmt = GK_FORMAT_TEXT;
	r->ro.fmt = gk_format_resolve(r->ro.fmt, out.fp);
	if (r->tender && find_tenders(&m, r->tender, &tis, &nti) != 0) {
		out_abort(&out);
		goto out;
	}
	if (r->ro.mask && !mask_beside(r))
		market_mask(&m);
	if (r->ro.fmt == GK_FORMAT_TEXT)
		market_printable(&m);
	high = write_records(&m, r, out.fp, tis, nti);
	rc = close_output(&out, r->output, high, m.warnings);
out:
	free(tis);
	market_release(&m);
	return rc;
}

/* Options into r; -1 to go on, or the exit status (--help, a bad option). */
static int
parse_options(int argc, char **argv, struct run *r, const char **config,
	      bool *print_config)
{
	int c;

	r->ro.pairs = r->ro.parties = true;
	r->ro.mask = true;
	while ((c = getopt_long(argc, argv, "c:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FROM:
			if (strcmp(optarg, "ocds") == 0)
				r->ocds = true;
			else if (strcmp(optarg, "govkit") == 0)
				r->ocds = false;
			else
				return gk_usage_error(
					"--from: unknown format '%s'", optarg);
			break;
		case 'c': *config = optarg; break;
		case OPT_PRINT_CONFIG: *print_config = true; break;
		case OPT_FORMAT:
			if (gk_format_parse(optarg, &r->ro.fmt) != 0)
				return gk_usage_error(
					"--format: unknown format '%s'",
					optarg);
			break;
		case 'o': r->output = optarg; break;
		case OPT_MIN_LEVEL:
			if (strcmp(optarg, "low") && strcmp(optarg, "medium") &&
			    strcmp(optarg, "high"))
				return gk_usage_error(
					"--min-level: unknown level '%s'",
					optarg);
			r->ro.min_level = optarg;
			break;
		case OPT_SCREENS: r->ro.screens = true; break;
		case OPT_DISTRIBUTION: r->ro.distribution = true; break;
		case OPT_NO_PAIRS: r->ro.pairs = false; break;
		case OPT_NO_PARTIES: r->ro.parties = false; break;
		case OPT_LANG:
			if (strcmp(optarg, "zh") == 0)
				r->ro.zh = true;
			else if (strcmp(optarg, "en") == 0)
				r->ro.zh = false;
			else
				return gk_usage_error(
					"--lang: unknown language '%s'",
					optarg);
			break;
		case OPT_NO_MASK: r->ro.mask = false; break;
		case 'h': usage(); return gk_stdout_close_status();
		case OPT_VERSION:
			gk_print_version();
			return gk_stdout_close_status();
		default: return gk_try_help();
		}
	}
	return -1;
}

/* The command and its operands after the options; -1 to go on. */
static int
parse_command(int argc, char **argv, struct run *r)
{
	if (optind >= argc)
		return gk_usage_error(
			"a command is needed: score, groups or explain");
	r->cmd = argv[optind++];
	if (strcmp(r->cmd, "score") && strcmp(r->cmd, "groups") &&
	    strcmp(r->cmd, "explain"))
		return gk_usage_error("unknown command '%s'", r->cmd);
	if (strcmp(r->cmd, "explain") == 0) {
		if (optind >= argc)
			return gk_usage_error("explain: which tender?");
		r->tender = argv[optind++];
	}
	r->files = argv + optind;
	r->nfiles = argc - optind;
	return -1;
}

int
main(int argc, char **argv)
{
	struct run r;
	struct gk_err e;
	bool print_config = false;
	const char *config = NULL;
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	memset(&r, 0, sizeof r);
	if ((rc = parse_options(argc, argv, &r, &config, &print_config)) >= 0)
		return rc;
	conf_defaults(&r.conf);
	if (config && conf_load(&r.conf, config, &e) != 0) {
		gk_warn_err(&e);
		conf_release(&r.conf);
		return GK_EXIT_FAIL;
	}
	if (print_config) {
		conf_print(stdout, &r.conf);
		conf_release(&r.conf);
		return gk_stdout_close_status();
	}
	if ((rc = parse_command(argc, argv, &r)) < 0)
		rc = run(&r);
	conf_release(&r.conf);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
