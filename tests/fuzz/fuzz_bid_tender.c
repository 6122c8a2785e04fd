/*
 * Fuzz target: gov-bid's readers (load.c): govkit tender records, or OCDS
 * compiled releases when the first byte is 'o', then the whole analysis
 * and every report writer, so what the loaders keep is used as gov-bid
 * uses it.  The JSON Lines reports must be JSON Lines (each line an
 * object jl_next takes); the text form, after market_printable as gov-bid
 * makes it, must hold no control character but the line feeds of its own.
 *
 * And OCDS packages: when every line of an OCDS input is a release (an
 * object with a string "ocid", as every JSON Lines reader takes it), the
 * same releases on one line as a release package ({"releases":[...]},
 * an input of even size) or a record package ({"records":[{
 * "compiledRelease":...}]}, odd) give the same JSON Lines reports.
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

/* The JSON Lines reports of m, loaded and analysed, into one string
 * (malloc'd). */
static char *
json_reports(struct market *m, size_t *len)
{
	struct report_opts ro;
	char *json = NULL;
	FILE *jp = open_memstream(&json, len);

	if (!jp)
		abort();
	memset(&ro, 0, sizeof ro);
	ro.fmt = GK_FORMAT_NDJSON;
	ro.screens = ro.pairs = ro.parties = ro.distribution = true;
	(void)report_tenders(m, jp, &ro);
	(void)report_pairs(m, jp, &ro);
	report_parties(m, jp, &ro);
	report_distribution(m, jp, &ro);
	(void)report_groups(m, jp, &ro);
	fclose(jp);
	return json;
}

/* The reports of OCDS text s[0..n), NULL when refused (malloc'd). */
static char *
ocds_reports(const char *s, size_t n, size_t *len)
{
	struct bid_conf conf;
	struct market m;
	struct gk_err e;
	char path[64], *json = NULL;
	int fd = fuzz_file((const uint8_t *)s, n, path);

	if (fd < 0)
		return NULL;
	conf_defaults(&conf);
	market_init(&m, &conf);
	if (market_load(&m, path, true, &e) == 0) {
		analyze(&m);
		json = json_reports(&m, len);
	}
	market_release(&m);
	conf_release(&conf);
	close(fd);
	return json;
}

/* Is line[0..n) a release every reader takes: no control character, no
 * \u0000, no number JSON refuses, an object with a string "ocid", nested
 * so that a package of it is not too deep? */
static bool
plain_release(const char *line, size_t n)
{
	struct json_line_check check;
	const char *end = NULL;
	bool more, ok, str = false;
	int depth = 0, most = 0;
	cJSON *o;

	if (n == 0 || !utf8_valid(line, n) || json_control_at(line, n) != n ||
	    json_nul_escape_at(line, n) != n)
		return false;
	json_line_check(line, n, &check);
	if (check.leading_zero != n || check.bad_number != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (str) {
			if (line[i] == '\\')
				i++;
			else if (line[i] == '"')
				str = false;
		} else if (line[i] == '"') {
			str = true;
		} else if (line[i] == '{' || line[i] == '[') {
			if (++depth > most)
				most = depth;
		} else if (line[i] == '}' || line[i] == ']') {
			depth--;
		}
	}
	if (most + 3 >= JSON_MAX_DEPTH)
		return false;
	o = json_parse_line(line, n, &end, &more);
	ok = o && cJSON_IsObject(o) &&
	     cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "ocid"));
	cJSON_Delete(o);
	return ok;
}

/* The OCDS input's releases as one package line give the reports the
 * lines give. */
static void
same_as_package(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool records = size % 2;
	struct gk_buf pkg;
	char *want, *got;
	size_t wl = 0, gl = 0, nlines = 0;

	if (size == 0 || memchr(s, '\0', size))
		return;
	buf_init(&pkg);
	buf_adds(&pkg, records ? "{\"records\":[" : "{\"releases\":[");
	for (size_t at = 0; at < size;) {
		const char *nl = memchr(s + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : size - at;
		size_t body = len;

		if (body > 0 && s[at + body - 1] == '\r')
			body--;
		if (!plain_release(s + at, body)) {
			buf_release(&pkg);
			return;
		}
		if (nlines++)
			buf_addc(&pkg, ',');
		if (records)
			buf_adds(&pkg, "{\"compiledRelease\":");
		buf_add(&pkg, s + at, body);
		if (records)
			buf_addc(&pkg, '}');
		at += len + (nl ? 1 : 0);
	}
	buf_adds(&pkg, "]}\n");
	want = ocds_reports(s, size, &wl);
	got = ocds_reports(pkg.data, pkg.len, &gl);
	if ((want == NULL) != (got == NULL) ||
	    (want && (wl != gl || memcmp(want, got, wl) != 0))) {
		dprintf(2,
			"fuzz_bid_tender: the %s package reports otherwise\n"
			"lines:\n%.*s\npackage:\n%.*s\n",
			records ? "record" : "release", (int)wl,
			want ? want : "(refused)", (int)gl,
			got ? got : "(refused)");
		abort();
	}
	free(want);
	free(got);
	buf_release(&pkg);
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
		size_t len;
		char *json = json_reports(&m, &len);
		memset(&ro, 0, sizeof ro);
		ro.screens = ro.pairs = ro.parties = ro.distribution = true;
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
	if (ocds)
		same_as_package(data + 1, size - 1);
	return 0;
}
