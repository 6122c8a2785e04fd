#!/bin/sh
# The XLSX reader (common/xlsxread.c): workbooks of shapes that cost more
# than their size, made by hand with Python's zipfile.  The limit is far
# below the time before and generous for a slow machine and the
# sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

# mk(name, rows, styles, dim, strings): a workbook of one sheet 'S1'
cat >mk.py <<'PY'
import zipfile
def mk(name, rows, styles=None, dim=None, strings=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if styles is not None:
        rels += '<Relationship Id="rId2" Type="x/styles" Target="styles.xml"/>'
        z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet>' + styles + '</styleSheet>')
    if strings is not None:
        rels += '<Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr('xl/sharedStrings.xml', '<sst>' + ''.join('<si><t>%s</t></si>' % t for t in strings) + '</sst>')
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

# A cell given again and again in its row: the last value is kept and the
# row named (t0101), but the values dropped no longer stay in memory: each
# was kept to the end of its row, 24 bytes and its text a time (a few MB
# of workbook took 3 GB).  A row of 20,000 A2 of 105 bytes and 20,000 C2;
# a shared string of 4 MB shown by a cell given 1,000 times, which was
# copied each time ("a row is too long", exit 2, for a row showing 4 MB);
# an empty cell given again takes no value from the one before.
py - <<'PY'
exec(open('mk.py').read())
cells = ''.join(c('A2', 'x' * 100 + '%05d' % i) + '<c r="C2"><v>%d</v></c>' % i for i in range(20000))
mk('again.xlsx', H + '<row r="2">' + cells + c('B2', 'only') + '</row>'
   '<row r="3"><c r="A3"><v>3</v></c><c r="A3"/><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>0</v></c><c r="B3"/></row>'
   '<row r="4">' + '<c r="B4" t="s"><v>0</v></c>' * 1000 + '<c r="A4"><v>4</v></c></row>',
   strings=['y' * ((4 << 20) - 1), 's1'])
PY
run timeout $LIMIT gov-records again.xlsx
is "a cell given 20,000 times: exit 1, the last values" \
	"$RC:$(printf '%s\n' "$OUT" | sed 's/yyyyyyyyyy*/y.../; s/xxxxxxxxxx*/x.../')" \
'1:{"a":"x...19999","b":"only","c":"19999"}
{"a":"s1","b":"y...","c":""}
{"a":"4","b":"y...","c":""}'
is "... the 4 MB shared string whole" "$(printf '%s\n' "$OUT" | sed -n 3p | wc -c)" 4194327
is "... each row named" "$ERR" \
"gov-records: again.xlsx:2: sheet 'S1': cell A2 given more than once, only the last value kept (39998 values dropped in the row)
gov-records: again.xlsx:3: sheet 'S1': cell A3 given more than once, only the last value kept
gov-records: again.xlsx:4: sheet 'S1': cell B4 given more than once, only the last value kept (999 values dropped in the row)"

# Flat memory: a row of 4,000,000 cells, A2 and B2 by turns (160 MB of
# sheet XML, 10 MB deflated), read in 100 MB of address space.  Not under
# the sanitizers (they reserve terabytes) or valgrind (too slow).
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	py - <<'PY'
exec(open('mk.py').read())
def rows():
    yield H + '<row r="2">'
    for k in range(0, 2000000, 10000):
        yield ''.join('<c r="A2"><v>%d</v></c><c r="B2" t="inlineStr"><is><t>v%d</t></is></c>' % (i, i) for i in range(k, k + 10000))
    yield '</row><row r="3"><c r="C3"><v>3</v></c></row>'
mk('many.xlsx', rows())
PY
	run sh -c "ulimit -v 100000; exec env MALLOC_ARENA_MAX=1 timeout $LIMIT gov-records many.xlsx"
	is "4,000,000 cells in a row: exit 1 in 100 MB, the last values" "$RC:$OUT" \
'1:{"a":"1999999","b":"v1999999","c":""}
{"a":"","b":"","c":"3"}'
	is "... the row named" "$ERR" \
"gov-records: many.xlsx:2: sheet 'S1': cell A2 given more than once, only the last value kept (3999998 values dropped in the row)"
fi

# Shared strings that cost more than their text: 200 million empty <si/>
# (1 GB of XML, 1.4 MB deflated) took 9 bytes each, the text's NUL and
# its offset, of which only the NUL counted towards the 1 GiB the shared
# strings may take: 1.8 GB, and a workbook five times as large ran the
# reader out of memory (abort).  The offsets count now: refused within the
# 1 GiB, exit 2.  Not under the sanitizers or valgrind (as above).  It
# reads 1 GB of XML (9 s of CPU here): the timeout guards against a hang,
# not a slow host; the memory bound is what is checked.  Since the shared
# strings may take no more than 100 times the workbook's size (t0109), they
# are refused within 140 MB.
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	py - <<'PY'
import zipfile
exec(open('mk.py').read())
z = zipfile.ZipFile('sst.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + H + '</sheetData></worksheet>')
with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
    f.write(b'<sst>')
    chunk = b'<si/>' * 1000000
    for i in range(200):
        f.write(chunk)
    f.write(b'</sst>')
z.close()
PY
	run sh -c "ulimit -v 1400000; exec env MALLOC_ARENA_MAX=1 timeout 180 gov-records sst.xlsx"
	like "200 million empty shared strings: exit 2 in 1.4 GB, the part named" "$RC:$ERR" \
"^2:gov-records: sst.xlsx: xl/sharedStrings.xml: shared strings larger than 1[34][0-9] MiB from a workbook of 1[34][0-9][0-9] KB \(at string index [0-9]+\)\$"
	rm -f sst.xlsx
fi

# Elements nested 20 million deep (60 KB deflated): expat keeps every open
# element, 2.8 GB for this one; in a sheet or in the shared strings.  Now
# refused past 1,000 levels, at once, the part named.
py - <<'PY'
import zipfile
exec(open('mk.py').read())
def deep(name, part):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    nest = b'<x>' * 20000000
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
        f.write(b'<worksheet><sheetData>' + H.encode())
        if part == 'sheet':
            f.write(nest)
        else:
            f.write(b'</sheetData></worksheet>')
    with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
        f.write(b'<sst><si><t>a</t></si>')
        if part == 'sst':
            f.write(b'<si>' + nest)
        else:
            f.write(b'</sst>')
    z.close()
deep('deep-sheet.xlsx', 'sheet')
deep('deep-sst.xlsx', 'sst')
PY
# (the sanitizers and valgrind reserve more than that for themselves)
mem="ulimit -v 200000;"
[ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ] && mem=
run sh -c "$mem exec timeout $LIMIT gov-records deep-sheet.xlsx"
is "a sheet nested 20 million deep: exit 2 in 200 MB, at once" "$RC:$ERR" \
"2:gov-records: deep-sheet.xlsx: sheet 'S1': elements nested too deep"
run sh -c "$mem exec timeout $LIMIT gov-records deep-sst.xlsx"
is "shared strings nested 20 million deep: the same" "$RC:$ERR" \
"2:gov-records: deep-sst.xlsx: xl/sharedStrings.xml: elements nested too deep"

# A stray cell in XFD, the last column, and a <dimension> that says so
# (as Excel writes it): rows are padded to the dimension, no wider than
# the widest row, so every row below the stray one was padded to 16,384
# cells and named (16,382 empty column_N of its own, an extra-cell
# finding for each: a workbook of 461 KB and 50,000 rows made 14 GB of
# records).  A data row is now padded to the header at most: the stray
# row alone is wider.
py - <<'PY'
exec(open('mk.py').read())
H2 = '<row r="1">' + c('A1', 'a') + c('B1', 'b') + '</row>'
mk('stray.xlsx', H2 + '<row r="2"><c r="A2"><v>2</v></c><c r="XFD2"><v>1</v></c></row>'
   '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>3</v></c></row>'
   '<row r="5"><c r="A5"><v>5</v></c></row>'
   '<row r="6"><c r="A6"><v>6</v></c><c r="C6"><v>6</v></c></row>', dim='A1:XFD6')
PY
run gov-records stray.xlsx
is "a stray cell in XFD: exit 1, the rows below it as wide as the header" \
	"$RC:$(printf '%s\n' "$OUT" | sed 1d)" '1:{"a":"3","b":"3"}
{"a":"5","b":""}
{"a":"6","b":"","column_3":"6"}'
is "... the stray row: 16,384 cells, the last one's value" "$(printf '%s\n' "$OUT" | sed -n 1p | py -c '
import json, sys
r = json.loads(sys.stdin.read())
print(len(r), r["a"], r["column_16384"], sum(1 for v in r.values() if v == ""))')" \
	"16384 2 1 16382"
is "... the stray row and the row with a third cell named" "$ERR" \
"gov-records: stray.xlsx:2: 16384 cells, header has 2; extra cells kept as column_N
gov-records: stray.xlsx:6: 3 cells, header has 2; extra cells kept as column_N"
run gov-check stray.xlsx
is "gov-check, a stray cell in XFD: findings on the stray row, and on row 6's C6" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9]*\),.*"check":"\([a-z-]*\)".*/\1 \2/' | uniq -c | sed 's/^ *//')" \
"16382 2 extra-cell
1 4 blank-row
1 6 extra-cell"

# The same with a title above the header (--header-row 2): a note in D1
# made the header as wide as the title, two columns without a name.
py - <<'PY'
exec(open('mk.py').read())
mk('title.xlsx', '<row r="1">' + c('A1', '通辽市人口') + c('D1', '单位：人') + '</row>'
   '<row r="2">' + c('A2', 'a') + c('B2', 'b') + '</row>'
   '<row r="3"><c r="A3"><v>1</v></c>' + c('B3', 'x') + '</row>'
   '<row r="4"><c r="A4"><v>2</v></c></row>', dim='A1:D4')
PY
run gov-records --header-row 2 title.xlsx
is "a title wider than the header: the header's columns only" "$RC:$OUT:$ERR" \
'0:{"a":"1","b":"x"}
{"a":"2","b":""}:'
run gov-check --header-row 2 title.xlsx
is "... gov-check: no blank header cell, no finding" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"

# A date-time format that shows a literal Z (quoted, as gov-xlsx writes a
# UTC time, or escaped) is read back with its Z; a Z elsewhere, or none,
# is not.
py - <<'PY'
exec(open('mk.py').read())
fmts = ('<numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss&quot;Z&quot;"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss\\Z"/>'
        '<numFmt numFmtId="166" formatCode="&quot;Z&quot; yyyy-mm-dd hh:mm:ss"/>')
xfs = '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
mk('utc.xlsx', H + '<row r="2">' + ''.join('<c r="%s2" s="%d"><v>45000.75</v></c>' % (col, x) for col, x in zip('ABC', range(3))) + '</row>',
   '<numFmts count="3">%s</numFmts><cellXfs count="3">%s</cellXfs>' % (fmts, xfs))
PY
run gov-records utc.xlsx
is "a date-time shown with a final Z: read with it" "$RC:$OUT" \
	'0:{"a":"2023-03-15T18:00:00Z","b":"2023-03-15T18:00:00Z","c":"2023-03-15T18:00:00"}'
done_testing
