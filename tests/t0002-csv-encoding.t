#!/bin/sh
# csv.c: a GBK file whose first non-ASCII bytes come after the block the
# encoding is guessed from; bytes still not valid named, never silent.
. "$(dirname "$0")/lib.sh"

# 10,000 ASCII rows (past the 64 KiB sniffed), then Chinese in GBK.
py -c "rows=['id,name']+['%d,abc'%i for i in range(10000)]+['99999,张三'];open('late.csv','wb').write(('\n'.join(rows)+'\n').encode('gbk'))"
run gov-records late.csv
is "GBK after the sniffed block: exit 0, nothing on stderr" "$RC:$ERR" "0:"
is "GBK after the sniffed block: decoded" "$(printf '%s\n' "$OUT" | tail -1)" '{"id":"99999","name":"张三"}'
is "GBK after the sniffed block: every row" "$(printf '%s\n' "$OUT" | wc -l)" 10001
run_in late.csv gov-records
is "GBK after the sniffed block, from a pipe" "$RC:$(printf '%s\n' "$OUT" | tail -1)" '0:{"id":"99999","name":"张三"}'
run gov-profile --format ndjson late.csv
is "gov-profile: exit 0" "$RC:$ERR" "0:"
like "gov-profile: encoding gb18030" "$OUT" '"encoding":"gb18030"'
like "gov-profile: the name profiled decoded" "$OUT" '\{"value":"张三","count":1\}'

# A GBK character cut by the end of the first 1 MiB read.
py - <<'PY'
blk = 1 << 20
data = b'id,name\n'
i = 0
while len(data) + len(b'%d,abc\n' % i) <= blk - 40:
    data += b'%d,abc\n' % i
    i += 1
data += b'1,' + b'x' * (blk - 1 - len(data) - 2)
assert len(data) == blk - 1
data += '张三\n2,李四\n'.encode('gbk')
open('cut.csv', 'wb').write(data)
PY
run gov-records cut.csv
is "GBK cut by a read: exit 0" "$RC:$ERR" "0:"
is "GBK cut by a read: the last rows" "$(printf '%s\n' "$OUT" | tail -2 | sed 's/xxx*/x/')" '{"id":"1","name":"x张三"}
{"id":"2","name":"李四"}'

# UTF-8 far down stays UTF-8; a stray byte in an ASCII file is reported.
py -c "rows=['id,name']+['%d,abc'%i for i in range(10000)]+['99999,张三'];open('lateu.csv','wb').write(('\n'.join(rows)+'\n').encode('utf-8'))"
run gov-records lateu.csv
is "UTF-8 after the sniffed block" "$RC:$(printf '%s\n' "$OUT" | tail -1)" '0:{"id":"99999","name":"张三"}'
py -c "open('stray.csv','wb').write(b'a\n'+b'x\n'*40000+b'y\xffz\n')"
run gov-records stray.csv
is "stray byte far down: replaced" "$(printf '%s\n' "$OUT" | tail -1)" '{"a":"y?z"}'
is "stray byte far down: named, exit 1" "$RC:$ERR" "1:gov-records: stray.csv:40002: column 1: bytes not valid in the encoding, replaced by '?'"

# gov-profile names replaced bytes like gov-records, exit 1.
printf 'a\n\377\n' >ff.csv
run gov-profile --format ndjson ff.csv
is "gov-profile, invalid byte: exit 1" "$RC" 1
is "gov-profile, invalid byte: named" "$ERR" "gov-profile: ff.csv:2: column 1: bytes not valid in the encoding, replaced by '?'"
like "gov-profile, invalid byte: counted in the record" "$OUT" '"encoding_error_rows":1,'
run gov-profile -o ff.json ff.csv
is "gov-profile -o, invalid byte: exit 1, the file written" "$RC:$(grep -c '"type":"profile"' ff.json)" "1:1"
py -c "open('many.csv','wb').write(b'a\n'+b'\xff\n'*25)"
run gov-profile --format ndjson many.csv
is "gov-profile, 25 bad rows: 20 named, then the count" "$(printf '%s\n' "$ERR" | wc -l):$(printf '%s\n' "$ERR" | tail -1)" "21:gov-profile: many.csv: 25 rows in all with bytes not valid in the encoding"
run gov-profile --format ndjson late.csv ff.csv
is "gov-profile, one file with bad bytes among good: exit 1" "$RC" 1

# Excel's "CSV" on a Chinese Windows is code page 936, GBK with the euro
# sign at 0x80, a byte GB18030 leaves out: it was a '?', an encoding
# finding and exit 1 for every price in euros.  A GB18030 four-byte
# character, CRLF, a quoted newline and a doubled quote in the same file.
printf 'id,name,price\r\n1,\325\305\310\375,\2005\r\n2,"\2252\2026\327\326","\266\340""\r\n\320\320"\r\n3,\300\356\313\304,\200' >euro.csv
run gov-records --provenance euro.csv
is "GBK euro sign 0x80: decoded, exit 0" "$RC:$OUT:$ERR" '0:{"_file":"euro.csv","_row":2,"id":"1","name":"张三","price":"€5"}
{"_file":"euro.csv","_row":3,"id":"2","name":"𠀀字","price":"多\"\r\n行"}
{"_file":"euro.csv","_row":4,"id":"3","name":"李四","price":"€"}:'
run gov-check euro.csv
is "GBK euro sign 0x80: gov-check finds nothing" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"
run gov-profile --format ndjson euro.csv
is "GBK euro sign 0x80: gov-profile, exit 0" "$RC:$ERR" "0:"
like "GBK euro sign 0x80: profiled" "$OUT" '"top":\[\{"value":"€","count":1\},\{"value":"€5","count":1\}'
run gov-records --encoding gbk euro.csv
is "GBK euro sign 0x80, --encoding gbk" "$RC:$(printf '%s\n' "$OUT" | tail -1)" '0:{"id":"3","name":"李四","price":"€"}'

# GBK text whose first characters happen to be valid UTF-8 (一 is D2 BB,
# the Cyrillic letter U+04BB in UTF-8): after 64 KiB of ASCII it was read
# as UTF-8, 一 shown as һ and every character after it a '?', exit 1.
py -c "rows=['id,name']+['%d,abc'%i for i in range(10000)]+['99999,一二三','100000,张三'];open('late1.csv','wb').write(('\r\n'.join(rows)+'\r\n').encode('gbk'))"
run gov-records --provenance late1.csv
is "GBK after the sniffed block, starting with 一: decoded, exit 0" "$RC:$(printf '%s\n' "$OUT" | tail -2):$ERR" '0:{"_file":"late1.csv","_row":10002,"id":"99999","name":"一二三"}
{"_file":"late1.csv","_row":10003,"id":"100000","name":"张三"}:'
run_in late1.csv gov-records
is "GBK after the sniffed block, starting with 一, from a pipe" "$RC:$(printf '%s\n' "$OUT" | tail -1)" '0:{"id":"100000","name":"张三"}'
run gov-check late1.csv
is "GBK after the sniffed block, starting with 一: gov-check finds nothing" "$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"'):$(printf '%s\n' "$OUT" | grep -o '"encoding":"[^"]*"')" '0:0:"encoding":"gb18030"'
# UTF-8 Chinese far down with a Latin-1 byte after it (25\260C, 25°C,
# reads as GBK too) stays UTF-8: the byte is the one reported.
py -c "open('lateu2.csv','wb').write(b'id,name,t\n'+b''.join(b'%d,abc,1\n'%i for i in range(10000))+'99999,中文,25'.encode()+b'\xb0C\n')"
run gov-records lateu2.csv
is "UTF-8 after the sniffed block, then a Latin-1 byte: stays UTF-8" "$RC:$(printf '%s\n' "$OUT" | tail -1):$ERR" "1:{\"id\":\"99999\",\"name\":\"中文\",\"t\":\"25?C\"}:gov-records: lateu2.csv:10002: column 3: bytes not valid in the encoding, replaced by '?'"

# --encoding as users spell it.  GB18030 in capitals was read without
# the euro sign of code page 936 ('?', exit 1); cp936 (Windows' own name)
# through glibc's CP936, which has no four-byte GB18030 characters; the
# summary said "encoding":"GB18030" or "cp936" where detection says
# "gb18030".  Each name of GBK is GB18030 now.
run gov-records --encoding GB18030 euro.csv
is "--encoding GB18030: the euro sign" "$RC:$(printf '%s\n' "$OUT" | head -1):$ERR" '0:{"id":"1","name":"张三","price":"€5"}:'
printf 'id,name\r\n1,\2252\2026\327\326\r\n2,\201\071\356\071\r\n3,\225\064\262\065\r\n' >gb4.csv
for enc in cp936 CP936 Windows-936 ms936 GBK gb2312 euc-cn gb-18030; do
	run gov-records --encoding $enc gb4.csv
	is "--encoding $enc: four-byte characters" "$RC:$OUT:$ERR" '0:{"id":"1","name":"𠀀字"}
{"id":"2","name":"㐀"}
{"id":"3","name":"𠮷"}:'
done
run gov-check --encoding CP936 euro.csv
is "--encoding CP936: gov-check's summary says gb18030" "$RC:$(printf '%s\n' "$OUT" | grep -o '"encoding":"[^"]*"')" '0:"encoding":"gb18030"'
run gov-records --encoding UTF8 euro.csv
is "--encoding UTF8: read as UTF-8, the bytes named" "$RC:$(printf '%s\n' "$ERR" | head -1)" "1:gov-records: euro.csv:2: column 2: bytes not valid in the encoding, replaced by '?'"
# An empty name (--encoding "$ENC" with ENC unset) was the locale's
# encoding; an unknown one says what is known.
for t in gov-records gov-check gov-profile "gov-catalog describe"; do
	run $t --encoding '' euro.csv
	is "$t --encoding '': refused, exit 2" "$RC:$OUT:$ERR" "2::${t%% *}: 'euro.csv': --encoding is empty (utf-8, gbk, gb18030, ...)"
done
run gov-records --encoding gb18031 -o out.json euro.csv
is "--encoding unknown: refused, exit 2, no output file" "$RC:$ERR:$(ls out.json 2>&1 >/dev/null | wc -l)" "2:gov-records: 'euro.csv': unknown encoding 'gb18031' (utf-8, gbk, gb18030, utf-16, or a name of iconv -l):1"

# A header cell with a bad byte is every record's key: gov-records named
# it nowhere and exited 0 (gov-check, gov-profile, gov-catalog do name it).
printf '\320\325\377\303\373,id\r\n\325\305\310\375,1\r\n' >badhead.csv
run gov-records badhead.csv
is "GBK header with a bad byte: named, exit 1" "$RC:$OUT:$ERR" "1:{\"姓?名\":\"张三\",\"id\":\"1\"}:gov-records: badhead.csv:1: column 1: bytes not valid in the encoding, replaced by '?'"
printf 'a\377b,c\n1,2\n' >badheadu.csv
run gov-records badheadu.csv
is "UTF-8 header with a bad byte: named, exit 1" "$RC:$ERR" "1:gov-records: badheadu.csv:1: column 1: bytes not valid in the encoding, replaced by '?'"

# UTF-8 Chinese with one stray Latin-1 byte (a degree sign, 0xB0) decoded
# as GB18030 without an error: 中文 read as 涓枃, exit 0, nothing said.
# Twice as many real UTF-8 characters as bad bytes keep it UTF-8, the bad
# byte named; a short GBK text that makes one such character by chance
# stays GBK.
printf 'a,b,t\n1,中文,25\260C\n' >stray.csv
run gov-records stray.csv
is "UTF-8 with a stray byte: UTF-8, the byte named" "$RC:$OUT:$ERR" "1:{\"a\":\"1\",\"b\":\"中文\",\"t\":\"25?C\"}:gov-records: stray.csv:2: column 3: bytes not valid in the encoding, replaced by '?'"
run gov-check stray.csv
like "gov-check: an encoding finding" "$OUT" '"row":2,"column":3,"field":"t","check":"encoding"'
like "gov-check: read as utf-8" "$OUT" '"type":"summary",.*"encoding":"utf-8"'
printf 'a\n\344\270\271\241\n' >gbk-chance.csv
run gov-records gbk-chance.csv
is "GBK making one UTF-8 character by chance: GBK" "$RC:$OUT" '0:{"a":"涓埂"}'

done_testing
