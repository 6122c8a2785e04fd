#!/bin/sh
# The XLSX reader: the parts that list the sheets, the relationships and
# the styles were kept whole, every <sheet>, <Relationship>, <numFmt> and
# cellXfs <xf> of them.  A workbook of a few MB deflated to GBs of them:
# 20 million <sheet/> took 1.5 GB and 24 s, 20 million relationships
# 2.3 GB, 20 million number formats 1.5 GB, 400 million <xf/> 400 MB and
# a minute, before a row was read.  Each is refused now, exit 2, the part
# named, at the first one past the limit (65,536 sheets, 131,072
# relationships, 1,048,576 number formats and as many cell formats;
# Excel's own are about 250 number formats and 64,000 cell formats).
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import zipfile
H = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
WB = '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/>%s</sheets></workbook>'
RELS = '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x/styles" Target="styles.xml"/>%s</Relationships>'
ST = '<styleSheet><numFmts>%s</numFmts><cellXfs><xf numFmtId="0"/>%s</cellXfs></styleSheet>'
def mk(name, sheets=0, rels=0, fmts=0, xfs=0):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('xl/workbook.xml', WB % ('<sheet name="S" sheetId="2" r:id="rId1"/>' * sheets))
    z.writestr('xl/_rels/workbook.xml.rels', RELS % ('<Relationship Id="r" Type="x/y" Target="z"/>' * rels))
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + H + '</sheetData></worksheet>')
    z.writestr('xl/styles.xml', ST % (''.join('<numFmt numFmtId="%d" formatCode="0"/>' % (200 + i) for i in range(fmts)), '<xf/>' * xfs))
    z.close()
# at the limits: read
mk('full.xlsx', sheets=65535, rels=131070, fmts=1048576, xfs=1048575)
# one past each
mk('sheets.xlsx', sheets=65536)
mk('rels.xlsx', rels=131071)
mk('fmts.xlsx', fmts=1048577)
mk('xfs.xlsx', xfs=1048576)
PY

run gov-records full.xlsx
is "every count at its limit: read" "$RC:$OUT:$ERR" '0:{"a":"1"}:'
run gov-records sheets.xlsx
is "65,537 sheets: exit 2, workbook.xml named" "$RC:$OUT:$ERR" \
"2::gov-records: sheets.xlsx: xl/workbook.xml: more than 65536 sheets"
run gov-records rels.xlsx
is "131,073 relationships: exit 2, the rels named" "$RC:$OUT:$ERR" \
"2::gov-records: rels.xlsx: xl/_rels/workbook.xml.rels: more than 131072 relationships"
run gov-records fmts.xlsx
is "1,048,577 number formats: exit 2, styles.xml named" "$RC:$OUT:$ERR" \
"2::gov-records: fmts.xlsx: xl/styles.xml: more than 1048576 number formats"
run gov-records xfs.xlsx
is "1,048,577 cell formats: exit 2, styles.xml named" "$RC:$OUT:$ERR" \
"2::gov-records: xfs.xlsx: xl/styles.xml: more than 1048576 cell formats"
run gov-check xfs.xlsx
is "gov-check: the same message, exit 2" "$RC:$ERR" \
"2:gov-check: xfs.xlsx: xl/styles.xml: more than 1048576 cell formats"
done_testing
