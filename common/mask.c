/*
 * mask.c: masking of personal data in outputs.  What looks like a
 * resident ID keeps its region (6) and last four characters, what looks
 * like a mobile number keeps its first three and last four, a landline
 * its area code and last four, as officers are used to seeing them on
 * printed forms.
 */
#include "govkit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RIC_KEEP_HEAD 6
#define RIC_KEEP_TAIL 4
#define MOBILE_KEEP_HEAD 3
#define MOBILE_KEEP_TAIL 4
#define MOBILE_DIGITS 11
#define LANDLINE_KEEP_TAIL 4

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!id_is_digit(s[i]))
			return false;
	return n > 0;
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * A resident ID by its shape: a province-level region, a plausible birth
 * date, digits (and a final X).  The region and date keep all-digit
 * credit codes and other long numbers from being taken for one; the check
 * character is not required, so a mistyped ID is still masked.
 */
static bool
looks_like_ric(const char *s, size_t n)
{
	int month, day, century;

	if (n == 18) {
		if (!all_digits(s, 17) ||
		    !(id_is_digit(s[17]) || s[17] == 'X' || s[17] == 'x'))
			return false;
		century = two(s + 6);
		month = two(s + 10);
		day = two(s + 12);
		if (century < 18 || century > 21)
			return false;
	} else if (n == 15) {
		if (!all_digits(s, 15))
			return false;
		month = two(s + 8);
		day = two(s + 10);
	} else {
		return false;
	}
	return id_province_valid(two(s)) && month >= 1 && month <= 12 &&
	       day >= 1 && day <= 31;
}

/*
 * What mask_text looks for, at a place where no digit precedes (a label
 * of letters may: "ID15050219900101123X", "tel13812345678"), and where no
 * ASCII letter or digit follows (so longer codes and accounts stay as
 * they are):
 *
 *   a resident ID: 18 characters (17 digits and a digit or X) or 15
 *   digits, in one run;
 *   a mobile number: 1[3-9] and nine more digits grouped 3-4-4, a space or
 *   hyphen optional between the groups ("138-1234-5678", "138 1234
 *   5678"), after an optional "+86" or "86" and a space or hyphen;
 *   a landline: an area code (010, 02X: eight digits follow; 0[3-9]XX:
 *   seven or eight), a hyphen or space or the area code in parentheses,
 *   and the local number, whose first digit is 2-9 ("0475-8234567",
 *   "(010) 62345678").  Without the separator a run of digits led by 0
 *   is too often something else (the digits of a fraction, a code).
 *
 * A run of 19 digits or more is no ID or phone (a bank or deposit
 * account): it is left whole.
 */
struct personal {
	size_t end;    /* one past the last character */
	size_t number; /* where the number starts (after a +86 prefix) */
	bool ric;
	size_t area; /* a landline: the digits of its area code, else 0 */
};

static bool
is_alnum(char c)
{
	return id_is_digit(c) || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

static bool
is_separator(char c)
{
	return c == ' ' || c == '-';
}

/* Digits s[i..i+k) all there; i moved past them. */
static bool
take_digits(const char *s, size_t n, size_t *i, size_t k)
{
	if (n - *i < k || !all_digits(s + *i, k))
		return false;
	*i += k;
	return true;
}

/* The end of the digits from s[i]. */
static size_t
digits_end(const char *s, size_t n, size_t i)
{
	while (i < n && id_is_digit(s[i]))
		i++;
	return i;
}

/* A mobile number at s[i], grouped 3-4-4 with optional separators; its
 * end, or 0. */
static size_t
mobile_at(const char *s, size_t n, size_t i)
{
	if (n - i < MOBILE_DIGITS || s[i] != '1' || s[i + 1] < '3' ||
	    s[i + 1] > '9')
		return 0;
	if (!take_digits(s, n, &i, 3))
		return 0;
	if (i < n && is_separator(s[i]))
		i++;
	if (!take_digits(s, n, &i, 4))
		return 0;
	if (i < n && is_separator(s[i]))
		i++;
	if (!take_digits(s, n, &i, 4))
		return 0;
	return i;
}

/* A mobile number at s[i] ending where no ASCII letter or digit follows:
 * its end, or 0. */
static size_t
mobile_alone_at(const char *s, size_t n, size_t i)
{
	size_t e = mobile_at(s, n, i);

	return e && (e == n || !is_alnum(s[e])) ? e : 0;
}

/* A landline whose area code is the run s[i..run), ending where no ASCII
 * letter or digit follows: its end, or 0. */
static size_t
landline_at(const char *s, size_t n, size_t i, size_t run)
{
	size_t area = run - i, j = run, local;

	if (s[i] != '0')
		return 0;
	if (area == 3 &&
	    !(s[i + 1] == '2' || (s[i + 1] == '1' && s[i + 2] == '0')))
		return 0;
	if (area == 4 && (s[i + 1] < '3' || s[i + 1] > '9'))
		return 0;
	if (area != 3 && area != 4)
		return 0;
	if (j < n && s[j] == ')' && i > 0 && s[i - 1] == '(') {
		j++;
		if (j < n && s[j] == ' ')
			j++;
	} else if (j < n && is_separator(s[j])) {
		j++;
	} else {
		return 0;
	}
	if (j == n || s[j] < '2' || s[j] > '9')
		return 0;
	local = digits_end(s, n, j) - j;
	if (local != 8 && !(local == 7 && area == 4))
		return 0;
	j += local;
	return j == n || !is_alnum(s[j]) ? j : 0;
}

/*
 * The personal number starting at s[i], if any; the caller has checked
 * that no digit precedes it.  run is the end of the digits from i (i
 * itself at a '+').  Called at the start of every digit run of every
 * text: the cheap rejections come first.
 */
static bool
personal_at(const char *s, size_t n, size_t i, size_t run, struct personal *m)
{
	size_t end = run, e;

	if (n - i < MOBILE_DIGITS)
		return false;
	if (end - i == 17 && end < n && (s[end] == 'X' || s[end] == 'x'))
		end++;
	if ((end - i == 18 || end - i == 15) &&
	    (end == n || !is_alnum(s[end])) && looks_like_ric(s + i, end - i)) {
		*m = (struct personal){.end = end, .number = i, .ric = true};
		return true;
	}
	/* "+86 ", "86-", "+86", "86" before the number */
	if (s[i] == '+' || s[i] == '8') {
		size_t q = i + (s[i] == '+');

		if (n - q < 2 || s[q] != '8' || s[q + 1] != '6')
			return false;
		q += 2;
		if (q < n && is_separator(s[q]))
			q++;
		if ((e = mobile_alone_at(s, n, q)) == 0)
			return false;
		*m = (struct personal){.end = e, .number = q, .ric = false};
		return true;
	}
	if ((e = landline_at(s, n, i, run)) != 0) {
		*m = (struct personal){.end = e, .number = i, .area = run - i};
		return true;
	}
	/* the first digits of "138 1234 5678", "1381234-5678", "13812345678" */
	if (run - i != 3 && run - i != 7 && run - i != MOBILE_DIGITS)
		return false;
	if ((e = mobile_alone_at(s, n, i)) == 0)
		return false;
	*m = (struct personal){.end = e, .number = i, .ric = false};
	return true;
}

/* A UUID (id_is_uuid) at s[i] that no letter or digit follows: a group
 * such as "e13812345678" would read as a label and a mobile. */
static bool
uuid_at(const char *s, size_t n, size_t i)
{
	return n - i >= ID_UUID_LENGTH && id_is_uuid(s + i, ID_UUID_LENGTH) &&
	       (i + ID_UUID_LENGTH == n || !is_alnum(s[i + ID_UUID_LENGTH]));
}

/* The start of a UUID that covers s[i] (one that begins a word, at most
 * ID_UUID_LENGTH - 1 characters back), or SIZE_MAX.  Asked only of a match,
 * so that text without one pays nothing for it. */
static size_t
uuid_around(const char *s, size_t n, size_t i)
{
	size_t k = i >= ID_UUID_LENGTH - 1 ? i - (ID_UUID_LENGTH - 1) : 0;

	for (; k <= i; k++)
		if ((k == 0 || !is_alnum(s[k - 1])) && uuid_at(s, n, k))
			return k;
	return SIZE_MAX;
}

/*
 * The first personal number in s[from..n): true and m set.  from is 0 or
 * the end of a match, which no ASCII letter or digit follows.
 *
 * Letters may come right before a number ("ID", "tel"), but not letters
 * that follow a digit in the same word: there the number is the tail of a
 * code that mixes both, such as a hash ("...0e4bd2f4b15096734683").  A
 * UUID is passed over whole, its groups being such codes too.
 */
static bool
next_personal(const char *s, size_t n, size_t from, size_t *start,
	      struct personal *m)
{
	/* a digit among the ASCII letters and digits just before i (so
	 * also: no digit right before i) */
	bool word_has_digit = false;

	for (size_t i = from; i < n; i++) {
		char c = s[i];

		if (id_is_digit(c)) {
			size_t run = digits_end(s, n, i);

			if (!word_has_digit && personal_at(s, n, i, run, m)) {
				size_t u = uuid_around(s, n, i);
				if (u != SIZE_MAX) {
					/* a UUID is no personal number */
					i = u + ID_UUID_LENGTH - 1;
					word_has_digit = false;
					continue;
				}
				*start = i;
				return true;
			}
			word_has_digit = true;
			i = run - 1;
		} else if (c == '+') {
			if (!word_has_digit && personal_at(s, n, i, i, m)) {
				*start = i;
				return true;
			}
			word_has_digit = false;
		} else if (!is_alnum(c)) {
			word_has_digit = false;
		}
	}
	return false;
}

/* The shortest and longest text mask_value changes ("+86-138-1234-5678"
 * is 17). */
#define PERSONAL_MIN_LENGTH 11
#define PERSONAL_MAX_LENGTH 18

/* The whole of s[0..n) is a personal number (a landline's area code may
 * open it in parentheses): true and m set. */
static bool
whole_personal(const char *s, size_t n, struct personal *m)
{
	size_t at = n > 0 && s[0] == '(' ? 1 : 0;

	if (n < PERSONAL_MIN_LENGTH || n > PERSONAL_MAX_LENGTH)
		return false;
	return personal_at(s, n, at, digits_end(s, n, at), m) && m->end == n &&
	       (at == 0 || m->area > 0);
}

static bool
ascii_is_personal(const char *s, size_t n)
{
	struct personal m;

	return whole_personal(s, n, &m);
}

/*
 * Append the match masked: an ID keeps its first six and last four
 * characters, a mobile number its prefix, first three and last four
 * digits, a landline its area code and last four digits, each its
 * separators ("138-****-5678", "0475-***4567").
 */
static void
add_masked(struct gk_buf *out, const char *s, size_t start,
	   const struct personal *m)
{
	size_t head = m->ric    ? RIC_KEEP_HEAD
		      : m->area ? m->area
				: MOBILE_KEEP_HEAD;
	size_t tail = m->ric    ? RIC_KEEP_TAIL
		      : m->area ? LANDLINE_KEEP_TAIL
				: MOBILE_KEEP_TAIL;
	size_t chars = 0, k = 0, base;

	for (size_t i = m->number; i < m->end; i++)
		if (!is_separator(s[i]) && s[i] != ')')
			chars++;
	base = out->len + (m->number - start);
	buf_add(out, s + start, m->end - start);
	for (size_t i = m->number; i < m->end; i++) {
		if (is_separator(s[i]) || s[i] == ')')
			continue;
		if (k >= head && k < chars - tail)
			out->data[base + (i - m->number)] = '*';
		k++;
	}
}

static void
ascii_mask_value(const char *s, size_t n, struct gk_buf *out)
{
	struct personal m;

	if (whole_personal(s, n, &m))
		add_masked(out, s, 0, &m);
	else
		buf_add(out, s, n);
}

/*
 * Full-width forms (an input method in full-width mode types them):
 * digits U+FF10..U+FF19, Ｘ ｘ ＋ － and the ideographic space stand for
 * their ASCII selves.  Text that has a full-width digit is looked at
 * folded, each such character one ASCII byte (every other byte as it
 * is), and what is masked of it is masked in the text: a full-width digit
 * becomes a full-width asterisk, three bytes for three, as wide.
 */
#define FW_ASTERISK "\xef\xbc\x8a" /* U+FF0A */

static bool
fullwidth_digit_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	return n - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	       u[2] <= 0x99;
}

static bool
has_fullwidth_digit(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (fullwidth_digit_at(s, n, (size_t)(p - s)))
			return true;
		p++;
	}
	return false;
}

/* The ASCII character the full-width one at s[i] stands for, 0 if none. */
static char
fullwidth_ascii(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (n - i < 3)
		return 0;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return ' ';
	if (u[0] != 0xEF)
		return 0;
	if (u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		return (char)('0' + (u[2] - 0x90));
	if (u[1] == 0xBC && u[2] == 0xB8)
		return 'X';
	if (u[1] == 0xBD && u[2] == 0x98)
		return 'x';
	if (u[1] == 0xBC && u[2] == 0x8B)
		return '+';
	if (u[1] == 0xBC && u[2] == 0x8D)
		return '-';
	return 0;
}

/* s folded: f[k] stands for s[pos[k]..pos[k + 1]). */
struct folded {
	char *f;
	size_t *pos;
	size_t n;
};

static void
fold(const char *s, size_t n, struct folded *fd)
{
	size_t k = 0;

	fd->f = gk_xmalloc(n + 1);
	fd->pos = gk_xmalloc((n + 1) * sizeof *fd->pos);
	for (size_t i = 0; i < n;) {
		char c = fullwidth_ascii(s, n, i);

		fd->pos[k] = i;
		fd->f[k++] = c ? c : s[i];
		i += c ? 3 : 1;
	}
	fd->pos[k] = n;
	fd->f[k] = '\0';
	fd->n = k;
}

static void
fold_release(struct folded *fd)
{
	free(fd->f);
	free(fd->pos);
}

/* mask_text of s, through its folded form fd. */
static void
fold_mask_text(const char *s, const struct folded *fd, struct gk_buf *out)
{
	struct personal m;
	struct gk_buf tmp;
	size_t at = 0, start;

	buf_init(&tmp);
	while (next_personal(fd->f, fd->n, at, &start, &m)) {
		buf_add(out, s + fd->pos[at], fd->pos[start] - fd->pos[at]);
		buf_reset(&tmp);
		add_masked(&tmp, fd->f, start, &m);
		for (size_t k = start; k < m.end; k++) {
			size_t len = fd->pos[k + 1] - fd->pos[k];

			if (tmp.data[k - start] == '*' && fd->f[k] != '*')
				buf_adds(out, len == 3 ? FW_ASTERISK : "*");
			else
				buf_add(out, s + fd->pos[k], len);
		}
		at = m.end;
	}
	buf_add(out, s + fd->pos[at], fd->pos[fd->n] - fd->pos[at]);
	buf_release(&tmp);
}

/* Of a malformed value: at most so many characters kept at each end, and
 * never more than a quarter of it. */
#define MALFORMED_KEEP_HEAD 3
#define MALFORMED_KEEP_TAIL 2
/* Fewer digits than a local phone number's are no one's number: a name,
 * "N/A" or "不详" in a field of ID numbers is shown, so that a report still
 * says what the bad value is (any number inside it masked as in text). */
#define MALFORMED_MIN_DIGITS 7

static bool
may_be_personal(const char *s, size_t n)
{
	size_t digits = 0;

	for (size_t i = 0; i < n && digits < MALFORMED_MIN_DIGITS; i++)
		if (id_is_digit(s[i]) || fullwidth_digit_at(s, n, i))
			digits++;
	return digits >= MALFORMED_MIN_DIGITS;
}

void
mask_personal(const char *s, size_t n, struct gk_buf *out)
{
	size_t chars = utf8_length(s, n), head, tail, i = 0, k = 0;

	if (mask_is_personal(s, n)) {
		mask_value(s, n, out);
		return;
	}
	if (!may_be_personal(s, n)) {
		mask_text(s, n, out);
		return;
	}
	head = chars / 4 < MALFORMED_KEEP_HEAD ? chars / 4
					       : MALFORMED_KEEP_HEAD;
	tail = chars / 4 < MALFORMED_KEEP_TAIL ? chars / 4
					       : MALFORMED_KEEP_TAIL;
	while (i < n) {
		size_t len = 1;
		while (i + len < n &&
		       ((unsigned char)s[i + len] & 0xc0) == 0x80)
			len++;
		if (k < head || k >= chars - tail)
			buf_add(out, s + i, len);
		else
			buf_addc(out, '*');
		i += len;
		k++;
	}
}

static void
ascii_mask_text(const char *s, size_t n, struct gk_buf *out)
{
	struct personal m;
	size_t at = 0, start;

	while (next_personal(s, n, at, &start, &m)) {
		buf_add(out, s + at, start - at);
		add_masked(out, s, start, &m);
		at = m.end;
	}
	buf_add(out, s + at, n - at);
}

/*
 * Whether personal_at could match anywhere in s[0..n): it starts at a '+'
 * or at the first of a run of ASCII digits, and each of its shapes is
 * known by the run's length and first digit: a resident ID a run of 15
 * or 18, or of 17 and an X; "86" before a mobile number a run led by 8; a
 * landline's area code a run of 3 or 4 led by 0; a mobile number a run of
 * 3, 7 or 11 led by 1.  A tenth of next_personal's cost, and most strings
 * (credit codes, ids) fail it: gov-bid asks it of every string of a
 * market.  Keep it in step with personal_at; a GOVKIT_SELF_CHECK build
 * asks next_personal too and aborts where this would have missed one.
 */
static bool
may_hold_number(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		char c = s[i];
		size_t end, run;

		if (c == '+')
			return true;
		if (!id_is_digit(c)) {
			i++;
			continue;
		}
		end = digits_end(s, n, i);
		run = end - i;
		if (c == '8' || run == 15 || run == 18 ||
		    (run == 17 && end < n &&
		     (s[end] == 'X' || s[end] == 'x')) ||
		    (c == '1' &&
		     (run == 3 || run == 7 || run == MOBILE_DIGITS)) ||
		    (c == '0' && (run == 3 || run == 4)))
			return true;
		i = end;
	}
	return false;
}

static bool
ascii_mask_text_needed(const char *s, size_t n)
{
	struct personal m;
	size_t start;

	if (n < PERSONAL_MIN_LENGTH)
		return false;
	if (!may_hold_number(s, n)) {
#ifdef GOVKIT_SELF_CHECK
		if (next_personal(s, n, 0, &start, &m)) {
			fputs("mask.c: may_hold_number missed a personal number\n",
			      stderr);
			abort();
		}
#endif
		return false;
	}
	return next_personal(s, n, 0, &start, &m);
}

bool
mask_is_personal(const char *s, size_t n)
{
	struct folded fd;
	bool r;

	if (!has_fullwidth_digit(s, n))
		return ascii_is_personal(s, n);
	fold(s, n, &fd);
	r = ascii_is_personal(fd.f, fd.n);
	fold_release(&fd);
	return r;
}

void
mask_value(const char *s, size_t n, struct gk_buf *out)
{
	struct folded fd;

	if (!has_fullwidth_digit(s, n)) {
		ascii_mask_value(s, n, out);
		return;
	}
	fold(s, n, &fd);
	if (ascii_is_personal(fd.f, fd.n))
		fold_mask_text(s, &fd, out); /* the whole of it */
	else
		buf_add(out, s, n);
	fold_release(&fd);
}

void
mask_text(const char *s, size_t n, struct gk_buf *out)
{
	struct folded fd;

	if (!has_fullwidth_digit(s, n)) {
		ascii_mask_text(s, n, out);
		return;
	}
	fold(s, n, &fd);
	fold_mask_text(s, &fd, out);
	fold_release(&fd);
}

bool
mask_text_needed(const char *s, size_t n)
{
	struct folded fd;
	bool r;

	if (ascii_mask_text_needed(s, n))
		return true;
	if (n < PERSONAL_MIN_LENGTH || !has_fullwidth_digit(s, n))
		return false;
	fold(s, n, &fd);
	r = ascii_mask_text_needed(fd.f, fd.n);
	fold_release(&fd);
	return r;
}

static void
mask_string_item(cJSON *item, struct gk_buf *tmp)
{
	const char *v = item->valuestring;
	size_t n = strlen(v);

	if (n == 0)
		return;
	buf_reset(tmp);
	mask_text(v, n, tmp);
	if (tmp->len == n && memcmp(tmp->data, v, n) == 0)
		return;
	cJSON_SetValuestring(item, tmp->data);
}

static void
mask_walk(cJSON *node, struct gk_buf *tmp)
{
	for (cJSON *c = node->child; c; c = c->next) {
		if (cJSON_IsString(c) && c->valuestring)
			mask_string_item(c, tmp);
		else if (jl_number_text(c) &&
			 mask_text_needed(c->valuestring,
					  strlen(c->valuestring))) {
			/* an ID written as a number: masked, it is text */
			buf_reset(tmp);
			mask_text(c->valuestring, strlen(c->valuestring), tmp);
			free(c->valuestring);
			c->valuestring = gk_xstrdup(tmp->data);
			c->type = cJSON_String;
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c))
			mask_walk(c, tmp);
	}
}

void
mask_json(cJSON *obj)
{
	struct gk_buf tmp;

	if (!obj)
		return;
	buf_init(&tmp);
	if (cJSON_IsString(obj) && obj->valuestring)
		mask_string_item(obj, &tmp);
	else
		mask_walk(obj, &tmp);
	buf_release(&tmp);
}

/* A digit at s[i], or a separator ('-' or ' ') and a digit beyond it, as
 * mask_text leaves a grouped number ("138-****-5678"); step is -1 to look
 * before, 1 after. */
static bool
digit_near(const char *s, size_t n, size_t i, int step)
{
	if (i >= n)
		return false;
	if (id_is_digit(s[i]) || (step > 0 && s[i] == 'X'))
		return true;
	if ((s[i] == '-' || s[i] == ' ') && (step > 0 ? i + 1 < n : i > 0))
		return id_is_digit(s[step > 0 ? i + 1 : i - 1]);
	return false;
}

bool
mask_left(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t stars = 0;

		while (i + stars < n && s[i + stars] == '*')
			stars++;
		if (stars >= 4 && digit_near(s, n, i - 1, -1) &&
		    digit_near(s, n, i + stars, 1))
			return true;
		i += stars;
	}
	return false;
}

/* The bytes of a character that may be part of a resident ID or phone
 * number as masking reads one at s[i] (a digit, a separator or bracket,
 * their full-width forms; an ID's check character X too when x is set),
 * else 0. */
static size_t
number_char_at(const char *s, size_t n, size_t i, bool x)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= n || u[0] == '\0')
		return 0;
	if ((u[0] >= '0' && u[0] <= '9') || strchr("+-() ", u[0]) != NULL ||
	    (x && (u[0] == 'X' || u[0] == 'x')))
		return 1;
	if (n - i >= 3 &&
	    ((u[0] == 0xEF && u[1] == 0xBC &&
	      ((u[2] >= 0x90 && u[2] <= 0x99) || u[2] == 0x8B || u[2] == 0x8D ||
	       (x && u[2] == 0xB8))) ||
	     (x && u[0] == 0xEF && u[1] == 0xBD && u[2] == 0x98) ||
	     (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)))
		return 3;
	return 0;
}

size_t
mask_cut(const char *s, size_t n, size_t k)
{
	if (k >= n)
		return n;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--; /* not inside a UTF-8 sequence */
	if (!number_char_at(s, n, k, true))
		return k;
	for (;;) {
		if (k >= 1 && number_char_at(s, k, k - 1, false) == 1)
			k--;
		else if (k >= 3 && number_char_at(s, k, k - 3, false) == 3)
			k -= 3;
		else
			return k;
	}
}
