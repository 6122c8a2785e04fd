#!/usr/bin/python3
"""The python-stdnum peer of bench/license.sh: read the same license
records and validate the same identifiers (holder USCC or resident ID,
issuer USCC) with python-stdnum; print how many failed."""
import json
import sys

from stdnum.cn import ric, uscc

bad = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        if r["holder_id_type"] == "uscc":
            ok = uscc.is_valid(r["holder_id"])
        else:
            ok = ric.is_valid(r["holder_id"])
        if not ok or not uscc.is_valid(r["issuer_code"]):
            bad += 1
print(bad)
