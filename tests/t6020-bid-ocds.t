#!/bin/sh
# gov-bid --from ocds: lots become one tender each, consortia one bidder,
# missing values and other currencies are reported, never mixed in;
# bad lines are reported and skipped.
. "$(dirname "$0")/lib.sh"

in=$(expected bid-ocds.jsonl)
cp "$in" in.jsonl
run gov-bid score --from ocds --format ndjson in.jsonl
is "exit 1: records were left out" "$RC" 1
printf '%s\n' "$OUT" >got.ndjson
same_file "exact records" got.ndjson "$(expected bid-ocds.ndjson)"
printf '%s\n' "$ERR" | sed 's|^gov-bid: in.jsonl|gov-bid: tests/expected/bid-ocds.jsonl|' >got.err
same_file "exact diagnostics" got.err "$(expected bid-ocds.err)"

like "lot 1 is a tender" "$OUT" '"tender":"ocds-lots/L1".*"winner":"A","bids":3'
like "consortium is one bidder" "$OUT" '"tender":"ocds-lots/L2".*"winner":"D\+E"'
like "other currency left out of the screens" "$OUT" '"tender":"ocds-currency".*"valid_bids":2.*another currency'
like "currency named" "$ERR" "bid of 'B' in USD, tender in CNY"
like "missing price reported" "$ERR" "tender 'ocds-missing': 1 bid without a price"
like "bad JSON reported" "$ERR" 'in.jsonl:6: invalid JSON at column 1'
# R058's ratio is (second-lowest - winning) / winning: 470000 is 4.444%
# above 450000; the winning bid is 4.255% below it, not 4.444%
like "R058: the second-lowest bid above the winning bid" "$OUT" \
	'"signal":"R058",.*"evidence":"the second-lowest bid is 4\.444% above the winning bid, at or above the fence 4\.444% \(Cardinal R058\)"'
run gov-bid score --from ocds --format ndjson --lang zh in.jsonl
like "R058 in Chinese: 次低价比中标价高, not below the fence it meets" "$OUT" \
	'"signal":"R058",.*"evidence":"次低价比中标价高4\.444%，不低于全部项目的上界4\.444%（Cardinal R058）"'
like "R024 in Chinese: at the fence is 不高于, not 低于" "$OUT" \
	'"signal":"R024",.*"evidence":"次低价仅比中标价高4\.444%，不高于全部项目的下界4\.444%（Cardinal R024）"'

# the same release as a govkit record is a usage of the other format
run gov-bid score --from govkit --format ndjson in.jsonl
like "OCDS read as govkit: reported" "$ERR" "in.jsonl:1: tender record without 'tender'"
is "... and exit 1" "$RC" 1

# standard input
run_in in.jsonl gov-bid score --from ocds --format ndjson --no-parties -
is "stdin: same tender records" "$(printf '%s\n' "$OUT" | grep -c tender-risk)" 5
like "stdin named in diagnostics" "$ERR" '\(stdin\):2:'

done_testing
