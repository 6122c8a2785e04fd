#!/bin/sh
# gov-profile: type inference (the narrowest type that fits every value),
# per-field statistics, CSV, TSV and JSON Lines.
. "$(dirname "$0")/lib.sh"
# What the tools print on stderr outside run (and any sanitizer report).
exec 2>"$SCRATCH/stderr.log"

# One column per type, a blank row, an empty column, codes with leading zeros.
cat >types.csv <<'CSV'
count,amount,mixed,flag,yesno,day,day_slash,stamp,stamp_space,clock,birth_year,plain,code,empty,ratio
1,10.5,1,true,是,2024-01-31,2024/01/31,2024-01-31T08:00:00,2024-01-31 08:00:00,08:00:00,1990,北京,001,,1e3
-2,3,x,false,否,2024-02-29,2024/02/29,2024-02-29T23:59:59+08:00,2024-02-29 23:59:59,23:59:59,2001,上海,002,,0.5
30,0.25,3,true,是,2023-12-01,2023/12/01,2023-12-01T00:00:00Z,2023-12-01 00:00:00,00:00:00,1985,北京,010,,-2.5
,,,,,,,,,,,,,,
4,-7,4,false,是,2024-03-01,2024/03/01,2024-03-01T12:30:00.5,2024-03-01 12:30:00,12:30:00,2024,北京,100,,7
CSV

run gov-profile types.csv
is "csv: exit 0" "$RC" 0
is "csv: nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >got.jsonl
same_file "csv: the profile record" got.jsonl "$(expected profile-types.jsonl)"

# The same table as TSV: the same fields, delimiter tab.
tr ',' '\t' <types.csv >types.tsv
run gov-profile types.tsv
is "tsv: exit 0" "$RC" 0
printf '%s\n' "$OUT" | sed 's/"file":"types.tsv"/"file":"types.csv"/; s/"delimiter":"\\t"/"delimiter":","/' >got-tsv.jsonl
same_file "tsv: same profile as the CSV" got-tsv.jsonl "$(expected profile-types.jsonl)"

# Narrowest type: one value more decides.
t_type() { # values... -> type of column v
	printf 'v\n' >one.csv
	for x in "$@"; do printf '%s\n' "$x" >>one.csv; done
	gov-profile one.csv | sed 's/.*"type":"\([a-z]*\)","format".*/\1/'
}
is "integers are integer"            "$(t_type 1 2 -3)" integer
is "one decimal makes number"        "$(t_type 1 2 2.5)" number
is "one word makes string"           "$(t_type 1 2.5 abc)" string
is "true/false is boolean"           "$(t_type true false TRUE)" boolean
is "0/1 stays integer"               "$(t_type 0 1 1)" integer
is "leading zeros are a code"        "$(t_type 010 020)" string
is "11 digits are a code, not a number" "$(t_type 10000000000 20000000000)" string
is "an impossible day is no date"    "$(t_type 2024-02-28 2023-02-29)" string
# gov-check's datetime of format "any" takes a date as its midnight
is "date and datetime mix is datetime" "$(t_type 2024-02-28 2024-02-28T10:00:00)" datetime
is "25:00:00 is no time"             "$(t_type 10:00:00 25:00:00)" string
is "four digits without a year name are integer" "$(t_type 1990 2001)" integer
is "a column of nulls is any"        "$(t_type '' '')" any

# JSON Lines: JSON numbers and booleans typed as they are; a string never
# becomes a number; mixed kinds and nested values are "any".
cat >rec.jsonl <<'JSONL'
{"n":1,"x":1.5,"s":"12","b":true,"d":"2024-05-01","m":1,"o":{"k":1},"tel":"13800138000"}
{"n":2,"x":2,"s":"abc","b":false,"d":"2024-05-02","m":"1","o":[1,2],"tel":"13900139000"}

{"n":3,"s":null,"d":"2024-05-03","extra":"late"}
JSONL
run gov-profile rec.jsonl
is "jsonl: exit 0" "$RC" 0
printf '%s\n' "$OUT" >got-jsonl.jsonl
same_file "jsonl: the profile record" got-jsonl.jsonl "$(expected profile-jsonl.jsonl)"

# --jsonl reads standard input as JSON Lines.
run_in rec.jsonl gov-profile --jsonl
printf '%s\n' "$OUT" | sed 's/"file":"-"/"file":"rec.jsonl"/' >got-stdin.jsonl
same_file "jsonl from stdin with --jsonl" got-stdin.jsonl "$(expected profile-jsonl.jsonl)"

# --top N
run gov-profile --top 1 types.csv
like "--top 1 keeps one value" "$OUT" '"name":"plain".*"top":\[\{"value":"北京","count":3\}\]'
# A key repeated in one JSON object counts once for its row.
printf '{"a":1,"a":2}\n{"a":3}\n{"b":1}\n' >dup.jsonl
run gov-profile dup.jsonl
like "repeated key: one value per row" "$OUT" '"name":"a","type":"integer","format":null,"nulls":1,"distinct":2,'

# A JSON number is a number whatever its digits (the code rule is for text).
printf '{"a":12345678901}\n{"a":2}\n' >big.jsonl
run gov-profile big.jsonl
like "JSON number of 11 digits: integer" "$OUT" '"name":"a","type":"integer",.*"min":2,"max":12345678901,'

# XLSX (openpyxl writes it): numbers, dates and text as a person sees them;
# --sheet picks a sheet.
py - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "居民"
ws.append(["name", "n", "amount", "day", "empty"])
ws.append(["王伟", 3, 12.5, datetime.date(2024, 1, 2), None])
ws.append(["李娜", 4, 3, datetime.date(2024, 2, 3), None])
ws.append([None, None, None, None, None])
ws.append(["张三", -1, 0.5, datetime.date(2023, 12, 31), None])
wb.create_sheet("other").append(["x"])
wb["other"].append(["a"])
wb.save("book.xlsx")
PY
run gov-profile book.xlsx
is "xlsx: exit 0" "$RC" 0
printf '%s\n' "$OUT" >got-xlsx.jsonl
same_file "xlsx: the profile record" got-xlsx.jsonl "$(expected profile-xlsx.jsonl)"
run gov-profile --sheet other book.xlsx
like "xlsx --sheet: that sheet" "$OUT" '^\{"type":"profile","file":"book.xlsx","sheet":"other",.*"fields":\[\{"name":"x","type":"string"'
run gov-profile --sheet nope book.xlsx
is "xlsx: unknown sheet, exit 2" "$RC" 2
like "xlsx: unknown sheet named" "$ERR" "nope"
is "nothing on stderr outside run" "$(cat "$SCRATCH/stderr.log")" ""
done_testing
