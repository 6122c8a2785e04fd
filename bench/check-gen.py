#!/usr/bin/python3
"""Generate the gov-check benchmark file: a residents-like CSV of 12 typed
columns, about SIZE_MB megabytes, with a few problems per ten thousand rows
(so the checks have something to report but the run measures the checks).

usage: check-gen.py SIZE_MB OUT.csv
"""
import random
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
REGIONS = ["150502", "150521", "150522", "150523", "150524", "150525",
           "150581", "110105", "152301", "210102"]


def ric(prefix, y, m, d, seq):
    s = "%s%04d%02d%02d%03d" % (prefix, y, m, d, seq)
    return s + C[sum(int(a) * w for a, w in zip(s, W)) % 11]


def main():
    target = int(sys.argv[1]) * 1000000
    rnd = random.Random(20251015)
    pool = []
    for i in range(20000):
        y, m, d = rnd.randint(1930, 2020), rnd.randint(1, 12), rnd.randint(1, 28)
        r = ric(rnd.choice(REGIONS), y, m, d, rnd.randint(0, 999))
        pool.append((r, "%04d-%02d-%02d" % (y, m, d)))
    names = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽",
             "周杰", "吴霞", "徐强", "孙悦", "马超", "朱琳", "胡斌", "郭芳"]
    genders = ["男", "女"]
    statuses = ["常住", "暂住", "迁出"]
    out = open(sys.argv[2], "w", encoding="utf-8", newline="\n")
    out.write("id,id_no,name,gender,birth_date,mobile,household_id,"
              "household_size,monthly_income,status,updated_at,email\n")
    written = 0
    i = 0
    buf = []
    while written < target:
        i += 1
        r, b = pool[i % len(pool)]
        mobile = "1%d%09d" % (3 + i % 7, (i * 7919) % 1000000000)
        hh = "H%08d" % (i % 100000000)
        size = 1 + i % 12
        income = "%d.%02d" % ((i * 37) % 50000, i % 100)
        upd = "2025-%02d-%02dT%02d:%02d:%02d" % (1 + i % 9, 1 + i % 28, i % 24, i % 60, i % 60)
        email = "u%d@example.org" % i
        if i % 5000 == 0:
            size = 20           # maximum
        if i % 7001 == 0:
            hh = "X" + hh[1:]   # pattern
        if i % 9001 == 0:
            r = r[:-1] + ("0" if r[-1] != "0" else "1")  # format
        line = "%d,%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s\n" % (
            i, r, names[i % 16], genders[i % 2], b, mobile, hh, size, income,
            statuses[i % 3], upd, email)
        buf.append(line)
        written += len(line.encode("utf-8"))
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf = []
    out.write("".join(buf))
    out.close()


main()
