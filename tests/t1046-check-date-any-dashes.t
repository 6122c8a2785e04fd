#!/bin/sh
# gov-check, a date field of format "any": ISO's dashes without its zeros
# (2024-1-5, as Excel and WPS export a date) were "not a date" while
# 2024/1/5 and 2024.1.5 were taken (frictionless's "any" takes them all).
# Now taken; and gov-profile, which asks gov-check's parser, drafts such
# a column as a date of format "any".
. "$(dirname "$0")/lib.sh"

echo '{"fields":[{"name":"d","type":"date","format":"any"},{"name":"t","type":"datetime","format":"any"}]}' >s.json
printf '%s\n' 'd,t' '2024-1-5,2024-1-5' '2024-01-5,2024-1-05' '2024-12-31,2024-12-31' \
	'2024-13-1,2024-1-5' '2024-2-30,2024-1-5' '2024-1-5x,2024-1-5' >a.csv
run gov-check -s s.json --format ndjson a.csv
is "2024-1-5 and the like are dates; a 13th month, 30 February and a trailing letter are not" \
	"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9]*\),.*"field":"\([a-z]*\)","check":"\([a-z]*\)".*"value":"\([^"]*\)".*/\1 \2 \3 \4/')" \
	"1:5 d type 2024-13-1
6 d type 2024-2-30
7 d type 2024-1-5x"

echo '{"fields":[{"name":"d","type":"date"}]}' >default.json
printf '%s\n' d 2024-1-5 >b.csv
run gov-check -s default.json --format ndjson b.csv
like "format default still wants ISO's zeros" "$OUT" '"row":2,.*"check":"type".*"value":"2024-1-5"'

printf '%s\n' d 2024-1-5 2024-01-05 2024-12-31 >c.csv
run gov-profile --format ndjson c.csv
like "gov-profile: a date of format any" "$OUT" '"name":"d","type":"date","format":"any"'

done_testing
