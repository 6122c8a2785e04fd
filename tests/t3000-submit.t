#!/bin/sh
# gov-submit: options, 10,000 records exactly once, endpoints, bad input,
# dry run, rejections kept and never resent silently, no API configured.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

gen() { # gen N PREFIX [TYPE]: N records with unique ids
	awk -v n="$1" -v p="$2" -v t="${3:-finding}" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "{\"type\":\"%s\",\"id\":\"%s-%d\",\"row\":%d}\n", t, p, i, i }'
}

run gov-submit --help
is "--help exits 0" "$RC" 0
like "--help usage" "$OUT" '^Usage: gov-submit \[options\] \[FILE\.\.\.\]'
run gov-submit --version
is "--version" "$OUT" "gov-submit (govkit) 0.1.0"
run gov-submit --bogus
is "unknown option exits 2" "$RC" 2
like "unknown option says try --help" "$ERR" "try 'gov-submit --help'"
run gov-submit --batch 0
is "--batch 0 is a usage error" "$RC" 2
run gov-submit --endpoint '../x'
is "bad endpoint name is a usage error" "$RC" 2
run gov-submit --flush some.jsonl
is "--flush takes no files" "$RC" 2
run gov-submit --timeout 0
is "--timeout 0 is a usage error" "$RC" 2
run gov-submit --endpoint x no-such-file.jsonl
is "missing input: exit 2" "$RC" 2
like "missing input: says which" "$ERR" "unable to open 'no-such-file.jsonl'"

server_start

# 10,000 records in batches of 500: each exactly once.
gen 10000 a > a.jsonl
run gov-submit --endpoint findings --batch 500 a.jsonl
is "10,000 records: exit 0" "$RC" 0
is "10,000 records: submit record" "$OUT" \
   '{"type":"submit","endpoint":"findings","queued":10000,"skipped":0,"sent":10000,"rejected":0,"pending":0}'
is "10,000 records: nothing on stderr" "$ERR" ""
server_records findings | sort > got
sort a.jsonl > want
same_file "10,000 records: the server holds each exactly once" got want
server_requests > req
is "20 requests of 500" "$(grep -c '"records":500' req)" 20
is "20 distinct Idempotency-Keys" \
   "$(sed 's/.*"key":"\([0-9a-f]*\)".*/\1/' req | grep -Ec '^[0-9a-f]{64}$')" 20
is "keys all differ" "$(sed 's/.*"key":"\([^"]*\)".*/\1/' req | sort -u | wc -l)" 20
is "User-Agent govkit/VERSION" "$(grep -c '"user_agent":"govkit/0.1.0"' req)" 20
is "bearer token accepted" "$(grep -c '"auth":"ok"' req)" 20
is "JSON content type" "$(grep -c '"content_type":"application/json"' req)" 20
run gov-submit --status
is "status after delivery: exit 0" "$RC" 0
like "status counts delivered" "$OUT" '"endpoint":"findings","pending":0,"batches":0,"rejected":0,"delivered":10000'

# The endpoint from the record type; a type without one stops everything.
{ gen 3 v verdict; gen 2 r tender-risk; } > mixed.jsonl
run gov-submit mixed.jsonl
is "endpoints from types: exit 0" "$RC" 0
is "verdicts went to /v1/verdicts" "$(server_records verdicts | sort)" "$(gen 3 v verdict | sort)"
is "tender-risk went to /v1/risks" "$(server_records risks | sort)" "$(gen 2 r tender-risk | sort)"
printf '{"type":"verdict","id":"x1"}\n{"type":"mystery","id":"x2"}\n' > unknown.jsonl
run gov-submit unknown.jsonl
is "unknown type: exit 2" "$RC" 2
like "unknown type: says where and what" "$ERR" "unknown.jsonl:2: no endpoint for record type 'mystery' \(use --endpoint\)"
is "unknown type: nothing sent" "$(server_records verdicts | grep -c x1)" 0

# Bad input: nothing of the call is queued.
printf '{"id":"b1"}\n{"id":"b2"}\n{"id": oops}\n' > bad.jsonl
run gov-submit --endpoint bad bad.jsonl
is "invalid JSON: exit 2" "$RC" 2
like "invalid JSON: file and line" "$ERR" 'gov-submit: bad.jsonl:3: invalid JSON'
like "invalid JSON: nothing queued" "$ERR" 'nothing queued'
is "invalid JSON: nothing sent" "$(server_records bad)" ""
printf '[1,2]\n' > arr.jsonl
run gov-submit --endpoint bad arr.jsonl
like "array line refused" "$ERR" 'arr.jsonl:1: expected a JSON object'
printf '{"id":"\377"}\n' > latin.jsonl
run gov-submit --endpoint bad latin.jsonl
like "invalid UTF-8 refused" "$ERR" 'latin.jsonl:1: invalid UTF-8'
run gov-submit --status --endpoint bad
is "bad input left nothing in the outbox" "$OUT" ""

# Standard input, and '-'.
gen 3 s > s.jsonl
run_in s.jsonl gov-submit --endpoint stdin
is "stdin: exit 0" "$RC" 0
is "stdin: delivered" "$(server_records stdin | sort)" "$(sort s.jsonl)"

# Dry run: the batches, nothing queued, nothing sent.
n0=$(server_requests | wc -l)
gen 1200 d > d.jsonl
run gov-submit --dry-run --endpoint dry --batch 500 d.jsonl
is "dry run: exit 0" "$RC" 0
is "dry run: three batches" "$(printf '%s\n' "$OUT" | sed 's/"bytes":[0-9]*,//')" \
'{"type":"batch","endpoint":"dry","records":500,"key":null}
{"type":"batch","endpoint":"dry","records":500,"key":null}
{"type":"batch","endpoint":"dry","records":200,"key":null}'
is "dry run: byte count is the body's" \
   "$(printf '%s\n' "$OUT" | head -1 | sed 's/.*"bytes":\([0-9]*\).*/\1/')" \
   "$(head -500 d.jsonl | awk '{ n += length($0) + 1 } END { print n + 13 }')"
is "dry run: nothing sent" "$(server_requests | wc -l)" "$n0"
run gov-submit --status --endpoint dry
is "dry run: nothing queued" "$OUT" ""

# Rejections: kept with the server's message, never resent silently.
server_control '{"reject":[{"field":"id","value":"j-2","error":"unknown unit for 150502199001011234"},{"field":"id","value":"j-4","error":"bad row"}]}'
gen 5 j > j.jsonl
run gov-submit --endpoint rej j.jsonl
is "rejections: exit 1" "$RC" 1
is "rejections: submit record" "$OUT" \
   '{"type":"submit","endpoint":"rej","queued":5,"skipped":0,"sent":3,"rejected":2,"pending":0}'
like "rejections: each told on stderr, masked" "$ERR" 'rej: record [0-9]+ rejected \(HTTP 422\): unknown unit for 150502\*\*\*\*\*\*\*\*1234'
like "rejections: pointer to --status" "$ERR" "2 records rejected; to see them, run: gov-submit --db $(shq "$GOVKIT_DB") --status"
is "rejections: the others arrived" "$(server_records rej)" \
'{"type":"finding","id":"j-1","row":1}
{"type":"finding","id":"j-3","row":3}
{"type":"finding","id":"j-5","row":5}'
run gov-submit --status --endpoint rej
is "status with rejections: exit 1" "$RC" 1
like "status: outbox record" "$OUT" '"type":"outbox","endpoint":"rej","pending":0,"batches":0,"rejected":2,"delivered":3'
like "status: rejected record with message" "$OUT" '"type":"rejected","endpoint":"rej","id":[0-9]+,"status":422,"error":"bad row".*"record":\{"type":"finding","id":"j-4","row":4\}'
run gov-submit --status --endpoint rej --format text
like "status text: rejected line" "$OUT" 'rejected rej #[0-9]+ \(HTTP 422, [0-9T:Z-]+\): bad row'
n1=$(server_requests | wc -l)
run gov-submit --flush
is "flush after rejection: exit 0" "$RC" 0
is "flush after rejection: nothing resent" "$(server_requests | wc -l)" "$n1"
server_control '{"reject":[]}'
run gov-submit --requeue-rejected --endpoint rej
is "requeue: exit 0" "$RC" 0
is "requeue: submit record" "$OUT" \
   '{"type":"submit","endpoint":"rej","queued":2,"skipped":0,"sent":2,"rejected":0,"pending":0}'
is "requeue: all five now" "$(server_records rej | sort)" "$(sort j.jsonl)"
run gov-submit --status --endpoint rej
is "requeue: no rejected left" "$RC" 0

# A 4xx without a list rejects the batch; 401 keeps it queued (exit 2).
server_control '{"fail":1,"status":400}'
gen 2 f > f.jsonl
run gov-submit --endpoint four f.jsonl
is "400: exit 1" "$RC" 1
like "400: server message kept" "$ERR" 'four: record [0-9]+ rejected \(HTTP 400\): HTTP 400: injected failure'
# A server's message is kept to its first 200 bytes: an ID across the cut
# is left out whole, never cut to its region and birth year (1101011990),
# which no masking then finds (on standard error, in --status)
pad=$(printf 'x%.0s' $(seq 170))
server_control "{\"answer\":1,\"status\":400,\"body\":\"{\\\"error\\\":\\\"record refused: $pad id 11010119900101123X is not registered\\\"}\"}"
gen 1 c > c.jsonl
run gov-submit --endpoint cut c.jsonl
is "a message cut before an ID: exit 1" "$RC" 1
like "a message cut before an ID: the ID left out" "$ERR" "rejected \(HTTP 400\): HTTP 400: record refused: $pad id\$"
run gov-submit --status --endpoint cut --format text
like "a message cut before an ID: --status the same" "$OUT" "HTTP 400: record refused: $pad id\$"
unlike "no digit of the ID" "$ERR$OUT" '110101'
server_control "{\"answer\":1,\"status\":400,\"body\":\"{\\\"error\\\":\\\"record refused: $pad call 0471-6543210 or 13812345678\\\"}\"}"
run gov-submit --endpoint cut2 c.jsonl
like "a landline across the cut: left out with its area code" "$ERR" "record refused: $pad call\$"
# Numbers past a long in the answer's count and indexes (1e400, 1e19,
# -1e19) are no count and no index, never converted (that was undefined,
# F10): the 422's count cannot add up, so the records it does not list
# are rejected with what its entries naming no record say, the one it
# lists with its message.
server_control '{"answer":1,"status":422,"body":"{\"accepted\":1e400,\"rejected\":[{\"index\":1e19,\"error\":\"far\"},{\"index\":-1e19,\"error\":\"below\"},{\"index\":1,\"error\":\"bad row\"}]}"}'
gen 3 h > h.jsonl
run gov-submit --endpoint huge h.jsonl
is "answer past 64 bits: exit 1" "$RC" 1
is "answer past 64 bits: submit record" "$OUT" \
   '{"type":"submit","endpoint":"huge","queued":3,"skipped":0,"sent":0,"rejected":3,"pending":0}'
run gov-submit --status --endpoint huge
is "answer past 64 bits: each record's message" "$(printf '%s\n' "$OUT" | grep -o '"error":"[^"]*"')" \
'"error":"HTTP 422: far; below"
"error":"bad row"
"error":"HTTP 422: far; below"'
# The API's message reaches the terminal without its control characters
# (an escape sequence would act on it): ESC and the newline are spaces
server_control '{"answer":1,"status":422,"body":"{\"accepted\":0,\"rejected\":[{\"index\":0,\"error\":\"bad\\u001b[2J\\nrow\"}]}"}'
gen 1 e > e.jsonl
run gov-submit --endpoint esc e.jsonl
is "control characters: exit 1" "$RC" 1
like "control characters: the message as spaces" "$ERR" '^gov-submit: esc: record [0-9]+ rejected \(HTTP 422\): bad \[2J row$'
run gov-submit --status --endpoint esc --format text
like "control characters: --status text the same" "$OUT" '\): bad \[2J row$'
server_control '{"token":"another"}'
run gov-submit --endpoint auth f.jsonl
is "401: exit 2" "$RC" 2
like "401: says why" "$ERR" 'POST /v1/auth: HTTP 401: missing or bad bearer token'
run gov-submit --status --endpoint auth
like "401: records kept queued, not rejected" "$OUT" '"pending":2,"batches":1,"rejected":0'
server_control "{\"token\":\"$SERVER_TOKEN\"}"
run gov-submit --flush
is "401 fixed: flush exit 0" "$RC" 0
is "401 fixed: delivered" "$(server_records auth | sort)" "$(sort f.jsonl)"

# On a terminal: a progress line on stderr, text on stdout.
gen 2000 p > p.jsonl
script -qec "gov-submit --endpoint tty --batch 200 p.jsonl" /dev/null > tty.out 2>&1
like "terminal: progress line" "$(cat tty.out)" 'gov-submit: 2000 of 2000 records delivered'
like "terminal: text result" "$(cat tty.out)" 'tty: 2000 queued, 2000 sent, 0 rejected, 0 pending'
is "terminal: delivered once" "$(server_records tty | sort -u | wc -l) $(server_records tty | wc -l)" "2000 2000"

# The standard proxy variables: the server is its own forward proxy here.
gen 2 x > x.jsonl
http_proxy=http://127.0.0.1:$SERVER_PORT GOVKIT_API=http://127.0.0.2:9 \
	gov-submit --endpoint proxied x.jsonl > px.out 2>&1
is "http_proxy: delivered" "$(server_records proxied | sort)" "$(sort x.jsonl)"
like "http_proxy: went through the proxy" "$(server_requests | grep '/v1/proxied')" '"proxied":true'
# A proxy on another machine for a plain-http API on this one: the token
# would cross the network in clear, and the proxy would ask its own
# loopback; it is passed by (a name is never this machine).
gen 2 y > y.jsonl
run env http_proxy=http://proxy.invalid:3128 gov-submit --endpoint farproxy y.jsonl
is "http_proxy elsewhere, loopback http API: delivered, exit 0" "$RC" 0
is "... directly" "$(server_requests | grep -c '/v1/farproxy.*"proxied":false')" 1
run env -u http_proxy all_proxy=proxy.invalid:3128 gov-submit --endpoint farproxy2 y.jsonl
is "all_proxy elsewhere, no scheme: delivered directly" \
	"$RC:$(server_requests | grep -c '/v1/farproxy2.*"proxied":false')" "0:1"

# -o FILE: the records written atomically; a run that cannot run leaves none.
run gov-submit --status --endpoint rej -o status.jsonl
is "-o: nothing on stdout" "$OUT" ""
like "-o: the status records in the file" "$(cat status.jsonl)" '^\{"type":"outbox","endpoint":"rej"'
run gov-submit --endpoint bad -o none.jsonl bad.jsonl
is "-o: failed run exit 2" "$RC" 2
ok "-o: failed run leaves no file" [ ! -e none.jsonl ]

# Without a central API: queued, exit 3.
( unset GOVKIT_API
  gen 4 q > q.jsonl
  run gov-submit --endpoint later q.jsonl
  is "no API: exit 3" "$RC" 3
  like "no API: says so" "$ERR" 'no central API configured .*; 4 records kept queued'
  is "no API: submit record" "$OUT" \
     '{"type":"submit","endpoint":"later","queued":4,"skipped":0,"sent":0,"rejected":0,"pending":4}'
  echo "$T_N $T_FAILED" > counts )
read T_N T_FAILED < counts
run gov-submit --flush --endpoint later
is "API back: flush exit 0" "$RC" 0
is "API back: delivered" "$(server_records later | sort)" "$(gen 4 q | sort)"

done_testing
