#!/bin/sh
# gov-submit: a 4xx about the records (400, 422, ...) whose body is not
# the central API's answer (an empty body, a proxy's or a web application
# firewall's page, text, an object with neither 'rejected', 'accepted',
# 'error' nor 'message') is something between refusing the request: the
# central API never saw the records.  The batch now stays queued, exit 2,
# the message naming the batch and what to ask; --status shows it; once
# the proxy or firewall lets it through, --flush delivers it under the
# same key.  Before, every record was rejected for good (exit 1) with the
# page's first words, as if the central API had refused them: a broken
# proxy emptied the queue into the rejected, a firewall that disliked the
# text of one record rejected the whole batch.  The API's own refusal, an
# object with its message or list, still rejects (exit 1).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
submit_rec() {
	printf '{"type":"submit","endpoint":"%s","queued":%d,"skipped":0,"sent":%d,"rejected":%d,"pending":%d}' "$1" "$2" "$3" "$4" "$5"
}
tail_msg="none is rejected: ask the keepers of the proxy or firewall, and check GOVKIT_API (or 'api' in the config file)"
kept="gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"

# check NAME STATUS BODY WHY FIRST: /v1/NAME answered STATUS BODY once,
# for the batch of records FIRST..FIRST+2.
check() {
	server_answer "$2" "$3"
	run gov-submit --endpoint "$1" g.jsonl
	k=$(q "SELECT idem_key FROM outbox_batch WHERE endpoint = '$1'")
	is "$1: exit 2, all 3 still queued" "$RC:$OUT" "2:$(submit_rec "$1" 3 0 0 3)"
	is "$1: the batch named, what to ask" "$ERR" \
		"gov-submit: POST /v1/$1: $4; not the central API's answer (no JSON object with its 'rejected' list or 'error'): something between, a proxy or a firewall, refused the batch of records $5-$(($5 + 2)) (Idempotency-Key $k), for the address or for text in one of its records; $tail_msg
$kept"
	is "$1: none rejected" \
		"$(q "SELECT count(*) FROM outbox_rejected WHERE endpoint = '$1'")" 0
}

check waf 400 '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>' \
	'HTTP 400: <html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>' 1
# --status tells the same, the records pending, none rejected
run gov-submit --status --endpoint waf --format ndjson
is "--status: exit 3" "$RC" 3
like "--status: 3 pending, none rejected, the reason kept" "$OUT" \
	"^\\{\"type\":\"outbox\",\"endpoint\":\"waf\",\"pending\":3,\"batches\":1,\"rejected\":0,\"delivered\":0,\"oldest\":\"[^\"]*\",\"last_error\":\"POST /v1/waf: HTTP 400: <html>.*refused the batch of records 1-3 \\(Idempotency-Key $k\\), for the address or for text in one of its records; none is rejected"
# the firewall lets it through: delivered, once, under the same key
run gov-submit --flush --endpoint waf
is "--flush then: delivered" "$RC:$OUT" "0:$(submit_rec waf 0 3 0 0)"
is "... under the same key both times" "$(server_keys waf)" "400 $k
200 $k"
is "... stored once" "$(server_records waf | wc -l | tr -d ' ')" 3

check empty 422 '' 'HTTP 422' 4
check text 400 'Bad Request' 'HTTP 400: Bad Request' 7
check other 400 '{"code":"BLOCKED","support_id":"1234"}' 'HTTP 400' 10

# The API's own refusal, its message or its list: rejected, as before.
server_answer 400 '{"error":"schema mismatch"}'
run gov-submit --endpoint api g.jsonl
is "the API's 400: all 3 rejected (exit 1)" "$RC:$OUT" "1:$(submit_rec api 3 0 3 0)"
is "... with its message" \
	"$(q "SELECT DISTINCT status || ' ' || error FROM outbox_rejected WHERE endpoint = 'api'")" \
	"400 HTTP 400: schema mismatch"
server_answer 422 '{"accepted":2,"rejected":[{"index":1,"error":"bad row"}]}'
run gov-submit --endpoint row g.jsonl
is "the API's 422 naming a record: it rejected, 2 sent" "$RC:$OUT" "1:$(submit_rec row 3 2 1 0)"

done_testing
