#!/bin/sh
# gov-bid --from ocds: a bid whose value.amount is a string ("450000.00"),
# beyond the range of a number or negative.  Before, a string or an
# endless amount was counted among "N bids without a price", the bid not
# named, though the man page says each such bid is; a negative amount was
# kept as a valid price (winner_ratio -0.96).  Now each is named, left
# out of the price screens and noted; null and an absent amount are
# counted as before.
. "$(dirname "$0")/lib.sh"

cat >s.jsonl <<'EOF2'
{"ocid":"s1","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":"450000.00","currency":"CNY"}},{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"C"}],"value":{"amount":-480000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"D"}],"value":{"amount":null,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"E"}],"value":{"amount":1e400,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"F"}],"value":{"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"B"}]}]}
EOF2
run gov-bid score --from ocds --format ndjson --screens --no-parties s.jsonl
is "each bid named, exit 1" "$RC|$ERR" \
	"1|gov-bid: s.jsonl:1: tender 's1': bid of 'A': 'amount' is not a number: left out of the price screens
gov-bid: s.jsonl:1: tender 's1': bid of 'C': negative amount -480000.00: left out of the price screens
gov-bid: s.jsonl:1: tender 's1': bid of 'E': 'amount' beyond the range of a number: left out of the price screens
gov-bid: s.jsonl:1: tender 's1': 2 bids without a price: left out of the price screens"
is "the record: B's price alone" "$OUT" \
	'{"type":"tender-risk","tender":"s1","score":0,"level":"low","category":null,"winner":"B","bids":6,"valid_bids":1,"signals":[],"screens":{"winner_ratio":0.94,"near_ceiling":0},"notes":["bids without a price left out of the price screens"]}'
done_testing
