#!/bin/sh
# gov-report add and gov-catalog add (and demand add) read every input
# that is not a regular file (a named FIFO, a process substitution's
# /dev/fd/63, a terminal) to its end before they take the database's
# write lock, as they read standard input (t5045): a producer that takes
# its time does not hold every other writer of the database.  Before,
# only standard input was spooled; a FIFO or a pipe named as FILE was
# opened and read inside the transaction, and another govkit command
# writing the database waited for the producer (30 s, then 'database is
# locked').  Each input keeps its name in messages, not the spool's; a
# regular file is read where it is (no spool is made for it); nothing
# is left in TMPDIR.
. "$(dirname "$0")/lib.sh"

PLAN=$(expected report-mini-plan.json)
Q3=$(expected report-mini-2025Q3.jsonl)
C=$T_TOP/samples/catalog
mkdir tmp
export TMPDIR=$SCRATCH/tmp

run gov-report --today $T_TODAY plan load "$PLAN"
is "plan load: exit 0" "$RC" 0

# other_writer: another command writing the database while the producer
# is not done: it must not wait (10 s bounds a wait of 30 s on failure)
other_writer() {
	timeout 10 gov-catalog add "$C/entries.jsonl" >other.out 2>other.err
	echo "$? $(grep -c '"type":"change"' other.out)"
}

# --- gov-report add FIFO: the FIFO is opened by the tool, written by a
# producer that stops halfway while another command writes
mkfifo q3.fifo
gov-report --today $T_TODAY add --format ndjson q3.fifo >out 2>err &
pid=$!
exec 3>q3.fifo # returns once the tool has the FIFO open
head -n 3 "$Q3" >&3
is "report add FIFO: another writer does not wait for the producer" \
	"$(other_writer)" "0 13"
tail -n +4 "$Q3" >&3
exec 3>&-
wait "$pid"
is "... exit 0" "$?" 0
is "... the records added, named by the FIFO's name" "$(cat out)" \
	'{"type":"added","file":"q3.fifo","records":6,"replaced":0}'
is "... nothing on standard error" "$(cat err)" ""
is "... stored" "$(q 'SELECT count(*) FROM report_progress')" 6
is "... nothing left in TMPDIR" "$(ls -A tmp)" ""

# --- a finding in a FIFO names the FIFO, not the spool
gov-report --today $T_TODAY add --format ndjson q3.fifo >out 2>err &
pid=$!
exec 3>q3.fifo
printf '%s\n' '{"type":"progress","task":"1","unit":"数据局","quarter":"2025Q3","status":"bogus","percent":60,"reported":"2025-10-02"}' >&3
exec 3>&-
wait "$pid"
is "report add FIFO with a bad record: exit 1" "$?" 1
is "... the finding names the FIFO" "$(OUT=$(cat out) && finding_lines file row field)" \
	"q3.fifo 1 status | status 'bogus' is not one of not-started, on-track, at-risk, delayed, done"
is "... so does standard error" "$(cat err)" \
	"gov-report: q3.fifo: 1 finding, nothing added from it"

# --- gov-report add <(producer): an unnamed pipe, /dev/fd/63 in bash.
# The producer writes more blank lines than a pipe holds, so by the time
# its write returns the tool is reading; another command then writes
# the database; then the records come, one of them bad.
if command -v bash >/dev/null 2>&1; then
	cat >producer <<'EOF'
awk 'BEGIN { for (i = 0; i < 262144; i++) print "" }'
timeout 10 gov-catalog demand add "$C/demands.jsonl" >other.out 2>other.err
echo "$?" >other.rc
cat "$Q3"
printf '%s\n' '{"type":"progress","task":"9","unit":"数据局","quarter":"2025Q3","status":"done","percent":100}'
EOF
	C=$C Q3=$Q3 bash -c 'gov-report --today '$T_TODAY' add --format ndjson \
		<(. ./producer)' >out 2>err
	is "report add <(producer): exit 1 (a finding)" "$?" 1
	is "... another writer did not wait for the producer" \
		"$(cat other.rc):$(wc -l <other.out | tr -d ' ')" \
		"0:$(grep -c . "$C/demands.jsonl")"
	is "... the finding names /dev/fd/63" \
		"$(OUT=$(cat out) && finding_lines file row field check)" \
		"/dev/fd/63 262151 task unknown-task | unknown task '9': not in plan 'mini'"
	is "... standard error names it too" "$(cat err)" \
		"gov-report: /dev/fd/63: 1 finding, nothing added from it"
	is "... nothing left in TMPDIR" "$(ls -A tmp)" ""
else
	for i in 1 2 3 4 5; do pass "# SKIP no bash for <(...)"; done
fi

# --- gov-catalog add FIFO, between a regular file and standard input: in
# their order, each named as given
mkfifo entries.fifo
head -n 2 "$C/entries.jsonl" >first.jsonl
tail -n +3 "$C/entries.jsonl" | head -n 5 >middle.jsonl
tail -n +8 "$C/entries.jsonl" >last.jsonl
gov-catalog add first.jsonl entries.fifo - <last.jsonl >out 2>err &
pid=$!
exec 3>entries.fifo
head -n 1 middle.jsonl >&3
other() {
	timeout 10 gov-report --today $T_TODAY add --format ndjson "$Q3" \
		>other.out 2>other.err
	echo "$? $(cat other.out)"
}
is "catalog add FIFO: another writer does not wait for the producer" \
	"$(other)" '0 {"type":"added","file":"'"$Q3"'","records":6,"replaced":6}'
tail -n +2 middle.jsonl >&3
exec 3>&-
wait "$pid"
is "... exit 0" "$?" 0
is "... a change record per entry" "$(grep -c '"type":"change"' out)" \
	"$(grep -c . "$C/entries.jsonl")"
is "... nothing on standard error" "$(cat err)" ""
is "... nothing left in TMPDIR" "$(ls -A tmp)" ""

# --- a bad line in a FIFO to catalog add is named by the FIFO
gov-catalog add entries.fifo >out 2>err &
pid=$!
exec 3>entries.fifo
printf '{"type":"entry",\n' >&3
exec 3>&-
wait "$pid"
is "catalog add FIFO with a line not JSON: exit 1" "$?" 1
like "... standard error names the FIFO and the line" "$(cat err)" \
	"^gov-catalog: entries.fifo:1: "

# --- a regular file is not spooled: a TMPDIR that is not there is no
# matter to gov-report add FILE; a FIFO then cannot be spooled: said,
# exit 2, nothing added
TMPDIR=$SCRATCH/nowhere gov-report --today $T_TODAY add --format ndjson \
	"$Q3" >out 2>err
is "report add FILE, no spool folder: exit 0 (no spool)" \
	"$?:$(cat err)" "0:"
(exec 3>q3.fifo && cat "$Q3" >&3) 2>/dev/null &
wpid=$!
TMPDIR=$SCRATCH/nowhere gov-report --today $T_TODAY add --format ndjson \
	q3.fifo >out 2>err
is "report add FIFO, no spool folder: exit 2" "$?" 2
is "... said" "$(cat err)" \
	"gov-report: cannot create a temporary file in '$SCRATCH/nowhere': No such file or directory"
is "... no record" "$(cat out)" ""
wait "$wpid"

# a folder named as FILE is the reader's to refuse, as before
mkdir dir.jsonl
run gov-report --today $T_TODAY add dir.jsonl
is "report add FOLDER: exit 2" "$RC" 2
is "... nothing left in TMPDIR" "$(ls -A tmp)" ""
done_testing
