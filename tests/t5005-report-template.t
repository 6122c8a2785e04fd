#!/bin/sh
# gov-report template: a unit's workbook for a quarter, read back; filled in
# and returned through gov-records --type progress | gov-report add.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

run $R template 2025Q3 --unit 工信局 --lang zh -o b.xlsx
is "template exits 0" "$RC" 0
is "template: nothing on stdout" "$OUT" ""
is "template: nothing on stderr" "$ERR" ""

cat >read.py <<'PY'
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
print("sheets:", " ".join(wb.sheetnames))
ws = wb.worksheets[0]
for row in ws.iter_rows(values_only=True):
    print(" | ".join("" if v is None else str(v) for v in row))
for dv in ws.data_validations.dataValidation:
    print("validation", dv.sqref, dv.type, dv.formula1, dv.formula2 or "")
print("protected:", bool(ws.protection.sheet),
      "input unlocked:", ws["G2"].protection.locked is False,
      "prefilled locked:", ws["A2"].protection.locked is not False)
PY
run py read.py b.xlsx
same_file "Chinese template read back" "$SCRATCH/.out" "$(expected report-template-zh.txt)"
run $R template previous --unit b --lang en -o b-en.xlsx
run py read.py b-en.xlsx
same_file "English template read back" "$SCRATCH/.out" "$(expected report-template-en.txt)"
run $R template 2025Q3 --unit 各旗县政府 --lang zh -o e.xlsx
run py read.py e.xlsx
like "a group unit owes tasks 3 and S1" "$(printf '%s\n' "$OUT" | cut -d' ' -f1 | tr '\n' ' ')" '^sheets: 任务编号 3 S1 validation'

# Fill it in as a unit would, in a spreadsheet program.
cat >fill.py <<'PY'
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
values = {"1": ("按计划推进", 55, "完成政务云联调", "", "开展试运行"),
          "2": (sys.argv[3], 45, "完成两个部门系统对接", "仍有一个部门未对接", "督促对接")}
for row in ws.iter_rows(min_row=2):
    v = values[row[0].value]
    for col, x in zip(range(6, 11), v):
        row[col].value = x
wb.save(sys.argv[2])
PY
py fill.py b.xlsx filled.xlsx 滞后
gov-records --type progress filled.xlsx >filled.jsonl
is "gov-records reads the filled template" "$?" 0
run_in filled.jsonl $R add
is "round trip: added" "$RC" 0
is "round trip: one new, one replacing b's earlier 2025Q3 report" "$OUT" '{"type":"added","file":"(stdin)","records":2,"replaced":1}'
run $R quarter 2025Q3
like "round trip: task 2 now has b's report" "$OUT" '"unit":"b","name":"市工信局","role":"lead","reported":true,"status":"delayed","percent":45'
like "round trip: task 1 has b's new percent" "$OUT" '"unit":"b","name":"市工信局","role":"cooperating","reported":true,"status":"on-track","percent":55'
run $R missing 2025Q3
unlike "b no longer missing" "$OUT" '"unit":"b"'

# A template filled in wrongly is refused whole, with the problem named.
py fill.py b.xlsx wrong.xlsx 差不多
gov-records --type progress wrong.xlsx | $R add >wrong.out 2>wrong.err
is "wrong status: exit 1" "$?" 1
is "wrong status: one finding" "$(cat wrong.out)" '{"type":"finding","file":"(stdin)","row":2,"column":null,"field":"status","check":"status","dimension":"conformity","severity":"error","value":"差不多","message":"status '\''差不多'\'' is not one of not-started, on-track, at-risk, delayed, done"}'
gov-records --provenance --type progress wrong.xlsx | $R add >wrong.out 2>wrong.err
is "--provenance: the finding names the workbook and its spreadsheet row" "$(cat wrong.out)" '{"type":"finding","file":"wrong.xlsx","row":3,"column":null,"field":"status","check":"status","dimension":"conformity","severity":"error","value":"差不多","message":"status '\''差不多'\'' is not one of not-started, on-track, at-risk, delayed, done"}'

# The English template goes back the same way.
py - b-en.xlsx filled-en.xlsx <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for row in ws.iter_rows(min_row=2):
    row[6].value = "On track"
    row[7].value = 60
wb.save(sys.argv[2])
PY
gov-records --type progress filled-en.xlsx | $R add >en.out 2>en.err
is "English template round trip: exit 0" "$?" 0
is "English template round trip: added, both replacing" "$(cat en.out)" '{"type":"added","file":"(stdin)","records":2,"replaced":2}'

run $R template 2025Q3 --unit 市财政局 -o x.xlsx
is "unknown unit: exit 2" "$RC" 2
is "unknown unit: message" "$ERR" "gov-report: unknown unit '市财政局': not an id, name or alias in plan 'mini'"
ok "unknown unit: no file" test ! -e x.xlsx
# A quarter outside the plan is refused, as quarter and missing refuse it.
run $R missing 2030Q4
want_err=$ERR
is "missing 2030Q4: exit 2" "$RC:$want_err" "2:gov-report: quarter 2030Q4 is outside plan 'mini' (2025Q1 to 2026Q4)"
run $R template 2030Q4 --unit 工信局 -o t.xlsx
is "template after the plan: exit 2" "$RC" 2
is "template after the plan: the message of missing" "$ERR" "$want_err"
ok "template after the plan: no file" test ! -e t.xlsx
run $R template 2024Q4 --unit b -o t.xlsx
is "template before the plan: exit 2" "$RC:$ERR" "2:gov-report: quarter 2024Q4 is outside plan 'mini' (2025Q1 to 2026Q4)"
ok "template before the plan: no file" test ! -e t.xlsx
run $R template 2026Q4 --unit b -o t.xlsx
is "template of the plan's last quarter: exit 0" "$RC" 0
run $R template 2025Q3 -o x.xlsx
is "no --unit: usage error" "$RC" 2
run $R template 2025Q3 --unit b
is "no -o: usage error" "$RC" 2

done_testing
