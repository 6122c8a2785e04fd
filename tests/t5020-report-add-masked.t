#!/bin/sh
# A unit's return through gov-records: gov-records masks ID and phone
# numbers unless --no-mask, so a report piped from it without that flag
# would be stored, and sent to the central platform, as "138****5678".
# gov-report add says so once an input, naming the row, and stores the
# record as it came (a unit may mask on purpose); with --no-mask the text
# arrives whole and nothing is said.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

cat >filled.csv <<'C'
task,unit,quarter,status,summary,issues
1,a,2025Q3,on-track,按期推进,联系人 13812345678
2,a,2025Q3,on-track,身份证 150502199001011234,无
C
# what is stored, as gov-report shows it unmasked
summaries() {
	$R history 2025Q3 --no-mask --format ndjson | py -c '
import json, sys
for r in sorted((json.loads(l) for l in sys.stdin), key=lambda r: r["task"]):
    if r.get("current", True):
        print("|".join((r["task"], r.get("summary") or "", r.get("issues") or "")))'
}

gov-records --provenance --type progress filled.csv >masked.jsonl
run $R add masked.jsonl
is "masked on the way: exit 0, added" "$RC" 0
is "masked on the way: said once, at the first row" "$ERR" \
	"gov-report: filled.csv:2: 'issues' arrives masked and is stored so; records from gov-records need --no-mask to keep ID and phone numbers"
is "masked on the way: stored as it came" "$(summaries)" \
"1|按期推进|联系人 138****5678
2|身份证 150502********1234|无"

gov-records --no-mask --provenance --type progress filled.csv >whole.jsonl
run $R add whole.jsonl
is "--no-mask: exit 0, nothing said" "$RC:$ERR" "0:"
is "--no-mask: stored whole" "$(summaries)" \
"1|按期推进|联系人 13812345678
2|身份证 150502199001011234|无"

printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","summary":"tel 138-****-5678"}' >own.jsonl
run $R add own.jsonl
is "masked by the unit: said, the row named" "$ERR" \
	"gov-report: own.jsonl:1: 'summary' arrives masked and is stored so; records from gov-records need --no-mask to keep ID and phone numbers"
done_testing
