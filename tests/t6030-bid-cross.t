#!/bin/sh
# gov-bid: patterns across tenders (co-bidding, rotation, cover bidders,
# loser-then-winner), groups, and explain in English and Chinese.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
in=$(expected bid-cross.jsonl)

run gov-bid score -c "$conf" --format ndjson "$in"
is "score: exit 1 (high-risk tenders)" "$RC" 1
printf '%s\n' "$OUT" >got.ndjson
same_file "score: exact records" got.ndjson "$(expected bid-cross.ndjson)"

sig_of() { grep "\"tender\":\"$1\"" got.ndjson; }
# the rotating group R1 R2 R3 (tenders X-31..X-38)
for t in X-31 X-33 X-35 X-38; do
	like "$t: co-bidding and rotation" "$(sig_of $t)" '"signal":"co-bidding".*"signal":"bid-rotation"'
done
like "rotation evidence" "$(sig_of X-33)" 'won 8 of the 8 tenders they bid together, taking turns among 3 winners'
like "loser then winner" "$(sig_of X-33)" '"signal":"loser-then-winner","family":"cross","bidders":\["R3","R2"\]'
# the cover bidder C1 always loses to W9 (X-39..X-44)
like "cover bidder" "$(sig_of X-40)" 'C1 never won; lost 6 of 6 bids to this winner W9'
# the honest market: no cross-tender signal on its tenders
honest=$(grep -E '"tender":"X-(0[1-9]|1[0-9]|2[0-9]|30)"' got.ndjson | grep -c -E 'co-bidding|bid-rotation|cover-bidder')
is "honest tenders: no co-bidding, rotation or cover" "$honest" 0
like "pair record for W9 and C1" "$OUT" '"type":"pair-risk","bidders":\["C1","W9"\],"tenders":6,"score":55'
# the tenders behind each count, in input order, to open the case files
like "pair C1 W9: the six tenders C1 lost to W9" "$OUT" \
	'"signal":"cover-bidder","tenders":6,"tender_ids":\["X-39","X-40","X-41","X-42","X-43","X-44"\]'
like "pair C1 W9: the tenders they bid together" "$OUT" \
	'"signal":"co-bidding","tenders":6,"tender_ids":\["X-39","X-40","X-41","X-42","X-43","X-44"\]'

run gov-bid groups -c "$conf" --format ndjson "$in"
printf '%s\n' "$OUT" >groups.ndjson
same_file "groups: exact records" groups.ndjson "$(expected bid-groups.ndjson)"
like "group R1 R2 R3: its tenders" "$(grep '"G0001"' groups.ndjson)" \
	'"tenders":8,"tender_ids":\["X-31","X-32","X-33","X-34","X-35","X-36","X-37","X-38"\],"won":8'
is "groups: exit 0 (no high-risk group)" "$RC" 0

# explain names the record's file and line: a copy here, not the tree's path
cp "$in" cross.jsonl
run gov-bid explain -c "$conf" X-32 cross.jsonl
is "explain: exit 0" "$RC" 0
printf '%s\n' "$OUT" >en.txt
same_file "explain in English" en.txt "$(expected bid-explain-en.txt)"
run gov-bid explain -c "$conf" --lang zh X-39 cross.jsonl
printf '%s\n' "$OUT" >zh.txt
same_file "explain in Chinese" zh.txt "$(expected bid-explain-zh.txt)"
# the tenders behind the patterns, to open beside this one
run gov-bid explain -c "$conf" --lang zh X-35 "$in"
like "explain: a rotating group's tenders with their winners" "$OUT" \
	'R1、R2和R3（同组3家）中两家以上共同投标8次：X-31（R1中标）、X-32（R2中标）、X-33（R3中标）、X-34（R1中标）、X-35（R2中标）、X-36（R3中标）、X-37（R1中标）、X-38（R2中标）'
run gov-bid explain -c "$conf" X-05 "$in"
is "explain: an honest tender lists no other tenders" \
	"$(printf '%s\n' "$OUT" | grep -c 'tenders behind')" 0
run gov-bid explain -c "$conf" --format ndjson X-39 "$in"
like "explain --format ndjson: the record" "$OUT" '^\{"type":"tender-risk","tender":"X-39"'
run gov-bid explain -c "$conf" NOPE "$in"
is "explain: unknown tender exits 2" "$RC" 2
is "explain: unknown tender message" "$ERR" "gov-bid: no tender 'NOPE' in the input"

# a bidder that files two bids in one tender is one bidder of it in every
# count across tenders: A bids twice in each of D-0..D-5, once with B
run gov-bid score --format ndjson --no-parties "$(expected bid-double-bid.jsonl)"
is "two bids of one bidder: the pair counted once a tender" \
	"$(printf '%s\n' "$OUT" | grep '"type":"pair-risk"')" \
	'{"type":"pair-risk","bidders":["A","B"],"tenders":6,"score":77,"level":"high","signals":[{"signal":"same-ip","tenders":6,"tender_ids":["D-0","D-1","D-2","D-3","D-4","D-5"],"weight":0.5,"evidence":"the bids of A and B were sent from the same IP address in 6 tenders"},{"signal":"co-bidding","tenders":6,"tender_ids":["D-0","D-1","D-2","D-3","D-4","D-5"],"weight":0.3,"evidence":"bid together in 6 tenders (A bid in 6, B in 6; 1.50 expected)"},{"signal":"cover-bidder","tenders":6,"tender_ids":["D-0","D-1","D-2","D-3","D-4","D-5"],"weight":0.35,"evidence":"B never won and lost 6 of 6 bids to A"}]}'
like "two bids of one bidder: same-ip names 2 bidders, not 3 bids" \
	"$(printf '%s\n' "$OUT" | grep '"tender":"D-0"')" '"signal":"same-ip","family":"art40","bidders":\["A","B"\],"weight":0\.5,"value":2,'
run gov-bid groups --format ndjson "$(expected bid-double-bid.jsonl)"
like "two bids of one bidder: the group's tenders and wins once each" "$OUT" \
	'"bidders":\["A","B"\],"size":2,"tenders":6,.*"won":6,"wins":\[6,0\]'
# explain marks the winner's bid once: its lowest valid one (both of A's
# were marked "winner")
run gov-bid explain --format text D-0 "$(expected bid-double-bid.jsonl)"
is "two bids of the winner: one marked" \
	"$(printf '%s\n' "$OUT" | grep -E '^ +[0-9]+\. +[A-Z] ')" \
	"   1. A                                100,000.00  valid  winner
   2. A                                100,700.00  valid
   3. B                                101,234.00  valid"
done_testing
