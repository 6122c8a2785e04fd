#!/bin/sh
# gov-bid: score the sample market (samples/bids, with planted cartels),
# write the high-risk cases to a workbook, list the groups, explain one.
set -eu
S=samples/bids
mkdir -p samples/out
# exit 1 means high-risk tenders were found: that is the point here
gov-bid score --format ndjson "$S/market.jsonl" >samples/out/bid-risks.jsonl || [ $? -eq 1 ]
grep '"type":"tender-risk"' samples/out/bid-risks.jsonl | grep '"level":"high"' \
	>samples/out/bid-high.jsonl || true
gov-bid groups --format ndjson "$S/market.jsonl" >samples/out/bid-groups.jsonl || [ $? -eq 1 ]
# one sheet each: the high-risk tenders, the pairs, the groups (with the
# tenders behind their counts, to open the case files)
{ cat samples/out/bid-high.jsonl; grep '"type":"pair-risk"' samples/out/bid-risks.jsonl;
  cat samples/out/bid-groups.jsonl; } | gov-xlsx --sheet-by type -o samples/out/bid-risks.xlsx
echo "gov-bid: $(grep -c '"type":"tender-risk"' samples/out/bid-risks.jsonl) tenders scored, $(wc -l <samples/out/bid-high.jsonl) high risk, $(grep -c '"type":"pair-risk"' samples/out/bid-risks.jsonl) pairs, $(wc -l <samples/out/bid-groups.jsonl) groups"
echo "gov-xlsx: samples/out/bid-risks.xlsx (sheets tender-risk, pair-risk, group-risk)"
gov-bid groups --format text "$S/market.jsonl" | head -3 || true
t=$(head -1 samples/out/bid-high.jsonl | sed 's/.*"tender":"\([^"]*\)".*/\1/')
gov-bid explain "$t" "$S/market.jsonl" | sed -n '1p;/^Risk score/,/^Screens/p' | head -10
if command -v /usr/bin/python3 >/dev/null; then
	/usr/bin/python3 bench/bid-eval "$S/market.labels" samples/out/bid-risks.jsonl | tail -3
fi
