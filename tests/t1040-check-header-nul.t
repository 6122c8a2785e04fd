#!/bin/sh
# A NUL byte in a CSV header cell cut the column's name at the NUL without
# a word: 'na<NUL>me' was the column 'na' in gov-check (its schema's 'name'
# then a missing-column, nothing said of the NUL), gov-profile and
# gov-records.  The CSV reader they share now shows the NUL as '?', as it
# shows a byte not valid in the encoding, and each tool names it as it
# names those: gov-check an encoding finding of the header cell (without a
# row, as a header cell's bad bytes), gov-profile and gov-records
# 'file:1: column N' on standard error, exit 1.  A data cell keeps its
# NULs, as before: its length is known to every tool.
. "$(dirname "$0")/lib.sh"

printf 'id,na\000me,x\n1,2,3\n' >nul.csv
cat >s.json <<'JSON'
{"fields": [{"name": "id"}, {"name": "name"}, {"name": "x"}]}
JSON

run gov-check --format ndjson nul.csv
is "gov-check: exit 1" "$RC" 1
is "gov-check: an encoding finding of the header cell" \
	"$(finding_fields row column field check value message)" \
	"None 2 None encoding na?me header holds a NUL byte (shown as '?')"
run gov-check --format ndjson -s s.json nul.csv
is "gov-check -s: the name with '?' matches no field, as for bad bytes" \
	"$RC:$(finding_fields row column field check value)" \
	"1:None 2 None encoding na?me
None 2 na?me extra-column na?me
None None name missing-column None"

run gov-profile --format ndjson nul.csv
is "gov-profile: exit 1, the cell named" "$RC:$ERR" \
	"1:gov-profile: nul.csv:1: column 2: a NUL byte in the header, replaced by '?'"
like "gov-profile: the name shown with '?', the row counted" "$OUT" \
	'"encoding_error_rows":1,"fields":\[\{"name":"id",.*\{"name":"na\?me","type":"integer"'
run gov-records nul.csv
is "gov-records: exit 1, the cell named, the key with '?'" "$RC:$OUT:$ERR" \
	"1:{\"id\":\"1\",\"na?me\":\"2\",\"x\":\"3\"}:gov-records: nul.csv:1: column 2: a NUL byte in the header, replaced by '?'"

# Two NULs, a quoted cell, the header on row 3: each NUL shown, the first
# such cell named, on its own row
printf 'title\n\nid,"a\000b\000",c\000\n1,2,3\n' >h3.csv
run gov-records --header-row 3 h3.csv
is "gov-records --header-row 3: row 3, column 2" "$RC:$OUT:$ERR" \
	"1:{\"id\":\"1\",\"a?b?\":\"2\",\"c?\":\"3\"}:gov-records: h3.csv:3: column 2: a NUL byte in the header, replaced by '?'"

# A byte not valid in UTF-8 is said as before
printf 'id,na\377me\n1,2\n' >bad.csv
run gov-check --format ndjson bad.csv
is "gov-check: bad bytes as before" "$RC:$(finding_fields column check message)" \
	"1:2 encoding header bytes not valid in utf-8 (shown as '?')"
run gov-records bad.csv
is "gov-records: bad bytes as before" "$RC:$ERR" \
	"1:gov-records: bad.csv:1: column 2: bytes not valid in the encoding, replaced by '?'"

# A NUL in a data cell: kept, nothing said, as before
printf 'id,name\n1,a\000b\n' >cell.csv
run gov-records cell.csv
is "gov-records: a data cell's NUL kept" "$RC:$OUT:$ERR" '0:{"id":"1","name":"a\u0000b"}:'
run gov-check --format ndjson cell.csv
is "gov-check: a data cell's NUL: no finding" "$RC:$(finding_fields check)" "0:"
done_testing
