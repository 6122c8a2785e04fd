#!/bin/sh
# A key that names a field twice is a schema error (exit 2, the schema
# file and the place named), as a key naming a field the schema lacks is:
# primaryKey ["a","a"] was taken as the key a, silently; a foreign key
# ["a","a"] -> ["a","b"] of this table found every row whose a and b
# differ "not found in this table (a, a)"; reference.fields ["a","a"]
# likewise.  gov-records reads the schema the same way.
. "$(dirname "$0")/lib.sh"

printf 'a,b\n1,2\n' >d.csv

bad() { # bad DESC SCHEMA-TEXT EXPECTED-STDERR
	printf '%s\n' "$2" >k.json
	run gov-check --format ndjson -s k.json d.csv
	is "$1" "$RC|$OUT|$ERR" "2||$3"
}

bad "primaryKey: a field twice" \
	'{"fields": [{"name": "a"}, {"name": "b"}], "primaryKey": ["a", "a"]}' \
	"gov-check: k.json: primaryKey: field 'a' named twice"
bad "uniqueKeys: a field twice" \
	'{"fields": [{"name": "a"}, {"name": "b"}], "uniqueKeys": [["a", "b"], ["b", "a", "b"]]}' \
	"gov-check: k.json: uniqueKeys[1]: field 'b' named twice"
bad "foreignKeys fields: a field twice" \
	'{"fields": [{"name": "a"}, {"name": "b"}], "foreignKeys": [{"fields": ["a", "a"], "reference": {"resource": "", "fields": ["a", "b"]}}]}' \
	"gov-check: k.json: foreignKeys[0].fields: field 'a' named twice"
bad "foreignKeys reference.fields: a field twice" \
	'{"fields": [{"name": "a"}, {"name": "b"}], "foreignKeys": [{"fields": ["a", "b"], "reference": {"resource": "r", "fields": ["code", "code"]}}]}' \
	"gov-check: k.json: foreignKeys[0].reference.fields: field 'code' named twice"

run gov-records -s k.json d.csv
is "gov-records: the same schema error" "$RC|$OUT|$ERR" \
	"2||gov-records: k.json: foreignKeys[0].reference.fields: field 'code' named twice"

# fields of different names are a key, as before
printf '%s\n' '{"fields": [{"name": "a"}, {"name": "b"}], "primaryKey": ["a", "b"],
 "foreignKeys": [{"fields": ["a", "b"], "reference": {"resource": "", "fields": ["a", "b"]}}]}' >ok.json
run gov-check --format ndjson -s ok.json d.csv
like "a key of two fields: checked" "$RC|$ERR|$OUT" '^0\|\|\{"type":"summary"'

done_testing
