/*
 * govkit.h: the public header of libgovkit, the library every govkit tool
 * links.  One section per module (common/<module>.c).
 *
 * Rules the whole library keeps:
 * - It never exits and never writes to standard output.  A function that can
 *   fail returns -1 (or NULL) and fills a struct gk_err; the tool prints it
 *   and chooses the exit status.  Allocation failure aborts (gk_xmalloc).
 * - No global mutable state except the program name used in diagnostics.
 * - Ownership: a function returning `char *` or a struct it allocated says
 *   who frees it; "borrowed" means valid until the next call on the object.
 */
#ifndef GOVKIT_H
#define GOVKIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#define GOVKIT_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* diag.c: errors, diagnostics, exit codes, allocation                 */
/* ------------------------------------------------------------------ */

enum gk_exit {
	GK_EXIT_OK = 0,     /* ran, nothing at error level */
	GK_EXIT_FOUND = 1,  /* ran, found problems */
	GK_EXIT_FAIL = 2,   /* could not run: usage, input, schema, config */
	GK_EXIT_QUEUED = 3, /* records kept queued, not delivered now */
};

/*
 * An error a library function reports.  `msg` is complete without the
 * program name: "residents.csv:12: unterminated quoted field".
 */
struct gk_err {
	char msg[1024];
};

/* printf into e->msg; a format ending in ':' appends ": strerror(errno)". */
void gk_err_set(struct gk_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void gk_err_vset(struct gk_err *e, const char *fmt, va_list ap);

/* The program name diagnostics start with ("gov-check"). */
void gk_set_progname(const char *argv0);
const char *gk_progname(void);
/* argv[0] made the tool's name (argc > 0): getopt's own messages name
 * argv[0], which is the path the tool was run by (/usr/local/bin/...)
 * or, after a subcommand is taken off, the command word. */
void gk_getopt_name(int argc, char **argv);

/* "prog: message\n" to stderr; a format ending in ':' appends strerror. */
void gk_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print e->msg as "prog: msg". */
void gk_warn_err(const struct gk_err *e);
/* The same, resident ID and phone numbers masked when mask: for a message
 * quoting a server's or a proxy's words. */
void gk_warn_err_masked(const struct gk_err *e, bool mask);

/* Allocation that aborts on failure. */
void *gk_xmalloc(size_t n);
void *gk_xcalloc(size_t n, size_t size);
void *gk_xrealloc(void *p, size_t n);
char *gk_xstrdup(const char *s);
char *gk_xstrndup(const char *s, size_t n);
char *gk_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* path as an absolute path, against the current folder when relative (as
 * it is, when that folder cannot be told); not resolved.  For a command
 * printed to be pasted elsewhere (a crontab's folder is not the shell's). */
char *gk_xabspath(const char *path);
/*
 * A zeroed array of n items of size bytes for random access (hash
 * tables).  From 2 MiB on it is mapped on its own and asked for huge
 * pages: random probes into a large table otherwise miss the TLB as well
 * as the cache.  Aborts when out of memory, like the others; free it with
 * the same n and size.
 */
void *gk_table_alloc(size_t n, size_t size);
void gk_table_free(void *p, size_t n, size_t size);

/*
 * The CPUs this process may run on: its affinity (taskset, a container's
 * cpuset), else the CPUs online.  A tool that starts threads to use more
 * cores starts none beyond these: on one CPU they would only take turns.
 */
int gk_cpu_count(void);

/* ------------------------------------------------------------------ */
/* buf.c: growable byte buffer and JSON text writing                   */
/* ------------------------------------------------------------------ */

/* A growable buffer; always NUL-terminated after any append. */
struct gk_buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct gk_buf *b);
void buf_release(struct gk_buf *b);
void buf_reset(struct gk_buf *b); /* len = 0, keeps memory */
void buf_reserve(struct gk_buf *b, size_t extra);
void buf_add(struct gk_buf *b, const void *p, size_t n);
void buf_addc(struct gk_buf *b, char c);
/* Inline, so that a literal's length is known when compiling: writers
 * of JSON records add their keys this way. */
static inline void
buf_adds(struct gk_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
void buf_printf(struct gk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct gk_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s[0..n) as a JSON string literal with quotes (RFC 8259 escaping;
 * bytes >= 0x80 are copied as they are, so s must be valid UTF-8). */
void buf_add_json_string(struct gk_buf *b, const char *s, size_t n);
/* The text of a number read from JSON, as the file most likely wrote
 * it: a whole number below 2^53 without exponent, else 15 significant
 * digits when they read back as v (0.1, not 0.10000000000000001), else
 * 17.  out has room for GK_NUMBER_TEXT_MAX bytes. */
#define GK_NUMBER_TEXT_MAX 32
void gk_number_text(double v, char *out);
/* p[0..n) as lowercase hex into out, which has room for 2n+1 bytes
 * (NUL-terminated): digests as they are printed and stored. */
void gk_hex(const unsigned char *p, size_t n, char *out);
/*
 * The eight bytes of w (as read from memory, memcpy) that a JSON string
 * cannot hold as they are: a control character, '"' or '\\' has the high
 * bit of its byte set in the result; exact up to the first such byte
 * (a borrow may mark bytes after it), so nonzero exactly when there is
 * one.  The word-at-a-time test of json_escape_to; gov-bid's scanner and
 * writer add the bytes >= 0x80 to it.
 */
static inline uint64_t
json_word_needs_escape(uint64_t w)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	uint64_t quote = w ^ (ones * '"'), bslash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
		((bslash - ones) & ~bslash)) &
	       highs;
}
/* The most bytes json_escape_to writes for n input bytes. */
#define JSON_ESCAPED_MAX(n) ((n)*6 + 2)
/* Write s[0..n) as a JSON string literal at out, which has room for
 * JSON_ESCAPED_MAX(n) bytes; returns the end.  For hot loops. */
char *json_escape_to(char *out, const char *s, size_t n);
/* s appended as one word of a POSIX shell command that a message tells an
 * officer to run (chmod go-w FILE, gov-report --db FILE ...): as it is
 * when it holds only characters a shell takes literally, else in single
 * quotes, a quote in it as '\'' ('' for the empty word). */
void buf_add_shell_word(struct gk_buf *b, const char *s);
/* The same for a file a command names as its operand (chmod 600 FILE): a
 * relative path that begins with '-' as ./-..., or the command would
 * take it for its options. */
void buf_add_shell_path(struct gk_buf *b, const char *s);

/* ------------------------------------------------------------------ */
/* hash.c: the hash of every in-memory table                           */
/* ------------------------------------------------------------------ */

/* A fast 64-bit hash of p[0..n), not cryptographic; seed chains calls.
 * gov-check --track stores fingerprints made with it. */
uint64_t gk_hash(const void *p, size_t n, uint64_t seed);

/* ------------------------------------------------------------------ */
/* utf8.c: validation, display width, encoding, JSON \u escapes         */
/* ------------------------------------------------------------------ */

/* Length of the valid UTF-8 prefix of s[0..n); n when all valid. */
size_t utf8_valid_prefix(const char *s, size_t n);
bool utf8_valid(const char *s, size_t n);
/* Each byte of s[0..n) that is not valid UTF-8 made '?', in place, as
 * the readers show such bytes; true if any was. */
bool utf8_repair(char *s, size_t n);
/* Display width: a CJK/fullwidth character counts 2, others 1. */
size_t utf8_width(const char *s, size_t n);
/* Number of code points. */
size_t utf8_length(const char *s, size_t n);
/* The line and column (in characters, both from 1) of byte off of
 * text, for a JSON syntax error; a NUL before off ends the count. */
void utf8_position(const char *text, size_t off, long *line, long *col);
/* Length of the one valid sequence at s[0..n), 0 when it is invalid. */
size_t utf8_sequence(const char *s, size_t n);
/* Write code point cp (at most U+10FFFF) to out; its length, 1 to 4. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* The length of the blank at s[0..n) (n > 0): ASCII white space, the
 * no-break space, the ideographic (full-width) space or a stray byte-order
 * mark, as a value typed with a Chinese input method or copied from a
 * spreadsheet carries them; 0 when s starts with none. */
size_t utf8_blank_len(const char *s, size_t n);
/* A full-width form of an ASCII character at s[0..n) (U+FF01..U+FF5E,
 * and U+3000 for the space, as an input method in full-width mode types
 * "１２" or "（元）"): its length, 3, the ASCII one in *ascii; else 0. */
size_t utf8_halfwidth(const char *s, size_t n, char *ascii);
/* *s[0..n) without those blanks around it: *s moved past the ones
 * before, the length without the ones after returned. */
size_t utf8_trim_blanks(const char **s, size_t n);
/* Text from elsewhere (a server's message) made safe for a terminal, in
 * place: each control character (C0, DEL, C1 such as CSI, and the
 * bidirectional overrides and isolates) becomes a space, so an escape
 * sequence cannot act, a line cannot show reversed, and a message stays
 * one line.
 * Returns the new length (NUL-terminated when shorter). */
size_t utf8_printable(char *s, size_t n);
/* The length of the control character at s[0..n) (as utf8_printable
 * sees one), 0 when s starts with none. */
size_t utf8_control_len(const char *s, size_t n);
/* The same appended to b: text from the data in a text-format output. */
void buf_add_printable(struct gk_buf *b, const char *s, size_t n);
/* s itself when it holds no control character, else a copy in tmp made
 * printable: for a string that goes into fprintf. */
const char *text_printable(const char *s, struct gk_buf *tmp);
/* s[0..n) as a column of a text table, `width` display columns: control
 * characters as spaces, cut with an ellipsis when wider, padded with
 * spaces on the right (on the left when right_align). */
void buf_add_cell(struct gk_buf *b, const char *s, size_t n, size_t width,
		  bool right_align);
/* U+FFFE or U+FFFF at s[i..] (EF BF BE, EF BF BF), valid UTF-8 but no
 * XML 1.0 character: 'E' or 'F', else 0. */
char utf8_xml_nonchar_at(const char *s, size_t n, size_t i);
/* Each of them made U+FFFD in place (the same length): for text a
 * workbook's XML holds without the _xHHHH_ escapes of a cell (page
 * headers, properties). */
void utf8_xml_fix(char *s, size_t n);
/* s[0..n) made printable and padded with spaces on the right to `width`
 * display columns (a CJK character counts two), never cut: a column of
 * identifiers that printf's %-Ns would pad by bytes. */
void buf_add_padded(struct gk_buf *b, const char *s, size_t n, size_t width);

/* The code point of a JSON \u escape: p points after the "\u", end bounds
 * it.  A surrogate pair (\uD83D\uDE00) is one code point.  Returns the
 * bytes read after the "\u" (4 or 10) or one of these (negative): */
enum {
	UTF8_ESC_BAD_HEX = -1,   /* not four hex digits */
	UTF8_ESC_LONE_LOW = -2,  /* a low surrogate first */
	UTF8_ESC_LONE_HIGH = -3, /* a high surrogate without its low one */
};
int utf8_json_escape(const char *p, const char *end, uint32_t *cp);

/* ------------------------------------------------------------------ */
/* date.c: ISO dates, quarters, "today"                                */
/* ------------------------------------------------------------------ */

struct gk_date {
	int year, month, day;
};

/* Parse YYYY-MM-DD exactly, a real calendar date.  0 ok, -1 not. */
int date_parse(const char *s, size_t n, struct gk_date *d);
bool date_valid(int year, int month, int day);
/* Days since 1970-01-01 (may be negative); and back. */
long date_to_days(const struct gk_date *d);
void date_from_days(long days, struct gk_date *d);
int date_cmp(const struct gk_date *a, const struct gk_date *b);
void date_format(const struct gk_date *d, char out[11]);
/* Today from the system clock (local time). */
void date_today(struct gk_date *d);
/* The local date (TZ, as date_today) the instant secs since the epoch
 * falls on, in days since 1970-01-01. */
long date_local_days(int64_t secs);
/* Parse a --today argument; on error fills e. */
int date_parse_arg(const char *arg, struct gk_date *d, struct gk_err *e);

/* A quarter: 2025Q3 -> {2025, 3}. */
struct gk_quarter {
	int year, q;
};
int quarter_parse(const char *s, struct gk_quarter *q); /* 0 ok, -1 bad */
/* A quarter as people type it in a flag or a spreadsheet: YYYYQn, q or
 * Q, full-width digits and letters, a hyphen or a space before the Q,
 * blanks around it, or 2025年第三季度 (年第3季度, 年三季度, 季): 0 ok,
 * -1 not one (ambiguous forms, 2025-3, are not). */
int quarter_parse_typed(const char *s, struct gk_quarter *q);
void quarter_format(const struct gk_quarter *q, char out[8]);
void quarter_of_date(const struct gk_date *d, struct gk_quarter *q);
void quarter_add(struct gk_quarter *q, int n); /* n may be negative */
int quarter_cmp(const struct gk_quarter *a, const struct gk_quarter *b);
/* "current", "previous" (relative to today; in any case, blanks around
 * them) or a quarter as typed (quarter_parse_typed). */
int quarter_parse_arg(const char *arg, const struct gk_date *today,
		      struct gk_quarter *q, struct gk_err *e);
void quarter_first_day(const struct gk_quarter *q, struct gk_date *d);
void quarter_last_day(const struct gk_quarter *q, struct gk_date *d);

/* ------------------------------------------------------------------ */
/* out.c: output files, output format, standard output at exit         */
/* ------------------------------------------------------------------ */

enum gk_format {
	GK_FORMAT_AUTO,
	GK_FORMAT_NDJSON,
	GK_FORMAT_TEXT,
};

/* Parse "ndjson" | "jsonl" | "text"; -1 if unknown. */
int gk_format_parse(const char *s, enum gk_format *f);
/* AUTO becomes TEXT when fp is a terminal, else NDJSON. */
enum gk_format gk_format_resolve(enum gk_format f, FILE *fp);

/*
 * An output that appears atomically: out_open() creates a temporary file
 * next to `path`, on Linux a file without a name (O_TMPFILE: nothing is
 * left behind by a run killed with SIGKILL), else a hidden one (mkstemp:
 * O_EXCL, never follows a planted symlink); out_commit() flushes, fsyncs,
 * gives it 0666 & ~umask, less the permissions a file it replaces had not,
 * names it and renames it into place; out_abort() removes it.  path NULL
 * or "-" means standard output (commit just flushes).  A failed run
 * therefore leaves no file.
 */
struct gk_out {
	FILE *fp;
	char *path;   /* final path, NULL for stdout */
	char *tmp;    /* temporary path while open */
	bool unnamed; /* tmp is only the pattern of the name it gets at
			* commit: the file has none yet (O_TMPFILE) */
};

int out_open(struct gk_out *o, const char *path, struct gk_err *e);
/*
 * Flush what was written to o so far (a temporary file also to disk).  0
 * when it got there, or when standard output's reader went away (| head:
 * no error); -1 on a write error (standard output closed or full, a full
 * disk), e set (for standard output, gk_stdout_close then fails without
 * saying it again).  A command that prints what it stored flushes after
 * its commit, and takes its change back when this fails (db_keep_if_out).
 */
int out_flush(struct gk_out *o, struct gk_err *e);
int out_commit(struct gk_out *o, struct gk_err *e);
void out_abort(struct gk_out *o);

/*
 * For writers that want a file name rather than a FILE* (libxlsxwriter):
 * reserve a temporary name for `path` (the file exists, empty, 0600 ->
 * on commit 0666 & ~umask, less the permissions a file it replaces had
 * not): on Linux "/proc/self/fd/N", a file without a name in path's
 * folder (O_TMPFILE: a run killed with SIGKILL leaves nothing), else a
 * hidden one beside path.  *tmp is owned by the caller;
 * pass it to out_tmp_commit or out_tmp_abort, which free it (and close N).
 */
int out_tmp_reserve(const char *path, char **tmp, struct gk_err *e);
/* A spool: an unlinked read-write file "govkit-WHAT.XXXXXX" in $TMPDIR
 * (else /tmp), named in *where for messages; NULL with e filled. */
FILE *gk_spool_open(const char *what, const char **where, struct gk_err *e);
/*
 * The inputs of a command that stores what it reads in one transaction,
 * read before it takes the database's write lock, so that a producer
 * that takes its time does not hold every other writer of the database
 * for as long as it runs.  Each of the nfiles inputs (standard input
 * when none, or "-") that is not a regular file (a pipe, named or not,
 * such as a process substitution's /dev/fd/63; a terminal or another
 * character device; a socket) is read to its end into a spool: standard
 * input's then stands in for it on descriptor 0, a named one's is
 * s->fp[i] (NULL: read the input where it is, as a regular file, or
 * one that cannot be opened, which the reader reports).  Messages go on
 * naming the input ("/dev/fd/63"), never the spool.  0, or -1 with e
 * filled (a read or the spool failed) and nothing held.  Release with
 * gk_spool_free.
 */
struct gk_spool {
	int n;
	FILE **fp;
};
int gk_spool_inputs(int nfiles, char *const *files, const char *what,
		    struct gk_spool *s, struct gk_err *e);
void gk_spool_free(struct gk_spool *s);
int out_tmp_commit(char *tmp, const char *path, struct gk_err *e);
void out_tmp_abort(char *tmp);

/*
 * Flush and close standard output at the end of a tool's run.  Returns 0
 * on success or when the reader went away (EPIPE: `| head` ends quietly),
 * -1 with a message printed on a real write error (a full disk).
 * Tools call it last and turn -1 into exit status 2.
 */
int gk_stdout_close(void);
/* Call once at start: SIGPIPE ignored so a closed pipe becomes EPIPE, and
 * SIGXFSZ so a file past the size limit (ulimit -f) becomes EFBIG; a
 * standard stream started closed is held so that no file takes its
 * number (it still fails as closed); a token in the environment makes
 * the process not dumpable (config_protect_env). */
void gk_stdout_init(void);
/* True once a write to stdout has failed with EPIPE: stop producing. */
bool gk_stdout_broken(FILE *fp);

/* ------------------------------------------------------------------ */
/* opt.c: what every tool's main shares                                */
/* ------------------------------------------------------------------ */

/* "gov-check (govkit) 0.1.0\n" on stdout. */
void gk_print_version(void);
/*
 * The exit status of a run that only prints (-h, --version, gov-bid
 * --print-config), once it has printed: standard output closed
 * (gk_stdout_close), then 0, or GK_EXIT_FAIL when the text could not be
 * written (a full disk; a closed pipe is no failure).
 */
int gk_stdout_close_status(void);
/* "prog: MSG\ntry 'prog --help'\n" on stderr; returns GK_EXIT_FAIL. */
int gk_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * After getopt_long has printed its own complaint about an option:
 * "try 'prog --help'" on stderr; returns GK_EXIT_FAIL.
 */
int gk_try_help(void);
/*
 * For a tool that set opterr = 0 to word its own complaints: after
 * getopt_long returned c, ':' (a value missing) or '?', the complaint
 * about opt (argv[optind - 1]) and "try --help"; returns GK_EXIT_FAIL.
 */
int gk_option_error(int c, const char *opt);
/* A --delimiter argument: one character (not a quote or line end), or
 * "tab" / "\t".  0 ok, -1 invalid. */
int gk_parse_delimiter(const char *arg, char *out);
/* Parse an integer option value from min to max: digits only, with a
 * leading '-' when min is negative; -1 on error (message in e). */
int gk_parse_long(const char *opt, const char *arg, long min, long max,
		  long *out, struct gk_err *e);
/* Seconds as a person writes them: digits, and a fraction if need be
 * ("0.5"); -1 for anything else (a sign, space, exponent, hex, "inf"). */
double gk_seconds(const char *s);

/* ------------------------------------------------------------------ */
/* config.c: configuration file, environment, token                    */
/* ------------------------------------------------------------------ */

/*
 * $XDG_CONFIG_HOME/govkit/config (else ~/.config/govkit/config):
 * `key = value` lines, '#' comments.  Environment overrides: GOVKIT_API ->
 * "api", GOVKIT_TOKEN -> "token", GOVKIT_TOKEN_FILE -> "token_file",
 * GOVKIT_DB -> "db".  Flags override both (config_set).
 */
struct gk_config {
	size_t n;
	char **keys;
	char **values;
};

/* Load file (missing file is fine) then environment.  -1 on a bad line,
 * or a file holding a "token" that group or others may read (or write),
 * with c left empty (nothing to release). */
int config_load(struct gk_config *c, struct gk_err *e);
/* Load a given file only (for tests and --config), adding to c; -1 on a
 * bad line or a token in a file others may read, with c as it was. */
int config_load_file(struct gk_config *c, const char *path, struct gk_err *e);
const char *config_get(const struct gk_config *c, const char *key);
void config_set(struct gk_config *c, const char *key, const char *value);
void config_release(struct gk_config *c);
/* The home folder: $HOME, else the user's in the password database (cron
 * or a service manager may start a job without HOME); NULL if neither.
 * Borrowed: use it before the next call. */
const char *config_home(void);
/* $XDG_CONFIG_HOME, $XDG_DATA_HOME...: the value of var when it is an
 * absolute path, else NULL (unset, empty or relative: the XDG Base
 * Directory spec says a relative path is invalid and to be ignored, and
 * one would put files wherever the tool happens to run). */
const char *config_xdg(const char *var);

/*
 * The bearer token: "token" else the contents of "token_file" (refused when
 * readable by group or others, or not a regular file).  *token is NULL when
 * none is configured (not an error).  Caller frees with config_token_free,
 * which wipes it.  The token is never put in an error message.
 */
int config_token(const struct gk_config *c, char **token, struct gk_err *e);
void config_token_free(char *token);
/* The process made not dumpable and its core size limit 0, so that a crash
 * writes no core with the token in it: done by config_load, config_token
 * and config_load_file as soon as they read a token, and by
 * config_protect_env (gk_stdout_init, at the start of every tool) when the
 * environment holds GOVKIT_TOKEN. */
void config_protect_token(void);
void config_protect_env(void);

/* ------------------------------------------------------------------ */
/* db.c: the local SQLite database                                     */
/* ------------------------------------------------------------------ */

/*
 * Open (creating folders and file on first use) the database at `path`,
 * else $GOVKIT_DB, else $XDG_DATA_HOME/govkit/govkit.db (default
 * ~/.local/share/govkit/govkit.db).  WAL mode, foreign keys on, busy
 * timeout, and every migration of migrations.c applied in one transaction
 * each.  A file that is not a govkit database, or a newer one, is an error,
 * never replaced.  Close with sqlite3_close_v2.
 */
int db_open(sqlite3 **db, const char *path, struct gk_err *e);
/*
 * For a command that only reads (list, export, status): db_open, unless
 * the database exists in a folder this process cannot write (a read-only
 * mount, an archive).  Then it is opened read-only, as it is: through its
 * -shm file when there is one (a writer has it open); without one only
 * where nothing can write the file meanwhile (the folder on a read-only
 * file system, or writable by nobody), as immutable, since SQLite cannot
 * read a WAL database otherwise.  A database older than this govkit cannot
 * be migrated there and is refused.
 */
int db_open_read(sqlite3 **db, const char *path, struct gk_err *e);
/* The path db_open would use for NULL; caller frees.  NULL when there is
 * none: no GOVKIT_DB, XDG_DATA_HOME or HOME, and no home for the user in
 * the password database (never the current folder). */
char *db_default_path(void);
/* The database to name in a command a message gives the officer to run:
 * given (--db), else GOVKIT_DB's (the crontab that set it is not the
 * shell the command is pasted into), made absolute (nor is its folder);
 * else NULL (the default of the user's home and configuration, which
 * that shell reads alike).  Caller frees. */
char *db_named_path(const char *given);
/* The schema version of an open database. */
int db_version(sqlite3 *db);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with messages; 0 ok, -1 error. */
int db_begin(sqlite3 *db, struct gk_err *e);
int db_commit(sqlite3 *db, struct gk_err *e);
void db_rollback(sqlite3 *db);
/* Prepare, or fill e with sqlite's message; NULL on error. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, struct gk_err *e);
/* Run a statement with no parameters and no rows (DDL); 0 / -1. */
int db_exec(sqlite3 *db, const char *sql, struct gk_err *e);
/* The same with ?1 bound to key (text): a row deleted by its key. */
int db_exec_key(sqlite3 *db, const char *sql, const char *key,
		struct gk_err *e);
/* db_errmsg(db) with the database file named, and for a lock that
 * the wait for it ran out: "database is locked ('PATH': another process
 * held it for 30 s)".  Valid until the next call in the thread. */
const char *db_errmsg(sqlite3 *db);

/* ------------------------------------------------------------------ */
/* takeback.c: taking back a commit whose records cannot be written    */
/* ------------------------------------------------------------------ */

/*
 * Rows set aside before a change, to be put back by a take-back, or
 * compared with the rows as they are then.  The values are the rows'
 * own copies (db_rows_release frees them).
 */
struct db_rows {
	int ncol;
	size_t n;          /* rows */
	sqlite3_value **v; /* n rows of ncol values, row by row */
};
void db_rows_init(struct db_rows *r);
void db_rows_release(struct db_rows *r);
/* Append the rows of sql (?1 bound to key, when not NULL); 0, or -1 and
 * e.  Every call on one r must select the same number of columns. */
int db_rows_save(sqlite3 *db, struct db_rows *r, const char *sql,
		 const char *key, struct gk_err *e);
/* 0 when sql (?1 = key) still returns r's rows; -1 and e otherwise
 * ("another run has changed them since", or the database's error). */
int db_rows_still(sqlite3 *db, const struct db_rows *r, const char *sql,
		  const char *key, struct gk_err *e);
/* Run sql once per row of r, its values bound to ?1 ... ?ncol. */
int db_rows_put(sqlite3 *db, const struct db_rows *r, const char *sql,
		struct gk_err *e);

/*
 * For a command that prints what it stored, once it has committed and
 * written those records to o: they are out when o flushes (and, with put,
 * when out_commit puts its file in place).  Then 0.  Else they are lost,
 * and undo, in a transaction of its own, takes back what the commit
 * stored (it fails, changing nothing, when something has built on it
 * since): -1, e saying why the records were lost; -2 when the take-back
 * failed too, undo_e saying why.  The command says e (and undo_e), and
 * exits 2; the library prints nothing.
 */
typedef int (*db_undo_fn)(sqlite3 *db, void *arg, struct gk_err *e);
/* Run undo in a transaction of its own: 0, or -1 (nothing changed) and
 * undo_e saying why. */
int db_take_back(sqlite3 *db, db_undo_fn undo, void *arg,
		 struct gk_err *undo_e);
int db_keep_if_out(sqlite3 *db, struct gk_out *o, bool put, db_undo_fn undo,
		   void *arg, struct gk_err *e, struct gk_err *undo_e);

/* migrations.c: the numbered schema migrations, in order. */
struct db_migration {
	int version;
	const char *name;
	const char *sql; /* may hold several statements */
};
extern const struct db_migration db_migrations[];
extern const size_t db_migration_count;

/* ------------------------------------------------------------------ */
/* jsonl.c: JSON Lines in and out                                      */
/* ------------------------------------------------------------------ */

/*
 * A streaming JSON Lines reader.  Lines of any length up to JL_MAX_LINE;
 * blank lines are skipped; a UTF-8 BOM on the first line is skipped.
 */
#define JL_MAX_LINE ((size_t)256 << 20)

struct jl_reader {
	FILE *fp;
	char *name; /* for messages: the path, or "-" -> "(stdin)" */
	bool own_fp;
	char *buf;
	size_t cap, len, pos;
	long line; /* line number of the record just returned */
	bool eof;
	struct jl_decoder *dec; /* jl_set_encoding's, or NULL: UTF-8 */
	/* jl_next: a bad line that is not UTF-8 but reads as GB18030 says
	 * JL_GBK_HINT in its message (set by a caller given no encoding) */
	bool gbk_hint;
};

/* path NULL or "-" is stdin.  The first block is read: a file in UTF-16
 * or UTF-32 (jl_refuse_utf16) is refused here, -1 and e saying so. */
int jl_open(struct jl_reader *r, const char *path, struct gk_err *e);
/* As jl_open, but read from fp (a spool of path, gk_spool_inputs'; left
 * open) when it is not NULL, path still naming it in messages. */
int jl_open_in(struct jl_reader *r, const char *path, FILE *fp,
	       struct gk_err *e);
/*
 * -1 and e "'name' is UTF-16LE (it begins with a byte-order mark); ..."
 * or "'name' looks like UTF-16LE without a byte-order mark; ..." (BE
 * alike, and UTF-32LE and BE: utf32_lookalike) when the first bytes of a
 * JSON Lines file, s[0..n) (at least UTF16_SNIFF of them, or all the
 * file), are UTF-16 or UTF-32; else 0.  JSON is UTF-8 (RFC 8259), and a
 * line of UTF-16 or UTF-32 does not end at the byte 0x0A.
 */
int jl_refuse_utf16(const char *name, const char *s, size_t n,
		    struct gk_err *e);
/*
 * Next record: 1 and *out set (caller owns, cJSON_Delete), 0 at end,
 * -1 on error with e "name:line: message".  After a parse error the reader
 * is positioned on the next line, so a caller may report and go on; after
 * an I/O error it returns -1 again.  Records that are not JSON objects are
 * errors.
 */
int jl_next(struct jl_reader *r, cJSON **out, struct gk_err *e);
/*
 * Index of the first raw control character (a byte < 0x20 other than tab
 * and CR) in s[0..n), or n when none.  JSON allows none, and cJSON would
 * cut a string short at a NUL; jl_next refuses such lines, and so must
 * callers of jl_next_line that parse the line themselves.
 */
size_t json_control_at(const char *s, size_t n);
/*
 * Index of the backslash of the first \u0000 escape inside a JSON string
 * (value or key) of s[0..n), or n when none.  cJSON ends the string there
 * ("A\u0000EVIL" reads as "A"), so an identifier would silently change;
 * jl_next refuses such lines, and so must callers of jl_next_line that
 * parse the line themselves.
 */
size_t json_nul_escape_at(const char *s, size_t n);
/*
 * After cJSON failed to parse text[0..len) of path: e says where, as an
 * editor shows it ("path:line:col: not valid JSON"), for a file an
 * officer edits by hand (a schema, a trust file, a plan, labels).
 */
void json_syntax_error(struct gk_err *e, const char *path, const char *text,
		       size_t len);
/*
 * The JSON document text[0..len) of path (a file an officer edits by
 * hand), nothing but white space after its value; NULL with e set as
 * json_syntax_error does, or, when something follows the value,
 * "path:line:col: not valid JSON (text after WHAT)": a second document
 * appended would otherwise be dropped without a word.
 */
cJSON *json_parse_document(const char *text, size_t len, const char *path,
			   const char *what, struct gk_err *e);
/*
 * The value of the JSON Lines line[0..len), only blanks (space, tab, the
 * CR of a CR CR LF line) after it; NULL when it is not JSON or more
 * follows ('{"a":1} x', two objects run together: *more true), *end
 * where the reading stopped (NULL when cJSON says nowhere).
 */
/*
 * The end of the JSON number at s[i], or i when none starts there (007,
 * 1., .5 are none); up to that end, *digits its decimal digits and *whole
 * whether it has neither fraction nor exponent.
 */
size_t json_number_end(const char *s, size_t n, size_t i, size_t *digits,
		       bool *whole);
cJSON *json_parse_line(const char *line, size_t len, const char **end,
		       bool *more);
/*
 * Index of the first place where s[0..n) leaves JSON's grammar in a way
 * cJSON lets through, or n when none: a number outside strings that is
 * not -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (cJSON reads 007,
 * 1. and -.5), or a control character (tab included) inside a string.
 * A text cJSON parses and this passes is JSON.
 */
size_t json_strict_at(const char *s, size_t n);
/*
 * cJSON takes some 80 bytes a value, a line of 256 MiB holds 85 million
 * ("[],[],..." or "\"\":0,...") and took over 6 GB.  A line may hold up
 * to JSON_MAX_VALUES values, counted as its commas and opening brackets
 * outside strings (within twice the values there are); the index of the
 * one past them, or n.
 */
#define JSON_MAX_VALUES ((size_t)1 << 20)
size_t json_values_past(const char *s, size_t n);
/*
 * Numbers JSON has not, json_values_past, and whether a whole number of
 * more than 15 digits is there (jl_keep_long_numbers has work), in one
 * pass over a line: the line readers ask all of every line.
 */
struct json_line_check {
	/* the first number outside strings whose integer part has a
	 * leading zero ("007", "-01"; "0", "0.5", "1e07" are fine), which
	 * cJSON reads as 7; the first number token that is not one JSON
	 * number whole ("1.", "-.5", "1.e5", "007" too), which cJSON reads
	 * as 1, -0.5 and 100000.  n when none; the line readers refuse both */
	size_t leading_zero, bad_number;
	size_t values_past; /* json_values_past */
	bool long_number;
};
void json_line_check(const char *s, size_t n, struct json_line_check *c);
/*
 * cJSON refuses arrays and objects nested deeper than JSON_MAX_DEPTH
 * (its nesting limit) as invalid JSON at some column; for a line it
 * refused, the index of the bracket that goes one deeper, or n: the
 * message can then say why.
 */
#define JSON_MAX_DEPTH 1000
size_t json_depth_past(const char *s, size_t n);
/*
 * cJSON holds a number as a double, which rounds a whole number of more
 * than 15 digits (an ID number written as a number: 150502199001011234
 * read as ...232).  Each such number of the tree parsed from line[0..len)
 * becomes a raw node of the digits it was written with: cJSON prints them
 * as they are, jl_number_text gives them (NULL for any other value), and
 * cJSON_IsNumber is false for it (no double holds it).  jl_parse_line
 * does this; a caller that parses a line itself calls it.
 */
void jl_keep_long_numbers(const char *line, size_t len, cJSON *root);
const char *jl_number_text(const cJSON *v);
/* Whether a line of s[0..n) is blank as JSON Lines readers skip one:
 * spaces, tabs and CRs only (a CR CR LF line end leaves one CR). */
bool jl_line_blank(const char *s, size_t n);
/*
 * JSON Lines are UTF-8 (RFC 8259), yet a program on a Chinese Windows
 * writes them in GBK; with --encoding a reader decodes each line to UTF-8
 * before it reads it as JSON.  A decoder for the encoding as --encoding
 * names it (csv_encoding_canonical): 0 and *out NULL for UTF-8 (nothing
 * to do); -1 and e for a name iconv does not know, or one in which a
 * line's end is not the byte 0x0A and JSON's brackets not ASCII (UTF-16:
 * the lines cannot be found before they are decoded).  name is the
 * file's, for messages.
 */
struct jl_decoder;
int jl_decoder_open(struct jl_decoder **out, const char *name,
		    const char *encoding, struct gk_err *e);
/* "gb18030", ...: what a record that names the encoding says. */
const char *jl_decoder_encoding(const struct jl_decoder *d);
/*
 * line[0..n) in UTF-8 (borrowed until the next call, NUL-terminated),
 * its length in *outn; each byte not valid in the encoding becomes 0xFF,
 * which UTF-8 has not either, and *bad is the index in line of the first
 * one, or n.
 */
char *jl_decode(struct jl_decoder *d, const char *line, size_t n, size_t *outn,
		size_t *bad);
void jl_decoder_free(struct jl_decoder *d);
/*
 * The reader decodes each line with a decoder for encoding (NULL: UTF-8,
 * as without); -1 and e as jl_decoder_open.  A line with bytes not valid
 * in the encoding is a bad line: "name:line: bytes not valid in gb18030
 * at byte N" (of the line as read).
 */
int jl_set_encoding(struct jl_reader *r, const char *encoding,
		    struct gk_err *e);
/* Like jl_next but returns the raw line (borrowed, NUL-terminated;
 * decoded, after jl_set_encoding). */
int jl_next_line(struct jl_reader *r, const char **line, size_t *len,
		 struct gk_err *e);
/*
 * Lines handed over in blocks, for a reader that keeps them after the
 * next read (a reader thread, the lines parsed later): jl_next_block
 * gives the whole lines the buffer holds (at least one) as a block the
 * caller owns, free(b->mem) when done; jl_block_line gives them one by
 * one, as jl_next_line would (counted in r->line, the first's BOM and a
 * CR at the end taken off, blank lines skipped, NUL-terminated), and
 * they stay until b->mem is freed.  1, 0 at the end (of the input, of
 * the block), -1 and e on a line too long or a read error.  UTF-8 only
 * (jl_set_encoding not called).  A line's JL_BLOCK_PAD bytes after its
 * NUL are the block's (the next lines, then zeros): a parser may read
 * them, and write in the line.
 */
#define JL_BLOCK_PAD 64
struct jl_block {
	char *mem;      /* the caller's to free */
	char *at, *end; /* the lines not yet given */
};
int jl_next_block(struct jl_reader *r, struct jl_block *b, struct gk_err *e);
int jl_block_line(struct jl_reader *r, struct jl_block *b, const char **line,
		  size_t *len);
/*
 * What jl_next makes of a line jl_next_line returned: 1 and *out set
 * (caller owns), or -1 with e "name:line: message", the same checks and
 * words.  For a caller that keeps the line's own text, text (may be NULL)
 * gets the object's text within line, without the white space (or a
 * BOM) around it: *text[0..*text_len) is the object and nothing else.
 */
int jl_parse_line(const struct jl_reader *r, const char *line, size_t len,
		  cJSON **out, const char **text, size_t *text_len,
		  struct gk_err *e);
void jl_close(struct jl_reader *r);

/*
 * What a file named *.json holds, from its first line: JSON Lines when
 * that line is a whole JSON object; one JSON document over several lines
 * (a Table Schema, a license pretty-printed) when it begins with '{' or
 * '[' and is not; else other (not JSON at all).  Other names, and a file
 * that cannot be opened (its reader says why), are other.  A pipe or a
 * device named *.json is not opened (its first line would be lost to the
 * reader) and is taken for JSON Lines.  Tools that read JSON Lines
 * refuse a document with a message of their own.
 */
enum jl_shape {
	JL_SHAPE_OTHER,
	JL_SHAPE_LINES,
	JL_SHAPE_DOCUMENT,
};
enum jl_shape jl_file_shape(const char *path);
/* For a tool that reads JSON Lines of things (licenses, entries): -1,
 * said, when one of the n paths is a JSON document (jl_file_shape),
 * before anything is read; else 0. */
int jl_refuse_documents(char *const *paths, int n, const char *things,
			const char *thing);

/* Write obj as one line (unformatted) + "\n".  -1 on write error. */
int jl_write(FILE *fp, const cJSON *obj);

/* ------------------------------------------------------------------ */
/* csv.c: streaming CSV / TSV reader                                   */
/* ------------------------------------------------------------------ */

/*
 * RFC 4180 with the usual tolerance: quoted fields with doubled quotes,
 * embedded CR/LF, CRLF or LF line ends, a missing final newline, a UTF-8
 * BOM.  The delimiter is detected from the first lines (',' '\t' ';' '|')
 * unless given; ".tsv"/".tab" means tab.  Encoding: UTF-8 unless the first
 * block is not valid UTF-8, then GB18030 (a superset of GBK and GB2312),
 * transcoded to UTF-8 through iconv; a file detected as UTF-8 whose bytes
 * were all ASCII switches to GB18030 at its first byte that is not UTF-8
 * (from its first byte not ASCII, when only a few two-byte characters
 * came between) when GB18030 decodes the rest of the block better
 * (csv_encoding then says so); UTF-16 and UTF-32 with a BOM are
 * transcoded too; or as given.  A file that looks like UTF-32 or UTF-16
 * without a BOM (NULs in one byte of many pairs, in two of each four) and
 * no encoding given: csv_open fails and says so.
 * Fields are returned as UTF-8.
 *
 * Row numbers are spreadsheet rows: the first record (header) is row 1,
 * each further record one more, whatever newlines a quoted field holds;
 * a blank line is a row too (returned with one empty field).  With
 * header_row N the rows above N (a title, notes) are read and dropped:
 * the first row returned is row N, the delimiter is guessed from it.
 */
#define CSV_MAX_RECORD ((size_t)256 << 20)
/* Fields of one record: each costs 32 bytes here and more in every tool
 * (gov-profile some 2 KB), and a record of 256 MiB of delimiters has 268
 * million.  Far more than a sheet's 16,384 columns: wide tables of
 * 100,000 columns are read. */
#define CSV_MAX_FIELDS 1048576

struct csv_options {
	char delimiter;       /* 0: detect */
	const char *encoding; /* NULL: detect; "utf-8", "gb18030", "gbk", ... */
	bool sha256;          /* compute the digest of the input (csv_sha256) */
	long header_row;      /* the header's row, 0 or 1: the first (also
				 read by xlsx_open_at's callers) */
};

struct csv_row {
	size_t nfields;
	char **fields; /* borrowed; each NUL-terminated */
	size_t *lens;  /* byte lengths */
	long row;      /* spreadsheet row number */
	long line;     /* physical line the record starts on */
	/* Index of the first field that held bytes invalid in the encoding
	 * (each such byte replaced by '?'), or -1. */
	long bad_encoding_field;
	/* The header row of a CSV file: a NUL byte was among the bytes of
	 * that field replaced by '?' (a name would end at it). */
	bool nul_replaced;
	bool unterminated_quote; /* file ended inside a quoted field */
	/* What else kept the row from being read cleanly, for a warning
	 * ("sheet 'S1': cell A2 given more than once, only the last value
	 * kept"), borrowed like fields; NULL when nothing.  Only the XLSX
	 * reader sets one. */
	const char *problem;
};

struct csv_reader;

/* path NULL or "-" is stdin.  NULL on error. */
struct csv_reader *csv_open(const char *path, const struct csv_options *o,
			    struct gk_err *e);
/* 1 and *row filled (borrowed until next call), 0 at end, -1 on error. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct gk_err *e);
/* Is every cell of the row empty?  (The readers skip such rows.) */
bool csv_row_blank(const struct csv_row *row);
/* Is every cell of the row empty or blanks only (utf8_blank_len: spaces,
 * tabs, a no-break or full-width space)?  Such a header row is none (an
 * export starting with an empty line): the tools refuse it, naming the
 * first row not blank for --header-row. */
bool csv_row_spaces_only(const struct csv_row *row);
/* That refusal, of name's header row `blank`: the first row not blank is
 * `next` (0: none, the file is blank rows only). */
void csv_blank_header_error(struct gk_err *e, const char *name, long blank,
			    long next);
/* Is a header row the first line of JSON Lines read as CSV (standard
 * input, a .txt file)?  Its first cell, cut at the first comma, begins
 * with '{' and a quoted key, as no header name does. */
bool csv_row_is_json_object(const struct csv_row *row);
char csv_delimiter(const struct csv_reader *r);
const char *csv_encoding(const struct csv_reader *r); /* "utf-8", "gb18030" */
/* An --encoding as the readers take it: "utf-8" for the names of UTF-8,
 * "gb18030" for the names GBK goes by (cp936, gb2312, ...), else enc. */
const char *csv_encoding_canonical(const char *enc);
/*
 * Whether s[0..n), not valid UTF-8, reads as GB18030 without a byte it
 * leaves out, as the readers' detection would take it (UTF-8 Chinese with
 * a stray byte stays UTF-8): JSON Lines are read as UTF-8 unless told, and
 * a tool that finds such a line says JL_GBK_HINT, once for the file.
 */
bool csv_reads_as_gb18030(const char *s, size_t n);
/*
 * "utf-16le" or "utf-16be" when the first bytes of a text without a BOM,
 * s[0..n) (only the first UTF16_SNIFF are looked at), look like UTF-16:
 * NULs in one byte of many pairs; NULL if not.  The CSV reader refuses
 * such a file unless given an encoding, the JSON Lines readers always
 * (jl_refuse_utf16); utf32_lookalike is asked first.
 */
#define UTF16_SNIFF ((size_t)64 << 10)
const char *utf16_lookalike(const char *s, size_t n);
/*
 * "utf-32le" or "utf-32be" when the first bytes of a text without a BOM,
 * s[0..n) (only the first UTF16_SNIFF are looked at), look like UTF-32:
 * every group of four a code point, its high bytes NUL; NULL if not.
 * Refused as utf16_lookalike's are, and told before them.
 */
const char *utf32_lookalike(const char *s, size_t n);
/* utf32_lookalike's answer, else utf16_lookalike's (UTF-32 first: its
 * text paired so looks like UTF-16's); *shown the name as a message
 * writes it ("UTF-16LE").  NULL if neither. */
const char *wide_lookalike(const char *s, size_t n, const char **shown);
/* The UTF-16 or UTF-32 whose byte-order mark s[0..n) begins with, as the
 * CSV reader reads the mark; *shown as a message writes it.  NULL (and
 * *shown NULL) for none, and for UTF-8's mark. */
const char *wide_bom(const char *s, size_t n, const char **shown);
#define JL_GBK_HINT \
	"the line reads as GB18030: if the file is GBK, give --encoding gbk"
const char *csv_name(const struct csv_reader *r);
/* With o->sha256: SHA-256 of every byte read so far (all the input once
 * csv_next returned 0), as 64 lowercase hex digits; "" without. */
void csv_sha256(struct csv_reader *r, char hex[65]);
void csv_close(struct csv_reader *r);

/* ------------------------------------------------------------------ */
/* table.c: any tabular file (CSV, TSV, JSON Lines, XLSX) as rows      */
/* ------------------------------------------------------------------ */

enum table_kind {
	TABLE_AUTO,
	TABLE_CSV,
	TABLE_JSONL,
	TABLE_XLSX,
};

/* From the file name: .jsonl .ndjson -> JSONL, .xlsx -> XLSX, else CSV. */
enum table_kind table_kind_of(const char *path);
/*
 * The same, looking into a .json file: JSON Lines when its first line is
 * a whole JSON object; a JSON document over several lines (a Table
 * Schema, say) is no table: -1 and e says so.  Other names: as
 * table_kind_of.
 */
int table_kind_detect(const char *path, enum table_kind *kind,
		      struct gk_err *e);

/*
 * --encoding names the encoding of a CSV file or of JSON Lines; a
 * workbook holds its own, so for a file read as one (kind TABLE_AUTO or
 * TABLE_XLSX, path named .xlsx) with encoding given: true, and e says
 * "path: --encoding ... ignored", for the tool to warn once for the file.
 */
bool table_encoding_unused(const char *path, enum table_kind kind,
			   const char *encoding, struct gk_err *e);

/* The highest --header-row: Excel's last row.  (JSON Lines have no
 * header row: the tools ignore --header-row for them.) */
#define TABLE_MAX_HEADER_ROW 1048576L

/* ------------------------------------------------------------------ */
/* xlsxread.c: streaming XLSX reader (libzip + expat)                  */
/* ------------------------------------------------------------------ */

/*
 * Reads one worksheet row by row with shared strings resolved; dates stay
 * as Excel serial numbers unless the cell's number format is a date, then
 * they come as ISO text (YYYY-MM-DD, or with time).  Rows are the
 * sheet's row numbers; missing rows are returned as blank rows so numbers
 * line up with what a person sees.
 *
 * Merged cells (the file has the value in a range's top-left cell only)
 * are given their range's value where a person reads it so: down a
 * column (a unit merged over the rows of its tasks), and across columns
 * on the header row and above (a header merged over two columns names
 * both); not across columns below the header (a "合计" merged over A:C
 * is column A's), not from a range that begins on or above the header
 * into the rows below it, and not into a data row with no cell of its
 * own (it stays blank).  A merged range that is no range of cells, or
 * that overlaps an earlier one, is ignored, and the first row handed out
 * says so (its problem).
 */
struct xlsx_reader;

/* sheet NULL: the first sheet.  NULL on error.  The header on row 1. */
struct xlsx_reader *xlsx_open(const char *path, const char *sheet,
			      struct gk_err *e);
/* The header on sheet row header_row (0 or 1: the first): the rows above
 * it are read and dropped, the first row xlsx_next returns is it. */
struct xlsx_reader *xlsx_open_at(const char *path, const char *sheet,
				 long header_row, struct gk_err *e);
/* Same contract as csv_next. */
int xlsx_next(struct xlsx_reader *r, struct csv_row *row, struct gk_err *e);
/* The column letters of a 0-based column: 0 -> "A", 27 -> "AB" (the
 * worksheet's 16,384 columns need three at most). */
void xlsx_column_letters(long col, char out[4]);
/* Names of the sheets in order (borrowed). */
size_t xlsx_sheet_count(const struct xlsx_reader *r);
const char *xlsx_sheet_name(const struct xlsx_reader *r, size_t i);
void xlsx_close(struct xlsx_reader *r);

/* ------------------------------------------------------------------ */
/* xlsxw.c: a stream of records into a workbook (gov-xlsx's engine)    */
/* ------------------------------------------------------------------ */

/*
 * Columns are the union of keys in first-seen order (nested objects as
 * "a.b", arrays of scalars joined with "; "); numbers are numbers, ISO
 * dates/times are Excel dates; header bold, frozen, filtered; widths fit
 * (CJK counts two); past 1,048,576 rows a sheet continues on the next;
 * constant memory.  Because the header must be known before row 2 in
 * constant-memory mode, records are spooled to a temporary file first.
 */
struct xlsxw_options {
	const char *type_filter; /* only records with this "type" */
	const char *sheet_by;    /* one sheet per value of this field */
	const char *columns;     /* "a,b,c": these columns in this order */
	const cJSON *labels;     /* {"column": "header label"} or NULL */
	const char *sheet_name;  /* default sheet name, NULL: "records" */
	long max_rows;           /* rows per sheet incl. header; 0: Excel's */
	bool no_mask;            /* keep resident IDs and phones unmasked */
	/* each array of objects also gets a sheet of its own, one row per
	 * object, tied to its record by the record's row (gov-xlsx) */
	bool element_sheets;
	/* columns naming an object stand for its leaf columns ("a" for
	 * "a.b", "a.c"), and a name no record has is warned about on
	 * stderr (gov-xlsx) */
	bool column_objects;
};

struct xlsxw;

struct xlsxw *xlsxw_new(const struct xlsxw_options *o, struct gk_err *e);
/* Add one record (not consumed).  -1 on error. */
int xlsxw_add(struct xlsxw *w, const cJSON *record, struct gk_err *e);
/* Add one record from its JSON text (one line; no NUL needed): the fast
 * path, no cJSON tree.  Invalid JSON or UTF-8 is an error (message
 * without the place; the caller prefixes "file:line: "). */
int xlsxw_add_json(struct xlsxw *w, const char *text, size_t len,
		   struct gk_err *e);
/* Where the next record comes from, for warnings (a cut long text);
 * name is borrowed until the next call. */
void xlsxw_set_source(struct xlsxw *w, const char *name, long line);
/* Records added so far (after --type filtering). */
long xlsxw_rows(const struct xlsxw *w);
/* Cells written with a loss so far (text cut to Excel's 32,767
 * characters), each warned about on stderr as it was added: a tool that
 * writes the workbook then exits 1. */
long xlsxw_cut_cells(const struct xlsxw *w);
/* Write the workbook atomically to path.  -1 on error (no file left),
 * also when the spool could not be written (a full disk, the file size
 * limit): told here, naming path, not by the add that met it. */
int xlsxw_finish(struct xlsxw *w, const char *path, struct gk_err *e);
void xlsxw_free(struct xlsxw *w);
/*
 * Text as a workbook cell must be written for Excel to read it back as
 * it was (into b, reset; false, b untouched, when s needs nothing): a
 * literal "_xHHHH_", which Excel would read as an escape, as
 * "_x005F_xHHHH_", and U+FFFE and U+FFFF, which XML cannot hold (no
 * reader could open the workbook), as the escapes "_xFFFE_", "_xFFFF_";
 * and a CR LF or a lone CR as a line feed, the line break of a cell
 * (a CR would be "_x000D_", which openpyxl and pandas read as such).
 * For every writer of workbooks, not only this one.
 */
bool xlsxw_text_escape(const char *s, size_t n, struct gk_buf *b);
/* Excel's limit on the text of a cell: 32,767 UTF-16 code units (a
 * character past U+FFFF takes two). */
#define XLSXW_CELL_MAX_UNITS 32767
/* Byte length of the longest prefix of valid UTF-8 s[0..n), whole
 * characters, that a cell holds: n when all of it does. */
size_t xlsxw_text_fit(const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* mask.c: masking of personal data                                    */
/* ------------------------------------------------------------------ */

/*
 * Resident ID numbers keep region (6) and last four: 150502********123X;
 * 15-digit ones keep 6 and 4 too.  Mobile numbers keep 3 and 4:
 * 138****5678.  mask_value masks a whole value that looks like one of
 * these; mask_text masks every such run inside free text.  Both append to
 * out (buf_reset first if you want only the result).
 */
void mask_value(const char *s, size_t n, struct gk_buf *out);
void mask_text(const char *s, size_t n, struct gk_buf *out);
/* A value of a personal field (cn-ric, cn-mobile), masked even when it is
 * malformed: as mask_value if it looks like one; with seven digits or more,
 * every character but the first and last quarter's (at most 3 and 2);
 * with fewer (a name, "N/A") as mask_text. */
void mask_personal(const char *s, size_t n, struct gk_buf *out);
/* True if the value looks like a resident ID or phone number. */
bool mask_is_personal(const char *s, size_t n);
/* True if mask_text would change s (some run in it is personal). */
bool mask_text_needed(const char *s, size_t n);
/* True if s holds what masking leaves: a digit, four '*' or more, a digit
 * or X, a hyphen or space allowed between ("138****5678",
 * "150502********123X", "138-****-5678"). */
bool mask_left(const char *s, size_t n);
/* Mask in place every string value of obj (recursively) that is personal. */
void mask_json(cJSON *obj);
/* Where to cut s[0..n) to keep at most k bytes (n when it fits): not
 * inside a number, nor a UTF-8 sequence.  A resident ID or phone number
 * cut short is no longer one to the masking of whoever prints the text,
 * and would show its first digits (an ID's region and birth date): what
 * is before the cut of such a run of digits goes too. */
size_t mask_cut(const char *s, size_t n, size_t k);

/* ------------------------------------------------------------------ */
/* ids.c: Chinese identifiers (GB 11643, GB 32100, GB 11714, ...)      */
/* ------------------------------------------------------------------ */

/*
 * Each check fills a result: ok, and if not, a message that says what was
 * expected ("check character is 4, expected X").  `warning` marks a value
 * that is acceptable but worth a note (a 15-digit legacy resident ID, a
 * USCC from the early pilots that fails its check character).
 */
struct id_result {
	bool ok;
	bool warning;
	char message[192];
};

/* GB 11643 resident ID; today may be NULL (no future-date check). */
void id_check_ric(const char *s, size_t n, const struct gk_date *today,
		  struct id_result *r);
/* GB 32100 unified social credit code (also checks the embedded
 * GB 11714 organization code and the registration-authority codes). */
void id_check_uscc(const char *s, size_t n, struct id_result *r);
/* GB 11714 organization code, "12345678-9" or "123456789". */
void id_check_orgcode(const char *s, size_t n, struct id_result *r);
/* Mainland mobile number: 11 digits starting 13-19 (+86 allowed). */
void id_check_mobile(const char *s, size_t n, struct id_result *r);
/* Six-digit postcode. */
void id_check_postcode(const char *s, size_t n, struct id_result *r);
/* GB/T 2260 administrative division code: 6 digits, a known province,
 * or 9/12-digit extensions for townships/villages. */
void id_check_division(const char *s, size_t n, struct id_result *r);

/* Check characters, for generators and tests.  Inputs must be valid
 * characters of the right length; return 0 if not. */
char id_ric_check_char(const char digits17[17]);
char id_uscc_check_char(const char chars17[17]);
char id_orgcode_check_char(const char chars8[8]);
/* Province-level region code (first two digits of a RIC or division). */
bool id_province_valid(int code);
/* An ASCII digit, as identifiers are written: '0' to '9' whatever the
 * locale.  Inline: the masking tries it on every character of a text. */
static inline bool
id_is_digit(char c)
{
	return c >= '0' && c <= '9';
}
/* A UUID's shape: 36 characters, hex digits 8-4-4-4-12 with hyphens. */
#define ID_UUID_LENGTH 36
bool id_is_uuid(const char *s, size_t n);

/*
 * GB/T 36904 national electronic license identifier (电子证照标识):
 * 1.2.156.3005.2.{type code}.{issuer USCC}.{serial}.{version}.{check},
 * the check character ISO 7064 MOD 37,36 (0-9A-Z) over the type code,
 * issuer, serial and version with the dots left out (not over the arc
 * 1.2.156.3005.2).  id_license_id_check_char takes those characters
 * (digits and capitals) and returns 0 if one is not.
 */
void id_check_license_id(const char *s, size_t n, struct id_result *r);
char id_license_id_check_char(const char *chars, size_t n);
/* The issuer USCC inside a license identifier into out[19]; 0 / -1. */
int id_license_id_issuer(const char *s, size_t n, char out[19]);

/* ------------------------------------------------------------------ */
/* schema.c: Frictionless Table Schema with govkit's extensions        */
/* (owned by gov-check's work; gov-records uses the typing)            */
/* ------------------------------------------------------------------ */

struct schema; /* opaque */

/* Load and validate a schema file.  Errors name the place:
 * "schema.json: fields[3].constraints.pattern: ...".  NULL on error. */
struct schema *schema_load(const char *path, struct gk_err *e);
/* The same from a parsed schema (borrowed), name for the messages. */
struct schema *schema_from_json(const cJSON *root, const char *name,
				struct gk_err *e);
/* True when the schema is read from standard input ("-") and so would be
 * the data (no files, or one named "-"): the caller's usage error. */
bool schema_stdin_clash(const char *path, char *const *files, int nfiles);
#define SCHEMA_STDIN_CLASH_MSG \
	"-s -: standard input cannot give both the schema and the data; " \
	"name the data file"
void schema_free(struct schema *s);
/* 0 when format is one schema_load takes for a field of type (a Table
 * Schema type name), else -1 with why ("unknown string format 'x'"). */
int schema_format_check(const char *type, const char *format, struct gk_err *e);
/* A field's member holding a govkit format a strict Table Schema reader
 * would refuse in "format" (cn-uscc): read as the format when "format" is
 * absent or "default".  gov-catalog's Data Package writes it. */
#define SCHEMA_NS_FORMAT "govkit:format"
size_t schema_field_count(const struct schema *s);
const char *schema_field_name(const struct schema *s, size_t i);
/* Index of the field named name, or -1. */
long schema_field_index(const struct schema *s, const char *name);
/*
 * Typed JSON value of a cell for field i: integer/number -> number,
 * boolean -> bool, a missing value (missingValues) -> null, others ->
 * string.  NULL when the value does not cast (then the caller keeps it as
 * a string or reports a type finding).
 */
cJSON *schema_cast(const struct schema *s, size_t i, const char *v, size_t n);

/* What gov-check needs beyond the casting (single-threaded per schema). */
enum schema_type {
	SCHEMA_STRING,
	SCHEMA_INTEGER,
	SCHEMA_NUMBER,
	SCHEMA_BOOLEAN,
	SCHEMA_DATE,
	SCHEMA_DATETIME,
	SCHEMA_TIME,
	SCHEMA_YEAR,
	SCHEMA_ANY,
	SCHEMA_YEARMONTH,
	SCHEMA_DURATION,
	SCHEMA_GEOPOINT,
	SCHEMA_GEOJSON,
	SCHEMA_OBJECT,
	SCHEMA_ARRAY,
};

/* A typed cell.  date: days since 1970-01-01 (a yearmonth: of its 1st);
 * datetime: seconds since the epoch (UTC when an offset was given); time:
 * seconds since midnight; the fraction of a datetime's or time's second
 * in ns (to the nanosecond, digits past the ninth dropped; 0 for the
 * other kinds); duration, geopoint, geojson, object, array: their text,
 * once it is one.
 * s/n: the text (borrowed from the caller's cell). */
enum schema_vkind {
	SV_NULL,
	SV_INT,
	SV_NUM,
	SV_BOOL,
	SV_STR,
	SV_DATE,
	SV_DATETIME,
	SV_TIME,
};
struct schema_value {
	enum schema_vkind kind;
	bool invalid; /* the text did not cast (kind is SV_NULL then) */
	bool zoned;   /* a datetime written with 'Z' or an offset: an instant */
	int32_t ns;   /* datetime, time: nanoseconds past u.i's second */
	union {
		int64_t i;
		double d;
		bool b;
	} u;
	const char *s;
	size_t n;
};

/* One problem with one cell; check is a gov-check code ("type"...). */
struct schema_issue {
	const char *check;
	bool warning;
	char message[224];
};
#define SCHEMA_MAX_ISSUES 8

/* "Today" for cn-ric's birth-date check; NULL: none. */
void schema_set_today(struct schema *s, const struct gk_date *today);
/*
 * Check one present cell of field i: missing value, required, type,
 * format, constraints (unique is the caller's).  Fills *val, writes up to
 * SCHEMA_MAX_ISSUES issues and returns how many.
 */
size_t schema_check_cell(struct schema *s, size_t i, const char *v, size_t n,
			 struct schema_value *val, struct schema_issue *out);
/* Whether v is one of the schema's missingValues (the table's list, for a
 * column the schema does not name). */
bool schema_is_missing(const struct schema *s, const char *v, size_t n);
/* Cast only: 0 ok (val may be SV_NULL for a missing value), -1 not. */
int schema_value_parse(const struct schema *s, size_t i, const char *v,
		       size_t n, struct schema_value *val);
/* Compare two values of one kind: <0, 0, >0. */
int schema_value_cmp(const struct schema_value *a,
		     const struct schema_value *b);
/* Hash of the value's canonical form (1 and 01 are the same integer). */
uint64_t schema_value_hash(const struct schema_value *v, uint64_t seed);

enum schema_type schema_field_type(const struct schema *s, size_t i);
/* The format as written ("cn-ric", "%d/%m/%Y"), NULL for default. */
const char *schema_field_format(const struct schema *s, size_t i);
bool schema_field_required(const struct schema *s, size_t i);
bool schema_field_unique(const struct schema *s, size_t i);
/* True when field i has what the gov-check code check looks at in a cell
 * ("format": a string format; "minimum", "maximum", "pattern", "enum",
 * "min-length", "max-length", "required", "unique"). */
bool schema_field_has_check(const struct schema *s, size_t i,
			    const char *check);
/* True when values of field i are personal data (cn-ric, cn-mobile). */
bool schema_field_personal(const struct schema *s, size_t i);
/* How field i writes a value that JSON Lines give typed: a boolean field's
 * first trueValues or falseValues word (NULL: not a boolean field), a
 * number field's decimalChar (NULL: not a number field, or '.'). */
const char *schema_field_bool_word(const struct schema *s, size_t i, bool b);
const char *schema_field_decimal_char(const struct schema *s, size_t i);

/* Keys as arrays of field indexes (borrowed); 0 fields: none. */
size_t schema_primary_key(const struct schema *s, const size_t **fields);
size_t schema_unique_key_count(const struct schema *s);
size_t schema_unique_key(const struct schema *s, size_t k,
			 const size_t **fields);
struct schema_fkey {
	size_t nfields;
	size_t *fields;    /* local field indexes */
	char *resource;    /* NULL or "": this same table */
	char **ref_fields; /* names in the referenced table */
	long *ref_index;   /* self-reference: their field indexes */
};
size_t schema_foreign_key_count(const struct schema *s);
const struct schema_fkey *schema_foreign_key(const struct schema *s, size_t k);

/* rules: evaluate on a row's typed values (vals[i] for field i).
 * 1 holds, 0 fails, -1 unknown (a null operand: not a failure). */
size_t schema_rule_count(const struct schema *s);
const char *schema_rule_name(const struct schema *s, size_t k);
const char *schema_rule_assert(const struct schema *s, size_t k);
bool schema_rule_warning(const struct schema *s, size_t k);
int schema_rule_eval(const struct schema *s, size_t k,
		     const struct schema_value *vals);
/* Set seen[i] for each field i rule k reads (seen: one a field). */
void schema_rule_mark_fields(const struct schema *s, size_t k, bool *seen);

/* freshness: false when the schema has none. */
bool schema_freshness(const struct schema *s, size_t *field,
		      long *max_age_days);
/* rowCount: false when none; an absent bound is -1. */
bool schema_row_count(const struct schema *s, long *min, long *max);

/* rules.c: the expression language of `rules` (govkit-schema(5)). */
struct rule_expr;
/* Field names resolve through s.  Errors: "column N: message". */
struct rule_expr *rule_compile(const char *text, const struct schema *s,
			       struct gk_err *e);
int rule_eval(const struct rule_expr *r, const struct schema_value *vals);
void rule_free(struct rule_expr *r);
/* Set seen[i] for each field i the rule reads (seen: one a field). */
void rule_mark_fields(const struct rule_expr *r, bool *seen);

/* ------------------------------------------------------------------ */
/* profile.c: column profiles (gov-profile, gov-catalog describe)      */
/* ------------------------------------------------------------------ */

struct profile_options {
	struct csv_options csv; /* its header_row serves XLSX too */
	size_t top;             /* how many top values, 0: default 5 */
	size_t exact_limit; /* distinct counted exactly up to this, 0: default */
	bool no_mask;       /* show resident IDs and phones in top/min/max */
	enum table_kind kind; /* TABLE_AUTO: from the name (table_kind_of) */
	const char *sheet;    /* XLSX: this sheet, NULL: the first */
	/* the day an ID's birth date must not be after (--today); NULL: the
	 * clock's */
	const struct gk_date *today;
};

#define PROFILE_TOP_DEFAULT 5
#define PROFILE_EXACT_DEFAULT 20000

/*
 * Profile one file (CSV/TSV in any encoding csv.c reads, JSON Lines, XLSX):
 * the `profile` record of the contract, as cJSON (caller owns).  NULL on
 * error.  Per field, besides the contract's keys: "distinct_exact" (false
 * when distinct is a HyperLogLog estimate; top counts are then lower
 * bounds and "top_exact" is false), "distinct_values" (when fewer than
 * distinct: texts that are one value of the column's type, 1 and 1.0, by
 * gov-check's comparison of keys, schema_value_parse and
 * schema_value_hash), "header" (the header cell, blank or
 * repeated, of a field named column_N or name_N), "true_values" and
 * "false_values" for booleans, "masked" when personal data was masked.
 * On the record,
 * "encoding_error_rows" when rows had bytes not valid in the encoding
 * (replaced by '?'; the first ones named on stderr through gk_warn).
 * "format" is a Chinese identifier format (cn-ric ...), "email", "uri",
 * or a date pattern ("%Y/%m/%d"), as a Table Schema field's format.
 */
cJSON *profile_file(const char *path, const struct profile_options *o,
		    struct gk_err *e);
/* A Table Schema draft from a profile record (caller owns): types,
 * formats, required, loose minimum/maximum, enum for few values,
 * primaryKey for a unique identifier column. */
cJSON *profile_to_schema(const cJSON *profile);
/*
 * The same one field at a time, for a wide file whose whole record would
 * not fit in memory (a million columns: 2 GB of cJSON): profile_open
 * reads the file (NULL on error), profile_head is the record without
 * "fields" (the profiled's), profile_field the next field's record
 * (caller owns; NULL after the last; the field's values are freed), in
 * the order of "fields".  profile_schema_field is profile_to_schema's
 * field of a profiled one (NULL: none), *key set when it is a primary
 * key candidate (the first one is the key); profile_schema_rest adds
 * what follows "fields" to a draft, key the primary key's name or NULL.
 */
struct profiled;
struct profiled *profile_open(const char *path, const struct profile_options *o,
			      struct gk_err *e);
const cJSON *profile_head(const struct profiled *pd);
size_t profile_nfields(const struct profiled *pd);
cJSON *profile_field(struct profiled *pd);
void profile_close(struct profiled *pd);
long profile_nonblank(const cJSON *profile);
cJSON *profile_schema_field(const cJSON *f, long nonblank, bool *key);
cJSON *profile_schema_rest(cJSON *schema, const char *key);

/* ------------------------------------------------------------------ */
/* http.c: the client of the central API (libcurl)                     */
/* (owned by gov-submit's work; gov-license, gov-catalog, gov-report)  */
/* ------------------------------------------------------------------ */

struct http_options {
	const char *base_url;    /* GOVKIT_API */
	const char *token;       /* bearer token or NULL; never printed */
	const char *cacert;      /* --cacert FILE or NULL */
	long connect_timeout_ms; /* 0: default */
	long timeout_ms;         /* 0: default */
	int max_retries;         /* <0: default */
	long backoff_ms;         /* first back-off; 0: default */
	long max_backoff_ms;     /* cap; 0: default */
	long max_retry_after_ms; /* longer Retry-After: stop retrying; 0: default */
};

struct http_response {
	long status; /* HTTP status, 0 when no answer came */
	struct gk_buf body;
	long retry_after_ms; /* from Retry-After, -1 if none */
	int attempts;        /* how many tries were made */
	/* No answer, and trying again later cannot help either (bad URL,
	 * TLS verification failed, answer too large): a configuration
	 * problem, not a network one. */
	bool permanent;
};

struct http_client;

/* From config (api, token/token_file, cacert); NULL on error. */
struct http_client *http_client_new(const struct http_options *o,
				    struct gk_err *e);
void http_client_free(struct http_client *c);
/*
 * One call with retries for 408, 429, 5xx, refused connections and
 * time-outs (exponential back-off with jitter, Retry-After honoured).
 * method "GET" or "POST"; path is appended to base_url; body may be NULL;
 * extra_headers is NULL or a NULL-terminated array of "Name: value".
 * Returns 0 when an answer came (any status: look at resp->status), -1 when
 * none came after the retries (e says why).  resp is initialised here;
 * release with http_response_release.
 */
int http_request(struct http_client *c, const char *method, const char *path,
		 const char *body, size_t body_len,
		 const char *const *extra_headers, struct http_response *resp,
		 struct gk_err *e);
void http_response_release(struct http_response *resp);
/* True for statuses worth retrying (408, 429, 5xx). */
bool http_status_retryable(long status);

/*
 * A client from the configuration: "api" (GOVKIT_API), the token
 * (config_token: GOVKIT_TOKEN or a token file only its owner can read),
 * "cacert" unless cacert is given (--cacert), and the tunables, all in
 * seconds (decimals allowed): "http_timeout" (60), "http_connect_timeout"
 * (10), "http_backoff" (0.5, doubled each retry up to "http_max_backoff",
 * 30, with jitter), "http_max_retry_after" (120: a longer Retry-After ends
 * the retries at once), and "http_retries" (5).  No "api": NULL and
 * e says so.  The token is copied and wiped on free.
 */
struct http_client *http_client_from_config(const struct gk_config *cfg,
					    const char *cacert,
					    struct gk_err *e);
/*
 * The largest answer body the client takes, in bytes; a larger answer ends
 * the request with an error (permanent).  0 restores the default, 64 MiB.
 * For a call that is known to answer more (gov-license sync), not to lift
 * the cap.  Such a caller reads the answer member by member: it is not
 * held to JSON_MAX_VALUES, as other answers are (a larger one ends the
 * request with an error, permanent).
 */
void http_client_set_max_body(struct http_client *c, size_t max);
/* Longest time one http_request may take with all its retries, in ms. */
long http_client_max_duration_ms(const struct http_client *c);
/*
 * A one-line description of a non-2xx answer for messages: the "error"
 * (or CKAN "error.message") member of a JSON body, else the start of the
 * body, else "HTTP 503".  Written to e.
 */
void http_response_describe(const struct http_response *resp, struct gk_err *e);
/* "HTTP 422: " and a text of the server's about the answer of that
 * status, cut, made printable and blotted out as http_response_describe
 * does the "error" of a body.  Written to e. */
void http_text_describe(long status, const char *text, struct gk_err *e);
/* Blot out, in place, the secrets of the client in use (its bearer token;
 * the password of a USER:PASSWORD@ address and the base64 credential
 * HTTP Basic authentication makes of it) wherever one appears whole in s
 * (a server's text about a request: an echo must not be printed or
 * stored); http_response_describe does so already, and also blots the
 * start of one where it cuts a long text short. */
void http_redact(char *s);
/* A secret libcurl gave (the password of an address) wiped and freed;
 * NULL is fine. */
void http_free_secret(char *s);
/* What the client in use sends to be let in: a bearer token, the user
 * and password of its address (HTTP Basic), or nothing. */
enum http_credential { HTTP_CRED_NONE, HTTP_CRED_TOKEN, HTTP_CRED_ADDRESS };
enum http_credential http_credential(void);

/* ------------------------------------------------------------------ */
/* outbox.c: durable delivery of records to the central API            */
/* (owned by gov-submit's work; tools with --submit use it)            */
/* ------------------------------------------------------------------ */

struct outbox_result {
	long queued;   /* records committed to the outbox by this call */
	long skipped;  /* given, not queued: the same record still queued */
	long sent;     /* records accepted by the server */
	long rejected; /* records the server rejected (kept with message) */
	long pending;  /* records still queued after this call */
	/* batches settled on a 2xx whose entries or counts were wrong (an
	 * index naming no record): the server's defect, warned; exit 1 */
	long defective;
};

/*
 * Commit records (each a JSON text of one object) to the outbox for
 * endpoint (e.g. "findings") in one transaction.  0 / -1.
 */
int outbox_enqueue(sqlite3 *db, const char *endpoint, const char *const *json,
		   size_t n, struct gk_err *e);
/*
 * Send what is queued (for endpoint, or all when NULL) in batches of
 * batch_size.  Returns GK_EXIT_OK, GK_EXIT_FOUND (some rejected, or a
 * 2xx answer with a defect: res->defective),
 * GK_EXIT_QUEUED (some still queued: server unreachable) or GK_EXIT_FAIL.
 */
int outbox_flush(sqlite3 *db, struct http_client *c, const char *endpoint,
		 size_t batch_size, struct outbox_result *res,
		 struct gk_err *e);

/* Default records per batch, and the cap on one batch's body. */
#define OUTBOX_DEFAULT_BATCH 500
#define OUTBOX_MAX_BATCH_BYTES ((size_t)8 << 20)

/* An endpoint name: [a-z0-9][a-z0-9_-]*, at most 64 bytes. */
bool outbox_endpoint_valid(const char *name);
/* The gov-submit command that reaches a run's outbox again, for the end
 * of a message that tells the officer to run it: "gov-submit [--db DB]
 * [--cacert FILE] ACTION", each path quoted as a POSIX shell reads it;
 * db (--db) and cacert NULL when not given; the database named is
 * db_named_path(db).  Into b (reset), b->data returned. */
const char *outbox_command(struct gk_buf *b, const char *db, const char *cacert,
			   const char *action);
/* On standard error: "N records kept queued; [once that is put right, ]to
 * send them, run: " and the outbox_command that flushes them. */
void outbox_warn_queued(long pending, bool put_right, const char *db,
			const char *cacert);

/*
 * Streaming enqueue, for input of any size: begin opens one transaction
 * (BEGIN IMMEDIATE), add inserts a record (json[0..len), one object),
 * commit makes them all durable at once, abort drops them all.
 * A record whose text is that of one still queued for the same endpoint
 * by an earlier call is not queued again (counted in skipped, not in
 * count): the same input given twice, before it was delivered (a run
 * again after exit 3 or 2, two cron runs at once), is sent once.  The
 * records of one call are all queued, repeated or not.
 */
struct outbox_queued; /* what was queued before the call: hashes and ids */
struct outbox_writer {
	sqlite3 *db;
	sqlite3_stmt *insert;
	sqlite3_stmt *cursor;
	sqlite3_stmt *same; /* is record ? still queued with this text */
	struct outbox_queued *queued;
	char last_endpoint[65];
	char now[32];
	long count;
	long skipped;
};
int outbox_writer_begin(struct outbox_writer *w, sqlite3 *db, struct gk_err *e);
int outbox_writer_add(struct outbox_writer *w, const char *endpoint,
		      const char *json, size_t len, struct gk_err *e);
int outbox_writer_commit(struct outbox_writer *w, struct gk_err *e);
void outbox_writer_abort(struct outbox_writer *w);

/* A record the server rejected (all borrowed for the callback's time). */
struct outbox_rejection {
	long id; /* its number in the outbox */
	const char *endpoint;
	const char *record;    /* JSON text */
	const char *queued_at; /* ISO 8601 UTC */
	const char *rejected_at;
	long status;       /* HTTP status of the answer */
	const char *error; /* the server's message */
};

struct outbox_flush_options {
	size_t batch_size; /* 0: OUTBOX_DEFAULT_BATCH */
	/* After each batch (may be NULL). */
	void (*progress)(void *arg, const struct outbox_result *r);
	/* For each record rejected by this flush (may be NULL). */
	void (*rejected)(void *arg, const struct outbox_rejection *r);
	void *arg;
};

/*
 * outbox_flush with options.  Batches are claimed inside BEGIN IMMEDIATE
 * with a lease (host, pid, time), so two processes never send one batch
 * at once; a batch held by a live process elsewhere is waited for (up to
 * two minutes, then GK_EXIT_QUEUED); one
 * held by a dead process (SIGKILL) or past its lease is taken over with
 * its Idempotency-Key.  401, 403, 404 and 407 answers stop the flush with
 * GK_EXIT_FAIL and keep the records queued (a configuration problem, not
 * the records').  A 413 answer replaces a batch of more than one record
 * by two batches of its halves, with keys of their own, sent next (a
 * split is neither sent nor rejected in res); batches formed later in the
 * same flush are kept under half the body that got 413.  One record alone
 * that gets 413 is rejected.
 */
int outbox_flush_opts(sqlite3 *db, struct http_client *c, const char *endpoint,
		      const struct outbox_flush_options *o,
		      struct outbox_result *res, struct gk_err *e);

/* What the outbox holds for one endpoint. */
struct outbox_status {
	char *endpoint;
	long pending;     /* records queued */
	long batches;     /* batches formed and not yet delivered */
	long rejected;    /* records rejected, kept */
	long delivered;   /* records delivered (outbox_log) */
	char *oldest;     /* queued_at of the oldest queued record or NULL */
	char *last_error; /* of the last failed try, or NULL */
	char *last_try_at;
	char *last_sent_at; /* of the last delivered batch, or NULL */
	/* the warning about the endpoint's last settled batch when the
	 * 2xx or 4xx that settled it was wrong about it (res->defective:
	 * answer_defect), and when it was sent; NULL when there was none
	 * or a batch was settled since on an answer right about it */
	char *last_defect;
	char *last_defect_at;
};

/* One entry per endpoint known to the outbox (endpoint NULL: all),
 * sorted by name.  Free with outbox_status_free. */
int outbox_status_list(sqlite3 *db, const char *endpoint,
		       struct outbox_status **list, size_t *n,
		       struct gk_err *e);
void outbox_status_free(struct outbox_status *list, size_t n);
/* Call fn for each rejected record (oldest first); fn returns non-zero
 * to stop.  -1 on a database error. */
int outbox_rejected_each(sqlite3 *db, const char *endpoint,
			 int (*fn)(void *arg, const struct outbox_rejection *r),
			 void *arg, struct gk_err *e);
/* Put rejected records back in the queue (an explicit resend); *n gets
 * how many. */
int outbox_requeue_rejected(sqlite3 *db, const char *endpoint, long *n,
			    struct gk_err *e);

/*
 * Which rejected records to drop for good (gov-submit --drop-rejected),
 * and what to do with them first.  each is called for every record
 * selected (oldest first), in a read transaction that holds no writer up,
 * then done; the records told are deleted, by their numbers, only when
 * both returned 0 (non-zero: e says why, nothing dropped), and never with
 * keep (a dry run).  Nothing is dropped either when one of them is gone
 * meanwhile (requeued or dropped by another process).
 */
struct outbox_drop {
	const char *endpoint; /* NULL: every endpoint */
	const char *before;   /* rejected before this ISO 8601 UTC instant
			       * ("...Z", as rejected_at); NULL: any time */
	const char *ids;      /* a JSON array of record numbers; NULL: any */
	bool keep;
	int (*each)(void *arg, const struct outbox_rejection *r,
		    struct gk_err *e);
	int (*done)(void *arg, struct gk_err *e); /* may be NULL */
	void *arg;
};
/* 0, *n the records dropped (or, with keep, that would be); -1 and e. */
int outbox_drop_rejected(sqlite3 *db, const struct outbox_drop *d, long *n,
			 struct gk_err *e);

/* A batch that would be sent: key NULL when not formed yet. */
struct outbox_plan_batch {
	const char *endpoint;
	long records;
	size_t bytes;
	const char *key;
};
/* Call fn for each batch a flush would send now, without sending or
 * changing anything. */
int outbox_plan(sqlite3 *db, const char *endpoint, size_t batch_size,
		void (*fn)(void *arg, const struct outbox_plan_batch *b),
		void *arg, struct gk_err *e);

#endif /* GOVKIT_H */
