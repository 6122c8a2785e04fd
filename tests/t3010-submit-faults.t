#!/bin/sh
# gov-submit against a server that fails, throttles, hangs and drops:
# every record still arrives exactly once, after the retries or --flush.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

gen() {
	awk -v n="$1" -v p="$2" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "{\"type\":\"finding\",\"id\":\"%s-%d\",\"row\":%d}\n", p, i, i }'
}
# exactly_once DESC ENDPOINT FILE: the server holds FILE's records, once each.
exactly_once() {
	server_records "$2" | sort > got.$2
	sort "$3" > want.$2
	same_file "$1" got.$2 want.$2
}
# Quick retries, a short time-out (the hang test).
mkdir -p "$XDG_CONFIG_HOME/govkit"
cat > "$XDG_CONFIG_HOME/govkit/config" <<CFG
http_backoff = 0.02
http_max_backoff = 0.1
http_timeout = 2
http_retries = 5
CFG

server_start
gen 1000 a > a.jsonl

server_control '{"fail":3,"status":503}'
run gov-submit --endpoint e503 --batch 100 a.jsonl
is "503 x3: exit 0 after retries" "$RC" 0
is "503 x3: no message" "$ERR" ""
exactly_once "503 x3: exactly once" e503 a.jsonl
# (>=: a request slowed past the time-out on a loaded machine is retried too)
ok "503 x3: 10 batches + 3 retries" [ "$(server_requests | grep -c '/v1/e503')" -ge 13 ]

server_control '{"fail":2,"status":500}'
run gov-submit --endpoint e500 --batch 100 a.jsonl
is "500 x2: exit 0" "$RC" 0
exactly_once "500 x2: exactly once" e500 a.jsonl

server_control '{"fail":2,"status":408}'
run gov-submit --endpoint e408 --batch 250 a.jsonl
is "408 x2: exit 0" "$RC" 0
exactly_once "408 x2: exactly once" e408 a.jsonl

# 429 with Retry-After: 1 s is waited for, each time.
server_control '{"throttle":2,"retry_after":1}'
start=$(date +%s)
run gov-submit --endpoint e429 --batch 500 a.jsonl
end=$(date +%s)
is "429: exit 0" "$RC" 0
exactly_once "429: exactly once" e429 a.jsonl
ok "429: Retry-After honoured (>= 2 s)" [ $((end - start)) -ge 2 ]
# Retry-After as an HTTP date, 2 s ahead.
when=$(date -u -d '+2 seconds' '+%a, %d %b %Y %H:%M:%S GMT')
server_control "{\"throttle\":1,\"retry_after\":\"$when\"}"
start=$(date +%s)
run gov-submit --endpoint edate --batch 500 a.jsonl
end=$(date +%s)
is "Retry-After date: exit 0" "$RC" 0
exactly_once "Retry-After date: exactly once" edate a.jsonl
ok "Retry-After date: waited until then (>= 1 s)" [ $((end - start)) -ge 1 ]
# Retry-After longer than we may wait: give up at once, keep queued.
server_control '{"throttle":1,"retry_after":3600}'
start=$(date +%s)
run gov-submit --endpoint elong --batch 500 a.jsonl
end=$(date +%s)
is "Retry-After 3600: exit 3" "$RC" 3
ok "Retry-After 3600: did not wait" [ $((end - start)) -lt 30 ]
like "Retry-After 3600: says so" "$ERR" 'POST /v1/elong: HTTP 429: too many requests \(1 attempt\)'
run gov-submit --flush
is "Retry-After 3600: later flush exit 0" "$RC" 0
exactly_once "Retry-After 3600: exactly once" elong a.jsonl

# Hang past the client's time-out: the server stores the batch after the
# client gave up; the retry (same key) must not store it again.
server_control '{"hang":1,"seconds":4}'
run gov-submit --endpoint ehang --batch 250 a.jsonl
is "hang: exit 0" "$RC" 0
sleep 3
exactly_once "hang: exactly once (after the hung request ended)" ehang a.jsonl
key=$(server_requests | grep '/v1/ehang' | head -1 | sed 's/.*"key":"\([^"]*\)".*/\1/')
ok "hang: the retry used the same key" [ "$(server_requests | grep -c "\"key\":\"$key\"")" -ge 2 ]

# The connection drops mid-answer after the server stored the batch.
server_control '{"drop":3}'
run gov-submit --endpoint edrop --batch 100 a.jsonl
is "drop x3: exit 0" "$RC" 0
exactly_once "drop x3: exactly once" edrop a.jsonl
is "drop x3: 10 keys" \
   "$(server_requests | grep '/v1/edrop' | sed 's/.*"key":"\([^"]*\)".*/\1/' | sort -u | wc -l)" 10
ok "drop x3: 13 requests or more" [ "$(server_requests | grep -c '/v1/edrop')" -ge 13 ]

# Retries run out: exit 3, queued; --flush later delivers, same keys.
server_control '{"fail":1000,"status":503}'
run gov-submit --endpoint eout --batch 100 a.jsonl
is "retries run out: exit 3" "$RC" 3
like "retries run out: message" "$ERR" 'POST /v1/eout: HTTP 503: injected failure \(6 attempts\)'
like "retries run out: queued" "$ERR" "1000 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "retries run out: submit record" "$OUT" \
   '{"type":"submit","endpoint":"eout","queued":1000,"skipped":0,"sent":0,"rejected":0,"pending":1000}'
run gov-submit --status --endpoint eout --format text
is "retries run out: status exit 3" "$RC" 3
like "retries run out: status text" "$OUT" 'eout: 1000 pending \(10 batches formed\), 0 rejected, 0 delivered; oldest queued'
like "retries run out: last error shown" "$OUT" 'last error \(.*\): HTTP 503: injected failure'
first=$(server_requests | grep '/v1/eout' | head -1 | sed 's/.*"key":"\([^"]*\)".*/\1/')
server_control '{"fail":0}'
run gov-submit --flush
is "flush later: exit 0" "$RC" 0
is "flush later: submit record" "$OUT" \
   '{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":1000,"rejected":0,"pending":0}'
exactly_once "flush later: exactly once" eout a.jsonl
ok "flush later: first batch kept its key (6 tries, then the flush)" \
   [ "$(server_requests | grep '/v1/eout' | grep -c "\"key\":\"$first\"")" -ge 7 ]

# Mixed: drops, failures and throttling in one delivery.
server_control '{"fail":2,"status":502}'
gen 2000 m > m.jsonl
( sleep 0.2; server_control '{"drop":2}'; sleep 0.2; server_control '{"throttle":1,"retry_after":0}' ) &
ctl=$!
run gov-submit --endpoint emix --batch 50 m.jsonl
wait "$ctl"
is "mixed faults: exit 0" "$RC" 0
exactly_once "mixed faults: exactly once" emix m.jsonl

done_testing
