#!/bin/sh
# A year is an XML Schema gYear, as the Table Schema says: four digits or
# more (more only without a leading zero), an optional minus.  "24" and
# "+2024" were years, as any integer was.  A JSON number as a bound is
# still the year it says ("minimum": 0).
. "$(dirname "$0")/lib.sh"

found() { finding_fields row check value; }

cat >s.json <<'JSON'
{"fields": [{"name": "y", "type": "year", "constraints": {"minimum": 0}}]}
JSON
printf 'y\n2024\n0987\n12024\n-2024\n24\n+2024\n02024\n-024\n2024.0\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "only gYear texts are years" "$(found)" "5 minimum -2024
6 type 24
7 type +2024
8 type 02024
9 type -024
10 type 2024.0"

done_testing
