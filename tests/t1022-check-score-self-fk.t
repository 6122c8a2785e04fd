#!/bin/sh
# A row counts once per dimension in its score (gov-check(1), SCORES),
# also when a self-referencing foreign key, known only at the end of the
# file, fails on a row that had another consistency finding: such a row
# was counted twice, once for each.
. "$(dirname "$0")/lib.sh"

score() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    if not l.strip():
        continue
    r = json.loads(l)
    if r["type"] == "summary":
        d = r["dimensions"]["consistency"]
        print(d["findings"], d["score"])'
}

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"},
            {"name": "a"}, {"name": "b"}],
 "primaryKey": ["a", "b"],
 "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}],
 "rules": [{"name": "small", "assert": "id < 100"}]}
JSON
# consistency: row 4 (key, foreign key), 5 (rule), 6 (rule), 7 (rule,
# foreign key): 4 rows of 6
printf 'id,parent,a,b\n1,,x,1\n2,1,x,2\n3,9,x,1\n104,1,x,3\n105,1,x,4\n106,99,x,5\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "6 findings on 4 rows of 6: 33.3" "$(score)" "6 33.3"

cat >w.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
 "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}],
 "rules": [{"name": "small", "assert": "id < 100", "severity": "warning"}]}
JSON
# row 3: an error (1); row 4: a warning (0.5); row 5: a warning and an
# error, 1: 2.5 of 5 rows
printf 'id,parent\n1,\n2,9\n103,1\n104,99\n5,1\n' >w.csv
run gov-check --format ndjson -s w.json w.csv
is "a row with a warning and a late error counts 1" "$(score)" "4 50.0"

done_testing
