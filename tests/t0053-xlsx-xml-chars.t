#!/bin/sh
# gov-xlsx and gov-catalog's workbook: U+FFFE and U+FFFF are valid UTF-8
# but not characters XML may hold.  Written as they came, in a value, a
# header or a sheet name, they made a workbook that neither openpyxl nor
# Excel could open (exit 0 all the same); now a cell carries them as the
# OOXML escapes _xFFFE_ and _xFFFF_, which Excel (and gov-records) reads
# back as the characters, and a sheet name leaves them out.  A literal
# "_x0041_" in a header stays itself, as it already did in a value.
. "$(dirname "$0")/lib.sh"

# opens WORKBOOK: the sheet names and every cell, as openpyxl reads them
opens() {
	py - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ascii(ws.title), [[ascii(c) for c in r] for r in ws.iter_rows(values_only=True)])
PY
}

printf '%s\n' '{"k":"a\uffffb","v":"x\ufffey","n\uffff":1,"h_x0041_":"z"}' >nonchar.jsonl
run gov-xlsx -o nonchar.xlsx nonchar.jsonl
is "value, key with U+FFFF: exit 0, quiet" "$RC:$ERR" "0:"
# (openpyxl shows the escapes of these inline strings as they are)
is "... the workbook opens; the characters as escapes" "$(opens nonchar.xlsx)" \
	"'records' [[\"'k'\", \"'v'\", \"'n_xFFFF_'\", \"'h_x005F_x0041_'\"], [\"'a_xFFFF_b'\", \"'x_xFFFE_y'\", '1', \"'z'\"]]"
run gov-records nonchar.xlsx
is "... read back as they were" "$OUT" \
	"$(printf '%s' '{"k":"a\uffffb","v":"x\ufffey","n\uffff":"1","h_x0041_":"z"}' | py -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read()), ensure_ascii=False, separators=(",", ":")))')"

run gov-xlsx -o sheets.xlsx --sheet-by k nonchar.jsonl
is "a sheet named from a value with U+FFFF: exit 0" "$RC:$ERR" "0:"
is "... the sheet name leaves it out" "$(opens sheets.xlsx | cut -d' ' -f1)" "'ab'"

# the catalog's workbook is written by the same engine
E=$T_TOP/samples/catalog/entries.jsonl
head -1 "$E" | py -c '
import json, sys
e = json.loads(sys.stdin.read())
e["summary"] = "摘要\uffff结束"
print(json.dumps(e, ensure_ascii=False))' >entry.jsonl
run gov-catalog add --user t entry.jsonl
is "catalog: an entry with U+FFFF added" "$RC" 0
run gov-catalog export --format xlsx -o catalog.xlsx
is "catalog export: exit 0" "$RC:$ERR" "0:"
like "... the workbook opens" "$(opens catalog.xlsx)" "_xFFFF_"
is "... the summary read back" \
	"$(gov-records catalog.xlsx | py -c 'import json,sys; print(ascii(json.loads(sys.stdin.readline())["信息资源摘要"]))')" \
	"'\\u6458\\u8981\\uffff\\u7ed3\\u675f'"
# NUL cannot be in a workbook at all: a \u0000 is dropped, and that is a
# loss like a text cut: named by line, once a record, exit 1, the
# workbook written with the rest
printf '%s\n' '{"a":"x\u0000y","b":"\u0000"}' '{"a":"clean"}' '{"a":"\u0000z"}' >nul.jsonl
run gov-xlsx -o nul.xlsx nul.jsonl
is "\\u0000: exit 1, each record with one named once" "$RC:$ERR" \
"1:gov-xlsx: nul.jsonl:1: \\u0000 dropped: a workbook cannot hold it
gov-xlsx: nul.jsonl:3: \\u0000 dropped: a workbook cannot hold it"
is "... the rest of the text kept" "$(gov-records nul.xlsx)" \
'{"a":"xy","b":""}
{"a":"clean","b":""}
{"a":"z","b":""}'
done_testing
