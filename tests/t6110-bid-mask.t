#!/bin/sh
# gov-bid masks a resident ID or phone number wherever it prints one, not
# only in the evidence: a natural person's bidder id (OCDS tenderers, a
# sole trader), a tender's id and title, a buyer, a category were printed
# in full in every record and in the text form.  The bids of two people
# whose masked ids read alike stay two bidders; explain finds its TENDER
# by the id as given, and the right one of two ids that mask alike.
# --no-mask prints them as they are.
. "$(dirname "$0")/lib.sh"

RIC1=150502199001011234
RIC2=150502199202021234
PHONE=13812345678
# two tenders of the same people, sharing a document author (an Art. 40
# fact), ids that mask alike; then the sample market's tenders for the
# screens' distributions
py - "$T_TOP/samples/bids/market.jsonl" <<PY >t.jsonl
import json, sys
n = 0
for line in open(sys.argv[1]):
    t = json.loads(line)
    if t.get("type") != "tender":
        continue
    if n < 2:
        t["tender"] = ["T-13712345678", "T-13787655678"][n]
        t["title"] = "title $RIC1"
        t["buyer"] = "buyer $PHONE"
        t["category"] = "cat $PHONE"
        b = t["bids"]
        b[0]["bidder"], b[1]["bidder"] = "$RIC1", "$RIC2"
        t["winner"] = b[0]["bidder"]
        for x in b[:2]:
            x["doc_author"] = "$PHONE"
    n += 1
    print(json.dumps(t, ensure_ascii=False))
    if n == 300:
        break
PY
full() { grep -a -c -e "$RIC1" -e "$RIC2" -e "$PHONE" -e 13787655678 "$@"; }

for f in ndjson text; do
	run gov-bid score --screens --distribution --format $f t.jsonl
	is "score --format $f: no number in full" "$(printf '%s\n%s\n' "$OUT" "$ERR" | full)" 0
	run gov-bid groups --format $f t.jsonl
	is "groups --format $f: no number in full" "$(printf '%s\n%s\n' "$OUT" "$ERR" | full)" 0
done
run gov-bid score --format ndjson t.jsonl
like "score: the masked tender id" "$OUT" '"tender":"T-137\*\*\*\*5678"'
like "score: the pair of people, two bidders masked" "$OUT" \
	'"type":"pair-risk","bidders":\["150502\*\*\*\*\*\*\*\*1234","150502\*\*\*\*\*\*\*\*1234"\]'

run gov-bid explain T-13787655678 t.jsonl
is "explain, the second tender: exit 0" "$RC" 0
is "explain: no number in full" "$(printf '%s\n' "$OUT" | full)" 0
is "explain: the tender asked for, masked" "$(printf '%s\n' "$OUT" | sed -n 1,4p)" \
'Tender T-137****5678 "title 150502********1234"
Record: t.jsonl:2
Buyer: buyer 138****5678
Category: cat 138****5678'
is "explain: the two people, a bid each" \
	"$(printf '%s\n' "$OUT" | grep -c -E '^ +[0-9]+\. 150502\*{8}1234 ')" 2
run gov-bid explain --format ndjson T-13787655678 t.jsonl
like "explain ndjson: the second tender's record" "$OUT" '"tender":"T-137\*\*\*\*5678"'
is "explain ndjson: no number in full" "$(printf '%s\n' "$OUT" | full)" 0
run gov-bid explain T-137****5678 t.jsonl
is "explain by the masked id: no such tender, exit 2" "$RC" 2

run gov-bid explain --no-mask T-13787655678 t.jsonl
like "--no-mask: the tender, title and buyer as they are" "$(printf '%s\n' "$OUT" | sed -n 1,2p)" \
	"^Tender T-13787655678 \"title $RIC1\"
Buyer: buyer $PHONE"
run gov-bid score --no-mask --format ndjson t.jsonl
like "--no-mask: the bidders as they are" "$OUT" "\"bidders\":\\[\"$RIC1\",\"$RIC2\"\\]"

done_testing
