#!/bin/sh
# gov-bid: each per-tender signal fires on a minimal tender made for it,
# and nothing fires on the honest one.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
in=$(expected bid-signals.jsonl)

run gov-bid score -c "$conf" --format ndjson "$in"
is "exit 1: high-risk tenders found" "$RC" 1
is "nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >got.ndjson
same_file "exact records" got.ndjson "$(expected bid-signals.ndjson)"

# tender -> signals that fired (each name once)
sigs() {
	py -c 'import json,sys
for r in map(json.loads, sys.stdin):
    if r["type"] == "tender-risk":
        print(r["tender"], " ".join(sorted({s["signal"] for s in r["signals"]})))'
}
fired=$(sigs <got.ndjson)
is "honest tender: no signal" "$(printf '%s\n' "$fired" | grep '^honest')" "honest "
for s in same-doc-author same-agent same-project-manager same-doc-hash \
	same-deposit-account same-ip same-mac same-ca-serial close-submission \
	identical-prices price-steps price-ratios fixed-ratios near-ceiling; do
	like "$s fires on its tender" "$(printf '%s\n' "$fired" | grep "^$s ")" \
		"^$s (.* )?$s( |\$)"
	# and on no other tender (screens may fire elsewhere, facts may not)
	others=$(printf '%s\n' "$fired" | grep -v "^$s " | grep -c -- " $s\( \|\$\)")
	is "$s fires nowhere else" "$others" 0
done

# the Art. 40 evidence names the shared value and both bidders
ev=$(grep '"same-ip"' got.ndjson | head -1)
like "same-ip evidence" "$ev" 'same-ip-H1.*same-ip-H3.*ip = same-ip/10\.0\.0\.1'

# the score is 100 * (1 - prod(1 - w)): same-ip alone is its weight
like "same-ip alone scores 50" "$(grep '"tender":"same-ip"' got.ndjson)" '"score":50,"level":"medium"'

# weights come from the config file
{ cat "$conf"; printf 'weight.same-ip = 0.9\n'; } >w.conf
run gov-bid score -c w.conf --format ndjson --no-pairs --no-parties "$in"
like "configured weight" "$(printf '%s\n' "$OUT" | grep '"tender":"same-ip"')" '"score":90,"level":"high"'

# text on demand: one line per tender
run gov-bid score -c "$conf" --format text --no-pairs --no-parties "$in"
is "text: one line per tender" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 15
like "text line" "$(printf '%s\n' "$OUT" | grep '^same-ip')" '^same-ip +50 medium +same-ip$'

# the step is the decimal the prices make, not its binary remainder
# (1234567.89 - 1232323.86 is 2244.0299999999697 in binary)
{
	printf '{"tender":"cents","category":"test","bids":['
	printf '{"bidder":"C1","price":1232323.86},{"bidder":"C2","price":1234567.89},'
	printf '{"bidder":"C3","price":1236811.92},{"bidder":"C4","price":1250000}]}\n'
} >cents.jsonl
run gov-bid score -c "$conf" --format ndjson --no-pairs --no-parties cents.jsonl
like "price-steps: the decimal step" "$OUT" \
	'"signal":"price-steps","family":"price","bidders":\["C1","C2","C3"\],"weight":0.5,"value":2244.03,"evidence":"the prices of C1, C2 and C3 rise in equal steps of 2244.03"'
# and of prices in the tens of millions, whose cents are still cents
printf '%s\n' '{"tender":"millions","category":"test","bids":[{"bidder":"M1","price":72463502.53},{"bidder":"M2","price":73050308.36},{"bidder":"M3","price":73637114.19},{"bidder":"M4","price":74223920.02}]}' >millions.jsonl
run gov-bid score -c "$conf" --format ndjson --no-pairs --no-parties millions.jsonl
like "price-steps: the step of large prices" "$OUT" \
	'"signal":"price-steps","family":"price","bidders":\["M1","M2","M3","M4"\],"weight":0.5,"value":586805.83,'

# --min-level
run gov-bid score -c "$conf" --format ndjson --min-level high --no-pairs --no-parties "$in"
unlike "--min-level high leaves out medium" "$OUT" '"level":"(medium|low)"'

done_testing
