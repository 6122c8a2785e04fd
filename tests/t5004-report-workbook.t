#!/bin/sh
# gov-report quarter -o FILE.xlsx on the samples: sheets, headers, the
# chart, numbers in the right cells, Chinese and English, same bytes twice,
# nothing left behind on failure.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan-rev2025.json"
is "sample plan loaded" "$RC" 0
run $R add "$S"/progress/*.jsonl
is "sample progress added" "$RC" 0
run $R quarter 2025Q3
cp "$SCRATCH/.out" q.jsonl

# history: the tasks in the plan's order (2 before 10, the safeguards
# S1-S5 last), not in the order of their ids as text
run $R history 2025Q3
is "history: tasks in the plan's order" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
p = json.load(open(sys.argv[1]))
order = [t["id"] for t in p["tasks"] + p["safeguards"]]
seen = [json.loads(l)["task"] for l in sys.stdin]
pos = [order.index(t) for t in seen]
print("in order" if pos == sorted(pos) else "not in order: %s" % " ".join(seen), len(set(seen)))
' "$S/digital-tongliao-plan-rev2025.json")" "in order 34"

run $R quarter 2025Q3 --lang zh -o q-zh.xlsx
is "workbook exits 0" "$RC" 0
is "workbook: nothing on stdout" "$OUT" ""
is "workbook: nothing on stderr" "$ERR" ""
run $R quarter previous --lang en -o q-en.xlsx
is "English workbook of the previous quarter" "$RC" 0

cat >read.py <<'PY'
import json, sys, zipfile
import openpyxl

path, records = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(records, encoding="utf-8")]
summary = [r for r in recs if r["type"] == "summary"][0]
tasks = {r["task"]: r for r in recs if r["type"] == "task-status"}
units = [r for r in recs if r["type"] == "unit-compliance"]
wb = openpyxl.load_workbook(path)
print("sheets:", " ".join(wb.sheetnames))
for ws in wb.worksheets[1:]:
    print("header %s:" % ws.title, " | ".join(c.value for c in ws[1]))
z = zipfile.ZipFile(path)
chart = z.read("xl/charts/chart1.xml").decode()
print("chart: barChart" if "<c:barChart>" in chart else "chart: none",
      chart.count("<c:ser>"), "series,",
      "stacked" if '<c:grouping val="stacked"/>' in chart else "not stacked",
      "on", [n for n in z.namelist() if n.startswith("xl/drawings/drawing")][0])
summ = wb.worksheets[0]
print("title:", summ["A1"].value, "/", summ["A2"].value)
figs = [summ.cell(row=r, column=2).value for r in range(6, 17)]
want = [summary["tasks"], summary["active"], summary["units_owing"],
        summary["reports_owed"], summary["reports_received"],
        summary["reports_late"], summary["reports_missing"],
        round(summary["reports_received"] / summary["reports_owed"], 6),
        summary["units_missing"], summary["milestones"]["due"],
        summary["milestones"]["overdue"]]
print("key figures B6:B16:", figs[:7], round(figs[7], 6), figs[8:],
      "match" if [round(x, 6) for x in figs] == want else "MISMATCH %s" % want)
# The section table: its total row adds up to the number of tasks.
for row in summ.iter_rows(min_row=18, values_only=True):
    if row[0] in ("合计", "Total"):
        print("section totals:", row[1:], "match" if row[-1] == summary["tasks"] else "MISMATCH")
# What needs attention: delayed and at-risk tasks, overdue milestones,
# units that sent nothing.
rows = list(summ.iter_rows(values_only=True))
start = [i for i, r in enumerate(rows) if r[0] in ("需关注事项", "Needs attention")][0]
for r in rows[start + 1:]:
    print("attention:", r[0], "|", r[1], "|", r[2][:12])
# Tasks: every task row agrees with its task-status record.
ts = wb.worksheets[1]
bad = 0
seen = 0
for row in ts.iter_rows(min_row=2, values_only=True):
    if row[0] not in tasks:
        continue
    t = tasks[row[0]]
    seen += 1
    pct = None if t["percent"] is None else t["percent"] / 100
    if row[1] != t["title"] or (pct is not None and abs(row[4] - pct) > 1e-9):
        bad += 1
        print("task row differs:", row)
print("task rows:", seen, "differing:", bad)
t13 = [r for r in ts.iter_rows(min_row=2, values_only=True) if r[0] == "13"][0]
print("task 13:", t13[3], t13[4], t13[5], t13[6])
us = wb.worksheets[2]
rows = list(us.iter_rows(min_row=2, values_only=True))
total = rows[-1]
print("unit rows:", len(rows) - 1, "total:", total[2:6], round(total[6], 6))
rates = [r[6] for r in rows[:-1]]
print("units worst first:", rates == sorted(rates))
byid = {u["unit"]: u for u in units}
print("unit numbers match:", all(
    (r[2], r[3], r[4], r[5]) == (byid[r[1]]["owed"], byid[r[1]]["received"],
                                 byid[r[1]]["late"], byid[r[1]]["missing"])
    for r in rows[:-1]))
ms = wb.worksheets[4]
for r in ms.iter_rows(min_row=2, values_only=True):
    print("milestone:", r[0], r[3], r[4])
print("missing rows:", wb.worksheets[3].max_row - 1)
print("report rows:", wb.worksheets[5].max_row - 1)
status_cell = [c for c in ts["D"] if c.value in ("滞后", "Delayed")][0]
print("delayed colour:", status_cell.fill.fgColor.rgb, status_cell.font.color.rgb)
props = wb.properties
print("created:", props.created.isoformat(), "creator:", props.creator)
PY
run py read.py q-zh.xlsx q.jsonl
is "workbook read back: no error" "$ERR" ""
same_file "Chinese workbook read back" "$SCRATCH/.out" "$(expected report-workbook-zh.txt)"
run py read.py q-en.xlsx q.jsonl
same_file "English workbook read back" "$SCRATCH/.out" "$(expected report-workbook-en.txt)"

LANG=zh_CN.UTF-8 LC_ALL= run $R quarter 2025Q3 -o default.xlsx
ok "Chinese by default when LANG is Chinese" cmp -s q-zh.xlsx default.xlsx
run $R quarter 2025Q3 -o default-en.xlsx
ok "English by default in the C locale" cmp -s q-en.xlsx default-en.xlsx
run $R quarter 2025Q3 --lang zh -o again.xlsx
ok "same quarter compiled twice: same bytes" cmp -s q-zh.xlsx again.xlsx

mkdir out
run $R quarter 2025Q3 -o out/nodir/q.xlsx
is "unwritable output exits 2" "$RC" 2
like "unwritable output: message" "$ERR" "out/nodir/q.xlsx"
is "nothing left behind" "$(ls -A out)" ""
run $R missing 2025Q3 -o out/m.xlsx
is "workbook from missing: usage error" "$RC" 2
is "nothing written" "$(ls -A out)" ""

done_testing
