#!/bin/sh
# gov-report's workbooks hold what units wrote as they wrote it.  A
# U+FFFF in a report (valid UTF-8, not a character XML may hold) was
# written as it came and made the whole quarterly workbook one that
# neither openpyxl nor Excel could open, exit 0; a literal "_x0041_"
# was read by Excel as an escape, an "A".  Now both go through
# xlsxw_text_escape, in every cell.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan.json"
is "sample plan loaded" "$RC" 0
run $R add "$S"/progress/*.jsonl
is "sample progress added" "$RC" 0
printf '%s\n' '{"type":"progress","task":"1","unit":"市工信局","quarter":"2025Q3","status":"delayed","percent":70,"summary":"进展\uffff说明 _x0041_","issues":"问题\ufffe","reported":"2025-10-02"}' >odd.jsonl
run $R add odd.jsonl
is "a report with U+FFFF, U+FFFE and _x0041_ added" "$RC" 0

run $R quarter 2025Q3 --lang en -o q.xlsx
is "quarter: exit 0, quiet" "$RC:$ERR" "0:"
is "... the workbook opens" "$(py -c '
import sys, openpyxl
print(openpyxl.load_workbook(sys.argv[1]).sheetnames)' q.xlsx)" \
	"['Summary', 'Tasks', 'Units', 'Missing', 'Milestones', 'Reports']"
is "... the report's text read back as written" "$(gov-records --sheet Reports q.xlsx |
	py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["No."] == "1" and r["Unit"] == "市工信局":
        print(ascii(r["Progress made"]), ascii(r["Issues"]))')" \
	"'\\u8fdb\\u5c55\\uffff\\u8bf4\\u660e _x0041_' '\\u95ee\\u9898\\ufffe'"
like "... and in the summary's line for the delayed task" \
	"$(gov-records --sheet Summary q.xlsx 2>/dev/null | py -c '
import json, sys
for l in sys.stdin:
    print(ascii(list(json.loads(l).values())))')" '\\u95ee\\u9898\\ufffe'
done_testing
