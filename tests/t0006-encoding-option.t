#!/bin/sh
# --encoding names the encoding of a CSV file, and of JSON Lines.  A
# workbook names its own (its XML says so), and the option was dropped for
# one without a word: an officer who gave --encoding gbk for a .xlsx
# thought it applied.  Each tool that takes it now says, once for each
# workbook, that it is ignored; what the tool reads and its exit status
# are as before.
. "$(dirname "$0")/lib.sh"

printf '{"id":"1","name":"张三"}\n' >rows.jsonl
gov-xlsx -o book.xlsx rows.jsonl
w="book.xlsx: --encoding gbk ignored: a workbook names its own encoding (the option is for text files)"

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
# two keys to the same workbook (or two names for it): named once, as
# for one key; it was named once for each key
cat >s2.json <<'S'
{"fields":[{"name":"id","type":"string"},{"name":"name","type":"string"}],
 "foreignKeys":[{"fields":"id","reference":{"resource":"ids","fields":"id"}},
                {"fields":"name","reference":{"resource":"ids","fields":"name"}},
                {"fields":["id","name"],"reference":{"resource":"people","fields":["id","name"]}}]}
S
run gov-check --encoding gbk --format ndjson -s s2.json --ref ids=book.xlsx --ref people=book.xlsx gbk.csv
is "gov-check: three keys to one --ref workbook, named once, the CSV checked clean" "$RC:$ERR" "0:gov-check: $w"
printf 'id,name\n1,\325\305\310\375\n' >ids.csv
run gov-check --encoding gbk --format ndjson -s s2.json --ref ids=ids.csv --ref people=book.xlsx gbk.csv
is "gov-check: a --ref CSV decoded for both its keys, the workbook named once" "$RC:$ERR" "0:gov-check: $w"

# JSON Lines are UTF-8 (RFC 8259), but a program on a Chinese Windows
# writes them in GBK.  --encoding gbk was ignored for them too: every
# Chinese value an encoding finding (gov-check, exit 1), the file refused
# (gov-profile, gov-catalog describe: invalid UTF-8, exit 2).  Each line
# is decoded now, before it is read as JSON: 乗 is 81 5C in GBK, a
# backslash that would escape the closing quote.
py - <<'PY'
# the euro sign is 0x80 in code page 936, which Python's gbk leaves out
open('gbk.jsonl', 'wb').write(('{"id":"1","name":"张三","note":"乗"}\n'
                               '{"id":"2","name":"李四","note":"EURO5"}\n')
                              .encode('gbk').replace(b'EURO', b'\x80'))
open('bad.jsonl', 'wb').write('{"id":"1","name":"张三"}\n'.encode('gbk') + b'{"id":"2","name":"\xff"}\n')
PY
run gov-check --encoding gbk --format ndjson gbk.jsonl
is "gov-check --encoding gbk, JSON Lines: no finding, exit 0" "$RC:$ERR:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0::0"
like "gov-check: the summary names the encoding" "$OUT" '"rows":2,"fields":3,"encoding":"gb18030","findings":0'
run_in gbk.jsonl gov-check --encoding gbk --jsonl --format ndjson -
is "gov-check --jsonl from standard input: the same" "$RC:$ERR:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0::0"
run gov-check --format ndjson gbk.jsonl
is "gov-check without --encoding: UTF-8, as JSON says (a finding a line), exit 1" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"check":"encoding"')" "1:2"
# ... and nothing said that the file reads as GBK: a finding for each
# line, and not a word of --encoding.  The first line whose bad bytes read
# cleanly as GB18030 is named now, once for the file
h="the line reads as GB18030: if the file is GBK, give --encoding gbk"
is "gov-check without --encoding: the file named as maybe GBK, once" "$ERR" \
	"gov-check: gbk.jsonl:1: bytes not valid in UTF-8, but $h"
run gov-profile --format ndjson gbk.jsonl
is "gov-profile without --encoding: the bad line says the file may be GBK, exit 2" "$RC:$OUT:$ERR" \
	"2::gov-profile: gbk.jsonl:1: invalid UTF-8 at byte 19; $h"
run gov-catalog describe gbk.jsonl
is "gov-catalog describe without --encoding: the same" "$RC:$OUT:$ERR" \
	"2::gov-catalog: gbk.jsonl:1: invalid UTF-8 at byte 19; $h"
py - <<'PY2'
# a byte GB18030 has not either, then GBK; UTF-8 Chinese with a stray
# Latin-1 degree sign (B0 43 would be a GBK pair)
open('late.jsonl', 'wb').write(b'{"id":"1","name":"\xff"}\n' +
                               '{"id":"2","name":"张三"}\n'.encode('gbk'))
open('stray.jsonl', 'wb').write('{"id":"1","name":"张三李四","t":"'.encode() +
                                b'\xb0C"}\n')
PY2
run gov-check --format ndjson late.jsonl
is "gov-check: a line not GBK either says nothing, the next one does" "$RC:$ERR" \
	"1:gov-check: late.jsonl:2: bytes not valid in UTF-8, but $h"
run_in gbk.jsonl gov-check --jsonl --format ndjson -
is "gov-check --jsonl from standard input: named as (stdin)" "$RC:$ERR" \
	"1:gov-check: (stdin):1: bytes not valid in UTF-8, but $h"
run gov-check --format ndjson stray.jsonl
is "gov-check: UTF-8 Chinese with a stray byte, a finding and no word of GBK" \
	"$RC:$ERR:$(printf '%s\n' "$OUT" | grep -c '"check":"encoding"')" "1::1"
run gov-profile --format ndjson stray.jsonl
is "gov-profile: the same, the bad line as before" "$RC:$OUT:$ERR" \
	"2::gov-profile: stray.jsonl:1: invalid UTF-8 at byte 38"
run gov-check --encoding utf-8 --format ndjson gbk.jsonl
is "gov-check --encoding utf-8: told UTF-8, nothing said of GBK" "$RC:$ERR" "1:"
run gov-profile --encoding utf-8 --format ndjson gbk.jsonl
is "gov-profile --encoding utf-8: the bad line as before" "$RC:$OUT:$ERR" \
	"2::gov-profile: gbk.jsonl:1: invalid UTF-8 at byte 19"
run gov-profile --encoding gbk --format ndjson gbk.jsonl
is "gov-profile --encoding gbk, JSON Lines: exit 0" "$RC:$ERR" "0:"
like "gov-profile: the encoding named" "$OUT" '"file":"gbk.jsonl","encoding":"gb18030","delimiter":null,"rows":2,'
like "gov-profile: the values decoded (a trail byte 0x5C, the euro of code page 936)" "$OUT" \
	'"top":\[\{"value":"€5","count":1\},\{"value":"乗","count":1\}\]'
run gov-catalog describe --encoding gbk gbk.jsonl
is "gov-catalog describe --encoding gbk, JSON Lines: exit 0" "$RC:$ERR" "0:"
like "gov-catalog describe: lengths in characters" "$OUT" '\{"name":"name","type":"C","length":2,'

# bytes not in the encoding: gov-check's finding, gov-profile's bad line
run gov-check --encoding gbk --format ndjson bad.jsonl
is "gov-check: a byte not in GB18030, a finding naming the encoding, exit 1" \
	"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"')" \
	"1:{\"type\":\"finding\",\"file\":\"bad.jsonl\",\"row\":2,\"column\":2,\"field\":\"name\",\"check\":\"encoding\",\"dimension\":\"accessibility\",\"severity\":\"error\",\"value\":\"?\",\"message\":\"bytes not valid in gb18030 (shown as '?')\"}"
run gov-profile --encoding gbk --format ndjson bad.jsonl
is "gov-profile: the line and byte named, exit 2" "$RC:$OUT:$ERR" \
	"2::gov-profile: bad.jsonl:2: bytes not valid in gb18030 at byte 19"
# an encoding in which a line's end is no byte 0x0A cannot be split in lines
run gov-check --encoding utf-16 gbk.jsonl
is "gov-check --encoding utf-16, JSON Lines: refused, exit 2" "$RC:$OUT:$ERR" \
	"2::gov-check: 'gbk.jsonl': JSON Lines cannot be read in utf-16: a line must end at byte 0x0A and its brackets be ASCII (utf-8, gbk, gb18030, ...)"
run gov-profile --encoding nope gbk.jsonl
is "gov-profile --encoding nope, JSON Lines: refused, exit 2" "$RC:$OUT:$ERR" \
	"2::gov-profile: 'gbk.jsonl': unknown encoding 'nope' (utf-8, gbk, gb18030, or a name of iconv -l)"

done_testing
