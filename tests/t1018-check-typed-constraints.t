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

done_testing
