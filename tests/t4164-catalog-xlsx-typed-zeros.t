#!/bin/sh
# gov-catalog: a length typed by hand with leading zeros in the brackets
# after a quoted name ("编号"(C,007)) is the whole number, as in the
# plain form (编号(C,007)).  Since the quoted form's length is read as a
# JSON number (51c08f1), 007 was none: the quoted form did not read, and
# the plain one took the quotes into the name ("\"编号\"", length 7), or
# the whole text was the name when the plain form did not read either
# ("\"号\"(,0018)", a type and 22 digits).  The export never
# writes such a length: a text length "007" is written in quotes and
# comes back as text.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"信息资源代码":"101001001/000601","信息项信息":"\"编号\"(C,007)；\"号\"（，0018）；代码(C,007)；\"大\"(C,0099999999999999999999)；\"小\"(C, 010 )；\"非\"(C,007.5)"}' >hand.jsonl
run gov-catalog add hand.jsonl
is "add: exit 0" "$RC:$ERR" "0:"
run gov-catalog show 101001001/000601
is "the lengths typed with leading zeros" \
	"$(printf '%s\n' "$OUT" | grep -o '"items":\[[^]]*\]')" \
	'"items":[{"name":"编号","type":"C","length":7,"description":null},{"name":"号","type":null,"length":18,"description":null},{"name":"代码","type":"C","length":7,"description":null},{"name":"大","type":"C","length":1e+20,"description":null},{"name":"小","type":"C","length":10,"description":null},{"name":"\"非\"(C,007.5)","type":null,"description":null}]'

# a text length "007" goes out quoted and comes back as text
printf '%s\n' '{"type":"entry","code":"101001001/000602","items":[{"name":"a","type":"C","length":"007"},{"name":"b","length":"0018"},{"name":"c","type":"C","length":7}]}' >text.jsonl
gov-catalog add text.jsonl >/dev/null
gov-catalog export --no-mask --format xlsx -o t.xlsx
gov-records --no-mask --type entry t.xlsx >rows.jsonl
run py -c '
import json
for l in open("rows.jsonl"):
    print(json.loads(l)["信息项信息"])'
is "the cells" "$OUT" '编号(C,7); "号"(,18); 代码(C,7); "大"(C,100000000000000000000); 小(C,10); "非"(C,007.5)
"a"(C,"007"); "b"(,"0018"); c(C,7)'
run gov-catalog --db fresh.db add rows.jsonl
is "into an empty catalog: exit 0" "$RC:$ERR" "0:"
ok "into an empty catalog: the same records" \
	cmp -s "$(gov-catalog export --no-mask --format ndjson >a.jsonl && echo a.jsonl)" \
	"$(gov-catalog --db fresh.db export --no-mask --format ndjson >b.jsonl && echo b.jsonl)"

done_testing
