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

# the records do not change
run gov-bid explain --from ocds --format ndjson ocds-w1 w.jsonl
printf '%s\n' "$OUT" >named.out
sed 's/"name":"[^"]*"/"x":1/g' w.jsonl >nn.jsonl
run gov-bid explain --from ocds --format ndjson ocds-w1 nn.jsonl
is "explain --format ndjson: the same tender-risk record" \
	"$(cat named.out)" "$OUT"
done_testing
