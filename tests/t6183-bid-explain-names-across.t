#!/bin/sh
# gov-bid explain: the tenders behind the patterns across tenders name
# their bidders as the rest of the case does (t6182): each bidder of a
# co-bidding pair, of a rotating group, a cover bidder and the winner it
# lost to, by its id with its name beside it; a tender's winner in
# brackets with its name the first time the line shows it, unless the
# line named it already.  Masked as ids are.  Before, that section
# showed ids only.
. "$(dirname "$0")/lib.sh"

conf=$(expected bid-test.conf)
# bid-cross.jsonl with names for R1 R2 R3 (the rotating group) and W9
# (whose cover bidder is C1, which has none)
py - "$(expected bid-cross.jsonl)" <<'PY'
import json, sys
names = {"R1": "甲路桥有限公司", "R2": "Beta Works Ltd",
         "R3": "Chen 13812345678", "W9": "Wei Nine Co."}
with open("named.jsonl", "w") as f:
    for line in open(sys.argv[1]):
        t = json.loads(line)
        for b in t["bids"]:
            if b["bidder"] in names:
                b["name"] = names[b["bidder"]]
        f.write(json.dumps(t, ensure_ascii=False) + "\n")
PY
behind() {
	printf '%s\n' "$OUT" | sed -n '/^The tenders behind/,/^$/p;/^相关项目/,/^$/p' |
		sed '/^$/d'
}

run gov-bid explain -c "$conf" X-33 named.jsonl
is "pairs and group: exit 0, nothing on stderr" "$RC|$ERR" "0|"
is "pairs and group: bidders and winners with their names" "$(behind)" \
	'The tenders behind these patterns (winner in brackets):
  R1 (甲路桥有限公司) and R2 (Beta Works Ltd) bid together in 8: X-31 [R1], X-32 [R2], X-33 [R3 (Chen 138****5678)], X-34 [R1], X-35 [R2], X-36 [R3], X-37 [R1], X-38 [R2]
  R1 (甲路桥有限公司) and R3 (Chen 138****5678) bid together in 8: X-31 [R1], X-32 [R2 (Beta Works Ltd)], X-33 [R3], X-34 [R1], X-35 [R2], X-36 [R3], X-37 [R1], X-38 [R2]
  R2 (Beta Works Ltd) and R3 (Chen 138****5678) bid together in 8: X-31 [R1 (甲路桥有限公司)], X-32 [R2], X-33 [R3], X-34 [R1], X-35 [R2], X-36 [R3], X-37 [R1], X-38 [R2]
  R1 (甲路桥有限公司), R2 (Beta Works Ltd) and R3 (Chen 138****5678) (a group of 3), two or more of them in 8: X-31 [R1], X-32 [R2], X-33 [R3], X-34 [R1], X-35 [R2], X-36 [R3], X-37 [R1], X-38 [R2]'
run gov-bid explain -c "$conf" --lang zh X-33 named.jsonl
is "pairs and group, zh: in full-width brackets" "$(behind)" \
	'相关项目（以上跨项目模式所依据的项目，括号内为中标人）：
  R1（甲路桥有限公司）和R2（Beta Works Ltd）共同投标8次：X-31（R1中标）、X-32（R2中标）、X-33（R3（Chen 138****5678）中标）、X-34（R1中标）、X-35（R2中标）、X-36（R3中标）、X-37（R1中标）、X-38（R2中标）
  R1（甲路桥有限公司）和R3（Chen 138****5678）共同投标8次：X-31（R1中标）、X-32（R2（Beta Works Ltd）中标）、X-33（R3中标）、X-34（R1中标）、X-35（R2中标）、X-36（R3中标）、X-37（R1中标）、X-38（R2中标）
  R2（Beta Works Ltd）和R3（Chen 138****5678）共同投标8次：X-31（R1（甲路桥有限公司）中标）、X-32（R2中标）、X-33（R3中标）、X-34（R1中标）、X-35（R2中标）、X-36（R3中标）、X-37（R1中标）、X-38（R2中标）
  R1（甲路桥有限公司）、R2（Beta Works Ltd）和R3（Chen 138****5678）（同组3家）中两家以上共同投标8次：X-31（R1中标）、X-32（R2中标）、X-33（R3中标）、X-34（R1中标）、X-35（R2中标）、X-36（R3中标）、X-37（R1中标）、X-38（R2中标）'
run gov-bid explain -c "$conf" --no-mask X-33 named.jsonl
is "--no-mask: the name whole" \
	"$(behind | grep -F '  R2 (Beta Works Ltd) and R3')" \
	'  R2 (Beta Works Ltd) and R3 (Chen 13812345678) bid together in 8: X-31 [R1 (甲路桥有限公司)], X-32 [R2], X-33 [R3], X-34 [R1], X-35 [R2], X-36 [R3], X-37 [R1], X-38 [R2]'

run gov-bid explain -c "$conf" X-43 named.jsonl
is "cover bidder: the winner named, a bidder without a name by its id" \
	"$(behind)" \
	'The tenders behind these patterns (winner in brackets):
  W9 (Wei Nine Co.) and C1 bid together in 6: X-39 [W9], X-40 [W9], X-41 [W9], X-42 [W9], X-43 [W9], X-44 [W9]
  C1 lost to W9 (Wei Nine Co.) in 6: X-39, X-40, X-41, X-42, X-43, X-44'
run gov-bid explain -c "$conf" --lang zh X-43 named.jsonl
is "cover bidder, zh" "$(behind)" \
	'相关项目（以上跨项目模式所依据的项目，括号内为中标人）：
  W9（Wei Nine Co.）和C1共同投标6次：X-39（W9中标）、X-40（W9中标）、X-41（W9中标）、X-42（W9中标）、X-43（W9中标）、X-44（W9中标）
  C1输给W9（Wei Nine Co.）的6个项目：X-39、X-40、X-41、X-42、X-43、X-44'

# without names, as before
run gov-bid explain -c "$conf" X-43 "$(expected bid-cross.jsonl)"
is "no names: the ids alone" "$(behind)" \
	'The tenders behind these patterns (winner in brackets):
  W9 and C1 bid together in 6: X-39 [W9], X-40 [W9], X-41 [W9], X-42 [W9], X-43 [W9], X-44 [W9]
  C1 lost to W9 in 6: X-39, X-40, X-41, X-42, X-43, X-44'
run gov-bid explain -c "$conf" --format ndjson X-33 named.jsonl
printf '%s\n' "$OUT" >named.out
run gov-bid explain -c "$conf" --format ndjson X-33 "$(expected bid-cross.jsonl)"
is "explain --format ndjson: the same tender-risk record" \
	"$(cat named.out)" "$OUT"
done_testing
