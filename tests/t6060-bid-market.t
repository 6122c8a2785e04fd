#!/bin/sh
# gov-bid on the synthetic market of samples/bids: the generator is
# deterministic (same seed, same bytes), and the planted cartels are found:
# ROC AUC >= 0.95 on the subtle ones, precision >= 0.9 at level high.
. "$(dirname "$0")/lib.sh"

s=$T_TOP/samples/bids
py "$s/gen-market.py" --tenders 1000 --seed 2024 -o market.jsonl --labels market.labels
same_file "generator: same seed, same market" market.jsonl "$s/market.jsonl"
same_file "generator: same labels" market.labels "$s/market.labels"

run gov-bid score --format ndjson "$s/market.jsonl"
is "nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >scores.ndjson
is "every tender scored" "$(grep -c '"type":"tender-risk"' scores.ndjson)" 1000

eval_out=$(py "$T_TOP/bench/bid-eval" "$s/market.labels" scores.ndjson)
printf '# %s\n' "$eval_out" | sed '2,$s/^/# /'
auc=$(printf '%s\n' "$eval_out" | sed -n 's/^ROC AUC, subtle (rotation + cover): //p')
prec=$(printf '%s\n' "$eval_out" | sed -n 's/^at high   or above: flagged [0-9]*, precision \([0-9.]*\),.*/\1/p')
ok "AUC on subtle cartels $auc >= 0.95" py -c "import sys; sys.exit(not float('$auc') >= 0.95)"
ok "precision at high $prec >= 0.9" py -c "import sys; sys.exit(not float('$prec') >= 0.9)"

# every planted kind is found above the honest tenders
for kind in blatant rotation cover steps; do
	a=$(printf '%s\n' "$eval_out" | sed -n "s/^ROC AUC, $kind: *\([0-9.]*\).*/\1/p")
	ok "AUC on $kind $a >= 0.95" py -c "import sys; sys.exit(not float('$a') >= 0.95)"
done

# the cover-bidder signal, at its default share (half of its bids lost to
# one winner): the cover cartel's member that bid 16 times, won none and
# lost 8 to its leader is flagged in its cartel's tenders and in no other
# (at 60% the signal never fired on this market; the cartel's members
# also bid, and lose, in tenders of their own)
cover=$(py -c '
import json, sys
lab = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    lab[r["tender"]] = r["kind"]
for l in open(sys.argv[2]):
    r = json.loads(l)
    if r["type"] == "tender-risk" and any(s["signal"] == "cover-bidder" for s in r["signals"]):
        print(lab[r["tender"]])' "$s/market.labels" scores.ndjson | sort | uniq -c | sed 's/^ *//')
is "cover-bidder: fires in 8 tenders, each of the cover cartel" "$cover" "8 cover"
like "cover-bidder: its evidence" "$(grep '"tender":"T-150103-0000026"' scores.ndjson)" \
	'911501032457691243 never won; lost 8 of 16 bids to this winner 911501035312849901'

# groups: the rotating and covering cartels come out as groups
run gov-bid groups --format ndjson "$s/market.jsonl"
like "a rotating group" "$OUT" '"signal":"bid-rotation"'
printf '%s\n' "$OUT" >groups.ndjson

# the tenders each pair and group record names stand behind its counts:
# both bidders bid in them, the Art. 40 fact fired there, the cover
# bidder lost them to the other, two members of the group bid in them
ok "pair and group tender_ids checked against the market" \
	py "$T_TOP/tests/expected/bid-evidence-check.py" "$s/market.jsonl" scores.ndjson groups.ndjson
done_testing
