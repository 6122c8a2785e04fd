/*
 * pipe.c: parse on one thread, check on another.  The reader thread calls
 * source_next and copies each row into a batch (its text in one buffer,
 * lengths in one array); the checker takes batches in order.  A few
 * batches in a ring keep memory flat.  With the digest thread that makes
 * three: on two cores the parser, the checker and SHA-256 share them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define PIPE_BATCHES 4
/* A batch is handed over when it holds this many rows or bytes. */
#define PIPE_BATCH_ROWS 4096
#define PIPE_BATCH_BYTES ((size_t)1 << 20)

struct prow {
	long row, line, bad;
	bool unterminated;
	size_t first, n; /* its fields: lens[first .. first+n) */
	size_t problem;  /* the reader's problem in text (after the fields),
			    or NO_PROBLEM */
};
#define NO_PROBLEM ((size_t)-1)

struct batch {
	struct gk_buf text;
	size_t *off, *len;
	size_t nf, capf;
	struct prow *rows;
	size_t nrows, caprows;
	bool end; /* the last batch: input ended (rc 0) or failed (rc -1) */
	int rc;
	struct gk_err err;
};

struct pipe {
	struct source *src;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t ready, freed;
	struct batch b[PIPE_BATCHES];
	bool full[PIPE_BATCHES];
	size_t head, tail; /* reader fills head, checker takes tail */
	bool stop;
	/* the checker's view of the current batch */
	struct batch *cur;
	size_t pos;
	char **fields;
	size_t capfields;
	bool done;
};

static void
batch_reset(struct batch *b)
{
	buf_reset(&b->text);
	b->nf = 0;
	b->nrows = 0;
	b->end = false;
	b->rc = 0;
}

static void
batch_add(struct batch *b, const struct csv_row *r)
{
	struct prow *p;

	if (b->nrows == b->caprows) {
		b->caprows = b->caprows ? b->caprows * 2 : PIPE_BATCH_ROWS;
		b->rows = gk_xrealloc(b->rows, b->caprows * sizeof *b->rows);
	}
	if (b->nf + r->nfields > b->capf) {
		while (b->nf + r->nfields > b->capf)
			b->capf = b->capf ? b->capf * 2 : PIPE_BATCH_ROWS * 16;
		b->off = gk_xrealloc(b->off, b->capf * sizeof *b->off);
		b->len = gk_xrealloc(b->len, b->capf * sizeof *b->len);
	}
	p = &b->rows[b->nrows++];
	p->row = r->row;
	p->line = r->line;
	p->bad = r->bad_encoding_field;
	p->unterminated = r->unterminated_quote;
	p->first = b->nf;
	p->n = r->nfields;
	{
		size_t total = 0;
		char *dst;
		for (size_t i = 0; i < r->nfields; i++)
			total += r->lens[i] + 1;
		buf_reserve(&b->text, total);
		dst = b->text.data + b->text.len;
		for (size_t i = 0; i < r->nfields; i++) {
			size_t n = r->lens[i] + 1; /* with its NUL */
			b->off[b->nf] = (size_t)(dst - b->text.data);
			b->len[b->nf] = r->lens[i];
			memcpy(dst, r->fields[i], n);
			dst += n;
			b->nf++;
		}
		b->text.len += total;
		b->text.data[b->text.len] = '\0';
	}
	/* a workbook's cell given twice, say: its text travels with the row
	 * (the reader's buffer is reused for the next) */
	p->problem = NO_PROBLEM;
	if (r->problem) {
		p->problem = b->text.len;
		buf_add(&b->text, r->problem, strlen(r->problem) + 1);
	}
}

static void *
reader_main(void *arg)
{
	struct pipe *p = arg;
	struct csv_row row;

	for (;;) {
		struct batch *b;
		int rc = 1;

		pthread_mutex_lock(&p->mu);
		while (p->full[p->head] && !p->stop)
			pthread_cond_wait(&p->freed, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		b = &p->b[p->head];
		pthread_mutex_unlock(&p->mu);

		batch_reset(b);
		while (b->nrows < PIPE_BATCH_ROWS &&
		       b->text.len < PIPE_BATCH_BYTES &&
		       (rc = source_next(p->src, &row, &b->err)) > 0)
			batch_add(b, &row);
		if (rc <= 0) {
			b->end = true;
			b->rc = rc;
		}
		pthread_mutex_lock(&p->mu);
		p->full[p->head] = true;
		p->head = (p->head + 1) % PIPE_BATCHES;
		pthread_cond_signal(&p->ready);
		pthread_mutex_unlock(&p->mu);
		if (rc <= 0)
			return NULL;
	}
}

struct pipe *
pipe_start(struct source *src)
{
	struct pipe *p = gk_xcalloc(1, sizeof *p);

	p->src = src;
	for (size_t i = 0; i < PIPE_BATCHES; i++)
		buf_init(&p->b[i].text);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->freed, NULL);
	if (pthread_create(&p->thread, NULL, reader_main, p) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->ready);
		pthread_cond_destroy(&p->freed);
		free(p);
		return NULL;
	}
	return p;
}

/* Give the current batch back to the reader. */
static void
release_current(struct pipe *p)
{
	if (!p->cur)
		return;
	pthread_mutex_lock(&p->mu);
	p->full[p->tail] = false;
	p->tail = (p->tail + 1) % PIPE_BATCHES;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->mu);
	p->cur = NULL;
}

int
pipe_next(struct pipe *p, struct csv_row *row, struct gk_err *e)
{
	struct prow *r;

	for (;;) {
		if (p->done)
			return 0;
		if (p->cur && p->pos < p->cur->nrows)
			break;
		if (p->cur && p->cur->end) {
			int rc = p->cur->rc;
			if (rc < 0)
				*e = p->cur->err;
			p->done = true;
			return rc;
		}
		release_current(p);
		pthread_mutex_lock(&p->mu);
		while (!p->full[p->tail])
			pthread_cond_wait(&p->ready, &p->mu);
		p->cur = &p->b[p->tail];
		pthread_mutex_unlock(&p->mu);
		p->pos = 0;
	}
	r = &p->cur->rows[p->pos++];
	if (r->n > p->capfields) {
		p->capfields = r->n * 2;
		p->fields = gk_xrealloc(p->fields,
					p->capfields * sizeof *p->fields);
	}
	for (size_t i = 0; i < r->n; i++)
		p->fields[i] = p->cur->text.data + p->cur->off[r->first + i];
	row->nfields = r->n;
	row->fields = p->fields;
	row->lens = p->cur->len + r->first;
	row->row = r->row;
	row->line = r->line;
	row->bad_encoding_field = r->bad;
	row->nul_replaced = false; /* data rows: a header's only */
	row->unterminated_quote = r->unterminated;
	row->problem = r->problem == NO_PROBLEM
			       ? NULL
			       : p->cur->text.data + r->problem;
	return 1;
}

bool
pipe_peek(const struct pipe *p, size_t ahead, const char **text, size_t *len,
	  size_t *nfields)
{
	const struct prow *r;
	const struct batch *b = p->cur;

	/* pos is one past the row pipe_next returned last */
	if (!b || ahead == 0 || p->pos - 1 + ahead >= b->nrows)
		return false;
	r = &b->rows[p->pos - 1 + ahead];
	*nfields = r->n;
	if (r->n == 0) {
		*text = "";
		*len = 0;
		return true;
	}
	*text = b->text.data + b->off[r->first];
	*len = b->off[r->first + r->n - 1] + b->len[r->first + r->n - 1] -
	       b->off[r->first];
	return true;
}

void
pipe_finish(struct pipe *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->freed);
	for (size_t i = 0; i < PIPE_BATCHES; i++) {
		buf_release(&p->b[i].text);
		free(p->b[i].off);
		free(p->b[i].len);
		free(p->b[i].rows);
	}
	free(p->fields);
	free(p);
}
