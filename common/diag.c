/*
 * diag.c: errors, diagnostics and allocation, and the CPUs a run may use.
 * The library fills struct gk_err and returns; only tools print.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include "govkit.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *progname = "govkit";

void
gk_set_progname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0)
		progname = slash ? slash + 1 : argv0;
}

void
gk_getopt_name(int argc, char **argv)
{
	if (argc > 0)
		argv[0] = (char *)progname;
}

const char *
gk_progname(void)
{
	return progname;
}

/* A format ending in ':' asks for strerror(errno) after it. */
static void
format_message(char *out, size_t size, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t flen = strlen(fmt);
	int n;

	n = vsnprintf(out, size, fmt, ap);
	if (n < 0)
		out[0] = '\0';
	if (flen > 0 && fmt[flen - 1] == ':') {
		size_t len = strlen(out);
		snprintf(out + len, size - len, " %s", strerror(saved));
	}
}

void
gk_err_vset(struct gk_err *e, const char *fmt, va_list ap)
{
	if (!e)
		return;
	format_message(e->msg, sizeof e->msg, fmt, ap);
}

void
gk_err_set(struct gk_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gk_err_vset(e, fmt, ap);
	va_end(ap);
}

/* A message on standard error, one line: a value it quotes (a cell, a
 * name, a file's line) has its control characters made spaces, as in the
 * text forms, so that it cannot act on the terminal. */
static void
warn_line(char *msg)
{
	utf8_printable(msg, strlen(msg));
	fprintf(stderr, "%s: %s\n", progname, msg);
}

void
gk_warn(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	format_message(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn_line(msg);
}

void
gk_warn_err(const struct gk_err *e)
{
	char msg[sizeof e->msg];

	snprintf(msg, sizeof msg, "%s", e->msg[0] ? e->msg : "unknown error");
	warn_line(msg);
}

/* gk_warn_err for a message that quotes a server's or a proxy's words
 * (a page, a 503's message): resident ID and phone numbers in it masked
 * when mask, as every output is unless --no-mask. */
void
gk_warn_err_masked(const struct gk_err *e, bool mask)
{
	struct gk_buf b;

	if (!mask || !mask_text_needed(e->msg, strlen(e->msg))) {
		gk_warn_err(e);
		return;
	}
	buf_init(&b);
	mask_text(e->msg, strlen(e->msg), &b);
	gk_warn("%.*s", (int)b.len, b.data ? b.data : "");
	buf_release(&b);
}

static void *
check_alloc(void *p)
{
	if (!p) {
		fprintf(stderr, "%s: out of memory\n", progname);
		abort();
	}
	return p;
}

void *
gk_xmalloc(size_t n)
{
	return check_alloc(malloc(n ? n : 1));
}

void *
gk_xcalloc(size_t n, size_t size)
{
	return check_alloc(calloc(n ? n : 1, size ? size : 1));
}

#define TABLE_MAP_BYTES ((size_t)2 << 20)

static size_t
table_bytes(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		check_alloc(NULL);
	return n * size;
}

void *
gk_table_alloc(size_t n, size_t size)
{
	size_t bytes = table_bytes(n, size);
	void *p;

	if (bytes < TABLE_MAP_BYTES)
		return gk_xcalloc(n, size);
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		check_alloc(NULL);
	madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without, 4 KiB pages */
	return p;
}

void
gk_table_free(void *p, size_t n, size_t size)
{
	size_t bytes = table_bytes(n, size);

	if (!p)
		return;
	if (bytes < TABLE_MAP_BYTES)
		free(p);
	else
		munmap(p, bytes);
}

void *
gk_xrealloc(void *p, size_t n)
{
	return check_alloc(realloc(p, n ? n : 1));
}

char *
gk_xstrdup(const char *s)
{
	return check_alloc(strdup(s));
}

char *
gk_xstrndup(const char *s, size_t n)
{
	char *p = gk_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
gk_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return gk_xstrdup("");
	p = gk_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *
gk_xabspath(const char *path)
{
	char *cwd, *abs;

	if (path[0] == '/' || !(cwd = getcwd(NULL, 0)))
		return gk_xstrdup(path);
	abs = gk_xasprintf("%s/%s", cwd, path);
	free(cwd);
	return abs;
}

int
gk_cpu_count(void)
{
	cpu_set_t set;
	long online;

	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	return online < 1 ? 1 : online > 4096 ? 4096 : (int)online;
}
