#!/bin/sh
# gov-profile: a zone is read as gov-check reads it.  A column of times with
# an offset ("10:00:00+08:00", "11:00:00Z"), which gov-check's 'time' takes,
# was drafted as 'string'; date-times with an offset written "+0800" or
# "+08" (Java's and PostgreSQL's exports), which gov-check's 'datetime'
# takes, were 'string' too.  Now 'time' and 'datetime', and the draft still
# passes on the file, directly and through gov-records' JSON Lines.
. "$(dirname "$0")/lib.sh"

printf 't\n10:00:00+08:00\n11:00:00Z\n23:59:59.5-0500\n00:00:00+08\n' >t.csv
run gov-profile --schema t.csv
is "times with an offset: time" "$RC:$OUT" \
	'0:{"fields":[{"name":"t","type":"time","constraints":{"required":true}}],"missingValues":[""]}'
printf '%s\n' "$OUT" >t.schema.json
run gov-check -s t.schema.json --format ndjson t.csv
is "gov-check takes the draft: exit 0, valid" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"

printf 'at\n2024-01-05T10:00:00+0800\n2024-01-05T10:00:00.25+08\n2024-01-05T02:00:01Z\n' >dt.csv
run gov-profile --schema dt.csv
is "date-times with +0800, +08: datetime" "$RC:$OUT" \
	'0:{"fields":[{"name":"at","type":"datetime","constraints":{"required":true}}],"missingValues":[""]}'
printf '%s\n' "$OUT" >dt.schema.json
run gov-check -s dt.schema.json --format ndjson dt.csv
is "gov-check takes the draft: exit 0, valid" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"
run gov-profile --format ndjson dt.csv
like "min and max by the instant" "$OUT" \
	'"min":"2024-01-05T10:00:00\+0800","max":"2024-01-05T02:00:01Z"'

# The JSON Lines route gov-check(1) recommends.
gov-records -s t.schema.json t.csv >t.jsonl
run gov-check -s t.schema.json --jsonl --format ndjson t.jsonl
is "records of the times: exit 0, valid" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"

# What gov-check does not read as a zone stays text.
for v in 10:00:00+24:00 10:00:00+08: 10:00:00+8 10:00:00+08:60 10:00:00z; do
	printf 't\n%s\n' "$v" >bad.csv
	run gov-profile --schema bad.csv
	is "$v: string" "$RC:$OUT" \
		'0:{"fields":[{"name":"t","type":"string","constraints":{"required":true}}],"missingValues":[""]}'
done
done_testing
