#!/bin/sh
# gov-report: a plan's own task id written in full-width forms ("１２") or
# a unit name with a blank after it ("市工信局　", copied from a document)
# is found by itself, as before the lookups read typed ids and names
# loosely (b2e654a, 9120d07): they normalised the looked-for side only, so
# a report naming the task or the unit exactly as the plan writes it was
# an unknown-task or unknown-unit finding, exit 1 (fuzz_report_plan, F27).
. "$(dirname "$0")/lib.sh"

cat >plan.json <<'J'
{"plan": {"id": "fw", "title": "t", "start": "2025Q1", "end": "2026Q4"},
 "units": [{"id": "a", "name": "市数据局"},
           {"id": "b", "name": "市工信局　", "aliases": [" 工信局"]}],
 "tasks": [{"id": "１２", "title": "x", "lead": ["a"], "cooperating": ["b"]},
           {"id": "Ｓ１ ", "title": "y", "lead": ["b"]}]}
J
run gov-report plan load plan.json
is "plan with full-width task ids and blanks around names loaded" "$RC" 0

cat >q3.jsonl <<'J'
{"type":"progress","task":"１２","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}
{"type":"progress","task":"Ｓ１ ","unit":"市工信局　","quarter":"2025Q3","status":"done"}
J
run gov-report --today 2025-10-03 add q3.jsonl
is "task and unit named as the plan writes them: added" \
	"$RC:$OUT:$ERR" '0:{"type":"added","file":"q3.jsonl","records":2,"replaced":0}:'

cat >q4.jsonl <<'J'
{"type":"progress","task":"12","unit":"市工信局","quarter":"2025Q4","status":"on-track","percent":70}
{"type":"progress","task":"S1","unit":"工信局","quarter":"2025Q4","status":"done"}
{"type":"progress","task":"１２","unit":"a","quarter":"2025Q4","status":"on-track","percent":80}
J
run gov-report --today 2026-01-05 add q4.jsonl
is "in ASCII and without the blanks: the same task and unit" \
	"$RC:$OUT:$ERR" '0:{"type":"added","file":"q4.jsonl","records":3,"replaced":0}:'

cat >twice.json <<'J'
{"plan": {"id": "fw", "title": "t", "start": "2025Q1", "end": "2026Q4"},
 "units": [{"id": "a", "name": "A"}],
 "tasks": [{"id": "１２", "title": "x", "lead": ["a"]},
           {"id": "12", "title": "y", "lead": ["a"]}]}
J
run gov-report plan load twice.json
is "a plan naming one task id twice, once in full-width forms: refused" \
	"$RC" 2
like "... saying so" "$ERR" "task id '12' used twice"

done_testing
