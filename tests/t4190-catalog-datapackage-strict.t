#!/bin/sh
# gov-catalog: the Data Package export is valid for a strict Frictionless
# v1 reader, and gov-check still checks the identifiers it names.  The
# item formats cn-ric, cn-uscc ... went into each field's "format", and
# the Table Schema profile allows only default, email, uri, binary and
# uuid there for a string (only default for a number): the npm
# tableschema package (tests/npm, installed by scripts/install-deps) refused 9 of the 13 schemas of
# the sample catalog.  Now a format a strict reader does not know goes
# into "govkit:format", which gov-check -s reads as the format.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
py - <<'PY'
import json
e = {"type": "entry", "code": "102001001/000002", "name": "个体工商户登记信息",
     "provider": "市市场监督管理局", "format": "csv",
     "items": [{"name": "统一社会信用代码", "type": "C", "length": 18, "format": "cn-uscc"},
               {"name": "经营者手机", "type": "C", "length": 11, "format": "cn-mobile"},
               {"name": "电子邮箱", "type": "C", "length": 100, "format": "email"},
               {"name": "注册资金", "type": "N", "length": 12, "format": "any"},
               {"name": "成立日期", "type": "D", "format": "%Y年%m月%d日"}]}
open("e.jsonl", "w").write(json.dumps(e, ensure_ascii=False) + "\n")
PY
gov-catalog add e.jsonl >/dev/null
run gov-catalog export --format datapackage -o dp.json
is "datapackage: exit 0" "$RC:$ERR" "0:"

# ---- the shape: standard formats in "format", govkit's beside it
run py -c '
import json
for r in json.load(open("dp.json"))["resources"]:
    for f in r["schema"]["fields"]:
        if "format" in f or "govkit:format" in f:
            print(r["name"], f["name"], f["type"], f.get("format", "-"), f.get("govkit:format", "-"))'
is "the formats: Frictionless ones in format, govkit's in govkit:format" "$OUT" \
"101001001-000001 公民身份号码 string - cn-ric
102001001-000001 统一社会信用代码 string - cn-uscc
102001001-000002 统一社会信用代码 string - cn-uscc
102001001-000002 经营者手机 string - cn-mobile
102001001-000002 电子邮箱 string email -
102001001-000002 注册资金 number - any
102001001-000002 成立日期 date %Y年%m月%d日 -
201006001-000001 公民身份号码 string - cn-ric
202001001-000001 母亲公民身份号码 string - cn-ric
202002001-000001 统一社会信用代码 string - cn-uscc
322001001-000001 中标人统一社会信用代码 string - cn-uscc
332001001-000001 统一社会信用代码 string - cn-uscc
339001001-000001 公民身份号码 string - cn-ric"

# ---- a strict validator takes every schema: the npm tableschema package
# where bench/ has it installed, else the profile's format lists the same
# way it applies them
NM=$T_TOP/tests/npm/node_modules
[ -d "$NM/tableschema" ] || NM=$T_TOP/bench/node_modules
if command -v node >/dev/null && [ -d "$NM/tableschema" ]; then
	how="npm tableschema"
	cat >v.js <<'JS'
"use strict";
const path = require("path");
const fs = require("fs");
const { validate } = require(path.join(process.argv[2], "tableschema"));
(async () => {
  for (const r of JSON.parse(fs.readFileSync("dp.json", "utf8")).resources) {
    const { valid, errors } = await validate(r.schema);
    console.log(r.name, valid ? "valid" : "invalid " + errors.join(" "));
  }
})().catch((e) => { console.error(String(e)); process.exit(2); });
JS
	run node v.js "$NM"
else
	how="the profile's format lists"
	run py -c '
import json
allowed = {"string": {"default", "email", "uri", "binary", "uuid"}}
for r in json.load(open("dp.json"))["resources"]:
    bad = [f["name"] for f in r["schema"]["fields"]
           if f["type"] not in ("date", "time", "datetime", "any")
           and f.get("format", "default") not in allowed.get(f["type"], {"default"})]
    print(r["name"], "invalid " + " ".join(bad) if bad else "valid")'
fi
is "every schema valid ($how)" "$RC:$(printf '%s\n' "$OUT" | grep -vc ' valid$')" "0:0"
is "every resource named" "$(printf '%s\n' "$OUT" | wc -l)" 14

# ---- read back: gov-check -s checks what govkit:format names
py -c '
import json
for r in json.load(open("dp.json"))["resources"]:
    if r["name"] == "102001001-000002":
        json.dump(r["schema"], open("schema.json", "w"), ensure_ascii=False)'
cat >data.csv <<'EOF2'
统一社会信用代码,经营者手机,电子邮箱,注册资金,成立日期
91150502MA0N000758,13800000000,a@example.cn,50,2019年03月12日
91150502MA0N000759,1380000000,a@example.cn,50,2019年03月12日
EOF2
run gov-check --no-mask -s schema.json data.csv
is "gov-check -s: exit 1" "$RC:$ERR" "1:"
is "gov-check -s: the identifiers checked as their formats say" \
	"$(finding_fields row field check value)" \
	"3 统一社会信用代码 format 91150502MA0N000759
3 经营者手机 format 1380000000"

# govkit:format counts only where format says no more
cat >both.json <<'EOF2'
{"fields":[{"name":"a","type":"string","format":"default","govkit:format":"cn-postcode"},
 {"name":"b","type":"string","format":"email","govkit:format":"cn-postcode"},
 {"name":"c","type":"string","govkit:format":"cn-nothing"}]}
EOF2
printf 'a,b\n12345,x@example.cn\n' >both.csv
run gov-check -s both.json both.csv
is "an unknown govkit:format: the schema refused, the place named" "$RC:$ERR" \
	"2:gov-check: both.json: fields[2].govkit:format: unknown string format 'cn-nothing'"
py -c '
import json
s = json.load(open("both.json")); s["fields"].pop()
json.dump(s, open("both2.json", "w"))'
run gov-check -s both2.json both.csv
is "format default: govkit:format checks; format email: email checks" \
	"$RC:$(finding_fields row field check)" "1:2 a format"

done_testing
