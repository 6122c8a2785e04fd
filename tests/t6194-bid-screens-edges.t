#!/bin/sh
# gov-bid: the screens and fences at the corners of their definitions,
# against the independent implementation of t6193: 400 seeded tenders
# with every bid equal, the losing bids all equal, a price of 0,
# disqualified, withdrawn, repeated and priceless bids, bids under the
# minimum price, a winner who is not the lowest, is disqualified or bid
# nothing, no winner, no ceiling or one that is a string, one and two
# bids, a tender without a category, categories of 1 to 3 tenders
# (under fence.min_tenders: scored against "(all)").
. "$(dirname "$0")/lib.sh"

ref=$(expected bid-screens-ref.py)
py - <<'PY'
import json, random
r = random.Random(6194)
cats = ["works"] * 6 + ["goods"] * 3 + ["tiny", None]
with open("edges.jsonl", "w") as f:
    for i in range(400):
        n = r.choice([1, 2, 3, 3, 4, 4, 5, 6, 8, 12])
        ceil = r.choice([1e6, 2.5e6, 837000, 15060000])
        base = ceil * r.uniform(0.7, 0.99)
        grid = r.choice([1, 1000, 10000, 0.01])
        kind = r.random()
        bids = []
        for j in range(n):
            p = base * (1 + abs(r.gauss(0, 0.05)))
            if kind < 0.1:
                p = base  # every bid equal
            elif kind < 0.2 and j > 0:
                p = base * 1.03  # the losing bids all equal
            p = round(p / grid) * grid if grid >= 1 else round(p, 2)
            st = r.choice(["valid"] * 8 + ["disqualified", "withdrawn"])
            b = {"bidder": "B%d" % r.randrange(40), "price": p}
            if st != "valid" or r.random() < 0.5:
                b["status"] = st
            if r.random() < 0.03:
                b["price"] = None
            bids.append(b)
        if kind > 0.97 and bids:
            bids[0]["price"] = 0
        cat = "rare-%d" % (i % 3) if i % 50 == 7 else r.choice(cats)
        t = {"type": "tender", "tender": "E-%d" % i, "category": cat, "bids": bids}
        if r.random() < 0.9:
            t["ceiling_price"] = ceil
        if r.random() < 0.1:
            t["ceiling_price"] = str(ceil)
        if r.random() < 0.15:
            t["minimum_price"] = base * 1.01
        w = r.random()
        priced = [b for b in bids if isinstance(b["price"], (int, float))]
        if w < 0.7 and bids:
            t["winner"] = min(priced, key=lambda b: b["price"], default=bids[0])["bidder"]
        elif w < 0.8 and bids:
            t["winner"] = r.choice(bids)["bidder"]
        elif w < 0.85:
            t["winner"] = "nobody"
        f.write(json.dumps(t) + "\n")
PY
run gov-bid score --format ndjson --screens --distribution --no-pairs --no-parties edges.jsonl
is "exit 1: bids left out" "$RC" 1
printf '%s\n' "$OUT" >edges.ndjson
run py "$ref" edges.jsonl edges.ndjson
is "every screen and fence agrees" "$OUT" \
	"400 tenders, 128 distributions, 0 differences"
# the corners are there: a tender of equal bids has CV 0 and no RD,
# RDNOR, KS, SKEW or KURT; equal losing bids, no RD or ALTRD
like "every bid equal" "$(grep -c '"screens":{"cv":0,"spd":0,"diffp":0,"cv3"' edges.ndjson)" '^[1-9]'
like "losing bids equal" "$(grep -c '"rdnor":[0-9.e-]*,"kurt"' edges.ndjson)" '^[1-9]'
like "a price of 0" "$(grep -c '"screens":{"winner_ratio"' edges.ndjson)" '^[1-9]'

done_testing
