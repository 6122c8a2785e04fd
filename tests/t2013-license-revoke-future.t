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
# --list shows the whole list: a --date beside it filtered nothing and
# was passed over without a word; now a usage error, as --reason is
run gov-license revoke --list --date 2025-09-01
is "--list with --date: a usage error" "$RC:$ERR" "2:gov-license: revoke --list takes no --date
try 'gov-license --help'"
run gov-license revoke --list --reason x
is "--list with --reason: a usage error" "$RC" 2
run gov-license revoke --list
is "the list: the three kept" "$(printf '%s\n' "$OUT" | grep -c '"type":"revocation"')" 3
# a --date that is no date names the option, with the usage hint
run gov-license revoke TL-4 --reason "吊销" --date 2025-9-1
is "a bad --date: named, usage error" "$RC:$ERR" "2:gov-license: --date: invalid date '2025-9-1', expected YYYY-MM-DD
try 'gov-license --help'"

done_testing
