#!/bin/sh
# gov-report: a unit, task or status copied from a spreadsheet or a
# Word table often carries a full-width (ideographic, U+3000) or a
# no-break (U+00A0) space around it, as a quarter does; an ASCII space
# around one of a report was taken, these were not ('unknown unit
# '市工信局　''), nor any blank around the --unit of template and history
# (a cron line's "$unit" read from a list).  Blanks around it are not the
# name; blanks inside it still are.
. "$(dirname "$0")/lib.sh"

run gov-report plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

IS=$(printf '\343\200\200')   # U+3000 ideographic space
NB=$(printf '\302\240')       # U+00A0 no-break space
cat >q3.jsonl <<J
{"type":"progress","task":"1","unit":"市工信局$IS","quarter":"2025Q3","status":"on-track","percent":60}
{"type":"progress","task":"2","unit":"${NB}工信局 ","quarter":"2025Q3","status":"按计划推进$IS","percent":50}
{"type":"progress","task":"S1$IS","unit":"$IS${IS}a","quarter":"2025Q3","status":"done"}
J
run gov-report --today 2025-10-03 add q3.jsonl
is "units, a task and a status with full-width and no-break blanks around: added" \
	"$RC:$OUT:$ERR" '0:{"type":"added","file":"q3.jsonl","records":3,"replaced":0}:'
is "... stored under the units' and tasks' ids" \
	"$(gov-report history 2025Q3 | sed 's/.*"task":"\([^"]*\)","unit":"\([^"]*\)",.*"status":"\([^"]*\)".*/\1 \2 \3/')" \
	"1 b on-track
2 b on-track
S1 a done"

printf '%s\n' '{"type":"progress","task":"1","unit":"市工信局'"$IS"'局","quarter":"2025Q3","status":"on-track","percent":60}' >inside.jsonl
run gov-report --today 2025-10-03 add inside.jsonl
is "a blank inside the name: still unknown, exit 1" "$RC" 1
like "... the finding names the file and row" "$OUT" \
	'^\{"type":"finding","file":"inside.jsonl","row":1,.*"check":"unknown-unit"'

printf '%s\n' '{"type":"progress","task":"1","unit":"'"$IS$NB"'","quarter":"2025Q3","status":"on-track","percent":60}' >blank.jsonl
run gov-report --today 2025-10-03 add blank.jsonl
is "a unit of full-width and no-break blanks only: 'required', exit 1" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"field":"unit","check":"required"')" "1:1"

run gov-report --today 2025-10-03 template 2025Q4 --unit "市工信局 " -o t.xlsx
is "template --unit with a trailing space: exit 0, nothing said" "$RC:$ERR" "0:"
ok "... the template written" test -s t.xlsx
run gov-report --today 2025-10-03 template 2025Q4 --unit "${IS}b$NB" -o t2.xlsx
is "template --unit with full-width and no-break blanks: exit 0" "$RC:$ERR" "0:"
run gov-report --today 2025-10-03 history 2025Q3 --unit "工信局$IS"
is "history --unit with a full-width blank: the unit's two reports" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"unit":"b"')" "0:2"
run gov-report --today 2025-10-03 template 2025Q4 --unit "市工信 局" -o t3.xlsx
is "template --unit with a blank inside: unknown, exit 2" "$RC" 2
ok "... no template" test ! -e t3.xlsx

done_testing
