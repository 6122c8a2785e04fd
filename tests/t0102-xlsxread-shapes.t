#!/bin/sh
# The XLSX reader (common/xlsxread.c): workbooks of shapes that cost more
# than their size, made by hand with Python's zipfile.  The limit is far
# below the time before and generous for a slow machine and the
# sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

# mk NAME SHEET-XML [STYLES-XML] [DIMENSION]: a workbook of one sheet 'S1'
cat >mk.py <<'PY'
import zipfile
def mk(name, rows, styles=None, dim=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if styles is not None:
        rels += '<Relationship Id="rId2" Type="x/styles" Target="styles.xml"/>'
        z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet>' + styles + '</styleSheet>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships>' + rels + '</Relationships>')
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet>')
        if dim:
            f.write(('<dimension ref="%s"/>' % dim).encode())
        f.write(b'<sheetData>')
        for part in ([rows] if isinstance(rows, str) else rows):
            f.write(part.encode())
        f.write(b'</sheetData></worksheet>')
    z.close()
def c(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
H = '<row r="1">' + c('A1', 'a') + c('B1', 'b') + c('C1', 'c') + '</row>'
PY

# 300,000 custom number formats and 300,000 cell styles: each style
# looked through every format for its own (100,000 of each took 13 s,
# this about two minutes); a real workbook has a few hundred.  Style j
# shows format 200 + n-1-j: a date, a plain number or a time by turns.
# A format given again with the same id replaces the first.
py - <<'PY'
exec(open('mk.py').read())
n = 300000
codes = ['yyyy-mm-dd', '0.00', 'hh:mm:ss']
fmts = ''.join('<numFmt numFmtId="%d" formatCode="%s"/>' % (200 + i, codes[i % 3]) for i in range(n))
fmts += '<numFmt numFmtId="200" formatCode="yyyy-mm-dd hh:mm"/>'
xfs = ''.join('<xf numFmtId="%d"/>' % (200 + n - 1 - j) for j in range(n)) + '<xf numFmtId="14"/>'
def row(r, s):
    return '<row r="%d">%s</row>' % (r, ''.join('<c r="%s%d" s="%d"><v>45000.75</v></c>' % (col, r, x) for col, x in zip('ABC', s)))
mk('styles.xlsx', H + row(2, (0, 1, 2)) + row(3, (n - 3, n - 2, n - 1)) + row(4, (n, n + 1, -1)),
   '<numFmts count="%d">%s</numFmts><cellXfs count="%d">%s</cellXfs>' % (n + 1, fmts, n + 1, xfs))
PY
run timeout $LIMIT gov-records styles.xlsx
is "300,000 number formats and cell styles: exit 0 within ${LIMIT}s, quiet" "$RC:$ERR" "0:"
is "... each cell shown in its style's format" "$OUT" \
'{"a":"18:00:00","b":"45000.75","c":"2023-03-15"}
{"a":"18:00:00","b":"45000.75","c":"2023-03-15T18:00:00"}
{"a":"2023-03-15","b":"45000.75","c":"45000.75"}'

done_testing
