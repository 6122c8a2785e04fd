/*
 * fmt.c: the text printf gives the numbers of gov-bid's records, made
 * without printf, which costs more than the rest of a tender's record.
 *
 * glibc prints a double's exact binary value rounded to the digits asked
 * for, half to even.  So do these, in 128-bit integers: m * 2^e * 10^p,
 * rounded, for the values a report holds (any finite double whose digits
 * fit in 64 bits, within 10^-38 and 10^38 of the scale asked); every
 * other value, and a compiler without 128-bit integers, takes snprintf.
 * A GOVKIT_SELF_CHECK build (SAN=1, the fuzz targets) compares every
 * number with snprintf's and aborts where they differ.
 */
#include "bid.h"

#include <stdlib.h>
#include <string.h>

static const uint64_t pow10_u64[20] = {
	1ULL,
	10ULL,
	100ULL,
	1000ULL,
	10000ULL,
	100000ULL,
	1000000ULL,
	10000000ULL,
	100000000ULL,
	1000000000ULL,
	10000000000ULL,
	100000000000ULL,
	1000000000000ULL,
	10000000000000ULL,
	100000000000000ULL,
	1000000000000000ULL,
	10000000000000000ULL,
	100000000000000000ULL,
	1000000000000000000ULL,
	10000000000000000000ULL,
};

/* The most digits of a %g or %f conversion made here: 10^FMT_DIGITS_MAX
 * must fit in 64 bits. */
#define FMT_DIGITS_MAX 19

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;

/* 10^p, p <= 38 */
static u128
pow10_128(int p)
{
	if (p < 20)
		return pow10_u64[p];
	return (u128)pow10_u64[19] * pow10_u64[p - 19];
}

static int
bits_of(u128 x)
{
	uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;

	if (hi)
		return 128 - __builtin_clzll(hi);
	return lo ? 64 - __builtin_clzll(lo) : 0;
}

/*
 * *q = m * 2^e * 10^p rounded to an integer, half to even (m < 2^53);
 * false when a term would not fit in 128 bits or *q in 64.
 */
static bool
scaled_round(uint64_t m, int e, int p, uint64_t *q)
{
	u128 num, den, quot, rem;

	if (p >= 0) {
		if (p > 22) /* 2^53 * 10^22 < 2^127 */
			return false;
		num = (u128)m * pow10_128(p);
		if (e >= 0) { /* a whole number: nothing to round */
			if (bits_of(num) + e > 64)
				return false;
			*q = (uint64_t)(num << e);
			return true;
		}
		if (-e > 126)
			return false;
		den = (u128)1 << -e;
		quot = num >> -e;
		rem = num & (den - 1);
	} else {
		if (p < -38)
			return false;
		den = pow10_128(-p);
		if (e >= 0) {
			if (e > 74)
				return false;
			num = (u128)m << e;
		} else {
			if (bits_of(den) - e > 127)
				return false;
			num = m;
			den <<= -e;
		}
		quot = num / den;
		rem = num % den;
	}
	/* rem < den <= 2^127: twice it fits */
	if (rem << 1 > den || (rem << 1 == den && (quot & 1)))
		quot++;
	if (quot >> 64)
		return false;
	*q = (uint64_t)quot;
	return true;
}
#else
static bool
scaled_round(uint64_t m, int e, int p, uint64_t *q)
{
	(void)m, (void)e, (void)p, (void)q;
	return false;
}
#endif

/* a > 0 finite as m * 2^e, m < 2^53 */
static void
decompose(double a, uint64_t *m, int *e)
{
	uint64_t bits;
	int be;

	memcpy(&bits, &a, sizeof bits);
	be = (int)(bits >> 52 & 0x7ff);
	*m = bits & ((1ULL << 52) - 1);
	if (be) {
		*m |= 1ULL << 52;
		*e = be - 1075;
	} else { /* subnormal */
		*e = -1074;
	}
}

/* v's last n digits, with leading zeros; the end. */
static char *
put_digits(char *o, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		o[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return o + n;
}

/* Its digits counted first, then written in place from the last: no
 * copy of a length known only at run time (a call to memcpy). */
char *
fmt_uint(char *o, uint64_t v)
{
	int n = 1;

	while (n < 20 && v >= pow10_u64[n])
		n++;
	return put_digits(o, v, n);
}

#ifdef GOVKIT_SELF_CHECK
static size_t
self_check(const char *out, size_t n, const char *conv, int prec, double v)
{
	char want[FMT_NUM_MAX];

	snprintf(want, sizeof want, conv, prec, v);
	if (strcmp(out, want) != 0) {
		fprintf(stderr, "fmt.c: %s of %a gave '%s', printf '%s'\n",
			conv, v, out, want);
		abort();
	}
	return n;
}
#else
#define self_check(out, n, conv, prec, v) (n)
#endif

/* printf's own text, cut to FMT_NUM_MAX (a precision beyond
 * FMT_DIGITS_MAX, which no caller asks for) */
static size_t
slow_text(char *out, const char *conv, int prec, double v)
{
	int n = snprintf(out, FMT_NUM_MAX, conv, prec, v);

	return n < FMT_NUM_MAX ? (size_t)n : FMT_NUM_MAX - 1;
}

size_t
fmt_f(char *out, double v, int prec)
{
	uint64_t m, q = 0;
	int e;
	char *o = out;

	if (!isfinite(v) || prec < 0 || prec > FMT_DIGITS_MAX)
		goto slow;
	if (v != 0) {
		decompose(fabs(v), &m, &e);
		if (!scaled_round(m, e, prec, &q))
			goto slow;
	}
	if (signbit(v)) /* -0.001 is "-0.00", as printf has it */
		*o++ = '-';
	o = fmt_uint(o, q / pow10_u64[prec]);
	if (prec) {
		*o++ = '.';
		o = put_digits(o, q % pow10_u64[prec], prec);
	}
	*o = '\0';
	return self_check(out, (size_t)(o - out), "%.*f", prec, v);
slow:
	return slow_text(out, "%.*f", prec, v);
}

/* The P significant digits of a (> 0) rounded, into *q, and the
 * exponent of the first, into *x, as %e would print them; false when out
 * of reach. */
static bool
significant(double a, int P, uint64_t *q, int *x)
{
	uint64_t m;
	int e, k;

	decompose(a, &m, &e);
	/* floor(log10(2^floor(log2 a))): the exponent, or one below */
	k = (int)floor((63 - __builtin_clzll(m) + e) * 0.30102999566398120);
	for (int tries = 0; tries < 4; tries++) {
		if (!scaled_round(m, e, P - 1 - k, q))
			return false;
		if (*q >= pow10_u64[P]) /* one digit more: k too low, or a
					   carry (9.9995 to 4 digits) */
			k++;
		else if (*q < pow10_u64[P - 1])
			k--;
		else {
			*x = k;
			return true;
		}
	}
	return false;
}

size_t
fmt_g(char *out, double v, int prec)
{
	int P = prec == 0 ? 1 : prec, x, nd;
	uint64_t q;
	char d[FMT_DIGITS_MAX], *o = out;

	if (!isfinite(v) || prec < 0 || P > FMT_DIGITS_MAX)
		goto slow;
	if (signbit(v))
		*o++ = '-';
	if (v == 0) {
		*o++ = '0';
		*o = '\0';
		return self_check(out, (size_t)(o - out), "%.*g", prec, v);
	}
	if (!significant(fabs(v), P, &q, &x))
		goto slow;
	put_digits(d, q, P);
	/* %g drops the zeros that end the fraction */
	for (nd = P; nd > 1 && d[nd - 1] == '0';)
		nd--;
	if (x < -4 || x >= P) { /* d.ddde+XX */
		*o++ = d[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, d + 1, (size_t)nd - 1);
			o += nd - 1;
		}
		*o++ = 'e';
		*o++ = x < 0 ? '-' : '+';
		if (abs(x) < 10)
			*o++ = '0';
		o = fmt_uint(o, (uint64_t)abs(x));
	} else if (x >= 0) { /* ddd.ddd: x + 1 digits before the point */
		memcpy(o, d, (size_t)x + 1);
		o += x + 1;
		if (nd > x + 1) {
			*o++ = '.';
			memcpy(o, d + x + 1, (size_t)(nd - x - 1));
			o += nd - x - 1;
		}
	} else { /* 0.000ddd */
		*o++ = '0';
		*o++ = '.';
		for (int i = 0; i < -x - 1; i++)
			*o++ = '0';
		memcpy(o, d, (size_t)nd);
		o += nd;
	}
	*o = '\0';
	return self_check(out, (size_t)(o - out), "%.*g", prec, v);
slow:
	return slow_text(out, "%.*g", prec, v);
}

/* What fmt_vsnprintf writes to: out[0..n), and how long the text is. */
void
fmt_text_add(struct fmt_text *s, const char *p, size_t k)
{
	if (s->len < s->n) {
		size_t room = s->n - s->len;
		memcpy(s->out + s->len, p, k < room ? k : room);
	}
	s->len += k;
}

void
fmt_text_str(struct fmt_text *t, const char *s)
{
	fmt_text_add(t, s, strlen(s));
}

void
fmt_text_uint(struct fmt_text *t, uint64_t v)
{
	char d[20];

	fmt_text_add(t, d, (size_t)(fmt_uint(d, v) - d));
}

void
fmt_text_end(struct fmt_text *t)
{
	if (t->n)
		t->out[t->len < t->n ? t->len : t->n - 1] = '\0';
}

/* A length modifier of an integer conversion: 0, 'l' (ll), 'z'. */
static const char *
length_of(const char *p, int *mod)
{
	*mod = 0;
	if (p[0] == 'l' && p[1] == 'l') {
		*mod = 'l';
		return p + 2;
	}
	if (p[0] == 'z') {
		*mod = 'z';
		return p + 1;
	}
	return p;
}

/* One conversion at p (after '%'); the character after it. */
static const char *
convert(struct fmt_text *s, const char *p, va_list *ap)
{
	char num[FMT_NUM_MAX];
	int prec = -1, mod;
	uint64_t u;

	if (*p == '.')
		for (prec = 0, p++; *p >= '0' && *p <= '9'; p++)
			prec = prec * 10 + (*p - '0');
	p = length_of(p, &mod);
	switch (*p) {
	case '%': fmt_text_add(s, "%", 1); break;
	case 's': {
		const char *str = va_arg(*ap, const char *);
		fmt_text_add(s, str, strlen(str));
		break;
	}
	case 'u':
		u = mod == 'l'   ? va_arg(*ap, unsigned long long)
		    : mod == 'z' ? va_arg(*ap, size_t)
				 : va_arg(*ap, unsigned);
		fmt_text_add(s, num, (size_t)(fmt_uint(num, u) - num));
		break;
	case 'd': {
		long long d =
			mod == 'l' ? va_arg(*ap, long long) : va_arg(*ap, int);
		char *o = num;
		if (d < 0)
			*o++ = '-';
		/* the magnitude in unsigned: -LLONG_MIN does not fit */
		u = d < 0 ? 0 - (unsigned long long)d : (unsigned long long)d;
		fmt_text_add(s, num, (size_t)(fmt_uint(o, u) - num));
		break;
	}
	case 'f':
		fmt_text_add(s, num, fmt_f(num, va_arg(*ap, double), prec));
		break;
	case 'g':
		fmt_text_add(s, num, fmt_g(num, va_arg(*ap, double), prec));
		break;
	default:
		/* a conversion this printf does not know: the caller's
		 * bug, found by its tests */
		fprintf(stderr, "fmt.c: unknown conversion '%%%s'\n", p);
		abort();
	}
	return p + 1;
}

int
fmt_vsnprintf(char *out, size_t n, const char *fmt, va_list ap)
{
	struct fmt_text s = {out, n, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t k = pct ? (size_t)(pct - fmt) : strlen(fmt);
		fmt_text_add(&s, fmt, k);
		fmt += k;
		if (*fmt == '%')
			fmt = convert(&s, fmt + 1, &args);
	}
	va_end(args);
	fmt_text_end(&s);
	return (int)s.len;
}

int
fmt_snprintf(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vsnprintf(out, n, fmt, ap);
	va_end(ap);
	return len;
}

void
buf_fmt(struct gk_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room = b->cap - b->len;
	int len;

	/* room enough most of the time; else again, once the length is
	 * known */
	if (room < 256) {
		buf_reserve(b, 256);
		room = b->cap - b->len;
	}
	va_start(ap, fmt);
	len = fmt_vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if ((size_t)len >= room) {
		buf_reserve(b, (size_t)len);
		va_start(ap, fmt);
		fmt_vsnprintf(b->data + b->len, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)len;
}
