#!/bin/sh
# gov-records: a header row that is blank or spaces only (an export that
# starts with an empty line) was taken as the header: the real header
# became the first record under keys column_1, column_2, a warning on
# every row.  Now refused, exit 2, naming the first row not blank for
# --header-row, as gov-profile refuses it (t1556).  gov-check made it a
# header of one empty cell: a blank-header finding, and every row's
# cells beyond it an extra-cell finding; it refuses it the same way.
. "$(dirname "$0")/lib.sh"

printf '\nid,name\n1,a\n' >blank.csv
run gov-records blank.csv
is "a blank first line: refused, naming row 2" "$RC|$OUT|$ERR" \
	"2||gov-records: blank.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"
printf '  ,\t\n\nid,name\n1,a\n' >spaces.csv
run gov-records -o out.jsonl spaces.csv
is "spaces only, then a blank line: row 3 named, nothing written" "$RC|$ERR|$(test -e out.jsonl && echo written)" \
	"2|gov-records: spaces.csv:1: a blank row, not a header: give --header-row 3, the first row not blank|"
run gov-records --header-row 2 blank.csv
is "... with --header-row 2: read" "$RC|$OUT|$ERR" '0|{"id":"1","name":"a"}|'
printf '\n\n' >allblank.csv
run gov-records allblank.csv
is "blank rows only: empty, exit 2" "$RC|$OUT|$ERR" \
	"2||gov-records: allblank.csv: file is empty from row 1 on (blank rows only)"
run_in blank.csv gov-records
is "standard input too" "$RC|$ERR" \
	"2|gov-records: (stdin):1: a blank row, not a header: give --header-row 2, the first row not blank"

run gov-check blank.csv
is "gov-check: refused the same way" "$RC|$OUT|$ERR" \
	"2||gov-check: blank.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"
echo '{"fields":[{"name":"id","type":"integer"},{"name":"name"}]}' >s.json
run gov-check -s s.json --header-row 2 --format ndjson blank.csv
like "... with --header-row 2: checked, clean" "$RC|$OUT" '^0\|\{"type":"summary","file":"blank.csv",.*"findings":0,'
run gov-check allblank.csv
is "gov-check, blank rows only: empty, exit 2" "$RC|$ERR" \
	"2|gov-check: allblank.csv: file is empty from row 1 on (blank rows only)"

done_testing
