#!/bin/sh
# gov-xlsx masks resident ID and mobile numbers in every place a workbook
# shows data, not only in cells: a sheet named from a --sheet-by value,
# and a header cell (a key is data when a file had no header row, and
# gov-records masks it; a record from elsewhere may not be).  Both were
# shown as they came, unmasked, whatever the cells below said.  A name
# cannot hold '*': the mask there is the fullwidth '＊'.
. "$(dirname "$0")/lib.sh"

ID=150502199001011234; IDM=150502********1234
PH=13812345678; PHM=138****5678
names() {
	py -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title, "|", " ".join(str(c.value) for c in ws[1]))' "$1"
}

printf '%s\n' "{\"who\":\"$ID\",\"$ID\":1,\"tel $PH\":2}" \
	"{\"who\":$PH,\"n\":3}" >pii.jsonl
run gov-xlsx -o bywho.xlsx --sheet-by who pii.jsonl
is "sheet-by an ID and a phone: exit 0" "$RC:$ERR" "0:"
is "... sheet names and header cells masked" "$(names bywho.xlsx)" \
"150502＊＊＊＊＊＊＊＊1234 | who $IDM tel $PHM
138＊＊＊＊5678 | who n"
run gov-xlsx -o bywho.xlsx --sheet-by who --no-mask pii.jsonl
is "... --no-mask: as they are" "$(names bywho.xlsx)" \
"$ID | who $ID tel $PH
$PH | who n"

printf '{"who": "call %s"}\n' "$PH" >labels.json
run gov-xlsx -o labels.xlsx -l labels.json --sheet "$PH" pii.jsonl
is "a label and --sheet masked too" "$(names labels.xlsx)" \
	"138＊＊＊＊5678 | call $PHM $IDM tel $PHM n"

# the warning for a cut text names the column masked
py -c "import json; print(json.dumps({'$ID': 'x' * 40000}))" >long.jsonl
run gov-xlsx -o long.xlsx long.jsonl
is "a cut text: its column named masked" "$RC:$ERR" \
	"1:gov-xlsx: long.jsonl:1: column '$IDM': text cut to Excel's 32767 characters"
done_testing
