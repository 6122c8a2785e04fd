#!/bin/sh
# gov-report: a line break in what a unit wrote is a line feed in the
# workbook's cell, as gov-xlsx writes one (t0068).  A report's text from
# a Windows form or CSV has CR LF; the quarterly workbook wrote its CR as
# the escape _x000D_, which openpyxl and pandas read as the text
# "line1_x000D_\nline2".  Now the one function both workbook writers
# escape through (xlsxw_text_escape) writes CR LF and a CR alone as LF.
# And such a cell wraps, in its own format otherwise (border, fill, bold
# kept): a section's name with a line break showed on one line, in Excel
# and WPS, on the summary and on its band across the tasks.
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
# a section's name with a line break: in a plain cell of the summary, and
# on its bold band across the tasks, merged (the section's other tasks
# keep its name as it was: their cells, without a break, do not wrap)
py -c '
import json, sys
p = json.load(open(sys.argv[1]))
p["tasks"][0]["section"] = "(一)数字基础\r\n设施完善行动"
json.dump(p, open("plan-br.json", "w"), ensure_ascii=False)' "$S/digital-tongliao-plan.json"
run $R plan load plan-br.json
is "a plan whose section name has a line break loaded" "$RC" 0
run $R quarter 2025Q3 --lang en -o s.xlsx
is "quarter: exit 0, quiet" "$RC:$ERR" "0:"
is "... the cells holding it wrap, each in its own format else" "$(py -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for r in ws.iter_rows():
        for c in r:
            if isinstance(c.value, str) and "设施完善行动" in c.value:
                print(ws.title, c.coordinate, ascii(c.value), c.alignment.wrap_text,
                      c.font.b, c.border.left.style, c.fill.fgColor.rgb)' s.xlsx)" \
"Summary A19 '(\u4e00)\u6570\u5b57\u57fa\u7840\n\u8bbe\u65bd\u5b8c\u5584\u884c\u52a8' True False thin 00000000
Summary A20 '(\u4e00)\u6570\u5b57\u57fa\u7840\u8bbe\u65bd\u5b8c\u5584\u884c\u52a8' None False thin 00000000
Tasks A2 '(\u4e00)\u6570\u5b57\u57fa\u7840\n\u8bbe\u65bd\u5b8c\u5584\u884c\u52a8' True True thin FFF2F6FA
Tasks A4 '(\u4e00)\u6570\u5b57\u57fa\u7840\u8bbe\u65bd\u5b8c\u5584\u884c\u52a8' None True thin FFF2F6FA"
done_testing
