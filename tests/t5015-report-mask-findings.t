#!/bin/sh
# gov-report add: a finding quotes the input (a unit, a status, a task
# filled with a resident ID or phone number): its value and message are
# masked as every output is, records and text alike, unless --no-mask.
# So are the messages that quote a --unit or quarter typed in.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

cat >p.jsonl <<'J'
{"type":"progress","task":"1","unit":"150502199001011234","quarter":"2025Q3","status":"on-track","percent":30}
{"type":"progress","task":"1","unit":"13812345678","quarter":"2025Q3","status":"on-track","percent":30}
{"type":"progress","task":"tel 138-1234-5678","unit":"a","quarter":"2025Q3","status":"13812345678","percent":30}
J
run $R add --format ndjson p.jsonl
is "findings: exit 1" "$RC" 1
is "findings: value and message masked" "$OUT" \
'{"type":"finding","file":"p.jsonl","row":1,"column":null,"field":"unit","check":"unknown-unit","dimension":"consistency","severity":"error","value":"150502********1234","message":"unknown unit '"'"'150502********1234'"'"': not an id, name or alias in the plan"}
{"type":"finding","file":"p.jsonl","row":2,"column":null,"field":"unit","check":"unknown-unit","dimension":"consistency","severity":"error","value":"138****5678","message":"unknown unit '"'"'138****5678'"'"': not an id, name or alias in the plan"}
{"type":"finding","file":"p.jsonl","row":3,"column":null,"field":"task","check":"unknown-task","dimension":"consistency","severity":"error","value":"tel 138-****-5678","message":"unknown task '"'"'tel 138-****-5678'"'"': not in plan '"'"'mini'"'"'"}
{"type":"finding","file":"p.jsonl","row":3,"column":null,"field":"status","check":"status","dimension":"conformity","severity":"error","value":"138****5678","message":"status '"'"'138****5678'"'"' is not one of not-started, on-track, at-risk, delayed, done"}'
is "findings: stderr" "$ERR" "gov-report: p.jsonl: 4 findings, nothing added from it"

run $R add --format text p.jsonl
is "text: exit 1" "$RC" 1
is "text: messages masked" "$OUT" \
"p.jsonl:1: unknown unit '150502********1234': not an id, name or alias in the plan
p.jsonl:2: unknown unit '138****5678': not an id, name or alias in the plan
p.jsonl:3: unknown task 'tel 138-****-5678': not in plan 'mini'
p.jsonl:3: status '138****5678' is not one of not-started, on-track, at-risk, delayed, done"

run $R add --format text --no-mask p.jsonl
is "--no-mask: exit 1" "$RC" 1
is "--no-mask: as written" "$OUT" \
"p.jsonl:1: unknown unit '150502199001011234': not an id, name or alias in the plan
p.jsonl:2: unknown unit '13812345678': not an id, name or alias in the plan
p.jsonl:3: unknown task 'tel 138-1234-5678': not in plan 'mini'
p.jsonl:3: status '13812345678' is not one of not-started, on-track, at-risk, delayed, done"

# A long value: the message is masked whole, not cut first.
long=$(printf 'x%.0s' $(seq 1 600))
printf '{"type":"progress","task":"1","unit":"%s 13812345678","quarter":"2025Q3","status":"on-track"}\n' "$long" >long.jsonl
run $R add --format text long.jsonl
is "long: exit 1" "$RC" 1
is "long: masked" "$OUT" \
"long.jsonl:1: unknown unit '$long 138****5678': not an id, name or alias in the plan"

# What was typed: --unit and the quarter.
run $R history --unit 13812345678
is "history --unit: exit 2" "$RC" 2
is "history --unit: masked" "$ERR" \
"gov-report: unknown unit '138****5678': not an id, name or alias in plan 'mini'"
run $R template 2025Q3 --unit 150502199001011234 -o t.xlsx
is "template --unit: masked" "$ERR" \
"gov-report: unknown unit '150502********1234': not an id, name or alias in plan 'mini'"
run $R missing 13812345678
is "missing: exit 2" "$RC" 2
is "missing: quarter masked" "$ERR" \
"gov-report: invalid quarter '138****5678', expected YYYYQn, 'current' or 'previous'"
run $R quarter 13812345678 --no-mask
is "quarter --no-mask: as typed" "$ERR" \
"gov-report: invalid quarter '13812345678', expected YYYYQn, 'current' or 'previous'"
done_testing
