#!/bin/sh
# gov-xlsx: a sheet holds Excel's 16,384 columns, no fewer.  An element
# sheet (an array of objects on a sheet of its own) has a column 'sheet',
# its record's sheet, that is shown only when the records continue on
# more sheets; it was counted even when not shown, and an element object
# of 16,382 members ('row', the record's first member and the members:
# 16,384 columns) was refused "too many columns: more than 16384", exit 2.
# Now the column counts when it is shown: from the record whose row goes
# to a second sheet, which is refused, naming the element sheet, when
# that leaves no room for it.  A record of 16,385 keys is refused as
# before, its line named, no workbook written.
. "$(dirname "$0")/lib.sh"

# elem N: N members m0..; records FILE JSON...: one record a line
gen() {
	py -c '
import json, sys
def elem(n): return {"m%d" % i: i for i in range(n)}
for rec in sys.argv[2:]:
    print(json.dumps(eval(rec)))' "$@"
}
# each sheet: its name, its columns, the first three and the last
header() {
	py -c '
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets:
    r = next(ws.iter_rows(values_only=True))
    print(ws.title, len(r), r[:3], r[-1])' "$1"
}
CUT="column 'items': text cut to Excel's 32767 characters"

gen x '{"id": "A", "items": [elem(16382)]}' >e16382.jsonl
run gov-xlsx -o e16382.xlsx e16382.jsonl
is "element of 16,382 members, the record's first member: 16,384 columns, written" \
	"$RC:$ERR" "1:gov-xlsx: e16382.jsonl:1: $CUT"
is "... all on its sheet" "$(header e16382.xlsx)" \
"records 2 ('id', 'items') items
records.items 16384 ('row', 'id', 'm0') m16381"

gen x '{"type": "x", "items": [elem(16383)]}' >e16383.jsonl
run gov-xlsx -o e16383.xlsx e16383.jsonl
is "element of 16,383 members, no first member: 16,384 columns, written" \
	"$RC:$ERR" "1:gov-xlsx: e16383.jsonl:1: $CUT"
is "... all on its sheet" "$(header e16383.xlsx | sed -n 2p)" \
	"records.items 16384 ('row', 'm0', 'm1') m16382"

gen x '{"id": "A", "items": [elem(16383)]}' >e16385.jsonl
run gov-xlsx -o e16385.xlsx e16385.jsonl
is "16,385 columns: refused, exit 2, no workbook" \
	"$RC:$ERR:$(ls e16385.xlsx 2>&1 >/dev/null | wc -l)" \
	"2:gov-xlsx: e16385.jsonl:1: too many columns: more than 16384:1"

# the records continue (2 rows a sheet): the element sheet shows 'sheet'
gen x '{"type": "x", "items": [elem(16382)]}' '{"type": "x", "items": [{"m0": 1}]}' >c16382.jsonl
GOVKIT_XLSX_MAX_ROWS=2 run gov-xlsx -o c16382.xlsx c16382.jsonl
is "continued, 'sheet', 'row' and 16,382 members: written" \
	"$RC:$ERR" "1:gov-xlsx: c16382.jsonl:1: $CUT"
is "... 16,384 columns on each element sheet" "$(header c16382.xlsx)" \
"records 2 ('type', 'items') items
records (2) 2 ('type', 'items') items
records.items 16384 ('sheet', 'row', 'm0') m16381
records.items (2) 16384 ('sheet', 'row', 'm0') m16381"
gen x '{"type": "x", "items": [elem(16383)]}' '{"type": "x", "items": [{"m0": 1}]}' >c16383.jsonl
GOVKIT_XLSX_MAX_ROWS=2 run gov-xlsx -o c16383.xlsx c16383.jsonl
is "... one more member: refused at the record that continues, no workbook" \
	"$RC:$ERR:$(ls c16383.xlsx 2>&1 >/dev/null | wc -l)" \
	"2:gov-xlsx: c16383.jsonl:1: $CUT
gov-xlsx: c16383.jsonl:2: too many columns: more than 16384 on sheet 'records.items' with its column 'sheet', as the records continue on another sheet:1"
gen x '{"type": "x"}' '{"type": "x", "items": [elem(16383)]}' >d16383.jsonl
GOVKIT_XLSX_MAX_ROWS=2 run gov-xlsx -o d16383.xlsx d16383.jsonl
is "... and an element sheet begun on the second sheet counts it at once" \
	"$RC:$ERR" "2:gov-xlsx: d16383.jsonl:2: too many columns: more than 16384"

# records: 16,384 keys written, 16,385 refused, as the man page says
gen x '{"k%d" % i: i for i in range(16384)}' >r16384.jsonl
run gov-xlsx -o r16384.xlsx r16384.jsonl
is "a record of 16,384 keys: written" "$RC:$ERR:$(header r16384.xlsx)" \
	"0::records 16384 ('k0', 'k1', 'k2') k16383"
gen x '{"k%d" % i: i for i in range(16385)}' >r16385.jsonl
run gov-xlsx -o r16385.xlsx r16385.jsonl
is "a record of 16,385 keys: refused, exit 2, no workbook" \
	"$RC:$ERR:$(ls r16385.xlsx 2>&1 >/dev/null | wc -l)" \
	"2:gov-xlsx: r16385.jsonl:1: too many columns: more than 16384:1"
done_testing
