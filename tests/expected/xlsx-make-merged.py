# xlsx-make-merged.py DIR: workbooks with a title above the header and
# merged cells, for the --header-row and merged-cell tests.
#   title.xlsx    openpyxl: a title merged over the columns, a blank row,
#                 the header on row 3; 牵头单位 merged down over the rows
#                 of a unit, the last unit's also over the blank row 8; a
#                 合计 row whose label is merged over A:B
#   header2.xlsx  openpyxl: a header on two rows: 序号 and 姓名 merged
#                 down over both, 联系方式 merged over the two columns
#                 that row 2 names 电话 and 地址
#   badmerge.xlsx by hand: merged ranges that are no ranges of cells
#                 beside good ones (one with its corners reversed, one in
#                 a namespace prefix), and a cell whose text reads like a
#                 <mergeCell> element
import os
import sys
import zipfile

import openpyxl

d = sys.argv[1]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人口"
ws["A1"] = "2024年第三季度人口数据"
ws.merge_cells("A1:D1")
ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "序号", "社区", "牵头单位", "人数"
rows = [(1, "新城社区", "市数据局", 120), (2, "老城社区", None, 95),
        (3, "河西社区", None, "abc"), (4, "河东社区", "市公安局", 80)]
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        if v is not None:
            ws.cell(row=4 + i, column=1 + j, value=v)
ws.merge_cells("C4:C6")
ws.merge_cells("C7:C8")
ws["A9"] = "合计"
ws.merge_cells("A9:B9")
ws["D9"] = 295
wb.save(os.path.join(d, "title.xlsx"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "名单"
ws["A1"], ws["B1"], ws["C1"] = "序号", "姓名", "联系方式"
ws.merge_cells("A1:A2")
ws.merge_cells("B1:B2")
ws.merge_cells("C1:D1")
ws["C2"], ws["D2"] = "电话", "地址"
ws.append([1, "张三", "13800138000", "通辽市科尔沁区"])
ws.append([2, "李四", "13912345678", "通辽市开鲁县"])
wb.save(os.path.join(d, "header2.xlsx"))


def c(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)


z = zipfile.ZipFile(os.path.join(d, "badmerge.xlsx"), "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns:r="r"><sheets>'
           '<sheet name="S" sheetId="1" r:id="rId1"/><sheet name="P" sheetId="2" r:id="rId2"/>'
           '</sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships>'
           '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/>'
           '</Relationships>')
z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet><sheetData>'
           '<row r="1">' + c("A1", "unit") + c("B1", "n") + '</row>'
           '<row r="2">' + c("A2", "u1") + c("B2", "&lt;mergeCell ref=&quot;B2:B4&quot;/&gt;") + '</row>'
           '<row r="3"><c r="B3"><v>2</v></c></row>'
           '<row r="4"><c r="B4"><v>3</v></c></row>'
           '</sheetData><mergeCells count="9">'
           '<mergeCell ref="A0:B2"/><mergeCell ref="A3:A2"/><mergeCell ref="B2:"/>'
           '<mergeCell ref="XFE1:XFE2"/><mergeCell ref="a1:b1"/><mergeCell/>'
           '<mergeCell ref="A1:B2:C3"/><mergeCell ref="B1"/>'
           '<mergeCell ref="A1:A1048577"/>'
           '</mergeCells></worksheet>')
z.writestr("xl/worksheets/sheet2.xml", '<?xml version="1.0"?><x:worksheet xmlns:x="urn:x">'
           '<x:dimension ref="A1:B3"/><x:sheetData>'
           '<x:row r="1">' + c("A1", "k").replace("<c", "<x:c").replace("</c>", "</x:c>")
           + c("B1", "v").replace("<c", "<x:c").replace("</c>", "</x:c>") + '</x:row>'
           '<x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row>'
           '<x:row r="3"><x:c r="B3"><x:v>8</x:v></x:c></x:row>'
           '</x:sheetData><x:mergeCells><x:mergeCell ref="A2:A3"/></x:mergeCells></x:worksheet>')
z.close()
