/*
 * evidence.c: the tenders behind a pair's or a group's signals, so that
 * an auditor can open the case files.  The analysis keeps counts only;
 * the tenders are found again here, for the bidders that are reported.
 */
#include "bid.h"

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
 * same lists the co-bidding counts were made from: first the size of
 * each chosen bidder's list, then the lists.
 */
void
bidder_tenders_build(const struct market *m, const uint8_t *chosen,
		     struct bidder_tenders *bt)
{
	const struct analysis *a = m->an;
	size_t nb = m->bidders.n;
	uint64_t *next = gk_xcalloc(nb + 1, sizeof *next);

	bt->off = gk_xcalloc(nb + 1, sizeof *bt->off);
	for (uint64_t i = 0; i < a->vb_off[m->nt]; i++)
		if (chosen[a->vb[i]])
			bt->off[a->vb[i] + 1]++;
	for (size_t i = 0; i < nb; i++)
		bt->off[i + 1] += bt->off[i];
	memcpy(next, bt->off, nb * sizeof *next);
	bt->t = gk_xmalloc((bt->off[nb] + 1) * sizeof *bt->t);
	for (size_t ti = 0; ti < m->nt; ti++)
		for (uint64_t i = a->vb_off[ti]; i < a->vb_off[ti + 1]; i++)
			if (chosen[a->vb[i]])
				bt->t[next[a->vb[i]]++] = (uint32_t)ti;
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
		 uint32_t a, uint32_t b, int32_t won_by, struct tlist *out)
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
			if (won_by < 0 || m->t[*x].winner == won_by)
				tlist_push(out, *x);
			x++;
			y++;
		}
	}
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

void
tenders_of_group(const struct bidder_tenders *bt, const uint32_t *members,
		 uint32_t n, struct tlist *out)
{
	struct tlist all = {0};

	for (uint32_t j = 0; j < n; j++)
		for (uint64_t i = bt->off[members[j]]; i < bt->off[members[j] + 1]; i++)
			tlist_push(&all, bt->t[i]);
	if (all.n > 1)
		qsort(all.v, all.n, sizeof *all.v, cmp_u32);
	out->n = 0;
	/* a tender listed twice or more: two members bid in it */
	for (size_t i = 1; i < all.n; i++)
		if (all.v[i] == all.v[i - 1] && (out->n == 0 || out->v[out->n - 1] != all.v[i]))
			tlist_push(out, all.v[i]);
	tlist_release(&all);
}

void
buf_add_tender_ids(struct gk_buf *b, const struct market *m,
		   const struct tlist *l)
{
	buf_adds(b, ",\"tender_ids\":[");
	for (size_t i = 0; i < l->n; i++) {
		const char *id = tender_id(m, &m->t[l->v[i]]);
		if (i)
			buf_addc(b, ',');
		buf_add_json_string(b, id, utf8_valid_prefix(id, strlen(id)));
	}
	buf_addc(b, ']');
}
