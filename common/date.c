/*
 * date.c: ISO 8601 calendar dates and quarters.  Days are counted with
 * the proleptic Gregorian calendar (Howard Hinnant's days_from_civil),
 * so no time zone or libc locale gets involved, but in "today" and the
 * day an instant falls on (date_today, date_local_days): the local date,
 * of the time zone TZ names, as the clock's hours are read there.
 */
#include "govkit.h"

#include <string.h>
#include <time.h>

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool
date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

static int
digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, size_t n, struct gk_date *d)
{
	int y, m, dd;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &dd))
		return -1;
	if (!date_valid(y, m, dd))
		return -1;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 0;
}

long
date_to_days(const struct gk_date *d)
{
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_from_days(long z, struct gk_date *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(yoe + era * 400 + (d->month <= 2));
}

int
date_cmp(const struct gk_date *a, const struct gk_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

void
date_format(const struct gk_date *d, char out[11])
{
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u,
		 dd = (unsigned)d->day % 100u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

void
date_today(struct gk_date *d)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

long
date_local_days(int64_t secs)
{
	time_t t = (time_t)secs;
	struct tm tm;
	struct gk_date d;

	if ((int64_t)t != secs || !localtime_r(&t, &tm))
		return (long)(secs >= 0 ? secs / 86400
					: -((-secs + 86399) / 86400));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return date_to_days(&d);
}

int
date_parse_arg(const char *arg, struct gk_date *d, struct gk_err *e)
{
	if (date_parse(arg, strlen(arg), d) == 0)
		return 0;
	gk_err_set(e, "invalid date '%s', expected YYYY-MM-DD", arg);
	return -1;
}

int
quarter_parse(const char *s, struct gk_quarter *q)
{
	int y;

	if (strlen(s) != 6 || (s[4] != 'Q' && s[4] != 'q'))
		return -1;
	if (digits(s, 4, &y) || s[5] < '1' || s[5] > '4' || y < 1)
		return -1;
	q->year = y;
	q->q = s[5] - '0';
	return 0;
}

/*
 * One character of a quarter as people type it, at s (n bytes left), as
 * one ASCII byte into *c: full-width ASCII (digits, Q, hyphen) as its
 * ASCII self; 年 1, 第 2, 季 3, 度 4, 一二三四 5 to 8 (control bytes, which
 * no one types, so that letters typed are not taken for them).  Returns
 * its length in bytes, 0 for any other character.
 */
static size_t
quarter_char(const unsigned char *s, size_t n, char *c)
{
	static const struct {
		const char *utf8;
		char c;
	} map[] = {{"\xe5\xb9\xb4", '\1'}, {"\xe7\xac\xac", '\2'},
		   {"\xe5\xad\xa3", '\3'}, {"\xe5\xba\xa6", '\4'},
		   {"\xe4\xb8\x80", '\5'}, {"\xe4\xba\x8c", '\6'},
		   {"\xe4\xb8\x89", '\7'}, {"\xe5\x9b\x9b", '\10'}};
	size_t k;

	if (s[0] < 0x20)
		return 0;
	if (s[0] < 0x80)
		k = 1, *c = (char)s[0];
	else /* full-width digits, Q, '-' as ASCII */
		k = utf8_halfwidth((const char *)s, n, c);
	if (k > 0) {
		if (*c == 'q')
			*c = 'Q';
		return k;
	}
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (n >= 3 && memcmp(s, map[i].utf8, 3) == 0) {
			*c = map[i].c;
			return 3;
		}
	return 0;
}

int
quarter_parse_typed(const char *str, struct gk_quarter *q)
{
	size_t n = strlen(str), k, len = 0;
	const unsigned char *s;
	char b[16], d;
	int y;

	n = utf8_trim_blanks(&str, n);
	s = (const unsigned char *)str;
	for (size_t i = 0; i < n; i += k) {
		if ((k = utf8_blank_len((const char *)s + i, n - i)) > 0)
			d = ' ';
		else if ((k = quarter_char(s + i, n - i, &d)) == 0)
			return -1;
		if (len == sizeof b - 1)
			return -1;
		b[len++] = d;
	}
	b[len] = '\0';
	if (len < 6 || digits(b, 4, &y) < 0 || y < 1)
		return -1;
	/* 2025Q3, 2025-Q3, 2025 Q3 */
	k = b[4] == '-' || b[4] == ' ' ? 5 : 4;
	if (len == k + 2 && b[k] == 'Q' && b[k + 1] >= '1' && b[k + 1] <= '4')
		d = b[k + 1];
	/* 2025年第三季度, 2025年3季度, 2025年第3季 */
	else if (b[4] == '\1' && (k = b[5] == '\2' ? 6 : 5) + 1 < len &&
		 ((b[k] >= '1' && b[k] <= '4') ||
		  (b[k] >= '\5' && b[k] <= '\10')) &&
		 b[k + 1] == '\3' &&
		 (len == k + 2 || (len == k + 3 && b[k + 2] == '\4')))
		d = b[k] < '1' ? (char)('1' + (b[k] - '\5')) : b[k];
	else
		return -1;
	q->year = y;
	q->q = d - '0';
	return 0;
}

void
quarter_format(const struct gk_quarter *q, char out[8])
{
	unsigned y = (unsigned)q->year % 10000u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = 'Q';
	out[5] = (char)('0' + (unsigned)q->q % 10u);
	out[6] = '\0';
}

void
quarter_of_date(const struct gk_date *d, struct gk_quarter *q)
{
	q->year = d->year;
	q->q = (d->month - 1) / 3 + 1;
}

void
quarter_add(struct gk_quarter *q, int n)
{
	int idx = q->year * 4 + (q->q - 1) + n;

	q->year = idx / 4;
	q->q = idx % 4 + 1;
}

int
quarter_cmp(const struct gk_quarter *a, const struct gk_quarter *b)
{
	int ia = a->year * 4 + a->q, ib = b->year * 4 + b->q;

	return ia < ib ? -1 : ia > ib;
}

/* The n bytes at s are the lowercase ASCII word w, in any case (as ASCII
 * has it, whatever the locale). */
static bool
ascii_word_is(const unsigned char *s, size_t n, const char *w)
{
	if (n != strlen(w))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]) !=
		    (unsigned char)w[i])
			return false;
	return true;
}

int
quarter_parse_arg(const char *arg, const struct gk_date *today,
		  struct gk_quarter *q, struct gk_err *e)
{
	const char *word = arg;
	size_t n = utf8_trim_blanks(&word, strlen(arg));
	const unsigned char *s = (const unsigned char *)word;

	/* 'current' and 'previous' as typed: any case, blanks around
	 * (trimmed above) */
	if (ascii_word_is(s, n, "current") || ascii_word_is(s, n, "previous")) {
		quarter_of_date(today, q);
		if (n == 8)
			quarter_add(q, -1);
		return 0;
	}
	if (quarter_parse_typed(arg, q) == 0)
		return 0;
	gk_err_set(
		e,
		"invalid quarter '%s', expected YYYYQn, 'current' or 'previous'",
		arg);
	return -1;
}

void
quarter_first_day(const struct gk_quarter *q, struct gk_date *d)
{
	d->year = q->year;
	d->month = (q->q - 1) * 3 + 1;
	d->day = 1;
}

void
quarter_last_day(const struct gk_quarter *q, struct gk_date *d)
{
	d->year = q->year;
	d->month = q->q * 3;
	d->day = days_in_month(d->year, d->month);
}
