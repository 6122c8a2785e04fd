#!/bin/sh
# gov-bid explain --from ocds: the names of bidders the bids alone do not
# give (t6182 for the rest).  A winner that filed no bid in its release,
# named only in awards[].suppliers[], is named by the supplier's "name",
# else by the release's parties entry of its id (a consortium of
# suppliers: its members' names joined by " + ", in the order of its
# joined id); a bid's own name comes first.  Before, such a winner had
# its id alone.
. "$(dirname "$0")/lib.sh"

cat >w.jsonl <<'EOF2'
{"ocid":"ocds-w1","parties":[{"id":"P-A","name":"Alpha Ltd"}],"tender":{"title":"Road","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-B"}],"value":{"amount":470000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-W","name":"Wei 13812345678 Works"}]}]}
{"ocid":"ocds-w2","parties":[{"id":"P-V","name":"乙建设有限公司","roles":["supplier"]}],"tender":{"title":"Bridge","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-V"}]}]}
{"ocid":"ocds-w3","parties":[{"id":"P-Y","name":"Yellow Co"}],"tender":{"title":"Tunnel","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-Y"},{"id":"P-X","name":"Xu Ltd"}]}]}
{"ocid":"ocds-w4","tender":{"title":"Pier","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-Z"}]}]}
{"ocid":"ocds-w5","tender":{"title":"Quay","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-Q","name":"Quay Holdings"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-Q","name":"Quay Group"}]}]}
EOF2
winner() {
	run gov-bid explain --from ocds "$@" w.jsonl
	printf '%s|%s|%s\n' "$RC" "$ERR" \
		"$(printf '%s\n' "$OUT" | grep -e '^Winner' -e '^中标人')"
}

is "a supplier's own name, masked" "$(winner ocds-w1)" \
	"0||Winner: P-W (Wei 138****5678 Works)"
is "--no-mask: whole" "$(winner --no-mask ocds-w1)" \
	"0||Winner: P-W (Wei 13812345678 Works)"
is "the parties entry's name" "$(winner ocds-w2)" \
	"0||Winner: P-V (乙建设有限公司)"
is "zh: in full-width brackets" "$(winner --lang zh ocds-w2)" \
	"0||中标人：P-V（乙建设有限公司）"
is "a consortium of suppliers: in the order of its joined id" \
	"$(winner ocds-w3)" "0||Winner: P-X+P-Y (Xu Ltd + Yellow Co)"
is "no name anywhere: the id alone" "$(winner ocds-w4)" "0||Winner: P-Z"
is "a winner that bid: its bid's name first" "$(winner ocds-w5)" \
	"0||Winner: P-Q (Quay Holdings)"

# R028 and R036 name a consortium's members, Cardinal's tenderers: the
# bid the signal is about is the consortium's, under its joined id, and
# is cited with the members' own.  Before, "P-B and P-C submitted
# identical prices" cited P-B's bid alone, and a consortium's lowest bid
# disqualified (R036) none.  A member's id masked as the consortium's is.
cat >c.jsonl <<'EOF2'
{"ocid":"ocds-c28","tender":{"title":"Wharf","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A","name":"Alpha Ltd"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"13812345678","name":"Chen Works"}],"value":{"amount":470000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-C","name":"Cee Ltd"},{"id":"13812345678","name":"Chen Works"}],"value":{"amount":470000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-A"}]}]}
{"ocid":"ocds-c36","parties":[{"id":"P-X","name":"Xu Ltd"},{"id":"P-Y","name":"Yellow Co"}],"tender":{"title":"Dock","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"disqualified","tenderers":[{"id":"P-Y"},{"id":"P-X"}],"value":{"amount":400000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-B"}],"value":{"amount":480000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-A"}]}]}
EOF2
# signal $1's line and the next two of the case
signal() { printf '%s\n' "$OUT" | grep -A2 -F "[$1"; }
run gov-bid explain --from ocds ocds-c28 c.jsonl
is "R028: exit 0" "$RC|$ERR" "0|"
is "R028: the consortium's bid cited, its member's id masked" \
	"$(signal R028)" \
	"  1. [R028, weight 0.30] 138****5678 and P-C submitted identical prices (Cardinal R028)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 2. 138****5678 (Chen Works) 470,000.00; 3. 138****5678+P-C (Chen Works + Cee Ltd) 470,000.00"
run gov-bid explain --from ocds --no-mask ocds-c28 c.jsonl
is "R028, --no-mask" "$(signal R028 | tail -1)" \
	"     Bids: 2. 13812345678 (Chen Works) 470,000.00; 3. 13812345678+P-C (Chen Works + Cee Ltd) 470,000.00"
run gov-bid explain --from ocds --lang zh ocds-c28 c.jsonl
is "R028, zh" "$(signal R028 | tail -1)" \
	"     所涉投标：第2份 138****5678（Chen Works），报价470,000.00；第3份 138****5678+P-C（Chen Works + Cee Ltd），报价470,000.00"
run gov-bid explain --from ocds ocds-c36 c.jsonl
is "R036: the consortium's disqualified bid cited" "$(signal R036)" \
	"  1. [R036, weight 0.20] the lowest bid, by P-Y and P-X, was disqualified (Cardinal R036)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 1. P-X+P-Y (Xu Ltd + Yellow Co) 400,000.00"
run gov-bid explain --from ocds --lang zh ocds-c36 c.jsonl
is "R036, zh" "$(signal R036 | tail -1)" \
	"     所涉投标：第1份 P-X+P-Y（Xu Ltd + Yellow Co），报价400,000.00"
run gov-bid explain --from ocds --format ndjson ocds-c28 c.jsonl
printf '%s\n' "$OUT" >named.out
run gov-bid explain --from ocds --format ndjson ocds-c28 c.jsonl
is "R028: explain --format ndjson as score's tender-risk record" \
	"$(cat named.out)" "$(gov-bid score --from ocds --format ndjson c.jsonl | grep '"ocds-c28"')"

# the records do not change
run gov-bid explain --from ocds --format ndjson ocds-w1 w.jsonl
printf '%s\n' "$OUT" >named.out
sed 's/"name":"[^"]*"/"x":1/g' w.jsonl >nn.jsonl
run gov-bid explain --from ocds --format ndjson ocds-w1 nn.jsonl
is "explain --format ndjson: the same tender-risk record" \
	"$(cat named.out)" "$OUT"
done_testing
