#!/bin/sh
# gov-license: a record of 150,000 members.  The parser checks that no
# name repeats (RFC 8785 needs it); it compared each with all before it,
# and 100,000 members took 50 s.  Past a few, names go through a hash
# table: the repeat far down is still found, the same message.  The limit
# is far below the time before and generous for a slow machine and the
# sanitizer build.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses

LIMIT=30

grep -m1 '"TL-YYZZ-2019-0011"' "$S/licenses.jsonl" >one.jsonl
py - <<'PY'
import json
rec = json.loads(open("one.jsonl").read())
extra = {"x%d" % i: i for i in range(150000)}
with open("wide.jsonl", "w") as f:
    f.write(json.dumps(dict(rec, **extra), ensure_ascii=False) + "\n")
    f.write(json.dumps(dict(rec, **extra), ensure_ascii=False)[:-1] + ', "x149998": 0}\n')
PY

run timeout $LIMIT gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format ndjson wide.jsonl
is "150,000 members: exit 1 within ${LIMIT}s" "$RC" 1
is "... the first verified (its signature fails: it was changed), the repeat refused" \
	"$(printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    print(r["license_no"], r["verdict"], [c["check"] for c in r["checks"] if c.get("ok") is False])')" \
	"TL-YYZZ-2019-0011 untrusted ['signature']
None invalid ['schema']"
like "... the repeat named" "$ERR" "^gov-license: wide.jsonl:2: duplicate member name at byte [0-9]+$"
done_testing
