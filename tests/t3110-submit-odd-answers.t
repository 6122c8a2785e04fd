#!/bin/sh
# gov-submit and answers that are not the API's: a 2xx whose body is not
# {"accepted":N,"rejected":[...]} (a proxy's page, a body cut short, {},
# a count that is a fraction) settles nothing, the batch stays queued
# and goes again under its key (an answer of that shape with an index
# naming no record settles it: t3170); a status past 599 keeps the
# batch too (exit 3); a redirect is a configuration error (exit 2, kept);
# a server that echoes
# the token has it blotted out of every message and of the database, and
# a message that merely ends in the token's first letters is kept whole.
# Each was found by an audit: the records were lost, rejected for good,
# or the token printed.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
stored() { server_records "$1" | wc -l | tr -d ' '; }
pending() {
	gov-submit --status --format ndjson | grep '"endpoint":"moved"' |
		grep -o '"pending":[0-9]*' | cut -d: -f2
}

n=0
for body in '{\"accepted\":3,\"rej' 'garbage<html>' '{}' '' \
	'{\"accepted\":3,\"rejected\":{}}' \
	'{\"accepted\":2.5,\"rejected\":[{\"index\":1,\"error\":\"x\"}]}'; do
	n=$((n + 1))
	server_control "{\"answer\":1,\"status\":200,\"body\":\"$body\"}"
	run gov-submit --endpoint odd$n g.jsonl
	is "2xx, body <$body>: exit 3, kept" "$RC" 3
	# the batch named: its records and its key, as the server saw it
	key=$(sqlite3 "$GOVKIT_DB" "SELECT idem_key FROM outbox_batch WHERE endpoint = 'odd$n'")
	range=$(sqlite3 "$GOVKIT_DB" "SELECT min(id) || '-' || max(id) FROM outbox_record WHERE endpoint = 'odd$n'")
	like "2xx, body <$body>: says why, naming the batch" "$ERR" \
		'^gov-submit: POST /v1/odd'$n': HTTP 200.*not the answer \{"accepted":N,"rejected":\[\.\.\.\]\} for the batch of records '$range' \(Idempotency-Key '$key'\); kept to send again \(1 attempt\)$'
	is "2xx, body <$body>: the key is the one sent" \
		"$(server_requests | grep -c "\"key\": *\"$key\"")" 1
	is "2xx, body <$body>: nothing stored yet" "$(stored odd$n)" 0
	run gov-submit --flush
	is "2xx, body <$body>: --flush delivers" "$RC" 0
	is "2xx, body <$body>: each record once" "$(stored odd$n)" 3
	is "2xx, body <$body>: none rejected" \
		"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'odd$n'")" 0
done

# Such an answer twice in a row for the same batch: no moment's trouble
# but an endpoint that is not the API (a proxy's page); a cron job that
# exits 3 for ever tells nobody.  The second is a configuration error
# (exit 2), the records still kept.
server_control '{"answer":2,"status":200,"body":"<html>portal</html>"}'
run gov-submit --endpoint portal g.jsonl
is "not the API once: exit 3" "$RC" 3
run gov-submit --flush
is "not the API again: exit 2" "$RC" 2
like "... asks about GOVKIT_API" "$ERR" \
	"^gov-submit: POST /v1/portal: HTTP 200.*kept to send again; the try before had such an answer too: is GOVKIT_API the central API\\?"
like "... and says the records are kept" "$ERR" "3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "... nothing stored, none rejected" "$(stored portal):$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'portal'")" "0:0"
run gov-submit --flush
is "put right: delivered once" "$RC:$(stored portal)" "0:3"

# A status past 599 is no HTTP class: it rejected every record of the
# batch for good (exit 1), as a 4xx about the records does.
for st in 600 999; do
	server_control "{\"answer\":1,\"status\":$st,\"body\":\"{}\"}"
	run gov-submit --endpoint st$st g.jsonl
	is "HTTP $st: exit 3, kept" "$RC" 3
	is "HTTP $st: says so" "$ERR" "gov-submit: POST /v1/st$st: HTTP $st (1 attempt)
gov-submit: 3 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
	is "HTTP $st: none rejected" \
		"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'st$st'")" 0
	run gov-submit --flush
	is "HTTP $st, then --flush: delivered once" "$RC:$(stored st$st)" "0:3"
done

server_control '{"answer":1,"status":301,"body":"moved"}'
run gov-submit --endpoint moved g.jsonl
is "301: exit 2" "$RC" 2
is "301: said, and that the records are kept" "$ERR" "gov-submit: POST /v1/moved: HTTP 301: moved; the central API's address redirects elsewhere: check GOVKIT_API (or 'api' in the config file)
gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
is "301: kept queued, none rejected" "$(pending)" 3
run gov-submit --flush
is "301, then --flush: delivered" "$RC:$(stored moved)" "0:3"

# The token echoed back: blotted out of messages, --status and the
# rejected records.
TOKEN=$SERVER_TOKEN
server_control "{\"answer\":1,\"status\":503,\"body\":\"upstream rejected Bearer $TOKEN\"}"
run gov-submit --endpoint echo g.jsonl
is "503 echoing the token: exit 3" "$RC" 3
unlike "503 echoing the token: not in the message" "$ERR" "$TOKEN"
like "503 echoing the token: blotted out" "$ERR" 'upstream rejected Bearer \*\*\*\*'
run gov-submit --status --format ndjson
unlike "--status: the token not shown" "$OUT" "$TOKEN"
ok "the database: the token not stored" \
	sh -c "! sqlite3 '$GOVKIT_DB' .dump | grep -qF -- '$TOKEN'"
server_control "{\"answer\":1,\"status\":422,\"body\":\"{\\\"accepted\\\":2,\\\"rejected\\\":[{\\\"index\\\":0,\\\"error\\\":\\\"bad token $TOKEN\\\"}]}\"}"
run gov-submit --flush
is "422 echoing the token in a rejection: exit 1" "$RC" 1
unlike "422: not in the message" "$ERR" "$TOKEN"
run gov-submit --status --format text
unlike "422: --status does not show it" "$OUT" "$TOKEN"
ok "422: the database does not hold it" \
	sh -c "! sqlite3 '$GOVKIT_DB' .dump | grep -qF -- '$TOKEN'"

# A message is not a token because it ends in the token's first letters:
# "unknown unit" with a token that starts with 't' was kept, shown and
# stored as "unknown uni*" (the tail of a text that was not cut short
# taken for the start of a token).  Only a text cut short there is.
head3=$(printf '%s' "$TOKEN" | cut -c1-3)
server_control '{"path":"/v1/"}'
printf '{"type":"finding","row":5,"_reject":"unknown unit %s"}\n' "$head3" >u.jsonl
run gov-submit --endpoint unit u.jsonl
is "rejection ending in the token's first letters: exit 1" "$RC" 1
like "rejection ending in the token's first letters: message whole" "$ERR" \
	"^gov-submit: unit: record [0-9]+ rejected \\(HTTP 422\\): unknown unit $head3\$"
run gov-submit --status --format ndjson --endpoint unit
like "rejection ending in the token's first letters: stored whole" "$OUT" \
	"\"error\":\"unknown unit $head3\""
server_control "{\"answer\":1,\"status\":503,\"body\":\"{\\\"error\\\":\\\"down until $head3\\\"}\"}"
run gov-submit --endpoint down g.jsonl
is "503 ending in the token's first letters: exit 3" "$RC" 3
like "503 ending in the token's first letters: message whole" "$ERR" \
	"^gov-submit: POST /v1/down: HTTP 503: down until $head3 \("
run gov-submit --flush
# A long text cut short inside the token: what is left of it blotted out.
pad=$(printf '%0190d' 0 | tr 0 x)
server_control "{\"answer\":1,\"status\":503,\"body\":\"$pad Bearer $TOKEN\"}"
run gov-submit --endpoint cut g.jsonl
is "503 cut short in the token: exit 3" "$RC" 3
like "503 cut short in the token: its start blotted out" "$ERR" "$pad Bearer \*+ \("
unlike "503 cut short in the token: its start not shown" "$ERR" "Bearer $head3"

done_testing
