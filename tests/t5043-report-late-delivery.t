#!/bin/sh
# A report that comes in after its quarter was delivered (a late unit, a
# correction) must not miss the central platform.  add without --submit
# says so, once per quarter, with the command that delivers it; the next
# quarter's crontab run (quarter previous --submit) delivers it too, and
# says so.  A quarter never delivered is left alone.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

R="gov-report --today 2025-10-15"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

server_start
run $R quarter 2025Q3 --submit -o q.md
is "2025Q3 delivered: exit 0" "$RC" 0
is "2025Q3 delivered: six sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":6,"sent":6,"rejected":0,"pending":0}'

# After the delivery: a late report and a correction, without --submit.
R="gov-report --today 2025-10-25"
printf '%s\n' \
	'{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":45,"reported":"2025-10-24"}' \
	'{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","percent":5,"reported":"2025-10-24"}' >late.jsonl
run $R add late.jsonl
is "late add: exit 0" "$RC" 0
is "late add: added" "$OUT" '{"type":"added","file":"late.jsonl","records":2,"replaced":1}'
is "late add: said once, with the command" "$ERR" \
	"gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db $(shq "$GOVKIT_DB") quarter 2025Q3 --submit"
is "late add: nothing sent" "$(server_records progress | wc -l)" 6

# A quarter never delivered: nothing to say.
printf '%s\n' '{"type":"progress","task":"1","unit":"c","quarter":"2025Q2","status":"on-track","percent":10,"reported":"2025-07-02"}' >q2.jsonl
run $R add q2.jsonl
is "add to an undelivered quarter: exit 0" "$RC" 0
is "add to an undelivered quarter: nothing said" "$ERR" ""

# The next quarter's crontab run delivers 2025Q4 and the late two of
# 2025Q3, not 2025Q2, which was never delivered.
R="gov-report --today 2026-01-06"
printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q4","status":"on-track","percent":70,"reported":"2026-01-03"}' >q4.jsonl
run $R add q4.jsonl
is "2025Q4 added: nothing said" "$ERR" ""
run $R quarter previous --submit -o q.md
is "crontab run: exit 0" "$RC" 0
is "crontab run: three sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":3,"sent":3,"rejected":0,"pending":0}'
is "crontab run: says what it caught up" "$ERR" \
	"gov-report: 2025Q3: 2 progress records added since it was delivered, queued too"
got=$(server_records progress | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["quarter"], r["task"], r["unit"], r["status"], r.get("percent"))')
is "the server holds the late report and the correction" "$got" "2025Q3 1 a on-track 60
2025Q3 1 b on-track 50
2025Q3 2 a delayed 55
2025Q3 2 d on-track 30
2025Q3 3 c not-started 0
2025Q3 S1 a done 100
2025Q3 2 b on-track 45
2025Q3 3 c on-track 5
2025Q4 1 a on-track 70"
run $R quarter previous --submit -o q.md
is "crontab run again: nothing queued" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":0,"rejected":0,"pending":0}'
is "crontab run again: nothing said" "$ERR" ""

# The same input again is delivered already: nothing to say.
run $R add late.jsonl
is "delivered input again: exit 0" "$RC" 0
is "delivered input again: nothing said" "$ERR" ""

# The correction of a quarter's only report: the quarter is known as
# delivered by the report it replaces.
printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q4","status":"on-track","percent":75,"reported":"2026-01-05"}' >fix4.jsonl
run $R --plan mini add fix4.jsonl
is "correction of 2025Q4's only report: exit 0" "$RC" 0
is "correction of 2025Q4's only report: said" "$ERR" \
	"gov-report: 2025Q4 was delivered to the central platform, but not the 1 progress record just added to it; to deliver it, run: gov-report --db $(shq "$GOVKIT_DB") --plan mini quarter 2025Q4 --submit"
run $R --plan mini quarter 2025Q4 --submit -o q.md
is "2025Q4 again: the correction sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":1,"sent":1,"rejected":0,"pending":0}'
like "2025Q4 again: the server has it" "$(server_records progress | tail -1)" '"quarter":"2025Q4","status":"on-track","percent":75'


# A run on another database (--db): the command it prints names that
# database, or it would deliver from the default one, which has none of
# this plan's reports.
D="gov-report --db other.db --today 2025-10-15"
run $D plan load "$(expected report-mini-plan.json)"
run $D add "$(expected report-mini-2025Q3.jsonl)"
run $D quarter 2025Q3 --submit -o q.md
is "--db: 2025Q3 delivered from other.db" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":6,"sent":6,"rejected":0,"pending":0}'
run gov-report --db other.db --today 2025-10-25 add late.jsonl
is "--db: late add said, the command naming the database" "$RC:$ERR" \
	"0:gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db $(shq "$PWD/other.db") quarter 2025Q3 --submit"
run gov-report --db other.db quarter 2025Q3 --submit -o q.md
is "--db: the command as printed delivers them" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":2,"sent":2,"rejected":0,"pending":0}'

# A database GOVKIT_DB chose (a crontab's) is named too: the officer
# pastes the command into a shell that may not have GOVKIT_DB.
E=$PWD/env.db
GOVKIT_DB=$E run gov-report --today 2025-10-15 plan load "$(expected report-mini-plan.json)"
GOVKIT_DB=$E run gov-report --today 2025-10-15 add "$(expected report-mini-2025Q3.jsonl)"
GOVKIT_DB=$E run gov-report --today 2025-10-15 quarter 2025Q3 --submit -o q.md
is "GOVKIT_DB: 2025Q3 delivered from env.db" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":6,"sent":6,"rejected":0,"pending":0}'
GOVKIT_DB=$E run gov-report --today 2025-10-25 add late.jsonl
is "GOVKIT_DB: late add said, the command naming the database" "$RC:$ERR" \
	"0:gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db $(shq "$E") quarter 2025Q3 --submit"
run env -u GOVKIT_DB sh -c "${ERR##*run: } -o q.md"
is "GOVKIT_DB: the command as printed, in a shell without it, delivers them" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":2,"sent":2,"rejected":0,"pending":0}'

# A relative database (GOVKIT_DB=rel.db, a crontab run in its folder) is
# named by its absolute path: pasted in another folder it is the same.
mkdir cron && cd cron
GOVKIT_DB=rel.db run gov-report --today 2025-10-15 plan load "$(expected report-mini-plan.json)"
GOVKIT_DB=rel.db run gov-report --today 2025-10-15 add "$(expected report-mini-2025Q3.jsonl)"
GOVKIT_DB=rel.db run gov-report --today 2025-10-15 quarter 2025Q3 --submit -o q.md
GOVKIT_DB=rel.db run gov-report --today 2025-10-25 add ../late.jsonl
is "relative GOVKIT_DB: the command names it absolute" "$RC:$ERR" \
	"0:gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db $(shq "$PWD/rel.db") quarter 2025Q3 --submit"
cd ..
run env -u GOVKIT_DB sh -c "${ERR##*run: } -o q.md"
is "relative GOVKIT_DB: the command as printed, in another folder, delivers them" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":2,"sent":2,"rejected":0,"pending":0}'

done_testing
