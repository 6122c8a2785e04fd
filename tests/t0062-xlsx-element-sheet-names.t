#!/bin/sh
# gov-xlsx: an element sheet is named after its records' sheet and the
# array's key, "records.checks".  When the two came to more than the 31
# characters of a sheet name, the name was cut at its end, so the key was
# lost: the checks of a sheet named by a long Chinese value read
# "内蒙古... (2)", like a second group of records, and its continuation
# lost the key too.  Now the records' part is cut and ".checks" kept.
. "$(dirname "$0")/lib.sh"

names() {
	py -c '
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    print(ws.title, len(ws.title.encode("utf-16-le")) // 2, ws.max_row)' "$1"
}

cat >v.jsonl <<'J'
{"type":"verdict","license_no":"L1","unit":"内蒙古自治区通辽市科尔沁区人民政府办公室关于数据共享第一批通知书","checks":[{"check":"schema","ok":true},{"check":"expiry","ok":false},{"check":"dates","ok":true}]}
{"type":"verdict","license_no":"L2","unit":"内蒙古自治区通辽市科尔沁区人民政府办公室关于数据共享第二批通知书","checks":[{"check":"schema","ok":true}]}
{"type":"verdict","license_no":"L3","unit":"short","checks":[{"check":"schema","ok":true}]}
J
run gov-xlsx --sheet-by unit -o v.xlsx v.jsonl
is "long sheet-by values: exit 0, quiet" "$RC:$ERR" "0:"
is "... each element sheet keeps '.checks', the records' name cut" "$(names v.xlsx)" \
"内蒙古自治区通辽市科尔沁区人民政府办公室关于数据共享第一批通知 31 2
内蒙古自治区通辽市科尔沁区人民政府办公室关于数据.checks 31 4
内蒙古自治区通辽市科尔沁区人民政府办公室关于数据共享第二批通知 31 2
内蒙古自治区通辽市科尔沁区人民政府办公室.checks (2) 31 2
short 5 2
short.checks 12 2"
run gov-records --sheet '内蒙古自治区通辽市科尔沁区人民政府办公室关于数据.checks' v.xlsx
is "... read back by that name" "$RC:$OUT" \
'0:{"row":"2","license_no":"L1","check":"schema","ok":"TRUE"}
{"row":"2","license_no":"L1","check":"expiry","ok":"FALSE"}
{"row":"2","license_no":"L1","check":"dates","ok":"TRUE"}'

# --sheet NAME as long, with characters past U+FFFF (two units each)
run gov-xlsx --sheet '𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷' -o w.xlsx v.jsonl
is "a long --sheet: the element sheet within 31 units, '.checks' kept" \
	"$RC:$(names w.xlsx)" \
"0:𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷 30 4
𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷.checks 31 6"

# continuation sheets of the elements keep the key as well
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx --sheet-by unit -o c.xlsx v.jsonl
is "continued element sheets: '.checks' and the number kept" \
	"$RC:$(names c.xlsx | sed -n 2,3p)" \
"0:内蒙古自治区通辽市科尔沁区人民政府办公室关于数据.checks 31 3
内蒙古自治区通辽市科尔沁区人民政府办公室.checks (3) 31 2"

# a key too long to keep whole: the name is cut at its end, as before
cat >k.jsonl <<'J'
{"id":"a","a_very_long_array_key_of_thirty_chars":[{"x":1}]}
J
run gov-xlsx -o k.xlsx k.jsonl
is "a key longer than a name: cut at the end" "$RC:$(names k.xlsx)" \
"0:records 7 2
records.a_very_long_array_key_o 31 2"
done_testing
