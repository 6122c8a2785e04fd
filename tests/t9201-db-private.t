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

done_testing
