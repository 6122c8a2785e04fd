#!/usr/bin/python3
"""Files of the shapes officers have, seeded, for the property that
gov-profile's draft passes on the file it came from (bench/README.md).
Usage: profile-gen.py FIRST_SEED COUNT DIR  (FMT=xlsx for workbooks only);
writes DIR/fSEED.{csv,tsv,xlsx} and DIR/index.jsonl (the columns' kinds)."""
import random, sys, os, csv, io, datetime

FMT = os.environ.get('FMT')
RIC_W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
RIC_C = "10X98765432"
REGIONS = ["110101","130102","220104","150502","310115","440305","510107"]
def ric(r, valid=True):
    d = datetime.date(1940,1,1) + datetime.timedelta(days=r.randrange(0, 30000))
    body = r.choice(REGIONS) + d.strftime("%Y%m%d") + "%03d" % r.randrange(1000)
    c = RIC_C[sum(int(a)*w for a,w in zip(body,RIC_W)) % 11]
    if not valid:
        c = r.choice([x for x in RIC_C if x != c])
    return body + c
UA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
UW = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
OW = [3,7,9,10,5,8,4,2]
def orgcode(r):
    s = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    def v(ch): return int(ch) if ch.isdigit() else ord(ch)-55
    c = 11 - sum(v(a)*w for a,w in zip(s,OW)) % 11
    return s + ("X" if c == 10 else "0" if c == 11 else str(c))
def uscc(r):
    body = r.choice(["91","92","11","12","51","52","93"]) + r.choice(REGIONS) + orgcode(r)
    c = 31 - sum(UA.index(a)*w for a,w in zip(body,UW)) % 31
    return body + UA[0 if c == 31 else c]
def mobile(r): return "1" + r.choice("3456789") + "".join(str(r.randrange(10)) for _ in range(9))
HAN = "北京上海广州深圳通辽科尔沁区民政局教育卫生健康委员会人力资源社会保障住房城乡建设交通运输农牧水利文化旅游市场监督管理"
def zh(r, n=None): return "".join(r.choice(HAN) for _ in range(n or r.randrange(2,8)))
def ascii_t(r): return "".join(r.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(r.randrange(1,12))).strip() or "x"
def rdate(r): return datetime.date(2000,1,1)+datetime.timedelta(days=r.randrange(0,9000))
def rdt(r):
    return datetime.datetime(2000,1,1)+datetime.timedelta(seconds=r.randrange(0,9000*86400))
def thousands(r):
    v = r.randrange(0, 10**r.randrange(1,10)) + (r.randrange(100)/100 if r.random()<.5 else 0)
    return f"{v:,}" if isinstance(v,int) else f"{v:,.2f}"
def frac(r): return "." + str(r.randrange(10**(k:=r.randrange(1,7)))).zfill(k)
def offs(r): return r.choice(["Z","+08:00","-05:00","+00:00","+0800"])

GENS = {
 "zh": zh, "ascii": ascii_t,
 "ric": lambda r: ric(r, True), "ric_bad": lambda r: ric(r, r.random() < .7),
 "uscc": uscc, "orgcode": orgcode, "mobile": mobile,
 "phone_land": lambda r: "0475-" + str(r.randrange(1000000, 9999999)),
 "int": lambda r: str(r.randrange(-1000, 100000)),
 "int_big": lambda r: str(r.randrange(-10**18, 10**18)),
 "int_lead0": lambda r: str(r.randrange(0, 1000)).zfill(4),
 "int_plus": lambda r: r.choice(["+",""]) + str(r.randrange(0, 1000)),
 "dec": lambda r: f"{r.uniform(-1e4,1e4):.{r.randrange(0,5)}f}",
 "dec_exp": lambda r: f"{r.uniform(-1e4,1e4):.3e}",
 "dec_small": lambda r: r.choice(["0.1","0.25",".5","5.","1.0","-0.0","0"]),
 "thousands": thousands,
 "pct": lambda r: f"{r.uniform(0,100):.{r.randrange(0,3)}f}%",
 "date": lambda r: rdate(r).isoformat(),
 "date_slash": lambda r: rdate(r).strftime("%Y/%m/%d"),
 "date_slash_short": lambda r: (d:=rdate(r)) and f"{d.year}/{d.month}/{d.day}",
 "date_zh": lambda r: (d:=rdate(r)) and f"{d.year}年{d.month}月{d.day}日",
 "date_compact": lambda r: rdate(r).strftime("%Y%m%d"),
 "dt": lambda r: rdt(r).strftime("%Y-%m-%dT%H:%M:%S"),
 "dt_off": lambda r: rdt(r).strftime("%Y-%m-%dT%H:%M:%S") + offs(r),
 "dt_frac": lambda r: rdt(r).strftime("%Y-%m-%dT%H:%M:%S") + frac(r) + r.choice(["", "Z", "+08:00"]),
 "dt_space": lambda r: rdt(r).strftime("%Y-%m-%d %H:%M:%S"),
 "dt_space_frac": lambda r: rdt(r).strftime("%Y-%m-%d %H:%M:%S") + frac(r),
 "dt_min": lambda r: rdt(r).strftime("%Y-%m-%dT%H:%M"),
 "time": lambda r: rdt(r).strftime("%H:%M:%S"),
 "time_frac": lambda r: rdt(r).strftime("%H:%M:%S") + frac(r),
 "time_off": lambda r: rdt(r).strftime("%H:%M:%S") + offs(r),
 "time_hm": lambda r: rdt(r).strftime("%H:%M"),
 "bool_zh": lambda r: r.choice(["是","否"]),
 "bool_en": lambda r: r.choice(["true","false"]),
 "bool_mix": lambda r: r.choice(["true","false","TRUE","FALSE","True","False","yes","no"]),
 "bool_01": lambda r: r.choice(["0","1"]),
 "year": lambda r: str(r.randrange(1950, 2030)),
 "email": lambda r: ascii_t(r).replace(" ","") + "@example.com",
 "url": lambda r: "https://example.com/" + ascii_t(r).replace(" ","_"),
 "postcode": lambda r: r.choice(["028000","010010","100000","028100"]),
 "division": lambda r: r.choice(REGIONS + ["150500","150000"]),
 "longtext": lambda r: zh(r, r.randrange(300, 3000)),
 "enum": lambda r: r.choice(["甲","乙","丙"]),
 "quoted": lambda r: r.choice(['a,b', 'say "hi"', 'line\nbreak', ' pad ', 'x']),
 "ws": lambda r: r.choice([" 12", "12 ", "是 ", " 2024-01-05", "abc"]),
}
MISSING = ["", "空", "无", "-", "NULL", "N/A", "null"]
NAMES = {"year": "年份", "postcode": "邮编", "division": "区划代码"}

def typed_cell(v):
    import re
    if v == "": return None
    if re.fullmatch(r"-?[1-9][0-9]{0,14}|0", v): return int(v)
    if re.fullmatch(r"-?[0-9]+\.[0-9]+(e[-+][0-9]+)?", v): return float(v)
    if v in ("true", "TRUE", "True"): return True
    if v in ("false", "FALSE", "False"): return False
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v): return datetime.datetime.strptime(v, "%Y-%m-%d").date()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:]{8}(\.[0-9]+)?", v):
        return datetime.datetime.fromisoformat(v.replace(" ", "T")[:26])
    if re.fullmatch(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?", v): return datetime.time.fromisoformat(v[:15])
    return v

def make(seed, outdir):
    r = random.Random(seed)
    ncol = r.randrange(1, 7)
    nrow = r.choice([1, 2, 3, 5, 10, 30, 100, 400])
    cols = []
    for i in range(ncol):
        kind = r.choice(list(GENS))
        kind2 = r.choice(list(GENS)) if r.random() < .2 else None
        miss = r.choice([0, 0, 0, .1, .5])
        mtok = [""] if r.random() < .6 else r.sample(MISSING, r.randrange(1,3))
        name = NAMES.get(kind, kind) + (f"_{i}" if r.random() < .8 else "")
        if kind in ("ric","uscc","int") and r.random() < .3: name = "id" if "id" not in [c[0] for c in cols] else name
        cols.append((name, kind, kind2, miss, mtok))
    names = [c[0] for c in cols]
    if len(set(names)) != len(names):
        names = [f"{n}_{i}" for i, n in enumerate(names)]
    rows = []
    for j in range(nrow):
        row = []
        for name, kind, kind2, miss, mtok in cols:
            if r.random() < miss: row.append(r.choice(mtok))
            else:
                k = kind2 if kind2 and r.random() < .3 else kind
                row.append(GENS[k](r))
        rows.append(row)
    # a unique column but for one repeat
    if nrow > 3 and r.random() < .3:
        names.append("rec_no"); 
        vals = list(range(1, nrow + 1)); vals[-1] = vals[0]
        for row, v in zip(rows, vals): row.append(str(v))
    fmt = FMT or r.choice(["csv"]*6 + ["gbk", "xlsx", "tsv"])
    path = os.path.join(outdir, f"f{seed}.{ 'xlsx' if fmt=='xlsx' else 'tsv' if fmt=='tsv' else 'csv'}")
    if fmt == "xlsx":
        import openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        ws.append(names)
        typed = r.random() < .7
        for row in rows:
            if typed: row = [typed_cell(v) for v in row]
            ws.append(row)
        wb.save(path)
    else:
        s = io.StringIO()
        w = csv.writer(s, delimiter="\t" if fmt == "tsv" else ",", lineterminator=r.choice(["\n","\r\n"]))
        w.writerow(names); w.writerows(rows)
        data = s.getvalue()
        if fmt == "gbk":
            try: b = data.encode("gbk")
            except UnicodeEncodeError: b = data.encode("utf-8")
        else:
            b = data.encode("utf-8")
            if r.random() < .1: b = b"\xef\xbb\xbf" + b
        open(path, "wb").write(b)
    return path, [(c[0], c[1], c[2]) for c in cols]

if __name__ == "__main__":
    start, n, outdir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(outdir, exist_ok=True)
    import json
    with open(os.path.join(outdir, "index.jsonl"), "a") as idx:
        for s in range(start, start + n):
            p, cols = make(s, outdir)
            idx.write(json.dumps({"seed": s, "path": p, "cols": cols}, ensure_ascii=False) + "\n")
