#!/bin/sh
# The database's folder on a full disk: every tool exits 2 with a message
# that names the database and says why (the disk is full), not only
# SQLite's "disk I/O error"; nothing is stored, and once there is room
# again the same run does its work.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
[ "$T9_MOUNT_NS" = yes ] || skip_all "$T9_NO_MOUNT_NS"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
cp "$GOVKIT_DB" plan.db
printf '%s\n' '{"type":"finding","file":"a.csv","row":2}' >f.jsonl

# A database not made yet, in a folder on a full disk.
GOVKIT_DB=$SCRATCH/full/new.db full_disk full gov-submit --status
is "new database, full disk: exit 2" "$RC" 2
like "new database, full disk: named, and why" "$ERR" \
	"^gov-submit: .*'$SCRATCH/full/new.db'.*(disk is full|No space left on device)"

# An existing database, and no room left for its -wal and -shm files (a
# tmpfs of its own, in a mount namespace of its own, large enough for it).
full_db() {
	mkdir -p full
	unshare -m sh -c '
		mount -t tmpfs -o size=1m tmpfs full || exit 99
		cp plan.db full/govkit.db || exit 98
		head -c 2097152 /dev/zero >full/.fill 2>/dev/null
		"$@"; rc=$?
		rm -f full/.fill
		exit $rc' sh "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
}
export GOVKIT_DB=$SCRATCH/full/govkit.db
for cmd in "gov-submit f.jsonl" "gov-submit --status" \
	"gov-report add $(expected report-mini-2025Q3.jsonl)" \
	"gov-license revoke X-1 --reason r"; do
	full_db $cmd
	tool=${cmd%% *}
	is "$cmd: exit 2" "$RC" 2
	like "$cmd: named, and why" "$ERR" \
		"^$tool: .*'$SCRATCH/full/govkit.db'.*No space left on device"
done
# Room again: what the failed run left (a -shm that could not grow) does
# not stand in the way of the same run.
full_db sh -c 'gov-report add "$1"; rm -f full/.fill; gov-report add "$1"' sh \
	"$(expected report-mini-2025Q3.jsonl)"
is "room again: the same add, exit 0" "$RC" 0
like "room again: added once, nothing before" "$OUT" '^\{"type":"added",.*"records":[1-9][0-9]*,"replaced":0\}$'

done_testing
