#!/bin/sh
# gov-report add says a file was added only once it is: when the commit
# itself fails (a database whose disk fills up while the records are
# being checked), it exits 2 and prints no "added" record, in either
# format, to standard output or -o.  And when the records saying what was
# added cannot be written after the commit (standard output full), what
# the commit stored is taken back, the reports it replaced current again.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
[ "$T9_MOUNT_NS" = yes ] || skip_all "$T9_NO_MOUNT_NS"

R="gov-report --today $T_TODAY"
Q2=$(expected report-mini-2025Q2.jsonl)
Q3=$(expected report-mini-2025Q3.jsonl)
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
cp "$GOVKIT_DB" plan.db

# commit_fails CMD...: CMD on a copy of plan.db whose commit fails (a full
# tmpfs of its own, t9lib.sh's commit_fails_on).  Sets RC, OUT, ERR; RC
# 99: no tmpfs could be mounted here.
commit_fails() { commit_fails_on plan.db "SELECT 1" "$@"; }

commit_fails true
if [ "$RC" = 99 ]; then
	pass "# SKIP no tmpfs in a mount namespace here"
	done_testing
fi

for fmt in ndjson text; do
	commit_fails $R add --format $fmt "$Q3"
	is "commit fails, $fmt: exit 2" "$RC" 2
	is "commit fails, $fmt: nothing said added" "$OUT" ""
	is "commit fails, $fmt: the database named, and why" "$ERR" \
		"gov-report: database: database or disk is full ('$SCRATCH/full/govkit.db')"
done
commit_fails $R add "$Q2" "$Q3"
is "commit fails, two files: exit 2" "$RC" 2
is "commit fails, two files: nothing said added" "$OUT" ""
commit_fails $R add -o "$SCRATCH/added.jsonl" "$Q3"
is "commit fails, -o: exit 2" "$RC" 2
no_output "commit fails, -o: no file" "$SCRATCH/added.jsonl"

# Standard output full after the commit: taken back, replaced reports too.
run $R add "$Q3"
is "Q3 added" "$RC" 0
before=$(q 'SELECT id, superseded_by FROM report_progress ORDER BY id')
lost full $R add "$Q3"
is "output full, replacing: exit 2" "$RC" 2
is "output full, replacing: said once" "$ERR" "gov-report: $msg_full"
is "output full, replacing: the earlier reports current again, nothing added" \
	"$(q 'SELECT id, superseded_by FROM report_progress ORDER BY id')" "$before"
lost full $R add --format text "$Q2" "$Q3"
is "output full, text, two files: exit 2" "$RC" 2
is "output full, text, two files: nothing added" \
	"$(q 'SELECT id, superseded_by FROM report_progress ORDER BY id')" "$before"
# the same file twice: the second replaces the first, both taken back
lost full $R add "$Q3" "$Q3"
is "output full, one file twice: exit 2" "$RC" 2
is "output full, one file twice: nothing added" \
	"$(q 'SELECT id, superseded_by FROM report_progress ORDER BY id')" "$before"
run $R add "$Q3"
is "then: added once, replacing the first" "$OUT" \
	"{\"type\":\"added\",\"file\":\"$Q3\",\"records\":6,\"replaced\":6}"

done_testing
