#!/bin/sh
# Every command that stores something and prints records saying so prints
# them only once its commit is done, as gov-report add does (t9141): when
# the commit fails (the database's disk fills up) it exits 2, names the
# database, and prints no record that claims storage.  And when those
# records cannot be written after the commit (standard output full, the
# -o file not renamed into place), what the commit stored is taken back:
# exit 2 and the database as it was, so that running it again does the
# work once.  gov-report plan load, gov-license revoke and sync,
# gov-catalog add and demand add, gov-check --track (whose -o file is put
# in place after its commit), and gov-report add -o.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
. "$T_DIR/server.sh"
[ "$T9_MOUNT_NS" = yes ] || skip_all "$T9_NO_MOUNT_NS"

# Everything these commands store, in one dump.
ALL="SELECT * FROM report_plan ORDER BY id;
SELECT id, superseded_by FROM report_progress ORDER BY id;
SELECT * FROM license_revocation ORDER BY license_no;
SELECT * FROM license_sync;
SELECT * FROM license_writes;
SELECT * FROM catalog_entry ORDER BY code;
SELECT * FROM catalog_item ORDER BY code, seq;
SELECT * FROM catalog_demand ORDER BY id;
SELECT * FROM catalog_history ORDER BY id;
SELECT * FROM sqlite_sequence ORDER BY name;
SELECT * FROM check_file ORDER BY id;
SELECT * FROM check_finding ORDER BY file_id, fingerprint;"
full_msg="database: database or disk is full ('$SCRATCH/full/govkit.db')"

R="gov-report --today $T_TODAY"
PLAN=$(expected report-mini-plan.json)
Q2=$(expected report-mini-2025Q2.jsonl)
Q3=$(expected report-mini-2025Q3.jsonl)
sed 's/测试行动方案/改过的方案/' "$PLAN" >changed.json
cat >e.jsonl <<'EOF'
{"type":"entry","code":"101/001","name":"人口","provider":"公安局","items":[{"name":"姓名","type":"C"},{"name":"证号","type":"C"}],"share_type":"unconditional","update_cycle":"daily"}
EOF
cat >e2.jsonl <<'EOF'
{"type":"entry","code":"101/001","name":"人口库","items":[{"name":"姓名","type":"C"}]}
{"type":"entry","code":"101/002","name":"法人","provider":"市场局","share_type":"unconditional"}
{"type":"entry","code":"101/001","summary":"twice in one run"}
EOF
cat >d.jsonl <<'EOF'
{"type":"demand","unit":"u1","need":"n1","items":["姓名"]}
EOF
cat >d2.jsonl <<'EOF'
{"type":"demand","id":"D-0001","unit":"u1","need":"n1, changed","items":["姓名"]}
{"type":"demand","unit":"u2","need":"n2"}
EOF
printf 'a,b\n1,2\n1,2\n,\n3\n' >data.csv

# The database every check starts from: something of each kind stored.
run $R plan load "$PLAN"
is "plan loaded" "$RC" 0
run $R add "$Q3"
is "Q3 added" "$RC" 0
run gov-license revoke L-1 --reason first --date 2025-01-02
is "L-1 revoked" "$RC" 0
run gov-catalog add e.jsonl
is "an entry added" "$RC" 0
run gov-catalog demand add d.jsonl
is "a demand added" "$RC" 0
run gov-check --track data.csv
is "data.csv tracked" "$RC" 1
printf 'a,b\n1,2\n3,4\n5\n' >data.csv # three findings go, one comes
cp "$GOVKIT_DB" base.db
BASE=$(q "$ALL")

commit_fails_on base.db "SELECT 1" true
if [ "$RC" = 99 ]; then
	pass "# SKIP no tmpfs in a mount namespace here"
	done_testing
fi

# commit_case NAME TOOL CMD...: the commit of CMD fails.
commit_case() {
	_n=$1 _tool=$2
	shift 2
	commit_fails_on base.db "$ALL" "$@"
	is "$_n, commit fails: exit 2" "$RC" 2
	is "$_n, commit fails: nothing said stored" "$OUT" ""
	is "$_n, commit fails: the database named, and why" "$ERR" \
		"$_tool: $full_msg"
	is "$_n, commit fails: the database as it was" "$AFTER" "$BASE"
}

# fresh: the database as every check starts from, whatever one before
# left (a check that failed leaves none of its harm to the next).
fresh() { rm -f "$GOVKIT_DB-wal" "$GOVKIT_DB-shm"; cp base.db "$GOVKIT_DB"; }

# lost_case NAME TOOL CMD...: standard output full after the commit.
lost_case() {
	_n=$1 _tool=$2
	shift 2
	fresh
	lost full "$@"
	is "$_n, output full: exit 2" "$RC" 2
	is "$_n, output full: said once" "$ERR" "$_tool: $msg_full"
	is "$_n, output full: taken back, the database as it was" \
		"$(q "$ALL")" "$BASE"
}

# rename_case NAME TOOL CMD...: CMD -o out.jsonl, the rename failing.
rename_case() {
	_n=$1 _tool=$2
	shift 2
	fresh
	rename_fails out.jsonl "$@" -o out.jsonl
	is "$_n, -o not put in place: exit 2" "$RC" 2
	is "$_n, -o not put in place: said" "$ERR" \
		"$_tool: unable to rename into 'out.jsonl': $msg_busy"
	is "$_n, -o not put in place: taken back, the database as it was" \
		"$(q "$ALL")" "$BASE"
	rm -f out.jsonl
}

# ---- gov-report plan load
commit_case "plan load" gov-report $R plan load changed.json
commit_case "plan load, text" gov-report $R plan load --format text \
	changed.json
lost_case "plan load" gov-report $R plan load changed.json
lost_case "plan load, two plans" gov-report $R plan load changed.json \
	"$PLAN"
rename_case "plan load" gov-report $R plan load changed.json

# ---- gov-report add -o: a file that cannot be put in place is a lost
# output too
rename_case "report add" gov-report $R add "$Q2" "$Q3"

# ---- gov-license revoke: a new license, and one revoked before
commit_case "revoke" gov-license gov-license revoke L-2 --reason r
commit_case "revoke again" gov-license gov-license revoke L-1 --reason again
lost_case "revoke" gov-license gov-license revoke L-2 --reason r
lost_case "revoke again" gov-license gov-license revoke L-1 --reason again
rename_case "revoke" gov-license gov-license revoke L-2 --reason r
rename_case "revoke again" gov-license gov-license revoke L-1 --reason again

# ---- gov-catalog add and demand add: an entry changed, one made, the
# first changed twice; a demand changed, one made
commit_case "catalog add" gov-catalog gov-catalog add e2.jsonl
commit_case "catalog add, text" gov-catalog gov-catalog add --format text \
	e2.jsonl
lost_case "catalog add" gov-catalog gov-catalog add e2.jsonl
rename_case "catalog add" gov-catalog gov-catalog add e2.jsonl
commit_case "demand add" gov-catalog gov-catalog demand add d2.jsonl
lost_case "demand add" gov-catalog gov-catalog demand add d2.jsonl
rename_case "demand add" gov-catalog gov-catalog demand add d2.jsonl
fresh
run gov-catalog add e2.jsonl
is "catalog add, then: the changes made once, said" "$OUT" \
	'{"type":"change","code":"101/001","action":"updated","fields":["name","items"]}
{"type":"change","code":"101/002","action":"created","fields":["code","name","provider","share_type"]}
{"type":"change","code":"101/001","action":"updated","fields":["summary"]}'
is "catalog add, then: the history numbered on from before" \
	"$(q "SELECT group_concat(id) FROM (SELECT id FROM catalog_history ORDER BY id)")" \
	"1,2,3,4,5"

# ---- gov-check --track: findings may come before the commit (they say
# what changed since the last run, not that anything is stored), but the
# -o file is put in place only after it
commit_fails_on base.db "$ALL" gov-check --track -o checked.jsonl data.csv
is "check --track -o, commit fails: exit 2" "$RC" 2
is "check --track -o, commit fails: the database named, and why" "$ERR" \
	"gov-check: $full_msg"
no_output "check --track -o, commit fails: no file" checked.jsonl
is "check --track -o, commit fails: the database as it was" "$AFTER" "$BASE"
commit_fails_on base.db "$ALL" gov-check --track data.csv
is "check --track, commit fails: exit 2" "$RC" 2
like "check --track, commit fails: the findings shown" "$OUT" \
	'"type":"summary".*"new":1,"persisting":0,"resolved":3'
is "check --track, commit fails: the database as it was" "$AFTER" "$BASE"
fresh
lost full gov-check --track data.csv
is "check --track, output full: exit 2" "$RC" 2
is "check --track, output full: the database as it was" "$(q "$ALL")" "$BASE"
rename_case "check --track" gov-check gov-check --track data.csv
rename_case "check --track, one file twice" gov-check \
	gov-check --track data.csv data.csv

# ---- gov-license sync
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
server_start
server_control '{"revocations":[{"license_no":"L-1","revoked_at":"2025-09-02T09:30:00Z","reason":"from the register"},{"license_no":"S-2","revoked_at":"2025-09-03T09:30:00Z","reason":"r2"}]}'
commit_case "sync" gov-license gov-license sync
lost_case "sync" gov-license gov-license sync
rename_case "sync" gov-license gov-license sync
# one license twice in an answer: back to what it was before the first
server_control '{"revocations":[{"license_no":"L-1","revoked_at":"2025-09-02T09:30:00Z","reason":"a"},{"license_no":"S-2","revoked_at":"2025-09-03T09:30:00Z","reason":"b"},{"license_no":"L-1","revoked_at":"2025-09-04T09:30:00Z","reason":"c"}]}'
lost_case "sync, a license twice" gov-license gov-license sync
# a revocation recorded by hand a moment before: taken back all the same
fresh
run gov-license revoke L-9 --reason "by hand" --date 2025-02-02
cp "$GOVKIT_DB" base9.db
lost full gov-license sync
is "sync after a revoke, output full: exit 2" "$RC" 2
is "sync after a revoke, output full: said once" "$ERR" "gov-license: $msg_full"
is "sync after a revoke, output full: the database as it was" \
	"$(q "$ALL")" "$(sqlite3 base9.db "$ALL")"
# a second sync, taken back: the first's revocations and position stay
fresh
run gov-license sync
is "sync: five received (a license three times), one new" "$OUT" \
	'{"type":"sync","received":5,"new":1,"since":null,"until":"2025-09-04T09:30:00Z","asked":null}'
cp "$GOVKIT_DB" base.db
BASE=$(sqlite3 base.db "$ALL")
server_control '{"revocations":[{"license_no":"S-2","revoked_at":"2025-09-05T09:30:00Z","reason":"again"},{"license_no":"S-3","revoked_at":"2025-09-05T09:30:00Z","reason":"r3"}]}'
lost_case "second sync" gov-license gov-license sync
is "second sync taken back: S-2 as the first left it" \
	"$(q "SELECT reason, source FROM license_revocation WHERE license_no = 'S-2'")" "b|sync"
fresh
run gov-license sync
is "second sync, then: the week before the position again, one new" "$OUT" \
	'{"type":"sync","received":7,"new":1,"since":"2025-09-04T09:30:00Z","until":"2025-09-05T09:30:00Z","asked":"2025-08-28T09:30:00Z"}'

# Another run in between: A has committed and is held before its record
# goes out (tests/data/hold-flush.c), B writes the register and says so,
# then A's output fails.  A must not take back anything then: B's record
# says what is stored.
preload_build "$T_DIR/data/hold-flush.c" ||
	fail "the hold library builds"
# held_a CMD...: CMD in the background, held before its first flush of
# standard output (which is full); waits until it is held.
held_a() {
	rm -f held go
	HOLD_HELD=$PWD/held HOLD_GO=$PWD/go LD_PRELOAD=$PRELOAD \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		"$@" >/dev/full 2>a.err </dev/null &
	A=$!
	n=0
	while [ ! -e held ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
}
# release_a: let A go on; its exit status in A_RC, its messages in A_ERR
release_a() {
	touch go
	wait $A
	A_RC=$?
	A_ERR=$(cat a.err)
	t_check_sanitizer_file "held run" a.err
}

# a sync, then another sync whose revocation leaves the position where it
# was (the same revoked_at as the newest): the first must leave it alone
fresh
server_control '{"revocations":[{"license_no":"S-9","revoked_at":"2025-09-05T09:30:00Z","reason":"same day"}]}'
held_a gov-license sync
server_control '{"revocations":[{"license_no":"S-10","revoked_at":"2025-09-05T09:30:00Z","reason":"same day too"}]}'
run gov-license sync
is "B's sync while A is held: exit 0" "$RC" 0
like "B's sync: S-10 is new" "$OUT" '"new":1'
release_a
is "A's sync, output full after B's: exit 2" "$A_RC" 2
is "A's sync: nothing taken back, and why" "$A_ERR" \
	"gov-license: $msg_full
gov-license: unable to take back the sync: another run has revoked or synced since"
is "B's revocation is still there" \
	"$(q "SELECT license_no, reason FROM license_revocation WHERE license_no = 'S-10'")" \
	"S-10|same day too"

# a revoke, then the same revoke within the second: the first must not
# take back the license's revocation that the second reported
fresh
held_a gov-license revoke L-7 --reason stolen --date 2025-01-01
run gov-license revoke L-7 --reason stolen --date 2025-01-01
is "B's revoke while A is held: exit 0" "$RC" 0
release_a
is "A's revoke, output full after B's: exit 2" "$A_RC" 2
is "A's revoke: nothing taken back, and why" "$A_ERR" \
	"gov-license: $msg_full
gov-license: unable to take back the revocation of 'L-7': another run has revoked or synced since"
is "L-7 is still revoked" \
	"$(q "SELECT license_no, reason, source FROM license_revocation WHERE license_no = 'L-7'")" \
	"L-7|stolen|local"

# A run in between that leaves nothing does not stop a take-back: a sync
# that receives nothing (its position past every revocation), a revoke
# that takes itself back.
fresh
run gov-license sync
q "UPDATE license_sync SET since = '2026-01-01T00:00:00Z'"
SYNCED=$(q "$ALL")
held_a gov-license revoke L-8 --reason lost --date 2025-01-01
run gov-license sync
is "B's sync while A is held: nothing received" "$RC:$(printf '%s' "$OUT" | grep -c '"received":0,')" "0:1"
release_a
is "A's revoke after B's empty sync: taken back" "$A_RC:$A_ERR" \
	"2:gov-license: $msg_full"
is "A's revoke after B's empty sync: the database as before A" \
	"$(q "$ALL")" "$SYNCED"
held_a gov-license revoke L-8 --reason lost --date 2025-01-01
lost full gov-license revoke L-9 --reason lost --date 2025-01-01
is "B's revoke, its output lost too: exit 2, taken back" "$RC:$ERR" \
	"2:gov-license: $msg_full"
release_a
is "A's revoke after B took itself back: taken back" "$A_RC:$A_ERR" \
	"2:gov-license: $msg_full"
is "both taken back: the database as before A" "$(q "$ALL")" "$SYNCED"

done_testing
