#!/bin/sh
# gov-xlsx: Excel refuses a sheet name that starts or ends with an
# apostrophe.  Those of a --sheet-by value were taken off, but before the
# name was cut to 31 characters: a value whose 31st character is an
# apostrophe (a unit "...'s office") came out as a name ending in one,
# and libxlsxwriter's refusal stopped the run, exit 2, no workbook, with
# a "[WARNING]" of the library's.  Now the name is cut, then an
# apostrophe left at its end taken off.
. "$(dirname "$0")/lib.sh"

names() {
	py -c '
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    print(ws.title, ws.max_row)' "$1"
}

cat >a.jsonl <<'J'
{"unit":"Tongliao Municipal Data Bureau's office","n":1}
{"unit":"Tongliao Municipal Data Bureau's archive","n":2}
{"unit":"Tongliao Municipal Data Bureau''","n":3,"checks":[{"ok":true}]}
J
run gov-xlsx --sheet-by unit -o a.xlsx a.jsonl
is "a value cut at an apostrophe: exit 0, quiet" "$RC:$ERR" "0:"
is "... the names without it, unique" "$(names a.xlsx)" \
"Tongliao Municipal Data Bureau 2
Tongliao Municipal Data Bur (2) 2
Tongliao Municipal Data Bur (3) 2
Tongliao Municipal Data .checks 2"

# the same through --sheet
run gov-xlsx --sheet "Tongliao Municipal Data Bureau's office" -o b.xlsx a.jsonl
is "--sheet cut at an apostrophe: exit 0" "$RC:$ERR:$(names b.xlsx)" \
"0::Tongliao Municipal Data Bureau 4
Tongliao Municipal Data .checks 2"
done_testing
