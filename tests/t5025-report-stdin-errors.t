#!/bin/sh
# gov-report plan load - reads the plan from standard input, as every
# file argument of govkit takes '-'; add on an input that cannot be read
# (a directory, a closed standard input) says so on standard error and
# exits 2, without a 'finding' record: a read error is no finding of
# the data.  Before, 'plan load -' failed ("cannot open '-'") and add
# printed a finding at row 0 besides the diagnostic.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
PLAN=$(expected report-mini-plan.json)

run_in "$PLAN" $R plan load -
is "plan load -: exit 0" "$RC" 0
is "plan load -: the record names (stdin)" "$OUT" '{"type":"plan","plan":"mini","title":"测试行动方案","file":"(stdin)","state":"loaded","tasks":4,"safeguards":1,"units":5,"milestones":2,"progress_kept":0,"progress_orphaned":0}'
is "plan load -: quiet" "$ERR" ""
run $R plan load "$PLAN"
like "the same plan from its file: unchanged" "$OUT" '"state":"unchanged"'

printf '{"plan":' >bad.json
run_in bad.json $R plan load -
is "plan load - of bad JSON: exit 2" "$RC" 2
like "plan load - of bad JSON: names (stdin)" "$ERR" '^gov-report: \(stdin\):1:8: not valid JSON$'

mkdir adir
run $R add --format ndjson adir
is "add DIRECTORY: exit 2" "$RC" 2
is "add DIRECTORY: no record" "$OUT" ""
is "add DIRECTORY: the diagnostic" "$ERR" "gov-report: adir: read error: Is a directory"

$R add --format ndjson <&- >out 2>err
is "add with standard input closed: exit 2" "$?" 2
is "add with standard input closed: no record" "$(cat out)" ""
like "add with standard input closed: the diagnostic" "$(cat err)" '^gov-report: \(stdin\): read error'

done_testing
