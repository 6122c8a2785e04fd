#!/bin/sh
# gov-xlsx: a cell whose text holds a line break wraps, so that Excel and
# WPS show its lines, not one line ("line1line2") until the reader turns
# wrap on.  Only such cells: a date keeps its date format, a number and a
# one-line text their General, and every wrapped cell shares one format
# (the header's its bold one with wrap), not one format per cell.
. "$(dirname "$0")/lib.sh"

# each sheet, then each cell: value, wrapped or not, number format, bold
cells() {
	py -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title)
    for r in ws.iter_rows():
        print([(c.value if not isinstance(c.value, str) else ascii(c.value),
                bool(c.alignment.wrap_text), c.number_format, bool(c.font.b))
               for c in r if c.value is not None])' "$1"
}
# the styles of the cells of a sheet (their s="N"), and the workbook's
styles() {
	py -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = z.read("xl/worksheets/sheet1.xml").decode()
print(sorted(set(re.findall(r"<c r=\"[A-Z]+\d+\" s=\"(\d+)\"", x))),
      re.search(r"<cellXfs count=\"(\d+)\"", z.read("xl/styles.xml").decode()).group(1))' "$1"
}

printf '%s\n' '{"note":"line1\nline2","d":"2025-10-15","n":3,"k\r\nx":"y","items":[{"m":"x\r\ny","w":1}]}' \
	'{"note":"one line","d":"2025-10-16","n":4,"items":[{"m":"z"}]}' \
	'{"note":"a\rb","n":5}' >wrap.jsonl
run gov-xlsx -o wrap.xlsx wrap.jsonl
is "line breaks: exit 0, quiet" "$RC:$ERR" "0:"
is "... the cells with a line break wrap, no other" "$(cells wrap.xlsx)" \
"records
[(\"'note'\", False, 'General', True), (\"'d'\", False, 'General', True), (\"'n'\", False, 'General', True), (\"'k\\\\nx'\", True, 'General', True), (\"'items'\", False, 'General', True)]
[(\"'line1\\\\nline2'\", True, 'General', False), (datetime.datetime(2025, 10, 15, 0, 0), False, 'yyyy-mm-dd', False), (3, False, 'General', False), (\"'y'\", False, 'General', False), (\"'m: x\\\\ny, w: 1'\", True, 'General', False)]
[(\"'one line'\", False, 'General', False), (datetime.datetime(2025, 10, 16, 0, 0), False, 'yyyy-mm-dd', False), (4, False, 'General', False), (\"'m: z'\", False, 'General', False)]
[(\"'a\\\\nb'\", True, 'General', False), (5, False, 'General', False)]
records.items
[(\"'row'\", False, 'General', True), (\"'note'\", False, 'General', True), (\"'m'\", False, 'General', True), (\"'w'\", False, 'General', True)]
[(2, False, 'General', False), (\"'line1\\\\nline2'\", True, 'General', False), (\"'x\\\\ny'\", True, 'General', False), (1, False, 'General', False)]
[(3, False, 'General', False), (\"'one line'\", False, 'General', False), (\"'z'\", False, 'General', False)]"
is "... one wrap format shared by the cells, one for the header: 5 in all" \
	"$(styles wrap.xlsx)" "['1', '2', '3', '4'] 5"

# many rows with line breaks: still the one format
py -c '
import json
for i in range(1000):
    print(json.dumps({"n": i, "t": "a\nb%d" % i}))' >many.jsonl
run gov-xlsx -o many.xlsx many.jsonl
is "1,000 wrapped cells: exit 0" "$RC:$ERR" "0:"
is "... share one format" "$(styles many.xlsx)" "['1', '2'] 3"

# none: the workbook as it was, no wrap format in it
printf '%s\n' '{"note":"one line","d":"2025-10-15"}' >plain.jsonl
run gov-xlsx -o plain.xlsx plain.jsonl
is "no line break: no cell wraps, no wrap format" \
	"$RC:$(cells plain.xlsx | grep -c True, | tr -d '\n'):$(styles plain.xlsx)" \
	"0:0:['1', '2'] 3"
done_testing
