/*
 * out.c: outputs that appear atomically, the output format, and the
 * final check of standard output.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "govkit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int
gk_format_parse(const char *s, enum gk_format *f)
{
	if (strcmp(s, "ndjson") == 0 || strcmp(s, "jsonl") == 0 ||
	    strcmp(s, "json") == 0)
		*f = GK_FORMAT_NDJSON;
	else if (strcmp(s, "text") == 0)
		*f = GK_FORMAT_TEXT;
	else
		return -1;
	return 0;
}

enum gk_format
gk_format_resolve(enum gk_format f, FILE *fp)
{
	if (f != GK_FORMAT_AUTO)
		return f;
	return isatty(fileno(fp)) ? GK_FORMAT_TEXT : GK_FORMAT_NDJSON;
}

static bool
is_stdout_path(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

/*
 * The temporary files of outputs still open, removed when the run is ended
 * by SIGINT, SIGTERM or SIGHUP (Ctrl-C, kill), so that a run which did not
 * finish leaves no file behind.  (SIGKILL cannot be caught: that is why an
 * output, a workbook's too, has no name until its commit where O_TMPFILE
 * is possible; a hidden .NAME.XXXXXX made where it is not stays.)  The
 * library's one global state besides the program name; a handler is
 * installed only where the signal is not ignored.
 */
#define OUT_MAX_LIVE 16
static struct {
	char *volatile file;
	char *volatile dir;
} live[OUT_MAX_LIVE];

static void
remove_live(int sig)
{
	for (int i = 0; i < OUT_MAX_LIVE; i++) {
		if (live[i].file)
			unlink(live[i].file);
		if (live[i].dir)
			rmdir(live[i].dir);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
live_add(const char *file, const char *dir)
{
	static bool installed;

	if (!installed) {
		static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
			struct sigaction sa, old;
			if (sigaction(sigs[i], NULL, &old) != 0 ||
			    old.sa_handler != SIG_DFL)
				continue;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = remove_live;
			sigemptyset(&sa.sa_mask);
			sigaction(sigs[i], &sa, NULL);
		}
		installed = true;
	}
	for (int i = 0; i < OUT_MAX_LIVE; i++)
		if (!live[i].file) {
			live[i].dir = dir ? gk_xstrdup(dir) : NULL;
			live[i].file = gk_xstrdup(file);
			return;
		}
}

static void
live_remove(const char *file)
{
	for (int i = 0; i < OUT_MAX_LIVE; i++)
		if (live[i].file && strcmp(live[i].file, file) == 0) {
			char *f = live[i].file, *d = live[i].dir;
			live[i].file = NULL;
			live[i].dir = NULL;
			free(f);
			free(d);
			return;
		}
}

FILE *
gk_spool_open(const char *what, const char **where, struct gk_err *e)
{
	const char *dir = getenv("TMPDIR");
	char *path = NULL;
	FILE *fp = NULL;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	*where = dir;
	/* Gone with the process, whatever ends it.  Unnamed from the start
	 * where the file system allows: a SIGKILL between mkstemp and
	 * unlink would leave a name behind. */
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		path = gk_xasprintf("%s/govkit-%s.XXXXXX", dir, what);
		fd = mkstemp(path);
		if (fd >= 0)
			unlink(path);
	}
	if (fd < 0) {
		gk_err_set(e, "cannot create a temporary file in '%s':", dir);
		goto out;
	}
	fp = fdopen(fd, "w+b");
	if (fp == NULL) {
		gk_err_set(e, "cannot create a temporary file in '%s':", dir);
		close(fd);
	}
out:
	free(path);
	return fp;
}

/*
 * Whether an input open on fd is spooled: a pipe (a named FIFO, a
 * process substitution's /dev/fd/63, standard input from a producer), a
 * terminal or another character device, a socket.  A regular file is
 * there already, and copied for nothing; a block device reads as one; a
 * folder, and one fstat cannot see, are the reader's to report, as
 * without the spool.
 */
static bool
spool_wanted(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return false;
	return S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
	       S_ISSOCK(st.st_mode);
}

/* What is left to read on fd (the input name) copied to the spool sp in
 * dir, and sp rewound; -1 with e filled. */
static int
spool_copy(int fd, const char *name, FILE *sp, const char *dir,
	   struct gk_err *e)
{
	char buf[1 << 16];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			gk_err_set(e, "%s: read error:", name);
			return -1;
		}
		if (fwrite(buf, 1, (size_t)n, sp) != (size_t)n)
			break;
	}
	if (fflush(sp) != 0 || ferror(sp)) {
		gk_err_set(e, "cannot write a temporary file in '%s':", dir);
		return -1;
	}
	if (fseek(sp, 0, SEEK_SET) != 0) {
		gk_err_set(e, "cannot read a temporary file in '%s':", dir);
		return -1;
	}
	return 0;
}

/* Standard input spooled, when it is to be, and the spool put on
 * descriptor 0 in its place. */
static int
spool_stdin(const char *what, struct gk_err *e)
{
	const char *dir;
	FILE *sp;
	int rc = -1;

	if (!spool_wanted(STDIN_FILENO))
		return 0;
	if (!(sp = gk_spool_open(what, &dir, e)))
		return -1;
	if (spool_copy(STDIN_FILENO, "(stdin)", sp, dir, e) < 0)
		goto out;
	if (dup2(fileno(sp), STDIN_FILENO) < 0) {
		gk_err_set(e, "cannot read a temporary file in '%s':", dir);
		goto out;
	}
	clearerr(stdin);
	rc = 0;
out:
	fclose(sp);
	return rc;
}

int
gk_spool_inputs(int nfiles, char *const *files, const char *what,
		struct gk_spool *s, struct gk_err *e)
{
	bool had_stdin = false;

	s->n = nfiles;
	s->fp = nfiles > 0 ? gk_xcalloc((size_t)nfiles, sizeof *s->fp) : NULL;
	if (nfiles == 0 && spool_stdin(what, e) < 0)
		goto fail;
	/* in the order they are read: a producer may feed one after the
	 * other */
	for (int i = 0; i < nfiles; i++) {
		const char *dir;
		int fd, r;

		if (strcmp(files[i], "-") == 0) {
			if (!had_stdin && spool_stdin(what, e) < 0)
				goto fail;
			had_stdin = true;
			continue;
		}
		/* one that cannot be opened is the reader's to report */
		fd = open(files[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!spool_wanted(fd)) {
			close(fd);
			continue;
		}
		s->fp[i] = gk_spool_open(what, &dir, e);
		r = s->fp[i] ? spool_copy(fd, files[i], s->fp[i], dir, e) : -1;
		close(fd);
		if (r < 0)
			goto fail;
	}
	return 0;
fail:
	gk_spool_free(s);
	return -1;
}

void
gk_spool_free(struct gk_spool *s)
{
	for (int i = 0; i < s->n; i++)
		if (s->fp[i])
			fclose(s->fp[i]);
	free(s->fp);
	s->fp = NULL;
	s->n = 0;
}

/* Names tried for an unnamed output before its commit gives up: each
 * clash is a file of the same random name made in the same instant. */
#define OUT_NAME_TRIES 100

/*
 * A file without a name in the folder of path (O_TMPFILE), named only at
 * commit: a run killed by SIGKILL, which no handler sees, leaves nothing.
 * It is named through /proc/self/fd, so a system without /proc, a file
 * system that refuses O_TMPFILE or a kernel without it gets -1 (and the
 * caller a named temporary).
 */
static int
open_unnamed(const char *path, const char *slash)
{
#ifdef O_TMPFILE
	char *dir =
		slash ? gk_xstrndup(path,
				    slash == path ? 1 : (size_t)(slash - path))
		      : gk_xstrdup(".");
	char proc[64];
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, S_IRUSR | S_IWUSR);

	free(dir);
	if (fd < 0)
		return -1;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if (access(proc, F_OK) != 0) {
		close(fd);
		return -1;
	}
	return fd;
#else
	(void)path;
	(void)slash;
	return -1;
#endif
}

/* The six X's at the end of pattern made letters and digits at random. */
static void
random_suffix(char *pattern)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long count;
	char *x = pattern + strlen(pattern) - 6;
	unsigned char r[6];

	if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		struct timespec ts;
		unsigned long long v;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (unsigned long long)ts.tv_nsec ^
		    ((unsigned long long)getpid() << 30) ^
		    (++count * 0x9E3779B97F4A7C15ULL);
		for (size_t i = 0; i < sizeof r; i++)
			r[i] = (unsigned char)(v >> (8 * i));
	}
	for (size_t i = 0; i < sizeof r; i++)
		x[i] = set[r[i] % (sizeof set - 1)];
}

/*
 * The unnamed file open as fd gets the name pattern, its X's made unique:
 * linkat never replaces nor follows what is there (EEXIST: another name).
 */
static int
link_unnamed(int fd, char *pattern)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (int i = 0; i < OUT_NAME_TRIES; i++) {
		random_suffix(pattern);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, pattern,
			   AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

/* The unnamed file of o gets the name o->tmp: then it is a temporary like
 * mkstemp's, removed by out_abort or a signal. */
static int
name_unnamed(struct gk_out *o)
{
	if (link_unnamed(fileno(o->fp), o->tmp) != 0)
		return -1;
	o->unnamed = false;
	live_add(o->tmp, NULL);
	return 0;
}

/* "dir/.name.XXXXXX" beside path: without a name until commit (*unnamed)
 * where the system can, else created with O_EXCL by mkstemp. */
static int
make_temp(const char *path, char **tmp, bool *unnamed, struct gk_err *e)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	int fd;

	if (!*base) {
		gk_err_set(e, "'%s' is a directory, expected a file name",
			   path);
		return -1;
	}
	*tmp = gk_xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, base);
	fd = open_unnamed(path, slash);
	*unnamed = fd >= 0;
	if (fd >= 0)
		return fd;
	fd = mkstemp(*tmp);
	if (fd < 0) {
		gk_err_set(e, "unable to create '%s':", path);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	live_add(*tmp, NULL);
	return fd;
}

/*
 * mkstemp makes 0600; a finished output gets the usual 0666 & ~umask, and
 * no permission that the file it replaces at path did not have: an output
 * of personal data that its owner made 0600 stays so when a later run (a
 * cron job) writes it again.  (errno is kept: a write error is told after.)
 */
static void
set_mode(int fd, const char *path)
{
	int saved = errno;
	struct stat st;
	mode_t mask = umask(0), mode;

	umask(mask);
	mode = 0666 & ~mask;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		mode &= st.st_mode;
	(void)fchmod(fd, mode);
	errno = saved;
}

/* What the link at path leads to: 2 the file of standard output, 1 a
 * device or FIFO, 0 a regular file, a directory or nothing. */
static int
link_kind(const char *path)
{
	struct stat to, out;

	if (stat(path, &to) != 0)
		return 0;
	if (fstat(STDOUT_FILENO, &out) == 0 && to.st_dev == out.st_dev &&
	    to.st_ino == out.st_ino)
		return 2;
	return S_ISREG(to.st_mode) || S_ISDIR(to.st_mode) ? 0 : 1;
}

/*
 * What is at path now: 0 nothing or a regular file (or a link to one, or
 * to nothing: replaced, never followed), 1 something else that is written
 * in place (a device such as /dev/null or /dev/full, a FIFO, or a link to
 * one, such as /dev/stderr), 2 a link to standard output itself
 * (/dev/stdout, /dev/fd/1), -1 a directory (error).  A link in /dev
 * renamed over would be replaced by a file, for every program on the
 * machine, when run as root.
 */
static int
target_kind(const char *path, struct gk_err *e)
{
	struct stat st;

	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return 0;
	if (S_ISLNK(st.st_mode))
		return link_kind(path);
	if (S_ISDIR(st.st_mode)) {
		gk_err_set(e, "'%s' is a directory, expected a file name",
			   path);
		return -1;
	}
	return 1;
}

int
out_open(struct gk_out *o, const char *path, struct gk_err *e)
{
	int fd, kind;

	memset(o, 0, sizeof *o);
	if (is_stdout_path(path)) {
		o->fp = stdout;
		return 0;
	}
	kind = target_kind(path, e);
	if (kind < 0)
		return -1;
	if (kind == 2) {
		o->fp = stdout;
		return 0;
	}
	if (kind > 0) {
		/* A device or FIFO: written where it is; renaming a temporary
		 * file over it would replace the device itself. */
		o->fp = fopen(path, "w");
		if (!o->fp) {
			gk_err_set(e, "unable to open '%s':", path);
			return -1;
		}
		o->path = gk_xstrdup(path);
		return 0;
	}
	fd = make_temp(path, &o->tmp, &o->unnamed, e);
	if (fd < 0)
		return -1;
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		gk_err_set(e, "unable to open '%s':", path);
		close(fd);
		if (!o->unnamed)
			unlink(o->tmp);
		live_remove(o->tmp);
		o->unnamed = false;
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	o->path = gk_xstrdup(path);
	return 0;
}

/*
 * Set once out_commit has handed standard output's write error to its
 * caller (which prints it), so that gk_stdout_close, called last, still
 * fails but does not print the same error a second time.
 */
static bool stdout_error_told;

/*
 * Whether a write error on fd is only its reader gone away (| head): fd
 * is a pipe or socket that nobody reads any more.  Asked of the file, not
 * of errno: stdio keeps no record of the write that failed (it drops what
 * it could not write, and a later fflush succeeds), and by the end of a
 * run errno is long overwritten.
 */
static bool
reader_gone(int fd)
{
	struct stat st;
	struct pollfd p = {.fd = fd, .events = POLLOUT};

	if (fstat(fd, &st) != 0 ||
	    !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return false;
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

int
out_flush(struct gk_out *o, struct gk_err *e)
{
	bool failed_now, failed;
	int saved;

	if (!o->fp)
		return 0;
	failed_now = fflush(o->fp) != 0;
	saved = errno;
	failed = failed_now || ferror(o->fp);
	if (!failed && o->tmp && fsync(fileno(o->fp)) != 0) {
		failed = failed_now = true;
		saved = errno;
	}
	if (!failed)
		return 0;
	if (!o->tmp && !o->path) { /* standard output */
		if ((failed_now && saved == EPIPE) ||
		    reader_gone(fileno(o->fp)))
			return 0;
		if (failed_now)
			errno = saved;
		gk_err_set(e, "write error on standard output:");
		stdout_error_told = true;
		return -1;
	}
	if (failed_now)
		errno = saved;
	gk_err_set(e, "unable to write '%s':", o->path);
	return -1;
}

int
out_commit(struct gk_out *o, struct gk_err *e)
{
	int rc = 0;

	if (!o->fp)
		return 0;
	if (!o->tmp && !o->path) { /* standard output */
		if (fflush(stdout) != 0 && errno != EPIPE) {
			gk_err_set(e, "write error on standard output:");
			stdout_error_told = true;
			rc = -1;
		}
		o->fp = NULL;
		return rc;
	}
	if (!o->tmp) { /* a device or FIFO, written in place */
		rc = out_flush(o, e);
		if (fclose(o->fp) != 0 && rc == 0) {
			gk_err_set(e, "unable to write '%s':", o->path);
			rc = -1;
		}
		o->fp = NULL;
		free(o->path);
		o->path = NULL;
		return rc;
	}
	set_mode(fileno(o->fp), o->path);
	rc = out_flush(o, e); /* flushed and synced, or said why not */
	if (rc == 0 && o->unnamed && name_unnamed(o) != 0) {
		gk_err_set(e, "unable to create '%s':", o->path);
		rc = -1;
	}
	if (fclose(o->fp) != 0 && rc == 0) {
		gk_err_set(e, "unable to write '%s':", o->path);
		rc = -1;
	}
	o->fp = NULL;
	if (rc == 0 && rename(o->tmp, o->path) != 0) {
		gk_err_set(e, "unable to rename into '%s':", o->path);
		rc = -1;
	}
	if (rc != 0 && !o->unnamed)
		unlink(o->tmp);
	live_remove(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->unnamed = false;
	return rc;
}

void
out_abort(struct gk_out *o)
{
	if (!o->tmp && o->path) {
		if (o->fp)
			fclose(o->fp);
		free(o->path);
	} else if (o->tmp) {
		if (o->fp)
			fclose(o->fp);
		if (!o->unnamed) /* (a file without a name goes with its fd) */
			unlink(o->tmp);
		live_remove(o->tmp);
		free(o->tmp);
		free(o->path);
	}
	memset(o, 0, sizeof *o);
}

/*
 * A writer that opens the file by its name (libxlsxwriter) gets, where the
 * system can, the name "/proc/self/fd/N" of an unnamed file (O_TMPFILE) in
 * the output's folder: opening it opens that same file, and a run killed
 * with SIGKILL leaves nothing; commit links it beside the output and
 * renames it into place.  Elsewhere such a writer would follow a symlink
 * planted in place of a temporary file beside the output, so the name
 * given out is "dir/.name.XXXXXX/name", inside a folder made by mkdtemp
 * (0700: nobody else can plant anything in it); commit renames the file
 * out and removes the folder.
 */
#define OUT_PROC_FD "/proc/self/fd/"

/* The descriptor of the unnamed file that tmp names, else -1. */
static int
tmp_unnamed_fd(const char *tmp)
{
	size_t n = strlen(OUT_PROC_FD);
	char *end;
	long fd;

	if (strncmp(tmp, OUT_PROC_FD, n) != 0)
		return -1;
	errno = 0;
	fd = strtol(tmp + n, &end, 10);
	if (errno != 0 || *end != '\0' || fd < 0 || fd > INT_MAX)
		return -1;
	return (int)fd;
}

/* The unnamed file of fd (tmp) linked beside path and renamed onto it. */
static int
commit_unnamed(int fd, const char *path, struct gk_err *e)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	char *name = gk_xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, base);
	int rc = 0;

	set_mode(fd, path);
	if (fsync(fd) != 0) {
		gk_err_set(e, "unable to write '%s':", path);
		rc = -1;
	} else if (link_unnamed(fd, name) != 0) {
		gk_err_set(e, "unable to create '%s':", path);
		rc = -1;
	} else {
		live_add(name, NULL);
		if (rename(name, path) != 0) {
			gk_err_set(e, "unable to rename into '%s':", path);
			unlink(name);
			rc = -1;
		}
		live_remove(name);
	}
	free(name);
	return rc;
}

static void
remove_tmp_dir(char *tmp)
{
	char *slash = strrchr(tmp, '/');

	unlink(tmp);
	if (slash) {
		*slash = '\0';
		rmdir(tmp);
		*slash = '/';
	}
}

int
out_tmp_reserve(const char *path, char **tmp, struct gk_err *e)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	char *dir;
	int fd, kind;

	*tmp = NULL;
	if (!*base) {
		gk_err_set(e, "'%s' is a directory, expected a file name",
			   path);
		return -1;
	}
	kind = target_kind(path, e);
	if (kind < 0)
		return -1;
	if (kind == 2) {
		gk_err_set(e,
			   "'%s' is standard output; a workbook is written to "
			   "a file",
			   path);
		return -1;
	}
	if (kind > 0) {
		/* The file is renamed into place when done: never over a device. */
		gk_err_set(
			e,
			"'%s' is not a regular file; a workbook is written to a file",
			path);
		return -1;
	}
	fd = open_unnamed(path, slash);
	if (fd >= 0) {
		*tmp = gk_xasprintf(OUT_PROC_FD "%d", fd);
		return 0;
	}
	dir = gk_xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, base);
	if (!mkdtemp(dir)) {
		gk_err_set(e, "unable to create '%s':", path);
		free(dir);
		return -1;
	}
	*tmp = gk_xasprintf("%s/%s", dir, base);
	fd = open(*tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		gk_err_set(e, "unable to create '%s':", path);
		rmdir(dir);
		free(dir);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	close(fd);
	live_add(*tmp, dir);
	free(dir);
	return 0;
}

int
out_tmp_commit(char *tmp, const char *path, struct gk_err *e)
{
	int fd, rc = 0;

	fd = tmp_unnamed_fd(tmp);
	if (fd >= 0) {
		rc = commit_unnamed(fd, path, e);
		close(fd);
		free(tmp);
		return rc;
	}
	fd = open(tmp, O_RDONLY | O_NOFOLLOW);
	if (fd < 0 || fsync(fd) != 0) {
		gk_err_set(e, "unable to write '%s':", path);
		rc = -1;
	} else {
		set_mode(fd, path);
	}
	if (fd >= 0)
		close(fd);
	if (rc == 0 && rename(tmp, path) != 0) {
		gk_err_set(e, "unable to rename into '%s':", path);
		rc = -1;
	}
	remove_tmp_dir(tmp);
	live_remove(tmp);
	free(tmp);
	return rc;
}

void
out_tmp_abort(char *tmp)
{
	int fd;

	if (tmp && (fd = tmp_unnamed_fd(tmp)) >= 0) {
		close(fd); /* (and the file goes with it) */
		free(tmp);
	} else if (tmp) {
		remove_tmp_dir(tmp);
		live_remove(tmp);
		free(tmp);
	}
}

/*
 * A standard stream started closed (`>&-`) has its number taken by
 * /dev/null opened the wrong way round: the next file opened (the
 * temporary file of -o) cannot become "standard output", be closed under
 * it at the end and fail the run, and the stream still fails as closed
 * (EBADF) when used.
 */
static void
hold_closed_streams(void)
{
	static const int fds[] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};

	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		if (fcntl(fds[i], F_GETFD) != -1 || errno != EBADF)
			continue;
		int fd = open("/dev/null",
			      fds[i] == STDIN_FILENO ? O_WRONLY : O_RDONLY);
		if (fd >= 0 && fd != fds[i]) { /* a lower one was closed too */
			dup2(fd, fds[i]);
			close(fd);
		}
	}
}

void
gk_stdout_init(void)
{
	hold_closed_streams();
	signal(SIGPIPE, SIG_IGN);
	/* Killed by the signal, a run past the file size limit of a cron job
	 * would leave its temporary file and say nothing: as EFBIG it is a
	 * write error like a full disk, told, the output removed. */
	signal(SIGXFSZ, SIG_IGN);
	/* A token in the environment is in this process's memory from its
	 * start, whatever the tool: no core file is to hold it. */
	config_protect_env();
}

bool
gk_stdout_broken(FILE *fp)
{
	return ferror(fp) != 0;
}

int
gk_stdout_close(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int saved = errno;
	bool gone = failed && reader_gone(STDOUT_FILENO);

	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (!failed || saved == EPIPE || gone)
		return 0;
	if (stdout_error_told)
		return -1;
	errno = saved;
	gk_warn("write error on standard output:");
	return -1;
}
