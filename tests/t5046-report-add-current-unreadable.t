#!/bin/sh
# gov-report add: when the current report of a task, unit and quarter
# cannot be read (a database error inside add's write transaction), the
# run stops with exit 2 and stores nothing.  It was taken as "there is
# none": the new report was stored beside the old one without replacing
# it, two current reports of one task, unit and quarter (af25982).
# The fault: report_progress made a view whose id column fails to
# compute ('malformed JSON') once table fi has a row; the reads before
# the store do not select id, the look-up of the current report does.
. "$(dirname "$0")/lib.sh"

run gov-report plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
cat >q3.jsonl <<'J'
{"type":"progress","task":"1","unit":"a","quarter":"2025Q3","status":"on-track","percent":60}
J
run gov-report --today 2025-10-03 add q3.jsonl
is "first report added" "$RC:$OUT" '0:{"type":"added","file":"q3.jsonl","records":1,"replaced":0}'

q "ALTER TABLE report_progress RENAME TO rp_real;
CREATE TABLE fi (x INTEGER);
CREATE VIEW report_progress AS SELECT
 CASE WHEN (SELECT count(*) FROM fi) > 0 THEN json_extract('{', '\$')
 ELSE id END AS id, plan, task, unit, quarter, status, percent, summary,
 issues, next_steps, reason, evidence, reported, source, added_at,
 superseded_by FROM rp_real;
CREATE TRIGGER vi INSTEAD OF INSERT ON report_progress BEGIN
 INSERT INTO rp_real (plan, task, unit, quarter, status, percent, summary,
  issues, next_steps, reason, evidence, reported, source, added_at)
 VALUES (NEW.plan, NEW.task, NEW.unit, NEW.quarter, NEW.status,
  NEW.percent, NEW.summary, NEW.issues, NEW.next_steps, NEW.reason,
  NEW.evidence, NEW.reported, NEW.source, NEW.added_at); END;
CREATE TRIGGER vu INSTEAD OF UPDATE ON report_progress BEGIN
 UPDATE rp_real SET superseded_by = NEW.superseded_by WHERE id = OLD.id; END;"
run gov-report --today 2025-10-03 add q3.jsonl
is "the view works while fi is empty: replaced" "$RC:$OUT" '0:{"type":"added","file":"q3.jsonl","records":1,"replaced":1}'

q "INSERT INTO fi VALUES (1)"
sed 's/"percent":60/"percent":70/' q3.jsonl >q3b.jsonl
run gov-report --today 2025-10-05 add q3b.jsonl
is "current report unreadable: exit 2, no record" "$RC:$OUT" "2:"
like "... the database's message" "$ERR" \
	"^gov-report: cannot store progress: malformed JSON \('.*govkit.db'\)$"
is "... nothing stored: two reports, one current (60%)" \
	"$(q "SELECT count(*), group_concat(percent) FROM rp_real WHERE superseded_by IS NULL")|$(q "SELECT count(*) FROM rp_real")" \
	"1|60|2"

done_testing
