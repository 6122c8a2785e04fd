#!/bin/sh
# gov-report quarter --submit run twice at once on one database (cron's
# run overlapping a person's): each progress record is queued once, so it
# is delivered once, whichever run finds it new.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$T_TOP/samples/plan/digital-tongliao-plan.json"
is "plan loaded" "$RC" 0
run $R add "$T_TOP"/samples/plan/progress/2025Q2.jsonl "$T_TOP"/samples/plan/progress/2025Q3.jsonl
is "reports added" "$RC" 0
cp "$GOVKIT_DB" base.db
n=$($R history 2025Q3 --format ndjson | grep -c '"current":true')
is "the quarter's reports" "$n" 137

for i in 1 2 3 4 5; do
	cp base.db r$i.db
	$R --db r$i.db quarter 2025Q3 --submit >a$i.out 2>a$i.err </dev/null &
	a=$!
	$R --db r$i.db quarter 2025Q3 --submit >b$i.out 2>b$i.err </dev/null &
	b=$!
	wait $a; ra=$?
	wait $b; rb=$?
	is "round $i: both runs keep the records queued (exit 3)" "$ra $rb" "3 3"
	pending=$(gov-submit --db r$i.db --status --format ndjson | grep '"type":"outbox"' |
		sed 's/.*"pending":\([0-9]*\).*/\1/')
	is "round $i: each record queued once" "$pending" "$n"
	queued=$(cat a$i.out b$i.out | sed -n 's/.*"queued":\([0-9]*\).*/\1/p' | sort -n | tr '\n' ' ')
	is "round $i: one run queued them, the other none" "$queued" "0 $n "
done

done_testing
