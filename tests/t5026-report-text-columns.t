#!/bin/sh
# gov-report status and quarter as text: the columns stay aligned when a
# task is owed ten or more reports ("9/11" beside "6/7"); a history with
# nothing in it says so instead of printing nothing.  missing with no
# report missing prints nothing on purpose: the crontab of the man page
# mails its text with mail -E (no mail when empty).
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
S=$T_TOP/samples/plan
run $R plan load "$S/digital-tongliao-plan-rev2025.json"
run $R add "$S"/progress/*.jsonl
is "sample plan and progress loaded" "$RC" 0

run $R quarter 2025Q3 --format text
is "quarter: task 29 and 30 keep the title column" \
	"$(printf '%s\n' "$OUT" | grep -E '^(29|30) ')" \
"29   on-track      76% up            6/7  提升村务数字化管理水平
30   at-risk       20% up           9/11  推动乡村平台经济起步健康发展"

run $R status --format text
is "status: 0/11 is right-aligned with 0/7" \
	"$(printf '%s\n' "$OUT" | grep -E '^(28|30) ')" \
"28   on-track      53% no change     0/7  提升乡村数字化服务水平
30   at-risk       18% no change    0/11  推动乡村平台经济起步健康发展"

run $R history 2026Q4 --format text
is "history: nothing for 2026Q4, said" "$OUT" "no progress records for 2026Q4"
run $R history 2026Q4 --unit gongxinju --format text
is "history: nothing for 2026Q4 of a unit, said" "$OUT" \
	"no progress records for 2026Q4 of unit gongxinju"
run $R history 2026Q4 --format ndjson
is "history as ndjson: still no record at all" "$OUT" ""

M="$R --db mini.db"
run $M plan load "$(expected report-mini-plan.json)"
run $M add "$(expected report-mini-2025Q2.jsonl)"
run $M missing 2025Q2 --format text
is "missing: one report missing, listed" "$OUT" "测试行动方案: 2025 Q2
compiled 2025-10-15, reports due by 2025-07-05 (passed): 1 of 9 reports missing, from 1 of 5 units

missing 市农牧局 (c): 1"
echo '{"type":"progress","task":"1","unit":"c","quarter":"2025Q2","status":"on-track","percent":30,"reported":"2025-07-02"}' >c.jsonl
run $M add c.jsonl
run $M missing 2025Q2 --format text
is "missing: none, nothing printed (mail -E sends no mail)" "$OUT" ""
is "missing: exit 0" "$RC" 0
run $M missing 2025Q2 --format ndjson
is "missing as ndjson: still no record" "$OUT" ""

done_testing
