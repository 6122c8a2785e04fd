/*
 * schema.c: Frictionless Table Schema with govkit's extensions (Chinese
 * identifier formats, rules, freshness, rowCount): loading with errors
 * that name the place, and the per-cell checks of gov-check, written so
 * that the check of a valid cell allocates nothing.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "govkit.h"

/* Cells longer than this are not numbers (a number is short). */
#define NUMBER_TEXT_MAX 320
/* Largest schema file read (a schema is a few kilobytes). */
#define SCHEMA_FILE_MAX ((size_t)16 << 20)
/* How many enum values a message lists before "...". */
#define ENUM_MESSAGE_VALUES 6
/* An enum longer than this is looked up through a hash index, not read
 * through for every cell: a list of every division code is 700,000. */
#define ENUM_INDEX_MIN 16
#define ENUM_INDEX_SEED 0x656e756d2d696478ULL

/*
 * What one cell may cost PCRE2.  A pattern such as (a+)+b backtracks
 * exponentially on a near miss, and PCRE2's own limit (ten million
 * steps) is about 0.1 s a cell, hours on a column of such cells.  A real
 * pattern needs a few steps a byte (JIT far fewer), so a cell gets a
 * base and more for each byte.  A value that needs more is reported as
 * not checked, never as not matching.  The JIT stack (PCRE2's default is
 * 32 KiB: (x|y)+ ran out on 10,000 characters) and the interpreter's
 * heap are capped likewise.
 */
#define PATTERN_STEPS_BASE 10000
#define PATTERN_STEPS_PER_BYTE 10
/* A fraction of a second counts to the nanosecond. */
#define FRACTION_DIGITS 9
#define PATTERN_STEPS_MAX UINT32_MAX
#define PATTERN_JIT_STACK_START ((size_t)32 << 10)
#define PATTERN_JIT_STACK_MAX ((size_t)16 << 20)
#define PATTERN_HEAP_KIB (64u << 10)

enum fmt {
	FMT_DEFAULT,
	FMT_ANY,
	FMT_PATTERN, /* strptime-like, dates and times */
	FMT_EMAIL,
	FMT_URI,
	FMT_UUID,
	FMT_BINARY,
	FMT_CN_RIC,
	FMT_CN_USCC,
	FMT_CN_ORGCODE,
	FMT_CN_MOBILE,
	FMT_CN_POSTCODE,
	FMT_CN_DIVISION,
	FMT_GEO_ARRAY,  /* geopoint [lon, lat] */
	FMT_GEO_OBJECT, /* geopoint {"lon": x, "lat": y} */
	FMT_TOPOJSON,
};

/*
 * Code-like patterns ("H[0-9]{8}", "1[3-9][0-9]{9}") are a fixed number
 * of ASCII positions, each a set of bytes: matched here without a call
 * into PCRE2.  Anything else (alternation, open quantifiers, \d, which
 * is Unicode-aware, classes with escapes or negation) goes to PCRE2.
 */
#define FIXEDPAT_MAX 64

struct fixedpat {
	size_t len;
	unsigned char ok[FIXEDPAT_MAX][128]; /* ok[position][ASCII byte] */
};

static inline bool
fixed_match(const struct fixedpat *fp, const char *s, size_t n)
{
	unsigned char bad = 0;

	if (n != fp->len)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		bad |= (unsigned char)(c >> 7) |
		       (unsigned char)!fp->ok[i][c & 127];
	}
	return !bad;
}

struct strlist {
	size_t n;
	char **v;
	size_t *len;
};

struct sfield {
	char *name;
	enum schema_type type;
	enum fmt fmt;
	char *format; /* as written, NULL: default */
	struct strlist truev, falsev;
	char *decimal_char;
	char *group_char;
	bool bare_number;
	struct strlist own_missing;
	bool has_own_missing;
	bool missing_empty_only; /* the missing values are exactly [""] */
	bool required, unique;
	bool has_min, has_max;
	struct schema_value min, max;
	char *min_text, *max_text;
	long min_len, max_len;
	char *pattern;
	pcre2_code *re;
	bool re_jit;
	struct fixedpat *fixed; /* the pattern as positions, when it can be */
	size_t nenum;
	struct schema_value *enums;
	char **enum_text;
	size_t *enum_len;
	/* enum indexes (ENUM_INDEX_MIN values and more): index + 1 in open
	 * addressing, 0 empty; by text, and by typed value when every
	 * value has one kind (venum_kind) */
	uint32_t *enum_slot, *venum_slot;
	size_t enum_cap;
	enum schema_vkind venum_kind;
};

struct srule {
	char *name;
	char *assert_text;
	bool warning;
	struct rule_expr *expr;
};

struct schema {
	char *path;
	size_t nfields;
	struct sfield *fields;
	/* the fields by name: index + 1 in open addressing, 0 empty; a
	 * schema of 20,000 fields is read and used without a scan per name */
	uint32_t *name_slot;
	size_t name_cap; /* a power of two, above twice nfields */
	struct strlist missing;
	size_t npk;
	size_t *pk;
	size_t nuk;
	size_t *uk_n;
	size_t **uk;
	size_t nfk;
	struct schema_fkey *fk;
	size_t nrules;
	struct srule *rules;
	bool has_fresh;
	size_t fresh_field;
	long fresh_days;
	bool has_rows;
	long rows_min, rows_max;
	pcre2_match_data *md;
	pcre2_match_context *mctx; /* the limits of a pattern's match */
	pcre2_jit_stack *jit_stack;
	bool has_today;
	struct gk_date today;
};

static const char *const type_names[] = {
	"string",   "integer",  "number",  "boolean", "date",
	"datetime", "time",     "year",    "any",     "yearmonth",
	"duration", "geopoint", "geojson", "object",  "array",
};

/* "an integer", "a date" */
static const char *
a_type(enum schema_type t)
{
	static const char *const names[] = {
		"a string",         "an integer",  "a number",   "a boolean",
		"a date",           "a datetime",  "a time",     "a year",
		"anything",         "a yearmonth", "a duration", "a geopoint",
		"a GeoJSON object", "an object",   "an array",
	};
	return names[t];
}

/* a null's hash: apart from every string's, the empty one's too */
#define HK2 0x8ebc6af09c88c6e3ull

uint64_t
schema_value_hash(const struct schema_value *v, uint64_t seed)
{
	double d;

	switch (v->kind) {
	case SV_NULL: return gk_hash("", 0, seed ^ HK2);
	case SV_INT:
	case SV_DATE: return gk_hash(&v->u.i, sizeof v->u.i, seed + v->kind);
	case SV_DATETIME:
	case SV_TIME:
		/* 10:00:00 and 10:00:00.000 are one time, as they compare */
		seed = gk_hash(&v->u.i, sizeof v->u.i, seed + v->kind);
		return v->ns ? gk_hash(&v->ns, sizeof v->ns, seed) : seed;
	case SV_NUM:
		d = v->u.d;
		if (d == 0)
			d = 0; /* -0 and 0 are one number */
		if (d == floor(d) && fabs(d) < 9e18) {
			int64_t i = (int64_t)d;
			return gk_hash(&i, sizeof i, seed + SV_INT);
		}
		return gk_hash(&d, sizeof d, seed + SV_NUM);
	case SV_BOOL: return gk_hash(&v->u.b, 1, seed + SV_BOOL);
	case SV_STR: break;
	}
	return gk_hash(v->s, v->n, seed);
}

/* NaN is equal to NaN and above every other number, as PostgreSQL orders
 * them: it is no enum value but NaN, and above every maximum. */
static int
cmp_num(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) != 0) - (isnan(b) != 0);
	return a < b ? -1 : a > b ? 1 : 0;
}

int
schema_value_cmp(const struct schema_value *a, const struct schema_value *b)
{
	size_t m;
	int c;

	if (a->kind == SV_NUM || b->kind == SV_NUM) {
		double x = a->kind == SV_INT ? (double)a->u.i : a->u.d;
		double y = b->kind == SV_INT ? (double)b->u.i : b->u.d;
		return cmp_num(x, y);
	}
	switch (a->kind) {
	case SV_NULL: return b->kind == SV_NULL ? 0 : -1;
	case SV_INT:
	case SV_DATE: return a->u.i < b->u.i ? -1 : a->u.i > b->u.i ? 1 : 0;
	case SV_DATETIME:
	case SV_TIME:
		if (a->u.i != b->u.i)
			return a->u.i < b->u.i ? -1 : 1;
		return a->ns < b->ns ? -1 : a->ns > b->ns ? 1 : 0;
	case SV_BOOL: return (int)a->u.b - (int)b->u.b;
	default: break;
	}
	m = a->n < b->n ? a->n : b->n;
	c = m ? memcmp(a->s, b->s, m) : 0;
	if (c)
		return c;
	return a->n < b->n ? -1 : a->n > b->n ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* parsing values                                                      */
/* ------------------------------------------------------------------ */

static bool
strlist_has(const struct strlist *l, const char *v, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->len[i] == n && memcmp(l->v[i], v, n) == 0)
			return true;
	return false;
}

static inline bool
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly `w` digits at s into *out. */
static bool
fixed_digits(const char *s, size_t w, int *out)
{
	int v = 0;
	for (size_t i = 0; i < w; i++) {
		if (!isdig(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* 1 to maxw digits at s[*pos..n). */
static bool
var_digits(const char *s, size_t n, size_t *pos, size_t maxw, int *out)
{
	size_t i = *pos;
	int v = 0;
	while (i < n && i - *pos < maxw && isdig(s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i == *pos)
		return false;
	*pos = i;
	*out = v;
	return true;
}

/* date_valid and date_to_days in one, inline: a date is checked on
 * every row of a date column. */
static inline bool
days_of(int y, int m, int d, int64_t *days)
{
	static const unsigned char mdays[13] = {0,  31, 29, 31, 30, 31, 30,
						31, 31, 30, 31, 30, 31};
	int64_t era, yoe, doy, doe, yy;

	if (m < 1 || m > 12 || d < 1 || d > mdays[m] || y < 1 || y > 9999)
		return false;
	if (m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	/* days from civil (H. Hinnant) */
	yy = m <= 2 ? y - 1 : y;
	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = era * 146097 + doe - 719468;
	return true;
}

/* Parsed parts of a date/time text. */
struct dtparts {
	int y, mo, d, h, mi, sec;
	int32_t ns; /* the fraction of the second */
	long tzoff; /* seconds east of UTC */
	bool has_date, has_time, has_tz;
};

/* Digits of a fraction of a second at s[*pos..n) (no mark) into *ns:
 * "5" is 500000000; digits past the ninth are read and dropped. */
static void
fraction_digits(const char *s, size_t n, size_t *pos, int32_t *ns)
{
	size_t i = *pos, k = 0;
	int32_t v = 0;

	for (; i < n && isdig(s[i]); i++, k++)
		if (k < FRACTION_DIGITS)
			v = v * 10 + (s[i] - '0');
	for (; k < FRACTION_DIGITS; k++)
		v *= 10;
	*ns = v;
	*pos = i;
}

/* Fractional seconds ".123456" or ",5", when there are. */
static void
read_fraction(const char *s, size_t n, size_t *pos, int32_t *ns)
{
	size_t i = *pos;
	if (i < n && (s[i] == '.' || s[i] == ',') && i + 1 < n &&
	    isdig(s[i + 1])) {
		i++;
		fraction_digits(s, n, &i, ns);
		*pos = i;
	}
}

/* "Z", "+08:00", "+0800", "+08". */
static bool
parse_tz(const char *s, size_t n, size_t *pos, struct dtparts *p)
{
	size_t i = *pos;
	int hh, mm = 0, sign;

	if (i < n && s[i] == 'Z') {
		p->has_tz = true;
		p->tzoff = 0;
		*pos = i + 1;
		return true;
	}
	if (i >= n || (s[i] != '+' && s[i] != '-'))
		return true; /* none */
	sign = s[i] == '-' ? -1 : 1;
	i++;
	if (i + 2 > n || !fixed_digits(s + i, 2, &hh))
		return false;
	i += 2;
	/* "+08:" is no offset: a colon asks for the minutes */
	if (i < n && s[i] == ':') {
		if (i + 3 > n || !fixed_digits(s + i + 1, 2, &mm))
			return false;
		i += 3;
	} else if (i + 2 <= n && fixed_digits(s + i, 2, &mm)) {
		i += 2;
	}
	if (hh > 23 || mm > 59)
		return false;
	p->has_tz = true;
	p->tzoff = sign * (hh * 3600L + mm * 60L);
	*pos = i;
	return true;
}

static bool
parse_iso_date(const char *s, size_t n, size_t *pos, struct dtparts *p)
{
	size_t i = *pos;
	if (n - i < 10 || !fixed_digits(s + i, 4, &p->y) || s[i + 4] != '-' ||
	    !fixed_digits(s + i + 5, 2, &p->mo) || s[i + 7] != '-' ||
	    !fixed_digits(s + i + 8, 2, &p->d))
		return false;
	p->has_date = true;
	*pos = i + 10;
	return true;
}

static bool
parse_iso_time(const char *s, size_t n, size_t *pos, struct dtparts *p,
	       bool seconds_optional)
{
	size_t i = *pos;
	if (n - i < 5 || !fixed_digits(s + i, 2, &p->h) || s[i + 2] != ':' ||
	    !fixed_digits(s + i + 3, 2, &p->mi))
		return false;
	i += 5;
	p->sec = 0;
	if (i < n && s[i] == ':') {
		if (n - i < 3 || !fixed_digits(s + i + 1, 2, &p->sec))
			return false;
		i += 3;
		read_fraction(s, n, &i, &p->ns);
	} else if (!seconds_optional) {
		return false;
	}
	p->has_time = true;
	*pos = i;
	return true;
}

static const char *const month_abbr[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* The character c at s[*i]. */
static bool
match_char(const char *s, size_t n, size_t *i, char c)
{
	if (*i >= n || s[*i] != c)
		return false;
	(*i)++;
	return true;
}

/* %b: a month's English abbreviation, in any case. */
static bool
match_month_abbr(const char *s, size_t n, size_t *i, int *mo)
{
	int m = -1;

	for (int k = 0; k < 12 && *i + 3 <= n; k++)
		if (strncasecmp(s + *i, month_abbr[k], 3) == 0)
			m = k;
	if (m < 0)
		return false;
	*mo = m + 1;
	*i += 3;
	return true;
}

/* One %-directive d of a pattern at s[*i]. */
static bool
match_directive(char d, const char *s, size_t n, size_t *i, struct dtparts *p)
{
	size_t j;
	int v;

	switch (d) {
	case 'Y':
		/* four digits, as strptime's %Y: "1/2/24" is no
		 * "%d/%m/%Y" date of the year 24 */
		if (n - *i < 4 || !fixed_digits(s + *i, 4, &p->y))
			return false;
		*i += 4;
		p->has_date = true;
		return true;
	case 'y':
		/* two digits, as strptime's %y: "1/2/5" is no
		 * "%d/%m/%y" date of 2005 */
		if (n - *i < 2 || !fixed_digits(s + *i, 2, &v))
			return false;
		*i += 2;
		p->y = v < 69 ? 2000 + v : 1900 + v;
		p->has_date = true;
		return true;
	case 'm': return var_digits(s, n, i, 2, &p->mo);
	case 'd': return var_digits(s, n, i, 2, &p->d);
	case 'H':
		if (!var_digits(s, n, i, 2, &p->h))
			return false;
		p->has_time = true;
		return true;
	case 'M': return var_digits(s, n, i, 2, &p->mi);
	case 'S': return var_digits(s, n, i, 2, &p->sec);
	case 'f':
		/* as strptime's %f, one to six digits, padded on the
		 * right: ".5" is half a second */
		j = *i;
		if (!var_digits(s, n, &j, 6, &v))
			return false;
		fraction_digits(s, j, i, &p->ns);
		return true;
	case 'z': return parse_tz(s, n, i, p) && p->has_tz;
	case 'b': return match_month_abbr(s, n, i, &p->mo);
	case '%': return match_char(s, n, i, '%');
	default: return false;
	}
}

/*
 * strptime-like, strict: %Y %y %m %d %H %M %S %f %z %b %% and literal
 * characters.  %Y takes four digits, other numbers one or two, as
 * Python's strptime (which Frictionless uses) does.
 */
static bool
parse_pattern(const char *fmt, const char *s, size_t n, struct dtparts *p)
{
	size_t i = 0;

	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			if (!match_char(s, n, &i, *f))
				return false;
			continue;
		}
		f++;
		if (!match_directive(*f, s, n, &i, p))
			return false;
	}
	return i == n;
}

/* What a pattern leaves out is what strptime (Frictionless's) takes:
 * 1900, January, the 1st ("%Y-%m" reads 2024-03 as 2024-03-01). */
static struct dtparts *
pattern_defaults(struct dtparts *p)
{
	p->y = 1900;
	p->mo = 1;
	p->d = 1;
	return p;
}

static bool
time_ok(const struct dtparts *p)
{
	return p->h <= 23 && p->mi <= 59 && p->sec <= 60;
}

/* Dates a person writes, for format "any". */
static bool
parse_date_any(const char *s, size_t n, struct dtparts *p)
{
	static const char *const pats[] = {
		/* ISO's dashes without its zeros, as Excel and WPS export
		 * a date: 2024-1-5 */
		"%Y-%m-%d",
		"%Y/%m/%d",
		"%Y.%m.%d",
		"%Y%m%d",
		"%Y\xe5\xb9\xb4%m\xe6\x9c\x88%d\xe6\x97\xa5",
		"%d/%m/%Y",
		"%d.%m.%Y",
	};
	size_t pos = 0;

	if (parse_iso_date(s, n, &pos, p) && pos == n)
		return true;
	for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
		memset(p, 0, sizeof *p);
		if (strcmp(pats[k], "%Y%m%d") == 0 && n != 8)
			continue;
		if (parse_pattern(pats[k], s, n, p))
			return true;
	}
	return false;
}

static int
parse_date(const struct sfield *f, const char *s, size_t n,
	   struct schema_value *val)
{
	struct dtparts p = {0};
	size_t pos = 0;
	bool ok;

	if (f->fmt == FMT_PATTERN)
		ok = parse_pattern(f->format, s, n, pattern_defaults(&p));
	else if (f->fmt == FMT_ANY)
		ok = parse_date_any(s, n, &p);
	else
		ok = parse_iso_date(s, n, &pos, &p) && pos == n;
	if (!ok || !days_of(p.y, p.mo, p.d, &val->u.i))
		return -1;
	val->kind = SV_DATE;
	return 0;
}

static int
parse_datetime(const struct sfield *f, const char *s, size_t n,
	       struct schema_value *val)
{
	struct dtparts p = {0};
	size_t pos = 0;
	bool ok = false;
	int64_t days;

	if (f->fmt == FMT_PATTERN) {
		ok = parse_pattern(f->format, s, n, pattern_defaults(&p));
	} else if (parse_iso_date(s, n, &pos, &p) && pos < n &&
		   (s[pos] == 'T' || (f->fmt == FMT_ANY && s[pos] == ' '))) {
		pos++;
		ok = parse_iso_time(s, n, &pos, &p, f->fmt == FMT_ANY) &&
		     parse_tz(s, n, &pos, &p) && pos == n;
	} else if (f->fmt == FMT_ANY) {
		memset(&p, 0, sizeof p);
		ok = parse_date_any(s, n, &p);
	}
	if (!ok || !time_ok(&p) || !days_of(p.y, p.mo, p.d, &days))
		return -1;
	val->kind = SV_DATETIME;
	val->zoned = p.has_tz;
	val->u.i = days * 86400 + p.h * 3600L + p.mi * 60L + p.sec - p.tzoff;
	val->ns = p.ns;
	return 0;
}

static int
parse_time(const struct sfield *f, const char *s, size_t n,
	   struct schema_value *val)
{
	struct dtparts p = {0};
	size_t pos = 0;
	bool ok;

	if (f->fmt == FMT_PATTERN)
		ok = parse_pattern(f->format, s, n, &p);
	else
		ok = parse_iso_time(s, n, &pos, &p, f->fmt == FMT_ANY) &&
		     parse_tz(s, n, &pos, &p) && pos == n;
	if (!ok || !time_ok(&p))
		return -1;
	val->kind = SV_TIME;
	val->u.i = p.h * 3600L + p.mi * 60L + p.sec;
	val->ns = p.ns;
	return 0;
}

/* An ASCII letter: before a dot, the end of an abbreviation. */
static bool
isletter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* bareNumber false: strip what surrounds the number ("¥1,200", "95%").
 * A dot just after a letter ends an abbreviation ("Rs.100", "No.5"), not
 * begins a fraction as in "$.50", nor ends the number ("5 pcs."). */
static void
strip_non_numeric(const char **s, size_t *n)
{
	const char *a = *s, *b = *s + *n;
	while (a < b && !isdig(*a) && *a != '-' && *a != '+' &&
	       (*a != '.' || (a > *s && isletter(a[-1]))))
		a++;
	while (b > a && !isdig(b[-1]) &&
	       (b[-1] != '.' || (b - 1 > a && isletter(b[-2]))))
		b--;
	*s = a;
	*n = (size_t)(b - a);
}

static int
parse_integer_text(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0, lim;

	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9)
			return -1;
		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int
parse_integer(const struct sfield *f, const char *s, size_t n,
	      struct schema_value *val)
{
	if (!f->bare_number)
		strip_non_numeric(&s, &n);
	if (parse_integer_text(s, n, &val->u.i) < 0)
		return -1;
	val->kind = SV_INT;
	return 0;
}

/*
 * An XML Schema gYear, as the Table Schema's year is: at least four
 * digits, more only without a leading zero, an optional minus ("2024",
 * "0987", "12024"; not "24", "+2024" or "02024").
 */
static int
parse_year(const char *s, size_t n, struct schema_value *val)
{
	size_t i = n && s[0] == '-';

	if (n - i < 4 || (n - i > 4 && s[i] == '0') ||
	    parse_integer_text(s, n, &val->u.i) < 0 || s[0] == '+')
		return -1;
	val->kind = SV_INT;
	return 0;
}

static const double pow10_exact[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Numbers the exact fast path does not cover: strtod on a copy. */
static __attribute__((noinline)) int
decimal_strtod(const char *s, size_t n, double *out)
{
	char tmp[NUMBER_TEXT_MAX + 1];
	char *end;

	if (n > NUMBER_TEXT_MAX)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*out = strtod(tmp, &end);
	return end == tmp + n ? 0 : -1;
}

/* A plain decimal text, [+-]digits[.digits][e[+-]digits]; 0 ok. */
static int
parse_decimal(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0, fracdig = 0;
	uint64_t mant = 0;
	bool neg = false, exp = false;

	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	for (; i < n && isdig(s[i]); i++, digits++)
		mant = mant * 10 + (uint64_t)(s[i] - '0');
	if (i < n && s[i] == '.') {
		for (i++; i < n && isdig(s[i]); i++, fracdig++)
			mant = mant * 10 + (uint64_t)(s[i] - '0');
	}
	if (digits + fracdig == 0)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j == n || !isdig(s[j]))
			return -1;
		while (j < n && isdig(s[j]))
			j++;
		i = j;
		exp = true;
	}
	if (i != n)
		return -1;
	if (!exp && digits + fracdig <= 15) {
		/* both exact: one division rounds correctly */
		double d = (double)mant / pow10_exact[fracdig];
		*out = neg ? -d : d;
		return 0;
	}
	return decimal_strtod(s, n, out);
}

/* decimalChar / groupChar: the number rewritten with '.' and no groups. */
static __attribute__((noinline)) int
number_localized(const struct sfield *f, const char *s, size_t n, double *out)
{
	char tmp[NUMBER_TEXT_MAX + 1];
	size_t k = 0;
	size_t gl = f->group_char ? strlen(f->group_char) : 0;
	size_t dl = f->decimal_char ? strlen(f->decimal_char) : 0;

	if (n > NUMBER_TEXT_MAX)
		return -1;
	for (size_t i = 0; i < n;) {
		if (gl && i + gl <= n &&
		    memcmp(s + i, f->group_char, gl) == 0) {
			i += gl;
		} else if (dl && i + dl <= n &&
			   memcmp(s + i, f->decimal_char, dl) == 0) {
			tmp[k++] = '.';
			i += dl;
		} else if (s[i] == '.' && dl &&
			   strcmp(f->decimal_char, ".") != 0) {
			return -1; /* '.' is not the decimal mark here */
		} else {
			tmp[k++] = s[i++];
		}
	}
	return parse_decimal(tmp, k, out);
}

/* NaN, INF and -INF, in any case, as the Table Schema allows them. */
static __attribute__((noinline)) bool
special_number(const char *s, size_t n, double *out)
{
	if (n == 3 && strncasecmp(s, "NaN", 3) == 0)
		*out = NAN;
	else if (n == 3 && strncasecmp(s, "INF", 3) == 0)
		*out = INFINITY;
	else if (n == 4 && strncasecmp(s, "-INF", 4) == 0)
		*out = -INFINITY;
	else
		return false;
	return true;
}

static int
parse_number(const struct sfield *f, const char *s, size_t n,
	     struct schema_value *val)
{
	if ((n == 3 || n == 4) && !isdig(s[n - 1]) &&
	    special_number(s, n, &val->u.d)) {
		val->kind = SV_NUM;
		return 0;
	}
	if (!f->bare_number)
		strip_non_numeric(&s, &n);
	if (f->group_char || f->decimal_char) {
		if (number_localized(f, s, n, &val->u.d) < 0)
			return -1;
	} else if (parse_decimal(s, n, &val->u.d) < 0) {
		return -1;
	}
	val->kind = SV_NUM;
	return 0;
}

/* An XML Schema gYearMonth without a zone, "2024-03": its 1st as a date. */
static int
parse_yearmonth(const char *s, size_t n, struct schema_value *val)
{
	int y, m;

	if (n != 7 || !fixed_digits(s, 4, &y) || s[4] != '-' ||
	    !fixed_digits(s + 5, 2, &m) || !days_of(y, m, 1, &val->u.i))
		return -1;
	val->kind = SV_DATE;
	return 0;
}

/* 1 or more digits at s[*i..n), with a fraction when frac. */
static bool
duration_number(const char *s, size_t n, size_t *i, bool frac)
{
	size_t k = *i;

	while (k < n && isdig(s[k]))
		k++;
	if (k == *i)
		return false;
	if (frac && k < n && s[k] == '.') {
		size_t f = ++k;
		while (k < n && isdig(s[k]))
			k++;
		if (k == f)
			return false;
	}
	*i = k;
	return true;
}

/* An XML Schema duration: -?PnYnMnDTnHnMnS, each part optional but one,
 * a fraction only on the seconds ("P1Y2M", "PT0.5S", not "P", "PT"). */
static bool
is_duration(const char *s, size_t n)
{
	static const char date_units[] = "YMD", time_units[] = "HMS";
	size_t i = 0;
	bool any = false;
	const char *u;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n || s[i++] != 'P')
		return false;
	for (u = date_units; i < n && s[i] != 'T';) {
		size_t k = i;
		if (!duration_number(s, n, &k, false) || k >= n)
			return false;
		while (*u && *u != s[k])
			u++;
		if (!*u)
			return false;
		u++;
		i = k + 1;
		any = true;
	}
	if (i < n) { /* the 'T' */
		bool t_any = false;
		for (u = time_units, i++; i < n;) {
			size_t k = i;
			if (!duration_number(s, n, &k, true) || k >= n)
				return false;
			while (*u && *u != s[k])
				u++;
			if (!*u || (s[k] != 'S' && memchr(s + i, '.', k - i)))
				return false;
			u++;
			i = k + 1;
			t_any = true;
		}
		if (!t_any)
			return false;
		any = true;
	}
	return any;
}

/* A number of a geopoint, with the spaces around it. */
static bool
geo_number(const char *s, size_t n, double *out)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return parse_decimal(s, n, out) == 0;
}

static bool
geo_in_range(double lon, double lat)
{
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/* The cell as one JSON value, white space around it allowed; NULL if it
 * is none (cJSON's 007, 1. or a raw tab in a string included).  The
 * caller frees it. */
static cJSON *
json_cell(const char *s, size_t n)
{
	const char *end = NULL;
	cJSON *j;

	if (json_strict_at(s, n) != n)
		return NULL;
	j = cJSON_ParseWithLengthOpts(s, n, &end, false);
	if (!j)
		return NULL;
	for (; end && end < s + n; end++)
		if (!strchr(" \t\r\n", *end) || !*end) {
			cJSON_Delete(j);
			return NULL;
		}
	return j;
}

static bool
geojson_type_ok(const cJSON *j, bool topo)
{
	static const char *const types[] = {
		"Point",
		"MultiPoint",
		"LineString",
		"MultiLineString",
		"Polygon",
		"MultiPolygon",
		"GeometryCollection",
		"Feature",
		"FeatureCollection",
	};
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "type");

	if (!cJSON_IsObject(j) || !cJSON_IsString(t))
		return false;
	if (topo)
		return strcmp(t->valuestring, "Topology") == 0;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(t->valuestring, types[i]) == 0)
			return true;
	return false;
}

/* A geopoint in its format: "lon, lat", [lon, lat] or
 * {"lon": lon, "lat": lat}, within -180..180 and -90..90. */
static bool
is_geopoint(const struct sfield *f, const char *s, size_t n)
{
	const char *comma;
	double lon, lat;
	cJSON *j;
	bool ok = false;

	if (f->fmt != FMT_GEO_ARRAY && f->fmt != FMT_GEO_OBJECT) {
		comma = memchr(s, ',', n);
		return comma && geo_number(s, (size_t)(comma - s), &lon) &&
		       geo_number(comma + 1, n - (size_t)(comma - s) - 1,
				  &lat) &&
		       geo_in_range(lon, lat);
	}
	j = json_cell(s, n);
	if (f->fmt == FMT_GEO_ARRAY && cJSON_IsArray(j) &&
	    cJSON_GetArraySize(j) == 2 && cJSON_IsNumber(j->child) &&
	    cJSON_IsNumber(j->child->next))
		ok = geo_in_range(j->child->valuedouble,
				  j->child->next->valuedouble);
	else if (f->fmt == FMT_GEO_OBJECT && cJSON_IsObject(j) &&
		 cJSON_GetArraySize(j) == 2) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, "lon");
		const cJSON *y = cJSON_GetObjectItemCaseSensitive(j, "lat");
		ok = cJSON_IsNumber(x) && cJSON_IsNumber(y) &&
		     geo_in_range(x->valuedouble, y->valuedouble);
	}
	cJSON_Delete(j);
	return ok;
}

/* duration, geopoint, geojson, object, array: the cell is one. */
static bool
json_kind_ok(const struct sfield *f, const char *s, size_t n)
{
	cJSON *j;
	bool ok;

	if (f->type == SCHEMA_DURATION)
		return is_duration(s, n);
	if (f->type == SCHEMA_GEOPOINT)
		return is_geopoint(f, s, n);
	j = json_cell(s, n);
	if (f->type == SCHEMA_OBJECT)
		ok = cJSON_IsObject(j);
	else if (f->type == SCHEMA_ARRAY)
		ok = cJSON_IsArray(j);
	else
		ok = geojson_type_ok(j, f->fmt == FMT_TOPOJSON);
	cJSON_Delete(j);
	return ok;
}

/* The length of an object or an array: its members. */
static long
collection_length(const char *s, size_t n)
{
	cJSON *j = json_cell(s, n);
	long len = j ? cJSON_GetArraySize(j) : 0;

	cJSON_Delete(j);
	return len;
}

static inline bool
is_missing(const struct schema *sc, const struct sfield *f, const char *v,
	   size_t n)
{
	const struct strlist *l;

	/* the usual list is [""]: one comparison */
	if (f->missing_empty_only)
		return n == 0;
	l = f->has_own_missing ? &f->own_missing : &sc->missing;
	return strlist_has(l, v, n);
}

bool
schema_is_missing(const struct schema *s, const char *v, size_t n)
{
	return strlist_has(&s->missing, v, n);
}

/* Cast the text of a present value; SV_NULL for a missing value. */
static int
cast(const struct schema *sc, const struct sfield *f, const char *v, size_t n,
     struct schema_value *val)
{
	val->kind = SV_NULL;
	val->invalid = false;
	val->zoned = false;
	val->ns = 0;
	val->s = v;
	val->n = n;
	if (is_missing(sc, f, v, n))
		return 0;
	switch (f->type) {
	case SCHEMA_STRING:
	case SCHEMA_ANY: val->kind = SV_STR; return 0;
	case SCHEMA_INTEGER: return parse_integer(f, v, n, val);
	case SCHEMA_YEAR: return parse_year(v, n, val);
	case SCHEMA_NUMBER: return parse_number(f, v, n, val);
	case SCHEMA_BOOLEAN:
		if (strlist_has(&f->truev, v, n))
			val->u.b = true;
		else if (strlist_has(&f->falsev, v, n))
			val->u.b = false;
		else
			return -1;
		val->kind = SV_BOOL;
		return 0;
	case SCHEMA_DATE: return parse_date(f, v, n, val);
	case SCHEMA_DATETIME: return parse_datetime(f, v, n, val);
	case SCHEMA_TIME: return parse_time(f, v, n, val);
	case SCHEMA_YEARMONTH: return parse_yearmonth(v, n, val);
	case SCHEMA_DURATION:
	case SCHEMA_GEOPOINT:
	case SCHEMA_GEOJSON:
	case SCHEMA_OBJECT:
	case SCHEMA_ARRAY:
		if (!json_kind_ok(f, v, n))
			return -1;
		val->kind = SV_STR;
		return 0;
	}
	return -1;
}

int
schema_value_parse(const struct schema *s, size_t i, const char *v, size_t n,
		   struct schema_value *val)
{
	if (cast(s, &s->fields[i], v, n, val) < 0) {
		val->kind = SV_NULL;
		val->invalid = true;
		return -1;
	}
	return 0;
}

cJSON *
schema_cast(const struct schema *s, size_t i, const char *v, size_t n)
{
	struct schema_value val;

	if (i >= s->nfields || schema_value_parse(s, i, v, n, &val) < 0)
		return NULL;
	switch (val.kind) {
	case SV_NULL: return cJSON_CreateNull();
	case SV_INT: return cJSON_CreateNumber((double)val.u.i);
	case SV_NUM:
		if (!isfinite(val.u.d))
			break;
		return cJSON_CreateNumber(val.u.d);
	case SV_BOOL: return cJSON_CreateBool(val.u.b);
	default: break;
	}
	{
		char *t = gk_xstrndup(v, n);
		cJSON *j = cJSON_CreateString(t);
		free(t);
		return j;
	}
}

/* ------------------------------------------------------------------ */
/* string formats                                                      */
/* ------------------------------------------------------------------ */

/*
 * local@domain: the local part (unless quoted) and the domain without an
 * empty dot-separated part (".a", "a..b", "a."), the domain's labels not
 * beginning or ending with '-', as RFC 5321 has them.
 */
static bool
is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	size_t local, dom;
	if (!at)
		return false;
	local = (size_t)(at - s);
	dom = n - local - 1;
	if (local == 0 || dom < 3 || memchr(at + 1, '@', dom))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t')
			return false;
	if (memchr(at + 1, '.', dom) == NULL)
		return false;
	for (size_t i = s[0] == '"' && at[-1] == '"' ? local + 1 : 0; i < n;
	     i++) {
		bool start = i == 0 || i == local + 1 || s[i - 1] == '.';
		bool end = i + 1 == n || i + 1 == local || s[i + 1] == '.';
		if (i == local)
			continue;
		if ((s[i] == '.' && (start || end)) ||
		    (s[i] == '-' && i > local && (start || end)))
			return false;
	}
	return true;
}

static bool
is_uri(const char *s, size_t n)
{
	size_t i = 0;
	if (n == 0 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return false;
	while (i < n && s[i] != ':') {
		char c = s[i];
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !isdig(c) &&
		    c != '+' && c != '-' && c != '.')
			return false;
		i++;
	}
	if (i == n || i + 1 == n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (s[k] == ' ')
			return false;
	return true;
}

static bool
is_base64(const char *s, size_t n)
{
	size_t pad = 0;
	if (n % 4)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad || !(isdig(c) || (c >= 'a' && c <= 'z') ||
			     (c >= 'A' && c <= 'Z') || c == '+' || c == '/'))
			return false;
	}
	return pad <= 2;
}

/* The format check of a string field; true when the value passes. */
static bool
check_format(const struct schema *sc, const struct sfield *f, const char *v,
	     size_t n, struct schema_issue *iss)
{
	struct id_result r;

	switch (f->fmt) {
	case FMT_EMAIL:
		if (is_email(v, n))
			return true;
		snprintf(iss->message, sizeof iss->message,
			 "not an email address");
		break;
	case FMT_URI:
		if (is_uri(v, n))
			return true;
		snprintf(iss->message, sizeof iss->message, "not a URI");
		break;
	case FMT_UUID:
		if (id_is_uuid(v, n))
			return true;
		snprintf(iss->message, sizeof iss->message, "not a UUID");
		break;
	case FMT_BINARY:
		if (is_base64(v, n))
			return true;
		snprintf(iss->message, sizeof iss->message, "not base64");
		break;
	case FMT_CN_RIC:
	case FMT_CN_USCC:
	case FMT_CN_ORGCODE:
	case FMT_CN_MOBILE:
	case FMT_CN_POSTCODE:
	case FMT_CN_DIVISION:
		/* every id_check_* sets ok, warning and message */
		r.ok = false;
		r.warning = false;
		r.message[0] = '\0';
		if (f->fmt == FMT_CN_RIC)
			id_check_ric(v, n, sc->has_today ? &sc->today : NULL,
				     &r);
		else if (f->fmt == FMT_CN_USCC)
			id_check_uscc(v, n, &r);
		else if (f->fmt == FMT_CN_ORGCODE)
			id_check_orgcode(v, n, &r);
		else if (f->fmt == FMT_CN_MOBILE)
			id_check_mobile(v, n, &r);
		else if (f->fmt == FMT_CN_POSTCODE)
			id_check_postcode(v, n, &r);
		else
			id_check_division(v, n, &r);
		if (r.ok && !r.warning)
			return true;
		iss->warning = r.ok && r.warning;
		snprintf(iss->message, sizeof iss->message, "%s",
			 r.message[0] ? r.message : "not a valid identifier");
		break;
	default: return true;
	}
	iss->check = "format";
	return false;
}

/* ------------------------------------------------------------------ */
/* the cell check                                                      */
/* ------------------------------------------------------------------ */

static void
describe_value(const struct schema_value *v, bool month, char *out, size_t cap)
{
	struct gk_date d;
	switch (v->kind) {
	case SV_INT: snprintf(out, cap, "%lld", (long long)v->u.i); return;
	case SV_NUM: snprintf(out, cap, "%.15g", v->u.d); return;
	case SV_DATE:
		date_from_days((long)v->u.i, &d);
		if (month) /* a yearmonth */
			snprintf(out, cap, "%04d-%02d", d.year, d.month);
		else
			snprintf(out, cap, "%04d-%02d-%02d", d.year, d.month,
				 d.day);
		return;
	default:
		snprintf(out, cap, "%.*s", (int)(v->n < 64 ? v->n : 64), v->s);
		return;
	}
}

static void issue(struct schema_issue *out, size_t *k, const char *check,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
issue(struct schema_issue *out, size_t *k, const char *check, const char *fmt,
      ...)
{
	va_list ap;
	if (*k >= SCHEMA_MAX_ISSUES)
		return;
	out[*k].check = check;
	out[*k].warning = false;
	va_start(ap, fmt);
	vsnprintf(out[*k].message, sizeof out[*k].message, fmt, ap);
	va_end(ap);
	(*k)++;
}

/* Code points of valid UTF-8: the bytes that do not continue one. */
static long
count_chars(const char *s, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The enum index's slot of a value: its entry's, or the empty one. */
static size_t
enum_text_slot(const struct sfield *f, const char *s, size_t n)
{
	size_t mask = f->enum_cap - 1;
	size_t j = (size_t)gk_hash(s, n, ENUM_INDEX_SEED) & mask;

	for (; f->enum_slot[j]; j = (j + 1) & mask) {
		size_t i = f->enum_slot[j] - 1;
		if (f->enum_len[i] == n && memcmp(f->enum_text[i], s, n) == 0)
			break;
	}
	return j;
}

static size_t
enum_value_slot(const struct sfield *f, const struct schema_value *v)
{
	size_t mask = f->enum_cap - 1;
	size_t j = (size_t)schema_value_hash(v, ENUM_INDEX_SEED) & mask;

	for (; f->venum_slot[j]; j = (j + 1) & mask)
		if (schema_value_cmp(&f->enums[f->venum_slot[j] - 1], v) == 0)
			break;
	return j;
}

/*
 * Index a long enum.  By value only when every value is of one kind,
 * for which equal values hash alike (a NaN leaves the values unindexed).
 */
static void
enum_index(struct sfield *f)
{
	bool by_value = f->nenum > 0 && f->enums[0].kind != SV_STR;

	if (f->nenum < ENUM_INDEX_MIN)
		return;
	for (f->enum_cap = 16; f->enum_cap < 2 * f->nenum;)
		f->enum_cap *= 2;
	f->venum_kind = f->enums[0].kind;
	for (size_t i = 0; i < f->nenum && by_value; i++)
		if (f->enums[i].kind != f->venum_kind ||
		    (f->enums[i].kind == SV_NUM && isnan(f->enums[i].u.d)))
			by_value = false;
	f->enum_slot = gk_xcalloc(f->enum_cap, sizeof *f->enum_slot);
	if (by_value)
		f->venum_slot = gk_xcalloc(f->enum_cap, sizeof *f->venum_slot);
	for (size_t i = 0; i < f->nenum; i++) {
		size_t j = enum_text_slot(f, f->enum_text[i], f->enum_len[i]);
		if (!f->enum_slot[j])
			f->enum_slot[j] = (uint32_t)i + 1;
		if (by_value) {
			j = enum_value_slot(f, &f->enums[i]);
			if (!f->venum_slot[j])
				f->venum_slot[j] = (uint32_t)i + 1;
		}
	}
}

static bool
enum_has(const struct sfield *f, const struct schema_value *v)
{
	if (f->enum_slot && v->kind == SV_STR)
		return f->enum_slot[enum_text_slot(f, v->s, v->n)] != 0;
	if (f->venum_slot && v->kind == f->venum_kind &&
	    !(v->kind == SV_NUM && isnan(v->u.d)))
		return f->venum_slot[enum_value_slot(f, v)] != 0;
	for (size_t i = 0; i < f->nenum; i++) {
		if (v->kind == SV_STR) {
			if (f->enum_len[i] == v->n &&
			    memcmp(f->enum_text[i], v->s, v->n) == 0)
				return true;
		} else if (schema_value_cmp(&f->enums[i], v) == 0) {
			return true;
		}
	}
	return false;
}

static void
enum_message(const struct sfield *f, char *out, size_t cap)
{
	size_t len = (size_t)snprintf(out, cap, "not one of: ");
	for (size_t i = 0; i < f->nenum && len < cap; i++) {
		if (i == ENUM_MESSAGE_VALUES) {
			snprintf(out + len, cap - len, ", ... (%zu values)",
				 f->nenum);
			return;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					i ? ", " : "", f->enum_text[i]);
	}
}

/* The rare paths, out of line: the check of a valid cell keeps a small
 * frame (no buffers, no stack-protector canary). */
static __attribute__((noinline)) void
enum_issue(const struct sfield *f, struct schema_issue *out, size_t *k)
{
	char m[sizeof out[0].message];
	enum_message(f, m, sizeof m);
	issue(out, k, "enum", "%s", m);
}

static __attribute__((noinline)) void
range_issue(const struct sfield *f, const struct schema_value *val,
	    const char *v, size_t n, const char *check, const char *side,
	    const char *bound, struct schema_issue *out, size_t *k)
{
	char a[80];

	/* a date as written, as a datetime's and a time's are, and as the
	 * bound is: "31/12/2023 is below the minimum 01/01/2024", not the
	 * value in ISO form beside the bound in the field's format */
	if (val->kind == SV_DATE)
		snprintf(a, sizeof a, "%.*s", (int)(n < 64 ? n : 64), v);
	else
		describe_value(val, f->type == SCHEMA_YEARMONTH, a, sizeof a);
	issue(out, k, check, "%s is %s the %s %s", a, side, check, bound);
}

/* The values of a boolean's list, for a message: "是, 对". */
static size_t
list_values(const struct strlist *l, char *out, size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < l->n && len < cap; i++) {
		if (i == ENUM_MESSAGE_VALUES) {
			len += (size_t)snprintf(out + len, cap - len, ", ...");
			break;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					i ? ", " : "", l->v[i]);
	}
	return len < cap ? len : cap;
}

/* Why v[0..n) may have failed its type where no reader can see it: a
 * blank around it (a space, a no-break or full-width one, invisible in a
 * workbook or the text form), or full-width digits (１２３, which an
 * input method in full-width mode types); "" when neither. */
static const char *
unseen_cause(const char *v, size_t n)
{
	if (n > 0 && (utf8_blank_len(v, n) > 0 || utf8_trim_blanks(&v, n) != n))
		return "; it has a blank before or after it";
	for (size_t i = 0; i + 2 < n; i++)
		if ((unsigned char)v[i] == 0xEF &&
		    (unsigned char)v[i + 1] == 0xBC &&
		    (unsigned char)v[i + 2] >= 0x90 &&
		    (unsigned char)v[i + 2] <= 0x99)
			return "; it has full-width digits (０-９), not 0-9";
	return "";
}

/* A cell not of its type: the message says what the owner should write
 * (the form of a date, a boolean's values), not only what it is not,
 * and what about the value is not to be seen (unseen_cause). */
static __attribute__((noinline)) void
type_issue(const struct sfield *f, const char *v, size_t n,
	   struct schema_issue *out, size_t *k)
{
	char m[sizeof out[0].message];
	const char *form = NULL, *cause = unseen_cause(v, n);
	size_t len;

	if (f->fmt == FMT_PATTERN) {
		issue(out, k, "type", "not %s in format %s%s", a_type(f->type),
		      f->format, cause);
		return;
	}
	if (f->type == SCHEMA_BOOLEAN) {
		len = (size_t)snprintf(m, sizeof m, "not a boolean (true: ");
		len += list_values(&f->truev, m + len, sizeof m - len);
		if (len < sizeof m)
			len += (size_t)snprintf(m + len, sizeof m - len,
						"; false: ");
		if (len < sizeof m)
			len += list_values(&f->falsev, m + len, sizeof m - len);
		if (len < sizeof m)
			snprintf(m + len, sizeof m - len, ")");
		issue(out, k, "type", "%s%s", m, cause);
		return;
	}
	if (f->fmt != FMT_ANY) {
		switch (f->type) {
		case SCHEMA_DATE: form = "a real day, YYYY-MM-DD"; break;
		case SCHEMA_DATETIME: form = "YYYY-MM-DDThh:mm:ss"; break;
		case SCHEMA_TIME: form = "hh:mm:ss"; break;
		case SCHEMA_YEARMONTH: form = "YYYY-MM"; break;
		case SCHEMA_YEAR: form = "YYYY"; break;
		default: break;
		}
	}
	if (form)
		issue(out, k, "type", "not %s (%s)%s", a_type(f->type), form,
		      cause);
	else
		issue(out, k, "type", "not %s%s", a_type(f->type), cause);
}

/* PCRE2's answer for the whole of v, within what a cell may cost. */
static int
pattern_match(struct schema *sc, const struct sfield *f, const char *v,
	      size_t n)
{
	uint64_t steps =
		PATTERN_STEPS_BASE + (uint64_t)PATTERN_STEPS_PER_BYTE * n;

	pcre2_set_match_limit(sc->mctx, steps > PATTERN_STEPS_MAX
						? PATTERN_STEPS_MAX
						: (uint32_t)steps);
	return f->re_jit ? pcre2_jit_match(f->re, (PCRE2_SPTR)v, n, 0, 0,
					   sc->md, sc->mctx)
			 : pcre2_match(f->re, (PCRE2_SPTR)v, n, 0, 0, sc->md,
				       sc->mctx);
}

/* A value PCRE2 gave up on: neither a match nor a miss. */
static __attribute__((noinline)) void
pattern_issue(const struct sfield *f, int rc, const char *v, size_t n,
	      struct schema_issue *out, size_t *k)
{
	PCRE2_UCHAR why[120];

	if (rc == PCRE2_ERROR_MATCHLIMIT)
		snprintf((char *)why, sizeof why, "too much backtracking");
	else if (rc == PCRE2_ERROR_JIT_STACKLIMIT ||
		 rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
		snprintf((char *)why, sizeof why, "too much memory");
	else if (pcre2_get_error_message(rc, why, sizeof why) < 0)
		snprintf((char *)why, sizeof why, "PCRE2 error %d", rc);
	issue(out, k, "pattern",
	      "not checked (%s on %ld characters) against %s", (char *)why,
	      count_chars(v, n), f->pattern);
}

size_t
schema_check_cell(struct schema *sc, size_t i, const char *v, size_t n,
		  struct schema_value *val, struct schema_issue *out)
{
	struct sfield *f = &sc->fields[i];
	size_t k = 0;

	if (cast(sc, f, v, n, val) < 0) {
		val->kind = SV_NULL;
		val->invalid = true;
		type_issue(f, v, n, out, &k);
		return k;
	}
	if (val->kind == SV_NULL) {
		if (f->required)
			issue(out, &k, "required", "required value missing");
		return k;
	}
	if (f->type == SCHEMA_STRING && f->fmt != FMT_DEFAULT) {
		if (!check_format(sc, f, v, n, &out[k]))
			k++;
	}
	bool members = f->type == SCHEMA_OBJECT || f->type == SCHEMA_ARRAY;
	if ((f->min_len >= 0 && (members || (long)n < 4 * f->min_len)) ||
	    (f->max_len >= 0 && (long)n > f->max_len)) {
		/* a character is 1 to 4 bytes: count only when the byte
		 * length cannot decide; an object or an array is as long as
		 * it has members, which its bytes tell nothing of below */
		long len =
			members ? collection_length(v, n) : count_chars(v, n);
		if (f->min_len >= 0 && len < f->min_len)
			issue(out, &k, "min-length", "length %ld, minimum %ld",
			      len, f->min_len);
		if (f->max_len >= 0 && len > f->max_len)
			issue(out, &k, "max-length", "length %ld, maximum %ld",
			      len, f->max_len);
	}
	if (f->fixed) {
		if (!fixed_match(f->fixed, v, n))
			issue(out, &k, "pattern", "does not match %s",
			      f->pattern);
	} else if (f->re) {
		int rc = pattern_match(sc, f, v, n);
		if (rc == PCRE2_ERROR_NOMATCH)
			issue(out, &k, "pattern", "does not match %s",
			      f->pattern);
		else if (rc < 0)
			pattern_issue(f, rc, v, n, out, &k);
	}
	if (f->nenum && !enum_has(f, val))
		enum_issue(f, out, &k);
	if (f->has_min && schema_value_cmp(val, &f->min) < 0)
		range_issue(f, val, v, n, "minimum", "below", f->min_text, out,
			    &k);
	if (f->has_max && schema_value_cmp(val, &f->max) > 0)
		range_issue(f, val, v, n, "maximum", "above", f->max_text, out,
			    &k);
	return k;
}

/* ------------------------------------------------------------------ */
/* accessors                                                           */
/* ------------------------------------------------------------------ */

size_t
schema_field_count(const struct schema *s)
{
	return s->nfields;
}

const char *
schema_field_name(const struct schema *s, size_t i)
{
	return i < s->nfields ? s->fields[i].name : NULL;
}

/* The slot of name in s->name_slot: its field's, or the empty one where
 * it would go. */
static size_t
name_slot_of(const struct schema *s, const char *name)
{
	size_t mask = s->name_cap - 1;
	size_t i = (size_t)gk_hash(name, strlen(name), 0) & mask;

	while (s->name_slot[i] &&
	       strcmp(s->fields[s->name_slot[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return i;
}

long
schema_field_index(const struct schema *s, const char *name)
{
	if (!s->name_cap)
		return -1;
	uint32_t id1 = s->name_slot[name_slot_of(s, name)];
	return id1 ? (long)id1 - 1 : -1;
}

enum schema_type
schema_field_type(const struct schema *s, size_t i)
{
	return s->fields[i].type;
}

const char *
schema_field_format(const struct schema *s, size_t i)
{
	return s->fields[i].format;
}

const char *
schema_field_bool_word(const struct schema *s, size_t i, bool b)
{
	const struct sfield *f = &s->fields[i];
	const struct strlist *l = b ? &f->truev : &f->falsev;

	if (f->type != SCHEMA_BOOLEAN || l->n == 0)
		return NULL;
	return l->v[0];
}

const char *
schema_field_decimal_char(const struct schema *s, size_t i)
{
	const struct sfield *f = &s->fields[i];

	if (f->type != SCHEMA_NUMBER || !f->decimal_char ||
	    strcmp(f->decimal_char, ".") == 0)
		return NULL;
	return f->decimal_char;
}

bool
schema_field_required(const struct schema *s, size_t i)
{
	return s->fields[i].required;
}

bool
schema_field_unique(const struct schema *s, size_t i)
{
	return s->fields[i].unique;
}

bool
schema_field_has_check(const struct schema *s, size_t i, const char *check)
{
	const struct sfield *f = &s->fields[i];

	if (strcmp(check, "format") == 0)
		return f->type == SCHEMA_STRING && f->fmt != FMT_DEFAULT;
	if (strcmp(check, "minimum") == 0)
		return f->has_min;
	if (strcmp(check, "maximum") == 0)
		return f->has_max;
	if (strcmp(check, "pattern") == 0)
		return f->pattern != NULL;
	if (strcmp(check, "enum") == 0)
		return f->nenum > 0;
	if (strcmp(check, "min-length") == 0)
		return f->min_len >= 0;
	if (strcmp(check, "max-length") == 0)
		return f->max_len >= 0;
	if (strcmp(check, "required") == 0)
		return f->required;
	if (strcmp(check, "unique") == 0)
		return f->unique;
	return false;
}

bool
schema_field_personal(const struct schema *s, size_t i)
{
	return s->fields[i].fmt == FMT_CN_RIC ||
	       s->fields[i].fmt == FMT_CN_MOBILE;
}

size_t
schema_primary_key(const struct schema *s, const size_t **fields)
{
	*fields = s->pk;
	return s->npk;
}

size_t
schema_unique_key_count(const struct schema *s)
{
	return s->nuk;
}

size_t
schema_unique_key(const struct schema *s, size_t k, const size_t **fields)
{
	*fields = s->uk[k];
	return s->uk_n[k];
}

size_t
schema_foreign_key_count(const struct schema *s)
{
	return s->nfk;
}

const struct schema_fkey *
schema_foreign_key(const struct schema *s, size_t k)
{
	return &s->fk[k];
}

size_t
schema_rule_count(const struct schema *s)
{
	return s->nrules;
}

const char *
schema_rule_name(const struct schema *s, size_t k)
{
	return s->rules[k].name;
}

const char *
schema_rule_assert(const struct schema *s, size_t k)
{
	return s->rules[k].assert_text;
}

bool
schema_rule_warning(const struct schema *s, size_t k)
{
	return s->rules[k].warning;
}

int
schema_rule_eval(const struct schema *s, size_t k,
		 const struct schema_value *vals)
{
	return rule_eval(s->rules[k].expr, vals);
}

void
schema_rule_mark_fields(const struct schema *s, size_t k, bool *seen)
{
	rule_mark_fields(s->rules[k].expr, seen);
}

bool
schema_freshness(const struct schema *s, size_t *field, long *max_age_days)
{
	if (!s->has_fresh)
		return false;
	*field = s->fresh_field;
	*max_age_days = s->fresh_days;
	return true;
}

bool
schema_row_count(const struct schema *s, long *min, long *max)
{
	if (!s->has_rows)
		return false;
	*min = s->rows_min;
	*max = s->rows_max;
	return true;
}

void
schema_set_today(struct schema *s, const struct gk_date *today)
{
	s->has_today = today != NULL;
	if (today)
		s->today = *today;
}

/* ------------------------------------------------------------------ */
/* loading                                                             */
/* ------------------------------------------------------------------ */

static void
strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->len);
	memset(l, 0, sizeof *l);
}

static void
strlist_add(struct strlist *l, const char *s)
{
	l->v = gk_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->len = gk_xrealloc(l->len, (l->n + 1) * sizeof *l->len);
	l->v[l->n] = gk_xstrdup(s);
	l->len[l->n] = strlen(s);
	l->n++;
}

static void
strlist_set(struct strlist *l, const char *const *v, size_t n)
{
	strlist_free(l);
	for (size_t i = 0; i < n; i++)
		strlist_add(l, v[i]);
}

void
schema_free(struct schema *s)
{
	if (!s)
		return;
	free(s->name_slot);
	for (size_t i = 0; i < s->nfields; i++) {
		struct sfield *f = &s->fields[i];
		free(f->name);
		free(f->format);
		strlist_free(&f->truev);
		strlist_free(&f->falsev);
		strlist_free(&f->own_missing);
		free(f->decimal_char);
		free(f->group_char);
		free(f->min_text);
		free(f->max_text);
		free(f->pattern);
		if (f->re)
			pcre2_code_free(f->re);
		free(f->fixed);
		for (size_t k = 0; k < f->nenum; k++)
			free(f->enum_text[k]);
		free(f->enum_text);
		free(f->enum_len);
		free(f->enums);
		free(f->enum_slot);
		free(f->venum_slot);
	}
	free(s->fields);
	strlist_free(&s->missing);
	free(s->pk);
	for (size_t k = 0; k < s->nuk; k++)
		free(s->uk[k]);
	free(s->uk);
	free(s->uk_n);
	for (size_t k = 0; k < s->nfk; k++) {
		struct schema_fkey *fk = &s->fk[k];
		free(fk->fields);
		free(fk->resource);
		for (size_t j = 0; fk->ref_fields && j < fk->nfields; j++)
			free(fk->ref_fields[j]);
		free(fk->ref_fields);
		free(fk->ref_index);
	}
	free(s->fk);
	for (size_t k = 0; k < s->nrules; k++) {
		free(s->rules[k].name);
		free(s->rules[k].assert_text);
		rule_free(s->rules[k].expr);
	}
	free(s->rules);
	if (s->md)
		pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	pcre2_jit_stack_free(s->jit_stack);
	free(s->path);
	free(s);
}

/* Load state: the schema, the file name and the error. */
struct ld {
	struct schema *s;
	const char *path;
	struct gk_err *e;
};

static int fail(struct ld *l, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct ld *l, const char *where, const char *fmt, ...)
{
	char m[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	if (l->path)
		gk_err_set(l->e, "%s: %s: %s", l->path, where, m);
	else /* schema_format_check: no file, no place */
		gk_err_set(l->e, "%s", m);
	return -1;
}

/* The schema's text; path "-" is standard input (named "(stdin)"), as
 * gov-profile --schema FILE | gov-check -s - FILE has it. */
static char *
read_file(const char *path, size_t *len, struct gk_err *e)
{
	bool in = strcmp(path, "-") == 0;
	FILE *fp = in ? stdin : fopen(path, "rb");
	struct gk_buf b;
	char chunk[8192];
	size_t got;

	if (in)
		path = "(stdin)";
	if (!fp) {
		gk_err_set(e, "unable to open schema '%s':", path);
		return NULL;
	}
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, got);
		if (b.len > SCHEMA_FILE_MAX) {
			gk_err_set(e, "%s: schema larger than %zu bytes", path,
				   SCHEMA_FILE_MAX);
			goto bad;
		}
	}
	if (ferror(fp)) {
		gk_err_set(e, "unable to read schema '%s':", path);
		goto bad;
	}
	if (!in)
		fclose(fp);
	*len = b.len;
	if (!b.data)
		buf_addc(&b, '\0'), b.len = 0;
	return b.data;
bad:
	if (!in)
		fclose(fp);
	buf_release(&b);
	return NULL;
}

/* A list of strings (or one string) into *out; names the place. */
static int
get_strings(struct ld *l, const char *where, const cJSON *j, bool one_ok,
	    struct strlist *out)
{
	const cJSON *it;
	if (one_ok && cJSON_IsString(j)) {
		strlist_add(out, j->valuestring);
		return 0;
	}
	if (!cJSON_IsArray(j))
		return fail(l, where, "expected %s",
			    one_ok ? "a string or an array of strings"
				   : "an array of strings");
	cJSON_ArrayForEach(it, j) {
		if (!cJSON_IsString(it))
			return fail(l, where, "expected an array of strings");
		strlist_add(out, it->valuestring);
	}
	return 0;
}

static int
field_names_to_index(struct ld *l, const char *where, const cJSON *j,
		     size_t **idx, size_t *n)
{
	struct strlist names = {0};
	int rc = -1;

	if (get_strings(l, where, j, true, &names) < 0)
		goto out;
	if (names.n == 0) {
		fail(l, where, "no fields named");
		goto out;
	}
	*idx = gk_xcalloc(names.n, sizeof **idx);
	*n = names.n;
	for (size_t i = 0; i < names.n; i++) {
		long k = schema_field_index(l->s, names.v[i]);
		if (k < 0) {
			fail(l, where, "no field named '%s'", names.v[i]);
			goto out;
		}
		for (size_t p = 0; p < i; p++)
			if ((*idx)[p] == (size_t)k) {
				fail(l, where, "field '%s' named twice",
				     names.v[i]);
				goto out;
			}
		(*idx)[i] = (size_t)k;
	}
	rc = 0;
out:
	strlist_free(&names);
	return rc;
}

/* The formats of a string: the name of each, as a schema writes it. */
static const struct {
	const char *name;
	enum fmt fmt;
} str_formats[] = {
	{"email", FMT_EMAIL},
	{"uri", FMT_URI},
	{"uuid", FMT_UUID},
	{"binary", FMT_BINARY},
	{"cn-ric", FMT_CN_RIC},
	{"cn-uscc", FMT_CN_USCC},
	{"cn-orgcode", FMT_CN_ORGCODE},
	{"cn-mobile", FMT_CN_MOBILE},
	{"cn-postcode", FMT_CN_POSTCODE},
	{"cn-division", FMT_CN_DIVISION},
};

/* Whether fmt names a format of a string; *out gets it. */
static bool
string_format(const char *fmt, enum fmt *out)
{
	for (size_t i = 0; i < sizeof str_formats / sizeof str_formats[0]; i++)
		if (strcmp(fmt, str_formats[i].name) == 0) {
			*out = str_formats[i].fmt;
			return true;
		}
	return false;
}

/* The first directive of a %-pattern that dates do not know: the
 * character after its '%' (the end, for a '%' last), or NULL when all
 * are known. */
static const char *
unknown_directive(const char *p)
{
	for (const char *c = p; *c; c++) {
		if (*c != '%')
			continue;
		c++;
		if (*c && strchr("YymdHMSfzb%", *c))
			continue;
		return c;
	}
	return NULL;
}

/* The format of a date, datetime or time: a %-pattern, "fmt:" before it
 * (the Table Schema v1.0-rc form) dropped from f->format. */
static int
date_pattern(struct ld *l, const char *where, struct sfield *f, const char *fmt)
{
	const char *p = fmt, *c, *shown;
	size_t k;

	if (strncmp(p, "fmt:", 4) == 0) {
		p += 4;
		memmove(f->format, f->format + 4, strlen(f->format + 4) + 1);
	}
	if (!strchr(p, '%'))
		return fail(l, where,
			    "format '%s' is not default, any or a %%-pattern",
			    fmt);
	c = unknown_directive(p);
	if (c) {
		/* the whole character: one byte of it is no UTF-8; '?' for
		 * a byte that begins none */
		shown = *c ? c : " ";
		k = *c ? utf8_sequence(c, strlen(c)) : 1;
		if (k == 0) {
			shown = "?";
			k = 1;
		}
		return fail(l, where,
			    "unsupported directive '%%%.*s' in format '%s'",
			    (int)k, shown, fmt);
	}
	f->fmt = FMT_PATTERN;
	return 0;
}

static int
parse_format(struct ld *l, const char *where, struct sfield *f, const char *fmt)
{
	enum fmt named;
	bool dated = f->type == SCHEMA_DATE || f->type == SCHEMA_DATETIME ||
		     f->type == SCHEMA_TIME;

	if (strcmp(fmt, "default") == 0) {
		f->fmt = FMT_DEFAULT;
		return 0;
	}
	free(f->format); /* a field may repeat "format"; the last one counts */
	f->format = gk_xstrdup(fmt);
	if (strcmp(fmt, "any") == 0) {
		f->fmt = FMT_ANY;
		return 0;
	}
	if (f->type == SCHEMA_STRING) {
		if (!string_format(fmt, &named))
			return fail(l, where, "unknown string format '%s'",
				    fmt);
		f->fmt = named;
		return 0;
	}
	if (dated)
		return date_pattern(l, where, f, fmt);
	if (f->type == SCHEMA_GEOPOINT &&
	    (strcmp(fmt, "array") == 0 || strcmp(fmt, "object") == 0)) {
		f->fmt = fmt[0] == 'a' ? FMT_GEO_ARRAY : FMT_GEO_OBJECT;
		return 0;
	}
	if (f->type == SCHEMA_GEOJSON && strcmp(fmt, "topojson") == 0) {
		f->fmt = FMT_TOPOJSON;
		return 0;
	}
	if (string_format(fmt, &named))
		return fail(l, where, "format '%s' needs type string", fmt);
	return fail(l, where, "unknown format '%s' for type %s", fmt,
		    type_names[f->type]);
}

int
schema_format_check(const char *type, const char *format, struct gk_err *e)
{
	struct ld l = {NULL, NULL, e};
	struct sfield f;
	bool known = false;
	int rc;

	memset(&f, 0, sizeof f);
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(type, type_names[i]) == 0) {
			f.type = (enum schema_type)i;
			known = true;
		}
	if (!known) {
		gk_err_set(e, "unknown type '%s'", type);
		return -1;
	}
	rc = parse_format(&l, "format", &f, format);
	free(f.format);
	return rc;
}

/*
 * A constraint's JSON number or boolean is a value of the field's type as
 * it is (the Table Schema's constraints hold values of the field's type):
 * not text to read with the field's trueValues, decimalChar or year form.
 * 0: v set; 1: no such value (read its text); -1: of the wrong kind.
 */
static int
json_constraint_value(const struct sfield *f, const cJSON *j,
		      struct schema_value *v)
{
	double d;

	memset(v, 0, sizeof *v);
	if (cJSON_IsBool(j) && f->type == SCHEMA_BOOLEAN) {
		v->kind = SV_BOOL;
		v->u.b = cJSON_IsTrue(j);
		return 0;
	}
	if (!cJSON_IsNumber(j))
		return 1;
	d = j->valuedouble;
	if (f->type == SCHEMA_NUMBER) {
		v->kind = SV_NUM;
		v->u.d = d;
		return 0;
	}
	if (f->type != SCHEMA_INTEGER && f->type != SCHEMA_YEAR)
		return 1;
	/* an integer that a double holds, in 64 bits */
	if (d != floor(d) || fabs(d) >= 9.2e18)
		return -1;
	v->kind = SV_INT;
	v->u.i = (int64_t)d;
	return 0;
}

/* A constraint value (JSON number or string) cast with the field's type. */
static int
constraint_value(struct ld *l, const char *where, struct sfield *f,
		 const cJSON *j, struct schema_value *v, char **text)
{
	char buf[64];
	const char *t;
	struct schema_value tmp;
	struct sfield probe;
	int rc;

	if (f->type == SCHEMA_STRING || f->type == SCHEMA_BOOLEAN ||
	    f->type == SCHEMA_ANY ||
	    (f->type > SCHEMA_ANY && f->type != SCHEMA_YEARMONTH))
		return fail(l, where, "not allowed for type %s",
			    type_names[f->type]);
	if (cJSON_IsNumber(j)) {
		if (j->valuedouble == floor(j->valuedouble) &&
		    fabs(j->valuedouble) < 9e15)
			snprintf(buf, sizeof buf, "%lld",
				 (long long)j->valuedouble);
		else
			snprintf(buf, sizeof buf, "%.17g", j->valuedouble);
		t = buf;
	} else if (cJSON_IsString(j)) {
		t = j->valuestring;
	} else {
		return fail(l, where, "expected a number or a string");
	}
	rc = json_constraint_value(f, j, &tmp);
	if (rc < 0)
		return fail(l, where, "'%s' is not %s", t, a_type(f->type));
	if (rc == 0)
		goto done;
	/* constraint values are written in the default form, or in the
	 * field's format */
	probe = *f;
	probe.fmt = FMT_DEFAULT;
	probe.bare_number = true;
	probe.group_char = probe.decimal_char = NULL;
	if (cast(l->s, &probe, t, strlen(t), &tmp) < 0 || tmp.kind == SV_NULL) {
		if (cast(l->s, f, t, strlen(t), &tmp) < 0 ||
		    tmp.kind == SV_NULL)
			return fail(l, where, "'%s' is not %s", t,
				    a_type(f->type));
	}
done:
	*text = gk_xstrdup(t);
	*v = tmp;
	v->s = *text;
	v->n = strlen(*text);
	return 0;
}

static bool
fixed_meta(char c)
{
	return strchr("\\^$.|?*+()[]{}", c) != NULL;
}

static void
set_bit(uint64_t *lo, uint64_t *hi, unsigned c)
{
	if (c < 64)
		*lo |= (uint64_t)1 << c;
	else
		*hi |= (uint64_t)1 << (c - 64);
}

/* The pattern as fixed positions, or NULL when it is not that simple. */
static struct fixedpat *
fixed_compile(const char *p)
{
	struct fixedpat *fp = gk_xcalloc(1, sizeof *fp);

	while (*p) {
		uint64_t lo = 0, hi = 0;
		unsigned long count = 1;

		if ((unsigned char)*p >= 0x80)
			goto no;
		if (*p == '[') {
			p++;
			if (*p == '^' || *p == ']')
				goto no;
			while (*p && *p != ']') {
				unsigned a = (unsigned char)*p, b = a;
				if (a >= 0x80 || a == '\\' || a == '[')
					goto no;
				if (p[1] == '-' && p[2] && p[2] != ']') {
					b = (unsigned char)p[2];
					if (b >= 0x80 || b == '\\' || b < a)
						goto no;
					p += 3;
				} else {
					p++;
				}
				for (unsigned c = a; c <= b; c++)
					set_bit(&lo, &hi, c);
			}
			if (*p != ']')
				goto no;
			p++;
		} else if (*p == '\\') {
			/* an escaped punctuation character is itself */
			if (!p[1] || (unsigned char)p[1] >= 0x80 ||
			    !fixed_meta(p[1]))
				goto no;
			set_bit(&lo, &hi, (unsigned char)p[1]);
			p += 2;
		} else if (fixed_meta(*p)) {
			goto no;
		} else {
			set_bit(&lo, &hi, (unsigned char)*p);
			p++;
		}
		if (*p == '{') {
			char *end;
			if (p[1] < '0' || p[1] > '9')
				goto no;
			count = strtoul(p + 1, &end, 10);
			if (*end != '}')
				goto no;
			p = end + 1;
		}
		if (*p && strchr("?*+{", *p))
			goto no;
		if (count > FIXEDPAT_MAX - fp->len)
			goto no;
		for (unsigned long k = 0; k < count; k++) {
			for (unsigned c = 0; c < 128; c++)
				fp->ok[fp->len][c] =
					c < 64 ? (lo >> c) & 1
					       : (hi >> (c - 64)) & 1;
			fp->len++;
		}
	}
	return fp;
no:
	free(fp);
	return NULL;
}

/*
 * The byte offset of an XML Schema class subtraction ("[a-z-[aeiou]]",
 * a consonant) in a pattern, or -1.  PCRE2 takes it for a class of a-z,
 * '-' and '[' and the vowels, then a literal ']': another set, without a
 * word.  Inside a class, "-[" that opens no POSIX class ("[:alpha:]") is
 * taken for one.
 */
static long
class_subtraction(const char *p)
{
	bool in_class = false;

	for (size_t i = 0; p[i]; i++) {
		if (p[i] == '\\' && p[i + 1] == 'Q') {
			const char *e = strstr(p + i + 2, "\\E");
			if (!e)
				return -1;
			i = (size_t)(e - p) + 1;
		} else if (p[i] == '\\') {
			if (!p[++i])
				return -1;
		} else if (!in_class && p[i] == '[') {
			in_class = true;
			if (p[i + 1] == '^')
				i++;
			if (p[i + 1] == ']')
				i++; /* a ']' first is itself */
		} else if (in_class && p[i] == '[' && p[i + 1] &&
			   strchr(":.=", p[i + 1])) {
			const char *e = strchr(p + i + 2, ']');
			if (!e)
				return -1;
			i = (size_t)(e - p);
		} else if (in_class && p[i] == ']') {
			in_class = false;
		} else if (in_class && p[i] == '-' && p[i + 1] == '[') {
			return (long)i;
		}
	}
	return -1;
}

static int
compile_pattern(struct ld *l, const char *where, struct sfield *f,
		const char *pat)
{
	int err;
	long sub;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	/* anchored at both ends by options, so error offsets are the
	 * user's own */
	f->pattern = gk_xstrdup(pat);
	f->re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			      PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED |
				      PCRE2_ENDANCHORED,
			      &err, &off, NULL);
	if (!f->re) {
		pcre2_get_error_message(err, msg, sizeof msg);
		return fail(l, where, "column %zu: %s", (size_t)off + 1,
			    (char *)msg);
	}
	sub = class_subtraction(pat);
	if (sub >= 0)
		return fail(
			l, where,
			"column %ld: class subtraction '-[' of XML Schema is not supported (write (?![aeiou])[a-z] for [a-z-[aeiou]], or \\[ for a '[')",
			(long)count_chars(pat, (size_t)sub) + 1);
	f->re_jit = pcre2_jit_compile(f->re, PCRE2_JIT_COMPLETE) == 0;
	f->fixed = fixed_compile(pat);
	return 0;
}

static bool
nonneg_int(const cJSON *j, long *out)
{
	if (!cJSON_IsNumber(j) || j->valuedouble < 0 ||
	    j->valuedouble != floor(j->valuedouble) || j->valuedouble > 1e15)
		return false;
	*out = (long)j->valuedouble;
	return true;
}

/*
 * The first member of obj whose key an earlier member has, or NULL.  A
 * field may carry any number of keys of its own (title, description,
 * anything): they go through a hash table, not each compared with all
 * before it (80,000 keys took 22 s).
 */
static const cJSON *
repeated_key(const cJSON *obj)
{
	size_t n = 0, cap = 16;
	const cJSON **slots;
	const cJSON *it, *found = NULL;

	for (it = obj->child; it; it = it->next)
		n++;
	while (cap < 2 * n)
		cap *= 2;
	slots = gk_xcalloc(cap, sizeof *slots);
	for (it = obj->child; it && !found; it = it->next) {
		size_t j = (size_t)gk_hash(it->string, strlen(it->string), 0) &
			   (cap - 1);
		for (; slots[j]; j = (j + 1) & (cap - 1))
			if (strcmp(slots[j]->string, it->string) == 0) {
				found = it;
				break;
			}
		slots[j] = it;
	}
	free(slots);
	return found;
}

/* An enum's member as its text: a string, a number, true or false
 * (buf holds a number's), NULL for anything else. */
static const char *
enum_member_text(const cJSON *v, char buf[64])
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(buf, 64, "%.17g", v->valuedouble);
		return buf;
	}
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return NULL;
}

/* The enum's member i, v, where[i]: its text, and the value of the
 * field's type it stands for. */
static int
load_enum_member(struct ld *l, const char *where, struct sfield *f,
		 const cJSON *v, size_t i)
{
	char buf[64], w2[600];
	const char *t;

	snprintf(w2, sizeof w2, "%s[%zu]", where, i);
	t = enum_member_text(v, buf);
	if (!t)
		return fail(l, w2, "expected a string or a number");
	f->enum_text[i] = gk_xstrdup(t);
	f->enum_len[i] = strlen(t);
	if (f->type != SCHEMA_STRING && f->type != SCHEMA_ANY) {
		int rc = json_constraint_value(f, v, &f->enums[i]);
		if (rc < 0)
			return fail(l, w2, "'%s' is not %s", t,
				    a_type(f->type));
		if (rc > 0 && (cast(l->s, f, f->enum_text[i], f->enum_len[i],
				    &f->enums[i]) < 0 ||
			       f->enums[i].kind == SV_NULL))
			return fail(l, w2, "'%s' is not %s", t,
				    a_type(f->type));
	}
	f->enums[i].s = f->enum_text[i];
	f->enums[i].n = f->enum_len[i];
	if (f->enums[i].kind == SV_NULL)
		f->enums[i].kind = SV_STR;
	return 0;
}

static int
load_enum(struct ld *l, const char *where, struct sfield *f, const cJSON *j)
{
	const cJSON *v;
	size_t n = (size_t)cJSON_GetArraySize(j), i = 0;

	if (!cJSON_IsArray(j) || n == 0)
		return fail(l, where, "expected a non-empty array");
	f->enums = gk_xcalloc(n, sizeof *f->enums);
	f->enum_text = gk_xcalloc(n, sizeof *f->enum_text);
	f->enum_len = gk_xcalloc(n, sizeof *f->enum_len);
	f->nenum = n;
	cJSON_ArrayForEach(v, j) {
		if (load_enum_member(l, where, f, v, i) < 0)
			return -1;
		i++;
	}
	enum_index(f);
	return 0;
}

/* One constraint, it, named where. */
static int
load_constraint(struct ld *l, const char *where, struct sfield *f,
		const cJSON *it)
{
	const char *k = it->string;
	long v;

	if (strcmp(k, "required") == 0 || strcmp(k, "unique") == 0) {
		if (!cJSON_IsBool(it))
			return fail(l, where, "expected true or false");
		if (k[0] == 'r')
			f->required = cJSON_IsTrue(it);
		else
			f->unique = cJSON_IsTrue(it);
	} else if (strcmp(k, "minLength") == 0 || strcmp(k, "maxLength") == 0) {
		if (!nonneg_int(it, &v))
			return fail(l, where,
				    "expected a non-negative integer");
		if (k[1] == 'i')
			f->min_len = v;
		else
			f->max_len = v;
	} else if (strcmp(k, "minimum") == 0) {
		if (constraint_value(l, where, f, it, &f->min, &f->min_text) <
		    0)
			return -1;
		f->has_min = true;
	} else if (strcmp(k, "maximum") == 0) {
		if (constraint_value(l, where, f, it, &f->max, &f->max_text) <
		    0)
			return -1;
		f->has_max = true;
	} else if (strcmp(k, "pattern") == 0) {
		if (!cJSON_IsString(it))
			return fail(l, where, "expected a string");
		return compile_pattern(l, where, f, it->valuestring);
	} else if (strcmp(k, "enum") == 0) {
		return load_enum(l, where, f, it);
	} else {
		return fail(l, where, "unknown constraint '%s'", k);
	}
	return 0;
}

static int
load_constraints(struct ld *l, const char *base, struct sfield *f,
		 const cJSON *c)
{
	char where[512];
	const cJSON *it, *repeat;

	if (!cJSON_IsObject(c))
		return fail(l, base, "expected an object");
	repeat = repeated_key(c);
	cJSON_ArrayForEach(it, c) {
		snprintf(where, sizeof where, "%.200s.%.200s", base,
			 it->string);
		if (it == repeat)
			return fail(l, where, "given twice");
		if (load_constraint(l, where, f, it) < 0)
			return -1;
	}
	return 0;
}

static int
parse_type(struct ld *l, const char *where, const cJSON *t, struct sfield *f)
{
	if (!t) {
		f->type = SCHEMA_STRING;
		return 0;
	}
	if (!cJSON_IsString(t))
		return fail(l, where, "expected a string");
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(t->valuestring, type_names[i]) == 0) {
			f->type = (enum schema_type)i;
			return 0;
		}
	return fail(
		l, where,
		"unknown type '%s' (expected one of string, integer, number, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array, any)",
		t->valuestring);
}

static int
one_char_option(struct ld *l, const char *where, const cJSON *j, char **out)
{
	if (!cJSON_IsString(j))
		return fail(l, where, "expected a string");
	if (j->valuestring[0] == '\0' &&
	    strcmp(where + strlen(where) - 9, "groupChar") != 0)
		return fail(l, where, "empty");
	free(*out);
	*out = j->valuestring[0] ? gk_xstrdup(j->valuestring) : NULL;
	return 0;
}

static void
field_defaults(struct sfield *f)
{
	static const char *const deftrue[] = {"true", "True", "TRUE", "1"};
	static const char *const deffalse[] = {"false", "False", "FALSE", "0"};

	f->min_len = f->max_len = -1;
	f->bare_number = true;
	strlist_set(&f->truev, deftrue, 4);
	strlist_set(&f->falsev, deffalse, 4);
}

/* Field i's "name", given and not taken by an earlier field. */
static int
load_field_name(struct ld *l, const char *where, size_t i, const cJSON *j)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "name");
	size_t slot;

	if (!cJSON_IsString(name) || !name->valuestring[0])
		return fail(l, where, "a field needs a \"name\"");
	slot = name_slot_of(l->s, name->valuestring);
	if (l->s->name_slot[slot])
		return fail(l, where, "field name '%s' repeats fields[%u]",
			    name->valuestring, l->s->name_slot[slot] - 1);
	l->s->fields[i].name = gk_xstrdup(name->valuestring);
	l->s->name_slot[slot] = (uint32_t)i + 1;
	return 0;
}

/* One member it of a field (at w2): the options other than name, type
 * and constraints; *ns_format is set, not read, for later. */
static int
load_field_option(struct ld *l, const char *w2, struct sfield *f,
		  const cJSON *it, const cJSON **ns_format)
{
	const char *k = it->string;

	if (strcmp(k, "format") == 0) {
		if (!cJSON_IsString(it))
			return fail(l, w2, "expected a string");
		if (parse_format(l, w2, f, it->valuestring) < 0)
			return -1;
	} else if (strcmp(k, SCHEMA_NS_FORMAT) == 0) {
		if (!cJSON_IsString(it))
			return fail(l, w2, "expected a string");
		*ns_format = it;
	} else if (strcmp(k, "trueValues") == 0 ||
		   strcmp(k, "falseValues") == 0) {
		struct strlist *dst = k[0] == 't' ? &f->truev : &f->falsev;
		strlist_free(dst);
		if (get_strings(l, w2, it, false, dst) < 0)
			return -1;
	} else if (strcmp(k, "missingValues") == 0) {
		f->has_own_missing = true;
		if (get_strings(l, w2, it, false, &f->own_missing) < 0)
			return -1;
	} else if (strcmp(k, "decimalChar") == 0) {
		if (one_char_option(l, w2, it, &f->decimal_char) < 0)
			return -1;
	} else if (strcmp(k, "groupChar") == 0) {
		if (one_char_option(l, w2, it, &f->group_char) < 0)
			return -1;
	} else if (strcmp(k, "bareNumber") == 0) {
		if (!cJSON_IsBool(it))
			return fail(l, w2, "expected true or false");
		f->bare_number = cJSON_IsTrue(it);
	}
	return 0;
}

/* The field's options, each once, at where. */
static int
load_field_options(struct ld *l, const char *where, struct sfield *f,
		   const cJSON *j)
{
	const cJSON *it, *repeat, *ns_format = NULL;
	char w2[512];

	repeat = repeated_key(j);
	cJSON_ArrayForEach(it, j) {
		snprintf(w2, sizeof w2, "%s.%s", where, it->string);
		if (it == repeat)
			return fail(l, w2, "given twice");
		if (load_field_option(l, w2, f, it, &ns_format) < 0)
			return -1;
	}
	/* a format strict Table Schema readers do not know (cn-uscc), kept
	 * beside a "format" they do: it counts unless "format" says more */
	if (ns_format && f->fmt == FMT_DEFAULT) {
		snprintf(w2, sizeof w2, "%s.%s", where, SCHEMA_NS_FORMAT);
		if (parse_format(l, w2, f, ns_format->valuestring) < 0)
			return -1;
	}
	return 0;
}

static int
load_field(struct ld *l, size_t i, const cJSON *j)
{
	struct sfield *f = &l->s->fields[i];
	char where[128], w2[512];
	const cJSON *it;

	snprintf(where, sizeof where, "fields[%zu]", i);
	field_defaults(f);
	if (!cJSON_IsObject(j))
		return fail(l, where, "expected an object");
	if (load_field_name(l, where, i, j) < 0)
		return -1;
	snprintf(w2, sizeof w2, "%s.type", where);
	if (parse_type(l, w2, cJSON_GetObjectItemCaseSensitive(j, "type"), f) <
	    0)
		return -1;
	if (load_field_options(l, where, f, j) < 0)
		return -1;
	it = cJSON_GetObjectItemCaseSensitive(j, "constraints");
	if (it) {
		snprintf(w2, sizeof w2, "%s.constraints", where);
		if (load_constraints(l, w2, f, it) < 0)
			return -1;
	}
	return 0;
}

static int
load_primary_key(struct ld *l, const cJSON *j)
{
	if (field_names_to_index(l, "primaryKey", j, &l->s->pk, &l->s->npk) < 0)
		return -1;
	/* a primary key is never null */
	for (size_t i = 0; i < l->s->npk; i++)
		l->s->fields[l->s->pk[i]].required = true;
	return 0;
}

static int
load_unique_keys(struct ld *l, const cJSON *j)
{
	const cJSON *it;
	char where[64];
	size_t k;

	if (!cJSON_IsArray(j))
		return fail(l, "uniqueKeys",
			    "expected an array of field lists");
	k = (size_t)cJSON_GetArraySize(j);
	l->s->uk = gk_xcalloc(k ? k : 1, sizeof *l->s->uk);
	l->s->uk_n = gk_xcalloc(k ? k : 1, sizeof *l->s->uk_n);
	cJSON_ArrayForEach(it, j) {
		snprintf(where, sizeof where, "uniqueKeys[%zu]", l->s->nuk);
		if (field_names_to_index(l, where, it, &l->s->uk[l->s->nuk],
					 &l->s->uk_n[l->s->nuk]) < 0) {
			l->s->nuk++;
			return -1;
		}
		l->s->nuk++;
	}
	return 0;
}

/* A foreign key's reference.fields: as many as its fields, each of this
 * table when the reference names no other. */
static int
load_reference_fields(struct ld *l, const char *where, struct schema_fkey *fk,
		      const cJSON *ref)
{
	const cJSON *rf = cJSON_GetObjectItemCaseSensitive(ref, "fields");
	struct strlist names = {0};
	char w2[96];

	snprintf(w2, sizeof w2, "%s.reference.fields", where);
	if (!rf)
		return fail(l, w2, "missing");
	if (get_strings(l, w2, rf, true, &names) < 0) {
		strlist_free(&names);
		return -1;
	}
	if (names.n != fk->nfields) {
		size_t got = names.n;
		strlist_free(&names);
		return fail(l, w2, "%zu field(s) reference %zu", fk->nfields,
			    got);
	}
	fk->ref_fields = names.v;
	fk->ref_index = gk_xcalloc(names.n, sizeof *fk->ref_index);
	for (size_t i = 0; i < names.n; i++) {
		fk->ref_index[i] = schema_field_index(l->s, names.v[i]);
		if (!fk->resource && fk->ref_index[i] < 0) {
			free(names.len);
			return fail(l, w2, "no field named '%s' in this table",
				    names.v[i]);
		}
		for (size_t p = 0; p < i; p++)
			if (strcmp(names.v[p], names.v[i]) == 0) {
				free(names.len);
				return fail(l, w2, "field '%s' named twice",
					    names.v[i]);
			}
	}
	free(names.len);
	return 0;
}

/* foreignKeys[n], j, into fk. */
static int
load_foreign_key(struct ld *l, size_t n, const cJSON *j, struct schema_fkey *fk)
{
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(j, "reference");
	const cJSON *res;
	char where[64], w2[96];

	snprintf(where, sizeof where, "foreignKeys[%zu]", n);
	snprintf(w2, sizeof w2, "%s.fields", where);
	if (field_names_to_index(l, w2,
				 cJSON_GetObjectItemCaseSensitive(j, "fields"),
				 &fk->fields, &fk->nfields) < 0)
		return -1;
	if (!cJSON_IsObject(ref))
		return fail(l, where, "needs a \"reference\" object");
	res = cJSON_GetObjectItemCaseSensitive(ref, "resource");
	if (res && !cJSON_IsString(res) && !cJSON_IsNull(res))
		return fail(l, where, "reference.resource: expected a string");
	fk->resource = cJSON_IsString(res) && res->valuestring[0]
			       ? gk_xstrdup(res->valuestring)
			       : NULL;
	return load_reference_fields(l, where, fk, ref);
}

static int
load_foreign_keys(struct ld *l, const cJSON *j)
{
	const cJSON *it;
	size_t k;

	if (!cJSON_IsArray(j))
		return fail(l, "foreignKeys", "expected an array");
	k = (size_t)cJSON_GetArraySize(j);
	l->s->fk = gk_xcalloc(k ? k : 1, sizeof *l->s->fk);
	cJSON_ArrayForEach(it, j) {
		struct schema_fkey *fk = &l->s->fk[l->s->nfk++];

		if (load_foreign_key(l, l->s->nfk - 1, it, fk) < 0)
			return -1;
	}
	return 0;
}

static int
load_keys(struct ld *l, const cJSON *root)
{
	const cJSON *pk, *uk, *fk;

	pk = cJSON_GetObjectItemCaseSensitive(root, "primaryKey");
	if (pk && load_primary_key(l, pk) < 0)
		return -1;
	uk = cJSON_GetObjectItemCaseSensitive(root, "uniqueKeys");
	if (uk && load_unique_keys(l, uk) < 0)
		return -1;
	fk = cJSON_GetObjectItemCaseSensitive(root, "foreignKeys");
	if (fk && load_foreign_keys(l, fk) < 0)
		return -1;
	return 0;
}

/* rules[n - 1], j, into r; unnamed, it is "rule n". */
static int
load_rule(struct ld *l, size_t n, const cJSON *j, struct srule *r)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "name");
	const cJSON *as = cJSON_GetObjectItemCaseSensitive(j, "assert");
	const cJSON *sev = cJSON_GetObjectItemCaseSensitive(j, "severity");
	struct gk_err re;
	char where[64];

	snprintf(where, sizeof where, "rules[%zu]", n - 1);
	if (!cJSON_IsObject(j))
		return fail(l, where, "expected an object");
	if (name && !cJSON_IsString(name))
		return fail(l, where, "name: expected a string");
	r->name = name ? gk_xstrdup(name->valuestring)
		       : gk_xasprintf("rule %zu", n);
	if (!cJSON_IsString(as))
		return fail(l, where, "rule '%s' needs an \"assert\" string",
			    r->name);
	r->assert_text = gk_xstrdup(as->valuestring);
	if (sev) {
		if (!cJSON_IsString(sev) ||
		    (strcmp(sev->valuestring, "error") != 0 &&
		     strcmp(sev->valuestring, "warning") != 0))
			return fail(
				l, where,
				"severity: expected \"error\" or \"warning\"");
		r->warning = sev->valuestring[0] == 'w';
	}
	r->expr = rule_compile(r->assert_text, l->s, &re);
	if (!r->expr)
		return fail(l, where, "rule '%s': %s", r->name, re.msg);
	return 0;
}

static int
load_rules(struct ld *l, const cJSON *j)
{
	const cJSON *it;
	size_t k = (size_t)cJSON_GetArraySize(j);

	if (!cJSON_IsArray(j))
		return fail(l, "rules", "expected an array");
	l->s->rules = gk_xcalloc(k ? k : 1, sizeof *l->s->rules);
	cJSON_ArrayForEach(it, j) {
		struct srule *r = &l->s->rules[l->s->nrules++];

		if (load_rule(l, l->s->nrules, it, r) < 0)
			return -1;
	}
	return 0;
}

static int
load_freshness(struct ld *l, const cJSON *j)
{
	const cJSON *fld = cJSON_GetObjectItemCaseSensitive(j, "field");
	const cJSON *age = cJSON_GetObjectItemCaseSensitive(j, "maxAgeDays");
	long k;

	if (!cJSON_IsObject(j))
		return fail(l, "freshness", "expected an object");
	if (!cJSON_IsString(fld))
		return fail(l, "freshness.field", "expected a field name");
	k = schema_field_index(l->s, fld->valuestring);
	if (k < 0)
		return fail(l, "freshness.field", "no field named '%s'",
			    fld->valuestring);
	if (l->s->fields[k].type != SCHEMA_DATE &&
	    l->s->fields[k].type != SCHEMA_DATETIME)
		return fail(l, "freshness.field",
			    "field '%s' is not a date or datetime",
			    fld->valuestring);
	if (!nonneg_int(age, &l->s->fresh_days))
		return fail(l, "freshness.maxAgeDays",
			    "expected a non-negative integer");
	l->s->fresh_field = (size_t)k;
	l->s->has_fresh = true;
	return 0;
}

static int
load_row_count(struct ld *l, const cJSON *j)
{
	const cJSON *mn = cJSON_GetObjectItemCaseSensitive(j, "minimum");
	const cJSON *mx = cJSON_GetObjectItemCaseSensitive(j, "maximum");

	if (!cJSON_IsObject(j))
		return fail(l, "rowCount", "expected an object");
	l->s->rows_min = l->s->rows_max = -1;
	if (mn && !nonneg_int(mn, &l->s->rows_min))
		return fail(l, "rowCount.minimum",
			    "expected a non-negative integer");
	if (mx && !nonneg_int(mx, &l->s->rows_max))
		return fail(l, "rowCount.maximum",
			    "expected a non-negative integer");
	if (l->s->rows_max >= 0 && l->s->rows_min > l->s->rows_max)
		return fail(l, "rowCount", "minimum above maximum");
	l->s->has_rows = true;
	return 0;
}

/* govkit's own keys beside Table Schema's: rules, freshness, rowCount. */
static int
load_extensions(struct ld *l, const cJSON *root)
{
	const cJSON *rules, *fresh, *rows;

	rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	if (rules && load_rules(l, rules) < 0)
		return -1;
	fresh = cJSON_GetObjectItemCaseSensitive(root, "freshness");
	if (fresh && load_freshness(l, fresh) < 0)
		return -1;
	rows = cJSON_GetObjectItemCaseSensitive(root, "rowCount");
	if (rows && load_row_count(l, rows) < 0)
		return -1;
	return 0;
}

/* The match context of the schema's patterns, if it has any: the step
 * limit is set per cell, the JIT stack and the heap once.  -1 when
 * PCRE2 cannot allocate them. */
static int
match_limits(struct schema *s)
{
	bool any = false, jit = false;

	for (size_t i = 0; i < s->nfields; i++) {
		any |= s->fields[i].re != NULL;
		jit |= s->fields[i].re_jit;
	}
	if (!any)
		return 0;
	s->mctx = pcre2_match_context_create(NULL);
	if (!s->mctx || pcre2_set_heap_limit(s->mctx, PATTERN_HEAP_KIB) != 0)
		return -1;
	if (jit) {
		s->jit_stack = pcre2_jit_stack_create(
			PATTERN_JIT_STACK_START, PATTERN_JIT_STACK_MAX, NULL);
		if (!s->jit_stack)
			return -1;
		pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
	}
	return 0;
}

bool
schema_stdin_clash(const char *path, char *const *files, int nfiles)
{
	if (path == NULL || strcmp(path, "-") != 0)
		return false;
	if (nfiles == 0)
		return true;
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			return true;
	return false;
}

struct schema *
schema_from_json(const cJSON *root, const char *name, struct gk_err *e)
{
	static const char *const defmissing[] = {""};
	struct ld l = {NULL, name, e};
	const cJSON *fields, *it;
	size_t i = 0;

	l.s = gk_xcalloc(1, sizeof *l.s);
	l.s->path = gk_xstrdup(name);
	l.s->rows_min = l.s->rows_max = -1;
	strlist_set(&l.s->missing, defmissing, 1);
	if (!cJSON_IsObject(root)) {
		fail(&l, "(top)", "expected a JSON object with \"fields\"");
		goto bad;
	}
	it = cJSON_GetObjectItemCaseSensitive(root, "missingValues");
	if (it) {
		strlist_free(&l.s->missing);
		if (get_strings(&l, "missingValues", it, false, &l.s->missing) <
		    0)
			goto bad;
	}
	fields = cJSON_GetObjectItemCaseSensitive(root, "fields");
	if (!cJSON_IsArray(fields)) {
		fail(&l, "fields", "expected an array of fields");
		goto bad;
	}
	l.s->nfields = (size_t)cJSON_GetArraySize(fields);
	l.s->fields = gk_xcalloc(l.s->nfields ? l.s->nfields : 1,
				 sizeof *l.s->fields);
	for (l.s->name_cap = 16; l.s->name_cap < 2 * l.s->nfields;)
		l.s->name_cap *= 2;
	l.s->name_slot = gk_xcalloc(l.s->name_cap, sizeof *l.s->name_slot);
	cJSON_ArrayForEach(it, fields) {
		if (load_field(&l, i, it) < 0) {
			l.s->nfields = i + 1;
			goto bad;
		}
		i++;
	}
	for (size_t k = 0; k < l.s->nfields; k++) {
		struct sfield *f = &l.s->fields[k];
		const struct strlist *ml =
			f->has_own_missing ? &f->own_missing : &l.s->missing;
		f->missing_empty_only = ml->n == 1 && ml->len[0] == 0;
	}
	if (load_keys(&l, root) < 0 || load_extensions(&l, root) < 0)
		goto bad;
	l.s->md = pcre2_match_data_create(1, NULL);
	if (match_limits(l.s) < 0) {
		gk_err_set(e, "%s: out of memory for the patterns", name);
		goto bad;
	}
	return l.s;
bad:
	schema_free(l.s);
	return NULL;
}

struct schema *
schema_load(const char *path, struct gk_err *e)
{
	/* messages name standard input as the data readers do */
	const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
	struct schema *s;
	char *text;
	size_t len;
	cJSON *root = NULL;

	text = read_file(path, &len, e);
	if (!text)
		return NULL;
	root = json_parse_document(text, len, name, "the schema", e);
	if (!root) {
		/* the data may be JSON too: say which file was not, unless
		 * the message says it ('text after the schema'); its path,
		 * which may hold the word (schemas/d.csv), is no sign */
		static const char said[] = "the schema)";
		size_t n = strlen(e->msg), m = sizeof said - 1;
		if (n < m || strcmp(e->msg + n - m, said) != 0)
			snprintf(e->msg + n, sizeof e->msg - n,
				 " (the schema)");
		free(text);
		return NULL;
	}
	s = schema_from_json(root, name, e);
	cJSON_Delete(root);
	free(text);
	return s;
}
