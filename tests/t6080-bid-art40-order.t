#!/bin/sh
# gov-bid: the bids that share a value are found by value, whatever the
# number of bids (pairwise for a few, sorted for many), and the groups of
# one key come out in the order of each group's first bid.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)

# tender FEW: 6 bids; ip 10.0.0.9 on bids 1 and 4, 10.0.0.1 on 2 and 5.
# tender MANY: 80 bids; 10.9.9.9 on bids 3 and 70, 10.1.1.1 on 5 and 60,
# 10.5.5.5 on 10, 11 and 12; every other bid its own address.
py - >in.jsonl <<'PY'
import json
def tender(tid, n, shared):
    bids = []
    for i in range(1, n + 1):
        ip = shared.get(i, "172.16.%d.%d" % (i // 200, i % 200))
        bids.append({"bidder": "%s-B%02d" % (tid, i), "price": 1000 + 37 * i * i,
                     "ip": ip})
    return {"type": "tender", "tender": tid, "category": "goods",
            "date": "2024-01-01", "bids": bids}
print(json.dumps(tender("FEW", 6, {1: "10.0.0.9", 4: "10.0.0.9",
                                   2: "10.0.0.1", 5: "10.0.0.1"})))
print(json.dumps(tender("MANY", 80, {3: "10.9.9.9", 70: "10.9.9.9",
                                     5: "10.1.1.1", 60: "10.1.1.1",
                                     10: "10.5.5.5", 11: "10.5.5.5",
                                     12: "10.5.5.5"})))
PY

run gov-bid score -c "$conf" --format ndjson --no-pairs --no-parties in.jsonl
is "nothing on stderr" "$ERR" ""

# tender -> its same-ip groups, in output order, as "ip:bidder,bidder"
groups() {
	printf '%s\n' "$OUT" | py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r.get("tender") == sys.argv[1]:
        print(" ".join(s["evidence"].rsplit(" = ", 1)[1] + ":" + ",".join(s["bidders"])
                       for s in r["signals"] if s["signal"] == "same-ip"))' "$1"
}
is "few bids: groups in the order of their first bid" "$(groups FEW)" \
	"10.0.0.9:FEW-B01,FEW-B04 10.0.0.1:FEW-B02,FEW-B05"
is "many bids: the same, three groups" "$(groups MANY)" \
	"10.9.9.9:MANY-B03,MANY-B70 10.1.1.1:MANY-B05,MANY-B60 10.5.5.5:MANY-B10,MANY-B11,MANY-B12"

done_testing
