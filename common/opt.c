/*
 * opt.c: what every tool's main shares: version, usage errors, numbers.
 */
#include "govkit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void
gk_print_version(void)
{
	printf("%s (govkit) %s\n", gk_progname(), GOVKIT_VERSION);
}

int
gk_stdout_close_status(void)
{
	return gk_stdout_close() == 0 ? GK_EXIT_OK : GK_EXIT_FAIL;
}

int
gk_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", gk_progname());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry '%s --help'\n", gk_progname());
	return GK_EXIT_FAIL;
}

/*
 * Digits, as a person writes a count: strtol alone would also take
 * leading blanks and a '+' (" 3", "+3"), and a '-' where no negative is
 * allowed ("-0").
 */
static bool
is_integer(const char *s, bool negative_ok)
{
	if (negative_ok && *s == '-')
		s++;
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int
gk_parse_long(const char *opt, const char *arg, long min, long max, long *out,
	      struct gk_err *e)
{
	char *end;
	long v;

	if (!is_integer(arg, min < 0))
		goto bad;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	gk_err_set(e, "invalid value '%s' for %s (expected %ld to %ld)", arg,
		   opt, min, max);
	return -1;
}

int
gk_try_help(void)
{
	fprintf(stderr, "try '%s --help'\n", gk_progname());
	return GK_EXIT_FAIL;
}

int
gk_option_error(int c, const char *opt)
{
	if (c == ':')
		return gk_usage_error("option '%s' needs a value", opt);
	return gk_usage_error("unknown option '%s'", opt);
}

int
gk_parse_delimiter(const char *arg, char *out)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 ||
	    strcmp(arg, "\t") == 0)
		*out = '\t';
	else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
		 arg[0] != '\r')
		*out = arg[0];
	else
		return -1;
	return 0;
}

/*
 * Seconds as a person writes them, digits with a decimal fraction if
 * need be ("0.5"): strtod alone would also take " 3", "+3", "1e1", "0x1p3"
 * and "infinity".
 */
static bool
is_decimal(const char *s)
{
	static const char digits[] = "0123456789";
	size_t n = strspn(s, digits), frac;

	if (n == 0)
		return false;
	if (s[n] == '.') {
		frac = strspn(s + n + 1, digits);
		if (frac == 0)
			return false;
		n += 1 + frac;
	}
	return s[n] == '\0';
}

double
gk_seconds(const char *s)
{
	double d;

	if (!is_decimal(s))
		return -1;
	errno = 0;
	d = strtod(s, NULL);
	return errno ? -1 : d;
}
