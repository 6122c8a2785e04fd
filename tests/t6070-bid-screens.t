#!/bin/sh
# gov-bid: each statistical screen fires, against the fences of its
# category (60 honest tenders), on a tender made for it; the honest
# tenders stay low.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
in=$(expected bid-screens.jsonl)

run gov-bid score -c "$conf" --format ndjson --screens --no-pairs --no-parties "$in"
is "nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >got.ndjson
fired() {
	py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r["tender"] == sys.argv[1]:
        print(" ".join(sorted({s["signal"] for s in r["signals"]})))' "$1" <got.ndjson
}
is "tight: low CV and spread" "$(fired tight)" "screen-cv screen-spd screen-subset"
is "cover cluster: RD, ALTRD, KS, subsets" "$(fired cover-cluster)" "screen-altrd screen-ks screen-rd screen-subset"
is "gap: DIFFP" "$(fired gap)" "screen-altrd screen-diffp screen-ks screen-subset"
is "peaked: RDNOR, KURT, SKEW" "$(fired peaked)" "screen-altrd screen-ks screen-kurt screen-rd screen-rdnor screen-skew screen-subset"
is "partial cartel: subsets of 3 and 4 bids" "$(fired partial)" "screen-subset"
is "near the ceiling: winner ratio" "$(fired near-ceiling-winner)" "near-ceiling screen-cv screen-spd screen-subset winner-ratio"
is "an honest tender: nothing" "$(fired honest-00)" ""
is "no honest tender reaches medium" "$(grep '"tender":"honest' got.ndjson | grep -c '"level":"\(medium\|high\)"')" 0

# the values the man page defines, on the peaked tender
like "screens of peaked" "$(grep '"tender":"peaked"' got.ndjson)" \
	'"screens":\{"cv":0\.0527[0-9]*,"spd":0\.25[0-9]*,"diffp":0\.25[0-9]*,"rd":[0-9.]+,"rdnor":13\.[0-9]+'
like "evidence names the fence and the category" "$(grep '"tender":"gap"' got.ndjson)" \
	'"evidence":"diffp = 1\.6[0-9]* is above the upper fence 0\.6892 of category '"'"'works'"'"'"'
# the category is named as one, in Chinese too: not "低于works的下界"
run gov-bid score -c "$conf" --lang zh --format ndjson --no-pairs --no-parties "$in"
like "zh evidence names the category as one" "$(printf '%s\n' "$OUT" | grep '"tender":"gap"')" \
	'"evidence":"diffp = 1\.6[0-9]*，高于类别“works”的上界 0\.6892"'
# a category with fewer values than fence.min_tenders uses all categories
cat "$conf" >local.conf
printf 'fence.min_tenders = 100\n' >>local.conf
run gov-bid score -c local.conf --format ndjson --no-pairs --no-parties "$in"
like "fences of all categories" "$(printf '%s\n' "$OUT" | grep '"tender":"gap"')" 'of all categories"'
# losing bids all equal (sd(L) = 0): RD and ALTRD have no value (the
# papers define none for a zero denominator), the tender is in neither
# distribution and fires neither; RDNOR is at its largest, n - 1, and the
# windows of 3 bids have a CV and spread of 0, below any lower fence
cp "$in" eq.jsonl
printf '%s\n' '{"type":"tender","tender":"equal-losers","category":"works","ceiling_price":1100000,"winner":"E1","bids":[{"bidder":"E1","price":900000},{"bidder":"E2","price":1000000},{"bidder":"E3","price":1000000},{"bidder":"E4","price":1000000}]}' >>eq.jsonl
run gov-bid score -c "$conf" --format ndjson --screens --no-pairs --no-parties eq.jsonl
eq=$(printf '%s\n' "$OUT" | grep '"tender":"equal-losers"')
like "equal losers: RD and ALTRD absent, RDNOR n - 1" "$eq" \
	'"screens":\{"cv":[0-9.]+,"spd":[0-9.]+,"diffp":[0-9.]+,"rdnor":3,"kurt":'
unlike "equal losers: no RD or ALTRD signal" "$eq" '"signal":"screen-(rd|altrd)"'
like "equal losers: the subset screen fires on cv3 = 0" "$eq" \
	'"signal":"screen-subset","family":"screen","bidders":\[\],"weight":0\.15,"value":0,"evidence":"cv3 = 0 is below'
# --distribution: flagged counts the tenders beyond the record's own
# fence; a category under fence.min_tenders is scored against (all), so
# its flagged is not what fired (gov-bid(1), --distribution): here the
# small category's own fence would flag S-tight, which fires nothing
py - >cats.jsonl <<'PY'
import json
out = []
def t(id, cat, spread, j):
    base = 1000000 + 1000 * j
    offs = [-1, -0.5, 0.1 * (j % 5), 0.5, 1]
    return {"type": "tender", "tender": id, "category": cat,
            "bids": [{"bidder": "%s-B%d" % (id, i), "price": round(base * (1 + spread * o), 2)}
                     for i, o in enumerate(offs)]}
for j in range(12):
    out.append(t("G-%d" % j, "big", 0.02 + 0.002 * j, j))
for j in range(5):
    out.append(t("S-%d" % j, "small", 0.2 + 0.02 * j, j))
out.append(t("S-tight", "small", 0.05, 0))
print("".join(json.dumps(o) + "\n" for o in out), end="")
PY
printf 'fence.min_tenders = 10\n' >cats.conf
run gov-bid score -c cats.conf --distribution --format ndjson --no-pairs --no-parties cats.jsonl
is "distribution: flagged per category, against each record's own fence" \
	"$(printf '%s\n' "$OUT" | grep '"screen":"cv"' | grep -o '"category":"[a-z()]*"\|"flagged":[0-9]*' | paste -d' ' - -)" \
	'"category":"big" "flagged":0
"category":"small" "flagged":1
"category":"(all)" "flagged":0'
is "the small category's tenders fire no screen-cv (scored against (all))" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"S-' | grep -c '"signal":"screen-cv"')" 0
done_testing
