#!/bin/sh
# gov-license sync: a revocation whose reason holds a NUL byte (JSON
# allows \u0000) is stored with all of its reason, the byte as U+FFFD, and
# says so; it was cut at the byte without a word.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"

server_start
server_control '{"revocations":[{"license_no":"TL-OK-1","revoked_at":"2025-09-01T00:00:00Z","reason":"plain"},{"license_no":"TL-NUL-1","revoked_at":"2025-09-03T00:00:00Z","reason":"吊销\u0000登记机关\u0000"}]}'
run gov-license sync
is "sync: exit 0" "$RC" 0
is "sync: the record" "$OUT" '{"type":"sync","received":2,"new":2,"since":null,"until":"2025-09-03T00:00:00Z","asked":null}'
is "sync: the NUL byte said, with the revocation" "$ERR" \
	"gov-license: sync: revocation 2 (TL-NUL-1): its reason holds a NUL byte, stored as U+FFFD"
run gov-license revoke --list
is "sync: both stored, the reason whole" "$OUT" \
'{"type":"revocation","license_no":"TL-NUL-1","revoked_at":"2025-09-03T00:00:00Z","reason":"吊销�登记机关�","source":"sync"}
{"type":"revocation","license_no":"TL-OK-1","revoked_at":"2025-09-01T00:00:00Z","reason":"plain","source":"sync"}'
done_testing
