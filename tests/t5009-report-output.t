#!/bin/sh
# gov-report -o FILE: every subcommand that prints records writes them to
# FILE instead (plan load, add, history, as quarter, status and missing
# do), atomically; a run that fails (exit 2) leaves no file.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
PLAN=$(expected report-mini-plan.json)

run $R plan load "$PLAN" -o plan.jsonl
is "plan load -o: exit 0" "$RC" 0
is "plan load -o: nothing on stdout" "$OUT" ""
is "plan load -o: the record in the file" "$(cat plan.jsonl)" "{\"type\":\"plan\",\"plan\":\"mini\",\"title\":\"测试行动方案\",\"file\":\"$PLAN\",\"state\":\"loaded\",\"tasks\":4,\"safeguards\":1,\"units\":5,\"milestones\":2,\"progress_kept\":0,\"progress_orphaned\":0}"
run $R plan load "$PLAN" --format text -o plan.txt
is "plan load -o --format text: the line in the file" "$(cat plan.txt)" "$PLAN: plan 'mini' unchanged: 4 tasks, 1 safeguards, 5 units, 2 milestones; 0 progress records kept"

printf '{"plan": ' >broken.json
run $R plan load broken.json -o bad.jsonl
is "plan load of a bad file -o: exit 2" "$RC" 2
ok "plan load of a bad file -o: no file" test ! -e bad.jsonl
run $R plan load "$PLAN" broken.json -o bad.jsonl
is "one good plan, one bad, -o: exit 2" "$RC" 2
ok "one good plan, one bad, -o: no file" test ! -e bad.jsonl

run $R add "$(expected report-mini-2025Q2.jsonl)" -o added.jsonl
is "add -o: exit 0" "$RC" 0
is "add -o: nothing on stdout" "$OUT" ""
is "add -o: the record in the file" "$(cat added.jsonl)" "{\"type\":\"added\",\"file\":\"$(expected report-mini-2025Q2.jsonl)\",\"records\":8,\"replaced\":0}"

printf '%s\n' '{"type":"progress","task":"9","unit":"a","quarter":"2025Q3","status":"on-track"}' >bad9.jsonl
run $R add bad9.jsonl -o findings.jsonl
is "add -o with findings: exit 1" "$RC" 1
is "add -o with findings: nothing on stdout" "$OUT" ""
is "add -o with findings: the finding in the file" "$(cat findings.jsonl)" '{"type":"finding","file":"bad9.jsonl","row":1,"column":null,"field":"task","check":"unknown-task","dimension":"consistency","severity":"error","value":"9","message":"unknown task '"'9'"': not in plan '"'mini'"'"}'
run $R add nonexistent.jsonl -o none.jsonl
is "add of a missing file -o: exit 2" "$RC" 2
ok "add of a missing file -o: no file" test ! -e none.jsonl

printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
run $R add --submit e.jsonl -o queued.jsonl
is "add --submit -o, no API: exit 3" "$RC" 3
is "add --submit -o, no API: both records in the file" "$(cat queued.jsonl)" '{"type":"added","file":"e.jsonl","records":1,"replaced":0}
{"type":"submit","endpoint":"progress","queued":1,"sent":0,"rejected":0,"pending":1}'

run $R history 2025Q2 --unit a
want=$OUT
run $R history 2025Q2 --unit a -o history.jsonl
is "history -o: exit 0" "$RC" 0
is "history -o: nothing on stdout" "$OUT" ""
is "history -o: the records of stdout, in the file" "$(cat history.jsonl)" "$want"
is "history -o: three records" "$(wc -l <history.jsonl)" 3
run $R history --unit zz -o h2.jsonl
is "history of an unknown unit -o: exit 2" "$RC" 2
ok "history of an unknown unit -o: no file" test ! -e h2.jsonl

if [ -w /dev/full ]; then
	run $R history -o /dev/full
	is "history -o /dev/full: a write error is exit 2" "$RC" 2
	like "history -o /dev/full: said" "$ERR" "unable to write '/dev/full'"
fi

for sub in "plan load $PLAN" "add e.jsonl" "history"; do
	run $R $sub -o x.xlsx
	is "${sub%% *} -o x.xlsx: usage error" "$RC:$ERR" "2:gov-report: a workbook (-o FILE.xlsx) is written by 'quarter' and 'template' only
try 'gov-report --help'"
	ok "${sub%% *} -o x.xlsx: no file" test ! -e x.xlsx
done
is "no temporary file left" "$(ls -A | grep '^\.' | grep -v '^\.\(out\|err\)$')" ""

# --format md is the report's, not the records'
for sub in "plan load $PLAN" "history"; do
	run gov-report --format md $sub
	is "--format md with $sub: exit 2" "$RC" 2
	like "--format md with $sub: said" "$ERR" "--format md is for 'status', 'quarter' and 'missing'"
done

# An unknown option: getopt's complaint and the hint, nothing more.
run gov-report --no-such-option status
is "unknown option: exit 2" "$RC" 2
is "unknown option: said once" "$ERR" "gov-report: unrecognized option '--no-such-option'
try 'gov-report --help'"
done_testing
