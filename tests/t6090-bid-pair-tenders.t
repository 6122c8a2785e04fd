#!/bin/sh
# gov-bid: a pair's Art. 40 counts are tenders, in the text as in the
# records.  A and B each bid twice in R-1, sharing two document authors
# and submitting close together twice: two hits of each fact in one
# tender, which count once.
. "$(dirname "$0")/lib.sh"

in=$(expected bid-pair-repeat.jsonl)

run gov-bid score --format text --no-parties "$in"
is "text: exit 1 (a high-risk tender)" "$RC" 1
is "text: the pair's counts are tenders" "$(printf '%s\n' "$OUT" | grep '^pair')" \
	'pair A + B  66 medium same-doc-author(2) close-submission(1)'

run gov-bid score --format ndjson --no-parties "$in"
is "ndjson: exit 1" "$RC" 1
is "ndjson: the same counts, with their tenders" "$(printf '%s\n' "$OUT" | grep '"pair-risk"')" \
'{"type":"pair-risk","bidders":["A","B"],"tenders":2,"score":66,"level":"medium","signals":[{"signal":"same-doc-author","tenders":2,"tender_ids":["R-1","R-2"],"weight":0.6,"evidence":"the bids of A and B were prepared by the same document author or machine in 2 tenders"},{"signal":"close-submission","tenders":1,"tender_ids":["R-1"],"weight":0.15,"evidence":"A and B submitted within seconds of each other in 1 tender"}]}'

done_testing
