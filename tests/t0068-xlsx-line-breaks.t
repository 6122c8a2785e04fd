#!/bin/sh
# gov-xlsx: a line break in a value is a line feed in a cell, as Excel
# itself makes it (Alt+Enter).  A CSV from Windows gives its multi-line
# cells with CR LF ("line1\r\nline2", gov-records keeps them so); the CR,
# which XML cannot carry as it is, went into the workbook as the escape
# _x000D_: LibreOffice showed the break, but openpyxl and pandas read
# "line1_x000D_\nline2", a stray "_x000D_" in every such cell.  Now CR LF,
# and a CR alone (an old Mac's break), are written as LF, in a cell, a
# header and an element sheet's cell alike.
. "$(dirname "$0")/lib.sh"

cells() {
	py -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title, [[ascii(v) for v in r] for r in ws.iter_rows(values_only=True)])' "$1"
}

printf '%s\n' '{"note":"line1\r\nline2","old":"a\rb\r","k\r\nx":"\r\n\r\n","items":[{"m":"x\r\ny"}]}' \
	'{"note":"one line","old":"_x000D_"}' >breaks.jsonl
run gov-xlsx -o breaks.xlsx breaks.jsonl
is "CR LF and CR: exit 0, quiet" "$RC:$ERR" "0:"
is "... read by openpyxl as line feeds, a literal _x000D_ kept" "$(cells breaks.xlsx)" \
"records [[\"'note'\", \"'old'\", \"'k\\\\nx'\", \"'items'\"], [\"'line1\\\\nline2'\", \"'a\\\\nb\\\\n'\", \"'\\\\n\\\\n'\", \"'m: x\\\\ny'\"], [\"'one line'\", \"'_x005F_x000D_'\", 'None', 'None']]
records.items [[\"'row'\", \"'note'\", \"'m'\"], ['2', \"'line1\\\\nline2'\", \"'x\\\\ny'\"]]"
run gov-records breaks.xlsx
is "... and by gov-records" "$OUT" \
'{"note":"line1\nline2","old":"a\nb\n","k\nx":"\n\n","items":"m: x\ny"}
{"note":"one line","old":"_x000D_","k\nx":"","items":""}'

# the CSV that gave them, through gov-records
printf 'a,note\r\n1,"line1\r\nline2"\r\n' >crlf.csv
gov-records crlf.csv >crlf.jsonl
run gov-xlsx -o crlf.xlsx crlf.jsonl
is "a Windows CSV's multi-line cell: exit 0" "$RC:$ERR" "0:"
is "... one line feed" "$(cells crlf.xlsx)" \
	"records [[\"'a'\", \"'note'\"], [\"'1'\", \"'line1\\\\nline2'\"]]"
done_testing
