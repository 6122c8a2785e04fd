#!/bin/sh
# gov-license revoke --date: a date later than today is refused.  verify
# takes a license on the revocation list for revoked at once, whatever
# the date of the revocation, so a revocation recorded ahead of its date
# would revoke the license before the day its own record states (and a
# mistyped year, 2052 for 2025, would go unnoticed).
. "$(dirname "$0")/lib.sh"

run gov-license revoke TL-1 --reason "吊销" --date 2025-10-16 --today "$T_TODAY"
is "tomorrow: exit 2" "$RC" 2
is "tomorrow: nothing printed" "$OUT" ""
like "tomorrow: the message says why" "$ERR" \
	"^gov-license: --date 2025-10-16 is later than today \(2025-10-15\)"
run gov-license revoke --list
is "tomorrow: nothing put on the list" "$RC|$OUT" "0|"

run gov-license revoke TL-1 --reason "吊销" --date 2052-10-15 --today "$T_TODAY"
is "a mistyped year: exit 2" "$RC" 2

run gov-license revoke TL-1 --reason "吊销" --date 2025-10-15 --today "$T_TODAY"
is "today: exit 0" "$RC" 0
is "today: the record" "$OUT" \
	'{"type":"revocation","license_no":"TL-1","revoked_at":"2025-10-15","reason":"吊销","source":"local"}'
run gov-license revoke TL-2 --reason "吊销" --date 2025-01-01 --today "$T_TODAY"
is "an earlier day: exit 0" "$RC" 0
run gov-license revoke TL-3 --reason "吊销" --today "$T_TODAY"
is "no --date: today" "$(printf '%s' "$OUT" | grep -o '"revoked_at":"[^"]*"')" '"revoked_at":"2025-10-15"'
run gov-license revoke --list --date 2099-01-01
is "--list is not refused for --date" "$RC" 0
is "the list: the three kept" "$(printf '%s\n' "$OUT" | grep -c '"type":"revocation"')" 3

done_testing
