#!/bin/sh
# gov-license sync and the register's revoked_at: a malformed one or one
# later than the clock never becomes the sync position (the next sync
# would ask ?since= it and could miss genuine revocations for good); the
# entry is still kept on the list, with a warning naming it, and exit 1.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"

server_start
server_control '{"revocations":[{"license_no":"A","revoked_at":"not a date","reason":"r"},{"license_no":"B","revoked_at":"9999-12-31T00:00:00Z","reason":"r"}]}'
run gov-license sync
is "bad dates only: exit 1" "$RC" 1
is "bad dates only: no position" "$OUT" '{"type":"sync","received":2,"new":2,"since":null,"until":null,"asked":null}'
is "bad dates only: each named" "$ERR" "gov-license: sync: revocation 1 (A): revoked_at 'not a date' is not an ISO 8601 date-time with a time zone; kept on the list, not taken as the sync position
gov-license: sync: revocation 2 (B): revoked_at 9999-12-31T00:00:00Z is in the future; kept on the list, not taken as the sync position"
is "bad dates only: nothing stored as position" "$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM license_sync')" 0
is "bad dates only: both kept on the list (a verifier errs on the revoked side)" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT license_no FROM license_revocation ORDER BY 1' | tr '\n' ' ')" "A B "
run gov-license sync
is "second sync: still asks for everything (since null)" "$OUT" '{"type":"sync","received":2,"new":0,"since":null,"until":null,"asked":null}'

server_control '{"revocations":[{"license_no":"C","revoked_at":"2025-09-02T09:30:00Z","reason":"r"},{"license_no":"D","revoked_at":"2025-09-03T07:00:00+08:00","reason":"r"},{"license_no":"E","revoked_at":"2025-09-02T23:59:59.5Z","reason":"r"}]}'
run gov-license sync
is "good ones: exit 1 (the bad ones come again)" "$RC" 1
# D is the greatest text but not the newest instant (23:00Z).
is "good ones: the newest instant, as the register wrote it" "$OUT" \
	'{"type":"sync","received":5,"new":3,"since":null,"until":"2025-09-02T23:59:59.5Z","asked":null}'
# The register (comparing instants) sends everything from that instant
# on: the boundary E, and the bad A and B again (compared as text); not D.
run gov-license sync --overlap 0
is "next sync, --overlap 0: asks since that instant" "$OUT" \
	'{"type":"sync","received":3,"new":0,"since":"2025-09-02T23:59:59.5Z","until":"2025-09-02T23:59:59.5Z","asked":"2025-09-02T23:59:59.5Z"}'

# Shapes that are not an RFC 3339 date-time: no offset, no seconds, a
# date alone, a bad calendar day, an hour 24, trailing text.
server_control '{"reset":true}'
for at in 2025-09-05T10:00:00 2025-09-05T10:00Z 2025-09-05 2025-09-31T10:00:00Z \
	2025-09-05T24:00:00Z "2025-09-05T10:00:00Z " 2025-09-05t10:00:00z; do
	server_control '{"reset":true}'
	server_control "{\"revocations\":[{\"license_no\":\"F\",\"revoked_at\":\"$at\"}]}"
	run gov-license sync
	is "'$at' refused as a position" "$RC:$(printf '%s' "$OUT" | grep -o '"until":"[^"]*"')" \
		'1:"until":"2025-09-02T23:59:59.5Z"'
done

# A position stored by an older version is not trusted.
sqlite3 "$GOVKIT_DB" "UPDATE license_sync SET since = 'not a date'"
server_control '{"reset":true}'
server_control '{"revocations":[{"license_no":"G","revoked_at":"2025-09-06T00:00:00Z"}]}'
run gov-license sync
is "stored bad position: exit 0" "$RC" 0
is "stored bad position: warned" "$ERR" "gov-license: sync: the stored position 'not a date' is not a past date-time; asking for every revocation again"
is "stored bad position: asked without since, replaced" "$OUT" \
	'{"type":"sync","received":1,"new":1,"since":null,"until":"2025-09-06T00:00:00Z","asked":null}'
done_testing
