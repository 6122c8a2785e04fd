#!/bin/sh
# gov-catalog: the Data Package export is a set of schemas gov-check -s
# takes, as the man page says, whatever the items hold.  An item's format
# went into the schema as written: a format gov-check does not know
# ("phone"), a cn- format on a number, a date pattern with a directive it
# lacks, and gov-check refused the whole schema (exit 2) while validate
# called the entry valid.  Now validate reports such a format, and the
# export leaves out what would make gov-check refuse the schema (that
# format, an item without a name, an item repeating a name).
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import json
e = {"type": "entry", "code": "102001001/000002", "name": "个体工商户登记信息",
     "provider": "市市场监督管理局", "provider_code": "11150500115050016P",
     "summary": "全市个体工商户登记信息", "category": "基础信息资源/法人单位基础信息资源",
     "format": "csv",
     "items": [{"name": "统一社会信用代码", "type": "C", "length": 18, "format": "cn-uscc"},
               {"name": "经营者电话", "type": "C", "length": 11, "format": "phone"},
               {"name": "注册资金", "type": "N", "length": 12, "format": "cn-uscc"},
               {"name": "成立日期", "type": "D", "format": "%Y年%m月%d日"},
               {"name": "核准日期", "type": "D", "format": "%Q"},
               {"name": "登记机关", "type": "C", "length": 100, "format": 7}],
     "share_type": "unconditional", "share_method": "api", "open_type": "open",
     "update_cycle": "daily", "published": "2024-03-15"}
with open("e.jsonl", "w") as f:
    f.write(json.dumps(e, ensure_ascii=False) + "\n")
PY

run gov-catalog validate --today $T_TODAY e.jsonl
is "validate: exit 1" "$RC" 1
is "validate: each format gov-check refuses, named" "$(finding_lines field value)" \
	"items[2].format phone | format 'phone' of '经营者电话' (type C) is not one gov-check -s takes: unknown string format 'phone'
items[3].format cn-uscc | format 'cn-uscc' of '注册资金' (type N) is not one gov-check -s takes: format 'cn-uscc' needs type string
items[5].format %Q | format '%Q' of '核准日期' (type D) is not one gov-check -s takes: unsupported directive '%Q' in format '%Q'
items[6].format 7 | format of '登记机关' must be a Table Schema format such as cn-uscc"
like "validate: the check and its dimension" "$OUT" '"field":"items\[2\].format","check":"format","dimension":"accuracy","severity":"error"'

# An entry added anyway, with a nameless item and a repeated name too.
py - <<'PY'
import json
e = json.loads(open("e.jsonl").read())
e["items"] += [{"name": "", "type": "C"}, {"type": "C"},
               {"name": "统一社会信用代码", "type": "N"}]
open("e2.jsonl", "w").write(json.dumps(e, ensure_ascii=False) + "\n")
PY
gov-catalog add e2.jsonl >/dev/null
run gov-catalog export --format datapackage -o dp.json
is "datapackage: exit 0" "$RC" 0
run py -c '
import json
s = json.load(open("dp.json"))["resources"][0]["schema"]
json.dump(s, open("schema.json", "w"), ensure_ascii=False)
print(" ".join("%s:%s:%s" % (f["name"], f["type"], f.get("format", f.get("govkit:format", "-"))) for f in s["fields"]))'
is "datapackage: the formats gov-check takes kept, the others left out" "$OUT" \
	"统一社会信用代码:string:cn-uscc 经营者电话:string:- 注册资金:number:- 成立日期:date:%Y年%m月%d日 核准日期:date:- 登记机关:string:-"

cat >data.csv <<'EOF'
统一社会信用代码,经营者电话,注册资金,成立日期,核准日期,登记机关
91150502MA0N000758,13800000000,50,2019年03月12日,2019-03-15,通辽市科尔沁区市场监督管理局
EOF
run gov-check -s schema.json data.csv
is "gov-check -s takes the exported schema" "$RC:$ERR" "0:"
sed 's/^91150502MA0N000758,/91150502MA0N000759,/' data.csv >bad.csv
run gov-check -s schema.json bad.csv
like "and its kept format still checks the data" "$RC:$OUT" '^1:.*"field":"统一社会信用代码","check":"format"'

done_testing
