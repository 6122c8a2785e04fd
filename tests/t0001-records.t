#!/bin/sh
# gov-records: CSV, TSV, GBK and XLSX in, exact records out.
. "$(dirname "$0")/lib.sh"

# RFC 4180 edge cases, all in one file: quotes, doubled quotes, embedded
# CR/LF, an empty field, a blank row, a row too short, a row too long,
# CRLF line ends and no final newline.
printf 'name,note,n\r\n"Li, Wei","said ""hi""\nthere",3\r\n\r\nZhang,,5\r\nonly\r\na,b,c,d' >edge.csv
run gov-records edge.csv
is "edge cases: records" "$OUT" '{"name":"Li, Wei","note":"said \"hi\"\nthere","n":"3"}
{"name":"Zhang","note":"","n":"5"}
{"name":"only","note":"","n":""}
{"name":"a","note":"b","n":"c","column_4":"d"}'
is "edge cases: rows reported with spreadsheet rows" "$ERR" "gov-records: edge.csv:5: 1 cell, header has 3
gov-records: edge.csv:6: 4 cells, header has 3; extra cells kept as column_N"
is "edge cases: exit 1 for unreadable rows" "$RC" 1

printf 'a,b\n1,2\n' >clean.csv
run gov-records --type progress clean.csv
is "--type adds the type first" "$OUT" '{"type":"progress","a":"1","b":"2"}'
is "clean file exits 0" "$RC" 0
is "clean file: nothing on stderr" "$ERR" ""

printf 'a,b\n1,2\n\n3,4\n' >gaps.csv
run gov-records --provenance gaps.csv
is "--provenance names file and spreadsheet row" "$OUT" '{"_file":"gaps.csv","_row":2,"a":"1","b":"2"}
{"_file":"gaps.csv","_row":4,"a":"3","b":"4"}'

run_in clean.csv gov-records
is "standard input" "$OUT" '{"a":"1","b":"2"}'
run_in clean.csv gov-records -
is "'-' is standard input" "$OUT" '{"a":"1","b":"2"}'

printf 'a\tb c\n1\t2 3\n' >t.tsv
run gov-records t.tsv
is "TSV by extension" "$OUT" '{"a":"1","b c":"2 3"}'
printf 'a;b\n1;2\n' >semi.csv
run gov-records semi.csv
is "semicolon detected" "$OUT" '{"a":"1","b":"2"}'
run gov-records -d tab t.tsv
is "-d tab" "$OUT" '{"a":"1","b c":"2 3"}'

printf ',x,x\n1,2,3\n' >heads.csv
run gov-records heads.csv
is "blank and repeated headers get keys of their own" "$OUT" '{"column_1":"1","x":"2","x_3":"3"}'

# GBK with Chinese headers, masked personal data.
printf '姓名,身份证号,电话,单位\n张三,15050219900228123X,13812345678,通辽市数据局\n' | iconv -f UTF-8 -t GBK >gbk.csv
run gov-records gbk.csv
is "GBK transcoded, personal data masked" "$OUT" '{"姓名":"张三","身份证号":"150502********123X","电话":"138****5678","单位":"通辽市数据局"}'
run gov-records --no-mask gbk.csv
is "--no-mask shows them" "$OUT" '{"姓名":"张三","身份证号":"15050219900228123X","电话":"13812345678","单位":"通辽市数据局"}'
run gov-records --encoding gb18030 gbk.csv
is "--encoding given" "$(printf '%s' "$OUT" | head -c 14)" '{"姓名":"张'

printf '\357\273\277a,b\nx\377y,2\n' >bad.csv
run gov-records bad.csv
is "invalid UTF-8 replaced" "$OUT" '{"a":"x?y","b":"2"}'
is "invalid UTF-8 reported with row and column" "$ERR" "gov-records: bad.csv:2: column 1: bytes not valid in the encoding, replaced by '?'"
is "invalid UTF-8: exit 1" "$RC" 1

# Typed by a schema.
cat >s.json <<'JSON'
{"fields":[{"name":"id","type":"integer"},{"name":"amount","type":"number"},
 {"name":"ok","type":"boolean"},{"name":"when","type":"date"},{"name":"who","type":"string"}],
 "missingValues":["","NA"]}
JSON
printf 'id,amount,ok,when,who\n1,2.5,true,2025-01-02,x\n2,NA,false,,\nthree,1,true,2025-01-02,y\n' >typed.csv
run gov-records -s s.json typed.csv
is "schema types values, missing values are null" "$OUT" '{"id":1,"amount":2.5,"ok":true,"when":"2025-01-02","who":"x"}
{"id":2,"amount":null,"ok":false,"when":null,"who":null}
{"id":"three","amount":1,"ok":true,"when":"2025-01-02","who":"y"}'
like "a value that does not cast is reported" "$ERR" "typed.csv:4: value 'three' of 'id' is not of its type"
is "schema: exit 1 on a bad value" "$RC" 1

run gov-records --format text -s s.json typed.csv
is "--format text: one block a record, keys aligned" "$(printf '%s\n' "$OUT" | head -6)" "typed.csv:2
  id      1
  amount  2.5
  ok      true
  when    2025-01-02
  who     x"
run gov-records --format yaml clean.csv
is "--format: unknown one is a usage error" "$RC" 2


# XLSX in: a workbook made by openpyxl.
py - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "进度"
ws.append(["task", "unit", "percent", "date", "done"])
ws.append(["12", "shujuju", 60, datetime.date(2025, 9, 30), True])
ws.append(["13", "通辽市数据局", 12.5, None, False])
ws2 = wb.create_sheet("other")
ws2.append(["k"]); ws2.append(["v"])
wb.save("filled.xlsx")
PY
run gov-records --type progress filled.xlsx
is "XLSX: first sheet, typed text" "$OUT" '{"type":"progress","task":"12","unit":"shujuju","percent":"60","date":"2025-09-30","done":"TRUE"}
{"type":"progress","task":"13","unit":"通辽市数据局","percent":"12.5","date":"","done":"FALSE"}'
is "XLSX: exit 0" "$RC" 0
run gov-records --sheet other filled.xlsx
is "XLSX: --sheet" "$OUT" '{"k":"v"}'
run gov-records --sheet nope filled.xlsx
is "XLSX: unknown sheet exits 2" "$RC" 2
like "XLSX: unknown sheet named" "$ERR" "nope"

# -o is atomic: success writes the file, failure leaves none.
run gov-records -o out.jsonl clean.csv
is "-o: nothing on stdout" "$OUT" ""
is "-o: file written" "$(cat out.jsonl)" '{"a":"1","b":"2"}'
run gov-records -o out2.jsonl clean.csv missing.csv
is "-o: unreadable input exits 2" "$RC" 2
ok "-o: failed run leaves no file" test ! -e out2.jsonl
is "-o: no temporary left behind" "$(ls -A | grep -c '^\.out2')" 0

# -o onto something that is not a regular file writes into it, never
# renames a temporary file over it (which would replace a device node).
mkfifo fifo
cat fifo >from-fifo &
reader=$!
run gov-records -o fifo clean.csv
wait "$reader"
is "-o FIFO: written through it" "$(cat from-fifo)" '{"a":"1","b":"2"}'
ok "-o FIFO: still a FIFO" test -p fifo
if mknod fullnode c 1 7 2>/dev/null; then
	run gov-records -o fullnode clean.csv
	is "-o a full device: exit 2" "$RC" 2
	like "-o a full device: said so" "$ERR" "unable to write 'fullnode': No space left on device"
	ok "-o a full device: still the device" test -c fullnode
	run gov-xlsx -o fullnode out.jsonl
	is "gov-xlsx -o a device: refused" "$RC:$ERR" "2:gov-xlsx: 'fullnode' is not a regular file; a workbook is written to a file"
	ok "gov-xlsx -o a device: still the device" test -c fullnode
else
	pass "-o a device: mknod needs root (FIFO case above covers the path)"
fi

run gov-records missing.csv
is "missing file: exit 2" "$RC" 2
is "missing file: message names it" "$ERR" "gov-records: unable to open 'missing.csv': No such file or directory"
mkdir adir
run gov-records adir
is "directory: exit 2" "$RC" 2
like "directory: message names it" "$ERR" "adir"
printf 'not a zip' >fake.xlsx
run gov-records fake.xlsx
is "corrupt workbook: exit 2" "$RC" 2
like "corrupt workbook: message names it" "$ERR" "fake.xlsx"
: >empty.csv
run gov-records empty.csv
is "empty file: no records, exit 2 as gov-check" "$RC:$OUT" "2:"
is "empty file: said so as gov-check does" "$ERR" "gov-records: empty.csv: file is empty"
printf 'a,b\n' >header.csv
run gov-records header.csv
is "only a header: no records, exit 0" "$RC:$OUT" "0:"

# A closed pipe ends quietly.
awk 'BEGIN { print "a,b"; for (i = 0; i < 200000; i++) print i "," i }' >long.csv
gov-records long.csv 2>pipe.err | head -1 >/dev/null
is "closed pipe: nothing on stderr" "$(cat pipe.err)" ""
done_testing
