#!/bin/sh
# gov-report missing --format text, as the office's crontab mails it: the
# unit lines alone said neither the quarter nor the deadline, so that a
# mail for 2025Q3 could not be told from one for 2025Q4.  The text now
# opens with the plan and the quarter, then the day compiled, the
# deadline and whether it has passed, the reports missing of those owed
# and the units; the unit lines follow unchanged, and nothing at all is
# printed when nothing is missing (mail -E sends no mail).  The records
# keep their shape.
. "$(dirname "$0")/lib.sh"

# as cron runs it: LANG=C, no terminal, standard input closed
cron() {
	env -i PATH=/usr/bin:/bin LANG=C TZ=UTC XDG_DATA_HOME="$XDG_DATA_HOME" \
		XDG_CONFIG_HOME="$XDG_CONFIG_HOME" GOVKIT_DB="$GOVKIT_DB" \
		"$BIN/gov-report" "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" <&-
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
}

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

# The crontab's day, the 6th after the quarter: 2025Q3 is due by
# 2025-10-05, 4 of its 10 reports missing, from 3 of the 5 units owing.
cron --today 2025-10-06 missing previous --format text
is "2025-10-06: exit 0" "$RC" 0
is "2025-10-06: nothing on standard error" "$ERR" ""
is "2025-10-06: the quarter, the deadline passed, the totals, the units" "$OUT" \
	"测试行动方案: 2025 Q3
compiled 2025-10-06, reports due by 2025-10-05 (passed): 4 of 10 reports missing, from 3 of 5 units

missing 市工信局 (b): 2
missing 市农牧局 (c): 1
missing 各旗县政府 (e): 3 S1"
is "the unit lines as before, for grep" "$(printf '%s\n' "$OUT" | grep '^missing ')" \
	"missing 市工信局 (b): 2
missing 市农牧局 (c): 1
missing 各旗县政府 (e): 3 S1"

# A quarter later the mail is 2025Q4's: no report of it yet (S1, done in
# 2025Q3, owes none).
cron --today 2026-01-06 missing previous --format text
is "2026-01-06: 2025Q4's mail, told from 2025Q3's by its head" \
	"$(printf '%s\n' "$OUT" | head -2)" "测试行动方案: 2025 Q4
compiled 2026-01-06, reports due by 2026-01-05 (passed): 8 of 8 reports missing, from 5 of 5 units"

# Before the deadline (more grace days, or the current quarter), the head
# says so, as the unit lines do.
cron --today 2025-10-06 --grace-days 10 missing previous --format text
is "--grace-days 10: due by 2025-10-10, not yet due" \
	"$(printf '%s\n' "$OUT" | head -4)" "测试行动方案: 2025 Q3
compiled 2025-10-06, reports due by 2025-10-10 (not yet due): 4 of 10 reports not yet received, from 3 of 5 units

not yet due 市工信局 (b): 2"
cron --today 2025-10-05 missing 2025Q3 --format text
like "on the deadline itself: not yet due" "$OUT" \
	'^compiled 2025-10-05, reports due by 2025-10-05 \(not yet due\): '

# The quarter in the language of the labels, as in status and quarter.
run $R --lang zh missing 2025Q3 --format text
is "--lang zh: the quarter's Chinese label" "$(printf '%s\n' "$OUT" | head -1)" \
	"测试行动方案: 2025年第三季度"

# The records: no head, the same records as before.
run $R missing 2025Q3
same_file "ndjson: the records unchanged" "$SCRATCH/.out" "$(expected report-missing-2025Q3.jsonl)"

# Nothing missing: no text at all, not even the head.
cat >rest.jsonl <<'EOF'
{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":40,"reported":"2025-10-04"}
{"type":"progress","task":"1","unit":"c","quarter":"2025Q3","status":"on-track","percent":40,"reported":"2025-10-04"}
{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":20,"reported":"2025-10-04"}
{"type":"progress","task":"S1","unit":"e","quarter":"2025Q3","status":"on-track","percent":80,"reported":"2025-10-04"}
EOF
run $R add rest.jsonl
is "the rest of 2025Q3 added" "$RC" 0
cron --today 2025-10-06 missing previous --format text
is "nothing missing: exit 0" "$RC" 0
is "nothing missing: no text at all (mail -E sends no mail)" "$(wc -c <"$SCRATCH/.out")" 0

done_testing
