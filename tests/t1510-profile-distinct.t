#!/bin/sh
# gov-profile: nulls, distinct counted exactly up to --exact-limit, then
# estimated (HyperLogLog) within a few percent; top values.
. "$(dirname "$0")/lib.sh"
# What the tools print on stderr outside run (and any sanitizer report).
exec 2>"$SCRATCH/stderr.log"

field() { # FILE FIELD KEY: a key of one field of the profile record
	py - "$1" "$2" "$3" <<'PY'
import json, sys
rec = json.load(open(sys.argv[1]))
f = [f for f in rec["fields"] if f["name"] == sys.argv[2]][0]
print(json.dumps(f[sys.argv[3]], ensure_ascii=False, separators=(",", ":")))
PY
}

# Small: exact counts, nulls, top ordered by count then value.
printf 'k,v\na,1\nb,\nb,2\nc,\n,3\nb,3\n' >small.csv
gov-profile small.csv >small.json
is "nulls of k" "$(field small.json k nulls)" 1
is "nulls of v" "$(field small.json v nulls)" 2
is "distinct of k" "$(field small.json k distinct)" 3
is "distinct exact" "$(field small.json k distinct_exact)" true
is "top of k" "$(field small.json k top)" '[{"value":"b","count":3},{"value":"a","count":1},{"value":"c","count":1}]'
is "top of v: counts then values" "$(field small.json v top)" '[{"value":"3","count":2},{"value":"1","count":1},{"value":"2","count":1}]'
is "mean of v" "$(field small.json v mean)" 2.25

# Big: a column with many repeats.  The sizes are smaller under the
# sanitizers; the estimate's error does not depend on them much.
if [ "${GOVKIT_SAN:-0}" = 1 ]; then N=60000 K=30000; else N=300000 K=120000; fi
py - "$N" "$K" >big.csv <<'PY'
import random, sys
n, k = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(7)
print("key,const,half")
for i in range(n):
    print("id%d,same,%s" % (r.randrange(k), "" if i % 2 else "x%d" % (i % 1000)))
PY
truth=$(py -c "
import csv
print(len({r['key'] for r in csv.DictReader(open('big.csv'))}))")

gov-profile --exact-limit 1000000 big.csv >exact.json
is "high limit: exact" "$(field exact.json key distinct_exact)" true
is "high limit: exact count" "$(field exact.json key distinct)" "$truth"
is "constant column: 1 distinct" "$(field exact.json const distinct)" 1
is "constant column: top" "$(field exact.json const top)" "[{\"value\":\"same\",\"count\":$N}]"
is "half nulls" "$(field exact.json half nulls)" $((N / 2))
is "rows" "$(py -c "import json; print(json.load(open('exact.json'))['rows'])")" "$N"

run gov-profile --exact-limit 1000 big.csv
printf '%s\n' "$OUT" >est.json
is "limit 1000: exit 0" "$RC" 0
is "limit 1000: estimated" "$(field est.json key distinct_exact)" false
is "limit 1000: top marked approximate" "$(field est.json key top_exact)" false
est=$(field est.json key distinct)
err=$(py -c "print(abs($est - $truth) * 1000 // $truth)")
ok "estimate $est within 3% of $truth (error $err per mille)" [ "$err" -le 30 ]
is "few values stay exact under the limit" "$(field est.json half distinct_exact)" true
is "few values: exact count" "$(field est.json half distinct)" 500
is "const still exact" "$(field est.json const top)" "[{\"value\":\"same\",\"count\":$N}]"

# A skewed column past the limit: the heavy value is still on top.
py - >skew.csv <<'PY'
print("v")
for i in range(50000):
    print("hot" if i % 3 == 0 else "v%d" % i)
PY
gov-profile --exact-limit 500 skew.csv >skew.json
like "heavy hitter found past the limit" "$(field skew.json v top)" '^\[\{"value":"hot","count":[0-9]+\}'
est=$(field skew.json v distinct)
truth=$((50000 - 50000 / 3 + 1))
err=$(py -c "print(abs($est - $truth) * 1000 // $truth)")
ok "skewed estimate $est within 3% of $truth" [ "$err" -le 30 ]
# Long values: told apart in full, kept and shown cut to 200 bytes.
py - >long.csv <<'PY'
print("t")
for i in range(700):
    print("长" * 300 + str(i % 7))
PY
gov-profile long.csv >long.json
is "long values: distinct in full" "$(field long.json t distinct)" 7
is "long values: length in characters" "$(field long.json t max_length)" 301
is "long values: top value cut with an ellipsis" "$(field long.json t top | py -c "
import json, sys; t = json.load(sys.stdin)[0]; print(len(t['value']), t['value'][-1], t['count'])")" "67 … 100"
is "nothing on stderr outside run" "$(cat "$SCRATCH/stderr.log")" ""
done_testing
