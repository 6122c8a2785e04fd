#!/bin/sh
# JSON Lines with bytes not valid in UTF-8, in values, keys and nested
# values: as with CSV, each such byte is shown as '?', the record gets one
# encoding finding at its first such column, and what gov-check writes is
# UTF-8 (JSON Lines or text) whatever the input held.
. "$(dirname "$0")/lib.sh"

{
	printf '{"a":"x\377y","b":"ok"}\n'                 # 1: a value
	printf '{"a":"1","b\376":"2"}\n'                   # 2: a key first seen here
	printf '{"b":"3","a":{"k\377":["v\303"]}}\n'       # 3: inside a nested value
	printf '{"a":"\344\270","b":"\344\270\255"}\n'     # 4: a character cut short
	printf '{"a":"\\u4e2d\346\226\207","b":"5"}\n'     # 5: escapes and UTF-8: fine
	printf '{"a":"6","b\376":"\377"}\n'                # 6: key and value, one finding
} >u.jsonl

# row, column, field, check, value, message of each finding
findings() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for line in sys.stdin.buffer:
    r = json.loads(line.decode("utf-8"))
    if r["type"] == "finding":
        print(r["row"], r["column"], r["field"], r["check"], r["value"], "|", r["message"])'
}
utf8() { printf '%s\n' "$OUT" | iconv -f utf-8 -t utf-8 >/dev/null 2>&1 && echo valid; }

run gov-check u.jsonl
is "invalid bytes: exit 1" "$RC" 1
is "invalid bytes: the output is UTF-8" "$(utf8)" valid
is "invalid bytes: one finding a record, shown as '?'" "$(findings)" \
"1 1 a encoding x?y | bytes not valid in UTF-8 (shown as '?')
2 3 b? encoding 2 | bytes not valid in UTF-8 (shown as '?')
3 1 a encoding {\"k?\":[\"v?\"]} | bytes not valid in UTF-8 (shown as '?')
4 1 a encoding ?? | bytes not valid in UTF-8 (shown as '?')
6 3 b? encoding ? | bytes not valid in UTF-8 (shown as '?')"
like "invalid bytes: the key is a column, named with '?'" "$OUT" '"rows":6,"fields":3,'

run gov-check --format text u.jsonl
is "text form: exit 1" "$RC" 1
is "text form: the output is UTF-8" "$(utf8)" valid
like "text form: the key shown with '?'" "$OUT" ' 2 +3  b\? +encoding'

# with a schema: the cell gives only the encoding finding, the key is an
# extra column named as shown
printf '{"fields":[{"name":"a","type":"integer"},{"name":"b"}]}' >s.json
{
	printf '{"a":"1\377","b":"x"}\n'
	printf '{"a":2,"b":"y","c\377":"z"}\n'
} >s.jsonl
run gov-check -s s.json s.jsonl
is "schema: exit 1" "$RC" 1
is "schema: the output is UTF-8" "$(utf8)" valid
is "schema: encoding, not type; the key's column named with '?'" "$(findings)" \
"1 1 a encoding 1? | bytes not valid in UTF-8 (shown as '?')
None 3 c? extra-column c? | key not in the schema (first at line 2)
2 3 c? encoding z | bytes not valid in UTF-8 (shown as '?')"
# \u0000 would end a string in cJSON ("T\u00001" read as "T"): the line
# is named instead; an escaped backslash before u0000 is only text
printf '%s\n' '{"id":"T\u00001","v":1}' '{"id":"T","v":2}' '{"id":"\\u0000","v":3}' >nul.jsonl
run gov-check nul.jsonl
is "\\u0000: exit 1" "$RC" 1
is "\\u0000: one finding, the line named" "$(printf '%s\n' "$OUT" | grep '"type":"finding"')" \
'{"type":"finding","file":"nul.jsonl","row":1,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"the line holds \\u0000 in a string at column 9"}'
# a CSV header cell's bad bytes: shown as '?' and said, like a data cell's
printf 'id,na\377me\n1,x\n' >hb.csv
run gov-check hb.csv
is "CSV header: exit 1" "$RC" 1
is "CSV header: the output is UTF-8" "$(utf8)" valid
is "CSV header: an encoding finding for the cell" "$(findings)" \
"None 2 None encoding na?me | header bytes not valid in utf-8 (shown as '?')"
done_testing
