/*
 * Fuzz target: gov-catalog's entry records as `add` and `validate` take
 * them from a department's JSON Lines file: the rules of the 2017
 * 目录编制指南 (validate.c: codes, categories, items, vocabularies,
 * provider USCC, dates, related codes), normalisation, the full entry,
 * the CKAN package and back (export.c, what push and pull do), diffs and
 * merges (entry.c), demands.
 *
 * main.c is not linked (fuzz_rule): what the modules take from it is
 * stubbed (fuzz_catalog.h), without a database (related codes are
 * looked up in the input only); findings are printed to /dev/null, the
 * printed text through mask_text.
 *
 * Property: an entry that validates without an error comes back from its
 * CKAN package (push, then pull) with every field of an entry as it was;
 * fields an entry does not have are not kept by the package.
 */
#include "fuzz.h"
#include "fuzz_catalog.h"

#include <string.h>

/* A field of an entry record (those cat_entry_full gives an entry)? */
static bool
entry_field(const char *name)
{
	static cJSON *fields;

	if (!fields) {
		cJSON *none = cJSON_CreateObject();

		fields = cat_entry_full(none);
		cJSON_Delete(none);
	}
	return cJSON_GetObjectItemCaseSensitive(fields, name) != NULL;
}

/* Aborts when an entry of no error (errors: v's count before it) has a
 * field of an entry changed on its way through its CKAN package. */
static void
check_round_trip(const struct cat_validation *v, long errors, const cJSON *norm,
		 const cJSON *diff)
{
	if (v->errors != errors || diff == NULL)
		return;
	for (const cJSON *d = diff->child; d; d = d->next) {
		if (d->string && entry_field(d->string)) {
			char *a = cJSON_PrintUnformatted(diff);
			char *b = cJSON_PrintUnformatted(norm);

			dprintf(2, "round trip changed %s\nentry %s\n", a, b);
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct cat_ctx c;
	struct cat_validation v;
	struct jl_reader r;
	struct gk_err e;
	cJSON *rec, *prev = NULL;
	char path[64];
	int fd, got;

	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	memset(&c, 0, sizeof c);
	c.fp = devnull;
	c.format = GK_FORMAT_NDJSON;
	c.today = (struct gk_date){2025, 10, 15};
	memset(&v, 0, sizeof v);
	v.ctx = &c;
	v.file = "fuzz";
	v.by_check = cJSON_CreateObject();
	v.batch_codes = cJSON_CreateArray();
	fd = fuzz_file(data, size, path);
	if (fd < 0 || jl_open(&r, path, &e) != 0)
		goto out;
	while ((got = jl_next(&r, &rec, &e)) != 0) {
		cJSON *norm, *full, *pkg, *back, *diff, *merged, *dem;
		long errors = v.errors;
		if (got < 0)
			continue;
		v.row++;
		if (cJSON_IsString(
			    cJSON_GetObjectItemCaseSensitive(rec, "code")))
			cJSON_AddItemToArray(
				v.batch_codes,
				cJSON_CreateString(cat_str(rec, "code")));
		cat_validate_entry(&v, rec);
		norm = cat_entry_normalize(rec);
		full = cat_entry_full(norm);
		pkg = cat_ckan_package(norm, "org");
		back = cat_entry_from_ckan(pkg);
		diff = cat_diff(norm, back);
		check_round_trip(&v, errors, norm, diff);
		merged = prev ? cat_merge(prev, rec) : NULL;
		dem = cat_demand_normalize(rec);
		cJSON_Delete(dem);
		cJSON_Delete(merged);
		cJSON_Delete(diff);
		cJSON_Delete(back);
		cJSON_Delete(pkg);
		cJSON_Delete(full);
		cJSON_Delete(prev);
		prev = norm;
		cJSON_Delete(rec);
	}
	jl_close(&r);
out:
	if (fd >= 0)
		close(fd);
	cJSON_Delete(prev);
	cJSON_Delete(v.by_check);
	cJSON_Delete(v.batch_codes);
	return 0;
}
