#!/bin/sh
# gov-bid: a cancelled tender (status cancelled) awarded nothing.  Its
# bids count as participation (co-bidding, a group's tenders and
# tender_ids) and its own signals are shown, but the winner it names won
# nothing across tenders: no win in bid rotation or a group's won and
# wins, no loss to it for a cover bidder, no turn in loser-then-winner.
# Before, a cancelled tender's winner counted as any other's.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
# cancel some tenders of bid-cross.jsonl: $1 the output, then the ids
cancel() {
	py - "$(expected bid-cross.jsonl)" "$@" <<'PY'
import json, sys
out, ids = sys.argv[2], set(sys.argv[3:])
with open(out, "w") as f:
    for line in open(sys.argv[1]):
        t = json.loads(line)
        if t["tender"] in ids:
            t["status"] = "cancelled"
        f.write(json.dumps(t) + "\n")
PY
}
fields() {
	py -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l)
    f = [r.get("tender") or r.get("group"), r["score"], r["level"],
         [s["signal"] for s in r["signals"]]]
    if "won" in r:
        f += [r["won"], r["wins"]]
    print(*f)'
}

# rotation: X-36, won by R3 of the rotating group R1 R2 R3, cancelled
cancel rot.jsonl X-36
run gov-bid groups -c "$conf" --format ndjson rot.jsonl
is "groups: exit 0" "$RC" 0
is "groups: X-36 among the tenders, R3's cancelled win not counted" \
	"$(printf '%s\n' "$OUT" | grep '"R1"')" \
	'{"type":"group-risk","group":"G0001","bidders":["R1","R2","R3"],"size":3,"tenders":8,"tender_ids":["X-31","X-32","X-33","X-34","X-35","X-36","X-37","X-38"],"won":7,"wins":[3,3,1],"score":62,"level":"medium","signals":[{"signal":"co-bidding","weight":0.3,"evidence":"3 of the 3 pairs of the 3 members bid together far more often than their participation predicts"},{"signal":"bid-rotation","weight":0.45,"evidence":"won 7 of the 8 tenders they bid together, taking turns among 3 winners"}]}'
run gov-bid score -c "$conf" --format ndjson rot.jsonl
is "score: exit 1" "$RC" 1
is "score: X-36 keeps its co-bidding, no rotation on a cancelled win" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-36"')" \
	'{"type":"tender-risk","tender":"X-36","score":30,"level":"low","category":"works","winner":"R3","bids":3,"valid_bids":3,"signals":[{"signal":"co-bidding","family":"cross","bidders":["R1","R2","R3"],"weight":0.3,"value":8,"evidence":"R1, R2 and R3 bid together far more often than their participation predicts (up to 8 tenders together)"}]}'
like "score: the other tenders' rotation counts the 7 awarded" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"X-33"')" \
	'"evidence":"R3, R1 and R2 belong to a group of 3 bidders that won 7 of the 8 tenders they bid together, taking turns among 3 winners"'
run gov-bid explain -c "$conf" X-33 rot.jsonl
is "explain: the cancelled tender listed as cancelled, not won" \
	"$(printf '%s\n' "$OUT" | grep '(a group of 3)')" \
	'  R1, R2 and R3 (a group of 3), two or more of them in 8: X-31 [R1], X-32 [R2], X-33 [R3], X-34 [R1], X-35 [R2], X-36 [cancelled], X-37 [R1], X-38 [R2]'
run gov-bid explain -c "$conf" X-36 rot.jsonl
is "explain: a cancelled tender says it awarded nothing" \
	"$(printf '%s\n' "$OUT" | grep -e '^Winner' -e '^Status')" 'Winner: R3
Status: cancelled, no award: no win and no loss in the signals across tenders'

# cover bidder: C1 lost its 6 bids to W9, 4 of them in cancelled tenders:
# it lost 2 of 6, no cover bidder
cancel cov.jsonl X-39 X-40 X-41 X-42
run gov-bid score -c "$conf" --format ndjson cov.jsonl
is "score: exit 1" "$RC" 1
is "score: no cover bidder of W9, cancelled or not" \
	"$(printf '%s\n' "$OUT" | grep -e W9 -e C1 | fields)" \
	"X-39 30 low ['co-bidding']
X-40 30 low ['co-bidding']
X-41 30 low ['co-bidding']
X-42 30 low ['co-bidding']
X-43 30 low ['co-bidding']
X-44 30 low ['co-bidding']"
run gov-bid groups -c "$conf" --format ndjson cov.jsonl
is "groups: W9 won 2, no cover-bidder signal" \
	"$(printf '%s\n' "$OUT" | grep '"W9"' | fields)" \
	"G0002 30 low ['co-bidding'] 2 [2, 0]"
run gov-bid explain -c "$conf" X-43 cov.jsonl
is "explain: no tenders lost to W9 listed" \
	"$(printf '%s\n' "$OUT" | sed -n '/^The tenders behind/,/^$/p')" \
	'The tenders behind these patterns (winner in brackets):
  W9 and C1 bid together in 6: X-39 [cancelled], X-40 [cancelled], X-41 [cancelled], X-42 [cancelled], X-43 [W9], X-44 [W9]'

# loser-then-winner: F02 lost X-15 to F08, then won X-22 among the same
# 5; with X-15 cancelled F02 lost nothing, with X-22 cancelled it won
# nothing
for c in X-15 X-22; do
	cancel ltw.jsonl "$c"
	run gov-bid score -c "$conf" --format ndjson ltw.jsonl
	is "score: $c cancelled, no loser-then-winner" \
		"$(printf '%s\n' "$OUT" | grep -e '"X-15"' -e '"X-22"' | fields)" \
		"X-15 0 low []
X-22 0 low []"
done

done_testing
