#!/bin/sh
# gov-report add: an input added a second time (cron run again, the same
# file imported twice) replaces each report with itself.  A report
# without a 'reported' date of its own took the day it was added again as
# its date: an on-time report turned late.  Sent again unchanged it keeps
# the date of the report it replaces; changed, it is a new report, dated
# the day it is added.
. "$(dirname "$0")/lib.sh"

run gov-report plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

cat >q3.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":60,"summary":"联系人 13812345678","evidence":["验收报告.pdf"]}
{"type":"progress","task":"S1","unit":"a","quarter":"2025Q3","status":"done"}
J
run gov-report --today 2025-10-03 add q3.jsonl
is "added on 2025-10-03, on time" "$RC:$OUT" '0:{"type":"added","file":"q3.jsonl","records":2,"replaced":0}'
run gov-report --today 2025-11-20 add q3.jsonl
is "the same input again on 2025-11-20: both replaced" "$RC:$OUT" '0:{"type":"added","file":"q3.jsonl","records":2,"replaced":2}'

unit_a() { gov-report --today 2025-11-20 quarter 2025Q3 |
	grep '"type":"unit-compliance"' | grep '"unit":"a"' |
	sed 's/.*"received":\([0-9]*\),"late":\([0-9]*\).*/received \1 late \2/'; }
is "sent again unchanged: not late" "$(unit_a)" "received 2 late 0"
is "... its date kept, the day added again in the history" \
	"$(gov-report history 2025Q3 | grep '"current":true' |
		sed 's/.*"task":"\([^"]*\)".*"reported":"\([^"]*\)","current":true,"added":"\([^"]*\)".*/\1 \2 \3/')" \
	"1 2025-10-03 2025-11-20
S1 2025-10-03 2025-11-20"

# Changed (a correction sent after the deadline): dated the day added.
sed 's/"percent":60/"percent":65/' q3.jsonl >q3b.jsonl
run gov-report --today 2025-11-21 add q3b.jsonl
is "a changed report: added" "$RC" 0
is "the changed one is late, the unchanged one is not" "$(unit_a)" "received 2 late 1"
like "... dated 2025-11-21" "$(gov-report history 2025Q3 | grep '"current":true' | grep '"task":"1"')" '"reported":"2025-11-21"'

# A date of its own is the unit's: it is kept as given.
printf '%s\n' '{"type":"progress","task":"S1","unit":"a","quarter":"2025Q3","status":"done","reported":"2025-10-30"}' >own.jsonl
run gov-report --today 2025-11-22 add own.jsonl
like "a date of its own is kept" "$(gov-report history 2025Q3 | grep '"current":true' | grep '"task":"S1"')" '"reported":"2025-10-30"'

done_testing
