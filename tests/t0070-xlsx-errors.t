#!/bin/sh
# gov-xlsx: bad input gives a clear message naming file and line, exit 2,
# and no output file (an existing one is left as it was).
. "$(dirname "$0")/lib.sh"

printf '{"a":1}\n' >good.jsonl

run gov-xlsx good.jsonl
is "no -o: exit 2" "$RC" 2
is "no -o: message" "$ERR" "gov-xlsx: missing -o OUT.xlsx
try 'gov-xlsx --help'"
for name in out.csv OUT.TSV notes.jsonl old.xls; do
	run gov-xlsx -o "$name" good.jsonl
	is "-o $name: exit 2, no file" "$RC:$(ls "$name" 2>/dev/null)" "2:"
	is "-o $name: message" "$ERR" "gov-xlsx: -o $name: gov-xlsx writes an XLSX workbook: name it .xlsx
try 'gov-xlsx --help'"
done
run gov-xlsx -o report good.jsonl
is "-o without an extension: written" "$RC:$(ls report)" "0:report"
run gov-xlsx --bogus -o x.xlsx
is "unknown option: exit 2" "$RC" 2
like "unknown option: message" "$ERR" "^gov-xlsx: unknown option '--bogus'"

printf '{"a":1}\n{"a":2,}\n' >badjson.jsonl
run gov-xlsx -o out.xlsx badjson.jsonl
is "invalid JSON: exit 2" "$RC" 2
is "invalid JSON: file:line: message" "$ERR" \
	"gov-xlsx: badjson.jsonl:2: invalid JSON: key expected at column 8"
ok "invalid JSON: no output file" test ! -e out.xlsx

printf '{"a":"ok"}\n\n{"a":"caf\351"}\n' >badutf8.jsonl
run gov-xlsx -o out.xlsx badutf8.jsonl
is "invalid UTF-8: exit 2" "$RC" 2
is "invalid UTF-8: message" "$ERR" \
	"gov-xlsx: badutf8.jsonl:3: invalid UTF-8 in string at column 10"
ok "invalid UTF-8: no output file" test ! -e out.xlsx

printf '{"a":1}\n[1,2]\n' >array.jsonl
run gov-xlsx -o out.xlsx array.jsonl
is "not an object: exit 2" "$RC" 2
is "not an object: message" "$ERR" \
	"gov-xlsx: array.jsonl:2: record is not a JSON object"

printf '{"a":"unterminated}\n' >unterm.jsonl
run gov-xlsx -o out.xlsx unterm.jsonl
is "unterminated string: message" "$ERR" \
	"gov-xlsx: unterm.jsonl:1: invalid JSON: unterminated string"

run gov-xlsx -o out.xlsx good.jsonl missing.jsonl
is "unreadable file: exit 2" "$RC" 2
is "unreadable file: message" "$ERR" \
	"gov-xlsx: unable to open 'missing.jsonl': No such file or directory"
ok "unreadable file: no output file" test ! -e out.xlsx

mkdir adir
run gov-xlsx -o out.xlsx adir
is "a folder as input: exit 2" "$RC" 2
like "a folder as input: message" "$ERR" "^gov-xlsx: adir: read error"

# an existing workbook survives a failed run untouched
run gov-xlsx -o keep.xlsx good.jsonl
is "first run: exit 0" "$RC" 0
sum=$(cksum <keep.xlsx)
run gov-xlsx -o keep.xlsx good.jsonl badjson.jsonl
is "failed rewrite: exit 2" "$RC" 2
is "failed rewrite: old file intact" "$(cksum <keep.xlsx)" "$sum"
is "failed rewrite: no temporary file" "$(ls -A | grep -c '\.xlsx\.')" 0

run gov-xlsx -o nodir/out.xlsx good.jsonl
is "output folder missing: exit 2" "$RC" 2
like "output folder missing: message" "$ERR" \
	"^gov-xlsx: unable to create 'nodir/out.xlsx'"

TMPDIR=$SCRATCH/none run gov-xlsx -o out.xlsx good.jsonl
is "no temporary folder: message" "$RC:$ERR" \
	"2:gov-xlsx: cannot create a temporary file in '$SCRATCH/none': No such file or directory"

# --labels must be a JSON object of strings
printf '["a"]\n' >labels1.json
run gov-xlsx -o out.xlsx -l labels1.json good.jsonl
is "labels not an object: exit 2" "$RC" 2
is "labels not an object: message" "$ERR" \
	"gov-xlsx: labels1.json: not a JSON object of column labels"
# a labels file is edited by hand: a syntax error is named by line and column
printf '{"a": "A",\n "名称" "B"}\n' >labels3.json
run gov-xlsx -o out.xlsx -l labels3.json good.jsonl
is "labels with a missing colon: exit 2" "$RC" 2
is "labels with a missing colon: line and column (characters, not bytes)" "$ERR" \
	"gov-xlsx: labels3.json:2:7: not valid JSON"
ok "labels with a missing colon: no workbook" test ! -e out.xlsx
# a second object appended (two labels files joined) was dropped unseen
printf '{"a": "A"}\n{"名称": "B"}\n' >labels4.json
run gov-xlsx -o out.xlsx -l labels4.json good.jsonl
is "labels followed by more: exit 2, where the rest begins" "$RC:$ERR" \
	"2:gov-xlsx: labels4.json:2:1: not valid JSON (text after the labels)"
ok "labels followed by more: no workbook" test ! -e out.xlsx
printf '{"a": 1}\n' >labels2.json
run gov-xlsx -o out.xlsx --labels labels2.json good.jsonl
is "label not a string: message" "$ERR" \
	"gov-xlsx: labels2.json: label of 'a' is not a string"
run gov-xlsx -o out.xlsx --labels nolabels.json good.jsonl
is "labels missing: exit 2" "$RC" 2
ok "labels: no output file" test ! -e out.xlsx

run gov-xlsx -o out.xlsx --columns ' , ' good.jsonl
is "empty --columns: exit 2" "$RC" 2
is "empty --columns: message" "$ERR" "gov-xlsx: no column names in ' , '"

# Excel's limits: sheets (open files) and columns
seq 1 501 | awk '{printf "{\"u\":\"v%d\"}\n", $1}' >sheets.jsonl
run gov-xlsx -o out.xlsx --sheet-by u sheets.jsonl
is "too many sheets: message" "$RC:$ERR" \
	"2:gov-xlsx: sheets.jsonl:501: too many sheets: more than 500 values of 'u'"
py -c "import json; print(json.dumps({'c%d' % i: i for i in range(16385)}))" >wide.jsonl
run gov-xlsx -o out.xlsx wide.jsonl
is "too many columns: message" "$RC:$ERR" \
	"2:gov-xlsx: wide.jsonl:1: too many columns: more than 16384"

# nesting is bounded
py -c "print('{\"a\":' + '[' * 100 + ']' * 100 + '}')" >deep.jsonl
run gov-xlsx -o out.xlsx deep.jsonl
is "too deep: message" "$ERR" \
	"gov-xlsx: deep.jsonl:1: record nested deeper than 64 levels"

# text longer than a cell holds is cut, with a warning; the workbook is
# written, and as a value lost its end the exit status is 1
py -c "print('{\"long\":\"' + 'é' * 40000 + '\"}')" >long.jsonl
run gov-xlsx -o long.xlsx long.jsonl
is "long text: exit 1" "$RC" 1
is "long text: warning" "$ERR" \
	"gov-xlsx: long.jsonl:1: column 'long': text cut to Excel's 32767 characters"
is "long text: 32767 characters kept" \
	"$(py -c 'import openpyxl,sys; print(len(openpyxl.load_workbook(sys.argv[1]).active["A2"].value))' long.xlsx)" \
	32767

ok "nothing left behind" test ! -e out.xlsx

done_testing
