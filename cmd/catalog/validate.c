/*
 * validate.c: the metadata rules of the 2017 政务信息资源目录编制指南 (and
 * GB/T 21063.3 core metadata), one gov-check `finding` per problem so the
 * same pipeline into gov-xlsx works.
 *
 * Check codes (dimension after GB/T 36344): gov-check's own codes where the
 * meaning is the same (required, enum, format, unique, primary-key, and
 * encoding for a line that is not JSON), and resource-code,
 * classification, share-condition, share-basis, related, open-share for
 * the catalog's rules.
 */
#include "catalog.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 前段码: 类 (1 digit) 项 (2) 目 (3), then 细目 of any length. */
#define CLASS_LEN 1
#define ITEM_LEN 2
#define HEAD_LEN 3
#define PREFIX_MIN (CLASS_LEN + ITEM_LEN + HEAD_LEN)

static const char *const required_fields[] = {
	"code",         "name",      "provider", "provider_code", "summary",
	"category",     "format",    "items",    "share_type",    "open_type",
	"update_cycle", "published", NULL};

/* Fields that are text: a number, list or object there was stored and
 * then left out of every export (CKAN, DCAT, the workbook) without a word.
 * The enumerations are check_enum's. */
static const char *const text_fields[] = {
	"code",        "name",      "provider", "provider_code",
	"summary",     "category",  "format",   "share_condition",
	"share_basis", "published", NULL};

/* 类: the first digit of the code names the kind of resource. */
static const char *const class_names[] = {NULL, "基础信息资源", "主题信息资源",
					  "部门信息资源"};
static const char *const class_names_en[] = {NULL, "base", "theme",
					     "department"};
#define CLASS_COUNT 3

struct check_def {
	const char *check, *dimension;
};

static const struct check_def checks[] = {
	{"required", "completeness"},
	{"enum", "conformity"},
	{"format", "accuracy"},
	{"unique", "consistency"},
	{"primary-key", "consistency"},
	{"resource-code", "conformity"},
	{"classification", "consistency"},
	{"share-condition", "completeness"},
	{"share-basis", "completeness"},
	{"related", "consistency"},
	{"open-share", "consistency"},
	{"encoding", "accessibility"},
	{NULL, NULL},
};

static const char *
dimension_of(const char *check)
{
	for (const struct check_def *d = checks; d->check; d++)
		if (strcmp(d->check, check) == 0)
			return d->dimension;
	return "conformity";
}

static void finding(struct cat_validation *v, const char *code,
		    const char *field, const char *check, bool error,
		    const cJSON *value, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static void
finding(struct cat_validation *v, const char *code, const char *field,
	const char *check, bool error, const cJSON *value, const char *fmt, ...)
{
	cJSON *f = cJSON_CreateObject();
	struct gk_err msg;
	va_list ap;
	cJSON *n;

	va_start(ap, fmt);
	gk_err_vset(&msg, fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(f, "type", "finding");
	cJSON_AddStringToObject(f, "file", v->file);
	if (v->row > 0)
		cJSON_AddNumberToObject(f, "row", (double)v->row);
	else
		cJSON_AddNullToObject(f, "row");
	cJSON_AddNullToObject(f, "column");
	if (field)
		cJSON_AddStringToObject(f, "field", field);
	else
		cJSON_AddNullToObject(f, "field");
	cJSON_AddStringToObject(f, "check", check);
	cJSON_AddStringToObject(f, "dimension", dimension_of(check));
	cJSON_AddStringToObject(f, "severity", error ? "error" : "warning");
	if (cJSON_IsString(value) || cJSON_IsNumber(value)) {
		cJSON_AddItemToObject(f, "value", cJSON_Duplicate(value, 1));
	} else if (value && !cJSON_IsNull(value)) {
		char *text = cJSON_PrintUnformatted(value);
		cJSON_AddStringToObject(f, "value", text);
		cJSON_free(text);
	} else
		cJSON_AddNullToObject(f, "value");
	cJSON_AddStringToObject(f, "message", msg.msg);
	if (code)
		cJSON_AddStringToObject(f, "code", code);
	else
		cJSON_AddNullToObject(f, "code");
	if (error)
		v->errors++;
	else
		v->warnings++;
	n = cJSON_GetObjectItemCaseSensitive(v->by_check, check);
	if (n)
		cJSON_SetNumberValue(n, n->valuedouble + 1);
	else
		cJSON_AddNumberToObject(v->by_check, check, 1);
	if (cat_emit(v->ctx, f) != 0)
		v->write_failed = true;
	cJSON_Delete(f);
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* 细目 may carry letters (a unit's own sub-codes), digits usually. */
static bool
all_alnum_upper(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    !isupper((unsigned char)s[i]))
			return false;
	return true;
}

/* Returns the 类 digit (1..3) when the code is well formed, else 0. */
static int
check_code(struct cat_validation *v, const char *code, const cJSON *value)
{
	const char *slash = strchr(code, '/');
	size_t plen, slen;
	int cls;

	if (!slash || strchr(slash + 1, '/')) {
		finding(v, code, "code", "resource-code", true, value,
			"resource code must be 前段码/后段码 with one '/' "
			"(e.g. 301001001/000001)");
		return 0;
	}
	plen = (size_t)(slash - code);
	slen = strlen(slash + 1);
	if (plen < PREFIX_MIN || !all_digits(code, PREFIX_MIN) ||
	    !all_alnum_upper(code + PREFIX_MIN, plen - PREFIX_MIN)) {
		finding(v, code, "code", "resource-code", true, value,
			"classification part '%.*s' must be 类 (1 digit), 项 (2 "
			"digits), 目 (3 digits), then 细目",
			(int)plen, code);
		return 0;
	}
	cls = code[0] - '0';
	if (cls < 1 || cls > CLASS_COUNT) {
		finding(v, code, "code", "resource-code", true, value,
			"类 digit '%c' is not 1 (基础), 2 (主题) or 3 (部门)",
			code[0]);
		return 0;
	}
	if (memcmp(code + CLASS_LEN, "00", ITEM_LEN) == 0) {
		finding(v, code, "code", "resource-code", true, value,
			"项 '00' is not a classification");
		return 0;
	}
	if (memcmp(code + CLASS_LEN + ITEM_LEN, "000", HEAD_LEN) == 0) {
		finding(v, code, "code", "resource-code", true, value,
			"目 '000' is not a classification");
		return 0;
	}
	if (!all_digits(slash + 1, slen)) {
		finding(v, code, "code", "resource-code", true, value,
			"sequence part (后段码) '%s' must be digits",
			slash + 1);
		return 0;
	}
	return cls;
}

static void
check_category(struct cat_validation *v, const char *code, int cls,
	       const cJSON *entry)
{
	const char *cat = cat_str(entry, "category");
	size_t n;

	if (!cat || !cls)
		return;
	n = strcspn(cat, "/");
	if ((strlen(class_names[cls]) == n &&
	     strncmp(cat, class_names[cls], n) == 0) ||
	    (strlen(class_names_en[cls]) == n &&
	     strncmp(cat, class_names_en[cls], n) == 0))
		return;
	finding(v, code, "category", "classification", true,
		cJSON_GetObjectItemCaseSensitive(entry, "category"),
		"category '%s' does not match 类 %d (%s) of the code", cat, cls,
		class_names[cls]);
}

/* Each text field given as something else than text (null is none). */
static void
check_text_fields(struct cat_validation *v, const char *code,
		  const cJSON *entry)
{
	for (const char *const *f = text_fields; *f; f++) {
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(entry, *f);
		if (val && !cJSON_IsNull(val) && !cJSON_IsString(val))
			finding(v, code, *f, "format", true, val,
				"%s must be text, not %s", *f,
				cat_json_kind(val));
	}
}

static void
check_enum(struct cat_validation *v, const char *code, const cJSON *entry,
	   const char *field, const char *const *set)
{
	const cJSON *val = cJSON_GetObjectItemCaseSensitive(entry, field);
	struct gk_buf allowed;

	if (cat_blank(entry, field))
		return;
	if (cJSON_IsString(val) && cat_in_set(set, val->valuestring))
		return;
	buf_init(&allowed);
	for (const char *const *s = set; *s; s++)
		buf_printf(&allowed, "%s%s", s == set ? "" : ", ", *s);
	finding(v, code, field, "enum", true, val, "%s must be one of %s",
		field, allowed.data);
	buf_release(&allowed);
}

/*
 * An item's format goes into the Table Schema of the Data Package export,
 * which gov-check -s must take: a format it refuses (an unknown name, a
 * cn- format on a number, a date pattern with a directive it lacks) would
 * make the whole schema unusable.
 */
static void
check_item_format(struct cat_validation *v, const char *code, const cJSON *it,
		  const char *name, int i)
{
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(it, "format");
	const char *letter = cat_str(it, "type");
	const char *type;
	char field[64];
	struct gk_err e;

	if (!fmt || cJSON_IsNull(fmt))
		return;
	snprintf(field, sizeof field, "items[%d].format", i);
	if (!cJSON_IsString(fmt)) {
		finding(v, code, field, "format", true, fmt,
			"format of '%s' must be a Table Schema format such as "
			"cn-uscc",
			name);
		return;
	}
	/* an unknown type letter is its own finding */
	if (!*fmt->valuestring || !cat_in_set(cat_item_types, letter))
		return;
	type = cat_item_schema_type(letter);
	if (schema_format_check(type, fmt->valuestring, &e) != 0)
		finding(v, code, field, "format", true, fmt,
			"format '%s' of '%s' (type %s) is not one gov-check "
			"-s takes: %s",
			fmt->valuestring, name, letter, e.msg);
}

static void
check_items(struct cat_validation *v, const char *code, const cJSON *items)
{
	const cJSON *it;
	int i = 0;
	char field[64];
	struct cat_names seen; /* names: their first item's position */

	if (!cJSON_IsArray(items)) {
		if (items && !cJSON_IsNull(items))
			finding(v, code, "items", "format", true, NULL,
				"items must be a list of information items");
		return;
	}
	cat_names_init(&seen);
	cJSON_ArrayForEach(it, items) {
		const char *name = cat_str(it, "name");
		const cJSON *type =
			cJSON_GetObjectItemCaseSensitive(it, "type");
		const cJSON *len =
			cJSON_GetObjectItemCaseSensitive(it, "length");
		i++;
		if (!name || !*name) {
			snprintf(field, sizeof field, "items[%d].name", i);
			finding(v, code, field, "required", true, NULL,
				"information item %d has no name", i);
			continue;
		}
		snprintf(field, sizeof field, "items[%d].type", i);
		if (!type || cJSON_IsNull(type))
			finding(v, code, field, "required", true, NULL,
				"information item '%s' has no data type", name);
		else if (!cJSON_IsString(type) ||
			 !cat_in_set(cat_item_types, type->valuestring))
			finding(v, code, field, "enum", true, type,
				"data type of '%s' must be one of C (字符型), N "
				"(数值型), Y (货币型), D (日期型), T (日期时间型), L "
				"(逻辑型), M (备注型), G (通用型), B (双精度型), I "
				"(整型), F (浮点型)",
				name);
		check_item_format(v, code, it, name, i);
		snprintf(field, sizeof field, "items[%d].length", i);
		if (len && !cJSON_IsNull(len) &&
		    (!cJSON_IsNumber(len) || !(len->valuedouble >= 1) ||
		     len->valuedouble > 1e15 ||
		     len->valuedouble != floor(len->valuedouble)))
			finding(v, code, field, "format", true, len,
				"length of '%s' must be a positive whole number",
				name);
		long first;
		if (!cat_names_put(&seen, name, i) &&
		    cat_names_find(&seen, name, &first)) {
			snprintf(field, sizeof field, "items[%d].name", i);
			finding(v, code, field, "unique", true,
				cJSON_GetObjectItemCaseSensitive(it, "name"),
				"information item '%s' repeated (first as "
				"item %ld)",
				name, first);
		}
	}
	cat_names_release(&seen);
}

static bool
related_known(struct cat_validation *v, const char *code)
{
	const cJSON *c;

	if (v->batch_index) {
		if (cat_names_find(v->batch_index, code, NULL))
			return true;
	} else {
		cJSON_ArrayForEach(c, v->batch_codes)
			if (cJSON_IsString(c) &&
			    strcmp(c->valuestring, code) == 0)
				return true;
	}
	return v->ctx->db && cat_entry_exists(v->ctx->db, code);
}

static void
check_related(struct cat_validation *v, const char *code, const cJSON *entry)
{
	const cJSON *rel = cJSON_GetObjectItemCaseSensitive(entry, "related");
	const cJSON *r;

	if (!rel || cJSON_IsNull(rel))
		return;
	if (cJSON_IsString(rel)) {
		if (*rel->valuestring && !related_known(v, rel->valuestring))
			finding(v, code, "related", "related", true, rel,
				"related resource '%s' is not in the catalog",
				rel->valuestring);
		return;
	}
	if (!cJSON_IsArray(rel)) {
		finding(v, code, "related", "format", true, rel,
			"related must be a list of resource codes");
		return;
	}
	cJSON_ArrayForEach(r, rel) {
		if (!cJSON_IsString(r)) {
			finding(v, code, "related", "format", true, r,
				"related must be a list of resource codes");
			continue;
		}
		if (code && strcmp(r->valuestring, code) == 0)
			finding(v, code, "related", "related", true, r,
				"resource is related to itself");
		else if (!related_known(v, r->valuestring))
			finding(v, code, "related", "related", true, r,
				"related resource '%s' is not in the catalog",
				r->valuestring);
	}
}

void
cat_validate_entry(struct cat_validation *v, const cJSON *entry)
{
	const char *code = cat_str(entry, "code");
	const char *share = cat_str(entry, "share_type");
	int cls = 0;

	v->entries++;
	for (const char *const *f = required_fields; *f; f++)
		if (cat_blank(entry, *f))
			finding(v, code, *f, "required", true, NULL,
				"%s is required", *f);
	check_text_fields(v, code, entry);
	if (!(share && strcmp(share, "none") == 0) &&
	    cat_blank(entry, "share_method"))
		finding(v, code, "share_method", "required", true, NULL,
			"share_method is required for a shared resource");
	if (code && *code)
		cls = check_code(
			v, code,
			cJSON_GetObjectItemCaseSensitive(entry, "code"));
	check_category(v, code, cls, entry);
	check_enum(v, code, entry, "share_type", cat_share_types);
	check_enum(v, code, entry, "share_method", cat_share_methods);
	check_enum(v, code, entry, "open_type", cat_open_types);
	check_enum(v, code, entry, "update_cycle", cat_update_cycles);
	if (share && strcmp(share, "conditional") == 0 &&
	    cat_blank(entry, "share_condition"))
		finding(v, code, "share_condition", "share-condition", true,
			NULL,
			"a conditional resource needs its share_condition "
			"(共享条件)");
	if (share && strcmp(share, "none") == 0 &&
	    cat_blank(entry, "share_basis"))
		finding(v, code, "share_basis", "share-basis", true, NULL,
			"a resource not shared needs its legal basis "
			"(share_basis, 不予共享依据)");
	if (share && strcmp(share, "none") == 0 &&
	    cat_str(entry, "open_type") &&
	    strcmp(cat_str(entry, "open_type"), "closed") != 0)
		finding(v, code, "open_type", "open-share", false,
			cJSON_GetObjectItemCaseSensitive(entry, "open_type"),
			"a resource not shared should not be open (open_type "
			"'%s')",
			cat_str(entry, "open_type"));
	const cJSON *pc =
		cJSON_GetObjectItemCaseSensitive(entry, "provider_code");
	if (cJSON_IsString(pc) && *pc->valuestring) {
		struct id_result r;
		id_check_uscc(pc->valuestring, strlen(pc->valuestring), &r);
		if (!r.ok || r.warning)
			finding(v, code, "provider_code", "format", !r.ok, pc,
				"provider_code is not a valid unified social "
				"credit code: %s",
				r.message);
	}
	const cJSON *pub = cJSON_GetObjectItemCaseSensitive(entry, "published");
	if (cJSON_IsString(pub) && *pub->valuestring) {
		struct gk_date d;
		if (date_parse(pub->valuestring, strlen(pub->valuestring),
			       &d) != 0)
			finding(v, code, "published", "format", true, pub,
				"published must be a date, YYYY-MM-DD");
		else if (date_cmp(&d, &v->ctx->today) > 0)
			finding(v, code, "published", "format", false, pub,
				"published date is after today");
	}
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(entry, "url");
	if (cJSON_IsString(url) && !cat_blank(entry, "url") &&
	    !cat_url_absolute(url->valuestring))
		finding(v, code, "url", "format", false, url,
			"url is not an absolute address (https://..., "
			"ftp://...): the DCAT export leaves it out");
	check_items(v, code, cJSON_GetObjectItemCaseSensitive(entry, "items"));
	check_related(v, code, entry);
}

static int
summary(struct cat_validation *v)
{
	cJSON *s = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(s, "type", "summary");
	cJSON_AddStringToObject(s, "file", v->file);
	cJSON_AddNumberToObject(s, "entries", (double)v->entries);
	cJSON_AddNumberToObject(s, "findings",
				(double)(v->errors + v->warnings));
	cJSON_AddNumberToObject(s, "errors", (double)v->errors);
	cJSON_AddNumberToObject(s, "warnings", (double)v->warnings);
	cJSON_AddItemToObject(s, "by_check", cJSON_Duplicate(v->by_check, 1));
	cJSON_AddBoolToObject(s, "valid", v->errors == 0);
	rc = cat_emit(v->ctx, s);
	cJSON_Delete(s);
	return rc;
}

static int
validate_db_entry(const cJSON *entry, void *arg)
{
	cat_validate_entry(arg, entry);
	return ((struct cat_validation *)arg)->write_failed ? 1 : 0;
}

/* Records of a file, kept for two passes: codes first, then rules. */
struct loaded {
	cJSON *records; /* array of [line, record], or [line, "message"] for
			   a line that is not JSON */
};

static void
load_entry(struct loaded *l, const cJSON *rec, long line)
{
	const char *type = cat_str(rec, "type");
	cJSON *pair;

	if (type && strcmp(type, "entry") != 0)
		return;
	pair = cJSON_CreateArray();
	cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)line));
	cJSON *entry = cJSON_Duplicate(rec, 1);
	(void)cat_entry_input(entry); /* as add reads it */
	cJSON_AddItemToArray(pair, entry);
	cJSON_AddItemToArray(l->records, pair);
}

/* A line that is not JSON: its message without the "file:line: " the
 * finding carries in its own members. */
static void
load_unreadable(struct loaded *l, const char *name, long line, const char *msg)
{
	size_t nn = strlen(name);
	cJSON *pair = cJSON_CreateArray();

	if (strncmp(msg, name, nn) == 0 && msg[nn] == ':') {
		char *end;
		(void)strtol(msg + nn + 1, &end, 10);
		if (end[0] == ':' && end[1] == ' ')
			msg = end + 2;
	}
	cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)line));
	cJSON_AddItemToArray(pair, cJSON_CreateString(msg));
	cJSON_AddItemToArray(l->records, pair);
}

/*
 * The entries of a file, and its lines that are not JSON: those are
 * findings of the file, as gov-check makes them of a JSON Lines table,
 * not messages on standard error.  Exit 2 on an unreadable file.
 */
static int
load_file(const char *path, struct loaded *l)
{
	struct jl_reader r;
	struct gk_err e;
	cJSON *rec;
	long last_bad = -1;
	int got, rc = GK_EXIT_OK;

	if (jl_open(&r, path, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	while ((got = jl_next(&r, &rec, &e)) != 0) {
		if (got < 0) {
			/* A bad line is passed; an I/O error repeats. */
			if (ferror(r.fp) || r.line == last_bad) {
				gk_warn_err(&e);
				rc = GK_EXIT_FAIL;
				break;
			}
			last_bad = r.line;
			load_unreadable(l, r.name, r.line, e.msg);
			continue;
		}
		load_entry(l, rec, r.line);
		cJSON_Delete(rec);
	}
	jl_close(&r);
	return rc;
}

static void
reset(struct cat_validation *v)
{
	cJSON_Delete(v->by_check);
	v->by_check = cJSON_CreateObject();
	v->errors = v->warnings = v->entries = 0;
}

/* The entries of the database, as one input named "catalog". */
static int
validate_catalog(struct cat_validation *v)
{
	struct gk_err e;

	v->file = "catalog";
	if (cat_entry_each(v->ctx->db, NULL, validate_db_entry, v, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (!v->write_failed)
		summary(v);
	return v->errors ? GK_EXIT_FOUND : GK_EXIT_OK;
}

/* The codes of a file's entries, into the batch's. */
static void
add_batch_codes(struct cat_validation *v, const struct loaded *l)
{
	const cJSON *pair;

	cJSON_ArrayForEach(pair, l->records) {
		const char *code = cat_str(cJSON_GetArrayItem(pair, 1), "code");
		/* (cat_str of a line's message is NULL) */
		if (code) {
			cJSON_AddItemToArray(v->batch_codes,
					     cJSON_CreateString(code));
			cat_names_put(v->batch_index, code, 1);
		}
	}
}

/* The findings of one loaded file, and its summary. */
static void
validate_file(struct cat_validation *v, const char *path,
	      const struct loaded *l)
{
	const cJSON *pair;
	struct cat_names seen; /* codes: the row of their first */

	cat_names_init(&seen);
	reset(v);
	v->file = strcmp(path, "-") == 0 ? "(stdin)" : path;
	cJSON_ArrayForEach(pair, l->records) {
		/* (a pair is [line, record]: its second by pointer) */
		const cJSON *entry = pair->child->next;
		const char *code = cat_str(entry, "code");
		long first;
		v->row = (long)pair->child->valuedouble;
		if (cJSON_IsString(entry)) {
			finding(v, NULL, NULL, "encoding", true, NULL, "%s",
				entry->valuestring);
			continue;
		}
		if (code && *code && !cat_names_put(&seen, code, v->row) &&
		    cat_names_find(&seen, code, &first))
			finding(v, code, "code", "primary-key", true,
				cJSON_GetObjectItemCaseSensitive(entry, "code"),
				"resource code '%s' repeated (first at "
				"row %ld)",
				code, first);
		cat_validate_entry(v, entry);
	}
	cat_names_release(&seen);
	if (!v->write_failed && summary(v) != 0)
		v->write_failed = true;
}

/* The files, all loaded first: they are one batch, and an entry may
 * relate to one of a later file.  The exit status. */
static int
validate_files(struct cat_validation *v, int argc, char **argv)
{
	struct loaded *files = gk_xcalloc((size_t)argc, sizeof *files);
	int rc = GK_EXIT_OK;
	bool bad = false;

	for (int i = 0; i < argc; i++) {
		files[i].records = cJSON_CreateArray();
		int r = load_file(argv[i], &files[i]);
		if (r > rc)
			rc = r;
		add_batch_codes(v, &files[i]);
	}
	for (int i = 0; i < argc && rc < GK_EXIT_FAIL && !v->write_failed;
	     i++) {
		validate_file(v, argv[i], &files[i]);
		if (v->errors)
			bad = true;
	}
	for (int i = 0; i < argc; i++)
		cJSON_Delete(files[i].records);
	free(files);
	if (rc < GK_EXIT_FOUND && bad)
		rc = GK_EXIT_FOUND;
	return rc;
}

int
cmd_validate(struct cat_ctx *c, int argc, char **argv)
{
	struct cat_validation v = {0};
	struct cat_names batch;
	int rc;

	v.ctx = c;
	v.by_check = cJSON_CreateObject();
	v.batch_codes = cJSON_CreateArray();
	cat_names_init(&batch);
	v.batch_index = &batch;
	if (cat_db_read(c) != 0)
		rc = GK_EXIT_FAIL;
	else if (argc == 0)
		rc = validate_catalog(&v);
	else
		rc = validate_files(&v, argc, argv);
	cJSON_Delete(v.by_check);
	cJSON_Delete(v.batch_codes);
	cat_names_release(&batch);
	return rc;
}
