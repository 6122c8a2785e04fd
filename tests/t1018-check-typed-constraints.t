#!/bin/sh
# The JSON numbers and booleans of a constraint are values of the field's
# type as they are, not text read with the field's trueValues or
# decimalChar: enum [true] on a field whose trueValues are ["是"], and
# enum [1.5] on a field whose decimalChar is ",", are schemas that load.
# Text is still read in the field's own form ("1,5").
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check message; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "b", "type": "boolean", "trueValues": ["是"], "falseValues": ["否"],
   "constraints": {"enum": [true]}},
  {"name": "n", "type": "number", "decimalChar": ",",
   "constraints": {"enum": [1.5, 2, "2,5"], "minimum": 1.5}},
  {"name": "i", "type": "integer", "constraints": {"enum": [1, 2]}}
]}
JSON
printf 'b,n,i\n是,"1,5",1\n否,2,2\n是,"2,5",3\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "the schema loads" "$ERR" ""
is "typed enum values compared as values" "$(found)" \
"3 1 enum not one of: true
4 3 enum not one of: 1, 2"

cat >bad.json <<'JSON'
{"fields": [{"name": "i", "type": "integer", "constraints": {"enum": [1.5]}}]}
JSON
run gov-check --format ndjson -s bad.json d.csv
is "a JSON number that is no integer: exit 2" "$RC" 2
like "it names the place" "$ERR" "fields\[0\]\.constraints\.enum\[0\]: '1\.5' is not an integer"

# A date out of its range is told as written, as a datetime and a time
# are, beside the bound as written: with format %d/%m/%Y the message read
# "2023-12-31 is below the minimum 01/01/2024", two forms in one line.
cat >fmt.json <<'JSON'
{"fields": [
 {"name": "d", "type": "date", "format": "%d/%m/%Y", "constraints": {"minimum": "01/01/2024", "maximum": "31/12/2024"}},
 {"name": "t", "type": "datetime", "format": "%d/%m/%Y %H:%M", "constraints": {"maximum": "01/01/2024 10:00"}},
 {"name": "h", "type": "time", "format": "%H.%M", "constraints": {"minimum": "08.30"}},
 {"name": "a", "type": "date", "format": "any", "constraints": {"minimum": "2024-01-01"}}]}
JSON
printf 'd,t,h,a
31/12/2023,01/01/2024 11:00,07.15,2023/12/31
01/01/2025,01/01/2024 09:00,09.00,2024/1/5
' >fmt.csv
run gov-check --format ndjson -s fmt.json fmt.csv
is "date, datetime, time bounds: value and bound as written" \
	"$RC:$(finding_fields row column check "|" message)" \
	"1:2 1 minimum | 31/12/2023 is below the minimum 01/01/2024
2 2 maximum | 01/01/2024 11:00 is above the maximum 01/01/2024 10:00
2 3 minimum | 07.15 is below the minimum 08.30
2 4 minimum | 2023/12/31 is below the minimum 2024-01-01
3 1 maximum | 01/01/2025 is above the maximum 31/12/2024"

done_testing
