#!/bin/sh
# The token never appears in any output, error message or in the database;
# a token file readable by group or others is refused with a clear message.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.01\nhttp_max_backoff = 0.05\nhttp_retries = 1\n' \
	> "$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","id":"t-1"}\n{"type":"finding","id":"t-2"}\n' > t.jsonl
: > all.out
keep() { printf '%s\n%s\n' "$OUT" "$ERR" >> all.out; }

server_start
TOKEN=$SERVER_TOKEN

run gov-submit --endpoint tok t.jsonl; keep
is "delivered with GOVKIT_TOKEN" "$RC" 0
is "server saw the bearer token" "$(server_requests | grep -c '"auth":"ok"')" 1

# Failures of every kind, in both formats: none may show the token.
server_control '{"token":"not-the-one"}'
run gov-submit --endpoint tok t.jsonl; keep
is "wrong token: exit 2" "$RC" 2
like "wrong token: clear message" "$ERR" 'HTTP 401: missing or bad bearer token'
server_control "{\"token\":\"$TOKEN\",\"reject\":[{\"field\":\"id\",\"value\":\"t-1\",\"error\":\"no\"}]}"
run gov-submit --flush; keep
is "rejection: exit 1" "$RC" 1
run gov-submit --status; keep
run gov-submit --status --format text; keep
run gov-submit --dry-run --endpoint tok t.jsonl; keep
run gov-submit --flush --format text; keep
server_stop
run gov-submit --endpoint tok t.jsonl; keep
is "server down: exit 3" "$RC" 3
run gov-submit --flush --format text; keep
server_start
run gov-submit --flush; keep
is "back: exit 0" "$RC" 0

# A server (or a proxy before it) that echoes the request's headers: in a
# catalog's refusal, in a revocation's reason.  The token was printed, put
# in the push record, and stored on the revocation list.
gov-catalog add "$T_TOP/samples/catalog/entries.jsonl" >/dev/null
server_control "$(py -c '
import json, sys
err = {"success": False, "error": {"__type": "Validation Error",
       "message": "token " + sys.argv[1], "name": ["got Authorization: Bearer " + sys.argv[1]]}}
print(json.dumps({"answer": 1, "status": 409, "body": json.dumps(err)}))' "$TOKEN")"
run gov-catalog push 101001001/000001; keep
like "catalog push, refused: the refusal reported" "$RC:$ERR" "^1:.*refused by the central catalog \(HTTP 409\)"
server_control "{\"revocations\":[{\"license_no\":\"TL-ECHO\",\"revoked_at\":\"2025-01-01T00:00:00Z\",\"reason\":\"seen $TOKEN\"}]}"
run gov-license sync; keep
is "sync: exit 0" "$RC" 0
run gov-license revoke --list; keep
like "sync: the reason kept, the token blotted out" "$OUT" '"reason":"seen \*+"'
for f in "$GOVKIT_DB" "$GOVKIT_DB-wal" "$GOVKIT_DB-shm"; do
	[ -e "$f" ] && cat "$f" >> db.bytes
done
ok "database was written" [ -s db.bytes ]
is "token not in any output or message" "$(grep -c -F -- "$TOKEN" all.out)" 0
is "token not in the database files" "$(grep -a -c -F -- "$TOKEN" db.bytes)" 0
sqlite3 "$GOVKIT_DB" .dump > dump.sql
is "token not in the database dump" "$(grep -c -F -- "$TOKEN" dump.sql)" 0
ok "the dump does hold the rejected record" grep -q 't-1' dump.sql

# A token file: refused unless only its owner may read it.
unset GOVKIT_TOKEN
printf '%s\n' "$TOKEN" > token
chmod 644 token
export GOVKIT_TOKEN_FILE=$SCRATCH/token
n0=$(server_requests | wc -l)
run gov-submit --endpoint file t.jsonl
is "world-readable token file: exit 2" "$RC" 2
is "world-readable token file: clear message" "$ERR" \
   "gov-submit: token file '$SCRATCH/token' is readable by others (mode 644); to fix it, run: chmod 600 $(shq "$SCRATCH/token")"
run gov-submit --status --endpoint file
is "world-readable token file: nothing queued" "$OUT" ""
is "world-readable token file: nothing sent" "$(server_requests | wc -l)" "$n0"
chmod 640 token
run gov-submit --endpoint file t.jsonl
is "group-readable token file: exit 2" "$RC" 2
like "group-readable token file: message" "$ERR" 'readable by others \(mode 640\); to fix it, run: chmod 600 .*/token'"'"'?$'
chmod 620 token
run gov-submit --endpoint file t.jsonl
is "group-writable token file: exit 2" "$RC" 2
like "group-writable token file: message says writable" "$ERR" 'is writable by others \(mode 620\); to fix it, run: chmod 600 .*/token'"'"'?$'
chmod 610 token
run gov-submit --endpoint file t.jsonl
is "token file 610: exit 2" "$RC" 2
like "token file 610: message" "$ERR" 'is open to others \(mode 610\); to fix it, run: chmod 600 .*/token'"'"'?$'
chmod 600 token
run gov-submit --endpoint file t.jsonl
is "token file 600: exit 0" "$RC" 0
is "token file 600: delivered" "$(server_records file | wc -l)" 2
unlike "token file: token not in output" "$OUT$ERR" "$TOKEN"

# Plain http to another machine would send the token in clear: refused.
GOVKIT_API=http://192.0.2.1:8080 run gov-submit --endpoint clear t.jsonl
is "plain http off this machine: exit 2" "$RC" 2
is "plain http off this machine: message" "$ERR" \
   "gov-submit: refusing to send the token in clear to '192.0.2.1': use an https:// central API address"
unlike "plain http: token not in message" "$ERR" "$TOKEN"
# A name that only starts like a loopback address is another machine's:
# 127.0.0.1.example.invalid was taken for this machine and the token sent
# in clear to wherever DNS put it.
for h in 127.0.0.1.example.invalid 127.attacker.invalid; do
	GOVKIT_API=http://$h:8080 run gov-submit --endpoint clear t.jsonl
	is "plain http to $h: exit 2" "$RC" 2
	is "plain http to $h: message" "$ERR" \
	   "gov-submit: refusing to send the token in clear to '$h': use an https:// central API address"
done
GOVKIT_API=http://127.0.0.1.example.invalid run gov-catalog push
like "gov-catalog push: the same refusal" "$RC:$ERR" "^2:.*refusing to send the token in clear"

done_testing
