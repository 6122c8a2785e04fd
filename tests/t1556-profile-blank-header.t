#!/bin/sh
# gov-profile: a CSV (or worksheet) whose header row is blank, an export
# starting with an empty line, is refused, exit 2, naming the first row
# not blank for --header-row, where the blank line was taken for the
# header: one field "column_1" holding the real header's first cell and
# the first cell of every row.  gov-check and gov-records take the same
# --header-row, so the draft made with it passes gov-check.
. "$(dirname "$0")/lib.sh"

printf '\nid,name\n1,a\n2,b\n' >blank.csv
run gov-profile --format ndjson blank.csv
is "blank first line: exit 2, nothing out" "$RC:$OUT" "2:"
is "blank first line: the row to give" "$ERR" "gov-profile: blank.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"

# CRLF blank lines and a line of spaces before the header; the row is
# counted as gov-check counts rows.
printf '\r\n\r\n  \nid,name\r\n1,a\r\n' >blank2.csv
run gov-profile --format ndjson blank2.csv
is "blank and space lines: exit 2" "$RC:$OUT" "2:"
is "blank and space lines: the row to give" "$ERR" "gov-profile: blank2.csv:1: a blank row, not a header: give --header-row 4, the first row not blank"

# With the row given: the file's real header, its rows counted below it,
# and the draft passes gov-check given the same row.
run gov-profile --format ndjson --header-row 2 blank.csv
is "--header-row 2: exit 0" "$RC:$ERR" "0:"
like "--header-row 2: the real header" "$OUT" '"rows":2,"blank_rows":0,"fields":\[\{"name":"id","type":"integer",.*\{"name":"name","type":"string",'
run gov-profile --schema --format ndjson --header-row 2 blank.csv
printf '%s\n' "$OUT" >blank.schema.json
run gov-check -s blank.schema.json --header-row 2 --format ndjson blank.csv
is "gov-check --header-row 2 with the draft: exit 0" "$RC" 0
like "gov-check --header-row 2 with the draft: no finding" "$OUT" '"findings":0,'

# --header-row naming a blank row: the next row not blank.
printf 'Report 2025\n\n\nid\n1\n' >title.csv
run gov-profile --format ndjson --header-row 2 title.csv
is "--header-row on a blank row: exit 2" "$RC:$OUT" "2:"
is "--header-row on a blank row: the row to give" "$ERR" "gov-profile: title.csv:2: a blank row, not a header: give --header-row 4, the first row not blank"

# Blank lines only: empty, exit 2; another file is still profiled.
printf '\n\n' >allblank.csv
printf 'a\n1\n' >ok.csv
run gov-profile --format ndjson allblank.csv ok.csv
is "blank lines only: exit 2" "$RC" 2
is "blank lines only: said" "$ERR" "gov-profile: allblank.csv: file is empty from row 1 on (blank rows only)"
like "blank lines only: the other file profiled" "$OUT" '^\{"type":"profile","file":"ok.csv",'

# A worksheet whose first row is empty: the same.
py - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws["A2"] = "id"; ws["B2"] = "name"; ws["A3"] = 1; ws["B3"] = "a"
wb.save("blank.xlsx")
PY
run gov-profile --format ndjson blank.xlsx
is "xlsx, first row empty: exit 2" "$RC:$OUT" "2:"
is "xlsx, first row empty: the row to give" "$ERR" "gov-profile: blank.xlsx:1: a blank row, not a header: give --header-row 2, the first row not blank"
run gov-profile --format ndjson --header-row 2 blank.xlsx
like "xlsx --header-row 2: the real header" "$RC:$OUT" '^0:.*"rows":1,"blank_rows":0,"fields":\[\{"name":"id",'

done_testing
