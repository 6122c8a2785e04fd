#!/bin/sh
# gov-check --track run several times at once on one database: every run
# is counted (each used to count runs + 1 from the number it read when it
# began, and runs that overlapped lost increments), and the findings kept
# are those of a run, not a mix.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "n", "type": "integer"}]}
JSON
printf 'id,n\nx,1\n2,y\n' >data.csv
printf 'id,n\nz,1\n' >other.csv

ROUNDS=5
AT_ONCE=8
round=0
while [ $round -lt $ROUNDS ]; do
	j=0
	while [ $j -lt $AT_ONCE ]; do
		gov-check --track -s s.json data.csv >/dev/null 2>>at-once.err &
		j=$((j + 1))
	done
	# two files in one run, next to them
	gov-check --track -s s.json data.csv other.csv >/dev/null 2>>at-once.err &
	wait
	round=$((round + 1))
done
is "at once: no error" "$(cat at-once.err)" ""
is "at once: every run of data.csv counted" \
	"$(q "SELECT runs FROM check_file WHERE path LIKE '%/data.csv'")" $((ROUNDS * (AT_ONCE + 1)))
is "at once: every run of other.csv counted" \
	"$(q "SELECT runs FROM check_file WHERE path LIKE '%/other.csv'")" $ROUNDS
is "at once: data.csv's two findings kept once, from its first run" \
	"$(q "SELECT count(*), min(first_run), max(first_run) FROM check_finding f JOIN check_file c ON c.id = f.file_id WHERE c.path LIKE '%/data.csv'")" "2|1|1"
is "at once: the database is sound" "$(q 'PRAGMA integrity_check')" ok

run gov-check --track -s s.json data.csv
like "then: the findings persist" "$OUT" '"status":"persisting"'
unlike "then: none new" "$OUT" '"status":"new"'

done_testing
