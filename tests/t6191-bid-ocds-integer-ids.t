#!/bin/sh
# gov-bid --from ocds: OCDS 1.1 lets an organization's id be an integer.
# A bid whose tenderers had integer ids was "without tenderers" and left
# out (the tender below scored on one bid of three, exit 1), while the
# award's integer supplier id was read as the winner.  Now a tenderer's
# integer id is its text, as the supplier's is: the bids, the winner's
# bid and the screens are there.
. "$(dirname "$0")/lib.sh"

cat >int.jsonl <<'EOF2'
{"ocid":"ocds-i1","tender":{"value":{"amount":1000000,"currency":"CNY"}},"awards":[{"status":"active","suppliers":[{"id":101}]}],"bids":{"details":[{"status":"valid","tenderers":[{"id":101}],"value":{"amount":950000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":102}],"value":{"amount":960000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"103"}],"value":{"amount":990000,"currency":"CNY"}}]}}
{"ocid":"ocds-i2","tender":{"value":{"amount":1000000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":101},{"id":102}],"value":{"amount":950000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":true}],"value":{"amount":960000,"currency":"CNY"}}]}}
EOF2
run gov-bid score --from ocds --format ndjson --screens --no-pairs --no-parties int.jsonl
is "integer tenderer ids: every bid kept, the winner's bid found" "$(printf '%s\n' "$OUT" | sed -n 1p)" \
	'{"type":"tender-risk","tender":"ocds-i1","score":0,"level":"low","category":null,"winner":"101","bids":3,"valid_bids":3,"signals":[],"screens":{"cv":0.02153448,"spd":0.04210526,"diffp":0.01052632,"rd":0.4714045,"rdnor":0.5,"altrd":0.3333333,"skew":1.293343,"ks":0.4166667,"winner_ratio":0.95,"near_ceiling":1}}'
is "a consortium of integer ids is one bidder; an id that is neither is no tenderer" "$RC|$ERR" \
	"1|gov-bid: int.jsonl:2: tender 'ocds-i2': 1 bid without tenderers left out"
like "... the consortium's bid kept" "$(printf '%s\n' "$OUT" | sed -n 2p)" '"bids":1,"valid_bids":1,'

done_testing
