#!/bin/sh
# gov-submit takes every record gov-bid score prints without --endpoint:
# tender-risk, pair-risk and party-risk all go to /v1/risks (the contract's
# "risks" endpoint), so 'gov-bid score | gov-submit' needs no option.
. "$(dirname "$0")/lib.sh"

cat > t.jsonl <<'JSON'
{"type":"tender","tender":"T1","category":"works","ceiling_price":1000000,"winner":"A","bids":[{"bidder":"A","price":950000,"ip":"10.1.2.3"},{"bidder":"B","price":950000,"ip":"10.1.2.3"},{"bidder":"C","price":990000}]}
JSON
gov-bid score --format ndjson t.jsonl > risks.jsonl
is "gov-bid prints a party-risk record" "$(grep -c '"type":"party-risk"' risks.jsonl)" 2

run gov-submit --dry-run risks.jsonl
is "gov-bid's records: dry run exit 0" "$RC" 0
is "gov-bid's records: nothing on stderr" "$ERR" ""
is "every record in one batch to risks" \
   "$(printf '%s\n' "$OUT" | grep -c '"endpoint":"risks"')" 1
like "the batch holds every record" "$OUT" \
   "\"records\":$(wc -l < risks.jsonl | tr -d ' '),"

printf '{"type":"party-risk","role":"tenderer","id":"A","signals":[]}\n' > p.jsonl
run gov-submit --dry-run p.jsonl
is "party-risk alone: exit 0" "$RC" 0
like "party-risk goes to risks" "$OUT" '"endpoint":"risks","records":1,'
done_testing
