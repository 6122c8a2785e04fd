#!/bin/sh
# gov-report plan load: when the progress records kept under the plan
# cannot be read (a database error while counting them for the 'plan'
# record's progress_kept and progress_orphaned), the run stops: exit 2,
# the database's message, no record, nothing loaded.  The count stopped
# at the error and the record said fewer records kept than there are
# (none, here), exit 0.
# The fault: tests/data/fail-step.c, preloaded, stops that one query as a
# damaged database stops it (SQLITE_INTERRUPT, "interrupted").
. "$(dirname "$0")/lib.sh"

preload_build "$T_DIR/data/fail-step.c" ||
	fail "the fail-step library builds"
KEPT="SELECT task, unit FROM report_progress WHERE plan = ? AND superseded_by IS NULL"
PLAN=$(expected report-mini-plan.json)
R="gov-report --today $T_TODAY"

run $R plan load "$PLAN"
run $R add "$(expected report-mini-2025Q3.jsonl)"
is "plan and 2025Q3 added" "$RC" 0
sed 's/测试行动方案/改过的方案/' "$PLAN" >changed.json
before=$(q "SELECT id, title, json, loaded_at, seq FROM report_plan")

FAIL_STEP_SQL=$KEPT LD_PRELOAD=$PRELOAD \
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	run $R --today 2025-10-16 plan load changed.json
is "progress unreadable: exit 2, no record" "$RC:$OUT" "2:"
is "... the database's message" "$ERR" \
	"gov-report: cannot read progress: interrupted ('$GOVKIT_DB')"
is "... nothing loaded" "$(q "SELECT id, title, json, loaded_at, seq FROM report_plan")" "$before"

run $R --today 2025-10-16 plan load changed.json
like "without the fault: updated, every report kept" "$OUT" \
	'"state":"updated",.*"progress_kept":6,"progress_orphaned":0\}$'

done_testing
