#!/bin/sh
# gov-report: a task closes when every lead unit has reported it done, and
# reopens when a lead unit reports it is not done after all.  A "done" in
# an earlier quarter closed the task for good: the lead's later report
# (on-track, with a reason) was accepted by add and then ignored, the task
# shown done, its milestone met, and no cooperating unit chased for it.
. "$(dirname "$0")/lib.sh"

R="gov-report --today 2026-01-20"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

# Task 1: lead a, cooperating b and c; milestone due 2025Q2.
cat >p.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025Q2","status":"done","percent":100,"reported":"2025-07-01"}
{"type":"progress","task":"1","unit":"b","quarter":"2025Q2","status":"done","percent":100,"reported":"2025-07-01"}
{"type":"progress","task":"1","unit":"c","quarter":"2025Q2","status":"done","percent":100,"reported":"2025-07-01"}
J
run $R add p.jsonl
is "done in 2025Q2: added" "$RC" 0

task1() { printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r.get("task") == "1" and r["type"] == "task-status":
        print(r["active"], r["status"], r["percent"], r["units_owing"],
              r["units_missing"], r["milestones"][0]["state"])'; }
missing1() { printf '%s\n' "$OUT" | py -c '
import json, sys
print(" ".join(r["unit"] for r in map(json.loads, sys.stdin)
               if r["type"] == "missing"
               and any(t["task"] == "1" for t in r["tasks"])))'; }

# Done and nothing since: closed from 2025Q3, nobody owes a report on it.
run $R quarter 2025Q2
is "2025Q2: active, done, milestone met" "$(task1)" "True done 100 3 0 met"
run $R quarter 2025Q3
is "2025Q3: closed" "$(task1)" "False done 100 0 0 met"
run $R missing 2025Q3
is "2025Q3: nobody missing for task 1" "$(missing1)" ""

# The lead reopens it in 2025Q3 (acceptance failed).
cat >r.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":80,"reason":"验收未通过,重新整改","reported":"2025-10-02"}
{"type":"progress","task":"1","unit":"b","quarter":"2025Q3","status":"on-track","percent":80,"reason":"配合整改","reported":"2025-10-02"}
J
run $R add r.jsonl
is "reopened in 2025Q3: added" "$RC" 0
run $R quarter 2025Q3
is "2025Q3: active again, the lead's status, c owes it, milestone overdue" \
	"$(task1)" "True on-track 80 3 1 overdue"
like "2025Q3: trend down from done" "$OUT" '"task":"1",.*"previous_status":"done","previous_percent":100,"trend":"down"'
run $R missing 2025Q3 --strict
is "2025Q3: c chased for task 1" "$(missing1)" "c"
is "--strict: exit 1" "$RC" 1
run $R missing 2025Q4
is "2025Q4: every unit of task 1 owes it" "$(missing1)" "a b c"
run $R status --quarter 2025Q4
is "status 2025Q4: the lead's latest, on-track" "$(task1)" "True on-track 80 3 3 overdue"

# Done again in 2025Q4: closed from 2026Q1 on.
printf '%s\n' '{"type":"progress","task":"1","unit":"a","quarter":"2025Q4","status":"done","percent":100,"reported":"2026-01-04"}' >d.jsonl
run $R add d.jsonl
is "done again: added" "$RC" 0
run $R quarter 2025Q4
is "2025Q4: active, done" "$(task1)" "True done 100 3 2 met"
run $R quarter 2026Q1
is "2026Q1: closed again" "$(task1)" "False done 100 0 0 met"

# A lead of two that reopens keeps the task open for both.
cat >two.jsonl <<'J'
{"type":"progress","task":"2","unit":"a","quarter":"2025Q2","status":"done","percent":100,"reported":"2025-07-01"}
{"type":"progress","task":"2","unit":"b","quarter":"2025Q2","status":"done","percent":100,"reported":"2025-07-01"}
{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"delayed","percent":90,"reason":"接口返工","reported":"2025-10-02"}
J
run $R add two.jsonl
is "task 2: added" "$RC" 0
run $R quarter 2025Q4
like "task 2 in 2025Q4: active, owed by a, b and d" "$OUT" '"task":"2",[^}]*"active":true,[^}]*"units_owing":3'

done_testing
