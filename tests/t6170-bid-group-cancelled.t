#!/bin/sh
# gov-bid groups: a cancelled tender (status cancelled) counts in a
# group's tenders and tender_ids (its bids were filed), not in its won
# and wins (it awarded nothing), as score's signals across tenders count
# it (co-bidding, bid-rotation); this pins that the two commands agree.
# t6171 has the rest of what a cancelled tender's winner does not win.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
# the rotating group R1 R2 R3 of bid-cross.jsonl; X-36 (won by R3) is
# cancelled
py - "$(expected bid-cross.jsonl)" <<'PY' >in.jsonl
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    if t["tender"] == "X-36":
        t["status"] = "cancelled"
    print(json.dumps(t))
PY

run gov-bid groups -c "$conf" --format ndjson "$(expected bid-cross.jsonl)"
before=$(printf '%s\n' "$OUT" | grep '"R1"' | sed 's/"won":8,"wins":\[3,3,2\]/"won":7,"wins":[3,3,1]/; s/won 8 of/won 7 of/')
run gov-bid groups -c "$conf" --format ndjson in.jsonl
is "groups: exit 0 (no high-risk group)" "$RC" 0
is "groups: the cancelled X-36 counts as it did uncancelled, but R3's win" \
	"$(printf '%s\n' "$OUT" | grep '"R1"')" "$before"
is "groups: X-36 among the tenders, R3's win not counted" \
	"$(printf '%s\n' "$OUT" | grep '"R1"' | py -c 'import json,sys
r = json.load(sys.stdin)
print(r["bidders"], r["tenders"], r["tender_ids"], r["won"], r["wins"], r["score"], [s["evidence"] for s in r["signals"] if s["signal"] == "bid-rotation"])')" \
	"['R1', 'R2', 'R3'] 8 ['X-31', 'X-32', 'X-33', 'X-34', 'X-35', 'X-36', 'X-37', 'X-38'] 7 [3, 3, 1] 62 ['won 7 of the 8 tenders they bid together, taking turns among 3 winners']"
run gov-bid groups -c "$conf" --format text in.jsonl
is "groups text: the same counts" "$(printf '%s\n' "$OUT" | grep ' R1(')" \
	"G0001  62 medium tenders=8 won=7 rotation: R1(3) R2(3) R3(1)"

# score: the cancelled tender is scored (its co-bidding), no rotation on
# the win it did not award; the others' bid-rotation evidence gives the
# group's counts
run gov-bid score -c "$conf" --format ndjson in.jsonl
is "score: exit 1" "$RC" 1
is "score: X-36 scored, its co-bidding alone" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-36"')" \
	'{"type":"tender-risk","tender":"X-36","score":30,"level":"low","category":"works","winner":"R3","bids":3,"valid_bids":3,"signals":[{"signal":"co-bidding","family":"cross","bidders":["R1","R2","R3"],"weight":0.3,"value":8,"evidence":"R1, R2 and R3 bid together far more often than their participation predicts (up to 8 tenders together)"}]}'
like "score: X-37's rotation with the group's counts" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-37"')" \
	'"signal":"bid-rotation","family":"cross","bidders":\["R1","R2","R3"\],"weight":0.45,"value":0.875,"evidence":"R1, R2 and R3 belong to a group of 3 bidders that won 7 of the 8 tenders they bid together, taking turns among 3 winners"'

done_testing
