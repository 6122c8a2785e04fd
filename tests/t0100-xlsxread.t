#!/bin/sh
# The XLSX reader (common/xlsxread.c) through gov-records: workbooks made
# by openpyxl and by hand (tests/expected/xlsx-make-books.py), and by
# gov-xlsx (a round trip).  Strings (shared, inline, rich), numbers as
# Excel shows them, dates and times as ISO text, booleans, empty cells,
# gaps in rows, several sheets chosen by name, CJK; broken files exit 2
# with a message naming the file and the sheet.
. "$(dirname "$0")/lib.sh"

E=$T_DIR/expected
py "$E/xlsx-make-books.py" . || exit 1

run gov-records people.xlsx
is "people: exit 0" "$RC" 0
is "people: quiet" "$ERR" ""
printf '%s\n' "$OUT" >people.jsonl
same_file "people: strings, numbers, dates, booleans, CJK, gaps" \
	people.jsonl "$E/xlsx-read-people.jsonl"

run gov-records --sheet second people.xlsx
is "second sheet: exit 0" "$RC" 0
printf '%s\n' "$OUT" >second.jsonl
same_file "second sheet: custom, CJK and elapsed formats, missing cells" \
	second.jsonl "$E/xlsx-read-second.jsonl"

run gov-records --sheet EMPTY people.xlsx
is "sheet name matched ignoring case; an empty sheet: exit 2 as gov-check" \
	"$RC:$OUT:$ERR" "2::gov-records: people.xlsx: file is empty"

run gov-records --sheet nope people.xlsx
is "unknown sheet: exit 2" "$RC" 2
is "unknown sheet: message lists the sheets" "$ERR" \
	"gov-records: people.xlsx: no sheet 'nope' (sheets: '人口', 'second', 'empty')"

# Row 2 is missing in the sheet: warnings name the sheet's own rows 3, 4.
run gov-records crafted.xlsx
printf '%s\n' "$OUT" >crafted.jsonl
same_file "crafted: rich text, phonetic runs skipped, _xHHHH_, errors, formulas, 1904 dates" \
	crafted.jsonl "$E/xlsx-read-crafted.jsonl"
is "crafted: row numbers line up with the sheet" "$ERR" \
"gov-records: crafted.xlsx:3: 4 cells, header has 3; extra cells kept as column_N
gov-records: crafted.xlsx:4: 4 cells, header has 3; extra cells kept as column_N"

# the sheet has one row, its row 2: row 1, blank, is no header
run gov-records --sheet Prefixed crafted.xlsx
is "namespace prefixes: its blank row 1 is refused as a header" "$RC:$ERR" \
	"2:gov-records: crafted.xlsx:1: a blank row, not a header: give --header-row 2, the first row not blank"
run gov-profile --format ndjson --sheet Prefixed --header-row 2 crafted.xlsx
like "namespace prefixes, relative part names: the cell is in column C" \
	"$OUT" '"fields":\[\{"name":"column_1",.*\{"name":"column_2",.*\{"name":"prefixed",'

run gov-records --sheet Wide crafted.xlsx
is "a dimension of every column: rows as wide as the header" "$RC:$OUT:$ERR" \
	'0:{"k":"1","v":""}:'

run gov-records many.xlsx
is "many shared strings: exit 0" "$RC:$ERR" "0:"
printf '%s\n' "$OUT" >many.jsonl
is "many shared strings: every row" "$(wc -l <many.jsonl)" 20000
is "many shared strings: first, missing cell, last" \
	"$(sed -n '1p;2p;$p' many.jsonl)" \
'{"名称":"单位0","编号":"code-00000"}
{"名称":"单位1","编号":""}
{"名称":"单位19999","编号":""}'
is "many shared strings: one in the middle" "$(sed -n 12345p many.jsonl)" \
	'{"名称":"单位12344","编号":"code-12344"}'

# Broken files.
run gov-records corrupt.xlsx
is "corrupt zip data: exit 2" "$RC" 2
is "corrupt zip data: message" "$ERR" \
	"gov-records: corrupt.xlsx: sheet '人口': corrupt zip data (Zlib error: data error)"
run gov-records --sheet second corrupt.xlsx
is "corrupt zip: an intact sheet still reads" "$RC:$(printf '%s\n' "$OUT" | wc -l)" "0:3"
run gov-records badxml.xlsx
is "bad XML: exit 2" "$RC" 2
is "bad XML: message" "$ERR" \
	"gov-records: badxml.xlsx: sheet '人口': bad XML at line 1: mismatched tag"
run gov-records dtd.xlsx
is "a DTD is refused" "$RC:$ERR" "2:gov-records: dtd.xlsx: sheet '人口': a DTD is not allowed"
head -c 2000 "$E/xlsx-basic.txt" >notzip.xlsx
run gov-records notzip.xlsx
is "not a zip: exit 2" "$RC" 2
is "not a zip: message" "$ERR" \
	"gov-records: notzip.xlsx: not an XLSX workbook (Not a zip archive)"
: >zero.xlsx
run gov-records zero.xlsx
is "empty file: exit 2" "$RC" 2
like "empty file: message" "$ERR" "^gov-records: zero.xlsx: not an XLSX workbook"
run gov-records missing.xlsx
is "missing file: message" "$RC:$ERR" \
	"2:gov-records: unable to open 'missing.xlsx': No such file"

# Round trip: what gov-xlsx writes, gov-records reads as it was written.
run gov-xlsx -o rt.xlsx "$E/xlsx-basic.jsonl"
run gov-records rt.xlsx
printf '%s\n' "$OUT" >rt.jsonl
same_file "round trip through gov-xlsx" rt.jsonl "$E/xlsx-read-roundtrip.jsonl"

done_testing
