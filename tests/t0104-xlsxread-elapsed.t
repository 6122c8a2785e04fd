#!/bin/sh
# The XLSX reader: a duration in an elapsed-time format ([h]:mm:ss, the
# built-in 46, [h]:mm, [mm]:ss) reads as Excel shows it, hours past 24
# included: 1.5 days is 36:00:00, not the 12:00:00 of its last day (a
# column of working hours lost its whole days).  A time of day (h:mm:ss)
# still reads as the time of its day.
. "$(dirname "$0")/lib.sh"

cat >mk.py <<'PY'
import zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
z = zipfile.ZipFile('hours.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%sstyles" Target="styles.xml"/></Relationships>' % (RT, RT))
z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet %s><numFmts count="3"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="[mm]:ss"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="46"/><xf numFmtId="21"/></cellXfs></styleSheet>' % NS)
head = ''.join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (c, t) for c, t in zip('ABCDE', ['工时', 'hm', 'ms', 'f46', 'clock']))
def row(n, v):
    return '<row r="%d">%s</row>' % (n, ''.join('<c r="%s%d" s="%d"><v>%s</v></c>' % (c, n, s, v) for c, s in zip('ABCDE', [1, 2, 3, 4, 5])))
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData><row r="1">%s</row>%s%s%s</sheetData></worksheet>' % (NS, head, row(2, '1.5'), row(3, '0.75'), row(4, '100.0104166666667')))
z.close()
PY
py mk.py || exit 1

run gov-records hours.xlsx
is "elapsed formats: whole hours kept; a time of day: its day's time" \
	"$RC:$ERR:$OUT" \
'0::{"工时":"36:00:00","hm":"36:00:00","ms":"36:00:00","f46":"36:00:00","clock":"12:00:00"}
{"工时":"18:00:00","hm":"18:00:00","ms":"18:00:00","f46":"18:00:00","clock":"18:00:00"}
{"工时":"2400:15:00","hm":"2400:15:00","ms":"2400:15:00","f46":"2400:15:00","clock":"00:15:00"}'

run gov-profile --format ndjson hours.xlsx
printf '%s\n' "$OUT" >p.json
is "gov-profile: a duration column past 24 hours is no time of day" \
	"$RC:$(py -c 'import json; print(*[(f["name"], f["type"], f["max"]) for f in json.load(open("p.json"))["fields"]][::4])')" \
	"0:('工时', 'string', '36:00:00') ('clock', 'time', '18:00:00')"
done_testing
