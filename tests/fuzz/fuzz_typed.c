/*
 * Fuzz target: values as people type them.  utf8_blank_len and
 * utf8_trim_blanks (utf8.c), which date.c's quarter parser, gov-report's
 * plan and progress readers and schema.c's type messages (unseen_cause)
 * share; the quarter parsers through them; and the input as a cell of a
 * fixed schema (schema_check_cell): a date of format any, an integer, a
 * number, a boolean, a date of a pattern.
 *
 * Properties, against the target's own list of blanks (ASCII white
 * space, U+00A0, U+3000, a stray BOM U+FEFF; not the code under test): utf8_blank_len at
 * every offset is the length of the blank there; utf8_trim_blanks gives
 * a part of the text (within it), without a blank at either end, what
 * it cut before and after it being blanks and nothing else (and all of
 * the text cut when it is blanks only); trimming again changes nothing.
 * quarter_parse_typed and quarter_parse_arg give the same answer (the
 * same quarter, or a refusal) for the text with blanks put around it.
 * A cell's type finding says "a blank before or after it" exactly when
 * the value has one (the oracle's blanks), else "full-width digits"
 * exactly when it holds one of ０-９.  A date of format any written
 * YYYY-M-D (ASCII digits, the month and day of one or two) is a date
 * exactly when YYYY-MM-DD is, the same day.
 */
#include "fuzz.h"

#include <string.h>

static const char schema_text[] =
	"{\"fields\":["
	"{\"name\":\"d\",\"type\":\"date\",\"format\":\"any\"},"
	"{\"name\":\"i\",\"type\":\"integer\"},"
	"{\"name\":\"n\",\"type\":\"number\"},"
	"{\"name\":\"b\",\"type\":\"boolean\"},"
	"{\"name\":\"p\",\"type\":\"date\",\"format\":\"%d/%m/%Y\"},"
	"{\"name\":\"t\",\"type\":\"datetime\",\"format\":\"any\"}"
	"]}";
static struct schema *schema;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;
	char path[64];
	int fd = fuzz_file((const uint8_t *)schema_text, sizeof schema_text - 1,
			   path);

	(void)argc;
	(void)argv;
	if (fd < 0 || (schema = schema_load(path, &e)) == NULL)
		abort();
	close(fd);
	return 0;
}

static const char *const blanks[] = {
	" ",  "\t",       "\n",           "\v",          "\f",
	"\r", "\xc2\xa0", "\xe3\x80\x80", "\xef\xbb\xbf"};

/* The length of the blank beginning at s[0..n), 0 none (the oracle). */
static size_t
blank_at(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		size_t k = strlen(blanks[i]);

		if (n >= k && memcmp(s, blanks[i], k) == 0)
			return k;
	}
	return 0;
}

/* Does s[0..n) end with a blank? */
static bool
blank_at_end(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		size_t k = strlen(blanks[i]);

		if (n >= k && memcmp(s + n - k, blanks[i], k) == 0)
			return true;
	}
	return false;
}

/* Is s[0..n) blanks, read from its start, and nothing else? */
static bool
all_blanks(const char *s, size_t n)
{
	size_t k;

	for (size_t i = 0; i < n; i += k)
		if ((k = blank_at(s + i, n - i)) == 0)
			return false;
	return true;
}

static void
fail(const char *why, const uint8_t *data, size_t size)
{
	dprintf(2, "fuzz_typed: %s (", why);
	for (size_t i = 0; i < size; i++)
		dprintf(2, "%02x", data[i]);
	dprintf(2, ")\n");
	abort();
}

static void
same_quarter(const char *s, const uint8_t *data, size_t size)
{
	static const struct gk_date today = {2025, 10, 15};
	struct gk_quarter q1 = {0, 0}, q2 = {0, 0};
	struct gk_err e;
	char *padded = gk_xasprintf("\xe3\x80\x80 \t%s\r\n\xc2\xa0", s);
	int r1 = quarter_parse_typed(s, &q1);
	int r2 = quarter_parse_typed(padded, &q2);

	if (r1 != r2 || (r1 == 0 && (q1.year != q2.year || q1.q != q2.q)))
		fail("quarter_parse_typed answers otherwise with blanks around",
		     data, size);
	r1 = quarter_parse_arg(s, &today, &q1, &e);
	r2 = quarter_parse_arg(padded, &today, &q2, &e);
	if (r1 != r2 || (r1 == 0 && (q1.year != q2.year || q1.q != q2.q)))
		fail("quarter_parse_arg answers otherwise with blanks around",
		     data, size);
	free(padded);
}

/* YYYY-M-D with ASCII digits, month and day of one or two: the same
 * zero-padded into out (11 bytes); else false. */
static bool
unpadded_iso(const char *s, size_t n, char out[11])
{
	size_t i = 0, k;
	char part[2][3];

	for (; i < 4; i++)
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
	for (int j = 0; j < 2; j++) {
		if (i >= n || s[i++] != '-')
			return false;
		for (k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '9'; k++)
			part[j][k] = s[i++];
		if (k == 0)
			return false;
		if (k == 1) {
			part[j][1] = part[j][0];
			part[j][0] = '0';
		}
		part[j][2] = '\0';
	}
	if (i != n)
		return false;
	snprintf(out, 11, "%.4s-%s-%s", s, part[0], part[1]);
	return true;
}

/* The input as a cell of each field of the fixed schema. */
static void
cells(const char *v, size_t n, const uint8_t *data, size_t size)
{
	struct schema_issue out[SCHEMA_MAX_ISSUES];
	struct schema_value val, val2;
	bool blank = n > 0 && (blank_at(v, n) > 0 || blank_at_end(v, n));
	bool fw = false;
	char padded[11];

	for (size_t i = 0; i + 2 < n; i++)
		fw |= (unsigned char)v[i] == 0xef &&
		      (unsigned char)v[i + 1] == 0xbc &&
		      (unsigned char)v[i + 2] >= 0x90 &&
		      (unsigned char)v[i + 2] <= 0x99;
	for (size_t f = 0; f < schema_field_count(schema); f++) {
		size_t k = schema_check_cell(schema, f, v, n, &val, out);

		for (size_t j = 0; j < k; j++) {
			const char *m = out[j].message;

			if (strcmp(out[j].check, "type") != 0)
				continue;
			if ((strstr(m, "a blank before or after it") != NULL) !=
			    blank)
				fail("the type finding's blank is wrong", data,
				     size);
			if (!blank &&
			    (strstr(m, "full-width digits") != NULL) != fw)
				fail("the type finding's full-width digits are "
				     "wrong",
				     data, size);
		}
	}
	if (unpadded_iso(v, n, padded)) {
		int r1 = schema_value_parse(schema, 0, v, n, &val);
		int r2 = schema_value_parse(schema, 0, padded, 10, &val2);

		if (r1 != r2 ||
		    (r1 == 0 && (val.kind != val2.kind || val.u.i != val2.u.i)))
			fail("YYYY-M-D is not the date YYYY-MM-DD is", data,
			     size);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = gk_xmalloc(size + 1);
	const char *t = text, *t2;
	size_t n, n2;

	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size; i++)
		if (utf8_blank_len(text + i, size - i) !=
		    blank_at(text + i, size - i))
			fail("utf8_blank_len is not the blank's length", data,
			     size);
	n = utf8_trim_blanks(&t, size);
	if (t < text || t > text + size || n > size - (size_t)(t - text))
		fail("the trimmed text is not within the text", data, size);
	if (!all_blanks(text, (size_t)(t - text)))
		fail("what was cut before is not blanks", data, size);
	if (!all_blanks(t + n, size - (size_t)(t - text) - n))
		fail("what was cut after is not blanks", data, size);
	if (n > 0 && (blank_at(t, n) > 0 || blank_at_end(t, n)))
		fail("a blank is left at an end", data, size);
	if (n == 0 && !all_blanks(text, size))
		fail("a text not of blanks trimmed to nothing", data, size);
	t2 = t;
	n2 = utf8_trim_blanks(&t2, n);
	if (t2 != t || n2 != n)
		fail("trimming again changes the text", data, size);
	if (size < 256 && memchr(data, '\0', size) == NULL) {
		same_quarter(text, data, size);
		cells(text, size, data, size);
	}
	free(text);
	return 0;
}
