#!/bin/sh
# A CSV file whose byte-order mark is written twice (a UTF-8 export with a
# BOM, re-saved by a program that adds its own) had the second mark, U+FEFF,
# read as the first character of the first header name: the key
# "\uFEFFid", which shows as "id" but which jq .id and a schema's "id" do
# not match (gov-check: missing-column and extra-column).  Now every mark
# at the start is skipped, in UTF-8 as in UTF-16 and UTF-32.
. "$(dirname "$0")/lib.sh"

printf '\357\273\277\357\273\277id,name\r\n1,张三\r\n' >u8.csv
RECORDS='{"id":"1","name":"张三"}'
run gov-records u8.csv
is "UTF-8, two marks: the key is id" "$RC:$OUT:$ERR" "0:$RECORDS:"
run_in u8.csv gov-records -
is "the same from standard input" "$RC:$OUT:$ERR" "0:$RECORDS:"
printf '{"fields":[{"name":"id","type":"integer"},{"name":"name"}]}\n' >s.json
run gov-check --format ndjson -s s.json u8.csv
is "gov-check -s: the header matches the schema, no finding" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"
run gov-profile --format ndjson u8.csv
like "gov-profile: the first field is id" "$RC:$OUT" '^0:.*"fields":\[\{"name":"id","type":"integer",'

# three marks, and UTF-16LE's and UTF-32BE's twice
printf '\357\273\277\357\273\277\357\273\277id,name\r\n1,张三\r\n' >u8x3.csv
printf 'id,name\r\n1,张三\r\n' | iconv -f utf-8 -t utf-16le >le.raw
printf 'id,name\r\n1,张三\r\n' | iconv -f utf-8 -t utf-32be >be.raw
{ printf '\377\376\377\376'; cat le.raw; } >le.csv
{ printf '\000\000\376\377\000\000\376\377'; cat be.raw; } >be.csv
for f in u8x3 le be; do
	run gov-records $f.csv
	is "$f.csv: the key is id" "$RC:$OUT:$ERR" "0:$RECORDS:"
done

# one mark and nothing else, or two: still an empty file
printf '\357\273\277\357\273\277' >marks.csv
run gov-records marks.csv
is "two marks only: an empty file" "$RC:$OUT:$ERR" "2::gov-records: marks.csv: file is empty"
# U+FEFF past the start is data, kept
printf 'id,name\r\n1,\357\273\277x\r\n' >mid.csv
run gov-records mid.csv
is "U+FEFF in a value: kept" "$RC:$OUT" '0:{"id":"1","name":"﻿x"}'
done_testing
