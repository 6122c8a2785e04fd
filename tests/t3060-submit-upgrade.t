#!/bin/sh
# A database made by the first builds of the outbox (records marked with a
# batch_id, no outbox_cursor) is brought forward in place: queued records,
# formed batches and their Idempotency-Keys and the record numbering kept.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
server_start

# old_outbox DB AUTOINCREMENT|"": the early schema with records in it:
# endpoint "old": 1..10 in a formed batch (key k-old-1), 11..25 waiting;
# endpoint "two": 26..30 waiting; numbers up to 40 were used before.
old_outbox() {
	gov-submit --db "$1" --status >/dev/null
	sqlite3 "$1" <<SQL
DROP TABLE outbox_cursor; DROP TABLE outbox_record; DROP TABLE outbox_batch;
CREATE TABLE outbox_batch (id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL,
 idem_key TEXT NOT NULL UNIQUE, records INTEGER NOT NULL, bytes INTEGER NOT NULL,
 created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_status INTEGER,
 last_error TEXT, last_try_at TEXT, owner_host TEXT, owner_pid INTEGER, lease_until INTEGER);
CREATE TABLE outbox_record (id INTEGER PRIMARY KEY $2, endpoint TEXT NOT NULL,
 body TEXT NOT NULL, queued_at TEXT NOT NULL, batch_id INTEGER REFERENCES outbox_batch(id));
CREATE INDEX outbox_record_batch ON outbox_record(batch_id, id);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO outbox_record (id, endpoint, body, queued_at)
 SELECT i, CASE WHEN i <= 25 THEN 'old' ELSE 'two' END,
  '{"type":"finding","id":"u-' || i || '"}', '2025-10-01T00:00:00Z' FROM n;
DELETE FROM outbox_record WHERE id > 30;
INSERT INTO outbox_batch (id, endpoint, idem_key, records, bytes, created_at, attempts, last_error)
 VALUES (1, 'old', 'k-old-1', 10, 0, '2025-10-01T00:00:00Z', 3, 'HTTP 503');
UPDATE outbox_record SET batch_id = 1 WHERE id <= 10;
SQL
}

for kind in AUTOINCREMENT plain; do
	db=$SCRATCH/$kind.db
	if [ "$kind" = plain ]; then old_outbox "$db" ""; else old_outbox "$db" AUTOINCREMENT; fi
	run gov-submit --db "$db" --status --format text
	is "$kind: old outbox readable (exit 3: queued)" "$RC" 3
	like "$kind: old outbox status" "$OUT" '^old: 25 pending \(1 batch formed\), 0 rejected, 0 delivered'
	run gov-submit --db "$db" --flush --batch 10
	is "$kind: flush of the old outbox: exit 0" "$RC" 0
	is "$kind: flush: submit record" "$OUT" \
	   '{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":30,"rejected":0,"pending":0}'
	is "$kind: the formed batch went with its key" \
	   "$(server_requests | grep -c '"key":"k-old-1","user_agent":"govkit/0.1.0","content_type":"application/json","auth":"ok","records":10')" 1
	is "$kind: all records once" \
	   "$(server_records old | sort -u | wc -l) $(server_records old | wc -l) $(server_records two | wc -l)" "25 25 5"
	is "$kind: no batch_id column left" \
	   "$(sqlite3 "$db" "SELECT count(*) FROM pragma_table_info('outbox_record') WHERE name = 'batch_id'")" 0
	# Without AUTOINCREMENT the early schema did not remember numbers of
	# deleted records; the highest one still there is what can be kept.
	if [ "$kind" = plain ]; then least=30; else least=40; fi
	ok "$kind: numbers not reused (next > $least)" \
	   [ "$(sqlite3 "$db" "SELECT seq FROM sqlite_sequence WHERE name = 'outbox_record'")" -ge $least ]
	server_control '{"reset":true}'
done

done_testing
