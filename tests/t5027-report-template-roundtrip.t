#!/bin/sh
# The README's round trip: gov-report template, filled in by the unit
# (Chinese text over lines, a date typed as a date, a progress typed as
# 45.0), then gov-records --no-mask --provenance --type progress | gov-report
# add.  The report stored is what was typed, field by field; and history's
# 'source' names the workbook the unit returned, as findings do: it said
# "(stdin)" for every return piped in, so history could not tell which
# workbook a report came from.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
run $R template current --unit 数据局 --lang zh -o 数据局-2025Q4.xlsx
is "template: exit 0" "$RC:$ERR" "0:"

py - 数据局-2025Q4.xlsx 填报.xlsx <<'PY'
import datetime, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
r = rows["1"]
r[6].value = "按计划推进"; r[7].value = 75
r[8].value = "完成政务云二期扩容，\n新增“算力”资源 30%"
r[9].value = "联系人 13812345678"; r[10].value = "2026年1月完成验收"
r = rows["2"]
r[6].value = "滞后"; r[7].value = 45.0
r[8].value = datetime.datetime(2025, 11, 30); r[8].number_format = "yyyy-mm-dd"
r[10].value = "<接入> & '核验'"
r = rows["S1"]
r[6].value = "已完成"; r[7].value = 100; r[8].value = "已印发通知"
wb.save(sys.argv[2])
PY
gov-records --no-mask --provenance --type progress 填报.xlsx >ret.jsonl
is "gov-records: exit 0" "$?" 0
run_in ret.jsonl $R add --format ndjson
is "add: exit 0, three added" "$RC:$OUT:$ERR" \
	'0:{"type":"added","file":"(stdin)","records":3,"replaced":0}:'
run $R history 2025Q4 --unit 数据局 --no-mask --format ndjson
is "history: the reports as typed, from the workbook returned" "$RC:$OUT" \
'0:{"type":"progress","plan":"mini","task":"1","unit":"a","unit_name":"市数据局","quarter":"2025Q4","status":"on-track","percent":75,"summary":"完成政务云二期扩容，\n新增“算力”资源 30%","issues":"联系人 13812345678","next_steps":"2026年1月完成验收","evidence":[],"reported":"2025-10-15","current":true,"added":"2025-10-15","source":"填报.xlsx"}
{"type":"progress","plan":"mini","task":"2","unit":"a","unit_name":"市数据局","quarter":"2025Q4","status":"delayed","percent":45,"summary":"2025-11-30","next_steps":"<接入> & '"'"'核验'"'"'","evidence":[],"reported":"2025-10-15","current":true,"added":"2025-10-15","source":"填报.xlsx"}
{"type":"progress","plan":"mini","task":"S1","unit":"a","unit_name":"市数据局","quarter":"2025Q4","status":"done","percent":100,"summary":"已印发通知","evidence":[],"reported":"2025-10-15","current":true,"added":"2025-10-15","source":"填报.xlsx"}'

# Records without provenance keep the input's name.
grep -v '"任务编号":"S1"' ret.jsonl | sed 's/"_file":"[^"]*","_row":[0-9]*,//' >plain.jsonl
run $R add --format ndjson plain.jsonl
run $R history 2025Q4 --unit 数据局 --format ndjson
is "without provenance: the input file is the source" \
	"$(printf '%s\n' "$OUT" | sed -n 's/.*"task":"\([^"]*\)".*"current":\([a-z]*\).*"source":"\([^"]*\)".*/\1 \2 \3/p')" \
"1 false 填报.xlsx
1 true plain.jsonl
2 false 填报.xlsx
2 true plain.jsonl
S1 true 填报.xlsx"
done_testing
