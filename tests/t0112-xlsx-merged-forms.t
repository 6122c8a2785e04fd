#!/bin/sh
# Merged ranges in the forms writers use, read back exactly: the usual
# <mergeCells> after <sheetData> and more after it, a namespace prefix
# (x:mergeCells, as the OpenXML SDK writes), ranges on their own or in a
# second <mergeCells> (only the first list is read), a list before the
# rows, a sheet with none whose cells hold the word.  What only looks
# like a range is none: a comment, a CDATA section, a processing
# instruction, an attribute.  And the list's start wherever the sheet's
# part is cut in reads of 64 KB (or of 64 KB less 512 bytes).
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import zipfile

S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def c(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)


def rows(b2='1', between=''):
    # a: u on row 2, w on row 4; b: 1 to 4 on rows 2 to 5
    return ('<sheetData><row r="1">' + c('A1', 'a') + c('B1', 'b') + '</row>'
            '<row r="2">' + c('A2', 'u') + c('B2', b2) + '</row>' + between +
            '<row r="3"><c r="B3"><v>2</v></c></row>'
            '<row r="4">' + c('A4', 'w') + '<c r="B4"><v>3</v></c></row>'
            '<row r="5"><c r="B5"><v>4</v></c></row></sheetData>')


def prefixed(xml):
    return xml.replace('<', '<x:').replace('<x:/', '</x:')


M2 = '<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="A4:A5"/></mergeCells>'
TAIL = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s>' % S
sheets = {
    'plain': HEAD + '<dimension ref="A1:B5"/>' + rows() + M2 + TAIL,
    'prefix': '<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="%s">' % S[7:-1]
              + prefixed(rows() + M2) + '<x:pageMargins left="0.7" right="0.7" top="0.75" '
              'bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>',
    'two lists': HEAD + rows() + '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>'
                 '<mergeCells count="1"><mergeCell ref="A4:A5"/></mergeCells>' + TAIL,
    'loose': HEAD + rows() + '<mergeCell ref="A2:A3"/><mergeCells><mergeCell ref="A4:A5"/></mergeCells>' + TAIL,
    'first': HEAD + '<mergeCells count="1"><mergeCell ref="A4:A5"/></mergeCells>' + rows() + TAIL,
    'none': HEAD + rows('mergeCells x:mergeCell &lt;mergeCell ref=&quot;A2:A3&quot;/&gt;') + TAIL,
    'comment': HEAD + '<!-- <mergeCells><mergeCell ref="A4:A5"/></mergeCells> -->' + rows()
               + '<mergeCells><mergeCell ref="A2:A3"/></mergeCells>' + TAIL,
    'cdata': HEAD + rows('<![CDATA[<mergeCells><mergeCell ref="A4:A5"/></mergeCells>]]>')
             + '<mergeCells><mergeCell ref="A2:A3"/></mergeCells>' + TAIL,
    'pi': HEAD + rows('1', '<?note <mergeCells><mergeCell ref="A4:A5"/></mergeCells>?>')
          + '<mergeCells><mergeCell ref="A2:A3"/></mergeCells>' + TAIL,
    'attr': HEAD + rows().replace('<row r="4">', '<row r="4" mergeCell="A4:A5" x:mergeCell="A4:A5">')
            + '<mergeCells><mergeCell ref="A2:A3"/></mergeCells>' + TAIL,
}
# the '<' of <x:mergeCells at offsets around 65,024 and 65,536 of the part
for base in (65024, 65536):
    for d in range(-14, 2):
        xml = '<x:worksheet xmlns:x="%s">' % S[7:-1] + prefixed(rows())
        pad = base + d - len(xml) - len('<x:pad v=""/>')
        sheets['cut %d%+d' % (base, d)] = xml + '<x:pad v="%s"/>' % ('p' * pad) + prefixed(M2) + '</x:worksheet>'
        assert sheets['cut %d%+d' % (base, d)].index('<x:mergeCells') == base + d

z = zipfile.ZipFile('forms.xlsx', 'w', zipfile.ZIP_DEFLATED)
names = list(sheets)
z.writestr('xl/workbook.xml', '<workbook %s xmlns:r="r"><sheets>' % S + ''.join(
    '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(names))
    + '</sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships>' + ''.join(
    '<Relationship Id="rId%d" Type="x/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
    for i in range(len(names))) + '</Relationships>')
for i, n in enumerate(names):
    z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), sheets[n])
z.close()
PY

BOTH='{"a":"u","b":"1"}
{"a":"u","b":"2"}
{"a":"w","b":"3"}
{"a":"w","b":"4"}'
FIRST='{"a":"u","b":"1"}
{"a":"u","b":"2"}
{"a":"w","b":"3"}
{"a":"","b":"4"}'
SECOND='{"a":"u","b":"1"}
{"a":"","b":"2"}
{"a":"w","b":"3"}
{"a":"w","b":"4"}'

run gov-records --sheet plain forms.xlsx
is "usual list after the rows: both ranges" "$RC:$ERR:$OUT" "0::$BOTH"
run gov-records --sheet prefix forms.xlsx
is "x: prefix on every element: both ranges" "$RC:$ERR:$OUT" "0::$BOTH"
run gov-records --sheet 'two lists' forms.xlsx
is "a second <mergeCells>: not read" "$RC:$ERR:$OUT" "0::$FIRST"
run gov-records --sheet loose forms.xlsx
is "a range outside a list, then a list: both" "$RC:$ERR:$OUT" "0::$BOTH"
run gov-records --sheet first forms.xlsx
is "the list before the rows: read" "$RC:$ERR:$OUT" "0::$SECOND"
run gov-records --sheet none forms.xlsx
is "no list, the word in a cell: nothing merged" "$RC:$ERR:$OUT" \
'0::{"a":"u","b":"mergeCells x:mergeCell <mergeCell ref=\"A2:A3\"/>"}
{"a":"","b":"2"}
{"a":"w","b":"3"}
{"a":"","b":"4"}'
run gov-records --sheet comment forms.xlsx
is "a list in a comment: no range" "$RC:$ERR:$OUT" "0::$FIRST"
run gov-records --sheet cdata forms.xlsx
is "a list in a CDATA section: a cell's text" "$RC:$ERR:$OUT" \
'0::{"a":"u","b":"<mergeCells><mergeCell ref=\"A4:A5\"/></mergeCells>"}
{"a":"u","b":"2"}
{"a":"w","b":"3"}
{"a":"","b":"4"}'
run gov-records --sheet pi forms.xlsx
is "a list in a processing instruction: no range" "$RC:$ERR:$OUT" "0::$FIRST"
run gov-records --sheet attr forms.xlsx
is "an attribute named mergeCell: no range" "$RC:$ERR:$OUT" "0::$FIRST"

got= want=
for base in 65024 65536; do
	for d in -14 -13 -12 -11 -10 -9 -8 -7 -6 -5 -4 -3 -2 -1 +0 +1; do
		run gov-records --sheet "cut $base$d" forms.xlsx
		got="$got$base$d $RC:$ERR:$(printf '%s' "$OUT" | tr '\n' ' ')
"
		want="$want$base$d 0::$(printf '%s' "$BOTH" | tr '\n' ' ')
"
	done
done
is "the list's start cut by a read, at any byte: both ranges" "$got" "$want"

done_testing
