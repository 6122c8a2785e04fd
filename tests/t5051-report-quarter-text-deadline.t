#!/bin/sh
# gov-report quarter --format text: its missing section listed units as
# 'missing' or 'not yet due' but never said the deadline, so an officer
# reading the quarter's text could not tell when the reports were due,
# or how many were missing of those owed.  The section now opens with
# the line that missing --format text puts under its heading (one
# function, the same words): the day compiled, the deadline and whether
# it has passed, the reports missing of those owed, the units.  The
# records keep their shape.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

# the missing section: from the line after the units' table to the blank
# line before the summary
section() { printf '%s\n' "$OUT" | awk '/ owed /{u=1; next} u && /^$/{n++; next} n==1'; }

run gov-report --today 2025-10-06 quarter 2025Q3 --format text
is "2025-10-06: exit 0" "$RC" 0
is "2025-10-06: the section says the deadline, passed" "$(section)" \
	"compiled 2025-10-06, reports due by 2025-10-05 (passed): 4 of 10 reports missing, from 3 of 5 units
missing 市工信局 (b): 2
missing 市农牧局 (c): 1
missing 各旗县政府 (e): 3 S1"
line=$(printf '%s\n' "$OUT" | grep '^compiled ')
run gov-report --today 2025-10-06 missing 2025Q3 --format text
is "the same line as missing's heading" "$(printf '%s\n' "$OUT" | sed -n 2p)" "$line"

run gov-report --today 2025-10-06 --grace-days 10 quarter 2025Q3 --format text
is "--grace-days 10: not yet due" "$(section)" \
	"compiled 2025-10-06, reports due by 2025-10-10 (not yet due): 4 of 10 reports not yet received, from 3 of 5 units
not yet due 市工信局 (b): 2
not yet due 市农牧局 (c): 1
not yet due 各旗县政府 (e): 3 S1"

# Nothing missing: the line alone, saying so (the quarter's text is no
# mail sent only when something is missing).
cat >rest.jsonl <<'EOF2'
{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":40,"reported":"2025-10-04"}
{"type":"progress","task":"1","unit":"c","quarter":"2025Q3","status":"on-track","percent":40,"reported":"2025-10-04"}
{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":20,"reported":"2025-10-04"}
{"type":"progress","task":"S1","unit":"e","quarter":"2025Q3","status":"on-track","percent":80,"reported":"2025-10-04"}
EOF2
run $R add rest.jsonl
run gov-report --today 2025-10-06 quarter 2025Q3 --format text
is "nothing missing: the line alone" "$(section)" \
	"compiled 2025-10-06, reports due by 2025-10-05 (passed): 0 of 10 reports missing, from 0 of 5 units"
like "nothing missing: the summary follows" "$OUT" \
	'0 of 5 units

5 tasks: '

# The records: no such line, the same shape as before.
run gov-report --today 2025-10-06 quarter 2025Q3
is "ndjson: exit 0" "$RC" 0
unlike "ndjson: no text line" "$OUT" 'compiled '
is "ndjson: the records' keys unchanged" \
	"$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(",".join(r))' | sort -u)" \
	"type,plan,quarter,task,kind,section,title,active,status,percent,previous_status,previous_percent,trend,lead,units_owing,units_reported,units_missing,units,milestones,issues
type,plan,quarter,today,deadline,tasks,active,by_status,units_owing,units_missing,reports_owed,reports_received,reports_late,reports_missing,compliance,milestones
type,plan,quarter,unit,name,kind,owed,received,late,missing,rate,missing_tasks"

done_testing
