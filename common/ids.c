/*
 * ids.c: Chinese identifiers with their real check algorithms.
 *
 *   GB 11643-1999  resident ID (公民身份号码): ISO 7064 MOD 11-2
 *   GB 32100-2015  unified social credit code (统一社会信用代码): MOD 31
 *   GB 11714-1997  organization code (组织机构代码): MOD 11
 *   GB/T 2260      administrative division code (行政区划代码)
 *
 * One implementation, shared by gov-check's formats, gov-profile's format
 * guesses and gov-license's holder and issuer checks.
 */
#include "govkit.h"

#include <string.h>

#define RIC_LENGTH 18
#define RIC_LEGACY_LENGTH 15
#define USCC_LENGTH 18
#define ORGCODE_LENGTH 9
#define MOBILE_LENGTH 11
#define POSTCODE_LENGTH 6
/* The earliest birth year a living person's ID plausibly carries. */
#define RIC_MIN_BIRTH_YEAR 1850

static void
result_ok(struct id_result *r)
{
	r->ok = true;
	r->warning = false;
	r->message[0] = '\0';
}

static void result_fail(struct id_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
result_fail(struct id_result *r, const char *fmt, ...)
{
	va_list ap;

	r->ok = false;
	r->warning = false;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof r->message, fmt, ap);
	va_end(ap);
}

/*
 * A value of the wrong length, said in characters: a full-width ID
 * (１５０５…) is 18 characters but 54 bytes, and "length is 54" would
 * send the officer counting digits.
 */
static void
fail_length(struct id_result *r, const char *s, size_t n, const char *want)
{
	size_t chars = utf8_valid(s, n) ? utf8_length(s, n) : n;

	if (chars != n)
		result_fail(
			r,
			"%zu characters, not all ASCII: expected %s ASCII characters",
			chars, want);
	else
		result_fail(r, "length is %zu, expected %s", n, want);
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!id_is_digit(s[i]))
			return false;
	return true;
}

/* Position (1-based) of the first character not in the set, or 0. */
static size_t
first_bad(const char *s, size_t n, bool (*in_set)(char))
{
	for (size_t i = 0; i < n; i++)
		if (!in_set(s[i]))
			return i + 1;
	return 0;
}

/* Why s[0..n) is not `want` ASCII digits: its length, characters not
 * ASCII (full-width digits: as many as wanted, yet "expected 11 digits"
 * read as wrong), or the first that is no digit. */
static void
fail_digits(struct id_result *r, const char *s, size_t n, size_t want)
{
	size_t chars = utf8_valid(s, n) ? utf8_length(s, n) : n;

	if (chars != n)
		result_fail(r,
			    "%zu characters, not all ASCII: expected %zu "
			    "ASCII digits",
			    chars, want);
	else if (n != want)
		result_fail(r, "length is %zu, expected %zu digits", n, want);
	else
		result_fail(r,
			    "character %zu is not a digit: expected %zu "
			    "digits",
			    first_bad(s, n, id_is_digit), want);
}

/* The character at s[0..n) for a message, into out: its whole UTF-8
 * sequence (one byte of it alone is no UTF-8, and findings are written
 * as JSON), '?' for a byte that begins none. */
static const char *
char_text(const char *s, size_t n, char out[5])
{
	size_t k = utf8_sequence(s, n);

	if (k == 0) {
		out[0] = '?';
		k = 1;
	} else {
		memcpy(out, s, k);
	}
	out[k] = '\0';
	return out;
}

static int
two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool
id_province_valid(int code)
{
	static const int provinces[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
		35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
		53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
	};

	for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (provinces[i] == code)
			return true;
	return false;
}

/* ---- GB 11643 resident ID ---------------------------------------- */

char
id_ric_check_char(const char digits17[17])
{
	static const int weights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
					3, 7, 9,  10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (!id_is_digit(digits17[i]))
			return 0;
		sum += (digits17[i] - '0') * weights[i];
	}
	return map[sum % 11];
}

static bool
ric_birth_date(const char *s, size_t len, const struct gk_date *today,
	       struct id_result *r)
{
	struct gk_date d;

	if (len == 8) {
		d.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
			 two_digits(s + 2);
		d.month = two_digits(s + 4);
		d.day = two_digits(s + 6);
	} else {
		d.year = 1900 + two_digits(s);
		d.month = two_digits(s + 2);
		d.day = two_digits(s + 4);
	}
	/* The digits are not quoted: they are what the masking of the
	 * value hides, and a date that is one typo from its holder's real
	 * birthday tells it (the value shows them with --no-mask). */
	if (!date_valid(d.year, d.month, d.day) ||
	    d.year < RIC_MIN_BIRTH_YEAR) {
		result_fail(r, "birth date (digits 7-%zu) is not a real date",
			    6 + len);
		return false;
	}
	if (today && date_cmp(&d, today) > 0) {
		result_fail(r, "birth date (digits 7-%zu) is in the future",
			    6 + len);
		return false;
	}
	return true;
}

void
id_check_ric(const char *s, size_t n, const struct gk_date *today,
	     struct id_result *r)
{
	char want, got;

	if (n == RIC_LEGACY_LENGTH && all_digits(s, n)) {
		if (!id_province_valid(two_digits(s))) {
			result_fail(r, "region code %.2s is not a province", s);
			return;
		}
		if (!ric_birth_date(s + 6, 6, today, r))
			return;
		result_ok(r);
		r->warning = true;
		snprintf(
			r->message, sizeof r->message,
			"15-digit legacy resident ID (before 1999), not checkable");
		return;
	}
	if (n != RIC_LENGTH) {
		fail_length(r, s, n, "18");
		return;
	}
	if (!all_digits(s, 17)) {
		size_t i = 0;
		while (id_is_digit(s[i]))
			i++;
		result_fail(r, "character %zu is not a digit", i + 1);
		return;
	}
	got = s[17] == 'x' ? 'X' : s[17];
	if (!id_is_digit(got) && got != 'X') {
		result_fail(r, "check character must be a digit or X");
		return;
	}
	if (!id_province_valid(two_digits(s))) {
		result_fail(r, "region code %.2s is not a province", s);
		return;
	}
	if (!ric_birth_date(s + 6, 8, today, r))
		return;
	want = id_ric_check_char(s);
	if (want != got) {
		result_fail(r, "check character is %c, expected %c", s[17],
			    want);
		return;
	}
	result_ok(r);
}

/* ---- GB 11714 organization code ---------------------------------- */

static int
orgcode_value(char c)
{
	if (id_is_digit(c))
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

static bool
is_orgcode_char(char c)
{
	return orgcode_value(c) >= 0;
}

char
id_orgcode_check_char(const char chars8[8])
{
	static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0, c;

	for (int i = 0; i < 8; i++) {
		int v = orgcode_value(chars8[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/* Check an organization code of 9 characters (no hyphen); `what` names it
 * in messages ("organization code" or "embedded organization code"). */
static void
check_orgcode9(const char *s, const char *what, struct id_result *r)
{
	size_t bad = first_bad(s, 8, is_orgcode_char);
	char want;

	if (bad) {
		result_fail(
			r, "%s: character %zu is not a digit or capital letter",
			what, bad);
		return;
	}
	want = id_orgcode_check_char(s);
	if (want != s[8]) {
		result_fail(r, "%s: check character is %c, expected %c", what,
			    s[8], want);
		return;
	}
	result_ok(r);
}

void
id_check_orgcode(const char *s, size_t n, struct id_result *r)
{
	char code[ORGCODE_LENGTH];

	if (n == ORGCODE_LENGTH + 1 && s[8] == '-') {
		memcpy(code, s, 8);
		code[8] = s[9];
	} else if (n == ORGCODE_LENGTH) {
		memcpy(code, s, ORGCODE_LENGTH);
	} else {
		fail_length(r, s, n, "9 (or 10 with '-')");
		return;
	}
	check_orgcode9(code, "organization code", r);
}

/* ---- GB 32100 unified social credit code ------------------------- */

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
uscc_value(char c)
{
	/* A table, not strchr: batches check millions of codes.  Values are
	 * stored plus one so that 0 means "not in the alphabet". */
	static const signed char value[256] = {
		['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,
		['5'] = 6,  ['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10,
		['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
		['F'] = 16, ['G'] = 17, ['H'] = 18, ['J'] = 19, ['K'] = 20,
		['L'] = 21, ['M'] = 22, ['N'] = 23, ['P'] = 24, ['Q'] = 25,
		['R'] = 26, ['T'] = 27, ['U'] = 28, ['W'] = 29, ['X'] = 30,
		['Y'] = 31};

	return value[(unsigned char)c] - 1;
}

static bool
is_uscc_char(char c)
{
	return uscc_value(c) >= 0;
}

char
id_uscc_check_char(const char chars17[17])
{
	static const int weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
					29, 25, 13, 8,  24, 10, 30, 28};
	int sum = 0, c;

	for (int i = 0; i < 17; i++) {
		int v = uscc_value(chars17[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	c = 31 - sum % 31;
	return uscc_alphabet[c == 31 ? 0 : c];
}

/*
 * Registration authority (position 1) and the organization categories it
 * may use (position 2), GB 32100 and its later additions.
 */
static const struct {
	char authority;
	const char *categories;
} uscc_authorities[] = {
	{'1', "1239"}, /* 机构编制: 机关, 事业单位, 群众团体, 其他 */
	{'2', "19"},     /* 外交 */
	{'3', "123459"}, /* 司法行政 */
	{'4', "19"},     /* 文化 */
	{'5', "1239"}, /* 民政: 社会团体, 民办非企业单位, 基金会, 其他 */
	{'6', "129"}, /* 旅游 */
	{'7', "129"}, /* 宗教 */
	{'8', "19"},  /* 工会 */
	{'9', "123"}, /* 工商: 企业, 个体工商户, 农民专业合作社 */
	{'A', "19"},   /* 中央军委改革和编制办公室 */
	{'N', "1239"}, /* 农业 */
	{'Y', "1"},    /* 其他 */
};

/* Region code of the national registration authorities (国家使用). */
#define USCC_NATIONAL_REGION "100000"

/*
 * Codes issued in the early pilots (Fujian, 2015) whose check character
 * does not follow GB 32100, though they are real and still in use; they
 * pass with a warning.  Reported publicly by users of the check, e.g.
 * https://segmentfault.com/q/1010000015163528.  Add to it only codes
 * confirmed against the national credit register.
 */
static const char *const uscc_pilot_codes[] = {
	"91350100M0001TGQXM",
	"91350211M0000XUF46",
};

static bool
uscc_known_pilot(const char *s)
{
	for (size_t i = 0;
	     i < sizeof uscc_pilot_codes / sizeof uscc_pilot_codes[0]; i++)
		if (memcmp(uscc_pilot_codes[i], s, USCC_LENGTH) == 0)
			return true;
	return false;
}

static const char *
uscc_categories(char authority)
{
	for (size_t i = 0;
	     i < sizeof uscc_authorities / sizeof uscc_authorities[0]; i++)
		if (uscc_authorities[i].authority == authority)
			return uscc_authorities[i].categories;
	return NULL;
}

void
id_check_uscc(const char *s, size_t n, struct id_result *r)
{
	const char *categories;
	size_t bad;
	char want, ch[5];

	if (n != USCC_LENGTH) {
		fail_length(r, s, n, "18");
		return;
	}
	bad = first_bad(s, n, is_uscc_char);
	if (bad) {
		result_fail(
			r,
			"character %zu ('%s') is not in the code's alphabet "
			"(digits and capitals without I O Z S V)",
			bad, char_text(s + bad - 1, n - bad + 1, ch));
		return;
	}
	categories = uscc_categories(s[0]);
	if (!categories) {
		result_fail(r, "registration authority code %c is not assigned",
			    s[0]);
		return;
	}
	if (!strchr(categories, s[1])) {
		result_fail(
			r,
			"organization category %c is not used by authority %c",
			s[1], s[0]);
		return;
	}
	if (!all_digits(s + 2, 6) ||
	    (!id_province_valid(two_digits(s + 2)) &&
	     memcmp(s + 2, USCC_NATIONAL_REGION, 6) != 0)) {
		result_fail(r, "region code %.6s is not a division code",
			    s + 2);
		return;
	}
	want = id_uscc_check_char(s);
	if (want != s[17]) {
		if (uscc_known_pilot(s)) {
			result_ok(r);
			r->warning = true;
			snprintf(
				r->message, sizeof r->message,
				"check character is %c, expected %c: a known code "
				"of the early pilots, accepted",
				s[17], want);
			return;
		}
		result_fail(r, "check character is %c, expected %c", s[17],
			    want);
		return;
	}
	check_orgcode9(s + 8, "embedded organization code", r);
}

/* ---- GB/T 36904 electronic license identifier -------------------- */

/* The OID arc every national license identifier starts with. */
#define LICENSE_ID_PREFIX "1.2.156.3005.2."
#define LICENSE_ID_PARTS 5 /* type, issuer, serial, version, check */
#define LICENSE_ID_MAX 256
#define MOD37_36_M 36

static int
mod37_value(char c)
{
	if (id_is_digit(c))
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char
id_license_id_check_char(const char *chars, size_t n)
{
	/* ISO 7064 MOD 37,36 (hybrid system, M = 36). */
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	int p = MOD37_36_M;

	for (size_t i = 0; i < n; i++) {
		int v = mod37_value(chars[i]), t;
		if (v < 0)
			return 0;
		t = (p + v) % MOD37_36_M;
		if (t == 0)
			t = MOD37_36_M;
		p = (t * 2) % (MOD37_36_M + 1);
	}
	return alphabet[(MOD37_36_M + 1 - p) % MOD37_36_M];
}

/* Split the identifier after the prefix into its parts; -1 if malformed
 * (message in r). */
static int
license_id_parts(const char *s, size_t n, const char *part[LICENSE_ID_PARTS],
		 size_t plen[LICENSE_ID_PARTS], struct id_result *r)
{
	static const char *const names[LICENSE_ID_PARTS] = {
		"type code", "issuer code",     "serial number",
		"version",   "check character",
	};
	size_t pl = strlen(LICENSE_ID_PREFIX), k = 0;
	const char *p, *end = s + n;

	if (n < pl || memcmp(s, LICENSE_ID_PREFIX, pl) != 0) {
		result_fail(r, "does not start with %s", LICENSE_ID_PREFIX);
		return -1;
	}
	if (n > LICENSE_ID_MAX) {
		result_fail(r, "longer than %d characters", LICENSE_ID_MAX);
		return -1;
	}
	p = s + pl;
	while (k < LICENSE_ID_PARTS) {
		const char *q = p;
		while (q < end && *q != '.')
			q++;
		part[k] = p;
		plen[k] = (size_t)(q - p);
		if (!plen[k]) {
			result_fail(r, "%s is empty", names[k]);
			return -1;
		}
		for (const char *c = p; c < q; c++)
			if (mod37_value(*c) < 0) {
				char ch[5];
				result_fail(
					r,
					"%s has '%s' (digits and capitals only)",
					names[k],
					char_text(c, (size_t)(end - c), ch));
				return -1;
			}
		k++;
		if (q == end)
			break;
		p = q + 1;
	}
	if (k < LICENSE_ID_PARTS || part[4] + plen[4] != end) {
		result_fail(
			r,
			"expected 1.2.156.3005.2.TYPE.ISSUER.SERIAL.VERSION.CHECK");
		return -1;
	}
	if (plen[1] != USCC_LENGTH) {
		result_fail(r, "issuer code is %zu characters, expected 18",
			    plen[1]);
		return -1;
	}
	if (plen[4] != 1) {
		result_fail(r, "check character must be one character");
		return -1;
	}
	return 0;
}

void
id_check_license_id(const char *s, size_t n, struct id_result *r)
{
	const char *part[LICENSE_ID_PARTS];
	size_t plen[LICENSE_ID_PARTS], k = 0;
	char chars[LICENSE_ID_MAX], want;

	if (license_id_parts(s, n, part, plen, r) < 0)
		return;
	/* The check character covers the parts the identifier adds to the
	 * national arc, not the arc itself: "1.2.156.3005.2." is the same in
	 * every identifier and is left out, as the identifiers issued on the
	 * national platform are computed. */
	for (const char *c = part[0]; c < part[4]; c++)
		if (*c != '.')
			chars[k++] = *c;
	want = id_license_id_check_char(chars, k);
	if (want != *part[4]) {
		result_fail(r, "check character is %c, expected %c", *part[4],
			    want);
		return;
	}
	result_ok(r);
}

int
id_license_id_issuer(const char *s, size_t n, char out[19])
{
	const char *part[LICENSE_ID_PARTS];
	size_t plen[LICENSE_ID_PARTS];
	struct id_result r;

	if (license_id_parts(s, n, part, plen, &r) < 0)
		return -1;
	memcpy(out, part[1], USCC_LENGTH);
	out[USCC_LENGTH] = '\0';
	return 0;
}

/* ---- contact and place codes ------------------------------------- */

void
id_check_mobile(const char *s, size_t n, struct id_result *r)
{
	if (n >= 3 && memcmp(s, "+86", 3) == 0) {
		s += 3;
		n -= 3;
		if (n > 0 && (*s == '-' || *s == ' ')) {
			s++;
			n--;
		}
	}
	if (n != MOBILE_LENGTH || !all_digits(s, n)) {
		fail_digits(r, s, n, MOBILE_LENGTH);
		return;
	}
	if (s[0] != '1' || s[1] < '3' || s[1] > '9') {
		result_fail(r, "prefix %.2s is not a mobile prefix (13 to 19)",
			    s);
		return;
	}
	result_ok(r);
}

void
id_check_postcode(const char *s, size_t n, struct id_result *r)
{
	if (n != POSTCODE_LENGTH || !all_digits(s, n)) {
		fail_digits(r, s, n, POSTCODE_LENGTH);
		return;
	}
	result_ok(r);
}

void
id_check_division(const char *s, size_t n, struct id_result *r)
{
	if ((n != 6 && n != 9 && n != 12) || !all_digits(s, n)) {
		result_fail(
			r,
			"expected 6 digits (9 or 12 for townships and villages)");
		return;
	}
	if (!id_province_valid(two_digits(s))) {
		result_fail(r, "province code %.2s does not exist", s);
		return;
	}
	result_ok(r);
}

static bool
is_hex(char c)
{
	return id_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

bool
id_is_uuid(const char *s, size_t n)
{
	if (n != ID_UUID_LENGTH)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !is_hex(s[i]))
			return false;
	}
	return true;
}
