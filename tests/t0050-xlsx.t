#!/bin/sh
# gov-xlsx: records in, a workbook out, read back with openpyxl: types,
# header (bold, frozen, filtered), widths, labels, --type, --sheet-by,
# --columns, --sheet.
. "$(dirname "$0")/lib.sh"

dump() { py "$T_DIR/expected/xlsx-dump.py" "$1"; }
E=$T_DIR/expected

run gov-xlsx -o basic.xlsx "$E/xlsx-basic.jsonl"
is "basic: exit 0" "$RC" 0
is "basic: quiet" "$OUT$ERR" ""
dump basic.xlsx >basic.txt
same_file "basic: types, header, freeze, filter, widths" basic.txt "$E/xlsx-basic.txt"

# the same records from standard input, and from '-'
run_in "$E/xlsx-basic.jsonl" gov-xlsx -o stdin.xlsx
dump stdin.xlsx >stdin.txt
same_file "standard input" stdin.txt "$E/xlsx-basic.txt"
run_in "$E/xlsx-basic.jsonl" gov-xlsx -o dash.xlsx -
dump dash.xlsx >dash.txt
same_file "'-' is standard input" dash.txt "$E/xlsx-basic.txt"

run gov-xlsx -o units.xlsx --type finding --sheet-by unit \
	--labels "$E/xlsx-labels.json" "$E/xlsx-units.jsonl"
is "sheet-by: exit 0" "$RC" 0
dump units.xlsx >units.txt
same_file "sheet-by: sanitised unique names, labels, no type column" \
	units.txt "$E/xlsx-sheet-by.txt"

# no record at all: one empty sheet under the default name (or --sheet),
# not the "(blank)" sheet of a --sheet-by value nothing had
: >none.jsonl
run gov-xlsx -o none.xlsx --sheet-by unit none.jsonl
is "sheet-by, no records: exit 0" "$RC:$ERR" "0:"
is "sheet-by, no records: one sheet, the default name" \
	"$(py -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)' none.xlsx)" \
	"['records']"
run gov-xlsx -o none2.xlsx --sheet-by unit --sheet 名单 none.jsonl
is "sheet-by, no records, --sheet: that name" \
	"$(py -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)' none2.xlsx)" \
	"['名单']"

run gov-xlsx -o cols.xlsx --columns 'n, unit,missing' --sheet 人口 \
	"$E/xlsx-units.jsonl"
is "columns: exit 0" "$RC" 0
dump cols.xlsx >cols.txt
same_file "columns: these, in this order; sheet name" cols.txt "$E/xlsx-columns.txt"

# an array of objects is read as text: each object's members as
# "key: value", the objects joined with "; "; personal data masked there too
printf '%s\n' '{"id":"L1","checks":[{"check":"schema","ok":true},{"check":"holder-id","ok":false,"message":"150502199001011232 \"bad\""},null,{},[1,2.50]]}' >checks.jsonl
run gov-xlsx -o checks.xlsx checks.jsonl
is "arrays of objects: exit 0" "$RC" 0
is "arrays of objects: key: value, masked" "$(dump checks.xlsx | tail -1)" \
	"str:'L1' | str:'check: schema, ok: true; check: holder-id, ok: false, message: 150502********1232 \"bad\"; {}; [1,2.50]'"

# two files make one stream; no records at all is an empty sheet
run gov-xlsx -o two.xlsx -t summary "$E/xlsx-units.jsonl" "$E/xlsx-basic.jsonl"
is "two files: exit 0" "$RC" 0
is "two files: summary records of both" "$(dump two.xlsx | tail -n +3)" \
"str:'unit'* | str:'total'* | str:'id'* | str:'name'*
str:'all' | int:4 | - | -
- | - | int:3 | str:'x'"
: >empty.jsonl
run gov-xlsx -o empty.xlsx empty.jsonl
is "no records: exit 0" "$RC" 0
is "no records: one empty sheet" "$(dump empty.xlsx)" \
"sheet records freeze=None filter=None dims=A1:A1
widths "

# the file is replaced atomically and readable by others
run gov-xlsx -o empty.xlsx "$E/xlsx-basic.jsonl"
is "overwrite: exit 0" "$RC" 0
is "overwrite: new content" "$(dump empty.xlsx | head -1)" \
	"sheet records freeze=A2 filter=A1:Y4 dims=A1:Y4"
is "mode 0644" "$(stat -c %a empty.xlsx)" 644
is "no temporary file left" "$(ls -A | grep -c '\.xlsx\.')" 0

# the compression level: same workbook, other sizes
GOVKIT_XLSX_LEVEL=0 run gov-xlsx -o level0.xlsx "$E/xlsx-basic.jsonl"
dump level0.xlsx >level0.txt
same_file "GOVKIT_XLSX_LEVEL=0: same workbook" level0.txt "$E/xlsx-basic.txt"
GOVKIT_XLSX_LEVEL=9 run gov-xlsx -o level9.xlsx "$E/xlsx-basic.jsonl"
ok "GOVKIT_XLSX_LEVEL=0 stores, 9 compresses" \
	test "$(stat -c %s level0.xlsx)" -gt "$(stat -c %s level9.xlsx)"

# personal data is masked unless --no-mask
printf '%s\n' '{"id":"150502199001011234","phone":13812345678,"msg":"call 13812345678 or 15050219900101123X","n":"12345678901"}' >pii.jsonl
run gov-xlsx -o pii.xlsx pii.jsonl
is "masked by default" "$(dump pii.xlsx | tail -1)" \
	"str:'150502********1234' | str:'138****5678' | str:'call 138****5678 or 150502********123X' | str:'12345678901'"
run gov-xlsx --no-mask -o pii.xlsx pii.jsonl
is "--no-mask" "$(dump pii.xlsx | tail -1)" \
	"str:'150502199001011234' | int:13812345678 | str:'call 13812345678 or 15050219900101123X' | str:'12345678901'"
# grouped the way people write them, and no run of eleven digits
printf '%s\n' '{"a":"138 1234 5678","b":"tel 138-1234-5678","c":"2025-10-15 12:00:00 +0800"}' >grouped.jsonl
run gov-xlsx -o grouped.xlsx grouped.jsonl
is "grouped numbers masked, a time left alone" "$(dump grouped.xlsx | tail -1)" \
	"str:'138 **** 5678' | str:'tel 138-****-5678' | str:'2025-10-15 12:00:00 +0800'"

# help and version
run gov-xlsx --help
is "help: exit 0" "$RC" 0
like "help: usage line" "$OUT" '^Usage: gov-xlsx -o OUT.xlsx'
run gov-xlsx --version
like "version" "$OUT" '^gov-xlsx \(govkit\) [0-9]'

# SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes the one
# thing that differs between two runs, the creation time: the same
# records, the same bytes.  A value that is not seconds is refused.
SOURCE_DATE_EPOCH=1767225600 gov-xlsx -o same1.xlsx "$E/xlsx-basic.jsonl"
sleep 1
SOURCE_DATE_EPOCH=1767225600 gov-xlsx -o same2.xlsx "$E/xlsx-basic.jsonl"
ok "SOURCE_DATE_EPOCH: the same bytes a second later" cmp -s same1.xlsx same2.xlsx
is "SOURCE_DATE_EPOCH: the creation time" \
	"$(py -c 'import openpyxl, sys; print(openpyxl.load_workbook(sys.argv[1]).properties.created)' same1.xlsx)" \
	"2026-01-01 00:00:00"
SOURCE_DATE_EPOCH=soon gov-xlsx -o never.xlsx "$E/xlsx-basic.jsonl" 2>epoch.err
is "SOURCE_DATE_EPOCH not seconds: exit 2, no file" "$?:$(ls never.xlsx 2>/dev/null)" "2:"
is "... the message" "$(cat epoch.err)" \
	"gov-xlsx: invalid value 'soon' for SOURCE_DATE_EPOCH (expected 1 to 9223372036854775807)"
done_testing
