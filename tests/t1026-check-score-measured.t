#!/bin/sh
# A dimension none of whose checks ran measured nothing: its score is
# null, not 100 (gov-check(1), SCORES), and the overall score is the mean
# of the others.  Accuracy with a schema that has no format, minimum or
# maximum, timeliness with --skip freshness, and every dimension with
# every check skipped were scored 100.
. "$(dirname "$0")/lib.sh"

scores() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "summary":
        d = r["dimensions"]
        print(" ".join(k[:4] + "=" + str(d[k]["score"]) for k in d), r["score"])'
}

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "size", "type": "integer"},
            {"name": "updated", "type": "date"}],
 "rules": [{"name": "size", "assert": "size >= 1"}],
 "freshness": {"field": "updated", "maxAgeDays": 30}}
JSON
printf 'id,size,updated\n1,0,2025-10-01\n2,2,2025-10-01\n' >d.csv

run gov-check --format ndjson --today $T_TODAY -s s.json d.csv
is "no format, minimum or maximum: accuracy null" "$(scores)" \
	"conf=100.0 comp=100.0 accu=None cons=50.0 time=100.0 acce=100.0 90.0"
is "exit 1" "$RC" 1

run gov-check --format ndjson --today $T_TODAY --skip freshness -s s.json d.csv
is "--skip freshness: timeliness null" "$(scores)" \
	"conf=100.0 comp=100.0 accu=None cons=50.0 time=None acce=100.0 87.5"

cat >m.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "size", "type": "integer",
             "constraints": {"maximum": 12}},
            {"name": "updated", "type": "date"}]}
JSON
run gov-check --format ndjson --today $T_TODAY -s m.json d.csv
is "a maximum: accuracy measured" "$(scores)" \
	"conf=100.0 comp=100.0 accu=100.0 cons=100.0 time=None acce=100.0 100.0"
run gov-check --format ndjson --today $T_TODAY --skip maximum -s m.json d.csv
is "--skip maximum: accuracy null" "$(scores)" \
	"conf=100.0 comp=100.0 accu=None cons=100.0 time=None acce=100.0 100.0"

all=encoding,blank-header,duplicate-header,missing-column,extra-column,extra-cell
all=$all,missing-cell,blank-row,required,type,format,pattern,enum,min-length
all=$all,max-length,minimum,maximum,duplicate-row,unique,primary-key
all=$all,foreign-key,rule,freshness,row-count
run gov-check --format ndjson --today $T_TODAY --skip "$all" -s m.json d.csv
is "every check skipped: every score null" "$(scores)" \
	"conf=None comp=None accu=None cons=None time=None acce=None None"
is "exit 0" "$RC" 0
run gov-check --format text --today $T_TODAY --skip "$all" -s m.json d.csv
like "text: the score is -" "$OUT" "^d.csv: 2 rows, 3 fields, 0 findings \(0 errors, 0 warnings\); score -; valid$"

done_testing
