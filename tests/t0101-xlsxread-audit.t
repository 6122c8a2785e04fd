#!/bin/sh
# The XLSX reader: what an audit found.  Workbooks made by hand with
# Python's zipfile.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import zipfile
def mk(name, sheet, styles):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet>' + sheet + '</worksheet>')
    z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet>' + styles + '</styleSheet>')
    z.close()
H = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
ST = '<numFmts><numFmt numFmtId="200" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="22"/></cellXfs>'
mk('date.xlsx', '<sheetData>' + H +
   '<row r="2"><c r="A2" s="1"><v>2958465.9999999</v></c><c r="B2" s="2"><v>2958465.9999999</v></c></row>'
   '<row r="3"><c r="A3" s="1"><v>2958464.9999999</v></c><c r="B3" s="2"><v>45000.9999999</v></c></row>'
   '</sheetData>', ST)
PY

# The last serial rounded up to midnight stays on 9999-12-31 (it came out
# as 0000-01-01); an earlier one still rolls over to the next day.
run gov-records date.xlsx
is "last date: exit 0" "$RC:$ERR" "0:"
is "last date: clamped to 9999-12-31, 23:59:59" "$OUT" '{"a":"9999-12-31","b":"9999-12-31T23:59:59"}
{"a":"9999-12-31","b":"2023-03-16T00:00:00"}'

# A cell given twice in one row (<c r="A2"> twice): the last value is
# kept, as other readers keep it, but the row is named on standard error
# with the sheet and the cell, and the exit status is 1 (the first value
# was dropped without a word).  A repeat that is empty drops nothing.
py - <<'PY'
import zipfile
def mk(name, sheet):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="Staff" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet><sheetData>' + sheet + '</sheetData></worksheet>')
    z.close()
def c(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
H = '<row r="1">' + c('A1', 'a') + c('B1', 'b') + '</row>'
mk('dup.xlsx', H +
   '<row r="2"><c r="A2"><v>1</v></c><c r="A2"><v>2</v></c>' + c('B2', 'x') + '</row>'
   '<row r="3"><c r="A3"><v>3</v></c>' + c('B3', 'y') + '</row>'
   '<row r="4">' + c('B4', 'p') + c('B4', 'q') + c('A4', 'r') + c('A4', 's') + c('B4', 't') + '</row>'
   '<row r="5"><c r="A5"><v>5</v></c><c r="A5"/>' + c('B5', 'z') + '</row>')
mk('duphead.xlsx', '<row r="1">' + c('A1', 'a') + c('A1', 'b') + '</row>'
   '<row r="2"><c r="A2"><v>1</v></c></row>')
PY

run gov-records dup.xlsx
is "cell given twice: exit 1" "$RC" 1
is "cell given twice: every row printed, the last value kept" "$OUT" \
'{"a":"2","b":"x"}
{"a":"3","b":"y"}
{"a":"s","b":"t"}
{"a":"5","b":"z"}'
is "cell given twice: the sheet and the cell named" "$ERR" \
"gov-records: dup.xlsx:2: sheet 'Staff': cell A2 given more than once, only the last value kept
gov-records: dup.xlsx:4: sheet 'Staff': cell B4 given more than once, only the last value kept (3 values dropped in the row)"

run gov-records duphead.xlsx
is "header cell given twice: exit 1, named" "$RC:$OUT:$ERR" \
"1:{\"b\":\"1\"}:gov-records: duphead.xlsx:1: sheet 'Staff': cell A1 given more than once, only the last value kept"

# gov-check reads the same workbooks: an encoding finding for each such row
run gov-check dup.xlsx
is "gov-check, cell given twice: exit 1" "$RC" 1
is "gov-check, cell given twice: a finding for each row" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9a-z]*\),.*"check":"\([a-z-]*\)".*"message":"\(.*\)"}/\1 \2 \3/')" \
"2 encoding sheet 'Staff': cell A2 given more than once, only the last value kept
4 encoding sheet 'Staff': cell B4 given more than once, only the last value kept (3 values dropped in the row)"
run gov-check duphead.xlsx
is "gov-check, header cell given twice: named, without a row" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9a-z]*\),.*"message":"\(.*\)"}/\1 \2/')" \
"null sheet 'Staff': cell A1 given more than once, only the last value kept"

# gov-catalog describe drafts an entry from the same workbook: the row is
# named and the exit status is 1, as for a malformed CSV row
GOVKIT_DB=$PWD/cat.db run gov-catalog describe dup.xlsx
is "gov-catalog describe, cell given twice: exit 1, each row named" "$RC:$ERR" \
"1:gov-catalog: dup.xlsx:2: sheet 'Staff': cell A2 given more than once, only the last value kept
gov-catalog: dup.xlsx:4: sheet 'Staff': cell B4 given more than once, only the last value kept (3 values dropped in the row)"
is "gov-catalog describe, cell given twice: the entry still drafted" \
	"$(printf '%s\n' "$OUT" | grep -c '"type":"entry"')" 1

# A formula's cached value carries the double's noise (=0.1*3*20 is
# 6.0000000000000009 in the XML): it is the number Excel shows, to its 15
# significant digits, 6, not "6.000000000000001", which an integer field
# of a schema refused (a type finding, exit 1, for a cell that shows 6).
py - <<'PY'
import zipfile
z = zipfile.ZipFile('calc.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet><sheetData>'
   '<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>'
   '<row r="2"><c r="A2"><f>0.1*3*20</f><v>6.0000000000000009</v></c><c r="B2"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>'
   '<row r="3"><c r="A3"><f>A2*10</f><v>59.999999999999993</v></c><c r="B3"><v>0.33333333333333331</v></c></row>'
   '<row r="4"><c r="A4"><v>-1.0000000000000002</v></c><c r="B4"><v>1.2345678901234567E+20</v></c></row>'
   '</sheetData></worksheet>')
z.close()
PY
run gov-records calc.xlsx
is "formula noise: the numbers Excel shows" "$RC:$OUT:$ERR" '0:{"n":"6","x":"0.3"}
{"n":"60","x":"0.333333333333333"}
{"n":"-1","x":"1.23456789012346e+20"}:'
printf '{"fields":[{"name":"n","type":"integer"},{"name":"x","type":"number"}]}\n' >calc.schema.json
run gov-records -s calc.schema.json calc.xlsx
is "formula noise: an integer field takes 6" "$RC:$OUT:$ERR" '0:{"n":6,"x":0.3}
{"n":60,"x":0.333333333333333}
{"n":-1,"x":1.23456789012346e+20}:'
run gov-check -s calc.schema.json calc.xlsx
is "formula noise: gov-check finds nothing" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"

# A hidden first sheet (the lists behind a template's drop-downs) is not
# the one a person opens the workbook on: without --sheet the tools read
# the first sheet shown, and the hidden one by its name only (they read
# the lists, exit 0, as if they were the data).
py - <<'PY'
import zipfile
def mk(name, states):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets>'
       '<sheet name="代码表" sheetId="1"%s r:id="rId1"/><sheet name="Hidden2" sheetId="2"%s r:id="rId2"/>'
       '<sheet name="数据" sheetId="3" r:id="rId3"/></sheets></workbook>' % states)
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships>'
       '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
       '<Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/>'
       '<Relationship Id="rId3" Type="x/worksheet" Target="worksheets/sheet3.xml"/></Relationships>')
    for i, (a, b) in enumerate([('code', '01'), ('x', 'y'), ('id', '7')]):
        z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), '<?xml version="1.0"?><worksheet><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c></row></sheetData></worksheet>' % (a, b))
    z.close()
mk('hidden.xlsx', (' state="hidden"', ' state="veryHidden"'))
mk('shown.xlsx', (' state="visible"', ' state="hidden"'))
PY
run gov-records --provenance hidden.xlsx
is "hidden sheets first: the first sheet shown is read" "$RC:$OUT:$ERR" '0:{"_file":"hidden.xlsx","_row":2,"id":"7"}:'
run gov-records --sheet 代码表 hidden.xlsx
is "a hidden sheet by its name" "$RC:$OUT:$ERR" '0:{"code":"01"}:'
run gov-records shown.xlsx
is "a first sheet marked visible is read" "$RC:$OUT:$ERR" '0:{"code":"01"}:'
printf '{"fields":[{"name":"id","type":"integer"}]}\n' >hidden.schema.json
run gov-check -s hidden.schema.json hidden.xlsx
like "gov-check: the first sheet shown" "$RC:$OUT" '^0:\{"type":"summary","file":"hidden.xlsx",.*"rows":1,"fields":1,.*"findings":0,'
run gov-profile --format ndjson hidden.xlsx
like "gov-profile: the first sheet shown" "$RC:$OUT" '^0:\{"type":"profile","file":"hidden.xlsx",.*"fields":\[\{"name":"id",'

# A sheet that cannot be read past a row: the message names the file,
# the row and the sheet (it named the sheet only, and every row is on
# line 1 of the XML), exit 2, the rows before it printed.
py - <<'PY'
import zipfile
def mk(name, rows, strings=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += '<Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr('xl/sharedStrings.xml', '<sst>' + ''.join('<si><t>%s</t></si>' % t for t in strings) + '</sst>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships>' + rels + '</Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>'
       '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
       '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>' + rows + '</sheetData></worksheet>')
    z.close()
mk('e-number.xlsx', '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>1,5</v></c></row>')
mk('e-shared.xlsx', '<row r="4"><c r="B4" t="s"><v>7</v></c></row>', ['x'])
mk('e-ref.xlsx', '<row r="5"><c r="b5"><v>1</v></c></row>')
# a cell's r of a column and anything but a row number was read as the
# column alone ("A5abc", "A", "A0" as A)
mk('e-refjunk.xlsx', '<row r="5"><c r="A5abc"><v>1</v></c></row>')
mk('e-refnorow.xlsx', '<row r="5"><c r="A"><v>1</v></c></row>')
mk('e-refrow0.xlsx', '<row r="5"><c r="B0"><v>1</v></c></row>')
mk('e-refpast.xlsx', '<row r="5"><c r="C1048577"><v>1</v></c></row>')
mk('e-cols.xlsx', '<row r="6"><c r="XFD6"><v>1</v></c><c><v>2</v></c></row>')
mk('e-cell.xlsx', '<row r="7"><c r="A7" t="inlineStr"><is><t>' + 'z' * ((4 << 20) + 1) + '</t></is></c></row>')
# 65 cells of a 4 MB shared string: past the 256 MiB of a row, and past
# the 64 MiB a workbook of a few KB may inflate to (t0109)
mk('e-row.xlsx', '<row r="8">' + '<c t="s"><v>0</v></c>' * 65 + '</row>', ['y' * ((4 << 20) - 1)])
PY
for c in "number:3:bad number '1,5'" "shared:4:shared string index '7' out of range" \
	"ref:5:bad cell reference 'b5'" "refjunk:5:bad cell reference 'A5abc'" \
	"refnorow:5:bad cell reference 'A'" "refrow0:5:bad cell reference 'B0'" \
	"refpast:5:bad cell reference 'C1048577'" "cols:6:more than 16384 columns" \
	"cell:7:a cell's text longer than 4 MiB (at cell A7)" \
	"row:8:a row larger than 64 MiB from a workbook of $(( ($(wc -c <e-row.xlsx) + 1023) / 1024 )) KB (at cell Q8)"; do
	f=e-${c%%:*}.xlsx; rest=${c#*:}; row=${rest%%:*}; msg=${rest#*:}
	run gov-records "$f"
	is "$msg: exit 2, file, row and sheet named, the rows before printed" "$RC:$OUT:$ERR" \
		"2:{\"a\":\"1\",\"b\":\"2\"}:gov-records: $f:$row: sheet 'S1': $msg"
done
run gov-check e-number.xlsx
is "gov-check, a bad number: exit 2, the row named" "$RC:$ERR" \
	"2:gov-check: e-number.xlsx:3: sheet 'S1': bad number '1,5'"

# A row's r that is not a number: "5abc" was read as row 5 (atol), "x"
# or "" as no number at all.  The workbook is refused as malformed, as
# r="0" always was: exit 2, file, sheet and the text named, the rows
# before printed.  White space around the number and a '+', which its
# schema type (xsd:unsignedInt) allows, are taken.
py - <<'PY'
import zipfile
def mk(name, r):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>'
       '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
       '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>'
       '<row r="%s"><c><v>3</v></c><c><v>4</v></c></row></sheetData></worksheet>' % r)
    z.close()
for i, r in enumerate(['5abc', '3.0', '-3', '', 'x', '3 4', '0', '1048577', '99999999999999999999',
                       ' 3 ', '+3', '03', '1048576']):
    mk('r%d.xlsx' % i, r)
PY
i=0
for r in 5abc 3.0 -3 '' x '3 4' 0 1048577 99999999999999999999; do
	run gov-records r$i.xlsx
	is "row r=\"$r\": exit 2, file, sheet and number named, the rows before printed" \
		"$RC:$OUT:$ERR" \
		"2:{\"a\":\"1\",\"b\":\"2\"}:gov-records: r$i.xlsx: sheet 'S1': bad row number '$r'"
	i=$((i + 1))
done
run gov-check r0.xlsx
is "gov-check, row r=\"5abc\": exit 2, named" "$RC:$ERR" \
	"2:gov-check: r0.xlsx: sheet 'S1': bad row number '5abc'"
for r in ' 3 ' +3 03 1048576; do
	run gov-records r$i.xlsx
	is "row r=\"$r\": a row number, read" "$RC:$OUT:$ERR" \
		'0:{"a":"1","b":"2"}
{"a":"3","b":"4"}:'
	i=$((i + 1))
done

# A sheet without <dimension> (optional in OOXML; some writers leave it
# out): rows ending in empty cells are as wide as the header, as a person
# sees them, not short rows.
py - <<'PY'
import zipfile
z = zipfile.ZipFile('nodim.xlsx', 'w')
z.writestr('[Content_Types].xml', '<Types/>')
z.writestr('xl/workbook.xml', '<workbook><sheets><sheet name="S1" r:id="rId1" xmlns:r="r"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
def cells(r, vals):
    return ''.join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (c, r, v)
                   for c, v in zip('ABC', vals) if v is not None)
rows = [['a', 'b', 'c'], ['1', '2', None], ['1', None, None], ['1', '2', '3']]
z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + ''.join(
    '<row r="%d">%s</row>' % (i + 1, cells(i + 1, r)) for i, r in enumerate(rows)) + '</sheetData></worksheet>')
z.close()
PY
run gov-records nodim.xlsx
is "no <dimension>: trailing empty cells are empty, no row is short" "$RC:$ERR:$OUT" \
'0::{"a":"1","b":"2","c":""}
{"a":"1","b":"","c":""}
{"a":"1","b":"2","c":"3"}'
run gov-check nodim.xlsx
is "no <dimension>: gov-check finds no missing cell" "$RC:$(printf '%s\n' "$OUT" | grep -c missing-cell)" "0:0"

done_testing
