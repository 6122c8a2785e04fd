#!/bin/sh
# A schema that is not JSON is named as the schema ('(the schema)' after
# the message) whatever its path: the test was whether the message held
# the word "schema" anywhere, its path included, so a CSV given to -s
# from a folder schemas/, or a file population.schema.csv, got the bare
# 'not valid JSON' a data file gets.  Text after the schema is still
# said once.
. "$(dirname "$0")/lib.sh"

mkdir schemas
printf 'a,b\n1,2\n' >d.csv
cp d.csv schemas/d.csv
cp d.csv population.schema.csv

run gov-check -s schemas/d.csv d.csv
is "a CSV in schemas/ as the schema" "$RC|$OUT|$ERR" \
	"2||gov-check: schemas/d.csv:1:1: not valid JSON (the schema)"
run gov-check -s population.schema.csv d.csv
is "a CSV named *.schema.csv as the schema" "$RC|$OUT|$ERR" \
	"2||gov-check: population.schema.csv:1:1: not valid JSON (the schema)"
run gov-records -s schemas/d.csv d.csv
is "gov-records: a CSV in schemas/ as the schema" "$RC|$OUT|$ERR" \
	"2||gov-records: schemas/d.csv:1:1: not valid JSON (the schema)"

printf '{"fields": [{"name": "a"}]} ,\n' >schemas/after.json
run gov-check -s schemas/after.json d.csv
is "text after the schema in schemas/: said once" "$RC|$ERR" \
	"2|gov-check: schemas/after.json:1:29: not valid JSON (text after the schema)"
run gov-check -s d.csv d.csv
is "the data given as the schema" "$RC|$ERR" \
	"2|gov-check: d.csv:1:1: not valid JSON (the schema)"

done_testing
