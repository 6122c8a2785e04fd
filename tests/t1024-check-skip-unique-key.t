#!/bin/sh
# A one-field primary key whose field is also unique is checked once, as
# "unique".  With --skip unique it was then not checked at all: a repeated
# key passed.  It is a "primary-key" finding then.
. "$(dirname "$0")/lib.sh"

checks() { finding_fields row check message; }

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}},
            {"name": "x"}],
 "primaryKey": "id"}
JSON
printf 'id,x\n1,a\n2,b\n1,c\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "the repeat is a unique finding" "$(checks)" "4 unique repeats row 2"
run gov-check --format ndjson -s s.json --skip unique d.csv
is "with --skip unique, a primary-key finding" "$(checks)" "4 primary-key primary key repeats row 2"
is "exit 1" "$RC" 1
run gov-check --format ndjson -s s.json --skip unique,primary-key d.csv
is "with both skipped, none" "$(checks)" ""

done_testing
