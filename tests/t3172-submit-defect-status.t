#!/bin/sh
# gov-submit --status shows the warning about the last batch of an
# endpoint that a 2xx answer was wrong about (an entry of "rejected"
# naming no record of the batch, counts that do not add up: t3170), with
# when it was sent: "last_defect" and "last_defect_at" of the outbox
# record, a "last defect" line in text.  Before, the warning went to
# standard error only, and an officer who reads --status (as the crontab
# of gov-submit(1) mails it) never learnt that the server had answered
# so.  The warning is kept in outbox_log (migration 10); a database of
# version 9 is migrated with its rows.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
iso='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'

server_control '{"answer":1,"status":200,"body":"{\"accepted\":3,\"rejected\":[{\"index\":7,\"error\":\"x\"}]}"}'
run gov-submit --endpoint findings g.jsonl
is "a 2xx naming no record: exit 1" "$RC" 1
warning=${ERR#gov-submit: }
key=$(q "SELECT idem_key FROM outbox_log WHERE endpoint = 'findings'")
is "... the warning" "$warning" \
	"POST /v1/findings: HTTP 200 for records 1-3 (Idempotency-Key $key): 1 entry of 'rejected' names no record of the batch of 3 (the first: index 7); a defect of the central API: the 2xx stands, the batch is settled and not sent again"
is "... kept with the batch's log row" \
	"$(q "SELECT defect FROM outbox_log WHERE endpoint = 'findings'")" "$warning"
sent=$(q "SELECT sent_at FROM outbox_log WHERE endpoint = 'findings'")

run gov-submit --status --format ndjson
is "--status: exit 0 (nothing queued, nothing rejected), as before" "$RC" 0
is "--status: the outbox record has the warning and when" "$OUT" \
	"{\"type\":\"outbox\",\"endpoint\":\"findings\",\"pending\":0,\"batches\":0,\"rejected\":0,\"delivered\":3,\"oldest\":null,\"last_error\":null,\"last_try_at\":null,\"last_sent_at\":\"$sent\",\"last_defect\":\"$warning\",\"last_defect_at\":\"$sent\"}"
run gov-submit --status --format text
is "--status text: a line for it" "$OUT" \
	"findings: 0 pending (0 batches formed), 0 rejected, 3 delivered; last sent $sent
    last defect ($sent): $warning"

# A later batch of the endpoint answered as it should clears it: the
# defect is shown while it is of the endpoint's last settled batch, not
# in every status for a year after (before, it was shown for ever); the
# log keeps it.  Another defect later: that one, until a 4xx right about
# its batch (records rejected, one by one) clears it too; a clean batch
# of another endpoint does not.  An endpoint without one: null, no line.
printf '{"type":"finding","row":%d}\n' 5 6 >h.jsonl
run gov-submit --endpoint findings h.jsonl
is "a clean batch after: exit 0" "$RC" 0
run gov-submit --status --format ndjson
is "... the defect no longer shown" "$OUT" \
	"{\"type\":\"outbox\",\"endpoint\":\"findings\",\"pending\":0,\"batches\":0,\"rejected\":0,\"delivered\":5,\"oldest\":null,\"last_error\":null,\"last_try_at\":null,\"last_sent_at\":\"$(q "SELECT max(sent_at) FROM outbox_log")\",\"last_defect\":null,\"last_defect_at\":null}"
run gov-submit --status --format text
is "... no line for it in text" "$OUT" \
	"findings: 0 pending (0 batches formed), 0 rejected, 5 delivered; last sent $(q "SELECT max(sent_at) FROM outbox_log")"
is "... the log still has it" \
	"$(q "SELECT id, records, defect IS NULL FROM outbox_log ORDER BY id")" "1|3|0
2|2|1"
server_control '{"answer":1,"status":201,"body":"{\"accepted\":1}"}'
printf '{"type":"finding","row":%d}\n' 7 8 >k.jsonl
run gov-submit --endpoint findings k.jsonl
is "a second defect: exit 1" "$RC" 1
run gov-submit --status --format ndjson
like "... the later one shown" "$OUT" \
	"\"last_defect\":\"POST /v1/findings: HTTP 201 for records 6-7 \\(Idempotency-Key [0-9a-f]{64}\\): 'accepted' 1 and 0 records rejected do not add up to the batch of 2; a defect of the central API: the 2xx stands, the batch is settled and not sent again\",\"last_defect_at\":\"$iso\"\\}\$"
printf '{"type":"finding","row":%d}\n' 9 >m.jsonl
run gov-submit --endpoint other m.jsonl
is "a clean batch of another endpoint: exit 0" "$RC" 0
run gov-submit --status --format ndjson --endpoint findings
like "... the defect of findings still shown" "$OUT" \
	"\"last_defect\":\"POST /v1/findings: HTTP 201 for records 6-7 .*\",\"last_defect_at\":\"$iso\"\\}\$"
printf '{"type":"finding","row":10,"_reject":"unknown unit"}\n' >r.jsonl
run gov-submit --endpoint findings r.jsonl
is "a 422 right about its batch: exit 1 (rejected)" "$RC" 1
run gov-submit --status --format ndjson --endpoint findings
like "... clears the defect" "$(printf '%s\n' "$OUT" | head -n 1)" \
	'^\{"type":"outbox","endpoint":"findings","pending":0,"batches":0,"rejected":1,"delivered":7,.*"last_defect":null,"last_defect_at":null\}$'
run gov-submit --endpoint clean h.jsonl
run gov-submit --status --format ndjson --endpoint clean
like "an endpoint without a defect: null" "$OUT" '"last_sent_at":"[^"]+","last_defect":null,"last_defect_at":null\}$'
run gov-submit --status --format text --endpoint clean
is "... and no line in text" "$OUT" \
	"$(printf 'clean: 0 pending (0 batches formed), 0 rejected, 2 delivered; last sent %s' \
		"$(q "SELECT sent_at FROM outbox_log WHERE endpoint = 'clean'")")"

# A database of schema version 9, made by the build before: migrated,
# every row kept; its batch settled then on a defective answer has no
# warning to show (none was kept), and a new one is kept.
sqlite3 v9.db <"$T_DIR/data/db/govkit-v9-outbox.sql"
chmod 600 v9.db
is "v9: version 9 before" "$(sqlite3 v9.db 'PRAGMA user_version')" 9
run gov-submit --db v9.db --status --format ndjson
is "v9: --status reads it (exit 3: records queued)" "$RC" 3
is "v9: no message" "$ERR" ""
is "v9: migrated to version 11 (10, then 11: t3191)" "$(sqlite3 v9.db 'PRAGMA user_version')" 11
is "v9: its status, every row kept" "$OUT" \
'{"type":"outbox","endpoint":"findings","pending":0,"batches":0,"rejected":0,"delivered":3,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-10-14T01:00:03Z","last_defect":null,"last_defect_at":null}
{"type":"outbox","endpoint":"odd","pending":0,"batches":0,"rejected":0,"delivered":3,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-10-14T01:00:04Z","last_defect":null,"last_defect_at":null}
{"type":"outbox","endpoint":"rej","pending":0,"batches":0,"rejected":1,"delivered":1,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-10-14T01:00:04Z","last_defect":null,"last_defect_at":null}
{"type":"outbox","endpoint":"wait","pending":2,"batches":1,"rejected":0,"delivered":0,"oldest":"2025-10-14T01:00:04Z","last_error":"HTTP 503: injected failure","last_try_at":"2025-10-14T01:00:04Z","last_sent_at":null,"last_defect":null,"last_defect_at":null}
{"type":"rejected","endpoint":"rej","id":4,"status":422,"error":"unknown unit","queued_at":"2025-10-14T01:00:03Z","rejected_at":"2025-10-14T01:00:04Z","record":{"type":"finding","row":5,"_reject":"unknown unit"}}'
is "v9: the log's rows, each as it was" \
	"$(sqlite3 v9.db 'SELECT id, endpoint, records, accepted, rejected, status, sent_at, defect IS NULL FROM outbox_log ORDER BY id')" \
	"1|findings|3|3|0|200|2025-10-14T01:00:03Z|1
2|rej|2|1|1|422|2025-10-14T01:00:04Z|1
3|odd|3|3|0|200|2025-10-14T01:00:04Z|1"
is "v9: sound" "$(sqlite3 v9.db 'PRAGMA integrity_check')" ok
server_control '{"answer":1,"status":200,"body":"{\"accepted\":1,\"rejected\":[{\"index\":2,\"error\":\"x\"}]}"}'
run gov-submit --db v9.db --flush --endpoint wait
is "v9: the queued batch answered with a defect: exit 1" "$RC" 1
is "v9: ... sent with its key" \
	"$(sqlite3 v9.db "SELECT idem_key FROM outbox_log WHERE endpoint = 'wait'")" \
	145575f95ab1567257b08b85e22de79035571b6975b95692552a299ca1b00ccd
run gov-submit --db v9.db --status --format text --endpoint wait
like "v9: ... and --status shows its warning" "$OUT" \
	"^    last defect \\($iso\\): POST /v1/wait: HTTP 200 for records 9-10 \\(Idempotency-Key 145575f95ab1567257b08b85e22de79035571b6975b95692552a299ca1b00ccd\\): 1 entry of 'rejected' names no record of the batch of 2 \\(the first: index 2\\); 'accepted' 1 and 0 records rejected do not add up to the batch of 2; a defect"

done_testing
