#!/bin/sh
# gov-report plan load: when the plan stored under the same id cannot be
# read (a database error in the look-up that says whether the plan is new,
# unchanged or updated), the run stops: exit 2, the database's message,
# no record, nothing loaded.  It was taken as "no such plan": the run went
# on and said 'loaded' of a plan stored already, exit 0.
# The fault: tests/data/fail-step.c, preloaded, stops that one query as a
# damaged database stops it (SQLITE_INTERRUPT, "interrupted"); the reads
# before and after it work.
. "$(dirname "$0")/lib.sh"

preload_build "$T_DIR/data/fail-step.c" ||
	fail "the fail-step library builds"
# failing SQL CMD...: CMD, the query SQL failing.
failing() {
	sql=$1
	shift
	FAIL_STEP_SQL=$sql LD_PRELOAD=$PRELOAD \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		run "$@"
}
STATE="SELECT json FROM report_plan WHERE id = ?"
PLAN=$(expected report-mini-plan.json)
R="gov-report --today $T_TODAY"

run $R plan load "$PLAN"
is "plan loaded" "$RC" 0

# the fault is in place: another query of the run is not touched
failing "SELECT 1 FROM nothing" $R --today 2025-10-16 plan load "$PLAN"
is "another query failing: the same plan unchanged, exit 0" "$RC:$OUT" \
	"0:{\"type\":\"plan\",\"plan\":\"mini\",\"title\":\"测试行动方案\",\"file\":\"$PLAN\",\"state\":\"unchanged\",\"tasks\":4,\"safeguards\":1,\"units\":5,\"milestones\":2,\"progress_kept\":0,\"progress_orphaned\":0}"
loaded=$(q "SELECT id, title, json, seq FROM report_plan")

for fmt in ndjson text; do
	failing "$STATE" $R --today 2025-10-17 plan load --format $fmt "$PLAN"
	is "stored plan unreadable, $fmt: exit 2, no record" "$RC:$OUT" "2:"
	is "... the database's message" "$ERR" \
		"gov-report: cannot read the stored plan: interrupted ('$GOVKIT_DB')"
	is "... nothing loaded" "$(q "SELECT id, title, json, seq FROM report_plan")" "$loaded"
	is "... not stored again that day" \
		"$(q "SELECT loaded_at FROM report_plan")" 2025-10-16
done
failing "$STATE" $R --today 2025-10-17 plan load -o load.jsonl "$PLAN"
is "stored plan unreadable, -o: exit 2" "$RC" 2
ok "... no -o file" test ! -e load.jsonl

# A plan never stored: the look-up fails all the same, nothing loaded.
sed 's/"id": "mini"/"id": "other"/' "$PLAN" >other.json
failing "$STATE" $R plan load other.json
is "new plan, look-up failing: exit 2, no record" "$RC:$OUT" "2:"
is "... not stored" "$(q "SELECT count(*) FROM report_plan WHERE id = 'other'")" 0

done_testing
