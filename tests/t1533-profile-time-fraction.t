#!/bin/sh
# gov-profile: a column of times with a fraction of a second ("12:30:45.5",
# which gov-check's 'time' takes, and gov-xlsx now writes and gov-records
# reads back for a time given to the millisecond) is drafted as 'time';
# it was 'string', though such date-times were already 'datetime'.
. "$(dirname "$0")/lib.sh"

printf 't\n12:30:45.5\n08:00:00\n23:59:59.999\n' >t.csv
run gov-profile --schema t.csv
is "fractions of a second: time" "$RC:$OUT" \
	'0:{"fields":[{"name":"t","type":"time","constraints":{"required":true}}],"missingValues":[""]}'
printf 't\n12:30:45.\n08:00:00\n' >dot.csv
run gov-profile --schema dot.csv
is "a dot without digits: string" "$RC:$OUT" \
	'0:{"fields":[{"name":"t","type":"string","constraints":{"required":true}}],"missingValues":[""]}'

# The chain: records through a workbook, profiled, checked.
printf '%s\n' '{"at":"2025-03-01T08:00:00.123","t":"12:30:45.678"}' \
	'{"at":"2025-03-02T09:00:00","t":"13:30:45"}' >r.jsonl
gov-xlsx -o r.xlsx r.jsonl
run gov-profile --schema r.xlsx
is "from the workbook: datetime and time" "$RC:$OUT" \
	'0:{"fields":[{"name":"at","type":"datetime","constraints":{"required":true}},{"name":"t","type":"time","constraints":{"required":true}}],"missingValues":[""]}'
printf '%s\n' "$OUT" >s.json
run gov-check -s s.json --format ndjson r.xlsx
is "and gov-check takes them: valid" "$RC:$(printf '%s\n' "$OUT" | grep -c '"valid":true')" "0:1"
done_testing
