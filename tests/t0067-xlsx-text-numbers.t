#!/bin/sh
# gov-xlsx: a text of digits is text on purpose: a code with its leading
# zero ("028000"), a community code, an ID or account of more than 15
# digits that gov-xlsx itself keeps as text, a finding's value as the
# file had it.  Excel and WPS flagged each such cell with a green
# triangle, "Number Stored as Text", and offered "Convert to Number",
# which makes 028000 28000 and an account 6.22202E+18.  Now every sheet
# (continuations and element sheets too) tells Excel to ignore that
# check, in the sheet's <ignoredErrors>; numbers are numbers as before.
. "$(dirname "$0")/lib.sh"

# each sheet: its name and the ranges where "number stored as text" is ignored
ignored() {
	py -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
target = dict(re.findall(r"<Relationship Id=\"(rId\d+)\"[^>]*Target=\"([^\"]*)\"", rels))
for name, rid in re.findall(r"<sheet name=\"([^\"]*)\" sheetId=\"\d+\" r:id=\"(rId\d+)\"", wb):
    x = z.read("xl/" + target[rid]).decode()
    refs = re.findall(r"<ignoredError sqref=\"([^\"]*)\" numberStoredAsText=\"1\"", x)
    print(name, refs)' "$1"
}

cat >codes.jsonl <<'J'
{"postcode":"028000","community":"150502001001","acct":6222021234567890123,"n":5,"size":"3","items":[{"code":"0475","k":1}]}
{"postcode":"028001","community":"150502009001","acct":6222021234567890124,"n":6,"size":"4","items":[{"code":"0476","k":2}]}
J
run gov-xlsx -o codes.xlsx codes.jsonl
is "codes: exit 0, quiet" "$RC:$ERR" "0:"
is "... every sheet ignores 'number stored as text'" "$(ignored codes.xlsx)" \
"records ['A1:XFD1048576']
records.items ['A1:XFD1048576']"
is "... the texts stay text, the numbers numbers" \
	"$(py -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print([(c.value, c.data_type) for c in ws[2]][:5])' codes.xlsx)" \
	"[('028000', 's'), ('150502001001', 's'), ('6222021234567890123', 's'), (5, 'n'), ('3', 's')]"

# a continuation sheet and a sheet per value alike
GOVKIT_XLSX_MAX_ROWS=2 run gov-xlsx -o cont.xlsx --sheet-by n codes.jsonl
is "sheet-by, continuations: exit 0" "$RC:$ERR" "0:"
is "... each sheet ignores it" "$(ignored cont.xlsx)" \
"5 ['A1:XFD1048576']
5.items ['A1:XFD1048576']
6 ['A1:XFD1048576']
6.items ['A1:XFD1048576']"
GOVKIT_XLSX_MAX_ROWS=2 run gov-xlsx -o cont2.xlsx codes.jsonl
is "continuations: each sheet ignores it" "$(ignored cont2.xlsx)" \
"records ['A1:XFD1048576']
records (2) ['A1:XFD1048576']
records.items ['A1:XFD1048576']
records.items (2) ['A1:XFD1048576']"

# no record: the one empty sheet has no cell to flag, and stays plain
: >none.jsonl
run gov-xlsx -o none.xlsx none.jsonl
is "no records: exit 0, one sheet" "$RC:$ERR:$(ignored none.xlsx)" "0::records []"
done_testing
