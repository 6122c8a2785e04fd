#!/bin/sh
# gov-bid: a tender's amounts written as strings, as exports often write
# them ("1000000", OCDS "500000.00").  A bid's price that is not a number
# was named on standard error; a govkit ceiling_price or minimum_price, or
# an OCDS tender value's amount, was dropped without a word: the bids
# under a minimum price of "800000" were scored as valid, exit 0.  Now
# each is named (file, line, tender, field) and the exit status is 1.
. "$(dirname "$0")/lib.sh"

cat >g.jsonl <<'EOF2'
{"type":"tender","tender":"G1","ceiling_price":"1000000","minimum_price":"800000","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":700000},{"bidder":"C","price":960000}]}
{"type":"tender","tender":"G2","ceiling_price":null,"minimum_price":800000,"bids":[{"bidder":"A","price":950000},{"bidder":"B","price":700000},{"bidder":"C","price":960000}]}
EOF2
run gov-bid score --format ndjson --no-pairs --no-parties g.jsonl
is "govkit: exit 1, each string named" "$RC|$ERR" \
	"1|gov-bid: g.jsonl:1: tender 'G1': 'ceiling_price' is not a number: left out
gov-bid: g.jsonl:1: tender 'G1': 'minimum_price' is not a number: left out"
is "govkit: the record as before (B counted valid, no ceiling)" \
	"$(printf '%s\n' "$OUT" | head -1)" \
	'{"type":"tender-risk","tender":"G1","score":0,"level":"low","category":null,"bids":3,"valid_bids":3,"signals":[]}'
is "govkit: a number and null as before" \
	"$(printf '%s\n' "$OUT" | tail -1)" \
	'{"type":"tender-risk","tender":"G2","score":0,"level":"low","category":null,"bids":3,"valid_bids":2,"signals":[],"notes":["bids under the minimum price counted as disqualified"]}'

cat >o.jsonl <<'EOF2'
{"ocid":"o1","tender":{"value":{"amount":"500000.00","currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]}}
{"ocid":"o2","tender":{"lots":[{"id":"L1","value":{"amount":500000,"currency":"USD"}},{"id":"L2","value":{"amount":500000,"currency":"CNY"}}]},"bids":{"details":[{"status":"valid","relatedLots":["L1"],"tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","relatedLots":["L2"],"tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]}}
{"ocid":"o3","tender":{"value":{"amount":null,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}}]}}
EOF2
run gov-bid explain --from ocds o1 o.jsonl
is "ocds: explain names it too, exit 1 (input left out)" "$RC|$ERR" \
	"1|gov-bid: o.jsonl:1: tender 'o1': the value's 'amount' is not a number: no ceiling price
gov-bid: o.jsonl:2: tender 'o2/L1': the value in USD, the bids in CNY: no ceiling price"
is "ocds: explain shows no ceiling price" \
	"$(printf '%s\n' "$OUT" | grep -c -i 'ceiling')" "0"
run gov-bid score --from ocds --format ndjson --no-pairs --no-parties o.jsonl
is "ocds: a lot's value in another currency named" "$RC|$ERR" \
	"1|gov-bid: o.jsonl:1: tender 'o1': the value's 'amount' is not a number: no ceiling price
gov-bid: o.jsonl:2: tender 'o2/L1': the value in USD, the bids in CNY: no ceiling price"
done_testing
