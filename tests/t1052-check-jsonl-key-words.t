#!/bin/sh
# JSON Lines have no header: a key of the first record that is not in the
# schema was "header column not in the schema", and an empty key "header
# cell is empty", where a key first seen in a later record was already
# "key not in the schema (first at line N)".  Now the first record's keys
# are said the same way, with the line they are on (a blank line before
# it is skipped, and counted).  CSV keeps its header words.
. "$(dirname "$0")/lib.sh"

printf '{"fields": [{"name": "a", "type": "integer"}]}\n' >s.json
printf '\n{"a": 1, "zz": 2, "": 3}\n{"a": 2, "yy": 3}\n' >d.jsonl
run gov-check --format ndjson -s s.json d.jsonl
is "JSON Lines: keys, not header columns" \
	"$RC:$(finding_fields row column field check "|" message)" \
	"1:None 2 zz extra-column | key not in the schema (first at line 2)
None 3 None blank-header | key is empty
None 4 yy extra-column | key not in the schema (first at line 3)"

printf 'a,zz,\n1,2,3\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "CSV: header columns, as before" \
	"$RC:$(finding_fields row column field check "|" message)" \
	"1:None 2 zz extra-column | header column not in the schema
None 3 None blank-header | header cell is empty"

done_testing
