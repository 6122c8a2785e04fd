#!/bin/sh
# gov-report add: every validation rule, one finding each, nothing
# half-loaded; units by id, name or alias; replacement keeps history.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

count() { # current progress records of a quarter, from the summary
	$R quarter "$1" | sed -n 's/.*"reports_received":\([0-9]*\).*/\1/p'
}

# Units by id, by name and by alias.
cat >q2.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025Q2","status":"on-track","percent":40}
{"type":"progress","task":"1","unit":"市工信局","quarter":"2025Q2","status":"on-track","percent":30}
{"task":"2","unit":"工信局","quarter":"2025Q2","status":"按计划推进","percent":"35"}
{"type":"progress","task":"2","unit":"a","quarter":"2025Q2","status":"at-risk","percent":50,"reported":"2025-07-20"}
J
run $R add q2.jsonl
is "clean input exits 0" "$RC" 0
is "added record" "$OUT" '{"type":"added","file":"q2.jsonl","records":4,"replaced":0}'
is "nothing on stderr" "$ERR" ""
is "four reports stored" "$(count 2025Q2)" 4

# Every rule, one line each; the file as a whole is refused.
cat >bad.jsonl <<'J'
{"type":"progress","task":"1","unit":"b","quarter":"2025Q3","status":"on-track","percent":45}
{"type":"progress","task":"99","unit":"a","quarter":"2025Q3","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"市财政局","quarter":"2025Q3","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"d","quarter":"2025Q3","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"a","quarter":"2024Q4","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"a","quarter":"2025Q5","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"a","quarter":"2026Q2","status":"on-track","percent":10}
{"type":"progress","task":"4","unit":"d","quarter":"2025Q3","status":"on-track","percent":10}
{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"finished","percent":70}
{"type":"progress","task":"2","unit":"a","quarter":"2025Q3","status":"on-track","percent":120}
{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":"most"}
{"type":"progress","task":"1","unit":"c","quarter":"2025Q3","status":"done","percent":60}
{"type":"progress","task":"2","unit":"工信局","quarter":"2025Q3","status":"on-track","percent":20}
{"type":"progress","task":"1","unit":"b","quarter":"2025Q3","status":"on-track","percent":50}
{"type":"progress","unit":"a","quarter":"2025Q3","percent":50}
{"type":"finding","task":"1"}
{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","reported":"2025-10-40"}
{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","reported":"2025-11-01"}
{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track",
J
run $R add bad.jsonl
is "findings exit 1" "$RC" 1
same_file "one finding per problem" "$SCRATCH/.out" "$(expected report-add-findings.jsonl)"
is "stderr says nothing was added" "$ERR" "gov-report: bad.jsonl: 19 findings, nothing added from it"
is "the good first line was not added either" "$(count 2025Q3)" 0
run $R --format text add bad.jsonl
like "text findings: file:line: message" "$OUT" "^bad.jsonl:13: percent 20 is lower than the 35 reported for 2025Q2; give a 'reason'$"

# Going backwards with a reason is accepted.
printf '%s\n' '{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"at-risk","percent":20,"reason":"方案调整,部分系统重建"}' >back.jsonl
run $R add back.jsonl
is "backwards with a reason: accepted" "$RC" 0

# Each input stands alone: the clean one is added, the bad one not.
printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}' >good.jsonl
printf '%s\n' '{"type":"progress","task":"1","unit":"b","quarter":"2025Q3","status":"late","percent":60}' >bad1.jsonl
run $R add good.jsonl bad1.jsonl
is "one bad input: exit 1" "$RC" 1
like "good input added" "$OUT" '"type":"added","file":"good.jsonl","records":1'
unlike "bad input not added" "$OUT" '"file":"bad1.jsonl","records"'
is "two reports now in 2025Q3" "$(count 2025Q3)" 2

# Standard input, and a second report replacing the first with history.
printf '%s\n' '{"type":"progress","task":"1","unit":"数据局","quarter":"2025Q3","status":"at-risk","percent":65,"issues":"资金未到位"}' >again.jsonl
run_in again.jsonl $R add
is "replacement from stdin exits 0" "$RC" 0
is "replacement counted" "$OUT" '{"type":"added","file":"(stdin)","records":1,"replaced":1}'
run $R quarter 2025Q3
like "the new report counts" "$OUT" '"task":"1",.*"status":"at-risk","percent":65'
is "still two current reports" "$(count 2025Q3)" 2
hist=$(py - "$GOVKIT_DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT percent, status, superseded_by IS NULL FROM report_progress"
                  " WHERE task='1' AND unit='a' AND quarter='2025Q3' ORDER BY id").fetchall()
print(rows)
PY
)
is "history kept: first superseded, second current" "$hist" "[(60, 'on-track', 0), (65, 'at-risk', 1)]"

run $R history 2025Q3 --unit 数据局 --format text
is "history: both reports, the first marked replaced" "$OUT" "2025Q3 1    a                on-track      60%  added $T_TODAY  (replaced)
2025Q3 1    a                at-risk       65%  added $T_TODAY"
run $R history 2025Q3 --unit a
like "history records say which is current" "$OUT" '"percent":60,.*"current":false,"added":"2025-10-15","source":"good.jsonl"'
like "history records say which is current" "$(printf '%s\n' "$OUT" | tail -1)" '"percent":65,.*"current":true,"added":"2025-10-15","source":"\(stdin\)"'

# A member of the wrong JSON type: one finding, not a second "missing".
printf '%s\n' '{"type":"progress","task":["1"],"unit":"a","quarter":"2025Q3","status":{"s":1},"percent":60}' >types.jsonl
run $R --format text add types.jsonl
is "wrong JSON types: exit 1" "$RC" 1
is "wrong JSON types: one finding each" "$OUT" "types.jsonl:1: 'task' must be a string or a number
types.jsonl:1: 'status' must be a string or a number"

# A record of another plan.
printf '%s\n' '{"type":"progress","plan":"other","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":70}' >other.jsonl
run $R add other.jsonl
is "another plan's record: exit 1" "$RC" 1
like "another plan's record: named" "$OUT" "\"check\":\"plan\",.*record of plan 'other', not of 'mini'"

# A percent is written in decimal digits: strtod's other forms ("0x3C"
# for 60, "1e1" for 10, a sign) were taken as numbers.
cat >pct.jsonl <<'J'
{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","percent":"0x3C"}
{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":"1e1"}
{"type":"progress","task":"S1","unit":"a","quarter":"2025Q3","status":"on-track","percent":"+60"}
{"type":"progress","task":"S1","unit":"e","quarter":"2025Q3","status":"on-track","percent":"60.0%"}
J
run $R --format text add pct.jsonl
is "percent not in decimal digits: exit 1" "$RC" 1
is "percent not in decimal digits: one finding each" "$OUT" "pct.jsonl:1: percent '0x3C' is not a whole number from 0 to 100
pct.jsonl:2: percent '1e1' is not a whole number from 0 to 100
pct.jsonl:3: percent '+60' is not a whole number from 0 to 100"

# Missing input file.
run $R add nonexistent.jsonl
is "unreadable input exits 2" "$RC" 2
like "unreadable input named" "$ERR" "nonexistent.jsonl"

done_testing
