#!/bin/sh
# A 'type' finding tells the data owner what to write: the form of a date,
# a datetime, a time, a year or a yearmonth, and a boolean's true and
# false values (the schema's, or the default ones).  It said only "not a
# boolean", which leaves an owner who wrote 'maybe' where the schema wants
# 是 or 否 to guess.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "b", "type": "boolean"},
            {"name": "insured", "type": "boolean", "trueValues": ["是"], "falseValues": ["否"]},
            {"name": "d", "type": "date"},
            {"name": "t", "type": "datetime"},
            {"name": "y", "type": "year"},
            {"name": "ym", "type": "yearmonth"},
            {"name": "tm", "type": "time"},
            {"name": "da", "type": "date", "format": "any"},
            {"name": "dp", "type": "date", "format": "%d/%m/%Y"},
            {"name": "n", "type": "integer"},
            {"name": "many", "type": "boolean",
             "trueValues": ["a1", "a2", "a3", "a4", "a5", "a6", "a7"], "falseValues": ["n"]}]}
JSON
printf 'b,insured,d,t,y,ym,tm,da,dp,n,many\nx,maybe,2020-02-30,昨天,20,2024-13,25:00,x,2024-01-01,三,z\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "exit 1" "$RC" 1
is "each type finding says what to write" "$(finding_fields check column message)" \
"type 1 not a boolean (true: true, True, TRUE, 1; false: false, False, FALSE, 0)
type 2 not a boolean (true: 是; false: 否)
type 3 not a date (a real day, YYYY-MM-DD)
type 4 not a datetime (YYYY-MM-DDThh:mm:ss)
type 5 not a year (YYYY)
type 6 not a yearmonth (YYYY-MM)
type 7 not a time (hh:mm:ss)
type 8 not a date
type 9 not a date in format %d/%m/%Y
type 10 not an integer
type 11 not a boolean (true: a1, a2, a3, a4, a5, a6, ...; false: n)"

done_testing
