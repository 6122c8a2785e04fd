/*
 * Fuzz target: gov-bid's own JSON parser (fastjson.c) against cJSON.
 * Whatever fj_parse_object accepts, cJSON must accept too and read the
 * same tree: the readers take either parser's nodes, so the two must
 * agree (fastjson may decline a line; cJSON then reads it, or words the
 * error).  Trees are compared in order and exactly, numbers too: the
 * fast path of fastjson's numbers must round as strtod does.
 * (cJSON_Compare is no judge: it finds members by key, so an object
 * with a key twice never equals itself.)
 */
#include "fuzz.h"
#include "bid.h"

#include <string.h>

/* false, and where, when a and b differ. */
static bool
same(const cJSON *a, const cJSON *b, const char *path)
{
	char sub[512];
	const cJSON *x, *y;
	int i = 0;

	if (!a || !b || (a->type & 0xFF) != (b->type & 0xFF)) {
		fprintf(stderr, "differ at %s: type %d / %d\n", path, a ? a->type : -1,
			b ? b->type : -1);
		return false;
	}
	if (cJSON_IsNumber(a) && a->valuedouble != b->valuedouble) {
		fprintf(stderr, "differ at %s: %.17g / %.17g\n", path, a->valuedouble,
			b->valuedouble);
		return false;
	}
	if (cJSON_IsString(a) && strcmp(a->valuestring, b->valuestring) != 0) {
		fprintf(stderr, "differ at %s: '%s' / '%s'\n", path, a->valuestring,
			b->valuestring);
		return false;
	}
	for (x = a->child, y = b->child; x || y; x = x ? x->next : NULL,
	     y = y ? y->next : NULL, i++) {
		snprintf(sub, sizeof sub, "%.400s/%d", path, i);
		if (x && y && (!x->string) != (!y->string)) {
			fprintf(stderr, "differ at %s: a key on one side only\n", sub);
			return false;
		}
		if (x && y && x->string && strcmp(x->string, y->string) != 0) {
			fprintf(stderr, "differ at %s: key '%s' / '%s'\n", sub, x->string,
				y->string);
			return false;
		}
		if (!same(x, y, sub))
			return false;
	}
	return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Every known key is found by its text, as cJSON's nodes carry it. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (int k = 0; k < FJK_COUNT; k++) {
		char text[FJ_KEY_MAX];
		memcpy(text, fj_key_names[k], sizeof text);
		if (fj_key(text) != k || fj_key(fj_key_names[k]) != k) {
			fprintf(stderr, "key '%s' is not found as %d\n", text, k);
			abort();
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	cJSON *fast = fj_parse_object(text, size), *ref;

	if (fast) {
		ref = cJSON_ParseWithLength(text, size);
		if (!ref) {
			fprintf(stderr, "fastjson accepted what cJSON rejects\n");
			abort();
		}
		if (!same(fast, ref, ""))
			abort();
		cJSON_Delete(ref);
	}
	fj_reset(false);
	return 0;
}
