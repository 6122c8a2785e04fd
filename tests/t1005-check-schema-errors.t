#!/bin/sh
# A schema that cannot be used is exit 2 with a message naming the place:
# the line and column of bad JSON, the field and key of a bad type, the
# column of a bad regular expression, the rule and column of a bad rule.
. "$(dirname "$0")/lib.sh"

printf 'a,b\n1,2\n' >d.csv

bad() { # bad DESC SCHEMA-TEXT EXPECTED-STDERR
	printf '%s\n' "$2" >bad.json
	run gov-check -s bad.json d.csv
	is "$1: exit 2" "$RC" 2
	is "$1: message" "$ERR" "$3"
	is "$1: no output" "$OUT" ""
}

bad "bad JSON" '{"fields": [{"name": "a", "type": "integer"},
  {"name": "b" "type": "x"}]}' \
	"gov-check: bad.json:2:16: not valid JSON"
bad "text after the schema" '{"fields": [{"name": "a"}]} ,' \
	"gov-check: bad.json:1:29: not valid JSON (text after the schema)"
bad "not an object" '[1, 2]' \
	'gov-check: bad.json: (top): expected a JSON object with "fields"'
bad "unknown type" '{"fields": [{"name": "a"}, {"name": "b", "type": "int"}]}' \
	"gov-check: bad.json: fields[1].type: unknown type 'int' (expected one of string, integer, number, boolean, date, datetime, time, year, any)"
bad "bad regex" '{"fields": [{"name": "a", "constraints": {"pattern": "H[0-9{8}"}}]}' \
	"gov-check: bad.json: fields[0].constraints.pattern: column 9: missing terminating ] for character class"
bad "rule syntax" '{"fields": [{"name": "a", "type": "integer"}],
 "rules": [{"name": "ok", "assert": "a > 1"}, {"name": "broken", "assert": "a > > 1"}]}' \
	"gov-check: bad.json: rules[1]: rule 'broken': column 5: expected a field name or a value, found '>'"
bad "rule unknown field" '{"fields": [{"name": "a", "type": "integer"}],
 "rules": [{"name": "r", "assert": "a > 1 and b < 2"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 11: no field named 'b'"
bad "rule unclosed" '{"fields": [{"name": "a"}], "rules": [{"name": "r", "assert": "(a = '"'x'"'"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 9: expected ')', found the end"
bad "rule bad date literal" '{"fields": [{"name": "a", "type": "date"}],
 "rules": [{"name": "r", "assert": "a > '"'yesterday'"'"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 5: 'yesterday' is not a valid date (field 'a' is one)"
bad "rule compares a number with text" '{"fields": [{"name": "a", "type": "integer"}, {"name": "b"}],
 "rules": [{"name": "r", "assert": "a = b"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 5: cannot compare a number with a text"
bad "rule = null" '{"fields": [{"name": "a"}], "rules": [{"name": "r", "assert": "a = null"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 5: compare with null using 'is null' or 'is not null'"
bad "rule bad severity" '{"fields": [{"name": "a"}], "rules": [{"name": "r", "assert": "a is null", "severity": "fatal"}]}' \
	'gov-check: bad.json: rules[0]: severity: expected "error" or "warning"'
bad "a constraint given twice" '{"fields": [{"name": "a", "type": "integer", "constraints": {"minimum": 0, "minimum": 6}}]}' \
	"gov-check: bad.json: fields[0].constraints.minimum: given twice"
bad "misspelt constraint" '{"fields": [{"name": "a", "constraints": {"maxLenght": 3}}]}' \
	"gov-check: bad.json: fields[0].constraints.maxLenght: unknown constraint 'maxLenght'"
bad "minimum not of the type" '{"fields": [{"name": "a", "type": "integer", "constraints": {"minimum": "x"}}]}' \
	"gov-check: bad.json: fields[0].constraints.minimum: 'x' is not an integer"
bad "unknown format" '{"fields": [{"name": "a", "format": "cn-foo"}]}' \
	"gov-check: bad.json: fields[0].format: unknown string format 'cn-foo'"
bad "bad date pattern" '{"fields": [{"name": "a", "type": "date", "format": "%d/%Q"}]}' \
	"gov-check: bad.json: fields[0].format: unsupported directive '%Q' in format '%d/%Q'"
bad "primary key names no field" '{"fields": [{"name": "a"}], "primaryKey": ["a", "c"]}' \
	"gov-check: bad.json: primaryKey: no field named 'c'"
bad "repeated field" '{"fields": [{"name": "a"}, {"name": "a"}]}' \
	"gov-check: bad.json: fields[1]: field name 'a' repeats fields[0]"
bad "freshness on a text field" '{"fields": [{"name": "a"}], "freshness": {"field": "a", "maxAgeDays": 3}}' \
	"gov-check: bad.json: freshness.field: field 'a' is not a date or datetime"
bad "rowCount bounds" '{"fields": [{"name": "a"}], "rowCount": {"minimum": 5, "maximum": 2}}' \
	"gov-check: bad.json: rowCount: minimum above maximum"
bad "foreign key length" '{"fields": [{"name": "a"}], "foreignKeys": [{"fields": ["a"], "reference": {"resource": "t", "fields": ["x", "y"]}}]}' \
	"gov-check: bad.json: foreignKeys[0].reference.fields: 1 field(s) reference 2"

printf '{"fields": [{"name": "a"}], "foreignKeys": [{"fields": "a", "reference": {"resource": "towns", "fields": "code"}}]}\n' >fk.json
run gov-check -s fk.json d.csv
is "foreign key without --ref: exit 2" "$RC" 2
is "foreign key without --ref: says which" "$ERR" "gov-check: foreign key to 'towns' needs --ref towns=FILE"
printf 'name\nx\n' >towns.csv
run gov-check -s fk.json --ref towns=towns.csv d.csv
is "--ref table without the column: exit 2" "$RC" 2
is "--ref table without the column: named" "$ERR" \
	"gov-check: 'towns.csv': no column 'code' (foreign key to 'towns')"

run gov-check -s missing.json d.csv
is "missing schema: exit 2" "$RC" 2
like "missing schema: named" "$ERR" "missing.json"

done_testing
