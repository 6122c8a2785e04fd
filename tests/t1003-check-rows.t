#!/bin/sh
# Rows are spreadsheet rows: the header is row 1 and every record one
# more, whatever newlines its quoted cells hold, blank lines included;
# CRLF, TSV, standard input; JSON Lines rows are line numbers.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "note"},
            {"name": "n", "type": "integer"}]}
JSON

rows() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "finding":
        print(r["row"], r["column"], r["check"])'
}

printf 'id,note,n\r\n1,"two\r\nlines",5\r\n\r\n2,"x",6\r\n3,"a\n\nb",x\r\n,,\r\n4,ok,7\r\n5,"q ""quoted""\n",y' >crlf.csv
run gov-check -s s.json crlf.csv
is "CRLF, quoted newlines, blank rows: the rows a spreadsheet shows" "$(rows)" \
"3 None blank-row
5 3 type
6 None blank-row
8 3 type"
like "7 data rows counted" "$OUT" '"rows":7,'

run_in crlf.csv gov-check -s s.json -
is "standard input: the same rows" "$(rows)" \
"3 None blank-row
5 3 type
6 None blank-row
8 3 type"
like "standard input is named -" "$OUT" '"file":"-"'

printf 'id\tnote\tn\n1\ta,b\t2\n2\tc\n' >t.tsv
run gov-check -s s.json t.tsv
is "TSV by its name: commas are data" "$(rows)" "3 3 missing-cell"

printf 'id;note;n\n1;a;2\n2;b;z\n' >semi.txt
run gov-check -s s.json -d ';' semi.txt
is "--delimiter ';'" "$(rows)" "3 3 type"

printf '{"id":1,"n":5}\n\n{"id":2,"n":"x","extra":true}\nnot json\n{"id":"3","note":null}\n[1]\n' >a.jsonl
run gov-check -s s.json a.jsonl
is "JSON Lines: rows are line numbers, blank lines skipped" "$(rows)" \
"None 4 extra-column
3 3 type
4 None encoding
6 None encoding"
like "JSON Lines: the unreadable line says why" "$OUT" '"row":4,.*"message":"the line is not valid JSON"'
like "JSON Lines: a non-object says so" "$OUT" '"row":6,.*"message":"the line is JSON but not an object"'

# A JSON Lines number is its cell as the file wrote it: 0.1, not
# 0.10000000000000001 (19 characters, past a maxLength of 5)
printf '{"fields":[{"name":"x","type":"string","constraints":{"maxLength":5}}]}' >len.json
printf '{"x":0.1}\n{"x":2.25}\n{"x":1.000001}\n' >num.jsonl
run gov-check -s len.json num.jsonl
is "JSON Lines numbers as written: only 1.000001 is too long" "$(rows)" "3 1 max-length"

cp a.jsonl a.ndjson
run gov-check a.ndjson
is ".ndjson, no schema: new keys are no finding" "$(rows)" \
"4 None encoding
6 None encoding"

: >empty.csv
run gov-check empty.csv
is "an empty file cannot be checked: exit 2" "$RC" 2
is "an empty file: the message names it" "$ERR" "gov-check: empty.csv: file is empty"

run gov-check no-such.csv
is "a missing file: exit 2" "$RC" 2
like "a missing file: named" "$ERR" "no-such.csv"

printf 'a,b\n1,2\n' >ok.csv
run gov-check ok.csv no-such.csv
is "one good and one missing file: exit 2" "$RC" 2
like "the good file is still reported" "$OUT" '"file":"ok.csv"'

done_testing
