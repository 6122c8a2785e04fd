#!/bin/sh
# The special numbers of the Table Schema: NaN, INF and -INF, whose case
# "does not need to be respected" (Table Schema v1, number).
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check value; }

cat >s.json <<'JSON'
{"fields": [{"name": "n", "type": "number"}]}
JSON
printf 'n\nNaN\nnan\nNAN\nINF\ninf\nInf\n-INF\n-inf\n-Inf\n1.5\n' >ok.csv
run gov-check --format ndjson -s s.json ok.csv
is "NaN, INF, -INF in any case are numbers" "$(found)" ""
is "exit 0" "$RC" 0

printf 'n\n+INF\nInfinity\nNA\nna n\n-nan\n' >bad.csv
run gov-check --format ndjson -s s.json bad.csv
is "other spellings are not" "$(found)" "2 1 type +INF
3 1 type Infinity
4 1 type NA
5 1 type na n
6 1 type -nan"

done_testing
