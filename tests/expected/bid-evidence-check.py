"""Check that the tenders pair-risk and group-risk records name stand
behind their counts: usage bid-evidence-check.py MARKET SCORES GROUPS.
Prints one line per fault and 'checked N lists'."""
import json
import sys

market, scores, groups = sys.argv[1:4]
valid = {}   # tender -> set of bidders with a valid bid
winner = {}
for line in open(market, encoding="utf-8"):
    r = json.loads(line)
    valid[r["tender"]] = {b["bidder"] for b in r["bids"]
                          if b.get("status", "valid") == "valid"}
    winner[r["tender"]] = r.get("winner")
fired = {}   # (tender, signal) -> list of bidder sets
records = [json.loads(x) for x in open(scores, encoding="utf-8")]
for r in records:
    if r["type"] == "tender-risk":
        for s in r["signals"]:
            fired.setdefault((r["tender"], s["signal"]), []).append(set(s.get("bidders", [])))
faults = lists = 0


def fault(msg):
    global faults
    faults += 1
    print(msg)


for r in records:
    if r["type"] != "pair-risk":
        continue
    a, b = r["bidders"]
    for s in r["signals"]:
        ids = s["tender_ids"]
        lists += 1
        if len(ids) != s["tenders"] or ids != sorted(set(ids), key=ids.index):
            fault("pair %s %s %s: %d ids for %d" % (a, b, s["signal"], len(ids), s["tenders"]))
        for t in ids:
            both = {a, b} <= valid[t]
            if s["signal"] == "co-bidding" and not both:
                fault("pair %s %s: not both in %s" % (a, b, t))
            elif s["signal"] == "cover-bidder" and not (both and winner[t] in (a, b)):
                fault("pair %s %s: %s not lost to the other" % (a, b, t))
            elif s["signal"] not in ("co-bidding", "cover-bidder") and not any(
                    {a, b} <= g for g in fired.get((t, s["signal"]), [])):
                fault("pair %s %s: no %s in %s" % (a, b, s["signal"], t))
for line in open(groups, encoding="utf-8"):
    g = json.loads(line)
    members = set(g["bidders"])
    lists += 1
    if len(g["tender_ids"]) != g["tenders"]:
        fault("%s: %d ids for %d tenders" % (g["group"], len(g["tender_ids"]), g["tenders"]))
    for t in g["tender_ids"]:
        if len(members & valid[t]) < 2:
            fault("%s: fewer than two members in %s" % (g["group"], t))
    for s in g["signals"]:
        if s["signal"] != "art40":
            continue
        lists += 1
        for t in s["tender_ids"]:
            if not any(len(members & x) >= 2 for (tt, name), sets in fired.items()
                       if tt == t and name.startswith("same-") for x in sets):
                fault("%s: no shared fact in %s" % (g["group"], t))
print("checked %d lists" % lists)
sys.exit(1 if faults else 0)
