#!/bin/sh
# gov-submit: a 4xx answer whose entries of "rejected" name no record of
# the batch (an index out of range: a server counting from 1, say) and
# whose counts do not add up rejects every record it does not name, as
# before, now with what those entries say: "HTTP 422: " and their
# messages joined by "; ", kept to 200 bytes and cut before a number that
# runs across the cut, as a message about the whole batch is; each byte
# that is not UTF-8 a '?', the token blotted out; masked on standard
# error and in --status.  Before, every record was rejected with just
# "HTTP 422" and the server's words were dropped, so --status and
# --requeue-rejected users could not learn why.  A message of the answer
# about the batch ("error") still comes first; entries without one still
# give the status alone.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

errors() { q "SELECT error FROM outbox_rejected WHERE endpoint = '$1' ORDER BY id"; }
thrice() { printf '%s\n%s\n%s' "$1" "$1" "$1"; }

# Indexes counted from 1: the third names no record; the others are
# records 1 and 2, which the counts say are not all there is.
server_answer 422 '{"accepted":0,"rejected":[{"index":3,"error":"unit: unknown code 150502199001011234, call 13812345678"}]}'
run gov-submit --endpoint one g.jsonl
is "422 naming no record: exit 1" "$RC" 1
is "... every record rejected" "$OUT" \
	'{"type":"submit","endpoint":"one","queued":3,"skipped":0,"sent":0,"rejected":3,"pending":0}'
is "... each with the server's message, stored" "$(errors one)" \
	"$(thrice 'HTTP 422: unit: unknown code 150502199001011234, call 13812345678')"
like "... told on stderr, masked" "$ERR" \
	'^gov-submit: one: record 1 rejected \(HTTP 422\): HTTP 422: unit: unknown code 150502\*{8}1234, call 138\*{4}5678$'
run gov-submit --status --format ndjson --endpoint one
like "--status: the message, masked" "$OUT" \
	'^\{"type":"rejected","endpoint":"one","id":3,"status":422,"error":"HTTP 422: unit: unknown code 150502\*{8}1234, call 138\*{4}5678",'
run gov-submit --status --format text --no-mask --endpoint one
like "--status --no-mask: the message whole" "$OUT" \
	'^rejected one #3 \(HTTP 422, [0-9T:Z-]+\): HTTP 422: unit: unknown code 150502199001011234, call 13812345678$'

# Several entries naming no record: their messages joined; an entry in
# range keeps its own message.
server_answer 400 '{"accepted":0,"rejected":[{"index":1,"error":"row: not a string"},{"index":3,"error":"a"},{"index":-1,"error":"b"},{"index":9},{"index":0.5,"error":"c"}]}'
run gov-submit --endpoint two g.jsonl
is "several: exit 1" "$RC" 1
is "several: joined, the named record its own" "$(errors two)" \
	"HTTP 400: a; b; c
row: not a string
HTTP 400: a; b; c"

# Long: kept to 200 bytes, the ID across the cut left out whole (no
# region and birth year left that masking cannot find).
pad=$(printf 'x%.0s' $(seq 185))
server_answer 422 "{\"accepted\":0,\"rejected\":[{\"index\":5,\"error\":\"$pad id 11010119900101123X refused\"}]}"
run gov-submit --endpoint long g.jsonl
is "long: exit 1" "$RC" 1
is "long: cut before the ID" "$(errors long)" "$(thrice "HTTP 422: $pad id")"
unlike "long: no digit of the ID shown or kept" "$ERR$(errors long)" '110101'

# Not UTF-8, and the token echoed: '?', blotted out.
# (\udcff is the byte 0xFF in the answer: tests/server/central.py)
server_control '{"answer":1,"status":422,"body":"{\"accepted\":0,\"rejected\":[{\"index\":4,\"error\":\"bad \udcff value\"},{\"index\":5,\"error\":\"token '"$SERVER_TOKEN"'\"}]}"}'
run gov-submit --endpoint odd g.jsonl
is "odd bytes and the token: exit 1" "$RC" 1
is "... '?' and the token blotted out" "$(errors odd | head -1)" \
	"HTTP 422: bad ? value; token $(printf '%s' "$SERVER_TOKEN" | sed 's/./*/g')"
ok "... the token nowhere in the database" \
	sh -c "! sqlite3 '$GOVKIT_DB' .dump | grep -qF -- '$SERVER_TOKEN'"
unlike "... nor on stderr" "$ERR" "$SERVER_TOKEN"

# The answer's own message about the batch comes first, as before; an
# entry without a message leaves the status alone, as before.
server_answer 422 '{"error":"schema mismatch","accepted":0,"rejected":[{"index":3,"error":"unit: unknown"}]}'
run gov-submit --endpoint top g.jsonl
is "a message about the batch: kept as before" "$(errors top)" "$(thrice 'HTTP 422: schema mismatch')"
server_answer 422 '{"accepted":0,"rejected":[{"index":3}]}'
run gov-submit --endpoint bare g.jsonl
is "no message anywhere: the status, as before" "$(errors bare)" "$(thrice 'HTTP 422')"

# --requeue-rejected sends them again; the server now takes them.
run gov-submit --requeue-rejected --endpoint one
is "requeued: exit 0" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"one","queued":3,"skipped":0,"sent":3,"rejected":0,"pending":0}'

done_testing
