#!/bin/sh
# gov-submit: a 4xx answer counts a record delivered only when it
# accounts for the batch record by record: a list naming at least one
# record of it rejected, no entry naming none, and "accepted" the rest.
# Before, 422 {"accepted":3,"rejected":[{"index":7,"error":"..."}]} on a
# batch of 3 (counts that "add up" once the stray entry is passed over)
# counted all 3 delivered, exit 0, no word, the server's message lost;
# so did 422 {"accepted":3,"rejected":[]}.  Now every record such a 4xx
# names no error for is rejected with its message (exit 1, --status
# shows them, --requeue-rejected sends them again), and the defect is
# warned about as a 2xx's is (t3170), kept for --status (t3172).  A 4xx
# that does account for its batch, or refuses the whole batch with
# "accepted":0 and no record named, or is no JSON at all, is no defect:
# as before, without a warning.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

errors() { q "SELECT error FROM outbox_rejected WHERE endpoint = '$1' ORDER BY id"; }
key_of() { q "SELECT idem_key FROM outbox_log WHERE endpoint = '$1'"; }
thrice() { printf '%s\n%s\n%s' "$1" "$1" "$1"; }
submit_rec() {
	printf '{"type":"submit","endpoint":"%s","queued":3,"skipped":0,"sent":%d,"rejected":%d,"pending":0}' "$1" "$2" "$3"
}
tail_msg="a defect of the central API: the 4xx stands, and the records it names no error for are rejected with its message, none counted delivered"

# An index outside the batch, counts adding up without it.
server_answer 422 '{"accepted":3,"rejected":[{"index":7,"error":"unit: unknown code"}]}'
run gov-submit --endpoint seven --format ndjson g.jsonl
is "index 7 of 3: exit 1" "$RC" 1
is "... no record counted delivered, all rejected" "$OUT" "$(submit_rec seven 0 3)"
is "... each with the server's message" "$(errors seven)" \
	"$(thrice 'HTTP 422: unit: unknown code')"
k=$(key_of seven)
warning="POST /v1/seven: HTTP 422 for records 1-3 (Idempotency-Key $k): 1 entry of 'rejected' names no record of the batch of 3 (the first: index 7); $tail_msg"
is "... the warning, first on stderr" "$(printf '%s\n' "$ERR" | head -1)" \
	"gov-submit: $warning"
is "... kept with the batch's log row" \
	"$(q "SELECT accepted, rejected, status, defect FROM outbox_log WHERE endpoint = 'seven'")" \
	"0|3|422|$warning"
run gov-submit --status --format ndjson --endpoint seven
is "--status: exit 1 (records rejected)" "$RC" 1
like "--status: the outbox record has the warning" "$(printf '%s\n' "$OUT" | head -1)" \
	"^\\{\"type\":\"outbox\",\"endpoint\":\"seven\",\"pending\":0,\"batches\":0,\"rejected\":3,\"delivered\":0,.*\"last_defect\":\"POST /v1/seven: HTTP 422 for records 1-3 \\(Idempotency-Key $k\\): 1 entry of 'rejected' names no record"
run gov-submit --requeue-rejected --endpoint seven
is "--requeue-rejected: the server takes them now" "$RC:$OUT" \
	"0:$(submit_rec seven 3 0)"
is "... all three stored by the server" "$(server_records seven | wc -l | tr -d ' ')" 3

# The whole batch accepted, nothing rejected, in a refusal.
server_answer 422 '{"accepted":3,"rejected":[]}'
run gov-submit --endpoint empty g.jsonl
is "accepted 3, rejected []: exit 1" "$RC" 1
is "... all rejected" "$OUT" "$(submit_rec empty 0 3)"
is "... with the status" "$(errors empty)" "$(thrice 'HTTP 422')"
like "... the warning" "$ERR" \
	"^gov-submit: POST /v1/empty: HTTP 422 for records 7-9 \\(Idempotency-Key [0-9a-f]{64}\\): 'accepted' 3, the whole batch, and no record rejected; $tail_msg\$"
server_answer 400 '{"accepted":3,"error":"bad batch"}'
run gov-submit --endpoint nolist g.jsonl
is "accepted 3, no list: all rejected, as before" "$RC:$(errors nolist)" \
	"1:$(thrice 'HTTP 400: bad batch')"
like "... now with the warning" "$ERR" \
	"^gov-submit: POST /v1/nolist: HTTP 400 for records 10-12 \\(Idempotency-Key [0-9a-f]{64}\\): 'accepted' 3, the whole batch, and no record rejected; $tail_msg\$"

# Counts short of the batch: the records not named rejected, as before,
# now with the warning.
server_answer 400 '{"accepted":0,"rejected":[{"index":0,"error":"bad row"}]}'
run gov-submit --endpoint short g.jsonl
is "counts short: as before" "$RC:$(errors short)" "1:bad row
HTTP 400
HTTP 400"
like "... the warning" "$ERR" \
	"^gov-submit: POST /v1/short: HTTP 400 for records 13-15 \\(Idempotency-Key [0-9a-f]{64}\\): 'accepted' 0 and 1 record rejected do not add up to the batch of 3; $tail_msg\$"

# No defect: a 4xx that accounts for its batch; one refusing the whole
# batch without naming a record; one that is no JSON.  As before.
server_answer 422 '{"accepted":2,"rejected":[{"index":1,"error":"bad row"}]}'
run gov-submit --endpoint fine g.jsonl
is "a 4xx accounting for the batch: 2 delivered, 1 rejected" "$RC:$OUT" \
	"1:$(submit_rec fine 2 1)"
is "... no warning" "$ERR" "gov-submit: fine: record 17 rejected (HTTP 422): bad row
gov-submit: 1 record rejected; to see it, run: gov-submit --db $(shq "$GOVKIT_DB") --status"
is "... no defect kept" "$(q "SELECT count(*) FROM outbox_log WHERE defect IS NOT NULL AND endpoint = 'fine'")" 0
server_answer 422 '{"error":"schema mismatch","accepted":0,"rejected":[]}'
run gov-submit --endpoint whole g.jsonl
is "the whole batch refused: all rejected" "$RC:$(errors whole)" \
	"1:$(thrice 'HTTP 422: schema mismatch')"
unlike "... no warning" "$ERR" 'defect'
server_answer 400 '<html><body>Bad Request</body></html>'
run gov-submit --endpoint html g.jsonl
is "a page, not the API's: none rejected, kept queued (t3176)" \
	"$RC:$(errors html)" "2:"
unlike "... no warning" "$ERR" 'defect'
is "no defect kept for these" \
	"$(q "SELECT count(*) FROM outbox_log WHERE defect IS NOT NULL AND endpoint IN ('whole', 'html')")" 0

done_testing
