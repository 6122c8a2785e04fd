#!/bin/sh
# A file of many batches (the reader thread hands rows over in batches):
# findings far apart still name the right earlier row, a self-referencing
# foreign key may point forward, the digest (computed on its own thread
# for a file, inline for standard input) is the digest of the bytes.
. "$(dirname "$0")/lib.sh"

N=30000
[ "${GOVKIT_SAN:-}" = 1 ] && N=12000
cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}},
            {"name": "parent", "type": "integer"},
            {"name": "note"}],
 "foreignKeys": [{"fields": "parent", "reference": {"fields": "id"}}]}
JSON
awk -v n=$N 'BEGIN {
	print "id,parent,note"
	for (i = 1; i <= n; i++) {
		parent = i - 1
		if (i == 5) parent = n - 1          # forward reference: fine
		if (i == 7) parent = n + 100        # nowhere: a finding
		note = "\"line " i "\nsecond line\""  # quoted newline: rows != lines
		# a copy of row 11 (so the parent of the next row is nowhere too)
		if (i == n - 10) print "10,9,\"line 10\nsecond line\""
		else print i "," (i == 1 ? "" : parent) "," note
	}
}' >big.csv

run gov-check -s s.json big.csv
found=$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "finding":
        print(r["row"], r["column"], r["check"], r["message"])')
is "far-apart findings name the right rows" "$found" \
"$((N - 9)) 1 unique repeats row 11
$((N - 9)) None duplicate-row identical to row 11
8 2 foreign-key not found in this table (id)
$((N - 8)) 2 foreign-key not found in this table (id)"
like "all rows counted" "$OUT" "\"rows\":$N,"
want=$(sha256sum big.csv | cut -d' ' -f1)
like "digest of a file, with a schema (in the parser's thread on 2 cores)" "$OUT" "\"sha256\":\"$want\""
run gov-check big.csv
like "digest of a file, no schema (a thread of its own on 2 cores)" "$OUT" "\"sha256\":\"$want\""
run_in big.csv gov-check -s s.json -
like "digest of standard input (inline)" "$OUT" "\"sha256\":\"$want\""
is "standard input: the same findings" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 4

# a reader that stops early: no error, no hang
gov-check -s s.json big.csv | head -1 >first.txt
is "| head: the first record" "$(cut -c1-18 first.txt)" '{"type":"finding",'

done_testing
