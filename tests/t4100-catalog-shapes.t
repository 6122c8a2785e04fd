#!/bin/sh
# gov-catalog on shapes that cost more than their size, as a draft from
# a mis-exported sheet of 40,000 columns makes: an entry of 40,000 items
# (list and show read the items by index, validate compared each name
# with all before it: over a minute each), a file of 60,000 entries each
# related to the one before (validate looked codes up in a list: over a
# minute), and a demand of 4,000 items against 4,000 entries of one item
# each, all from different providers (the match was cubic: 107 s; the
# responsibility list read every entry for each provider).  The limit is
# far below the time before and generous for a slow machine and the
# sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

py - <<'PY'
import json
def entry(i, items, provider="市公安局", related=None):
    e = {"type": "entry", "code": "101001001/%06d" % i, "name": "资源%d" % i,
         "provider": provider, "provider_code": "11150500115050024J",
         "summary": "s", "category": "基础信息资源/人口基础信息资源", "format": "csv",
         "items": items, "share_type": "unconditional", "share_method": "api",
         "open_type": "closed", "update_cycle": "daily", "published": "2024-03-01"}
    if related:
        e["related"] = [related]
    return e
items = [{"name": "项%d" % i, "type": "C", "length": 10} for i in range(40000)]
items[39999]["name"] = "项7"                    # item 40,000 repeats item 8
with open("wide.jsonl", "w") as f:
    f.write(json.dumps(entry(1, items), ensure_ascii=False) + "\n")
with open("chain.jsonl", "w") as f:
    for i in range(1, 60001):
        f.write(json.dumps(entry(i, [{"name": "a", "type": "C"}],
                                 related="101001001/%06d" % (i - 1) if i > 1 else None),
                           ensure_ascii=False) + "\n")
    f.write(json.dumps(entry(5, [{"name": "a", "type": "C"}]), ensure_ascii=False) + "\n")
with open("many.jsonl", "w") as f:
    for i in range(1, 4001):
        f.write(json.dumps(entry(i, [{"name": "项%d" % i, "type": "C"}],
                                 provider="单位%d" % (i % 2000)), ensure_ascii=False) + "\n")
with open("demand.jsonl", "w") as f:
    f.write(json.dumps({"type": "demand", "id": "XQ-1", "unit": "u", "need": "n",
                        "items": ["项%d" % i for i in range(1, 4002)]}, ensure_ascii=False) + "\n")
PY

run timeout $LIMIT gov-catalog add wide.jsonl
is "an entry of 40,000 items: added" "$RC" 0
run timeout $LIMIT gov-catalog list --format ndjson
is "... listed within ${LIMIT}s" "$RC" 0
is "... its 40,000 items, in order, each in full" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
it = json.load(sys.stdin)["items"]
print(len(it), it[0], it[39998]["name"])')" \
	"40000 {'name': '项0', 'type': 'C', 'length': 10, 'description': None} 项39998"
run timeout $LIMIT gov-catalog show 101001001/000001
is "... shown within ${LIMIT}s, whole" "$RC:$(printf '%s\n' "$OUT" | py -c '
import json, sys
print(len(json.load(sys.stdin)["items"]))')" "0:40000"
run timeout $LIMIT gov-catalog validate
is "... validated within ${LIMIT}s" "$RC" 1
like "... the repeated item named" "$OUT" \
	"\"field\":\"items\\[40000\\].name\",\"check\":\"unique\".*\"message\":\"information item '项7' repeated \\(first as item 8\\)\""

run timeout $LIMIT gov-catalog validate chain.jsonl
is "a file of 60,000 related entries: validated within ${LIMIT}s" "$RC" 1
is "... only the repeated code found" "$(printf '%s\n' "$OUT" | grep -o '"message":"[^"]*"')" \
	"\"message\":\"resource code '101001001/000005' repeated (first at row 5)\""

gov-catalog --db many.db add many.jsonl >/dev/null
gov-catalog --db many.db demand add demand.jsonl >/dev/null
run timeout $LIMIT gov-catalog --db many.db match
is "a demand of 4,001 items, 4,000 entries: matched within ${LIMIT}s" "$RC" 0
is "... partial, every entry used, the one item nowhere missing" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
r = json.load(sys.stdin)
print(r["status"], len(r["entries"]), all(e["used"] for e in r["entries"]), r["missing"])')" \
	"partial 4000 True ['项4001']"
run timeout $LIMIT gov-catalog --db many.db lists
is "... the three lists within ${LIMIT}s" "$RC" 0
is "... one responsibility record a provider, in order of first entry" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin if "\"responsibility\"" in l]
print(len(rs), rs[0]["provider"], rs[0]["count"], [x["code"] for x in rs[0]["resources"]], rs[-1]["provider"])')" \
	"2000 单位1 2 ['101001001/000001', '101001001/002001'] 单位0"
done_testing
