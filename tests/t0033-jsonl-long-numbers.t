#!/bin/sh
# JSON Lines input: a whole number of more than 15 digits (an ID number
# written as a number) keeps the digits it was written with.  cJSON holds
# numbers as doubles: 150502199001010002 was read as ...0016, so gov-check
# judged a valid resident ID wrong ("check character is 6, expected 0",
# the value shown with the wrong digits), two different 20-digit numbers
# were one duplicate row, and gov-profile showed 1.5050219900101000e+17,
# the ID's region and birth date in a form the masking does not know.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"fields":[{"name":"id","type":"string","format":"cn-ric"}]}' >ric.json
printf '%s\n' '{"id":150502199001010002}' '{"id":150502199001010011}' >ids.jsonl
run gov-check -s ric.json --no-mask ids.jsonl
is "gov-check: a valid ID as a number passes; a wrong one is named by its own digits" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*\|"value":"[^"]*"\|"message":"[^"]*"' | tr '\n' ' ')" \
	'"row":2 "value":"150502199001010011" "message":"check character is 1, expected 0" '

printf '%s\n' '{"n":12345678901234567890}' '{"n":12345678901234567891}' '{"n":-9007199254740993}' '{"n":-9007199254740992}' >big.jsonl
run gov-check --no-mask big.jsonl
is "gov-check: numbers a double rounds alike are no duplicate rows" "$RC" 0
is "... no finding" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 0

# numbers of 15 digits or fewer, fractions and exponents read as before
printf '%s\n' '{"fields":[{"name":"n","type":"integer","constraints":{"maximum":100}}]}' >n.json
printf '%s\n' '{"n":999999999999999}' '{"n":1e2}' '{"n":99.0}' >small.jsonl
run gov-check -s n.json --no-mask small.jsonl
is "gov-check: 15 digits as before (above the maximum)" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*,"column":[0-9]*\|"value":"[^"]*"' | tr '\n' ' ')" \
	'"row":1,"column":1 "value":"999999999999999" '

run gov-profile --format ndjson ids.jsonl
like "gov-profile: the ID-numbers are text, masked" "$OUT" \
	'"name":"id","type":"string",.*"top":\[\{"value":"150502\*\*\*\*\*\*\*\*0002","count":1\},\{"value":"150502\*\*\*\*\*\*\*\*0011","count":1\}\]'
unlike "gov-profile: no exponent form" "$OUT" 'e\+17'
run gov-profile --format ndjson --no-mask big.jsonl
like "gov-profile --no-mask: every digit" "$OUT" '"min":"-9007199254740992","max":"12345678901234567891"'
like "... four distinct values" "$OUT" '"distinct":4,'

# gov-submit sends a record's own text: the digits reach the server
# whole.  A rejected record shown by --status keeps them too, and an ID
# among them is masked (it was shown rounded: 150502199001010000, the
# region and birth date in clear)
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\n' >"$XDG_CONFIG_HOME/govkit/config"
server_start
server_control '{"reject":[{"field":"kind","value":"bad","error":"no"}]}'
printf '%s\n' '{"kind":"bad","id":150502199001010002,"n":12345678901234567891}' >rej.jsonl
run gov-submit --endpoint people rej.jsonl
is "gov-submit: rejected, exit 1" "$RC" 1
run gov-submit --status --format ndjson
like "--status: the ID masked, the long number whole" "$OUT" \
	'"record":\{"kind":"bad","id":"150502\*\*\*\*\*\*\*\*0002","n":12345678901234567891\}'
run gov-submit --status --format ndjson --no-mask
like "--status --no-mask: every digit, numbers still" "$OUT" \
	'"record":\{"kind":"bad","id":150502199001010002,"n":12345678901234567891\}'

done_testing
