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
	"gov-check: bad.json:2:16: not valid JSON (the schema)"
bad "text after the schema" '{"fields": [{"name": "a"}]} ,' \
	"gov-check: bad.json:1:29: not valid JSON (text after the schema)"
bad "not an object" '[1, 2]' \
	'gov-check: bad.json: (top): expected a JSON object with "fields"'
bad "unknown type" '{"fields": [{"name": "a"}, {"name": "b", "type": "int"}]}' \
	"gov-check: bad.json: fields[1].type: unknown type 'int' (expected one of string, integer, number, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array, any)"
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
# A character of several bytes is named whole: its first byte alone, as
# the message had it, is no UTF-8.
bad "date pattern, a directive of two bytes" '{"fields": [{"name": "a", "type": "date", "format": "%d/%é"}]}' \
	"gov-check: bad.json: fields[0].format: unsupported directive '%é' in format '%d/%é'"
bad "date pattern, a Chinese directive" '{"fields": [{"name": "a", "type": "date", "format": "%Y年%月"}]}' \
	"gov-check: bad.json: fields[0].format: unsupported directive '%月' in format '%Y年%月'"
bad "rule, a long token cut between characters" '{"fields": [{"name": "a", "type": "integer"}],
 "rules": [{"name": "r", "assert": "a > 1 中中中中中中中中中中中中中中中"}]}' \
	"gov-check: bad.json: rules[0]: rule 'r': column 7: expected 'and', 'or' or the end, found '中中中中中中中中中中中中中'"
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
	"gov-check: towns.csv: no column 'code' (foreign key to 'towns')"

# A --ref NAME no foreign key refers to is a typo: a usage error naming
# it and the tables the schema does refer to, whether its file is there
# or not; and a missing --ref table is exit 2 too.
printf 'code\nx\n' >codes.csv
run gov-check -s fk.json --ref town=codes.csv d.csv
is "--ref no key uses: exit 2" "$RC" 2
is "--ref no key uses: named, with the names the schema uses" "$ERR" \
	"gov-check: unused --ref 'town': no foreign key of 'fk.json' refers to it (its foreign keys refer to 'towns')
try 'gov-check --help'"
is "--ref no key uses: no records" "$OUT" ""
printf '{"fields": [{"name": "a"}]}\n' >nofk.json
run gov-check -s nofk.json --ref x=nosuch.csv d.csv
is "--ref, schema without foreign keys, missing file: exit 2" "$RC" 2
is "--ref, schema without foreign keys: says so" "$ERR" \
	"gov-check: unused --ref 'x': no foreign key of 'nofk.json' refers to it (it refers to no other table)
try 'gov-check --help'"
run gov-check --ref x=codes.csv d.csv
is "--ref without a schema: exit 2" "$RC" 2
like "--ref without a schema: says so" "$ERR" "unused --ref 'x': without a schema \\(-s\\) no foreign key refers to it"
run gov-check -s fk.json --ref towns=codes.csv --ref towns=towns.csv d.csv
is "--ref NAME twice: exit 2" "$RC" 2
like "--ref NAME twice: named" "$ERR" "--ref 'towns' given twice"
run gov-check -s fk.json --ref towns=nosuch.csv d.csv
is "--ref table missing: exit 2" "$RC" 2
like "--ref table missing: named" "$ERR" "unable to open 'nosuch.csv'"
printf 'a\nx\n' >in-codes.csv
run gov-check -s fk.json --ref towns=codes.csv in-codes.csv
is "--ref used: checked, clean" "$RC:$ERR" "0:"

run gov-check -s missing.json d.csv
is "missing schema: exit 2" "$RC" 2
like "missing schema: named" "$ERR" "missing.json"

done_testing
