#!/bin/sh
# gov-bid on real tenders: the 1,565 Tsuchiura auctions (ties, bids under
# the minimum price, one or two bidders) are all read and scored, and the
# screens' distribution is printed with its fences.
. "$(dirname "$0")/lib.sh"

in=$T_TOP/../shared/data/real/tsuchiura/tenders.jsonl
# ../shared is the engineers' and CI's checkout, not a clone's
[ -f "$in" ] || skip_all "no real tenders at $in"

run gov-bid score --format ndjson --distribution --screens "$in"
# 26 bids are a bidder's second (or third) in one auction: each named,
# out of the price screens when the bidder has a valid price in them
is "a bidder's other bids named, nothing else on stderr" \
	"$(printf '%s\n' "$ERR" | grep -vc ": another bid of 'TSU-B[0-9]*'")" 0
is "... 26 of them, 23 left out of the price screens" \
	"$(printf '%s\n' "$ERR" | wc -l | tr -d ' ') $(printf '%s\n' "$ERR" | grep -c 'left out of the price screens, its first kept$')" \
	"26 23"
is "... the first names the file, line, tender and bidder" \
	"$(printf '%s\n' "$ERR" | sed -n 1p | sed 's|^gov-bid: .*/tenders.jsonl|gov-bid: tenders.jsonl|')" \
	"gov-bid: tenders.jsonl:12: tender 'TSU-36': another bid of 'TSU-B120': left out of the price screens, its first kept"
ok "ran (exit $RC)" test "$RC" -le 1
printf '%s\n' "$OUT" >got.ndjson
is "every tender scored" "$(grep -c '"type":"tender-risk"' got.ndjson)" 1565
is "every tender once" "$(grep '"type":"tender-risk"' got.ndjson | sed 's/.*"tender":"\([^"]*\)".*/\1/' | sort -u | wc -l | tr -d ' ')" 1565
is "16 screens in the distribution" "$(grep -c '"type":"screen-distribution"' got.ndjson)" 16

# the distribution of CV: 1,202 auctions with 3 or more valid bids of
# as many bidders
like "cv distribution" "$(grep '"screen-distribution","screen":"cv"' got.ndjson)" \
	'"n":1202,"min":0\.000926[0-9]*,"q1":0\.005155[0-9]*,"median":0\.008817[0-9]*'
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
