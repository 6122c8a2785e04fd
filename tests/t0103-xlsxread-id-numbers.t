#!/bin/sh
# The XLSX reader: a resident ID number typed into Excel as a number is
# stored as 1.50502199007219E+17 (15 significant digits).  It reads as
# Excel's "0" format shows it, 150502199007219000, so that it is masked
# as an ID; in the exponent form gov-records, gov-profile and gov-check
# showed the region and birth date in full.  Whole numbers of 16 to 18
# digits read so; 10^18 and above, and fractions, keep the exponent.
. "$(dirname "$0")/lib.sh"

cat >mk.py <<'PY'
import zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def c(ref, v):
    if isinstance(v, str):
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
    return '<c r="%s"><v>%s</v></c>' % (ref, v[0])
def mk(name, rows):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    body = ''.join('<row r="%d">%s</row>' % (i + 1, ''.join(c('%s%d' % (chr(65 + j), i + 1), v) for j, v in enumerate(r))) for i, r in enumerate(rows))
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, body))
    z.close()
# as Excel writes them, and as openpyxl (17 digits)
mk('ids.xlsx', [['姓名', '身份证号'],
                ['张三', ('1.50502199007219E+17',)],
                ['李四', ('1.505241951022596e+17',)]])
mk('nums.xlsx', [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
                 [('1E+15',), ('-1.5E+17',), ('9.99999999999999E+17',),
                  ('1.23E+16',), ('1E+18',), ('1E+20',), ('1.5E-7',),
                  ('999999999999999',)]])
PY
py mk.py || exit 1

run gov-records ids.xlsx
is "an ID stored as a number is masked as an ID" "$RC:$ERR:$OUT" \
'0::{"姓名":"张三","身份证号":"150502********9000"}
{"姓名":"李四","身份证号":"150524********0000"}'

run gov-records --no-mask ids.xlsx
is "--no-mask: its 15 digits, then zeros, as Excel's '0' format shows" \
	"$RC:$OUT" \
'0:{"姓名":"张三","身份证号":"150502199007219000"}
{"姓名":"李四","身份证号":"150524195102260000"}'

run gov-records --no-mask nums.xlsx
is "16 to 18 digits whole; 10^18 and up, fractions as before" "$RC:$OUT" \
	'0:{"a":"1000000000000000","b":"-150000000000000000","c":"999999999999999000","d":"12300000000000000","e":"1e+18","f":"1e+20","g":"1.5e-07","h":"999999999999999"}'

run gov-profile --format ndjson ids.xlsx
printf '%s\n' "$OUT" >p.json
is "gov-profile: the column is text, every value shown masked" \
	"$RC:$(py -c 'import json; f=json.load(open("p.json"))["fields"][1]; print(f["type"], f["min"], f["max"], f["mean"], [t["value"] for t in f["top"]], f.get("masked"))')" \
	"0:string 150502********9000 150524********0000 None ['150502********9000', '150524********0000'] True"

printf '%s\n' '{"fields":[{"name":"姓名","type":"string"},{"name":"身份证号","type":"string","format":"cn-ric"}]}' >s.json
run gov-check -s s.json ids.xlsx
is "gov-check: the lost digits are a format finding, its value masked" \
	"$RC:$(finding_fields row check value)" \
	"1:2 format 150502********9000"
done_testing
