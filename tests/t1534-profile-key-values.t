#!/bin/sh
# gov-profile --schema: a primary key is drafted only on a column whose
# values are distinct as gov-check compares keys.  "1" and "1.0" are two
# texts but one number: the key drafted on them was refused by gov-check
# on the very file it came from (primary-key, repeats row 2).  The profile
# says so in distinct_values, the count of distinct values of the type.
. "$(dirname "$0")/lib.sh"

# chain NAME FILE: the draft passes on its file; the draft is in $draft.
chain() {
	gov-profile --schema "$2" >"$1.schema.json"
	draft=$(cat "$1.schema.json")
	run gov-check -s "$1.schema.json" --format ndjson "$2"
	is "$1: the draft passes on its file (exit 0, valid)" \
		"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"
}

printf 'id,name\n1,a\n1.0,b\n' >number.csv
chain number number.csv
unlike "number: 1 and 1.0 are one number, no primary key" "$draft" primaryKey
run gov-profile --format ndjson number.csv
like "number: distinct 2 texts, distinct_values 1" "$OUT" \
	'"name":"id","type":"number","format":null,"nulls":0,"distinct":2,"distinct_exact":true,"distinct_values":1,'

printf 'record_id,v\n1,a\n+1,b\n-0,c\n0,d\n' >integer.csv
chain integer integer.csv
unlike "integer: +1 is 1 and -0 is 0, no primary key" "$draft" primaryKey

printf 'record_id,v\n1e2,a\n100,b\n3.5,c\n' >exponent.csv
chain exponent exponent.csv
unlike "number: 1e2 is 100, no primary key" "$draft" primaryKey

printf 'event_id,v\n2024-01-01T08:00:00+08:00,a\n2024-01-01T00:00:00Z,b\n' >instant.csv
chain instant instant.csv
unlike "datetime: one instant in two zones, no primary key" "$draft" primaryKey

# A fraction of a second tells two times apart, and not a zero one.
printf 'scan_id,v\n10:00:00,a\n10:00:00.5,b\n10:00:00.25,c\n' >fraction.csv
chain fraction fraction.csv
like "time: 10:00:00 and 10:00:00.5 are two, the primary key" "$draft" \
	'"primaryKey":\["scan_id"\]'
printf 'scan_id,v\n10:00:00,a\n10:00:00.000,b\n' >zero.csv
chain zero zero.csv
unlike "time: 10:00:00 and 10:00:00.000 are one, no primary key" "$draft" primaryKey
run gov-profile --format ndjson zero.csv
like "time: distinct 2 texts, distinct_values 1" "$OUT" \
	'"name":"scan_id","type":"time","format":null,"nulls":0,"distinct":2,"distinct_exact":true,"distinct_values":1,'

printf 'flag_id,v\ntrue,a\nTrue,b\n' >bool.csv
chain bool bool.csv
unlike "boolean: true and True are one value, no primary key" "$draft" primaryKey

# Distinct values still make a key, and a key of distinct texts has no
# distinct_values (the record as before).
printf 'id,name\n1,a\n2.5,b\n+3,c\n' >distinct.csv
chain distinct distinct.csv
like "distinct numbers: the primary key" "$draft" '"primaryKey":\["id"\]'
run gov-profile --format ndjson distinct.csv
unlike "distinct numbers: no distinct_values" "$OUT" distinct_values

# Blank rows at the end of an export: the draft is right and so are
# gov-check's blank-row findings (gov-profile(1) says so), the only ones.
printf 'id,name\n1,a\n2,b\n,\n\n' >blank.csv
gov-profile --schema blank.csv >blank.schema.json
run gov-check -s blank.schema.json --format ndjson blank.csv
is "blank rows: exit 1, one blank-row finding each, nothing else" \
	"$RC:$(finding_fields row "|" check | tr '\n' ' ')" "1:4 | blank-row 5 | blank-row "
done_testing
