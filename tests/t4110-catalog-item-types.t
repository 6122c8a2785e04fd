#!/bin/sh
# gov-catalog: the data types of information items are the eleven of the
# 2017 guide (字符型C 数值型N 货币型Y 日期型D 日期时间型T 逻辑型L 备注型M
# 通用型G 双精度型B 整型I 浮点型F), the letters of dBase/FoxPro field
# types.  Y, M and G were refused by validate, and B was taken for
# "binary" and exported as a string: a 双精度型 column of text passed
# gov-check against the catalog's own schema.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
import json
e = {"type": "entry", "code": "211001001/000002", "name": "水质自动监测数据",
     "provider": "市生态环境局", "provider_code": "11150500115050075T",
     "summary": "国控水质自动监测站数据", "category": "主题信息资源/生态环保",
     "format": "csv",
     "items": [{"name": "站点名称", "type": "C", "length": 50},
               {"name": "监测值", "type": "N", "length": 10},
               {"name": "补偿金额", "type": "Y", "length": 12},
               {"name": "监测日期", "type": "D", "length": 10},
               {"name": "监测时间", "type": "T", "length": 19},
               {"name": "是否超标", "type": "L", "length": 1},
               {"name": "备注", "type": "M", "length": 4},
               {"name": "现场照片", "type": "G"},
               {"name": "溶解氧", "type": "B", "length": 8},
               {"name": "样本数", "type": "I", "length": 4},
               {"name": "pH值", "type": "F", "length": 6}],
     "share_type": "unconditional", "share_method": "api", "open_type": "open",
     "update_cycle": "daily", "published": "2024-06-15"}
with open("e.jsonl", "w") as f:
    f.write(json.dumps(e, ensure_ascii=False) + "\n")
PY

run gov-catalog validate --today $T_TODAY e.jsonl
is "the guide's eleven data types: valid" "$RC" 0
unlike "no enum finding" "$OUT" '"check":"enum"'

printf '%s\n' '{"code":"211001001/000003","items":[{"name":"甲","type":"X"}]}' >x.jsonl
run gov-catalog validate --today $T_TODAY x.jsonl
like "another letter: the message lists the guide's types" "$OUT" \
	"data type of '甲' must be one of C \(字符型\), N \(数值型\), Y \(货币型\), D \(日期型\), T \(日期时间型\), L \(逻辑型\), M \(备注型\), G \(通用型\), B \(双精度型\), I \(整型\), F \(浮点型\)"

gov-catalog add e.jsonl >/dev/null
run gov-catalog export --format datapackage -o dp.json
is "datapackage: exit 0" "$RC" 0
run py -c '
import json
r = json.load(open("dp.json"))["resources"][0]
print(" ".join("%s:%s%s" % (f["name"], f["type"],
      ":%d" % f["constraints"]["maxLength"] if "constraints" in f else "")
      for f in r["schema"]["fields"]))
json.dump(r["schema"], open("schema.json", "w"), ensure_ascii=False)'
is "datapackage: Y B number, M string without a length bound, G any" "$OUT" \
	"站点名称:string:50 监测值:number 补偿金额:number 监测日期:date 监测时间:datetime 是否超标:boolean 备注:string 现场照片:any 溶解氧:number 样本数:integer pH值:number"

cat >good.csv <<'EOF'
站点名称,监测值,补偿金额,监测日期,监测时间,是否超标,备注,现场照片,溶解氧,样本数,pH值
科尔沁区站,12.5,1200.50,2024-06-01,2024-06-01T08:00:00,false,站点维护后首次上报数据,photo-001.jpg,7.25,24,7.1
EOF
run gov-check -s schema.json good.csv
is "gov-check -s: the data passes its catalog schema" "$RC" 0
sed 's/,7\.25,/,七点二五,/' good.csv >bad.csv
run gov-check -s schema.json bad.csv
is "gov-check -s: text in a 双精度型 column fails" "$RC" 1
like "the type finding names the column" "$OUT" '"field":"溶解氧","check":"type"'

done_testing
