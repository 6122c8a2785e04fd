#!/usr/bin/python3
"""Make license records for bench/license.sh: N records, holders cycling
through valid and broken USCCs and resident IDs (one in eight broken), all
from one issuer.  Deterministic (seeded).

usage: license-gen.py N OUT.jsonl [ISSUER_CODE LICENSE_TYPE]"""
import json
import random
import sys

A = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org(c8):
    v = [int(ch, 36) for ch in c8]
    s = sum(a * b for a, b in zip(v, [3, 7, 9, 10, 5, 8, 4, 2]))
    c = 11 - s % 11
    return c8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def uscc(c17):
    s = sum(A.index(ch) * pow(3, i, 31) for i, ch in enumerate(c17))
    return c17 + A[(31 - s % 31) % 31]


def ric(d17):
    w = [pow(2, 17 - i, 11) for i in range(17)]
    return d17 + "10X98765432"[sum(int(a) * b for a, b in zip(d17, w)) % 11]


def main():
    n = int(sys.argv[1])
    issuer = sys.argv[3] if len(sys.argv) > 3 else "11150500011505012H"
    ltype = sys.argv[4] if len(sys.argv) > 4 else "营业执照"
    rnd = random.Random(20251015)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 2:
                hid = uscc("91150502" + org("MA%06X" % (i & 0xFFFFFF)))
                htype = "uscc"
            else:
                hid = ric("150502%04d%02d%02d%03d" % (1950 + i % 60, 1 + i % 12,
                                                     1 + i % 28, i % 1000))
                htype = "ric"
            if i % 8 == 7:  # one in eight broken
                hid = hid[:-1] + ("0" if hid[-1] != "0" else "1")
            year = 2015 + rnd.randrange(10)
            to = None if i % 3 == 0 else "%d-12-31" % (year + rnd.randrange(1, 12))
            rec = {"type": "license", "license_no": "TL-B-%09d" % i,
                   "license_type": ltype, "holder_name": "通辽市测试主体%d" % i,
                   "holder_id": hid, "holder_id_type": htype,
                   "issuer_name": "通辽市市场监督管理局", "issuer_code": issuer,
                   "issue_date": "%d-03-01" % year,
                   "valid_from": "%d-03-01" % year, "valid_to": to,
                   "status": "valid"}
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


main()
