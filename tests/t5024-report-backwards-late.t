#!/bin/sh
# gov-report add: progress lower than the quarter before needs a reason,
# whichever report comes first.  Only the report for the later quarter was
# checked, against the earlier one: the same two reports were refused in
# quarter order and accepted out of it (a late report for the earlier
# quarter, or lines out of order), leaving a report lower than the one
# before it without a reason.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

q2='{"type":"progress","task":"1","unit":"a","quarter":"2025Q2","status":"on-track","percent":80}'
q3='{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}'
q3r='{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"at-risk","percent":60,"reason":"方案调整"}'

printf '%s\n' "$q2" "$q3" >in-order.jsonl
run $R add in-order.jsonl
is "in quarter order: refused" "$RC" 1
is "... on the later quarter's line" "$(finding_lines row check)" \
	"2 percent-backwards | percent 60 is lower than the 80 reported for 2025Q2; give a 'reason'"

printf '%s\n' "$q3" "$q2" >out-of-order.jsonl
run $R add out-of-order.jsonl
is "out of order: refused too" "$RC" 1
is "... on the earlier quarter's line" "$(finding_lines row field check value)" \
	"2 percent percent-backwards 80 | percent 80 is higher than the 60 reported for 2025Q3, which gives no 'reason'"

# The later quarter stored first, the earlier one arrives late.
printf '%s\n' "$q3" >q3.jsonl
printf '%s\n' "$q2" >q2.jsonl
run $R add q3.jsonl
is "2025Q3 alone: added" "$RC" 0
run $R add q2.jsonl
is "2025Q2 late, higher: refused" "$RC" 1
is "... naming the stored later report" "$(finding_lines row check)" \
	"1 percent-backwards | percent 80 is higher than the 60 reported for 2025Q3, which gives no 'reason'"
is "... nothing added" "$(gov-report history 2025Q2 | wc -l)" 0

# Sent with the later report given a reason (replacing the stored one),
# in either order: accepted.
printf '%s\n' "$q2" "$q3r" >fixed.jsonl
run $R add fixed.jsonl
is "with a reason for the later quarter: added" "$RC:$ERR" "0:"
printf '%s\n' "$q3r" "$q2" >fixed2.jsonl
run $R add fixed2.jsonl
is "... in the other order too" "$RC:$ERR" "0:"

# Not lower: nothing to explain.
printf '%s\n' '{"type":"progress","task":"2","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}' \
	'{"type":"progress","task":"2","unit":"a","quarter":"2025Q2","status":"on-track","percent":60}' >flat.jsonl
run $R add flat.jsonl
is "the same percent out of order: added" "$RC" 0

# A stored report replaced by one later in the same input: the later
# quarter is judged against the replacement, not the stored report (the
# line for 2025Q3 was refused against the stored 80 that the input's
# own 2025Q2 of 50 replaces).
q2t5='{"type":"progress","task":"S1","unit":"a","quarter":"2025Q2","status":"on-track","percent":80}'
q3t5='{"type":"progress","task":"S1","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}'
q2t5fix='{"type":"progress","task":"S1","unit":"a","quarter":"2025Q2","status":"on-track","percent":50}'
printf '%s\n' "$q2t5" >t5-q2.jsonl
run $R add t5-q2.jsonl
is "task S1, 2025Q2 at 80: added" "$RC" 0
printf '%s\n' "$q3t5" "$q2t5fix" >t5-fix.jsonl
run $R add t5-fix.jsonl
is "2025Q3 at 60 with 2025Q2 corrected to 50 after it: added" "$RC:$ERR" "0:"
is "... 2025Q2 now 50" "$(gov-report history 2025Q2 | grep '"current":true' | grep '"task":"S1"' | grep -o '"percent":[0-9]*')" '"percent":50'
# and the same with the corrected report still higher: refused, once,
# against the corrected report
q2t6='{"type":"progress","task":"2","unit":"b","quarter":"2025Q2","status":"on-track","percent":40}'
q3t6='{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":60}'
q2t6fix='{"type":"progress","task":"2","unit":"b","quarter":"2025Q2","status":"on-track","percent":70}'
printf '%s\n' "$q2t6" >t6-q2.jsonl
run $R add t6-q2.jsonl
printf '%s\n' "$q3t6" "$q2t6fix" >t6-fix.jsonl
run $R add t6-fix.jsonl
is "corrected 2025Q2 above 2025Q3: refused" "$RC" 1
is "... one finding, on the corrected line" "$(finding_lines row check)" \
	"2 percent-backwards | percent 70 is higher than the 60 reported for 2025Q3, which gives no 'reason'"

done_testing
