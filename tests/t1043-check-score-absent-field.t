#!/bin/sh
# A dimension is measured when one of its checks has something to look at
# (gov-check(1), SCORES).  A schema whose only field with a format, a
# minimum or a maximum is missing from the file measured no accuracy, yet
# accuracy was scored 100 and raised the overall score: a delivery
# without its id_no column read "accuracy 100.0".  Such a field counts
# only when its column is there; the missing column is a conformity
# finding, as before.
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
{"fields": [{"name": "name"},
            {"name": "id_no", "type": "string", "format": "cn-ric"},
            {"name": "age", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "email", "type": "string", "govkit:format": "email"}]}
JSON
printf 'name\n张三\n李四\n' >d.csv

run gov-check --format ndjson -s s.json d.csv
is "exit 1: the missing columns" "$RC:$(finding_fields check field)" \
	"1:missing-column id_no
missing-column age
missing-column email"
is "accuracy null: none of its fields is in the file" "$(scores)" \
	"conf=0.0 comp=100.0 accu=None cons=100.0 time=None acce=100.0 75.0"

# One of them there: accuracy measured, as before
printf 'name,age\n张三,30\n李四,31\n' >a.csv
run gov-check --format ndjson -s s.json a.csv
is "accuracy measured when the age column is there" "$(scores)" \
	"conf=0.0 comp=100.0 accu=100.0 cons=100.0 time=None acce=100.0 80.0"

# The text form says '-'
run gov-check --format text -s s.json d.csv
like "text form: accuracy '-'" "$OUT" 'accuracy 准确性 +0 +-'
done_testing
