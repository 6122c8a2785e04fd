#!/bin/sh
# gov-submit: a 2xx answer of the API's shape, {"accepted":N,"rejected":
# [...]}, whose entries or counts are wrong (an index out of range,
# negative, a fraction or none; a count that does not add up) is the
# server's defect, not a reason to send again: the 2xx stands, the batch
# is settled (records the answer names in range rejected as usual), a
# warning names the batch (endpoint, records, Idempotency-Key) and the
# exit status is 1.  Before, the batch was kept queued and sent again on
# every --flush, and a server answering a key it has seen as it did the
# first time never let it go (exit 3 for ever, which the cron line of
# the man page does not even mail); an index out of range beside counts
# that added up was passed over without a word (exit 0).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

# replay STATUS BODY: the server answers every request so from now on,
# as a server does that answers a key as it did the first time.
replay() {
	printf '%s' "$2" >body.txt # (a body too long for an argument)
	py -c 'import json, sys
print(json.dumps({"answer": 1000, "status": int(sys.argv[1]),
                  "body": open("body.txt").read()}))' "$1" >control.json
	/usr/bin/curl -sS --max-time 20 -o /dev/null -X POST \
		-H 'Content-Type: application/json' --data-binary @control.json \
		"$SERVER_SCHEME://127.0.0.1:$SERVER_PORT/_control"
}
posts() { server_requests | grep -c "\"path\": *\"/v1/$1\""; }
key_of() { q "SELECT idem_key FROM outbox_log WHERE endpoint = '$1'"; }
tail_msg="a defect of the central API: the 2xx stands, the batch is settled and not sent again"

# check NAME STATUS BODY WHAT REJECTED: one submit of g.jsonl to /v1/NAME
# answered STATUS BODY for ever; WHAT is the warning's account of it,
# REJECTED the records rejected.
n=0
check() {
	n=$((n + 1))
	ep=d$n
	replay "$2" "$3"
	run gov-submit --endpoint $ep --format ndjson g.jsonl
	is "$1: exit 1" "$RC" 1
	k=$(key_of $ep)
	like "$1: the warning names the batch and says what is wrong" "$ERR" \
		"^gov-submit: POST /v1/$ep: HTTP $2 for records [0-9]+-[0-9]+ \\(Idempotency-Key $k\\): $4; $tail_msg\$"
	is "$1: one key, 64 hex digits" "$(printf %s "$k" | grep -cE '^[0-9a-f]{64}$')" 1
	is "$1: settled: nothing pending" \
		"$(q "SELECT count(*) FROM outbox_record WHERE endpoint = '$ep'")" 0
	is "$1: rejected" \
		"$(q "SELECT count(*) FROM outbox_rejected WHERE endpoint = '$ep'")" "$5"
	is "$1: the submit record" "$OUT" \
		"{\"type\":\"submit\",\"endpoint\":\"$ep\",\"queued\":3,\"skipped\":0,\"sent\":$((3 - $5)),\"rejected\":$5,\"pending\":0}"
	run gov-submit --flush --endpoint $ep
	is "$1: --flush then: nothing to send, exit 0" "$RC" 0
	is "$1: sent once, not again" "$(posts $ep)" 1
}

check "index 7 of a batch of 3" 200 \
	'{"accepted":2,"rejected":[{"index":7,"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index 7\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "index 7, counts adding up" 201 \
	'{"accepted":3,"rejected":[{"index":7,"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index 7\\)" 0
check "index -1" 200 \
	'{"accepted":2,"rejected":[{"index":-1,"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index -1\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "index -0.5" 200 \
	'{"accepted":2,"rejected":[{"index":-0.5,"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index -0.5\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "index 1.9" 200 \
	'{"accepted":2,"rejected":[{"index":1.9,"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index 1.9\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "no index" 200 \
	'{"accepted":2,"rejected":[{"error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: an entry without an index\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "index a string" 200 \
	'{"accepted":2,"rejected":[{"index":"1","error":"x"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: an index that is not a number\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "an entry not an object" 200 \
	'{"accepted":2,"rejected":[7]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: an entry that is not an object\\); 'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "counts short, nothing named" 200 \
	'{"accepted":2,"rejected":[]}' \
	"'accepted' 2 and 0 records rejected do not add up to the batch of 3" 0
check "accepted above the batch" 200 \
	'{"accepted":4}' \
	"'accepted' 4 and 0 records rejected do not add up to the batch of 3" 0
check "one index named twice, counted twice" 200 \
	'{"accepted":1,"rejected":[{"index":0,"error":"x"},{"index":0,"error":"y"}]}' \
	"'accepted' 1 and 1 record rejected do not add up to the batch of 3" 1
is "one index named twice: both messages kept" \
	"$(q "SELECT error FROM outbox_rejected WHERE endpoint = 'd$n'")" "x; y"
check "one in range, one out" 200 \
	'{"accepted":2,"rejected":[{"index":2,"error":"bad row"},{"index":3,"error":"y"}]}' \
	"1 entry of 'rejected' names no record of the batch of 3 \\(the first: index 3\\)" 1
is "one in range, one out: the record named rejected with its message" \
	"$(q "SELECT error FROM outbox_rejected WHERE endpoint = 'd$n'")" "bad row"

# A huge list of entries naming no record: one warning, not one a line.
py -c 'import json
print(json.dumps({"accepted": 3, "rejected": [{"index": 3 + i, "error": "e"} for i in range(200000)]}))' >big.json
check "200000 entries out of range" 200 "$(cat big.json)" \
	"200000 entries of 'rejected' name no record of the batch of 3 \\(the first: index 3\\)" 0
is "200000 entries out of range: one line on stderr" \
	"$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1

done_testing
