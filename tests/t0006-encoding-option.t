#!/bin/sh
# --encoding names the encoding of a CSV file.  A workbook names its own
# (its XML says so), and the option was dropped for one without a word:
# an officer who gave --encoding gbk for a .xlsx thought it applied.  Each
# tool that takes it now says, once for each workbook, that it is ignored;
# what the tool reads and its exit status are as before.
. "$(dirname "$0")/lib.sh"

printf '{"id":"1","name":"张三"}\n' >rows.jsonl
gov-xlsx -o book.xlsx rows.jsonl
w="book.xlsx: --encoding gbk ignored: a workbook names its own encoding (the option is for CSV)"

run gov-records --encoding gbk book.xlsx
is "gov-records: the workbook read, exit 0, the option named as ignored" \
	"$RC:$OUT:$ERR" "0:{\"id\":\"1\",\"name\":\"张三\"}:gov-records: $w"
run gov-records book.xlsx
is "gov-records: nothing said without the option" "$RC:$ERR" "0:"
run gov-check --encoding gbk --format ndjson book.xlsx
is "gov-check: exit 0, the option named as ignored" "$RC:$ERR" "0:gov-check: $w"
like "gov-check: the workbook read" "$OUT" '"rows":1,"fields":2,"encoding":"xlsx","findings":0'
run gov-check --format ndjson book.xlsx
is "gov-check: nothing said without the option" "$RC:$ERR" "0:"
run gov-profile --encoding gbk --format ndjson book.xlsx
is "gov-profile: exit 0, the option named as ignored" "$RC:$ERR" "0:gov-profile: $w"
like "gov-profile: the workbook read" "$OUT" '"file":"book.xlsx","encoding":"xlsx","delimiter":null,"rows":1,'
run gov-catalog describe --encoding gbk book.xlsx
is "gov-catalog describe: exit 0, the option named as ignored" "$RC:$ERR" "0:gov-catalog: $w"
like "gov-catalog describe: the workbook read" "$OUT" '"format":"xlsx","items":\[\{"name":"id",'

# a workbook among CSV files: named once, the CSV read in the encoding
printf 'id,name\n1,\325\305\310\375\n' >gbk.csv
run gov-profile --encoding gbk --format ndjson gbk.csv book.xlsx
is "gov-profile, a CSV and a workbook: only the workbook named" "$RC:$ERR" "0:gov-profile: $w"
like "gov-profile: the CSV decoded" "$OUT" '"value":"张三"'
# a --ref workbook of gov-check too
cat >s.json <<'S'
{"fields":[{"name":"id","type":"string"},{"name":"name","type":"string"}],
 "foreignKeys":[{"fields":"id","reference":{"resource":"ids","fields":"id"}}]}
S
run gov-check --encoding gbk --format ndjson -s s.json --ref ids=book.xlsx gbk.csv
is "gov-check: a --ref workbook named, the CSV checked clean" "$RC:$ERR" "0:gov-check: $w"

done_testing
