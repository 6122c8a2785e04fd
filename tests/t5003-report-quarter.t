#!/bin/sh
# gov-report quarter, missing, status: records, Markdown, --strict,
# --quarter previous, the same quarter compiled twice.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

# Missing reports for 2025Q3, computed by hand in the expected file:
# task 1 (lead a; b, c), 2 (lead a, b; d), 3 (lead c; e), S1 (lead a; e);
# task 4 ended in 2025Q2.  Received: 1/a 1/b 2/a 2/d 3/c S1/a.
run $R missing 2025Q3
is "missing exits 0 without --strict" "$RC" 0
same_file "missing 2025Q3 as computed by hand" "$SCRATCH/.out" "$(expected report-missing-2025Q3.jsonl)"
run $R missing previous
same_file "missing previous = 2025Q3 on $T_TODAY" "$SCRATCH/.out" "$(expected report-missing-2025Q3.jsonl)"
run $R missing --quarter previous
same_file "--quarter previous" "$SCRATCH/.out" "$(expected report-missing-2025Q3.jsonl)"
run $R missing 2025Q3 --strict
is "--strict with missing reports exits 1" "$RC" 1
is "--strict: nothing on stderr" "$ERR" ""
run $R --format text missing 2025Q3
is "missing as text" "$OUT" "测试行动方案: 2025 Q3
compiled 2025-10-15, reports due by 2025-10-05 (passed): 4 of 10 reports missing, from 3 of 5 units

missing 市工信局 (b): 2
missing 市农牧局 (c): 1
missing 各旗县政府 (e): 3 S1"
run $R missing 2025Q3 --format md --lang zh
is "missing as Markdown" "$OUT" "# 测试行动方案 2025年第三季度工作落实情况

汇总日期 2025-10-15 · 报送截止 2025-10-05

## 未报送情况

- 市工信局: 2 推进数据共享
- 市农牧局: 1 建设政务云
- 各旗县政府: 3 智慧农牧, S1 组织保障"
run $R missing 2025Q2 --strict
is "2025Q2: c and the groups missing, exit 1" "$RC" 1
like "2025Q2: unit c owes task 1" "$OUT" '"unit":"c".*"task":"1"'

run $R quarter 2025Q3
is "quarter exits 0" "$RC" 0
same_file "quarter records" "$SCRATCH/.out" "$(expected report-quarter-2025Q3.jsonl)"
cp "$SCRATCH/.out" first.jsonl
run $R quarter 2025Q3
same_file "compiled twice: identical records" "$SCRATCH/.out" first.jsonl
like "trend up from 2025Q2" "$OUT" '"task":"1".*"percent":60,"previous_status":"on-track","previous_percent":40,"trend":"up"'
like "milestone overdue" "$OUT" '"due":"2025Q2","target":"政务云上线","state":"overdue"'
like "late report counted" "$OUT" '"unit":"d","name":"市公安局","kind":"department","owed":1,"received":1,"late":1'
like "summary" "$OUT" '"reports_owed":10,"reports_received":6,"reports_late":1,"reports_missing":4,"compliance":60,'

run $R quarter 2025Q3 --grace-days 12
like "--grace-days 12: nothing late" "$OUT" '"reports_late":0'

run $R quarter 2025Q3 --format md --lang zh
same_file "Markdown, Chinese" "$SCRATCH/.out" "$(expected report-quarter-2025Q3.zh.md)"
run $R quarter 2025Q3 --format md --lang en
same_file "Markdown, English" "$SCRATCH/.out" "$(expected report-quarter-2025Q3.en.md)"
LC_ALL=zh_CN.UTF-8 run $R quarter 2025Q3 --format md
same_file "Chinese by default in a Chinese locale" "$SCRATCH/.out" "$(expected report-quarter-2025Q3.zh.md)"
run $R quarter 2025Q3 -o report.md
is "-o FILE.md exits 0" "$RC" 0
is "-o: nothing on stdout" "$OUT" ""
same_file "-o FILE.md writes Markdown" report.md "$(expected report-quarter-2025Q3.en.md)"
run $R quarter 2025Q3 -o report.jsonl
same_file "-o FILE.jsonl writes records" report.jsonl "$(expected report-quarter-2025Q3.jsonl)"

run $R --today 2025-11-20 status
is "status exits 0" "$RC" 0
like "status: each unit's latest report" "$OUT" '"task":"2",.*"status":"delayed","percent":48,'
like "status ends with a summary" "$(printf '%s\n' "$OUT" | tail -1)" '^\{"type":"summary","plan":"mini","quarter":"2025Q4"'
run $R status --quarter 2025Q3 --format text
like "status as text" "$OUT" '^1    on-track      60% up'

run gov-report --today 2030-01-01 status
like "status after the plan's end: its last quarter" "$(printf '%s\n' "$OUT" | tail -1)" '"quarter":"2026Q4"'

run $R quarter 2024Q4
is "quarter outside the plan exits 2" "$RC" 2
is "quarter outside the plan: message" "$ERR" "gov-report: quarter 2024Q4 is outside plan 'mini' (2025Q1 to 2026Q4)"
run $R quarter 2025Q9
is "bad quarter exits 2" "$RC" 2
like "bad quarter: message" "$ERR" "invalid quarter '2025Q9'"
run $R quarter
is "no quarter: usage error" "$RC" 2
run $R quarter 2025Q3 --format md -o x.xlsx
is "md and xlsx together: usage error" "$RC" 2

done_testing
