#!/bin/sh
# gov-license sync asks again from a week before its position (--overlap
# DAYS): the position is the newest revoked_at seen, so a revocation the
# register records late, dated before it, was never asked for, and a
# revoked license verified as valid for good.  Those received again count
# as received, not new.  --overlap 0 asks from the position itself;
# --full asks for everything.  The record says what was asked.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
server_start
rev() { printf '{"license_no":"%s","revoked_at":"%s","reason":"r"}' "$1" "$2"; }
listed() { gov-license revoke --list | py -c '
import json, sys
print(" ".join(sorted(json.loads(l)["license_no"] for l in sys.stdin)))'; }

server_control "{\"revocations\":[$(rev A 2025-09-01T10:00:00Z),$(rev C 2025-09-01T12:00:00Z)]}"
run gov-license sync
is "first sync: both, the position the newest" "$RC:$OUT" \
	'0:{"type":"sync","received":2,"new":2,"since":null,"until":"2025-09-01T12:00:00Z","asked":null}'

# the register records B late, dated between them (and in +08:00); the
# reference register adds what it is given to what it holds
server_control "{\"revocations\":[$(rev B 2025-09-01T19:00:00+08:00)]}"
run gov-license sync --overlap 0
is "--overlap 0: asked from the position, B missed" "$RC:$OUT" \
	'0:{"type":"sync","received":1,"new":0,"since":"2025-09-01T12:00:00Z","until":"2025-09-01T12:00:00Z","asked":"2025-09-01T12:00:00Z"}'
is "--overlap 0: B not on the list" "$(listed)" "A C"

run gov-license sync
is "default: asked from a week before, B received and new" "$RC:$OUT" \
	'0:{"type":"sync","received":3,"new":1,"since":"2025-09-01T12:00:00Z","until":"2025-09-01T12:00:00Z","asked":"2025-08-25T12:00:00Z"}'
is "default: B on the list" "$(listed)" "A B C"

# a revocation dated before the week is found by --full
server_control "{\"revocations\":[$(rev OLD 2025-06-01T00:00:00Z)]}"
run gov-license sync --overlap 30
is "--overlap 30: not far enough" "$RC:$(printf '%s' "$OUT" | grep -o '"new":[0-9]*,.*')" \
	'0:"new":0,"since":"2025-09-01T12:00:00Z","until":"2025-09-01T12:00:00Z","asked":"2025-08-02T12:00:00Z"}'
run gov-license sync --full
is "--full: everything asked for, OLD new" "$RC:$OUT" \
	'0:{"type":"sync","received":4,"new":1,"since":"2025-09-01T12:00:00Z","until":"2025-09-01T12:00:00Z","asked":null}'
is "--full: the position never goes back" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT since FROM license_sync')" "2025-09-01T12:00:00Z"

for bad in -1 3651 7d ""; do
	run gov-license sync --overlap "$bad"
	is "--overlap '$bad': usage error" "$RC" 2
done
like "--overlap: the range named" "$ERR" "invalid value '' for --overlap \\(expected 0 to 3650\\)"

# --full asks for everything: an overlap beside it was taken and ignored
run gov-license sync --overlap 3 --full
is "--overlap with --full: usage error" "$RC" 2
like "--overlap with --full: says so" "$ERR" "^gov-license: --overlap and --full do not go together"
done_testing
