#!/bin/sh
# gov-records -s: "an empty or missing value is null" holds for every
# column, those the schema does not name too (the schema's missingValues
# say what is missing in the table); without -s an empty cell stays "".
. "$(dirname "$0")/lib.sh"

printf '{"fields":[{"name":"id","type":"integer"}]}\n' > s.json
printf 'id,note,extra\n1,,x\n2,y\n' > a.csv
run gov-records -s s.json a.csv
is "schema: exit 1 (the short row is reported)" "$RC" 1
is "schema: empty and missing cells of other columns are null" "$OUT" \
'{"id":1,"note":null,"extra":"x"}
{"id":2,"note":"y","extra":null}'

printf '{"fields":[{"name":"id","type":"integer"}],"missingValues":["","NA","-"]}\n' > m.json
printf 'id,note,extra\nNA,-,NA\n3,NAB,\n' > m.csv
run gov-records -s m.json m.csv
is "missingValues: exit 0" "$RC" 0
is "missingValues: null in every column, other text kept" "$OUT" \
'{"id":null,"note":null,"extra":null}
{"id":3,"note":"NAB","extra":null}'

run gov-records m.csv
is "no schema: exit 0" "$RC" 0
is "no schema: every value a string, an empty cell \"\"" "$OUT" \
'{"id":"NA","note":"-","extra":"NA"}
{"id":"3","note":"NAB","extra":""}'
done_testing
