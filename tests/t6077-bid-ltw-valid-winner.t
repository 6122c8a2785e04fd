#!/bin/sh
# gov-bid: loser-then-winner needs both winners among the same valid
# bidders: a winner whose bid was disqualified neither lost the earlier
# tender to the others nor won against them; such a tender is passed over.
. "$(dirname "$0")/lib.sh"

cat >in.jsonl <<'JSON'
{"type":"tender","tender":"T1","date":"2024-01-01","winner":"B","bids":[{"bidder":"A","price":100,"status":"disqualified"},{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"T2","date":"2024-02-01","winner":"A","bids":[{"bidder":"A","price":999,"status":"disqualified"},{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":991}]}
{"type":"tender","tender":"T3","date":"2024-03-01","winner":"C","bids":[{"bidder":"A","price":800,"status":"disqualified"},{"bidder":"B","price":950},{"bidder":"C","price":940},{"bidder":"D","price":991}]}
{"type":"tender","tender":"T4","date":"2024-04-01","winner":"D","bids":[{"bidder":"B","price":950},{"bidder":"C","price":990},{"bidder":"D","price":900}]}
JSON
run gov-bid score --format ndjson --no-pairs --no-parties in.jsonl
printf '%s\n' "$OUT" >got.ndjson
ltw() {
	py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r.get("tender") == sys.argv[1]:
        print(" ".join(s["evidence"] for s in r["signals"] if s["signal"] == "loser-then-winner") or "none")' "$1" <got.ndjson
}
is "a disqualified winner did not win against the same bidders" "$(ltw T2)" none
is "the tender before it is the last one won by one of them" "$(ltw T3)" "C lost T1 to B, then won this tender among the same 3 bidders"
is "valid winners: the signal" "$(ltw T4)" "D lost T3 to C, then won this tender among the same 3 bidders"
done_testing
