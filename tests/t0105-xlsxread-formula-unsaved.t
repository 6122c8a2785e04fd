#!/bin/sh
# The XLSX reader: a workbook written by a program that does not
# calculate (openpyxl here, a report generator) and never opened in a
# spreadsheet has formulas with no value saved.  They read as empty, as
# before, but gov-records now names the first such cell of each row and
# exits 1; the 合计 column had silently come out "".  A text formula
# whose saved value is "" (t="str", as Excel writes =IF(..,"",..)) is a
# value, and a formula with its value saved reads as that value.
. "$(dirname "$0")/lib.sh"

cat >mk.py <<'PY'
import openpyxl, zipfile
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '汇总'
ws.append(['单位', '一月', '二月', '合计', '备注'])
ws.append(['甲', 1, 2, '=B2+C2', '=IF(B2>0,"","x")'])
ws.append(['乙', 3, 4, '=B3+C3', None])
wb.save('generated.xlsx')
# as Excel saves it: every formula with its value
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
z = zipfile.ZipFile('saved.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c><c r="B1" t="inlineStr"><is><t>sum</t></is></c><c r="C1" t="inlineStr"><is><t>note</t></is></c></row>'
           '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2+1</f><v>2</v></c><c r="C2" t="str"><f>IF(A2&gt;0,"","x")</f><v></v></c></row>'
           '<row r="3"><c r="A3"><v>5</v></c><c r="B3"><f t="shared" ref="B3:B3" si="0">A3+1</f><v>6</v></c><c r="C3" t="str"><f>"x"</f><v>x</v></c></row>'
           '</sheetData></worksheet>' % NS)
z.close()
PY
py mk.py || exit 1

run gov-records generated.xlsx
is "never calculated: rows read, the first empty formula named, exit 1" \
	"$RC:$OUT:$ERR" \
'1:{"单位":"甲","一月":"1","二月":"2","合计":"","备注":""}
{"单位":"乙","一月":"3","二月":"4","合计":"","备注":""}:gov-records: generated.xlsx:2: sheet '"'汇总'"': cell D2 is a formula with no value saved, read as empty (the workbook was never calculated: open and save it in a spreadsheet program) (2 such cells in the row)
gov-records: generated.xlsx:3: sheet '"'汇总'"': cell D3 is a formula with no value saved, read as empty (the workbook was never calculated: open and save it in a spreadsheet program)'

run gov-records saved.xlsx
is "saved values, an empty text result too: read, quiet, exit 0" \
	"$RC:$OUT:$ERR" \
'0:{"n":"1","sum":"2","note":""}
{"n":"5","sum":"6","note":"x"}:'
done_testing
