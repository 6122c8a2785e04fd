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
def mk(name, sheet, strings=None, workbook=None, after=b''):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    w(z, 'xl/workbook.xml', workbook or [b'<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>'])
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += '<Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
        w(z, 'xl/sharedStrings.xml', strings)
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships>' + rels + '</Relationships>')
    w(z, 'xl/worksheets/sheet1.xml', [b'<?xml version="1.0"?><worksheet><sheetData>'] + list(sheet) + [b'</sheetData>', after, b'</worksheet>'])
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
# 600 sheets named by a MB each
mk('sheets.xlsx', [H, R2], workbook=[b'<workbook><sheets><sheet name="S1" r:id="rId1"/>']
   + [b'<sheet name="' + n + b'" r:id="rId2"/>' for n in names(b'', 600, b'')]
   + [b'</sheets></workbook>'])
# 100 shared strings of 4 MB less a KB (400 MB of XML, 400 KB deflated),
# each under the 4 MiB of a cell, 400 MB under the 1 GiB of all
mk('sst-big.xlsx', [H, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
   [b'<sst>'] + [b'<si><t>' + b'y' * ((4 << 20) - 1024) + b'</t></si>'] * 100 + [b'</sst>'])
# a row of 63 such cells (250 MB, under the 256 MiB of a row)
mk('row-big.xlsx', [H, b'<row r="2">'] + [b'<c t="inlineStr"><is><t>' + b'y' * ((4 << 20) - 1024) + b'</t></is></c>'] * 63 + [b'</row>'])
# What Excel writes must still read: a million distinct shared strings
# shown by the rows of a sheet of 1,048,576 rows, and cells of 32,767
# characters (98 KB in UTF-8), inline and shared
def rows():
    yield H
    for k in range(2, 1000002, 10000):
        yield b''.join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d</v></c></row>' % (i, i, i - 2, i, i) for i in range(k, k + 10000))
    yield b'<row r="1048576"><c r="A1048576" t="s"><v>1000000</v></c>' + c('B1048576', '\u4e2d' * 32767) + b'</row>'
mk('legit.xlsx', rows(), [b'<sst>'] + [b''.join(b'<si><t>s%07d</t></si>' % i for i in range(k, k + 10000)) for k in range(0, 1000000, 10000)]
   + [('<si><t>' + '\u6587' * 32767 + '</t></si></sst>').encode()])
# a cell of 300 MB (300 KB deflated), inline or shared
GB = [b'y' * (1 << 20)] * 300
mk('cell-big.xlsx', [H, R2, b'<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>'] + GB + [b'</t></is></c></row>'])
mk('sst-cell-big.xlsx', [H, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
   [b'<sst><si><t>a</t></si><si><t>'] + GB + [b'</t></si></sst>'])
mk('sst-names.xlsx', [H], [b'<sst>'] + names(b'<', 300, b'/>') + [b'</sst>'])
# 17 merged ranges open at once down to row 100, each opening in a row of
# its own with a cell of 4 MB less a KB: the merged values held 68 MB
# from 70 KB
cols = 'ABCDEFGHIJKLMNOPQ'
mk('merged-big.xlsx', [H] + [b'<row r="%d">' % (k + 2) + c('%s%d' % (col, k + 2), 'y' * ((4 << 20) - 1024)) + b'</row>' for k, col in enumerate(cols)],
   after=b'<mergeCells>' + b''.join(b'<mergeCell ref="%s%d:%s100"/>' % (col.encode(), k + 2, col.encode()) for k, col in enumerate(cols)) + b'</mergeCells>')
PY
# (the sanitizers and valgrind reserve more than that for themselves)
mem="ulimit -v 400000;"
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

# The sheets' names and the relationships are kept: 600 MB for sheets.xlsx
run sh -c "$mem exec timeout $LIMIT gov-records sheets.xlsx"
is "600 sheets named by a MB each: exit 2, the part named, nothing out" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: sheets.xlsx: xl/workbook.xml: sheet names and relationships of more than 64 MiB"

# A cell's text past 4 MiB was dropped, but read to its end before the
# cell was refused, unnamed: 3 s for 300 MB, any time for a larger one.
# Refused at once now, the cell or the string named.
run sh -c "$mem exec timeout $LIMIT gov-records cell-big.xlsx"
is "a cell of 300 MB: exit 2, the row and the cell named, after the rows before it" \
	"$RC:$OUT:$ERR" \
	"2:{\"a\":\"1\",\"b\":\"x\"}:gov-records: cell-big.xlsx:3: sheet 'S1': a cell's text longer than 4 MiB (at cell B3)"
run sh -c "$mem exec timeout $LIMIT gov-records sst-cell-big.xlsx"
is "a shared string of 300 MB: exit 2, the part and the string named" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: sst-cell-big.xlsx: xl/sharedStrings.xml: a shared string longer than 4 MiB (at string index 1)"

# What the shared strings and a row keep is at most 100 times the
# workbook's size, 64 MiB at least: past the limits of a cell, of all
# shared strings (1 GiB) and of a row (256 MiB), a workbook of a few
# hundred KB had the reader keep 400 MB of shared strings or a row of
# 250 MB (780 MB in gov-records)
kb() { echo $(( ($(wc -c <"$1") + 1023) / 1024 )); }
run sh -c "$mem exec timeout $LIMIT gov-records sst-big.xlsx"
is "shared strings of 400 MB from 400 KB: exit 2, the part and the string named, nothing out" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: sst-big.xlsx: xl/sharedStrings.xml: shared strings larger than 64 MiB from a workbook of $(kb sst-big.xlsx) KB (at string index 16)"
run sh -c "$mem exec timeout $LIMIT gov-records row-big.xlsx"
is "a row of 250 MB from 260 KB: exit 2, the row and the cell named" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: row-big.xlsx:2: sheet 'S1': a row larger than 64 MiB from a workbook of $(kb row-big.xlsx) KB (at cell Q2)"
run sh -c "$mem exec timeout $LIMIT gov-check row-big.xlsx"
is "gov-check: the same message, exit 2" "$RC:$ERR" \
	"2:gov-check: row-big.xlsx:2: sheet 'S1': a row larger than 64 MiB from a workbook of $(kb row-big.xlsx) KB (at cell Q2)"
# The rows below a merged range repeat its value, so the rows before the
# refusal are large: about 270 MB at the peak, over the limit above
run sh -c "exec timeout $LIMIT gov-records merged-big.xlsx"
is "merged values of 68 MB from 70 KB: exit 2, the sheet and the workbook's size named" \
	"$RC:$(printf '%s\n' "$ERR" | grep -v 'header has 2')" \
	"2:gov-records: merged-big.xlsx: sheet 'S1': merged cells hold more than 64 MiB from a workbook of $(kb merged-big.xlsx) KB"
run sh -c "$mem exec timeout $LIMIT gov-records legit.xlsx >legit.jsonl"
printf '%s:%s:' "$RC" "$ERR" >got
py - >>got <<'PY'
import json
n = 0
for l in open('legit.jsonl', encoding='utf-8'):
    r = json.loads(l)
    n += 1
    if n in (1, 1000000):
        print(r["a"], r["b"])
print(n, len(r["a"]), len(r["b"]), r["a"][:2], r["b"][:2])
PY
is "a million shared strings on 1,048,576 rows, cells of 32,767 characters: read" \
	"$(cat got)" "0::s0000000 2
s0999999 1000001
1000001 32767 32767 文文 中中"
done_testing
