#!/bin/sh
# gov-profile --today: the day a resident ID's birth date must not be
# after (cn-ric), as --today fixes "today" in every tool that compares
# with the date.  Before, gov-profile had no --today: IDs of children
# born after a given day could not be profiled as of that day, and a
# profile run again later could come out otherwise.  gov-catalog
# describe, which drafts from the same profile, follows its --today too.
. "$(dirname "$0")/lib.sh"

printf 'id_no,name\n150502202105050011,a\n150502202106060027,b\n150502202112310037,c\n' > kids.csv

format_of() { printf '%s\n' "$OUT" | py -c '
import json, sys
r = json.loads(sys.stdin.readline())
print(r["fields"][0].get("format"))'; }

run gov-profile --format ndjson kids.csv
is "no --today: exit 0" "$RC" 0
is "no --today: the clock's today, the IDs are cn-ric" "$(format_of)" cn-ric

run gov-profile --format ndjson --today 2021-12-31 kids.csv
is "--today the last birth day: cn-ric" "$(format_of)" cn-ric

run gov-profile --format ndjson --today 2021-12-30 kids.csv
is "--today before the last birth: exit 0" "$RC" 0
is "--today before the last birth: not every value a cn-ric" "$(format_of)" None

run gov-profile --today 2021-13-01 kids.csv
is "a bad --today: exit 2" "$RC" 2
like "a bad --today: says so" "$ERR" "^gov-profile: .*2021-13-01"

run gov-catalog describe --format ndjson --today 2021-12-30 kids.csv
is "gov-catalog describe --today: exit 0" "$RC" 0
unlike "gov-catalog describe --today before the last birth: no cn-ric drafted" \
	"$OUT" 'cn-ric'
run gov-catalog describe --format ndjson --today 2022-01-01 kids.csv
like "gov-catalog describe --today after: cn-ric drafted" "$OUT" 'cn-ric'

done_testing
