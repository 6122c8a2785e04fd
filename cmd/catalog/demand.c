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
		gk_warn("%s:%ld: items of a demand must be a list of names",
			file, line);
		return GK_EXIT_FOUND;
	}
	if (c->undo && !cat_blank(rec, "id") &&
	    cat_undo_note_demand(c->db, c->undo, cat_str(rec, "id"), &e) < 0) {
		gk_warn("%s:%ld: %s", file, line, e.msg);
		return GK_EXIT_FAIL;
	}
	if (cat_demand_put(c->db, rec, cat_user(c), &action, &stored, &e) !=
	    0) {
		gk_warn("%s:%ld: %s", file, line, e.msg);
		return GK_EXIT_FAIL;
	}
	/* one without an id got a new one: there was nothing of it */
	if (c->undo && cat_blank(rec, "id"))
		cat_undo_note_new_demand(c->undo, cat_str(stored, "id"));
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

/* The name of one of an entry's items: the item, or its "name". */
static const char *
item_name(const cJSON *it)
{
	return cJSON_IsString(it) ? it->valuestring : cat_str(it, "name");
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
		   cat_str(entry, "provider") ? cat_str(entry, "provider")
					      : "");
}

/*
 * The items a demand wants, numbered: want[j] is the j-th string of its
 * list, id[j] the position of the first of the same name.  Whether an
 * entry holds an item, whether a chosen entry covered it, are then marks
 * by id: matching costs the entries' items once and each candidate's
 * hits, not a read through a list for every pair (4,000 entries and a
 * demand of 4,000 items took 107 s).
 */
struct wanted {
	const char **want;
	size_t *id;
	size_t n;
	struct cat_names first; /* name: the j of its first */
	unsigned long *held;    /* id: the candidate scan that found it */
	unsigned long scan;
	bool *covered; /* id: a chosen entry holds it */
};

static void
wanted_init(struct wanted *w, const cJSON *want)
{
	const cJSON *x;
	size_t cap = (size_t)cJSON_GetArraySize(want) + 1;

	memset(w, 0, sizeof *w);
	w->want = gk_xcalloc(cap, sizeof *w->want);
	w->id = gk_xcalloc(cap, sizeof *w->id);
	w->held = gk_xcalloc(cap, sizeof *w->held);
	w->covered = gk_xcalloc(cap, sizeof *w->covered);
	cat_names_init(&w->first);
	cJSON_ArrayForEach(x, want) {
		long first;

		if (!cJSON_IsString(x))
			continue;
		if (!cat_names_put(&w->first, x->valuestring, (long)w->n) &&
		    cat_names_find(&w->first, x->valuestring, &first))
			w->id[w->n] = (size_t)first;
		else
			w->id[w->n] = w->n;
		w->want[w->n++] = x->valuestring;
	}
}

static void
wanted_release(struct wanted *w)
{
	free(w->want);
	free(w->id);
	free(w->held);
	free(w->covered);
	cat_names_release(&w->first);
}

/* An entry that matches a demand: by naming it, or by holding items. */
struct cand {
	const cJSON *e;
	cJSON *hit;     /* demanded items it holds */
	size_t *hit_id; /* their ids (struct wanted) */
	size_t nhit;
	bool by_res;
	bool used;
	bool none, conditional; /* its share type, looked up once */
	bool spent;             /* every hit covered: it adds nothing now */
};

static size_t
new_items(const struct cand *k, const struct wanted *w)
{
	size_t n = 0;

	for (size_t i = 0; i < k->nhit; i++)
		if (!w->covered[k->hit_id[i]])
			n++;
	return n;
}

/* Shareable entries that together meet most of the demand, greedily:
 * most new items first, then the named resource, then unconditional. */
static void
choose(struct cand *k, size_t n, bool any_item, struct wanted *wd,
       cJSON *covered)
{
	if (!any_item) {
		long best = -1;
		for (size_t i = 0; i < n; i++) {
			if (!k[i].by_res || k[i].none)
				continue;
			if (best < 0 ||
			    (k[best].conditional && !k[i].conditional))
				best = (long)i;
		}
		if (best >= 0)
			k[best].used = true;
		return;
	}
	for (;;) {
		long best = -1, best_score = 0;
		for (size_t i = 0; i < n; i++) {
			if (k[i].used || k[i].spent || k[i].none)
				continue;
			long fresh = (long)new_items(&k[i], wd);
			long score = fresh * 4 + (k[i].by_res ? 2 : 0) +
				     (k[i].conditional ? 0 : 1);
			/* what is covered stays covered */
			k[i].spent = fresh == 0;
			if (fresh > 0 && score > best_score) {
				best = (long)i;
				best_score = score;
			}
		}
		if (best < 0)
			return;
		k[best].used = true;
		for (size_t i = 0; i < k[best].nhit; i++) {
			size_t id = k[best].hit_id[i];
			if (wd->covered[id])
				continue;
			wd->covered[id] = true;
			cJSON_AddItemToArray(covered,
					     cJSON_CreateString(wd->want[id]));
		}
	}
}

/* A demand's match as it is worked out. */
struct match {
	const cJSON *demand, *want;
	struct cand *k; /* the entries that match at all */
	size_t n;
	struct wanted wd; /* its items, numbered */
	bool any_item;    /* the demand lists items */
	cJSON *covered;   /* items the chosen entries hold */
	cJSON *missing;   /* items they do not */
	bool used_any;    /* some shareable entry chosen */
	bool cond;        /* one of them only on its share condition */
	bool negative;    /* not-shared entries hold what is missing */
};

/* Mark (wd->held) the wanted items entry e holds; whether it holds any. */
static bool
mark_held(const cJSON *e, struct wanted *wd)
{
	const cJSON *it;
	bool any = false;

	wd->scan++;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "items")) {
		long j;
		if (cat_names_find(&wd->first, item_name(it), &j)) {
			wd->held[j] = wd->scan;
			any = true;
		}
	}
	return any;
}

/* The entries that name the demand's resource or hold items it wants;
 * an entry's hits are in the demand's order, a name it repeats twice. */
static struct cand *
candidates(const cJSON *demand, struct wanted *wd, const cJSON *entries,
	   size_t *n)
{
	size_t cap = (size_t)cJSON_GetArraySize(entries) + 1;
	struct cand *k = gk_xcalloc(cap, sizeof *k);
	const cJSON *e;

	*n = 0;
	cJSON_ArrayForEach(e, entries) {
		bool holds = mark_held(e, wd);
		bool by_res = names_resource(demand, e);
		if (!by_res && !holds)
			continue;
		struct cand *c = &k[(*n)++];
		size_t nhit = 0;
		for (size_t j = 0; holds && j < wd->n; j++)
			nhit += wd->held[wd->id[j]] == wd->scan;
		c->e = e;
		c->by_res = by_res;
		c->none = is_share(e, "none");
		c->conditional = is_share(e, "conditional");
		c->hit = cJSON_CreateArray();
		c->hit_id = gk_xcalloc(nhit + 1, sizeof *c->hit_id);
		for (size_t j = 0; nhit && j < wd->n; j++) {
			if (wd->held[wd->id[j]] != wd->scan)
				continue;
			cJSON_AddItemToArray(c->hit,
					     cJSON_CreateString(wd->want[j]));
			c->hit_id[c->nhit++] = wd->id[j];
		}
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
missing_items(const struct wanted *wd)
{
	cJSON *missing = cJSON_CreateArray();

	for (size_t j = 0; j < wd->n; j++)
		if (!wd->covered[wd->id[j]])
			cJSON_AddItemToArray(missing,
					     cJSON_CreateString(wd->want[j]));
	return missing;
}

/* Mark the not-shared entries that hold what is missing (or are named);
 * whether there are any. */
static bool
mark_not_shared(struct match *m)
{
	bool negative = false;

	for (size_t i = 0; i < m->n; i++) {
		if (!is_share(m->k[i].e, "none"))
			continue;
		bool holds = !m->any_item && m->k[i].by_res;
		/* it holds something missing: a hit no chosen entry covers */
		if (new_items(&m->k[i], &m->wd) > 0)
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

/* The missing items a not-shared entry holds, by name, each once, marked
 * in held (by id); how many.  seen[id] == stamp: named already. */
static size_t
missing_held(const struct cand *k, const struct wanted *wd, bool *held,
	     size_t *seen, size_t stamp, struct gk_buf *names)
{
	size_t n = 0;

	for (size_t i = 0; i < k->nhit; i++) {
		size_t id = k->hit_id[i];
		if (wd->covered[id] || seen[id] == stamp)
			continue;
		seen[id] = stamp;
		held[id] = true;
		if (names)
			buf_printf(names, "%s%s", n ? ", " : "", wd->want[id]);
		n++;
	}
	return n;
}

/*
 * The not-shared entries that hold what is missing, with their basis, and
 * what is missing that no entry holds at all (said as partial says it:
 * the not-shared entries are not the whole reason).
 */
static void
reason_not_shared(struct gk_buf *why, const struct match *m)
{
	const struct wanted *wd = &m->wd;
	bool *held = gk_xcalloc(wd->n + 1, sizeof *held);
	size_t *seen = gk_xcalloc(wd->n + 1, sizeof *seen);
	size_t missing = 0, nowhere = 0;
	bool first = true;

	for (size_t j = 0; j < wd->n; j++)
		if (wd->id[j] == j && !wd->covered[j])
			missing++;
	if (cJSON_GetArraySize(m->covered) > 0) {
		buf_adds(why, "partly met; ");
	}
	for (size_t i = 0; i < m->n; i++) {
		const cJSON *e = m->k[i].e;
		struct gk_buf names;

		if (!m->k[i].used || !is_share(e, "none"))
			continue;
		buf_adds(why, first ? "only " : "; ");
		describe_entry(why, e);
		buf_init(&names);
		if (!m->any_item)
			buf_adds(&names, "it");
		else if (missing_held(&m->k[i], wd, held, seen, i + 1,
				      &names) == missing) {
			buf_reset(&names);
			buf_adds(&names, "what is missing");
		}
		buf_printf(why, " holds %s, not shared: %s",
			   names.data ? names.data : "",
			   cat_str(e, "share_basis") ? cat_str(e, "share_basis")
						     : "no basis given");
		buf_release(&names);
		first = false;
	}
	for (size_t j = 0; j < wd->n; j++) {
		if (wd->id[j] != j || wd->covered[j] || held[j])
			continue;
		buf_adds(why, nowhere++ ? ", "
					: "; no resource in the catalog "
					  "provides ");
		buf_adds(why, wd->want[j]);
	}
	free(held);
	free(seen);
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
	wanted_init(&m.wd, m.want);
	m.k = candidates(demand, &m.wd, entries, &m.n);
	choose(m.k, m.n, m.any_item, &m.wd, m.covered);
	found = candidate_records(&m);
	m.missing = missing_items(&m.wd);
	m.negative = mark_not_shared(&m);
	buf_init(&why);
	status = match_status(&m, &why);
	rec = match_record(demand, status, found, m.missing, &why);
	buf_release(&why);
	for (size_t i = 0; i < m.n; i++) {
		cJSON_Delete(m.k[i].hit);
		free(m.k[i].hit_id);
	}
	free(m.k);
	wanted_release(&m.wd);
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
	cJSON_ArrayForEach(m,
			   cJSON_GetObjectItemCaseSensitive(match, "entries"))
		cJSON_AddItemToArray(codes,
				     cJSON_CreateString(cat_str(m, "code")));
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
	struct demand_walk w = {c,        NULL,       argc, argv,
				as_match, GK_EXIT_OK, false};
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

static const char *
provider_of(const cJSON *e)
{
	return cat_str(e, "provider") ? cat_str(e, "provider") : "";
}

/* One provider's record: its resources, entries in code order. */
static int
emit_provider(struct cat_ctx *c, const cJSON *const *es, size_t n)
{
	static const char *const keep[] = {"code",         "name",
					   "share_type",   "share_method",
					   "update_cycle", NULL};
	cJSON *r = cJSON_CreateObject();
	cJSON *res = cJSON_CreateArray();
	int rc;

	cJSON_AddStringToObject(r, "type", "responsibility");
	cJSON_AddStringToObject(r, "provider", provider_of(es[0]));
	if (cat_str(es[0], "provider_code"))
		cJSON_AddStringToObject(r, "provider_code",
					cat_str(es[0], "provider_code"));
	else
		cJSON_AddNullToObject(r, "provider_code");
	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		for (const char *const *k = keep; *k; k++) {
			const cJSON *v =
				cJSON_GetObjectItemCaseSensitive(es[i], *k);
			cJSON_AddItemToObject(x, *k,
					      v ? cJSON_Duplicate(v, 1)
						: cJSON_CreateNull());
		}
		cJSON_AddItemToArray(res, x);
	}
	cJSON_AddNumberToObject(r, "count", (double)n);
	cJSON_AddItemToObject(r, "resources", res);
	rc = cat_emit(c, r);
	cJSON_Delete(r);
	return rc;
}

/*
 * Providers in order of first appearance (entries are in code order),
 * each with its entries: grouped in one pass, not one pass over the
 * entries per provider.
 */
static int
emit_responsibility(struct cat_ctx *c, const cJSON *entries)
{
	size_t n = (size_t)cJSON_GetArraySize(entries), ng = 0, i = 0;
	const cJSON **by = gk_xcalloc(n + 1, sizeof *by); /* grouped */
	size_t *group = gk_xcalloc(n + 1, sizeof *group); /* of entry i */
	size_t *start = gk_xcalloc(n + 2, sizeof *start); /* of group g */
	struct cat_names seen; /* provider: its group */
	const cJSON *e;
	int rc = 0;

	cat_names_init(&seen);
	cJSON_ArrayForEach(e, entries) {
		long g;
		if (cat_names_put(&seen, provider_of(e), (long)ng))
			g = (long)ng++;
		else
			cat_names_find(&seen, provider_of(e), &g);
		group[i++] = (size_t)g;
		start[g + 1]++;
	}
	for (size_t g = 0; g < ng; g++)
		start[g + 1] += start[g];
	i = 0;
	cJSON_ArrayForEach(e, entries) {
		size_t g = group[i++];
		by[start[g]++] = e;
	}
	/* start[g] is now where group g ends, which is where g + 1 starts */
	for (size_t g = 0, from = 0; g < ng && rc == 0; from = start[g++])
		rc = emit_provider(c, by + from, start[g] - from);
	cat_names_release(&seen);
	free(by);
	free(group);
	free(start);
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
		static const char *const keep[] = {
			"code",          "name",        "provider",
			"provider_code", "share_basis", NULL};
		cJSON_AddStringToObject(r, "type", "negative");
		for (const char *const *k = keep; *k; k++) {
			const cJSON *v =
				cJSON_GetObjectItemCaseSensitive(e, *k);
			cJSON_AddItemToObject(r, *k,
					      v ? cJSON_Duplicate(v, 1)
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
