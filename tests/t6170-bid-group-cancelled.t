#!/bin/sh
# gov-bid groups: a cancelled tender (status cancelled) counts in a
# group's tenders, tender_ids, won and wins as score's signals across
# tenders count it (co-bidding, bid-rotation): its bids were filed.
# gov-bid(1) did not say what groups does with one; this pins that the
# two commands agree.
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
before=$(printf '%s\n' "$OUT" | grep '"R1"')
run gov-bid groups -c "$conf" --format ndjson in.jsonl
is "groups: exit 0 (no high-risk group)" "$RC" 0
is "groups: the cancelled X-36 counts as it did uncancelled" \
	"$(printf '%s\n' "$OUT" | grep '"R1"')" "$before"
is "groups: X-36 among the tenders, R3's win counted" \
	"$(printf '%s\n' "$OUT" | grep '"R1"' | py -c 'import json,sys
r = json.load(sys.stdin)
print(r["bidders"], r["tenders"], r["tender_ids"], r["won"], r["wins"], r["score"], [s["evidence"] for s in r["signals"] if s["signal"] == "bid-rotation"])')" \
	"['R1', 'R2', 'R3'] 8 ['X-31', 'X-32', 'X-33', 'X-34', 'X-35', 'X-36', 'X-37', 'X-38'] 8 [3, 3, 2] 62 ['won 8 of the 8 tenders they bid together, taking turns among 3 winners']"
run gov-bid groups -c "$conf" --format text in.jsonl
is "groups text: the same counts" "$(printf '%s\n' "$OUT" | grep ' R1(')" \
	"G0001  62 medium tenders=8 won=8 rotation: R1(3) R2(3) R3(2)"

# score: the cancelled tender is scored, and its bid-rotation evidence
# gives the group's counts
run gov-bid score -c "$conf" --format ndjson in.jsonl
is "score: exit 1" "$RC" 1
like "score: X-36 scored with the group's counts" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-36"')" \
	'"score":69,"level":"medium",.*"signal":"bid-rotation","family":"cross","bidders":\["R3","R1","R2"\],"weight":0.45,"value":1,"evidence":"R3, R1 and R2 belong to a group of 3 bidders that won 8 of the 8 tenders they bid together, taking turns among 3 winners"'

done_testing
