/*
 * config.c: `key = value` configuration, environment overrides, and the
 * bearer token (which never goes into a message).
 */
#include "govkit.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* Largest token file we read; real tokens are a few hundred bytes. */
#define TOKEN_FILE_MAX 16384

static const struct {
	const char *env;
	const char *key;
} env_keys[] = {
	{"GOVKIT_API", "api"},
	{"GOVKIT_TOKEN", "token"},
	{"GOVKIT_TOKEN_FILE", "token_file"},
	{"GOVKIT_DB", "db"},
};

void
config_set(struct gk_config *c, const char *key, const char *value)
{
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->keys[i], key) == 0) {
			free(c->values[i]);
			c->values[i] = gk_xstrdup(value);
			return;
		}
	}
	c->keys = gk_xrealloc(c->keys, (c->n + 1) * sizeof *c->keys);
	c->values = gk_xrealloc(c->values, (c->n + 1) * sizeof *c->values);
	c->keys[c->n] = gk_xstrdup(key);
	c->values[c->n] = gk_xstrdup(value);
	c->n++;
}

const char *
config_get(const struct gk_config *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0)
			return c->values[i];
	return NULL;
}

void
config_release(struct gk_config *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->keys[i]);
		if (c->values[i]) {
			explicit_bzero(c->values[i], strlen(c->values[i]));
			free(c->values[i]);
		}
	}
	free(c->keys);
	free(c->values);
	memset(c, 0, sizeof *c);
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

/*
 * A process that holds the token must not write it into a core file: a
 * crash (or SIGQUIT, SIGABRT) under `ulimit -c unlimited` would leave the
 * token, in clear, in a file named core in the job's folder, or hand it to
 * the system's crash collector.  Not dumpable (which also keeps other
 * processes of the user from reading its memory by ptrace or
 * /proc/PID/mem), and no core where the system has no such switch.
 */
void
config_protect_token(void)
{
	struct rlimit rl;

#ifdef __linux__
	(void)prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
#endif
	if (getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur != 0) {
		rl.rlim_cur = 0;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
}

/*
 * Whether the address has a password in it (scheme://USER:PASSWORD@HOST),
 * as libcurl, which sends it, reads the address: "https:/USER:PASSWORD@HOST"
 * and "https:///USER:PASSWORD@HOST" have one too.  An address libcurl
 * does not take (no tool sends anything to it) still has one in the
 * file when its user information, which ends at the last '@' of the
 * authority (RFC 3986, 3.2), holds a ':'.
 */
static bool
url_has_password(const char *url)
{
	const char *auth = url ? strstr(url, "://") : NULL, *at = NULL;
	CURLU *u;
	char *password = NULL;
	bool parsed, has;

	if (!url)
		return false;
	u = curl_url();
	if (!u)
		abort();
	parsed = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK;
	has = parsed &&
	      curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK;
	http_free_secret(password);
	curl_url_cleanup(u);
	if (parsed || !auth)
		return has;
	auth += 3;
	for (const char *p = auth; *p && !strchr("/?#", *p); p++)
		if (*p == '@')
			at = p;
	return at && memchr(auth, ':', (size_t)(at - auth)) != NULL;
}

void
config_protect_env(void)
{
	const char *t = getenv("GOVKIT_TOKEN");

	if ((t && *t) || url_has_password(getenv("GOVKIT_API")))
		config_protect_token();
}

/* What others may do with a file of this mode that only its owner should
 * reach: the message says why it is refused. */
static const char *
open_to_others(mode_t mode)
{
	if (mode & (S_IRGRP | S_IROTH))
		return "readable by others";
	if (mode & (S_IWGRP | S_IWOTH))
		return "writable by others";
	return "open to others";
}

/* The secret the file holds, as its message names it: NULL for none. */
static const char *
config_secret(const struct gk_config *c)
{
	const char *token = config_get(c, "token");

	if (token && *token)
		return "a token";
	if (url_has_password(config_get(c, "api")))
		return "a password in its api address";
	return NULL;
}

/*
 * A token in the file is a secret in the file, and so is the password of
 * an api address with one: as for a token file, only its owner may have
 * any access to it, or anyone who can read it has the secret.  (Checked
 * on the open file, so it is the file that was read.)
 */
static int
check_token_mode(FILE *fp, const struct gk_config *c, const char *path,
		 struct gk_err *e)
{
	const char *secret = config_secret(c);
	struct stat st;

	if (!secret)
		return 0;
	if (fstat(fileno(fp), &st) != 0) {
		gk_err_set(e, "unable to read '%s':", path);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		struct gk_buf w;

		/* the chmod to paste: the path quoted for the shell */
		buf_init(&w);
		buf_add_shell_word(&w, path);
		gk_err_set(e,
			   "config file '%s' holds %s and is %s "
			   "(mode %03o); to fix it, run: chmod 600 %s",
			   path, secret, open_to_others(st.st_mode),
			   (unsigned)(st.st_mode & 0777), w.data);
		buf_release(&w);
		return -1;
	}
	return 0;
}

/*
 * The lines of path into c (which starts empty); -1 at the first bad one,
 * with what was read so far still in c.
 */
static int
read_file(struct gk_config *c, const char *path, struct gk_err *e)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int rc = 0;

	if (!fp) {
		if (errno == ENOENT)
			return 0;
		gk_err_set(e, "unable to open '%s':", path);
		return -1;
	}
	while (getline(&line, &cap, fp) >= 0) {
		char *s = line, *eq, *key, *value;

		lineno++;
		/* Notepad saves UTF-8 with a BOM: kept, it would be part of the
		 * first key, which then matches nothing and is silently unused. */
		if (lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		s = trim(s);
		if (*s == '\0' || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			gk_err_set(e, "%s:%ld: expected 'key = value'", path,
				   lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (!*key) {
			gk_err_set(e, "%s:%ld: empty key", path, lineno);
			rc = -1;
			break;
		}
		config_set(c, key, value);
	}
	if (rc == 0 && ferror(fp)) {
		gk_err_set(e, "unable to read '%s':", path);
		rc = -1;
	}
	if (config_secret(c)) /* (read, even if refused below) */
		config_protect_token();
	if (rc == 0)
		rc = check_token_mode(fp, c, path, e);
	if (line) {
		explicit_bzero(line, cap);
		free(line);
	}
	fclose(fp);
	return rc;
}

/* All or nothing: a bad line leaves c as it was, and nothing allocated. */
int
config_load_file(struct gk_config *c, const char *path, struct gk_err *e)
{
	struct gk_config got = {0};
	int rc = read_file(&got, path, e);

	if (rc == 0)
		for (size_t i = 0; i < got.n; i++)
			config_set(c, got.keys[i], got.values[i]);
	config_release(&got);
	return rc;
}

const char *
config_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return home;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

const char *
config_xdg(const char *var)
{
	const char *v = getenv(var);

	return v && v[0] == '/' ? v : NULL;
}

int
config_load(struct gk_config *c, struct gk_err *e)
{
	const char *xdg = config_xdg("XDG_CONFIG_HOME");
	const char *home = config_home();
	char *path = NULL;
	int rc = 0;

	memset(c, 0, sizeof *c);
	if (xdg)
		path = gk_xasprintf("%s/govkit/config", xdg);
	else if (home && *home)
		path = gk_xasprintf("%s/.config/govkit/config", home);
	if (path)
		rc = config_load_file(c, path, e);
	free(path);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0]; i++) {
		const char *v = getenv(env_keys[i].env);
		if (v && *v)
			config_set(c, env_keys[i].key, v);
	}
	if (config_get(c, "token"))
		config_protect_token();
	return 0;
}

/* Read a token file that only its owner can read. */
static int
read_token_file(const char *path, char **token, struct gk_err *e)
{
	struct stat st;
	char buf[TOKEN_FILE_MAX + 1];
	ssize_t n;
	size_t len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_NOCTTY);
	if (fd < 0) {
		gk_err_set(e, "unable to open token file '%s':", path);
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		gk_err_set(e, "token file '%s' is not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		struct gk_buf w;

		buf_init(&w);
		buf_add_shell_path(&w, path);
		gk_err_set(
			e,
			"token file '%s' is %s (mode %03o); to fix it, run: chmod 600 %s",
			path, open_to_others(st.st_mode),
			(unsigned)(st.st_mode & 0777), w.data);
		buf_release(&w);
		close(fd);
		return -1;
	}
	config_protect_token();
	while (len < TOKEN_FILE_MAX &&
	       (n = read(fd, buf + len, TOKEN_FILE_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	*token = gk_xstrdup(trim(buf));
	explicit_bzero(buf, sizeof buf);
	if (!**token) {
		gk_err_set(e, "token file '%s' is empty", path);
		free(*token);
		*token = NULL;
		return -1;
	}
	return 0;
}

int
config_token(const struct gk_config *c, char **token, struct gk_err *e)
{
	const char *t = config_get(c, "token");
	const char *file = config_get(c, "token_file");

	*token = NULL;
	if (t && *t) {
		*token = gk_xstrdup(t);
		return 0;
	}
	if (file && *file)
		return read_token_file(file, token, e);
	return 0;
}

void
config_token_free(char *token)
{
	if (token) {
		explicit_bzero(token, strlen(token));
		free(token);
	}
}
