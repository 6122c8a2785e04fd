#!/bin/sh
# gov-bid: every screen of every tender, and every fence, against an
# independent implementation written from the man page and the papers
# (tests/expected/bid-screens-ref.py, numpy's type 8 quartiles), on the
# 1,565 real auctions of Tsuchiura (ties, disqualified and repeated bids,
# two-bid auctions) and on the sample market.  Any screen of any tender
# that drifts by more than the 7 significant digits gov-bid writes fails.
. "$(dirname "$0")/lib.sh"

ref=$(expected bid-screens-ref.py)
in=$T_TOP/../shared/data/real/tsuchiura/tenders.jsonl
[ -f "$in" ] || skip_all "no real tenders at $in"

# a worked case first, by hand: TSU-15 bids 3.68, 3.69, 3.70, 3.70 and
# 3.73 million: mean 3.70, deviations -2 -1 0 0 3 (ten thousands),
# sd^2 = 14/4; sum z^4 = 98/12.25 = 8, KURT = 30/24 * 8 - 3*16/6 = 2;
# KS: F = 0, .2, .4, .4, 1 against 1/5..5/5, largest gap .8 - .4 = .4
run gov-bid score --format ndjson --screens --distribution --no-pairs --no-parties "$in"
is "exit 1: high-risk tenders and repeated bids" "$RC" 1
printf '%s\n' "$OUT" >tsu.ndjson
like "TSU-15 by hand" "$(grep '"tender":"TSU-15"' tsu.ndjson)" \
	'"kurt":2,"skew":1\.145405,"ks":0\.4,'

run py "$ref" "$in" tsu.ndjson
is "Tsuchiura: every screen and fence agrees" "$OUT" \
	"1565 tenders, 32 distributions, 0 differences"
is "Tsuchiura: exit 0" "$RC" 0

# the comparison sees a drift in the 6th digit of one screen of one
# tender, and a screen that is missing or added
sed 's/"tender":"TSU-16",\(.*\)"rd3":3\.181981,/"tender":"TSU-16",\1"rd3":3.181991,/' tsu.ndjson >drift.ndjson
run py "$ref" "$in" drift.ndjson
like "a drift is found" "$OUT" "tender TSU-16 rd3: gov-bid 3\.181991, reference 3\.18198"
is "a drift fails" "$RC" 1
sed 's/"tender":"TSU-16",\(.*\)"kurt":-1\.335872,/"tender":"TSU-16",\1/' tsu.ndjson >gone.ndjson
run py "$ref" "$in" gone.ndjson
like "a missing screen is found" "$OUT" "tender TSU-16 kurt: gov-bid None, reference -1\.3358"

# the sample market: five categories, their fences and (all)'s
m=$T_TOP/samples/bids/market.jsonl
run gov-bid score --format ndjson --screens --distribution --no-pairs --no-parties "$m"
printf '%s\n' "$OUT" >market.ndjson
run py "$ref" "$m" market.ndjson
is "sample market: every screen and fence agrees" "$OUT" \
	"1000 tenders, 96 distributions, 0 differences"

done_testing
