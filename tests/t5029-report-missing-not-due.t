#!/bin/sh
# gov-report missing before the quarter's deadline: a unit that has not
# reported yet is not late.  The records are the same (each carries its
# deadline); the text says "not yet due" instead of "missing", Markdown
# says the reports are not yet due, and --strict exits 0 until the
# deadline (the quarter's last day and the grace days) has passed.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

# 2025Q3 is due by 2025-10-05.  The day before, on it, and the day after.
run gov-report --today 2025-10-06 missing 2025Q3
after=$OUT
for d in 2025-10-04 2025-10-05; do
	run gov-report --today $d missing 2025Q3 --strict
	is "$d, before the deadline: --strict exits 0" "$RC" 0
	is "$d: the same records, with their deadline" "$OUT" "$after"
	run gov-report --today $d missing 2025Q3 --format text
	is "$d: text says not yet due" "$OUT" "测试行动方案: 2025 Q3
compiled $d, reports due by 2025-10-05 (not yet due): 4 of 10 reports not yet received, from 3 of 5 units

not yet due 市工信局 (b): 2
not yet due 市农牧局 (c): 1
not yet due 各旗县政府 (e): 3 S1"
done
like "the records name the deadline" "$after" '"unit":"b",.*"deadline":"2025-10-05"'
run gov-report --today 2025-10-06 missing 2025Q3 --strict
is "2025-10-06, the deadline passed: --strict exits 1" "$RC" 1
run gov-report --today 2025-10-06 missing 2025Q3 --format text
is "2025-10-06: text says missing" "$OUT" "测试行动方案: 2025 Q3
compiled 2025-10-06, reports due by 2025-10-05 (passed): 4 of 10 reports missing, from 3 of 5 units

missing 市工信局 (b): 2
missing 市农牧局 (c): 1
missing 各旗县政府 (e): 3 S1"

# The grace days move the deadline: none, and 2025-10-01 is past it.
run gov-report --today 2025-10-01 --grace-days 0 missing 2025Q3 --strict
is "--grace-days 0: past the quarter's last day, exit 1" "$RC" 1
run gov-report --today 2025-09-30 --grace-days 0 missing 2025Q3 --strict
is "--grace-days 0: on the quarter's last day, exit 0" "$RC" 0

# The current quarter, in the middle of it: nobody is late yet.
run $R missing current --strict
is "missing current --strict mid-quarter: exit 0" "$RC" 0
like "missing current: records still list who has not reported" "$OUT" '"quarter":"2025Q4","unit":"a",.*"deadline":"2026-01-05"'
run $R missing current --format text
like "missing current as text: not yet due" "$OUT" '^not yet due 市数据局 \(a\): 1 2$'
unlike "missing current as text: nobody missing" "$OUT" '^missing '

run gov-report --today 2025-10-04 missing 2025Q3 --format md --lang zh
is "Markdown before the deadline, zh" "$OUT" "# 测试行动方案 2025年第三季度工作落实情况

汇总日期 2025-10-04 · 报送截止 2025-10-05

## 未报送情况

尚未到报送截止日期(2025-10-05),以下为尚未报送的单位。

- 市工信局: 2 推进数据共享
- 市农牧局: 1 建设政务云
- 各旗县政府: 3 智慧农牧, S1 组织保障"
run gov-report --today 2025-10-04 missing 2025Q3 --format md --lang en
like "Markdown before the deadline, en" "$OUT" '^Not yet due: reports are due by 2025-10-05; these have not come in yet\.$'

# quarter's text lists them the same way.
run gov-report --today 2025-10-04 --format text quarter 2025Q3
like "quarter as text before the deadline: not yet due" "$OUT" '^not yet due 市工信局 \(b\): 2$'

# The workbook's summary says so under its title (the sheet of missing
# reports is the same list, each with its deadline).
a3() { py -c 'import openpyxl, sys; print(openpyxl.load_workbook(sys.argv[1])["汇总" if "汇总" in openpyxl.load_workbook(sys.argv[1]).sheetnames else "Summary"]["A3"].value)' "$1"; }
run gov-report --today 2025-10-05 quarter 2025Q3 --lang zh -o due.xlsx
is "workbook on the deadline: written" "$RC" 0
is "workbook on the deadline: not yet due" "$(a3 due.xlsx)" \
	"汇总日期 2025-10-05    报送截止 2025-10-05(尚未到报送截止日期,未报送的不属逾期)"
run gov-report --today 2025-10-05 quarter 2025Q3 --lang en -o due-en.xlsx
is "workbook on the deadline, en: not yet due" "$(a3 due-en.xlsx)" \
	"Compiled 2025-10-05    Reports due by 2025-10-05 (not yet due: the reports not received are not late)"
run gov-report --today 2025-10-06 quarter 2025Q3 --lang zh -o past.xlsx
is "workbook past the deadline: the dates only" "$(a3 past.xlsx)" \
	"汇总日期 2025-10-06    报送截止 2025-10-05"

done_testing
