#!/bin/sh
# gov-xlsx: a sheet's filter is a defined name, _xlnm._FilterDatabase,
# whose range names the sheet.  libxlsxwriter left a name of letters and
# digits bare there: a --sheet-by year ("2024"), a division code
# ("150502") or a name like a cell ("A1", "R1C1") then read as a
# reference, not a sheet.  LibreOffice dropped the filter of the sheets
# whose name starts with a digit or a dot, and Excel repairs such a
# workbook on opening.  Now the name is always quoted, an apostrophe in it
# doubled; the sheets and their filters are as before.
. "$(dirname "$0")/lib.sh"

# the filters' defined names, by sheet
filters() {
	py -c '
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
names = re.findall(r"<sheet name=\"([^\"]*)\"", x)
for m in re.finditer(r"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"(\d+)\" hidden=\"1\">([^<]*)<", x):
    print(names[int(m.group(1))], "=", m.group(2))' "$1" | sort
}

cat >a.jsonl <<'J'
{"year":"2024","n":1}
{"year":"150502","n":2}
{"year":".x","n":3}
{"year":"A1","n":4}
{"year":"R1C1","n":5}
{"year":"O'Brien","n":6}
{"year":"民政局","n":7}
J
run gov-xlsx --sheet-by year -o a.xlsx a.jsonl
is "sheets named like numbers and cells: exit 0, quiet" "$RC:$ERR" "0:"
is "... each filter names its sheet in quotes" "$(filters a.xlsx)" \
".x = '.x'!\$A\$1:\$B\$2
150502 = '150502'!\$A\$1:\$B\$2
2024 = '2024'!\$A\$1:\$B\$2
A1 = 'A1'!\$A\$1:\$B\$2
O'Brien = 'O''Brien'!\$A\$1:\$B\$2
R1C1 = 'R1C1'!\$A\$1:\$B\$2
民政局 = '民政局'!\$A\$1:\$B\$2"

# an element sheet and the continuation of a sheet past its rows
cat >b.jsonl <<'J'
{"year":"2025","n":1,"checks":[{"ok":true}]}
{"year":"2025","n":2}
{"year":"2025","n":3}
J
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx --sheet-by year -o b.xlsx b.jsonl
is "element and continued sheets: exit 0" "$RC:$ERR" "0:"
is "... their filters quoted too" "$(filters b.xlsx)" \
"2025 (2) = '2025 (2)'!\$A\$1:\$C\$2
2025 = '2025'!\$A\$1:\$C\$3
2025.checks = '2025.checks'!\$A\$1:\$D\$2"
done_testing
