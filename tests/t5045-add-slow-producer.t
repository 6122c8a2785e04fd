#!/bin/sh
# gov-report add and gov-catalog add (and demand add) read a pipe to its
# end before they take the database's write lock: a producer that takes
# its time (gov-records on a large workbook, a gov-check of a large
# delivery) does not hold every other writer of the database (the
# quarter-hourly gov-submit --flush of cron, gov-license sync) until it
# is done.  Before, they began their transaction first and read inside
# it, and the other writers failed 'database is locked' after 30 s.
# The producer writes more blank lines (skipped in JSON Lines) than a
# pipe holds, so by the time its write returns the tool has read most
# of them; it then tries the lock, then writes the records.
. "$(dirname "$0")/lib.sh"

PLAN=$(expected report-mini-plan.json)
Q3=$(expected report-mini-2025Q3.jsonl)
C=$T_TOP/samples/catalog

# producer FILE: blank lines past a pipe's capacity, the lock tried, FILE
producer() {
	awk 'BEGIN { for (i = 0; i < 262144; i++) print "" }'
	sqlite3 "$GOVKIT_DB" "BEGIN IMMEDIATE; ROLLBACK;" >lock 2>&1
	echo "lock $?" >>lock
	cat "$1"
}

run gov-report --today $T_TODAY plan load "$PLAN"
is "plan load: exit 0" "$RC" 0

producer "$Q3" | gov-report --today $T_TODAY add --format ndjson >out 2>err
is "report add from a slow pipe: exit 0" "$?" 0
is "... the write lock free while the producer ran" "$(cat lock)" "lock 0"
is "... the records added" "$(cat out)" \
	'{"type":"added","file":"(stdin)","records":6,"replaced":0}'
is "... nothing on standard error" "$(cat err)" ""
is "... stored once" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM report_progress')" 6

producer "$Q3" | gov-report --today $T_TODAY add --format ndjson - >out 2>err
is "report add - from a slow pipe: exit 0, the lock free" \
	"$?:$(cat lock)" "0:lock 0"
like "... replaced" "$(cat out)" '"records":6,"replaced":6'

producer "$C/entries.jsonl" | gov-catalog add >out 2>err
is "catalog add from a slow pipe: exit 0" "$?" 0
is "... the write lock free while the producer ran" "$(cat lock)" "lock 0"
is "... a change record per entry" "$(grep -c '"type":"change"' out)" 13
is "... nothing on standard error" "$(cat err)" ""
is "... stored" \
	"$(gov-catalog list --format ndjson | grep -c '"type":"entry"')" 13

producer "$C/demands.jsonl" | gov-catalog demand add >out 2>err
is "demand add from a slow pipe: exit 0, the lock free" \
	"$?:$(cat lock)" "0:lock 0"
is "... a record per demand" "$(wc -l <out | tr -d ' ')" \
	"$(grep -c . "$C/demands.jsonl")"

# a spool that cannot be made: said, nothing read, exit 2
printf '' | TMPDIR=$SCRATCH/nowhere gov-report --today $T_TODAY add >out 2>err
is "no spool folder: exit 2" "$?" 2
is "... said" "$(cat err)" \
	"gov-report: cannot create a temporary file in '$SCRATCH/nowhere': No such file or directory"
is "... no record" "$(cat out)" ""

# a regular file on standard input is read where it is, as before
gov-report --today $T_TODAY add --format ndjson <"$Q3" >out 2>err
is "report add < FILE: exit 0" "$?" 0
done_testing
