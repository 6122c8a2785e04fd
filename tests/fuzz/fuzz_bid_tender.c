/*
 * Fuzz target: gov-bid's readers (load.c): govkit tender records, or OCDS
 * compiled releases when the first byte is 'o', then the whole analysis
 * and every report writer, so what the loaders keep is used as gov-bid
 * uses it.  The JSON Lines reports must be JSON Lines (each line an
 * object jl_next takes); the text form, after market_printable as gov-bid
 * makes it, must hold no control character but the line feeds of its own.
 */
#include "fuzz.h"
#include "bid.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

static FILE *devnull;

/* The text reports and explain of m into one string (malloc'd). */
static char *
text_reports(struct market *m, struct report_opts *ro, size_t *len)
{
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);

	if (!fp)
		abort();
	ro->fmt = GK_FORMAT_TEXT;
	market_printable(m);
	(void)report_tenders(m, fp, ro);
	(void)report_pairs(m, fp, ro);
	(void)report_groups(m, fp, ro);
	if (m->nt)
		report_explain(m, 0, fp, ro);
	fclose(fp);
	return text;
}

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
		char *json = NULL;
		size_t len;
		FILE *jp = open_memstream(&json, &len);
		if (!jp)
			abort();
		(void)report_tenders(&m, jp, &ro);
		(void)report_pairs(&m, jp, &ro);
		report_parties(&m, jp, &ro);
		report_distribution(&m, jp, &ro);
		(void)report_groups(&m, jp, &ro);
		fclose(jp);
		fuzz_jsonl_output("fuzz_bid_tender", json, len, NULL);
		free(json);
		market_mask(&m);
		char *text = text_reports(&m, &ro, &len);
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)text[i];
			bool c1 = c == 0xC2 && i + 1 < len &&
				  (unsigned char)text[i + 1] >= 0x80 &&
				  (unsigned char)text[i + 1] <= 0x9F;
			if (((c < 0x20 && c != '\n') || c == 0x7f || c1)) {
				fprintf(stdout, "control 0x%02x at %zu\n", c,
					i);
				abort();
			}
		}
		free(text);
	}
	market_release(&m);
	conf_release(&conf);
	close(fd);
	return 0;
}
