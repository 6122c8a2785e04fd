#!/bin/sh
# gov-license's dates check: valid_from <= valid_to, and the license
# issued no later than valid_to.  An issue_date after valid_from is a
# license issued again: a business licence re-issued after a change of
# registration keeps the term it had (营业期限自 its founding), so most
# older businesses' licences were called invalid.
. "$(dirname "$0")/lib.sh"

lic() { printf '{"type":"license","license_no":"%s","license_type":"营业执照","issuer_code":"11150500011505012H","issue_date":"%s","valid_from":"%s","valid_to":%s,"status":"valid"}\n' "$@"; }
{
	lic REISSUED 2023-06-12 2001-03-01 null
	lic REISSUED-TERM 2023-06-12 2001-03-01 '"2031-02-28"'
	lic SAME-DAY 2024-04-30 2024-04-01 '"2024-04-30"'
	lic ISSUED-AFTER-END 2024-05-01 2024-04-01 '"2024-04-30"'
	lic INVERTED 2024-01-01 2024-05-01 '"2024-04-30"'
} >l.jsonl
run gov-license verify --format ndjson --today 2025-10-15 l.jsonl
dates() { printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    c = {c["check"]: c for c in r["checks"]}["dates"]
    print(r["license_no"], c.get("ok"), c.get("message", ""))'; }
is "dates: re-issued ones pass, the others name what is wrong" "$(dates)" \
"REISSUED True 
REISSUED-TERM True 
SAME-DAY True 
ISSUED-AFTER-END False issue_date 2024-05-01 is after valid_to 2024-04-30
INVERTED False valid_from 2024-05-01 is after valid_to 2024-04-30"
done_testing
