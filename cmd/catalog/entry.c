/*
 * entry.c: what an entry is: its fields in canonical order, the
 * vocabularies of the 2017 目录编制指南, CKAN names, diffs.
 */
#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

/* CKAN: names are 2 to 100 characters of [a-z0-9_-]. */
#define CKAN_NAME_MIN 2
#define CKAN_NAME_MAX 100
/* The name of a code that loses characters: at most SLUG_KEPT of them,
 * "--" and SLUG_HASH_BYTES of its SHA-256 in hex. */
#define SLUG_HASH_BYTES 8
#define SLUG_KEPT (CKAN_NAME_MAX - 2 - 2 * SLUG_HASH_BYTES)

const char *const cat_share_types[] = {"unconditional", "conditional", "none",
				       NULL};
const char *const cat_share_methods[] = {"api", "file", "database", NULL};
const char *const cat_open_types[] = {"open", "conditional", "closed", NULL};
const char *const cat_update_cycles[] = {"realtime",  "daily",     "weekly",
					 "monthly",   "quarterly", "yearly",
					 "irregular", NULL};
/*
 * The data types of the 2017 guide (数据类型): C 字符型, N 数值型, Y 货币型,
 * D 日期型, T 日期时间型, L 逻辑型, M 备注型, G 通用型, B 双精度型, I 整型,
 * F 浮点型 (the letters of dBase / FoxPro field types: B is a double, not
 * binary).
 */
const char *const cat_item_types[] = {"C", "N", "Y", "D", "T", "L",
				      "M", "G", "B", "I", "F", NULL};

static const char *const entry_order[] = {"type",
					  "code",
					  "name",
					  "provider",
					  "provider_code",
					  "summary",
					  "category",
					  "format",
					  "items",
					  "share_type",
					  "share_condition",
					  "share_basis",
					  "share_method",
					  "open_type",
					  "update_cycle",
					  "published",
					  "related",
					  NULL};

static const char *const item_order[] = {"name",   "type",        "length",
					 "format", "description", NULL};

static const char *const demand_order[] = {"type",  "id",       "unit",
					   "need",  "resource", "items",
					   "basis", "status",   NULL};

bool
cat_in_set(const char *const *set, const char *s)
{
	if (!s)
		return false;
	for (; *set; set++)
		if (strcmp(*set, s) == 0)
			return true;
	return false;
}

const char *
cat_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool
cat_blank(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v || cJSON_IsNull(v))
		return true;
	if (cJSON_IsString(v)) {
		for (const char *p = v->valuestring; *p; p++)
			if (!isspace((unsigned char)*p))
				return false;
		return true;
	}
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) == 0;
	return false;
}

static bool
in_list(const char *const *list, const char *s)
{
	return cat_in_set(list, s);
}

/* Copy obj's fields, those named in order first, then the rest; without
 * those that are null when skip_null. */
static cJSON *
reorder_fields(const cJSON *obj, const char *const *order, bool skip_null)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *f;

	for (const char *const *k = order; *k; k++) {
		f = cJSON_GetObjectItemCaseSensitive(obj, *k);
		if (f && !(skip_null && cJSON_IsNull(f)))
			cJSON_AddItemToObject(out, *k, cJSON_Duplicate(f, 1));
	}
	cJSON_ArrayForEach(f, obj) {
		if (!f->string || in_list(order, f->string))
			continue;
		if (skip_null && cJSON_IsNull(f))
			continue;
		if (cJSON_GetObjectItemCaseSensitive(out, f->string))
			continue;
		cJSON_AddItemToObject(out, f->string, cJSON_Duplicate(f, 1));
	}
	return out;
}

static cJSON *
reorder(const cJSON *obj, const char *const *order)
{
	return reorder_fields(obj, order, false);
}

cJSON *
cat_entry_normalize(const cJSON *entry)
{
	cJSON *tmp = cJSON_Duplicate(entry, 1);
	cJSON *out, *items;

	cJSON_DeleteItemFromObjectCaseSensitive(tmp, "type");
	cJSON_AddStringToObject(tmp, "type", "entry");
	out = reorder(tmp, entry_order);
	cJSON_Delete(tmp);
	items = cJSON_GetObjectItemCaseSensitive(out, "items");
	if (cJSON_IsArray(items)) {
		cJSON *norm = cJSON_CreateArray();
		const cJSON *it;
		cJSON_ArrayForEach(it, items) {
			/* a null member is an absent one, as a field of the
			 * entry set to null is (what cat_entry_full adds) */
			if (cJSON_IsObject(it))
				cJSON_AddItemToArray(
					norm,
					reorder_fields(it, item_order, true));
			else if (cJSON_IsString(it)) {
				cJSON *o = cJSON_CreateObject();
				cJSON_AddStringToObject(o, "name",
							it->valuestring);
				cJSON_AddItemToArray(norm, o);
			} else
				cJSON_AddItemToArray(norm,
						     cJSON_Duplicate(it, 1));
		}
		cJSON_ReplaceItemInObjectCaseSensitive(out, "items", norm);
	}
	return out;
}

/* The information item members the contract names. */
static const char *const item_core[] = {"name", "type", "description", NULL};

cJSON *
cat_entry_full(const cJSON *entry)
{
	cJSON *tmp = cJSON_Duplicate(entry, 1);
	cJSON *items, *it, *next, *out;

	for (const char *const *k = entry_order; *k; k++)
		if (!cJSON_GetObjectItemCaseSensitive(tmp, *k))
			cJSON_AddNullToObject(tmp, *k);
	out = cat_entry_normalize(tmp);
	cJSON_Delete(tmp);
	items = cJSON_GetObjectItemCaseSensitive(out, "items");
	if (!cJSON_IsArray(items))
		return out;
	/* walked by pointer: by index, each step and each replacement
	 * would read the list from its start (40,000 items: minutes) */
	for (it = items->child; it; it = next) {
		next = it->next;
		if (!cJSON_IsObject(it))
			continue;
		for (const char *const *k = item_core; *k; k++)
			if (!cJSON_GetObjectItemCaseSensitive(it, *k))
				cJSON_AddNullToObject(it, *k);
		cJSON_ReplaceItemViaPointer(items, it, reorder(it, item_order));
	}
	return out;
}

int
cat_emit_entry(struct cat_ctx *c, const cJSON *entry)
{
	cJSON *full = cat_entry_full(entry);
	int rc = cat_emit(c, full);

	cJSON_Delete(full);
	return rc;
}

cJSON *
cat_demand_normalize(const cJSON *demand)
{
	cJSON *tmp = cJSON_Duplicate(demand, 1);
	cJSON *out;

	cJSON_DeleteItemFromObjectCaseSensitive(tmp, "type");
	cJSON_AddStringToObject(tmp, "type", "demand");
	out = reorder(tmp, demand_order);
	cJSON_Delete(tmp);
	return out;
}

cJSON *
cat_merge(const cJSON *dst, const cJSON *src)
{
	cJSON *out = cJSON_Duplicate(dst, 1);
	const cJSON *f;

	cJSON_ArrayForEach(f, src) {
		if (!f->string)
			continue;
		cJSON_DeleteItemFromObjectCaseSensitive(out, f->string);
		if (!cJSON_IsNull(f))
			cJSON_AddItemToObject(out, f->string,
					      cJSON_Duplicate(f, 1));
	}
	return out;
}

static void
add_change(cJSON *changes, const char *key, const cJSON *from, const cJSON *to)
{
	cJSON *c = cJSON_CreateObject();

	cJSON_AddItemToObject(c, "from",
			      from ? cJSON_Duplicate(from, 1)
				   : cJSON_CreateNull());
	cJSON_AddItemToObject(c, "to",
			      to ? cJSON_Duplicate(to, 1) : cJSON_CreateNull());
	cJSON_AddItemToObject(changes, key, c);
}

cJSON *
cat_diff(const cJSON *from, const cJSON *to)
{
	cJSON *changes = cJSON_CreateObject();
	const cJSON *f;

	cJSON_ArrayForEach(f, to) {
		if (!f->string || strcmp(f->string, "type") == 0)
			continue;
		const cJSON *old =
			from ? cJSON_GetObjectItemCaseSensitive(from, f->string)
			     : NULL;
		if (old && cJSON_IsNull(old))
			old = NULL;
		if (cJSON_IsNull(f) && !old)
			continue;
		if (!old || !cJSON_Compare(old, f, 1))
			add_change(changes, f->string, old, f);
	}
	if (from) {
		cJSON_ArrayForEach(f, from) {
			if (!f->string || strcmp(f->string, "type") == 0 ||
			    cJSON_IsNull(f))
				continue;
			if (!cJSON_GetObjectItemCaseSensitive(to, f->string))
				add_change(changes, f->string, f, NULL);
		}
	}
	return changes;
}

/*
 * Whether code's CKAN name can be the code itself, lower case with '-'
 * for '/': upper-case letters, digits, '_' and single '/' between them
 * (every valid resource code), 2 to 100 characters.  Back from such a
 * name there is one code, so no two of them share a name.
 */
static bool
slug_plain(const char *code)
{
	size_t n = strlen(code);

	if (n < CKAN_NAME_MIN || n > CKAN_NAME_MAX || code[0] == '/' ||
	    code[n - 1] == '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)code[i];
		if (ch == '/' && code[i + 1] == '/')
			return false;
		if (!(ch >= 'A' && ch <= 'Z') && !isdigit(ch) && ch != '_' &&
		    ch != '/')
			return false;
	}
	return true;
}

bool
cat_is_ckan_name(const char *s)
{
	size_t n = strlen(s);

	if (n < CKAN_NAME_MIN || n > CKAN_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !isdigit((unsigned char)*s) &&
		    *s != '-' && *s != '_')
			return false;
	return true;
}

char *
cat_slug(const char *code)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	struct gk_buf b;
	bool dash = false;

	buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
		unsigned char ch = (unsigned char)tolower(*p);
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_') {
			buf_addc(&b, (char)ch);
			dash = false;
		} else if (!dash && b.len > 0) {
			/* '/', '.', spaces and non-ASCII all become one '-' */
			buf_addc(&b, '-');
			dash = true;
		}
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (slug_plain(code))
		return b.data;
	/*
	 * Any other code loses characters on the way ("人口AB" and "法人AB"
	 * are both "ab", "A.1" and "a-1" both "a-1"): what is left, then
	 * "--" (which no name above holds) and the start of the code's
	 * SHA-256, so that two codes never make one name.
	 */
	if (b.len > SLUG_KEPT) {
		b.len = SLUG_KEPT;
		b.data[b.len] = '\0';
		while (b.len > 0 && b.data[b.len - 1] == '-')
			b.data[--b.len] = '\0';
	}
	if (b.len == 0)
		buf_adds(&b, "res");
	buf_adds(&b, "--");
	if (!EVP_Digest(code, strlen(code), md, &mdlen, EVP_sha256(), NULL))
		abort(); /* as an allocation failure: nothing to name it by */
	for (unsigned int i = 0; i < SLUG_HASH_BYTES && i < mdlen; i++)
		buf_printf(&b, "%02x", md[i]);
	return b.data;
}

struct label {
	const char *field, *value, *zh;
};

static const struct label labels[] = {
	{"share_type", "unconditional", "无条件共享"},
	{"share_type", "conditional", "有条件共享"},
	{"share_type", "none", "不予共享"},
	{"share_method", "api", "接口"},
	{"share_method", "file", "文件"},
	{"share_method", "database", "数据库"},
	{"open_type", "open", "无条件开放"},
	{"open_type", "conditional", "有条件开放"},
	{"open_type", "closed", "不予开放"},
	{"update_cycle", "realtime", "实时"},
	{"update_cycle", "daily", "每日"},
	{"update_cycle", "weekly", "每周"},
	{"update_cycle", "monthly", "每月"},
	{"update_cycle", "quarterly", "每季度"},
	{"update_cycle", "yearly", "每年"},
	{"update_cycle", "irregular", "不定期"},
	{NULL, NULL, NULL},
};

const char *
cat_label_zh(const char *field, const char *value)
{
	if (!value)
		return NULL;
	for (const struct label *l = labels; l->field; l++)
		if (strcmp(l->field, field) == 0 &&
		    strcmp(l->value, value) == 0)
			return l->zh;
	return value;
}

const struct cat_header cat_headers[] = {
	{"code", "信息资源代码"},
	{"name", "信息资源名称"},
	{"provider", "信息资源提供方"},
	{"provider_code", "信息资源提供方代码"},
	{"summary", "信息资源摘要"},
	{"category", "信息资源分类"},
	{"format", "信息资源格式"},
	{"items", "信息项信息"},
	{"share_type", "共享类型"},
	{"share_condition", "共享条件"},
	{"share_basis", "不予共享依据"},
	{"share_method", "共享方式"},
	{"open_type", "开放属性"},
	{"update_cycle", "更新周期"},
	{"published", "发布日期"},
	{"related", "关联资源代码"},
	{NULL, NULL},
};

/* The guide's names of the item data types. */
static const char *const item_type_zh[][2] = {
	{"C", "字符型"},     {"N", "数值型"}, {"Y", "货币型"}, {"D", "日期型"},
	{"T", "日期时间型"}, {"L", "逻辑型"}, {"M", "备注型"}, {"G", "通用型"},
	{"B", "双精度型"},   {"I", "整型"},   {"F", "浮点型"},
};

/* The value a vocabulary's Chinese name stands for, or NULL. */
static const char *
label_value(const char *field, const char *zh)
{
	for (const struct label *l = labels; l->field; l++)
		if (strcmp(l->field, field) == 0 && strcmp(l->zh, zh) == 0)
			return l->value;
	return NULL;
}

const char *
cat_value_of(const char *field, const char *s)
{
	const char *v = s ? label_value(field, s) : NULL;

	return v ? v : s;
}

/* An item type's letter from its letter or its Chinese name, or NULL. */
static const char *
item_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof item_type_zh / sizeof item_type_zh[0];
	     i++)
		for (int j = 0; j < 2; j++)
			if (strlen(item_type_zh[i][j]) == n &&
			    memcmp(item_type_zh[i][j], s, n) == 0)
				return item_type_zh[i][0];
	return NULL;
}

static void
set_string(cJSON *obj, const char *key, const char *value)
{
	cJSON_ReplaceItemInObjectCaseSensitive(obj, key,
					       cJSON_CreateString(value));
}

/* A piece of a list cell: s[0..n) without the blanks around it. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Where the '"' closing a quoted name that opens at s[0] is, a '""' in it
 * being one quote; NULL when nothing closes it before end (NULL: the end
 * of the string). */
static const char *
quote_end(const char *s, const char *end)
{
	for (const char *q = s + 1; end ? q < end : *q != '\0'; q++) {
		if (*q != '"')
			continue;
		if ((end ? q + 1 < end : true) && q[1] == '"')
			q++;
		else
			return q;
	}
	return NULL;
}

/* Whether the '"' at q, in a piece that opens at start with a quoted
 * name, opens a quoted type or length: it comes first in the brackets or
 * after their comma ('(' or ',', ASCII or full-width, and blanks before
 * it). */
static bool
opens_bracket_quote(const char *start, const char *q)
{
	const char *b = q;

	while (b > start && isspace((unsigned char)b[-1]))
		b--;
	return (b - start >= 1 && (b[-1] == '(' || b[-1] == ',')) ||
	       (b - start >= 3 &&
		(!memcmp(b - 3, "（", 3) || !memcmp(b - 3, "，", 3)));
}

/* The next piece of a list cell, up to a ';' or '；' (how a person
 * types it in Chinese); *p is moved past it.  false at the end.  With
 * quotes, a piece opening with '"' runs on past the '"' that closes it,
 * and past the quoted type and length in the brackets after it: a
 * quoted name, code, type or length may hold the separators. */
static bool
next_piece(const char **p, const char **s, size_t *n, bool quotes)
{
	static const char fullwidth_semicolon[] = "\xef\xbc\x9b";
	const char *q = *p, *close;
	bool quoted = false;

	if (!*q)
		return false;
	*s = q;
	while (isspace((unsigned char)*q))
		q++;
	if (quotes && *q == '"' && (close = quote_end(q, NULL))) {
		q = close + 1;
		quoted = true;
	}
	while (*q && *q != ';' &&
	       strncmp(q, fullwidth_semicolon, sizeof fullwidth_semicolon - 1))
		if (quoted && *q == '"' && opens_bracket_quote(*s, q) &&
		    (close = quote_end(q, NULL)))
			q = close + 1;
		else
			q++;
	*n = (size_t)(q - *s);
	if (*q == ';')
		q++;
	else if (*q)
		q += sizeof fullwidth_semicolon - 1;
	*p = q;
	trim(s, n);
	return true;
}

/* s[0..n) when it is one quoted string, a '""' in it one quote: what
 * the quotes hold (caller frees); else NULL. */
static char *
unquote(const char *s, size_t n)
{
	struct gk_buf b;

	if (n < 2 || s[0] != '"' || quote_end(s, s + n) != s + n - 1)
		return NULL;
	buf_init(&b);
	buf_adds(&b, "");
	for (const char *q = s + 1; q < s + n - 1; q++) {
		buf_addc(&b, *q);
		if (*q == '"')
			q++; /* the second of a doubled quote */
	}
	return b.data;
}

/* s in double quotes, a '"' in it doubled, appended to b. */
static void
add_quoted(struct gk_buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Where the last c (ASCII) or w (its full-width form) in s[0..n) starts,
 * and its length in *len; -1 when there is none. */
static long
last_of(const char *s, size_t n, char c, const char *w, size_t *len)
{
	size_t wn = strlen(w);

	for (size_t i = n; i-- > 0;) {
		if (s[i] == c) {
			*len = 1;
			return (long)i;
		}
		if (i + wn <= n && memcmp(s + i, w, wn) == 0) {
			*len = wn;
			return (long)i;
		}
	}
	return -1;
}

/* What the brackets of an item hold, t[0..tn): a type, or a type and a
 * length.  The type is *letter when the guide names it, else
 * (*type, *typen); *length is -1 when there is none.  false when the
 * brackets are no type: empty, a length that is not a number, or a type
 * the guide does not name without a length. */
static bool
bracket_type(const char *t, size_t tn, const char **type, size_t *typen,
	     const char **letter, long *length)
{
	const char *l;
	size_t ln, cl;
	long comma = last_of(t, tn, ',', "，", &cl);

	*length = -1;
	if (comma >= 0) {
		l = t + comma + (long)cl;
		ln = tn - (size_t)comma - cl;
		tn = (size_t)comma;
		trim(&l, &ln);
		char *end;
		if (ln > 0 && isdigit((unsigned char)*l)) {
			errno = 0;
			*length = strtol(l, &end, 10);
			if (end != l + ln || errno == ERANGE)
				*length = -1;
		}
		if (*length < 0)
			return false; /* not (type,length) */
	}
	trim(&t, &tn);
	*letter = item_letter(t, tn);
	*type = t;
	*typen = tn;
	return tn > 0 && (*letter || *length >= 0);
}

/* The item of a name and what its brackets hold. */
static cJSON *
item_new(const char *name, const char *type, size_t typen, const char *letter,
	 long length)
{
	cJSON *it = cJSON_CreateObject();

	cJSON_AddStringToObject(it, "name", name);
	if (type) {
		char *t =
			letter ? NULL : gk_xasprintf("%.*s", (int)typen, type);
		cJSON_AddStringToObject(it, "type", letter ? letter : t);
		free(t);
		if (length >= 0)
			cJSON_AddNumberToObject(it, "length", (double)length);
	}
	return it;
}

/* The length in the brackets after a quoted name, l[0..ln): a number as
 * JSON writes it (18, 10.5, 1e+20), digits typed by hand with leading
 * zeros (007, the whole number the plain form 名称(C,007) reads too), or
 * a quoted string ("18,2"); NULL when it is none of them. */
static cJSON *
quoted_length(const char *l, size_t ln)
{
	char *text = unquote(l, ln);
	cJSON *v = NULL;
	size_t digits, typed = 0; /* typed: the digits l starts with */
	bool whole;

	while (typed < ln && isdigit((unsigned char)l[typed]))
		typed++;
	if (text) {
		v = cJSON_CreateString(text);
	} else if (ln > 0 && (typed == ln || json_number_end(l, ln, 0, &digits,
							     &whole) == ln)) {
		text = gk_xasprintf("%.*s", (int)ln, l);
		double d = strtod(text, NULL);
		if (isfinite(d))
			v = cJSON_CreateNumber(d);
	}
	free(text);
	return v;
}

/* The length of the comma, ASCII or full-width, that s[0..n) starts
 * with; 0 when it starts with none. */
static size_t
comma_len(const char *s, size_t n)
{
	if (n >= 1 && s[0] == ',')
		return 1;
	return n >= 3 && memcmp(s, "，", 3) == 0 ? 3 : 0;
}

/* Where the comma before the length in t[0..tn) starts, its length in
 * *len; -1 when there is none.  The first comma followed by nothing but
 * a quoted string when t ends with one (its own commas are the length's:
 * (,"18,2") written of an item with no type), else the last. */
static long
length_comma(const char *t, size_t tn, size_t *len)
{
	for (size_t i = 0; tn > 0 && t[tn - 1] == '"' && i < tn; i++) {
		size_t cl = comma_len(t + i, tn - i);
		const char *l = t + i + cl;
		size_t ln = tn - i - cl;

		if (!cl)
			continue;
		trim(&l, &ln);
		if (ln >= 2 && l[0] == '"' &&
		    quote_end(l, l + ln) == l + ln - 1) {
			*len = cl;
			return (long)i;
		}
	}
	return last_of(t, tn, ',', "，", len);
}

/*
 * The brackets after a quoted name, t[0..tn) inside them, as the type
 * and length of it: the type whatever it holds, in quotes when it holds
 * what would read otherwise ('"C,1"', '"x;y"', '""'), up to the comma
 * before the length when not quoted (length_comma); after a comma the
 * length (quoted_length); an empty type with a length is none.  false
 * when t is not that shape.
 */
static bool
quoted_bracket(const char *t, size_t tn, cJSON *it)
{
	const char *l = NULL, *close, *letter;
	size_t ln = 0, cl;
	char *type = NULL;
	cJSON *length = NULL;

	trim(&t, &tn);
	if (tn > 0 && t[0] == '"') {
		if (!(close = quote_end(t, t + tn)))
			return false;
		type = unquote(t, (size_t)(close + 1 - t));
		l = close + 1;
		ln = tn - (size_t)(l - t);
		trim(&l, &ln);
		cl = comma_len(l, ln);
		if (ln > 0 && !cl) {
			free(type);
			return false;
		}
		l = ln > 0 ? l + cl : NULL;
		ln = ln > 0 ? ln - cl : 0;
	} else {
		long comma = length_comma(t, tn, &cl);
		if (comma >= 0) {
			l = t + comma + (long)cl;
			ln = tn - (size_t)comma - cl;
			tn = (size_t)comma;
			trim(&t, &tn);
		}
		if (tn > 0)
			type = gk_xasprintf("%.*s", (int)tn, t);
		else if (!l)
			return false; /* () is no type */
	}
	if (l) {
		trim(&l, &ln);
		if (!(length = quoted_length(l, ln))) {
			free(type);
			return false;
		}
	}
	if (type) {
		letter = item_letter(type, strlen(type));
		cJSON_AddStringToObject(it, "type", letter ? letter : type);
		free(type);
	}
	if (length)
		cJSON_AddItemToObject(it, "length", length);
	return true;
}

/*
 * An item written with its name quoted, as the export writes a name the
 * plain form would not give back: "名称;其一"(C,18), "温度(C)", with a
 * '"' in the name doubled.  After the quotes only brackets may come, and
 * they are the type and length whatever they hold (quoted_bracket).
 * NULL when s[0..n) is not that shape.
 */
static cJSON *
item_quoted(const char *s, size_t n)
{
	const char *close;
	size_t rn, ob, cb;
	char *name;
	cJSON *it;

	if (n < 2 || s[0] != '"' || !(close = quote_end(s, s + n)))
		return NULL;
	const char *rest = close + 1;
	rn = n - (size_t)(rest - s);
	trim(&rest, &rn);
	name = unquote(s, (size_t)(close + 1 - s));
	it = cJSON_CreateObject();
	cJSON_AddStringToObject(it, "name", name);
	free(name);
	if (rn > 0) {
		ob = rest[0] == '('                      ? 1
		     : rn >= 3 && !memcmp(rest, "（", 3) ? 3
							 : 0;
		cb = rest[rn - 1] == ')'                          ? 1
		     : rn >= 3 && !memcmp(rest + rn - 3, "）", 3) ? 3
								  : 0;
		if (!ob || !cb || rn < ob + cb ||
		    !quoted_bracket(rest + ob, rn - ob - cb, it)) {
			cJSON_Delete(it);
			return NULL;
		}
	}
	return it;
}

/*
 * One item of 信息项信息 as the export writes it: 名称(C,18), 名称(C) or
 * 名称 (brackets and comma ASCII or full-width), or its name quoted
 * (item_quoted).  The brackets are the type and length when they hold a
 * type the guide names (by letter or name), or any type with a length: a
 * name such as 人口(万人) stays whole.
 */
static cJSON *
item_from_text(const char *s, size_t n)
{
	const char *t = NULL, *type = NULL, *letter = NULL;
	size_t tn = 0, typen = 0, blen;
	long open = -1, length = -1;
	cJSON *it = item_quoted(s, n);

	if (it)
		return it;
	if (n > 0 &&
	    (s[n - 1] == ')' || (n >= 3 && !memcmp(s + n - 3, "）", 3))))
		open = last_of(s, n, '(', "（", &blen);
	if (open > 0) {
		size_t clen = s[n - 1] == ')' ? 1 : 3;
		t = s + open + (long)blen;
		tn = n - clen - (size_t)(open + (long)blen);
		if (!bracket_type(t, tn, &type, &typen, &letter, &length))
			open = -1;
	}
	if (open > 0) {
		size_t nn = (size_t)open;
		trim(&s, &nn);
		n = nn;
	} else {
		type = NULL;
	}
	char *name = gk_xasprintf("%.*s", (int)n, s);
	it = item_new(name, type, typen, letter, length);
	free(name);
	return it;
}

static cJSON *
items_from_text(const char *text)
{
	cJSON *items = cJSON_CreateArray();
	const char *s;
	size_t n;

	while (next_piece(&text, &s, &n, true))
		if (n > 0)
			cJSON_AddItemToArray(items, item_from_text(s, n));
	return items;
}

/* The brackets the export writes after an item's name. */
static void
add_type_text(struct gk_buf *b, const cJSON *it)
{
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(it, "length");

	if (cat_str(it, "type") && cJSON_IsNumber(len))
		buf_printf(b, "(%s,%.0f)", cat_str(it, "type"),
			   len->valuedouble);
	else if (cat_str(it, "type"))
		buf_printf(b, "(%s)", cat_str(it, "type"));
}

/* An item's length as the workbook's text can hold it: a number (not
 * NaN or infinite) or a string; NULL for none or another value. */
static const cJSON *
item_length(const cJSON *it)
{
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(it, "length");

	return (cJSON_IsNumber(len) && isfinite(len->valuedouble)) ||
			       cJSON_IsString(len)
		       ? len
		       : NULL;
}

/* The brackets after a quoted name that give back any type and length
 * (quoted_bracket): the type as it is, or in quotes (quote_type), or
 * nothing when it has none; a length after a comma, a number as JSON
 * writes it, a string in quotes.  false when there is nothing to
 * write. */
static bool
add_quoted_bracket(struct gk_buf *b, const cJSON *it, bool quote_type)
{
	const char *type = cat_str(it, "type");
	const cJSON *len = item_length(it);
	char num[GK_NUMBER_TEXT_MAX];

	if (!type && !len)
		return false;
	buf_addc(b, '(');
	if (type && quote_type)
		add_quoted(b, type);
	else if (type)
		buf_adds(b, type);
	if (len) {
		buf_addc(b, ',');
		if (cJSON_IsString(len)) {
			add_quoted(b, len->valuestring);
		} else {
			gk_number_text(len->valuedouble, num);
			buf_adds(b, num);
		}
	}
	buf_addc(b, ')');
	return true;
}

/* Whether text reads back as the one item it: the same name, type and
 * length; followed in the cell by another item, so that a quote it
 * leaves open (one that would take the next items in) does not read
 * back. */
static bool
reads_back(const char *text, const cJSON *it)
{
	char *cell = gk_xasprintf("%s; \"", text);
	cJSON *items = items_from_text(cell);
	const cJSON *got = cJSON_GetArrayItem(items, 0);
	const char *name = cat_str(it, "name") ? cat_str(it, "name") : "";
	bool same = false;

	if (cJSON_GetArraySize(items) == 2 &&
	    strcmp(cat_str(got, "name"), name) == 0) {
		const char *ta = cat_str(it, "type"),
			   *tb = cat_str(got, "type");
		const cJSON *la = item_length(it), *lb = item_length(got);
		same = (ta ? tb && strcmp(ta, tb) == 0 : !tb) &&
		       (!la || !lb ? la == lb
			: cJSON_IsNumber(la)
				? cJSON_IsNumber(lb) &&
					  la->valuedouble == lb->valuedouble
				: cJSON_IsString(lb) &&
					  strcmp(la->valuestring,
						 lb->valuestring) == 0);
	}
	cJSON_Delete(items);
	free(cell);
	return same;
}

void
cat_item_text(struct gk_buf *b, const cJSON *it)
{
	const char *name = cat_str(it, "name") ? cat_str(it, "name") : "";
	const char *type = cat_str(it, "type");
	struct gk_buf text;

	/* the plainest text that reads back: the name as it is, else
	 * quoted; the brackets as before, else with the length as it is
	 * and the type as it is, else quoted */
	buf_init(&text);
	buf_adds(&text, name);
	add_type_text(&text, it);
	if (reads_back(text.data, it))
		goto out;
	buf_reset(&text);
	add_quoted(&text, name);
	size_t quoted = text.len;
	add_type_text(&text, it);
	if (!strchr(text.data + quoted, '"') && reads_back(text.data, it))
		goto out;
	buf_reset(&text);
	add_quoted(&text, name);
	if (!(type && strchr(type, '"')) &&
	    add_quoted_bracket(&text, it, false) && reads_back(text.data, it))
		goto out;
	buf_reset(&text);
	add_quoted(&text, name);
	add_quoted_bracket(&text, it, true);
out:
	buf_adds(b, text.data);
	buf_release(&text);
}

static cJSON *
codes_from_text(const char *text)
{
	cJSON *codes = cJSON_CreateArray();
	const char *s;
	size_t n;
	char *code;

	while (next_piece(&text, &s, &n, true))
		if (n > 0) {
			code = unquote(s, n);
			if (!code)
				code = gk_xasprintf("%.*s", (int)n, s);
			cJSON_AddItemToArray(codes, cJSON_CreateString(code));
			free(code);
		}
	return codes;
}

char *
cat_code_text(const char *code)
{
	char *cell = gk_xasprintf("%s; \"", code);
	cJSON *codes = codes_from_text(cell);
	const cJSON *got = cJSON_GetArrayItem(codes, 0);
	struct gk_buf b;

	free(cell);
	if (cJSON_GetArraySize(codes) == 2 &&
	    strcmp(got->valuestring, code) == 0) {
		cJSON_Delete(codes);
		return NULL;
	}
	cJSON_Delete(codes);
	buf_init(&b);
	add_quoted(&b, code);
	return b.data;
}

/* The cell of a header, under its field's name; true if rec had it. */
static bool
header_to_field(cJSON *rec, const struct cat_header *h)
{
	cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(rec, h->zh);

	if (!v)
		return false;
	if (cJSON_GetObjectItemCaseSensitive(rec, h->field)) {
		/* both given: the field's own name wins, the cell is kept
		 * as the other members of an entry are */
		cJSON_AddItemToObject(rec, h->zh, v);
		return false;
	}
	if (cJSON_IsString(v) &&
	    v->valuestring[strspn(v->valuestring, " \t\r\n")] == '\0') {
		cJSON_Delete(v);
		v = cJSON_CreateNull(); /* an empty cell: no value */
	} else if (cJSON_IsString(v) && strcmp(h->field, "items") == 0) {
		cJSON *items = items_from_text(v->valuestring);
		cJSON_Delete(v);
		v = items;
	} else if (cJSON_IsString(v) && strcmp(h->field, "related") == 0) {
		cJSON *codes = codes_from_text(v->valuestring);
		cJSON_Delete(v);
		v = codes;
	}
	cJSON_AddItemToObject(rec, h->field, v);
	return true;
}

bool
cat_entry_input(cJSON *rec)
{
	static const char *const vocabularies[] = {"share_type", "share_method",
						   "open_type", "update_cycle",
						   NULL};
	bool sheet_items = false;
	cJSON *it;
	const char *v;

	for (const struct cat_header *h = cat_headers; h->field; h++)
		if (header_to_field(rec, h) && strcmp(h->field, "items") == 0)
			sheet_items = cJSON_IsArray(
				cJSON_GetObjectItemCaseSensitive(rec, "items"));
	for (const char *const *f = vocabularies; *f; f++)
		if ((v = cat_str(rec, *f)) && (v = label_value(*f, v)))
			set_string(rec, *f, v);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "items"))
		if ((v = cat_str(it, "type")) &&
		    (v = item_letter(v, strlen(v))))
			set_string(it, "type", v);
	cat_related_as_list(rec);
	return sheet_items;
}

void
cat_related_as_list(cJSON *rec)
{
	const char *v = cat_str(rec, "related");

	if (v && !cat_blank(rec, "related")) {
		cJSON *codes = cJSON_CreateArray();
		cJSON_AddItemToArray(codes, cJSON_CreateString(v));
		cJSON_ReplaceItemInObjectCaseSensitive(rec, "related", codes);
	}
}

const char *
cat_json_kind(const cJSON *v)
{
	return cJSON_IsNumber(v) || jl_number_text(v) ? "a number"
	       : cJSON_IsBool(v)                      ? "true or false"
	       : cJSON_IsArray(v)                     ? "a list"
	       : cJSON_IsObject(v)                    ? "an object"
	       : cJSON_IsNull(v)                      ? "null"
						      : "text";
}

/* The kind of v when the member may be text (or, with number, a number
 * a double holds: not one past its range, nor a whole number of more
 * than 15 digits, which the reader keeps as its digits and the workbook
 * cannot write); NULL when v is none (absent or null) or fits. */
static const char *
member_misfit(const cJSON *v, bool number)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsString(v) ||
	    (number && cJSON_IsNumber(v) && isfinite(v->valuedouble)))
		return NULL;
	return !number             ? cat_json_kind(v)
	       : jl_number_text(v) ? "a whole number of more than 15 digits"
	       : cJSON_IsNumber(v) ? "a number past a double's range"
				   : cat_json_kind(v);
}

/* cat_entry_misfits' walk: its callback, how many it was told. */
struct misfit_walk {
	cat_misfit_fn fn;
	void *arg;
	int n;
};

/* One misfit to the callback; false when it says stop. */
static bool
tell_misfit(struct misfit_walk *w, const struct cat_misfit *m)
{
	w->n++;
	return w->fn(m, w->arg);
}

/* What does not fit in the list's item number i, to the callback. */
static bool
item_misfits(struct misfit_walk *w, const cJSON *v, int i)
{
	static const char *const members[] = {"name", "type", "length", NULL};
	struct cat_misfit m = {.index = i};
	char what[64];

	if (cJSON_IsString(v))
		return true; /* an item's name (cat_entry_normalize) */
	m.member = what;
	if (!cJSON_IsObject(v)) {
		snprintf(what, sizeof what, "items[%d]", i);
		m.field = "items";
		m.want = "an information item";
		m.kind = cat_json_kind(v);
		return tell_misfit(w, &m);
	}
	m.item = v;
	for (const char *const *k = members; *k; k++) {
		bool number = strcmp(*k, "length") == 0;
		m.kind = member_misfit(cJSON_GetObjectItemCaseSensitive(v, *k),
				       number);
		if (!m.kind)
			continue;
		snprintf(what, sizeof what, "items[%d].%s", i, *k);
		m.field = *k;
		m.want = number ? "a number or text" : "text";
		if (!tell_misfit(w, &m))
			return false;
	}
	return true;
}

/* What does not fit in related, to the callback. */
static bool
related_misfits(struct misfit_walk *w, const cJSON *rel)
{
	struct cat_misfit m = {.field = "related"};
	const cJSON *list, *v;
	char what[64];
	int i = 0;

	if (rel && !cJSON_IsNull(rel) && !cJSON_IsString(rel) &&
	    !cJSON_IsArray(rel)) {
		m.member = "related";
		m.want = "a list of codes";
		m.kind = cat_json_kind(rel);
		return tell_misfit(w, &m);
	}
	m.member = what;
	m.want = "a code (text)";
	list = cJSON_IsArray(rel) ? rel : NULL;
	cJSON_ArrayForEach(v, list) {
		i++;
		if (cJSON_IsString(v))
			continue;
		snprintf(what, sizeof what, "related[%d]", i);
		m.index = i;
		m.kind = cat_json_kind(v);
		if (!tell_misfit(w, &m))
			return false;
	}
	return true;
}

bool
cat_entry_misfits(const cJSON *rec, cat_misfit_fn fn, void *arg)
{
	static const char *const text[] = {"name",          "provider",
					   "provider_code", "summary",
					   "category",      "format",
					   "share_type",    "share_condition",
					   "share_basis",   "share_method",
					   "open_type",     "update_cycle",
					   "published",     NULL};
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(rec, "items");
	struct misfit_walk w = {.fn = fn, .arg = arg};
	struct cat_misfit m = {.want = "text"};
	const cJSON *list, *v;
	int i = 0;

	for (const char *const *f = text; *f; f++) {
		m.kind = member_misfit(
			cJSON_GetObjectItemCaseSensitive(rec, *f), false);
		m.member = m.field = *f;
		if (m.kind && !tell_misfit(&w, &m))
			return false;
	}
	/* (a blank text is no value, as in every field: no items) */
	if (items && !cat_blank(rec, "items") && !cJSON_IsArray(items)) {
		m.member = m.field = "items";
		m.want = "a list of information items";
		m.kind = cat_json_kind(items);
		if (!tell_misfit(&w, &m))
			return false;
	}
	list = cJSON_IsArray(items) ? items : NULL;
	cJSON_ArrayForEach(v, list)
		if (!item_misfits(&w, v, ++i))
			return false;
	if (!related_misfits(&w,
			     cJSON_GetObjectItemCaseSensitive(rec, "related")))
		return false;
	return w.n == 0;
}

/* cat_entry_fits' callback: the first one, said, and stop. */
static bool
first_misfit(const struct cat_misfit *m, void *arg)
{
	buf_printf(arg, "%s must be %s, not %s", m->member, m->want, m->kind);
	return false;
}

bool
cat_entry_fits(const cJSON *rec, struct gk_buf *why)
{
	return cat_entry_misfits(rec, first_misfit, why);
}

void
cat_items_carry(cJSON *rec, const cJSON *old)
{
	const cJSON *old_items = cJSON_GetObjectItemCaseSensitive(old, "items");
	cJSON *items = cJSON_GetObjectItemCaseSensitive(rec, "items");
	struct cat_names index;
	const cJSON **byno;
	const cJSON *o, *m;
	cJSON *it;
	long i = 0, at;

	if (!cJSON_IsArray(old_items) || !cJSON_IsArray(items))
		return;
	/* indexed: an entry may hold 40,000 items */
	cat_names_init(&index);
	byno = gk_xcalloc((size_t)cJSON_GetArraySize(old_items) + 1,
			  sizeof *byno);
	cJSON_ArrayForEach(o, old_items) {
		if (cat_str(o, "name"))
			cat_names_put(&index, cat_str(o, "name"), i);
		byno[i++] = o;
	}
	cJSON_ArrayForEach(it, items) {
		if (!cat_names_find(&index, cat_str(it, "name"), &at))
			continue;
		cJSON_ArrayForEach(m, byno[at])
			if (m->string &&
			    !cJSON_GetObjectItemCaseSensitive(it, m->string) &&
			    strcmp(m->string, "type") != 0 &&
			    strcmp(m->string, "length") != 0)
				cJSON_AddItemToObject(it, m->string,
						      cJSON_Duplicate(m, 1));
	}
	free(byno);
	cat_names_release(&index);
}

const char *
cat_item_schema_type(const char *letter)
{
	static const char *const map[][2] = {
		{"C", "string"},  {"N", "number"},   {"Y", "number"},
		{"D", "date"},    {"T", "datetime"}, {"L", "boolean"},
		{"M", "string"},  {"G", "any"},      {"B", "number"},
		{"I", "integer"}, {"F", "number"},
	};

	if (letter)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(map[i][0], letter) == 0)
				return map[i][1];
	return "string";
}

void
cat_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
