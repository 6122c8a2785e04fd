#!/bin/sh
# The schema check's message for a date as another province's system may
# write it says what is wanted: valid_to "长期" (or "") that a long-term
# license has valid_to null; a date with a time and zone that the date
# alone is wanted.  Before, each said only "is not a real date
# (YYYY-MM-DD)", as if 长期 or 2024-03-01T00:00:00+08:00 were a typing
# error.  The verdict stays invalid; leap days are judged as before.
. "$(dirname "$0")/lib.sh"

l() {
	printf '{"type":"license","license_no":"%s","license_type":"t","holder_name":"x","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"x","issuer_code":"11150500011505012H","issue_date":%s,"valid_from":%s,"valid_to":%s,"status":"valid"}\n' "$@"
}
{
	l LT '"2024-03-01"' '"2024-03-01"' '"长期"'
	l EMPTY '"2024-03-01"' '"2024-03-01"' '""'
	l TZ '"2024-03-01T09:30:00+08:00"' '"2024-03-01 00:00:00"' '"2026-03-01T00:00:00Z"'
	l LEAP '"2024-02-29"' '"2024-02-29"' '"2028-02-29"'
	l NOLEAP '"2023-02-29"' '"2024-02-29"' '"2100-02-29"'
	l ISSUE '"长期"' '"2024-03-01"' 'null'
} >d.jsonl
run gov-license verify --today "$T_TODAY" d.jsonl
is "exit 1" "$RC" 1
printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    s = [c for c in r["checks"] if c["check"] == "schema"][0]
    print(r["license_no"], r["verdict"], s.get("message", "ok"))' >got.txt
cat >want.txt <<'WANT'
LT invalid valid_to '长期' is not a real date (YYYY-MM-DD); a long-term license (长期) has valid_to null
EMPTY invalid valid_to '' is not a real date (YYYY-MM-DD); a long-term license (长期) has valid_to null
TZ invalid issue_date '2024-03-01T09:30:00+08:00' has a time: the date alone is wanted (YYYY-MM-DD); valid_from '2024-03-01 00:00:00' has a time: the date alone is wanted (YYYY-MM-DD); valid_to '2026-03-01T00:00:00Z' has a time: the date alone is wanted (YYYY-MM-DD)
LEAP indeterminate ok
NOLEAP invalid issue_date '2023-02-29' is not a real date (YYYY-MM-DD); valid_to '2100-02-29' is not a real date (YYYY-MM-DD)
ISSUE invalid issue_date '长期' is not a real date (YYYY-MM-DD)
WANT
same_file "schema messages, one license a line" got.txt want.txt

done_testing
