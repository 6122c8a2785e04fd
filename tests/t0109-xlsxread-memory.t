#!/bin/sh
# The XLSX reader (common/xlsxread.c) against workbooks of a few hundred
# KB built to make it allocate GBs: each is refused with the file and the
# part named, exit 2, in little memory, or read as it should be.  The
# workbooks are made here, small on disk; a limit on memory makes a
# reader that keeps what it should not fail here rather than eat the
# machine.
. "$(dirname "$0")/lib.sh"

LIMIT=60

# mk(name, sheet, strings, workbook): a workbook of one sheet 'S1' whose
# sheetData holds the bytes sheet gives (a list of parts, written one by
# one), whose shared strings, if given, are the bytes strings gives, and
# whose workbook.xml, if given, is the bytes workbook gives
cat >mk.py <<'PY'
import zipfile
def w(z, name, parts):
    with z.open(name, 'w', force_zip64=True) as f:
        for part in parts:
            f.write(part)
def mk(name, sheet, strings=None, workbook=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    w(z, 'xl/workbook.xml', workbook or [b'<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>'])
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += '<Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
        w(z, 'xl/sharedStrings.xml', strings)
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships>' + rels + '</Relationships>')
    w(z, 'xl/worksheets/sheet1.xml', [b'<?xml version="1.0"?><worksheet><sheetData>'] + list(sheet) + [b'</sheetData></worksheet>'])
    z.close()
def c(ref, v):
    return ('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)).encode()
H = b'<row r="1">' + c('A1', 'a') + c('B1', 'b') + b'</row>'
R2 = b'<row r="2">' + c('A2', '1') + c('B2', 'x') + b'</row>'
# n names of about a MB, each its own, in a tag of its own
def names(pre, n, post):
    return [pre + b'e' * 999990 + b'%06d' % i + post for i in range(n)]
PY
py - <<'PY'
exec(open('mk.py').read())
# 300 elements or attributes of names of a MB each (300 KB deflated)
mk('elements.xlsx', [H, R2] + names(b'<', 300, b'/>'))
mk('attributes.xlsx', [H, b'<row r="2">'] + names(b'<x ', 300, b'="1"/>') + [b'</row>'])
# 300 sheets named by a MB each
mk('sheets.xlsx', [H, R2], workbook=[b'<workbook><sheets><sheet name="S1" r:id="rId1"/>']
   + [b'<sheet name="' + n + b'" r:id="rId2"/>' for n in names(b'', 300, b'')]
   + [b'</sheets></workbook>'])
mk('sst-names.xlsx', [H], [b'<sst>'] + names(b'<', 300, b'/>') + [b'</sst>'])
PY
# (the sanitizers and valgrind reserve more than that for themselves)
mem="ulimit -v 200000;"
[ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ] && mem=

# Expat keeps every name it has seen till the part ends: 450 MB for
# elements.xlsx, and any number of GBs for a larger file.
run sh -c "$mem exec timeout $LIMIT gov-records elements.xlsx"
is "300 elements named by a MB each: exit 2 at the first, after the rows before it" \
	"$RC:$OUT:$ERR" '2:{"a":"1","b":"x"}:gov-records: elements.xlsx: sheet '"'S1'"': an element or attribute name longer than 256 bytes'
run sh -c "$mem exec timeout $LIMIT gov-records attributes.xlsx"
is "300 attributes named by a MB each: the same" "$RC:$ERR" \
	"2:gov-records: attributes.xlsx:2: sheet 'S1': an element or attribute name longer than 256 bytes"
run sh -c "$mem exec timeout $LIMIT gov-records sst-names.xlsx"
is "the same in the shared strings: exit 2, the part named, nothing out" "$RC:$OUT:$ERR" \
	"2::gov-records: sst-names.xlsx: xl/sharedStrings.xml: an element or attribute name longer than 256 bytes"
run sh -c "$mem exec timeout $LIMIT gov-check sst-names.xlsx"
is "gov-check: the same message, exit 2" "$RC:$ERR" \
	"2:gov-check: sst-names.xlsx: xl/sharedStrings.xml: an element or attribute name longer than 256 bytes"

# The sheets' names and the relationships are kept: 300 MB for sheets.xlsx
run sh -c "$mem exec timeout $LIMIT gov-records sheets.xlsx"
is "300 sheets named by a MB each: exit 2, the part named, nothing out" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: sheets.xlsx: xl/workbook.xml: sheet names and relationships of more than 64 MiB"
done_testing
