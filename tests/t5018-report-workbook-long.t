#!/bin/sh
# gov-report quarter -o FILE.xlsx with long texts from the units.  A text
# was cut at 32,000 bytes without a word, some 10,666 Chinese characters
# where a cell holds 32,767; a text past 32,767 was refused by the
# library, leaving the summary's line for a delayed task empty; and the
# rows were made as tall as the text (12,000 points, Excel's tallest is
# 409); exit 0.  Now a text is cut only at Excel's limit, each cut named
# on stderr, the workbook written and exit 1, as gov-xlsx does.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan.json"
is "sample plan loaded" "$RC" 0
run $R add "$S"/progress/*.jsonl
is "sample progress added" "$RC" 0
py -c '
import json
print(json.dumps({"type": "progress", "task": "1", "unit": "市工信局",
    "quarter": "2025Q3", "status": "delayed", "percent": 70,
    "summary": "进" * 20000, "issues": "问" * 40000,
    "reported": "2025-10-02"}, ensure_ascii=False))' >long.jsonl
run $R add long.jsonl
is "reports of 20,000 and 40,000 characters added" "$RC" 0

run $R quarter 2025Q3 --lang en -o q.xlsx
is "quarter: exit 1, the workbook written" "$RC:$(test -f q.xlsx && echo written)" "1:written"
is "... each cut named" "$ERR" \
"gov-report: q.xlsx: sheet 'Summary', cell C29: text cut to Excel's 32767 characters
gov-report: q.xlsx: sheet 'Tasks', cell J3: text cut to Excel's 32767 characters
gov-report: q.xlsx: sheet 'Reports', cell H2: text cut to Excel's 32767 characters"
is "... 20,000 characters kept whole, 40,000 cut to 32,767, no row past 409 points" "$(py - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("q.xlsx")
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if isinstance(v, str) and ("进进" in v or "问问" in v):
                print(ws.title, c.coordinate, v.count("进"), v.count("问"),
                      v[:4], ws.row_dimensions[c.row].height)
    tall = [r for r, d in ws.row_dimensions.items() if d.height and d.height > 409]
    if tall:
        print(ws.title, "rows taller than 409 points:", tall)
PY
)" "Summary C29 0 32761 市工信局 409.0
Tasks J3 0 32767 问问问问 409.0
Reports G2 20000 0 进进进进 409.0
Reports H2 0 32767 问问问问 409.0"

# the records and Markdown keep every character
run $R quarter 2025Q3 --format ndjson
is "records: exit 0, the text whole" "$RC:$(printf '%s\n' "$OUT" | grep -c "$(printf '问%.0s' $(seq 1 100))")" "0:1"
done_testing
