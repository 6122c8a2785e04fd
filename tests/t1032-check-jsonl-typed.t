#!/bin/sh
# A JSON boolean or number of a JSON Lines record is a typed value, as
# gov-records -s writes it: gov-check(1)'s own pipeline
# 'gov-records --no-mask -s s.json x.csv | gov-check -s s.json --jsonl -'
# found every row's true of a field whose trueValues are ["是"] 'not a
# boolean' (the JSON true was read as the text "true"), and 1.5 of a field
# whose decimalChar is "," not a number.
. "$(dirname "$0")/lib.sh"

Q=$T_TOP/samples/quality
cat >d.json <<'JSON'
{"fields": [{"name": "v", "type": "number", "decimalChar": ","},
            {"name": "ok", "type": "boolean", "trueValues": ["是"], "falseValues": ["否"]},
            {"name": "s"}]}
JSON
printf 'v;ok;s\n1,5;是;true\n2;否;x\n' >d.csv
gov-records --no-mask -s d.json d.csv >d.jsonl
is "gov-records -s types the cells (sanity)" "$(cat d.jsonl)" \
'{"v":1.5,"ok":true,"s":"true"}
{"v":2,"ok":false,"s":"x"}'
run gov-check -s d.json --jsonl d.jsonl
is "typed records of gov-records -s: exit 0" "$RC" 0
is "typed records of gov-records -s: no finding" "$(finding_lines row field check)" ""

# the text stays text: "true" is no value of the boolean field, a JSON
# true in a string field is the text true
printf '%s\n' '{"v":"1.5","ok":"true","s":true}' >t.jsonl
run gov-check -s d.json t.jsonl
is "strings are read with the field's trueValues and decimalChar" \
	"$(finding_lines row field check value)" \
	"1 v type 1.5 | not a number
1 ok type true | not a boolean (true: 是; false: 否)"

# the page's pipeline on the clean sample: as clean as the CSV itself
gov-records --no-mask -s "$Q/residents.schema.json" "$Q/residents-clean.csv" >r.jsonl
run_in r.jsonl gov-check -s "$Q/residents.schema.json" \
	--ref communities="$Q/communities.csv" --today "$T_TODAY" --jsonl -
is "residents-clean through gov-records -s: exit 0" "$RC" 0
is "residents-clean through gov-records -s: no finding" "$(finding_lines row field check)" ""

done_testing
