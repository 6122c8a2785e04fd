#!/bin/sh
# Commands that store data and print records about it (gov-check --track,
# gov-report add, gov-license revoke, gov-catalog add) keep one rule: when
# their records cannot be written (standard output closed or full), they
# store nothing and exit 2, so that running them again (what exit 2 tells a
# cron job) does the job once, with its records: nothing duplicated, no
# record of it lost.  A reader that stops reading (| head) is no failure:
# everything is stored.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"


# ---- gov-check --track: a findings output larger than stdio's buffer
cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}]}
JSON
{ echo id; i=0; while [ $i -lt 2000 ]; do echo "x$i"; i=$((i + 1)); done; } >big.csv
for how in closed full; do
	lost $how gov-check --track -s s.json big.csv
	is "check --track, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "check --track, output $how: said once" "$ERR" "gov-check: $want"
	is "check --track, output $how: no run stored" \
		"$(q "SELECT count(*) FROM check_file WHERE runs > 0")" 0
	is "check --track, output $how: no finding stored" "$(q 'SELECT count(*) FROM check_finding')" 0
done
run gov-check --track -s s.json big.csv
is "check --track, then: exit 1" "$RC" 1
is "check --track, then: all 2000 findings new" \
	"$(printf '%s\n' "$OUT" | grep -c '"status":"new"')" 2000
is "check --track, then: one run" "$(q 'SELECT runs FROM check_file')" 1
{ gov-check --track -s s.json big.csv 2>pipe.err; echo $? >pipe.rc; } | head -1 >/dev/null
is "check --track | head -1: exit 1 (findings)" "$(cat pipe.rc)" 1
is "check --track | head -1: quiet" "$(cat pipe.err)" ""
is "check --track | head -1: the run stored" "$(q 'SELECT runs FROM check_file')" 2
# the files after the one being read when the reader left are checked and
# stored too ("everything is stored")
cp big.csv big2.csv
{ gov-check --track -s s.json big.csv big2.csv 2>pipe.err; echo $? >pipe.rc; } | head -1 >/dev/null
is "check --track two files | head -1: exit 1 (findings)" "$(cat pipe.rc)" 1
is "check --track two files | head -1: the second file's run stored too" \
	"$(q "SELECT count(*) FROM check_file WHERE path LIKE '%big2.csv' AND runs = 1")" 1

# ---- gov-report add
R="gov-report --today $T_TODAY"
$R plan load "$(expected report-mini-plan.json)" >/dev/null
Q2=$(expected report-mini-2025Q2.jsonl)
for how in closed full; do
	lost $how $R add "$Q2"
	is "report add, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "report add, output $how: said once" "$ERR" "gov-report: $want"
	is "report add, output $how: nothing added" "$(q 'SELECT count(*) FROM report_progress')" 0
done
run $R add "$Q2"
is "report add, then: added once, replacing nothing" "$OUT" \
	"{\"type\":\"added\",\"file\":\"$Q2\",\"records\":8,\"replaced\":0}"
is "report add, then: 8 records" "$(q 'SELECT count(*) FROM report_progress')" 8
# a reader gone away after the findings of one input: the next is added
python3 -c '
import json
for i in range(2000):
    print(json.dumps({"type": "progress", "task": "99", "unit": "a", "quarter": "2025Q3",
                      "status": "on-track", "percent": 10}))' >bad.jsonl
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
{ $R add bad.jsonl e.jsonl 2>pipe.err; echo $? >pipe.rc; } | head -1 >/dev/null
is "report add | head -1: exit 1 (findings)" "$(cat pipe.rc)" 1
is "report add | head -1: the clean input added all the same" \
	"$(q "SELECT count(*) FROM report_progress WHERE quarter = '2025Q3'")" 1

# ---- gov-license revoke
for how in closed full; do
	lost $how gov-license revoke TL-LOST-1 --reason "lost output" --date 2025-01-01
	is "license revoke, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "license revoke, output $how: said once" "$ERR" "gov-license: $want"
	is "license revoke, output $how: not revoked" "$(q 'SELECT count(*) FROM license_revocation')" 0
done
gov-license revoke TL-KEEP --reason "first reason" --date 2025-01-01 >/dev/null
lost full gov-license revoke TL-KEEP --reason "second reason" --date 2025-02-01
is "license revoke again, output full: the first revocation kept as it was" \
	"$(q "SELECT revoked_at || ' ' || reason FROM license_revocation WHERE license_no = 'TL-KEEP'")" \
	"2025-01-01 first reason"
run gov-license revoke TL-LOST-1 --reason "lost output" --date 2025-01-01
is "license revoke, then: the record" "$OUT" \
	'{"type":"revocation","license_no":"TL-LOST-1","revoked_at":"2025-01-01","reason":"lost output","source":"local"}'
{ gov-license revoke TL-PIPE --reason piped --date 2025-01-01 2>pipe.err; echo $? >pipe.rc; } | true
is "license revoke | true: exit 0" "$(cat pipe.rc)" 0
is "license revoke | true: revoked" "$(q "SELECT count(*) FROM license_revocation WHERE license_no = 'TL-PIPE'")" 1

# ---- gov-catalog add (the rule it kept already)
for how in closed full; do
	lost $how gov-catalog add "$T_TOP/samples/catalog/entries.jsonl"
	is "catalog add, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "catalog add, output $how: said once" "$ERR" "gov-catalog: $want"
	is "catalog add, output $how: nothing added" "$(q 'SELECT count(*) FROM catalog_entry')" 0
done
run gov-catalog add "$T_TOP/samples/catalog/entries.jsonl"
is "catalog add, then: 13 entries created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13

done_testing
