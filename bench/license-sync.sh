#!/bin/sh
# gov-license sync of a large register (figures in bench/README.md,
# "## gov-license", "sync").
#
# SYNC_BENCH_N (600,000) revocations, about 170 bytes each (a 102 MB
# answer, past the 64 MiB every other call of the suite takes), served by
# the reference central server (tests/server/central.py) on loopback.
# Timed: the first sync into an empty database, then a second sync of the
# same answer (every revocation known).  The peer is what an officer
# would script instead: Python's urllib + json + sqlite3, the same
# request, the same table and upsert, one transaction (Debian python3).
set -eu
cd "$(dirname "$0")/.."
O=bench/out/license-sync
N=${SYNC_BENCH_N:-600000}
PY=/usr/bin/python3
mkdir -p "$O"
REV=$O/revocations-$N.jsonl

if [ ! -s "$REV" ]; then
	$PY - "$N" "$REV" <<'EOF'
import json, sys
n = int(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(n):
        d = 1 + i % 28
        f.write(json.dumps({
            "license_no": "TL-YYZZ-2024-%07d" % i,
            "revoked_at": "2025-%02d-%02dT%02d:%02d:%02dZ"
                          % (1 + i % 9, d, i % 24, i % 60, (i // 60) % 60),
            "reason": "吊销营业执照：通辽市市场监督管理局行政处罚决定书第%06d号" % i},
            ensure_ascii=False, separators=(",", ":")) + "\n")
EOF
fi

rm -f "$O/port"
$PY tests/server/central.py --port 0 --port-file "$O/port" --token bench \
	--revocations "$REV" >"$O/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
while [ ! -s "$O/port" ]; do sleep 0.1; done
API=http://127.0.0.1:$(cat "$O/port")
mkdir -p "$O/cfg/govkit"
printf 'http_retries = 0\nhttp_timeout = 600\n' >"$O/cfg/govkit/config"
export GOVKIT_API=$API GOVKIT_TOKEN=bench XDG_CONFIG_HOME=$PWD/$O/cfg

bytes=$(curl -s -H 'Authorization: Bearer bench' -o /dev/null \
	-w '%{size_download}' "$API/v1/revocations")
echo "answer: $N revocations, $bytes bytes"
printf '%-34s %8s %8s %8s %8s\n' run seconds user sys peak_MB

# timed LABEL CMD...: one run, its output checked by the caller
timed() {
	label=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$O/time.txt" "$@" >"$O/run.out"
	read -r e u s m <"$O/time.txt"
	printf '%-34s %8s %8s %8s %8d\n' "$label" "$e" "$u" "$s" $((m / 1024))
}

rm -f "$O/gov.db"
export GOVKIT_DB=$PWD/$O/gov.db
timed "gov-license sync (first)" bin/gov-license sync
grep -q "\"received\":$N,\"new\":$N," "$O/run.out"
# the whole answer again, every revocation known: the stored position
# forgotten, so that the server sends everything since the beginning
$PY -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("DELETE FROM license_sync"); db.commit()' "$GOVKIT_DB"
timed "gov-license sync (all known)" bin/gov-license sync
grep -q "\"received\":$N,\"new\":0," "$O/run.out"

rm -f "$O/py.db"
# the peer: the schema of gov-license's table, then fetch, parse, upsert
timed "python urllib+json+sqlite3" $PY - "$API" "$O/py.db" <<'EOF'
import json, sqlite3, sys, urllib.request
api, path = sys.argv[1], sys.argv[2]
req = urllib.request.Request(api + "/v1/revocations",
                             headers={"Authorization": "Bearer bench"})
revs = json.load(urllib.request.urlopen(req))["revocations"]
db = sqlite3.connect(path)
db.execute("CREATE TABLE IF NOT EXISTS license_revocation (license_no TEXT "
           "PRIMARY KEY, revoked_at TEXT NOT NULL, reason TEXT, source TEXT, "
           "recorded_at INTEGER)")
with db:
    db.executemany(
        "INSERT INTO license_revocation VALUES (?, ?, ?, 'sync', "
        "strftime('%s','now')) ON CONFLICT(license_no) DO UPDATE SET "
        "revoked_at = excluded.revoked_at, reason = excluded.reason",
        ((r["license_no"], r["revoked_at"], r.get("reason")) for r in revs))
print(db.execute("SELECT count(*) FROM license_revocation").fetchone()[0])
EOF
[ "$(cat "$O/run.out")" = "$N" ]
