/*
 * tests/unit/common.c: unit tests of libgovkit's core modules, printing
 * TAP.  Run by tests/t0000-unit.t.
 */
#include "govkit.h"
#include "tap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
check_str(const char *got, const char *want, const char *what)
{
	bool same = got && strcmp(got, want) == 0;

	check(same, what);
	if (!same)
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		       want);
}

/* ---- utf8 -------------------------------------------------------- */

static void
test_utf8(void)
{
	check(utf8_valid("abc", 3), "utf8: ascii valid");
	check(utf8_valid("\xe9\x80\x9a\xe8\xbe\xbd", 6), "utf8: CJK valid");
	check(!utf8_valid("\xc0\xaf", 2), "utf8: overlong rejected");
	check(!utf8_valid("\xed\xa0\x80", 3), "utf8: surrogate rejected");
	check(!utf8_valid("\xf4\x90\x80\x80", 4),
	      "utf8: beyond U+10FFFF rejected");
	check(utf8_valid_prefix("abcdefgh\xff", 9) == 8,
	      "utf8: prefix stops at bad byte");
	check(utf8_width("通辽ab", 8) == 6, "utf8: CJK counts two");
	check(utf8_length("通辽ab", 8) == 4, "utf8: code points");
	check(utf8_sequence("\xe9\x80\x9a", 3) == 3,
	      "utf8: one sequence's length");
	check(utf8_sequence("\xe9\x80", 2) == 0, "utf8: cut sequence invalid");
	check(utf8_sequence("", 0) == 0, "utf8: no bytes, no sequence");

	/* a server's message for a terminal: ESC [2J, a newline, DEL and a
	 * C1 CSI (U+009B) become spaces; Chinese and é stay */
	char msg[] = "x\x1b[2Jy\n通辽\x7f\xc2\x9b"
		     "31m\xc3\xa9";
	size_t n = utf8_printable(msg, sizeof msg - 1);
	check(n == strlen("x [2Jy 通辽  31m\xc3\xa9"),
	      "utf8_printable: C1 made one space");
	check(strcmp(msg, "x [2Jy 通辽  31m\xc3\xa9") == 0,
	      "utf8_printable: controls are spaces");
}

/* s as a cell of width w, as a string */
static bool
cell_is(const char *s, size_t w, bool right, const char *want)
{
	struct gk_buf b;
	bool same;

	buf_init(&b);
	buf_add_cell(&b, s, strlen(s), w, right);
	buf_addc(&b, '\0');
	same = strcmp(b.data, want) == 0;
	if (!same)
		printf("# cell '%s' %zu: got '%s', want '%s'\n", s, w, b.data,
		       want);
	buf_release(&b);
	return same;
}

static void
test_text_cells(void)
{
	struct gk_buf tmp;
	const char *plain = "通辽 ab";

	check(cell_is("ab", 4, false, "ab  "), "cell: padded on the right");
	check(cell_is("ab", 4, true, "  ab"), "cell: right-aligned");
	check(cell_is("abcd", 4, false, "abcd"), "cell: exactly the width");
	check(cell_is("abcdef", 4, false, "abc\xe2\x80\xa6"),
	      "cell: cut, the ellipsis in the last column");
	check(cell_is("通辽通", 5, false, "通辽\xe2\x80\xa6"),
	      "cell: a wide last character is cut, not overflowing");
	check(cell_is("通辽通", 4, false, "通\xe2\x80\xa6 "),
	      "cell: cut before a wide character, padded");
	check(cell_is("a\x1b[2J\nb", 8, false, "a [2J b "),
	      "cell: controls are spaces");
	check(cell_is("a\xc2\x9b"
		      "31mb\tc",
		      6, true, "a 31m\xe2\x80\xa6"),
	      "cell: a C1 control one column, cut");
	check(cell_is("", 3, false, "   "), "cell: empty");
	buf_init(&tmp);
	check(text_printable(plain, &tmp) == plain,
	      "text_printable: clean text is not copied");
	check(strcmp(text_printable("x\ry\x7f", &tmp), "x y ") == 0,
	      "text_printable: CR and DEL are spaces");
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE;
	 * U+200F RIGHT-TO-LEFT MARK, a mark of text, stays */
	check(strcmp(text_printable("1\xe2\x80\xae"
				    "23\xe2\x81\xa6"
				    "4\xe2\x80\x8f",
				    &tmp),
		     "1 23 4\xe2\x80\x8f") == 0,
	      "text_printable: bidirectional overrides and isolates are spaces");
	buf_reset(&tmp);
	buf_add_padded(&tmp, "服务", strlen("服务"), 6);
	check(strcmp(tmp.data, "服务  ") == 0,
	      "padded: a CJK character counts two columns");
	buf_reset(&tmp);
	buf_add_padded(&tmp, "ocds-213czf-000001", 18, 4);
	check(strcmp(tmp.data, "ocds-213czf-000001") == 0,
	      "padded: a longer text is never cut");
	buf_reset(&tmp);
	buf_add_padded(&tmp, "a\tb", 3, 4);
	check(strcmp(tmp.data, "a b ") == 0, "padded: controls are spaces");
	buf_release(&tmp);
}

static void
test_utf8_encode(void)
{
	static const struct {
		uint32_t cp;
		const char *bytes;
	} cases[] = {{0x41, "A"},
		     {0xE9, "\xc3\xa9"},
		     {0x901A, "\xe9\x80\x9a"},
		     {0x1F600, "\xf0\x9f\x98\x80"},
		     {0x10FFFF, "\xf4\x8f\xbf\xbf"}};
	char out[4], what[40];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = utf8_encode(cases[i].cp, out);
		snprintf(what, sizeof what, "utf8_encode: U+%04X",
			 (unsigned)cases[i].cp);
		check(n == strlen(cases[i].bytes) &&
			      memcmp(out, cases[i].bytes, n) == 0,
		      what);
	}
}

static void
test_utf8_json_escape(void)
{
	uint32_t cp = 0;
	const char *s;

	s = "901a rest";
	check(utf8_json_escape(s, s + strlen(s), &cp) == 4 && cp == 0x901A,
	      "json escape: four hex digits");
	s = "D83D\\uDE00";
	check(utf8_json_escape(s, s + strlen(s), &cp) == 10 && cp == 0x1F600,
	      "json escape: a surrogate pair is one code point");
	s = "12g4";
	check(utf8_json_escape(s, s + strlen(s), &cp) == UTF8_ESC_BAD_HEX,
	      "json escape: not hex");
	s = "901a";
	check(utf8_json_escape(s, s + 3, &cp) == UTF8_ESC_BAD_HEX,
	      "json escape: cut by the end");
	s = "DE00";
	check(utf8_json_escape(s, s + strlen(s), &cp) == UTF8_ESC_LONE_LOW,
	      "json escape: low surrogate first");
	s = "D83D\\u0041";
	check(utf8_json_escape(s, s + strlen(s), &cp) == UTF8_ESC_LONE_HIGH,
	      "json escape: high surrogate, then no low one");
	s = "D83D\\uDE0";
	check(utf8_json_escape(s, s + strlen(s), &cp) == UTF8_ESC_LONE_HIGH,
	      "json escape: high surrogate, its pair cut");
}

/* ---- dates and quarters ------------------------------------------ */

static void
test_dates(void)
{
	struct gk_date d, back;
	struct gk_quarter q;
	struct gk_err e;
	char text[11], qt[8];

	check(date_parse("2024-02-29", 10, &d) == 0, "date: leap day accepted");
	check(date_parse("2025-02-29", 10, &d) != 0,
	      "date: 2025-02-29 rejected");
	check(date_parse("2025-02-30", 10, &d) != 0,
	      "date: 2025-02-30 rejected");
	check(date_parse("2025-13-01", 10, &d) != 0, "date: month 13 rejected");
	check(date_parse("2025-1-01", 9, &d) != 0, "date: short form rejected");
	date_parse("1970-01-01", 10, &d);
	check(date_to_days(&d) == 0, "date: epoch is day 0");
	date_parse("2000-03-01", 10, &d);
	date_from_days(date_to_days(&d), &back);
	check(date_cmp(&d, &back) == 0, "date: days round trip");
	date_from_days(date_to_days(&d) - 1, &back);
	date_format(&back, text);
	check_str(text, "2000-02-29", "date: day before 2000-03-01");
	check(quarter_parse("2025Q3", &q) == 0 && q.year == 2025 && q.q == 3,
	      "quarter: parse");
	quarter_add(&q, 2);
	quarter_format(&q, qt);
	check_str(qt, "2026Q1", "quarter: add across a year");
	date_parse("2025-01-05", 10, &d);
	quarter_parse_arg("previous", &d, &q, &e);
	quarter_format(&q, qt);
	check_str(qt, "2024Q4", "quarter: previous of January is Q4");
	check(quarter_parse_arg("2025Q5", &d, &q, &e) != 0,
	      "quarter: Q5 rejected");
	quarter_parse("2024Q1", &q);
	quarter_last_day(&q, &d);
	date_format(&d, text);
	check_str(text, "2024-03-31", "quarter: last day");
}

/* ---- identifiers ------------------------------------------------- */

/* Every single-character change of a valid code must fail. */
static bool
every_change_fails(const char *valid, const char *alphabet,
		   void (*checker)(const char *, size_t, struct id_result *))
{
	size_t n = strlen(valid);
	char copy[32];
	struct id_result r;

	for (size_t i = 0; i < n; i++) {
		for (const char *a = alphabet; *a; a++) {
			if (*a == valid[i])
				continue;
			memcpy(copy, valid, n + 1);
			copy[i] = *a;
			checker(copy, n, &r);
			if (r.ok) {
				printf("#   %s accepted\n", copy);
				return false;
			}
		}
	}
	return true;
}

static void
ric_no_today(const char *s, size_t n, struct id_result *r)
{
	id_check_ric(s, n, NULL, r);
}

static void
test_ids(void)
{
	static const char digits[] = "0123456789X";
	static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	struct id_result r;
	struct gk_date today = {2025, 10, 15};
	char ric[19], uscc[19];

	id_check_uscc("91110000600037341L", 18, &r);
	check(r.ok, "uscc: 91110000600037341L valid (published example)");
	id_check_uscc("91310115MA1K3BTP2B", 18, &r);
	check(r.ok, "uscc: 91310115MA1K3BTP2B valid (published example)");
	id_check_uscc("91110000600037341N", 18, &r);
	check(!r.ok, "uscc: 91110000600037341N invalid");
	check_str(r.message, "check character is N, expected L",
		  "uscc: message says expected");
	id_check_uscc("9111000060003734IL", 18, &r);
	check(!r.ok, "uscc: letter I outside the alphabet");
	check(every_change_fails("91310115MA1K3BTP2B", uscc_chars,
				 id_check_uscc),
	      "uscc: every single-character change fails");

	id_check_ric("44011320141005001X", 18, &today, &r);
	check(r.ok, "ric: 44011320141005001X valid (published example)");
	id_check_ric("36042619910102009X", 18, &today, &r);
	check(!r.ok, "ric: 36042619910102009X invalid (published example)");
	check_str(r.message, "check character is X, expected 3",
		  "ric: message says expected");
	id_check_ric("44011320141005001x", 18, &today, &r);
	check(r.ok, "ric: lowercase x accepted");
	check(every_change_fails("44011320141005001X", digits, ric_no_today),
	      "ric: every single-character change fails");
	/* A generated one: region 150502, born 1990-02-28. */
	memcpy(ric, "15050219900228123", 17);
	ric[17] = id_ric_check_char(ric);
	ric[18] = '\0';
	id_check_ric(ric, 18, &today, &r);
	check(r.ok, "ric: generated number valid");
	memcpy(ric + 6, "20300101", 8);
	ric[17] = id_ric_check_char(ric);
	id_check_ric(ric, 18, &today, &r);
	check(!r.ok && strstr(r.message, "future"),
	      "ric: future birth date rejected");
	memcpy(ric + 6, "19900230", 8);
	ric[17] = id_ric_check_char(ric);
	id_check_ric(ric, 18, &today, &r);
	check(!r.ok && strstr(r.message, "not a real date"),
	      "ric: 1990-02-30 rejected");
	memcpy(ric, "99050219900228123", 17);
	ric[17] = id_ric_check_char(ric);
	id_check_ric(ric, 18, &today, &r);
	check(!r.ok && strstr(r.message, "region"), "ric: region 99 rejected");
	id_check_ric("150502900228123", 15, &today, &r);
	check(r.ok && r.warning,
	      "ric: 15-digit legacy number reported as such");

	id_check_orgcode("60003734-1", 10, &r);
	check(r.ok, "orgcode: 60003734-1 valid");
	id_check_orgcode("600037342", 9, &r);
	check(!r.ok, "orgcode: wrong check character");
	/* USCC with a broken embedded organization code but right MOD 31. */
	memcpy(uscc, "91150502MA0N00001", 17);
	uscc[17] = id_uscc_check_char(uscc);
	uscc[18] = '\0';
	id_check_uscc(uscc, 18, &r);
	check(!r.ok && strstr(r.message, "embedded organization code"),
	      "uscc: embedded organization code checked");
	id_check_mobile("13812345678", 11, &r);
	check(r.ok, "mobile: valid");
	id_check_mobile("12812345678", 11, &r);
	check(!r.ok, "mobile: prefix 12 rejected");
	id_check_postcode("028000", 6, &r);
	check(r.ok, "postcode: valid");
	id_check_division("150502", 6, &r);
	check(r.ok, "division: 150502 valid");
	id_check_division("990502", 6, &r);
	check(!r.ok, "division: province 99 rejected");
}

/* ---- masking ----------------------------------------------------- */

static void
test_mask(void)
{
	struct gk_buf b;
	cJSON *obj;
	char *text;

	buf_init(&b);
	mask_value("15050219900228123X", 18, &b);
	check_str(b.data, "150502********123X",
		  "mask: resident ID keeps region and last four");
	buf_reset(&b);
	mask_value("13812345678", 11, &b);
	check_str(b.data, "138****5678", "mask: mobile keeps 3 and 4");
	buf_reset(&b);
	mask_value("+8613812345678", 14, &b);
	check_str(b.data, "+86138****5678", "mask: mobile with country code");
	buf_reset(&b);
	mask_text("id 15050219900228123X, tel 13812345678; order 123", 50, &b);
	check_str(b.data, "id 150502********123X, tel 138****5678; order 123",
		  "mask: inside free text");
	buf_reset(&b);
	mask_text("A15050219900228123XB", 20, &b);
	check_str(b.data, "A15050219900228123XB",
		  "mask: part of a longer code left alone");
	buf_reset(&b);
	mask_value("911505024006161387", 18, &b);
	check_str(b.data, "911505024006161387",
		  "mask: an all-digit credit code is not an ID");
	buf_reset(&b);
	mask_value("150502900228123", 15, &b);
	check_str(b.data, "150502*****8123", "mask: 15-digit ID");
	check(mask_text_needed("tel 13812345678.", 16),
	      "mask: text needing masking found");
	check(!mask_text_needed("order 911505024006161387", 24),
	      "mask: text with a credit code needs none");
	obj = cJSON_Parse(
		"{\"a\":\"13812345678\",\"b\":{\"c\":[\"15050219900228123X\"]},\"n\":1}");
	mask_json(obj);
	text = cJSON_PrintUnformatted(obj);
	check_str(
		text,
		"{\"a\":\"138****5678\",\"b\":{\"c\":[\"150502********123X\"]},\"n\":1}",
		"mask: JSON masked recursively");
	free(text);
	cJSON_Delete(obj);
	buf_release(&b);

	/* what masking leaves, seen again */
	static const struct {
		const char *text;
		bool left;
	} left[] = {
		{"联系人 138****5678", true},
		{"150502********123X", true},
		{"150502*****8123", true},
		{"tel 138-****-5678.", true},
		{"138 **** 5678", true},
		{"13812345678", false},
		{"5 *** 3", false},
		{"a****b", false},
		{"**** 1234", false},
		{"1234 ****", false},
		{"1****", false},
	};
	for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
		char what[64];

		snprintf(what, sizeof what, "mask_left: '%s'", left[i].text);
		check(mask_left(left[i].text, strlen(left[i].text)) ==
			      left[i].left,
		      what);
	}
}

/* mask_text of text is want, and mask_text_needed agrees. */
static void
mask_case(const char *text, const char *want, const char *desc)
{
	struct gk_buf b;
	char *d;

	buf_init(&b);
	mask_text(text, strlen(text), &b);
	check_str(b.data, want, desc);
	d = gk_xasprintf("%s (mask_text_needed agrees)", desc);
	check(mask_text_needed(text, strlen(text)) == (strcmp(text, want) != 0),
	      d);
	free(d);
	buf_release(&b);
}

/*
 * The ways numbers are written: grouped mobile numbers, +86, IDs and
 * phones right after a label; and what must stay as it is: dates,
 * amounts, accounts of 19 digits or more, codes the number is part of.
 */
static void
test_mask_forms(void)
{
	struct gk_buf b;

	/* mobile numbers, grouped 3-4-4 */
	mask_case("138-1234-5678", "138-****-5678",
		  "mask: mobile with hyphens");
	mask_case("138 1234 5678", "138 **** 5678", "mask: mobile with spaces");
	mask_case("138 1234-5678", "138 ****-5678",
		  "mask: mobile, mixed separators");
	mask_case("1381234-5678", "138****-5678",
		  "mask: mobile, one separator");
	mask_case("138 12345678", "138 ****5678", "mask: mobile, 3 and 8");
	mask_case("+86 138 1234 5678", "+86 138 **** 5678",
		  "mask: +86 and spaces");
	mask_case("+86-138-1234-5678", "+86-138-****-5678",
		  "mask: +86 and hyphens");
	mask_case("86 13812345678", "86 138****5678", "mask: 86 and a space");
	mask_case("+8613812345678", "+86138****5678", "mask: +86 unbroken");
	mask_case("电话：138-1234-5678，139 8765 4321。",
		  "电话：138-****-5678，139 **** 4321。",
		  "mask: grouped mobiles in Chinese text");
	mask_case("tel 138 1234 5678 139 8765 4321",
		  "tel 138 **** 5678 139 **** 4321",
		  "mask: two grouped mobiles side by side");
	/* right after letters */
	mask_case("tel13812345678", "tel138****5678",
		  "mask: mobile right after letters");
	mask_case("tel138-1234-5678", "tel138-****-5678",
		  "mask: grouped mobile after letters");
	mask_case("ID15050219900101123X", "ID150502********123X",
		  "mask: ID right after letters");
	mask_case("A15050219900228123X", "A150502********123X",
		  "mask: ID right after one letter");
	mask_case("No150502900228123", "No150502*****8123",
		  "mask: 15-digit ID after letters");
	mask_case("ID15050219900101123x;", "ID150502********123x;",
		  "mask: ID with lower-case x");
	/* landlines: the area code and the last four kept */
	mask_case("0475-8234567", "0475-***4567",
		  "mask: landline, 4-digit area code and 7 digits");
	mask_case("0475 82345678", "0475 ****5678",
		  "mask: landline, a space and 8 digits");
	mask_case("010-62345678", "010-****5678", "mask: landline in Beijing");
	mask_case("电话(0475)8234567。", "电话(0475)***4567。",
		  "mask: area code in parentheses");
	mask_case("(021) 62345678 转 801", "(021) ****5678 转 801",
		  "mask: parentheses and a space");
	mask_case("tel 010-62345678-801", "tel 010-****5678-801",
		  "mask: an extension after the number stays");
	mask_case("Tel0475-8234567", "Tel0475-***4567",
		  "mask: landline right after letters");
	mask_case("０４７５－８２３４５６７", "０４７５－＊＊＊４５６７",
		  "mask: full-width landline");
	mask_case("04758234567", "04758234567",
		  "mask: no separator: a run led by 0 left alone");
	mask_case("0.0247933884", "0.0247933884",
		  "mask: the digits of a fraction left alone");
	mask_case("0475-1234567", "0475-1234567",
		  "mask: local number starting with 1 left alone");
	mask_case("020-1234567", "020-1234567",
		  "mask: 3-digit area code and 7 digits left alone");
	mask_case("0175-8234567", "0175-8234567",
		  "mask: no area code 01XX left alone");
	mask_case("0475-823456789", "0475-823456789",
		  "mask: 9 digits after an area code left alone");
	mask_case("0475-8234567x", "0475-8234567x",
		  "mask: letter after a landline: a code");
	mask_case("10475-8234567", "10475-8234567",
		  "mask: digit before the area code");

	/* not personal numbers */
	mask_case("2025-10-15", "2025-10-15", "mask: a date is left alone");
	mask_case("2025-10-15 13:45:12", "2025-10-15 13:45:12",
		  "mask: a date and time left alone");
	mask_case("from 2013-12-01 to 2014-11-30",
		  "from 2013-12-01 to 2014-11-30",
		  "mask: a date range left alone");
	mask_case("amount 13,812,345,678.00", "amount 13,812,345,678.00",
		  "mask: an amount with commas left alone");
	mask_case("138 123 456 789", "138 123 456 789",
		  "mask: groups of three left alone");
	mask_case("1381 2345 6789", "1381 2345 6789",
		  "mask: groups of four left alone");
	mask_case("6222021234567890123", "6222021234567890123",
		  "mask: 19-digit account left alone");
	mask_case("acct62220213812345678", "acct62220213812345678",
		  "mask: account after letters left alone");
	mask_case("138123456789012345678", "138123456789012345678",
		  "mask: 21 digits starting like a mobile left alone");
	mask_case("6222 0212 3456 7890 123", "6222 0212 3456 7890 123",
		  "mask: grouped bank card left alone");
	mask_case("0138-1234-5678", "0138-1234-5678",
		  "mask: digit before the number");
	mask_case("913812345678", "913812345678", "mask: 12 digits left alone");
	mask_case("128-1234-5678", "128-1234-5678",
		  "mask: 12x is no mobile prefix");
	mask_case("138-1234-567", "138-1234-567", "mask: a digit short");
	mask_case("138--1234-5678", "138--1234-5678",
		  "mask: two separators left alone");
	mask_case("138_1234_5678", "138_1234_5678",
		  "mask: other separators left alone");
	mask_case("13812345678abc", "13812345678abc",
		  "mask: letters after a mobile: a code");
	mask_case("138-1234-5678x", "138-1234-5678x",
		  "mask: letter after a grouped mobile");
	mask_case(
		"id 550e8400-e29b-41d4-a716-e13812345678 ok",
		"id 550e8400-e29b-41d4-a716-e13812345678 ok",
		"mask: a UUID whose last group reads as letter and mobile left alone");
	mask_case("550E8400-E29B-41D4-A716-E13812345678",
		  "550E8400-E29B-41D4-A716-E13812345678",
		  "mask: an upper-case UUID left alone");
	mask_case("x-550e8400-e29b-41d4-a716-e13812345678 tel 13812345678",
		  "x-550e8400-e29b-41d4-a716-e13812345678 tel 138****5678",
		  "mask: a mobile after a UUID still masked");
	mask_case(
		"550e8400-e29b-41d4-a71-e13812345678",
		"550e8400-e29b-41d4-a71-e138****5678",
		"mask: not a UUID (a group a digit short): its tail read as before");
	mask_case("15050219900101123Xa", "15050219900101123Xa",
		  "mask: letter after an ID");
	mask_case("ID1505021990010112345", "ID1505021990010112345",
		  "mask: 19 digits after letters: no ID");
	mask_case("+1 138", "+1 138", "mask: a lone plus");
	mask_case(
		"d4b2b1eb0a3b246b2241cda1c8a60b84e0b3a921e074025bd2f4b15096734683",
		"d4b2b1eb0a3b246b2241cda1c8a60b84e0b3a921e074025bd2f4b15096734683",
		"mask: the digits ending a hash are no mobile");
	mask_case(
		"SN2024AB15050219900101123X", "SN2024AB15050219900101123X",
		"mask: the tail of a code mixing letters and digits left alone");
	mask_case(
		"a1 tel13812345678", "a1 tel138****5678",
		"mask: a word with digits before does not shield the next word");
	mask_case("86-2025-10-15", "86-2025-10-15", "mask: 86 and a date");

	/* whole values */
	buf_init(&b);
	check(mask_is_personal("138-1234-5678", 13),
	      "mask: grouped mobile is personal");
	check(mask_is_personal("+86 138 1234 5678", 17),
	      "mask: +86 grouped mobile is personal");
	check(!mask_is_personal("2025-10-15", 10),
	      "mask: a date is not personal");
	check(!mask_is_personal("tel 13812345678", 15),
	      "mask: a value with more is not one number");
	mask_value("+86 138 1234 5678", 17, &b);
	check_str(b.data, "+86 138 **** 5678",
		  "mask: whole grouped value masked");
	buf_reset(&b);
	mask_value("ID15050219900101123X", 20, &b);
	check_str(b.data, "ID15050219900101123X",
		  "mask_value: a whole value only, as before");

	/* full-width forms, as an input method in full-width mode types
	 * them: each hidden digit a full-width asterisk */
	mask_case("１５０５０２１９９００１０１１２３４",
		  "１５０５０２＊＊＊＊＊＊＊＊１２３４",
		  "mask: full-width ID");
	mask_case("身份证：１５０５０２１９９００１０１１２３ｘ。",
		  "身份证：１５０５０２＊＊＊＊＊＊＊＊１２３ｘ。",
		  "mask: full-width ID with a full-width x, in text");
	mask_case(
		"电话 １３８－１２３４－５６７８，＋８６　１３９８７６５４３２１",
		"电话 １３８－＊＊＊＊－５６７８，＋８６　１３９＊＊＊＊４３２１",
		"mask: full-width mobiles, grouped and after +86");
	mask_case("１５０５０２19900101１２３X tel 13812345678",
		  "１５０５０２********１２３X tel 138****5678",
		  "mask: half full-width, half ASCII, and an ASCII one after");
	mask_case("（１２３４５）", "（１２３４５）",
		  "mask: a few full-width digits left alone");
	mask_case("１３８１２３４５６７８９", "１３８１２３４５６７８９",
		  "mask: 12 full-width digits left alone");
	buf_reset(&b);
	check(mask_is_personal("１３８１２３４５６７８", 33),
	      "mask: a full-width mobile is personal");
	mask_value("１３８１２３４５６７８", 33, &b);
	check_str(b.data, "１３８＊＊＊＊５６７８",
		  "mask: a whole full-width value masked");
	buf_reset(&b);
	mask_personal("１５０５０２１９９００１０", 39, &b); /* 13 digits */
	check_str(b.data, "１５０********１０",
		  "mask: a malformed full-width ID of a personal field masked");
	buf_release(&b);
}

/* ---- buffers and JSON escaping ----------------------------------- */

static void
test_json_escape(void)
{
	struct gk_buf b;

	buf_init(&b);
	buf_add_json_string(&b, "plain text of some length", 25);
	check_str(b.data, "\"plain text of some length\"",
		  "json: plain copied");
	buf_reset(&b);
	buf_add_json_string(&b, "a\"b\\c\nd\x01\te", 10);
	check_str(b.data, "\"a\\\"b\\\\c\\nd\\u0001\\te\"", "json: escapes");
	buf_reset(&b);
	buf_add_json_string(&b, "12345678\"", 9);
	check_str(b.data, "\"12345678\\\"\"",
		  "json: escape after a clean chunk");
	buf_release(&b);
}

/* A word of a command a message tells the officer to run. */
static void
test_shell_word(void)
{
	static const char *const cases[][2] = {
		{"/srv/govkit.db", "/srv/govkit.db"},
		{"a-b_c.d+e,f:g@h%i", "a-b_c.d+e,f:g@h%i"},
		{"", "''"},
		{"data office/x.db", "'data office/x.db'"},
		{"O'Brien's.db", "'O'\\''Brien'\\''s.db'"},
		{"'", "''\\'''"},
		{"$HOME;rm *`x`", "'$HOME;rm *`x`'"},
		{"~/x", "'~/x'"},
		{"-x", "-x"},
		{"数据.db", "'数据.db'"},
	};
	struct gk_buf b;

	buf_init(&b);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		buf_adds(&b, "chmod ");
		buf_add_shell_word(&b, cases[i][0]);
		check_str(b.data + 6, cases[i][1], "shell word");
	}
	/* a command's file operand: not to be taken for options */
	buf_reset(&b);
	buf_add_shell_path(&b, "-tok");
	check_str(b.data, "./-tok", "shell path -tok");
	buf_reset(&b);
	buf_add_shell_path(&b, "-my tok");
	check_str(b.data, "'./-my tok'", "shell path -my tok");
	buf_reset(&b);
	buf_add_shell_path(&b, "/srv/a b");
	check_str(b.data, "'/srv/a b'", "shell path /srv/a b");
	buf_release(&b);
}

/* ---- JSON Lines -------------------------------------------------- */

/* The folder for temporary files: $TMPDIR (t0000 gives each run its own
 * scratch folder, removed afterwards), else /tmp. */
static const char *
temp_folder(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d ? d : "/tmp";
}

/* mkdtemp of TMPDIR/NAME.XXXXXX into dir[n]; NULL on failure. */
static char *
temp_dir(char *dir, size_t n, const char *name)
{
	if ((size_t)snprintf(dir, n, "%s/%s.XXXXXX", temp_folder(), name) >= n)
		return NULL;
	return mkdtemp(dir);
}

static char *
write_temp(const char *content, size_t n)
{
	char *path = gk_xasprintf("%s/govkit-unit.XXXXXX", temp_folder());
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, content, n) != (ssize_t)n)
		abort();
	close(fd);
	return path;
}

static void
test_jsonl(void)
{
	static const char input[] =
		"\xef\xbb\xbf{\"a\":1}\r\n\n  \n{bad}\n[1]\n{\"b\":\"\xff\"}\n{\"c\":2}";
	char *path = write_temp(input, sizeof input - 1);
	struct jl_reader r;
	struct gk_err e;
	cJSON *obj = NULL;

	check(jl_open(&r, path, &e) == 0, "jsonl: open");
	check(jl_next(&r, &obj, &e) == 1 && cJSON_GetObjectItem(obj, "a"),
	      "jsonl: BOM and CRLF handled");
	cJSON_Delete(obj);
	check(jl_next(&r, &obj, &e) == -1 && strstr(e.msg, ":4: invalid JSON"),
	      "jsonl: bad line named by number, blank lines skipped");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg, ":5: expected a JSON object"),
	      "jsonl: array is not a record");
	check(jl_next(&r, &obj, &e) == -1 && strstr(e.msg, ":6: invalid UTF-8"),
	      "jsonl: invalid UTF-8 reported");
	check(jl_next(&r, &obj, &e) == 1 && r.line == 7,
	      "jsonl: last line without newline");
	cJSON_Delete(obj);
	check(jl_next(&r, &obj, &e) == 0, "jsonl: end");
	jl_close(&r);
	check(jl_open(&r, "/nonexistent/x.jsonl", &e) == -1 &&
		      strstr(e.msg, "unable to open '/nonexistent/x.jsonl'"),
	      "jsonl: missing file named");
	unlink(path);
	free(path);
}

/*
 * jl_next_block and jl_block_line give the lines jl_next_line gives, with
 * the same numbers: a BOM, CR LF, blank lines, lines of every length up
 * to 40 KB across the buffers' ends (the first 1 MiB, then 256 KiB), a
 * last line without a newline; and every block's lines stay as they were
 * while the next blocks are read.
 */
static void
test_jl_blocks(void)
{
	struct gk_buf in, want;
	struct jl_reader r;
	struct jl_block b;
	struct gk_err e;
	const char *line;
	size_t len, nblocks = 0, nlines = 0;
	char **mem = NULL;
	bool same = true;
	char *path;
	int rc;

	buf_init(&in);
	buf_init(&want);
	buf_add(&in, "\xef\xbb\xbf", 3);
	for (unsigned i = 0; i < 3000; i++) {
		size_t n = (i * 7919u) % 40000u;
		buf_printf(&in, "{\"i\":%u,\"s\":\"", i);
		for (size_t k = 0; k < n; k++)
			buf_addc(&in, (char)('a' + (i + k) % 26));
		buf_add(&in, i % 3 ? "\"}\n" : "\"}\r\n", i % 3 ? 3 : 4);
		if (i % 97 == 0)
			buf_add(&in, "\n  \n", 4);
	}
	buf_add(&in, "{\"last\":1}", 10);
	path = write_temp(in.data, in.len);
	check(jl_open(&r, path, &e) == 0, "jl blocks: open");
	while ((rc = jl_next_line(&r, &line, &len, &e)) == 1)
		buf_printf(&want, "%ld:%zu:%s\n", r.line, len, line);
	jl_close(&r);
	check(rc == 0, "jl blocks: jl_next_line to the end");

	check(jl_open(&r, path, &e) == 0, "jl blocks: open again");
	buf_reset(&in);
	while ((rc = jl_next_block(&r, &b, &e)) == 1) {
		mem = gk_xrealloc(mem, (nblocks + 1) * sizeof *mem);
		mem[nblocks++] = b.mem;
		while (jl_block_line(&r, &b, &line, &len) == 1) {
			/* the text kept: compared after all is read */
			buf_printf(&in, "%ld:%zu:%p\n", r.line, len,
				   (void *)line);
			nlines++;
		}
	}
	check(rc == 0 && nblocks > 4, "jl blocks: several blocks to the end");
	{
		/* each kept pointer's text, now that every block is read */
		struct gk_buf got;
		char *p = in.data, *end = in.data + in.len;

		buf_init(&got);
		while (p < end) {
			long ln;
			size_t n;
			void *at;
			char *nl = memchr(p, '\n', (size_t)(end - p));
			if (sscanf(p, "%ld:%zu:%p", &ln, &n, &at) != 3) {
				same = false;
				break;
			}
			buf_printf(&got, "%ld:%zu:%s\n", ln, n, (char *)at);
			p = nl + 1;
		}
		same = same && got.len == want.len &&
		       memcmp(got.data, want.data, got.len) == 0;
		buf_release(&got);
	}
	check(same && nlines == 3001,
	      "jl blocks: the lines, numbers and text of jl_next_line");
	for (size_t i = 0; i < nblocks; i++)
		free(mem[i]);
	free(mem);
	jl_close(&r);
	unlink(path);
	free(path);
	buf_release(&in);
	buf_release(&want);
}

/*
 * jl_parse_line for a caller that keeps the text: the object's own text,
 * without what cJSON skips around it (white space, a BOM), and nothing
 * after the object but white space (JSON's, a CR too: a line ended
 * CR CR LF keeps one CR after jl_next_line).
 */
static void
test_jl_parse_line(void)
{
	static const struct {
		const char *line, *text;
	} cases[] = {
		{"{\"a\":1}", "{\"a\":1}"},
		{" \t\r{\"a\":1} \t", "{\"a\":1}"},
		{"\xef\xbb\xbf{\"a\":{}}", "{\"a\":{}}"},
		{"{\"a\":1} {\"b\":2}", NULL},
		{"{\"a\":1},\"b\":2}", NULL},
		{"{\"a\":1}\r", "{\"a\":1}"},
		{"{\"a\":1}\r \r", "{\"a\":1}"},
		{"{\"a\":1}\rx", NULL},
		{"{\"a\":\"\\u0000\"}", NULL},
	};
	struct jl_reader r = {.name = "t.jsonl", .line = 1};
	struct gk_err e;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *text = NULL;
		size_t n = 0;
		cJSON *obj = NULL;
		int rc = jl_parse_line(&r, cases[i].line, strlen(cases[i].line),
				       &obj, &text, &n, &e);
		char what[80];

		snprintf(what, sizeof what, "jl_parse_line: case %zu", i + 1);
		if (cases[i].text)
			check(rc == 1 && obj && n == strlen(cases[i].text) &&
				      memcmp(text, cases[i].text, n) == 0,
			      what);
		else
			check(rc == -1 && obj == NULL &&
				      strncmp(e.msg, "t.jsonl:1: ", 11) == 0,
			      what);
		cJSON_Delete(obj);
	}
}

/*
 * \u0000 in a string: cJSON would end the string there, so the line is
 * refused (values and keys), and the reader goes on with the next line.
 * A backslash followed by the text u0000 ("\\u0000") is no NUL.
 */
static void
test_jsonl_nul(void)
{
	static const char input[] =
		"{\"type\":\"entry\",\"code\":\"A\\u0000EVIL\"}\n"
		"{\"k\\u0000ey\":1}\n"
		"{\"a\":[\"x\",{\"b\":\"\\u0000\"}]}\n"
		"{\"code\":\"A\\\\u0000B\",\"n\":\"\\\\\\u0000\"}\n"
		"{\"code\":\"A\\\\u0000B\",\"u\":\"\\u00001\"}\n"
		"{\"code\":\"A\\\\u0000B\",\"t\":\"\\u0001\\\\\"}\n";
	char *path = write_temp(input, sizeof input - 1);
	struct jl_reader r;
	struct gk_err e;
	cJSON *obj = NULL;
	const cJSON *code;

	check(jl_open(&r, path, &e) == 0, "jsonl nul: open");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg,
			     ":1: invalid JSON: \\u0000 in a string at column 26"),
	      "jsonl nul: \\u0000 in a value refused, with its column");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg, ":2: invalid JSON: \\u0000"),
	      "jsonl nul: \\u0000 in a key refused");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg, ":3: invalid JSON: \\u0000"),
	      "jsonl nul: \\u0000 in a nested string refused");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg,
			     ":4: invalid JSON: \\u0000 in a string at column 28"),
	      "jsonl nul: \\u0000 after an escaped backslash refused");
	check(jl_next(&r, &obj, &e) == -1 &&
		      strstr(e.msg, ":5: invalid JSON: \\u0000"),
	      "jsonl nul: \\u0000 followed by a digit refused");
	check(jl_next(&r, &obj, &e) == 1 && r.line == 6 &&
		      (code = cJSON_GetObjectItem(obj, "code")) &&
		      cJSON_IsString(code) &&
		      strcmp(code->valuestring, "A\\u0000B") == 0,
	      "jsonl nul: an escaped backslash and the text u0000 read as they are");
	cJSON_Delete(obj);
	check(jl_next(&r, &obj, &e) == 0, "jsonl nul: end");
	jl_close(&r);
	unlink(path);
	free(path);

	check(json_nul_escape_at("{\"a\":\"b\"}", 9) == 9,
	      "json_nul_escape_at: none");
	check(json_nul_escape_at("{\"a\":\"\\u0000\"}", 14) == 6,
	      "json_nul_escape_at: index of the backslash");
	check(json_nul_escape_at("{\"a\":\"\\\\u0000\"}", 15) == 15,
	      "json_nul_escape_at: \\\\u0000 is no NUL");
	check(json_nul_escape_at("{\"a\":\"\\u000", 11) == 11,
	      "json_nul_escape_at: cut short at the end of the text");
	/* eight bytes at a time, then one: every place in a word and in
	 * the tail, every byte below 0x20 and those just above */
	char line[40];
	memset(line, 'x', sizeof line);
	check(json_control_at(line, sizeof line) == sizeof line,
	      "json_control_at: none");
	int wrong = 0;
	for (size_t at = 0; at < sizeof line; at++)
		for (int c = 0; c < 0x80; c++) {
			line[at] = (char)c;
			size_t want = c < 0x20 && c != '\t' && c != '\r'
					      ? at
					      : sizeof line;
			wrong += json_control_at(line, sizeof line) != want;
			line[at] = 'x';
		}
	check(wrong == 0, "json_control_at: each byte at each place");
	check(json_control_at("\t\r\t\t\r\t\t\t\tx\001", 11) == 10,
	      "json_control_at: past tabs and CRs in a word, to the ^A after");
	check(json_control_at("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\x01", 10) ==
		      9,
	      "json_control_at: UTF-8 bytes are no control characters");
}

/* ---- CSV --------------------------------------------------------- */

/* Read a whole CSV text; fields joined by '|' and rows by '/'. */
static char *
csv_dump(const char *content, size_t n, const struct csv_options *o)
{
	char *path = write_temp(content, n);
	struct csv_reader *r;
	struct csv_row row;
	struct gk_err e;
	struct gk_buf out;
	int got;

	buf_init(&out);
	r = csv_open(path, o, &e);
	if (!r) {
		buf_adds(&out, e.msg);
		goto done;
	}
	while ((got = csv_next(r, &row, &e)) > 0) {
		buf_printf(&out, "%ld:", row.row);
		for (size_t i = 0; i < row.nfields; i++) {
			if (i)
				buf_addc(&out, '|');
			buf_add(&out, row.fields[i], row.lens[i]);
		}
		buf_addc(&out, '/');
	}
	if (got < 0)
		buf_adds(&out, e.msg);
	csv_close(r);
done:
	unlink(path);
	free(path);
	return out.data ? out.data : gk_xstrdup("");
}

static void
csv_case(const char *content, const char *want, const char *what)
{
	char *got = csv_dump(content, strlen(content), NULL);

	check_str(got, want, what);
	free(got);
}

static void
test_csv_large_record(void)
{
	/* A quoted field of 3 MiB with quotes and newlines spans blocks. */
	size_t n = (size_t)3 << 20;
	char *text = gk_xmalloc(n + 64), *got;
	size_t len = 0;

	len += (size_t)sprintf(text, "a,b\n\"");
	for (size_t i = 0; i < n; i++)
		text[len++] = i % 1000 == 999 ? '\n'
			      : i % 1001 == 0 ? 'q'
					      : 'x';
	len += (size_t)sprintf(text + len, "\",2\nlast,3\n");
	got = csv_dump(text, len, NULL);
	check(strstr(got, "3:last|3/") != NULL,
	      "csv: record larger than a block");
	free(got);
	free(text);
}

static void
test_csv(void)
{
	static const char gbk_text[] =
		"\xd0\xd5\xc3\xfb,x\n\xd5\xc5\xc8\xfd,1\n";
	static const char utf16_text[] = "\xff\xfe"
					 "a\0,\0b\0\n\0"
					 "1\0,\0"
					 "2\0\n\0";
	struct csv_options gbk = {.encoding = NULL};
	char *got;

	csv_case("a,b\n1,2\n", "1:a|b/2:1|2/", "csv: simple");
	csv_case("a,b\r\n1,2\r\n", "1:a|b/2:1|2/", "csv: CRLF");
	csv_case("a,b\n1,2", "1:a|b/2:1|2/", "csv: no final newline");
	csv_case("\xef\xbb\xbf"
		 "a,b\n1,2\n",
		 "1:a|b/2:1|2/", "csv: BOM skipped");
	csv_case("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", "1:a|b/2:x,y|say \"hi\"/",
		 "csv: quotes and doubled quotes");
	csv_case("a,b\n\"line1\nline2\",z\nq,r\n",
		 "1:a|b/2:line1\nline2|z/3:q|r/",
		 "csv: embedded newline, row numbers by record");
	csv_case("a,b\n\"cr\r\nlf\",1\n", "1:a|b/2:cr\r\nlf|1/",
		 "csv: embedded CRLF kept");
	csv_case("a,b\n,\n\n1,2\n", "1:a|b/2:|/3:/4:1|2/",
		 "csv: empty fields and blank row");
	csv_case("a,b,c\n1\n1,2,3,4\n", "1:a|b|c/2:1/3:1|2|3|4/",
		 "csv: ragged rows");
	csv_case("a;b;c\n1;2;3\n", "1:a|b|c/2:1|2|3/",
		 "csv: semicolon detected");
	csv_case("a\tb\n1\t2\n", "1:a|b/2:1|2/", "csv: tab detected");
	csv_case("a,b\n\"open,1\n", "1:a|b/2:open,1\n/",
		 "csv: unterminated quote kept");
	csv_case("a\rb\rc\r", "1:a/2:b/3:c/", "csv: old Mac line ends");
	csv_case("", "", "csv: empty file has no rows");
	/* GBK: 姓名 张三 */
	got = csv_dump(gbk_text, sizeof gbk_text - 1, &gbk);
	check_str(got, "1:姓名|x/2:张三|1/",
		  "csv: GBK detected and transcoded");
	free(got);
	got = csv_dump(utf16_text, sizeof utf16_text - 1, NULL);
	check_str(got, "1:a|b/2:1|2/", "csv: UTF-16LE with BOM transcoded");
	free(got);
	got = csv_dump("a,b\nx\xffy,caf\xc3\xa9 \xe9\x80\x9a\n", 18, NULL);
	check_str(got, "1:a|b/2:x?y|caf\xc3\xa9 \xe9\x80\x9a/",
		  "csv: UTF-8 with a stray bad byte stays UTF-8");
	free(got);
	test_csv_large_record();
}

static void
test_csv_bad_bytes(void)
{
	static const char text[] = "\xef\xbb\xbf"
				   "a,b\nok,x\xffy\n";
	char *path = write_temp(text, sizeof text - 1);
	struct csv_reader *r;
	struct csv_row row;
	struct gk_err e;
	char hex[65];
	struct csv_options o = {.sha256 = true};

	r = csv_open(path, &o, &e);
	check(r != NULL, "csv: open");
	csv_next(r, &row, &e);
	check(row.bad_encoding_field == -1, "csv: clean header");
	csv_next(r, &row, &e);
	check(row.bad_encoding_field == 1 && strcmp(row.fields[1], "x?y") == 0,
	      "csv: invalid byte replaced and its field named");
	check(csv_next(r, &row, &e) == 0, "csv: end");
	csv_sha256(r, hex);
	check(strlen(hex) == 64, "csv: sha256 of the input");
	csv_close(r);
	unlink(path);
	free(path);
}

/* ---- database ---------------------------------------------------- */

static void
test_db(void)
{
	char dir[4096];
	char *path, *other;
	sqlite3 *db;
	struct gk_err e;
	FILE *fp;

	if (!temp_dir(dir, sizeof dir, "govkit-db"))
		abort();
	path = gk_xasprintf("%s/sub/dir/govkit.db", dir);
	check(db_open(&db, path, &e) == 0, "db: created with its folders");
	check(db_version(db) == db_migrations[db_migration_count - 1].version,
	      "db: migrated to the latest version");
	sqlite3_close_v2(db);
	check(db_open(&db, path, &e) == 0, "db: reopened");
	sqlite3_close_v2(db);
	other = gk_xasprintf("%s/notadb", dir);
	fp = fopen(other, "w");
	fputs("this is not a database, it is a text file of some length.......\n",
	      fp);
	fclose(fp);
	check(db_open(&db, other, &e) == -1 && strstr(e.msg, "notadb"),
	      "db: a non-database file is reported, not replaced");
	free(other);
	other = gk_xasprintf("%s/foreign.db", dir);
	sqlite3_open(other, &db);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	check(db_open(&db, other, &e) == -1 &&
		      strstr(e.msg, "not a govkit database"),
	      "db: a foreign database is refused");
	free(other);
	other = gk_xasprintf("%s/future.db", dir);
	sqlite3_open(other, &db);
	sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(db);
	check(db_open(&db, other, &e) == -1 && strstr(e.msg, "newer"),
	      "db: a newer database is refused");
	free(other);
	free(path);

	/* SQLite's in-memory database: no file of that name where we are */
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd) || chdir(dir) != 0)
		abort();
	check(db_open(&db, ":memory:", &e) == 0, "db: :memory: opens");
	sqlite3_close_v2(db);
	check(access(":memory:", F_OK) != 0,
	      "db: :memory: leaves no file named so");
	if (chdir(cwd) != 0)
		abort();
}

/* ---- atomic outputs ---------------------------------------------- */

static void
test_out(void)
{
	char dir[4096];
	struct gk_out o;
	struct gk_err e;
	char *path;

	if (!temp_dir(dir, sizeof dir, "govkit-out"))
		abort();
	path = gk_xasprintf("%s/result.txt", dir);
	check(out_open(&o, path, &e) == 0, "out: open");
	fputs("hello\n", o.fp);
	check(access(path, F_OK) != 0,
	      "out: nothing at the final path before commit");
	check(out_commit(&o, &e) == 0 && access(path, F_OK) == 0,
	      "out: file after commit");
	unlink(path);
	check(out_open(&o, path, &e) == 0, "out: open again");
	fputs("partial\n", o.fp);
	out_abort(&o);
	check(access(path, F_OK) != 0, "out: abort leaves no file");
	rmdir(dir);
	free(path);
}

/* ---- numeric options --------------------------------------------- */

static void
test_parse_long(void)
{
	static const char *const bad[] = {
		" 3", "+3", "\t3",  "3 ",  "-0",  "-3",
		"",   "-",  "0x10", "3.0", "1e3", "99999999999999999999",
	};
	struct gk_err e;
	long v = 42;

	check(gk_parse_long("--n", "3", 0, 10, &v, &e) == 0 && v == 3,
	      "parse_long: digits");
	check(gk_parse_long("--n", "007", 0, 10, &v, &e) == 0 && v == 7,
	      "parse_long: leading zeros");
	check(gk_parse_long("--n", "0", 0, 10, &v, &e) == 0 && v == 0,
	      "parse_long: the minimum");
	check(gk_parse_long("--n", "10", 0, 10, &v, &e) == 0 && v == 10,
	      "parse_long: the maximum");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[80];

		v = 42;
		snprintf(what, sizeof what, "parse_long: '%s' refused", bad[i]);
		check(gk_parse_long("--n", bad[i], 0, LONG_MAX, &v, &e) == -1 &&
			      v == 42,
		      what);
	}
	check(gk_parse_long("--n", "+3", 0, 10, &v, &e) == -1 &&
		      strcmp(e.msg,
			     "invalid value '+3' for --n (expected 0 to 10)") ==
			      0,
	      "parse_long: the message");
	check(gk_parse_long("--n", "11", 0, 10, &v, &e) == -1,
	      "parse_long: past the maximum");
	check(gk_parse_long("--n", "-3", -5, 5, &v, &e) == 0 && v == -3,
	      "parse_long: a '-' where a negative may be");
	check(gk_parse_long("--n", "-6", -5, 5, &v, &e) == -1 &&
		      gk_parse_long("--n", "--3", -5, 5, &v, &e) == -1 &&
		      gk_parse_long("--n", "- 3", -5, 5, &v, &e) == -1 &&
		      gk_parse_long("--n", "-", -5, 5, &v, &e) == -1,
	      "parse_long: a bad negative refused");
}

/* ---- configuration ----------------------------------------------- */

static void
test_config(void)
{
	char dir[4096];
	struct gk_config c = {0};
	struct gk_err e;
	char *path, *token = NULL;
	FILE *fp;

	if (!temp_dir(dir, sizeof dir, "govkit-cfg"))
		abort();
	path = gk_xasprintf("%s/config", dir);
	fp = fopen(path, "w");
	fputs("# comment\napi = http://127.0.0.1:9/\n token_file = /nonexistent \n",
	      fp);
	fclose(fp);
	check(config_load_file(&c, path, &e) == 0, "config: loads");
	check_str(config_get(&c, "api"), "http://127.0.0.1:9/",
		  "config: key = value");
	check_str(config_get(&c, "token_file"), "/nonexistent",
		  "config: trimmed");
	fp = fopen(path, "w");
	fputs("s3cret-token\n", fp);
	fclose(fp);
	chmod(path, 0644);
	config_set(&c, "token_file", path);
	check(config_token(&c, &token, &e) == -1 &&
		      strstr(e.msg, "readable by others") &&
		      !strstr(e.msg, "s3cret"),
	      "config: world-readable token file refused");
	chmod(path, 0600);
	check(config_token(&c, &token, &e) == 0 &&
		      strcmp(token, "s3cret-token") == 0,
	      "config: token file read");
	config_token_free(token);
	config_release(&c);
	unlink(path);
	rmdir(dir);
	free(path);
}

/*
 * A bad line: config_load_file leaves the config as it was, config_load
 * leaves it empty, and neither leaves anything to release (the sanitizer
 * build reports a leak otherwise: nothing here releases after a failure).
 */
static void
test_config_bad_line(void)
{
	char dir[4096];
	struct gk_config c = {0}, l;
	struct gk_err e;
	char *sub, *path, *old_xdg = NULL;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	FILE *fp;

	if (!temp_dir(dir, sizeof dir, "govkit-cfg"))
		abort();
	sub = gk_xasprintf("%s/govkit", dir);
	path = gk_xasprintf("%s/config", sub);
	mkdir(sub, 0700);
	fp = fopen(path, "w");
	fputs("api = http://127.0.0.1:1\nnew_key = x\njunk\n", fp);
	fclose(fp);
	config_set(&c, "api", "http://127.0.0.1:9/");
	check(config_load_file(&c, path, &e) == -1 &&
		      strstr(e.msg, ":3: expected 'key = value'"),
	      "config: bad line refused, with its line number");
	check(c.n == 1 &&
		      strcmp(config_get(&c, "api"), "http://127.0.0.1:9/") ==
			      0 &&
		      !config_get(&c, "new_key"),
	      "config: a file with a bad line changes nothing");
	config_release(&c);

	if (xdg)
		old_xdg = gk_xstrdup(xdg);
	setenv("XDG_CONFIG_HOME", dir, 1);
	check(config_load(&l, &e) == -1 &&
		      strstr(e.msg, ":3: expected 'key = value'"),
	      "config: config_load refuses a bad line");
	check(l.n == 0 && !l.keys && !l.values,
	      "config: config_load leaves nothing after a bad line");
	if (old_xdg)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_xdg);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	free(path);
	free(sub);
}

int
main(void)
{
	test_utf8();
	test_utf8_encode();
	test_text_cells();
	test_utf8_json_escape();
	test_dates();
	test_ids();
	test_mask();
	test_mask_forms();
	test_json_escape();
	test_shell_word();
	test_jsonl();
	test_jl_blocks();
	test_jsonl_nul();
	test_jl_parse_line();
	test_csv();
	test_csv_bad_bytes();
	test_db();
	test_out();
	test_parse_long();
	test_config();
	test_config_bad_line();
	return tap_done();
}
