/*
 * tests/fuzz/fuzz_http.h: the central API's answers from the fuzz input,
 * for targets of what a tool makes of them.  common/http.c is compiled
 * into the target with libcurl's transfer replaced: curl_easy_perform
 * takes the next answer of the input and hands its header lines and its
 * body to http.c's own callbacks, as libcurl does, and the waits between
 * tries are skipped.  The rest of http.c runs as it is: the retries,
 * Retry-After, the cap on an answer's size, the messages.  (The target
 * defines every symbol of http.c, so libgovkit.a's http.o is not linked.)
 *
 * Answers are separated by a line "%%".  An answer is a status line
 * ("HTTP/1.1 200 OK"), header lines, an empty line, then the body.  One
 * that does not begin with "HTTP/" is no answer but a libcurl error
 * named by its first byte: 'c' refused, 't' timed out, 's' TLS
 * verification failed, anything else nothing received.  Once the answers
 * run out, every connection is refused.  A URL libcurl's parser refuses
 * (a name with a space put in a query) fails as libcurl fails it.
 */
#ifndef GOVKIT_FUZZ_HTTP_H
#define GOVKIT_FUZZ_HTTP_H

#include <curl/curl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct {
	const uint8_t *p; /* the answers not taken yet */
	size_t n;
	long status;     /* of the last answer, for curl_easy_getinfo */
	long requests;   /* transfers made since fuzz_http_begin */
	const char *url; /* of the transfer being made */
	curl_write_callback body_fn, header_fn;
	void *body_arg, *header_arg;
} fuzz_http;

static void
fuzz_http_begin(const uint8_t *answers, size_t n)
{
	fuzz_http.p = answers;
	fuzz_http.n = n;
	fuzz_http.status = 0;
	fuzz_http.requests = 0;
}

/* The next answer: its text, or false when there is none left. */
static bool
fuzz_http_next(const uint8_t **a, size_t *len)
{
	const uint8_t *sep;

	if (fuzz_http.p == NULL)
		return false;
	*a = fuzz_http.p;
	sep = memmem(fuzz_http.p, fuzz_http.n, "\n%%\n", 4);
	if (sep) {
		*len = (size_t)(sep - fuzz_http.p);
		fuzz_http.n -= *len + 4;
		fuzz_http.p = sep + 4;
	} else {
		*len = fuzz_http.n;
		fuzz_http.p = NULL;
		fuzz_http.n = 0;
	}
	return true;
}

static CURLcode
fuzz_curl_setopt(CURL *h, CURLoption opt, ...)
{
	va_list ap;

	(void)h;
	va_start(ap, opt);
	switch (opt) {
	case CURLOPT_URL: fuzz_http.url = va_arg(ap, const char *); break;
	case CURLOPT_WRITEFUNCTION:
		fuzz_http.body_fn = va_arg(ap, curl_write_callback);
		break;
	case CURLOPT_WRITEDATA: fuzz_http.body_arg = va_arg(ap, void *); break;
	case CURLOPT_HEADERFUNCTION:
		fuzz_http.header_fn = va_arg(ap, curl_write_callback);
		break;
	case CURLOPT_HEADERDATA:
		fuzz_http.header_arg = va_arg(ap, void *);
		break;
	default: break;
	}
	va_end(ap);
	return CURLE_OK;
}

static CURLcode
fuzz_curl_getinfo(CURL *h, CURLINFO info, ...)
{
	va_list ap;

	(void)h;
	va_start(ap, info);
	if (info == CURLINFO_RESPONSE_CODE)
		*va_arg(ap, long *) = fuzz_http.status;
	va_end(ap);
	return CURLE_OK;
}

/* What libcurl says when no answer came. */
static CURLcode
fuzz_curl_failure(uint8_t c)
{
	switch (c) {
	case 'c': return CURLE_COULDNT_CONNECT;
	case 't': return CURLE_OPERATION_TIMEDOUT;
	case 's': return CURLE_PEER_FAILED_VERIFICATION;
	default: return CURLE_GOT_NOTHING;
	}
}

/* Hand s[0..n) to a callback as libcurl does: false if it refused it. */
static bool
fuzz_curl_deliver(curl_write_callback fn, void *arg, const uint8_t *s, size_t n)
{
	return fn((char *)s, 1, n, arg) == n;
}

/* Whether libcurl would take url (its own parser, as a transfer uses
 * it): one it refuses goes nowhere, whatever the server would say. */
static bool
fuzz_url_valid(const char *url)
{
	CURLU *u = curl_url();
	bool ok;

	if (u == NULL)
		abort();
	ok = url && curl_url_set(u, CURLUPART_URL, url,
				 CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
	curl_url_cleanup(u);
	return ok;
}

static CURLcode
fuzz_curl_perform(CURL *h)
{
	const uint8_t *a, *end, *line;
	size_t len;

	(void)h;
	fuzz_http.status = 0;
	fuzz_http.requests++;
	if (!fuzz_url_valid(fuzz_http.url))
		return CURLE_URL_MALFORMAT;
	if (!fuzz_http_next(&a, &len))
		return CURLE_COULDNT_CONNECT;
	if (len < 5 || memcmp(a, "HTTP/", 5) != 0)
		return fuzz_curl_failure(len ? a[0] : 0);
	end = a + len;
	/* "HTTP/1.1 200 ...": three digits after the version */
	line = memchr(a, ' ', len);
	if (!line || end - line < 4 || line[1] < '1' || line[1] > '9' ||
	    line[2] < '0' || line[2] > '9' || line[3] < '0' || line[3] > '9')
		return CURLE_WEIRD_SERVER_REPLY;
	fuzz_http.status =
		(line[1] - '0') * 100 + (line[2] - '0') * 10 + (line[3] - '0');
	/* the header lines, the status line first, each with its end */
	for (line = a; line < end;) {
		const uint8_t *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);
		bool blank = n == 1 || (n == 2 && line[0] == '\r');

		if (!fuzz_curl_deliver(fuzz_http.header_fn,
				       fuzz_http.header_arg, line, n))
			return CURLE_WRITE_ERROR;
		line += n;
		if (blank)
			break;
	}
	/* the body, in libcurl's pieces */
	while (line < end) {
		size_t n = (size_t)(end - line);

		if (n > CURL_MAX_WRITE_SIZE)
			n = CURL_MAX_WRITE_SIZE;
		if (!fuzz_curl_deliver(fuzz_http.body_fn, fuzz_http.body_arg,
				       line, n))
			return CURLE_WRITE_ERROR;
		line += n;
	}
	return CURLE_OK;
}

static int
fuzz_nanosleep(const struct timespec *req, struct timespec *rem)
{
	(void)req;
	(void)rem;
	return 0;
}

#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_setopt(h, opt, ...) fuzz_curl_setopt(h, opt, __VA_ARGS__)
#define curl_easy_getinfo(h, info, ...) fuzz_curl_getinfo(h, info, __VA_ARGS__)
#define curl_easy_perform(h) fuzz_curl_perform(h)
#define nanosleep(req, rem) fuzz_nanosleep(req, rem)
#include "http.c"
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_easy_perform
#undef nanosleep

#endif
