#!/bin/sh
# gov-catalog export --format datapackage and an entry's "path" member
# (where the data file is, kept as entries keep other members), which the
# export takes as the resource's path.  An absolute path
# ("/srv/share/人口.csv"), one climbing out of the package ("../x.csv"),
# a Windows path ("D:\共享\x.csv") or an empty one went into the package
# as it was: a Data Package reader refuses it (the profile's path is a
# URL or matches ^(?=^[^./~])(^((?!\.{2}).)*$), and frictionless calls
# an absolute or ".." path unsafe).  Now such a path is named on standard
# error and the resource has the path made from the code and the format;
# a relative path or a URL is kept, the exit status 0 either way.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import json
paths = ["/srv/share/人口.csv", "../../etc/x.csv", "D:\\共享\\x.csv", "",
         "~/x.csv", ".hidden.csv", "a/../b.csv", "a\nb.csv",
         "data/人口.csv", "https://share.example.gov.cn/人口.csv"]
with open("e.jsonl", "w") as f:
    for i, p in enumerate(paths, 1):
        f.write(json.dumps({"type": "entry", "code": "101001001/%06d" % i,
                            "name": "n", "provider": "p", "format": "csv",
                            "items": [{"name": "a", "type": "C"}],
                            "path": p}, ensure_ascii=False) + "\n")
PY
gov-catalog add e.jsonl >/dev/null

run gov-catalog export --format datapackage -o dp.json
is "exit 0" "$RC" 0
is "each path refused named" "$ERR" "$(for i in 1 2 3 4 5 6 7 8; do
	echo "gov-catalog: export: entry 101001001/00000$i: its path is not one a Data Package takes (a relative path without '..', or a URL): written as 101001001-00000$i.csv"
done)"
run py -c '
import json, re
pat = re.compile(r"^(?=^[^./~])(^((?!\.{2}).)*$)")
for r in json.load(open("dp.json"))["resources"]:
    print(r["path"], "ok" if pat.match(r["path"]) or r["path"].startswith("https://") else "refused")'
is "the paths written: each one a reader takes" "$OUT" \
"101001001-000001.csv ok
101001001-000002.csv ok
101001001-000003.csv ok
101001001-000004.csv ok
101001001-000005.csv ok
101001001-000006.csv ok
101001001-000007.csv ok
101001001-000008.csv ok
data/人口.csv ok
https://share.example.gov.cn/人口.csv ok"

# the entry keeps its path: the ndjson export carries it as stored
run gov-catalog show 101001001/000001
like "stored as given" "$OUT" '"path":"/srv/share/人口.csv"'

done_testing
