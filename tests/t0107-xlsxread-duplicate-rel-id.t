#!/bin/sh
# The XLSX reader: a workbook whose relationships name the sheet's Id
# twice (not valid, but a hand-edited or badly made file has it) is read
# from the last of them, as it always was; the part name of the earlier
# one was allocated and never freed (LeakSanitizer's report under
# GOVKIT_SAN=1, exit status 1 instead of 0).
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import zipfile
z = zipfile.ZipFile('dup.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships>'
           '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet0.xml"/>'
           '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
           '</Relationships>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
           '<row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>')
z.close()
PY

run gov-records dup.xlsx
is "the sheet's Id twice in the rels: the last one's part read, exit 0" \
	"$RC:$OUT:$ERR" '0:{"a":"1"}:'
run gov-profile --format ndjson dup.xlsx
is "gov-profile: the same workbook read, exit 0" "$RC:$ERR" '0:'
done_testing
