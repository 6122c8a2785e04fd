#!/bin/sh
# gov-submit --drop-rejected: records the central API rejected, once the
# officer has settled them otherwise, leave the outbox for good, so that
# --status stops exiting 1 and listing them in every status mail.  Each
# record dropped is printed first, as --status shows a rejected record
# (masked unless --no-mask; with --no-mask the record's text as queued),
# selected by --endpoint, --before and --id; --dry-run drops nothing; an
# output that fails (a full disk, a closed pipe) drops nothing, exit 2.
# Before, --requeue-rejected was the only way out, and got them rejected
# again.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start

# Rejected for real: the unit 'x' is unknown to the central API.
server_control '{"reject":[{"field":"unit","value":"x","error":"unknown unit"}]}'
printf '%s\n' \
	'{"type":"finding","row":2,"unit":"x","id":"150502199001011234","score":1.50}' \
	'{"type":"finding","row":3,"unit":"ok"}' \
	'{"type":"finding","row":4,"unit":"x","tel":"13812345678"}' >f.jsonl
printf '%s\n' '{"type":"verdict","license_no":"L1","unit":"x"}' >v.jsonl
run gov-submit f.jsonl v.jsonl
is "rejected for real: exit 1" "$RC:$OUT" \
	'1:{"type":"submit","endpoint":null,"queued":4,"skipped":0,"sent":1,"rejected":3,"pending":0}'
# fixed times, for exact records
q "UPDATE outbox_rejected SET queued_at = '2025-10-01T01:00:00Z',
   rejected_at = CASE endpoint WHEN 'findings' THEN '2025-10-01T01:00:05Z'
   ELSE '2025-10-14T20:00:05Z' END"
is "the ids --status shows" "$(q 'SELECT endpoint, id FROM outbox_rejected ORDER BY id' | tr '\n' ' ')" \
	'findings|1 findings|3 verdicts|4 '

r1='{"type":"rejected","endpoint":"findings","id":1,"status":422,"error":"unknown unit","queued_at":"2025-10-01T01:00:00Z","rejected_at":"2025-10-01T01:00:05Z","record":'
r3='{"type":"rejected","endpoint":"findings","id":3,"status":422,"error":"unknown unit","queued_at":"2025-10-01T01:00:00Z","rejected_at":"2025-10-01T01:00:05Z","record":'
r4='{"type":"rejected","endpoint":"verdicts","id":4,"status":422,"error":"unknown unit","queued_at":"2025-10-01T01:00:00Z","rejected_at":"2025-10-14T20:00:05Z","record":{"type":"verdict","license_no":"L1","unit":"x"}}'
masked1="$r1"'{"type":"finding","row":2,"unit":"x","id":"150502********1234","score":1.5}}'
masked3="$r3"'{"type":"finding","row":4,"unit":"x","tel":"138****5678"}}'

# Usage errors.
run gov-submit --drop-rejected f.jsonl
is "with an input file: exit 2" "$RC" 2
like "... saying so" "$ERR" 'read no input files'
for o in --flush --status --requeue-rejected; do
	run gov-submit --drop-rejected $o
	is "with $o: exit 2" "$RC" 2
done
run gov-submit --before 2025-10-01
is "--before alone: exit 2" "$RC" 2
run gov-submit --drop-rejected --before 2025-13-01
is "--before, not a date: exit 2" "$RC" 2
run gov-submit --drop-rejected --id x
is "--id, not a number: exit 2" "$RC" 2
is "usage errors dropped nothing" "$(q 'SELECT count(*) FROM outbox_rejected')" 3

# --dry-run: what would go, masked; nothing dropped.
run gov-submit --drop-rejected --dry-run --endpoint findings
is "dry run: exit 0" "$RC" 0
is "dry run: the records, masked, as --status shows them" "$OUT" "$masked1
$masked3"
run gov-submit --status --format ndjson --endpoint findings
like "dry run: still in --status" "$RC:$OUT" '^1:'
is "dry run: nothing dropped" "$(q 'SELECT count(*) FROM outbox_rejected')" 3

# A failed output drops nothing: a full disk, a closed pipe, a bad -o.
gov-submit --drop-rejected --endpoint findings >/dev/full 2>err
is "stdout a full disk: exit 2" "$?" 2
like "... told" "$(cat err)" '^gov-submit: write error on standard output'
like "... nothing dropped" "$(cat err)" '^gov-submit: nothing dropped$'
is "... all still there" "$(q 'SELECT count(*) FROM outbox_rejected')" 3
py -c 'import os, subprocess, sys
r, w = os.pipe(); os.close(r)
sys.exit(subprocess.call(sys.argv[1:], stdout=w))' gov-submit --drop-rejected 2>err
is "stdout a pipe nobody reads: exit 2" "$?" 2
like "... told" "$(cat err)" 'standard output was closed'
is "... all still there" "$(q 'SELECT count(*) FROM outbox_rejected')" 3
run gov-submit --drop-rejected -o no/such/dir/x.jsonl
is "-o in no folder: exit 2" "$RC" 2
is "... all still there" "$(q 'SELECT count(*) FROM outbox_rejected')" 3

# --before: by the date of the rejection (this machine's day, TZ).
run gov-submit --drop-rejected --dry-run --before 2025-10-01
is "--before the first rejection: nothing" "$RC:$OUT" '0:'
run gov-submit --drop-rejected --dry-run --before 2025-10-14
is "--before the second day: the findings" "$RC:$OUT" "0:$masked1
$masked3"
run gov-submit --drop-rejected --dry-run --before 2025-10-15
is "--before the next day: all three" "$RC:$OUT" "0:$masked1
$masked3
$r4"
TZ=Asia/Shanghai run gov-submit --drop-rejected --dry-run --before 2025-10-15
is "... in Shanghai not the verdict (rejected 04:00:05 on the 15th there)" "$RC:$OUT" "0:$masked1
$masked3"

# --id: the records --status numbers.
run gov-submit --drop-rejected --dry-run --id 3 --id 4 --id 2
is "--id 3 --id 4 (2 is no rejected record)" "$RC:$OUT" "0:$masked3
$r4"

# Dropped for real, by endpoint, whole with --no-mask, to a file.
run gov-submit --drop-rejected --endpoint findings --no-mask -o dropped.jsonl
is "dropped: exit 0, nothing on stdout or stderr" "$RC:$OUT:$ERR" '0::'
is "... each record as queued, byte for byte" "$(cat dropped.jsonl)" \
	"$r1"'{"type":"finding","row":2,"unit":"x","id":"150502199001011234","score":1.50}}
'"$r3"'{"type":"finding","row":4,"unit":"x","tel":"13812345678"}}'
run gov-submit --status --format ndjson
is "--status after: the verdict alone, exit 1" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"rejected"')" '1:1'
like "... and findings counts none" "$OUT" '"endpoint":"findings","pending":0,"batches":0,"rejected":0,"delivered":1'
run gov-submit --drop-rejected --endpoint findings
is "again: nothing to drop, exit 0" "$RC:$OUT" '0:'

# What --no-mask printed goes back to gov-submit once the unit is known.
server_control '{"reject":[]}'
jq -c .record dropped.jsonl >again.jsonl
run gov-submit --endpoint findings again.jsonl
is "sent again: delivered" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"findings","queued":2,"skipped":0,"sent":2,"rejected":0,"pending":0}'
like "... the server has the ID whole" "$(server_records findings)" '"id": ?"150502199001011234"'

# The last one, masked on standard output (the text form on demand).
run gov-submit --drop-rejected --format text
like "text form" "$RC:$OUT" '^0:rejected verdicts #4 \(HTTP 422, 2025-10-14T20:00:05Z\): unknown unit'
is "... and a warning that the masked copy is all that is left" "$ERR" \
	'gov-submit: 1 rejected record dropped, printed masked: the outbox held the only whole copy (--no-mask prints them whole, to send again)'
run gov-submit --status --format ndjson
is "--status: the outbox clean, exit 0" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"rejected"')" '0:0'
is "nothing left rejected" "$(q 'SELECT count(*) FROM outbox_rejected')" 0


# The printed copy is on disk before the outbox's commit, which is (WAL,
# synchronous FULL): a power cut after the drop must not take the copy.
# Standard output redirected to a file (>> in a cron line) is synced; an
# -o file's folder is synced after the rename, the file itself before.
# Before, neither was: the drop was durable, the record's only copy not.
reject_two() {
	q "DELETE FROM outbox_rejected"
	server_control '{"reject":[{"field":"unit","value":"x","error":"unknown unit"}]}'
	printf '%s\n' '{"type":"finding","row":'"$1"',"unit":"x"}' >r.jsonl
	gov-submit r.jsonl >/dev/null 2>&1
}
first_sync() { # the first file or folder synced, as strace -y names it
	grep -E '^[0-9]+ +f(data)?sync\(' trace.txt | head -1 |
		sed -E 's/^[^<]*<([^>]*)>.*/\1/'
}
if command -v strace >/dev/null 2>&1; then
	mkdir -p kept
	reject_two 10
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y -o trace.txt \
		-e trace=fsync,fdatasync \
		gov-submit --drop-rejected --no-mask >>kept/cron.jsonl 2>err
	is "stdout a file: exit 0, dropped" "$?:$(q 'SELECT count(*) FROM outbox_rejected')" '0:0'
	is "... the file synced before the outbox's commit" "$(first_sync)" \
		"$PWD/kept/cron.jsonl"
	reject_two 11
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y -o trace.txt \
		-e trace=fsync,fdatasync,rename \
		gov-submit --drop-rejected --no-mask -o kept/o.jsonl 2>err
	is "-o: exit 0, dropped" "$?:$(q 'SELECT count(*) FROM outbox_rejected')" '0:0'
	is "... its folder synced after the rename, before the outbox's commit" \
		"$(sed -n '/rename(/,$p' trace.txt | grep -E 'f(data)?sync\(' | head -1 |
		sed -E 's/^[^<]*<([^>]*)>.*/\1/')" "$PWD/kept"
	like "... the record in it" "$(cat kept/o.jsonl)" '"record":\{"type":"finding","row":11,"unit":"x"\}\}$'
else
	fail "strace is installed (scripts/install-deps)"
fi


# The records are printed without the database's write lock: a reader
# that waits (a pager, a slow pipe) holds up no other writer, as the
# spool of a delivery's input holds none (a --flush from cron, gov-check
# --track).  Before, the drop printed inside BEGIN IMMEDIATE, and a
# dry run read in less made every other writer fail after 30 s.  2,000
# records of 150 bytes: more than a pipe holds, so gov-submit is still
# printing while the reader, after one line, tries the lock.
q "DELETE FROM outbox_rejected"
q "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
   INSERT INTO outbox_rejected (id, endpoint, body, queued_at, rejected_at, status, error)
   SELECT i, 'findings', '{\"type\":\"finding\",\"row\":' || i || ',\"pad\":\"' ||
   hex(zeroblob(50)) || '\"}', '2025-10-01T01:00:00Z', '2025-10-01T01:00:05Z', 422,
   'unknown unit' FROM n"
told_slowly() { # gov-submit --drop-rejected ARGS to a reader that waits
	{ gov-submit --drop-rejected "$@" 2>err; echo $? >rc; } | {
		IFS= read -r first
		sqlite3 "$GOVKIT_DB" "BEGIN IMMEDIATE; $meanwhile ROLLBACK;" >lock 2>&1
		echo "lock $?" >>lock
		{ printf '%s\n' "$first"; cat; } >told.jsonl
	}
}
meanwhile=
told_slowly --dry-run
is "dry run to a reader that waits: the write lock free meanwhile" "$(cat lock)" 'lock 0'
is "... all told, exit 0" "$(cat rc):$(grep -c '"type":"rejected"' told.jsonl)" '0:2000'
meanwhile='DELETE FROM outbox_rejected WHERE id = 1500; COMMIT; BEGIN;'
told_slowly
is "one of them dropped by another process meanwhile: exit 2" "$(cat rc)" 2
like "... told" "$(cat err)" '2000 rejected records told, 1999 still there'
is "... nothing else dropped" "$(q 'SELECT count(*) FROM outbox_rejected')" 1999
q "INSERT INTO outbox_rejected (id, endpoint, body, queued_at, rejected_at, status, error)
   VALUES (1500, 'findings', '{}', '2025-10-01T01:00:00Z', '2025-10-01T01:00:05Z', 422, 'x')"
meanwhile=
told_slowly
is "drop to a reader that waits: the write lock free meanwhile" "$(cat lock)" 'lock 0'
is "... all told and dropped, exit 0" \
	"$(cat rc):$(grep -c '"type":"rejected"' told.jsonl):$(q 'SELECT count(*) FROM outbox_rejected')" \
	'0:2000:0'

done_testing
