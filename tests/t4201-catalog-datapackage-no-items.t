#!/bin/sh
# gov-catalog export --format datapackage: an entry without information
# items (a draft add took, which validate reports) or without a provider.
# Its resource had "schema":{"fields":[]}, which a strict Table Schema
# reader refuses (fields has at least one member: the npm tableschema
# package said "Array is too short (0), minimum 1"), and "sources":
# [{"title":""}], a source with no name.  Now such a resource is a plain
# data-resource without a schema, the package a data-package (a tabular
# one holds tabular resources only), and a resource has no source when
# its entry has no provider.
. "$(dirname "$0")/lib.sh"

cat >e.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000001","name":"人口基本信息","provider":"市公安局","format":"csv","items":[{"name":"姓名","type":"C","length":50}]}
{"type":"entry","code":"301001001/000008"}
{"type":"entry","code":"301001001/000009","name":"无名信息项","provider":"","items":[{"type":"C"}]}
EOF2
gov-catalog add e.jsonl >/dev/null

run gov-catalog export --format datapackage -o dp.json
is "datapackage: exit 0" "$RC:$ERR" "0:"
run py -c '
import json
d = json.load(open("dp.json"))
print(d["profile"])
for r in d["resources"]:
    print(r["name"], r["profile"], r["path"],
          json.dumps(r.get("schema", "-"), ensure_ascii=False),
          json.dumps(r.get("sources", "-"), ensure_ascii=False))'
is "no schema without fields, no source without a provider" "$OUT" \
"data-package
101001001-000001 tabular-data-resource 101001001-000001.csv {\"fields\": [{\"name\": \"姓名\", \"type\": \"string\", \"constraints\": {\"maxLength\": 50}}]} [{\"title\": \"市公安局\"}]
301001001-000008 data-resource 301001001-000008.csv \"-\" \"-\"
301001001-000009 data-resource 301001001-000009.csv \"-\" \"-\""

# every schema there is a strict reader takes
# (tests/npm, which scripts/install-deps installs for make check)
NM=$T_TOP/tests/npm/node_modules
[ -d "$NM/tableschema" ] || NM=$T_TOP/bench/node_modules
cat >v.js <<'JS'
"use strict";
const path = require("path");
const fs = require("fs");
const { validate } = require(path.join(process.argv[2], "tableschema"));
(async () => {
  for (const r of JSON.parse(fs.readFileSync("dp.json", "utf8")).resources) {
    if (!r.schema) continue;
    const { valid, errors } = await validate(r.schema);
    console.log(r.name, valid ? "valid" : "invalid " + errors.join(" "));
  }
})().catch((e) => { console.error(String(e)); process.exit(2); });
JS
run node v.js "$NM"
is "the schema there is valid (npm tableschema)" "$RC:$OUT" "0:101001001-000001 valid"

# a catalog whose entries all have items stays a tabular package
cat >f.jsonl <<'EOF2'
{"type":"entry","code":"301001001/000008","name":"补齐","provider":"市财政局","items":[{"name":"x","type":"N"}]}
{"type":"entry","code":"301001001/000009","provider":"市财政局","items":[{"name":"y","type":"C"}]}
EOF2
gov-catalog add f.jsonl >/dev/null
run gov-catalog export --format datapackage -o dp2.json
run py -c '
import json
d = json.load(open("dp2.json"))
print(d["profile"], " ".join(r["profile"] for r in d["resources"]))'
is "every entry with fields: a tabular package" "$OUT" \
	"tabular-data-package tabular-data-resource tabular-data-resource tabular-data-resource"

done_testing
