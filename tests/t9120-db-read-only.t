#!/bin/sh
# Commands that only read the database (listing, export, status) read it in
# a folder they cannot write, where SQLite cannot make the -wal and -shm
# files of a WAL database: before, every one of them failed there ("unable
# to open database file", "attempt to write a readonly database").  The
# tests run as root, whom permissions do not stop: the folder is made
# read-only by a read-only bind mount (a mount namespace of its own), or
# root's power over permissions is dropped (as_user).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
S=$T_TOP/samples
R="gov-report --today $T_TODAY"

mkdir data ro
DB=$SCRATCH/data/govkit.db
export GOVKIT_DB=$DB
gov-catalog add "$S/catalog/entries.jsonl" >/dev/null
gov-catalog demand add "$S/catalog/demands.jsonl" >/dev/null
$R plan load "$(expected report-mini-plan.json)" >/dev/null
$R add "$(expected report-mini-2025Q2.jsonl)" >/dev/null
gov-license revoke TL-YYZZ-2024-0025 --reason "吊销营业执照" --date 2025-09-01 >/dev/null
printf '{"type":"finding","row":1}\n' | gov-submit >/dev/null 2>&1
is "the database has no -wal or -shm between runs" "$(ls data)" govkit.db

# The read-only commands, one a line.
cat >commands <<EOF
gov-catalog list --format ndjson
gov-catalog show 101001001/000001
gov-catalog history 101001001/000001
gov-catalog export --format ckan
gov-catalog export --format ndjson
gov-catalog lists
gov-catalog demand list
gov-catalog match
gov-catalog validate
$R status --format ndjson
$R quarter 2025Q2 --format ndjson
$R missing 2025Q3 --format ndjson
$R history 2025Q2
gov-license revoke --list --format ndjson
gov-license verify --trust $S/licenses/trust.json --today $T_TODAY $S/licenses/licenses.jsonl
gov-submit --status --format ndjson
EOF
n=0
while read -r cmd; do
	n=$((n + 1))
	# (history carries who and when; the same either way)
	sh -c "$cmd" >want.$n 2>/dev/null
	echo $? >want.$n.rc
done <commands

# in_ro CMD: CMD with $DB's folder seen through a read-only bind mount
# (ro/); sets RC, OUT, ERR.  RC 99: no mount namespace here.
in_ro() {
	run unshare -m sh -c 'mount --bind data ro && mount -o remount,ro,bind ro || exit 99
		GOVKIT_DB=$PWD/ro/govkit.db; export GOVKIT_DB; eval "$1"' sh "$1"
}

in_ro 'touch ro/probe'
if [ "$T9_MOUNT_NS" = no ] || [ "$RC" = 99 ]; then
	n=0
	while read -r cmd; do n=$((n + 1)); pass "# SKIP $T9_NO_MOUNT_NS: $cmd"; done <commands
else
	like "read-only mount: the folder is read-only, as root too" "$ERR" "Read-only file system"
	n=0
	while read -r cmd; do
		n=$((n + 1))
		in_ro "$cmd"
		if [ "$RC" = "$(cat want.$n.rc)" ] && [ "$OUT" = "$(cat want.$n)" ]; then
			pass "read-only mount: $cmd"
		else
			fail "read-only mount: $cmd" "exit $RC, want $(cat want.$n.rc)" "stderr: $ERR" \
				"$(printf '%s\n' "$OUT" | diff want.$n - | head -5)"
		fi
	done <commands
	in_ro "gov-catalog add $S/catalog/entries.jsonl"
	is "read-only mount: a command that writes still cannot: exit 2" "$RC" 2
fi
is "nothing was left in the folder" "$(ls data)" govkit.db

# A folder nobody may write (an archive), root's power over permissions
# dropped.
chmod 555 data
run as_user gov-catalog list --format ndjson
is "folder nobody may write: list exit 0" "$RC" 0
is "folder nobody may write: the entries" "$OUT" "$(cat want.1)"
run as_user $R status --format ndjson
is "folder nobody may write: report status" "$OUT" "$(cat want.10)"
run as_user gov-submit --status --format ndjson
is "folder nobody may write: submit --status" "$OUT" "$(cat want.16)"

# A folder its owner may write, another user not: a writer may be at work
# there, and without a -shm file to share SQLite could read a half-written
# file as immutable: refused, and said why.
chmod 755 data
chown 65534 data
run as_user gov-catalog list
is "folder another user writes: refused (exit 2)" "$RC" 2
is "folder another user writes: said why" "$ERR" \
	"gov-catalog: unable to read database '$DB': its folder '$SCRATCH/data' cannot be written by this user, and others may be writing it"
# ... but while a writer has it open, its -shm file is there to read by
chown root data
py - "$DB" <<'EOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM catalog_entry").fetchall()
open("holding", "w").close()
while not os.path.exists("done"):
    time.sleep(0.05)
EOF
holder=$!
while [ ! -e holding ] && kill -0 $holder 2>/dev/null; do sleep 0.05; done
chown 65534 data
run as_user gov-catalog list --format ndjson
is "folder another user writes, a writer at work: read through its -shm" "$OUT" "$(cat want.1)"
touch done
wait $holder
chown root data

# An older database cannot be brought up to date there: refused.
mkdir old
sqlite3 old/govkit.db <"$T_DIR/data/db/govkit-v3.sql"
chmod 555 old
run as_user gov-license revoke --list --db old/govkit.db
is "older database in a folder nobody may write: exit 2" "$RC" 2
like "older database: said" "$ERR" "'old/govkit.db' has database version 3, older than this govkit .*cannot be written"
chmod 755 old data

done_testing
