#!/bin/sh
# The XLSX reader (common/xlsxread.c): a tag, a comment or a processing
# instruction of 100 MB (100 KB deflated).  Expat holds one until its end
# comes and scans it again from its start with every 64 KB given to it
# (expat 2.5, Debian 12's): gov-records ran for more than ten minutes on
# such a workbook, its memory growing with the token.  Now a token longer
# than 1 MiB is refused at once, the part named; text, handed on as it
# comes, is not a token, and a long comment under the limit is read.
. "$(dirname "$0")/lib.sh"

LIMIT=30

# mk(name, sheet, strings): a workbook of one sheet 'S1' whose sheetData
# holds the bytes sheet gives (a list of parts, written one by one) and
# whose shared strings, if given, are the bytes strings gives
cat >mk.py <<'PY'
import zipfile
def mk(name, sheet, strings=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += '<Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/>'
        with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
            for part in strings:
                f.write(part)
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships>' + rels + '</Relationships>')
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        for part in sheet:
            f.write(part)
        f.write(b'</sheetData></worksheet>')
    z.close()
def c(ref, v):
    return ('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)).encode()
H = b'<row r="1">' + c('A1', 'a') + c('B1', 'b') + b'</row>'
R2 = b'<row r="2">' + c('A2', '1') + c('B2', 'x') + b'</row>'
MB = b'y' * (1 << 20)
def big(mb):
    return [MB] * mb
PY
py - <<'PY'
exec(open('mk.py').read())
mk('comment.xlsx', [H, R2, b'<!--'] + big(100) + [b'-->'])
mk('attr.xlsx', [H, R2, b'<row r="3" x="'] + big(100) + [b'"/>'])
mk('pi.xlsx', [H, R2, b'<?note '] + big(100) + [b'?>'])
mk('sst.xlsx', [H, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
   [b'<sst><si><t>v</t></si><!--'] + big(100) + [b'--></sst>'])
# under the limit: a comment of 1,000,000 bytes; a cell of 3 MB of text
mk('short.xlsx', [H, b'<!--' + b'y' * 1000000 + b'-->', R2,
                  b'<row r="3">' + c('A3', '2'), b'<c r="B3" t="inlineStr"><is><t>'] + big(3) + [b'</t></is></c></row>'])
PY
# (the sanitizers and valgrind reserve more than that for themselves)
mem="ulimit -v 200000;"
[ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ] && mem=

run sh -c "$mem exec timeout $LIMIT gov-records comment.xlsx"
is "a comment of 100 MB in a sheet: exit 2 at once, after the rows before it" \
	"$RC:$OUT:$ERR" '2:{"a":"1","b":"x"}:gov-records: comment.xlsx: sheet '"'S1'"': a tag or comment longer than 1 MiB'
run sh -c "$mem exec timeout $LIMIT gov-records attr.xlsx"
is "a row's start tag of 100 MB: the same" "$RC:$ERR" \
	"2:gov-records: attr.xlsx: sheet 'S1': a tag or comment longer than 1 MiB"
run sh -c "$mem exec timeout $LIMIT gov-records pi.xlsx"
is "a processing instruction of 100 MB: the same" "$RC:$ERR" \
	"2:gov-records: pi.xlsx: sheet 'S1': a tag or comment longer than 1 MiB"
run sh -c "$mem exec timeout $LIMIT gov-records sst.xlsx"
is "a comment of 100 MB in the shared strings: exit 2, the part named, nothing out" \
	"$RC:$OUT:$ERR" \
	"2::gov-records: sst.xlsx: xl/sharedStrings.xml: a tag or comment longer than 1 MiB"
run sh -c "$mem exec timeout $LIMIT gov-check sst.xlsx"
is "gov-check: the same message, exit 2" "$RC:$ERR" \
	"2:gov-check: sst.xlsx: xl/sharedStrings.xml: a tag or comment longer than 1 MiB"
run sh -c "$mem exec timeout $LIMIT gov-profile comment.xlsx"
is "gov-profile: the same, no profile" "$RC:$OUT:$ERR" \
	"2::gov-profile: comment.xlsx: sheet 'S1': a tag or comment longer than 1 MiB"

run sh -c "$mem exec timeout $LIMIT gov-records short.xlsx"
is "a comment of 1,000,000 bytes and a cell of 3 MB: read" \
	"$RC:$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["a"], len(r["b"]))'):$ERR" '0:1 1
2 3145728:'
done_testing
