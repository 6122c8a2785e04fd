#!/bin/sh
# gov-catalog add: an entry holding a value of a JSON type its field does
# not take is reported, by line, code and member, and not added (exit 1,
# as a line that is not JSON).  add stored it, and the exported workbook
# lost it or gave back another: an item type 5 or a length true came back
# as none, a name 5 as "5", a summary ["a","b"] as "a; b", a category
# {"a":1} as none, a length of 30 digits as none; items given as text or a number were dropped by add
# itself, its change record naming them.  validate reports each.
. "$(dirname "$0")/lib.sh"

cat >bad.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000501","name":"好","items":[{"name":"a","type":"C","length":18},"b",{"name":"c","type":null,"length":"18,2"}],"related":["101001001/000502"]}
{"type":"entry","code":"101001001/000502","name":"类型","items":[{"name":"a","type":"C"},{"name":"t5","type":5}]}
{"type":"entry","code":"101001001/000503","name":"长度","items":[{"name":"l","type":"C","length":true}]}
{"type":"entry","code":"101001001/000504","name":"长度","items":[{"name":"l","type":"C","length":[5]}]}
{"type":"entry","code":"101001001/000505","name":"长度","items":[{"name":"l","type":"C","length":1e400}]}
{"type":"entry","code":"101001001/000506","name":"名","items":[{"name":5,"type":"C"}]}
{"type":"entry","code":"101001001/000507","name":"项","items":[{"name":"a","type":"C"},null]}
{"type":"entry","code":"101001001/000508","name":"项","items":"a(C,5); b"}
{"type":"entry","code":"101001001/000509","name":"项","items":{"name":"a"}}
{"type":"entry","code":"101001001/000510","name":5}
{"type":"entry","code":"101001001/000511","name":"n","summary":["a","b"]}
{"type":"entry","code":"101001001/000512","name":"n","category":{"a":1}}
{"type":"entry","code":"101001001/000513","name":"n","share_condition":false}
{"type":"entry","code":"101001001/000514","name":"n","update_cycle":12}
{"type":"entry","code":"101001001/000515","name":"n","published":20250101}
{"type":"entry","code":"101001001/000516","name":"n","related":5}
{"type":"entry","code":"101001001/000517","name":"n","related":["101001001/000501",true]}
{"type":"entry","code":"101001001/000518","name":"n","items":[{"name":"l","type":"C","length":123456789012345678901234567890}]}
{"type":"entry","code":"101001001/000519","name":"n","provider_code":150502199001011234}
EOF2
run gov-catalog add bad.jsonl
is "add: exit 1, the entry of good values added" "$RC:$OUT" \
'1:{"type":"change","code":"101001001/000501","action":"created","fields":["code","name","items","related"]}'
is "add: each other entry named, with its member" "$ERR" \
"gov-catalog: bad.jsonl:2: entry 101001001/000502: items[2].type must be text, not a number; entry not added
gov-catalog: bad.jsonl:3: entry 101001001/000503: items[1].length must be a number or text, not true or false; entry not added
gov-catalog: bad.jsonl:4: entry 101001001/000504: items[1].length must be a number or text, not a list; entry not added
gov-catalog: bad.jsonl:5: entry 101001001/000505: items[1].length must be a number or text, not a number past a double's range; entry not added
gov-catalog: bad.jsonl:6: entry 101001001/000506: items[1].name must be text, not a number; entry not added
gov-catalog: bad.jsonl:7: entry 101001001/000507: items[2] must be an information item, not null; entry not added
gov-catalog: bad.jsonl:8: entry 101001001/000508: items must be a list of information items, not text; entry not added
gov-catalog: bad.jsonl:9: entry 101001001/000509: items must be a list of information items, not an object; entry not added
gov-catalog: bad.jsonl:10: entry 101001001/000510: name must be text, not a number; entry not added
gov-catalog: bad.jsonl:11: entry 101001001/000511: summary must be text, not a list; entry not added
gov-catalog: bad.jsonl:12: entry 101001001/000512: category must be text, not an object; entry not added
gov-catalog: bad.jsonl:13: entry 101001001/000513: share_condition must be text, not true or false; entry not added
gov-catalog: bad.jsonl:14: entry 101001001/000514: update_cycle must be text, not a number; entry not added
gov-catalog: bad.jsonl:15: entry 101001001/000515: published must be text, not a number; entry not added
gov-catalog: bad.jsonl:16: entry 101001001/000516: related must be a list of codes, not a number; entry not added
gov-catalog: bad.jsonl:17: entry 101001001/000517: related[2] must be a code (text), not true or false; entry not added
gov-catalog: bad.jsonl:18: entry 101001001/000518: items[1].length must be a number or text, not a whole number of more than 15 digits; entry not added
gov-catalog: bad.jsonl:19: entry 101001001/000519: provider_code must be text, not a number; entry not added"
run gov-catalog list --format ndjson
is "the catalog: the one entry" "$(printf '%s\n' "$OUT" | grep -o '"code":"[^"]*"')" '"code":"101001001/000501"'

# the entry added comes back from the workbook whole
gov-catalog export --no-mask --format ndjson >before.jsonl
gov-catalog export --no-mask --format xlsx -o good.xlsx
gov-records --no-mask --type entry good.xlsx >rows.jsonl
run gov-catalog add rows.jsonl
is "the workbook loaded back: unchanged" "$RC:$ERR:$OUT" \
'0::{"type":"change","code":"101001001/000501","action":"unchanged","fields":[]}'
gov-catalog --db fresh.db add rows.jsonl >/dev/null
gov-catalog --db fresh.db export --no-mask --format ndjson >after.jsonl
ok "into an empty catalog: the same record" cmp -s before.jsonl after.jsonl
is "... its items" "$(grep -o '"items":\[[^]]*\]' after.jsonl)" \
	'"items":[{"name":"a","type":"C","length":18,"description":null},{"name":"b","type":null,"description":null},{"name":"c","type":null,"length":"18,2","description":null}]'

# a record merging into a stored entry: refused, the entry as it was
printf '%s\n' '{"type":"entry","code":"101001001/000501","summary":"新","items":[{"name":"a","type":"C","length":true}]}' >merge.jsonl
run gov-catalog add merge.jsonl
is "merge: refused, exit 1" "$RC:$OUT:$ERR" \
"1::gov-catalog: merge.jsonl:1: entry 101001001/000501: items[1].length must be a number or text, not true or false; entry not added"
gov-catalog export --no-mask --format ndjson >merged.jsonl
ok "merge: the entry unchanged" cmp -s before.jsonl merged.jsonl

# null is no value, as before: a record as show prints it is taken
printf '%s\n' '{"type":"entry","code":"101001001/000501","summary":null,"items":[{"name":"a","type":"C","length":18,"format":null},"b",{"name":"c","type":null,"length":"18,2"}],"related":["101001001/000501"]}' >nulls.jsonl
run gov-catalog add nulls.jsonl
is "null values: taken" "$RC:$ERR:$OUT" \
'0::{"type":"change","code":"101001001/000501","action":"updated","fields":["related"]}'

# validate reports each entry add refuses
run gov-catalog validate --today "$T_TODAY" bad.jsonl
is "validate: exit 1" "$RC" 1
run sh -c 'gov-catalog validate --today "$0" bad.jsonl | /usr/bin/python3 -c "
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    # the members, not the fields the entries leave out
    if r[\"type\"] == \"finding\" and r[\"row\"] > 1 and not (
            r[\"check\"] == \"required\" and \"[\" not in r[\"field\"]):
        print(r[\"row\"], r[\"field\"], r[\"check\"], r[\"severity\"],
              *[r[\"message\"]] * (r[\"row\"] == 19))"' "$T_TODAY"
is "validate: an error of the member on each line add refuses" "$OUT" \
"2 items[2].type enum error
3 items[1].length format error
4 items[1].length format error
5 items[1].length format error
6 items[1].name required error
7 items[2].name required error
8 items format error
9 items format error
10 name format error
11 summary format error
12 category format error
13 share_condition format error
14 update_cycle enum error
15 published format error
16 related format error
17 related format error
18 items[1].length format error
19 provider_code format error provider_code must be text, not a number"

# A blank text is no value, in items as in every field: no items, added.
printf '%s\n' '{"type":"entry","code":"101001001/000990","name":"n","items":""}' \
	'{"type":"entry","code":"101001001/000991","name":"m","items":"  "}' >blank.jsonl
run gov-catalog --db blank.db add blank.jsonl
is "items blank: added, exit 0" "$RC:$ERR" "0:"
is "items blank: stored with no items" \
	"$(sqlite3 blank.db "SELECT record FROM catalog_entry ORDER BY code")" \
	'{"type":"entry","code":"101001001/000990","name":"n"}
{"type":"entry","code":"101001001/000991","name":"m"}'

done_testing
