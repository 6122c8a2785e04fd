#!/bin/sh
# gov-bid --from ocds: a line that is a release package
# ({"releases":[...]}) or a record package ({"records":[{"compiledRelease":
# ...}]}), as publishers write them.  Before, such a line was one
# "release without 'ocid'": every tender in it was left out.  Now each
# release of a package, and each record's compiled release, is read as a
# line of its own would be (its warnings, explain's file:line, the line
# of the package); what cannot be read is named.
. "$(dirname "$0")/lib.sh"

cat >pk.jsonl <<'EOF2'
{"uri":"x","version":"1.1","releases":[{"ocid":"p1","tag":["compiled"],"tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"A"}]}]},{"ocid":"p2","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"B"}],"value":{"amount":470000,"currency":"CNY"}}]}},3]}
{"uri":"y","records":[{"ocid":"r1","compiledRelease":{"ocid":"r1","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"C"}],"value":{"amount":450000,"currency":"CNY"}}]}}},{"ocid":"r2","releases":[]}]}
{"ocid":"s1","tender":{"value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":450000,"currency":"CNY"}}]}}
{"foo":1}
EOF2
run gov-bid score --from ocds --format ndjson --no-parties pk.jsonl
is "every release read; what is not, named; exit 1" "$RC|$ERR" \
	"1|gov-bid: pk.jsonl:1: a package's release that is not an object left out
gov-bid: pk.jsonl:2: a package's record without 'compiledRelease' left out
gov-bid: pk.jsonl:4: release without 'ocid'"
is "the tenders, in input order" \
	"$(printf '%s\n' "$OUT" | sed 's/.*"tender":"\([^"]*\)".*"bids":\([0-9]*\).*/\1:\2/' | tr '\n' ' ')" \
	"p1:1 p2:1 r1:1 s1:1 "
run gov-bid explain --from ocds r1 pk.jsonl
is "explain finds a record's compiled release at its line" \
	"$(printf '%s\n' "$OUT" | sed -n 2p)" "Record: pk.jsonl:2"
printf '%s\n' '{"releases":[{"ocid":"q1","bids":{"details":[{"status":"valid","tenderers":[{"id":"A"}],"value":{"amount":1,"currency":"CNY"}}]}}]}' >ok.jsonl
run gov-bid score --from ocds --format ndjson --no-parties ok.jsonl
is "a clean package: exit 0, silent" "$RC|$ERR" "0|"
done_testing
