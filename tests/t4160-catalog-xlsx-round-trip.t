#!/bin/sh
# gov-catalog: the exported workbook comes back.  An officer exports the
# catalog, edits it in Excel and loads it again through gov-records: the
# guide's headers (信息资源代码 ...) and Chinese values (无条件共享, 每月,
# 字符型) are read as the fields and values they name, and a workbook not
# edited changes nothing.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
gov-catalog export --no-mask --format ndjson >before.jsonl

# ---- export -> gov-records -> add: nothing changes
run gov-catalog export --no-mask --format xlsx -o catalog.xlsx
is "export: exit 0" "$RC" 0
gov-records --no-mask --type entry catalog.xlsx >rows.jsonl
run gov-catalog add rows.jsonl
is "the workbook loaded back: exit 0" "$RC" 0
is "the workbook loaded back: nothing on stderr" "$ERR" ""
is "every entry unchanged" \
	"$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged","fields":\[\]')" 13
gov-catalog export --no-mask --format ndjson >after.jsonl
ok "the catalog as before, item formats and descriptions kept" \
	cmp -s before.jsonl after.jsonl
run gov-catalog validate --today "$T_TODAY" rows.jsonl
is "validate reads the workbook's rows: exit 0" "$RC" 0
like "validate reads the workbook's rows: 13 entries, no finding" "$OUT" \
	'"entries":13,"findings":0'

# ---- into an empty catalog: the same workbook again
run gov-catalog --db fresh.db add rows.jsonl
is "into an empty catalog: exit 0" "$RC" 0
gov-catalog --db fresh.db export --no-mask --format xlsx -o again.xlsx
gov-records --no-mask --type entry again.xlsx >again.jsonl
ok "export -> gov-records -> add -> export: the same workbook" \
	cmp -s rows.jsonl again.jsonl
run gov-catalog --db fresh.db show 105001001/000001
like "related read back as a list" "$OUT" '"related":\["102001001/000001"\]'
like "items read back with type and length" "$OUT" \
	'"items":\[\{"name":"证照编号","type":"C","length":64,"description":null\}'
like "an empty cell is no value" "$OUT" '"share_condition":null,"share_basis":null'

# ---- names the text of 信息项信息 would misread come back whole: a
# separator in a name (';' '；'), a name ending in what reads as a type
# (温度(C), 气温(C,5)), blanks around a name, an empty name, a quote, a
# type the guide does not name.  Such a name is written quoted.
cat >odd.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000005","name":"名称","items":[{"name":"地址;门牌","type":"C","length":100,"description":"住址"},{"name":"楼栋；单元","type":"C"},{"name":"温度(C)","description":"摄氏度"},{"name":"气温(C,5)"},{"name":"人口(万人)","type":"N","length":10},{"name":"比例（%）"},{"name":" 前后空格 ","type":"C"},{"name":"代码","type":"Q"},{"name":"","type":"C"},{"name":"\"引号\"名"},{"name":"\"a;b\"","type":"C","length":3},{"name":"备注(M)","type":"C","length":3}]}
EOF2
gov-catalog --db odd.db add odd.jsonl >/dev/null
gov-catalog --db odd.db export --no-mask --format xlsx -o odd.xlsx
gov-records --no-mask --type entry odd.xlsx >odd-rows.jsonl
run py -c '
import json
print(json.loads(open("odd-rows.jsonl").read())["信息项信息"])'
is "odd names: the cell, quoted where the plain form misreads" "$OUT" \
	'"地址;门牌"(C,100); "楼栋；单元"(C); "温度(C)"; "气温(C,5)"; 人口(万人)(N,10); 比例（%）; " 前后空格 "(C); "代码"(Q); ""(C); "引号"名; """a;b"""(C,3); 备注(M)(C,3)'
run gov-catalog --db odd.db add odd-rows.jsonl
is "odd names: the workbook loaded back unchanged" "$RC:$OUT" \
	'0:{"type":"change","code":"101001001/000005","action":"unchanged","fields":[]}'
gov-catalog --db odd-fresh.db add odd-rows.jsonl >/dev/null
run sh -c 'gov-catalog --db odd-fresh.db show 101001001/000005 | /usr/bin/python3 -c "
import json, sys
for it in json.load(sys.stdin)[\"items\"]:
    print(json.dumps(it, ensure_ascii=False, sort_keys=True))"'
is "odd names: into an empty catalog, every item as it was" "$OUT" \
'{"description": null, "length": 100, "name": "地址;门牌", "type": "C"}
{"description": null, "name": "楼栋；单元", "type": "C"}
{"description": null, "name": "温度(C)", "type": null}
{"description": null, "name": "气温(C,5)", "type": null}
{"description": null, "length": 10, "name": "人口(万人)", "type": "N"}
{"description": null, "name": "比例（%）", "type": null}
{"description": null, "name": " 前后空格 ", "type": "C"}
{"description": null, "name": "代码", "type": "Q"}
{"description": null, "name": "", "type": "C"}
{"description": null, "name": "\"引号\"名", "type": null}
{"description": null, "length": 3, "name": "\"a;b\"", "type": "C"}
{"description": null, "length": 3, "name": "备注(M)", "type": "C"}'
# typed by hand: a quoted name with full-width brackets; quotes that are
# not a quoted name stay in it
printf '%s\n' '{"信息资源代码":"101001001/000006","信息项信息":"\"a;b\"（字符型，20）；\"注\"释; \"c"}' >hand.jsonl
gov-catalog --db odd.db add hand.jsonl >/dev/null
run gov-catalog --db odd.db show 101001001/000006
like "typed by hand: quoted and unquoted names read" "$OUT" \
	'"items":\[\{"name":"a;b","type":"C","length":20,"description":null\},\{"name":"\\"注\\"释","type":null,"description":null\},\{"name":"\\"c","type":null,"description":null\}\]'

# ---- edited in Excel: new values in the guide's words
cat >edit.py <<'PY'
import openpyxl
wb = openpyxl.load_workbook("catalog.xlsx")
ws = wb.active
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2):
    if row[0].value == "102001001/000001":
        row[head.index("更新周期")].value = "每月"
        row[head.index("共享类型")].value = "有条件共享"
        row[head.index("共享条件")].value = "仅限监管部门使用"
        row[head.index("开放属性")].value = "有条件开放"
        row[head.index("信息项信息")].value = (
            "统一社会信用代码(C,18)；企业名称（字符型，200）; 注册资本(N,20); 人口(万人)")
        row[head.index("关联资源代码")].value = "101001001/000001；105001001/000001"
wb.save("edited.xlsx")
PY
py edit.py
gov-records --no-mask --type entry edited.xlsx >edited.jsonl
run gov-catalog add --user li edited.jsonl
is "edited workbook: exit 0" "$RC" 0
like "edited workbook: one entry updated" "$OUT" \
	'"code":"102001001/000001","action":"updated","fields":\["items","share_type","share_condition","open_type","update_cycle","related"\]'
run sh -c 'gov-catalog show 102001001/000001 | /usr/bin/python3 -c "
import json, sys
e = json.load(sys.stdin)
print(e[\"share_type\"], e[\"open_type\"], e[\"update_cycle\"], e[\"share_condition\"])
for it in e[\"items\"]:
    print(json.dumps(it, ensure_ascii=False, sort_keys=True))
print(e[\"related\"])"'
is "edited workbook: the values and items as meant" "$OUT" "conditional conditional monthly 仅限监管部门使用
{\"description\": \"市场主体的统一社会信用代码\", \"format\": \"cn-uscc\", \"length\": 18, \"name\": \"统一社会信用代码\", \"type\": \"C\"}
{\"description\": null, \"length\": 200, \"name\": \"企业名称\", \"type\": \"C\"}
{\"description\": \"万元\", \"length\": 20, \"name\": \"注册资本\", \"type\": \"N\"}
{\"description\": null, \"name\": \"人口(万人)\", \"type\": null}
['101001001/000001', '105001001/000001']"

# ---- the guide's names in an entry record too
cat >zh.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000001","share_type":"无条件共享","update_cycle":"每季度","share_method":"文件","items":[{"name":"姓名","type":"字符型","length":50}]}
EOF2
run gov-catalog add zh.jsonl
is "Chinese values in a record: exit 0" "$RC" 0
run gov-catalog show 101001001/000001
like "Chinese values stored as the vocabulary's" "$OUT" \
	'"items":\[\{"name":"姓名","type":"C","length":50,"description":null\}\],"share_type":"unconditional".*"share_method":"file",.*"update_cycle":"quarterly"'
run gov-catalog validate --today "$T_TODAY" zh.jsonl
unlike "validate takes the Chinese values" "$OUT" '"check":"enum"'

# ---- a length past a long is not one: the bracket stays in the name
printf '%s\n' '{"信息资源代码":"101001001/000009","信息项信息":"x(C,99999999999999999999)"}' >big.jsonl
run gov-catalog add big.jsonl
is "a length too large: exit 0" "$RC" 0
run gov-catalog show 101001001/000009
like "a length too large: the name whole, no length" "$OUT" \
	'"items":\[\{"name":"x\(C,99999999999999999999\)","type":null,"description":null\}\]'

# ---- and in the filters, as the workbook shows the values
run gov-catalog list --share-type 不予共享 --format ndjson
is "--share-type 不予共享: exit 0" "$RC" 0
is "--share-type 不予共享: the entries not shared" \
	"$(printf '%s\n' "$OUT" | grep -o '"code":"[^"]*"' | tr '\n' ' ')" \
	"$(gov-catalog list --share-type none --format ndjson | grep -o '"code":"[^"]*"' | tr '\n' ' ')"
run gov-catalog export --format ckan --update-cycle 每季度
is "--update-cycle 每季度: exit 0" "$RC" 0
like "--update-cycle 每季度: the quarterly entry" "$OUT" '"identifier","value":"101001001/000001"'

done_testing
