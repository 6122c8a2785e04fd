#!/bin/sh
# A \u0000 in a catalog record: cJSON ends the string there, so a code
# "101001001/000001\u0000EVIL" would silently be the code 101001001/000001
# and overwrite that entry (a demand id, a related code, any text the
# same).  Such a line is refused, named by file and line; the rest goes on.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
before=$(gov-catalog show 101001001/000001)
printf '%s\n' '{"type":"entry","code":"101001001/000001\u0000EVIL","name":"Overwritten"}' \
	'{"type":"entry","code":"900001001/000001","name":"good one","related":["101001001/000001\u0000"]}' \
	'{"type":"entry","code":"900001001/000002","name":"a \\u0000 written out is fine"}' >nul.jsonl
run gov-catalog add nul.jsonl
is "add: exit 1" "$RC" 1
is "add: each line named" "$ERR" "gov-catalog: nul.jsonl:1: invalid JSON: \\u0000 in a string at column 41
gov-catalog: nul.jsonl:2: invalid JSON: \\u0000 in a string at column 89"
is "add: the good line goes in" "$OUT" '{"type":"change","code":"900001001/000002","action":"created","fields":["code","name"]}'
is "add: 101001001/000001 untouched" "$(gov-catalog show 101001001/000001)" "$before"
is "add: its history has only the creation" \
	"$(gov-catalog history 101001001/000001 | grep -c '"action"')" 1
run gov-catalog show 900001001/000002
like "an escaped backslash before u0000 is text, kept" "$OUT" '"name":"a \\\\u0000 written out is fine"'

printf '%s\n' '{"type":"demand","id":"D-1","unit":"u","need":"n"}' \
	'{"type":"demand","id":"D-1\u0000X","unit":"evil","need":"overwrite"}' >d.jsonl
run gov-catalog demand add d.jsonl
is "demand add: exit 1" "$RC" 1
is "demand add: named" "$ERR" "gov-catalog: d.jsonl:2: invalid JSON: \\u0000 in a string at column 27"
run gov-catalog demand list
unlike "demand add: D-1 not overwritten" "$OUT" 'evil'

run gov-catalog validate nul.jsonl
is "validate: the line a finding" "$(printf '%s\n' "$OUT" | head -1)" \
	'{"type":"finding","file":"nul.jsonl","row":1,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"invalid JSON: \\u0000 in a string at column 41","code":null}'
done_testing
