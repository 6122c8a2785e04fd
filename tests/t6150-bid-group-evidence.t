#!/bin/sh
# gov-bid groups: each group signal's evidence can be checked against the
# input.  co-bidding said that all the members bid together far more
# often than their participation predicts ("两两" in Chinese), but a group
# is joined by its strong pairs, not every pair of it: it says how many
# of the pairs are strong now.  cover-bidder said that "1 member never
# wins and loses mostly to one other member" without naming either: it
# names each cover bidder, its losses to the member it covers for and its
# bids, as a pair-risk record does.  art40 said "in 1 tenders".
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
# bid-cross.jsonl, with a second cover bidder C2 beside C1 in X-39..X-44,
# and a chain: A and B bid together in Y-01..Y-05, B and C in Y-06..Y-10,
# A and C never; A and B bid from one IP address in Y-03
py - "$(expected bid-cross.jsonl)" <<'PY' >in.jsonl
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    if "X-39" <= t["tender"] <= "X-44":
        t["bids"].append({"bidder": "C2", "price": 990000})
    print(json.dumps(t))
for i in range(10):
    a, b = ("A", "B") if i < 5 else ("B", "C")
    bids = [{"bidder": a, "price": 900000 + i * 1000},
            {"bidder": b, "price": 950000 + i * 1700},
            {"bidder": "O%d" % i, "price": 970000 + i * 1300}]
    if i == 2:
        bids[0]["ip"] = bids[1]["ip"] = "10.1.2.3"
    print(json.dumps({"type": "tender", "tender": "Y-%02d" % (i + 1),
                      "category": "works", "ceiling_price": 1000000,
                      "date": "2024-03-%02d" % (i + 1), "bids": bids,
                      "winner": [a, b][i % 2]}))
PY
signals() {
	printf '%s\n' "$OUT" | py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    print(r["group"], " ".join(r["bidders"]), r["score"])
    for s in r["signals"]:
        print("  %s: %s" % (s["signal"], s["evidence"]))'
}

run gov-bid groups -c "$conf" --format ndjson in.jsonl
is "groups: exit 1 (a high-risk group)" "$RC" 1
is "groups: the evidence of each signal" "$(signals)" \
"G0001 A B C 81
  co-bidding: 2 of the 3 pairs of the 3 members bid together far more often than their participation predicts
  bid-rotation: won 10 of the 10 tenders they bid together, taking turns among 3 winners
  art40: members share an Art. 40 fact (same IP, preparer, ...) in 1 tender
G0002 R1 R2 R3 62
  co-bidding: 3 of the 3 pairs of the 3 members bid together far more often than their participation predicts
  bid-rotation: won 8 of the 8 tenders they bid together, taking turns among 3 winners
G0003 W9 C1 C2 55
  co-bidding: 3 of the 3 pairs of the 3 members bid together far more often than their participation predicts
  cover-bidder: C1 never won and lost 6 of its 6 bids to member W9; C2 never won and lost 6 of its 6 bids to member W9"

run gov-bid groups -c "$conf" --format ndjson --lang zh in.jsonl
is "groups --lang zh: the evidence of each signal" "$(signals)" \
"G0001 A B C 81
  co-bidding: 3家成员的3对中有2对共同投标的次数远超预期
  bid-rotation: 在10次共同投标中赢得10次，由3家轮流中标
  art40: 成员在1个项目中存在《招标投标法实施条例》第四十条所列情形
G0002 R1 R2 R3 62
  co-bidding: 3家成员的3对中有3对共同投标的次数远超预期
  bid-rotation: 在8次共同投标中赢得8次，由3家轮流中标
G0003 W9 C1 C2 55
  co-bidding: 3家成员的3对中有3对共同投标的次数远超预期
  cover-bidder: C1从未中标，6次投标中有6次输给组内成员W9；C2从未中标，6次投标中有6次输给组内成员W9"

# the pair-risk record of C2 and W9 says the same of C2
run gov-bid score -c "$conf" --format ndjson in.jsonl
like "pair C2 W9: the same counts" "$OUT" \
	'"type":"pair-risk","bidders":\["C2","W9"\].*"evidence":"C2 never won and lost 6 of 6 bids to W9"'

# group.max limits the members a record lists, not the groups reported;
# a cover bidder's share is of its bids
printf 'group.max = 2\n' >g2.conf
run gov-bid groups -c g2.conf --format text in.jsonl
is "group.max 2: the groups of three reported, two members listed" "$OUT" \
"G0001  81 high   tenders=10 won=10 rotation: A(3) B(4) ... 3 members
G0002  62 medium tenders=8 won=8 rotation: R1(3) R2(3) ... 3 members
G0003  55 medium tenders=6 won=6: W9(6) C1(0) ... 3 members"
run gov-bid --print-config
is "--print-config: what group.max and cover.share are" \
	"$(printf '%s\n' "$OUT" | grep -B1 -E '^(group.max|cover.share) =')" \
"# cover bidder: lost at least this share of its bids to one winner
cover.share = 0.5
--
# members a group-risk record lists (size counts all)
group.max = 12"

done_testing
