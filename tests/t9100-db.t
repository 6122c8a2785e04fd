#!/bin/sh
# The local database: tools writing at once, a process killed in the middle
# of a transaction, an older database migrated, a corrupt or newer one
# refused and left as it was.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
LATEST=$(gov-license revoke --list --db latest.db >/dev/null && sqlite3 latest.db 'PRAGMA user_version')

# ---- two (three) tools writing at once
python3 -c '
import json
with open("entries.jsonl", "w") as f:
    for i in range(300):
        f.write(json.dumps({"type": "entry", "code": "101001001/%06d" % i, "name": "资源 %d" % i}, ensure_ascii=False) + "\n")
with open("records.jsonl", "w") as f:
    for i in range(20000):
        f.write(json.dumps({"type": "finding", "row": i, "value": "x" * 50}) + "\n")'
gov-catalog add entries.jsonl >cat.out 2>cat.err & p1=$!
gov-submit records.jsonl >sub.out 2>sub.err & p2=$!
(for i in $(seq 40); do gov-license revoke "TL-C-$i" --reason concurrent --date 2025-01-01 || exit 1; done) >rev.out 2>rev.err & p3=$!
wait $p1; r1=$?
wait $p2; r2=$?
wait $p3; r3=$?
is "at once: catalog add exit 0" "$r1" 0
is "at once: submit exit 3 (queued, no API)" "$r2" 3
is "at once: 40 revokes exit 0" "$r3" 0
unlike "at once: no 'database is locked'" "$(cat cat.err sub.err rev.err)" "locked|busy"
is "at once: every entry stored" "$(q 'SELECT count(*) FROM catalog_entry')" 300
is "at once: every record queued" "$(q 'SELECT count(*) FROM outbox_record')" 20000
is "at once: every revocation" "$(q 'SELECT count(*) FROM license_revocation')" 40
is "at once: the database is sound" "$(q 'PRAGMA integrity_check')" ok

# regression: a fresh database opened by several tools at once; one read
# version 0, then (another having migrated in between) its tables, and
# called it "not a govkit database"
for round in 1 2 3 4 5 6 7 8; do
	rm -f fresh.db fresh.db-wal fresh.db-shm
	for j in 1 2 3 4; do gov-license revoke --list --db fresh.db >/dev/null 2>>fresh.err & done
	wait
done
is "at once: a fresh database opened by 4 tools, 8 times: no error" "$(cat fresh.err)" ""

# ---- killed in the middle of a transaction: input from a FIFO, half
# written, the tool killed while it holds the transaction open
killed_midway() { # NAME CMD...: feeds half of $feed, then SIGKILL
	_name=$1; shift
	rm -f fifo; mkfifo fifo
	"$@" fifo >"$_name.out" 2>"$_name.err" & _pid=$!
	exec 9>fifo
	head -n 500 "$feed" >&9
	sleep 1
	kill -KILL "$_pid"
	wait "$_pid" 2>/dev/null
	exec 9>&-
}
before=$(q 'SELECT count(*) FROM outbox_record')
feed=records.jsonl
killed_midway submit gov-submit
is "killed: submit's half batch is not in the outbox" "$(q 'SELECT count(*) FROM outbox_record')" "$before"
is "killed: the database is sound" "$(q 'PRAGMA integrity_check')" ok
expect "killed: the next run writes" 3 "kept queued" gov-submit --endpoint after records.jsonl
is "killed: ... all of it" "$(q "SELECT count(*) FROM outbox_record WHERE endpoint = 'after'")" 20000

python3 -c '
import json
with open("more.jsonl", "w") as f:
    for i in range(5000):
        f.write(json.dumps({"type": "entry", "code": "201001001/%06d" % i, "name": "killed %d" % i}, ensure_ascii=False) + "\n")'
feed=more.jsonl
killed_midway catalog gov-catalog add
n=$(q "SELECT count(*) FROM catalog_entry WHERE code LIKE '201001001/%'")
h=$(q "SELECT count(DISTINCT key) FROM catalog_history WHERE key LIKE '201001001/%'")
is "killed: catalog: each stored entry has its history row" "$h" "$n"
is "killed: catalog: the database is sound" "$(q 'PRAGMA integrity_check')" ok
expect "killed: catalog: the next run adds the rest" 0 "" gov-catalog add more.jsonl
is "killed: catalog: ... all of them once" "$(q "SELECT count(*) FROM catalog_entry WHERE code LIKE '201001001/%'")" 5000

# ---- a database of an older version (3: before the outbox, catalog,
# report) is migrated forward, its data kept
sqlite3 old.db <"$T_DIR/data/db/govkit-v3.sql"
chmod 644 old.db # (as SQLite made it for govkit then)
is "old: version 3 before" "$(sqlite3 old.db 'PRAGMA user_version')" 3
expect "old: revoke --list reads it, making it private (t9201)" 0 \
	"^gov-license: database 'old.db' was readable by others \(mode 644\), and it holds personal data: now 600$" \
	gov-license revoke --list --db old.db --format ndjson
is "old: ... now 0600" "$(stat -c %a old.db)" 600
like "old: ... its revocation kept" "$OUT" '"license_no":"TL-OLD-0001".*"reason":"revoked under version 3"'
is "old: migrated to the latest version" "$(sqlite3 old.db 'PRAGMA user_version')" "$LATEST"
expect "old: submit queues into it" 3 "kept queued" gov-submit --db old.db --endpoint old records.jsonl
expect "old: catalog adds to it" 0 "" gov-catalog add --db old.db entries.jsonl
expect "old: report loads a plan into it" 0 "" gov-report --db old.db plan load "$T_TOP/samples/plan/digital-tongliao-plan.json"
is "old: check's tracked file kept" "$(sqlite3 old.db "SELECT runs FROM check_file WHERE path = 'old.csv'")" 2
is "old: sound" "$(sqlite3 old.db 'PRAGMA integrity_check')" ok

# ---- corrupt, truncated, foreign and newer databases: refused, named,
# never replaced
printf 'this is not a database, and must stay as it is\n' >garbage.db
head -c 8192 "$GOVKIT_DB" >truncated.db
sqlite3 foreign.db 'CREATE TABLE t (a); INSERT INTO t VALUES (1);'
cp old.db newer.db
sqlite3 newer.db "PRAGMA user_version = $((LATEST + 1))"
printf 'id\n1\n' >one.csv
for db in garbage truncated foreign newer; do
	cp $db.db $db.orig
	expect "$db db: license refuses it" 2 "$db.db" gov-license revoke --list --db $db.db
	expect "$db db: submit refuses it" 2 "$db.db" gov-submit --status --db $db.db
	expect "$db db: catalog refuses it" 2 "$db.db" gov-catalog list --db $db.db
	expect "$db db: report refuses it" 2 "$db.db" gov-report status --db $db.db
	expect "$db db: check --track refuses it" 2 "$db.db" gov-check --track --db $db.db one.csv
	# regression: a foreign database was switched to WAL (its header
	# changed) before it was refused
	ok "$db db: left exactly as it was" cmp -s $db.db $db.orig
done
like "newer db: says it is newer" "$ERR" "newer than this govkit"
ls -A | grep -E '^(garbage|truncated|foreign|newer)\.db-(wal|shm|journal)$' >leftover.txt
is "no journal files were made next to refused databases" "$(cat leftover.txt)" ""

# regression: started without HOME (and without XDG_DATA_HOME, GOVKIT_DB),
# as by cron or a service manager, a tool made ./.local/share/govkit/
# govkit.db in whatever folder it ran in; the user's home is in the
# password database.  As nobody, whose home is not there to be written.
# The tool is run from a copy in a folder of its own: nobody cannot reach
# the build tree when it is under root's home (mode 700), as in a clone
# into /root.
nobody_home=$(getent passwd 65534 | cut -d: -f6)
ubin=$(mktemp -d "${TMPDIR:-/tmp}/govkit-ubin.XXXXXX") && chmod 755 "$ubin" &&
	at_exit "rm -rf '$ubin'" && cp "$BIN/gov-license" "$ubin/"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if [ -z "$nobody_home" ] || [ -e "$nobody_home" ]; then
	pass "# SKIP no user 65534 without a home"
	pass "# SKIP no user 65534 without a home"
elif ! as_nobody test -x "$ubin/gov-license"; then
	pass "# SKIP user 65534 cannot run $ubin/gov-license"
	pass "# SKIP user 65534 cannot run $ubin/gov-license"
else
	mkdir -p nohome && chmod 777 nohome
	run sh -c 'cd nohome && exec setpriv --reuid=65534 --regid=65534 --clear-groups \
		env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u GOVKIT_DB "$1" revoke --list' sh "$ubin/gov-license"
	is "no HOME: the home of the password database is used" "$ERR" \
		"gov-license: unable to create '$nobody_home' for the database '$nobody_home/.local/share/govkit/govkit.db' (GOVKIT_DB or --db puts it elsewhere): Permission denied"
	is "no HOME: nothing made in the current folder" "$(ls -A nohome)" ""
fi

# regression: and a user the password database does not know either (a
# container run with a numeric uid), still not the current folder: the
# database was ./.local/share/govkit/govkit.db wherever the job ran, a
# different one from each folder.  Now said, exit 2, nothing made.
nouid=
for u in 4242 4243 4244 4245 4246 4247 4248 4249; do
	if ! getent passwd $u >/dev/null; then nouid=$u; break; fi
done
if [ -z "$nouid" ] || [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	pass "# SKIP not root, or no uid without a password entry"
	pass "# SKIP not root, or no uid without a password entry"
	pass "# SKIP not root, or no uid without a password entry"
else
	rm -rf nohome && mkdir -p nohome && chmod 777 nohome
	run sh -c 'cd nohome && exec setpriv --reuid=$2 --regid=$2 --clear-groups \
		env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u GOVKIT_DB "$1" revoke --list' \
		sh "$ubin/gov-license" $nouid
	is "no HOME, no password entry: exit 2" "$RC" 2
	is "... says how to name a database" "$ERR" \
		"gov-license: no database: HOME is not set and user $nouid has no home in the password database (GOVKIT_DB or --db names one)"
	is "... nothing made in the current folder" "$(ls -A nohome)" ""
fi

# a database folder that cannot be made says it is the database's, and
# how to choose another (cron's HOME may be read-only)
printf 'x\n' >afile
expect "db under a file: exit 2, the database named" 2 \
	"unable to create 'afile/x' for the database 'afile/x/g.db' \(GOVKIT_DB or --db puts it elsewhere\): Not a directory" \
	env GOVKIT_DB=afile/x/g.db gov-report status

done_testing
