#!/bin/sh
# gov-report --format md: text from the plan and the reports (titles,
# names, targets, issues) with line breaks, |, a leading #, -, +, 1. or
# inline markup stays inert: no heading, list item or table cell of its
# own (man/gov-report.1, --format).
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
cat >plan.json <<'J'
{"plan": {"id": "md", "title": "# 方案 | _一_", "issued": "2025-01-10",
          "start": "2025Q1", "end": "2025Q4"},
 "units": [{"id": "a", "name": "数据局 | 一处", "aliases": [], "kind": "department"},
           {"id": "b", "name": "- 工信局\n## 伪标题", "aliases": [], "kind": "department"}],
 "tasks": [{"id": "1", "section": "一", "title": "1. 建设*政务云*",
            "lead": ["a"], "cooperating": ["b"],
            "milestones": [{"due": "2025Q2", "target": "<b>上线</b> [链接](http://x) `code`"}]},
           {"id": "2", "section": "一", "title": "+ 共享 & 交换", "lead": ["b"],
            "cooperating": [], "milestones": []}],
 "safeguards": []}
J
run $R plan load plan.json
is "plan loaded" "$RC" 0
printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"delayed","percent":25,"issues":"电力 | 审批\r\n## 注入标题\n- item\n1. 第一 > 引用 \\ 反斜杠 电话13812345678"}' >p.jsonl
run $R add p.jsonl
is "report added" "$RC" 0

run $R quarter 2025Q3 --format md --lang en -o q.md
is "quarter md: exit 0" "$RC" 0
same_file "quarter md: every piece of text inert" q.md "$(expected report-md-inert.en.md)"
is "quarter md: only gov-report's headings" "$(grep '^#' q.md)" \
'# \# 方案 \| \_一\_: progress report, 2025 Q3
## Summary
## Needs attention
## Tasks
## Milestones
## Reporting by unit
## Missing reports'
is "quarter md: every table row has its cells" \
	"$(grep '^|' q.md | sed 's/\\|//g' | awk -F'|' '{print NF}' | sort -u | tr '\n' ' ')" \
	"6 8 9 "

run $R missing 2025Q3 --format md --lang zh
is "missing md: exit 0" "$RC" 0
is "missing md: inert" "$OUT" \
'# \# 方案 \| \_一\_ 2025年第三季度工作落实情况

汇总日期 2025-10-15 · 报送截止 2025-10-05

## 未报送情况

- \- 工信局 \#\# 伪标题: 1 1\. 建设\*政务云\*, 2 \+ 共享 \& 交换'

# a bidirectional override (U+202E) in a report is a space too, as in the
# text form: the rest of the line would read reversed ("Trojan Source")
printf '%s\n' '{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"delayed","percent":10,"issues":"付款\u202e审批未完"}' >bidi.jsonl
run $R add bidi.jsonl
is "bidi report added" "$RC" 0
run $R quarter 2025Q3 --format md --lang zh
ok "quarter md: no U+202E left" sh -c "! printf '%s' \"\$1\" | grep -q \"\$(printf '\\342\\200\\256')\"" - "$OUT"
like "quarter md: the override a space" "$OUT" '付款 审批未完'
done_testing
