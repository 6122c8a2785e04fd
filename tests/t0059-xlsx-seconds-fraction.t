#!/bin/sh
# gov-xlsx | gov-records: a time given to the millisecond
# ("2025-03-01T08:00:00.123", as logs, APIs and JavaScript's toISOString
# write it) came back from the workbook without its fraction
# ("2025-03-01T08:00:00"): the cell held it, but its format showed whole
# seconds and the reader rounded to them.  The format now shows as many
# digits of the fraction as were given (up to three; a finer one stays
# text, as a serial cannot keep it) and the reader shows what the format
# shows, so the chain gives back what went in.
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'{"t":"2025-03-01T08:00:00.123"}' \
	'{"t":"2025-03-01T08:00:00.5Z"}' \
	'{"t":"2025-03-01T08:00:00.05"}' \
	'{"t":"12:30:45.678"}' \
	'{"t":"2025-03-01T23:59:59.999"}' \
	'{"t":"2025-03-01T08:00:00.000"}' \
	'{"t":"2025-03-01T08:00:00.1234"}' \
	'{"t":"2025-03-01T08:00:00"}' >ms.jsonl
run gov-xlsx -o ms.xlsx ms.jsonl
is "exit 0, quiet" "$RC:$ERR" "0:"
is "the workbook: Excel times showing their fraction; a finer one is text" \
	"$(py -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
for (c,) in ws.iter_rows(min_row=2):
    print(repr(c.value), c.number_format)' ms.xlsx)" \
"datetime.datetime(2025, 3, 1, 8, 0, 0, 123000) yyyy-mm-dd hh:mm:ss.000
datetime.datetime(2025, 3, 1, 8, 0, 0, 500000) yyyy-mm-dd hh:mm:ss.0\"Z\"
datetime.datetime(2025, 3, 1, 8, 0, 0, 50000) yyyy-mm-dd hh:mm:ss.00
datetime.time(12, 30, 45, 678000) hh:mm:ss.000
datetime.datetime(2025, 3, 1, 23, 59, 59, 999000) yyyy-mm-dd hh:mm:ss.000
datetime.datetime(2025, 3, 1, 8, 0) yyyy-mm-dd hh:mm:ss.000
'2025-03-01T08:00:00.1234' General
datetime.datetime(2025, 3, 1, 8, 0) yyyy-mm-dd hh:mm:ss"
run gov-records ms.xlsx
is "read back: every record as it went in" "$RC:$OUT" "0:$(cat ms.jsonl)"

# A sheet made in Excel with a format showing tenths: the reader shows them.
py -c '
import sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["t", "d"])
ws.append([datetime.datetime(2025, 3, 1, 8, 0, 0, 250000),
           datetime.timedelta(hours=30, milliseconds=100)])
ws["A2"].number_format = "yyyy/mm/dd hh:mm:ss.0"
ws["B2"].number_format = "[h]:mm:ss.00"
wb.save(sys.argv[1])' tenths.xlsx
run gov-records tenths.xlsx
is "Excel's own fraction formats read as they show" "$RC:$OUT" \
	'0:{"t":"2025-03-01T08:00:00.3","d":"30:00:00.10"}'
# The built-in format 47 (mm:ss.0, no numFmt of its own) shows tenths too.
py - <<'PY2'
import zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
z = zipfile.ZipFile('b47.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%sstyles" Target="styles.xml"/></Relationships>' % (RT, RT))
z.writestr('xl/styles.xml', '<?xml version="1.0"?><styleSheet %s><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="47"/></cellXfs></styleSheet>' % NS)
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>lap</t></is></c></row><row r="2"><c r="A2" s="1"><v>0.000721064814814815</v></c></row></sheetData></worksheet>' % NS)
z.close()
PY2
run gov-records b47.xlsx
is "built-in 47: tenths of a second" "$RC:$ERR:$OUT" '0::{"lap":"00:01:02.3"}'
done_testing
