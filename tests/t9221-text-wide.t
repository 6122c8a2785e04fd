#!/bin/sh
# The text forms pad a column of names by display columns, a Chinese
# character two: gov-bid's categories (--distribution), tender and bidder
# ids (score, explain), gov-report's unit ids (quarter, history) were
# padded by bytes with printf, so a row with 服务 or 数据局 stood two or
# three columns left of the others.
. "$(dirname "$0")/lib.sh"

# col TEXT WORD...: for each line holding one of the WORDs, the display
# column where that word starts; all lines must agree
col() {
	py - "$@" <<'PY'
import sys, unicodedata
text, words = sys.argv[1], sys.argv[2:]
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in text.split("\n"):
    for w in words:
        i = line.find(" " + w + " ")
        if i >= 0:
            cols.add(width(line[:i + 1]))
print(" ".join(str(c) for c in sorted(cols)))
PY
}

py - "$T_TOP/samples/bids/market.jsonl" <<'PY' >zh.jsonl
import json, sys
zh = {"construction": "工程", "goods": "货物"}
n = 0
for line in open(sys.argv[1]):
    t = json.loads(line)
    if t.get("type") != "tender":
        continue
    t["category"] = zh.get(t["category"], t["category"])
    if n == 0:
        t["tender"] = "招标-0001"
        t["bids"][0]["bidder"] = "个体户张三"
        t["winner"] = t["bids"][0]["bidder"]
    n += 1
    print(json.dumps(t, ensure_ascii=False))
PY
run gov-bid score --distribution --format text zh.jsonl
is "score --distribution: the screen's name in one column, whatever the category" \
	"$(col "$OUT" cv)" "15"
like "... a Chinese category there" "$OUT" "^工程 +cv "
like "... and an ASCII one" "$OUT" "^services +cv "
is "score: the score in one column, a Chinese tender id too" \
	"$(col "$(printf '%s\n' "$OUT" | grep -E '^(招标|T-)')" low medium high)" "29"
tender=招标-0001
run gov-bid explain "$tender" zh.jsonl
is "explain: the price in one column, a Chinese bidder id too" \
	"$(printf '%s\n' "$OUT" | grep -E '^ +[0-9]+\. ' | py -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(" ".join(sorted({str(width(l.rstrip("\n").split("  valid")[0])) for l in sys.stdin})))')" "49"

py - "$(expected report-mini-plan.json)" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["units"][0]["id"] = "数据局"
for t in p["tasks"] + p["safeguards"]:
    for k in ("lead", "cooperating"):
        t[k] = ["数据局" if x == "a" else x for x in t[k]]
json.dump(p, open("plan.json", "w"), ensure_ascii=False)
with open("p.jsonl", "w") as f:
    for u in ("数据局", "b"):
        f.write(json.dumps({"type": "progress", "task": "1", "unit": u, "quarter": "2025Q3",
                            "status": "on-track", "percent": 50}, ensure_ascii=False) + "\n")
PY
R="gov-report --today $T_TODAY --lang en"
$R plan load plan.json >/dev/null
$R add p.jsonl >/dev/null
run $R history 2025Q3 --format text
is "report history: the status in one column, a Chinese unit id too" "$(col "$OUT" on-track)" "29"
run $R quarter 2025Q3 --format text
is "report quarter: 'owed' in one column, a Chinese unit id too" "$(col "$OUT" owed)" "17"

done_testing
