#!/bin/sh
# gov-profile: an Excel error cell (#DIV/0!, #N/A, ...) in a workbook is no
# value of its column: counted in nulls, left out of the type and the
# statistics, and named on standard error by its cell, where it was
# profiled as text (a money column typed string, its min "#DIV/0!"), and
# the draft schema then let gov-check pass the error cell.  In a CSV the
# same text is a value someone wrote.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["id", "amount", "lookup"])
ws.append([1, 12.5, "x"])
ws.append([2, "#DIV/0!", "#N/A"])   # openpyxl writes these as t="e"
ws.append([3, 3, "y"])
ws.append([4, "#VALUE!", "#REF!"])
wb.save("err.xlsx")
ws = openpyxl.Workbook().active
ws.append(["n"])
for i in range(25):
    ws.append(["#NUM!"])
ws.append([7])
ws.parent.save("many.xlsx")
PY
is "the workbook holds error cells" "$(py -c 'import zipfile; print(zipfile.ZipFile("err.xlsx").read("xl/worksheets/sheet1.xml").count(b"t=\"e\""))')" 4

run gov-profile --format ndjson err.xlsx
is "error cells: exit 0" "$RC" 0
is "error cells: the profile" "$OUT" '{"type":"profile","file":"err.xlsx","encoding":"xlsx","delimiter":null,"rows":4,"blank_rows":0,"fields":[{"name":"id","type":"integer","format":null,"nulls":0,"distinct":4,"distinct_exact":true,"min":1,"max":4,"mean":2.5,"min_length":1,"max_length":1,"top":[{"value":"1","count":1},{"value":"2","count":1},{"value":"3","count":1},{"value":"4","count":1}]},{"name":"amount","type":"number","format":null,"nulls":2,"distinct":2,"distinct_exact":true,"min":3,"max":12.5,"mean":7.75,"min_length":1,"max_length":4,"top":[{"value":"12.5","count":1},{"value":"3","count":1}]},{"name":"lookup","type":"string","format":null,"nulls":2,"distinct":2,"distinct_exact":true,"min":"x","max":"y","mean":null,"min_length":1,"max_length":1,"top":[{"value":"x","count":1},{"value":"y","count":1}]}]}'
is "error cells: each named by its cell" "$ERR" "gov-profile: err.xlsx:3: cell B3: #DIV/0!, an Excel error, not a value (counted in nulls)
gov-profile: err.xlsx:3: cell C3: #N/A, an Excel error, not a value (counted in nulls)
gov-profile: err.xlsx:5: cell B5: #VALUE!, an Excel error, not a value (counted in nulls)
gov-profile: err.xlsx:5: cell C5: #REF!, an Excel error, not a value (counted in nulls)"

# The draft types the money column a number, and gov-check with it finds
# the error cell.
run gov-profile --schema --format ndjson err.xlsx
is "error cells: the draft" "$OUT" '{"fields":[{"name":"id","type":"integer","constraints":{"required":true,"minimum":0,"maximum":10}},{"name":"amount","type":"number","constraints":{"minimum":0,"maximum":100}},{"name":"lookup","type":"string"}],"missingValues":[""],"primaryKey":["id"]}'
printf '%s\n' "$OUT" >err.schema.json
run gov-check -s err.schema.json --format ndjson err.xlsx
is "gov-check with the draft: exit 1" "$RC" 1
like "gov-check with the draft: the error cell is no number" "$OUT" '"row":3,"column":2,"field":"amount","check":"type",.*"value":"#DIV/0!"'

# Past 20 cells, how many in all; a column of errors and one number.
run gov-profile --format ndjson many.xlsx
is "25 error cells: exit 0" "$RC" 0
like "25 error cells: the number alone" "$OUT" '"name":"n","type":"integer","format":null,"nulls":25,"distinct":1,.*"min":7,"max":7,'
is "25 error cells: 20 named, then how many" "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 21
is "25 error cells: the last line" "$(printf '%s\n' "$ERR" | tail -1)" "gov-profile: many.xlsx: 25 cells in all with an Excel error"

# In a CSV "#N/A" is text someone wrote: a value, nothing said.
printf 'amount\n12.5\n#N/A\n' >err.csv
run gov-profile --format ndjson err.csv
is "CSV: exit 0" "$RC" 0
like "CSV: #N/A a value" "$OUT" '"name":"amount","type":"string","format":null,"nulls":0,"distinct":2,.*"min":"#N/A","max":"12.5",'
is "CSV: nothing on stderr" "$ERR" ""

done_testing
