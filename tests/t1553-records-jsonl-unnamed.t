#!/bin/sh
# JSON Lines that gov-records refuses by the name *.jsonl came through as
# CSV when named *.json (which gov-profile and gov-check read as JSON
# Lines), *.txt, or piped in: each line cut at its commas into records such
# as {"{\"a\":1":"{\"a\":2", ...}, exit 0, nothing said.  Now refused,
# exit 2, nothing out, as *.jsonl is.
. "$(dirname "$0")/lib.sh"

printf '{"id":1,"name":"张三"}\n{"id":2,"name":"李四"}\n' >recs.jsonl
cp recs.jsonl recs.json
cp recs.jsonl recs.txt
run gov-records recs.json
is "*.json of JSON Lines: refused" "$RC:$OUT:$ERR" \
	"2::gov-records: recs.json: JSON Lines, records already (gov-records reads CSV, TSV and XLSX)"
printf '[{"id":1},\n{"id":2}]\n' >doc.json
run gov-records doc.json
is "*.json, a JSON document: refused" "$RC:$OUT:$ERR" \
	"2::gov-records: doc.json: a JSON document, not a table of records (JSON Lines hold one record a line; to check data against a Table Schema: gov-check -s SCHEMA DATA)"
run gov-records recs.txt
is "*.txt of JSON Lines: refused at its first line" "$RC:$OUT:$ERR" \
	"2::gov-records: recs.txt:1: a JSON object, not a CSV header: JSON Lines are records already (gov-records reads CSV, TSV and XLSX)"
run_in recs.jsonl gov-records -o out.json
is "piped in, -o: refused, no output file" "$RC:$OUT:$ERR:$(ls out.json 2>/dev/null)" \
	"2::gov-records: (stdin):1: a JSON object, not a CSV header: JSON Lines are records already (gov-records reads CSV, TSV and XLSX):"
printf '\357\273\277 { "id" : 1 }\r\n' >bom.txt
run gov-records bom.txt
is "a BOM and spaces before it: refused" "$RC" "2"

# CSV is still CSV: a header of braces without a quoted key, a .json
# suffix on nothing JSON, a JSON object in a data row
printf '{name},{phone}\nx,13812345678\n' >tpl.csv
run gov-records tpl.csv
is "a header {name},{phone}: read" "$RC:$OUT:$ERR" '0:{"{name}":"x","{phone}":"138****5678"}:'
printf 'id,doc\n1,"{""a"":1}"\n' >cell.csv
run gov-records cell.csv
is "JSON in a cell: read" "$RC:$OUT:$ERR" '0:{"id":"1","doc":"{\"a\":1}"}:'
printf 'id,name\n1,x\n' >csv.json
run gov-records csv.json
is "CSV named *.json: read" "$RC:$OUT:$ERR" '0:{"id":"1","name":"x"}:'
done_testing
