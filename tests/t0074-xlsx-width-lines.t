#!/bin/sh
# gov-xlsx: a column's width counted a multi-line text's whole length
# (ten lines of four letters made a column 50 characters wide), though
# such a cell wraps (t0071).  Now the widest line counts.
. "$(dirname "$0")/lib.sh"

widths() {
	py -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(" ".join("%.0f" % ws.column_dimensions[c].width for c in "ABC"))' "$1"
}
printf '%s\n' '{"lines":"aaaa\naaaa\naaaa\naaaa\naaaa\naaaa\naaaa\naaaa\naaaa\naaaa","one":"aaaa","crlf":"a\r\nline two, the widest of three\r\nb"}' >w.jsonl
run gov-xlsx -o w.xlsx w.jsonl
is "written" "$RC:$ERR" "0:"
ref=$(printf '%s\n' '{"lines":"aaaa","one":"aaaa","crlf":"line two, the widest of three"}' | gov-xlsx -o r.xlsx && widths r.xlsx)
is "each column as wide as its widest line" "$(widths w.xlsx)" "$ref"

done_testing
