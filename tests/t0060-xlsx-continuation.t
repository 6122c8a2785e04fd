#!/bin/sh
# gov-xlsx: past the rows a sheet holds, a sheet continues on the next
# ("records", "records (2)", ...) with the header repeated.  First with the
# test knob GOVKIT_XLSX_MAX_ROWS (rows per sheet, header included), then
# for real past Excel's 1,048,576 rows (with the knob under sanitizers).
. "$(dirname "$0")/lib.sh"

sheets() {
	py - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb.worksheets:
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    print(ws.title, len(rows), rows[0], rows[1][0], rows[-1][0])
PY
}

seq 1 7 | awk '{printf "{\"n\":%d,\"unit\":\"%s\"}\n", $1, $1 % 3 ? "a" : "b"}' >seven.jsonl
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx -o seven.xlsx seven.jsonl
is "knob: exit 0" "$RC" 0
is "knob: four sheets, header repeated" "$(sheets seven.xlsx)" \
"records 3 ['n', 'unit'] 1 2
records (2) 3 ['n', 'unit'] 3 4
records (3) 3 ['n', 'unit'] 5 6
records (4) 2 ['n', 'unit'] 7 7"

GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx -o by.xlsx --sheet-by unit seven.jsonl
is "knob with --sheet-by: continuations follow their sheet" "$(sheets by.xlsx)" \
"a 3 ['n', 'unit'] 1 2
a (2) 3 ['n', 'unit'] 4 5
a (3) 2 ['n', 'unit'] 7 7
b 3 ['n', 'unit'] 3 6"

GOVKIT_XLSX_MAX_ROWS=1 run gov-xlsx -o bad.xlsx seven.jsonl
is "knob: bad value: exit 2" "$RC" 2
is "knob: bad value: message" "$ERR" \
	"gov-xlsx: invalid value '1' for GOVKIT_XLSX_MAX_ROWS (expected 2 to 1048576)"

# Excel's own limit: 1,048,575 data rows under the header.
if [ "${GOVKIT_SAN:-0}" = 1 ]; then
	limit=1000
	export GOVKIT_XLSX_MAX_ROWS=$limit
else
	limit=1048576
fi
n=$((limit + 1))
seq 1 "$n" | awk '{printf "{\"n\":%d,\"s\":\"r%d\"}\n", $1, $1}' >many.jsonl
run gov-xlsx -o many.xlsx many.jsonl
is "$n records: exit 0" "$RC" 0
is "$n records: quiet" "$ERR" ""
# The first sheet is full: its last row is row $limit, holding record $((limit - 1)).
last=$(py - many.xlsx <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
print(len(names))
data = z.read("xl/worksheets/sheet1.xml")
print(re.search(rb'<dimension ref="([^"]+)"', data).group(1).decode())
print(re.findall(rb'<row r="(\d+)"', data[-2000:])[-1].decode())
PY
)
is "$n records: two sheets, the first full" "$last" "2
A1:B$limit
$limit"
# Read back through gov-records: the continuation and the full sheet.
run gov-records --sheet "records (2)" many.xlsx
is "continuation sheet: header and the last two records" "$OUT" \
"{\"n\":\"$limit\",\"s\":\"r$limit\"}
{\"n\":\"$n\",\"s\":\"r$n\"}"
gov-records many.xlsx >first.jsonl
is "first sheet: $((limit - 1)) records" "$(wc -l <first.jsonl)" $((limit - 1))
is "first sheet: last record" "$(tail -1 first.jsonl)" \
	"{\"n\":\"$((limit - 1))\",\"s\":\"r$((limit - 1))\"}"

done_testing
