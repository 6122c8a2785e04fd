#!/bin/sh
# gov-report masks resident IDs and phone numbers that units write into
# their reports, in every output, unless --no-mask.
. "$(dirname "$0")/lib.sh"

gov-report plan load "$T_TOP/samples/plan/digital-tongliao-plan.json" >/dev/null
cat >p.jsonl <<'JSON'
{"type":"progress","task":"12","unit":"shujuju","quarter":"2025Q3","status":"at-risk","percent":60,"summary":"联系人张三 13812345678","issues":"call 13812345678 about 150502199001011234"}
JSON
run gov-report add --today 2025-10-15 p.jsonl
is "report added" "$RC" 0
run gov-report history 2025Q3 --format ndjson
like "history: summary masked" "$OUT" '"summary":"联系人张三 138\*\*\*\*5678"'
unlike "history: no phone in clear" "$OUT" "13812345678"
run gov-report quarter 2025Q3 --today 2025-10-15 --format ndjson
like "quarter records: issues masked" "$OUT" 'call 138\*\*\*\*5678 about 150502\*\*\*\*\*\*\*\*1234'
unlike "quarter records: nothing in clear" "$OUT" "13812345678|150502199001011234"
run gov-report quarter 2025Q3 --today 2025-10-15 --format md
unlike "Markdown: nothing in clear" "$OUT" "13812345678|150502199001011234"
run gov-report quarter 2025Q3 --today 2025-10-15 -o q.xlsx
py - <<'PY' >cells.txt
import openpyxl
wb = openpyxl.load_workbook("q.xlsx")
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str) and ("138" in v or "150502" in v):
                print(ws.title, v)
PY
is "workbook: no phone or ID in clear" "$(grep -E '13812345678|150502199001011234' cells.txt)" ""
like "workbook: the masked text is there" "$(cat cells.txt)" '138\*\*\*\*5678'
run gov-report history 2025Q3 --no-mask --format ndjson
like "--no-mask shows them" "$OUT" '"summary":"联系人张三 13812345678"'
done_testing
