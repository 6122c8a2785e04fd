#!/bin/sh
# gov-profile: what an audit found: personal data in min/max of JSON
# numbers, values cut at NUL, wide headers, many JSON keys, bytes not
# valid in the encoding, a schema draft for repeated or blank headers.
. "$(dirname "$0")/lib.sh"

# Phone numbers stored as JSON numbers: min and max masked like top, the
# mean (of one row: the number itself) left out; --no-mask shows them.
printf '{"phone":13812345678}\n{"phone":13912345679}\n' >p.jsonl
run gov-profile --format ndjson p.jsonl
is "JSON phone numbers: exit 0" "$RC" 0
like "JSON phone numbers: min and max masked" "$OUT" '"min":"138\*\*\*\*5678","max":"139\*\*\*\*5679","mean":null,'
like "JSON phone numbers: masked" "$OUT" '"masked":true'
unlike "JSON phone numbers: no digits in full" "$OUT" '13812345678|13912345679'
printf '{"phone":13812345678}\n' >p1.jsonl
run gov-profile --format ndjson p1.jsonl
unlike "one JSON phone number: not in the mean" "$OUT" '1381234567'
run gov-profile --format ndjson --no-mask p.jsonl
like "--no-mask: min and max as numbers" "$OUT" '"min":13812345678,"max":13912345679,"mean":13862345678.5,'
printf '{"n":5}\n{"n":70}\n' >n.jsonl
run gov-profile --format ndjson n.jsonl
like "plain JSON numbers: min, max, mean as numbers" "$OUT" '"min":5,"max":70,"mean":37.5,'
unlike "plain JSON numbers: not masked" "$OUT" '"masked"'

# A NUL inside a value: the value keeps every byte (escaped), three
# distinct values are three values in top, min and max.
printf 'a\n1\0x\n1\n1\0y\n' >nul.csv
run gov-profile --format ndjson nul.csv
is "NUL in a value: exit 0" "$RC" 0
like "NUL in a value: min and max whole" "$OUT" '"min":"1","max":"1\\u0000y",'
like "NUL in a value: top keeps the bytes" "$OUT" '"top":\[\{"value":"1","count":1\},\{"value":"1\\u0000x","count":1\},\{"value":"1\\u0000y","count":1\}\]'
py -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sorted(t["value"] for t in r["fields"][0]["top"]) == ["1","1\0x","1\0y"])' "$SCRATCH/.out" >nul.ok
is "NUL in a value: valid JSON with the bytes" "$(cat nul.ok)" True
printf 'a\n1\0x\n1\0x\n1\0x\n1\n1\n1\n' >nul2.csv
run gov-profile --schema --format ndjson nul2.csv
is "NUL in a value: no enum cut at the NUL" "$OUT" '{"fields":[{"name":"a","type":"string","constraints":{"required":true}}],"missingValues":[""]}'

done_testing
