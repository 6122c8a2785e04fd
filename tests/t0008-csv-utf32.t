#!/bin/sh
# CSV in UTF-32 (PowerShell's Out-File -Encoding utf32, some Windows
# exports).  With a byte-order mark, UTF-32LE's (FF FE 00 00) was taken for
# UTF-16LE's and the file decoded as UTF-16LE: a NUL between every two
# characters, a finding or an error on every row, exit 1; UTF-32BE's
# (00 00 FE FF) was no mark at all and the file read as UTF-8 full of
# NULs.  Without a mark it was read the same, as UTF-8 or GB18030.  Now a
# BOM is read as what it is, the file transcoded as UTF-16 with a BOM is,
# and a file that looks like UTF-32 without one (a code point in every
# group of four bytes, its high bytes NUL) is refused, exit 2, naming
# UTF-32 and --encoding utf-32le/utf-32be, which reads it.
. "$(dirname "$0")/lib.sh"

# A duplicate header, a missing cell, an ID number and a phone to mask, a
# quoted field holding a comma and a CRLF, a character past U+FFFF
printf 'id,name,name,phone,note\r\n1,张三,x,13812345678,"a,b\r\nc"\r\n2,𠮷,y,110101199003070011\r\n3,李四,z,,€\r\n' >u8.csv
iconv -f utf-8 -t utf-32le u8.csv >le.csv
iconv -f utf-8 -t utf-32be u8.csv >be.csv
{ printf '\377\376\000\000'; cat le.csv; } >bomle.csv
{ printf '\000\000\376\377'; cat be.csv; } >bombe.csv

RECORDS='{"id":"1","name":"张三","name_3":"x","phone":"138****5678","note":"a,b\r\nc"}
{"id":"2","name":"𠮷","name_3":"y","phone":"110101********0011","note":""}
{"id":"3","name":"李四","name_3":"z","phone":"","note":"€"}'
run gov-records u8.csv
is "UTF-8: the records, the short row named, exit 1" "$RC:$OUT:$ERR" \
	"1:$RECORDS:gov-records: u8.csv:3: 4 cells, header has 5"

# findings: the finding lines, their file name left out
findings() { printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/"file":"[^"]*",//'; }
run gov-check --format ndjson u8.csv
u8_check_rc=$RC u8_findings=$(findings)
is "UTF-8: gov-check's findings" "$u8_check_rc:$(printf '%s\n' "$OUT" | jq -c 'select(.type=="finding") | [.row, .column, .check]' | tr '\n' ' ')" \
	'1:[null,3,"duplicate-header"] [3,5,"missing-cell"] '
run gov-profile --format ndjson u8.csv
u8_profile=$(printf '%s\n' "$OUT" | sed 's/"file":"[^"]*","encoding":"[^"]*",//')
u8_profile_rc=$RC

for b in bomle bombe; do
	case $b in bomle) enc=utf-32le ;; bombe) enc=utf-32be ;; esac
	run gov-records $b.csv
	is "gov-records $b.csv: the records of the UTF-8 file, exit and stderr the same" \
		"$RC:$OUT:$ERR" "1:$RECORDS:gov-records: $b.csv:3: 4 cells, header has 5"
	run_in $b.csv gov-records -
	is "gov-records - <$b.csv: the same" "$RC:$OUT:$ERR" "1:$RECORDS:gov-records: (stdin):3: 4 cells, header has 5"
	run gov-check --format ndjson $b.csv
	is "gov-check $b.csv: the findings of the UTF-8 file, exit the same" \
		"$RC:$(findings)" "$u8_check_rc:$u8_findings"
	like "gov-check $b.csv: the summary names $enc" "$OUT" \
		"\"type\":\"summary\",\"file\":\"$b.csv\",.*\"rows\":3,\"fields\":5,\"encoding\":\"$enc\",\"findings\":2,"
	run gov-profile --format ndjson $b.csv
	is "gov-profile $b.csv: the UTF-8 file's profile, exit the same" \
		"$RC:$(printf '%s\n' "$OUT" | sed 's/"file":"[^"]*","encoding":"[^"]*",//')" \
		"$u8_profile_rc:$u8_profile"
	like "gov-profile $b.csv: the encoding named" "$OUT" \
		"^\\{\"type\":\"profile\",\"file\":\"$b.csv\",\"encoding\":\"$enc\","
	# a BOM wins over --encoding, as UTF-16's does
	run gov-records --encoding utf-16le $b.csv
	is "gov-records --encoding utf-16le $b.csv: the BOM wins" \
		"$RC:$OUT" "1:$RECORDS"
done

# Without a BOM: refused, exit 2, nothing out, the remedy named
for tool in gov-check gov-profile gov-records "gov-catalog describe"; do
	for b in le be; do
		case $b in le) e=UTF-32LE o=utf-32le ;; be) e=UTF-32BE o=utf-32be ;; esac
		run $tool $b.csv
		is "$tool $b.csv: exit 2, file and remedy named, nothing out" \
			"$RC:$OUT:$ERR" \
			"2::${tool%% *}: '$b.csv' looks like $e without a byte-order mark; save it as UTF-8, or give --encoding $o"
	done
done
run_in be.csv gov-records -
is "standard input: named as such" "$RC:$OUT:$ERR" \
	"2::gov-records: '(stdin)' looks like UTF-32BE without a byte-order mark; save it as UTF-8, or give --encoding utf-32be"
run gov-records -o out.json le.csv
is "-o: no output file" "$RC:$(ls out.json 2>/dev/null)" "2:"
# Chinese only: still told
printf '姓名,单位\n张一,市大数据局\n' | iconv -f utf-8 -t utf-32le >zh.csv
run gov-check zh.csv
is "Chinese only: refused" "$RC:$OUT:$ERR" \
	"2::gov-check: 'zh.csv' looks like UTF-32LE without a byte-order mark; save it as UTF-8, or give --encoding utf-32le"

# The remedy reads it
for b in le be; do
	case $b in le) o=utf-32le ;; be) o=UTF32BE ;; esac
	run gov-records --encoding $o $b.csv
	is "gov-records --encoding $o $b.csv: read" "$RC:$OUT:$ERR" \
		"1:$RECORDS:gov-records: $b.csv:3: 4 cells, header has 5"
	run gov-check --format ndjson --encoding $o $b.csv
	is "gov-check --encoding $o $b.csv: the UTF-8 file's findings" \
		"$RC:$(findings)" "$u8_check_rc:$u8_findings"
done

# Past the first block read (1 MiB): 100,000 rows in UTF-32LE with a BOM
py -c "
rows=['id,name']+['%d,张%d'%(i,i) for i in range(100000)]
open('big.csv','wb').write(('\n'.join(rows)+'\n').encode('utf-32'))"
run gov-records big.csv
is "a big UTF-32 file: every row, the last one whole" \
	"$RC:$(printf '%s\n' "$OUT" | wc -l):$(printf '%s\n' "$OUT" | tail -1):$ERR" \
	'0:100000:{"id":"99999","name":"张99999"}:'

# UTF-16 stays UTF-16: a column of one-character values in UTF-16LE (each
# group of four bytes a code point below U+10FFFF) is named UTF-16LE, read
# as UTF-16LE with its BOM
printf 'n\n1\n2\n3\n4\n5\n' | iconv -f utf-8 -t utf-16le >one16.csv
run gov-records one16.csv
is "UTF-16LE, one character a line: named UTF-16LE" "$RC:$OUT:$ERR" \
	"2::gov-records: 'one16.csv' looks like UTF-16LE without a byte-order mark; save it as UTF-8, or give --encoding utf-16le"
{ printf '\377\376'; cat one16.csv; } >bom16.csv
run gov-records bom16.csv
is "UTF-16LE with its BOM: read" "$RC:$(printf '%s\n' "$OUT" | tr '\n' ' '):$ERR" \
	'0:{"n":"1"} {"n":"2"} {"n":"3"} {"n":"4"} {"n":"5"} :'
done_testing
