#!/bin/sh
# gov-bid: one bidder's second bid in a tender (an export's row written
# twice, a bid filed again).  Before, both prices went into the price
# screens without a word (A at 950,000 twice: diffp 0, rd 0, four valid
# bids of three bidders), exit 0.  Now the second is named on standard
# error with the file and line (exit 1) and its price is left out of the
# screens, the bidder's first valid price kept; a second bid after a
# disqualified one is named and kept.
. "$(dirname "$0")/lib.sh"

cat >d.jsonl <<'EOF2'
{"type":"tender","tender":"D1","winner":"A","bids":[{"bidder":"A","price":950000},{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
{"type":"tender","tender":"D2","bids":[{"bidder":"A","price":900000,"status":"disqualified"},{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
{"type":"tender","tender":"D3","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
EOF2
run gov-bid score --format ndjson --screens --no-pairs --no-parties d.jsonl
is "named, exit 1" "$RC|$ERR" \
	"1|gov-bid: d.jsonl:1: tender 'D1': another bid of 'A': left out of the price screens, its first kept
gov-bid: d.jsonl:2: tender 'D2': another bid of 'A'"
scr() { printf '%s\n' "$OUT" | grep "\"$1\"" | sed 's/.*"valid_bids":\([0-9]*\).*"screens":\({[^}]*}\).*/\1 \2/'; }
is "D1: three valid bids, screens as D3's" "$(scr D1)" "$(scr D3)"
is "D2: A's valid bid kept" "$(scr D2)" "$(scr D3)"
is "D3's screens" "$(scr D3)" \
	'3 {"cv":0.02153448,"spd":0.04210526,"diffp":0.01052632,"rd":0.4714045,"rdnor":0.5,"altrd":0.3333333,"skew":1.293343,"ks":0.4166667}'

cat >o.jsonl <<'EOF2'
{"ocid":"o1","tender":{"value":{"amount":1000000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":950000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":960000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":955000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"A"},{"id":"B"}],"value":{"amount":990000,"currency":"CNY"}}]}}
EOF2
run gov-bid score --from ocds --format ndjson --no-pairs --no-parties o.jsonl
is "ocds: named, a consortium is another bidder" "$RC|$ERR" \
	"1|gov-bid: o.jsonl:1: tender 'o1': another bid of 'A': left out of the price screens, its first kept"
like "ocds: three valid bids" "$OUT" '"bids":4,"valid_bids":3,'

# a natural person bids under their resident ID: the warnings on
# standard error mask it as the records do, unless --no-mask
ID=150502199001011234
cat >p.jsonl <<EOF2
{"type":"tender","tender":"P1","bids":[{"bidder":"$ID","price":950000},{"bidder":"$ID","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
EOF2
run gov-bid score --format ndjson --no-pairs --no-parties p.jsonl
is "a resident ID in a warning: masked" "$RC|$ERR" \
	"1|gov-bid: p.jsonl:1: tender 'P1': another bid of '150502********1234': left out of the price screens, its first kept"
run gov-bid score --format ndjson --no-pairs --no-parties --no-mask p.jsonl
is "... shown with --no-mask" "$ERR" \
	"gov-bid: p.jsonl:1: tender 'P1': another bid of '$ID': left out of the price screens, its first kept"
printf '%s\n' '{"ocid":"o2","tender":{"value":{"amount":1000000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"'$ID'"}],"value":{"amount":950000,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":960000,"currency":"CNY"}}]}}' >q.jsonl
run gov-bid score --from ocds --format ndjson --no-pairs --no-parties q.jsonl
like "... and in the other warnings of the input (another currency)" "$ERR" \
	"bid of '150502\\*\\*\\*\\*\\*\\*\\*\\*1234' in USD"
# a tender id given twice is named with it masked too (it was printed
# whole, the records masking it), unless --no-mask
cat >r.jsonl <<EOF2
{"type":"tender","tender":"$ID","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
{"type":"tender","tender":"$ID","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
EOF2
run gov-bid score --format ndjson --no-pairs --no-parties r.jsonl
is "a tender id given twice: masked" "$RC|$ERR" \
	"1|gov-bid: r.jsonl:2: tender '150502********1234' again, first at r.jsonl:1: each is scored as a tender of its own"
run gov-bid score --format ndjson --no-pairs --no-parties --no-mask r.jsonl
is "... shown with --no-mask" "$ERR" \
	"gov-bid: r.jsonl:2: tender '$ID' again, first at r.jsonl:1: each is scored as a tender of its own"
done_testing
