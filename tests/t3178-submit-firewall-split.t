#!/bin/sh
# gov-submit: a proxy's or web application firewall's refusal (a 4xx whose
# body is not the central API's answer) of the same batch twice in a row
# splits it as a 413 does, down to the single record: the records it lets
# through are delivered, each half under a key of its own, and only the
# record whose text it refuses stays queued, exit 2, the message naming it
# (record number, Idempotency-Key); --status says the same; once it is let
# through, --flush delivers it under its key.  Before, every --flush
# stopped at that batch for ever, and everything queued behind it waited.
# A firewall that refuses everything (the address, not a text) is not
# split record by record: once a record split here is held and nothing
# got through, the flush stops.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
submit_rec() {
	printf '{"type":"submit","endpoint":"%s","queued":%d,"skipped":0,"sent":%d,"rejected":%d,"pending":%d}' "$1" "$2" "$3" "$4" "$5"
}
# reqs NAME: status, records and key of each POST to /v1/NAME
reqs() { server_requests | py -c 'import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["path"] == "/v1/" + sys.argv[1]:
        print(r["status"], r["records"], r["key"])' "$1"; }
# page TEXT: the firewall's page quoting TEXT, as the message has it
page() { printf 'HTTP 400: <html><head><title>Request Rejected</title></head><body>The requested URL was rejected: it holds %s.</body></html>' "$1"; }
not_api="not the central API's answer (no JSON object with its 'rejected' list or 'error'): something between, a proxy or a firewall, refused"

# ---- eight records, the sixth with a text the firewall refuses (a
# phone number, which its page quotes: masked in the messages)
for i in 1 2 3 4 5 6 7 8; do
	if [ "$i" = 6 ]; then
		printf '{"type":"finding","row":%d,"note":"call 13812345678"}\n' "$i"
	else
		printf '{"type":"finding","row":%d}\n' "$i"
	fi
done >in.jsonl
server_control '{"waf":"13812345678"}'
run gov-submit --endpoint f --batch 8 in.jsonl
k8=$(q "SELECT idem_key FROM outbox_batch WHERE endpoint = 'f'")
is "first refusal: exit 2, all 8 kept (as before)" "$RC:$OUT" "2:$(submit_rec f 8 0 0 8)"
like "first refusal: the batch named" "$ERR" "refused the batch of records 1-8 \\(Idempotency-Key $k8\\), for the address"

run gov-submit --flush --endpoint f
k6=$(q "SELECT idem_key FROM outbox_batch WHERE endpoint = 'f'")
is "second refusal: split, 7 delivered, record 6 alone kept, exit 2" "$RC:$OUT" "2:$(submit_rec f 0 7 0 1)"
held="POST /v1/f: $(page '138****5678'); $not_api record 6 alone (Idempotency-Key $k6), as the try before: it refuses the text of that record; it stays queued, not rejected, and the others are sent: ask the keepers of the proxy or firewall to let it through"
is "second refusal: the message names record 6 and its key" "$ERR" "gov-submit: $held
gov-submit: 1 record kept queued; once that is put right, to send it, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "the server has every record but 6, each once, in order" "$(server_records f)" \
	"$(sed 6d in.jsonl)"
is "the requests: halves down to record 6 alone" "$(reqs f | cut -d' ' -f1,2)" "400 8
400 8
200 4
400 4
400 2
200 1
400 1
200 2"
is "every half under a key of its own" "$(reqs f | cut -d' ' -f3 | sort | uniq -d)" "$k8"
is "none rejected; record 6 the one batch left" \
	"$(q "SELECT count(*) FROM outbox_rejected; SELECT first_id, last_id, last_status FROM outbox_batch WHERE endpoint = 'f'")" "0
6|6|400"
run gov-submit --status --endpoint f --format ndjson
is "--status: exit 3" "$RC" 3
like "--status: 1 pending, 7 delivered, record 6 held and why" "$OUT" \
	"\"pending\":1,\"batches\":1,\"rejected\":0,\"delivered\":7,\"oldest\":\"[^\"]*\",\"last_error\":\"POST /v1/f: HTTP 400: <html>.*it holds 138\\*{4}5678\\..* refused record 6 alone \\(Idempotency-Key $k6\\), as the try before: it refuses the text of that record"

unlike "--status: the phone number not as it came" "$OUT" 13812345678

# still refused: held again, one request, same key
run gov-submit --flush --endpoint f
is "refused again: exit 2, nothing sent" "$RC:$OUT" "2:$(submit_rec f 0 0 0 1)"
is "... the same message" "$ERR" "gov-submit: $held
gov-submit: 1 record kept queued; once that is put right, to send it, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
# let through: delivered under the same key
server_control '{"waf":""}'
run gov-submit --flush --endpoint f
is "let through: record 6 delivered, exit 0" "$RC:$OUT:$ERR" "0:$(submit_rec f 0 1 0 0):"
is "... under its key" "$(reqs f | tail -2)" "400 1 $k6
200 1 $k6"
is "every record stored once" "$(server_records f | sort)" "$(sort in.jsonl)"

# ---- a firewall that refuses every record: not split record by record
printf '{"type":"finding","row":%d}\n' 1 2 3 4 5 6 7 8 >all.jsonl
server_control '{"waf":"finding"}'
run gov-submit --endpoint g --batch 8 all.jsonl
run gov-submit --flush --endpoint g
kg=$(q "SELECT idem_key FROM outbox_batch WHERE endpoint = 'g' AND first_id = 11")
is "refusing all: exit 2, all 8 kept" "$RC:$OUT" "2:$(submit_rec g 0 0 0 8)"
is "refusing all: the message says so" "$ERR" "gov-submit: POST /v1/g: $(page finding); $not_api the batch of records 11-12 (Idempotency-Key $kg) again, and nothing got through since it refused a record alone: it refuses the address, not one record's text; none is rejected: ask the keepers of the proxy or firewall, and check GOVKIT_API (or 'api' in the config file)
gov-submit: 8 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "refusing all: 7 requests, not one per record" "$(reqs g | cut -d' ' -f1,2)" "400 8
400 8
400 4
400 2
400 1
400 1
400 2"
is "refusing all: none rejected, nothing stored" \
	"$(q "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'g'"):$(server_records g | wc -l | tr -d ' ')" "0:0"
server_control '{"waf":""}'
run gov-submit --flush --endpoint g
is "refusing all, then let through: all 8 delivered in order" \
	"$RC:$OUT:$(server_records g)" "0:$(submit_rec g 0 8 0 0):$(cat all.jsonl)"

done_testing
