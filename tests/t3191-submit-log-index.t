#!/bin/sh
# outbox_log gains a row per delivered batch for ever (after a year of
# cron, tens of thousands), and --status read all of it for each endpoint
# (its endpoints, the records delivered, the last sent, the last defect):
# 0.09 s for 40,000 rows, growing with the age of the outbox.  Migration
# 11 indexes it (outbox_log_endpoint, outbox_log_last), and a database of
# version 10 gets the indexes on first use, every row kept, its status
# the same.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
q() { sqlite3 "$1" "$2"; }

# A database of version 10, as the build before left it: the version 9
# outbox of t3172 with migration 10's column; 3000 more delivered
# batches in its log, copies of its own rows (ids 4..3003), the last of
# them (of findings, sent before others of findings) with a defect.
sqlite3 v10.db <"$T_DIR/data/db/govkit-v9-outbox.sql"
sqlite3 v10.db <<'SQL'
BEGIN;
ALTER TABLE outbox_log ADD COLUMN defect TEXT;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO outbox_log (id, endpoint, idem_key, records, accepted, rejected,
 status, sent_at, defect)
 SELECT 3 + i, CASE i % 3 WHEN 0 THEN 'findings' WHEN 1 THEN 'odd' ELSE 'rej' END,
  printf('%064x', i), 2, 2, 0, 200,
  printf('2025-%02d-%02dT01:00:00Z', 10 + i / 1200, 1 + i % 28),
  CASE WHEN i = 3000 THEN 'a defect' END
 FROM n;
PRAGMA user_version = 10;
COMMIT;
SQL
chmod 600 v10.db
is "v10: version 10 before" "$(q v10.db 'PRAGMA user_version')" 10
is "v10: no index on the log before" \
	"$(q v10.db "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'outbox_log' AND type = 'index'")" 0
rows=$(q v10.db 'SELECT count(*), sum(accepted), max(id), max(sent_at) FROM outbox_log')
is "v10: its log" "$rows" "3003|6007|3003|2025-12-28T01:00:00Z"
dump=$(q v10.db 'SELECT * FROM outbox_log ORDER BY id' | cksum)

run gov-submit --db v10.db --status --format ndjson
is "v10: --status reads it (exit 3: records queued)" "$RC" 3
is "v10: no message" "$ERR" ""
is "v10: migrated to version 11" "$(q v10.db 'PRAGMA user_version')" 11
is "v10: the log's indexes" \
	"$(q v10.db "SELECT name || ': ' || sql FROM sqlite_master WHERE tbl_name = 'outbox_log' AND type = 'index' ORDER BY name")" \
	"outbox_log_endpoint: CREATE INDEX outbox_log_endpoint ON outbox_log(endpoint, sent_at, accepted)
outbox_log_last: CREATE INDEX outbox_log_last ON outbox_log(endpoint)"
is "v10: every row of the log kept, as it was" \
	"$(q v10.db 'SELECT count(*), sum(accepted), max(id), max(sent_at) FROM outbox_log')|$(q v10.db 'SELECT * FROM outbox_log ORDER BY id' | cksum)" \
	"$rows|$dump"
is "v10: its status (the copies counted; the defect of findings' last batch)" "$OUT" \
'{"type":"outbox","endpoint":"findings","pending":0,"batches":0,"rejected":0,"delivered":2003,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-12-28T01:00:00Z","last_defect":"a defect","last_defect_at":"2025-12-05T01:00:00Z"}
{"type":"outbox","endpoint":"odd","pending":0,"batches":0,"rejected":0,"delivered":2003,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-12-28T01:00:00Z","last_defect":null,"last_defect_at":null}
{"type":"outbox","endpoint":"rej","pending":0,"batches":0,"rejected":1,"delivered":2001,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"2025-12-28T01:00:00Z","last_defect":null,"last_defect_at":null}
{"type":"outbox","endpoint":"wait","pending":2,"batches":1,"rejected":0,"delivered":0,"oldest":"2025-10-14T01:00:04Z","last_error":"HTTP 503: injected failure","last_try_at":"2025-10-14T01:00:04Z","last_sent_at":null,"last_defect":null,"last_defect_at":null}
{"type":"rejected","endpoint":"rej","id":4,"status":422,"error":"unknown unit","queued_at":"2025-10-14T01:00:03Z","rejected_at":"2025-10-14T01:00:04Z","record":{"type":"finding","row":5,"_reject":"unknown unit"}}'
is "v10: sound" "$(q v10.db 'PRAGMA integrity_check')" ok

# The queued batch goes with its key; the log and its indexes take it.
run gov-submit --db v10.db --flush --endpoint wait
is "v10: the queued batch delivered: exit 0" "$RC" 0
is "v10: ... with its key, in the log" \
	"$(q v10.db "SELECT id, records, idem_key FROM outbox_log WHERE endpoint = 'wait'")" \
	"3004|2|145575f95ab1567257b08b85e22de79035571b6975b95692552a299ca1b00ccd"
run gov-submit --db v10.db --status --format ndjson --endpoint wait
like "v10: ... and in --status" "$OUT" \
	'^\{"type":"outbox","endpoint":"wait","pending":0,"batches":0,"rejected":0,"delivered":2,"oldest":null,"last_error":null,"last_try_at":null,"last_sent_at":"[0-9T:-]+Z","last_defect":null,"last_defect_at":null\}$'
is "v10: sound after" "$(q v10.db 'PRAGMA integrity_check')" ok

# A new database has them too.
printf '{"type":"finding","row":%d}\n' 2 3 >g.jsonl
run gov-submit --db new.db --endpoint findings g.jsonl
is "new: delivered" "$RC" 0
is "new: version 11, the log's indexes" \
	"$(q new.db "PRAGMA user_version; SELECT name FROM sqlite_master WHERE tbl_name = 'outbox_log' AND type = 'index' ORDER BY name")" \
	"11
outbox_log_endpoint
outbox_log_last"

done_testing
