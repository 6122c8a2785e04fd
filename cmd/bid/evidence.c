/*
 * evidence.c: the tenders behind a pair's or a group's signals, so that
 * an auditor can open the case files.  The analysis keeps counts only;
 * the tenders are found again here, for the bidders that are reported.
 */
#include "bid.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void
tlist_push(struct tlist *l, uint32_t t)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = gk_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = t;
}

void
tlist_release(struct tlist *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

/*
 * One pass over the distinct valid bidders of every tender (a->vb), the
 * same lists the co-bidding counts were made from: each chosen bidder's
 * tenders, in the order of the tenders, and their count; then these into
 * each bidder's list.  (Two passes over a->vb, a count then the lists,
 * read a large market's 8,000,000 entries twice.)  A large market's
 * tenders are read in two halves, the second on a thread of its own.
 */
#define BT_SPLIT_MIN (1 << 20) /* entries of a->vb */

struct bidder_tender {
	uint32_t bidder, tender;
};

/* The chosen bidders' entries of tenders [from, to). */
struct vb_part {
	const struct market *m;
	const uint8_t *chosen;
	size_t from, to;
	struct bidder_tender *sel;
	size_t nsel;
	uint32_t *count; /* per bidder, its entries among sel */
};

static void *
vb_part_scan(void *arg)
{
	struct vb_part *p = arg;
	const struct analysis *a = p->m->an;
	size_t cap = 1024;

	p->sel = gk_xmalloc(cap * sizeof *p->sel);
	p->count = gk_xcalloc(p->m->bidders.n + 1, sizeof *p->count);
	for (size_t ti = p->from; ti < p->to; ti++)
		for (uint64_t i = a->vb_off[ti]; i < a->vb_off[ti + 1]; i++) {
			uint32_t b = a->vb[i];
			if (!p->chosen[b])
				continue;
			if (p->nsel == cap) {
				cap *= 2;
				p->sel = gk_xrealloc(p->sel,
						     cap * sizeof *p->sel);
			}
			p->sel[p->nsel++] =
				(struct bidder_tender){b, (uint32_t)ti};
			p->count[b]++;
		}
	return NULL;
}

void
bidder_tenders_build(const struct market *m, const uint8_t *chosen,
		     struct bidder_tenders *bt)
{
	size_t nb = m->bidders.n, half = m->nt / 2;
	struct vb_part part[2] = {{m, chosen, 0, half, NULL, 0, NULL},
				  {m, chosen, half, m->nt, NULL, 0, NULL}};
	pthread_t th;
	bool apart = m->an->vb_off[m->nt] > BT_SPLIT_MIN &&
		     pthread_create(&th, NULL, vb_part_scan, &part[1]) == 0;
	uint64_t *next;

	if (!apart)
		part[0].to = m->nt;
	vb_part_scan(&part[0]);
	if (apart)
		pthread_join(th, NULL);
	bt->off = gk_xcalloc(nb + 1, sizeof *bt->off);
	for (size_t b = 0; b < nb; b++)
		bt->off[b + 1] = bt->off[b] + part[0].count[b] +
				 (apart ? part[1].count[b] : 0);
	next = gk_xmalloc((nb + 1) * sizeof *next);
	memcpy(next, bt->off, (nb + 1) * sizeof *next);
	bt->t = gk_xmalloc((bt->off[nb] + 1) * sizeof *bt->t);
	/* the first half's tenders, then the second's: in order */
	for (int k = 0; k < (apart ? 2 : 1); k++)
		for (size_t i = 0; i < part[k].nsel; i++)
			bt->t[next[part[k].sel[i].bidder]++] =
				part[k].sel[i].tender;
	for (int k = 0; k < (apart ? 2 : 1); k++) {
		free(part[k].sel);
		free(part[k].count);
	}
	free(next);
}

void
bidder_tenders_free(struct bidder_tenders *bt)
{
	free(bt->off);
	free(bt->t);
	memset(bt, 0, sizeof *bt);
}

void
tenders_together(const struct market *m, const struct bidder_tenders *bt,
		 uint32_t a, uint32_t b, int32_t won_by, bool paired,
		 struct tlist *out)
{
	const uint32_t *x = bt->t + bt->off[a], *xe = bt->t + bt->off[a + 1];
	const uint32_t *y = bt->t + bt->off[b], *ye = bt->t + bt->off[b + 1];

	out->n = 0;
	while (x < xe && y < ye) {
		if (*x < *y) {
			x++;
		} else if (*y < *x) {
			y++;
		} else {
			const struct tender *t = &m->t[*x];
			if ((won_by < 0 || tender_awarded(t) == won_by) &&
			    !(paired && (t->notes & NOTE_MANY_BIDDERS)))
				tlist_push(out, *x);
			x++;
			y++;
		}
	}
}

/* A member's tenders yet to merge: bt->t[at..end), t the next. */
struct cursor {
	uint32_t t;
	uint64_t at, end;
};

/* h[0..n) a heap by t again, h[i] having changed */
static void
sift_down(struct cursor *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, min = i;
		if (l < n && h[l].t < h[min].t)
			min = l;
		if (r < n && h[r].t < h[min].t)
			min = r;
		if (min == i)
			return;
		struct cursor x = h[i];
		h[i] = h[min];
		h[min] = x;
		i = min;
	}
}

/* The members' lists (each ascending, a tender once) merged in a heap of
 * their next tenders: a tender that comes out twice or more had two
 * members.  (All of them sorted together took the most of a large
 * market's group records.) */
void
tenders_of_group(const struct bidder_tenders *bt, const uint32_t *members,
		 uint32_t n, struct tlist *out)
{
	struct cursor *h = gk_xmalloc(((size_t)n + 1) * sizeof *h);
	size_t nh = 0, times = 0;
	uint32_t last = 0;

	for (uint32_t j = 0; j < n; j++) {
		uint64_t at = bt->off[members[j]],
			 end = bt->off[members[j] + 1];
		if (at < end)
			h[nh++] = (struct cursor){bt->t[at], at, end};
	}
	for (size_t i = nh; i-- > 0;)
		sift_down(h, nh, i);
	out->n = 0;
	while (nh) {
		uint32_t t = h[0].t;
		times = times && t == last ? times + 1 : 1;
		last = t;
		if (times == 2)
			tlist_push(out, t);
		if (++h[0].at < h[0].end)
			h[0].t = bt->t[h[0].at];
		else
			h[0] = h[--nh];
		sift_down(h, nh, 0);
	}
	free(h);
}

#define TENDER_IDS_AHEAD 8

void
buf_add_tender_ids(struct gk_buf *b, const struct market *m,
		   const struct tlist *l)
{
	buf_adds(b, ",\"tender_ids\":[");
	for (size_t i = 0; i < l->n; i++) {
		/* the tenders are anywhere in the market: each one's record,
		 * then its id, asked of the memory ahead of its turn */
		if (i + 2 * TENDER_IDS_AHEAD < l->n)
			__builtin_prefetch(
				&m->t[l->v[i + 2 * TENDER_IDS_AHEAD]]);
		if (i + TENDER_IDS_AHEAD < l->n)
			__builtin_prefetch(tender_id(
				m, &m->t[l->v[i + TENDER_IDS_AHEAD]]));
		if (i)
			buf_addc(b, ',');
		buf_add_json_cstr(b, tender_id(m, &m->t[l->v[i]]));
	}
	buf_addc(b, ']');
}

/* "X-31 [R1], X-32 [R2]": the tenders, each with its winner unless
 * with_winner is false (they all have the one named in the line); a
 * cancelled tender with "cancelled" in place of a winner: it awarded
 * nothing.  A winner is named beside its id (buf_add_bidder) the first
 * time the line shows it, unless it is one of the line's own bidders,
 * named[0..nnamed), named already. */
static void
print_tenders(FILE *fp, const struct market *m, const struct tlist *l,
	      bool with_winner, const uint32_t *named, size_t nnamed, bool zh)
{
	struct gk_buf w;
	struct tlist seen = {0}; /* the winners named in the line */

	buf_init(&w);
	for (size_t i = 0; i < nnamed; i++)
		tlist_push(&seen, named[i]);
	for (size_t i = 0; i < l->n; i++) {
		const struct tender *t = &m->t[l->v[i]];
		fputs(i == 0 ? "" : zh ? "、" : ", ", fp);
		fputs(tender_id(m, t), fp);
		if (!with_winner)
			continue;
		if (t->cancelled) {
			fputs(zh ? "（已终止）" : " [cancelled]", fp);
		} else if (t->winner >= 0) {
			uint32_t b = (uint32_t)t->winner;
			size_t j = 0;
			while (j < seen.n && seen.v[j] != b)
				j++;
			buf_reset(&w);
			if (j < seen.n) {
				buf_adds(&w, bidder_name(m, b));
			} else {
				buf_add_bidder(&w, m, b, zh);
				tlist_push(&seen, b);
			}
			fprintf(fp, zh ? "（%s中标）" : " [%s]", w.data);
		} else {
			fputs(zh ? "（无中标人）" : " [no winner]", fp);
		}
	}
	fputc('\n', fp);
	buf_release(&w);
	tlist_release(&seen);
}

/* Did signal sig fire in case c? */
static bool
fired_in(const struct tender_case *c, int sig)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->f[i].sig == sig)
			return true;
	return false;
}

/* What the three lists of explain share: where they go, the chosen
 * bidders' tenders, the list being printed, two names. */
struct explain_out {
	FILE *fp;
	const struct market *m;
	bool zh;
	struct bidder_tenders bt;
	struct tlist l;
	struct gk_buf x, y;
};

/* The tenders of tender ti's valid bidders and of the group's members. */
static void
explain_bidder_tenders(struct explain_out *eo, size_t ti, const struct group *g)
{
	const struct market *m = eo->m;
	const struct analysis *a = m->an;
	const uint32_t *vb = a->vb + a->vb_off[ti];
	size_t k = a->vb_off[ti + 1] - a->vb_off[ti];
	uint8_t *chosen = gk_xcalloc(m->bidders.n + 1, 1);

	for (size_t x = 0; x < k; x++)
		chosen[vb[x]] = 1;
	for (uint32_t j = 0; g && j < g->n; j++)
		chosen[g->members[j]] = 1;
	bidder_tenders_build(m, chosen, &eo->bt);
	free(chosen);
}

/* the pairs in the order cross() names them */
static void
explain_pairs(struct explain_out *eo, size_t ti)
{
	const struct market *m = eo->m;
	bool zh = eo->zh;
	struct strong_pairs sp;
	uint32_t p, q;

	strong_pairs_begin(&sp, m, ti);
	while (strong_pairs_next(&sp, &p, &q, NULL)) {
		uint32_t two[2] = {p, q};
		tenders_together(m, &eo->bt, p, q, -1, true, &eo->l);
		buf_reset(&eo->x);
		buf_add_bidder(&eo->x, m, p, zh);
		buf_reset(&eo->y);
		buf_add_bidder(&eo->y, m, q, zh);
		fprintf(eo->fp,
			zh ? "  %s和%s共同投标%zu次："
			   : "  %s and %s bid together in %zu: ",
			eo->x.data, eo->y.data, eo->l.n);
		print_tenders(eo->fp, m, &eo->l, true, two, 2, zh);
	}
}

static void
explain_group(struct explain_out *eo, const struct group *g)
{
	bool zh = eo->zh;

	tenders_of_group(&eo->bt, g->members, g->n, &eo->l);
	fputs("  ", eo->fp);
	for (uint32_t j = 0; j < g->n; j++) {
		buf_reset(&eo->x);
		buf_add_bidder(&eo->x, eo->m, g->members[j], zh);
		fprintf(eo->fp, "%s%s",
			j == 0          ? ""
			: j + 1 == g->n ? (zh ? "和" : " and ")
					: (zh ? "、" : ", "),
			eo->x.data);
	}
	fprintf(eo->fp,
		zh ? "（同组%u家）中两家以上共同投标%zu次："
		   : " (a group of %u), two or more of them in %zu: ",
		g->n, eo->l.n);
	print_tenders(eo->fp, eo->m, &eo->l, true, g->members, g->n, zh);
}

/* the valid bidders of tender ti that cover for its winner w */
static void
explain_cover(struct explain_out *eo, size_t ti, int32_t w)
{
	const struct market *m = eo->m;
	const struct analysis *a = m->an;
	const uint32_t *vb = a->vb + a->vb_off[ti];
	size_t k = a->vb_off[ti + 1] - a->vb_off[ti];
	bool zh = eo->zh;

	for (size_t i = 0; i < k; i++) {
		if (a->cover_of[vb[i]] != w)
			continue;
		tenders_together(m, &eo->bt, vb[i], (uint32_t)w, w, false,
				 &eo->l);
		buf_reset(&eo->x);
		buf_add_bidder(&eo->x, m, vb[i], zh);
		buf_reset(&eo->y);
		buf_add_bidder(&eo->y, m, (uint32_t)w, zh);
		fprintf(eo->fp,
			zh ? "  %s输给%s的%zu个项目："
			   : "  %s lost to %s in %zu: ",
			eo->x.data, eo->y.data, eo->l.n);
		print_tenders(eo->fp, m, &eo->l, false, NULL, 0, zh);
	}
}

/*
 * explain: the tenders behind tender ti's patterns across tenders, so
 * that the auditor can open them beside this one: for each strong pair
 * of co-bidders the tenders they bid in together, for a rotating group
 * the tenders two members or more bid in, for a cover bidder the tenders
 * it lost to this winner.  The same lists as the pair-risk and
 * group-risk records' tender_ids.
 */
void
explain_tenders(FILE *fp, const struct market *m, size_t ti,
		const struct tender_case *c, bool zh)
{
	const struct analysis *a = m->an;
	int32_t w = tender_awarded(&m->t[ti]);
	bool cobid = fired_in(c, SIG_CO_BIDDING);
	bool rotation = fired_in(c, SIG_BID_ROTATION) && w >= 0;
	bool cover = fired_in(c, SIG_COVER_BIDDER) && w >= 0;
	const struct group *g = rotation ? &a->groups[a->comp[w]] : NULL;
	struct explain_out eo = {.fp = fp, .m = m, .zh = zh};

	if (!cobid && !rotation && !cover)
		return;
	explain_bidder_tenders(&eo, ti, g);
	fputs(zh ? "\n相关项目（以上跨项目模式所依据的项目，括号内为中标人）：\n"
		 : "\nThe tenders behind these patterns (winner in brackets):\n",
	      fp);
	buf_init(&eo.x);
	buf_init(&eo.y);
	if (cobid)
		explain_pairs(&eo, ti);
	if (g)
		explain_group(&eo, g);
	if (cover)
		explain_cover(&eo, ti, w);
	buf_release(&eo.x);
	buf_release(&eo.y);
	tlist_release(&eo.l);
	bidder_tenders_free(&eo.bt);
}
