"""An independent reference for gov-bid's statistical screens and fences.

Written from gov-bid(1) (SIGNALS, "Statistical screens"; OPTIONS,
--distribution) and, where it is silent, from Imhof (2017) and Huber and
Imhof (2019), without reading gov-bid's C.  numpy's quantile method
"median_unbiased" is Hyndman and Fan's type 8.

Usage: bid-screens-ref.py TENDERS.jsonl GOV-BID-OUTPUT.ndjson
(the output of gov-bid score --format ndjson --screens --distribution,
default configuration).  Prints each difference, then a count line;
exit 1 when anything differs.

Tolerance: a tender's screens are written with 7 significant digits
(%.7g), off by at most half a unit of the 7th digit, 5e-7 of the value:
1e-6 relative, plus 1e-12 absolute for a value that is 0 but for
rounding (the SKEW of symmetric bids).  A distribution's numbers are
written with 15 digits but computed from the screens as gov-bid keeps
them, 7 significant digits (single precision): 1e-6 relative too, to the
larger of the number and, on a linear scale, the quartiles (a fence near
0, Q1 - k IQR, loses the digits of Q1 and IQR).
"""
import json, math, sys
import numpy as np

# An independent reading of gov-bid(1), SIGNALS, "Statistical screens".
K, MIN_TENDERS, MIN_BIDS, NEAR, CEIL_MIN = 1.5, 30, 3, 0.02, 3
FENCE_MIN = 4  # a fence of fewer values flags nothing (gov-bid(1))
LOG = {"cv", "spd", "diffp", "rd", "rdnor", "altrd", "cv3", "cv4", "spd3", "spd4", "rd3", "rd4"}
LOW = {"cv", "spd", "skew", "cv3", "cv4", "spd3", "spd4"}
ORDER = ["cv", "spd", "diffp", "rd", "rdnor", "altrd", "kurt", "skew", "ks",
         "cv3", "cv4", "spd3", "spd4", "rd3", "rd4", "winner_ratio"]
SIGNAL = {s: "screen-" + s for s in ORDER}
SIGNAL.update({s: "screen-subset" for s in ("cv3", "cv4", "spd3", "spd4", "rd3", "rd4")})
SIGNAL["winner_ratio"] = "winner-ratio"

def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

def sd(x):
    return float(np.std(np.asarray(x, dtype=float), ddof=1))

def rd(b):  # b sorted; RD = (b2 - b1)/sd(L), none when the losers are all equal
    s = sd(b[1:])
    return None if s == 0 else (b[1] - b[0]) / s

def screens(b):
    n = len(b)
    m = float(np.mean(b))
    s = sd(b)
    out = {}
    out["cv"] = s / m
    out["spd"] = (b[-1] - b[0]) / b[0]
    out["diffp"] = (b[1] - b[0]) / b[0]
    v = rd(b)
    if v is not None:
        out["rd"] = v
    if b[-1] != b[0]:
        out["rdnor"] = (b[1] - b[0]) * (n - 1) / (b[-1] - b[0])
    if b[-1] != b[1]:
        out["altrd"] = (b[1] - b[0]) * (n - 2) / (b[-1] - b[1])
    if s > 0:
        z = (np.asarray(b) - m) / s
        if n >= 4:
            out["kurt"] = (n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * float(np.sum(z ** 4))
                           - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))
        out["skew"] = n / ((n - 1) * (n - 2)) * float(np.sum(z ** 3))
    if b[-1] != b[0]:
        # sup |F_n - F| with F uniform on [b1, bn]
        F = (np.asarray(b) - b[0]) / (b[-1] - b[0])
        i = np.arange(1, n + 1)
        out["ks"] = float(max(np.max(i / n - F), np.max(F - (i - 1) / n)))
    for k in (3, 4):
        if n > k:
            w = [b[i:i + k] for i in range(n - k + 1)]
            out["cv%d" % k] = min(sd(x) / float(np.mean(x)) for x in w)
            out["spd%d" % k] = min((x[-1] - x[0]) / x[0] for x in w)
            r = [rd(x) for x in w]
            r = [x for x in r if x is not None]
            if r:
                out["rd%d" % k] = max(r)
    return out

def tender_screens(t):
    ceiling = t.get("ceiling_price") if num(t.get("ceiling_price")) else None
    minimum = t.get("minimum_price") if num(t.get("minimum_price")) else None
    kept, prices = {}, []
    for bid in t.get("bids") or []:
        if (bid.get("status") or "valid") != "valid" or not num(bid.get("price")):
            continue
        p = float(bid["price"])
        if minimum is not None and p < minimum:
            continue
        if bid["bidder"] in kept:  # a bidder's second price stays out
            continue
        kept[bid["bidder"]] = p
        prices.append(p)
    b = sorted(prices)
    out = {}
    if len(b) >= MIN_BIDS and b[0] > 0:
        out.update(screens(b))
    if ceiling:
        w = t.get("winner")
        wp = kept.get(w) if w is not None else (b[0] if b else None)
        if wp is not None:
            out["winner_ratio"] = wp / ceiling
        out["near_ceiling"] = sum(1 for p in b if abs(ceiling - p) <= NEAR * ceiling)
    return out

def quart(x):
    return [float(v) for v in np.quantile(np.asarray(x, dtype=float), [0.25, 0.5, 0.75],
                                           method="median_unbiased")]


def build(tenders):
    mine = {}
    for t in tenders:
        mine[t["tender"]] = tender_screens(t)
    cats = {}
    for t in tenders:
        cats.setdefault(t.get("category"), []).append(t["tender"])
    dist, fence = {}, {}
    for s in ORDER:
        groups = [("(all)", [t["tender"] for t in tenders])] + list(cats.items())
        for c, ids in groups:
            vals = [mine[i][s] for i in ids if s in mine[i]]
            use = [v for v in vals if v > 0] if s in LOG else vals
            if not use:  # a category without the screen: a record of n 0
                dist[(s, c)] = {"n": 0}
                fence[(s, c)] = None
                continue
            x = np.log(use) if s in LOG else np.asarray(use)
            q1, med, q3 = quart(x)
            lo, hi = q1 - K * (q3 - q1), q3 + K * (q3 - q1)
            f = (lambda v: math.exp(v)) if s in LOG else (lambda v: v)
            few = len(use) < FENCE_MIN  # no fence of fewer values (gov-bid(1))
            rec = {"n": len(use), "min": min(use), "max": max(use), "q1": f(q1), "median": f(med),
                   "q3": f(q3), "mean": f(float(np.mean(x))),
                   "lower_fence": None if few else f(lo), "upper_fence": None if few else f(hi)}
            dist[(s, c)] = rec
            fence[(s, c)] = (lo, hi, len(use))
    def beyond(s, v, fc):
        if fc is None or fc[2] < FENCE_MIN:
            return False
        lo, hi, _ = fc
        if s in LOG:
            if v <= 0:
                return s in LOW
            v = math.log(v)
        return v < lo if s in LOW else v > hi
    tcat = {t["tender"]: t.get("category") for t in tenders}
    fires = {}  # (screen, tender) -> fires against the fences that apply to it
    for s in ORDER:
        for i, c in tcat.items():
            if s not in mine[i]:
                continue
            fc = fence.get((s, c))
            if fc is None or fc[2] < MIN_TENDERS:
                fc = fence.get((s, "(all)"))
            fires[(s, i)] = beyond(s, mine[i][s], fc)
    for (s, c), rec in dist.items():
        # flagged: the record's own tenders beyond the record's own fence, whatever
        # fence each is scored against ((all) holds every tender)
        ids = tcat if c == "(all)" else cats[c]
        rec["flagged"] = sum(1 for i in ids if s in mine[i] and beyond(s, mine[i][s], fence[(s, c)]))
    fired = {i: {SIGNAL[s] for s in ORDER if fires.get((s, i))} for i in tcat}
    return mine, dist, fired

def close(a, b, rel, scale=0.0):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(abs(a), abs(b), scale) + 1e-12

def compare(tenders_path, out_path, rel=1e-6):
    tenders = [json.loads(l) for l in open(tenders_path, encoding="utf-8") if l.strip()]
    tenders = [t for t in tenders if t.get("type") == "tender"]
    mine, dist, fired = build(tenders)
    bad = []
    seen_t, seen_d = set(), set()
    for l in open(out_path, encoding="utf-8"):
        r = json.loads(l)
        if r["type"] == "tender-risk":
            i = r["tender"]
            seen_t.add(i)
            got, want = r.get("screens", {}), mine[i]
            for s in sorted(set(got) | set(want)):
                g, w = got.get(s), want.get(s)
                if g is None or w is None or not close(g, w, rel):
                    bad.append("tender %s %s: gov-bid %r, reference %r" % (i, s, g, w))
            gs = {x["signal"] for x in r["signals"] if x["signal"] in SIGNAL.values()}
            if gs != fired[i]:
                bad.append("tender %s fired %s, reference %s" % (i, sorted(gs), sorted(fired[i])))
        elif r["type"] == "screen-distribution":
            key = (r["screen"], r["category"])
            seen_d.add(key)
            w = dist.get(key)
            if w is None:
                bad.append("distribution %s %s: none in the reference" % key)
                continue
            if r["direction"] != ("low" if r["screen"] in LOW else "high") or \
               r["scale"] != ("log" if r["screen"] in LOG else "linear"):
                bad.append("distribution %s %s: direction/scale %s/%s" % (key + (r["direction"], r["scale"])))
            for f in ("n", "flagged"):
                if r[f] != w.get(f, 0):
                    bad.append("distribution %s %s %s: gov-bid %r, reference %r" % (key + (f, r[f], w[f])))
            if w["n"] == 0:
                if r["n"] != 0 or any(r[f] is not None for f in ("min", "q1", "median", "q3", "max",
                                                                 "mean", "lower_fence", "upper_fence")):
                    bad.append("distribution %s %s: gov-bid %r, reference n 0" % (key + (r,)))
                continue
            scale = 0.0 if r["screen"] in LOG else max(abs(w["q1"]), abs(w["q3"]))
            for f in ("min", "q1", "median", "q3", "max", "mean", "lower_fence", "upper_fence"):
                if not close(r[f], w[f], rel, scale):
                    bad.append("distribution %s %s %s: gov-bid %r, reference %r" % (key + (f, r[f], w[f])))
    for i in mine:
        if i not in seen_t:
            bad.append("tender %s: no record" % i)
    ncat = len({t.get("category") for t in tenders})
    for key in dist:
        # one category: gov-bid prints its distribution once, as "(all)"
        if key not in seen_d and not (ncat == 1 and key[1] != "(all)"):
            bad.append("distribution %s %s: no record" % key)
    return len(mine), len(dist), bad

if __name__ == "__main__":
    nt, nd, bad = compare(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 1e-6)
    for b in bad:
        print(b)
    print("%d tenders, %d distributions, %d differences" % (nt, nd, len(bad)))
    sys.exit(1 if bad else 0)
