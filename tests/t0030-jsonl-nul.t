#!/bin/sh
# JSON Lines input: a string (value or key) holding \u0000 is a bad line,
# like any other invalid JSON, named by file, line and column -- not read
# cut short at the NUL ("A\u0000EVIL" as "A").  Through the tools that read
# records with jl_next: gov-catalog add, gov-report add, gov-profile.
. "$(dirname "$0")/lib.sh"

# A backslash and the text u0000 ("\\u0000") is no NUL: read as it is.
printf '%s\n' \
	'{"type":"entry","code":"A\u0000EVIL","name":"evil","provider":"p"}' \
	'{bad' \
	'{"type":"entry","code":"B\\u0000","name":"fine","provider":"p"}' \
	'{"type":"entry","n\u0000":"x","code":"C","name":"key","provider":"p"}' \
	> e.jsonl
run gov-catalog add e.jsonl
is "catalog add: bad lines, exit 1" "$RC" 1
like "catalog add: \\u0000 in a value named" "$ERR" \
     '^gov-catalog: e\.jsonl:1: invalid JSON: \\u0000 in a string at column 26$'
like "catalog add: the other invalid line too" "$ERR" \
     '^gov-catalog: e\.jsonl:2: invalid JSON at column 3$'
like "catalog add: \\u0000 in a key named" "$ERR" \
     '^gov-catalog: e\.jsonl:4: invalid JSON: \\u0000 in a string at column 19$'
run gov-catalog show A
unlike "catalog: no entry 'A' made of 'A\\u0000EVIL'" "$OUT" '"code":"A"'
unlike "catalog: no entry 'C' made of the bad key's line" \
       "$(gov-catalog list)" '"code":"C"'
like "catalog: the escaped backslash read as it is" \
     "$(gov-catalog list)" '"code":"B\\\\u0000"'

printf '%s\n' '{"code":"A\u0000EVIL"}' '{"code":"B"}' > p.jsonl
run gov-profile p.jsonl
is "profile: exit 2, as for other invalid JSON" "$RC" 2
is "profile: message" "$ERR" \
   'gov-profile: p.jsonl:1: invalid JSON: \u0000 in a string at column 11'

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
printf '%s\n' \
	'{"type":"progress","task":"1\u0000X","unit":"a","quarter":"2025Q3","status":"on-track","percent":5}' \
	> pr.jsonl
run $R add pr.jsonl
ok "report add: not accepted" [ "$RC" -ne 0 ]
like "report add: a finding for the line, as for other invalid JSON" "$OUT" \
     '"file":"pr\.jsonl","row":1,.*"check":"json",.*"message":"invalid JSON: \\\\u0000 in a string at column 29"'
run $R status
unlike "report: no progress for task '1'" "$OUT" '"task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":5'

done_testing
