#!/bin/sh
# The messages about a --ref table have the form every other message has,
# 'gov-check: FILE: message': they quoted the path ("gov-check:
# 'ref.csv': no column 'code' ..."), so a script matching "^gov-check:
# [^:]*: " or an officer reading them side by side saw two forms.
. "$(dirname "$0")/lib.sh"

printf 'id\n1\n' >d.csv
cat >k.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}],
 "foreignKeys": [{"fields": "id", "reference": {"resource": "r", "fields": "code"}}]}
JSON

printf 'name\n1\n' >ref.csv
run gov-check --format ndjson -s k.json --ref r=ref.csv d.csv
is "a --ref table without the column" "$RC|$OUT|$ERR" \
	"2||gov-check: ref.csv: no column 'code' (foreign key to 'r')"
printf 'Code\n1\n' >near.csv
run gov-check --format ndjson -s k.json --ref r=near.csv d.csv
is "a --ref table with a near column" "$RC|$OUT|$ERR" \
	"2||gov-check: near.csv: no column 'code' (foreign key to 'r'); column 1 'Code' differs from it only in case"
: >empty.csv
run gov-check --format ndjson -s k.json --ref r=empty.csv d.csv
is "an empty --ref table: as an empty data file is told" "$RC|$OUT|$ERR" \
	"2||gov-check: empty.csv: file is empty"
run gov-check --format ndjson empty.csv
is "an empty data file, for comparison" "$RC|$OUT|$ERR" \
	"2||gov-check: empty.csv: file is empty"
printf 'code\n1\n' >ok.csv
run gov-check --format ndjson -s k.json --ref r=ok.csv d.csv
like "a good --ref table: checked" "$RC|$ERR|$OUT" '^0\|\|\{"type":"summary"'

done_testing
