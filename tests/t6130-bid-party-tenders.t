#!/bin/sh
# gov-bid: a tenderer's party-risk record names the tenders behind its
# R024, R028, R035 and R058 flags (the first five in input order and how
# many in all), so that the auditor can open their case files; before, the
# evidence said what the tenderer did but not where.  The record keeps its
# shape (role, id, signals of signal, value and evidence); the tender ids
# are masked as in every other record.
. "$(dirname "$0")/lib.sh"

cat >in.jsonl <<'JSON'
{"type":"tender","tender":"I-1","winner":"P","bids":[{"bidder":"P","price":1000},{"bidder":"Q","price":1000},{"bidder":"R","price":1100}]}
{"type":"tender","tender":"I-2","winner":"Q","bids":[{"bidder":"P","price":2000},{"bidder":"Q","price":2000},{"bidder":"S","price":2100}]}
{"type":"tender","tender":"I-3","winner":"P","bids":[{"bidder":"P","price":3000},{"bidder":"Q","price":3000}]}
{"type":"tender","tender":"I-4","winner":"P","bids":[{"bidder":"P","price":4000},{"bidder":"Q","price":4000}]}
{"type":"tender","tender":"I-5","winner":"P","bids":[{"bidder":"P","price":5000},{"bidder":"Q","price":5000}]}
{"type":"tender","tender":"I-6","winner":"P","bids":[{"bidder":"P","price":6000},{"bidder":"Q","price":6000}]}
{"type":"tender","tender":"I-7","winner":"P","bids":[{"bidder":"P","price":7000},{"bidder":"Q","price":7000}]}
{"type":"tender","tender":"D-13812345678","winner":"W","bids":[{"bidder":"W","price":500},{"bidder":"X","price":1000},{"bidder":"Y","price":1010}]}
{"type":"tender","tender":"Z-1","winner":"V","bids":[{"bidder":"V","price":900},{"bidder":"U","price":800,"status":"disqualified"},{"bidder":"T","price":950,"status":"disqualified"}]}
JSON
# Cardinal's price fences fixed: R024 at a ratio of 0, R058 at 0.5
printf 'cardinal.R024.threshold = 0\ncardinal.R058.threshold = 0.5\n' >c.conf

run gov-bid score -c c.conf --format ndjson --no-pairs in.jsonl
is "score: exit 0" "$RC" 0
printf '%s\n' "$OUT" | grep '"type":"party-risk"' >parties.ndjson
cat >want.ndjson <<'JSON'
{"type":"party-risk","role":"tenderer","id":"P","signals":[{"signal":"R024","value":0,"evidence":"winner or runner-up of a tender whose second-lowest bid was close to the winning bid (7 tenders: I-1, I-2, I-3, I-4, I-5 and 2 more)"},{"signal":"R028","value":1,"evidence":"bid the identical price of another tenderer (7 tenders: I-1, I-2, I-3, I-4, I-5 and 2 more)"}]}
{"type":"party-risk","role":"tenderer","id":"Q","signals":[{"signal":"R024","value":0,"evidence":"winner or runner-up of a tender whose second-lowest bid was close to the winning bid (7 tenders: I-1, I-2, I-3, I-4, I-5 and 2 more)"},{"signal":"R028","value":1,"evidence":"bid the identical price of another tenderer (7 tenders: I-1, I-2, I-3, I-4, I-5 and 2 more)"}]}
{"type":"party-risk","role":"tenderer","id":"W","signals":[{"signal":"R058","value":0,"evidence":"won with a heavily discounted bid (1 tender: D-138****5678)"}]}
{"type":"party-risk","role":"tenderer","id":"V","signals":[{"signal":"R035","value":0,"evidence":"won a tender where all others were disqualified (1 tender: Z-1)"}]}
JSON
same_file "party-risk: each flag names its tenders" parties.ndjson want.ndjson
# the tender ids named are those of the tender-risk records that carry the
# flag (R058's tender, masked there too)
like "R058's tender is the tender-risk record's" "$OUT" \
	'"tender":"D-138\*\*\*\*5678".*"signal":"R058"'
# the shape the contract fixes: no key added
is "party-risk: the record's keys" \
	"$(py -c 'import json,sys
print(sorted({(k, tuple(sorted(s))) for r in map(json.loads, sys.stdin) for k in [tuple(sorted(r))] for s in r["signals"]}))' <parties.ndjson)" \
	"[(('id', 'role', 'signals', 'type'), ('evidence', 'signal', 'value'))]"
run gov-bid score -c c.conf --format ndjson --no-pairs --no-mask in.jsonl
like "--no-mask: the tender id in full" "$OUT" \
	'"won with a heavily discounted bid \(1 tender: D-13812345678\)"'

done_testing
