#!/bin/sh
# gov-report template: the day the unit is asked to return it by is the
# quarter's deadline as the office counts it, with --grace-days as given
# (the day missing --strict starts to count the report late), not always
# the five days of the default.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

due() { # the Instructions sheet's last line
	py -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[1]
print(ws.title, "|", ws.cell(row=ws.max_row, column=1).value)' "$1"
}

run $R template 2025Q4 --unit a -o default.xlsx
is "default: exit 0" "$RC" 0
is "default: five days after the quarter" "$(due default.xlsx)" \
	"Instructions | 5. Please return it by 2026-01-05."

run $R --grace-days 10 template 2025Q4 --unit a -o ten.xlsx
is "--grace-days 10: exit 0" "$RC" 0
is "--grace-days 10: ten days after the quarter" "$(due ten.xlsx)" \
	"Instructions | 5. Please return it by 2026-01-10."
run $R --grace-days 10 missing 2025Q4
like "--grace-days 10: missing has the same deadline" "$OUT" '"deadline":"2026-01-10"'

run $R template 2025Q3 --grace-days 0 --lang zh --unit a -o zero.xlsx
is "--grace-days 0, zh: the quarter's last day" "$(due zero.xlsx)" \
	"填报说明 | 5. 请于2025-09-30前报送。"

done_testing
