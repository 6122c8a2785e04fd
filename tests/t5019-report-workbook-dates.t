#!/bin/sh
# gov-report's quarterly workbook writes its dates (a report's date, the
# deadline of a missing one) as Excel dates shown yyyy-mm-dd, as gov-xlsx
# and gov-catalog's workbook do, so that they sort and filter as dates.
# They were text, the only dates of govkit's workbooks that were.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan.json"
is "sample plan loaded" "$RC" 0
run $R add "$S"/progress/*.jsonl
is "sample progress added" "$RC" 0
run $R quarter 2025Q3 --lang en -o q.xlsx
is "quarter: exit 0" "$RC:$ERR" "0:"
printf '{"reported":"2025-10-02"}\n' | gov-xlsx -o x.xlsx
is "dates as gov-xlsx writes them" "$(py - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("q.xlsx")
for sheet, col in (("Missing", 5), ("Reports", 10)):
    rows = list(wb[sheet].iter_rows(min_row=1))
    kinds = {(type(r[col - 1].value).__name__, r[col - 1].number_format) for r in rows[1:]}
    print(sheet, rows[0][col - 1].value, sorted(kinds))
c = openpyxl.load_workbook("x.xlsx").active["A2"]
print("gov-xlsx", [(type(c.value).__name__, c.number_format)])
PY
)" "Missing Due by [('datetime', 'yyyy-mm-dd')]
Reports Reported [('datetime', 'yyyy-mm-dd')]
gov-xlsx [('datetime', 'yyyy-mm-dd')]"
is "... read back as ISO dates" "$(gov-records --sheet Reports q.xlsx | head -1 |
	py -c 'import json,sys; print(json.loads(sys.stdin.read())["Reported"])')" "2025-10-03"
done_testing
