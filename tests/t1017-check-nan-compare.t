#!/bin/sh
# NaN is no number but NaN: not an enum value of [1, 2], not within a
# maximum, not equal to 1 in a rule.  It was equal to every number, so it
# passed them all.  NaN is ordered as PostgreSQL orders it: equal to NaN,
# above every other number.
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check message; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "e", "type": "number", "constraints": {"enum": [1, 2]}},
  {"name": "r", "type": "number", "constraints": {"minimum": 0, "maximum": 10}},
  {"name": "n", "type": "number", "constraints": {"enum": [1, "NaN"]}},
  {"name": "k", "type": "number"}],
 "rules": [{"name": "one", "assert": "k = 1"}]}
JSON
printf 'e,r,n,k\n1,5,1,1\nNaN,NaN,NaN,NaN\n2,-INF,2,\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "NaN fails enum, maximum and a rule; NaN is in [1, \"NaN\"]" "$(found)" \
"3 1 enum not one of: 1, 2
3 2 maximum nan is above the maximum 10
3 None rule rule 'one' failed: k = 1 (k: NaN)
4 2 minimum -inf is below the minimum 0
4 3 enum not one of: 1, NaN"
is "exit 1" "$RC" 1

done_testing
