# xlsx-make-books.py DIR: the workbooks the XLSX reader tests read.
#   people.xlsx   openpyxl: shared strings, numbers, dates, times,
#                 booleans, empty cells, gaps in rows, CJK, several sheets,
#                 custom and CJK date formats
#   crafted.xlsx  hand-written XML: rich text and phonetic runs, _xHHHH_
#                 escapes, inline strings, errors, formula strings, cells
#                 without references, a namespace prefix, the 1904 system
#   corrupt.xlsx  people.xlsx with its first sheet's deflate data damaged
#   badxml.xlsx   people.xlsx with its first sheet's XML broken
#   dtd.xlsx      a sheet with a DOCTYPE (entity expansion refused)
import datetime
import os
import sys
import zipfile

import openpyxl

d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人口"
ws.append(["id", "name", "born", "score", "ok", "note", "at", "t"])
ws.append([1, "张三", datetime.date(1990, 5, 17), 3.5, True, None,
           datetime.datetime(2025, 1, 2, 3, 4, 5), datetime.time(13, 45, 0)])
ws.append([2, "Li Si", datetime.date(2000, 2, 29), 0.1, False, "a\nb",
           None, None])
ws["A6"] = 42
ws["C6"] = 12345678901234
ws["D6"] = 1e20
ws["E6"] = -0.000123
ws["B6"] = "内蒙古自治区通辽市"
ws["D7"] = 2.5e-7
ws["A7"] = 1 / 3
ws2 = wb.create_sheet("second")
ws2.append(["a", "b", "c", "d", "e", "f", "g", "h"])
ws2["B3"] = "only B3"
ws2["A4"] = 2.0
c = ws2["C4"]; c.value = 45000; c.number_format = 'yyyy"年"m"月"d"日"'
c = ws2["D4"]; c.value = 0.75; c.number_format = "[h]:mm"
c = ws2["E4"]; c.value = 1234.5; c.number_format = "#,##0.00"
c = ws2["F4"]; c.value = 45000.5; c.number_format = "yyyy/m/d h:mm"
c = ws2["G4"]; c.value = 45000; c.number_format = "0.00E+00"
c = ws2["H4"]; c.value = 45000; c.number_format = '[Red]0.0;"minus"0'
c = ws2["A5"]; c.value = 45000; c.number_format = "General"
wb.create_sheet("empty")
people = os.path.join(d, "people.xlsx")
wb.save(people)

def rewrite(src, dst, fix):
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for it in zin.infolist():
        zout.writestr(it.filename, fix(it.filename, zin.read(it.filename)))
    zout.close()

rewrite(people, os.path.join(d, "badxml.xlsx"),
        lambda n, b: b.replace(b"</row>", b"</rowx>", 1)
        if n == "xl/worksheets/sheet1.xml" else b)
rewrite(people, os.path.join(d, "dtd.xlsx"),
        lambda n, b: b.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY e "x">]><worksheet', 1)
        if n == "xl/worksheets/sheet1.xml" else b)

data = bytearray(open(people, "rb").read())
info = zipfile.ZipFile(people).getinfo("xl/worksheets/sheet1.xml")
off = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
for i in range(off + 10, off + 40):
    data[i] ^= 0x55
open(os.path.join(d, "corrupt.xlsx"), "wb").write(data)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
parts = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook %s %s><workbookPr date1904="1"/><sheets><sheet name="Data" sheetId="1" r:id="rId7"/><sheet name="Prefixed" sheetId="2" r:id="rId8"/><sheet name="Wide" sheetId="3" r:id="rId11"/></sheets></workbook>' % (NS, R),
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/p.xml"/><Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/wide.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="st.xml"/></Relationships>',
    "xl/strings.xml": '<?xml version="1.0"?><sst %s count="3" uniqueCount="3"><si><t>plain</t></si><si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>line_x000D_break _x005F_x0041_ &amp; &lt;ok&gt;</t></si></sst>' % NS,
    "xl/st.xml": '<?xml version="1.0"?><styleSheet %s><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs></styleSheet>' % NS,
    "xl/worksheets/data.xml": '<?xml version="1.0"?><worksheet %s><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        '<row r="3"><c t="inlineStr"><is><t>inline</t></is></c><c t="e"><v>#DIV/0!</v></c><c t="str"><f>A1&amp;"x"</f><v>plainx</v></c><c t="b"><v>1</v></c></row>'
        '<row r="4"><c r="B4" s="1"><v>0</v></c><c r="C4" s="2"><v>366.5</v></c><c r="D4"><v>7</v></c></row>'
        '</sheetData></worksheet>' % NS,
    # a dimension claiming every column: rows are padded to the header only
    "xl/worksheets/wide.xml": '<?xml version="1.0"?><worksheet %s><dimension ref="A1:XFD3"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c><c r="B1" t="inlineStr"><is><t>v</t></is></c></row>'
        '<row r="3"><c r="A3"><v>1</v></c></row>'
        '</sheetData></worksheet>' % NS,
    "xl/worksheets/p.xml": '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c xmlns:r="urn:r" r="C2" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
}
z = zipfile.ZipFile(os.path.join(d, "crafted.xlsx"), "w", zipfile.ZIP_DEFLATED)
for name, text in parts.items():
    z.writestr(name, text)
z.close()

# many.xlsx: 20,000 rows whose text is all in shared strings (as Excel
# writes), 40,001 distinct strings, the odd rows' second cell missing.
N = 20000
strings = ["名称", "编号"] + ["单位%d" % i for i in range(N)] + \
          ["code-%05d" % i for i in range(N)] + ["_x0041_ literal"]
sst = "".join("<si><t>%s</t></si>" % t for t in strings)
rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
for i in range(N):
    cells = '<c r="A%d" t="s"><v>%d</v></c>' % (i + 2, 2 + i)
    if i % 2 == 0:
        cells += '<c r="B%d" t="s"><v>%d</v></c>' % (i + 2, 2 + N + i)
    rows.append('<row r="%d">%s</row>' % (i + 2, cells))
many = dict(parts)
many["xl/workbook.xml"] = '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>' % (NS, R)
many["xl/strings.xml"] = '<?xml version="1.0"?><sst %s>%s</sst>' % (NS, sst)
many["xl/worksheets/data.xml"] = '<?xml version="1.0"?><worksheet %s><dimension ref="A1:B%d"/><sheetData>%s</sheetData></worksheet>' % (NS, N + 1, "".join(rows))
z = zipfile.ZipFile(os.path.join(d, "many.xlsx"), "w", zipfile.ZIP_DEFLATED)
for name, text in many.items():
    z.writestr(name, text)
z.close()
