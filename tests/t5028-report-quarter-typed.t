#!/bin/sh
# gov-report: a quarter as officers and units type it (2025q3, 2025-Q3,
# blanks around it, full-width ２０２５Ｑ３, 2025年第三季度) is the quarter
# 2025Q3, in a flag and in a record alike; the output writes it 2025Q3.
# Forms that could mean something else (2025-3) are refused.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

# Records from the units' spreadsheets: each quarter as typed.
cat >typed.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025q3","status":"on-track","percent":40}
{"type":"progress","task":"1","unit":"b","quarter":"2025-Q3","status":"on-track","percent":30}
{"type":"progress","task":"1","unit":"c","quarter":" 2025Q3 ","status":"on-track","percent":20}
{"type":"progress","task":"2","unit":"a","quarter":"２０２５Ｑ３","status":"on-track","percent":50}
{"type":"progress","task":"2","unit":"b","quarter":"2025年第三季度","status":"on-track","percent":50}
{"type":"progress","task":"2","unit":"d","quarter":"2025年3季度","status":"on-track","percent":10}
{"type":"progress","task":"3","unit":"c","quarter":"　2025 Q3　","status":"on-track","percent":10}
J
run $R add typed.jsonl
is "quarters as typed: added" "$RC" 0
is "quarters as typed: added record" "$OUT" '{"type":"added","file":"typed.jsonl","records":7,"replaced":0}'
is "quarters as typed: nothing on stderr" "$ERR" ""
run $R history 2025Q3
is "stored as 2025Q3" \
	"$(printf '%s\n' "$OUT" | sed -n 's/.*"quarter":"\([^"]*\)".*/\1/p' | sort | uniq -c | tr -s ' ')" \
	" 7 2025Q3"

# The same report twice in one input, its quarter typed two ways.
cat >dup.jsonl <<'J'
{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":10}
{"type":"progress","task":"3","unit":"e","quarter":"2025年第三季度","status":"on-track","percent":10}
J
run $R add dup.jsonl
is "one quarter typed two ways: duplicate" "$RC" 1
is "duplicate: the finding" "$(finding_lines row check value)" \
	"2 duplicate None | second report of task '3' by 'e' for 2025Q3 in this input (first on line 1)"

# What is not a quarter, or not surely one, is a finding naming it.
cat >bad.jsonl <<'J'
{"type":"progress","task":"3","unit":"e","quarter":"2025-3","status":"on-track","percent":10}
{"type":"progress","task":"S1","unit":"e","quarter":"2025年第五季度","status":"on-track","percent":10}
{"type":"progress","task":"S1","unit":"a","quarter":"Q3","status":"on-track","percent":10}
J
run $R add bad.jsonl
is "not quarters: exit 1" "$RC" 1
is "not quarters: findings" "$(finding_lines row check value)" \
"1 quarter 2025-3 | '2025-3' is not a quarter (YYYYQn)
2 quarter 2025年第五季度 | '2025年第五季度' is not a quarter (YYYYQn)
3 quarter Q3 | 'Q3' is not a quarter (YYYYQn)"

# Flags: the same quarter, the same records, written 2025Q3.
run $R quarter 2025Q3
want=$OUT
for q in 2025q3 2025-Q3 ' 2025Q3 ' '２０２５Ｑ３' '2025年第三季度' '2025年三季度'; do
	run $R quarter "$q"
	is "quarter '$q': exit 0" "$RC" 0
	is "quarter '$q': the records of 2025Q3" "$OUT" "$want"
done
run $R missing 2025Q3
want=$OUT
run $R missing '2025年第三季度'
is "missing 2025年第三季度: those of 2025Q3" "$OUT" "$want"
run $R status --quarter '２０２５Ｑ３'
like "status --quarter ２０２５Ｑ３: 2025Q3" "$(printf '%s\n' "$OUT" | tail -1)" '^\{"type":"summary","plan":"mini","quarter":"2025Q3"'
run $R history ' 2025q3 ' --format text
like "history ' 2025q3 ': its reports" "$OUT" '2025Q3'
run $R template '2025年第三季度' --unit a -o a.xlsx
is "template 2025年第三季度: written" "$RC" 0

for q in 2025-3 '2025 Q 3' 25Q3 2025Q5 '2025年' 'Q3 2025'; do
	run $R quarter "$q"
	is "quarter '$q': exit 2" "$RC" 2
	is "quarter '$q': message" "$ERR" \
		"gov-report: invalid quarter '$q', expected YYYYQn, 'current' or 'previous'"
done

done_testing
