#include <time.h>
/*
 * load.c: reading tenders.  govkit `tender` records and OCDS compiled
 * releases (with the bids extension) both become rawtenders for
 * tender_add() and a Cardinal view of the release for cardinal_fold().
 * What cannot be used is reported, never silently mixed: bids in another
 * currency, bids without a price or a bidder, unknown statuses.
 */
#include "bid.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void
gkval_of(const cJSON *v, struct gkval *out)
{
	out->type = v->type & 0xFF;
	out->s = v->valuestring;
	out->d = v->valuedouble;
}

/* A string, or a number's text (ids may be numbers), in the record's
 * arena (the parser's, fj_alloc). */
static const char *
gk_id(const struct gkval *v)
{
	char num[32];

	if (v->type == cJSON_String)
		return v->s;
	if (v->type != cJSON_Number)
		return NULL;
	snprintf(num, sizeof num, "%.17g", v->d);
	return fj_strdup(num);
}

/* The same of a node (NULL: none). */
static const char *
jid(const cJSON *v)
{
	struct gkval g = {0};

	if (v)
		gkval_of(v, &g);
	return gk_id(&g);
}

static bool
jnum(const cJSON *o, const char *k, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	/* 1e400 parses as infinity: no amount, not an endless one */
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return false;
	*out = v->valuedouble;
	return true;
}

static const cJSON *
jobj(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsObject(v) ? v : NULL;
}

static const cJSON *
jarr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsArray(v) ? v : NULL;
}

static int32_t
jdate(const char *s)
{
	struct gk_date d;
	if (!s || strlen(s) < 10 || date_parse(s, 10, &d) != 0)
		return NO_DATE;
	return (int32_t)date_to_days(&d);
}

static void
rt_reserve(struct rawtender *rt, size_t n)
{
	if (n > rt->capb) {
		rt->capb = n * 2;
		rt->b = gk_xrealloc(rt->b, rt->capb * sizeof *rt->b);
	}
}

struct loader {
	struct market *m;
	const char *name;
	uint32_t file;
	long line;
	struct rawtender rt;
	struct crelease cr;
	size_t capcb;
	const char **strs; /* tenderer id slots for the Cardinal view */
	struct gkrec rec;  /* a govkit line only cJSON took */
	size_t nstrs, capstrs;
	/* the next record's bids, their lines asked for (gkview_prefetch);
	 * their bidders' slots are asked for once those lines are in */
	const struct rawtender *prefetch_next;
};

static void lwarn(struct loader *L, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
lwarn(struct loader *L, const char *id, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	market_vwarn(L->m, L->name, L->line, id, fmt, ap);
	va_end(ap);
}

static const char **
strs_alloc(struct loader *L, size_t n)
{
	if (L->nstrs + n > L->capstrs) {
		/* the block was sized for the record; past it, a block of its
		 * own, freed with the record */
		const char **blk = fj_alloc((n + 1) * sizeof *blk);
		memset(blk, 0, (n + 1) * sizeof *blk);
		return blk;
	}
	const char **p = L->strs + L->nstrs;
	L->nstrs += n;
	return p;
}

static void
cr_reserve(struct loader *L, size_t nb, size_t nstr)
{
	if (nb > L->capcb) {
		L->capcb = nb * 2;
		L->cr.b = gk_xrealloc(L->cr.b, L->capcb * sizeof *L->cr.b);
	}
	if (nstr > L->capstrs) {
		L->capstrs = nstr * 2;
		L->strs = gk_xrealloc(L->strs, L->capstrs * sizeof *L->strs);
	}
	L->nstrs = 0;
}

/* A bid's status as a Chinese trading centre's export writes it: 有效
 * (合格), 无效 (否决, 被否决, 不合格, 废标, 作废: a bid rejected, Art. 51 of
 * the Regulations), 撤回 (已撤回, 撤销). */
static const struct {
	const char *word;
	enum bstatus status;
} bstatus_zh[] = {
	{"有效", BS_VALID},     {"合格", BS_VALID},
	{"无效", BS_DISQ},      {"否决", BS_DISQ},
	{"被否决", BS_DISQ},    {"不合格", BS_DISQ},
	{"废标", BS_DISQ},      {"作废", BS_DISQ},
	{"撤回", BS_WITHDRAWN}, {"已撤回", BS_WITHDRAWN},
	{"撤销", BS_WITHDRAWN},
};

/* Is s "valid", the usual status?  Without a call: a byte at a time up
 * to the first that differs. */
static inline bool
is_valid_word(const char *s)
{
	return s[0] == 'v' && s[1] == 'a' && s[2] == 'l' && s[3] == 'i' &&
	       s[4] == 'd' && s[5] == '\0';
}

static enum bstatus
bstatus_of(const char *s, bool *known)
{
	*known = true;
	if (!s || is_valid_word(s))
		return BS_VALID;
	if (strcmp(s, "disqualified") == 0)
		return BS_DISQ;
	if (strcmp(s, "withdrawn") == 0)
		return BS_WITHDRAWN;
	if (strcmp(s, "invited") == 0 || strcmp(s, "pending") == 0)
		return BS_OTHER;
	for (size_t i = 0; i < sizeof bstatus_zh / sizeof bstatus_zh[0]; i++)
		if (strcmp(s, bstatus_zh[i].word) == 0)
			return bstatus_zh[i].status;
	*known = false;
	return BS_OTHER;
}

static enum cstat
cstat_of(const char *s)
{
	if (!s)
		return CS_NONE;
	if (strcmp(s, "valid") == 0)
		return CS_VALID;
	if (strcmp(s, "disqualified") == 0)
		return CS_DISQ;
	if (strcmp(s, "withdrawn") == 0)
		return CS_WITHDRAWN;
	if (strcmp(s, "invited") == 0)
		return CS_INVITED;
	if (strcmp(s, "pending") == 0)
		return CS_PENDING;
	return CS_OTHER;
}

static void
read_keys(const cJSON *bid, struct rawbid *rb)
{
	rb->key = fj_alloc(NKEYS * sizeof *rb->key);
	for (int k = 0; k < NKEYS; k++)
		rb->key[k] = NULL;
	rb->submitted = NAN;
	rb->submitted_zoned = false;
	for (const cJSON *f = bid->child; f; f = f->next) {
		int id;
		if (!cJSON_IsString(f))
			continue;
		id = fj_key(f->string);
		if (id >= FJK_DOC_AUTHOR && id <= FJK_CA_SERIAL)
			rb->key[id - FJK_DOC_AUTHOR] = f->valuestring;
		else if (id == FJK_SUBMITTED_AT)
			rb->submitted = parse_datetime(f->valuestring,
						       &rb->submitted_zoned);
	}
}

static size_t
finish(struct loader *L, struct rawtender *rt, const struct cresult *res)
{
	size_t ti = tender_add(L->m, rt, L->file, L->line);
	cardinal_attach(L->m, ti, res);
	return ti;
}

/* ---------------------------------------------------------------- */
/* govkit tender records                                             */
/* ---------------------------------------------------------------- */

/*
 * A govkit record is read in two steps.  govkit_extract() takes what the
 * tender and its bids say, with the warnings to print, into a view whose
 * memory is the parser's arena: it runs on the reader thread, beside the
 * main one, while the record's nodes are still in that core's cache.
 * govkit_store() then prints the warnings and stores the tender in the
 * market, on the main thread, in input order.
 */
struct gkwarn {
	struct gkwarn *next;
	const char *id; /* the tender, when known */
	char msg[];
};

struct gkview {
	bool other;          /* not a tender record: it passes by */
	struct rawtender rt; /* rt.id NULL: not usable (a warning says why) */
	const char *pmd, *method, *cur;
	struct gkwarn *warn, **warn_tail;
};

static void gkwarn(struct gkview *g, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
gkwarn(struct gkview *g, const char *id, const char *fmt, ...)
{
	va_list ap, again;
	int len;
	struct gkwarn *w;

	/* the whole message, however long: one cut in the middle of a
	 * resident ID would leave digits the masking no longer knows */
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	w = fj_alloc(sizeof *w + (size_t)len + 1);
	vsnprintf(w->msg, (size_t)len + 1, fmt, again);
	va_end(again);
	w->next = NULL;
	w->id = id;
	*g->warn_tail = w;
	g->warn_tail = &w->next;
}

/* The hashes of a bid read from a tree (fastjson makes them as it reads
 * the strings). */
static void
gkbidv_hash(struct gkbidv *b)
{
	if (b->bidder.type == cJSON_String) {
		b->bidder_len = strlen(b->bidder.s);
		b->bidder_hash = hash_bytes(b->bidder.s, b->bidder_len);
	}
	b->key_set = keys_hash(b->key, b->key_hash);
}

static void
submitted_set(struct gkbidv *b, const char *s)
{
	b->submitted = s;
	b->submitted_len = strlen(s);
}

void
gkrec_from_tree(const cJSON *rec, struct gkrec *r)
{
	const cJSON *bids = NULL;

	memset(r->item, 0, sizeof r->item);
	r->nbids = 0;
	/* each known key's first member, as cJSON_GetObjectItem finds it */
	for (const cJSON *f = rec->child; f; f = f->next) {
		int k = fj_key(f->string);
		if (k == FJK_OTHER || r->item[k].type)
			continue;
		gkval_of(f, &r->item[k]);
		if (k == FJK_BIDS)
			bids = f;
	}
	if (!cJSON_IsArray(bids))
		return;
	for (const cJSON *e = bids->child; e; e = e->next) {
		struct gkbidv *b = gkrec_bid(r);
		if (!cJSON_IsObject(e))
			continue;
		b->object = true;
		/* the last of a key twice counts */
		for (const cJSON *f = e->child; f; f = f->next) {
			int id = fj_key(f->string);
			if (id == FJK_BIDDER)
				gkval_of(f, &b->bidder);
			else if (id == FJK_PRICE && cJSON_IsNumber(f) &&
				 isfinite(f->valuedouble))
				b->price = f->valuedouble;
			else if (id == FJK_PRICE && !cJSON_IsNull(f))
				b->price_bad = f->type & 0xFF;
			else if (!cJSON_IsString(f))
				continue;
			else if (id >= FJK_DOC_AUTHOR && id <= FJK_CA_SERIAL)
				b->key[id - FJK_DOC_AUTHOR] = f->valuestring;
			else if (id == FJK_STATUS)
				b->status = f->valuestring;
			else if (id == FJK_CURRENCY)
				b->currency = f->valuestring;
			else if (id == FJK_SUBMITTED_AT)
				submitted_set(b, f->valuestring);
			else if (id == FJK_NAME)
				b->name = f->valuestring;
		}
		gkbidv_hash(b);
	}
}

static const char *
gk_str(const struct gkval *v)
{
	return v->type == cJSON_String ? v->s : NULL;
}

/* A finite amount into *out; a warning when it is beyond a number's
 * range (1e400 parses as infinity: no amount, not an endless one). */
static void
gk_amount(struct gkview *g, const char *id, const struct gkval *v,
	  const char *name, double *out)
{
	*out = NAN;
	if (v->type != cJSON_Number) {
		/* "1000000" is no amount: named, not silently dropped */
		if (v->type && v->type != cJSON_NULL)
			gkwarn(g, id, "'%s' is not a number: left out", name);
		return;
	}
	if (isfinite(v->d))
		*out = v->d;
	else
		gkwarn(g, id, "%s beyond the range of a number: left out",
		       name);
}

/* A bid's rawbid from its element; false (with a warning) when left
 * out. */
static bool
gk_bid(struct gkview *g, const char *id, const struct gkbidv *e,
       const char **keys, struct rawbid *rb, size_t *noprice)
{
	bool known;
	size_t len;

	if (!e->object) {
		gkwarn(g, id, "a bid that is not an object");
		return false;
	}
	rb->bidder = gk_id(&e->bidder);
	if (!rb->bidder || !*rb->bidder) {
		gkwarn(g, id, "a bid without 'bidder' left out");
		return false;
	}
	rb->price = e->price;
	rb->key = memcpy(keys, e->key, sizeof e->key);
	rb->submitted_zoned = false;
	rb->submitted =
		e->submitted ? parse_datetime_n(e->submitted, e->submitted_len,
						&rb->submitted_zoned)
			     : NAN;
	rb->name = e->name;
	/* a number's text is hashed here, a string's was where it was read */
	if (e->bidder.type == cJSON_String) {
		rawbid_hashed(rb, e->bidder_hash, e->bidder_len, e->key_hash,
			      e->key_set);
	} else {
		len = strlen(rb->bidder);
		rawbid_hashed(rb, hash_bytes(rb->bidder, len), len, e->key_hash,
			      e->key_set);
	}
	/* the usual status without a call */
	known = true;
	rb->status = !e->status || is_valid_word(e->status)
			     ? BS_VALID
			     : bstatus_of(e->status, &known);
	if (!known)
		gkwarn(g, id,
		       "bid of '%s': unknown status '%s' left out of the "
		       "screens",
		       rb->bidder, e->status);
	if (isnan(rb->price) && e->price_bad) {
		gkwarn(g, id,
		       "bid of '%s': 'price' %s: left out of the price "
		       "screens",
		       rb->bidder,
		       e->price_bad == cJSON_Number
			       ? "beyond the range of a number"
			       : "is not a number");
		g->rt.notes |= NOTE_NOPRICE;
	} else if (rb->price < 0) {
		gkwarn(g, id,
		       "bid of '%s': negative price %.2f: left out of the "
		       "price screens",
		       rb->bidder, rb->price);
		rb->price = NAN;
		g->rt.notes |= NOTE_NOPRICE;
	} else if (isnan(rb->price)) {
		(*noprice)++;
	}
	if (e->currency && !g->cur)
		g->cur = e->currency;
	if (e->currency && strcmp(e->currency, g->cur) != 0 &&
	    !isnan(rb->price)) {
		gkwarn(g, id,
		       "bid of '%s' in %s, tender in %s: left out of the "
		       "price screens",
		       rb->bidder, e->currency, g->cur);
		rb->price = NAN;
		g->rt.notes |= NOTE_CURRENCY;
	}
	return true;
}

/* g empty, as a memset would leave it, field by field: a memset of the
 * view became a rep stos, slow to start, once a record.  A field added to
 * struct gkview or struct rawtender is cleared here too. */
static void
gkview_clear(struct gkview *g)
{
	struct rawtender *rt = &g->rt;

	g->other = false;
	rt->id = rt->title = rt->category = rt->buyer = NULL;
	rt->winner = rt->winner_name = rt->currency = NULL;
	rt->ceiling = rt->minimum = 0;
	rt->date = 0;
	rt->cancelled = false;
	rt->notes = 0;
	rt->b = NULL;
	rt->nb = rt->capb = 0;
	g->pmd = g->method = g->cur = NULL;
	g->warn = NULL;
	g->warn_tail = &g->warn;
}

static void
govkit_extract(const struct gkrec *r, struct gkview *g)
{
	struct rawtender *rt = &g->rt;
	const struct gkval *item = r->item;
	const char *type, *id, *status, *date, **keys;
	size_t nb = 0, noprice = 0;

	gkview_clear(g);
	type = gk_str(&item[FJK_TYPE]);
	if (type && strcmp(type, "tender") != 0) {
		g->other = true;
		return;
	}
	id = gk_id(&item[FJK_TENDER]);
	if (!id) {
		gkwarn(g, NULL, "tender record without 'tender'");
		return;
	}
	if (item[FJK_BIDS].type != cJSON_Array) {
		gkwarn(g, id, "no 'bids' array");
		return;
	}
	rt->title = gk_str(&item[FJK_TITLE]);
	rt->category = gk_str(&item[FJK_CATEGORY]);
	rt->buyer = gk_str(&item[FJK_BUYER]);
	rt->winner = gk_id(&item[FJK_WINNER]);
	gk_amount(g, id, &item[FJK_CEILING_PRICE], "ceiling_price",
		  &rt->ceiling);
	gk_amount(g, id, &item[FJK_MINIMUM_PRICE], "minimum_price",
		  &rt->minimum);
	date = gk_str(&item[FJK_DATE]);
	rt->date = jdate(date);
	if (rt->date == NO_DATE && date)
		gkwarn(g, id, "date '%s' is not a date (YYYY-MM-DD): left out",
		       date);
	status = gk_str(&item[FJK_STATUS]);
	rt->cancelled = status && strcmp(status, "cancelled") == 0;
	g->cur = gk_str(&item[FJK_CURRENCY]);
	g->pmd = gk_str(&item[FJK_PROCUREMENT_METHOD_DETAILS]);
	g->method = gk_str(&item[FJK_PROCUREMENT_METHOD]);

	rt->b = fj_alloc((r->nbids + 1) * sizeof *rt->b);
	rt->capb = r->nbids + 1;
	/* the bids' keys in one block */
	keys = fj_alloc((r->nbids + 1) * NKEYS * sizeof *keys);
	for (size_t i = 0; i < r->nbids; i++)
		nb += gk_bid(g, id, &r->bids[i], keys + nb * NKEYS, &rt->b[nb],
			     &noprice);
	rt->nb = nb;
	/* the tender's, else its first bid's: the prices it compares */
	rt->currency = g->cur;
	if (noprice) {
		rt->notes |= NOTE_NOPRICE;
		gkwarn(g, id,
		       "%zu bid%s without a price: left out of the price "
		       "screens",
		       noprice, noprice == 1 ? "" : "s");
	}
	rt->id = id;
}

/* Start loading the cache lines of p[0..n). */
static void
prefetch_lines(const void *p, size_t n)
{
	const char *b = p, *end = b + n;

	for (const char *q = b; q < end; q += 64)
		__builtin_prefetch(q);
	if (end > b)
		__builtin_prefetch(end - 1);
}

/* Start loading what storing g will touch first: its bids (written on
 * the other core) and the strings tender_new reads (in the other core's
 * lines).  The bidders' slots in the market's table need the bids'
 * hashes: they are asked for later (bidders_prefetch), when the lines
 * of the bids are in; read here, each waited for its line. */
static void
gkview_prefetch(struct loader *L, const struct gkview *g)
{
	const struct rawtender *rt = &g->rt;

	L->prefetch_next = NULL;
	if (!rt->b) /* a record left out before its bids were read */
		return;
	/* the lines of the bids, not three a bid: they are packed */
	prefetch_lines(rt->b, rt->nb * sizeof *rt->b);
	L->prefetch_next = rt;
	__builtin_prefetch(rt->id);
	if (rt->category)
		__builtin_prefetch(rt->category);
	if (rt->buyer)
		__builtin_prefetch(rt->buyer);
	if (rt->winner)
		__builtin_prefetch(rt->winner);
}

/* The slots of the next record's bidders (gkview_prefetch), once. */
static void
bidders_prefetch(struct loader *L)
{
	const struct rawtender *rt = L->prefetch_next;

	if (!rt)
		return;
	for (size_t i = 0; i < rt->nb; i++)
		strtab_prefetch(&L->m->bidders, rt->b[i].bidder_hash);
	L->prefetch_next = NULL;
}

/* The warnings govkit_extract found, with the file and line. */
static void
gkview_warn(struct loader *L, const struct gkview *g)
{
	for (const struct gkwarn *w = g->warn; w; w = w->next)
		market_warn(L->m, L->name, L->line, w->id, "%s", w->msg);
}

/* The bids as Cardinal would see them; how many distinct tenderers filed
 * one that counts. */
static size_t
govkit_cbids(struct loader *L, const struct gkview *g)
{
	const struct rawtender *rt = &g->rt;
	struct crelease *cr = &L->cr;
	size_t distinct = 0;

	for (size_t i = 0; i < rt->nb; i++) {
		struct cbid *c = &cr->b[i];
		const struct rawbid *rb = &rt->b[i];
		c->st = rb->status == BS_VALID       ? CS_VALID
			: rb->status == BS_DISQ      ? CS_DISQ
			: rb->status == BS_WITHDRAWN ? CS_WITHDRAWN
						     : CS_PENDING;
		if (rb->status == BS_VALID && rt->minimum > 0 &&
		    !isnan(rb->price) && rb->price < rt->minimum)
			c->st = CS_DISQ;
		c->tend = strs_alloc(L, 1);
		c->tend[0] = rb->bidder;
		c->ntend = 1;
		c->has_tenderers = true;
		c->has_amount = !isnan(rb->price);
		c->amount = rb->price;
		c->currency = g->cur ? g->cur : "";
		if (cr->method && c->st != CS_WITHDRAWN && c->st != CS_NONE) {
			bool dup = false;
			/* the hashes first: the text only on a likely match */
			for (size_t j = 0; j < i && !dup; j++)
				dup = rt->b[j].bidder_hash == rb->bidder_hash &&
				      cr->b[j].st != CS_WITHDRAWN &&
				      strcmp(rt->b[j].bidder, rb->bidder) == 0;
			distinct += !dup;
		}
	}
	return distinct;
}

/* The same tender as Cardinal would see it, in L->cr. */
static void
govkit_crelease(struct loader *L, struct gkview *g)
{
	struct rawtender *rt = &g->rt;
	struct crelease *cr = &L->cr;
	size_t nb = rt->nb;

	cr_reserve(L, nb + 1, nb + 1);
	memset(cr, 0, offsetof(struct crelease, b));
	cr->ocid = rt->id;
	cr->cancelled = rt->cancelled;
	cr->pmd = g->pmd;
	cr->has_tender = true;
	cr->method = g->method;
	cr->has_details = true;
	cr->awards_final = true;
	cr->buyer = rt->buyer;
	cr->nb = nb;
	size_t distinct = govkit_cbids(L, g);
	cr->has_not = cr->method != NULL;
	cr->not = (double)distinct;
	if (rt->winner) {
		cr->has_awards = true;
		cr->any_active = true;
		cr->ncomplete = 1;
		cr->sup1 = &rt->winner;
		cr->nsup1 = 1;
		cr->sup1_ok = true;
		cr->supall = &rt->winner;
		cr->nsupall = 1;
	}
}

/* The ids of tender ti's bidders, winner and buyer as the market
 * interned them, for the Cardinal view. */
static void
govkit_known(struct loader *L, const struct rawtender *rt, size_t ti)
{
	const struct market *m = L->m;
	const struct tender *t = &m->t[ti];
	struct crelease *cr = &L->cr;
	size_t nb = rt->nb;
	uint32_t *kid = fj_alloc((nb + 1) * sizeof *kid);
	const char **kstr = fj_alloc((nb + 1) * sizeof *kstr);

	for (size_t i = 0; i < nb; i++) {
		kstr[i] = rt->b[i].bidder;
		kid[i] = m->bids[t->bid_off + i].bidder;
	}
	cr->nknown = nb;
	if (rt->winner) {
		kstr[nb] = rt->winner;
		kid[nb] = (uint32_t)t->winner;
		cr->nknown++;
	}
	cr->known = kstr;
	cr->known_id = kid;
	if (t->buyer != UINT32_MAX)
		cr->buyer_id1 = t->buyer + 1;
}

static void
govkit_store(struct loader *L, struct gkview *g)
{
	struct cresult res;

	gkview_warn(L, g);
	if (g->other || !g->rt.id)
		return;
	govkit_crelease(L, g);
	/* the tender first: its bidders, winner and buyer are interned for
	 * the Cardinal view */
	size_t ti = tender_add(L->m, &g->rt, L->file, L->line);
	/* the next record's bids are in by now */
	bidders_prefetch(L);
	govkit_known(L, &g->rt, ti);
	cardinal_fold(L->m, &L->cr, &res);
	cardinal_attach(L->m, ti, &res);
	cresult_release(&res);
}

/* ---------------------------------------------------------------- */
/* OCDS compiled releases                                            */
/* ---------------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One id for the tenderers or suppliers in[0..n) (NULL entries: none;
 * a consortium: sorted ids joined by '+'); NULL when there is none. */
static const char *
bidder_of(const char *const *in, size_t n, bool *consortium)
{
	const char *ids[64];
	size_t k = 0, len = 0;
	char *s;

	*consortium = false;
	for (size_t i = 0; i < n && k < 64; i++)
		if (in[i])
			ids[k++] = in[i];
	if (k == 0)
		return NULL;
	if (k == 1)
		return ids[0];
	qsort(ids, k, sizeof *ids, cmp_str);
	for (size_t i = 0; i < k; i++)
		len += strlen(ids[i]) + 1;
	s = fj_alloc(len + 1);
	s[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		if (i)
			strcat(s, "+");
		strcat(s, ids[i]);
	}
	*consortium = true;
	return s;
}

/* The bidder of OCDS bid b (bidder_of): its tenderers' ids, an integer
 * id as its text, as OCDS allows one and the award's suppliers are read
 * (the Cardinal view, c->tend, keeps string ids only, as Cardinal does). */
static const char *
bid_bidder(const cJSON *b, bool *consortium)
{
	const cJSON *t = jarr(b, "tenderers");
	const char *ids[64];
	size_t k = 0;

	for (const cJSON *x = t ? t->child : NULL; x && k < 64; x = x->next)
		ids[k++] = jid(cJSON_GetObjectItemCaseSensitive(x, "id"));
	return bidder_of(ids, k, consortium);
}

/* The name of party id: its tenderer object's 'name', else that of the
 * release's party of that id; NULL none. */
static const char *
ocds_party_name(const cJSON *rel, const cJSON *tenderer, const char *id)
{
	const char *name = jstr(tenderer, "name");
	const cJSON *parties;

	if (name && *name)
		return name;
	if (!(parties = jarr(rel, "parties")))
		return NULL;
	for (const cJSON *p = parties->child; p; p = p->next) {
		const char *pid =
			jid(cJSON_GetObjectItemCaseSensitive(p, "id"));
		if (pid && strcmp(pid, id) == 0 && (name = jstr(p, "name")) &&
		    *name)
			return name;
	}
	return NULL;
}

/* The name of a bid's tenderers, or of an award's suppliers (arr) for
 * explain: each party's (a consortium: every member's, in the order of
 * its joined id, with " + "); NULL when one has none.  by_jid: the ids
 * as ocds_winner reads a supplier's (a number's text too), else strings
 * only, as a bid's tenderers are read. */
static const char *
ocds_names(const cJSON *rel, const cJSON *arr, bool by_jid)
{
	struct named {
		const char *id, *name;
	} v[64];
	size_t k = 0, len = 0;
	char *s;

	for (const cJSON *x = arr ? arr->child : NULL; x && k < 64;
	     x = x->next) {
		/* the ids bidder_of joins */
		const char *id =
			by_jid ? jid(cJSON_GetObjectItemCaseSensitive(x, "id"))
			       : jstr(x, "id");
		if (!id)
			continue;
		v[k].id = id;
		if (!(v[k].name = ocds_party_name(rel, x, id)))
			return NULL;
		len += strlen(v[k].name) + 3;
		k++;
	}
	if (k == 0)
		return NULL;
	if (k == 1)
		return v[0].name;
	/* bidder_of's order: the ids sorted (id is v[i]'s first member) */
	qsort(v, k, sizeof *v, cmp_str);
	s = fj_alloc(len + 1);
	s[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		if (i)
			strcat(s, " + ");
		strcat(s, v[i].name);
	}
	return s;
}

static bool
related_to(const cJSON *o, const char *lot)
{
	const cJSON *rl = jarr(o, "relatedLots");
	if (!lot)
		return true;
	if (!rl)
		return false;
	for (const cJSON *x = rl->child; x; x = x->next)
		if (cJSON_IsString(x) && strcmp(x->valuestring, lot) == 0)
			return true;
	return false;
}

/* The winner among active awards (of lot, when given): the supplier(s)
 * of the one active award, or of all if they name the same; *sup1 the
 * suppliers of the first of those awards. */
static const char *
ocds_winner(const cJSON *awards, const char *lot, const cJSON **sup1,
	    const char **other)
{
	const char *w = NULL;

	*sup1 = NULL;
	*other = NULL;

	if (!awards)
		return NULL;
	for (const cJSON *a = awards->child; a; a = a->next) {
		const char *st = jstr(a, "status");
		const cJSON *sup = jarr(a, "suppliers");
		const char *ids[64];
		size_t nids = 0;
		bool cons;
		if (!st || strcmp(st, "active") != 0 || !sup ||
		    !related_to(a, lot))
			continue;
		for (const cJSON *s = sup->child; s && nids < 64; s = s->next)
			ids[nids++] =
				jid(cJSON_GetObjectItemCaseSensitive(s, "id"));
		const char *x = bidder_of(ids, nids, &cons);
		if (!x)
			continue;
		if (w && strcmp(w, x) != 0) {
			*other = x;
			return w; /* several winners: lots not described */
		}
		if (!w)
			*sup1 = sup;
		w = x;
	}
	return w;
}

/* The tender's fields (of the lot, when given): id, title, category,
 * buyer, ceiling, date, status, currency, winner. */
static void
ocds_tender_fields(struct loader *L, const cJSON *rel, const char *lot,
		   const cJSON *lotobj, const char *cur)
{
	struct rawtender *rt = &L->rt;
	const cJSON *tender = jobj(rel, "tender"), *val;
	const char *ocid = jstr(rel, "ocid");

	memset(rt, 0, offsetof(struct rawtender, b));
	rt->id = ocid;
	if (lot) {
		char *id = gk_xasprintf("%s/%s", ocid, lot);
		rt->id = fj_strdup(id);
		free(id);
	}
	rt->title = tender ? jstr(tender, "title") : NULL;
	if (lotobj && jstr(lotobj, "title"))
		rt->title = jstr(lotobj, "title");
	rt->category = tender ? jstr(tender, "mainProcurementCategory") : NULL;
	const cJSON *buyer = jobj(rel, "buyer");
	rt->buyer = buyer ? jid(cJSON_GetObjectItemCaseSensitive(buyer, "id"))
			  : NULL;
	if (!rt->buyer && buyer)
		rt->buyer = jstr(buyer, "name");
	rt->ceiling = NAN;
	rt->minimum = NAN;
	val = jobj(lotobj ? lotobj : tender, "value");
	if (val) {
		const char *vc = jstr(val, "currency");
		double amount;
		const cJSON *a =
			cJSON_GetObjectItemCaseSensitive(val, "amount");
		if (!jnum(val, "amount", &amount)) {
			if (a && !cJSON_IsNull(a))
				lwarn(L, rt->id,
				      "the value's 'amount' is not a number: "
				      "no ceiling price");
		} else if (vc && cur && strcmp(vc, cur) != 0) {
			lwarn(L, rt->id,
			      "the value in %s, the bids in %s: no ceiling "
			      "price",
			      vc, cur);
		} else {
			rt->ceiling = amount;
		}
	}
	const cJSON *period = tender ? jobj(tender, "tenderPeriod") : NULL;
	rt->date = jdate(period ? jstr(period, "startDate") : NULL);
	if (rt->date == NO_DATE)
		rt->date = jdate(jstr(rel, "date"));
	rt->cancelled = L->cr.cancelled;
	rt->currency = cur; /* the prices kept are in it, no other */
	const cJSON *sup;
	const char *other;
	rt->winner = ocds_winner(jarr(rel, "awards"), lot, &sup, &other);
	if (other) {
		lwarn(L, rt->id,
		      "active awards to '%s' and to '%s'%s: no winner",
		      rt->winner, other, lot ? "" : " (lots not described)");
		rt->winner = NULL;
	}
	/* a winner that filed no bid here is named by the award */
	if (rt->winner && L->m->keep_names)
		rt->winner_name = ocds_names(rel, sup, true);
	if (lot)
		rt->notes |= NOTE_LOT;
}

/* A bid's price in the tender's currency cur; NAN (a warning) in
 * another, NAN (counted in *noprice) when it has none. */
static double
ocds_bid_price(struct loader *L, const struct cbid *c, const char *bidder,
	       const char *cur, size_t *noprice)
{
	struct rawtender *rt = &L->rt;

	if (!c->has_amount) {
		if (!c->bad_amount) {
			(*noprice)++;
			return NAN;
		}
		rt->notes |= NOTE_NOPRICE;
		lwarn(L, rt->id,
		      "bid of '%s': 'amount' %s: left out of the "
		      "price screens",
		      bidder,
		      c->bad_amount == cJSON_Number
			      ? "beyond the range of a number"
			      : "is not a number");
		return NAN;
	}
	if (c->amount < 0) {
		rt->notes |= NOTE_NOPRICE;
		lwarn(L, rt->id,
		      "bid of '%s': negative amount %.2f: left out of the "
		      "price screens",
		      bidder, c->amount);
		return NAN;
	}
	if (c->currency && cur && strcmp(c->currency, cur) == 0)
		return c->amount;
	rt->notes |= NOTE_CURRENCY;
	lwarn(L, rt->id,
	      "bid of '%s' in %s, tender in %s: left out "
	      "of the price screens",
	      bidder, c->currency ? c->currency : "no currency",
	      cur ? cur : "no currency");
	return NAN;
}

/* The bids (of the lot, when given) into L->rt, with the warnings of
 * those left out or without a price; cons_of[i] bid i's consortium, NULL
 * none, when not NULL.  How many were kept. */
static size_t
ocds_tender_bids(struct loader *L, const cJSON *rel, const cJSON *details,
		 const char *lot, const char *cur, const struct cbid **cons_of)
{
	struct rawtender *rt = &L->rt;
	size_t nb = 0, noprice = 0, notend = 0, i = 0;

	for (const cJSON *b = details ? details->child : NULL; b;
	     b = b->next, i++) {
		const struct cbid *c = &L->cr.b[i];
		struct rawbid *rb = &rt->b[nb];
		bool cons, known;
		const char *bidder;
		if (!cJSON_IsObject(b) || !related_to(b, lot))
			continue;
		bidder = bid_bidder(b, &cons);
		if (!bidder) {
			notend++;
			continue;
		}
		if (cons)
			rt->notes |= NOTE_CONSORTIUM;
		if (cons_of)
			cons_of[nb] = cons ? c : NULL;
		rb->bidder = bidder;
		rb->name =
			L->m->keep_names
				? ocds_names(rel, jarr(b, "tenderers"), false)
				: NULL;
		rb->status = bstatus_of(jstr(b, "status"), &known);
		rb->price = ocds_bid_price(L, c, bidder, cur, &noprice);
		read_keys(b, rb);
		if (isnan(rb->submitted) && jstr(b, "date"))
			rb->submitted = parse_datetime(jstr(b, "date"),
						       &rb->submitted_zoned);
		rawbid_hash(rb);
		nb++;
	}
	rt->nb = nb;
	if (noprice) {
		rt->notes |= NOTE_NOPRICE;
		lwarn(L, rt->id,
		      "%zu bid%s without a price: left out of the price "
		      "screens",
		      noprice, noprice == 1 ? "" : "s");
	}
	if (notend)
		lwarn(L, rt->id, "%zu bid%s without tenderers left out", notend,
		      notend == 1 ? "" : "s");
	return nb;
}

static void
ocds_tender(struct loader *L, const cJSON *rel, const cJSON *details,
	    const char *lot, const cJSON *lotobj, const struct cresult *res,
	    const char *cur)
{
	struct market *m = L->m;
	size_t n = details ? (size_t)cJSON_GetArraySize(details) : 0;

	ocds_tender_fields(L, rel, lot, lotobj, cur);
	/* explain: each bid's consortium, NULL none */
	const struct cbid **cons_of =
		m->keep_names ? fj_alloc((n + 1) * sizeof *cons_of) : NULL;
	rt_reserve(&L->rt, n + 1);
	size_t nb = ocds_tender_bids(L, rel, details, lot, cur, cons_of);
	size_t ti = finish(L, &L->rt, res);
	/* a Cardinal signal names a consortium's members: explain cites
	 * its bid for them */
	for (size_t j = 0; cons_of && j < nb; j++)
		if (cons_of[j])
			consortium_keep(m, m->bids[m->t[ti].bid_off + j].bidder,
					cons_of[j]->tend, cons_of[j]->ntend);
}

/* How many id strings a release may hold: tenderers and suppliers. */
static size_t
ocds_string_count(const cJSON *details, const cJSON *awards)
{
	size_t nstr = 1;

	for (const cJSON *b = details ? details->child : NULL; b; b = b->next) {
		const cJSON *t = jarr(b, "tenderers");
		nstr += t ? (size_t)cJSON_GetArraySize(t) : 0;
	}
	for (const cJSON *a = awards ? awards->child : NULL; a; a = a->next) {
		const cJSON *s = jarr(a, "suppliers");
		nstr += s ? (size_t)cJSON_GetArraySize(s) * 2 : 0;
	}
	return nstr;
}

/* The tender's fields Cardinal looks at; its currency, NULL if none. */
static const char *
ocds_read_tender(struct crelease *cr, const cJSON *tender)
{
	const char *st = jstr(tender, "status");
	double not = NAN;

	cr->has_tender = true;
	cr->cancelled = st && strcmp(st, "cancelled") == 0;
	cr->pmd = jstr(tender, "procurementMethodDetails");
	cr->method = jstr(tender, "procurementMethod");
	cr->has_not = jnum(tender, "numberOfTenderers", &not );
	cr->not = not ;
	const cJSON *pe = jobj(tender, "procuringEntity");
	cr->pe = pe ? jstr(pe, "id") : NULL;
	const cJSON *v = jobj(tender, "value");
	return v ? jstr(v, "currency") : NULL;
}

/* The awards: the suppliers of the active ones, and those of the single
 * complete award when there is exactly one. */
static void
ocds_read_awards(struct loader *L, struct crelease *cr, const cJSON *awards,
		 size_t nstr)
{
	const cJSON *complete1 = NULL;
	size_t nall = 0;

	cr->awards_final = true;
	cr->supall = strs_alloc(L, nstr / 2 + 1);
	for (const cJSON *a = awards ? awards->child : NULL; a; a = a->next) {
		const char *st = jstr(a, "status");
		if (!st)
			continue;
		if (strcmp(st, "active") == 0) {
			cr->any_active = true;
			cr->ncomplete++;
			complete1 = a;
			const cJSON *sup = jarr(a, "suppliers");
			for (const cJSON *s = sup ? sup->child : NULL; s;
			     s = s->next) {
				const char *sid = jstr(s, "id");
				if (sid)
					cr->supall[nall++] = sid;
			}
		} else if (strcmp(st, "cancelled") != 0 &&
			   strcmp(st, "unsuccessful") != 0) {
			cr->awards_final = false;
		}
	}
	cr->nsupall = nall;
	if (cr->ncomplete == 1) {
		const cJSON *sup = jarr(complete1, "suppliers");
		cr->sup1_ok = sup != NULL;
		cr->nsup1 = sup ? (size_t)cJSON_GetArraySize(sup) : 0;
		cr->sup1 = strs_alloc(L, cr->nsup1 + 1);
		size_t k = 0;
		for (const cJSON *s = sup ? sup->child : NULL; s; s = s->next)
			cr->sup1[k++] = jstr(s, "id");
	}
}

/* The bids' status, tenderers and amount; the currency of the first bid
 * with one when the tender named none. */
static const char *
ocds_read_bids(struct loader *L, struct crelease *cr, const cJSON *details,
	       const char *cur)
{
	size_t i = 0;

	for (const cJSON *b = details ? details->child : NULL; b;
	     b = b->next, i++) {
		struct cbid *c = &cr->b[i];
		const cJSON *t = jarr(b, "tenderers"), *v = jobj(b, "value");
		memset(c, 0, sizeof *c);
		c->st = cstat_of(jstr(b, "status"));
		c->has_tenderers = t != NULL;
		c->ntend = t ? (size_t)cJSON_GetArraySize(t) : 0;
		c->tend = strs_alloc(L, c->ntend + 1);
		size_t k = 0;
		for (const cJSON *x = t ? t->child : NULL; x; x = x->next)
			c->tend[k++] = jstr(x, "id");
		if (v) {
			const cJSON *a =
				cJSON_GetObjectItemCaseSensitive(v, "amount");
			c->has_amount = jnum(v, "amount", &c->amount);
			if (!c->has_amount && a && !cJSON_IsNull(a))
				c->bad_amount = a->type & 0xFF;
			c->currency = jstr(v, "currency");
		}
		if (!cur && c->has_amount && c->currency)
			cur = c->currency;
	}
	cr->nb = i;
	return cur;
}

/* Lots: one tender per lot when every bid says which lot it is for. */
static bool
ocds_split_lots(struct loader *L, const char *ocid, const cJSON *lots,
		const cJSON *details)
{
	size_t nlots = lots ? (size_t)cJSON_GetArraySize(lots) : 0;

	if (nlots < 2 || !details)
		return false;
	for (const cJSON *b = details->child; b; b = b->next)
		if (!jarr(b, "relatedLots")) {
			lwarn(L, ocid,
			      "release with %zu lots has bids without "
			      "'relatedLots': scored as one tender",
			      nlots);
			return false;
		}
	return true;
}

/* Cardinal's flags are the release's: on each of its lots; its price
 * ratio counts once in the fences, on the first lot. */
static void
ocds_lot_tenders(struct loader *L, const cJSON *rel, const cJSON *lots,
		 const cJSON *details, struct cresult *res, const char *cur)
{
	struct cresult rest = *res;
	bool first = true;

	rest.ratio = NAN;
	rest.winner = rest.second = -1;
	/* an award no lot names wins none of them: said, not dropped */
	const cJSON *awards = jarr(rel, "awards");
	for (const cJSON *a = awards ? awards->child : NULL; a; a = a->next) {
		const char *st = jstr(a, "status");
		if (st && strcmp(st, "active") == 0 && jarr(a, "suppliers") &&
		    !jarr(a, "relatedLots")) {
			lwarn(L, jstr(rel, "ocid"),
			      "an active award without 'relatedLots': no "
			      "lot's winner");
			break;
		}
	}
	for (const cJSON *lot = lots->child; lot; lot = lot->next) {
		const char *lid =
			jid(cJSON_GetObjectItemCaseSensitive(lot, "id"));
		if (!lid)
			continue;
		ocds_tender(L, rel, details, lid, lot, first ? res : &rest,
			    cur);
		first = false;
	}
}

static void
load_ocds(struct loader *L, const cJSON *rel)
{
	struct crelease *cr = &L->cr;
	struct cresult res;
	const char *ocid = jstr(rel, "ocid"), *cur = NULL;
	const cJSON *tender = jobj(rel, "tender"), *bids = jobj(rel, "bids");
	const cJSON *details = bids ? jarr(bids, "details") : NULL;
	const cJSON *awards = jarr(rel, "awards");
	const cJSON *lots = tender ? jarr(tender, "lots") : NULL;
	size_t nd = details ? (size_t)cJSON_GetArraySize(details) : 0;
	size_t nstr = ocds_string_count(details, awards);

	if (!ocid) {
		lwarn(L, NULL, "release without 'ocid'");
		return;
	}
	cr_reserve(L, nd + 1, nstr + nd + 4);
	memset(cr, 0, offsetof(struct crelease, b));
	cr->known = NULL;
	cr->known_id = NULL;
	cr->nknown = 0;
	cr->ocid = ocid;
	if (tender)
		cur = ocds_read_tender(cr, tender);
	const cJSON *buyer = jobj(rel, "buyer");
	cr->buyer = buyer ? jstr(buyer, "id") : NULL;
	cr->has_details = details != NULL;
	cr->has_awards = awards != NULL;
	ocds_read_awards(L, cr, awards, nstr);
	cur = ocds_read_bids(L, cr, details, cur);
	if (!cur)
		cur = L->m->conf->currency;
	cardinal_fold(L->m, cr, &res);
	if (ocds_split_lots(L, ocid, lots, details))
		ocds_lot_tenders(L, rel, lots, details, &res, cur);
	else
		ocds_tender(L, rel, details, NULL, NULL, &res, cur);
	cresult_release(&res);
}

/* A line: a release, or a package of them (a release package's
 * releases, a record package's compiled releases), each read as a line
 * of its own would be. */
static void
load_ocds_line(struct loader *L, const cJSON *rec)
{
	const cJSON *rels = jarr(rec, "releases"), *recs = jarr(rec, "records");

	if (jstr(rec, "ocid") || (!rels && !recs)) {
		load_ocds(L, rec);
		return;
	}
	for (const cJSON *r = rels ? rels->child : NULL; r; r = r->next)
		if (cJSON_IsObject(r))
			load_ocds(L, r);
		else
			lwarn(L, NULL,
			      "a package's release that is not an "
			      "object left out");
	for (const cJSON *r = recs ? recs->child : NULL; r; r = r->next) {
		const cJSON *cr = jobj(r, "compiledRelease");
		if (cr)
			load_ocds(L, cr);
		else
			lwarn(L, NULL,
			      "a package's record without "
			      "'compiledRelease' left out");
	}
}

/* cJSON's nodes of a line only it could read come from the main thread's
 * parser arena too (fj_alloc), released with the record. */
static void
node_free(void *p)
{
	(void)p;
}

/*
 * Reading runs in two threads.  The reader thread splits the input into
 * batches: a block of whole lines as read (jl_next_block, 256 KiB, about
 * a hundred tenders of the generated market), not copied.  Either thread
 * parses a batch split and not yet parsed (the fast parser, or the line
 * kept for cJSON): whichever has nothing else to do, so that the two
 * cores stay busy whether the reading or the computing is the slower (on
 * the million, before, the reader parsed every line, 1.5 s of CPU, while
 * the main thread's 1.5 s waited on it now and then: 2.43-2.53 s in all,
 * 2.36-2.45 s with this).  The main thread takes the batches in order,
 * reports what could not be parsed (with cJSON's view of it, as jl_next
 * would) and computes each tender.  A batch is small so that it is still
 * in the shared cache when the main thread reads it (batches of 512
 * tenders made both threads slower than 128).
 */
#define QUEUE_BATCHES 6
#define SPLIT_AHEAD 2 /* batches split and not yet claimed, at most */

enum rkind { RK_LINE, RK_OBJECT, RK_RAW, RK_UTF8, RK_MESSAGE };

struct prec_in {
	enum rkind kind;
	long line;
	cJSON *obj;          /* RK_OBJECT */
	struct gkview *view; /* RK_OBJECT of a govkit file: what it says */
	char *raw;  /* RK_LINE, RK_RAW: the line; RK_MESSAGE: the message */
	size_t len; /* RK_LINE, RK_RAW: its length; RK_UTF8: the bad byte */
};

enum bstate { B_SPLIT, B_PARSING, B_READY };

struct pbatch {
	struct prec_in *r;
	size_t n, cap;
	enum bstate state;
	char *lines;  /* the block the lines are in (jl_next_block), or a read
		      * error's message: freed with the batch */
	void *chunks; /* the parsing thread's arena: nodes and views */
};

struct pqueue {
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_get;
	struct pbatch *slot[QUEUE_BATCHES];
	size_t head, count;
	size_t unclaimed; /* batches in B_SPLIT */
	bool done;        /* the reader has split the last batch */
	bool failed;      /* an I/O error: e holds it */
	struct gk_err e;
	struct jl_reader *reader;
	bool ocds; /* OCDS releases: no govkit scan */
};

/* The oldest batch split and not parsed, now B_PARSING; NULL if none.
 * With q->mu held. */
static struct pbatch *
q_claim_locked(struct pqueue *q)
{
	for (size_t i = 0; i < q->count; i++) {
		struct pbatch *b = q->slot[(q->head + i) % QUEUE_BATCHES];
		if (b->state == B_SPLIT) {
			b->state = B_PARSING;
			q->unclaimed--;
			/* the reader may split another */
			pthread_cond_signal(&q->can_put);
			return b;
		}
	}
	return NULL;
}

/* A batch just split, to be parsed and then taken in order. */
static void
q_put(struct pqueue *q, struct pbatch *b)
{
	pthread_mutex_lock(&q->mu);
	b->state = B_SPLIT;
	q->slot[(q->head + q->count) % QUEUE_BATCHES] = b;
	q->count++;
	q->unclaimed++;
	pthread_cond_signal(&q->can_get);
	pthread_mutex_unlock(&q->mu);
}

static void
q_parsed(struct pqueue *q, struct pbatch *b)
{
	pthread_mutex_lock(&q->mu);
	b->state = B_READY;
	pthread_cond_signal(&q->can_get);
	pthread_mutex_unlock(&q->mu);
}

/* What the reader thread keeps from one batch to the next. */
struct rstate {
	long last_err_line; /* the line of the last read error */
	bool more;          /* the input goes on */
	struct gkrec rec;   /* the govkit scan's scratch, its bids reused */
};

/* A line split, as x: a govkit record (its view), a line that is not
 * UTF-8, an object, or the raw line for the main thread.  A line fastjson
 * takes is UTF-8 (it checks its strings, and nothing else may be other
 * than ASCII), so the check of the whole line is for those it does not
 * take. */
static void
parse_record(const struct pqueue *q, struct prec_in *x, struct gkrec *rec)
{
	const char *line = x->raw;
	size_t len = x->len, valid;

	if (!q->ocds && fj_scan_govkit_in_place(x->raw, len, rec)) {
		x->kind = RK_OBJECT;
		x->view = fj_alloc(sizeof *x->view);
		govkit_extract(rec, x->view);
	} else if ((valid = utf8_valid_prefix(line, len)) != len) {
		x->kind = RK_UTF8;
		x->len = valid;
	} else if ((x->obj = fj_parse_object(line, len))) {
		x->kind = RK_OBJECT;
		if (!q->ocds) {
			gkrec_from_tree(x->obj, rec);
			x->view = fj_alloc(sizeof *x->view);
			govkit_extract(rec, x->view);
		}
	} else {
		x->kind = RK_RAW;
	}
}

/* The lines of b parsed, in the calling thread's arena (b->chunks); the
 * arena's own nodes, of a record being read there, are kept aside. */
static void
parse_batch(struct pqueue *q, struct pbatch *b, struct gkrec *rec)
{
	void *own = fj_detach();

	for (size_t i = 0; i < b->n; i++)
		if (b->r[i].kind == RK_LINE)
			parse_record(q, &b->r[i], rec);
	b->chunks = fj_detach();
	fj_attach(own);
	q_parsed(q, b);
}

static struct prec_in *
batch_add(struct pbatch *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->r = gk_xrealloc(b->r, b->cap * sizeof *b->r);
	}
	memset(&b->r[b->n], 0, sizeof b->r[b->n]);
	return &b->r[b->n++];
}

/* A read error e, as b's only record; false when it ends the reading (an
 * I/O error, or one that repeats on the same line), then q holds it. */
static bool
read_error(struct pqueue *q, struct rstate *s, struct pbatch *b,
	   const struct gk_err *e)
{
	struct jl_reader *r = q->reader;
	struct prec_in *x;

	if (ferror(r->fp) || r->line == s->last_err_line) {
		pthread_mutex_lock(&q->mu);
		q->failed = true;
		q->e = *e;
		pthread_mutex_unlock(&q->mu);
		return false;
	}
	s->last_err_line = r->line;
	x = batch_add(b);
	x->kind = RK_MESSAGE;
	x->line = r->line;
	x->raw = b->lines = gk_xstrdup(e->msg);
	return true;
}

/* The next block of lines as b (the lines stay in the block, read where
 * they are); false at the end of the input or when a read error ends the
 * reading. */
static bool
split_batch(struct pqueue *q, struct rstate *s, struct pbatch *b)
{
	struct jl_reader *r = q->reader;
	struct jl_block block;
	struct gk_err e;
	int rc = jl_next_block(r, &block, &e);

	if (rc < 0)
		return read_error(q, s, b, &e);
	if (rc == 0)
		return false;
	b->lines = block.mem;
	for (;;) {
		struct prec_in *x;
		const char *line;
		size_t len;

		if (!jl_block_line(r, &block, &line, &len))
			return true;
		x = batch_add(b);
		x->kind = RK_LINE;
		x->line = r->line;
		x->raw = (char *)line;
		x->len = len;
	}
}

/* What the reader does next: true and *parse NULL to split a batch, a
 * batch to parse, or false when there is nothing left for it. */
static bool
reader_next(struct pqueue *q, bool more, struct pbatch **parse)
{
	bool work = true;

	*parse = NULL;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (more && q->count < QUEUE_BATCHES &&
		    q->unclaimed < SPLIT_AHEAD)
			break;
		if ((*parse = q_claim_locked(q)))
			break;
		if (!more) {
			work = false;
			break;
		}
		pthread_cond_wait(&q->can_put, &q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	return work;
}

static void
q_finish(struct pqueue *q)
{
	pthread_mutex_lock(&q->mu);
	q->done = true;
	pthread_cond_broadcast(&q->can_get);
	pthread_mutex_unlock(&q->mu);
}

static void *
reader_main(void *arg)
{
	struct pqueue *q = arg;
	struct rstate s = {.last_err_line = -1, .more = true};
	struct pbatch *b;

	while (reader_next(q, s.more, &b)) {
		if (b) {
			parse_batch(q, b, &s.rec);
			continue;
		}
		b = gk_xcalloc(1, sizeof *b);
		s.more = split_batch(q, &s, b);
		q_put(q, b);
		if (!s.more)
			q_finish(q);
	}
	free(s.rec.bids);
	return NULL;
}

/* The next batch in order, parsed: by the reader, or here while it is
 * busy; NULL when the reader is done and every batch taken. */
static struct pbatch *
q_get(struct pqueue *q, struct gkrec *rec)
{
	struct pbatch *b = NULL, *h;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->count == 0) {
			if (q->done)
				break;
			pthread_cond_wait(&q->can_get, &q->mu);
			continue;
		}
		h = q->slot[q->head];
		if (h->state == B_READY) {
			b = h;
			q->head = (q->head + 1) % QUEUE_BATCHES;
			q->count--;
			pthread_cond_signal(&q->can_put);
			break;
		}
		if ((h = q_claim_locked(q))) {
			pthread_mutex_unlock(&q->mu);
			parse_batch(q, h, rec);
			pthread_mutex_lock(&q->mu);
			continue;
		}
		pthread_cond_wait(&q->can_get, &q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	return b;
}

/* What jl_next says of a line the fast parser did not take; the record
 * (cJSON's nodes, in the parser arena) or NULL once reported. */
static cJSON *
parse_fallback(struct market *m, const char *name, const struct prec_in *x)
{
	const char *line = x->raw, *end = NULL;
	size_t len = x->len, valid;
	bool more;
	cJSON *rec;

	/* cJSON stops a string at a NUL: raw control characters first */
	if ((valid = json_control_at(line, len)) != len) {
		gk_warn("%s:%ld: invalid JSON: control character at column %zu",
			name, x->line, valid + 1);
		m->warnings++;
		return NULL;
	}
	/* and at an escaped one: a bidder "A\u0000X" would be bidder "A" */
	if ((valid = json_nul_escape_at(line, len)) != len) {
		gk_warn("%s:%ld: invalid JSON: \\u0000 in a string at column %zu",
			name, x->line, valid + 1);
		m->warnings++;
		return NULL;
	}
	/* and 007, 1. or -.5, which the fast parser refused and cJSON
	 * reads as 7, 1 and -0.5 */
	struct json_line_check check;
	json_line_check(line, len, &check);
	if (check.leading_zero != len || check.bad_number != len) {
		gk_warn("%s:%ld: invalid JSON: %s at column %zu", name, x->line,
			check.leading_zero != len ? "number with a leading zero"
						  : "malformed number",
			(check.leading_zero != len ? check.leading_zero
						   : check.bad_number) +
				1);
		m->warnings++;
		return NULL;
	}
	rec = json_parse_line(line, len, &end, &more);
	if (!rec) {
		size_t col = end && end >= line ? (size_t)(end - line) + 1 : 1;
		/* as every JSON Lines reader says it (jl_parse_line); only
		 * here, where the line was refused, so it costs nothing */
		size_t deep = json_depth_past(line, len);

		if (deep != len)
			gk_warn("%s:%ld: invalid JSON: nested deeper than %d at "
				"column %zu",
				name, x->line, JSON_MAX_DEPTH, deep + 1);
		else
			gk_warn("%s:%ld: invalid JSON at column %zu", name,
				x->line, col);
		m->warnings++;
		return NULL;
	}
	if (!cJSON_IsObject(rec)) {
		gk_warn("%s:%ld: expected a JSON object", name, x->line);
		m->warnings++;
		return NULL;
	}
	return rec;
}

static void
q_init(struct pqueue *q, struct jl_reader *r, bool ocds)
{
	memset(q, 0, sizeof *q);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->can_put, NULL);
	pthread_cond_init(&q->can_get, NULL);
	q->reader = r;
	q->ocds = ocds;
}

static void
q_destroy(struct pqueue *q)
{
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->can_put);
	pthread_cond_destroy(&q->can_get);
}

static void
loader_release(struct loader *L)
{
	free(L->rt.b);
	free(L->cr.b);
	free(L->strs);
	free(L->rec.bids);
}

/* The tree of a line, or NULL for a line that only warns. */
static cJSON *
record_tree(struct loader *L, const struct prec_in *x)
{
	switch (x->kind) {
	case RK_MESSAGE:
		gk_warn("%s", x->raw);
		L->m->warnings++;
		return NULL;
	case RK_UTF8:
		gk_warn("%s:%ld: invalid UTF-8 at byte %zu", L->name, x->line,
			x->len + 1);
		L->m->warnings++;
		return NULL;
	case RK_LINE: /* not met: a batch is parsed before it is taken */
	case RK_RAW: return parse_fallback(L->m, L->name, x);
	case RK_OBJECT: break;
	}
	return x->obj;
}

/* One line into the market, the fast parser's view or the tree. */
static void
load_line(struct loader *L, struct prec_in *x, bool ocds)
{
	cJSON *rec;

	L->line = x->line;
	rec = record_tree(L, x);
	if (x->view) {
		govkit_store(L, x->view);
	} else if (rec && ocds) {
		load_ocds_line(L, rec);
	} else if (rec) {
		/* a line only cJSON took: read it here */
		struct gkview v;
		gkrec_from_tree(rec, &L->rec);
		govkit_extract(&L->rec, &v);
		govkit_store(L, &v);
	}
	/* what the record made here, in one step; the next record's bids
	 * (gkview_prefetch) are not kept past this one */
	L->prefetch_next = NULL;
	fj_reset(false);
}

static void
load_batch(struct loader *L, struct pbatch *b, bool ocds)
{
	for (size_t i = 0; i < b->n; i++) {
		/* the view two records on, so that the next one's bids and
		 * strings can be prefetched without waiting for it */
		if (i + 2 < b->n && b->r[i + 2].view)
			prefetch_lines(b->r[i + 2].view,
				       sizeof *b->r[i + 2].view);
		if (i + 1 < b->n && b->r[i + 1].view)
			gkview_prefetch(L, b->r[i + 1].view);
		load_line(L, &b->r[i], ocds);
	}
	fj_free(b->chunks);
	free(b->lines);
	free(b->r);
	free(b);
}

int
market_load(struct market *m, const char *path, bool ocds, struct gk_err *e)
{
	cJSON_Hooks hooks = {fj_alloc, node_free};
	struct jl_reader r;
	struct loader L;
	struct pqueue q;
	struct pbatch *b;
	struct gkrec parse_rec = {0}; /* for the batches parsed here */
	pthread_t th;
	int rc = 0;

	if (jl_open(&r, path, e) != 0)
		return -1;
	memset(&L, 0, sizeof L);
	q_init(&q, &r, ocds);
	cJSON_InitHooks(&hooks);
	L.m = m;
	L.name = r.name;
	L.file = strtab_intern(&m->files, r.name, strlen(r.name));
	if (pthread_create(&th, NULL, reader_main, &q) != 0) {
		gk_err_set(e, "unable to start the reader thread:");
		rc = -1;
		goto out;
	}
	while ((b = q_get(&q, &parse_rec)))
		load_batch(&L, b, ocds);
	cardinal_flush(m);
	pthread_join(th, NULL);
	if (q.failed) {
		*e = q.e;
		rc = -1;
	}
out:
	cJSON_InitHooks(NULL);
	fj_reset(true);
	q_destroy(&q);
	free(parse_rec.bids);
	loader_release(&L);
	jl_close(&r);
	return rc;
}
