#!/bin/sh
# gov-bid: a tender of thousands of bids.  k bidders make k(k-1)/2 pairs:
# a tender with more valid bidders than cobid.max_bidders (100) is left
# out of co-bidding (its record says so), which keeps the pairs linear in
# the bids (20,000 bidders in one tender took 6 GB and 43 s before).  The
# other signals of such a tender are still computed, and the signals that
# dedupe its bidders (identical prices, a shared agent, Cardinal's R028)
# name each bidder once, in the order of its first bid.
. "$(dirname "$0")/lib.sh"

# A and B bid together in six small tenders (A wins three, B three; in
# S-0 from one IP address, so that their pair is reported), 30
# other small tenders make the market, and A and B both bid in BIG, a
# tender of 3,000 bidders who all filed through one agent; 40 of them
# (and B) bid the same price, 50,000.00, F0000 twice.
py - <<'EOF' >market.jsonl
import json
def bid(b, p, agent=None, ip=None):
    d = {"bidder": b, "price": p, "status": "valid"}
    if agent:
        d["agent"] = agent
    if ip:
        d["ip"] = ip
    return d
for i in range(6):
    w = "A" if i % 2 == 0 else "B"
    ip = "10.0.0.1" if i == 0 else None     # S-0: a pair record to show
    bids = [bid("A", 1000 + i, ip=ip), bid("B", 1001 + i, ip=ip),
            bid("X%d" % i, 1100 + i)]
    print(json.dumps({"type": "tender", "tender": "S-%d" % i, "category": "goods",
                      "ceiling_price": 2000, "winner": w, "bids": bids}))
for i in range(30):
    bids = [bid("O%d-%d" % (i, j), 1000 + 10 * j) for j in range(3)]
    print(json.dumps({"type": "tender", "tender": "O-%d" % i, "category": "goods",
                      "ceiling_price": 2000, "winner": "O%d-0" % i, "bids": bids}))
bids = [bid("A", 40000.00, "ag"), bid("B", 50000.00, "ag")]
for i in range(2998):
    p = 50000.00 if i < 40 else 60000 + i * 7.31
    bids.append(bid("F%04d" % i, p, "ag"))
bids.append(bid("F0000", 50000.00, "ag"))    # a second bid of F0000
print(json.dumps({"type": "tender", "tender": "BIG", "category": "goods",
                  "ceiling_price": 100000, "winner": "A", "bids": bids}))
EOF

run gov-bid score --format ndjson market.jsonl
ok "ran (exit $RC)" test "$RC" -le 1
is "only F0000's second bid on stderr" "$ERR" \
	"gov-bid: market.jsonl:37: tender 'BIG': another bid of 'F0000': left out of the price screens, its first kept"
printf '%s\n' "$OUT" >got.ndjson
big=$(grep '"tender":"BIG"' got.ndjson)
like "BIG: left out of co-bidding, and says so" "$big" \
	'"notes":\["more valid bidders than cobid.max_bidders: left out of co-bidding"\]'
ok "BIG: no co-bidding signal" sh -c "! printf '%s' '$big' | grep -q '\"signal\":\"co-bidding\"'"
# each bidder once (a record lists 16): the agent's 3,000 bidders, not
# 3,001 bids; the same price's B and F0000..F0039, F0000 once
py - got.ndjson <<'EOF' >identical.txt
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("tender") != "BIG":
        continue
    for s in r["signals"]:
        if s["signal"] in ("identical-prices", "same-agent", "R028"):
            b = s["bidders"]
            print(s["signal"], s["value"], len(b), len(set(b)), " ".join(b[:3]), b[-1])
EOF
is "BIG: the deduped signals" "$(cat identical.txt)" \
"same-agent 3000 16 16 A B F0000 F0013
identical-prices 50000 16 16 B F0000 F0001 F0014
R028 1 16 16 F0000 B F0001 F0014"

# the pair A-B: six tenders counted, BIG not among them
pair=$(grep '"type":"pair-risk","bidders":\["A","B"\]' got.ndjson)
like "A+B: co-bidding counts the six small tenders" "$pair" \
	'"signal":"co-bidding","tenders":6,"tender_ids":\["S-0","S-1","S-2","S-3","S-4","S-5"\]'
like "A+B: the participation and expectation of the model leave BIG out" "$pair" \
	'bid together in 6 tenders \(A bid in 6, B in 6; [0-9.]* expected\)'

# with the limit raised, BIG counts (4.5 million pairs): its 3,000
# bidders raise every pair's expectation, and A and B are no longer
# far above it
printf 'cobid.max_bidders = 5000\n' >wide.conf
run gov-bid score -c wide.conf --format ndjson market.jsonl
ok "raised limit: ran (exit $RC)" test "$RC" -le 1
ok "raised limit: no note on BIG" sh -c "! printf '%s\n' \"\$1\" | grep '\"tender\":\"BIG\"' | grep -q notes" sh "$OUT"
pair=$(printf '%s\n' "$OUT" | grep '"type":"pair-risk","bidders":\["A","B"\]')
like "raised limit: A+B is still a pair (their IP address)" "$pair" '"signal":"same-ip"'
ok "raised limit: ... without co-bidding" sh -c "! printf '%s' '$pair' | grep -q co-bidding"

# explain of a small tender lists the six, not BIG
run gov-bid explain S-0 market.jsonl
like "explain: the tenders A and B bid in together" "$OUT" \
	'A and B bid together in 6: S-0 \[A\], S-1 \[B\], S-2 \[A\], S-3 \[B\], S-4 \[A\], S-5 \[B\]'

run gov-bid score -c /dev/null --print-config
like "the limit is in the configuration" "$OUT" 'cobid.max_bidders = 100'

done_testing
