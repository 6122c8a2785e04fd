#!/usr/bin/python3
"""profile-roundtrip.py BIN DIR/index.jsonl: per file, gov-profile --schema,
then gov-check -s draft on the file, and gov-records -s draft | gov-check
--jsonl -; prints every finding (but blank-row, duplicate-row: faults of
the rows) by class with an example, then the type drafted per kind."""
import json, subprocess, sys, os, collections
B = sys.argv[1]; idxf = sys.argv[2]
env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", GOVKIT_DB=os.path.join(os.path.dirname(idxf), "x.db"))
T = "2025-10-15"
out = collections.Counter(); ex = {}
types = collections.Counter()
def note(key, info):
    out[key] += 1
    ex.setdefault(key, info)
for line in open(idxf):
    it = json.loads(line); p = it["path"]
    pr = subprocess.run([B+"/gov-profile","--schema","--today",T,"--format","ndjson",p], capture_output=True, env=env)
    if pr.returncode != 0:
        note(("profile-rc", pr.returncode), (p, pr.stderr.decode()[:300])); continue
    sch = p + ".schema.json"; open(sch,"wb").write(pr.stdout)
    d = json.loads(pr.stdout)
    fmap = {f["name"]: f for f in d["fields"]}
    for name, kind, kind2 in it["cols"]:
        f = fmap.get(name)
        if f: types[(kind, kind2 is not None, f["type"], f.get("format"))] += 1
    for route in ("direct", "jsonl"):
        if route == "direct":
            c = subprocess.run([B+"/gov-check","-s",sch,"--today",T,"--format","ndjson",p], capture_output=True, env=env)
        else:
            c = subprocess.run(f"set -o pipefail; {B}/gov-records --no-mask -s {sch} {p} | {B}/gov-check -s {sch} --today {T} --format ndjson --jsonl -",
                               shell=True, executable="/bin/bash", capture_output=True, env=env)
        for l in c.stdout.decode().splitlines():
            r = json.loads(l)
            if r.get("type") == "finding" and r.get("check") not in ("duplicate-row","blank-row"):
                fld = r.get("field")
                kinds = [ (k,k2) for n,k,k2 in it["cols"] if n == fld]
                note((route, r.get("check"), str(kinds[:1])), (p, l[:400], json.dumps(fmap.get(fld), ensure_ascii=False)))
        if c.returncode not in (0,) and not any('"finding"' in l for l in c.stdout.decode().splitlines()):
            note((route, "rc", c.returncode), (p, c.stderr.decode()[:400]))
        elif c.stderr:
            note((route, "stderr"), (p, c.stderr.decode()[:400]))
for k, v in sorted(out.items(), key=str):
    print(v, k, "\n    ", ex[k])
print("=== types")
for k, v in sorted(types.items(), key=str):
    print(v, k)
