#!/usr/bin/python3
"""The gov-check benchmark's Python peer: the checks of check.schema.json
written directly with the csv module (type, required, enum, pattern,
minimum/maximum, minLength/maxLength, unique on id, cn-ric check
character and birth date), one pass, counting findings per check.

usage: check-validate.py FILE.csv
"""
import csv
import datetime
import re
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
MOBILE = re.compile(r"1[3-9][0-9]{9}\Z")
HOUSEHOLD = re.compile(r"H[0-9]{8}\Z")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\Z")
MIN_BIRTH = datetime.date(1900, 1, 1)


def ric_ok(v):
    if len(v) != 18 or not v[:17].isdigit():
        return False
    if C[sum(int(a) * w for a, w in zip(v[:17], W)) % 11] != v[17]:
        return False
    try:
        datetime.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return True


def main():
    counts = {}
    seen = set()

    def hit(check):
        counts[check] = counts.get(check, 0) + 1

    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        rows = 0
        for row in r:
            rows += 1
            if len(row) != 12:
                hit("row-length")
                continue
            (id_, id_no, name, gender, birth, mobile, hh, size, income,
             status, updated, email) = row
            try:
                i = int(id_)
                if i in seen:
                    hit("unique")
                seen.add(i)
            except ValueError:
                hit("type")
            if not id_no:
                hit("required")
            elif not ric_ok(id_no):
                hit("format")
            if not name:
                hit("required")
            elif not 2 <= len(name) <= 20:
                hit("length")
            if gender and gender not in ("男", "女"):
                hit("enum")
            if birth:
                try:
                    if datetime.date.fromisoformat(birth) < MIN_BIRTH:
                        hit("minimum")
                except ValueError:
                    hit("type")
            if mobile and not MOBILE.match(mobile):
                hit("pattern")
            if not hh:
                hit("required")
            elif not HOUSEHOLD.match(hh):
                hit("pattern")
            if size:
                try:
                    s = int(size)
                    if s < 1 or s > 12:
                        hit("range")
                except ValueError:
                    hit("type")
            if income:
                try:
                    if float(income) < 0:
                        hit("minimum")
                except ValueError:
                    hit("type")
            if status and status not in ("常住", "暂住", "迁出"):
                hit("enum")
            if updated:
                if not DATETIME.match(updated):
                    hit("type")
                else:
                    try:
                        datetime.datetime.fromisoformat(updated)
                    except ValueError:
                        hit("type")
    print(rows, sum(counts.values()), counts)


main()
