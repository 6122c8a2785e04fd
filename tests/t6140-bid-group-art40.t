#!/bin/sh
# gov-bid groups: a group's art40 signal names the tenders where two of
# its members shared an Art. 40 fact, whoever else shared it.  A fact was
# counted only when every bidder sharing it was a member, so a third
# firm's bid from the same IP address (here a disqualified one, which
# weighs nothing in the co-bidding counts) cleared the group of it.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
# the rotating group R1 R2 R3 of bid-cross.jsonl: in X-33, R1 and R2 bid
# from the IP address of F05's disqualified bid; in X-34 only R1 shares
# F05's IP address, which is no fact of the group's
py - "$(expected bid-cross.jsonl)" <<'PY' >in.jsonl
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    ip = {"X-33": ("R1", "R2"), "X-34": ("R1",)}.get(t["tender"], ())
    for b in t["bids"]:
        if b["bidder"] in ip:
            b["ip"] = "10.9.9.9"
    if ip:
        t["bids"].append({"bidder": "F05", "price": 999999,
                          "status": "disqualified", "ip": "10.9.9.9"})
    print(json.dumps(t))
PY

run gov-bid groups -c "$conf" --format ndjson in.jsonl
is "groups: exit 1 (a high-risk group)" "$RC" 1
is "the group's art40 signal: X-33, not X-34" \
	"$(printf '%s\n' "$OUT" | grep '"G0001"' | py -c 'import json,sys
r = json.load(sys.stdin)
print(r["bidders"], r["score"], r["level"], [(s["tenders"], s["tender_ids"], s["weight"]) for s in r["signals"] if s["signal"] == "art40"])')" \
	"['R1', 'R2', 'R3'] 81 high [(1, ['X-33'], 0.5)]"
# the tender-risk record of X-33 names the three bidders of the fact
run gov-bid score -c "$conf" --format ndjson in.jsonl
like "X-33: same-ip of R1, R2 and F05" "$(printf '%s\n' "$OUT" | grep '"tender":"X-33"')" \
	'"signal":"same-ip","family":"art40","bidders":\["R1","R2","F05"\]'

done_testing
