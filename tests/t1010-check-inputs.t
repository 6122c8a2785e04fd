#!/bin/sh
# gov-check reads JSON Lines from a pipe with --jsonl, and a workbook's
# sheet directly, with the same findings as from the CSV.
. "$(dirname "$0")/lib.sh"

q=$T_TOP/samples/quality
run gov-check -s "$q/residents.schema.json" --ref communities="$q/communities.csv" \
	--today 2025-10-15 "$q/residents.csv"
csv_findings=$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')

gov-records --no-mask "$q/residents-clean.csv" >clean.jsonl
run_in clean.jsonl gov-check -s "$q/residents.schema.json" \
	--ref communities="$q/communities.csv" --today 2025-10-15 --jsonl -
is "--jsonl -: records from gov-records check clean" "$RC" 0
like "--jsonl -: every row read" "$OUT" '"rows":480'

py - "$q/residents.csv" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人口"
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for row in csv.reader(f):
        ws.append(row)
other = wb.create_sheet("other")
other.append(["x"])
other.append(["y"])
wb.save("residents.xlsx")
PY
run gov-check -s "$q/residents.schema.json" --ref communities="$q/communities.csv" \
	--today 2025-10-15 residents.xlsx
is "workbook: exit 1 with the planted problems" "$RC" 1
like "workbook: read as a workbook" "$OUT" '"file":"residents.xlsx","sha256":"[0-9a-f]{64}","rows":[0-9]+,"fields":18,"encoding":"xlsx"'
xlsx_findings=$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')
# The CSV has a few planted byte-level problems (encoding, ragged rows)
# a workbook cannot carry; the value checks are the same.
like "workbook: findings like the CSV's" "$xlsx_findings" '^[0-9]+$'
is "workbook: type findings as in the CSV" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"format"')" \
	"$(gov-check -s "$q/residents.schema.json" --ref communities="$q/communities.csv" --today 2025-10-15 "$q/residents.csv" | grep -c '"check":"format"')"
run gov-check --sheet other residents.xlsx
like "--sheet chooses the sheet" "$OUT" '"rows":1,"fields":1'
run gov-check --sheet nope residents.xlsx
is "--sheet unknown: exit 2" "$RC" 2
like "--sheet unknown: named" "$ERR" "nope"
run_in residents.xlsx gov-check -
is "a workbook on standard input: exit 2" "$RC" 2
like "a workbook on standard input: said so" "$ERR" "zip archive \\(an .xlsx workbook\\?\\)"
is "csv findings counted" "$([ "$csv_findings" -gt 50 ] && echo yes)" yes
# A Table Schema given as the data: refused by name, not checked as CSV.
printf '%s\n' '{' '  "fields": [{"name": "id", "type": "integer"}]' '}' >given.schema.json
run gov-check given.schema.json
is "a JSON document as data: exit 2" "$RC" 2
like "a JSON document as data: says so" "$ERR" '^gov-check: given.schema.json: a JSON document, not a table of records'
is "a JSON document as data: no record" "$OUT" ""
# A line of only spaces or tabs in JSON Lines is skipped as an empty line
# is, and as every other tool's reader skips it (gov-profile, gov-xlsx...).
# Before, it was an 'encoding' finding 'the line is not valid JSON', exit 1,
# where gov-profile read the same file clean.
printf '{"a":"1"}\r\n \t\r\n{"a":"2"}\n\n   \n{"a":"3"}\n\t' >ws.jsonl
run gov-check --format ndjson ws.jsonl
is "JSON Lines, white-space lines: exit 0" "$RC" 0
is "JSON Lines, white-space lines: no finding" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 0
like "JSON Lines, white-space lines: three rows" "$OUT" '"rows":3,'
printf '{"fields":[{"name":"a","type":"integer","constraints":{"maximum":2}}]}\n' >ws.schema.json
run gov-check --format ndjson -s ws.schema.json ws.jsonl
is "JSON Lines, white-space lines: a finding keeps its line number" \
	"$(finding_fields row check)" "6 maximum"
# and a blank line of a file whose lines end CR CR LF (converted to CRLF
# twice) leaves a CR, which gov-check took for a bad line while every
# other tool skipped it: one predicate (jl_line_blank) serves all now
printf '{"a":"1"}\r\r\n \t\r\r\n{"a":"2"}\r\r\n' >crcr.jsonl
run gov-check --format ndjson crcr.jsonl
is "JSON Lines, CR CR LF blank line: exit 0" "$RC" 0
like "JSON Lines, CR CR LF blank line: two rows, no finding" "$OUT" '"rows":2,"fields":1,"encoding":"utf-8","findings":0,'
done_testing
