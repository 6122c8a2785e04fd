#!/bin/sh
# gov-xlsx: Excel counts the 32,767 a cell holds and the 31 of a sheet
# name in UTF-16 code units, where a character past U+FFFF (an emoji, a
# CJK character of Extension B such as 𠮷 in a name) takes two.  Counted
# in characters, a cell of 16,400 such characters (32,800 units) went out
# whole, with no warning and exit 0, and a sheet name of 31 of them
# (62 units): Excel "repairs" both, cutting them where it likes.  Now
# they are cut at Excel's limits, the cell with its warning and exit 1.
. "$(dirname "$0")/lib.sh"

# units WORKBOOK: per sheet its name's length in UTF-16 units, then the
# length in characters and in units of each cell of column A
units() {
	py - "$1" <<'PY'
import sys, openpyxl
u = lambda s: len(s.encode("utf-16-le")) // 2
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    print(u(ws.title), *["%d/%d" % (len(v), u(v)) for (v,) in ws.iter_rows(min_row=2, max_col=1, values_only=True)])
PY
}

py - <<'PY'
import json
with open("cells.jsonl", "w") as f:
    f.write(json.dumps({"t": "\U00020BB7" * 16400}) + "\n")        # 32,800 units
    f.write(json.dumps({"t": "a" * 32765 + "\U0001F600"}) + "\n")  # 32,767: fits
    f.write(json.dumps({"t": "a" * 32766 + "\U0001F600"}) + "\n")  # 32,768
with open("names.jsonl", "w") as f:
    for v in ["\U00020BB7" * 31, "\U00020BB7" * 31 + "x", "a" * 29 + "\U0001F600"]:
        f.write(json.dumps({"k": v, "t": "x"}) + "\n")
PY

run gov-xlsx -o cells.xlsx cells.jsonl
is "cells past 32,767 UTF-16 units: exit 1" "$RC" 1
is "... each named" "$ERR" \
"gov-xlsx: cells.jsonl:1: column 't': text cut to Excel's 32767 characters
gov-xlsx: cells.jsonl:3: column 't': text cut to Excel's 32767 characters"
is "... cut to whole characters within 32,767 units; one that fits kept" \
	"$(units cells.xlsx)" "7 16383/32766 32766/32767 32766/32766"

run gov-xlsx -o names.xlsx --sheet-by k names.jsonl
is "sheet names of characters past U+FFFF: exit 0" "$RC:$ERR" "0:"
is "... each within 31 units, unique" "$(units names.xlsx | cut -d' ' -f1 | tr '\n' ' ')" \
	"30 30 31 "
is "... the names" "$(py -c '
import sys, openpyxl
print(ascii(openpyxl.load_workbook(sys.argv[1]).sheetnames))' names.xlsx)" \
	"['\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7', '\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7\\U00020bb7 (2)', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\U0001f600']"
done_testing
