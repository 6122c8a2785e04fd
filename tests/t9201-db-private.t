#!/bin/sh
# The local database holds the outbox's records and the catalog as they
# are, resident IDs and phone numbers unmasked: a new one is readable by
# its owner only, whatever the umask and wherever GOVKIT_DB puts it (the
# default folder is made 0700, but GOVKIT_DB=$PWD/try.db, as in the README,
# or a shared folder is not).  Its -wal and -shm files take its mode.
. "$(dirname "$0")/lib.sh"

printf '{"type":"finding","value":"150502199001011234"}\n' >rec.jsonl
mode() { stat -c %a "$1"; }

umask 022
GOVKIT_DB=$SCRATCH/submit.db gov-submit rec.jsonl >/dev/null 2>&1
is "gov-submit, umask 022: the new database is 0600" "$(mode submit.db)" 600
umask 000
GOVKIT_DB=$SCRATCH/open.db gov-submit rec.jsonl >/dev/null 2>&1
is "gov-submit, umask 000: still 0600" "$(mode open.db)" 600
umask 022
gov-license revoke L-1 --reason x --date 2025-01-01 --db "$SCRATCH/lic.db" >/dev/null
is "gov-license revoke --db: 0600" "$(mode lic.db)" 600
GOVKIT_DB=$SCRATCH/cat.db gov-catalog add "$T_TOP/samples/catalog/entries.jsonl" >/dev/null
is "gov-catalog add: 0600" "$(mode cat.db)" 600
GOVKIT_DB=$SCRATCH/rep.db gov-report plan load "$(expected report-mini-plan.json)" >/dev/null
is "gov-report plan load: 0600" "$(mode rep.db)" 600
printf 'a\n1\n' >a.csv
gov-check --track --db "$SCRATCH/chk.db" a.csv >/dev/null
is "gov-check --track --db: 0600" "$(mode chk.db)" 600

# the -wal and -shm files, while a writer has them
is "... its -wal and -shm files 0600 too" "$(py - "$SCRATCH/submit.db" <<'PY'
import os, sqlite3, stat, sys
db = sys.argv[1]
c = sqlite3.connect(db)
c.execute("CREATE TABLE IF NOT EXISTS t9201 (x)")
c.execute("INSERT INTO t9201 VALUES (2)")
c.commit()
print(" ".join(oct(stat.S_IMODE(os.stat(db + s).st_mode)) for s in ("-wal", "-shm")))
PY
)" "0o600 0o600"

# an existing database keeps the mode its owner gave it
GOVKIT_DB=$SCRATCH/submit.db gov-submit --status >/dev/null 2>&1
chmod 640 submit.db
GOVKIT_DB=$SCRATCH/submit.db gov-submit rec.jsonl >/dev/null 2>&1
is "an existing database's mode is left as it is" "$(mode submit.db)" 640

# A database made before govkit made them private (SQLite's 0644: anyone on
# the machine could read it) is tightened once, with a note; after that its
# owner's choice of mode is kept (as above).  Before, it stayed 0644.
unmark() {
	py - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM govkit_meta WHERE key = 'files_private'")
c.commit()
PY
}
GOVKIT_DB=$SCRATCH/old.db gov-submit rec.jsonl >/dev/null 2>&1
unmark old.db
chmod 644 old.db
run env GOVKIT_DB="$SCRATCH/old.db" gov-submit --status
is "an old 0644 database: the run goes on (a record queued: 3)" "$RC" 3
is "... is made 0600" "$(mode old.db)" 600
is "... and says so, once" "$ERR" \
	"gov-submit: database '$SCRATCH/old.db' was readable by others (mode 644), and it holds personal data: now 600"
run env GOVKIT_DB="$SCRATCH/old.db" gov-submit --status
is "... the next run says nothing" "$RC:$ERR" "3:"
chmod 604 old.db
run env GOVKIT_DB="$SCRATCH/old.db" gov-submit --status
is "... and keeps a mode its owner gives it later" "$(mode old.db):$ERR" "604:"

# any tool that opens it, and any group or other permission
gov-license revoke L-2 --reason x --date 2025-01-01 --db "$SCRATCH/old2.db" >/dev/null
unmark old2.db
chmod 660 old2.db
run gov-license revoke L-3 --reason x --date 2025-01-01 --db "$SCRATCH/old2.db"
is "gov-license revoke, an old 0660 database: exit 0, made 0600" "$RC:$(mode old2.db)" 0:600
like "... said so" "$ERR" "database '.*old2.db' was readable by others \\(mode 660\\)"

# another user's database is not ours to change: left, and left unmarked
GOVKIT_DB=$SCRATCH/theirs.db gov-submit --status >/dev/null 2>&1
unmark theirs.db
chmod 644 theirs.db
if chown nobody theirs.db 2>/dev/null && [ "$(id -u)" -eq 0 ]; then
	run env GOVKIT_DB="$SCRATCH/theirs.db" gov-submit --status
	is "another user's 0644 database: left as it is" "$RC:$(mode theirs.db):$ERR" "0:644:"
	chown "$(id -u)" theirs.db
	run env GOVKIT_DB="$SCRATCH/theirs.db" gov-submit --status
	is "... tightened when its owner runs" "$RC:$(mode theirs.db)" 0:600
else
	pass "# SKIP chown needs root"
	pass "# SKIP chown needs root"
fi

done_testing
