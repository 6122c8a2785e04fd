#!/bin/sh
# A user and password in an https:// central API address
# (https://USER:PASSWORD@HOST/) are allowed, and sent as HTTP Basic
# authentication.  They are kept out of every message, out of --status and
# out of the database, as the token is: no message names the address, and
# a server (or a proxy before it) that echoes the request's headers, or
# the password, in its answer has them blotted out before anything reads
# the answer.  Before, the token alone was: the password and the
# "Authorization: Basic" credential an answer echoed were printed, kept
# in --status and stored.
. "$(dirname "$0")/lib.sh"
SERVER_SCHEME=https
. "$T_DIR/server.sh"

server_test_certs
ok "test certificates made" [ -s srv.pem ]
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_backoff = 0.01\ncacert = %s\n' "$SCRATCH/ca.pem" \
	>"$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","id":"p-1"}\n' >t.jsonl
PW=s3cret-Pa55
BASIC=$(printf 'officer:%s' "$PW" | base64)
: >all.out
keep() { printf '%s\n%s\n' "$OUT" "$ERR" >>all.out; }

server_start --cert srv.pem --key srv.key
API=https://officer:$PW@127.0.0.1:$SERVER_PORT/
unset GOVKIT_TOKEN

# The server down: the message names the host, not the address.
server_stop
GOVKIT_API=$API run gov-submit --endpoint pw t.jsonl; keep
is "server down: exit 3" "$RC" 3
like "... the message names the host" "$ERR" \
	"^gov-submit: POST /v1/pw: Failed to connect to 127\\.0\\.0\\.1 port $SERVER_PORT after [0-9]+ ms: Couldn't connect to server \\(1 attempt\\)"
unlike "... nor the address's password" "$ERR" "$PW|officer"

# An answer that echoes the request's credentials: blotted out.
server_start --cert srv.pem --key srv.key
unset GOVKIT_TOKEN
server_answer 401 "{\"error\":\"bad credentials (Authorization: Basic $BASIC), password $PW\"}"
hint="the central API refused the user and password of its address: check GOVKIT_API (or 'api' in the config file), or use a token"
GOVKIT_API=$API run gov-submit --flush; keep
is "an echo of the credentials: exit 2, blotted out" "$RC:$ERR" \
	"2:gov-submit: POST /v1/pw: HTTP 401: bad credentials (Authorization: Basic $(echo "$BASIC" | tr -c '\n' '*')), password $(echo "$PW" | tr -c '\n' '*'); $hint
gov-submit: 1 record kept queued; once that is put right, to send it, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
GOVKIT_API=$API run gov-submit --status; keep
like "... --status keeps the message, blotted out" "$OUT" \
	'"last_error":"POST /v1/pw: HTTP 401: bad credentials \(Authorization: Basic \*+\), password \*+; the central API refused'
GOVKIT_API=$API run gov-submit --status --format text; keep

# gov-license sync: a revocation's reason that holds the password.
export GOVKIT_TOKEN=$SERVER_TOKEN
server_control "{\"revocations\":[{\"license_no\":\"TL-PW\",\"revoked_at\":\"2025-01-01T00:00:00Z\",\"reason\":\"seen $PW\"}]}"
GOVKIT_API=$API run gov-license sync; keep
is "sync: exit 0" "$RC" 0
run gov-license revoke --list; keep
like "sync: the reason kept, the password blotted out" "$OUT" '"reason":"seen \*+"'
GOVKIT_API=$API run gov-submit --flush; keep
is "with the token: delivered" "$RC" 0

for f in "$GOVKIT_DB" "$GOVKIT_DB-wal" "$GOVKIT_DB-shm"; do
	[ -e "$f" ] && cat "$f" >>db.bytes
done
ok "database was written" [ -s db.bytes ]
is "password not in any output or message" "$(grep -c -F -- "$PW" all.out)" 0
is "Basic credential not in any output or message" "$(grep -c -F -- "$BASIC" all.out)" 0
is "password not in the database files" "$(grep -a -c -F -- "$PW" db.bytes)" 0
is "Basic credential not in the database files" "$(grep -a -c -F -- "$BASIC" db.bytes)" 0
sqlite3 "$GOVKIT_DB" .dump >dump.sql
is "password not in the database dump" "$(grep -c -F -e "$PW" -e "$BASIC" dump.sql)" 0

done_testing
