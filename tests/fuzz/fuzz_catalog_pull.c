/*
 * Fuzz target: gov-catalog's reading of a CKAN central catalog's answers
 * (cmd/catalog/remote.c): package_list, then package_show for each name
 * (pull), or package_show and package_create / package_patch for each
 * local entry (push): CKAN's success and error objects with their fields
 * at fault, the package turned into an entry (export.c) and stored with
 * its history (store.c), the package compared with the entry to patch
 * (extras and resources kept), and the records printed (masked) as JSON
 * Lines or text.
 *
 * The input's first line is the command: "pull", "pull NAME..." or
 * "push" ("text" after it prints records as text); the rest are the
 * answers one after the other (fuzz_http.h).  push has two entries of
 * samples/catalog/entries.jsonl stored first.
 *
 * main.c is included here, its main renamed, for what the commands take
 * from it (the database, cat_emit); the database is SQLite in memory
 * with the migrations, emptied after each input.
 *
 * Property: what the central catalog answers never breaks the records
 * printed: as JSON Lines each line is an object jl_next takes; as text,
 * valid UTF-8 with no control character but its tabs and line feeds.
 */
#include "fuzz.h"
#include "fuzz_http.h"

#define main catalog_main
#include "main.c"
#undef main

#include <fcntl.h>

#define FUZZ_MAX_ARGS 4

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const entries[] = {
	"{\"type\":\"entry\",\"code\":\"101001001/000001\",\"name\":\"人口基本信息\","
	"\"provider\":\"市公安局\",\"provider_code\":\"11150500115050024J\","
	"\"summary\":\"全市户籍人口和常住人口的身份、户籍登记信息\","
	"\"category\":\"基础信息资源/人口基础信息资源\",\"format\":\"数据库表\","
	"\"items\":[{\"name\":\"公民身份号码\",\"type\":\"C\",\"length\":18,"
	"\"format\":\"cn-ric\",\"description\":\"居民身份证号码\"},"
	"{\"name\":\"姓名\",\"type\":\"C\",\"length\":50},"
	"{\"name\":\"出生日期\",\"type\":\"D\",\"length\":10}],"
	"\"share_type\":\"conditional\",\"share_condition\":"
	"\"仅限履行法定职责的部门逐条核验查询，不得批量下载，须经市公安局审核\","
	"\"share_method\":\"api\",\"open_type\":\"closed\","
	"\"update_cycle\":\"realtime\",\"published\":\"2024-03-01\"}",
	"{\"type\":\"entry\",\"code\":\"328001001/000001\",\"name\":\"地面气象观测数据\","
	"\"provider\":\"市气象局\",\"provider_code\":\"11150500115050083M\","
	"\"summary\":\"全市国家级和区域自动气象站逐小时地面观测数据\","
	"\"category\":\"部门信息资源/市气象局\",\"format\":\"csv\","
	"\"items\":[{\"name\":\"站号\",\"type\":\"C\",\"length\":10},"
	"{\"name\":\"观测时间\",\"type\":\"T\",\"length\":19},"
	"{\"name\":\"气温\",\"type\":\"F\",\"length\":6,\"description\":\"摄氏度\"}],"
	"\"share_type\":\"unconditional\",\"share_method\":\"api\","
	"\"open_type\":\"open\",\"update_cycle\":\"realtime\",\"published\":\"2024-07-01\"}",
};

static sqlite3 *db;
static FILE *devnull;

static void
die(const char *what, const struct gk_err *e)
{
	fprintf(stderr, "fuzz_catalog_pull: %s: %s\n", what, e ? e->msg : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;

	(void)argc;
	(void)argv;
	gk_set_progname("gov-catalog");
	/* no configuration file, no token, the address from --api */
	setenv("XDG_CONFIG_HOME", "/nonexistent-govkit-fuzz", 1);
	unsetenv("GOVKIT_API");
	unsetenv("GOVKIT_TOKEN");
	unsetenv("GOVKIT_TOKEN_FILE");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	if (devnull == NULL)
		die("/dev/null", NULL);
	/* the warnings go nowhere (sanitizer reports go to the descriptor,
	 * not through this FILE) */
	stderr = devnull;
	if (db_open(&db, ":memory:", &e) < 0)
		die("db_open", &e);
	return 0;
}

/* The stored entries for push, as gov-catalog add stores them. */
static void
store_entries(struct cat_ctx *c)
{
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		cJSON *rec = cJSON_Parse(entries[i]);

		if (rec == NULL ||
		    add_one(c, rec, "fuzz", (long)i + 1, NULL) != 0)
			die("storing an entry", NULL);
		cJSON_Delete(rec);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char *line, *argv[FUZZ_MAX_ARGS], *w, *save = NULL;
	int argc = 0;
	bool push = false;
	struct cat_ctx c;
	struct gk_err e;
	char *out = NULL;
	size_t n = 0;

	if (nl == NULL)
		return 0;
	line = gk_xstrndup((const char *)data, (size_t)(nl - data));
	memset(&c, 0, sizeof c);
	c.db = db;
	c.fp = open_memstream(&out, &n);
	if (c.fp == NULL)
		die("open_memstream", NULL);
	c.format = GK_FORMAT_NDJSON;
	c.user = "fuzz";
	c.today = (struct gk_date){2025, 10, 15};
	c.api = "https://catalog.example";
	c.owner_org = "tongliao";
	w = strtok_r(line, " ", &save);
	if (w == NULL || (strcmp(w, "pull") != 0 && strcmp(w, "push") != 0))
		goto out;
	push = strcmp(w, "push") == 0;
	while ((w = strtok_r(NULL, " ", &save)) != NULL) {
		if (strcmp(w, "text") == 0)
			c.format = GK_FORMAT_TEXT;
		else if (argc < FUZZ_MAX_ARGS)
			argv[argc++] = w;
	}
	fuzz_http_begin(nl + 1, size - (size_t)(nl + 1 - data));
	if (push) {
		store_entries(&c);
		cmd_push(&c, argc, argv);
	} else {
		cmd_pull(&c, argc, argv);
	}
	if (db_exec(db,
		    "DELETE FROM catalog_item; DELETE FROM catalog_entry;"
		    " DELETE FROM catalog_history;",
		    &e) < 0)
		die("reset", &e);
out:
	fclose(c.fp);
	if (c.format == GK_FORMAT_NDJSON) {
		fuzz_jsonl_output("fuzz_catalog_pull", out, n, NULL);
	} else {
		if (!utf8_valid(out, n))
			die("text output not UTF-8", NULL);
		for (size_t i = 0; i < n; i++)
			if (((unsigned char)out[i] < 0x20 && out[i] != '\n' &&
			     out[i] != '\t') ||
			    out[i] == 0x7f) {
				dprintf(2, "control 0x%02x at %zu\n%.*s\n",
					(unsigned char)out[i], i, (int)n, out);
				abort();
			}
	}
	free(out);
	free(line);
	return 0;
}
