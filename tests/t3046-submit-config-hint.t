#!/bin/sh
# gov-submit: an answer that says the configuration is wrong (401, 403,
# 404, 405, 407, 410, 415, 426, 431, a redirect) keeps the batch queued
# (exit 2), and the message says what to put right: the token for 401,
# the token's right to the endpoint for 403, the address or the endpoint
# for 404, 405 and 410, the proxy for 407, the address or a proxy for 415,
# https:// for 426, the token and the proxy for 431, GOVKIT_API for a
# redirect; never the token itself.  Before, 405, 410, 415, 426 and 431
# rejected every record for good (exit 1), as if the records were at
# fault.  Whatever the body (empty, a page, the API's JSON), no record is
# rejected: a bad token must not throw away the quarter's records; with
# the right token, --flush delivers them, once.  --status keeps the
# message with what to put right as the batch's last error; it kept the
# status and the body's first words alone ("HTTP 401").
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
kept="gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
h401="the central API refused the token: check GOVKIT_TOKEN, GOVKIT_TOKEN_FILE, or 'token' and 'token_file' in the config file"
h403="the token may not send to this endpoint: check the token and the endpoint's name, or ask the central API's keepers for the right"
h404="the address or the endpoint's name is wrong: check GOVKIT_API (or 'api' in the config file) and the endpoint"
h407="the proxy asks for credentials: check https_proxy (or http_proxy, all_proxy)"
h3xx="the central API's address redirects elsewhere: check GOVKIT_API (or 'api' in the config file)"
h405="the address takes no records (POST): check GOVKIT_API (or 'api' in the config file) and the endpoint"
h410="the endpoint is gone (retired or renamed): check the endpoint's name and GOVKIT_API (or 'api' in the config file), or ask the central API's keepers where it went"
h415="the JSON body was refused: GOVKIT_API (or 'api' in the config file) may not be the central API, or a proxy between changes the request (https_proxy)"
h426="the server asks for another protocol: check that GOVKIT_API (or 'api' in the config file) is the central API's https:// address"
h431="the request's headers are too large for the server or a proxy: check the token (GOVKIT_TOKEN, GOVKIT_TOKEN_FILE, 'token' or 'token_file') and any proxy (https_proxy)"

# check NAME STATUS BODY WHY HINT: /v1/NAME answered STATUS BODY once.
check() {
	server_answer "$2" "$3"
	run gov-submit --endpoint "$1" g.jsonl
	is "$1: exit 2, all 3 still queued" "$RC:$OUT" \
		"2:{\"type\":\"submit\",\"endpoint\":\"$1\",\"queued\":3,\"skipped\":0,\"sent\":0,\"rejected\":0,\"pending\":3}"
	is "$1: what to put right" "$ERR" "gov-submit: POST /v1/$1: $4; $5
$kept"
	is "$1: none rejected" \
		"$(q "SELECT count(*) FROM outbox_rejected WHERE endpoint = '$1'")" 0
	run gov-submit --status --endpoint "$1" --format ndjson
	is "$1: --status keeps what to put right" \
		"$(printf '%s\n' "$OUT" | py -c 'import json, sys
print(json.loads(sys.stdin.readline())["last_error"])')" "POST /v1/$1: $4; $5"
}
check a401 401 '' 'HTTP 401' "$h401"
check h401 401 '<html><body>401 Authorization Required</body></html>' \
	'HTTP 401: <html><body>401 Authorization Required</body></html>' "$h401"
check a403 403 '' 'HTTP 403' "$h403"
check j403 403 '{"error":"forbidden"}' 'HTTP 403: forbidden' "$h403"
check a404 404 '<html>Not Found</html>' 'HTTP 404: <html>Not Found</html>' "$h404"
check a407 407 '' 'HTTP 407' "$h407"
check a301 301 '' 'HTTP 301' "$h3xx"
# The same for any records, so about the configuration, not the records:
# 410 (the endpoint retired or renamed), 405 (the address takes no POST),
# 415 (the JSON body refused), 426 (another protocol asked for), 431 (the
# headers too large).  Before, every record was rejected for good (exit 1).
check a410 410 '{"error":"endpoint retired, use /v2/findings"}' \
	'HTTP 410: endpoint retired, use /v2/findings' "$h410"
check e410 410 '' 'HTTP 410' "$h410"
check a405 405 '<html>405 Not Allowed</html>' \
	'HTTP 405: <html>405 Not Allowed</html>' "$h405"
check a415 415 '' 'HTTP 415' "$h415"
check a426 426 '{"error":"use TLS"}' 'HTTP 426: use TLS' "$h426"
check a431 431 '' 'HTTP 431' "$h431"

# The server's own refusal of a wrong token: the hint, never the token.
GOVKIT_TOKEN=wr0ng-t0ken-77 run gov-submit --endpoint tok g.jsonl
is "wrong token: exit 2" "$RC" 2
is "wrong token: what to put right" "$ERR" \
	"gov-submit: POST /v1/tok: HTTP 401: missing or bad bearer token; $h401
$kept"
unlike "wrong token: the token not shown" "$OUT$ERR" 'wr0ng-t0ken-77'
run gov-submit --flush --endpoint tok
is "the right token: all delivered, once" "$RC:$(server_records tok | wc -l | tr -d ' ')" "0:3"

done_testing
