/*
 * csv.c: a streaming CSV/TSV reader.
 *
 * Input is read in large blocks into one buffer (transcoded to UTF-8
 * through iconv when it is not UTF-8) and parsed in place by a resumable
 * state machine: when a record runs past the end of the buffer, the
 * unfinished record is moved to the front, more is read, and parsing goes
 * on where it stopped.  Field positions are kept relative to the record's
 * start so that move costs nothing else.  Unquoted runs are scanned with a
 * byte-class table and a sentinel after the data, quoted runs with memchr;
 * doubled quotes are unescaped in place (the text only ever shrinks).
 */
#include "govkit.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/evp.h>

#define CSV_BLOCK ((size_t)1 << 20)
/* Bytes at the start used to guess the encoding and the delimiter. */
#define CSV_SNIFF ((size_t)64 << 10)
#define CSV_REPLACEMENT '?'
/* Characters valid in UTF-8 that may come before the first invalid byte
 * of a GBK text found after an ASCII start (see gbk_lookalike). */
#define CSV_SWITCH_LOOKBACK 8
/* Room after the data: the sentinel and the scanner's 8-byte reads. */
#define CSV_SLACK 16
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

enum parse_state {
	S_FIELD_START,
	S_UNQUOTED,
	S_QUOTED,
	S_QUOTED_QUOTE, /* saw '"' inside a quoted field */
};

enum encoding {
	ENC_UTF8,
	ENC_ICONV,
};

struct csv_reader {
	int fd;
	bool own_fd;
	char *name;
	bool eof;
	bool failed;

	/* Encoding. */
	enum encoding enc;
	char *enc_name;
	iconv_t cd;
	char *raw; /* undecoded input (iconv mode) */
	size_t raw_len, raw_pos;
	size_t valid_upto; /* UTF-8 mode: bytes of buf already validated */
	/* UTF-8 mode: the start of a sequence cut by the end of a read,
	 * held back until the next read so the parser never sees it. */
	char pending[4];
	size_t npending;
	/* Detected UTF-8 and every byte so far ASCII: GB18030 may still
	 * turn out to be the encoding (see switch_to_gb18030). */
	bool may_switch;

	/* Decoded UTF-8 text; buf[len] is always a sentinel '\n'. */
	char *buf;
	size_t cap, len;

	/* Parser state, resumable across refills. */
	enum parse_state state;
	size_t rec;    /* start of the current record */
	size_t pos;    /* read position */
	size_t w;      /* write position (unescaping) */
	size_t fstart; /* start of the current field's text */
	bool skip_lf;  /* last record ended with '\r' */
	long embedded_newlines;
	unsigned char special[256];
	char delim;
	uint64_t delim_chunk; /* the delimiter in every byte */

	/* Fields of the current record: starts relative to rec. */
	size_t nf, fcap;
	bool too_many; /* past CSV_MAX_FIELDS: the rest not kept */
	size_t *fs, *fl;
	char **fields;
	size_t *lens;

	/* Offsets in buf of bytes replaced because they were invalid. */
	size_t *bad;
	size_t nbad, badcap;

	long row;
	long next_line;
	long header_row; /* rows above it are read and dropped */

	EVP_MD_CTX *sha;
};

/* ---- input and decoding ------------------------------------------- */

static void
hash_input(struct csv_reader *r, const char *p, size_t n)
{
	if (r->sha && n)
		EVP_DigestUpdate(r->sha, p, n);
}

static ssize_t
read_some(struct csv_reader *r, char *dst, size_t n, struct gk_err *e)
{
	ssize_t got;

	do
		got = read(r->fd, dst, n);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		gk_err_set(e, "unable to read '%s':", r->name);
		r->failed = true;
		return -1;
	}
	hash_input(r, dst, (size_t)got);
	return got;
}

static void
note_bad(struct csv_reader *r, size_t offset)
{
	if (r->nbad == r->badcap) {
		r->badcap = r->badcap ? r->badcap * 2 : 16;
		r->bad = gk_xrealloc(r->bad, r->badcap * sizeof *r->bad);
	}
	r->bad[r->nbad++] = offset;
}

/* True if s[0..n) is the start of a valid multi-byte sequence cut short. */
static bool
truncated_sequence(const unsigned char *s, size_t n)
{
	size_t need;

	if (n == 0 || n > 3)
		return false;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 4;
	else
		return false;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return false;
	return n < need;
}

static size_t utf8_errors(const char *s, size_t n, bool eof);
static size_t gb18030_errors(const char *s, size_t n, bool eof);
static int decode_raw(struct csv_reader *r, struct gk_err *e);

/* Bytes of s[0..n) before the first that is not ASCII. */
static size_t
ascii_length(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/*
 * The first bytes were ASCII and the encoding was guessed from them, so a
 * GBK export whose first Chinese text comes after the sniffed block was
 * taken for UTF-8.  At the first byte that is not UTF-8, if GB18030
 * decodes the rest of the block from `from' (the first byte that is not
 * ASCII, not yet parsed) with fewer errors, decode from there on as
 * GB18030: the ASCII before reads the same in both, so nothing is read
 * again (standard input works too).  1 when switched.
 */
static int
switch_to_gb18030(struct csv_reader *r, size_t from, struct gk_err *e)
{
	const char *rest = r->buf + from;
	size_t n = r->len - from;

	r->may_switch = false;
	if (gb18030_errors(rest, n, r->eof) >= utf8_errors(rest, n, r->eof))
		return 0;
	r->cd = iconv_open("UTF-8", "GB18030");
	if (r->cd == (iconv_t)-1)
		return 0;
	free(r->enc_name);
	r->enc_name = gk_xstrdup("gb18030");
	r->enc = ENC_ICONV;
	/* room for a block more than fill's reads leave in raw */
	r->raw = gk_xmalloc(CSV_BLOCK * 2);
	memcpy(r->raw, rest, n);
	memcpy(r->raw + n, r->pending, r->npending);
	r->raw_len = n + r->npending;
	r->raw_pos = 0;
	r->npending = 0;
	r->len = r->valid_upto = from;
	if (decode_raw(r, e) != 0)
		return -1;
	return 1;
}

/*
 * Whether the valid UTF-8 in s[0..n), before the first invalid byte, may be
 * GBK text whose bytes happen to be valid UTF-8: a few characters of two
 * bytes (the Latin, Greek and Cyrillic letters a GBK pair such as D2 BB
 * reads as).  A Chinese character is three bytes in UTF-8, so a UTF-8
 * file's Chinese text never looks like this.
 */
static bool
gbk_lookalike(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0xE0)
			return false;
		if (c >= 0xC0 && ++k > CSV_SWITCH_LOOKBACK)
			return false;
	}
	return true;
}

/* Validate new UTF-8 text in buf, replacing invalid bytes; a sequence cut
 * by the end of the data is held back in pending.  -1 on error. */
static int
validate_utf8(struct csv_reader *r, struct gk_err *e)
{
	/* The first byte of this read that is not ASCII, while GB18030 may
	 * still be the encoding: GBK text often starts with characters
	 * whose bytes happen to be valid UTF-8 (一 is D2 BB), so the switch
	 * starts there when the first invalid byte comes soon after. */
	size_t first_high = SIZE_MAX;

	while (r->valid_upto < r->len) {
		size_t n = r->len - r->valid_upto;
		size_t ok = utf8_valid_prefix(r->buf + r->valid_upto, n);

		if (r->may_switch && first_high == SIZE_MAX) {
			size_t a = ascii_length(r->buf + r->valid_upto, ok);

			if (a < ok)
				first_high = r->valid_upto + a;
		}
		r->valid_upto += ok;
		if (ok == n)
			break;
		if (!r->eof &&
		    truncated_sequence((unsigned char *)r->buf + r->valid_upto,
				       r->len - r->valid_upto)) {
			/* the rest of it comes with the next read */
			r->npending = r->len - r->valid_upto;
			memcpy(r->pending, r->buf + r->valid_upto, r->npending);
			r->len = r->valid_upto;
			break;
		}
		if (r->may_switch) {
			size_t from = first_high == SIZE_MAX ? r->valid_upto
							     : first_high;
			int rc = 0;

			r->may_switch = false;
			if (gbk_lookalike(r->buf + from, r->valid_upto - from))
				rc = switch_to_gb18030(r, from, e);
			if (rc != 0)
				return rc < 0 ? -1 : 0;
		}
		r->buf[r->valid_upto] = CSV_REPLACEMENT;
		note_bad(r, r->valid_upto);
		r->valid_upto++;
	}
	/* text not ASCII read as UTF-8 and about to be parsed */
	if (first_high != SIZE_MAX)
		r->may_switch = false;
	return 0;
}

/* Decode raw input through iconv into buf.  Returns -1 on a hard error. */
static int
decode_raw(struct csv_reader *r, struct gk_err *e)
{
	while (r->raw_pos < r->raw_len && r->cap - r->len > 8) {
		char *in = r->raw + r->raw_pos, *out = r->buf + r->len;
		size_t inleft = r->raw_len - r->raw_pos,
		       outleft = r->cap - r->len;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);

		r->raw_pos = (size_t)(in - r->raw);
		r->len = (size_t)(out - r->buf);
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG)
			break;
		if (errno == EINVAL && !r->eof)
			break; /* incomplete sequence: wait for more input */
		if (errno == EILSEQ && (unsigned char)*in == 0x80 &&
		    strcmp(r->enc_name, "gb18030") == 0) {
			/* the euro sign of Windows' GBK (code page 936), in
			 * Excel's exports: a byte GB18030 leaves out */
			if (r->cap - r->len < 4)
				break;
			memcpy(r->buf + r->len, "\xE2\x82\xAC", 3);
			r->len += 3;
			r->raw_pos++;
			continue;
		}
		if (errno == EILSEQ || errno == EINVAL) {
			note_bad(r, r->len);
			r->buf[r->len++] = CSV_REPLACEMENT;
			r->raw_pos++;
			continue;
		}
		gk_err_set(e, "'%s': conversion from %s failed:", r->name,
			   r->enc_name);
		return -1;
	}
	return 0;
}

static int
read_raw(struct csv_reader *r, struct gk_err *e)
{
	ssize_t got;

	if (r->raw_pos > 0) {
		memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
		r->raw_len -= r->raw_pos;
		r->raw_pos = 0;
	}
	got = read_some(r, r->raw + r->raw_len, CSV_BLOCK - r->raw_len, e);
	if (got < 0)
		return -1;
	if (got == 0)
		r->eof = true;
	r->raw_len += (size_t)got;
	return 0;
}

/* Move the unfinished record to the front of the buffer. */
static void
compact(struct csv_reader *r)
{
	size_t shift = r->rec, keep = 0;

	if (shift == 0)
		return;
	memmove(r->buf, r->buf + shift, r->len - shift);
	r->len -= shift;
	r->pos -= shift;
	r->w -= shift;
	r->fstart -= shift;
	r->valid_upto = r->valid_upto > shift ? r->valid_upto - shift : 0;
	for (size_t i = 0; i < r->nbad; i++)
		if (r->bad[i] >= shift)
			r->bad[keep++] = r->bad[i] - shift;
	r->nbad = keep;
	r->rec = 0;
}

/* Make room for at least one more block of decoded text. */
static int
make_room(struct csv_reader *r, struct gk_err *e)
{
	size_t need = CSV_BLOCK * 2;

	compact(r);
	if (r->cap - r->len >= need)
		return 0;
	if (r->len > CSV_MAX_RECORD) {
		gk_err_set(e, "%s:%ld: record longer than %zu MiB", r->name,
			   r->row + 1, CSV_MAX_RECORD >> 20);
		r->failed = true;
		return -1;
	}
	while (r->cap - r->len < need)
		r->cap *= 2;
	/* Doubled past the limit, the buffer took a record of up to twice
	 * CSV_MAX_RECORD (a 300 MiB one was read, in 900 MB): no more room
	 * than the limit and a block, so that the next call refuses it. */
	if (r->cap > CSV_MAX_RECORD + need)
		r->cap = CSV_MAX_RECORD + need;
	r->buf = gk_xrealloc(r->buf, r->cap + CSV_SLACK);
	return 0;
}

/* A '\n' right after the data stops every scan; the slack after it is
 * zeroed so the scanner's word reads see defined bytes. */
static void
set_sentinel(struct csv_reader *r)
{
	r->buf[r->len] = '\n';
	memset(r->buf + r->len + 1, 0, CSV_SLACK - 1);
}

/* Read and decode more input.  Sets eof at the end.  -1 on error. */
static int
fill(struct csv_reader *r, struct gk_err *e)
{
	size_t before;

	if (make_room(r, e) != 0)
		return -1;
	before = r->len;
	if (r->enc == ENC_UTF8) {
		ssize_t got;

		memcpy(r->buf + r->len, r->pending, r->npending);
		r->len += r->npending;
		r->npending = 0;
		got = read_some(r, r->buf + r->len, CSV_BLOCK, e);
		if (got < 0)
			return -1;
		if (got == 0)
			r->eof = true;
		r->len += (size_t)got;
		if (validate_utf8(r, e) != 0)
			return -1;
	}
	if (r->enc == ENC_ICONV) {
		do {
			if (r->raw_len - r->raw_pos < CSV_BLOCK / 2 &&
			    !r->eof && read_raw(r, e) != 0)
				return -1;
			if (decode_raw(r, e) != 0)
				return -1;
		} while (r->len == before && !r->eof);
		if (r->eof && r->raw_pos < r->raw_len && decode_raw(r, e) != 0)
			return -1;
	}
	set_sentinel(r);
	return 0;
}

/* ---- opening: encoding and delimiter ------------------------------ */

static const char *
encoding_from_bom(const unsigned char *s, size_t n, size_t *bom)
{
	*bom = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		*bom = 3;
		return "utf-8";
	}
	/* before UTF-16LE's, which its first two bytes are */
	if (n >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0) {
		*bom = 4;
		return "utf-32le";
	}
	if (n >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0) {
		*bom = 4;
		return "utf-32be";
	}
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		*bom = 2;
		return "utf-16le";
	}
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		*bom = 2;
		return "utf-16be";
	}
	return NULL;
}

/* Whether enc is name, in any case, with or without '-' and '_'. */
static bool
encoding_is(const char *enc, const char *name)
{
	for (;; enc++, name++) {
		while (*enc == '-' || *enc == '_')
			enc++;
		while (*name == '-')
			name++;
		if (!*enc || !*name)
			return !*enc && !*name;
		if (tolower((unsigned char)*enc) != *name)
			return false;
	}
}

static bool
is_utf8_name(const char *enc)
{
	return encoding_is(enc, "utf-8");
}

/*
 * The names GBK goes by (Windows' code page 936, GB2312's EUC-CN, the
 * standards): each is read as GB18030, which holds them all, with the euro
 * sign of code page 936 at 0x80 (decode_raw).
 */
static bool
is_gbk_name(const char *enc)
{
	static const char *const names[] = {
		"gb18030", "gbk",         "gb2312", "cp936",
		"ms936",   "windows-936", "euc-cn", "936",
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (encoding_is(enc, names[i]))
			return true;
	return false;
}

const char *
csv_encoding_canonical(const char *enc)
{
	if (is_utf8_name(enc))
		return "utf-8";
	if (is_gbk_name(enc))
		return "gb18030";
	return enc;
}

/* Invalid UTF-8 bytes in s[0..n) (a sequence cut by the end is not). */
static size_t
utf8_errors(const char *s, size_t n, bool eof)
{
	size_t errors = 0, i = 0;

	while (i < n) {
		i += utf8_valid_prefix(s + i, n - i);
		if (i >= n)
			break;
		if (!eof &&
		    truncated_sequence((const unsigned char *)s + i, n - i))
			break;
		errors++;
		i++;
	}
	return errors;
}

/*
 * Characters of three or four bytes in the valid stretches of s[0..n):
 * Chinese in UTF-8 is one a character, GBK makes few by chance (a lead
 * byte E0-EF followed by two of 80-BF).
 */
static size_t
utf8_wide_chars(const char *s, size_t n)
{
	size_t wide = 0, i = 0;

	while (i < n) {
		size_t valid = utf8_valid_prefix(s + i, n - i);

		for (size_t k = i; k < i + valid; k++)
			if ((unsigned char)s[k] >= 0xE0)
				wide++;
		i += valid + 1; /* past the byte that is no UTF-8 */
	}
	return wide;
}

/* Bytes GB18030 cannot decode in s[0..n). */
static size_t
gb18030_errors(const char *s, size_t n, bool eof)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[4096];
	char *in = (char *)s;
	size_t left = n, errors = 0;

	if (cd == (iconv_t)-1)
		return SIZE_MAX;
	while (left > 0) {
		char *o = out;
		size_t room = sizeof out;
		if (iconv(cd, &in, &left, &o, &room) != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !eof)
			break;
		errors++;
		in++;
		left--;
	}
	iconv_close(cd);
	return errors;
}

/*
 * The encoding of a file without a BOM, from its first CSV_SNIFF bytes:
 * UTF-8 when they are valid UTF-8; otherwise whichever of UTF-8 and
 * GB18030 decodes them with fewer errors, UTF-8 on a tie.  So a UTF-8
 * file with a stray bad byte stays UTF-8 (and the byte is reported),
 * while a GBK export is read as GB18030.
 */
static const char *
guess_encoding(const char *s, size_t n, bool eof)
{
	size_t bad;

	if (n > CSV_SNIFF) {
		n = CSV_SNIFF;
		eof = false;
	}
	bad = utf8_errors(s, n, eof);
	/* UTF-8 Chinese with a stray byte or two (a Latin-1 degree sign)
	 * may decode as GB18030 without an error, every character wrong
	 * and nothing said: twice as many real UTF-8 characters as bad
	 * bytes keep it UTF-8, its bad bytes findings (a GBK character
	 * pair makes one such character by chance now and then) */
	if (bad == 0 || utf8_wide_chars(s, n) >= 2 * bad)
		return "utf-8";
	return gb18030_errors(s, n, eof) < bad ? "gb18030" : "utf-8";
}

bool
csv_reads_as_gb18030(const char *s, size_t n)
{
	size_t bad = utf8_errors(s, n, true);

	if (bad == 0 || utf8_wide_chars(s, n) >= 2 * bad)
		return false;
	return gb18030_errors(s, n, true) == 0;
}

/*
 * "utf-16le" or "utf-16be" when the first bytes of a file without a BOM
 * look like UTF-16: NUL in one byte of each pair (an ASCII character's
 * high byte) in at least one pair in UTF16_NUL_SHARE (and in at least
 * UTF16_MIN_NULS), and more than twice as often as in the other byte (a
 * CJK character such as U+4E00 has one there).  UTF-8 and GBK text
 * holds no such share of NULs.  NULL if not.
 */
#define UTF16_NUL_SHARE 8
#define UTF16_MIN_NULS 4 /* "id\n" has three: a stray NUL or two is no sign */
const char *
utf16_lookalike(const char *s, size_t n)
{
	size_t pairs, zero[2] = {0, 0};

	if (n > UTF16_SNIFF)
		n = UTF16_SNIFF;
	pairs = n / 2;
	for (size_t i = 0; i < 2 * pairs; i++)
		zero[i & 1] += s[i] == '\0';
	for (int k = 0; k < 2; k++)
		if (zero[k] >= UTF16_MIN_NULS &&
		    zero[k] * UTF16_NUL_SHARE >= pairs &&
		    zero[k] > 2 * zero[!k])
			return k ? "utf-16le" : "utf-16be";
	return NULL;
}

/*
 * "utf-32le" or "utf-32be" when the first bytes of a text without a BOM
 * look like UTF-32: every whole group of four a code point no greater
 * than U+10FFFF (its high byte NUL, the next at most 0x10), in more than
 * half of them the next byte NUL too (a character of the Basic
 * Multilingual Plane, where all but the rarest Chinese is), and at least
 * UTF32_MIN_CHARS of them not NUL.  Text in UTF-8 or GBK has no such
 * NULs, and UTF-16's code units paired so would be U+0000 every other
 * one, or nearly.  NULL if not.
 */
#define UTF32_MIN_CHARS 2 /* "a\n" */
const char *
utf32_lookalike(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t quads;

	if (n > UTF16_SNIFF)
		n = UTF16_SNIFF;
	quads = n / 4;
	for (int le = 1; le >= 0; le--) {
		int high = le ? 3 : 0, next = le ? 2 : 1;
		size_t bmp = 0, chars = 0, i;

		for (i = 0; i < quads; i++) {
			const unsigned char *q = u + 4 * i;

			if (q[high] != 0 || q[next] > 0x10)
				break;
			bmp += q[next] == 0;
			chars += (q[0] | q[1] | q[2] | q[3]) != 0;
		}
		if (i == quads && chars >= UTF32_MIN_CHARS && 2 * bmp > quads)
			return le ? "utf-32le" : "utf-32be";
	}
	return NULL;
}

/* enc ("utf-16le") as a message writes it ("UTF-16LE") when it is one of
 * UTF-16's or UTF-32's; NULL for any other. */
static const char *
wide_shown(const char *enc)
{
	static const char *const names[][2] = {{"utf-32le", "UTF-32LE"},
					       {"utf-32be", "UTF-32BE"},
					       {"utf-16le", "UTF-16LE"},
					       {"utf-16be", "UTF-16BE"}};

	for (size_t i = 0; enc && i < sizeof names / sizeof *names; i++)
		if (strcmp(enc, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

const char *
wide_lookalike(const char *s, size_t n, const char **shown)
{
	const char *enc = utf32_lookalike(s, n);

	if (!enc)
		enc = utf16_lookalike(s, n);
	if (enc)
		*shown = wide_shown(enc);
	return enc;
}

const char *
wide_bom(const char *s, size_t n, const char **shown)
{
	size_t bom;
	const char *enc = encoding_from_bom((const unsigned char *)s, n, &bom);

	*shown = wide_shown(enc);
	return *shown ? enc : NULL;
}

/*
 * The byte order of a text without a BOM given as "utf-32" or "utf-16",
 * which name none (iconv would take the machine's, and a file written on
 * the other kind came out as '?'), told from its first bytes:
 * "utf-32le" ... "utf-16be", or NULL when the data does not tell.  UTF-32:
 * the order under which more groups of four are code points no greater
 * than U+10FFFF (LE: byte 3 NUL, byte 2 at most 0x10), on a tie the one
 * under which more are in the Basic Multilingual Plane (LE: bytes 2 and 3
 * NUL).  UTF-16: the byte of each pair NUL more often (an ASCII
 * character's high byte: the second in LE).  An empty text is any.
 */
static const char *
wide_order(const char *s, size_t n, int width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t ok[2] = {0, 0}, bmp[2] = {0, 0};
	int k;

	if (n > UTF16_SNIFF)
		n = UTF16_SNIFF;
	if (n < (size_t)width)
		return width == 4 ? "utf-32le" : "utf-16le";
	if (width == 4) {
		for (size_t i = 0; i + 4 <= n; i += 4) {
			const unsigned char *q = u + i;

			ok[1] += q[3] == 0 && q[2] <= 0x10;
			bmp[1] += q[3] == 0 && q[2] == 0;
			ok[0] += q[0] == 0 && q[1] <= 0x10;
			bmp[0] += q[0] == 0 && q[1] == 0;
		}
	} else {
		for (size_t i = 0; i + 2 <= n; i += 2) {
			ok[1] += u[i + 1] == 0;
			ok[0] += u[i] == 0;
		}
	}
	if (ok[0] != ok[1])
		k = ok[1] > ok[0];
	else if (bmp[0] != bmp[1])
		k = bmp[1] > bmp[0];
	else
		return NULL;
	if (width == 4)
		return k ? "utf-32le" : "utf-32be";
	return k ? "utf-16le" : "utf-16be";
}

static int
setup_encoding(struct csv_reader *r, const char *given, struct gk_err *e)
{
	size_t bom;
	const char *shown, *enc = encoding_from_bom((unsigned char *)r->raw,
						    r->raw_len, &bom);

	if (given && !*given) {
		gk_err_set(
			e,
			"'%s': --encoding is empty (utf-8, gbk, gb18030, ...)",
			r->name);
		return -1;
	}
	/* a mark written twice (a file re-saved by a program that adds its
	 * own) is no part of the first header name either: "\uFEFFid" was
	 * a column no schema's "id" matched */
	for (size_t mark = bom; mark && r->raw_len - bom >= mark &&
				memcmp(r->raw + bom, r->raw, mark) == 0;)
		bom += mark;
	if (given && !enc)
		enc = given;
	if (given && enc == given &&
	    (encoding_is(given, "utf-32") || encoding_is(given, "utf-16"))) {
		int width = encoding_is(given, "utf-32") ? 4 : 2;

		enc = wide_order(r->raw, r->raw_len, width);
		if (!enc) {
			gk_err_set(e,
				   "'%s': the byte order of its %s cannot be "
				   "told (no byte-order mark); give --encoding "
				   "%s or %s",
				   r->name, width == 4 ? "UTF-32" : "UTF-16",
				   width == 4 ? "utf-32le" : "utf-16le",
				   width == 4 ? "utf-32be" : "utf-16be");
			return -1;
		}
	}
	if (!enc && (enc = wide_lookalike(r->raw, r->raw_len, &shown))) {
		gk_err_set(e,
			   "'%s' looks like %s without a byte-order mark; "
			   "save it as UTF-8, or give --encoding %s",
			   r->name, shown, enc);
		return -1;
	}
	if (!enc) {
		enc = guess_encoding(r->raw, r->raw_len, r->eof);
		r->may_switch = true; /* from ASCII, if that is all so far */
	}
	r->raw_pos = bom;
	r->enc_name = gk_xstrdup(enc);
	if (is_gbk_name(enc)) {
		free(r->enc_name);
		r->enc_name = gk_xstrdup("gb18030");
	}
	if (is_utf8_name(r->enc_name)) {
		free(r->enc_name);
		r->enc_name = gk_xstrdup("utf-8");
		r->enc = ENC_UTF8;
		memcpy(r->buf, r->raw + bom, r->raw_len - bom);
		r->len = r->raw_len - bom;
		free(r->raw);
		r->raw = NULL;
		return validate_utf8(r, e);
	}
	r->enc = ENC_ICONV;
	r->cd = iconv_open("UTF-8", r->enc_name);
	if (r->cd == (iconv_t)-1) {
		gk_err_set(e,
			   "'%s': unknown encoding '%s' (utf-8, gbk, gb18030, "
			   "utf-16, or a name of iconv -l)",
			   r->name, r->enc_name);
		return -1;
	}
	return decode_raw(r, e);
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/*
 * The candidate seen most often outside quotes on the header's line: the
 * record header_row (1: the first), blank lines counted as rows; a title
 * or a note above the header says nothing of the delimiter.  When the
 * sniffed bytes end before it, the first line is looked at instead.
 */
static char
guess_delimiter(const char *s, size_t n, long header_row)
{
	static const char candidates[] = {',', '\t', ';', '|'};
	size_t counts[sizeof candidates] = {0};
	bool quoted = false;
	size_t best = 0, i = 0;
	long row = 1;

	if (n > CSV_SNIFF)
		n = CSV_SNIFF;
	for (; i < n && row < header_row; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r')) {
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			row++;
		}
	}
	if (row < header_row) {
		i = 0;
		quoted = false;
	}
	for (; i < n; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		if (quoted)
			continue;
		if (c == '\n' || c == '\r')
			break;
		for (size_t k = 0; k < sizeof candidates; k++)
			if (c == candidates[k])
				counts[k]++;
	}
	for (size_t k = 1; k < sizeof candidates; k++)
		if (counts[k] > counts[best])
			best = k;
	return candidates[best];
}

static void
setup_delimiter(struct csv_reader *r, char given, const char *path)
{
	if (given)
		r->delim = given;
	else if (path && (has_suffix(path, ".tsv") || has_suffix(path, ".tab")))
		r->delim = '\t';
	else
		r->delim = guess_delimiter(r->buf, r->len, r->header_row);
	memset(r->special, 0, sizeof r->special);
	r->special[(unsigned char)r->delim] = 1;
	r->delim_chunk = ONES * (unsigned char)r->delim;
	r->special['\n'] = 1;
	r->special['\r'] = 1;
}

static int
open_input(struct csv_reader *r, const char *path, struct gk_err *e)
{
	if (!path || strcmp(path, "-") == 0) {
		r->fd = STDIN_FILENO;
		r->name = gk_xstrdup("(stdin)");
		return 0;
	}
	r->name = gk_xstrdup(path);
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		gk_err_set(e, "unable to open '%s':", path);
		return -1;
	}
	r->own_fd = true;
	return 0;
}

struct csv_reader *
csv_open(const char *path, const struct csv_options *o, struct gk_err *e)
{
	struct csv_options none = {0};
	struct csv_reader *r = gk_xcalloc(1, sizeof *r);
	ssize_t got;

	if (!o)
		o = &none;
	r->cd = (iconv_t)-1;
	r->fd = -1;
	r->next_line = 1;
	r->header_row = o->header_row > 1 ? o->header_row : 1;
	if (open_input(r, path, e) != 0)
		goto fail;
	if (o->sha256) {
		r->sha = EVP_MD_CTX_new();
		if (!r->sha || !EVP_DigestInit_ex(r->sha, EVP_sha256(), NULL)) {
			gk_err_set(e, "'%s': SHA-256 is not available",
				   r->name);
			goto fail;
		}
	}
	r->cap = CSV_BLOCK * 4;
	r->buf = gk_xcalloc(1, r->cap + CSV_SLACK);
	r->raw = gk_xmalloc(CSV_BLOCK);
	/* Read up to a block: enough to sniff encoding and delimiter. */
	while (r->raw_len < CSV_SNIFF) {
		got = read_some(r, r->raw + r->raw_len, CSV_BLOCK - r->raw_len,
				e);
		if (got < 0)
			goto fail;
		if (got == 0) {
			r->eof = true;
			break;
		}
		r->raw_len += (size_t)got;
	}
	if (r->raw_len >= 4 && memcmp(r->raw, "PK\x03\x04", 4) == 0) {
		gk_err_set(
			e,
			"'%s' is a zip archive (an .xlsx workbook?), not CSV%s",
			r->name,
			path && strcmp(path, "-") != 0
				? "; name it with .xlsx"
				: "; name the .xlsx file instead of a pipe");
		goto fail;
	}
	if (setup_encoding(r, o->encoding, e) != 0)
		goto fail;
	set_sentinel(r);
	setup_delimiter(r, o->delimiter, path);
	return r;
fail:
	csv_close(r);
	return NULL;
}

void
csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	EVP_MD_CTX_free(r->sha);
	free(r->raw);
	free(r->buf);
	free(r->name);
	free(r->enc_name);
	free(r->fs);
	free(r->fl);
	free(r->fields);
	free(r->lens);
	free(r->bad);
	free(r);
}

char
csv_delimiter(const struct csv_reader *r)
{
	return r->delim;
}

const char *
csv_encoding(const struct csv_reader *r)
{
	return r->enc_name;
}

const char *
csv_name(const struct csv_reader *r)
{
	return r->name;
}

void
csv_sha256(struct csv_reader *r, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_MD_CTX *copy;

	hex[0] = '\0';
	if (!r->sha)
		return;
	copy = EVP_MD_CTX_new();
	if (copy && EVP_MD_CTX_copy_ex(copy, r->sha) &&
	    EVP_DigestFinal_ex(copy, md, &n))
		gk_hex(md, n < 32 ? n : 32, hex);
	EVP_MD_CTX_free(copy);
}

/* ---- parsing ----------------------------------------------------- */

static void __attribute__((noinline)) grow_fields(struct csv_reader *r)
{
	r->fcap = r->fcap ? r->fcap * 2 : 32;
	r->fs = gk_xrealloc(r->fs, r->fcap * sizeof *r->fs);
	r->fl = gk_xrealloc(r->fl, r->fcap * sizeof *r->fl);
	r->fields = gk_xrealloc(r->fields, r->fcap * sizeof *r->fields);
	r->lens = gk_xrealloc(r->lens, r->fcap * sizeof *r->lens);
}

static inline void
end_field(struct csv_reader *r)
{
	if (r->nf == r->fcap) {
		if (r->fcap >= CSV_MAX_FIELDS) {
			r->too_many = true;
			return;
		}
		grow_fields(r);
	}
	r->fs[r->nf] = r->fstart - r->rec;
	r->fl[r->nf] = r->w - r->fstart;
	r->nf++;
}

static inline uint64_t
has_zero_byte(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

/*
 * Position of the next delimiter, CR or LF from pos: eight bytes at a
 * time while none is among them, then byte by byte.  The sentinel after
 * the data guarantees a stop; the buffer has slack past it for the
 * eight-byte reads.
 */
static size_t
scan_unquoted(const char *b, size_t pos, const unsigned char *special,
	      uint64_t delim_chunk)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, hits;

	(void)special;
	for (;;) {
		memcpy(&x, b + pos, 8);
		hits = has_zero_byte(x ^ delim_chunk) |
		       has_zero_byte(x ^ (ONES * '\n')) |
		       has_zero_byte(x ^ (ONES * '\r'));
		/* The lowest flagged byte is always a real match. */
		if (hits)
			return pos + ((size_t)__builtin_ctzll(hits) >> 3);
		pos += 8;
	}
#else
	(void)delim_chunk;
	while (!special[(unsigned char)b[pos]])
		pos++;
	return pos;
#endif
}

/*
 * Position of the next '"' from pos, or len; newlines passed on the way
 * are counted (a quoted field's own line breaks).  Eight bytes at a time;
 * the sentinel '\n' at len stops the scan.
 */
static size_t
scan_quoted(const char *b, size_t pos, size_t len, long *newlines)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, hits;
	size_t p;

	for (;;) {
		memcpy(&x, b + pos, 8);
		hits = has_zero_byte(x ^ (ONES * '"')) |
		       has_zero_byte(x ^ (ONES * '\n'));
		if (!hits) {
			pos += 8;
			continue;
		}
		p = pos + ((size_t)__builtin_ctzll(hits) >> 3);
		if (p >= len)
			return len;
		if (b[p] == '"')
			return p;
		(*newlines)++;
		pos = p + 1;
	}
#else
	const char *q = memchr(b + pos, '"', len - pos);
	size_t end = q ? (size_t)(q - b) : len;

	for (const char *c = b + pos;
	     (c = memchr(c, '\n', (size_t)(b + end - c))); c++)
		(*newlines)++;
	return end;
#endif
}

/* Where parse is in the buffer: its text and end, the read position and
 * the write position (doubled quotes unescaped make it lag behind). */
struct cursor {
	char *b;
	size_t len, pos, w;
};

/* What a step of parse came to. */
enum step {
	STEP_ON,         /* the next state goes on from the cursor */
	STEP_RECORD_END, /* a line end ended the record */
	STEP_NEED_MORE,  /* the buffer ran out first */
};

/* An unquoted run up to the delimiter (the field ends) or a line end
 * (the record ends). */
static inline enum step
unquoted_run(struct csv_reader *r, struct cursor *c)
{
	size_t start = c->pos;
	char ch;

	c->pos = scan_unquoted(c->b, c->pos, r->special, r->delim_chunk);
	if (c->w != start)
		memmove(c->b + c->w, c->b + start, c->pos - start);
	c->w += c->pos - start;
	if (c->pos == c->len)
		return STEP_NEED_MORE; /* the sentinel, not data */
	ch = c->b[c->pos++];
	r->w = c->w;
	end_field(r);
	r->state = S_FIELD_START;
	if (ch == r->delim)
		return STEP_ON;
	r->skip_lf = ch == '\r';
	return STEP_RECORD_END;
}

/* A field's first byte: a quote opens a quoted field, anything else an
 * unquoted one. */
static inline enum step
field_start(struct csv_reader *r, struct cursor *c)
{
	r->fstart = c->w = c->pos;
	if (c->pos == c->len)
		return STEP_NEED_MORE;
	if (c->b[c->pos] == '"') {
		c->pos++;
		r->fstart = c->w = c->pos;
		r->state = S_QUOTED;
		return STEP_ON;
	}
	r->state = S_UNQUOTED;
	return unquoted_run(r, c);
}

/* After a quote inside a quoted field: a doubled quote is one quote and
 * the field goes on; else it was the closing quote, and anything up to
 * the delimiter is kept. */
static inline enum step
after_quote(struct csv_reader *r, struct cursor *c)
{
	if (c->pos == c->len)
		return STEP_NEED_MORE;
	if (c->b[c->pos] == '"') {
		c->b[c->w++] = '"';
		c->pos++;
		r->state = S_QUOTED;
		return STEP_ON;
	}
	r->state = S_UNQUOTED;
	return STEP_ON;
}

/* A quoted run up to the next quote. */
static inline enum step
quoted_run(struct csv_reader *r, struct cursor *c)
{
	size_t end = scan_quoted(c->b, c->pos, c->len, &r->embedded_newlines);

	if (c->w != c->pos)
		memmove(c->b + c->w, c->b + c->pos, end - c->pos);
	c->w += end - c->pos;
	c->pos = end;
	if (end == c->len)
		return STEP_NEED_MORE;
	c->pos++;
	r->state = S_QUOTED_QUOTE;
	return after_quote(r, c);
}

/*
 * Parse from pos to the end of the buffer.  Returns 1 when a record
 * ended (pos just past its line end), 0 when the buffer ran out first.
 */
static int
parse(struct csv_reader *r)
{
	struct cursor c = {
		.b = r->buf, .len = r->len, .pos = r->pos, .w = r->w};
	enum step st = STEP_ON;

	do {
		switch (r->state) {
		case S_FIELD_START: st = field_start(r, &c); break;
		case S_UNQUOTED: st = unquoted_run(r, &c); break;
		case S_QUOTED: st = quoted_run(r, &c); break;
		case S_QUOTED_QUOTE: st = after_quote(r, &c); break;
		}
	} while (st == STEP_ON);
	r->pos = c.pos;
	r->w = c.w;
	return st == STEP_RECORD_END;
}

/* Which field holds the first replaced byte of this record, or -1. */
static long
bad_field(const struct csv_reader *r, size_t rec_end)
{
	for (size_t i = 0; i < r->nbad; i++) {
		size_t off = r->bad[i];
		if (off < r->rec || off >= rec_end)
			continue;
		for (size_t f = r->nf; f-- > 0;)
			if (r->rec + r->fs[f] <= off)
				return (long)f;
		return 0;
	}
	return -1;
}

static void
drop_bad_before(struct csv_reader *r, size_t offset)
{
	size_t keep = 0;

	for (size_t i = 0; i < r->nbad; i++)
		if (r->bad[i] >= offset)
			r->bad[keep++] = r->bad[i];
	r->nbad = keep;
}

static void
build_row(struct csv_reader *r, struct csv_row *row, bool unterminated)
{
	for (size_t i = 0; i < r->nf; i++) {
		char *f = r->buf + r->rec + r->fs[i];
		f[r->fl[i]] = '\0';
		r->fields[i] = f;
		r->lens[i] = r->fl[i];
	}
	row->nfields = r->nf;
	row->fields = r->fields;
	row->lens = r->lens;
	row->row = ++r->row;
	row->line = r->next_line;
	row->bad_encoding_field = r->nbad ? bad_field(r, r->pos) : -1;
	row->nul_replaced = false;
	row->unterminated_quote = unterminated;
	row->problem = NULL;
	r->next_line += 1 + r->embedded_newlines;
	if (r->nbad)
		drop_bad_before(r, r->pos);
}

/* Skip the '\n' of a "\r\n" whose '\r' ended the previous record. */
static int
skip_pending_lf(struct csv_reader *r, struct gk_err *e)
{
	if (!r->skip_lf)
		return 0;
	if (r->pos == r->len && !r->eof && fill(r, e) != 0)
		return -1;
	if (r->pos < r->len && r->buf[r->pos] == '\n')
		r->pos++;
	r->skip_lf = false;
	return 0;
}

/* A record of more than CSV_MAX_FIELDS fields: -1 with e. */
static int
refuse_wide(struct csv_reader *r, struct gk_err *e)
{
	gk_err_set(e, "%s:%ld: record of more than %d fields", r->name,
		   r->row + 1, CSV_MAX_FIELDS);
	r->failed = true;
	return -1;
}

static int
next_record(struct csv_reader *r, struct csv_row *row, struct gk_err *e)
{
	if (r->failed) {
		gk_err_set(e, "'%s': input already failed", r->name);
		return -1;
	}
	if (skip_pending_lf(r, e) != 0)
		return -1;
	r->rec = r->pos;
	r->nf = 0;
	r->embedded_newlines = 0;
	r->state = S_FIELD_START;
	for (;;) {
		if (parse(r)) {
			if (r->too_many)
				return refuse_wide(r, e);
			build_row(r, row, false);
			return 1;
		}
		if (r->eof) {
			bool unterminated = r->state == S_QUOTED;
			if (r->nf == 0 && r->pos == r->rec)
				return 0;
			end_field(r);
			if (r->too_many)
				return refuse_wide(r, e);
			build_row(r, row, unterminated);
			r->rec = r->pos;
			return 1;
		}
		if (fill(r, e) != 0)
			return -1;
	}
}

/* A NUL byte in a header cell: each such byte replaced by '?' as a byte
 * not valid in the encoding is, and the first such field named, where a
 * name would otherwise end at the NUL without a word (a data cell keeps
 * its NULs: its length is known to every tool). */
static void
replace_header_nul(struct csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++) {
		char *f = row->fields[i], *z;
		bool found = false;

		while ((z = memchr(f, '\0',
				   row->lens[i] -
					   (size_t)(f - row->fields[i])))) {
			*z = CSV_REPLACEMENT;
			f = z + 1;
			found = true;
		}
		if (found && (row->bad_encoding_field < 0 ||
			      (long)i < row->bad_encoding_field)) {
			row->bad_encoding_field = (long)i;
			row->nul_replaced = true;
		}
	}
}

int
csv_next(struct csv_reader *r, struct csv_row *row, struct gk_err *e)
{
	int rc;

	/* a title or notes above the header: read past, not handed out */
	while ((rc = next_record(r, row, e)) > 0 && row->row < r->header_row)
		if (row->unterminated_quote) {
			gk_err_set(
				e,
				"%s:%ld: quoted field not closed before the end "
				"of the file, above the header row %ld",
				r->name, row->row, r->header_row);
			r->failed = true;
			return -1;
		}
	if (rc > 0 && row->row == r->header_row)
		replace_header_nul(row);
	return rc;
}

bool
csv_row_spaces_only(const struct csv_row *row)
{
	/* a full-width or no-break space is as blank as an ASCII one (a
	 * line of '\u3000' made a header of one column named so) */
	for (size_t i = 0; i < row->nfields; i++) {
		const char *s = row->fields[i];

		if (row->lens[i] > 0 && utf8_trim_blanks(&s, row->lens[i]) > 0)
			return false;
	}
	return true;
}

void
csv_blank_header_error(struct gk_err *e, const char *name, long blank,
		       long next)
{
	if (next == 0)
		gk_err_set(
			e,
			"%s: file is empty from row %ld on (blank rows only)",
			name, blank);
	else
		gk_err_set(e,
			   "%s:%ld: a blank row, not a header: give "
			   "--header-row %ld, the first row not blank",
			   name, blank, next);
}

bool
csv_row_is_json_object(const struct csv_row *row)
{
	const char *s;

	if (row->nfields == 0)
		return false;
	s = row->fields[0];
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s++ != '{')
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '"';
}

bool
csv_row_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		if (row->lens[i] > 0)
			return false;
	return true;
}
