#!/bin/sh
# gov-submit: 409 Conflict is what an API with idempotency keys answers
# a key whose first request it is still working on (a try before timed
# out on our side, the server went on).  That request may yet deliver the
# records, so 409 now keeps the batch queued (exit 3) to be sent again
# under the same key, which then gets the first request's answer.
# Before, 409 rejected every record of the batch for good (exit 1), and
# --requeue-rejected sent them again under a new key: delivered twice.
# A second 409 in a row for the same batch is a server that keeps
# refusing the key: exit 2, the records still queued, the batch named.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
submit_rec() {
	printf '{"type":"submit","endpoint":"%s","queued":%d,"skipped":0,"sent":%d,"rejected":0,"pending":%d}' "$1" "$2" "$3" "$4"
}
busy='{\"error\":\"a request with this Idempotency-Key is in progress\"}'

# Once: kept queued; the next flush, under the same key, delivers.
server_control "{\"answer\":1,\"status\":409,\"body\":\"$busy\"}"
run gov-submit --endpoint once g.jsonl
is "409: exit 3, all 3 still queued" "$RC:$OUT" "3:$(submit_rec once 3 0 3)"
is "... why, and that a later flush gets the answer" "$ERR" \
	"gov-submit: POST /v1/once: HTTP 409: a request with this Idempotency-Key is in progress (1 attempt); a request with the batch's Idempotency-Key may still be in progress at the central API: a later flush sends it again under the same key and gets its answer
gov-submit: 3 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "... none rejected" "$(q "SELECT count(*) FROM outbox_rejected")" 0
run gov-submit --flush --endpoint once
is "--flush then: delivered" "$RC:$OUT" "0:$(submit_rec once 0 3 0)"
k=$(q "SELECT idem_key FROM outbox_log WHERE endpoint = 'once'")
is "... under the same key both times" "$(server_keys once)" "409 $k
200 $k"
is "... stored once" "$(server_records once | wc -l | tr -d ' ')" 3

# Twice in a row: exit 2, still queued, the batch named; then delivered.
server_control "{\"answer\":2,\"status\":409,\"body\":\"$busy\"}"
run gov-submit --endpoint twice g.jsonl
is "409, first: exit 3" "$RC" 3
run gov-submit --flush --endpoint twice
is "409 again: exit 2, all 3 still queued" "$RC:$OUT" "2:$(submit_rec twice 0 0 3)"
like "... the batch named, its keepers to ask" "$ERR" \
	"^gov-submit: POST /v1/twice: HTTP 409: a request with this Idempotency-Key is in progress; the try before had a 409 too: the central API keeps refusing the batch of records 4-6 \\(Idempotency-Key [0-9a-f]{64}\\), ask its keepers why\$"
is "... none rejected" "$(q "SELECT count(*) FROM outbox_rejected")" 0
run gov-submit --flush --endpoint twice
is "--flush once the server answers: delivered" "$RC:$OUT" "0:$(submit_rec twice 0 3 0)"
is "... stored once" "$(server_records twice | wc -l | tr -d ' ')" 3

done_testing
