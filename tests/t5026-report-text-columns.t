#!/bin/sh
# gov-report status and quarter as text: the columns stay aligned when a
# task is owed ten or more reports ("9/11" beside "6/7").
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

done_testing
