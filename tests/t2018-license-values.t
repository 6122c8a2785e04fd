#!/bin/sh
# gov-license: a line of many small values.  Each value took a node of
# the record's arena, 56 bytes, so a 60 MB line of [],[],... took 1.4 GB
# (a 256 MiB line, the longest read, over 6 GB, and --jobs workers hold
# one each).  A record of more than 1,048,576 values (commas and opening
# brackets outside strings) is refused now before its nodes are made,
# as any line that is no JSON object: named, with the byte.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses

grep -m1 '"TL-YYZZ-2019-0011"' "$S/licenses.jsonl" >one.jsonl
py - <<'PY'
rec = open("one.jsonl").read().rstrip("\n")
# the record with a member of 20 million empty arrays (60 MB)
with open("bomb.jsonl", "w") as f:
    f.write(rec + "\n")
    f.write(rec[:-1] + ', "x": [' + '[],' * 20000000 + '[]]}\n')
PY

mem="ulimit -v 400000;"
[ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ] && mem=
run sh -c "$mem exec timeout 30 gov-license verify --jobs 1 --trust '$S/trust.json' --today '$T_TODAY' --format ndjson bomb.jsonl"
is "20 million values in 400 MB: exit 1, the first verified, the second invalid" \
	"$RC:$(printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    print(r["license_no"], r["verdict"], [c["check"] for c in r["checks"] if c.get("ok") is False])')" \
	"1:TL-YYZZ-2019-0011 valid []
None invalid ['schema']"
like "... the line named, with the byte" "$ERR" \
	"^gov-license: bomb.jsonl:2: more than 1048576 JSON values at byte [0-9]+$"
run sh -c "$mem exec timeout 30 gov-license canon bomb.jsonl"
is "canon: the first printed, exit 1" "$RC:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "1:1"
like "canon: the second named" "$ERR" \
	"^gov-license: bomb.jsonl:2: more than 1048576 JSON values at byte [0-9]+$"
rm -f bomb.jsonl
done_testing
