#!/bin/sh
# A time or datetime is compared to the fraction of its second (to the
# nanosecond): 10:00:00.5 is above the maximum 10:00:00, and is no
# repeat of 10:00:00, while 10:00:00.000 is that same time.  The fraction
# was read and dropped, so minimum, maximum, enum, rules, unique and
# primary keys all took 10:00:00.5 for 10:00:00.
. "$(dirname "$0")/lib.sh"

found() { finding_fields row field check message; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "id", "type": "integer"},
  {"name": "t", "type": "time", "constraints": {"maximum": "10:00:00"}},
  {"name": "at", "type": "datetime",
   "constraints": {"minimum": "2025-01-01T08:00:00.5+08:00"}},
  {"name": "p", "type": "time", "format": "%H%M%S.%f",
   "constraints": {"maximum": "09:00:00.25"}}
]}
JSON
cat >d.csv <<'CSV'
id,t,at,p
1,10:00:00,2025-01-01T00:00:00.5Z,090000.25
2,10:00:00.000,2025-01-01T08:00:00.500+08:00,090000.250000
3,10:00:00.5,2025-01-01T00:00:00.4999Z,090000.3
4,09:59:59.999999999,2025-01-01T00:00:00Z,090000.2
5,10:00:00.000000001,2025-01-01T08:00:00.6+08:00,090000.0
CSV
run gov-check --format ndjson -s s.json d.csv
is "minimum and maximum to the fraction: exit 1" "$RC" 1
is "the fraction counts, in the default forms and in a pattern's %f" "$(found)" \
"4 t maximum 10:00:00.5 is above the maximum 10:00:00
4 at minimum 2025-01-01T00:00:00.4999Z is below the minimum 2025-01-01T08:00:00.5+08:00
4 p maximum 090000.3 is above the maximum 09:00:00.25
5 at minimum 2025-01-01T00:00:00Z is below the minimum 2025-01-01T08:00:00.5+08:00
6 t maximum 10:00:00.000000001 is above the maximum 10:00:00"

cat >k.json <<'JSON'
{"fields": [
  {"name": "t", "type": "time", "constraints": {"unique": true}},
  {"name": "at", "type": "datetime"}],
 "primaryKey": ["at"]}
JSON
cat >k.csv <<'CSV'
t,at
10:00:00,2025-01-01T08:00:00.5+08:00
10:00:00.5,2025-01-01T00:00:00.6Z
10:00:00.000,2025-01-01T00:00:00.50Z
10:00:00.50,2025-01-01T00:00:00Z
CSV
run gov-check --format ndjson -s k.json k.csv
is "unique and primary key: the same instant repeats, a fraction apart does not" \
	"$RC $(found)" "1 4 t unique repeats row 2
4 at primary-key primary key repeats row 2
5 t unique repeats row 3"

cat >r.json <<'JSON'
{"fields": [
  {"name": "t", "type": "time", "constraints": {"enum": ["10:00:00"]}},
  {"name": "start", "type": "datetime"}, {"name": "end", "type": "datetime"}],
 "rules": [{"name": "order", "assert": "end > start and t >= '09:59:59.5'"}]}
JSON
cat >r.csv <<'CSV'
t,start,end
10:00:00.0,2025-01-01T08:00:00.25Z,2025-01-01T08:00:00.5Z
10:00:00.1,2025-01-01T08:00:00.5Z,2025-01-01T08:00:00.25Z
CSV
run gov-check --format ndjson -s r.json r.csv
is "enum and rules to the fraction" "$RC $(found)" "1 3 t enum not one of: 10:00:00
3 None rule rule 'order' failed: end > start and t >= '09:59:59.5' (t: 10:00:00.1, start: 2025-01-01T08:00:00.5Z, end: 2025-01-01T08:00:00.25Z)"

done_testing
