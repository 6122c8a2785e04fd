#!/bin/sh
# Every check code of the contract fires where it should (one planted
# problem each, exact records compared), and a clean file with the same
# schema gives no finding at all.
. "$(dirname "$0")/lib.sh"

E=$T_DIR/expected
cp "$E/check-codes.csv" "$E/check-codes.schema.json" "$E/check-codes-towns.csv" .

run gov-check -s check-codes.schema.json --ref towns=check-codes-towns.csv \
	--today 2025-12-31 --encoding utf-8 check-codes.csv
printf '%s\n' "$OUT" >got.jsonl
same_file "findings and summary exactly as expected" got.jsonl "$E/check-codes.jsonl"
is "exit 1 on error findings" "$RC" 1
is "nothing on stderr" "$ERR" ""
codes=$(py -c '
import json, sys
print(" ".join(sorted({json.loads(l)["check"] for l in open(sys.argv[1])
                       if json.loads(l)["type"] == "finding"})))' got.jsonl)
is "all 24 check codes fired" "$codes" \
	"blank-header blank-row duplicate-header duplicate-row encoding enum extra-cell extra-column foreign-key format freshness max-length maximum min-length minimum missing-cell missing-column pattern primary-key required row-count rule type unique"
dims=$(py -c '
import json, sys
want = {"encoding": "accessibility", "blank-header": "conformity",
  "duplicate-header": "conformity", "missing-column": "conformity",
  "extra-column": "conformity", "extra-cell": "completeness",
  "missing-cell": "completeness", "blank-row": "completeness",
  "required": "completeness", "type": "conformity", "format": "accuracy",
  "pattern": "conformity", "enum": "conformity", "min-length": "conformity",
  "max-length": "conformity", "minimum": "accuracy", "maximum": "accuracy",
  "duplicate-row": "consistency", "unique": "consistency",
  "primary-key": "consistency", "foreign-key": "consistency",
  "rule": "consistency", "freshness": "timeliness", "row-count": "completeness"}
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["type"] == "finding" and want[r["check"]] != r["dimension"]:
        print(r["check"], r["dimension"])' got.jsonl)
is "every code has the dimension of the contract" "$dims" ""

# The clean file: the same schema satisfied everywhere.
{
	echo 'id,name,kind,ric,score,start,end,parent,town,updated,email'
	echo '1,Alice,a,11010519491231002X,50,2024-01-01,2024-02-01,,T1,2025-10-01,a@example.org'
	i=2
	while [ $i -le 31 ]; do
		echo "$i,Bob,b,,$i.5,2024-01-01,2024-01-01,1,T2,2025-09-20,"
		i=$((i + 1))
	done
} >clean.csv
run gov-check -s check-codes.schema.json --ref towns=check-codes-towns.csv \
	--today 2025-10-15 clean.csv
is "clean: exit 0" "$RC" 0
is "clean: only the summary" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 0
like "clean: 31 rows, valid, score 100" "$OUT" '"rows":31,.*"score":100.0,"valid":true'

# No schema: only the structural checks, and they are quiet on clean.csv.
run gov-check clean.csv
is "no schema, clean: exit 0" "$RC" 0
like "no schema: accuracy and timeliness not scored" "$OUT" \
	'"accuracy":\{"findings":0,"score":null\}.*"timeliness":\{"findings":0,"score":null\}'

done_testing
