#!/bin/sh
# gov-xlsx masks a resident ID or phone number in what names the columns and
# the sheets, as it does in the cells: a record's key (the header cell) and
# a --sheet-by value (the sheet's name, in xl/workbook.xml and in the
# workbook's properties, docProps/app.xml) were written in full.  A masked
# digit of a sheet's name is a full-width asterisk (Excel refuses '*'); two
# people whose masked names are the same keep a sheet each.  --no-mask
# writes them as they are.
. "$(dirname "$0")/lib.sh"

RIC=150502199001011234
RIC2=150502199101011234
PHONE=13812345678
{
	printf '{"who":"%s","id %s":"a"}\n' "$RIC" "$PHONE"
	printf '{"who":"%s","id %s":"b"}\n' "$RIC2" "$PHONE"
	printf '{"who":"x","id %s":"c"}\n' "$PHONE"
} >r.jsonl

# every sheet: its name, then its rows, cells joined by |
sheets() {
	py - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("[%s]" % ws.title)
    for row in ws.iter_rows(values_only=True):
        print("|".join("" if v is None else str(v) for v in row))
PY
}

run gov-xlsx -o by.xlsx --sheet-by who r.jsonl
is "--sheet-by IDs: exit 0, quiet" "$RC:$ERR" "0:"
is "sheets and headers masked, a sheet for each person" "$(sheets by.xlsx)" \
"[150502＊＊＊＊＊＊＊＊1234]
who|id 138****5678
150502********1234|a
[150502＊＊＊＊＊＊＊＊1234 (2)]
who|id 138****5678
150502********1234|b
[x]
who|id 138****5678
x|c"
is "no part of the workbook holds either number" \
	"$(unzip -p by.xlsx | grep -a -c -e "$RIC" -e "$RIC2" -e "$PHONE")" 0

run gov-xlsx -o one.xlsx r.jsonl
like "without --sheet-by: the header masked" "$(sheets one.xlsx | sed -n 2p)" \
	'^who\|id 138\*\*\*\*5678$'

run gov-xlsx -o open.xlsx --no-mask --sheet-by who r.jsonl
is "--no-mask: names as they are" "$(sheets open.xlsx | grep -e '^\[' -e '^who')" \
"[$RIC]
who|id $PHONE
[$RIC2]
who|id $PHONE
[x]
who|id $PHONE"

# a reader asked for a sheet the workbook lacks lists the sheets it has:
# their names masked, as the data is (they listed the IDs whole)
run gov-records --sheet nosuch open.xlsx
is "no such sheet: exit 2" "$RC" 2
unlike "no such sheet: no ID in the list of sheets" "$ERR" "$RIC"
like "no such sheet: the sheets listed, masked" "$ERR" "no sheet 'nosuch' \\(sheets: '[0-9]{6}\\*{8}"

done_testing
