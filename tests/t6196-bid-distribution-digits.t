#!/bin/sh
# gov-bid --distribution: the quartiles, means and fences are made from
# screens kept to 7 significant digits (floats), but were printed with
# 15, the float's binary noise among them (KS's median 1/3 of the
# Tsuchiura auctions as 0.333333343267441).  Now 7, as the screens.
. "$(dirname "$0")/lib.sh"

in=$T_TOP/../shared/data/real/tsuchiura/tenders.jsonl
[ -f "$in" ] || skip_all "no real tenders at $in"

run gov-bid score --format ndjson --distribution "$in"
ok "ran (exit $RC)" test "$RC" -le 1
printf '%s\n' "$OUT" | grep '"type":"screen-distribution"' >d.ndjson
like "KS's median is 1/3 to 7 digits" "$(grep '"screen":"ks"' d.ndjson)" '"median":0\.3333333,'
is "no number of a distribution has more than 7 significant digits" "$(py -c '
import json, re, sys
n = 0
for r in map(json.loads, open(sys.argv[1])):
    for k in ("min", "q1", "median", "q3", "max", "mean", "lower_fence", "upper_fence"):
        v = r[k]
        if v is None:
            continue
        digits = re.sub(r"e.*", "", repr(v)).replace("-", "").replace(".", "").lstrip("0")
        if len(digits) > 7:
            n += 1
print(n)' d.ndjson)" 0
is "16 distributions" "$(wc -l <d.ndjson | tr -d ' ')" 16

done_testing
