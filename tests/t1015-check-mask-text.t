#!/bin/sh
# gov-check masks a resident ID or mobile number wherever a finding quotes
# it, as gov-records masks it: inside a value's text ("张三 13812345678"
# was shown whole, only a value that was a number and nothing else was
# masked), in a field's name (a header cell), and in a message (an enum
# of the schema); in both forms.  --no-mask shows them.
. "$(dirname "$0")/lib.sh"

RIC=150502199001011234
PHONE=13812345678
cat >s.json <<EOS
{"fields": [{"name": "id", "type": "integer"},
            {"name": "note", "constraints": {"maxLength": 3}},
            {"name": "kind", "constraints": {"enum": ["$RIC", "x"]}}]}
EOS
printf 'id,note,kind\n1,"张三 %s",%s\n2,"ID:%s",y\n' "$PHONE" "$PHONE" "$RIC" >v.csv
printf 'a,%s,%s\n1,,\n' "$RIC" "$RIC" >h.csv

run gov-check -s s.json --format ndjson v.csv
is "values and messages: exit 1" "$RC" 1
is "an ID or phone inside a value's text, and in a message, masked" "$(finding_lines row check value)" \
"2 max-length 张三 138****5678 | length 14, maximum 3
2 enum 138****5678 | not one of: 150502********1234, x
3 max-length ID:150502********1234 | length 21, maximum 3
3 enum y | not one of: 150502********1234, x"
run gov-check --format ndjson h.csv
is "a header cell that is an ID: the field masked" "$(finding_lines field check value)" \
"150502********1234 duplicate-header 150502********1234 | header repeats column 2"
run gov-check -s s.json --format text v.csv
unlike "text form: neither number in full" "$OUT" "$RIC|$PHONE"
like "text form: the value masked inside its text" "$OUT" "张三 138\\*\\*\\*\\*5678"
run gov-check --format text h.csv
unlike "text form: the field's name masked" "$OUT" "1505021990"
run gov-check -s s.json --format ndjson --no-mask v.csv
like "--no-mask: the value as read" "$OUT" "\"value\":\"张三 $PHONE\""
like "--no-mask: the message as written" "$OUT" "not one of: $RIC, x"
run gov-check --format ndjson --no-mask h.csv
like "--no-mask: the field as read" "$OUT" "\"field\":\"$RIC\""

done_testing
