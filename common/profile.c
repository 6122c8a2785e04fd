/*
 * profile.c: column profiles of a data file and a Table Schema drafted
 * from them (gov-profile, gov-catalog describe).
 *
 * One pass, memory bounded per field: every value is tested only against
 * the types and formats still possible for its column, distinct values are
 * counted exactly in a hash table up to a limit and by a HyperLogLog sketch
 * beyond it (the table then shrinks to Misra-Gries counters that keep the
 * top values approximately).
 */
#include "govkit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* HyperLogLog with 2^14 one-byte registers: 16 KiB a field, standard
 * error 1.04 / sqrt(2^14) = 0.8 %.  Allocated only when a field outgrows
 * its exact table, so a file of a million columns does not take 16 GiB. */
#define HLL_P 14
#define HLL_M ((size_t)1 << HLL_P)
#define HLL_Q (64 - HLL_P)
/* Counters kept for top values once a column has too many values. */
#define TOP_SKETCH_SIZE 1024
/* A column of plain digits longer than this is a code (a phone number, an
 * ID), not a number. */
#define INT_MAX_DIGITS 10
/* Small: most columns of a wide file hold few values. */
#define TABLE_MIN_CAP 8
/* A column's values table at its first value: two slots (64 bytes) hold
 * one value, a column of a million-column file often all it has. */
#define VALUES_MIN_CAP 2
/* Longer values are kept (and shown in top) as this many bytes and an
 * ellipsis, told apart by the hash of the whole value: memory stays
 * bounded whatever the cells hold. */
#define VALUE_KEEP_MAX 200
/* enum in the schema draft: at most this many values, each value seen on
 * average at least ENUM_MIN_REPEAT times. */
#define ENUM_MAX_VALUES 10
#define ENUM_MIN_REPEAT 3
/* The loose maximum of the draft: the power of ten above this many times
 * the largest value seen. */
#define LOOSE_FACTOR 2.0
/* Rows with bytes not valid in the encoding named one by one; past this
 * many, only how many there were. */
#define BAD_ROWS_NAMED 20
/* Excel error cells named one by one; past this many, how many. */
#define ERROR_CELLS_NAMED 20

/* Candidate types of a column, narrowed by each value. */
enum {
	T_BOOL = 1 << 0,
	T_INT = 1 << 1,
	T_NUM = 1 << 2,
	T_DATE = 1 << 3,
	T_DATE_SLASH = 1 << 4,
	T_DATETIME = 1 << 5,
	T_DATETIME_SPACE = 1 << 6,
	T_TIME = 1 << 7,
	T_YEAR = 1 << 8,
	/* what gov-check reads with format "any" (2024/1/5, 2024年1月5日,
	 * 2024-01-05 10:00:00.5, 10:30), by its own parser */
	T_DATE_ANY = 1 << 9,
	T_DATETIME_ANY = 1 << 10,
	T_TIME_ANY = 1 << 11,
	T_ALL = (1 << 12) - 1,
};

/* Types whose values, all of one form, are in order as texts: a column
 * still of one of them keeps its min and max by text. */
#define T_TEXT_ORDER (T_INT | T_NUM | T_DATE | T_DATE_SLASH | T_DATETIME_SPACE)
#define T_ANY_DT (T_DATE_ANY | T_DATETIME_ANY | T_TIME_ANY)

/* Candidate formats. */
enum {
	F_RIC = 1 << 0,
	F_USCC = 1 << 1,
	F_ORGCODE = 1 << 2,
	F_MOBILE = 1 << 3,
	F_POSTCODE = 1 << 4,
	F_DIVISION = 1 << 5,
	F_EMAIL = 1 << 6,
	F_URI = 1 << 7,
	F_ALL = (1 << 8) - 1,
};

/* JSON kinds seen in a JSON Lines column. */
enum {
	K_STRING = 1 << 0,
	K_NUMBER = 1 << 1,
	K_BOOL = 1 << 2,
	K_NESTED = 1 << 3,
};

/* Boolean words, in true/false pairs. */
static const char *const bool_words[][2] = {
	{"true", "false"}, {"True", "False"}, {"TRUE", "FALSE"}, {"yes", "no"},
	{"Yes", "No"},     {"YES", "NO"},     {"是", "否"},
};
#define BOOL_PAIRS (sizeof bool_words / sizeof bool_words[0])

struct vt_entry {
	uint64_t hash;
	char *s;     /* NULL: empty slot */
	uint32_t n;  /* a value is cut to VALUE_KEEP_MAX bytes and "..." */
	bool masked; /* s is masked already, having been cut */
	long count;
};

/* Open-addressing table of values with counts. */
struct vtable {
	struct vt_entry *e;
	size_t cap, used;
};

struct fstat {
	char *name;
	char *header;     /* the header cell when name was made up, else NULL */
	long count;       /* non-null values */
	unsigned types;   /* T_* still possible */
	unsigned formats; /* F_* still possible */
	unsigned kinds;   /* K_* seen (JSON Lines) */
	unsigned bool_seen; /* bit per bool_words pair */
	long ncount;        /* values that parsed as numbers */
	double dmin, dmax, sum, comp;
	struct gk_buf smin, smax;
	bool have_s;
	/* while the column may be ISO datetimes or times: the earliest and
	 * latest instant, as written (tmin, tmax) and as values */
	struct gk_buf tmin, tmax;
	struct schema_value vmin, vmax;
	bool have_t, t_bad; /* t_bad: a value gov-check would not read */
	size_t minlen, maxlen;
	struct vtable vt;
	bool exact;   /* vt holds every distinct value */
	uint8_t *hll; /* NULL while exact */
	/* JSON Lines: the member of the record being read that counts for
	 * the field, the last of its key ({"a":2,"a":3} is a 3, as gov-check
	 * validates it and pandas reads it) */
	const cJSON *member;
};

struct profiler {
	const struct profile_options *o;
	size_t top, exact_limit;
	struct fstat *f;
	size_t nf, capf;
	size_t *name_ix; /* JSON Lines: field index + 1 by name hash, 0 empty */
	size_t name_cap;
	long rows, blank_rows;
	long bad_rows;    /* rows with bytes replaced by '?' */
	long error_cells; /* XLSX: cells holding an Excel error (#DIV/0!) */
	bool jsonl;
	size_t *rec_ix; /* JSON Lines: the field of each member of a record */
	size_t rec_cap;
	struct gk_buf tmp;
	struct gk_buf key;
	/* resident IDs born after it are no cn-ric: gov-check, judging by
	 * the same date, would fail them */
	struct gk_date today;
	/* a datetime, a time and a date field of format "any", read as
	 * gov-check reads them; made for the first such value */
	struct schema *instants;
};

enum { INSTANT_DATETIME, INSTANT_TIME, INSTANT_DATE };

static void
hll_add(uint8_t *reg, uint64_t h)
{
	size_t idx = (size_t)(h >> HLL_Q);
	uint64_t w = h << HLL_P;
	/* position of the first 1 bit in the remaining HLL_Q bits */
	uint8_t rho = w ? (uint8_t)(__builtin_clzll(w) + 1) : HLL_Q + 1;

	if (rho > HLL_Q + 1)
		rho = HLL_Q + 1;
	if (rho > reg[idx])
		reg[idx] = rho;
}

/* Ertl's estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", 2017): no bias tables, good over the whole range. */
static double
hll_sigma(double x)
{
	double y = 1, z = x, zp;

	if (x == 1)
		return INFINITY;
	do {
		x *= x;
		zp = z;
		z += x * y;
		y += y;
	} while (z != zp);
	return z;
}

static double
hll_tau(double x)
{
	double y = 1, z, zp;

	if (x == 0 || x == 1)
		return 0;
	z = 1 - x;
	do {
		x = sqrt(x);
		zp = z;
		y *= 0.5;
		z -= (1 - x) * (1 - x) * y;
	} while (z != zp);
	return z / 3;
}

static double
hll_estimate(const uint8_t *reg)
{
	long c[HLL_Q + 2] = {0};
	double m = (double)HLL_M, z;

	for (size_t i = 0; i < HLL_M; i++)
		c[reg[i]]++;
	z = m * hll_tau(1 - (double)c[HLL_Q + 1] / m);
	for (int k = HLL_Q; k >= 1; k--)
		z = 0.5 * (z + (double)c[k]);
	z += m * hll_sigma((double)c[0] / m);
	return m * m / (2 * log(2)) / z;
}

/* ---------------------------------------------------------------- values table */

static void
vt_release(struct vtable *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->e[i].s);
	free(t->e);
	t->e = NULL;
	t->cap = t->used = 0;
}

static struct vt_entry *
vt_slot(struct vtable *t, uint64_t h, const char *s, size_t n)
{
	size_t mask = t->cap - 1, i = (size_t)h & mask;

	for (;;) {
		struct vt_entry *e = &t->e[i];

		if (!e->s ||
		    (e->hash == h && e->n == n && memcmp(e->s, s, n) == 0))
			return e;
		i = (i + 1) & mask;
	}
}

static void
vt_grow(struct vtable *t)
{
	struct vtable nt;

	nt.cap = t->cap ? t->cap * 2 : VALUES_MIN_CAP;
	nt.e = gk_xcalloc(nt.cap, sizeof *nt.e);
	nt.used = t->used;
	for (size_t i = 0; i < t->cap; i++)
		if (t->e[i].s)
			*vt_slot(&nt, t->e[i].hash, t->e[i].s, t->e[i].n) =
				t->e[i];
	free(t->e);
	*t = nt;
}

/* The entry of s, inserted with count 0 when insert is set; NULL if absent. */
static struct vt_entry *
vt_find(struct vtable *t, uint64_t h, const char *s, size_t n, bool insert)
{
	struct vt_entry *e;

	if (insert && (t->used + 1) * 4 > t->cap * 3)
		vt_grow(t);
	if (!t->cap)
		return NULL;
	e = vt_slot(t, h, s, n);
	if (e->s || !insert)
		return e->s ? e : NULL;
	e->hash = h;
	e->s = gk_xstrndup(s, n);
	e->n = (uint32_t)n;
	e->masked = false;
	e->count = 0;
	t->used++;
	return e;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct vt_entry *x = *(const struct vt_entry *const *)a;
	const struct vt_entry *y = *(const struct vt_entry *const *)b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* Entries sorted by count (descending) then value; caller frees the array. */
static struct vt_entry **
vt_sorted(const struct vtable *t)
{
	struct vt_entry **v = gk_xcalloc(t->used + 1, sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < t->cap; i++)
		if (t->e[i].s)
			v[k++] = &t->e[i];
	qsort(v, k, sizeof *v, entry_cmp);
	return v;
}

/* Keep the TOP_SKETCH_SIZE most frequent values, drop the rest. */
static void
vt_shrink(struct vtable *t)
{
	struct vt_entry **v = vt_sorted(t);
	struct vtable nt = {0};

	nt.cap = TABLE_MIN_CAP;
	while (nt.cap * 3 < TOP_SKETCH_SIZE * 4 + 4)
		nt.cap *= 2;
	nt.e = gk_xcalloc(nt.cap, sizeof *nt.e);
	for (size_t i = 0; i < t->used; i++) {
		if (i < TOP_SKETCH_SIZE) {
			*vt_slot(&nt, v[i]->hash, v[i]->s, v[i]->n) = *v[i];
			nt.used++;
		} else
			free(v[i]->s);
		v[i]->s = NULL;
	}
	free(v);
	free(t->e);
	*t = nt;
}

/* Misra-Gries: a value not counted while the table is full lowers every
 * counter by one, and counters at zero are dropped. */
static void
vt_decrement_all(struct vtable *t)
{
	struct vtable nt = {0};

	nt.cap = t->cap;
	nt.e = gk_xcalloc(nt.cap, sizeof *nt.e);
	for (size_t i = 0; i < t->cap; i++) {
		struct vt_entry *e = &t->e[i];

		if (!e->s)
			continue;
		if (--e->count > 0) {
			*vt_slot(&nt, e->hash, e->s, e->n) = *e;
			nt.used++;
		} else
			free(e->s);
	}
	free(t->e);
	*t = nt;
}

/* ---------------------------------------------------------------- value tests */

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* An integer, not a code: no leading zero, at most INT_MAX_DIGITS digits. */
static bool
is_integer(const char *s, size_t n)
{
	size_t i = 0;

	if (n && (s[0] == '-' || s[0] == '+'))
		i = 1;
	if (!all_digits(s + i, n - i) || (n - i > 1 && s[i] == '0'))
		return false;
	return n - i <= INT_MAX_DIGITS;
}

/* A decimal number: sign, digits, optional fraction, optional exponent;
 * not a code (leading zero, or more plain digits than INT_MAX_DIGITS). */
static bool
is_number(const char *s, size_t n)
{
	size_t i = 0, d = 0, start;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	start = i;
	while (i < n && isdigit((unsigned char)s[i]))
		i++, d++;
	if (d > 1 && s[start] == '0')
		return false;
	if (i == n && d > INT_MAX_DIGITS)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, d++;
	}
	if (!d)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, e++;
		if (!e)
			return false;
	}
	return i == n;
}

static int
num2(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* HH:MM:SS */
static bool
is_time8(const char *s, size_t n)
{
	int h, m, sec;

	if (n != 8 || s[2] != ':' || s[5] != ':')
		return false;
	h = num2(s);
	m = num2(s + 3);
	sec = num2(s + 6);
	/* :60, a leap second, as gov-check's time and datetime take it */
	return h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec <= 60;
}

/* What ends an ISO time from s[i]: nothing, or a zone as gov-check reads
 * it: Z, +HH:MM, +HHMM or +HH (or -), the hours below 24 and the minutes
 * below 60. */
static bool
is_zone_end(const char *s, size_t n, size_t i)
{
	if (i == n)
		return true;
	if (s[i] == 'Z')
		return i + 1 == n;
	if ((s[i] != '+' && s[i] != '-') || n - i < 3 || num2(s + i + 1) < 0 ||
	    num2(s + i + 1) > 23)
		return false;
	i += 3;
	if (i == n)
		return true;
	if (s[i] == ':')
		i++;
	return n - i == 2 && num2(s + i) >= 0 && num2(s + i) < 60;
}

/* HH:MM:SS[.fff][zone], as gov-check's time takes it (and gov-xlsx writes
 * a time given to the millisecond) */
static bool
is_time_iso(const char *s, size_t n)
{
	size_t i = 8;

	if (n < 8 || !is_time8(s, 8))
		return false;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !isdigit((unsigned char)s[i]))
			return false;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	return is_zone_end(s, n, i);
}

/* YYYY/MM/DD */
static bool
is_date_slash(const char *s, size_t n)
{
	char iso[10];
	struct gk_date d;

	if (n != 10 || s[4] != '/' || s[7] != '/')
		return false;
	memcpy(iso, s, 10);
	iso[4] = iso[7] = '-';
	return date_parse(iso, 10, &d) == 0;
}

/* YYYY-MM-DDTHH:MM:SS[.fff][zone] */
static bool
is_datetime_iso(const char *s, size_t n)
{
	struct gk_date d;
	size_t i = 19;

	if (n < 19 || s[10] != 'T' || date_parse(s, 10, &d) != 0 ||
	    !is_time8(s + 11, 8))
		return false;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !isdigit((unsigned char)s[i]))
			return false;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	return is_zone_end(s, n, i);
}

/* YYYY-MM-DD HH:MM:SS */
static bool
is_datetime_space(const char *s, size_t n)
{
	struct gk_date d;

	return n == 19 && s[10] == ' ' && date_parse(s, 10, &d) == 0 &&
	       is_time8(s + 11, 8);
}

static unsigned
bool_pair(const char *s, size_t n)
{
	for (size_t i = 0; i < BOOL_PAIRS; i++)
		for (int j = 0; j < 2; j++)
			if (strlen(bool_words[i][j]) == n &&
			    memcmp(bool_words[i][j], s, n) == 0)
				return 1u << i;
	return 0;
}

static unsigned
value_types(const char *s, size_t n, unsigned want, unsigned *bool_bits)
{
	unsigned t = 0;

	if (want & T_BOOL) {
		unsigned b = bool_pair(s, n);

		if (b) {
			*bool_bits |= b;
			t |= T_BOOL;
		}
	}
	if ((want & (T_INT | T_YEAR)) && is_integer(s, n)) {
		t |= T_INT;
		if (n == 4 && s[0] != '-' && s[0] != '+')
			t |= T_YEAR;
	}
	if ((want & T_NUM) && is_number(s, n))
		t |= T_NUM;
	if (n == 10) {
		struct gk_date d;

		if ((want & T_DATE) && date_parse(s, n, &d) == 0)
			t |= T_DATE;
		if ((want & T_DATE_SLASH) && is_date_slash(s, n))
			t |= T_DATE_SLASH;
	}
	if ((want & T_DATETIME) && is_datetime_iso(s, n))
		t |= T_DATETIME;
	if ((want & T_DATETIME_SPACE) && is_datetime_space(s, n))
		t |= T_DATETIME_SPACE;
	if ((want & T_TIME) && is_time_iso(s, n))
		t |= T_TIME;
	return t & want;
}

static bool
is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n), *dot;
	size_t local, dom;

	if (!at)
		return false;
	local = (size_t)(at - s);
	dom = n - local - 1;
	if (!local || dom < 3 || memchr(at + 1, '@', dom))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == ',' || s[i] == ';')
			return false;
	dot = memchr(at + 1, '.', dom);
	return dot && dot > at + 1 && s[n - 1] != '.';
}

static bool
is_uri(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || !isalpha((unsigned char)s[0]))
		return false;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' ||
			 s[i] == '-' || s[i] == '.'))
		i++;
	if (n - i < 4 || memcmp(s + i, "://", 3) != 0)
		return false;
	for (; i < n; i++)
		if ((unsigned char)s[i] <= ' ')
			return false;
	return true;
}

static unsigned
value_formats(const char *s, size_t n, unsigned want,
	      const struct gk_date *today)
{
	struct id_result r;
	unsigned f = 0;

	if ((want & F_RIC) && (n == 18 || n == 15)) {
		id_check_ric(s, n, today, &r);
		if (r.ok)
			f |= F_RIC;
	}
	if ((want & F_USCC) && n == 18) {
		id_check_uscc(s, n, &r);
		if (r.ok)
			f |= F_USCC;
	}
	if ((want & F_ORGCODE) && (n == 9 || n == 10)) {
		id_check_orgcode(s, n, &r);
		if (r.ok)
			f |= F_ORGCODE;
	}
	if ((want & F_MOBILE) && n >= 11) {
		id_check_mobile(s, n, &r);
		if (r.ok)
			f |= F_MOBILE;
	}
	if ((want & F_POSTCODE) && n == 6) {
		id_check_postcode(s, n, &r);
		if (r.ok)
			f |= F_POSTCODE;
	}
	if ((want & F_DIVISION) && (n == 6 || n == 9 || n == 12)) {
		id_check_division(s, n, &r);
		if (r.ok)
			f |= F_DIVISION;
	}
	if ((want & F_EMAIL) && is_email(s, n))
		f |= F_EMAIL;
	if ((want & F_URI) && is_uri(s, n))
		f |= F_URI;
	return f;
}

/* ---------------------------------------------------------------- fields */

static struct fstat *
add_field(struct profiler *p, const char *name)
{
	struct fstat *f;

	if (p->nf == p->capf) {
		p->capf = p->capf ? p->capf * 2 : 16;
		p->f = gk_xrealloc(p->f, p->capf * sizeof *p->f);
	}
	f = &p->f[p->nf++];
	memset(f, 0, sizeof *f);
	f->name = gk_xstrdup(name);
	f->types = T_ALL;
	f->formats = F_ALL;
	f->exact = true;
	buf_init(&f->smin);
	buf_init(&f->smax);
	buf_init(&f->tmin);
	buf_init(&f->tmax);
	return f;
}

static void
fields_release(struct profiler *p)
{
	for (size_t i = 0; i < p->nf; i++) {
		free(p->f[i].name);
		free(p->f[i].header);
		buf_release(&p->f[i].smin);
		buf_release(&p->f[i].smax);
		buf_release(&p->f[i].tmin);
		buf_release(&p->f[i].tmax);
		vt_release(&p->f[i].vt);
		free(p->f[i].hll);
	}
	free(p->f);
	p->f = NULL;
	p->nf = p->capf = 0;
	free(p->name_ix);
	p->name_ix = NULL;
	p->name_cap = 0;
}

static int
bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an < bn ? -1 : an > bn);
}

/* A value longer than VALUE_KEEP_MAX as its first bytes and an
 * ellipsis, in b; *s and *n then point there.  Masked first (masking
 * on): an ID or phone number across the cut is no longer one to the
 * masking of the output, which showed its first digits (the region and
 * birth date of an ID). */
static bool
value_cut(const struct profiler *p, struct gk_buf *b, const char **s, size_t *n)
{
	size_t cut = VALUE_KEEP_MAX;
	bool masked = false;

	if (*n <= VALUE_KEEP_MAX)
		return false;
	buf_reset(b);
	if (!p->o->no_mask && mask_text_needed(*s, *n)) {
		masked = true;
		mask_text(*s, *n, b); /* as long as *s: '*' for each digit */
		*s = b->data;
		*n = b->len;
	}
	while (cut > 0 && ((unsigned char)(*s)[cut] & 0xC0) == 0x80)
		cut--; /* not inside a UTF-8 sequence */
	if (*s == b->data)
		b->len = cut;
	else
		buf_add(b, *s, cut);
	buf_adds(b, "\xe2\x80\xa6");
	*s = b->data;
	*n = b->len;
	return masked;
}

static void
count_value(struct profiler *p, struct fstat *f, const char *s, size_t n)
{
	uint64_t h = gk_hash(s, n, 0);
	struct vt_entry *e;
	bool masked;

	if (f->hll)
		hll_add(f->hll, h);
	masked = value_cut(p, &p->key, &s, &n);
	if (f->exact) {
		e = vt_find(&f->vt, h, s, n, true);
		e->count++;
		e->masked |= masked;
		if (f->vt.used > p->exact_limit) {
			/* the sketch starts from every value seen so far */
			f->exact = false;
			f->hll = gk_xcalloc(HLL_M, 1);
			for (size_t i = 0; i < f->vt.cap; i++)
				if (f->vt.e[i].s)
					hll_add(f->hll, f->vt.e[i].hash);
			vt_shrink(&f->vt);
		}
		return;
	}
	e = vt_find(&f->vt, h, s, n, f->vt.used < TOP_SKETCH_SIZE);
	if (e) {
		e->count++;
		e->masked |= masked;
	} else
		vt_decrement_all(&f->vt);
}

/* The value of a number is_number accepted; plain integers without strtod. */
static double
plain_number(const char *s, size_t n)
{
	size_t i = s[0] == '-' || s[0] == '+';
	int64_t v = 0;

	if (n - i > INT_MAX_DIGITS || !all_digits(s + i, n - i))
		return strtod(s, NULL);
	for (; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return s[0] == '-' ? -(double)v : (double)v;
}

static struct schema *
instant_schema(void)
{
	/* in the order of INSTANT_DATETIME, INSTANT_TIME, INSTANT_DATE; a
	 * value gov-check's default form takes, "any" reads the same */
	static const char *const types[] = {"datetime", "time", "date"};
	cJSON *root = cJSON_CreateObject();
	cJSON *fields = cJSON_AddArrayToObject(root, "fields");
	struct gk_err e = {0};
	struct schema *sc;

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		cJSON *f = cJSON_CreateObject();

		cJSON_AddStringToObject(f, "name", types[i]);
		cJSON_AddStringToObject(f, "type", types[i]);
		cJSON_AddStringToObject(f, "format", "any");
		cJSON_AddItemToArray(fields, f);
	}
	sc = schema_from_json(root, "(instants)", &e);
	cJSON_Delete(root);
	return sc;
}

/* s as field k of the instants' schema, as gov-check reads it. */
static bool
instant_parses(struct profiler *p, size_t k, const char *s, size_t n,
	       struct schema_value *v)
{
	if (!p->instants)
		p->instants = instant_schema();
	return p->instants &&
	       schema_value_parse(p->instants, k, s, n, v) == 0 &&
	       v->kind != SV_NULL;
}

/* Of want's T_ANY_DT, those s is: a value of a default form (strict, from
 * value_types) is of format "any" too, and a date is a datetime at
 * midnight; the others are read by gov-check's parser.  Every form starts
 * with a digit.  Plain digits (20240105) are not taken for a date: as
 * much a number or a code, and an integer draft passes too. */
static unsigned
value_types_any(struct profiler *p, const char *s, size_t n, unsigned want,
		unsigned strict)
{
	struct schema_value v;
	unsigned t = 0;

	if (strict & (T_DATE | T_DATE_SLASH))
		t |= T_DATE_ANY | T_DATETIME_ANY;
	if (strict & (T_DATETIME | T_DATETIME_SPACE))
		t |= T_DATETIME_ANY;
	if (strict & T_TIME)
		t |= T_TIME_ANY;
	/* a zone "+08:" gov-check lets pass is no zone (t1536) */
	if (!n || !isdigit((unsigned char)s[0]) || s[n - 1] == ':' ||
	    all_digits(s, n))
		return t & want;
	if ((want & ~t & T_DATE_ANY) &&
	    instant_parses(p, INSTANT_DATE, s, n, &v))
		t |= T_DATE_ANY | T_DATETIME_ANY;
	if ((want & ~t & T_DATETIME_ANY) &&
	    instant_parses(p, INSTANT_DATETIME, s, n, &v))
		t |= T_DATETIME_ANY;
	if ((want & ~t & T_TIME_ANY) &&
	    instant_parses(p, INSTANT_TIME, s, n, &v))
		t |= T_TIME_ANY;
	return t & want;
}

/* A value of a column that is still ISO datetimes or times: min and max
 * by the instant, as gov-check compares them (2025-01-01T08:00:00+08:00
 * is before 2025-01-01T01:00:01Z, 08:00:00Z after 08:00:00.5Z, though
 * not in text order).  Equal instants: the first written is kept. */
static void
add_instant(struct profiler *p, struct fstat *f, const char *s, size_t n)
{
	struct schema_value v;
	/* a date is a datetime at midnight: dates and datetimes in one order */
	size_t k =
		(f->types & T_DATETIME_ANY) ? INSTANT_DATETIME : INSTANT_TIME;

	if (f->t_bad)
		return;
	if (!instant_parses(p, k, s, n, &v)) {
		f->t_bad = true; /* the text order then */
		return;
	}
	v.s = NULL; /* the text is kept in tmin, tmax */
	v.n = 0;
	if (!f->have_t || schema_value_cmp(&v, &f->vmin) < 0) {
		f->vmin = v;
		buf_reset(&f->tmin);
		buf_add(&f->tmin, s, n);
	}
	if (!f->have_t || schema_value_cmp(&v, &f->vmax) > 0) {
		f->vmax = v;
		buf_reset(&f->tmax);
		buf_add(&f->tmax, s, n);
	}
	f->have_t = true;
}

/* The field's types and formats narrowed by a text value (a CSV cell, a
 * JSON string); true, with its value in *v, when it reads as a number. */
static bool
narrow_by_text(struct profiler *p, struct fstat *f, const char *s, size_t n,
	       double *v)
{
	unsigned want = f->types;

	if (p->jsonl) /* a JSON string is never a number or boolean */
		want &= ~(unsigned)(T_BOOL | T_INT | T_NUM | T_YEAR);
	unsigned strict = value_types(s, n, want, &f->bool_seen);

	if (want & T_ANY_DT)
		strict |= value_types_any(p, s, n, want, strict);
	f->types &= strict;
	if (f->formats)
		f->formats &= value_formats(s, n, f->formats, &p->today);
	if (!is_number(s, n))
		return false;
	*v = plain_number(s, n);
	return true;
}

/* The field's types and formats narrowed by a JSON value that is not a
 * string: a number is one whatever its digits. */
static void
narrow_by_json(struct fstat *f, unsigned kind, double v)
{
	if (kind == K_NUMBER)
		f->types &=
			T_NUM | (v == floor(v) && fabs(v) < 9007199254740992.0
					 ? (unsigned)T_INT
					 : 0u);
	else if (kind == K_BOOL) {
		f->types &= T_BOOL;
		f->bool_seen |= 1; /* true/false */
	} else {
		f->types = 0;
	}
	f->formats = 0;
}

/* A value's number into the field's min, max and sum. */
static void
add_number(struct fstat *f, double v)
{
	double y, t;

	if (!isfinite(v)) {
		/* 15E5026161387 or 1e400: past a double, no number's value
		 * (its max was inf, written null, and the drafted schema's
		 * maximum did not load) */
		f->types &= ~(unsigned)(T_NUM | T_INT | T_YEAR);
		return;
	}
	if (!f->ncount || v < f->dmin)
		f->dmin = v;
	if (!f->ncount || v > f->dmax)
		f->dmax = v;
	/* Kahan summation: a long column keeps its mean exact */
	y = v - f->comp;
	t = f->sum + y;
	f->comp = (t - f->sum) - y;
	f->sum = t;
	f->ncount++;
}

/* A value's text into the field's min and max: in text order, and for
 * dates and times by value too. */
static void
add_text_range(struct profiler *p, struct fstat *f, const char *s, size_t n)
{
	/* dates, datetimes and times not all of one form in text order
	 * (2024/1/5, 2024/10/1; an offset): min and max by value, from the
	 * first such value on; the values before it, all of one such form,
	 * are in smin and smax */
	if ((f->types & (T_DATETIME | T_TIME | T_ANY_DT)) &&
	    !(f->types & T_TEXT_ORDER)) {
		if (!f->have_t && f->have_s) {
			add_instant(p, f, f->smin.data, f->smin.len);
			add_instant(p, f, f->smax.data, f->smax.len);
		}
		add_instant(p, f, s, n);
	}
	if (!f->have_s || bytes_cmp(s, n, f->smin.data, f->smin.len) < 0) {
		buf_reset(&f->smin);
		buf_add(&f->smin, s, n);
	}
	if (!f->have_s || bytes_cmp(s, n, f->smax.data, f->smax.len) > 0) {
		buf_reset(&f->smax);
		buf_add(&f->smax, s, n);
	}
	f->have_s = true;
}

/* A value's length in characters into the field's shortest and longest. */
static void
add_length(struct fstat *f, const char *s, size_t n)
{
	size_t len = utf8_length(s, n);

	if (f->count == 1 || len < f->minlen)
		f->minlen = len;
	if (len > f->maxlen)
		f->maxlen = len;
}

/* One non-null value of a field: its text, and for a JSON number its
 * value (jnum).  kind is K_STRING for CSV cells. */
static void
add_value(struct profiler *p, struct fstat *f, const char *s, size_t n,
	  unsigned kind, const double *jnum)
{
	double v = 0;

	f->count++;
	f->kinds |= kind;
	if (kind == K_STRING) {
		if (narrow_by_text(p, f, s, n, &v))
			add_number(f, v);
	} else if (kind == K_NUMBER) {
		narrow_by_json(f, kind, *jnum);
		add_number(f, *jnum);
	} else {
		narrow_by_json(f, kind, 0);
	}
	add_text_range(p, f, s, n);
	add_length(f, s, n);
	count_value(p, f, s, n);
}

/* ---------------------------------------------------------------- readers */

/* A reader of rows: CSV or XLSX. */
struct rows_source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	const char *name;
};

static int
next_row(struct rows_source *src, struct csv_row *row, struct gk_err *e)
{
	return src->csv ? csv_next(src->csv, row, e)
			: xlsx_next(src->xlsx, row, e);
}

/* The slot of name in the name index: its entry or an empty one. */
static size_t *
name_slot(struct profiler *p, const char *name, uint64_t h)
{
	size_t mask = p->name_cap - 1, i = (size_t)h & mask;

	while (p->name_ix[i] && strcmp(p->f[p->name_ix[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return &p->name_ix[i];
}

/* The field named name, or NULL: a hash index, since a file may have
 * tens of thousands of keys or columns (a linear search was quadratic). */
static struct fstat *
field_find(struct profiler *p, const char *name)
{
	size_t *slot;

	if (!p->name_cap)
		return NULL;
	slot = name_slot(p, name, gk_hash(name, strlen(name), 0));
	return *slot ? &p->f[*slot - 1] : NULL;
}

/* add_field, and the new field in the index. */
static struct fstat *
field_add_indexed(struct profiler *p, const char *name)
{
	if ((p->nf + 1) * 4 > p->name_cap * 3) {
		size_t *old = p->name_ix, oldcap = p->name_cap;

		p->name_cap = oldcap ? oldcap * 2 : TABLE_MIN_CAP;
		p->name_ix = gk_xcalloc(p->name_cap, sizeof *p->name_ix);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i]) {
				const char *n = p->f[old[i] - 1].name;

				*name_slot(p, n, gk_hash(n, strlen(n), 0)) =
					old[i];
			}
		free(old);
	}
	add_field(p, name);
	*name_slot(p, name, gk_hash(name, strlen(name), 0)) = p->nf;
	return &p->f[p->nf - 1];
}

/* A name a header cell or another field already has. */
static bool
header_taken(struct profiler *p, struct vtable *cells, const char *name)
{
	size_t n = strlen(name);

	return field_find(p, name) ||
	       vt_find(cells, gk_hash(name, n, 0), name, n, false);
}

/*
 * Field names from the header, as gov-records makes its keys: a blank
 * cell is "column_N", a repeated name "name_N" (N the column number); a
 * made-up name that is taken by another header cell or made-up name gets
 * "_2", "_3", ... after it.  Such a field remembers its header cell.
 * A cell is taken masked, as gov-records takes it: a file without a
 * header row gives its first data row as the names.
 */
static void
set_header(struct profiler *p, const struct csv_row *row)
{
	struct vtable cells = {0};
	char **shown = gk_xcalloc(row->nfields + 1, sizeof *shown);

	/* the fields at once, not doubled to the next power of two */
	if (p->capf < p->nf + row->nfields) {
		p->capf = p->nf + row->nfields;
		p->f = gk_xrealloc(p->f, p->capf * sizeof *p->f);
	}

	for (size_t i = 0; i < row->nfields; i++) {
		const char *c = row->fields[i];
		size_t n = strlen(c);
		struct gk_buf b;

		if (p->o->no_mask || !mask_text_needed(c, n)) {
			shown[i] = gk_xstrdup(c);
		} else {
			buf_init(&b);
			mask_text(c, n, &b);
			shown[i] = b.data;
		}
	}
	for (size_t i = 0; i < row->nfields; i++)
		vt_find(&cells, gk_hash(shown[i], strlen(shown[i]), 0),
			shown[i], strlen(shown[i]), true);
	for (size_t i = 0; i < row->nfields; i++) {
		const char *cell = shown[i];
		char *base, *name;
		struct fstat *f;

		/* made-up names are no header cell, so a field of this name
		 * is an earlier column with the same header */
		if (*cell && !field_find(p, cell)) {
			field_add_indexed(p, cell);
			continue;
		}
		base = *cell ? gk_xasprintf("%s_%zu", cell, i + 1)
			     : gk_xasprintf("column_%zu", i + 1);
		name = gk_xstrdup(base);
		for (unsigned k = 2; header_taken(p, &cells, name); k++) {
			free(name);
			name = gk_xasprintf("%s_%u", base, k);
		}
		f = field_add_indexed(p, name);
		f->header = gk_xstrdup(cell);
		free(base);
		free(name);
	}
	vt_release(&cells);
	for (size_t i = 0; i < row->nfields; i++)
		free(shown[i]);
	free(shown);
}

/* A row with bytes the encoding does not have: said on stderr (as
 * gov-records does), counted in the record. */
static void
note_bad_row(struct profiler *p, const struct rows_source *src,
	     const struct csv_row *row)
{
	if (row->bad_encoding_field < 0)
		return;
	if (++p->bad_rows <= BAD_ROWS_NAMED)
		gk_warn("%s:%ld: column %ld: %s, replaced by '?'", src->name,
			row->row, row->bad_encoding_field + 1,
			row->nul_replaced ? "a NUL byte in the header"
					  : "bytes not valid in the encoding");
}

/*
 * The error values a workbook's cell may hold (ECMA-376 ST_CellErrorType):
 * the reader passes such a cell on as its text, as Excel shows it, and a
 * text cell reading the same is taken for one as pandas takes it.
 */
static const char *const excel_errors[] = {
	"#NULL!", "#DIV/0!", "#VALUE!", "#REF!",
	"#NAME?", "#NUM!",   "#N/A",    "#GETTING_DATA",
};

static bool
is_excel_error(const char *s, size_t n)
{
	if (n < 4 || s[0] != '#')
		return false;
	for (size_t i = 0; i < sizeof excel_errors / sizeof excel_errors[0];
	     i++)
		if (strlen(excel_errors[i]) == n &&
		    memcmp(excel_errors[i], s, n) == 0)
			return true;
	return false;
}

/* A worksheet's cell holding an Excel error (a formula that failed): no
 * value of its column, counted in its nulls, and named on stderr (the
 * first ERROR_CELLS_NAMED of a file) by its cell, for the owner to fix. */
static void
note_error_cell(struct profiler *p, const struct rows_source *src,
		const struct csv_row *row, size_t col)
{
	char letters[4];

	if (++p->error_cells > ERROR_CELLS_NAMED)
		return;
	xlsx_column_letters((long)col, letters);
	gk_warn("%s:%ld: cell %s%ld: %s, an Excel error, not a value "
		"(counted in nulls)",
		src->name, row->row, letters, row->row, row->fields[col]);
}

/*
 * The header row, row, is blank or spaces only (an export that starts with an empty
 * line): refused, naming the first row that is not blank for
 * --header-row, which gov-check and gov-records take too; the blank line
 * made a header of one field "column_1" and every row had cells beyond it.
 * Always -1.
 */
static int
blank_header(struct rows_source *src, struct csv_row *row, struct gk_err *e)
{
	long blank = row->row;
	int rc;

	while ((rc = next_row(src, row, e)) > 0 && csv_row_spaces_only(row))
		;
	if (rc >= 0)
		csv_blank_header_error(e, src->name, blank, rc ? row->row : 0);
	return -1;
}

/* The header, then every row, of a CSV file or a worksheet. */
static int
read_rows(struct profiler *p, struct rows_source *src, struct gk_err *e)
{
	struct csv_row row;
	int rc = next_row(src, &row, e);

	if (rc < 0)
		return -1;
	if (rc == 0 && p->o->csv.header_row > 1) {
		gk_err_set(
			e,
			"%s: file is empty from row %ld on (--header-row %ld)",
			src->name, p->o->csv.header_row, p->o->csv.header_row);
		return -1;
	}
	if (rc == 0) {
		gk_err_set(e, "%s: file is empty", src->name);
		return -1;
	}
	if (csv_row_spaces_only(&row))
		return blank_header(src, &row, e);
	if (src->csv && p->o->csv.header_row <= 1 &&
	    csv_row_is_json_object(&row)) {
		gk_err_set(e,
			   "%s:%ld: a JSON object, not a CSV header: give "
			   "--jsonl for JSON Lines",
			   src->name, row.row);
		return -1;
	}
	note_bad_row(p, src, &row);
	set_header(p, &row);
	while ((rc = next_row(src, &row, e)) > 0) {
		p->rows++;
		note_bad_row(p, src, &row);
		if (csv_row_blank(&row)) {
			p->blank_rows++;
			continue;
		}
		for (size_t i = 0; i < p->nf && i < row.nfields; i++) {
			if (!row.lens[i])
				continue;
			if (src->xlsx &&
			    is_excel_error(row.fields[i], row.lens[i]))
				note_error_cell(p, src, &row, i);
			else
				add_value(p, &p->f[i], row.fields[i],
					  row.lens[i], K_STRING, NULL);
		}
	}
	if (rc == 0 && p->error_cells > ERROR_CELLS_NAMED)
		gk_warn("%s: %ld cells in all with an Excel error", src->name,
			p->error_cells);
	return rc < 0 ? -1 : 0;
}

static int
read_csv(struct profiler *p, const char *path, cJSON *rec, struct gk_err *e)
{
	struct rows_source src = {0};
	char delim[2] = {0, 0};
	int ret = -1;

	src.csv = csv_open(path, &p->o->csv, e);
	if (!src.csv)
		return -1;
	src.name = csv_name(src.csv);
	if (read_rows(p, &src, e) != 0)
		goto out;
	if (p->bad_rows > BAD_ROWS_NAMED)
		gk_warn("%s: %ld rows in all with bytes not valid in the encoding",
			src.name, p->bad_rows);
	cJSON_AddStringToObject(rec, "encoding", csv_encoding(src.csv));
	delim[0] = csv_delimiter(src.csv);
	cJSON_AddStringToObject(rec, "delimiter", delim);
	ret = 0;
out:
	csv_close(src.csv);
	return ret;
}

static int
read_xlsx(struct profiler *p, const char *path, cJSON *rec, struct gk_err *e)
{
	struct rows_source src = {0};
	int ret = -1;

	if (!path) {
		gk_err_set(e, "(stdin): XLSX is read from a file only");
		return -1;
	}
	src.xlsx = xlsx_open_at(path, p->o->sheet, p->o->csv.header_row, e);
	if (!src.xlsx)
		return -1;
	src.name = path;
	if (read_rows(p, &src, e) != 0)
		goto out;
	/* as gov-check's summary names a workbook's */
	cJSON_AddStringToObject(rec, "encoding", "xlsx");
	cJSON_AddNullToObject(rec, "delimiter");
	ret = 0;
out:
	xlsx_close(src.xlsx);
	return ret;
}

/* Member it of a record, in its field f: whether it had a value (a
 * string not empty, a number, a boolean, an array or object). */
static bool
add_member(struct profiler *p, struct fstat *f, const cJSON *it)
{
	char num[64];
	char *txt;

	if (cJSON_IsString(it)) {
		if (!*it->valuestring)
			return false;
		add_value(p, f, it->valuestring, strlen(it->valuestring),
			  K_STRING, NULL);
	} else if (jl_number_text(it)) {
		/* a whole number a double would round: its digits, read as
		 * text is (an ID number) */
		add_value(p, f, jl_number_text(it), strlen(jl_number_text(it)),
			  K_STRING, NULL);
	} else if (cJSON_IsNumber(it)) {
		gk_number_text(it->valuedouble, num);
		add_value(p, f, num, strlen(num), K_NUMBER, &it->valuedouble);
	} else if (cJSON_IsBool(it)) {
		add_value(p, f, cJSON_IsTrue(it) ? "true" : "false",
			  cJSON_IsTrue(it) ? 4 : 5, K_BOOL, NULL);
	} else if (cJSON_IsArray(it) || cJSON_IsObject(it)) {
		txt = cJSON_PrintUnformatted(it);
		add_value(p, f, txt, strlen(txt), K_NESTED, NULL);
		free(txt);
	} else
		return false;
	return true;
}

/* The members of record obj (row p->rows of r) into their fields, a
 * record with no value counted blank; -1 when it brings one field too
 * many. */
static int
add_record(struct profiler *p, const struct jl_reader *r, cJSON *obj,
	   struct gk_err *e)
{
	bool any = false;
	cJSON *it;
	size_t n = 0;

	/* the fields, in the order their keys come, and for each the member
	 * that counts: a key written twice in one record counts once, by
	 * its last value */
	cJSON_ArrayForEach(it, obj) {
		const char *key = it->string ? it->string : "";
		struct fstat *f = field_find(p, key);

		/* each record may bring keys of its own: as many fields as
		 * a CSV record may have (a field costs some 2 KB; 2 million
		 * one-key lines took 4.4 GB) */
		if (!f && p->nf >= CSV_MAX_FIELDS) {
			gk_err_set(e, "%s:%ld: more than %d fields", r->name,
				   r->line, CSV_MAX_FIELDS);
			return -1;
		}
		if (!f)
			f = field_add_indexed(p, key);
		f->member = it;
		if (n == p->rec_cap) {
			p->rec_cap =
				p->rec_cap ? p->rec_cap * 2 : TABLE_MIN_CAP;
			p->rec_ix = gk_xrealloc(p->rec_ix,
						p->rec_cap * sizeof *p->rec_ix);
		}
		p->rec_ix[n++] = (size_t)(f - p->f);
	}
	n = 0;
	cJSON_ArrayForEach(it, obj) {
		struct fstat *f = &p->f[p->rec_ix[n++]];

		if (f->member == it && add_member(p, f, it))
			any = true;
	}
	if (!any)
		p->blank_rows++;
	return 0;
}

static int
read_jsonl(struct profiler *p, const char *path, cJSON *rec, struct gk_err *e)
{
	struct jl_reader r;
	cJSON *obj;
	int rc;

	if (jl_open(&r, path, e) != 0)
		return -1;
	if (jl_set_encoding(&r, p->o->csv.encoding, e) != 0) {
		jl_close(&r);
		return -1;
	}
	/* with no --encoding, a GBK file's bad line says what would read it
	 * (the file is refused there, so it is said once) */
	r.gbk_hint = !p->o->csv.encoding;
	while ((rc = jl_next(&r, &obj, e)) > 0) {
		p->rows++;
		rc = add_record(p, &r, obj, e);
		cJSON_Delete(obj);
		if (rc < 0)
			break;
	}
	if (rc == 0 && p->rows == 0) { /* as a CSV file without a header */
		gk_err_set(e, "%s: file is empty", r.name);
		rc = -1;
	}
	if (rc == 0)
		cJSON_AddStringToObject(rec, "encoding",
					jl_decoder_encoding(r.dec));
	jl_close(&r);
	if (rc < 0)
		return -1;
	cJSON_AddNullToObject(rec, "delimiter");
	return 0;
}

/* ---------------------------------------------------------------- the record */

static bool
name_has(const char *name, const char *const *words)
{
	for (; *words; words++) {
		const char *w = *words;
		size_t wn = strlen(w);

		for (const char *s = name; *s; s++)
			if (strncasecmp(s, w, wn) == 0)
				return true;
	}
	return false;
}

static const char *const postcode_words[] = {"post", "zip", "邮编", "邮政",
					     NULL};
static const char *const division_words[] = {
	"division", "region", "area", "code", "区划", "代码", "地区", NULL};
static const char *const year_words[] = {"year", "年", NULL};

/* The format of a column, or NULL. */
static const char *
field_format(const struct fstat *f, unsigned *formats_out)
{
	unsigned fm = f->count ? f->formats : 0;
	/* Six digits pass as postcode or division, and so do plenty of
	 * numbers: take them as codes only with a leading zero (not an
	 * integer then) or a name that says so. */
	bool numeric = (f->types & (T_INT | T_NUM)) != 0;

	if ((fm & F_POSTCODE) && numeric && !name_has(f->name, postcode_words))
		fm &= ~(unsigned)F_POSTCODE;
	if ((fm & F_DIVISION) && numeric && !name_has(f->name, division_words))
		fm &= ~(unsigned)F_DIVISION;
	if ((fm & F_DIVISION) && (fm & F_POSTCODE) &&
	    name_has(f->name, postcode_words))
		fm &= ~(unsigned)F_DIVISION;
	*formats_out = fm;
	if (fm & F_RIC)
		return "cn-ric";
	if (fm & F_USCC)
		return "cn-uscc";
	if (fm & F_ORGCODE)
		return "cn-orgcode";
	if (fm & F_MOBILE)
		return "cn-mobile";
	if (fm & F_DIVISION)
		return "cn-division";
	if (fm & F_POSTCODE)
		return "cn-postcode";
	if (fm & F_EMAIL)
		return "email";
	if (fm & F_URI)
		return "uri";
	return NULL;
}

/* Type name and, for dates in another pattern, that pattern. */
static const char *
field_type(const struct fstat *f, const char **pattern)
{
	unsigned t = f->types, k = f->kinds;

	*pattern = NULL;
	if (!f->count)
		return "any";
	if ((k & K_NESTED) || ((k & K_STRING) && (k & (K_NUMBER | K_BOOL))) ||
	    ((k & K_NUMBER) && (k & K_BOOL)))
		return "any";
	if (t & T_BOOL)
		return "boolean";
	if ((t & T_YEAR) && name_has(f->name, year_words))
		return "year";
	if (t & T_INT)
		return "integer";
	if (t & T_NUM)
		return "number";
	if (t & T_DATE)
		return "date";
	if (t & T_DATE_SLASH) {
		*pattern = "%Y/%m/%d";
		return "date";
	}
	if (t & T_DATE_ANY) {
		*pattern = "any";
		return "date";
	}
	if (t & T_DATETIME)
		return "datetime";
	if (t & T_DATETIME_SPACE) {
		*pattern = "%Y-%m-%d %H:%M:%S";
		return "datetime";
	}
	if (t & T_DATETIME_ANY) {
		*pattern = "any";
		return "datetime";
	}
	if (t & T_TIME)
		return "time";
	if (t & T_TIME_ANY) {
		*pattern = "any";
		return "time";
	}
	if (t & T_YEAR)
		return "year";
	return "string";
}

/* How a column's values are masked: organization codes and divisions are
 * no personal data even when they look like ID numbers; anything else may
 * hold ID or phone numbers anywhere in its text. */
static bool
format_is_public(const char *format)
{
	return format && (strcmp(format, "cn-uscc") == 0 ||
			  strcmp(format, "cn-orgcode") == 0 ||
			  strcmp(format, "cn-division") == 0 ||
			  strcmp(format, "cn-postcode") == 0);
}

/* A JSON string of n bytes.  cJSON keeps strings up to their first NUL, so
 * a value that holds one goes out as raw JSON text with it escaped. */
static cJSON *
string_n(const char *s, size_t n)
{
	struct gk_buf b;
	cJSON *v;

	if (!memchr(s, '\0', n))
		return cJSON_CreateString(s);
	buf_init(&b);
	buf_add_json_string(&b, s, n);
	v = cJSON_CreateRaw(b.data);
	buf_release(&b);
	return v;
}

/*
 * How the values of a column are shown (masking on):
 * MASK_NONE   codes that look like ID numbers but are none (cn-uscc, ...);
 * MASK_TEXT   any ID or phone number inside the text masked;
 * MASK_WHOLE  a column of ID or phone numbers: every value masked, also
 *             one that is malformed (an ID of region 99 is still an ID),
 *             but for one too short of digits to be anyone's number.
 */
enum column_mask { MASK_NONE, MASK_TEXT, MASK_WHOLE };

static enum column_mask
column_mask(const struct profiler *p, const struct fstat *f, const char *format,
	    const struct gk_buf *min, const struct gk_buf *max,
	    struct vt_entry **top, size_t ntop)
{
	if (p->o->no_mask || format_is_public(format))
		return MASK_NONE;
	if (format &&
	    (strcmp(format, "cn-ric") == 0 || strcmp(format, "cn-mobile") == 0))
		return MASK_WHOLE;
	/* a shown value that is an ID or phone number as a whole */
	if (f->count && (mask_is_personal(min->data, min->len) ||
			 mask_is_personal(max->data, max->len)))
		return MASK_WHOLE;
	for (size_t i = 0; i < ntop; i++)
		if (mask_is_personal(top[i]->s, top[i]->n))
			return MASK_WHOLE;
	return MASK_TEXT;
}

/* s as output, masked as its column is (cm). */
static cJSON *
out_string(struct profiler *p, const char *s, size_t n, enum column_mask cm,
	   bool *masked)
{
	buf_reset(&p->tmp);
	if (cm == MASK_NONE)
		buf_add(&p->tmp, s, n);
	else if (cm == MASK_WHOLE)
		mask_personal(s, n, &p->tmp);
	else
		mask_text(s, n, &p->tmp);
	if (p->tmp.len != n || memcmp(p->tmp.data, s, n) != 0)
		*masked = true;
	return string_n(p->tmp.data, p->tmp.len);
}

/* A number as output: its digits masked as a string when they are a phone
 * or ID number (JSON Lines numbers) and masking is on. */
static cJSON *
number_out(struct profiler *p, double v, enum column_mask cm, bool *masked)
{
	char num[64];
	size_t n;

	if (cm == MASK_NONE)
		return cJSON_CreateNumber(v);
	gk_number_text(v, num);
	n = strlen(num);
	buf_reset(&p->tmp);
	if (cm == MASK_WHOLE)
		mask_personal(num, n, &p->tmp);
	else
		mask_text(num, n, &p->tmp);
	if (p->tmp.len == n && memcmp(p->tmp.data, num, n) == 0)
		return cJSON_CreateNumber(v);
	*masked = true;
	return cJSON_CreateString(p->tmp.data);
}

static cJSON *
typed_value(struct profiler *p, const char *type, const char *s, size_t n,
	    enum column_mask cm, bool *masked)
{
	if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0) {
		char *tmp = gk_xstrndup(s, n);
		cJSON *v = cJSON_CreateNumber(strtod(tmp, NULL));

		free(tmp);
		return v;
	}
	if (strcmp(type, "boolean") == 0 || strcmp(type, "any") == 0)
		return cJSON_CreateNull();
	/* a text's min or max shown as a top value is: a cell of 200 MB
	 * made a record of 400 MB */
	struct gk_buf cut;
	buf_init(&cut);
	if (value_cut(p, &cut, &s, &n))
		*masked = true;
	cJSON *v = out_string(p, s, n, cm, masked);
	buf_release(&cut);
	return v;
}

static int
hash_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The column's yes/no words as seen, pair by pair: under true_key and
 * false_key of o (the profile's true_values, a draft's trueValues). */
static void
add_bool_words(cJSON *o, const struct fstat *f, const char *true_key,
	       const char *false_key)
{
	cJSON *tv = cJSON_AddArrayToObject(o, true_key);
	cJSON *fv = cJSON_AddArrayToObject(o, false_key);

	for (size_t i = 0; i < BOOL_PAIRS; i++)
		if (f->bool_seen & (1u << i)) {
			cJSON_AddItemToArray(
				tv, cJSON_CreateString(bool_words[i][0]));
			cJSON_AddItemToArray(
				fv, cJSON_CreateString(bool_words[i][1]));
		}
}

/*
 * How many of a column's distinct texts are distinct values of its type
 * (type and format as drafted, the booleans' words), compared as gov-check
 * compares keys: "1" and "1.0" are one number, "+1" and "1" one integer,
 * two datetimes of one instant one datetime.  A primary key drafted on
 * distinct texts alone was refused by gov-check on the file it came from.
 * A text that does not cast (one cut to VALUE_KEEP_MAX) counts as itself.
 */
static long
typed_distinct(const struct fstat *f, const char *type, const char *format)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *fields = cJSON_AddArrayToObject(root, "fields");
	cJSON *sf = cJSON_CreateObject();
	struct schema *sc;
	struct gk_err e = {0};
	uint64_t *h;
	size_t n = 0;
	long distinct = (long)f->vt.used;

	cJSON_AddItemToArray(fields, sf);
	cJSON_AddStringToObject(sf, "name", "v");
	cJSON_AddStringToObject(sf, "type", type);
	if (format)
		cJSON_AddStringToObject(sf, "format", format);
	if (strcmp(type, "boolean") == 0 && (f->kinds & K_STRING))
		add_bool_words(sf, f, "trueValues", "falseValues");
	sc = schema_from_json(root, "(draft)", &e);
	cJSON_Delete(root);
	if (!sc)
		return distinct;
	h = gk_xcalloc(f->vt.used ? f->vt.used : 1, sizeof *h);
	for (size_t i = 0; i < f->vt.cap; i++) {
		const struct vt_entry *t = &f->vt.e[i];
		struct schema_value v;

		if (!t->s)
			continue;
		h[n++] = schema_value_parse(sc, 0, t->s, t->n, &v) == 0 &&
					 v.kind != SV_NULL
				 ? schema_value_hash(&v, 0)
				 : t->hash;
	}
	qsort(h, n, sizeof *h, hash_cmp);
	distinct = n ? 1 : 0;
	for (size_t i = 1; i < n; i++)
		if (h[i] != h[i - 1])
			distinct++;
	free(h);
	schema_free(sc);
	return distinct;
}

/* A column as its record shows it: its type and format drafted, the
 * texts of its range, how its values are masked, and whether one was. */
struct field_view {
	const char *type, *format;
	bool numeric;
	const struct gk_buf *min, *max;
	enum column_mask cm;
	bool masked;
};

static void
field_view_of(struct profiler *p, const struct fstat *f, struct vt_entry **v,
	      size_t ntop, struct field_view *fv)
{
	const char *pattern;
	unsigned fm;

	fv->type = field_type(f, &pattern);
	fv->format = field_format(f, &fm);
	fv->min = &f->smin;
	fv->max = &f->smax;
	fv->masked = false;
	if (fv->format && strcmp(fv->type, "any") != 0)
		fv->type = "string"; /* an identifier is text, digits or not */
	if (!fv->format)
		fv->format = pattern;
	fv->numeric = strcmp(fv->type, "integer") == 0 ||
		      strcmp(fv->type, "number") == 0;
	/* dates, datetimes and times by value when not all of one form in
	 * text order, other texts by code point */
	if (f->have_t && !f->t_bad &&
	    (strcmp(fv->type, "date") == 0 ||
	     strcmp(fv->type, "datetime") == 0 ||
	     strcmp(fv->type, "time") == 0)) {
		fv->min = &f->tmin;
		fv->max = &f->tmax;
	}
	fv->cm = column_mask(p, f, fv->format, fv->min, fv->max, v, ntop);
}

/* distinct, distinct_exact and, when fewer, distinct_values. */
static void
add_distinct(cJSON *o, const struct profiler *p, const struct fstat *f,
	     const struct field_view *fv)
{
	long distinct;

	if (f->exact)
		distinct = (long)f->vt.used;
	else {
		double est = round(hll_estimate(f->hll));

		distinct = (long)est;
		if (distinct <= (long)p->exact_limit)
			distinct = (long)p->exact_limit + 1;
		if (distinct > f->count)
			distinct = f->count;
	}
	cJSON_AddNumberToObject(o, "distinct", (double)distinct);
	cJSON_AddBoolToObject(o, "distinct_exact", f->exact);
	if (f->exact && strcmp(fv->type, "string") != 0 &&
	    strcmp(fv->type, "any") != 0) {
		long values = typed_distinct(f, fv->type, fv->format);

		if (values < distinct)
			cJSON_AddNumberToObject(o, "distinct_values",
						(double)values);
	}
}

/* min, max, mean, min_length and max_length. */
static void
add_range(cJSON *o, struct profiler *p, const struct fstat *f,
	  struct field_view *fv)
{
	if (!f->count) {
		cJSON_AddNullToObject(o, "min");
		cJSON_AddNullToObject(o, "max");
	} else if (fv->numeric || strcmp(fv->type, "year") == 0) {
		cJSON_AddItemToObject(
			o, "min", number_out(p, f->dmin, fv->cm, &fv->masked));
		cJSON_AddItemToObject(
			o, "max", number_out(p, f->dmax, fv->cm, &fv->masked));
	} else {
		cJSON_AddItemToObject(o, "min",
				      typed_value(p, fv->type, fv->min->data,
						  fv->min->len, fv->cm,
						  &fv->masked));
		cJSON_AddItemToObject(o, "max",
				      typed_value(p, fv->type, fv->max->data,
						  fv->max->len, fv->cm,
						  &fv->masked));
	}
	/* the mean of one phone number is that number */
	if (fv->numeric && f->ncount && !fv->masked)
		cJSON_AddNumberToObject(o, "mean", f->sum / (double)f->ncount);
	else
		cJSON_AddNullToObject(o, "mean");
	if (f->count) {
		cJSON_AddNumberToObject(o, "min_length", (double)f->minlen);
		cJSON_AddNumberToObject(o, "max_length", (double)f->maxlen);
	} else {
		cJSON_AddNullToObject(o, "min_length");
		cJSON_AddNullToObject(o, "max_length");
	}
}

/* top: the ntop most frequent values v[0..ntop) with their counts. */
static void
add_top(cJSON *o, struct profiler *p, struct vt_entry **v, size_t ntop,
	struct field_view *fv)
{
	cJSON *top = cJSON_AddArrayToObject(o, "top");

	for (size_t i = 0; i < ntop; i++) {
		cJSON *t = cJSON_CreateObject();

		cJSON_AddItemToObject(
			t, "value",
			out_string(p, v[i]->s, v[i]->n, fv->cm, &fv->masked));
		if (v[i]->masked)
			fv->masked = true;
		cJSON_AddNumberToObject(t, "count", (double)v[i]->count);
		cJSON_AddItemToArray(top, t);
	}
}

static cJSON *
field_record(struct profiler *p, struct fstat *f)
{
	cJSON *o = cJSON_CreateObject();
	long nonblank = p->rows - p->blank_rows;
	struct vt_entry **v = vt_sorted(&f->vt);
	size_t ntop = f->vt.used < p->top ? f->vt.used : p->top;
	struct field_view fv;

	field_view_of(p, f, v, ntop, &fv);
	cJSON_AddStringToObject(o, "name", f->name);
	if (f->header)
		cJSON_AddStringToObject(o, "header", f->header);
	cJSON_AddStringToObject(o, "type", fv.type);
	if (fv.format)
		cJSON_AddStringToObject(o, "format", fv.format);
	else
		cJSON_AddNullToObject(o, "format");
	cJSON_AddNumberToObject(o, "nulls", (double)(nonblank - f->count));
	add_distinct(o, p, f, &fv);
	add_range(o, p, f, &fv);
	add_top(o, p, v, ntop, &fv);
	free(v);
	if (!f->exact)
		cJSON_AddBoolToObject(o, "top_exact", false);
	if (strcmp(fv.type, "boolean") == 0 && (f->kinds & K_STRING))
		add_bool_words(o, f, "true_values", "false_values");
	if (fv.masked)
		cJSON_AddBoolToObject(o, "masked", true);
	return o;
}

struct profiled {
	struct profiler p;
	cJSON *head;
	size_t next; /* the field profile_field makes next */
};

static void
profiler_release(struct profiler *p)
{
	fields_release(p);
	free(p->rec_ix);
	p->rec_ix = NULL;
	p->rec_cap = 0;
	schema_free(p->instants);
	p->instants = NULL;
	buf_release(&p->tmp);
	buf_release(&p->key);
}

struct profiled *
profile_open(const char *path, const struct profile_options *o,
	     struct gk_err *e)
{
	struct profiled *pd = gk_xcalloc(1, sizeof *pd);
	struct profiler *p = &pd->p;
	cJSON *rec = cJSON_CreateObject();
	enum table_kind kind;
	int rc;

	p->o = o;
	if (o->today)
		p->today = *o->today;
	else
		date_today(&p->today);
	p->top = o->top ? o->top : PROFILE_TOP_DEFAULT;
	p->exact_limit =
		o->exact_limit ? o->exact_limit : PROFILE_EXACT_DEFAULT;
	buf_init(&p->tmp);
	buf_init(&p->key);
	pd->head = rec;
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if (o->kind != TABLE_AUTO)
		kind = o->kind;
	else if (table_kind_detect(path, &kind, e) != 0) {
		profile_close(pd);
		return NULL;
	}
	p->jsonl = kind == TABLE_JSONL;
	cJSON_AddStringToObject(rec, "type", "profile");
	cJSON_AddStringToObject(rec, "file", path ? path : "-");
	if (kind == TABLE_XLSX && o->sheet)
		cJSON_AddStringToObject(rec, "sheet", o->sheet);
	rc = p->jsonl             ? read_jsonl(p, path, rec, e)
	     : kind == TABLE_XLSX ? read_xlsx(p, path, rec, e)
				  : read_csv(p, path, rec, e);
	if (rc != 0) {
		profile_close(pd);
		return NULL;
	}
	cJSON_AddNumberToObject(rec, "rows", (double)p->rows);
	cJSON_AddNumberToObject(rec, "blank_rows", (double)p->blank_rows);
	if (p->bad_rows)
		cJSON_AddNumberToObject(rec, "encoding_error_rows",
					(double)p->bad_rows);
	return pd;
}

const cJSON *
profile_head(const struct profiled *pd)
{
	return pd->head;
}

size_t
profile_nfields(const struct profiled *pd)
{
	return pd->p.nf;
}

cJSON *
profile_field(struct profiled *pd)
{
	struct profiler *p = &pd->p;
	struct fstat *f;
	cJSON *o;

	if (pd->next >= p->nf)
		return NULL;
	f = &p->f[pd->next++];
	o = field_record(p, f);
	/* done with its values: a wide file's peak is its fields' state */
	vt_release(&f->vt);
	free(f->hll);
	f->hll = NULL;
	return o;
}

void
profile_close(struct profiled *pd)
{
	if (!pd)
		return;
	profiler_release(&pd->p);
	cJSON_Delete(pd->head);
	free(pd);
}

cJSON *
profile_file(const char *path, const struct profile_options *o,
	     struct gk_err *e)
{
	struct profiled *pd = profile_open(path, o, e);
	cJSON *rec, *fields, *f;

	if (!pd)
		return NULL;
	rec = pd->head;
	fields = cJSON_AddArrayToObject(rec, "fields");
	while ((f = profile_field(pd)) != NULL)
		cJSON_AddItemToArray(fields, f);
	pd->head = NULL;
	profile_close(pd);
	return rec;
}

/* ---------------------------------------------------------------- schema draft */

static const char *
str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double
num_of(const cJSON *o, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* A round bound outside [0, x]: 10^k >= LOOSE_FACTOR * |x|. */
static double
loose_bound(double x)
{
	double a = fabs(x) * LOOSE_FACTOR, b = 1;

	while (b < a)
		b *= 10;
	return x < 0 ? -b : b;
}

static bool
is_identifier_name(const char *name)
{
	size_t n = strlen(name);

	return strcasecmp(name, "id") == 0 ||
	       (n > 3 && (strcasecmp(name + n - 3, "_id") == 0 ||
			  strcasecmp(name + n - 3, "_no") == 0)) ||
	       (n > 5 && strcasecmp(name + n - 5, "_code") == 0) ||
	       strstr(name, "编号") || strstr(name, "号码") ||
	       strstr(name, "代码");
}

static void
add_enum(cJSON *cons, const cJSON *f, const char *type, long nonblank)
{
	const cJSON *top = cJSON_GetObjectItemCaseSensitive(f, "top"), *t;
	double distinct = num_of(f, "distinct", 0);
	cJSON *vals;

	if (strcmp(type, "string") != 0 || str_of(f, "format") ||
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "masked")) ||
	    !cJSON_IsTrue(
		    cJSON_GetObjectItemCaseSensitive(f, "distinct_exact")) ||
	    distinct < 1 || distinct > ENUM_MAX_VALUES ||
	    (double)cJSON_GetArraySize(top) != distinct ||
	    (double)(nonblank - num_of(f, "nulls", 0)) <
		    distinct * ENUM_MIN_REPEAT)
		return;
	cJSON_ArrayForEach(t, top)
		if (!str_of(t, "value"))
			return; /* a value with a NUL (raw JSON): no enum of it */
	vals = cJSON_AddArrayToObject(cons, "enum");
	cJSON_ArrayForEach(t, top)
		cJSON_AddItemToArray(vals,
				     cJSON_CreateString(str_of(t, "value")));
}

/* A boolean field's trueValues and falseValues, when the profile saw
 * which they are. */
static void
add_true_false_values(cJSON *sf, const cJSON *f)
{
	const cJSON *tv = cJSON_GetObjectItemCaseSensitive(f, "true_values");
	const cJSON *fv = cJSON_GetObjectItemCaseSensitive(f, "false_values");

	if (cJSON_GetArraySize(tv) > 0) {
		cJSON_AddItemToObject(sf, "trueValues",
				      cJSON_Duplicate(tv, true));
		cJSON_AddItemToObject(sf, "falseValues",
				      cJSON_Duplicate(fv, true));
	}
}

/* A number field's minimum and maximum: round bounds loose around the
 * values seen. */
static void
add_number_bounds(cJSON *cons, const cJSON *f)
{
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(f, "min");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(f, "max");

	if (!cJSON_IsNumber(min) || !cJSON_IsNumber(max))
		return;
	double lo = min->valuedouble >= 0 ? 0 : loose_bound(min->valuedouble);
	double hi = loose_bound(max->valuedouble);

	/* past 1e307 the round bound is no double: none */
	if (isfinite(lo))
		cJSON_AddNumberToObject(cons, "minimum", lo);
	if (max->valuedouble > 0 && isfinite(hi))
		cJSON_AddNumberToObject(cons, "maximum", hi);
}

/* A field's constraints: required when it has no nulls, bounds for a
 * number, an enum for a few values. */
static cJSON *
field_constraints(const cJSON *f, const char *type, long nonblank)
{
	cJSON *cons = cJSON_CreateObject();

	if (num_of(f, "nulls", 0) == 0 && nonblank > 0)
		cJSON_AddBoolToObject(cons, "required", true);
	if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0)
		add_number_bounds(cons, f);
	add_enum(cons, f, type, nonblank);
	return cons;
}

/* Can the field be the primary key: no nulls, every value distinct
 * (counted exactly), and an ID by its format or its name? */
static bool
is_key_candidate(const cJSON *f, long nonblank)
{
	const char *name = str_of(f, "name"), *format = str_of(f, "format");
	double distinct =
		num_of(f, "distinct_values", num_of(f, "distinct", 0));

	return num_of(f, "nulls", 0) == 0 && nonblank > 1 &&
	       distinct == (double)nonblank &&
	       cJSON_IsTrue(
		       cJSON_GetObjectItemCaseSensitive(f, "distinct_exact")) &&
	       ((format && strncmp(format, "cn-", 3) == 0 &&
		 strcmp(format, "cn-postcode") != 0) ||
		is_identifier_name(name));
}

/* The schema field of a profiled one, or NULL for one that cannot have
 * one. */
static cJSON *
schema_field(const cJSON *f, long nonblank)
{
	const char *name = str_of(f, "name"), *type = str_of(f, "type");
	const char *format = str_of(f, "format");

	/* A blank or repeated header cell: gov-check cannot match a
	 * schema field to that column by name, and reports the header.
	 * A JSON Lines key "" the same: a field needs a name. */
	if (!name || !*name || !type ||
	    cJSON_GetObjectItemCaseSensitive(f, "header"))
		return NULL;
	cJSON *sf = cJSON_CreateObject();
	cJSON_AddStringToObject(sf, "name", name);
	cJSON_AddStringToObject(sf, "type", type);
	if (format)
		cJSON_AddStringToObject(sf, "format", format);
	if (strcmp(type, "boolean") == 0)
		add_true_false_values(sf, f);
	cJSON *cons = field_constraints(f, type, nonblank);
	if (cons->child)
		cJSON_AddItemToObject(sf, "constraints", cons);
	else
		cJSON_Delete(cons);
	return sf;
}

long
profile_nonblank(const cJSON *profile)
{
	return (long)num_of(profile, "rows", 0) -
	       (long)num_of(profile, "blank_rows", 0);
}

cJSON *
profile_schema_field(const cJSON *f, long nonblank, bool *key)
{
	cJSON *sf = schema_field(f, nonblank);

	*key = sf && is_key_candidate(f, nonblank);
	return sf;
}

cJSON *
profile_schema_rest(cJSON *schema, const char *key)
{
	cJSON_AddItemToObject(
		schema, "missingValues",
		cJSON_CreateStringArray((const char *const[]){""}, 1));
	if (key) {
		cJSON *pk = cJSON_CreateArray();

		cJSON_AddItemToArray(pk, cJSON_CreateString(key));
		cJSON_AddItemToObject(schema, "primaryKey", pk);
	}
	return schema;
}

cJSON *
profile_to_schema(const cJSON *profile)
{
	cJSON *schema = cJSON_CreateObject(), *fields;
	const cJSON *pfields =
		cJSON_GetObjectItemCaseSensitive(profile, "fields");
	const cJSON *f;
	const char *key = NULL;
	long nonblank = profile_nonblank(profile);
	bool k;

	fields = cJSON_AddArrayToObject(schema, "fields");
	cJSON_ArrayForEach(f, pfields) {
		cJSON *sf = profile_schema_field(f, nonblank, &k);

		if (sf == NULL)
			continue;
		if (!key && k)
			key = str_of(f, "name");
		cJSON_AddItemToArray(fields, sf);
	}
	return profile_schema_rest(schema, key);
}
