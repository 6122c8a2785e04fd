#!/bin/sh
# gov-report template for a unit that owes no report in the quarter (every
# task it is on done, or outside the quarter): no form with no row in it,
# asking to be returned by the deadline, but a message naming the unit
# and the quarter, exit 2 and no file; a unit that owes one still gets its
# template.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
# Task 2 done by both its lead units in 2025Q3; unit d cooperates on it,
# and its own task 4 ended in 2025Q2: d owes nothing from 2025Q4.
cat >done.jsonl <<'J'
{"type":"progress","task":"2","unit":"a","quarter":"2025Q3","status":"done","percent":100}
{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"done","percent":100}
J
run $R add done.jsonl
is "task 2 done: added" "$RC" 0

rows() { py -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(" ".join(str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None))' "$1"; }

run $R template 2025Q3 --unit d -o d-2025Q3.xlsx
is "2025Q3, d owes task 2: exit 0" "$RC" 0
is "2025Q3: its row" "$(rows d-2025Q3.xlsx)" "2"

run $R template 2025Q4 --unit 市公安局 -o d-2025Q4.xlsx
is "2025Q4, d owes nothing: exit 2" "$RC" 2
is "2025Q4: the message" "$ERR" \
	"gov-report: unit 'd' (市公安局) owes no report for 2025Q4: none of its tasks is active then; no template written"
ok "2025Q4: no file" test ! -e d-2025Q4.xlsx
is "2025Q4: no temporary left" "$(ls -A | grep -c '^\.\?d-2025Q4')" 0
run $R missing 2025Q4
unlike "2025Q4: nor is d missing" "$OUT" '"unit":"d"'

run $R template current --unit b -o b.xlsx
is "2025Q4, b still owes task 1: exit 0" "$RC" 0
is "2025Q4: b's row" "$(rows b.xlsx)" "1"

done_testing
