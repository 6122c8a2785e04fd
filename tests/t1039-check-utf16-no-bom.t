#!/bin/sh
# A UTF-16 file without a byte-order mark (Excel's and Notepad's "Unicode
# text" saved by some exporters without one: every other byte NUL) was
# read as UTF-8: gov-check found blank headers and missing cells, gov-
# profile and gov-records printed names and values full of NULs, exit 0
# or 1 as if the file were a bad table.  The readers share csv.c: a file
# whose first block has NUL bytes in one of the two byte positions is now
# refused, exit 2, with a message naming the file and the remedy.  It is
# not read as UTF-16 on a guess: a Chinese text has few NULs to tell by,
# and --encoding utf-16le reads it as the officer means (as before).
. "$(dirname "$0")/lib.sh"

printf 'id,name\r\n1,张三\r\n2,李四\r\n' >u8.csv
iconv -f utf-8 -t utf-16le u8.csv >le.csv
iconv -f utf-8 -t utf-16be u8.csv >be.csv
# Chinese only, one of them U+4E00 (a NUL in the other byte): few NULs,
# still told
printf '姓名,单位\n张一,市大数据局\n' | iconv -f utf-8 -t utf-16le >zh.csv

for tool in gov-check gov-profile gov-records; do
	for f in le be zh; do
		case $f in be) e=UTF-16BE o=utf-16be ;; *) e=UTF-16LE o=utf-16le ;; esac
		run $tool $f.csv
		is "$tool $f.csv: exit 2, file and remedy named, nothing out" \
			"$RC:$OUT:$ERR" \
			"2::$tool: '$f.csv' looks like $e without a byte-order mark; save it as UTF-8, or give --encoding $o"
	done
done

# Standard input: the same
run_in le.csv gov-records -
is "standard input: named as such" "$RC:$ERR" \
	"2:gov-records: '(stdin)' looks like UTF-16LE without a byte-order mark; save it as UTF-8, or give --encoding utf-16le"

# With --encoding: read as told
run gov-records --encoding utf-16le le.csv
is "--encoding utf-16le: read" "$RC:$OUT:$ERR" \
	'0:{"id":"1","name":"张三"}
{"id":"2","name":"李四"}:'
run gov-records --encoding utf-16be be.csv
is "--encoding utf-16be: read" "$RC:$OUT" \
	'0:{"id":"1","name":"张三"}
{"id":"2","name":"李四"}'
run gov-check --encoding utf-16le --format ndjson le.csv
like "gov-check --encoding utf-16le: clean" "$RC:$OUT" \
	'^0:\{"type":"summary","file":"le\.csv",.*"rows":2,"fields":2,"encoding":"utf-16le","findings":0,'

# With a BOM: read as before
{ printf '\377\376'; cat le.csv; } >bom.csv
run gov-records bom.csv
is "a byte-order mark: read as before" "$RC:$OUT:$ERR" \
	'0:{"id":"1","name":"张三"}
{"id":"2","name":"李四"}:'

# UTF-8 with a NUL or two in the first block is no UTF-16
printf 'id,note\n1,a\000b\n2,c\000\000d\n3,plain text here\n' >nul8.csv
run gov-records nul8.csv
is "UTF-8 with stray NULs: read as before" "$RC:$OUT" \
	'0:{"id":"1","note":"a\u0000b"}
{"id":"2","note":"c\u0000\u0000d"}
{"id":"3","note":"plain text here"}'
done_testing
