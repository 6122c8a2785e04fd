#!/usr/bin/env python3
"""Generate a synthetic procurement market with planted cartels.

Usage: gen-market.py [--tenders N] [--seed S] [--labels FILE] [-o FILE]

Writes govkit `tender` records (JSON Lines) and, with --labels, one label
per tender: {"tender", "cartel": 0|1, "kind", "group"}.  The same seed
gives the same market, byte for byte.

The market: markets of (region, category) with their own pools of firms;
ceiling prices by category; honest bids scattered around each tender's
cost (cost = ceiling * U(0.78, 0.92), bid = cost * exp(N(0.04, 0.05)),
lowest wins, a few disqualified); every bid with the e-bidding forensics
of its own firm (IP, MAC, CA serial, preparer, project manager, deposit
account, submission time).  Planted cartels, one per chosen market:

  blatant   covers share an Art. 40 fact with the winner (same IP,
            preparer, MAC or deposit account) in most of their tenders
  rotation  members take turns winning near the ceiling, the others bid
            1-5% above: only the prices and the pattern across tenders
            show it (subtle)
  cover     one firm wins, two or three others bid 2-6% above and never
            win (subtle)
  steps     cover prices in regular steps: arithmetic, geometric, or the
            winning price plus whole multiples of 0.5%

Cartel tenders are those where two or more members bid together and
coordinate; some also have honest outsiders, whom the cartel may lose to.
"""
import argparse
import math
import random
import sys

CATEGORIES = [  # name, median ceiling (yuan), sigma of log
    ("construction", 4_000_000, 0.9),
    ("goods", 600_000, 0.8),
    ("services", 900_000, 0.8),
    ("it", 1_200_000, 0.7),
    ("consulting", 350_000, 0.6),
]
KINDS = ["blatant", "rotation", "cover", "steps"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国宇飞鑫波斌宁浩凯"
DEADLINE_HOUR = 9  # bids open at 09:30 on the tender date
CARTEL_SHARE = 0.08  # of tenders, roughly


def uscc(rng, region):
    body = "91" + region + "".join(rng.choice(USCC_CHARS[:10]) for _ in range(9))
    s = sum(USCC_CHARS.index(ch) * w for ch, w in zip(body, USCC_W))
    return body + USCC_CHARS[(31 - s % 31) % 31]


class Firm:
    __slots__ = ("id", "ip", "mac", "ca", "author", "pms", "account", "cartel")

    def __init__(self, rng, region, n):
        self.id = uscc(rng, region)
        self.ip = "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
        self.mac = ":".join("%02x" % rng.randrange(256) for _ in range(6))
        self.ca = "%016X" % rng.getrandbits(64)
        self.author = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        self.pms = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(3)]
        self.account = "62%015d" % rng.randrange(10**15)
        self.cartel = None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tenders", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--labels")
    ap.add_argument("-o", "--output")
    ap.add_argument("--start-year", type=int, default=2023)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    labels = open(a.labels, "w", encoding="utf-8") if a.labels else None

    n_regions = max(3, a.tenders // 2000)
    markets = []
    for r in range(n_regions):
        region = "15%02d%02d" % (1 + r // 90, 1 + r % 90)
        for cat in CATEGORIES:
            pool = [Firm(rng, region, i) for i in range(rng.randrange(25, 45))]
            markets.append({"region": region, "cat": cat, "pool": pool,
                            "cartel": None, "turn": 0})
    # plant cartels in some markets; each takes part in a share of its
    # market's tenders
    n_cartels = max(len(KINDS), int(len(markets) * 0.35))
    chosen = rng.sample(range(len(markets)), min(n_cartels, len(markets)))
    for k, mi in enumerate(chosen):
        mk = markets[mi]
        kind = KINDS[k % len(KINDS)]
        size = rng.randrange(3, 6)
        members = rng.sample(mk["pool"], size)
        gid = "C%04d" % (k + 1)
        for f in members:
            f.cartel = gid
        mk["cartel"] = {"id": gid, "kind": kind, "members": members,
                        "share": CARTEL_SHARE / 0.35 * rng.uniform(0.7, 1.3),
                        "leader": members[0], "step_kind": rng.randrange(3),
                        "fact": rng.randrange(4)}

    days = 3 * 365
    for i in range(a.tenders):
        mk = markets[rng.randrange(len(markets))]
        cat, median, sigma = mk["cat"]
        ceiling = round(median * math.exp(rng.gauss(0, sigma)), -3)
        cost = ceiling * rng.uniform(0.78, 0.92)
        day = i * days // a.tenders
        y, doy = divmod(day, 365)
        month = min(12, doy // 30 + 1)
        dom = min(28, doy % 30 + 1)
        date = "%04d-%02d-%02d" % (a.start_year + y, month, dom)
        tid = "T-%s-%07d" % (mk["region"], i + 1)
        n = max(3, min(20, int(round(rng.gauss(8, 2.5)))))
        cartel = mk["cartel"]
        collusive = cartel is not None and rng.random() < cartel["share"]
        pool = mk["pool"]
        bids = []  # [firm, price, status, extra]
        kind = "none"
        if collusive:
            kind = cartel["kind"]
            members = cartel["members"]
            if kind == "cover":
                team = members[:rng.randrange(3, len(members) + 1)]
            else:
                team = list(members)
            honest_pool = [f for f in pool if f.cartel is None]
            outsiders = rng.sample(honest_pool, rng.choice([0, 0, 0, 1, 2, 3]))
            if kind == "cover":
                winner = cartel["leader"]
            else:
                winner = team[mk["turn"] % len(team)]
                mk["turn"] += 1
            if outsiders:  # competition: the designated bid comes down
                wprice = cost * math.exp(rng.gauss(0.03, 0.03))
            else:
                wprice = ceiling * rng.uniform(0.93, 0.99)
            wprice = min(wprice, ceiling * 0.995)
            covers = [f for f in team if f is not winner]
            rng.shuffle(covers)
            prices = {}
            if kind == "steps":
                sk = cartel["step_kind"]
                step = round(wprice * rng.uniform(0.005, 0.02), 2)
                ratio = 1 + rng.uniform(0.005, 0.02)
                for k, f in enumerate(covers, 1):
                    if sk == 0:
                        prices[f] = round(wprice, 2) + k * step
                    elif sk == 1:
                        prices[f] = wprice * ratio ** k
                    else:
                        prices[f] = round(wprice, 2) * (1 + 0.005 * rng.randrange(2, 12))
            else:
                for f in covers:
                    prices[f] = wprice * (1 + rng.uniform(0.01, 0.05))
            bids.append([winner, wprice, "valid", None])
            for f in covers:
                bids.append([f, min(prices[f], ceiling), "valid", None])
            for f in outsiders:
                bids.append([f, min(cost * math.exp(rng.gauss(0.04, 0.05)), ceiling), "valid", None])
            if kind == "blatant" and rng.random() < 0.8:
                fact = cartel["fact"]
                for b in bids:
                    if b[0].cartel == cartel["id"]:
                        b[3] = (fact, winner)
        else:
            # members of a cartel seldom bid outside their arrangement
            cands = [f for f in pool if f.cartel is None or rng.random() < 0.05]
            firms = rng.sample(cands, min(n, len(cands)))
            for f in firms:
                price = cost * math.exp(rng.gauss(0.04, 0.05))
                bids.append([f, min(price, ceiling * rng.uniform(0.995, 1.0)), "valid", None])
        # a few honest disqualifications (documents incomplete)
        for b in bids:
            if rng.random() < 0.03:
                b[2] = "disqualified"
        valid = [b for b in bids if b[2] == "valid"]
        winner_id = min(valid, key=lambda b: b[1])[0].id if valid else None
        rng.shuffle(bids)
        parts = []
        for f, price, status, extra in bids:
            ip, mac, author, account = f.ip, f.mac, f.author, f.account
            if extra:
                fact, w = extra
                if fact == 0:
                    ip = w.ip
                elif fact == 1:
                    author = w.author
                elif fact == 2:
                    mac = w.mac
                else:
                    account = w.account
            if rng.random() < 0.3:
                sec = 3600 * DEADLINE_HOUR + rng.randrange(1800, 3600 + 1800)
                sec -= 3600
            else:
                sec = rng.randrange(0, 3600 * DEADLINE_HOUR)
            if extra and extra[0] == 0:
                sec = 3600 * DEADLINE_HOUR - 600 + rng.randrange(0, 60)
            hh, rem = divmod(sec, 3600)
            mm, ss = divmod(rem, 60)
            parts.append(
                '{"bidder":"%s","price":%.2f,"status":"%s","ip":"%s","mac":"%s",'
                '"ca_serial":"%s","doc_author":"%s","project_manager":"%s",'
                '"deposit_account":"%s","submitted_at":"%sT%02d:%02d:%02d+08:00"}'
                % (f.id, price, status, ip, mac, f.ca, author, rng.choice(f.pms),
                   account, date, hh, mm, ss))
        out.write('{"type":"tender","tender":"%s","title":"%s %s","buyer":"%s",'
                  '"category":"%s","ceiling_price":%.2f,"date":"%s",%s"bids":[%s]}\n'
                  % (tid, cat, i + 1, "buyer-" + mk["region"], cat, ceiling, date,
                     '"winner":"%s",' % winner_id if winner_id else "", ",".join(parts)))
        if labels:
            labels.write('{"tender":"%s","cartel":%d,"kind":"%s","group":%s}\n'
                         % (tid, 1 if collusive else 0, kind,
                            '"%s"' % cartel["id"] if collusive else "null"))
    if a.output:
        out.close()
    if labels:
        labels.close()


if __name__ == "__main__":
    main()
