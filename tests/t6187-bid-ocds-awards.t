#!/bin/sh
# gov-bid --from ocds: awards that name no one winner.  Two active awards
# to different suppliers in a release without lots, or an active award
# without relatedLots in a release split into lots, left the tender (or
# every lot) without a winner and said nothing, exit 0.  Now each is
# named on standard error (exit 1); the records are unchanged.  Pending
# and cancelled awards name no winner, and the same supplier twice is one.
. "$(dirname "$0")/lib.sh"

cat >w.jsonl <<'EOF2'
{"ocid":"w1","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"A"}]},{"status":"active","suppliers":[{"id":"B"}]}]}
{"ocid":"w2","tender":{"lots":[{"id":"L1"},{"id":"L2"}]},"bids":{"details":[{"status":"valid","relatedLots":["L1"],"tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","relatedLots":["L2"],"tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"A"}]}]}
EOF2
cat >ok.jsonl <<'EOF2'
{"ocid":"w3","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"A"}]},{"status":"active","suppliers":[{"id":"A"}]}]}
{"ocid":"w4","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"pending","suppliers":[{"id":"A"}]},{"status":"cancelled","suppliers":[{"id":"B"}]}]}
{"ocid":"w5","tender":{"lots":[{"id":"L1"},{"id":"L2"}]},"bids":{"details":[{"status":"valid","relatedLots":["L1"],"tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","relatedLots":["L2"],"tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]},"awards":[{"status":"active","relatedLots":["L2"],"suppliers":[{"id":"B"}]}]}
EOF2
run gov-bid score --from ocds --format ndjson --no-parties w.jsonl
is "named, exit 1" "$RC|$ERR" \
	"1|gov-bid: w.jsonl:1: tender 'w1': active awards to 'A' and to 'B' (lots not described): no winner
gov-bid: w.jsonl:2: tender 'w2': an active award without 'relatedLots': no lot's winner"
is "no winner in the records" "$(printf '%s\n' "$OUT" | grep -c '"winner"')" 0
run gov-bid score --from ocds --format ndjson --no-parties ok.jsonl
is "the same supplier twice, pending, cancelled, a lot's award: exit 0, silent" \
	"$RC|$ERR" "0|"
is "winners" "$(printf '%s\n' "$OUT" | sed -n 's/.*"tender":"\([^"]*\)".*"winner":"\([^"]*\)".*/\1=\2/p' | tr '\n' ' ')" \
	"w3=A w5/L2=B "
done_testing
