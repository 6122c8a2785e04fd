#!/bin/sh
# gov-report --submit without an API: records an earlier run queued are
# still waiting, so a later run says so and exits 3, as gov-submit does.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

run $R quarter 2025Q3 --submit -o q.md
is "first run: exit 3" "$RC" 3
is "first run: submit record" "$OUT" '{"type":"submit","endpoint":"progress","queued":6,"sent":0,"rejected":0,"pending":6}'

# Nothing new to queue, but the six still wait.
run $R quarter 2025Q3 --submit -o q.md
is "again: exit 3, still queued" "$RC" 3
is "again: says what waits" "$ERR" "gov-report: no central API configured (GOVKIT_API); 6 records kept queued"
is "again: pending counts the queue" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":0,"rejected":0,"pending":6}'

# add --submit of one new record: it and the six wait.
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
run $R add --submit e.jsonl
is "add --submit: exit 3" "$RC" 3
like "add --submit: pending counts the queue" "$OUT" '"type":"submit","endpoint":"progress","queued":1,"sent":0,"rejected":0,"pending":7'

run gov-submit --status --format ndjson
like "gov-submit agrees" "$OUT" '"endpoint":"progress","pending":7'

done_testing
