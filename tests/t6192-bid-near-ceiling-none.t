#!/bin/sh
# gov-bid score --screens: a tender without a ceiling price had
# "near_ceiling":0 among its screens, a count of bids near a price it
# does not have, read in a spreadsheet as "none near the ceiling".  Now
# near_ceiling is there only for a tender with a ceiling price, as
# winner_ratio is.
. "$(dirname "$0")/lib.sh"

cat >n.jsonl <<'EOF2'
{"type":"tender","tender":"N1","winner":"A","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
{"type":"tender","tender":"N2","ceiling_price":1000000,"winner":"A","bids":[{"bidder":"A","price":950000},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
EOF2
run gov-bid score --format ndjson --screens --no-pairs --no-parties n.jsonl
is "ran" "$RC:$ERR" "0:"
scr() { printf '%s\n' "$OUT" | grep "\"$1\"" | sed 's/.*"screens":{[^}]*"ks":[0-9.]*\([^}]*\)}.*/\1/'; }
is "no ceiling: neither winner_ratio nor near_ceiling" "$(scr N1)" ""
is "a ceiling: both" "$(scr N2)" ',"winner_ratio":0.95,"near_ceiling":1'

done_testing
