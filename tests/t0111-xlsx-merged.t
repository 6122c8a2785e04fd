#!/bin/sh
# Workbooks with a title above the header and merged cells
# (tests/expected/xlsx-make-merged.py).  --header-row skips the title; a
# merged range's value is seen where a person reads it: down a column in
# the data (牵头单位 over the rows of its unit), across columns on the
# header row and above (a two-row header), not across columns in a data
# row (合计 merged over A:B is column A's), never from the header area
# into data rows, nor into a data row with no cell of its own.  Malformed ranges are ignored and said; a big sheet with
# many merged ranges is read in flat memory.
. "$(dirname "$0")/lib.sh"

E=$T_DIR/expected
py "$E/xlsx-make-merged.py" . || exit 1
cat >title.schema.json <<'JSON'
{"fields": [
  {"name": "序号", "type": "integer", "constraints": {"required": true}},
  {"name": "社区", "constraints": {"required": true}},
  {"name": "牵头单位", "constraints": {"required": true}},
  {"name": "人数", "type": "integer"}]}
JSON

# A title merged over A1:D1, a blank row 2, the header on row 3.
run gov-records title.xlsx
is "no --header-row: the merged title is every column's header" \
	"$RC:$(printf '%s\n' "$OUT" | head -1)" \
	'0:{"2024年第三季度人口数据":"序号","2024年第三季度人口数据_2":"社区","2024年第三季度人口数据_3":"牵头单位","2024年第三季度人口数据_4":"人数"}'

run gov-records --header-row 3 --provenance title.xlsx
is "records: exit 0, quiet" "$RC:$ERR" "0:"
is "records: sheet rows, 牵头单位 down its merged rows, no record of blank row 8, 合计 in column A only" "$OUT" \
'{"_file":"title.xlsx","_row":4,"序号":"1","社区":"新城社区","牵头单位":"市数据局","人数":"120"}
{"_file":"title.xlsx","_row":5,"序号":"2","社区":"老城社区","牵头单位":"市数据局","人数":"95"}
{"_file":"title.xlsx","_row":6,"序号":"3","社区":"河西社区","牵头单位":"市数据局","人数":"abc"}
{"_file":"title.xlsx","_row":7,"序号":"4","社区":"河东社区","牵头单位":"市公安局","人数":"80"}
{"_file":"title.xlsx","_row":9,"序号":"合计","社区":"","牵头单位":"","人数":"295"}'
run gov-records --sheet 人口 --header-row 3 title.xlsx
is "records: --sheet with --header-row" "$RC:$(printf '%s\n' "$OUT" | wc -l)" "0:5"

# gov-check: no 'required' for the merged 牵头单位 of rows 5 and 6; row 8,
# blank but for the unit merged over it, is a blank row; the 合计 row is
# what it is, a row that is no data.
run gov-check --header-row 3 -s title.schema.json title.xlsx
is "check: exit 1" "$RC" 1
is "check: the findings, on the sheet's rows" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9a-z]*\),"column":\([0-9a-z]*\),.*"check":"\([a-z-]*\)".*"value":\(.*\),"message":"\(.*\)"}/\1 \2 \3 \4 \5/')" \
'6 4 type "abc" not an integer
8 null blank-row null every cell is empty
9 1 type "合计" not an integer
9 2 required null required value missing
9 3 required null required value missing'
like "check: six rows under the header" "$OUT" '"type":"summary","file":"title.xlsx","sha256":"[0-9a-f]{64}","rows":6,"fields":4,'
run gov-check --header-row 20 title.xlsx
is "check: a header row past the sheet's end" "$RC:$OUT:$ERR" \
	"2::gov-check: title.xlsx: file is empty from row 20 on (--header-row 20)"
run gov-records --header-row 20 title.xlsx
is "records: a header row past the sheet's end" "$RC:$OUT:$ERR" \
	"2::gov-records: title.xlsx: file is empty from row 20 on (--header-row 20)"

run gov-profile --header-row 3 --format ndjson title.xlsx
is "profile: exit 0" "$RC:$ERR" "0:"
is "profile: 牵头单位 counted in each merged row" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; p=json.load(sys.stdin); f=p["fields"][2]; print(p["rows"], f["name"], f["nulls"], f["top"])')" \
	"6 牵头单位 1 [{'value': '市数据局', 'count': 3}, {'value': '市公安局', 'count': 1}]"
run gov-catalog describe --header-row 3 title.xlsx
is "describe: the header below the title" "$RC:$ERR:$(printf '%s\n' "$OUT" | py -c 'import json,sys; print([i["name"] for i in json.load(sys.stdin)["items"]])')" \
	"0::['序号', '社区', '牵头单位', '人数']"

# A header on two rows: 序号 and 姓名 merged down over both, 联系方式
# over the two columns row 2 names.  Row 2 is the header.
run gov-records --header-row 2 --provenance header2.xlsx
is "two-row header: names from both rows" "$RC:$ERR:$OUT" \
'0::{"_file":"header2.xlsx","_row":3,"序号":"1","姓名":"张三","电话":"138****8000","地址":"通辽市科尔沁区"}
{"_file":"header2.xlsx","_row":4,"序号":"2","姓名":"李四","电话":"139****5678","地址":"通辽市开鲁县"}'
run gov-check --header-row 2 header2.xlsx
is "two-row header: nothing to find" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"
# Row 1 as the header: 联系方式 names both its columns (a repeat gov-check
# reports), and the header's merged cells give nothing to the data row 2.
run gov-records header2.xlsx
is "row 1 as the header: the merged header names both columns" \
	"$RC:$(printf '%s\n' "$OUT" | head -1)" \
	'0:{"序号":"","姓名":"","联系方式":"电话","联系方式_4":"地址"}'
run gov-check header2.xlsx
is "row 1 as the header: a duplicate-header finding" \
	"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"column":\([0-9]*\),.*"check":"\([a-z-]*\)".*/\1 \2/')" \
	"1:4 duplicate-header"

# Ranges that are no ranges of cells: ignored, the first named, with
# the first row read (exit 1, as for a cell given twice); the good ones
# apply (corners in either order; a namespace prefix); a cell's text
# that reads like a <mergeCell> is text.
run gov-records badmerge.xlsx
is "malformed ranges: exit 1" "$RC" 1
is "malformed ranges: the good range applies, the text is text" "$OUT" \
'{"unit":"u1","n":"<mergeCell ref=\"B2:B4\"/>"}
{"unit":"u1","n":"2"}
{"unit":"","n":"3"}'
is "malformed ranges: named once, counted" "$ERR" \
	"gov-records: badmerge.xlsx:1: sheet 'S': merged range 'A0:B2' is not a range of cells, ignored (7 merged ranges ignored in all)"
run gov-check badmerge.xlsx
is "check: malformed ranges, a finding without a row" "$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"')" \
	"1:"'{"type":"finding","file":"badmerge.xlsx","row":null,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"sheet '"'S'"': merged range '"'A0:B2'"' is not a range of cells, ignored (7 merged ranges ignored in all)"}'
run gov-records --header-row 2 badmerge.xlsx
is "malformed ranges: told with the first row handed out" "$RC:$ERR" \
	"1:gov-records: badmerge.xlsx:2: sheet 'S': merged range 'A0:B2' is not a range of cells, ignored (7 merged ranges ignored in all)"
run gov-records --sheet P badmerge.xlsx
is "namespace prefix: the merged range applies" "$RC:$ERR:$OUT" \
'0::{"k":"7","v":""}
{"k":"7","v":"8"}'

# A long ref is quoted in part, a character never cut.
py - <<'PY'
import zipfile
z = zipfile.ZipFile('longref.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
           '<mergeCells><mergeCell ref="A1:' + '合' * 30 + '"/></mergeCells></worksheet>')
z.close()
PY
run gov-records longref.xlsx
is "a long malformed ref: quoted in part" "$RC:$ERR" \
	"1:gov-records: longref.xlsx:1: sheet 'S': merged range 'A1:合合合合合合合合合合合合...' is not a range of cells, ignored"

# Ranges that overlap (no spreadsheet program writes them): the first
# kept, the others told.  20,000 copies of one range over 200,000 rows
# took a minute, each row looking at every range; now they are dropped
# before the rows are read.
py - <<'PY'
import zipfile
z = zipfile.ZipFile('piled.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet><dimension ref="A1:C200000"/><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>u</t></is></c><c r="B2" t="inlineStr"><is><t>v</t></is></c><c r="C2"><v>1</v></c></row>'
           '<row r="3"><c r="C3"><v>2</v></c></row>'
           '<row r="200000"><c r="C200000"><v>3</v></c></row></sheetData><mergeCells>'
           + '<mergeCell ref="A2:A200000"/>' * 20000
           + '<mergeCell ref="B3:B4"/><mergeCell ref="A3:B3"/><mergeCell ref="B2:B3"/></mergeCells></worksheet>')
z.close()
PY
run timeout 20 gov-records piled.xlsx
is "overlapping ranges: read at once, the first of them applies" "$RC:$OUT" \
'1:{"a":"u","b":"v","c":"1"}
{"a":"u","b":"v","c":"2"}
{"a":"u","b":"","c":"3"}'
is "overlapping ranges: told once, counted" "$ERR" \
	"gov-records: piled.xlsx:1: sheet 'S': merged ranges A2:A200000 and A2:A200000 overlap, the second ignored (20001 merged ranges ignored in all)"

# Flat memory: 100,000 rows of 2 KB (200 MB of sheet XML), a title merged
# over the columns, the unit merged down over every five rows (20,000
# ranges), read in 100 MB of address space.  One malloc arena: each thread
# would otherwise reserve 64 MB of its own, whatever it uses.  Not under
# the sanitizers (they reserve terabytes) or valgrind (too slow).
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	py - <<'PY'
import zipfile
n = 100000
z = zipfile.ZipFile('big.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
pad = 'x' * 2000
with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
    f.write(b'<worksheet><dimension ref="A1:C%d"/><sheetData>' % (n + 2))
    f.write('<row r="1"><c r="A1" t="inlineStr"><is><t>通辽市数据</t></is></c></row>'.encode())
    f.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>unit</t></is></c><c r="B2" t="inlineStr"><is><t>n</t></is></c><c r="C2" t="inlineStr"><is><t>text</t></is></c></row>')
    for r in range(3, n + 3):
        a = ('<c r="A%d" t="inlineStr"><is><t>unit%d</t></is></c>' % (r, r)) if (r - 3) % 5 == 0 else ''
        f.write(('<row r="%d">%s<c r="B%d"><v>%d</v></c><c r="C%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (r, a, r, r, r, pad)).encode())
    f.write(b'</sheetData><mergeCells><mergeCell ref="A1:C1"/>')
    for r in range(3, n + 3, 5):
        f.write(('<mergeCell ref="A%d:A%d"/>' % (r, r + 4)).encode())
    f.write(b'</mergeCells></worksheet>')
z.close()
PY
	run sh -c 'ulimit -v 100000; exec env MALLOC_ARENA_MAX=1 gov-records --header-row 2 big.xlsx'
	is "big sheet: exit 0 in 100 MB" "$RC:$ERR" "0:"
	printf '%s\n' "$OUT" | cut -c1-32 >big.out
	is "big sheet: every row, each with its unit" \
		"$(wc -l <big.out) $(sed -n '1p;5p;6p;$p' big.out | tr '\n' ' ')" \
		'100000 {"unit":"unit3","n":"3","text":" {"unit":"unit3","n":"7","text":" {"unit":"unit8","n":"8","text":" {"unit":"unit99998","n":"100002" '
	run sh -c 'ulimit -v 100000; exec env MALLOC_ARENA_MAX=1 gov-check --header-row 2 big.xlsx'
	is "big sheet: gov-check in 100 MB" "$RC:$ERR" "0:"
	like "big sheet: gov-check, every row" "$OUT" '"rows":100000,"fields":3,'
fi

done_testing
