/*
 * http.c: the client of the central API, on libcurl.
 *
 * One easy handle per client, so connections are kept alive between the
 * batches of a delivery.  TLS peer and host verification are always on;
 * --cacert adds a private CA.  Proxies come from the usual environment
 * variables (libcurl reads them).  The bearer token lives only in the
 * header string of the client and is wiped when the client is freed; no
 * message this file writes contains a header.
 */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "govkit.h"

#define HTTP_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define HTTP_DEFAULT_TIMEOUT_MS 60000L
#define HTTP_DEFAULT_RETRIES 5
#define HTTP_DEFAULT_BACKOFF_MS 500L
#define HTTP_DEFAULT_MAX_BACKOFF_MS 30000L
#define HTTP_DEFAULT_MAX_RETRY_AFTER_MS 120000L
/* Upper bound of any configured time, so sums cannot overflow. */
#define HTTP_MAX_CONFIG_MS (24L * 3600 * 1000)
#define HTTP_MAX_RETRIES 100
/* An answer larger than this is refused (a misbehaving server), unless
 * the caller expects larger ones (http_client_set_max_body). */
#define HTTP_DEFAULT_MAX_BODY ((size_t)64 << 20)
#define HTTP_USER_AGENT "govkit/" GOVKIT_VERSION
/* How much of a non-JSON error body goes into a message. */
#define HTTP_DESCRIBE_MAX 200

/*
 * The secrets of the client in use, to be blotted out of any text a
 * server sends back: a proxy or a server that echoes the request in its
 * error would otherwise have them printed and stored (gov-submit's
 * --status).  The bearer token; and for an address with a user and
 * password in it, the password and the base64 of USER:PASSWORD that
 * HTTP Basic authentication sends.  One client at a time per process,
 * as the tools use them.
 */
#define HTTP_MAX_SECRETS 3
static char *secrets[HTTP_MAX_SECRETS];
static size_t nsecrets;
/* what the client in use sends to be let in (the hints of a 401 say it) */
static enum http_credential credential;

enum http_credential
http_credential(void)
{
	return credential;
}

static void
secrets_clear(void)
{
	for (size_t i = 0; i < nsecrets; i++) {
		explicit_bzero(secrets[i], strlen(secrets[i]));
		free(secrets[i]);
		secrets[i] = NULL;
	}
	nsecrets = 0;
}

/* A secret shorter than 4 bytes is not blotted out: it would mangle
 * every message that holds its letters. */
static void
secret_add(const char *s)
{
	if (s && strlen(s) >= 4 && nsecrets < HTTP_MAX_SECRETS)
		secrets[nsecrets++] = gk_xstrdup(s);
}

void
http_redact(char *s)
{
	for (size_t i = 0; s && i < nsecrets; i++) {
		size_t n = strlen(secrets[i]);

		for (char *at = strstr(s, secrets[i]); at;
		     at = strstr(at + n, secrets[i]))
			memset(at, '*', n);
	}
}

/*
 * The start of a secret at the end of s, which was cut short there: what
 * the cut left of it.  Only for a text that was cut: a whole one ending in
 * a token's first letters ("unknown unit" with a token "t0k...") is no
 * token and is kept as it is.
 */
static void
redact_cut_end(char *s)
{
	size_t len = s ? strlen(s) : 0;

	for (size_t i = 0; i < nsecrets; i++) {
		size_t n = strlen(secrets[i]);

		for (size_t j = len > n ? len - n + 1 : 0; j < len; j++)
			if (memcmp(s + j, secrets[i], len - j) == 0) {
				memset(s + j, '*', len - j);
				break;
			}
	}
}

/*
 * The secrets blotted out of a whole answer as it arrives, before any
 * caller reads it: a server or proxy that echoes the request (its headers)
 * in an error, a revocation's reason or a catalog's message would
 * otherwise have them printed, put in a record, or stored (the revocation
 * list).  The body may hold NULs: memmem, not strstr.
 */
static void
redact_body(struct gk_buf *body)
{
	if (!body->data) /* (an empty body has no data to offset) */
		return;
	for (size_t i = 0; i < nsecrets; i++) {
		size_t n = strlen(secrets[i]);
		char *at = body->data, *end = at + body->len;

		while ((at = memmem(at, (size_t)(end - at), secrets[i], n)) !=
		       NULL) {
			memset(at, '*', n);
			at += n;
		}
	}
}

void
http_free_secret(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	curl_free(s);
}

/*
 * The password of url, and the base64 of USER:PASSWORD as HTTP Basic
 * authentication sends it (both as libcurl decodes the address), added
 * to the secrets.  None when the address holds no user or password:
 * false then.
 */
static bool
secrets_add_userinfo(const char *url)
{
	CURLU *u = curl_url();
	char *user = NULL, *password = NULL, *pair, *b64;
	size_t n;

	if (!u)
		abort();
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE);
		curl_url_get(u, CURLUPART_PASSWORD, &password, CURLU_URLDECODE);
	}
	curl_url_cleanup(u);
	if (!user && !password)
		return false;
	pair = gk_xasprintf("%s:%s", user ? user : "",
			    password ? password : "");
	n = strlen(pair);
	b64 = gk_xmalloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)pair,
			(int)n);
	secret_add(password);
	secret_add(b64);
	explicit_bzero(pair, n);
	explicit_bzero(b64, strlen(b64));
	free(pair);
	free(b64);
	curl_free(user);
	http_free_secret(password);
	return true;
}

struct http_client {
	CURL *curl;
	char *base_url;
	char *auth_header; /* "Authorization: Bearer ..." or NULL; wiped */
	bool no_proxy;     /* plain http to this machine: never a proxy */
	char *cacert;
	long connect_timeout_ms;
	long timeout_ms;
	int max_retries;
	long backoff_ms;
	long max_backoff_ms;
	long max_retry_after_ms;
	size_t max_body;
	/* An answer may hold any number of JSON values: its caller reads it
	 * member by member (http_client_set_max_body) */
	bool any_values;
	uint64_t rng;
	char errbuf[CURL_ERROR_SIZE];
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static long
pick(long v, long def)
{
	if (v <= 0)
		return def;
	return v > HTTP_MAX_CONFIG_MS ? HTTP_MAX_CONFIG_MS : v;
}

/* This machine: localhost, [::1], or an IPv4 address 127.x.x.x written
 * out (not a name that merely starts with "127.", such as
 * 127.example.com, which DNS may put anywhere). */
static bool
is_loopback_host(const char *h)
{
	struct in_addr a;

	if (strcmp(h, "localhost") == 0 || strcmp(h, "[::1]") == 0 ||
	    strcmp(h, "::1") == 0)
		return true;
	return inet_pton(AF_INET, h, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

/*
 * The proxy libcurl would take for a plain http URL (http_proxy, read in
 * lower case only, then all_proxy or ALL_PROXY) is on another machine.
 * It would get the request, token and all, in clear, and could not reach
 * this machine's loopback address anyway: it would ask its own.
 */
static bool
proxy_elsewhere(void)
{
	const char *v = getenv("http_proxy");
	CURLU *u;
	char *host = NULL;
	bool far = true;

	if (!v || !*v)
		v = getenv("all_proxy");
	if (!v || !*v)
		v = getenv("ALL_PROXY");
	if (!v || !*v)
		return false;
	if (!(u = curl_url()))
		abort();
	if (curl_url_set(u, CURLUPART_URL, v, CURLU_GUESS_SCHEME) ==
		    CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		far = !is_loopback_host(host);
	curl_free(host);
	curl_url_cleanup(u);
	return far;
}

/*
 * The base URL must be http(s) with a host; plain http is allowed only
 * to this machine when a token would be sent, so a token never crosses a
 * network in clear; nor does it through a proxy elsewhere (*no_proxy).
 * A user and password in the address (https://USER:PASSWORD@HOST/) are
 * sent by libcurl as HTTP Basic authentication, the password in clear
 * but for the base64: the same rule holds for them.  Messages name the
 * host, never the address (it would show the password).
 */
static int
check_base_url(const char *url, bool has_token, bool *no_proxy,
	       struct gk_err *e)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *password = NULL;
	bool creds, plain;
	int rc = -1;

	if (!u)
		abort();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		gk_err_set(e, "central API address is not a URL (api = ...)");
		goto out;
	}
	if (strcasecmp(scheme, "https") != 0 &&
	    strcasecmp(scheme, "http") != 0) {
		gk_err_set(e, "central API address must be https://, not '%s'",
			   scheme);
		goto out;
	}
	creds = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
		curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK;
	plain = strcasecmp(scheme, "http") == 0;
	if ((has_token || creds) && plain && !is_loopback_host(host)) {
		gk_err_set(e,
			   "refusing to send the %s in clear to '%s': "
			   "use an https:// central API address",
			   has_token ? "token"
				     : "user and password of the address",
			   host);
		goto out;
	}
	*no_proxy = (has_token || creds) && plain && proxy_elsewhere();
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	http_free_secret(password);
	curl_url_cleanup(u);
	return rc;
}

struct http_client *
http_client_new(const struct http_options *o, struct gk_err *e)
{
	struct http_client *c;
	bool no_proxy = false, address_user;
	size_t n;

	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK) {
		gk_err_set(e, "unable to initialise libcurl: %s",
			   curl_easy_strerror(curl_init_rc));
		return NULL;
	}
	if (!o->base_url || !*o->base_url) {
		gk_err_set(e, "no central API configured "
			      "(set GOVKIT_API or 'api' in the config file)");
		return NULL;
	}
	if (check_base_url(o->base_url, o->token != NULL, &no_proxy, e) != 0)
		return NULL;
	if (o->cacert && access(o->cacert, R_OK) != 0) {
		gk_err_set(e, "unable to read CA file '%s':", o->cacert);
		return NULL;
	}
	if (o->token && strpbrk(o->token, "\r\n")) {
		gk_err_set(
			e,
			"the token holds a line break; check the token file");
		return NULL;
	}
	c = gk_xcalloc(1, sizeof *c);
	c->curl = curl_easy_init();
	if (!c->curl) {
		free(c);
		gk_err_set(e, "unable to initialise libcurl");
		return NULL;
	}
	c->base_url = gk_xstrdup(o->base_url);
	c->no_proxy = no_proxy;
	n = strlen(c->base_url);
	while (n > 0 && c->base_url[n - 1] == '/')
		c->base_url[--n] = '\0';
	secrets_clear();
	if (o->token) {
		c->auth_header =
			gk_xasprintf("Authorization: Bearer %s", o->token);
		secret_add(o->token);
	}
	address_user = secrets_add_userinfo(o->base_url);
	credential = o->token       ? HTTP_CRED_TOKEN
		     : address_user ? HTTP_CRED_ADDRESS
				    : HTTP_CRED_NONE;
	c->cacert = o->cacert ? gk_xstrdup(o->cacert) : NULL;
	c->connect_timeout_ms =
		pick(o->connect_timeout_ms, HTTP_DEFAULT_CONNECT_TIMEOUT_MS);
	c->timeout_ms = pick(o->timeout_ms, HTTP_DEFAULT_TIMEOUT_MS);
	c->max_retries = o->max_retries < 0 ? HTTP_DEFAULT_RETRIES
			 : o->max_retries > HTTP_MAX_RETRIES ? HTTP_MAX_RETRIES
							     : o->max_retries;
	c->backoff_ms = pick(o->backoff_ms, HTTP_DEFAULT_BACKOFF_MS);
	c->max_backoff_ms =
		pick(o->max_backoff_ms, HTTP_DEFAULT_MAX_BACKOFF_MS);
	c->max_retry_after_ms =
		pick(o->max_retry_after_ms, HTTP_DEFAULT_MAX_RETRY_AFTER_MS);
	c->max_body = HTTP_DEFAULT_MAX_BODY;
	c->rng = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^
		 (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 1;
	return c;
}

void
http_client_free(struct http_client *c)
{
	if (!c)
		return;
	if (c->curl)
		curl_easy_cleanup(c->curl);
	if (c->auth_header) {
		explicit_bzero(c->auth_header, strlen(c->auth_header));
		free(c->auth_header);
	}
	secrets_clear();
	credential = HTTP_CRED_NONE;
	/* (the address may hold a password) */
	explicit_bzero(c->base_url, strlen(c->base_url));
	free(c->base_url);
	free(c->cacert);
	free(c);
}

/* A config value in seconds (decimals allowed) as ms; 0 when unset. */
static int
config_seconds(const struct gk_config *cfg, const char *key, long *ms,
	       struct gk_err *e)
{
	const char *v = config_get(cfg, key);
	double d;

	*ms = 0;
	if (!v || !*v)
		return 0;
	d = gk_seconds(v);
	if (d < 0 || d * 1000 > (double)HTTP_MAX_CONFIG_MS) {
		gk_err_set(e, "config '%s': expected seconds, got '%s'", key,
			   v);
		return -1;
	}
	*ms = (long)(d * 1000 + 0.5);
	if (*ms == 0 && d > 0)
		*ms = 1;
	return 0;
}

struct http_client *
http_client_from_config(const struct gk_config *cfg, const char *cacert,
			struct gk_err *e)
{
	struct http_options o = {0};
	struct http_client *c = NULL;
	char *token = NULL;
	const char *v;
	long retries;

	o.max_retries = -1;
	o.base_url = config_get(cfg, "api");
	o.cacert = cacert ? cacert : config_get(cfg, "cacert");
	if (config_seconds(cfg, "http_timeout", &o.timeout_ms, e) != 0 ||
	    config_seconds(cfg, "http_connect_timeout", &o.connect_timeout_ms,
			   e) != 0 ||
	    config_seconds(cfg, "http_backoff", &o.backoff_ms, e) != 0 ||
	    config_seconds(cfg, "http_max_backoff", &o.max_backoff_ms, e) !=
		    0 ||
	    config_seconds(cfg, "http_max_retry_after", &o.max_retry_after_ms,
			   e) != 0)
		return NULL;
	v = config_get(cfg, "http_retries");
	if (v && *v) {
		if (gk_parse_long("http_retries", v, 0, HTTP_MAX_RETRIES,
				  &retries, e) != 0)
			return NULL;
		o.max_retries = (int)retries;
	}
	if (!o.base_url || !*o.base_url) {
		gk_err_set(e, "no central API configured "
			      "(set GOVKIT_API or 'api' in the config file)");
		return NULL;
	}
	if (config_token(cfg, &token, e) != 0)
		return NULL;
	o.token = token;
	c = http_client_new(&o, e);
	config_token_free(token);
	return c;
}

void
http_client_set_max_body(struct http_client *c, size_t max)
{
	c->max_body = max ? max : HTTP_DEFAULT_MAX_BODY;
	c->any_values = max != 0;
}

long
http_client_max_duration_ms(const struct http_client *c)
{
	long wait = c->max_backoff_ms > c->max_retry_after_ms
			    ? c->max_backoff_ms
			    : c->max_retry_after_ms;

	return (long)(c->max_retries + 1) *
		       (c->timeout_ms + c->connect_timeout_ms) +
	       (long)c->max_retries * wait;
}

bool
http_status_retryable(long status)
{
	return status == 408 || status == 429 ||
	       (status >= 500 && status <= 599);
}

void
http_response_release(struct http_response *resp)
{
	buf_release(&resp->body);
}

struct transfer {
	struct http_response *resp;
	size_t max_body;
	bool too_large;
};

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;

	n *= size;
	if (n > t->max_body - t->resp->body.len) {
		t->too_large = true;
		return 0;
	}
	buf_add(&t->resp->body, p, n);
	return n;
}

/* What a Retry-After beyond any wait we may configure comes to: more
 * than http_max_retry_after can be, so the retries end at once. */
#define HTTP_RETRY_AFTER_HUGE_MS (HTTP_MAX_CONFIG_MS + 1)

/* Retry-After: delta-seconds or an HTTP date, in ms; -1 when it is
 * neither.  A wait too long to count (a day and more, digits past a
 * long) is HTTP_RETRY_AFTER_HUGE_MS, not "none": the server asked for
 * more patience than we have, not for the usual back-off. */
static long
parse_retry_after(const char *v, size_t n)
{
	char tmp[64];
	time_t when, now;
	char *end;
	long s;

	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*v)) {
		v++;
		n--;
	}
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (isdigit((unsigned char)tmp[0])) {
		errno = 0;
		s = strtol(tmp, &end, 10);
		if (*end || s < 0)
			return -1;
		if (errno == ERANGE || s > HTTP_MAX_CONFIG_MS / 1000)
			return HTTP_RETRY_AFTER_HUGE_MS;
		return s * 1000;
	}
	when = curl_getdate(tmp, NULL);
	if (when < 0)
		return -1;
	now = time(NULL);
	if (when <= now)
		return 0;
	if (when - now > HTTP_MAX_CONFIG_MS / 1000)
		return HTTP_RETRY_AFTER_HUGE_MS;
	return (long)(when - now) * 1000;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	static const char name[] = "retry-after:";

	n *= size;
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
		t->resp->retry_after_ms = -1; /* a new response begins */
	else if (n > sizeof name - 1 &&
		 strncasecmp(p, name, sizeof name - 1) == 0)
		t->resp->retry_after_ms = parse_retry_after(
			p + sizeof name - 1, n - (sizeof name - 1));
	return n;
}

static bool
curl_error_retryable(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM: return true;
	default: return false;
	}
}

static uint64_t
next_random(struct http_client *c)
{
	uint64_t x = c->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	c->rng = x;
	return x;
}

/* Exponential back-off with "equal jitter": half fixed, half random. */
static long
backoff_delay(struct http_client *c, int attempt)
{
	long d = c->backoff_ms;
	long half;

	for (int i = 0; i < attempt && d < c->max_backoff_ms; i++)
		d *= 2;
	if (d > c->max_backoff_ms)
		d = c->max_backoff_ms;
	half = d / 2;
	return half + (long)(next_random(c) % (uint64_t)(half + 1));
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
perform_once(struct http_client *c, const char *method, const char *url,
	     const char *body, size_t body_len, struct curl_slist *headers,
	     struct http_response *resp, CURLcode *crc, bool *too_large)
{
	struct transfer t = {resp, c->max_body, false};
	CURL *h = c->curl;

	buf_reset(&resp->body);
	resp->status = 0;
	resp->retry_after_ms = -1;
	c->errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_USERAGENT, HTTP_USER_AGENT);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	if (c->no_proxy)
		curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->cacert);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	/* a server may compress its answer (gzip, deflate, ...) when the
	 * request names no encoding, and a gateway often does: decoded
	 * here, it is the API's answer, not bytes that settle nothing.
	 * max_body holds for the decoded answer (on_body) */
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	/* an answer that says it is larger is refused before its body,
	 * not after waiting out the timeout for bytes that never come */
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	} else {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)(body ? body_len : 0));
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
				 strcmp(method, "POST") == 0 ? NULL : method);
	}
	*crc = curl_easy_perform(h);
	*too_large = t.too_large || *crc == CURLE_FILESIZE_EXCEEDED;
	if (*crc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
	redact_body(&resp->body);
	return *crc == CURLE_OK ? 0 : -1;
}

/* The headers of every request: the token, JSON both ways, no
 * "Expect: 100-continue", then the caller's. */
static struct curl_slist *
request_headers(const struct http_client *c, bool has_body,
		const char *const *extra_headers)
{
	struct curl_slist *headers = NULL;

	if (c->auth_header)
		headers = curl_slist_append(headers, c->auth_header);
	headers = curl_slist_append(headers, "Accept: application/json");
	if (has_body)
		headers = curl_slist_append(headers,
					    "Content-Type: application/json");
	headers = curl_slist_append(headers, "Expect:");
	for (size_t i = 0; extra_headers && extra_headers[i]; i++)
		headers = curl_slist_append(headers, extra_headers[i]);
	if (!headers)
		abort();
	return headers;
}

/* One call of http_request: what its messages name, where its answer
 * goes, and the wait before its next try. */
struct call {
	struct http_client *c;
	const char *method;
	const char *path;
	struct http_response *resp;
	struct gk_err *e;
	long delay;
};

/* What comes after a try: the answer to return, an error (e says why),
 * or another try after k->delay. */
enum call_next { CALL_ANSWERED, CALL_FAILED, CALL_RETRY };

/* After try number attempt (from 0) brought an answer. */
static enum call_next
after_answer(struct call *k, int attempt)
{
	struct http_client *c = k->c;
	struct http_response *resp = k->resp;

	/* cJSON takes some 80 bytes a value: 64 MiB of [],[],... took
	 * 3.4 GB to read */
	if (!c->any_values &&
	    json_values_past(resp->body.data, resp->body.len) !=
		    resp->body.len) {
		gk_err_set(k->e, "%s %s: answer of more than %zu JSON values",
			   k->method, k->path, JSON_MAX_VALUES);
		resp->permanent = true;
		return CALL_FAILED;
	}
	if (!http_status_retryable(resp->status) || attempt >= c->max_retries)
		return CALL_ANSWERED;
	/* A server asking for more patience than we may give: stop now and
	 * let the caller keep the work queued. */
	if (resp->retry_after_ms > c->max_retry_after_ms)
		return CALL_ANSWERED;
	/* Retry-After is the least to wait, never less than the back-off:
	 * "0", or a date already past by our clock, must not turn the
	 * retries into a burst. */
	k->delay = backoff_delay(c, attempt);
	if (resp->retry_after_ms > k->delay)
		k->delay = resp->retry_after_ms;
	return CALL_RETRY;
}

/*
 * Whether the proxy (https_proxy) refused to open the tunnel to the
 * central API with a 4xx of its own: 407, credentials wanted; 403, the
 * address not let through.  No answer of the API's, but no moment's
 * trouble either: every try gets the same until the proxy's settings are
 * put right, so it is not retried and is permanent (a cron job that exits
 * 3 for ever would tell nobody).  A proxy's 408, 429 and 5xx (the API
 * unreachable from it) are retried as the API's are.  e says so, naming
 * neither the proxy (its address may hold a password) nor the token.
 */
static bool
proxy_refused(struct call *k, CURLcode crc)
{
	long code = 0;

	if (crc == CURLE_OK ||
	    curl_easy_getinfo(k->c->curl, CURLINFO_HTTP_CONNECTCODE, &code) !=
		    CURLE_OK ||
	    code < 400 || code > 499 || http_status_retryable(code))
		return false;
	gk_err_set(k->e,
		   "%s %s: the proxy refused the tunnel to the central API "
		   "(HTTP %ld); %s",
		   k->method, k->path, code,
		   code == 407
			   ? "the proxy asks for credentials: give them in "
			     "https_proxy (or all_proxy) as "
			     "http://USER:PASSWORD@HOST:PORT"
			   : "it does not let the address through: check "
			     "https_proxy (or all_proxy), no_proxy and "
			     "GOVKIT_API (or 'api' in the config file), or ask "
			     "the proxy's keepers");
	k->resp->permanent = true;
	return true;
}

/*
 * Whether the TLS handshake failed in a way no later try can mend, by
 * OpenSSL's reason (libcurl gives one code, CURLE_SSL_CONNECT_ERROR, for
 * these and for a connection cut during the handshake, which is retried):
 * an https:// address whose port speaks plain HTTP, or a server that
 * speaks only a TLS version, or algorithms, refused as unsafe (TLS 1.0
 * and 1.1, SHA-1 signatures, small keys).  Such a failure was retried and
 * ended "kept queued", exit 3, run after run.  Now permanent: e says what
 * to put right.
 */
static bool
tls_refused(struct call *k, int attempt, CURLcode crc)
{
	static const char *const unsafe[] = {
		"unsupported protocol",   "no protocols available",
		"alert protocol version", "legacy sigalg disallowed",
		"no shared cipher",       "no suitable signature algorithm",
		"dh key too small",       "ee key too small",
		"ca md too weak",         "unsafe legacy renegotiation",
	};
	const char *why = k->c->errbuf, *hint = NULL;

	if (crc != CURLE_SSL_CONNECT_ERROR)
		return false;
	if (strstr(why, "wrong version number") ||
	    strstr(why, "packet length too long"))
		hint = "the server does not speak TLS at that address: check "
		       "the port of GOVKIT_API (or 'api' in the config file), "
		       "an https:// address";
	for (size_t i = 0; !hint && i < sizeof unsafe / sizeof *unsafe; i++)
		if (strstr(why, unsafe[i]))
			hint = "the server speaks only a TLS version or "
			       "algorithms refused as unsafe (TLS 1.0 or 1.1, "
			       "SHA-1): ask the central API's keepers to "
			       "update it";
	if (!hint)
		return false;
	gk_err_set(k->e, "%s %s: %s (%d attempt%s); %s", k->method, k->path,
		   why, attempt + 1, attempt ? "s" : "", hint);
	k->resp->permanent = true;
	return true;
}

/* After try number attempt (from 0) brought no answer: crc, or an
 * answer too large. */
static enum call_next
after_no_answer(struct call *k, int attempt, CURLcode crc, bool too_large)
{
	struct http_client *c = k->c;

	if (too_large) {
		gk_err_set(k->e, "%s %s: answer larger than %zu bytes",
			   k->method, k->path, c->max_body);
		k->resp->permanent = true;
		return CALL_FAILED;
	}
	if (proxy_refused(k, crc) || tls_refused(k, attempt, crc))
		return CALL_FAILED;
	if (!curl_error_retryable(crc) || attempt >= c->max_retries) {
		gk_err_set(k->e, "%s %s: %s (%d attempt%s)", k->method, k->path,
			   c->errbuf[0] ? c->errbuf : curl_easy_strerror(crc),
			   attempt + 1, attempt ? "s" : "");
		k->resp->permanent = !curl_error_retryable(crc);
		return CALL_FAILED;
	}
	k->delay = backoff_delay(c, attempt);
	return CALL_RETRY;
}

int
http_request(struct http_client *c, const char *method, const char *path,
	     const char *body, size_t body_len,
	     const char *const *extra_headers, struct http_response *resp,
	     struct gk_err *e)
{
	struct call k = {c, method, path, resp, e, 0};
	struct curl_slist *headers;
	enum call_next next;
	char *url;

	memset(resp, 0, sizeof *resp);
	buf_init(&resp->body);
	resp->retry_after_ms = -1;
	url = gk_xasprintf("%s%s%s", c->base_url, *path == '/' ? "" : "/",
			   path);
	headers = request_headers(c, body != NULL, extra_headers);
	for (int attempt = 0;; attempt++) {
		CURLcode crc;
		bool too_large;

		resp->attempts = attempt + 1;
		if (perform_once(c, method, url, body, body_len, headers, resp,
				 &crc, &too_large) == 0)
			next = after_answer(&k, attempt);
		else
			next = after_no_answer(&k, attempt, crc, too_large);
		if (next != CALL_RETRY)
			break;
		sleep_ms(k.delay);
	}
	curl_slist_free_all(headers);
	free(url);
	return next == CALL_ANSWERED ? 0 : -1;
}

/* Copy at most max bytes of s into e as one line of printable text. */
static void
describe_text(struct gk_err *e, const char *prefix, const char *s, size_t n)
{
	char line[HTTP_DESCRIBE_MAX + 1];
	size_t k =
		n <= HTTP_DESCRIBE_MAX ? n : mask_cut(s, n, HTTP_DESCRIBE_MAX);

	memcpy(line, s, k);
	k = utf8_printable(line, k);
	while (k > 0 && line[k - 1] == ' ')
		k--;
	/* Do not cut a UTF-8 sequence in two. */
	k = utf8_valid_prefix(line, k);
	line[k] = '\0';
	http_redact(line);
	if (n > HTTP_DESCRIBE_MAX)
		redact_cut_end(line);
	gk_err_set(e, "%s%s", prefix, line);
}

void
http_text_describe(long status, const char *text, struct gk_err *e)
{
	char prefix[32];

	snprintf(prefix, sizeof prefix, "HTTP %ld: ", status);
	describe_text(e, prefix, text, strlen(text));
}

void
http_response_describe(const struct http_response *resp, struct gk_err *e)
{
	char prefix[32];
	cJSON *doc = NULL;
	const cJSON *msg = NULL;

	snprintf(prefix, sizeof prefix, "HTTP %ld: ", resp->status);
	if (resp->body.len > 0)
		doc = cJSON_ParseWithLength(resp->body.data, resp->body.len);
	if (cJSON_IsObject(doc)) {
		const cJSON *err =
			cJSON_GetObjectItemCaseSensitive(doc, "error");

		if (cJSON_IsString(err))
			msg = err;
		else if (cJSON_IsObject(err))
			msg = cJSON_GetObjectItemCaseSensitive(err, "message");
		if (!cJSON_IsString(msg))
			msg = cJSON_GetObjectItemCaseSensitive(doc, "message");
	}
	if (cJSON_IsString(msg))
		describe_text(e, prefix, msg->valuestring,
			      strlen(msg->valuestring));
	else if (resp->body.len > 0 && !doc)
		describe_text(e, prefix, resp->body.data, resp->body.len);
	else
		gk_err_set(e, "HTTP %ld", resp->status);
	cJSON_Delete(doc);
}
