/*
 * mask.c: masking of personal data in outputs.  What looks like a
 * resident ID keeps its region (6) and last four characters, what looks
 * like a mobile number keeps its first three and last four, as officers
 * are used to seeing them on printed forms.
 */
#include "govkit.h"

#include <string.h>

#define RIC_KEEP_HEAD 6
#define RIC_KEEP_TAIL 4
#define MOBILE_KEEP_HEAD 3
#define MOBILE_KEEP_TAIL 4

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
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
		if (!all_digits(s, 17) || !(is_digit(s[17]) || s[17] == 'X' || s[17] == 'x'))
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
	return id_province_valid(two(s)) && month >= 1 && month <= 12 && day >= 1 &&
	       day <= 31;
}

static bool
looks_like_mobile(const char *s, size_t n)
{
	return n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	       all_digits(s, 11);
}

/* Length of a "+86" / "86" / "+86-" prefix before a mobile number. */
static size_t
country_prefix(const char *s, size_t n)
{
	size_t p = 0;

	if (n > 0 && s[0] == '+')
		p = 1;
	if (n >= p + 2 && s[p] == '8' && s[p + 1] == '6') {
		p += 2;
		if (n > p && (s[p] == '-' || s[p] == ' '))
			p++;
		if (looks_like_mobile(s + p, n - p))
			return p;
	}
	return 0;
}

/* The shortest and longest text mask_value changes. */
#define PERSONAL_MIN_LENGTH 11
#define PERSONAL_MAX_LENGTH 18

bool
mask_is_personal(const char *s, size_t n)
{
	size_t p;

	if (n < PERSONAL_MIN_LENGTH || n > PERSONAL_MAX_LENGTH)
		return false;
	p = country_prefix(s, n);

	return looks_like_ric(s, n) || looks_like_mobile(s + p, n - p);
}

static void
add_masked(struct gk_buf *out, const char *s, size_t n, size_t head,
	   size_t tail)
{
	buf_add(out, s, head);
	for (size_t i = head; i < n - tail; i++)
		buf_addc(out, '*');
	buf_add(out, s + n - tail, tail);
}

void
mask_value(const char *s, size_t n, struct gk_buf *out)
{
	size_t p = country_prefix(s, n);

	if (looks_like_ric(s, n))
		add_masked(out, s, n, RIC_KEEP_HEAD, RIC_KEEP_TAIL);
	else if (looks_like_mobile(s + p, n - p)) {
		buf_add(out, s, p);
		add_masked(out, s + p, n - p, MOBILE_KEEP_HEAD, MOBILE_KEEP_TAIL);
	} else
		buf_add(out, s, n);
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void
mask_text(const char *s, size_t n, struct gk_buf *out)
{
	size_t i = 0;

	while (i < n) {
		size_t start = i, end;

		if (!is_digit(s[i]) || (i > 0 && is_alnum(s[i - 1]))) {
			buf_addc(out, s[i++]);
			continue;
		}
		end = i;
		while (end < n && is_digit(s[end]))
			end++;
		if (end - start == 17 && end < n && (s[end] == 'X' || s[end] == 'x'))
			end++;
		if (end < n && is_alnum(s[end])) {
			buf_add(out, s + start, end - start);
		} else {
			mask_value(s + start, end - start, out);
		}
		i = end;
	}
}

bool
mask_text_needed(const char *s, size_t n)
{
	size_t i = 0;

	if (n < PERSONAL_MIN_LENGTH)
		return false;
	while (i < n) {
		size_t start, end;

		if (!is_digit(s[i]) || (i > 0 && is_alnum(s[i - 1]))) {
			i++;
			continue;
		}
		start = end = i;
		while (end < n && is_digit(s[end]))
			end++;
		if (end - start == 17 && end < n && (s[end] == 'X' || s[end] == 'x'))
			end++;
		if ((end >= n || !is_alnum(s[end])) && mask_is_personal(s + start, end - start))
			return true;
		i = end;
	}
	return false;
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
		else if (cJSON_IsObject(c) || cJSON_IsArray(c))
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
