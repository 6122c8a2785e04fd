#!/bin/sh
# gov-xlsx --columns: a name that is an object in the records (gov-check's
# summary "dimensions", gov-catalog history's "changes") stands for its
# leaf columns, in the order they first appear, at the name's place; a
# name no record has a value for is told once on stderr, not left as an
# empty column without a word.
. "$(dirname "$0")/lib.sh"

rows() { py "$T_DIR/expected/xlsx-dump.py" "$1" | grep -v '^widths'; }

cat >sum.jsonl <<'J'
{"type":"summary","file":"a.csv","rows":3,"dimensions":{"completeness":{"findings":2,"score":90.5},"validity":{"findings":0,"score":100}},"score":95}
{"type":"summary","file":"b.csv","rows":4,"dimensions":{"validity":{"findings":1,"score":75},"accuracy":{"findings":3,"score":60}},"score":70}
J
run gov-xlsx -c file,dimensions,score -o sum.xlsx sum.jsonl
is "object named: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "object named: its leaves, first-seen order, at its place" \
	"$(rows sum.xlsx)" \
"sheet records freeze=A2 filter=A1:H3 dims=A1:H3
str:'file'* | str:'dimensions.completeness.findings'* | str:'dimensions.completeness.score'* | str:'dimensions.validity.findings'* | str:'dimensions.validity.score'* | str:'dimensions.accuracy.findings'* | str:'dimensions.accuracy.score'* | str:'score'*
str:'a.csv' | int:2 | float:90.5 | int:0 | int:100 | - | - | int:95
str:'b.csv' | - | - | int:1 | int:75 | int:3 | int:60 | int:70"

# a nested object named by its path; a leaf named beside its object is
# in its own place, not twice
run gov-xlsx -c dimensions.validity,file,dimensions.accuracy.score,dimensions.accuracy \
	-o sub.xlsx sum.jsonl
is "nested object named: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "nested object named: its leaves; a leaf listed keeps its place" \
	"$(rows sub.xlsx)" \
"sheet records freeze=A2 filter=A1:E3 dims=A1:E3
str:'dimensions.validity.findings'* | str:'dimensions.validity.score'* | str:'file'* | str:'dimensions.accuracy.score'* | str:'dimensions.accuracy.findings'*
int:0 | int:100 | str:'a.csv' | - | -
int:1 | int:75 | str:'b.csv' | int:60 | int:3"

# gov-catalog history: "changes" is {} for some; --labels name a leaf
# column by its whole name; --sheet-by: each sheet its own leaves
cat >hist.jsonl <<'J'
{"type":"history","code":"C1","seq":1,"action":"add","who":"li","at":"2025-10-15T08:30:00Z","changes":{}}
{"type":"history","code":"C1","seq":2,"action":"edit","who":"li","at":"2025-10-16T08:30:00Z","changes":{"name":{"from":"旧","to":"新"}}}
{"type":"history","code":"C2","seq":3,"action":"edit","who":"wang","at":"2025-10-17T08:30:00Z","changes":{"share_type":{"from":"有条件共享","to":"无条件共享"},"name":{"from":"甲","to":"乙"}}}
J
printf '%s\n' '{"code":"代码","changes.name.to":"新名称","changes":"变更"}' >labels.json
run gov-xlsx -c code,changes -l labels.json -o hist.xlsx hist.jsonl
is "history changes, labels: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "history changes, labels: the leaves, a leaf's label" "$(rows hist.xlsx)" \
"sheet records freeze=A2 filter=A1:E4 dims=A1:E4
str:'代码'* | str:'changes.name.from'* | str:'新名称'* | str:'changes.share_type.from'* | str:'changes.share_type.to'*
str:'C1' | - | - | - | -
str:'C1' | str:'旧' | str:'新' | - | -
str:'C2' | str:'甲' | str:'乙' | str:'有条件共享' | str:'无条件共享'"

run gov-xlsx --sheet-by who -c seq,changes,action -l labels.json -o by.xlsx hist.jsonl
is "--sheet-by: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "--sheet-by: each sheet the leaves its records have" "$(rows by.xlsx)" \
"sheet li freeze=A2 filter=A1:D3 dims=A1:D3
str:'seq'* | str:'changes.name.from'* | str:'新名称'* | str:'action'*
int:1 | - | - | str:'add'
int:2 | str:'旧' | str:'新' | str:'edit'
sheet wang freeze=A2 filter=A1:F2 dims=A1:F2
str:'seq'* | str:'changes.share_type.from'* | str:'changes.share_type.to'* | str:'changes.name.from'* | str:'新名称'* | str:'action'*
int:3 | str:'有条件共享' | str:'无条件共享' | str:'甲' | str:'乙' | str:'edit'"

# an object in one sheet only: its leaves there, an empty column in the
# other, and no word (a record has it)
run gov-xlsx --sheet-by code -c seq,changes -o byc.xlsx hist.jsonl
is "--sheet-by, object in some records: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "--sheet-by, object in some records" "$(rows byc.xlsx | grep -v '^int')" \
"sheet C1 freeze=A2 filter=A1:C3 dims=A1:C3
str:'seq'* | str:'changes.name.from'* | str:'changes.name.to'*
sheet C2 freeze=A2 filter=A1:E2 dims=A1:E2
str:'seq'* | str:'changes.share_type.from'* | str:'changes.share_type.to'* | str:'changes.name.from'* | str:'changes.name.to'*"

# a name that is a value in some records and an object in others keeps
# its column, before its leaves; null is no value
cat >mixed.jsonl <<'J'
{"id":1,"where":"城东"}
{"id":2,"where":{"city":"城西","street":"一路"}}
{"id":3,"where":null}
J
run gov-xlsx -c where,id -o mixed.xlsx mixed.jsonl
is "value and object: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "value and object: its column, then its leaves" "$(rows mixed.xlsx)" \
"sheet records freeze=A2 filter=A1:D4 dims=A1:D4
str:'where'* | str:'where.city'* | str:'where.street'* | str:'id'*
str:'城东' | - | - | int:1
- | str:'城西' | str:'一路' | int:2
- | - | - | int:3"

# a name no record has a value for (mistyped, all null, all {}): the
# column is there, empty, and named once on stderr, however many sheets;
# the workbook is written, exit 0
printf '%s\n' '{"id":1,"n":null,"o":{}}' '{"id":2,"n":null,"o":{}}' >none.jsonl
run gov-xlsx --sheet-by id -c id,dimension,n,o -o none.xlsx none.jsonl
is "names without a value: exit 0, nothing on stdout" "$RC:$OUT" "0:"
is "names without a value: each named once" "$ERR" \
"gov-xlsx: --columns: no record has a value for 'dimension': its column is empty
gov-xlsx: --columns: no record has a value for 'n': its column is empty
gov-xlsx: --columns: no record has a value for 'o': its column is empty"
is "names without a value: the columns kept, empty" "$(rows none.xlsx)" \
"sheet 1 freeze=A2 filter=A1:D2 dims=A1:D2
str:'id'* | str:'dimension'* | str:'n'* | str:'o'*
int:1 | - | - | -
sheet 2 freeze=A2 filter=A1:D2 dims=A1:D2
str:'id'* | str:'dimension'* | str:'n'* | str:'o'*
int:2 | - | - | -"

# the name is masked in the message as in the header
run gov-xlsx -c id,13812345678 -o m.xlsx none.jsonl
is "masked in the message" "$RC:$ERR" \
"0:gov-xlsx: --columns: no record has a value for '138****5678': its column is empty"

# no record at all (none of the type): nothing to tell
run gov-xlsx -t nothing -c id,dimension -o empty.xlsx none.jsonl
is "no records: exit 0, quiet" "$RC:$OUT$ERR" "0:"

# an object's array of objects: a leaf column of text, and its sheet
printf '%s\n' '{"id":"T1","risk":{"level":"high","signals":[{"signal":"s1"},{"signal":"s2"}]}}' >arr.jsonl
run gov-xlsx -c id,risk -o arr.xlsx arr.jsonl
is "array of objects under an object: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "array of objects under an object: its column and its sheet" \
	"$(rows arr.xlsx)" \
"sheet records freeze=A2 filter=A1:C2 dims=A1:C2
str:'id'* | str:'risk.level'* | str:'risk.signals'*
str:'T1' | str:'high' | str:'signal: s1; signal: s2'
sheet records.risk.signals freeze=A2 filter=A1:C3 dims=A1:C3
str:'row'* | str:'id'* | str:'signal'*
int:2 | str:'T1' | str:'s1'
int:2 | str:'T1' | str:'s2'"

done_testing
