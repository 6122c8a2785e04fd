#!/bin/sh
# gov-catalog: what the workbook's list cells could not hold comes back.
# An item whose length is not a whole number (10.5, "18,2" as text, -3,
# none with no type), whose type holds ',' ')' ';' '；' or a quote, or
# is empty; a code of 关联资源代码 holding ';' or '；', blanks around
# it, opening with a quote: exported to the workbook, read by
# gov-records and added again, each is what it was.  What needs it is in
# quotes; what does not is written as before (t4160).
. "$(dirname "$0")/lib.sh"

cat >awk.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000101","name":"长度","items":[{"name":"金额","type":"N","length":10.5},{"name":"税额","type":"N","length":"18,2"},{"name":"零","type":"C","length":0},{"name":"负","type":"C","length":-3},{"name":"大","type":"C","length":1e20},{"name":"无型长","length":5},{"name":"整","type":"C","length":18}]}
{"type":"entry","code":"101001001/000102","name":"类型","items":[{"name":"a","type":"C,1"},{"name":"b","type":"X)"},{"name":"c","type":"x;y"},{"name":"d","type":"(N"},{"name":"e","type":"p，q","length":4},{"name":"f","type":"r；s"},{"name":"g","type":""},{"name":"h","type":"\"q\""},{"name":"i","type":" C "},{"name":"\"j","type":"C"},{"name":"k\"l","type":"C"}]}
{"type":"entry","code":"101001001/000103","name":"关联","related":["A;B","C,D","E；F","G，H","\"I\"","101001001/000101"," J ","","\"a","b\""]}
EOF2
gov-catalog add awk.jsonl >/dev/null
gov-catalog export --no-mask --format ndjson >before.jsonl

run gov-catalog export --no-mask --format xlsx -o awk.xlsx
is "export: exit 0" "$RC:$ERR" "0:"

# the cells as Excel shows them
run py -c '
import openpyxl
ws = openpyxl.load_workbook("awk.xlsx").active
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    print(row[head.index("信息项信息")] or "", "|",
          row[head.index("关联资源代码")] or "", sep="")'
is "the cells: quoted where the plain text would read otherwise" "$OUT" \
'"金额"(N,10.5); "税额"(N,"18,2"); 零(C,0); "负"(C,-3); "大"(C,100000000000000000000); "无型长"(,5); 整(C,18)|
"a"("C,1"); "b"(X)); "c"("x;y"); "d"((N); e(p，q,4); "f"("r；s"); "g"(""); "h"("""q"""); "i"(" C "); """j"(C); k"l(C)|
|"A;B"; C,D; "E；F"; G，H; """I"""; 101001001/000101; " J "; ""; """a"; b"'

gov-records --no-mask --type entry awk.xlsx >rows.jsonl
run gov-catalog add rows.jsonl
is "loaded back: every entry unchanged" "$RC:$ERR:$OUT" \
'0::{"type":"change","code":"101001001/000101","action":"unchanged","fields":[]}
{"type":"change","code":"101001001/000102","action":"unchanged","fields":[]}
{"type":"change","code":"101001001/000103","action":"unchanged","fields":[]}'

run gov-catalog --db fresh.db add rows.jsonl
is "into an empty catalog: exit 0" "$RC:$ERR" "0:"
gov-catalog --db fresh.db export --no-mask --format ndjson >after.jsonl
ok "export -> gov-records -> add -> export ndjson: the same records" \
	cmp -s before.jsonl after.jsonl
is "the lengths as they were" \
	"$(grep -o '"items":\[[^]]*\]' after.jsonl | head -1)" \
	'"items":[{"name":"金额","type":"N","length":10.5,"description":null},{"name":"税额","type":"N","length":"18,2","description":null},{"name":"零","type":"C","length":0,"description":null},{"name":"负","type":"C","length":-3,"description":null},{"name":"大","type":"C","length":1e+20,"description":null},{"name":"无型长","type":null,"length":5,"description":null},{"name":"整","type":"C","length":18,"description":null}]'
is "the codes as they were" "$(grep -o '"related":\[[^]]*\]' after.jsonl)" \
	'"related":["A;B","C,D","E；F","G，H","\"I\"","101001001/000101"," J ","","\"a","b\""]'

# validate reports of the workbook's rows what it reports of the records
find_of() {
	gov-catalog validate --today "$T_TODAY" "$1" |
		grep -o '"field":"items[^"]*".*"message":"[^"]*"' | sed 's/"row":[0-9]*,//'
}
is "validate: the same findings of the items from the workbook" \
	"$(find_of rows.jsonl)" "$(find_of awk.jsonl)"

# typed by hand: quoted types, lengths and codes read the same way
printf '%s\n' '{"信息资源代码":"101001001/000104","信息项信息":"\"x\"（,5）；\"y\"(\"N\"，\"18,2\")；\"z\"( \"a;b\" , 2.5 )","关联资源代码":"\"A;B\"；C, D; \"E\"\"F\""}' >hand.jsonl
gov-catalog add hand.jsonl >/dev/null
run gov-catalog show 101001001/000104
like "typed by hand: items" "$OUT" \
	'"items":\[\{"name":"x","type":null,"length":5,"description":null\},\{"name":"y","type":"N","length":"18,2","description":null\},\{"name":"z","type":"a;b","length":2.5,"description":null\}\]'
like "typed by hand: codes" "$OUT" '"related":\["A;B","C, D","E\\"F"\]'

# A text length holding a comma, of an item with no type: written
# '"无型文"(,"18,2")', it read back as a name '"无型文"(,"18,2")' with no
# length, the comma in the quotes taken for the bracket's.
cat >notype.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000105","name":"无型","items":[{"name":"无型文","length":"18,2"},{"name":"全角","length":"1，2"},{"name":"有型","type":"N","length":"a,b"}]}
EOF2
gov-catalog --db nt.db add notype.jsonl >/dev/null
gov-catalog --db nt.db export --no-mask --format ndjson >nt-before.jsonl
gov-catalog --db nt.db export --no-mask --format xlsx -o nt.xlsx
gov-records --no-mask --type entry nt.xlsx >nt-rows.jsonl
run gov-catalog --db nt2.db add nt-rows.jsonl
is "no type, a text length with a comma: added back, exit 0" "$RC:$ERR" "0:"
gov-catalog --db nt2.db export --no-mask --format ndjson >nt-after.jsonl
is "... the items as they were" \
	"$(grep -o '"items":\[[^]]*\]' nt-after.jsonl)" \
	'"items":[{"name":"无型文","type":null,"length":"18,2","description":null},{"name":"全角","type":null,"length":"1，2","description":null},{"name":"有型","type":"N","length":"a,b","description":null}]'
ok "... export ndjson the same" cmp -s nt-before.jsonl nt-after.jsonl
printf '%s\n' '{"信息资源代码":"101001001/000106","信息项信息":"\"u\"(,\"1,2\")；\"v\"（，\"3，4\"）"}' >hand2.jsonl
gov-catalog add hand2.jsonl >/dev/null
run gov-catalog show 101001001/000106
like "typed by hand: no type, a quoted length with a comma" "$OUT" \
	'"items":\[\{"name":"u","type":null,"length":"1,2","description":null\},\{"name":"v","type":null,"length":"3，4","description":null\}\]'

done_testing
