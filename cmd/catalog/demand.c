/*
 * demand.c: the demand list (需求清单), matching demands to catalog
 * entries by resource and by information items, and the three lists
 * (三清单): responsibility, demand, negative.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

/* ---- demand add / list -------------------------------------------- */

static int
demand_add_one(struct cat_ctx *c, cJSON *rec, const char *file, long line,
	       void *arg)
{
	const char *type = cat_str(rec, "type");
	const char *action;
	cJSON *stored = NULL;
	struct gk_err e;
	int rc = GK_EXIT_OK;

	(void)arg;
	if (type && strcmp(type, "demand") != 0)
		return GK_EXIT_OK;
	if (cat_blank(rec, "unit") || cat_blank(rec, "need")) {
		gk_warn("%s:%ld: a demand needs its unit and need", file, line);
		return GK_EXIT_FOUND;
	}
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(rec, "items");
	if (items && !cJSON_IsNull(items) && !cJSON_IsArray(items)) {
		gk_warn("%s:%ld: items of a demand must be a list of names", file,
			line);
		return GK_EXIT_FOUND;
	}
	if (cat_demand_put(c->db, rec, cat_user(c), &action, &stored, &e) != 0) {
		gk_warn("%s:%ld: %s", file, line, e.msg);
		return GK_EXIT_FAIL;
	}
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "type", "change");
	cJSON_AddStringToObject(out, "demand", cat_str(stored, "id"));
	cJSON_AddStringToObject(out, "action", action);
	if (cat_emit(c, out) != 0)
		rc = -1; /* the output is gone: stop reading */
	cJSON_Delete(out);
	cJSON_Delete(stored);
	return rc;
}

/* ---- matching ----------------------------------------------------- */

static int
collect_entry(const cJSON *entry, void *arg)
{
	cJSON_AddItemToArray(arg, cJSON_Duplicate(entry, 1));
	return 0;
}

static cJSON *
load_entries(struct cat_ctx *c)
{
	cJSON *all = cJSON_CreateArray();
	struct gk_err e;

	if (cat_entry_each(c->db, NULL, collect_entry, all, &e) < 0) {
		gk_warn_err(&e);
		cJSON_Delete(all);
		return NULL;
	}
	return all;
}

static bool
entry_has_item(const cJSON *entry, const char *name)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(entry, "items")) {
		const char *n = cJSON_IsString(it) ? it->valuestring
						   : cat_str(it, "name");
		if (n && strcmp(n, name) == 0)
			return true;
	}
	return false;
}

static bool
is_share(const cJSON *entry, const char *type)
{
	const char *s = cat_str(entry, "share_type");

	return s && strcmp(s, type) == 0;
}

/* The demand names the resource: by its code, or by its name. */
static bool
names_resource(const cJSON *demand, const cJSON *entry)
{
	const char *res = cat_str(demand, "resource");
	const char *code = cat_str(entry, "code");
	const char *name = cat_str(entry, "name");
	const char *need = cat_str(demand, "need");

	if (res && *res)
		return code && (strcmp(res, code) == 0 ||
				(name && strcmp(res, name) == 0));
	return need && name && *name && *need &&
	       (strstr(need, name) || strstr(name, need));
}

static bool
in_strings(const cJSON *arr, const char *s)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, arr)
		if (cJSON_IsString(x) && strcmp(x->valuestring, s) == 0)
			return true;
	return false;
}

static void
join(struct gk_buf *b, const cJSON *arr)
{
	const cJSON *x;
	bool first = true;

	cJSON_ArrayForEach(x, arr) {
		if (!cJSON_IsString(x))
			continue;
		buf_printf(b, "%s%s", first ? "" : ", ", x->valuestring);
		first = false;
	}
}

static void
describe_entry(struct gk_buf *b, const cJSON *entry)
{
	buf_printf(b, "'%s' (%s, %s)", cat_str(entry, "code"),
		   cat_str(entry, "name") ? cat_str(entry, "name") : "",
		   cat_str(entry, "provider") ? cat_str(entry, "provider") : "");
}

/* An entry that matches a demand: by naming it, or by holding items. */
struct cand {
	const cJSON *e;
	cJSON *hit;   /* demanded items it holds */
	bool by_res;
	bool used;
};

static size_t
new_items(const struct cand *k, const cJSON *covered)
{
	const cJSON *w;
	size_t n = 0;

	cJSON_ArrayForEach(w, k->hit)
		if (!in_strings(covered, w->valuestring))
			n++;
	return n;
}

/* Shareable entries that together meet most of the demand, greedily:
 * most new items first, then the named resource, then unconditional. */
static void
choose(struct cand *k, size_t n, bool any_item, cJSON *covered)
{
	const cJSON *w;

	if (!any_item) {
		long best = -1;
		for (size_t i = 0; i < n; i++) {
			if (!k[i].by_res || is_share(k[i].e, "none"))
				continue;
			if (best < 0 || (is_share(k[best].e, "conditional") &&
					 !is_share(k[i].e, "conditional")))
				best = (long)i;
		}
		if (best >= 0)
			k[best].used = true;
		return;
	}
	for (;;) {
		long best = -1, best_score = 0;
		for (size_t i = 0; i < n; i++) {
			if (k[i].used || is_share(k[i].e, "none"))
				continue;
			long fresh = (long)new_items(&k[i], covered);
			long score = fresh * 4 + (k[i].by_res ? 2 : 0) +
				     (is_share(k[i].e, "conditional") ? 0 : 1);
			if (fresh > 0 && score > best_score) {
				best = (long)i;
				best_score = score;
			}
		}
		if (best < 0)
			return;
		k[best].used = true;
		cJSON_ArrayForEach(w, k[best].hit)
			if (!in_strings(covered, w->valuestring))
				cJSON_AddItemToArray(covered,
						     cJSON_CreateString(w->valuestring));
	}
}

/* A demand's match as it is worked out. */
struct match {
	const cJSON *demand, *want;
	struct cand *k; /* the entries that match at all */
	size_t n;
	bool any_item;  /* the demand lists items */
	cJSON *covered; /* items the chosen entries hold */
	cJSON *missing; /* items they do not */
	bool used_any;  /* some shareable entry chosen */
	bool cond;      /* one of them only on its share condition */
	bool negative;  /* not-shared entries hold what is missing */
};

/* The entries that name the demand's resource or hold items it wants. */
static struct cand *
candidates(const cJSON *demand, const cJSON *want, const cJSON *entries,
	   size_t *n)
{
	size_t cap = (size_t)cJSON_GetArraySize(entries) + 1;
	struct cand *k = gk_xcalloc(cap, sizeof *k);
	const cJSON *e, *w;

	*n = 0;
	cJSON_ArrayForEach(e, entries) {
		cJSON *hit = cJSON_CreateArray();
		cJSON_ArrayForEach(w, want)
			if (cJSON_IsString(w) && entry_has_item(e, w->valuestring))
				cJSON_AddItemToArray(hit,
						     cJSON_CreateString(w->valuestring));
		bool by_res = names_resource(demand, e);
		if (!by_res && cJSON_GetArraySize(hit) == 0) {
			cJSON_Delete(hit);
			continue;
		}
		k[*n].e = e;
		k[*n].hit = hit;
		k[*n].by_res = by_res;
		(*n)++;
	}
	return k;
}

static cJSON *
candidate_record(const struct cand *c)
{
	cJSON *m = cJSON_CreateObject();
	const char *s;

	cJSON_AddStringToObject(m, "code", cat_str(c->e, "code"));
	s = cat_str(c->e, "name");
	cJSON_AddStringToObject(m, "name", s ? s : "");
	s = cat_str(c->e, "provider");
	cJSON_AddStringToObject(m, "provider", s ? s : "");
	s = cat_str(c->e, "share_type");
	cJSON_AddStringToObject(m, "share_type", s ? s : "");
	cJSON_AddStringToObject(m, "by", c->by_res ? "resource" : "items");
	cJSON_AddItemToObject(m, "items", cJSON_Duplicate(c->hit, 1));
	cJSON_AddBoolToObject(m, "used", c->used);
	return m;
}

/* The candidates as the match record lists them; notes whether any was
 * chosen, and any of those only on a condition. */
static cJSON *
candidate_records(struct match *m)
{
	cJSON *found = cJSON_CreateArray();

	for (size_t i = 0; i < m->n; i++) {
		cJSON_AddItemToArray(found, candidate_record(&m->k[i]));
		if (m->k[i].used) {
			m->used_any = true;
			if (is_share(m->k[i].e, "conditional"))
				m->cond = true;
		}
	}
	return found;
}

static cJSON *
missing_items(const cJSON *want, const cJSON *covered)
{
	cJSON *missing = cJSON_CreateArray();
	const cJSON *w;

	cJSON_ArrayForEach(w, want)
		if (cJSON_IsString(w) && !in_strings(covered, w->valuestring))
			cJSON_AddItemToArray(missing,
					     cJSON_CreateString(w->valuestring));
	return missing;
}

/* Mark the not-shared entries that hold what is missing (or are named);
 * whether there are any. */
static bool
mark_not_shared(struct match *m)
{
	bool negative = false;
	const cJSON *w;

	for (size_t i = 0; i < m->n; i++) {
		if (!is_share(m->k[i].e, "none"))
			continue;
		bool holds = !m->any_item && m->k[i].by_res;
		cJSON_ArrayForEach(w, m->missing)
			if (entry_has_item(m->k[i].e, w->valuestring))
				holds = true;
		m->k[i].used = holds;
		if (holds)
			negative = true;
	}
	return negative;
}

/* The shared entries used, with their conditions. */
static void
reason_met(struct gk_buf *why, const struct match *m)
{
	bool first = true;

	for (size_t i = 0; i < m->n; i++) {
		const cJSON *e = m->k[i].e;

		if (!m->k[i].used || is_share(e, "none"))
			continue;
		buf_adds(why, first ? "met by " : "; ");
		describe_entry(why, e);
		if (is_share(e, "conditional"))
			buf_printf(why, " on condition: %s",
				   cat_str(e, "share_condition")
					   ? cat_str(e, "share_condition")
					   : "none stated");
		first = false;
	}
}

/* The not-shared entries that hold what is missing, with their basis. */
static void
reason_not_shared(struct gk_buf *why, const struct match *m)
{
	bool first = true;

	if (cJSON_GetArraySize(m->covered) > 0) {
		buf_adds(why, "partly met; ");
	}
	for (size_t i = 0; i < m->n; i++) {
		const cJSON *e = m->k[i].e;

		if (!m->k[i].used || !is_share(e, "none"))
			continue;
		buf_adds(why, first ? "only " : "; ");
		describe_entry(why, e);
		buf_printf(why, " holds %s, not shared: %s",
			   m->any_item ? "what is missing" : "it",
			   cat_str(e, "share_basis")
				   ? cat_str(e, "share_basis")
				   : "no basis given");
		first = false;
	}
}

/* Nothing in the catalog for the demand: what it asked for. */
static void
reason_unsatisfied(struct gk_buf *why, const struct match *m)
{
	const char *res = cat_str(m->demand, "resource");

	if (res && *res)
		buf_printf(why, "resource '%s' is not in the catalog", res);
	else if (m->any_item) {
		buf_adds(why, "no resource in the catalog provides ");
		join(why, m->want);
	} else
		buf_printf(why, "no resource in the catalog matches '%s'",
			   cat_str(m->demand, "need"));
}

/* The match's status (see match_demand), its reason into why. */
static const char *
match_status(const struct match *m, struct gk_buf *why)
{
	if (m->used_any && cJSON_GetArraySize(m->missing) == 0) {
		reason_met(why, m);
		return m->cond ? "conditional" : "satisfied";
	}
	if (m->negative) {
		reason_not_shared(why, m);
		return "negative";
	}
	if (cJSON_GetArraySize(m->covered) > 0) {
		buf_adds(why, "no resource in the catalog provides ");
		join(why, m->missing);
		return "partial";
	}
	reason_unsatisfied(why, m);
	return "unsatisfied";
}

static cJSON *
match_record(const cJSON *demand, const char *status, cJSON *found,
	     cJSON *missing, const struct gk_buf *why)
{
	cJSON *rec = cJSON_CreateObject();

	cJSON_AddStringToObject(rec, "type", "match");
	cJSON_AddStringToObject(rec, "demand", cat_str(demand, "id"));
	cJSON_AddStringToObject(rec, "unit", cat_str(demand, "unit"));
	cJSON_AddStringToObject(rec, "need", cat_str(demand, "need"));
	cJSON_AddStringToObject(rec, "status", status);
	cJSON_AddItemToObject(rec, "entries", found);
	cJSON_AddItemToObject(rec, "missing", missing);
	cJSON_AddStringToObject(rec, "reason", why->data ? why->data : "");
	return rec;
}

/*
 * A match record for one demand.  Status: satisfied (every need met by
 * unconditionally shared entries), conditional (met, some only on their
 * share condition), partial (some items met), negative (what is missing
 * is held only by resources not shared), unsatisfied (nothing in the
 * catalog).  The reason names the entries used, or what is missing.
 */
static cJSON *
match_demand(const cJSON *demand, const cJSON *entries)
{
	struct match m = {0};
	struct gk_buf why;
	const char *status;
	cJSON *found, *rec;

	m.demand = demand;
	m.want = cJSON_GetObjectItemCaseSensitive(demand, "items");
	m.any_item = cJSON_GetArraySize(m.want) > 0;
	m.covered = cJSON_CreateArray();
	m.k = candidates(demand, m.want, entries, &m.n);
	choose(m.k, m.n, m.any_item, m.covered);
	found = candidate_records(&m);
	m.missing = missing_items(m.want, m.covered);
	m.negative = mark_not_shared(&m);
	buf_init(&why);
	status = match_status(&m, &why);
	rec = match_record(demand, status, found, m.missing, &why);
	buf_release(&why);
	for (size_t i = 0; i < m.n; i++)
		cJSON_Delete(m.k[i].hit);
	free(m.k);
	cJSON_Delete(m.covered);
	return rec;
}

/* The demand record of the lists: the demand with its computed status. */
static cJSON *
demand_with_status(const cJSON *demand, const cJSON *match)
{
	cJSON *d = cJSON_Duplicate(demand, 1);
	cJSON *codes = cJSON_CreateArray();
	const cJSON *m;

	cJSON_DeleteItemFromObjectCaseSensitive(d, "status");
	cJSON_AddStringToObject(d, "status", cat_str(match, "status"));
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(match, "entries"))
		cJSON_AddItemToArray(codes, cJSON_CreateString(cat_str(m, "code")));
	cJSON_AddItemToObject(d, "matched", codes);
	cJSON_AddStringToObject(d, "reason", cat_str(match, "reason"));
	cJSON *out = cat_demand_normalize(d);
	cJSON_Delete(d);
	return out;
}

struct demand_walk {
	struct cat_ctx *c;
	cJSON *entries;
	int argc;
	char **argv;
	bool as_match;
	int rc;
	bool stopped; /* the output is gone */
};

static int
walk_demand(const cJSON *demand, void *arg)
{
	struct demand_walk *w = arg;
	cJSON *m, *out;
	int r;

	if (w->argc > 0) {
		bool want = false;
		for (int i = 0; i < w->argc; i++)
			if (strcmp(w->argv[i], cat_str(demand, "id")) == 0)
				want = true;
		if (!want)
			return 0;
	}
	m = match_demand(demand, w->entries);
	out = w->as_match ? m : demand_with_status(demand, m);
	r = cat_emit(w->c, out);
	if (out != m)
		cJSON_Delete(out);
	cJSON_Delete(m);
	if (r != 0)
		w->stopped = true;
	return r != 0 ? 1 : 0;
}

static int
walk_demands(struct cat_ctx *c, int argc, char **argv, bool as_match)
{
	struct demand_walk w = {c, NULL, argc, argv, as_match, GK_EXIT_OK,
				false};
	struct gk_err e;

	w.entries = load_entries(c);
	if (!w.entries)
		return GK_EXIT_FAIL;
	if (cat_demand_each(c->db, walk_demand, &w, &e) < 0 && w.rc == 0) {
		gk_warn_err(&e);
		w.rc = GK_EXIT_FAIL;
	}
	cJSON_Delete(w.entries);
	return w.rc;
}

int
cmd_demand(struct cat_ctx *c, int argc, char **argv)
{
	if (argc == 0)
		return gk_usage_error("demand needs 'add' or 'list'");
	if (strcmp(argv[0], "list") == 0) {
		if (cat_db_read(c) != 0)
			return GK_EXIT_FAIL;
		return walk_demands(c, argc - 1, argv + 1, false);
	}
	if (strcmp(argv[0], "add") != 0)
		return gk_usage_error("unknown demand command '%s'", argv[0]);
	return cat_read_batch(c, argc - 1, argv + 1, demand_add_one);
}

int
cmd_match(struct cat_ctx *c, int argc, char **argv)
{
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	return walk_demands(c, argc, argv, true);
}

/* ---- the three lists ---------------------------------------------- */

static int
emit_responsibility(struct cat_ctx *c, const cJSON *entries)
{
	cJSON *done = cJSON_CreateArray();
	const cJSON *e, *f;
	int rc = 0;

	/* Providers in order of first appearance (entries are in code order). */
	cJSON_ArrayForEach(e, entries) {
		const char *prov = cat_str(e, "provider") ? cat_str(e, "provider")
							  : "";
		if (in_strings(done, prov))
			continue;
		cJSON_AddItemToArray(done, cJSON_CreateString(prov));
		cJSON *r = cJSON_CreateObject();
		cJSON *res = cJSON_CreateArray();
		cJSON_AddStringToObject(r, "type", "responsibility");
		cJSON_AddStringToObject(r, "provider", prov);
		if (cat_str(e, "provider_code"))
			cJSON_AddStringToObject(r, "provider_code",
						cat_str(e, "provider_code"));
		else
			cJSON_AddNullToObject(r, "provider_code");
		cJSON_ArrayForEach(f, entries) {
			const char *p2 = cat_str(f, "provider") ? cat_str(f, "provider")
								: "";
			if (strcmp(p2, prov) != 0)
				continue;
			cJSON *x = cJSON_CreateObject();
			static const char *const keep[] = {
				"code", "name", "share_type", "share_method",
				"update_cycle", NULL};
			for (const char *const *k = keep; *k; k++) {
				const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, *k);
				cJSON_AddItemToObject(x, *k,
						      v ? cJSON_Duplicate(v, 1)
							: cJSON_CreateNull());
			}
			cJSON_AddItemToArray(res, x);
		}
		cJSON_AddNumberToObject(r, "count", cJSON_GetArraySize(res));
		cJSON_AddItemToObject(r, "resources", res);
		rc = cat_emit(c, r);
		cJSON_Delete(r);
		if (rc != 0)
			break;
	}
	cJSON_Delete(done);
	return rc;
}

static int
emit_negative(struct cat_ctx *c, const cJSON *entries)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, entries) {
		if (!is_share(e, "none"))
			continue;
		cJSON *r = cJSON_CreateObject();
		static const char *const keep[] = {"code", "name", "provider",
						   "provider_code", "share_basis",
						   NULL};
		cJSON_AddStringToObject(r, "type", "negative");
		for (const char *const *k = keep; *k; k++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, *k);
			cJSON_AddItemToObject(r, *k, v ? cJSON_Duplicate(v, 1)
						       : cJSON_CreateNull());
		}
		int rc = cat_emit(c, r);
		cJSON_Delete(r);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
cmd_lists(struct cat_ctx *c, int argc, char **argv)
{
	cJSON *entries;
	int rc = GK_EXIT_OK;

	(void)argv;
	if (argc > 0)
		return gk_usage_error("lists takes no arguments");
	if (cat_db_read(c) != 0)
		return GK_EXIT_FAIL;
	entries = load_entries(c);
	if (!entries)
		return GK_EXIT_FAIL;
	/* A write error stops the lists; the close reports a real one. */
	if (emit_responsibility(c, entries) == 0 &&
	    (rc = walk_demands(c, 0, NULL, false)) == GK_EXIT_OK &&
	    !ferror(c->fp))
		emit_negative(c, entries);
	cJSON_Delete(entries);
	return rc;
}
