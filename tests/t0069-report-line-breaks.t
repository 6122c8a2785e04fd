#!/bin/sh
# gov-report: a line break in what a unit wrote is a line feed in the
# workbook's cell, as gov-xlsx writes one (t0068).  A report's text from
# a Windows form or CSV has CR LF; the quarterly workbook wrote its CR as
# the escape _x000D_, which openpyxl and pandas read as the text
# "line1_x000D_\nline2".  Now the one function both workbook writers
# escape through (xlsxw_text_escape) writes CR LF and a CR alone as LF.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan.json"
is "sample plan loaded" "$RC" 0
run $R add "$S"/progress/*.jsonl
is "sample progress added" "$RC" 0
printf '%s\n' '{"type":"progress","task":"1","unit":"市工信局","quarter":"2025Q3","status":"delayed","percent":70,"summary":"line1\r\nline2","issues":"a\rb","reported":"2025-10-02"}' >breaks.jsonl
run $R add breaks.jsonl
is "a report with CR LF and a lone CR added" "$RC" 0

# the cells of the report's row on Reports, as openpyxl reads them
report_cells() {
	py -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Reports"]
for r in ws.iter_rows(values_only=True):
    if any(isinstance(v, str) and v.startswith(("line1", "a")) and
           ("_x000D_" in v or "\n" in v) for v in r):
        print([ascii(v) for v in r if isinstance(v, str) and
               v.startswith(("line1", "a\n", "a_x"))])' "$1"
}

run $R quarter 2025Q3 --lang en -o q.xlsx
is "quarter: exit 0, quiet" "$RC:$ERR" "0:"
is "... openpyxl reads line feeds, no _x000D_" "$(report_cells q.xlsx)" \
	"[\"'line1\\\\nline2'\", \"'a\\\\nb'\"]"
is "... and so does gov-records" "$(gov-records --sheet Reports q.xlsx |
	py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["No."] == "1" and r["Unit"] == "市工信局":
        print(ascii(r["Progress made"]), ascii(r["Issues"]))')" \
	"'line1\\nline2' 'a\\nb'"
done_testing
