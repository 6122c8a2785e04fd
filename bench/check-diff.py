#!/usr/bin/python3
"""
Differential test of gov-check's types and constraints against the Table
Schema's reference implementation in JavaScript (npm tableschema, in
bench/node_modules as check.sh installs it): a few thousand generated
values per type and format, one CSV a field, both asked value by value.
Prints, per case, each kind of difference with examples; bench/README
says who is right for those that remain.  Runs in a few seconds.
usage: /usr/bin/python3 bench/check-diff.py   (SEED=, N= values a case,
GOV= the gov-check to ask; the work files go to a temporary folder)
"""
import json, os, random, subprocess, sys, csv, collections, tempfile
R = random.Random(int(os.environ.get("SEED", "15")))
HERE = os.path.dirname(os.path.abspath(__file__))
GOV = os.environ.get("GOV", os.path.join(HERE, "..", "bin", "gov-check"))
N = int(os.environ.get("N", "2000"))
os.chdir(tempfile.mkdtemp(prefix="check-diff."))

def pick(*a): return R.choice(a)
def digits(k): return "".join(R.choice("0123456789") for _ in range(k))
def mutate(s, alphabet):
    s = list(s)
    for _ in range(R.randint(1, 2)):
        op = R.random()
        i = R.randint(0, len(s))
        if op < .33 and s: s[min(i, len(s)-1)] = R.choice(alphabet)
        elif op < .66: s.insert(i, R.choice(alphabet))
        elif s: del s[min(i, len(s)-1)]
    return "".join(s)

def gen(valid, alphabet, edge, n=N):
    out = list(edge)
    while len(out) < n:
        v = valid()
        if R.random() < .4: v = mutate(v, alphabet)
        out.append(v)
    return [v for v in out if v != "" and "\n" not in v and "\r" not in v]

def ymd():
    y = pick(digits(4), "0000", "9999", "0001", "1900", "2000", "2024", "2023", "1999")
    m = pick("%02d" % R.randint(0, 13), "01", "02", "12")
    d = pick("%02d" % R.randint(0, 32), "29", "28", "30", "31", "01")
    return "%s-%s-%s" % (y, m, d)
def hms():
    h = pick("%02d" % R.randint(0, 25), "00", "23", "24", "12")
    m = pick("%02d" % R.randint(0, 60), "00", "59")
    s = pick("%02d" % R.randint(0, 61), "00", "59", "60")
    t = "%s:%s:%s" % (h, m, s)
    if R.random() < .3: t += pick(".", ",") + digits(R.randint(1, 10))
    return t
def tz():
    return pick("", "", "Z", "z", "+08:00", "-05:30", "+0800", "+08", "+24:00", "-00:00", "+14:00", "+23:59")
DT_ALPHA = "0123456789-:T Zz+.,"

cases = []
def case(field, values): cases.append({"field": field, "values": values})

# dates
case({"name": "v", "type": "date"}, gen(ymd, DT_ALPHA,
     ["2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-1-1", "20240101", "2024-01-01T00:00:00", " 2024-01-01", "2024-01-01 ", "+2024-01-01", "10000-01-01"]))
case({"name": "v", "type": "date", "format": "any"}, gen(ymd, DT_ALPHA + "/.", ["2024/01/02", "02/01/2024", "2024.1.2", "Jan 2 2024", "2024-01-02T10:00:00Z"]))
for fmt in ["%d/%m/%Y", "%Y-%m", "%Y%m%d", "%d %b %Y", "%y-%m-%d"]:
    def vv(fmt=fmt):
        return pick("%d/%d/%s" % (R.randint(0, 32), R.randint(0, 13), digits(R.randint(2, 5))),
                    "%s-%02d" % (digits(4), R.randint(0, 13)), digits(8),
                    "%d %s %s" % (R.randint(0, 32), pick("Jan", "feb", "MAR", "Foo", "May"), digits(4)),
                    "%s-%02d-%02d" % (digits(2), R.randint(0, 13), R.randint(0, 32)))
    case({"name": "v", "type": "date", "format": fmt}, gen(vv, "0123456789/- ", [], 1000))
# datetimes
def dtv(): return ymd() + pick("T", "T", " ", "t") + hms() + tz()
case({"name": "v", "type": "datetime"}, gen(dtv, DT_ALPHA,
     ["2024-01-01T24:00:00Z", "2024-01-01T24:00:00", "2016-12-31T23:59:60Z", "2024-01-01T00:00:00z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "2024-01-01T00:00:00.123456789Z", "2024-01-01T00:00:00+08:00", "2024-01-01T00:00", "2024-01-01T00:00:00.Z"]))
case({"name": "v", "type": "datetime", "format": "any"}, gen(dtv, DT_ALPHA, []))
case({"name": "v", "type": "datetime", "format": "%Y-%m-%dT%H:%M:%S%z"}, gen(dtv, DT_ALPHA, ["2024-01-01T00:00:00+0800", "2024-01-01T00:00:00Z"]))
case({"name": "v", "type": "datetime", "format": "%Y-%m-%d %H:%M:%S.%f"}, gen(dtv, DT_ALPHA, ["2024-01-01 00:00:00.5", "2024-01-01 00:00:00.1234567"]))
# times
def tv(): return hms() + tz()
case({"name": "v", "type": "time"}, gen(tv, DT_ALPHA, ["24:00:00", "23:59:60", "00:00:00Z", "12:00:00+08:00", "12:00", "1:00:00"]))
case({"name": "v", "type": "time", "format": "any"}, gen(tv, DT_ALPHA, ["12:00", "12:00 PM", "noon"]))
case({"name": "v", "type": "time", "format": "%H:%M"}, gen(lambda: hms()[:5], DT_ALPHA, ["9:05", "24:00"]))
# numbers
NUM_ALPHA = "0123456789.,-+eE %$ "
def numv():
    s = pick("", "-", "+") + digits(R.randint(0, 6))
    if R.random() < .5: s += "." + digits(R.randint(0, 4))
    if R.random() < .2: s += pick("e", "E") + pick("", "-", "+") + digits(R.randint(0, 3))
    return s
NUM_EDGE = ["NaN", "nan", "INF", "-INF", "inf", "+INF", "Infinity", "-Infinity", "1e400", "0x10", "0b1", "0o7", ".5", "5.", "1_000", " 1", "1 ", "1,000", "1 000", "٣", "１"]
case({"name": "v", "type": "number"}, gen(numv, NUM_ALPHA, NUM_EDGE))
def locnum():
    s = pick("", "-") + ".".join(digits(3) for _ in range(R.randint(1, 3))).lstrip("0")
    if R.random() < .6: s += "," + digits(R.randint(1, 3))
    return s
case({"name": "v", "type": "number", "decimalChar": ",", "groupChar": "."}, gen(locnum, NUM_ALPHA, ["1.234,5", "1,5", "1.5", "1.234.567", ",5", "1,", "1.2.3,4"]))
case({"name": "v", "type": "number", "groupChar": ","}, gen(lambda: numv().replace("1", "1,"), NUM_ALPHA, ["1,000.5", "1,,0", ",1"]))
case({"name": "v", "type": "number", "decimalChar": ","}, gen(lambda: numv().replace(".", ","), NUM_ALPHA, ["1,5", "1.5"]))
case({"name": "v", "type": "number", "bareNumber": False}, gen(lambda: pick("", "$", "¥", "EUR ", "+", "-") + numv() + pick("", "%", " USD", "元"), NUM_ALPHA + "¥元", ["95%", "$1.5", "€-1", "-$1", "1.5.", "abc", "%"]))
def intv(): return pick("", "-", "+") + digits(R.randint(0, 20))
case({"name": "v", "type": "integer"}, gen(intv, NUM_ALPHA, ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "00", "-0", "+0", "1.0", "1e3", " 1"]))
case({"name": "v", "type": "integer", "bareNumber": False}, gen(lambda: pick("", "$", "¥", "No.") + intv() + pick("", "%", "元", "th"), NUM_ALPHA + "¥元", ["95%", "1.5%", "$-1"]))
case({"name": "v", "type": "integer", "constraints": {"minimum": -5, "maximum": 100}}, gen(intv, NUM_ALPHA, ["-5", "100", "101", "-6"]))
case({"name": "v", "type": "number", "constraints": {"minimum": 0.5, "maximum": "1e3"}}, gen(numv, NUM_ALPHA, ["0.5", "1000", "1000.0001", "NaN", "INF", "-INF"]))
# booleans
BW = ["true", "True", "TRUE", "false", "False", "FALSE", "1", "0", "yes", "no", "t", "f", "是", "否", "tRUE", " true", "true ", "01", "1.0"]
case({"name": "v", "type": "boolean"}, gen(lambda: R.choice(BW), "tru01 ", BW))
case({"name": "v", "type": "boolean", "trueValues": ["是", "Y"], "falseValues": ["否", "N"]}, gen(lambda: R.choice(BW + ["Y", "N", "y", "n"]), "是否YN ", BW))
case({"name": "v", "type": "boolean", "constraints": {"enum": [True]}}, gen(lambda: R.choice(BW), "tru01", BW))
# year / yearmonth / duration
case({"name": "v", "type": "year"}, gen(lambda: pick("", "-", "+") + digits(R.randint(1, 6)), "0123456789-+ ", ["0000", "9999", "10000", "-0001", "0", "2024"]))
case({"name": "v", "type": "year", "constraints": {"minimum": 1900, "maximum": "2030"}}, gen(lambda: digits(4), "0123456789", []))
case({"name": "v", "type": "yearmonth"}, gen(lambda: "%s-%02d" % (digits(R.randint(3, 5)), R.randint(0, 13)), "0123456789- ", ["2024-1", "2024-12", "0000-01", "9999-12", "2024/01", "202401", "2024-01-01"]))
case({"name": "v", "type": "yearmonth", "constraints": {"minimum": "2020-01", "maximum": "2024-06"}}, gen(lambda: "%s-%02d" % (pick("2019", "2020", "2024", "2025"), R.randint(1, 12)), "0123456789", []))
def durv():
    s = pick("", "", "-") + "P"
    for u in "YMD":
        if R.random() < .4: s += digits(R.randint(1, 3)) + u
    if R.random() < .6:
        s += "T"
        for u in "HMS":
            if R.random() < .4: s += digits(R.randint(1, 3)) + (("." + digits(2)) if u == "S" and R.random() < .3 else "") + u
    return s
case({"name": "v", "type": "duration"}, gen(durv, "PYMDTHMS0123456789.-W", ["P", "PT", "P1W", "P0D", "PT0S", "P1.5Y", "PT1.5S", "-P1D", "P1Y2M3DT4H5M6.7S", "p1d", "P1D2Y"]))
# geopoint / object / array
def geov(): return "%s,%s%s" % (R.uniform(-200, 200).__round__(R.randint(0, 4)), pick("", " "), R.uniform(-100, 100).__round__(R.randint(0, 4)))
case({"name": "v", "type": "geopoint"}, gen(geov, "0123456789.,- e", ["180, 90", "-180,-90", "180.0001,0", "0,90.1", "1,2,3", "NaN,0", "1e2,3", " 1 , 2 ", "0x10,0", ",", "1,"]))
case({"name": "v", "type": "geopoint", "format": "array"}, gen(lambda: "[%s]" % geov(), "[]0123456789., -\"", ["[1,2,3]", "[\"1\",\"2\"]", "[1]", "[null,1]", "[true,1]"]))
case({"name": "v", "type": "geopoint", "format": "object"}, gen(lambda: '{"lon": %s, "lat": %s}' % tuple(geov().split(",")), "{}\":0123456789., -lonat", ['{"lon":1,"lat":2,"x":3}', '{"lat":2,"lon":1}', '{"lon":"1","lat":"2"}', "{}"]))
def jsv():
    return pick("{}", "[]", '{"a":1}', "[1,2,3]", '{"a":[1,{"b":null}]}', "[[]]", "1", '"x"', "null", "true", '{"a":1,"a":2}', ' {"a":1} ', "[1,]", "{'a':1}")
case({"name": "v", "type": "object"}, gen(jsv, "{}[]\":,1 a", []))
case({"name": "v", "type": "array"}, gen(jsv, "{}[]\":,1 a", []))
case({"name": "v", "type": "array", "constraints": {"minLength": 1, "maxLength": 2}}, gen(jsv, "{}[]\":,1 a", []))
# strings with formats
def emailv(): return pick("a", "john.doe", "x_y+z", "中文", "a..b", ".a", "a.") + pick("@", "@", "@@", "") + pick("example.com", "ex.co", "localhost", "a.b", "[1.2.3.4]", "例子.中国", "-a.com", "a-.com", "a.c")
case({"name": "v", "type": "string", "format": "email"}, gen(emailv, "@.a- _", []))
def uriv(): return pick("http", "https", "ftp", "mailto", "urn", "file", "x-y", "1http", "") + pick("://", ":", "//", ":/") + pick("example.com", "example.com/a?b=c#d", "localhost:8080", "a b", "[::1]", "isbn:123", "", "例子.中国/路径")
case({"name": "v", "type": "string", "format": "uri"}, gen(uriv, ":/.a %", []))
import uuid
def uuidv():
    u = str(uuid.UUID(int=R.getrandbits(128), version=R.choice([1, 3, 4, 5])))
    return pick(u, u.upper(), u.replace("-", ""), "{" + u + "}", "urn:uuid:" + u, u[:14] + R.choice("0123456789abcdef") + u[15:], u[:19] + R.choice("0123456789abcdef") + u[20:])
case({"name": "v", "type": "string", "format": "uuid"}, gen(uuidv, "0123456789abcdefg-", ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]))
import base64
def b64v(): return pick(base64.b64encode(os.urandom(R.randint(0, 10))).decode(), base64.urlsafe_b64encode(os.urandom(R.randint(1, 10))).decode(), base64.b64encode(os.urandom(R.randint(1, 10))).decode().rstrip("="))
case({"name": "v", "type": "string", "format": "binary"}, gen(b64v, "AZaz09+/=-_ ", ["====", "A===", "AA==", "AAA=", "AAAA"]))
# string constraints
def strv(): return "".join(R.choice("ab中文😀é") for _ in range(R.randint(1, 6)))
case({"name": "v", "type": "string", "constraints": {"minLength": 2, "maxLength": 4}}, gen(strv, "a中😀", []))
case({"name": "v", "type": "string", "constraints": {"pattern": "[a-z]{2}\\d"}}, gen(lambda: pick("ab1", "xab1", "ab12", "AB1", "ab٣"), "ab1X", []))
case({"name": "v", "type": "string", "constraints": {"pattern": "a|b"}}, gen(lambda: pick("a", "b", "ab", "ba", "c"), "abc", []))
case({"name": "v", "type": "integer", "constraints": {"enum": [1, 2, 10]}}, gen(intv, "0123456789+-", ["01", "+1", "1", "10", "010"]))
case({"name": "v", "type": "number", "constraints": {"enum": [1.5, 2]}}, gen(numv, "0123456789.+-e", ["1.50", "2.0", "2e0", "+1.5"]))
case({"name": "v", "type": "date", "constraints": {"minimum": "2000-01-01", "maximum": "2024-12-31"}}, gen(ymd, DT_ALPHA, []))
case({"name": "v", "type": "datetime", "constraints": {"minimum": "2000-01-01T00:00:00Z", "maximum": "2024-12-31T23:59:59Z"}}, gen(lambda: ymd() + "T" + hms() + pick("Z", "+08:00", ""), DT_ALPHA, []))
case({"name": "v", "type": "time", "constraints": {"minimum": "08:00:00", "maximum": "18:00:00"}}, gen(hms, DT_ALPHA, ["18:00:00.5", "07:59:59.999"]))
case({"name": "v", "type": "date", "constraints": {"enum": ["2024-01-01", "2024-02-29"]}}, gen(ymd, DT_ALPHA, ["2024-01-01"]))

only = os.environ.get("ONLY")
json.dump(cases, open("cases.json", "w"), ensure_ascii=False)
ref = json.loads(subprocess.run(["node", os.path.join(HERE, "check-diff-ref.js"), "cases.json"], capture_output=True, check=True).stdout)
summary = []
os.makedirs("out", exist_ok=True)
for ci, (c, rv) in enumerate(zip(cases, ref)):
    f = c["field"]
    sch = "out/s%d.json" % ci
    data = "out/d%d.csv" % ci
    json.dump({"fields": [f], "missingValues": [""]}, open(sch, "w"), ensure_ascii=False)
    with open(data, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["v"])
        for v in c["values"]: w.writerow([v])
    p = subprocess.run([GOV, "-s", sch, "--format", "ndjson", data], capture_output=True, text=True)
    got = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if r.get("type") == "finding" and r.get("row"):
            chk = r["check"]
            if chk in ("duplicate-row",): continue
            if chk == "format" and f.get("format") in ("email", "uri", "uuid", "binary"): chk = "type"
            got[r["row"]].append(chk)
        elif r.get("type") == "finding" and r["check"] not in ("duplicate-row",):
            print("FILE-LEVEL", ci, r, file=sys.stderr)
    ndiff = 0
    examples = collections.defaultdict(list)
    for i, v in enumerate(c["values"]):
        g = sorted(set(got.get(i + 2, [])))
        r_ = sorted(set(rv[i]))
        if g != r_:
            ndiff += 1
            key = "gov=%s ref=%s" % (",".join(g) or "ok", ",".join(r_) or "ok")
            if v not in examples[key]: examples[key].append(v)
    print("== case %d %s: %d values, %d differ" % (ci, json.dumps(f, ensure_ascii=False), len(c["values"]), ndiff))
    for k, ex in examples.items():
        print("   %s (%d distinct): %s" % (k, len(ex), " | ".join(repr(x) for x in ex[:12])))
