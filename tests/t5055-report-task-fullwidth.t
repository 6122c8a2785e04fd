#!/bin/sh
# gov-report: a task id typed in full-width digits or letters ("１２",
# "Ｓ１", as a Chinese input method in full-width mode types them in a
# template's cell or a JSON line) is the task: it was an 'unknown-task'
# finding and the whole file was refused, while a quarter typed so was
# taken.  Other characters still make another id.
. "$(dirname "$0")/lib.sh"

run gov-report plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

cat >q3.jsonl <<J
{"type":"progress","task":"１","unit":"b","quarter":"2025Q3","status":"on-track","percent":60}
{"type":"progress","task":"Ｓ１","unit":"a","quarter":"2025Q3","status":"done"}
J
run gov-report --today 2025-10-03 add q3.jsonl
is "tasks typed in full-width: added" \
	"$RC:$OUT:$ERR" '0:{"type":"added","file":"q3.jsonl","records":2,"replaced":0}:'
is "... stored under the plan's task ids" \
	"$(gov-report history 2025Q3 | sed 's/.*"task":"\([^"]*\)","unit":"\([^"]*\)",.*/\1 \2/')" \
	"1 b
S1 a"

printf '%s\n' '{"type":"progress","task":"１２","unit":"b","quarter":"2025Q3","status":"on-track","percent":60}' \
	'{"type":"progress","task":"s1","unit":"a","quarter":"2025Q3","status":"done"}' \
	'{"type":"progress","task":"１。","unit":"b","quarter":"2025Q3","status":"done"}' >other.jsonl
run gov-report --today 2025-10-03 add other.jsonl
is "a task the plan has not, a lower-case letter, an ideographic full stop: unknown, exit 1" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"check":"unknown-task"')" "1:3"
like "... the finding names the file, row and the id as typed" "$OUT" \
	'^\{"type":"finding","file":"other.jsonl","row":1,.*"value":"１２"'

done_testing
