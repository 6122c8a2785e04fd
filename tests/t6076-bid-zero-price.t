#!/bin/sh
# gov-bid: a valid price of 0 leaves a tender without its statistical
# screens (SPD and DIFFP divide by the lowest price); the record says so
# instead of dropping them silently.  A negative price is no price.
. "$(dirname "$0")/lib.sh"

cat >in.jsonl <<'JSON'
{"type":"tender","tender":"zero","ceiling_price":1000,"winner":"B","bids":[{"bidder":"A","price":0},{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"positive","ceiling_price":1000,"winner":"B","bids":[{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"zero-two-bids","ceiling_price":1000,"winner":"B","bids":[{"bidder":"A","price":0},{"bidder":"B","price":950}]}
JSON
run gov-bid score --format ndjson --screens --no-pairs --no-parties in.jsonl
printf '%s\n' "$OUT" >got.ndjson
field() {
	py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r.get("tender") == sys.argv[1]:
        v = r.get(sys.argv[2])
        print(" ".join(sorted(v)) if isinstance(v, (dict, list)) else v)' "$1" "$2" <got.ndjson
}
is "zero: only the winner ratio" "$(field zero screens)" "near_ceiling winner_ratio"
like "zero: the record notes it" "$(field zero notes)" "a valid price of 0: no statistical screens"
is "positive prices: no note" "$(field positive notes)" "None"
is "two bids, one of them 0: no screens to miss, no note" "$(field zero-two-bids notes)" "None"
run gov-bid explain zero in.jsonl
like "explain names the note" "$OUT" "a valid price of 0"
done_testing
