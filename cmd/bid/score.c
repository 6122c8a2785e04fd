/*
 * score.c: the signals of one tender, each with its evidence, and the
 * score: 100 * (1 - prod(1 - w)) over the signals that fired, each signal
 * counted once however many groups of bidders it fired on.
 */
#include "bid.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

double screen_scale(int s, double v);
double screen_unscale(int s, double x);

void
case_init(struct tender_case *c)
{
	memset(c, 0, sizeof *c);
}

void
case_release(struct tender_case *c)
{
	free(c->f);
	free(c->judge);
	free(c->cands);
	free(c->grouped);
	free(c->covered);
	buf_release(&c->tails);
	memset(c, 0, sizeof *c);
}

double
combine(const double *w, size_t n)
{
	double p = 1;
	for (size_t i = 0; i < n; i++)
		p *= 1 - w[i];
	return 1 - p;
}

const char *
level_of(const struct bid_conf *c, double score)
{
	if (score >= c->level_high)
		return "high";
	if (score >= c->level_medium)
		return "medium";
	return "low";
}

static struct fired *
add(const struct market *m, struct tender_case *c, int sig, double value)
{
	struct fired *f;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->f = gk_xrealloc(c->f, c->cap * sizeof *c->f);
	}
	f = &c->f[c->n++];
	/* not the whole of it: the evidence is most of its 600 bytes, and
	 * no bidder past nb is read */
	f->nb = 0;
	f->more = false;
	f->evlen = 0;
	f->evidence[0] = '\0';
	f->sig = sig;
	f->value = value;
	f->weight = m->conf->weight[sig];
	return f;
}

static void
add_bidder(struct fired *f, uint32_t b)
{
	for (uint32_t i = 0; i < f->nb; i++)
		if (f->bidders[i] == b)
			return;
	if (f->nb < sizeof f->bidders / sizeof f->bidders[0])
		f->bidders[f->nb++] = b;
	else
		f->more = true;
}

static void ev(struct fired *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
ev(struct fired *f, const char *fmt, ...)
{
	va_list ap;
	int w;
	va_start(ap, fmt);
	w = fmt_vsnprintf(f->evidence, sizeof f->evidence, fmt, ap);
	va_end(ap);
	/* a long shared value cut where the buffer ends: at a character,
	 * never inside one */
	if (w >= (int)sizeof f->evidence) {
		w = (int)utf8_valid_prefix(f->evidence, strlen(f->evidence));
		f->evidence[w] = '\0';
	}
	f->evlen = (uint32_t)w;
}

/* Evidence made of pieces appended one after another, and cut as ev()
 * cuts what it prints: f->evlen counts every byte asked for until
 * ev_end. */
static void
ev_add(struct fired *f, const char *s, size_t n)
{
	size_t keep = sizeof f->evidence - 1, len = f->evlen;

	if (len < keep)
		memcpy(f->evidence + len, s, n < keep - len ? n : keep - len);
	f->evlen = (uint32_t)(len + n);
}

static void
ev_end(struct fired *f)
{
	size_t keep = sizeof f->evidence - 1;

	if (f->evlen > keep)
		f->evlen = (uint32_t)utf8_valid_prefix(f->evidence, keep);
	f->evidence[f->evlen] = '\0';
}

/* The pieces: a literal, a string, and numbers as printf's %u, %.Nf and
 * %.Ng print them (the conversions fmt_vsnprintf makes with fmt.c). The
 * evidence most signals fire with is made of them: a format took 700 Ir
 * a signal to read. */
#define EV_LIT(f, lit) ev_add(f, lit, sizeof(lit) - 1)

static void
ev_str(struct fired *f, const char *s)
{
	ev_add(f, s, strlen(s));
}

static void
ev_uint(struct fired *f, uint64_t v)
{
	char d[20];

	ev_add(f, d, (size_t)(fmt_uint(d, v) - d));
}

static void
ev_f(struct fired *f, double v, int prec)
{
	char d[FMT_NUM_MAX];

	ev_add(f, d, fmt_f(d, v, prec));
}

static void
ev_g(struct fired *f, double v, int prec)
{
	char d[FMT_NUM_MAX];

	ev_add(f, d, fmt_g(d, v, prec));
}

/* "A, B and C" (names of the bidders of f).  Names that do not fit whole
 * are counted, "A, B and 3 others", so the sentence keeps its fact and
 * no name is cut. */
static void
names(const struct market *m, const struct fired *f, char *out, size_t n,
      bool zh)
{
	/* room kept for " and 4294967295 others" / "等4294967295家" */
	const size_t rest_room = 24;
	size_t len = 0;
	uint32_t i;

	out[0] = '\0';
	for (i = 0; i < f->nb; i++) {
		bool last = i + 1 == f->nb && !f->more;
		const char *sep = i == 0 ? ""
				  : last ? (zh ? "和" : " and ")
					 : (zh ? "、" : ", ");
		const char *name = bidder_name(m, f->bidders[i]);
		size_t nsep = strlen(sep), nname = strlen(name);
		if (len + nsep + nname + (last ? 0 : rest_room) >= n)
			break;
		memcpy(out + len, sep, nsep);
		memcpy(out + len + nsep, name, nname + 1);
		len += nsep + nname;
	}
	if (i == 0 && f->nb) /* not even one name fits */
		fmt_snprintf(out, n, zh ? "%u%s家投标人" : "%u%s bidders",
			     f->nb, f->more ? "+" : "");
	else if (i < f->nb && !f->more)
		fmt_snprintf(out + len, n - len,
			     zh ? "等%u家" /* read as the total */
			     : f->nb - i == 1 ? " and %u other"
					      : " and %u others",
			     zh ? f->nb : f->nb - i);
	else if (f->more || i < f->nb)
		fmt_snprintf(out + len, n - len, "%s",
			     zh ? "等" : " and others");
}

const char *const key_en[NKEYS] = {
	"were prepared by the same document author or machine",
	"were filed through the same agent",
	"name the same project manager",
	"are the identical document",
	"had their deposits paid from the same account",
	"were sent from the same IP address",
	"were sent from the same MAC address",
	"were signed with the same CA certificate",
};
const char *const key_zh[NKEYS] = {
	"的投标文件由同一制作人或同一机器编制",
	"委托同一代理人办理投标事宜",
	"的投标文件载明的项目负责人为同一人",
	"的投标文件完全相同（文件哈希一致）",
	"的投标保证金从同一账户转出",
	"的投标从同一IP地址递交",
	"的投标从同一MAC地址递交",
	"的投标使用同一CA数字证书签章",
};

/* Art. 40's shared values: who shared which key, and its value */
static void
shared_value_evidence(const struct market *m, const struct hit *h,
		      struct fired *f, const char *who, bool zh)
{
	int k = h->sig - SIG_SAME_DOC_AUTHOR;
	const char *detail =
		h->detail != UINT64_MAX ? m->text.data + h->detail : "";

	/* the shared value is what a preparer, a manager or an account
	 * wrote: masked with the rest of the text (market_mask) */
	if (zh)
		ev(f, "%s%s：%s（%s）", who, key_zh[k], detail, key_names[k]);
	else
		ev(f, "the bids of %s %s: %s = %s", who, key_en[k],
		   key_names[k], detail);
}

/* The price facts; false when h is not one. */
static bool
price_evidence(const struct hit *h, struct fired *f, const char *who, bool zh)
{
	switch (h->sig) {
	case SIG_IDENTICAL_PRICES:
		if (zh)
			ev(f, "%s报价完全相同：%.2f", who, h->value);
		else
			ev(f, "%s bid the identical price %.2f", who, h->value);
		return true;
	case SIG_PRICE_STEPS:
		if (zh)
			ev(f, "%s的报价按等差%.2f依次排列（规律性差异）", who,
			   h->value);
		else
			ev(f, "the prices of %s rise in equal steps of %.2f",
			   who, h->value);
		return true;
	case SIG_PRICE_RATIOS:
		if (zh)
			ev(f, "%s的报价按等比%.6f依次排列（规律性差异）", who,
			   h->value);
		else
			ev(f, "the prices of %s rise by the same ratio %.6f",
			   who, h->value);
		return true;
	case SIG_FIXED_RATIOS:
		if (zh)
			ev(f, "%s的报价是最低价的整0.5%%倍数（%.0f家）", who,
			   h->value);
		else
			ev(f,
			   "the prices of %s are the lowest bid plus whole "
			   "multiples of 0.5%% (%.0f bids)",
			   who, h->value);
		return true;
	}
	return false;
}

/* Cardinal's red flags of a tender; false when h is not one. */
static bool
cardinal_evidence(const struct hit *h, struct fired *f, const char *who,
		  bool zh)
{
	switch (h->sig) {
	case SIG_R018:
		ev(f, zh ? "只有一家投标（Cardinal R018）"
			 : "a single tenderer (Cardinal R018)");
		return true;
	case SIG_R028:
		if (zh)
			ev(f, "%s报价相同（Cardinal R028）", who);
		else
			ev(f, "%s submitted identical prices (Cardinal R028)",
			   who);
		return true;
	case SIG_R035:
		if (zh)
			ev(f, "除中标人%s外其余%.0f家均被否决（Cardinal R035）",
			   who, h->value);
		else
			ev(f,
			   "all bidders but the winner %s were disqualified: %.0f "
			   "(Cardinal R035)",
			   who, h->value);
		return true;
	case SIG_R036:
		if (f->nb == 0) {
			ev_str(f, zh ? "最低报价被否决（Cardinal R036）"
				     : "the lowest bid was disqualified "
				       "(Cardinal R036)");
		} else if (zh) {
			ev_str(f, who);
			EV_LIT(f, "的最低报价被否决（Cardinal R036）");
		} else {
			EV_LIT(f, "the lowest bid, by ");
			ev_str(f, who);
			EV_LIT(f, ", was disqualified (Cardinal R036)");
		}
		ev_end(f);
		return true;
	}
	return false;
}

static void
close_submission_evidence(const struct hit *h, struct fired *f, const char *who,
			  bool zh)
{
	ev_str(f, who);
	if (zh) {
		EV_LIT(f, "的投标在");
		ev_f(f, h->value, 0);
		EV_LIT(f, "秒内相继递交");
	} else {
		EV_LIT(f, " submitted within ");
		ev_f(f, h->value, 0);
		EV_LIT(f, " seconds of each other");
	}
	ev_end(f);
}

static void
hit_evidence(const struct market *m, const struct hit *h, struct fired *f,
	     bool zh)
{
	char who[256];

	names(m, f, who, sizeof who, zh);
	if (h->sig <= SIG_SAME_CA_SERIAL)
		shared_value_evidence(m, h, f, who, zh);
	else if (h->sig == SIG_CLOSE_SUBMISSION)
		close_submission_evidence(h, f, who, zh);
	else if (!price_evidence(h, f, who, zh) &&
		 !cardinal_evidence(h, f, who, zh))
		ev(f, "%s", who);
}

/*
 * How each screen is judged in each category: against the category's
 * fence, or all categories' when it has too few values (global), and its
 * limit, lo or hi as the screen's direction says.  A log screen's limit
 * is on log(value), and log() took a tenth of a record's time: a value
 * below exp(limit) by more than SCALE_MARGIN (relative) has a log below
 * the limit and one above by as much a log above it, whatever the last
 * bits exp() and log() get wrong; a value within the margin is judged
 * by its log, as the fences were made.
 */
#define SCALE_MARGIN 1e-9

struct screen_judge {
	double lim;   /* NAN: not judged (a fence of too few values) */
	double below; /* a value below it lies below lim */
	double above; /* a value above it lies above lim */
	/* a value outside [cand_lo, cand_hi] (or NAN) is not beyond the
	 * limit: most are not, and one test each tells */
	double cand_lo, cand_hi;
	bool global;
	/* the evidence after the value, made the first time the screen
	 * fires in the category: c->tails.data[tail_at..+tail_len), in
	 * Chinese when tail_zh */
	bool tail_made, tail_zh;
	uint32_t tail_len;
	size_t tail_at;
};

static void
judge_init(const struct market *m, size_t cat, int s, struct screen_judge *j)
{
	const struct analysis *a = m->an;
	const struct fence *f = &a->fences[cat * SCR_COUNT + (size_t)s];

	j->tail_made = false;
	j->global = f->n < (uint32_t)m->conf->fence_min_tenders;
	if (j->global)
		f = &a->fences[(size_t)a->ncats * SCR_COUNT + (size_t)s];
	j->lim = scr_info[s].dir == DIR_LOW ? f->lo : f->hi;
	if (f->n < FENCE_MIN_VALUES)
		j->lim = NAN;
	if (!scr_info[s].log_scale) {
		j->below = j->above = j->lim;
	} else if (fabs(j->lim) < 700) { /* exp() of it a normal number */
		j->below = exp(j->lim) * (1 - SCALE_MARGIN);
		j->above = exp(j->lim) * (1 + SCALE_MARGIN);
	} else {
		j->below = -INFINITY;
		j->above = INFINITY;
	}
	/* beyond_limit is true below `below` (a low screen) or above
	 * `above` (a high one), and may be between them */
	if (isnan(j->lim)) {
		j->cand_lo = INFINITY;
		j->cand_hi = -INFINITY;
	} else if (scr_info[s].dir == DIR_LOW) {
		j->cand_lo = -INFINITY;
		j->cand_hi = j->above;
	} else {
		j->cand_lo = j->below;
		j->cand_hi = INFINITY;
	}
}

/*
 * The candidates of a category, four screens to a comparison: [lo, hi]
 * holds [cand_lo, cand_hi] of each screen rounded outwards to floats (a
 * tender's screens are floats), so a screen outside it is no candidate;
 * the padding is none.
 */
#define SCR_PAD ((SCR_COUNT + 3) / 4 * 4)

struct screen_cands {
	float lo[SCR_PAD], hi[SCR_PAD];
};

/* x as a float no greater (down) or no less (!down) than x */
static float
float_outward(double x, bool down)
{
	float f = (float)x;

	if (down && (double)f > x)
		f = nextafterf(f, -INFINITY);
	if (!down && (double)f < x)
		f = nextafterf(f, INFINITY);
	return f;
}

static void
cands_init(struct screen_cands *sc, const struct screen_judge *j)
{
	for (int s = 0; s < SCR_PAD; s++) {
		sc->lo[s] = s < SCR_COUNT ? float_outward(j[s].cand_lo, true)
					  : INFINITY;
		sc->hi[s] = s < SCR_COUNT ? float_outward(j[s].cand_hi, false)
					  : -INFINITY;
	}
}

/* Bit s set for each screen of scr that may lie beyond its limit. */
static unsigned
screen_candidates(const struct screen_cands *sc, const float *scr)
{
	float v[SCR_PAD];
	unsigned bits = 0;

	memcpy(v, scr, SCR_COUNT * sizeof *v);
	for (int s = SCR_COUNT; s < SCR_PAD; s++)
		v[s] = NAN;
#ifdef __SSE2__
	for (int s = 0; s < SCR_PAD; s += 4) {
		__m128 x = _mm_loadu_ps(v + s);
		__m128 in =
			_mm_and_ps(_mm_cmpge_ps(x, _mm_loadu_ps(sc->lo + s)),
				   _mm_cmple_ps(x, _mm_loadu_ps(sc->hi + s)));
		bits |= (unsigned)_mm_movemask_ps(in) << s;
	}
#else
	for (int s = 0; s < SCR_PAD; s++)
		if (v[s] >= sc->lo[s] && v[s] <= sc->hi[s])
			bits |= 1u << s;
#endif
	return bits;
}

static bool
bit_get(const uint64_t *bits, uint32_t i)
{
	return bits[i / 64] >> (i % 64) & 1;
}

static void
bit_set(uint64_t *bits, uint32_t i)
{
	bits[i / 64] |= 1ULL << (i % 64);
}

/*
 * What case_build keeps of the analysis m->an: c->judge[cat * SCR_COUNT
 * + s] for every category, and two bits per bidder, read for each bidder
 * of each tender where the analysis's own arrays (4 bytes a bidder, a
 * few of them sharing a core's cache with the names) cost a miss: in a
 * group (a->comp[b] >= 0), and covered (a bidder's cover_of is b).  Few
 * are either: most tenders then need neither array.
 */
static void
case_prepare(const struct market *m, struct tender_case *c)
{
	const struct analysis *a = m->an;
	size_t ncats = a->ncats, nb = m->bidders.n, words = nb / 64 + 1;

	c->judge = gk_xrealloc(c->judge,
			       (ncats + 1) * SCR_COUNT * sizeof *c->judge);
	buf_reset(&c->tails);
	c->cands = gk_xrealloc(c->cands, (ncats + 1) * sizeof *c->cands);
	for (size_t cat = 0; cat < ncats; cat++) {
		for (int s = 0; s < SCR_COUNT; s++)
			judge_init(m, cat, s, &c->judge[cat * SCR_COUNT + s]);
		cands_init(&c->cands[cat], &c->judge[cat * SCR_COUNT]);
	}
	free(c->grouped);
	free(c->covered);
	c->grouped = gk_xcalloc(words, sizeof *c->grouped);
	c->covered = gk_xcalloc(words, sizeof *c->covered);
	for (uint32_t b = 0; b < nb; b++) {
		if (a->comp[b] >= 0)
			bit_set(c->grouped, b);
		if (a->cover_of[b] >= 0)
			bit_set(c->covered, (uint32_t)a->cover_of[b]);
	}
	c->made_for = a;
}

/* Does value v of screen s lie beyond the limit j judges it by? */
static bool
beyond_limit(const struct screen_judge *j, int s, double v)
{
	double x;

	if (v < j->below)
		return scr_info[s].dir == DIR_LOW;
	if (v > j->above)
		return scr_info[s].dir == DIR_HIGH;
	x = screen_scale(s, v);
	return scr_info[s].dir == DIR_LOW ? x < j->lim : x > j->lim;
}

/* What follows a fired screen's value in its evidence ("is below the
 * lower fence 0.01 of category 'goods'"): the same for every tender of
 * the category, so made once (its fence printed once) and copied. */
static const char *
screen_tail(struct tender_case *c, struct screen_judge *j, int s,
	    const char *cat, bool zh, size_t *n)
{
	if (!j->tail_made || j->tail_zh != zh) {
		/* the category named as one: "of it", "低于construction的"
		 * read as words of the sentence */
		const char *lead = j->global ? "" : zh ? "类别“" : "category '";
		const char *where =
			j->global ? (zh ? "全部类别" : "all categories") : cat;
		const char *tail = j->global ? "" : zh ? "”" : "'";
		size_t at = c->tails.len;
		if (zh)
			buf_fmt(&c->tails, "，%s于%s%s%s的%s界 %.4g",
				scr_info[s].dir == DIR_LOW ? "低" : "高", lead,
				where, tail,
				scr_info[s].dir == DIR_LOW ? "下" : "上",
				screen_unscale(s, j->lim));
		else
			buf_fmt(&c->tails, " is %s the %s fence %.4g of %s%s%s",
				scr_info[s].dir == DIR_LOW ? "below" : "above",
				scr_info[s].dir == DIR_LOW ? "lower" : "upper",
				screen_unscale(s, j->lim), lead, where, tail);
		j->tail_at = at;
		j->tail_len = (uint32_t)(c->tails.len - at);
		j->tail_made = true;
		j->tail_zh = zh;
	}
	*n = j->tail_len;
	return c->tails.data + j->tail_at;
}

/* "cv = 0.0123" and the screen's tail: what ev printed with "%s = %.4g"
 * and the tail's format */
static void
screen_evidence(struct tender_case *c, struct fired *fd, const struct market *m,
		const struct tender *t, int s, bool zh)
{
	struct screen_judge *j =
		&c->judge[(size_t)t->category * SCR_COUNT + (size_t)s];
	const char *cat = category_label(m, t->category);
	double v = t->scr[s];
	char num[FMT_NUM_MAX];
	const char *tail;
	size_t n;

	ev_add(fd, scr_info[s].name, strlen(scr_info[s].name));
	ev_add(fd, " = ", 3);
	ev_add(fd, num, fmt_g(num, v, 4));
	tail = screen_tail(c, j, s, cat, zh, &n);
	ev_add(fd, tail, n);
	ev_end(fd);
}

/* "4 valid bids within 5% of the ceiling price 1151000.00" */
static void
near_ceiling_evidence(const struct market *m, const struct tender *t,
		      struct fired *fd, bool zh)
{
	ev_uint(fd, t->near_ceiling);
	if (zh) {
		EV_LIT(fd, "家有效报价在最高投标限价");
		ev_f(fd, t->ceiling, 2);
		EV_LIT(fd, "的");
		ev_f(fd, m->conf->near_ceiling * 100, 0);
		EV_LIT(fd, "%以内");
	} else {
		EV_LIT(fd, " valid bids within ");
		ev_f(fd, m->conf->near_ceiling * 100, 0);
		EV_LIT(fd, "% of the ceiling price ");
		ev_f(fd, t->ceiling, 2);
	}
	ev_end(fd);
}

static void
screens(const struct market *m, size_t ti, struct tender_case *c, bool zh)
{
	const struct tender *t = &m->t[ti];
	struct fired *subset = NULL;
	const struct screen_judge *judge;

	judge = c->judge + (size_t)t->category * SCR_COUNT;
	for (unsigned bits = screen_candidates(&c->cands[t->category], t->scr);
	     bits; bits &= bits - 1) {
		int s = __builtin_ctz(bits);
		double v = t->scr[s], lim = judge[s].lim;
		if (!(v >= judge[s].cand_lo && v <= judge[s].cand_hi))
			continue;
		if (isnan(v) || isnan(lim) || !beyond_limit(&judge[s], s, v))
			continue;
		int sig = scr_info[s].sig;
		if (sig == SIG_SCREEN_SUBSET && subset)
			continue; /* one subset signal, the first screen that fired */
		struct fired *fd = add(m, c, sig, v);
		if (sig == SIG_SCREEN_SUBSET)
			subset = fd;
		screen_evidence(c, fd, m, t, s, zh);
	}
	if (!isnan(t->ceiling) && t->nvalid >= 2) {
		uint32_t need = (uint32_t)m->conf->near_ceiling_min_bids;
		if (need > t->nvalid)
			need = t->nvalid;
		if (t->near_ceiling >= need) {
			struct fired *fd =
				add(m, c, SIG_NEAR_CEILING, t->near_ceiling);
			near_ceiling_evidence(m, t, fd, zh);
		}
	}
}

/* Are two valid bidders of tender ti in groups?  A strong pair is two
 * bidders of one group: without two, there is none to look for. */
static bool
two_grouped(const struct market *m, size_t ti, const struct tender_case *c)
{
	const struct analysis *a = m->an;
	int n = 0;

	for (uint64_t x = a->vb_off[ti]; x < a->vb_off[ti + 1]; x++)
		if (bit_get(c->grouped, a->vb[x]) && ++n == 2)
			return true;
	return false;
}

/* co-bidding: pairs of this tender far above expectation (none
 * counted in a tender of too many bidders) */
static void
cross_cobidding(const struct market *m, size_t ti, struct tender_case *c,
		bool zh)
{
	struct fired *co = NULL;
	struct strong_pairs sp;
	uint32_t pa, pb;
	uint64_t cnt, most = 0;
	char who[256];

	if (!two_grouped(m, ti, c))
		return;
	strong_pairs_begin(&sp, m, ti);
	while (strong_pairs_next(&sp, &pa, &pb, &cnt)) {
		if (!co)
			co = add(m, c, SIG_CO_BIDDING, 0);
		add_bidder(co, pa);
		add_bidder(co, pb);
		if (cnt > most)
			most = cnt;
	}
	if (!co)
		return;
	co->value = (double)most;
	names(m, co, who, sizeof who, zh);
	ev_str(co, who);
	if (zh) {
		EV_LIT(co, "共同投标次数远超其各自参与率的预期（最多");
		ev_uint(co, most);
		EV_LIT(co, "次）");
	} else {
		EV_LIT(co, " bid together far more often than their "
			   "participation predicts (up to ");
		ev_uint(co, most);
		EV_LIT(co, " tenders together)");
	}
	ev_end(co);
}

/* rotation: the winner w belongs to a group that takes turns */
static void
cross_rotation(const struct market *m, size_t ti, int32_t w,
	       struct tender_case *c, bool zh)
{
	const struct analysis *a = m->an;
	const uint32_t *vb = a->vb + a->vb_off[ti];
	size_t k = a->vb_off[ti + 1] - a->vb_off[ti];
	const struct group *g = &a->groups[a->comp[w]];
	size_t present = 0;
	char who[256];

	for (size_t x = 0; x < k; x++)
		if (a->comp[vb[x]] == a->comp[w])
			present++;
	if (!g->rotation || present < 2)
		return;
	struct fired *f =
		add(m, c, SIG_BID_ROTATION, (double)g->won / g->present);
	add_bidder(f, (uint32_t)w);
	for (size_t x = 0; x < k; x++)
		if (a->comp[vb[x]] == a->comp[w])
			add_bidder(f, vb[x]);
	names(m, f, who, sizeof who, zh);
	ev_str(f, who);
	if (zh) {
		EV_LIT(f, "所在的");
		ev_uint(f, g->n);
		EV_LIT(f, "家投标人组在");
		ev_uint(f, g->present);
		EV_LIT(f, "次共同投标中赢得");
		ev_uint(f, g->won);
		EV_LIT(f, "次，由");
		ev_uint(f, g->distinct_winners);
		EV_LIT(f, "家轮流中标");
	} else {
		EV_LIT(f, " belong to a group of ");
		ev_uint(f, g->n);
		EV_LIT(f, " bidders that won ");
		ev_uint(f, g->won);
		EV_LIT(f, " of the ");
		ev_uint(f, g->present);
		EV_LIT(f, " tenders they bid together, taking turns among ");
		ev_uint(f, g->distinct_winners);
		EV_LIT(f, " winners");
	}
	ev_end(f);
}

/* cover bidders: losers here that never win and lose to this winner w */
static void
cross_cover(const struct market *m, size_t ti, int32_t w, struct tender_case *c,
	    bool zh)
{
	const struct analysis *a = m->an;
	const uint32_t *vb = a->vb + a->vb_off[ti];
	size_t k = a->vb_off[ti + 1] - a->vb_off[ti];
	struct fired *f = NULL;
	uint32_t worst = 0, nbids = 0;
	char who[256];

	if (!bit_get(c->covered, (uint32_t)w))
		return;
	for (size_t x = 0; x < k; x++) {
		if (a->cover_of[vb[x]] != w)
			continue;
		if (!f) {
			f = add(m, c, SIG_COVER_BIDDER, 0);
		}
		add_bidder(f, vb[x]);
		if (a->cover_n[vb[x]] > worst) {
			worst = a->cover_n[vb[x]];
			nbids = a->nvalid_b[vb[x]];
		}
	}
	if (!f)
		return;
	f->value = nbids ? (double)worst / nbids : 0;
	names(m, f, who, sizeof who, zh);
	add_bidder(f, (uint32_t)w);
	ev_str(f, who);
	if (zh) {
		EV_LIT(f, "从未中标，");
		ev_uint(f, nbids);
		EV_LIT(f, "次投标中有");
		ev_uint(f, worst);
		EV_LIT(f, "次输给本项目中标人");
	} else {
		EV_LIT(f, " never won; lost ");
		ev_uint(f, worst);
		EV_LIT(f, " of ");
		ev_uint(f, nbids);
		EV_LIT(f, " bids to this winner ");
	}
	ev_str(f, bidder_name(m, (uint32_t)w));
	ev_end(f);
}

/* loser then winner with the same competitors */
static void
cross_loser_then_winner(const struct market *m, size_t ti,
			struct tender_case *c, bool zh)
{
	const struct analysis *a = m->an;
	const struct tender *t = &m->t[ti];
	const struct tender *p = &m->t[a->ltw_prev[ti]];
	size_t k = a->vb_off[ti + 1] - a->vb_off[ti];
	struct fired *f = add(m, c, SIG_LOSER_THEN_WINNER, (double)k);

	add_bidder(f, (uint32_t)t->winner);
	add_bidder(f, (uint32_t)p->winner);
	ev_str(f, bidder_name(m, (uint32_t)t->winner));
	ev_str(f, zh ? "在上一项目" : " lost ");
	ev_str(f, tender_id(m, p));
	ev_str(f, zh ? "中输给" : " to ");
	ev_str(f, bidder_name(m, (uint32_t)p->winner));
	if (zh) {
		EV_LIT(f, "，本项目由同样的");
		ev_uint(f, k);
		EV_LIT(f, "家投标人竞争时中标");
	} else {
		EV_LIT(f, ", then won this tender among the same ");
		ev_uint(f, k);
		EV_LIT(f, " bidders");
	}
	ev_end(f);
}

/* The patterns across tenders; a cancelled tender has no winner: it
 * awarded nothing. */
static void
cross(const struct market *m, size_t ti, struct tender_case *c, bool zh)
{
	const struct analysis *a = m->an;
	int32_t w = tender_awarded(&m->t[ti]);

	cross_cobidding(m, ti, c, zh);
	if (w >= 0 && bit_get(c->grouped, (uint32_t)w)) /* a->comp[w] >= 0 */
		cross_rotation(m, ti, w, c, zh);
	if (w >= 0)
		cross_cover(m, ti, w, c, zh);
	if (a->ltw_prev[ti] >= 0)
		cross_loser_then_winner(m, ti, c, zh);
}

/* R024's and R058's: the ratio and the fence as percentages (%.4g)
 * between the words */
static void
ratio_evidence(struct fired *f, const char *lead, double ratio,
	       const char *middle, double fence, const char *tail)
{
	ev_str(f, lead);
	ev_g(f, ratio * 100, 4);
	ev_str(f, middle);
	ev_g(f, fence * 100, 4);
	ev_str(f, tail);
	ev_end(f);
}

void
case_build(const struct market *m, size_t ti, struct tender_case *c,
	   const struct report_opts *o)
{
	bool zh = o->zh;
	const struct tender *t = &m->t[ti];
	const struct analysis *a = m->an;
	double w[SIG_COUNT];
	bool seen[SIG_COUNT] = {false};
	size_t nw = 0;

	c->n = 0;
	if (c->made_for != m->an)
		case_prepare(m, c);
	for (uint32_t i = 0; i < t->nhits; i++) {
		const struct hit *h = &m->hits[t->hit_off + i];
		struct fired *f = add(m, c, h->sig, h->value);
		for (uint32_t j = 0; j < h->nb; j++)
			add_bidder(f, m->hitb[h->bidders + j]);
		hit_evidence(m, h, f, zh);
	}
	screens(m, ti, c, zh);
	cross(m, ti, c, zh);
	if (!isnan(t->c_ratio)) {
		if (a->r024_ok && t->c_ratio <= a->r024_fence) {
			struct fired *f = add(m, c, SIG_R024, t->c_ratio);
			add_bidder(f, (uint32_t)t->c_winner);
			add_bidder(f, (uint32_t)t->c_second);
			if (zh)
				ratio_evidence(
					f, "次低价仅比中标价高", t->c_ratio,
					"%，不高于全部项目的下界",
					a->r024_fence, "%（Cardinal R024）");
			else
				ratio_evidence(
					f, "the second-lowest bid is only ",
					t->c_ratio,
					"% above the winning bid, at or below "
					"the fence ",
					a->r024_fence, "% (Cardinal R024)");
		}
		if (a->r058_ok && t->c_ratio >= a->r058_fence) {
			struct fired *f = add(m, c, SIG_R058, t->c_ratio);
			add_bidder(f, (uint32_t)t->c_winner);
			if (zh)
				ratio_evidence(
					f, "次低价比中标价高", t->c_ratio,
					"%，不低于全部项目的上界",
					a->r058_fence, "%（Cardinal R058）");
			else
				ratio_evidence(
					f, "the second-lowest bid is ",
					t->c_ratio,
					"% above the winning bid, at or above "
					"the fence ",
					a->r058_fence, "% (Cardinal R058)");
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		int s = c->f[i].sig;
		if (seen[s])
			continue;
		seen[s] = true;
		w[nw++] = c->f[i].weight;
	}
	c->score = 100 * combine(w, nw);
	c->level = level_of(m->conf, floor(c->score + 0.5));
}
