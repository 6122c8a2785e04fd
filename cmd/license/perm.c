/*
 * perm.c: a warning for a trust or key file that others can change, or a
 * private key that others can read.
 *
 * The trust file and the public key files it names are the root of trust of
 * verify: whoever can write one can add an issuer, or put their own key in
 * an issuer's place, and their forged licenses verify as valid.  Whoever
 * can read the private key of sign can sign as its issuer.  As gpg warns of
 * "unsafe permissions", gov-license names such a file on standard error,
 * once per file per run; it still reads it, and the verdicts and the exit
 * status are what they would be (a refusal would stop a nightly batch for
 * a risk its officer may not be able to put right at once, and a file
 * already exposed is not made safe by refusing it).
 *
 * A file is safe to trust when only its reader or root may change it: owned
 * by the user running the tool or by root (as /etc's are), and writable by
 * neither group nor others.  Only regular files are judged: standard input,
 * a pipe or a terminal has no such owner to speak of.
 *
 * So is every folder on its path, as ssh's StrictModes judges them: whoever
 * can write a folder can rename the file in it away and put their own in its
 * place, whatever the file's mode.  A folder is safe when owned by the user
 * running or root and writable by neither group nor others, or sticky (as
 * /tmp: there only a file's owner may rename or remove it).  The folders
 * judged are those where the file really is, from the one holding it up to
 * /, and those holding each symbolic link the path goes through, at its
 * end or in its middle (whoever can replace the link can point it
 * elsewhere), the path walked a component at a time as the kernel does.
 */
#include "license.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files already warned of in this run, by device and inode. */
static struct warned {
	dev_t dev;
	ino_t ino;
} * warned;
static size_t nwarned, capwarned;

/* True the first time per run it is asked of st's file. */
static bool
first_time(const struct stat *st)
{
	for (size_t i = 0; i < nwarned; i++)
		if (warned[i].dev == st->st_dev && warned[i].ino == st->st_ino)
			return false;
	if (nwarned == capwarned) {
		capwarned = capwarned ? 2 * capwarned : 8;
		warned = gk_xrealloc(warned, capwarned * sizeof *warned);
	}
	warned[nwarned].dev = st->st_dev;
	warned[nwarned].ino = st->st_ino;
	nwarned++;
	return true;
}

/*
 * Who besides the user running and root may change a file or folder (st)
 * that another user owns (other_owner) or group or others may write
 * (writable; mode_bits: the bits of the mode to show), said in words:
 * "owned by uid N (not you or root)", "writable by others (mode 777)",
 * and who that lets in, "anyone on this machine".  Then the fix: chmod
 * go-w target (quoted for the shell) and/or "make it yours or root's".
 */
struct access_words {
	char owner[64], mode[64], who[64];
	struct gk_buf fix;
};

static void
access_words(const struct stat *st, bool other_owner, bool writable,
	     unsigned mode_bits, const char *target, struct access_words *w)
{
	bool by_others = writable && (st->st_mode & S_IWOTH);

	w->owner[0] = w->mode[0] = '\0';
	if (other_owner)
		snprintf(w->owner, sizeof w->owner,
			 "owned by uid %lu (not you or root)",
			 (unsigned long)st->st_uid);
	if (writable)
		snprintf(w->mode, sizeof w->mode, "writable by %s (mode %03o)",
			 by_others ? "others" : "its group",
			 (unsigned)(st->st_mode & mode_bits));
	if (by_others)
		snprintf(w->who, sizeof w->who, "anyone on this machine");
	else if (writable && other_owner)
		snprintf(w->who, sizeof w->who,
			 "uid %lu and anyone in its group",
			 (unsigned long)st->st_uid);
	else if (writable)
		snprintf(w->who, sizeof w->who, "anyone in its group");
	else
		snprintf(w->who, sizeof w->who, "uid %lu",
			 (unsigned long)st->st_uid);
	buf_init(&w->fix);
	if (writable) {
		buf_adds(&w->fix, "chmod go-w ");
		buf_add_shell_path(&w->fix, target);
	}
	if (other_owner)
		buf_printf(&w->fix, "%smake it yours or root's",
			   writable ? " and " : "");
}

/* " and " between the owner's and the mode's words when both are said */
#define BOTH(w) (*(w).owner && *(w).mode ? " and " : "")

/* A trust file, or a public key file: who besides its reader and root may
 * change it, named with what they could do (act) and how to stop it. */
static void
warn_writable(const struct stat *st, const char *path, const char *act)
{
	bool other_owner = st->st_uid != geteuid() && st->st_uid != 0;
	bool writable = st->st_mode & (S_IWOTH | S_IWGRP);
	struct access_words w;

	if ((!other_owner && !writable) || !first_time(st))
		return;
	access_words(st, other_owner, writable, 0777, path, &w);
	gk_warn("%s is %s%s%s; %s can %s: %s", path, w.owner, BOTH(w), w.mode,
		w.who, act, w.fix.data);
	buf_release(&w.fix);
}

/* The folder dir (st), on the path of the file named path: who besides
 * the user running and root may put another file in that file's place.
 * A sticky folder (/tmp) lets only a file's owner rename it. */
static void
warn_folder(const struct stat *st, const char *dir, const char *path,
	    const char *act)
{
	bool other_owner = st->st_uid != geteuid() && st->st_uid != 0;
	bool loose =
		(st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX);
	struct access_words w;

	if ((!other_owner && !loose) || !first_time(st))
		return;
	access_words(st, other_owner, loose, 07777, dir, &w);
	gk_warn("folder %s is %s%s%s; %s can put another file in the place "
		"of %s and %s: %s",
		dir, w.owner, BOTH(w), w.mode, w.who, path, act, w.fix.data);
	buf_release(&w.fix);
}

/* The folder dir, a real path, and those above it up to /. */
static void
check_up(const char *dir, const char *path, const char *act)
{
	char *real = gk_xstrdup(dir);
	struct stat st;

	for (char *cut;;) {
		if (stat(real, &st) == 0 && S_ISDIR(st.st_mode))
			warn_folder(&st, real, path, act);
		cut = strrchr(real, '/');
		if (!cut || cut == real) {
			if (real[1] == '\0')
				break;
			real[1] = '\0'; /* then / itself */
		} else {
			*cut = '\0';
		}
	}
	free(real);
}

/* The next component of the path at *at (slashes before it skipped): its
 * start (*part) and length, 0 when none is left; *at past it and the
 * slashes after, *last whether any component follows. */
static size_t
next_part(char **at, const char **part, bool *last)
{
	size_t len;

	while (**at == '/')
		(*at)++;
	*part = *at;
	len = strcspn(*at, "/");
	*at += len;
	while (**at == '/')
		(*at)++;
	*last = **at == '\0';
	return len;
}

/* cur, a real folder, made its parent ("/" stays "/"). */
static void
to_parent(char *cur)
{
	char *cut = strrchr(cur, '/');

	if (cut && cut != cur)
		*cut = '\0';
	else if (cut)
		cur[1] = '\0';
}

/*
 * The symbolic link link (in the folder *cur) on the walk: its folder
 * judged, then the walk goes on in its target, *rest (the components
 * after it, from at) made target/at, and *cur / for an absolute target.
 * false when the link cannot be read.
 */
static bool
follow_link(const char *link, bool last, char **cur, char **rest, char **at,
	    const char *path, const char *act)
{
	char target[PATH_MAX];
	ssize_t n = readlink(link, target, sizeof target - 1);
	char *more;

	if (n <= 0)
		return false;
	target[n] = '\0';
	check_up(*cur, path, act);
	more = gk_xasprintf("%s%s%s", target, last ? "" : "/", *at);
	free(*rest);
	*rest = *at = more;
	if (target[0] == '/') {
		free(*cur);
		*cur = gk_xstrdup("/");
	}
	return true;
}

/* The folders name (a path as open(2) reads it) is found through, walked a
 * component at a time as the kernel resolves it: the one holding the file
 * where it really is, and the one holding each symbolic link on the way,
 * in the middle of the path or at its end (whoever can replace the link can
 * point it elsewhere), each with those above it up to /.  A link's target
 * goes on from the link's folder, or from / when absolute; up to 40 links
 * are followed, as the kernel does before ELOOP.  Where the walk cannot go
 * on (a name gone since the file was opened), it stops.  path: the file as
 * the officer named it. */
static void
check_folders(const char *name, const char *path, const char *act)
{
	char *cur = name[0] == '/' ? gk_xstrdup("/") : getcwd(NULL, 0);
	char *rest = gk_xstrdup(name), *at = rest;
	int links = 0;

	while (cur) {
		const char *part;
		bool last;
		size_t len = next_part(&at, &part, &last);
		bool dots = (len == 1 && part[0] == '.') ||
			    (len == 2 && part[0] == '.' && part[1] == '.');
		struct stat st;
		char *next;

		if (len == 0 || dots) { /* (a name ending in / : no file's) */
			if (len == 2)
				to_parent(cur);
			if (last) {
				check_up(cur, path, act);
				break;
			}
			continue;
		}
		next = gk_xasprintf("%s%s%.*s", cur, cur[1] ? "/" : "",
				    (int)len, part);
		if (lstat(next, &st) != 0) {
			free(next);
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			bool went = ++links <= 40 &&
				    follow_link(next, last, &cur, &rest, &at,
						path, act);
			free(next);
			if (!went)
				break;
			continue;
		}
		if (last || !S_ISDIR(st.st_mode)) {
			if (last)
				check_up(cur, path, act);
			free(next);
			break;
		}
		free(cur);
		cur = next;
	}
	free(cur);
	free(rest);
}

void
lic_warn_unsafe_trust(int fd, const char *path, const char *act)
{
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	warn_writable(&st, path, act);
	check_folders(path, path, act);
}

void
lic_warn_unsafe_private(int fd, const char *path)
{
	struct stat st;
	bool by_others, by_group;
	struct gk_buf word;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	if (!(st.st_mode & (S_IRWXG | S_IRWXO)) || !first_time(&st))
		goto folders;
	by_others = st.st_mode & S_IROTH;
	by_group = st.st_mode & S_IRGRP;
	buf_init(&word);
	buf_add_shell_path(&word, path);
	if (by_others || by_group)
		gk_warn("%s is a private key readable by %s (mode %03o); %s "
			"can sign licenses with it: chmod 600 %s",
			path, by_others ? "others" : "its group",
			(unsigned)(st.st_mode & 0777),
			by_others ? "anyone on this machine"
				  : "anyone in its group",
			word.data);
	else
		gk_warn("%s is a private key open to others (mode %03o): "
			"chmod 600 %s",
			path, (unsigned)(st.st_mode & 0777), word.data);
	buf_release(&word);
folders:
	check_folders(path, path, "make sign sign with their key");
}
