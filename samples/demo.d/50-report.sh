#!/bin/sh
# gov-report: the quarterly progress report of the Digital Tongliao plan.
# Load the plan, take five quarters of unit reports, load the revised plan
# (2025 interim targets; progress kept), chase the units missing for
# 2025Q3, compile the quarter into the workbook and a Markdown report, and
# give one unit its template for the next round (runs from the repository
# root with bin/ on PATH; GOVKIT_DB is the demo's database).
set -eu
P=samples/plan
T="--today 2025-10-15"
mkdir -p samples/out
gov-report $T plan load --format ndjson "$P/digital-tongliao-plan.json" >/dev/null
gov-report $T add --format text "$P"/progress/*.jsonl
gov-report $T plan load --format text "$P/digital-tongliao-plan-rev2025.json"
rc=0
gov-report $T missing 2025Q3 --strict --format ndjson >samples/out/2025Q3.missing.jsonl || rc=$?
# Exit 1 means "some unit has not reported", which the samples are made for.
[ "$rc" -eq 1 ]
echo "missing 2025Q3: $(wc -l <samples/out/2025Q3.missing.jsonl) units have not reported (samples/out/2025Q3.missing.jsonl)"
gov-report $T quarter 2025Q3 --lang zh -o samples/out/2025Q3.xlsx
gov-report $T quarter 2025Q3 --lang zh --format md -o samples/out/2025Q3.md
gov-report $T quarter 2025Q3 --format ndjson -o samples/out/2025Q3.jsonl
tail -1 samples/out/2025Q3.jsonl | /usr/bin/python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
print("2025Q3: %d/%d reports received (%.1f%%), %d late; tasks %s; milestones %d due soon, %d overdue" % (
    s["reports_received"], s["reports_owed"], s["compliance"], s["reports_late"],
    ", ".join("%s %d" % (k, v) for k, v in s["by_status"].items() if v),
    s["milestones"]["due"], s["milestones"]["overdue"]))'
echo "workbook: samples/out/2025Q3.xlsx  report: samples/out/2025Q3.md"
gov-report $T template current --unit 工信局 --lang zh -o samples/out/2025Q4-gongxinju.xlsx
echo "template for 市工信局, 2025Q4: samples/out/2025Q4-gongxinju.xlsx"
# 市工信局 fills it in (here by a script) and returns it through gov-records.
if command -v gov-records >/dev/null 2>&1; then
	/usr/bin/python3 - samples/out/2025Q4-gongxinju.xlsx samples/out/2025Q4-gongxinju-filled.xlsx <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for row in ws.iter_rows(min_row=2):
    prev = row[5].value or ""
    done = int(prev.split()[-1].rstrip("%")) if prev.endswith("%") else 0
    row[6].value = "按计划推进"
    row[7].value = min(done + 10, 95)
    row[8].value = "按年度计划推进,完成阶段任务"
    row[10].value = "加快推进,确保完成年度目标"
wb.save(sys.argv[2])
PY
	echo "市工信局 returns the filled template:"
	gov-records --type progress samples/out/2025Q4-gongxinju-filled.xlsx |
		gov-report $T add --format text
fi
