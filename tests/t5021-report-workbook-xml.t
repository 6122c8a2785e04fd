#!/bin/sh
# gov-report's workbooks: the plan's text goes into cells (escaped there
# by the writer) but also into the page headers and the workbook's
# properties, which libxlsxwriter writes as they are.  A control
# character, or U+FFFE / U+FFFF (valid UTF-8, no XML character), in the
# plan's title or a unit's name made a workbook no XML reader could open,
# from a run that exited 0.  There they are now a space and U+FFFD.
. "$(dirname "$0")/lib.sh"

# opens FILE: the sheets' names and every cell, or the parser's error
opens() {
	py - "$1" <<'PY'
import sys, openpyxl
try:
    wb = openpyxl.load_workbook(sys.argv[1])
except Exception as e:
    print("unreadable:", type(e).__name__)
    sys.exit()
for ws in wb.worksheets:
    print("[%s]" % ws.title, "|".join(str(v) for row in ws.iter_rows(values_only=True)
                                       for v in row if v is not None))
PY
}

py - "$(expected report-mini-plan.json)" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["plan"]["title"] += "\u0001\u001b"
p["tasks"][0]["title"] += "\uffff"
p["units"][0]["name"] += "\u0002\ufffe"
json.dump(p, open("plan.json", "w"), ensure_ascii=False)
PY
R="gov-report --today $T_TODAY --lang en"
$R plan load plan.json >/dev/null
run $R quarter 2025Q3 -o q.xlsx
is "quarter: exit 0" "$RC" 0
like "quarter: the workbook opens" "$(opens q.xlsx)" "^\\[Summary\\] "
run $R template 2025Q4 --unit a -o t.xlsx
is "template: exit 0" "$RC" 0
like "template: the workbook opens" "$(opens t.xlsx)" "^\\[Progress\\] .*建设政务云"
is "template: its title a property, controls spaces, U+FFFE U+FFFD" "$(py -c '
import openpyxl
print(openpyxl.load_workbook("t.xlsx").properties.title)')" \
	"测试行动方案  : progress return 2025 Q4 (市数据局 �)"
is "template: the page header, the same" \
	"$(unzip -p t.xlsx xl/worksheets/sheet1.xml | grep -o '<oddHeader>[^<]*</oddHeader>')" \
	"<oddHeader>&amp;L&amp;8 市数据局 �&amp;R&amp;8 2025 Q4</oddHeader>"
done_testing
