#!/usr/bin/env python3
"""The per-tender screens of gov-bid, in pandas, for the benchmark.

Usage: bid-pandas.py TENDERS.jsonl > screens.jsonl

Reads govkit tender records, keeps the valid bids with a price, and
computes per tender (3 or more valid bids) what gov-bid computes: CV,
SPD, DIFFP, RD, RDNOR, ALTRD, KURT (bias-corrected), SKEW, KS, the
minimum CV and SPD over windows of 3 and 4 adjacent bids, and the
winner/ceiling ratio.  Vectorised: group-wise aggregates and shifts, no
Python loop per tender.  One JSON line per tender out.
"""
import json
import sys

import numpy as np
import pandas as pd


def main():
    tid, price, ceil_t, ceil_v = [], [], [], []
    names = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            names.append(r["tender"])
            c = r.get("ceiling_price")
            ceil_v.append(c if c is not None else np.nan)
            for b in r["bids"]:
                p = b.get("price")
                if b.get("status", "valid") == "valid" and p is not None:
                    tid.append(i)
                    price.append(p)
    df = pd.DataFrame({"t": np.array(tid, dtype=np.int64),
                       "p": np.array(price, dtype=np.float64)})
    df.sort_values(["t", "p"], inplace=True, kind="mergesort")
    g = df.groupby("t")["p"]
    agg = g.agg(["count", "mean", "std", "min", "max", "sum"])
    df["rank"] = g.cumcount()
    n = df["t"].map(agg["count"])
    agg = agg[agg["count"] >= 3]
    second = df[df["rank"] == 1].set_index("t")["p"].reindex(agg.index)
    first = agg["min"]
    # losers: all but the lowest
    d2 = df.assign(p2=df["p"] ** 2)
    sum2 = d2.groupby("t")["p2"].sum().reindex(agg.index)
    nl = agg["count"] - 1
    sl = agg["sum"] - first
    varl = (sum2 - first ** 2 - sl ** 2 / nl) / (nl - 1)
    sdl = np.sqrt(varl.clip(lower=0))
    out = pd.DataFrame(index=agg.index)
    out["cv"] = agg["std"] / agg["mean"]
    out["spd"] = (agg["max"] - first) / first
    out["diffp"] = (second - first) / first
    out["rd"] = ((second - first) / sdl).where(sdl > 0)
    out["rdnor"] = ((second - first) * (agg["count"] - 1) / (agg["max"] - first)).where(agg["max"] > first)
    out["altrd"] = ((second - first) * (agg["count"] - 2) / (agg["max"] - second)).where(agg["max"] > second)
    # skewness and bias-corrected excess kurtosis from central moments
    df["z"] = (df["p"] - df["t"].map(agg["mean"])) / df["t"].map(agg["std"])
    s3 = (df["z"] ** 3).groupby(df["t"]).sum().reindex(agg.index)
    s4 = (df["z"] ** 4).groupby(df["t"]).sum().reindex(agg.index)
    nn = agg["count"].astype(float)
    out["skew"] = (nn / ((nn - 1) * (nn - 2)) * s3).where(agg["std"] > 0)
    out["kurt"] = (nn * (nn + 1) / ((nn - 1) * (nn - 2) * (nn - 3)) * s4
                   - 3 * (nn - 1) ** 2 / ((nn - 2) * (nn - 3))).where((nn >= 4) & (agg["std"] > 0))
    # KS against the uniform on [b1, bn]
    span = df["t"].map(agg["max"] - agg["min"])
    u = (df["p"] - df["t"].map(agg["min"])) / span
    i1 = (df["rank"] + 1) / n
    i0 = df["rank"] / n
    ks = np.maximum(i1 - u, u - i0)
    out["ks"] = ks.groupby(df["t"]).max().reindex(agg.index).where(agg["max"] > agg["min"])
    # windows of 3 and 4 adjacent bids
    for k in (3, 4):
        same = df["t"].shift(-(k - 1)) == df["t"]
        cols = [df["p"].shift(-j) for j in range(k)]
        w = pd.concat(cols, axis=1)
        wm = w.mean(axis=1)
        wsd = w.std(axis=1, ddof=1)
        cv = (wsd / wm).where(same)
        spd = ((cols[-1] - cols[0]) / cols[0]).where(same)
        big = agg["count"] > k
        out["cv%d" % k] = cv.groupby(df["t"]).min().reindex(agg.index).where(big)
        out["spd%d" % k] = spd.groupby(df["t"]).min().reindex(agg.index).where(big)
    ceil = pd.Series(ceil_v, dtype=np.float64).reindex(agg.index)
    out["winner_ratio"] = first / ceil
    out.insert(0, "tender", pd.Series(names).reindex(out.index).values)
    out.to_json(sys.stdout, orient="records", lines=True)


if __name__ == "__main__":
    main()
