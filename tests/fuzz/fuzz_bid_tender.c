/*
 * Fuzz target: gov-bid's readers (load.c): govkit tender records, or OCDS
 * compiled releases when the first byte is 'o', then the whole analysis
 * and every report writer, so what the loaders keep is used as gov-bid
 * uses it.
 */
#include "fuzz.h"
#include "bid.h"

#include <fcntl.h>
#include <string.h>

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	gk_set_progname("gov-bid");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	stderr = devnull; /* the loaders warn on every bad record */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bid_conf conf;
	struct market m;
	struct report_opts ro;
	struct gk_err e;
	char path[64];
	bool ocds = size > 0 && data[0] == 'o';
	int fd = fuzz_file(data + (ocds ? 1 : 0), size - (ocds ? 1 : 0), path);

	if (fd < 0)
		return 0;
	conf_defaults(&conf);
	market_init(&m, &conf);
	if (market_load(&m, path, ocds, &e) == 0) {
		analyze(&m);
		memset(&ro, 0, sizeof ro);
		ro.fmt = GK_FORMAT_NDJSON;
		ro.screens = ro.pairs = ro.parties = ro.distribution = true;
		(void)report_tenders(&m, devnull, &ro);
		(void)report_pairs(&m, devnull, &ro);
		report_parties(&m, devnull, &ro);
		report_distribution(&m, devnull, &ro);
		(void)report_groups(&m, devnull, &ro);
		ro.fmt = GK_FORMAT_TEXT;
		if (m.nt)
			(void)report_explain(&m, tender_id(&m, &m.t[0]),
					     devnull, &ro);
		fflush(devnull);
	}
	market_release(&m);
	conf_release(&conf);
	close(fd);
	return 0;
}
