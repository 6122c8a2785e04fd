/*
 * Fuzz target: gov-check on JSON Lines (cmd/check/source.c, engine.c,
 * report.c): each line's keys become columns (the schema's first, then
 * new keys as they come), each value a cell (numbers as text, nested
 * objects and arrays as compact JSON, null an empty cell, bad UTF-8
 * shown as '?'), then every check of a fixed schema on the cells: types
 * and formats (ids.c, date.c), constraints, unique, primary and unique
 * keys, a self-referencing and an external foreign key (--ref), rules,
 * freshness, row count; findings and summary written, masked, as
 * JSON Lines or as text (by the input's size: odd is text).
 *
 * Each input is checked twice: against the schema, and without one
 * (the columns are then the first record's keys).  gov-check's main.c
 * is not linked (fuzz_rule); check_file is what its loop calls for each
 * file.  "Today" is 2025-10-15.
 *
 * Properties of what is written: as JSON Lines, every line is a JSON
 * object jl_next takes (an auditor's next tool reads it); in both
 * formats, nothing in it is left that masking would still mask (no
 * resident ID or phone number shown), and text is valid UTF-8 with no
 * control character but the line feed.
 */
#include "fuzz.h"
#include "check.h"

#include <fcntl.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char schema_text[] =
	"{\"fields\":["
	"{\"name\":\"id\",\"type\":\"integer\",\"constraints\":"
	"{\"required\":true,\"unique\":true,\"minimum\":1}},"
	"{\"name\":\"id_no\",\"type\":\"string\",\"format\":\"cn-ric\"},"
	"{\"name\":\"name\",\"type\":\"string\",\"constraints\":{\"required\":true,"
	"\"minLength\":2,\"maxLength\":20,\"pattern\":\"[^0-9]+\"}},"
	"{\"name\":\"gender\",\"type\":\"string\",\"constraints\":"
	"{\"enum\":[\"\xe7\x94\xb7\",\"\xe5\xa5\xb3\"]}},"
	"{\"name\":\"amount\",\"type\":\"number\",\"constraints\":"
	"{\"minimum\":0,\"maximum\":1000000}},"
	"{\"name\":\"insured\",\"type\":\"boolean\","
	"\"trueValues\":[\"\xe6\x98\xaf\",\"true\"],\"falseValues\":[\"\xe5\x90\xa6\",\"false\"]},"
	"{\"name\":\"born\",\"type\":\"date\"},"
	"{\"name\":\"registered_on\",\"type\":\"date\",\"format\":\"%Y/%m/%d\"},"
	"{\"name\":\"updated_at\",\"type\":\"datetime\"},"
	"{\"name\":\"opens\",\"type\":\"time\"},"
	"{\"name\":\"year\",\"type\":\"year\"},"
	"{\"name\":\"mobile\",\"type\":\"string\",\"format\":\"cn-mobile\","
	"\"constraints\":{\"unique\":true}},"
	"{\"name\":\"uscc\",\"type\":\"string\",\"format\":\"cn-uscc\"},"
	"{\"name\":\"org\",\"type\":\"string\",\"format\":\"cn-orgcode\"},"
	"{\"name\":\"division\",\"type\":\"string\",\"format\":\"cn-division\"},"
	"{\"name\":\"postcode\",\"type\":\"string\",\"format\":\"cn-postcode\"},"
	"{\"name\":\"email\",\"type\":\"string\",\"format\":\"email\"},"
	"{\"name\":\"site\",\"type\":\"string\",\"format\":\"uri\"},"
	"{\"name\":\"parent\",\"type\":\"integer\"},"
	"{\"name\":\"community\",\"type\":\"string\"},"
	"{\"name\":\"tags\",\"type\":\"any\"}"
	"],"
	"\"missingValues\":[\"\",\"-\"],"
	"\"primaryKey\":[\"id\"],"
	"\"uniqueKeys\":[[\"name\",\"born\"]],"
	"\"foreignKeys\":["
	"{\"fields\":[\"parent\"],\"reference\":{\"resource\":\"\",\"fields\":[\"id\"]}},"
	"{\"fields\":[\"community\"],\"reference\":"
	"{\"resource\":\"communities\",\"fields\":[\"code\"]}}],"
	"\"rules\":["
	"{\"name\":\"registered-after-birth\",\"assert\":"
	"\"registered_on is null or registered_on >= born\",\"severity\":\"error\"},"
	"{\"name\":\"amount-cap\",\"assert\":"
	"\"amount is null or amount <= 500000\",\"severity\":\"warning\"}],"
	"\"freshness\":{\"field\":\"updated_at\",\"maxAgeDays\":90},"
	"\"rowCount\":{\"minimum\":2,\"maximum\":1000}}";

static const char communities_csv[] =
	"code,name\n150502001,Mingren\n150502002,Huolinhe\n150502003,Qingnian\n";

static struct chk_options with_schema, no_schema;
static struct chk_ref ref;
static FILE *devnull;
static int ref_fd = -1;

static void
die(const char *what, const struct gk_err *e)
{
	fprintf(stderr, "fuzz_check_jsonl: %s: %s\n", what, e ? e->msg : "");
	abort();
}

static void
options(struct chk_options *o)
{
	memset(o, 0, sizeof *o);
	o->kind = TABLE_JSONL;
	o->max_findings = -1;
	o->today = (struct gk_date){2025, 10, 15};
	o->format = GK_FORMAT_NDJSON;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char ref_path[64];
	char schema_path[64];
	struct gk_err e;
	int fd;

	(void)argc;
	(void)argv;
	gk_set_progname("gov-check");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	if (devnull == NULL)
		die("/dev/null", NULL);
	/* a file's read errors are told on stderr: nowhere (sanitizer
	 * reports go to the descriptor, not through this FILE) */
	stderr = devnull;
	options(&with_schema);
	options(&no_schema);
	fd = fuzz_file((const uint8_t *)schema_text, sizeof schema_text - 1,
		       schema_path);
	if (fd < 0)
		die("memfd", NULL);
	with_schema.schema = schema_load(schema_path, &e);
	close(fd);
	if (!with_schema.schema)
		die("schema", &e);
	schema_set_today(with_schema.schema, &with_schema.today);
	/* the --ref table, read by the first check_file and kept */
	ref_fd = fuzz_file((const uint8_t *)communities_csv,
			   sizeof communities_csv - 1, ref_path);
	if (ref_fd < 0)
		die("memfd", NULL);
	ref.name = (char *)"communities";
	ref.path = ref_path;
	with_schema.refs = &ref;
	with_schema.nrefs = 1;
	return 0;
}

static void
unmasked(const char *what, const char *s, size_t n)
{
	dprintf(2, "fuzz_check_jsonl: %s: %.*s\n", what, (int)n, s);
	abort();
}

static void
check_strings(const cJSON *node)
{
	for (const cJSON *c = node->child; c; c = c->next) {
		if (c->string && mask_text_needed(c->string, strlen(c->string)))
			unmasked("key left unmasked", c->string,
				 strlen(c->string));
		if (cJSON_IsString(c) && c->valuestring &&
		    mask_text_needed(c->valuestring, strlen(c->valuestring)))
			unmasked("value left unmasked", c->valuestring,
				 strlen(c->valuestring));
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			check_strings(c);
	}
}

/* A line of the text table with something masking would still mask.
 * A cell cut to its column ends in "…", where the value went on: read
 * as letters (what goes on is not known, and a letter after a number
 * makes it no one's), so the cut "111111111111111…" of a longer number
 * (no one's, shown whole as JSON Lines) is not taken for a 15-digit
 * resident ID. */
static bool
text_line_unmasked(const char *s, size_t n)
{
	char *t = gk_xstrndup(s, n);
	bool r;

	for (char *p = t; (p = strstr(p, "\xe2\x80\xa6")) != NULL; p += 3)
		memcpy(p, "xxx", 3);
	r = mask_text_needed(t, n);
	free(t);
	return r;
}

/* What check_file wrote, held in out[0..n), as the properties say. */
static void
check_output(const struct chk_options *o, const char *out, size_t n)
{
	if (o->format == GK_FORMAT_NDJSON) {
		fuzz_jsonl_output("fuzz_check_jsonl", out, n, check_strings);
		return;
	}
	if (!utf8_valid(out, n))
		unmasked("text output not UTF-8", out, n);
	for (size_t i = 0, start = 0; i <= n; i++) {
		if (i < n && out[i] != '\n') {
			if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
				unmasked("control character in text",
					 out + start, i - start + 1);
			continue;
		}
		if (text_line_unmasked(out + start, i - start))
			unmasked("text line left unmasked", out + start,
				 i - start);
		start = i + 1;
	}
}

static void
check(struct chk_options *o, const char *path)
{
	char *out = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&out, &n);
	struct report *r;

	if (fp == NULL)
		die("open_memstream", NULL);
	r = report_new(fp, o);
	check_file(path, o, r, NULL, NULL);
	report_free(r);
	fclose(fp);
	check_output(o, out, n);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	with_schema.format = no_schema.format =
		size & 1 ? GK_FORMAT_TEXT : GK_FORMAT_NDJSON;
	check(&with_schema, path);
	check(&no_schema, path);
	close(fd);
	return 0;
}
