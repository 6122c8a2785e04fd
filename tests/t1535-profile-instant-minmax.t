#!/bin/sh
# gov-profile: min and max of a datetime or time column are its earliest
# and latest instants, printed as written, compared as gov-check compares
# them.  They were the first and last texts by code point, so an offset
# (2025-01-01T08:00:00+08:00 is 00:00Z) or a fraction before a 'Z'
# (08:00:00.5Z sorts before 08:00:00Z) gave the wrong ones.
. "$(dirname "$0")/lib.sh"

minmax() { # the name, min and max of each field of the record in $OUT
	printf '%s\n' "$OUT" | py -c '
import json, sys
for f in json.load(sys.stdin)["fields"]:
    print(f["name"], f["type"], f["min"], f["max"], f.get("distinct_values"))'
}

cat >d.csv <<'CSV'
zoned,frac,naive,t
2025-01-01T08:00:00+08:00,2025-01-01T08:00:00Z,2025-01-01T08:00:00,10:00:00.5
2025-01-01T01:00:00Z,2025-01-01T08:00:00.5Z,2025-01-01T08:00:00.25,10:00:00
2025-01-01T00:30:00.5Z,2025-01-01T07:59:59.999Z,2025-01-01T07:59:59.9,09:59:59.75
2025-01-01T09:00:00+08:00,2025-01-01T08:00:00.50Z,2025-01-01T08:00:00.250,10:00:00.50
CSV
run gov-profile d.csv
is "runs clean" "$RC:$ERR" "0:"
is "earliest and latest instants, as written" "$(minmax)" \
"zoned datetime 2025-01-01T08:00:00+08:00 2025-01-01T01:00:00Z 3
frac datetime 2025-01-01T07:59:59.999Z 2025-01-01T08:00:00.5Z 3
naive datetime 2025-01-01T07:59:59.9 2025-01-01T08:00:00.25 3
t time 09:59:59.75 10:00:00.5 3"

# The same as JSON Lines strings
py -c '
import csv, json
for r in csv.DictReader(open("d.csv")):
    print(json.dumps(r))' >d.jsonl
run gov-profile d.jsonl
is "JSON Lines: the same" "$(minmax)" \
"zoned datetime 2025-01-01T08:00:00+08:00 2025-01-01T01:00:00Z 3
frac datetime 2025-01-01T07:59:59.999Z 2025-01-01T08:00:00.5Z 3
naive datetime 2025-01-01T07:59:59.9 2025-01-01T08:00:00.25 3
t time 09:59:59.75 10:00:00.5 3"

# A column that stops being datetimes is text, in text order.
printf 'v\n2025-01-01T08:00:00+08:00\n2025-01-01T01:00:00Z\nn/a\n' >mixed.csv
run gov-profile mixed.csv
is "text after all: code point order" "$(minmax)" \
	"v string 2025-01-01T01:00:00Z n/a None"

done_testing
