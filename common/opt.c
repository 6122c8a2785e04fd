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

int
gk_parse_long(const char *opt, const char *arg, long min, long max, long *out,
	      struct gk_err *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		gk_err_set(e, "invalid value '%s' for %s (expected %ld to %ld)",
			   arg, opt, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
gk_try_help(void)
{
	fprintf(stderr, "try '%s --help'\n", gk_progname());
	return GK_EXIT_FAIL;
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
