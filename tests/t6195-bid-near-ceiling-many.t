#!/bin/sh
# gov-bid: the count of valid bids near the ceiling price stopped at 255
# (a byte), so a tender of 300 such bids said "255 valid bids within 2%
# of the ceiling price" in its evidence and near_ceiling 255 among its
# screens.  Now counted to 65,535.
. "$(dirname "$0")/lib.sh"

py -c '
import json
bids = [{"bidder": "B%03d" % i, "price": 990000 + i} for i in range(300)]
print(json.dumps({"type": "tender", "tender": "M1", "ceiling_price": 1000000,
                  "winner": "B000", "bids": bids}))' >m.jsonl
run gov-bid score --format ndjson --screens --no-pairs --no-parties m.jsonl
is "ran" "$(printf '%s' "$ERR" | wc -c | tr -d ' ')" 0
like "near_ceiling counts all 300" "$OUT" '"winner_ratio":0\.99,"near_ceiling":300\}'
like "... and the evidence says 300" "$OUT" '"evidence":"300 valid bids within 2% of the ceiling price 1000000\.00"'

done_testing
