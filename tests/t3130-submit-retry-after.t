#!/bin/sh
# gov-submit and Retry-After at its edges, against a server that answers
# 503 twice with it.  A wait longer than http_max_retry_after ends the
# retries at once (exit 3, kept), however it is written: 100000 seconds
# and a number past a long used to be taken for garbage and retried
# after the back-off, a fraction of a second.  "0", or a date already
# past, is honoured without turning the retries into a burst: the
# back-off still applies (they used to go out at once).  Garbage and a
# negative number mean the usual back-off.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
# the back-off: 0.2 to 0.4 s before each of the two retries
printf 'http_backoff = 0.4\nhttp_max_backoff = 0.4\nhttp_retries = 2\nhttp_max_retry_after = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
server_start
printf '{"type":"finding","row":%d}\n' 2 3 >g.jsonl
ms() { echo $(($(date +%s%N) / 1000000)); }
posts() { server_requests | grep -c "\"path\":\"/v1/$1\""; }

# try NAME RETRY_AFTER: 503 twice with it; sets RC, ERR, T (ms), N (POSTs)
try() {
	server_control "{\"fail\":2,\"status\":503,\"retry_after\":$2}"
	_s=$(ms)
	run gov-submit --endpoint "$1" g.jsonl
	T=$(($(ms) - _s))
	N=$(posts "$1")
}

for ra in '"100000"' '"99999999999999999999"' '"86401"'; do
	ep=huge$(printf '%s' "$ra" | wc -c)
	try "$ep" "$ra"
	is "Retry-After $ra: exit 3, kept" "$RC" 3
	is "Retry-After $ra: one request, no retry" "$N" 1
	ok "Retry-After $ra: no wait ($T ms)" [ "$T" -lt 3000 ]
	like "Retry-After $ra: says so" "$ERR" \
		"^gov-submit: POST /v1/$ep: HTTP 503: injected failure \\(1 attempt\\)"
	server_control '{"fail":0}'
	run gov-submit --flush
	is "Retry-After $ra: --flush later delivers" "$RC:$(server_records "$ep" | wc -l | tr -d ' ')" "0:2"
done

for ra in '"0"' '"Thu, 01 Jan 1970 00:00:00 GMT"' '"-5"' '"garbage"' '"1.5"'; do
	ep=short$(printf '%s' "$ra" | wc -c)
	try "$ep" "$ra"
	is "Retry-After $ra: exit 0 after 2 retries" "$RC:$N" "0:3"
	is "Retry-After $ra: nothing said" "$ERR" ""
	ok "Retry-After $ra: the back-off waited (>= 400 ms, got $T)" [ "$T" -ge 400 ]
	is "Retry-After $ra: each record once" "$(server_records "$ep" | wc -l | tr -d ' ')" 2
done

# Within the limit, longer than the back-off: waited for, each time.
try within '"1"'
is "Retry-After 1: exit 0 after 2 retries" "$RC:$N" "0:3"
ok "Retry-After 1: waited 2 s ($T ms)" [ "$T" -ge 2000 ]

done_testing
