#!/usr/bin/python3
"""Compare gov-check findings with an expected case.

usage: check-compare.py CASES.json FILE FINDINGS.jsonl
CASES.json holds {"cases": [{"file", "must", "also_allowed"}]} (the format
of shared/conformance/frictionless/expected.json and of
samples/quality/PLANTED.json).  Every "must" finding [row, column, check]
has to be there, "also_allowed" ones may be, nothing else.  Prints what
is missing or unexpected; exit 0 when it matches.
"""
import json
import sys


def key(f):
    return (f.get("row"), f.get("column"), f.get("check"))


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))["cases"]
    case = [c for c in cases if c["file"] == sys.argv[2]][0]
    if "same_as" in case:
        case = [c for c in cases if c["file"] == case["same_as"]][0]
    must = [tuple(x) for x in case.get("must", [])]
    allowed = set(tuple(x) for x in case.get("also_allowed", []))
    got = []
    for line in open(sys.argv[3], encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("type") == "finding":
            got.append(key(rec))
    bad = False
    rest = list(got)
    for m in must:
        if m in rest:
            rest.remove(m)
        else:
            print("missing:", list(m))
            bad = True
    for g in rest:
        if g not in allowed:
            print("unexpected:", list(g))
            bad = True
    return 1 if bad else 0


sys.exit(main())
