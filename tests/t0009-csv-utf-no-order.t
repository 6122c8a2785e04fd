#!/bin/sh
# --encoding utf-32 or utf-16 (no byte order named) on a file without a
# byte-order mark was handed to iconv as it was, which takes the machine's
# order (little-endian here): a file in the other order came out as '?'s
# and "bytes not valid in the encoding", no record, exit 1.  Now the order
# is told from the data (an ASCII character's NUL high bytes), the
# encoding named with it, and when the data does not tell the file is
# refused, exit 2, asking for the order.
. "$(dirname "$0")/lib.sh"

printf 'id,name,phone\r\n1,张三,13812345678\r\n2,𠮷,\r\n' >u8.csv
for o in 32le 32be 16le 16be; do iconv -f utf-8 -t utf-$o u8.csv >$o.csv; done

RECORDS='{"id":"1","name":"张三","phone":"138****5678"}
{"id":"2","name":"𠮷","phone":""}'
for o in 32le 32be 16le 16be; do
	case $o in 32*) name=utf-32 alt=UTF32 ;; 16*) name=utf-16 alt=Utf_16 ;; esac
	run gov-records --encoding $name $o.csv
	is "gov-records --encoding $name $o.csv: the records" "$RC:$OUT:$ERR" "0:$RECORDS:"
	run_in $o.csv gov-records --encoding $alt -
	is "gov-records --encoding $alt - <$o.csv: the same" "$RC:$OUT:$ERR" "0:$RECORDS:"
	run gov-profile --format ndjson --encoding $name $o.csv
	like "gov-profile --encoding $name $o.csv: utf-$o named, 2 rows" "$RC:$OUT" \
		"^0:\\{\"type\":\"profile\",\"file\":\"$o.csv\",\"encoding\":\"utf-$o\",\"delimiter\":\",\",\"rows\":2,\"blank_rows\":0,\"fields\":"
	run gov-check --format ndjson --encoding $name $o.csv
	like "gov-check --encoding $name $o.csv: no finding, utf-$o named" "$RC:$OUT" \
		"^0:.*\"rows\":2,\"fields\":3,\"encoding\":\"utf-$o\",\"findings\":0,"
done

# Nothing tells the order: refused, nothing out, the remedy named
printf '\000\000\000\000\000\000\000\000' >nul32.csv
run gov-records --encoding utf-32 -o out.json nul32.csv
is "UTF-32, order not told: exit 2, asked for, no output file" "$RC:$OUT:$ERR:$(ls out.json 2>/dev/null)" \
	"2::gov-records: 'nul32.csv': the byte order of its UTF-32 cannot be told (no byte-order mark); give --encoding utf-32le or utf-32be:"
printf '\101\101\102\102' >ab16.csv
run gov-profile --encoding utf16 ab16.csv
is "UTF-16, order not told: exit 2, asked for" "$RC:$OUT:$ERR" \
	"2::gov-profile: 'ab16.csv': the byte order of its UTF-16 cannot be told (no byte-order mark); give --encoding utf-16le or utf-16be"

# A byte-order mark still wins; the order named still read as named
{ printf '\000\000\376\377'; cat 32be.csv; } >bom32.csv
run gov-records --encoding utf-32 bom32.csv
is "a BOM: read by it" "$RC:$OUT:$ERR" "0:$RECORDS:"
run gov-records --encoding utf-32le 32be.csv
is "utf-32le named on a BE file: as before, read as LE, errors" "$RC" "1"
done_testing
