#!/bin/sh
# gov-submit: an answer that names a record twice in "rejected" (each
# problem of it, as a validating server lists them) keeps every message
# of it, joined by "; ".  Before, the first was kept and the others
# dropped without a word: the officer fixed one problem, submitted
# again, and was refused again for the next.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

server_control '{"answer":1,"status":200,"body":"{\"accepted\":2,\"rejected\":[{\"index\":1,\"error\":\"row: must be a string\"},{\"index\":1,\"error\":\"unit: missing\"}]}"}'
run gov-submit --endpoint findings g.jsonl
is "two errors for one record: exit 1" "$RC" 1
like "two errors for one record: both told" "$ERR" \
	'record 2 rejected \(HTTP 200\): row: must be a string; unit: missing'
is "two errors for one record: both stored" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT error FROM outbox_rejected')" \
	'row: must be a string; unit: missing'
is "two errors for one record: one record rejected" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM outbox_rejected')" 1

# A record named 20000 times: its messages are joined up to 4 KiB, then
# "; ..." once.  Before, every message was joined, each join copying all
# before it (minutes for 200000, and a text of megabytes stored and
# shown for one record).
py -c 'import json
b = json.dumps({"accepted": 0, "rejected": [{"index": i % 3, "error": "e%d" % i} for i in range(20000)]})
print(json.dumps({"answer": 1, "status": 422, "body": b}))' >control.json
/usr/bin/curl -sS --max-time 20 -o /dev/null -X POST \
	-H 'Content-Type: application/json' --data-binary @control.json \
	"$SERVER_SCHEME://127.0.0.1:$SERVER_PORT/_control"
run gov-submit --endpoint many g.jsonl
is "20000 errors for 3 records: exit 1" "$RC" 1
is "20000 errors for 3 records: three rejected" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'many'")" 3
want=$(py -c 'm = "e0"
for i in range(3, 20000, 3):
    if len(m) + 2 + len("e%d" % i) > 4096:
        m += "; ..."
        break
    m += "; e%d" % i
print(m)')
is "20000 errors for 3 records: the first record's messages, to 4 KiB, then '; ...'" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT error FROM outbox_rejected WHERE endpoint = 'many' ORDER BY id LIMIT 1")" "$want"
is "20000 errors for 3 records: none longer" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT max(length(error)) <= 4096 + 5 FROM outbox_rejected WHERE endpoint = 'many'")" 1

done_testing
