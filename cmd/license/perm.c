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
 * /, and when the name given is a symbolic link, also those holding the
 * link (whoever can replace the link can point it elsewhere).
 */
#include "license.h"

#include <libgen.h>
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

/* A trust file, or a public key file: who besides its reader and root may
 * change it, named with what they could do (act) and how to stop it. */
static void
warn_writable(const struct stat *st, const char *path, const char *act)
{
	bool other_owner = st->st_uid != geteuid() && st->st_uid != 0;
	bool by_others = st->st_mode & S_IWOTH;
	bool by_group = st->st_mode & S_IWGRP;
	char owner[64] = "", mode[64] = "", who[64];
	struct gk_buf word;

	if (!other_owner && !by_others && !by_group)
		return;
	if (!first_time(st))
		return;
	if (other_owner)
		snprintf(owner, sizeof owner,
			 "owned by uid %lu (not you or root)",
			 (unsigned long)st->st_uid);
	if (by_others || by_group)
		snprintf(mode, sizeof mode, "writable by %s (mode %03o)",
			 by_others ? "others" : "its group",
			 (unsigned)(st->st_mode & 0777));
	if (by_others)
		snprintf(who, sizeof who, "anyone on this machine");
	else if (by_group && other_owner)
		snprintf(who, sizeof who, "uid %lu and anyone in its group",
			 (unsigned long)st->st_uid);
	else if (by_group)
		snprintf(who, sizeof who, "anyone in its group");
	else
		snprintf(who, sizeof who, "uid %lu", (unsigned long)st->st_uid);
	buf_init(&word);
	buf_add_shell_path(&word, path);
	gk_warn("%s is %s%s%s; %s can %s: %s%s%s%s", path, owner,
		*owner && *mode ? " and " : "", mode, who, act,
		*mode ? "chmod go-w " : "", *mode ? word.data : "",
		*owner && *mode ? " and " : "",
		*owner ? "make it yours or root's" : "");
	buf_release(&word);
}

/* The folder dir (st), on the path of the file named path: who besides
 * the user running and root may put another file in that file's place. */
static void
warn_folder(const struct stat *st, const char *dir, const char *path,
	    const char *act)
{
	bool other_owner = st->st_uid != geteuid() && st->st_uid != 0;
	bool loose =
		(st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX);
	bool by_others = loose && (st->st_mode & S_IWOTH);
	char owner[64] = "", mode[64] = "", who[64];
	struct gk_buf word;

	if ((!other_owner && !loose) || !first_time(st))
		return;
	if (other_owner)
		snprintf(owner, sizeof owner,
			 "owned by uid %lu (not you or root)",
			 (unsigned long)st->st_uid);
	if (loose)
		snprintf(mode, sizeof mode, "writable by %s (mode %03o)",
			 by_others ? "others" : "its group",
			 (unsigned)(st->st_mode & 07777));
	if (by_others)
		snprintf(who, sizeof who, "anyone on this machine");
	else if (loose && other_owner)
		snprintf(who, sizeof who, "uid %lu and anyone in its group",
			 (unsigned long)st->st_uid);
	else if (loose)
		snprintf(who, sizeof who, "anyone in its group");
	else
		snprintf(who, sizeof who, "uid %lu", (unsigned long)st->st_uid);
	buf_init(&word);
	buf_add_shell_word(&word, dir);
	gk_warn("folder %s is %s%s%s; %s can put another file in the place "
		"of %s and %s: %s%s%s%s",
		dir, owner, *owner && *mode ? " and " : "", mode, who, path,
		act, *mode ? "chmod go-w " : "", *mode ? word.data : "",
		*owner && *mode ? " and " : "",
		*owner ? "make it yours or root's" : "");
	buf_release(&word);
}

/* The folders from the one holding name (a path as open(2) reads it) up
 * to /, where they really are; and, name being a symbolic link, those of
 * what it points to, a chain of links followed up to 40 deep.  path: the
 * file as the officer named it. */
static void
check_folders(const char *name, const char *path, const char *act, int depth)
{
	char *copy = gk_xstrdup(name);
	char *real = realpath(dirname(copy), NULL);
	struct stat st;
	char target[PATH_MAX];
	ssize_t n;

	free(copy);
	if (!real)
		return;
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
	if (depth < 40 && lstat(name, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (n = readlink(name, target, sizeof target - 1)) > 0) {
		char *dir = gk_xstrdup(name), *next;

		target[n] = '\0';
		next = target[0] == '/'
			       ? gk_xstrdup(target)
			       : gk_xasprintf("%s/%s", dirname(dir), target);
		check_folders(next, path, act, depth + 1);
		free(next);
		free(dir);
	}
}

void
lic_warn_unsafe_trust(int fd, const char *path, const char *act)
{
	struct stat st;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	warn_writable(&st, path, act);
	check_folders(path, path, act, 0);
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
	check_folders(path, path, "make sign sign with their key", 0);
}
