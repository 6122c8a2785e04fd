/*
 * Fuzz target: gov-catalog's list cells of the exported workbook,
 * 信息项信息 (items: 名称(C,18), quoted names, types and lengths) and
 * 关联资源代码 (codes, quoted when they must be), as the export writes
 * them (cat_item_text, cat_code_text, joined with "; " as export.c and
 * the workbook writer join them) and as add reads them back
 * (cat_entry_input: entry.c's next_piece, unquote, quoted_bracket,
 * length_comma, json_number).
 *
 * The first byte says what the rest is:
 *   't'  a cell typed by hand: read as either cell; what it reads as is
 *        written and read again;
 *   'c'  codes, separated by NUL bytes;
 *   else items, NUL-separated triples of name, type and length: a type
 *        empty for none, else after a \001 ("\001" alone: the type "");
 *        a length empty for none, "\001text" a string, "\002text" the
 *        number strtod reads of it (when it reads all of it, finite).
 * Strings that are not valid UTF-8 (a workbook's cells always are) are
 * skipped.
 *
 * Property: a list of items or codes written to its cell and read back
 * is the list it was: each item's name, type and length (a number equal,
 * a string the same), each code the same, none more or fewer.
 */
#include "fuzz.h"
#include "fuzz_catalog.h"

#include <math.h>
#include <string.h>

/* The list under key in rec after cat_entry_input reads the cell text
 * under zh (NULL when the cell reads as empty); rec is freed. */
static cJSON *
read_cell(const char *zh, const char *key, const char *text)
{
	cJSON *rec = cJSON_CreateObject(), *list;

	cJSON_AddStringToObject(rec, zh, text);
	(void)cat_entry_input(rec);
	list = cJSON_DetachItemFromObjectCaseSensitive(rec, key);
	cJSON_Delete(rec);
	if (list && !cJSON_IsArray(list)) {
		cJSON_Delete(list);
		list = NULL;
	}
	return list;
}

/* The cell text the export writes of items (caller frees). */
static char *
items_cell(const cJSON *items)
{
	struct gk_buf b;
	const cJSON *it;

	buf_init(&b);
	buf_adds(&b, "");
	cJSON_ArrayForEach(it, items) {
		if (it != items->child)
			buf_adds(&b, "; ");
		cat_item_text(&b, it);
	}
	return b.data;
}

/* The cell text the export writes of codes (caller frees). */
static char *
codes_cell(const cJSON *codes)
{
	struct gk_buf b;
	const cJSON *c;
	char *q;

	buf_init(&b);
	buf_adds(&b, "");
	cJSON_ArrayForEach(c, codes) {
		if (c != codes->child)
			buf_adds(&b, "; ");
		q = cat_code_text(c->valuestring);
		buf_adds(&b, q ? q : c->valuestring);
		free(q);
	}
	return b.data;
}

static bool
same_string(const cJSON *a, const cJSON *b)
{
	if (!cJSON_IsString(a) || !cJSON_IsString(b))
		return !cJSON_IsString(a) && !cJSON_IsString(b);
	return strcmp(a->valuestring, b->valuestring) == 0;
}

static bool
same_member(const cJSON *a, const cJSON *b, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, key);
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, key);

	if (cJSON_IsNumber(x) || cJSON_IsNumber(y))
		return cJSON_IsNumber(x) && cJSON_IsNumber(y) &&
		       x->valuedouble == y->valuedouble;
	return same_string(x, y);
}

/* Aborts, saying what, when back is not the list was. */
static void
check_same(const char *what, const cJSON *was, const char *cell,
	   const cJSON *back)
{
	const cJSON *a = was ? was->child : NULL;
	const cJSON *b = back ? back->child : NULL;

	for (; a && b; a = a->next, b = b->next)
		if (cJSON_IsObject(a) ? !(same_member(a, b, "name") &&
					  same_member(a, b, "type") &&
					  same_member(a, b, "length"))
				      : !same_string(a, b))
			break;
	if (a || b) {
		char *x = was ? cJSON_PrintUnformatted(was) : NULL;
		char *y = back ? cJSON_PrintUnformatted(back) : NULL;

		dprintf(2, "%s not read back\nwas  %s\ncell %s\nback %s\n",
			what, x ? x : "(none)", cell, y ? y : "(none)");
		abort();
	}
}

/* Written and read back: the same list (items or codes). */
static void
round_trip(const cJSON *list, bool items)
{
	char *cell;
	cJSON *back;

	if (cJSON_GetArraySize(list) == 0)
		return; /* an empty cell is no list: null */
	cell = items ? items_cell(list) : codes_cell(list);
	back = items ? read_cell("信息项信息", "items", cell)
		     : read_cell("关联资源代码", "related", cell);
	check_same(items ? "items" : "codes", list, cell, back);
	cJSON_Delete(back);
	free(cell);
}

/* The next NUL-separated field of data[*at..size), in a string (caller
 * frees); NULL past the end. */
static char *
next_field(const uint8_t *data, size_t size, size_t *at, size_t *len)
{
	const uint8_t *nul;
	size_t n;

	if (*at > size)
		return NULL;
	nul = memchr(data + *at, 0, size - *at);
	n = nul ? (size_t)(nul - (data + *at)) : size - *at;
	char *s = gk_xasprintf("%.*s", (int)n, (const char *)data + *at);
	*at += n + 1;
	*len = n;
	return s;
}

/* The items (or codes) the input gives; NULL when a string is not valid
 * UTF-8. */
static cJSON *
list_of(const uint8_t *data, size_t size, bool items)
{
	cJSON *list = cJSON_CreateArray(), *it;
	size_t at = 0, n;
	char *f;

	while ((f = next_field(data, size, &at, &n))) {
		if (!utf8_valid(f, n)) {
			free(f);
			cJSON_Delete(list);
			return NULL;
		}
		if (!items) {
			cJSON_AddItemToArray(list, cJSON_CreateString(f));
			free(f);
			continue;
		}
		it = cJSON_CreateObject();
		cJSON_AddStringToObject(it, "name", f);
		free(f);
		for (int k = 0; k < 2 && (f = next_field(data, size, &at, &n));
		     k++) {
			if (!utf8_valid(f, n)) {
				free(f);
				cJSON_Delete(it);
				cJSON_Delete(list);
				return NULL;
			}
			if (k == 0 && f[0] == '\001') {
				cJSON_AddStringToObject(it, "type", f + 1);
			} else if (k == 1 && f[0] == '\001') {
				cJSON_AddStringToObject(it, "length", f + 1);
			} else if (k == 1 && f[0] == '\002') {
				char *end;
				double d = strtod(f + 1, &end);
				if (f[1] && !*end && isfinite(d))
					cJSON_AddNumberToObject(it, "length",
								d);
			}
			free(f);
		}
		cJSON_AddItemToArray(list, it);
	}
	return list;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *list;

	if (size < 1)
		return 0;
	if (data[0] == 't') {
		/* a cell typed by hand (a cell holds no NUL) */
		char *text = gk_xasprintf("%.*s", (int)(size - 1),
					  (const char *)data + 1);
		if (utf8_valid(text, strlen(text))) {
			cJSON *rec = cJSON_CreateObject();
			cJSON_AddStringToObject(rec, "信息项信息", text);
			cJSON_AddStringToObject(rec, "关联资源代码", text);
			(void)cat_entry_input(rec);
			round_trip(
				cJSON_GetObjectItemCaseSensitive(rec, "items"),
				true);
			round_trip(cJSON_GetObjectItemCaseSensitive(rec,
								    "related"),
				   false);
			cJSON_Delete(rec);
		}
		free(text);
		return 0;
	}
	list = list_of(data + 1, size - 1, data[0] != 'c');
	if (list) {
		/* the types as add takes them: 字符型 is C */
		if (data[0] != 'c') {
			cJSON *rec = cJSON_CreateObject();
			cJSON_AddItemToObject(rec, "items", list);
			(void)cat_entry_input(rec);
			list = cJSON_DetachItemFromObjectCaseSensitive(rec,
								       "items");
			cJSON_Delete(rec);
		}
		round_trip(list, data[0] != 'c');
		cJSON_Delete(list);
	}
	return 0;
}
