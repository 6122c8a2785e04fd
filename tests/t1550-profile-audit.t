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

done_testing
