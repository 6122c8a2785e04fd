#!/bin/sh
# gov-bid on real tenders: the 1,565 Tsuchiura auctions (ties, bids under
# the minimum price, one or two bidders) are all read and scored, and the
# screens' distribution is printed with its fences.
. "$(dirname "$0")/lib.sh"

in=$T_TOP/../shared/data/real/tsuchiura/tenders.jsonl
# ../shared is the engineers' and CI's checkout, not a clone's
[ -f "$in" ] || skip_all "no real tenders at $in"

run gov-bid score --format ndjson --distribution --screens "$in"
is "nothing on stderr" "$ERR" ""
ok "ran (exit $RC)" test "$RC" -le 1
printf '%s\n' "$OUT" >got.ndjson
is "every tender scored" "$(grep -c '"type":"tender-risk"' got.ndjson)" 1565
is "every tender once" "$(grep '"type":"tender-risk"' got.ndjson | sed 's/.*"tender":"\([^"]*\)".*/\1/' | sort -u | wc -l | tr -d ' ')" 1565
is "16 screens in the distribution" "$(grep -c '"type":"screen-distribution"' got.ndjson)" 16

# the distribution of CV: 1,208 auctions with 3 or more valid bids
like "cv distribution" "$(grep '"screen-distribution","screen":"cv"' got.ndjson)" \
	'"n":1208,"min":0\.000926[0-9]*,"q1":0\.005117[0-9]*,"median":0\.00878[0-9]*'
# winner/ceiling ratio for every auction with a ceiling
like "winner ratio distribution" "$(grep '"screen":"winner_ratio"' got.ndjson)" '"n":1565,'

# bids under the minimum price (disqualified) are left out of the screens
like "disqualified bids left out" "$(grep '"tender":"TSU-594"' got.ndjson)" '"bids":5,"valid_bids":3,'

# screens on a two-bid auction are not computed (n < 3)
two=$(py -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get("type") == "tender-risk" and r["valid_bids"] == 2:
        print(sorted(r.get("screens", {}))); break' got.ndjson)
is "two valid bids: only the winner ratio" "$two" "['near_ceiling', 'winner_ratio']"

run gov-bid groups --format ndjson "$in"
ok "groups ran (exit $RC)" test "$RC" -le 1
like "groups found" "$OUT" '"type":"group-risk","group":"G0001"'

done_testing
