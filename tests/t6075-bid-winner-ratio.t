#!/bin/sh
# gov-bid: the winner ratio is the named winner's valid bid over the
# ceiling price; a winner without a valid priced bid has none (not the
# lowest bid's), and the lowest bid stands in only when no winner is named.
. "$(dirname "$0")/lib.sh"

cat >in.jsonl <<'JSON'
{"type":"tender","tender":"named","ceiling_price":1000,"winner":"C","bids":[{"bidder":"A","price":900},{"bidder":"B","price":950},{"bidder":"C","price":990}]}
{"type":"tender","tender":"unnamed","ceiling_price":1000,"bids":[{"bidder":"A","price":900},{"bidder":"B","price":950},{"bidder":"C","price":990}]}
{"type":"tender","tender":"winner-disq","ceiling_price":1000,"winner":"A","bids":[{"bidder":"A","price":999,"status":"disqualified"},{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"winner-noprice","ceiling_price":1000,"winner":"A","bids":[{"bidder":"A"},{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"winner-not-bidder","ceiling_price":1000,"winner":"Z","bids":[{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
JSON
run gov-bid score --format ndjson --screens --no-pairs --no-parties in.jsonl
printf '%s\n' "$OUT" >got.ndjson
ratio() {
	py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r.get("tender") == sys.argv[1]:
        print(r["screens"].get("winner_ratio", "none"))' "$1" <got.ndjson
}
is "the named winner's bid" "$(ratio named)" 0.99
is "no winner named: the lowest bid" "$(ratio unnamed)" 0.9
is "winner disqualified: no ratio" "$(ratio winner-disq)" none
is "winner without a price: no ratio" "$(ratio winner-noprice)" none
is "winner not among the bidders: no ratio" "$(ratio winner-not-bidder)" none
done_testing
