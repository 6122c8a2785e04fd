#!/bin/sh
# gov-bid groups: a group's art40 signal weighs what the Art. 40 facts
# its members shared weigh in the tenders' records: the largest weight
# among them.  It weighed the larger of weight.same-ip and
# weight.same-doc-author whatever the fact: a shared deposit account
# (0.70 in the tender) counted 0.60 in the group, and with those two
# weights set to 0 the group's art40 weighed 0.
. "$(dirname "$0")/lib.sh"

# the rotating group R1 R2 R3 of bid-cross.jsonl: R1 and R2 paid their
# deposits from one account in X-33 and bid from one IP address in X-35
py - "$(expected bid-cross.jsonl)" <<'PY' >in.jsonl
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    for b in t["bids"]:
        if t["tender"] == "X-33" and b["bidder"] in ("R1", "R2"):
            b["deposit_account"] = "6222 0000 1111"
        if t["tender"] == "X-35" and b["bidder"] in ("R1", "R2"):
            b["ip"] = "10.9.9.9"
    print(json.dumps(t))
PY

# group G0001: members, score, level, and its art40 signal
art40() {
	printf '%s\n' "$OUT" | grep '"G0001"' | py -c 'import json,sys
r = json.load(sys.stdin)
print(r["bidders"], r["score"], r["level"], [(s["tenders"], s["tender_ids"], s["weight"]) for s in r["signals"] if s["signal"] == "art40"])'
}

cp "$(expected bid-test.conf)" default.conf
run gov-bid groups -c default.conf --format ndjson in.jsonl
is "default weights: exit 1 (a high-risk group)" "$RC" 1
# 100 * (1 - 0.70 * 0.55 * 0.30) = 88.45: co-bidding, bid-rotation and
# the deposit account's 0.70
is "default weights: art40 weighs the deposit account's 0.7" "$(art40)" \
	"['R1', 'R2', 'R3'] 88 high [(2, ['X-33', 'X-35'], 0.7)]"
run gov-bid score -c default.conf --format ndjson in.jsonl
like "X-33's tender-risk record: same-deposit-account weighs 0.7" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-33"')" \
	'"signal":"same-deposit-account","family":"art40","bidders":\["R1","R2"\],"weight":0.7,'

# the IP address and the preparer weigh nothing: the deposit account
# still does
cp default.conf zero.conf
printf 'weight.same-ip = 0\nweight.same-doc-author = 0\n' >>zero.conf
run gov-bid groups -c zero.conf --format ndjson in.jsonl
is "same-ip and same-doc-author 0: exit 1" "$RC" 1
is "same-ip and same-doc-author 0: art40 still weighs 0.7" "$(art40)" \
	"['R1', 'R2', 'R3'] 88 high [(2, ['X-33', 'X-35'], 0.7)]"

# the deposit account weighs 0.2: the IP address's 0.5 is the largest
# 100 * (1 - 0.70 * 0.55 * 0.50) = 80.75
cp default.conf deposit.conf
printf 'weight.same-deposit-account = 0.2\n' >>deposit.conf
run gov-bid groups -c deposit.conf --format ndjson in.jsonl
is "same-deposit-account 0.2: exit 1" "$RC" 1
is "same-deposit-account 0.2: art40 weighs the IP address's 0.5" "$(art40)" \
	"['R1', 'R2', 'R3'] 81 high [(2, ['X-33', 'X-35'], 0.5)]"

# every fact they shared weighs 0: the signal names them, weighing 0, as
# a tender's signal of weight 0 does; 100 * (1 - 0.70 * 0.55) = 61.5
cp default.conf none.conf
printf 'weight.same-deposit-account = 0\nweight.same-ip = 0\n' >>none.conf
run gov-bid groups -c none.conf --format ndjson in.jsonl
is "facts of weight 0: exit 0 (medium)" "$RC" 0
is "facts of weight 0: art40 weighs 0" "$(art40)" \
	"['R1', 'R2', 'R3'] 62 medium [(2, ['X-33', 'X-35'], 0)]"

done_testing
