#!/bin/sh
# gov-license revoke, sync and verify --online against the reference
# central server on loopback: the revocation list, its refresh with
# ?since=, the register's answers, and the cache that keeps a counter
# working through an outage (and says so).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/licenses
mkdir -p "$XDG_CONFIG_HOME/govkit"
# Fail fast when the server is away: no retries, short time-outs.
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
V="--trust $S/trust.json --today $T_TODAY"
grep -E '"TL-(YYZZ-2024-0001|SPJY-2023-0003|JZZ-2025-0005|JZZ-2024-0006|YYZZ-2019-0011)"' \
	"$S/licenses.jsonl" >five.jsonl
checks_of() { printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    c = {c["check"]: c for c in r["checks"]}[sys.argv[1]]
    c.pop("check")
    print(r["license_no"], r["verdict"], json.dumps(c, ensure_ascii=False, sort_keys=True))' "$1"; }

# ---- revoke
run gov-license revoke TL-YYZZ-2019-0011 --reason "营业执照被吊销" --date 2025-08-01
is "revoke: the record" "$OUT" '{"type":"revocation","license_no":"TL-YYZZ-2019-0011","revoked_at":"2025-08-01","reason":"营业执照被吊销","source":"local"}'
run gov-license revoke TL-OTHER-1 --reason "test" --today 2025-10-01
is "revoke: date defaults to today" "$(printf '%s' "$OUT" | grep -o '"revoked_at":"[^"]*"')" '"revoked_at":"2025-10-01"'
run gov-license revoke TL-X
is "revoke without --reason: exit 2" "$RC" 2
like "revoke without --reason: message" "$ERR" "revoke needs --reason TEXT"
run gov-license revoke TL-X --reason r --date 2025-13-01
is "revoke with a bad --date: exit 2" "$RC" 2
run gov-license revoke --list --format text
is "revoke --list (text)" "$OUT" "TL-OTHER-1 revoked 2025-10-01 (local): test
TL-YYZZ-2019-0011 revoked 2025-08-01 (local): 营业执照被吊销"
run gov-license verify $V five.jsonl
is "locally revoked license: revoked" "$(checks_of status | grep 2019-0011)" \
	'TL-YYZZ-2019-0011 revoked {"message": "revoked 2025-08-01: 营业执照被吊销 (local revocation list)", "ok": false}'

# ---- sync
run gov-license sync
is "sync without a central API: exit 2" "$RC" 2
like "sync without a central API: message" "$ERR" "no central API configured"
server_start
server_control '{"revocations":[{"license_no":"TL-JZZ-2024-0006","revoked_at":"2025-09-01T08:00:00Z","reason":"居住证注销"},{"license_no":"TL-YYZZ-2019-0011","revoked_at":"2025-09-02T09:30:00Z","reason":"吊销（登记机关）"}]}'
run gov-license sync
is "sync: exit 0" "$RC" 0
is "sync: the record" "$OUT" '{"type":"sync","received":2,"new":1,"since":null,"until":"2025-09-02T09:30:00Z","asked":null}'
run gov-license revoke --list
like "sync: stored with source sync" "$OUT" '"license_no":"TL-JZZ-2024-0006","revoked_at":"2025-09-01T08:00:00Z","reason":"居住证注销","source":"sync"'
run gov-license verify $V five.jsonl
is "synced revocation: revoked" "$(checks_of status | grep 2024-0006)" \
	'TL-JZZ-2024-0006 revoked {"message": "revoked 2025-09-01T08:00:00Z: 居住证注销 (revocation list synced from the register)", "ok": false}'
server_control '{"revocations":[{"license_no":"TL-NEW-1","revoked_at":"2025-10-01T00:00:00Z","reason":"new"}]}'
run gov-license sync --overlap 0
is "second sync, --overlap 0: asks since the last one (the boundary again, and the new)" "$OUT" \
	'{"type":"sync","received":2,"new":1,"since":"2025-09-02T09:30:00Z","until":"2025-10-01T00:00:00Z","asked":"2025-09-02T09:30:00Z"}'
run gov-license sync --format text
is "third sync: only the boundary one" "$OUT" "sync: 1 revocations received, 0 new"
is "sync: the server saw bearer-authenticated GETs" \
	"$(server_requests | py -c '
import json, sys
print(" ".join("%s:%s:%s" % (r["method"], r["path"], r["auth"]) for r in map(json.loads, sys.stdin)))')" \
	"GET:/v1/revocations:ok GET:/v1/revocations:ok GET:/v1/revocations:ok"
server_control '{"fail":5,"status":503}'
run gov-license sync
is "sync when the register fails: exit 2" "$RC" 2
like "sync when the register fails: message" "$ERR" "^gov-license: sync: the register answered 503"
server_control '{"reset":true}'

# ---- verify --online
server_control '{"licenses":[{"license_no":"TL-YYZZ-2024-0001","status":"valid","valid_to":null},{"license_no":"TL-SPJY-2023-0003","status":"valid","valid_to":"2027-01-01"},{"license_no":"TL-JZZ-2025-0005","status":"suspended","valid_to":"2026-01-09"},{"license_no":"TL-YYZZ-2019-0011","status":"valid","valid_to":"2039-06-30"}]}'
grep '"TL-SPJY-2020-0004"' "$S/licenses.jsonl" >four.jsonl
server_control '{"licenses":[{"license_no":"TL-SPJY-2020-0004","status":"expired","valid_to":"2025-11-04"}]}'
run gov-license verify --online $V four.jsonl
is "online: the register says expired" "$(checks_of online)" \
	'TL-SPJY-2020-0004 expired {"cached": false, "message": "the register says the license is expired", "ok": false}'
sqlite3 "$GOVKIT_DB" "DELETE FROM license_revocation"
run gov-license verify --online $V five.jsonl
is "online: exit 1" "$RC" 1
checks_of online >online1.txt
is "online: the register's answers" "$(cat online1.txt)" \
'TL-YYZZ-2024-0001 valid {"cached": false, "ok": true}
TL-SPJY-2023-0003 invalid {"cached": false, "message": "the register has valid_to 2027-01-01, the record 2028-05-31", "ok": false}
TL-JZZ-2025-0005 revoked {"cached": false, "message": "the register says the license is suspended", "ok": false}
TL-JZZ-2024-0006 untrusted {"cached": false, "message": "the register does not know license TL-JZZ-2024-0006", "ok": false}
TL-YYZZ-2019-0011 valid {"cached": false, "ok": true}'
is "online: one POST per license, with the token" \
	"$(server_requests | tail -n 5 | py -c '
import json, sys
print(" ".join("%s:%s:%s" % (r["method"], r["path"], r["auth"]) for r in map(json.loads, sys.stdin)))')" \
	"POST:/v1/licenses/verify:ok POST:/v1/licenses/verify:ok POST:/v1/licenses/verify:ok POST:/v1/licenses/verify:ok POST:/v1/licenses/verify:ok"

# Many licenses on four threads, each with its own connection: the same
# answers, in input order, each cached.
i=0
: >many.jsonl
while [ $i -lt 200 ]; do cat five.jsonl >>many.jsonl; i=$((i + 1)); done
gov-license verify --online --jobs 1 $V many.jsonl >many1.out
gov-license verify --online --jobs 4 $V many.jsonl >many4.out
same_file "online on 4 threads: same records in the same order as on 1" many4.out many1.out
is "online on 4 threads: 1000 verdicts" "$(wc -l <many4.out | tr -d ' ')" 1000
is "online: one cached answer per license" "$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM license_online_cache')" 6

# The register goes away: the cached answers are used, and say so.
server_stop
run gov-license verify --online $V five.jsonl
is "outage: same verdicts from the cache" "$(checks_of online | cut -d' ' -f1-2)" "$(cut -d' ' -f1-2 online1.txt)"
like "outage: answers marked cached, with their time" "$(checks_of online | sed -n 1p)" \
	'^TL-YYZZ-2024-0001 valid \{"answered_at": "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z", "cached": true, "ok": true\}$'
like "outage: a failed answer names the cache" "$OUT" 'the register says the license is suspended \(cached answer\)'
run gov-license verify --online --format text $V five.jsonl
like "outage (text): cached named" "$OUT" "online failed: the register says the license is suspended \\(cached answer\\) \\(cached\\)"
# Too old to trust: could not be determined, never invalid.
sqlite3 "$GOVKIT_DB" "UPDATE license_online_cache SET answered_at = answered_at - 7200"
run gov-license verify --online --cache-ttl 3600 $V five.jsonl
is "outage, cache too old: exit 1" "$RC" 1
like "outage, cache too old: indeterminate" "$(checks_of online | sed -n 1p)" \
	'^TL-YYZZ-2024-0001 indeterminate \{"cached": false, "indeterminate": "could not be determined: .*; the cached answer of [0-9T:Z-]+ is older than the time-to-live \(3600s\)"\}$'
run gov-license verify --online --cache-ttl 86400 $V five.jsonl
like "outage, within a longer --cache-ttl: cached answer used" "$(checks_of online | sed -n 1p)" '"cached": true, "ok": true'
# No central API configured and nothing cached.
unset GOVKIT_API
sqlite3 "$GOVKIT_DB" "DELETE FROM license_online_cache"
run gov-license verify --online $V five.jsonl
like "no API, no cache: indeterminate" "$(checks_of online | sed -n 1p)" \
	'^TL-YYZZ-2024-0001 indeterminate \{"cached": false, "indeterminate": "could not be determined: no central API configured .*; no cached answer"\}$'
# The cache that cannot be read is said so, not taken for an empty one.
sqlite3 "$GOVKIT_DB" "ALTER TABLE license_online_cache RENAME TO cache_away"
run gov-license verify --online $V five.jsonl
like "no API, a cache that cannot be read: indeterminate, the cache's error told" "$(checks_of online | sed -n 1p)" \
	'^TL-YYZZ-2024-0001 indeterminate \{"cached": false, "indeterminate": "could not be determined: no central API configured .*; database: no such table: license_online_cache .*"\}$'
sqlite3 "$GOVKIT_DB" "ALTER TABLE cache_away RENAME TO license_online_cache"
# A license already untrusted is not asked about.
grep '"TL-YYZZ-2024-0029"' "$S/licenses.jsonl" >tampered.jsonl
run gov-license verify --online $V tampered.jsonl
is "online skipped when the signature fails" "$(checks_of online)" \
	'TL-YYZZ-2024-0029 untrusted {"skipped": "signature not valid"}'

done_testing
