/*
 * Fuzz target: gov-bid's own JSON parser (fastjson.c) against cJSON.
 * Whatever fj_parse_object accepts, cJSON must accept too and read the
 * same tree: the readers take either parser's nodes, so the two must
 * agree (fastjson may decline a line; cJSON then reads it, or words the
 * error).  Trees are compared in order and exactly, numbers too: the
 * fast path of fastjson's numbers must round as strtod does.
 * (cJSON_Compare is no judge: it finds members by key, so an object
 * with a key twice never equals itself.)
 *
 * Neither may accept a line that is not UTF-8 (the loader checks only the
 * lines they decline).
 *
 * fj_scan_govkit reads the same grammar without a tree: it must accept
 * exactly the lines fj_parse_object accepts, and what it keeps of a
 * govkit record (struct gkrec) must be what gkrec_from_tree takes from
 * the tree.  fj_scan_govkit_in_place, on the line as a reader's block
 * holds it (other lines after its NUL), must take what fj_scan_govkit
 * takes and read the same, and leave a line it declines as it was.
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
		fprintf(stderr, "differ at %s: type %d / %d\n", path,
			a ? a->type : -1, b ? b->type : -1);
		return false;
	}
	if (cJSON_IsNumber(a) && a->valuedouble != b->valuedouble) {
		fprintf(stderr, "differ at %s: %.17g / %.17g\n", path,
			a->valuedouble, b->valuedouble);
		return false;
	}
	if (cJSON_IsString(a) && strcmp(a->valuestring, b->valuestring) != 0) {
		fprintf(stderr, "differ at %s: '%s' / '%s'\n", path,
			a->valuestring, b->valuestring);
		return false;
	}
	for (x = a->child, y = b->child; x || y;
	     x = x ? x->next : NULL, y = y ? y->next : NULL, i++) {
		snprintf(sub, sizeof sub, "%.400s/%d", path, i);
		if (x && y && (!x->string) != (!y->string)) {
			fprintf(stderr,
				"differ at %s: a key on one side only\n", sub);
			return false;
		}
		if (x && y && x->string && strcmp(x->string, y->string) != 0) {
			fprintf(stderr, "differ at %s: key '%s' / '%s'\n", sub,
				x->string, y->string);
			return false;
		}
		if (!same(x, y, sub))
			return false;
	}
	return true;
}

/* a: the scanner's string, b: the tree's. */
static bool
same_str(const char *what, size_t i, const char *a, const char *b)
{
	if ((!a) != (!b) || (a && strcmp(a, b) != 0)) {
		fprintf(stderr, "gkrec differ at %s of bid %zu: '%s' / '%s'\n",
			what, i, a ? a : "(none)", b ? b : "(none)");
		return false;
	}
	return true;
}

/* The hashes of bid i: the scanner's are made in place (hash_padded,
 * key_hash_padded), the tree's from the text (hash_bytes,
 * key_hash_bytes). */
static bool
same_hashes(size_t i, const struct gkbidv *x, const struct gkbidv *y)
{
	if (x->key_set != y->key_set) {
		fprintf(stderr, "gkrec differ at key_set of bid %zu\n", i);
		return false;
	}
	if (x->bidder.type == cJSON_String &&
	    (x->bidder_len != y->bidder_len ||
	     x->bidder_hash != y->bidder_hash)) {
		fprintf(stderr,
			"gkrec differ at the bidder's hash of bid %zu\n", i);
		return false;
	}
	for (int k = 0; k < NKEYS; k++)
		if (x->key_hash[k] != y->key_hash[k]) {
			fprintf(stderr,
				"gkrec differ at the hash of %s of bid %zu\n",
				key_names[k], i);
			return false;
		}
	return true;
}

static bool
same_val(const char *what, size_t i, const struct gkval *a,
	 const struct gkval *b)
{
	if (a->type != b->type) {
		fprintf(stderr, "gkrec differ at %s %zu: type %d / %d\n", what,
			i, a->type, b->type);
		return false;
	}
	if (a->type == cJSON_String)
		return same_str(what, i, a->s, b->s);
	if (a->type == cJSON_Number && a->d != b->d) {
		fprintf(stderr, "gkrec differ at %s %zu: %.17g / %.17g\n", what,
			i, a->d, b->d);
		return false;
	}
	return true;
}

/* What the tree-less reader keeps against what the tree gives. */
static bool
same_rec(const struct gkrec *a, const struct gkrec *b)
{
	for (size_t k = 0; k < FJK_COUNT; k++)
		if (!same_val("member", k, &a->item[k], &b->item[k]))
			return false;
	if (a->nbids != b->nbids) {
		fprintf(stderr, "gkrec differ: %zu / %zu bids\n", a->nbids,
			b->nbids);
		return false;
	}
	for (size_t i = 0; i < a->nbids; i++) {
		const struct gkbidv *x = &a->bids[i], *y = &b->bids[i];
		bool ok = x->object == y->object &&
			  same_val("bidder", i, &x->bidder, &y->bidder) &&
			  same_str("status", i, x->status, y->status) &&
			  same_str("currency", i, x->currency, y->currency) &&
			  same_str("submitted_at", i, x->submitted,
				   y->submitted) &&
			  same_str("name", i, x->name, y->name);
		for (int k = 0; ok && k < NKEYS; k++)
			ok = same_str(key_names[k], i, x->key[k], y->key[k]);
		if (!ok || !same_hashes(i, x, y))
			return false;
		if (x->submitted && x->submitted_len != y->submitted_len) {
			fprintf(stderr,
				"gkrec differ at submitted_at's length of bid "
				"%zu\n",
				i);
			return false;
		}
		if (x->price_bad != y->price_bad) {
			fprintf(stderr,
				"gkrec differ at price_bad of bid %zu\n", i);
			return false;
		}
		if (x->price != y->price &&
		    !(isnan(x->price) && isnan(y->price))) {
			fprintf(stderr, "gkrec differ at price of bid %zu\n",
				i);
			return false;
		}
	}
	return true;
}

/* The line text[0..size) in place, in a block: what it reads against
 * fj_scan_govkit's (took, scanned). */
static void
check_in_place(const char *text, size_t size, bool took,
	       const struct gkrec *scanned)
{
	static const char next[] = "\"},{\"bidder\":1,\"price\":2}]}\n";
	static struct gkrec placed;
	char *line = malloc(size + 1 + JL_BLOCK_PAD);
	bool placed_took;

	if (!line)
		abort();
	memcpy(line, text, size);
	line[size] = '\0';
	for (size_t i = 0; i < JL_BLOCK_PAD; i++)
		line[size + 1 + i] = next[i % (sizeof next - 1)];
	placed_took = fj_scan_govkit_in_place(line, size, &placed);
	if (placed_took != took) {
		fprintf(stderr, "the scan in place %s what the copy's %s\n",
			placed_took ? "accepts" : "declines",
			took ? "accepts" : "declines");
		abort();
	}
	if (!took && memcmp(line, text, size) != 0) {
		fprintf(stderr, "a line declined in place is not put back\n");
		abort();
	}
	if (took && !same_rec(&placed, scanned))
		abort();
	free(line);
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
			fprintf(stderr, "key '%s' is not found as %d\n", text,
				k);
			abort();
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	static struct gkrec scanned, tree;
	bool took = fj_scan_govkit(text, size, &scanned);
	cJSON *fast = fj_parse_object(text, size), *ref;

	if (took != (fast != NULL)) {
		fprintf(stderr, "the tree-less reader %s what fastjson %s\n",
			took ? "accepts" : "declines",
			fast ? "accepts" : "declines");
		abort();
	}
	/* the loader checks UTF-8 only on the lines fastjson declines */
	if (fast && !utf8_valid(text, size)) {
		fprintf(stderr, "fastjson accepted a line that is not UTF-8\n");
		abort();
	}
	if (fast) {
		gkrec_from_tree(fast, &tree);
		if (!same_rec(&scanned, &tree))
			abort();
	}
	check_in_place(text, size, took, &scanned);

	if (fast) {
		ref = cJSON_ParseWithLength(text, size);
		if (!ref) {
			fprintf(stderr,
				"fastjson accepted what cJSON rejects\n");
			abort();
		}
		if (!same(fast, ref, ""))
			abort();
		cJSON_Delete(ref);
	}
	fj_reset(false);
	return 0;
}
