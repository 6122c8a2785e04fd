#!/bin/sh
# gov-catalog validate: every rule of the 2017 catalog guide fires, as
# gov-check findings, and the findings go through gov-xlsx.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

# The samples are a valid catalog.
gov-catalog add "$S/entries.jsonl" >/dev/null
run gov-catalog validate --today $T_TODAY
is "samples: exit 0" "$RC" 0
is "samples: one clean summary" "$OUT" '{"type":"summary","file":"catalog","entries":13,"findings":0,"errors":0,"warnings":0,"by_check":{},"valid":true}'
run gov-catalog validate --today $T_TODAY "$S/entries.jsonl"
is "sample file: exit 0" "$RC" 0

# One entry per rule: a valid base, then one thing wrong in each.
py - <<'PY'
import json
base = {"type": "entry", "code": "202001001/000001", "name": "测试资源",
        "provider": "市行政审批政务服务与数据管理局",
        "provider_code": "11150500115050032D", "summary": "测试",
        "category": "主题信息资源/公共服务", "format": "csv",
        "items": [{"name": "编号", "type": "C", "length": 20}],
        "share_type": "unconditional", "share_method": "api",
        "open_type": "open", "update_cycle": "monthly",
        "published": "2024-01-01"}
def v(code, **kw):
    e = dict(base, code=code)
    for k, x in kw.items():
        if x is None:
            e.pop(k, None)
        else:
            e[k] = x
    return e
rows = [
    {"code": "202001001/000002", "name": "只有名称"},                 # required
    v("202001001000003"),                                            # no '/'
    v("2A2001001/000004"),                                           # not digits
    v("402001001/000005", category="部门信息资源/x"),                  # 类 4
    v("200001001/000006"),                                           # 项 00
    v("202000001/000007"),                                           # 目 000
    v("202001001/00A008"),                                           # 后段码
    v("102001001/000009"),                                           # category vs 类
    v("202001001/000010", share_type="partial", share_method="email",
      open_type="public", update_cycle="hourly"),                   # enums
    v("202001001/000011", share_type="conditional"),                 # condition
    v("202001001/000012", share_type="none", share_method=None),     # basis, open
    v("202001001/000013", provider_code="11150500115050032E"),       # USCC
    v("202001001/000014", related=["202001001/000001", "299001001/000001",
                                   "202001001/000014"]),              # related
    v("202001001/000015", items=[{"type": "C"}, {"name": "甲", "type": "X"},
                                 {"name": "乙"}, {"name": "丙", "type": "C",
                                 "length": 0}, {"name": "甲", "type": "C"}]),
    v("202001001/000016", published="2024-13-01"),                   # bad date
    v("202001001/000017", published="2030-01-01"),                   # future
    v("202001001/000001"),                                           # valid
    v("202001001/000001", name="重复"),                               # repeated
]
with open("bad.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
run gov-catalog validate --today $T_TODAY bad.jsonl
is "bad entries: exit 1" "$RC" 1
is "bad entries: nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >findings.jsonl
same_file "bad entries: the findings" findings.jsonl "$(expected catalog-validate.jsonl)"
for check in required resource-code classification enum share-condition \
	share-basis open-share format related unique primary-key; do
	like "rule fires: $check" "$OUT" "\"check\":\"$check\""
done
like "required: each field named" "$OUT" '"field":"provider_code","check":"required"'
like "USCC: message of the check" "$OUT" 'check character is E, expected D'
like "future date: a warning" "$OUT" '"field":"published","check":"format","dimension":"accuracy","severity":"warning"'

# Related codes may be in the database instead of the batch.
printf '%s\n' '{"code":"302001001/000020","related":["101001001/000001"]}' >rel.jsonl
run gov-catalog validate rel.jsonl
unlike "related found in the database" "$OUT" '"check":"related"'

# The database is validated when no file is given; errors exit 1.
printf '%s\n' '{"code":"101001001/000001","share_condition":null}' | gov-catalog add >/dev/null
run gov-catalog validate --today $T_TODAY
is "database: exit 1" "$RC" 1
is "database: the finding" "$(printf '%s\n' "$OUT" | sed -n 1p)" '{"type":"finding","file":"catalog","row":null,"column":null,"field":"share_condition","check":"share-condition","dimension":"completeness","severity":"error","value":null,"message":"a conditional resource needs its share_condition (共享条件)","code":"101001001/000001"}'
run gov-catalog validate --format text --today $T_TODAY
is "text form" "$OUT" "catalog: 101001001/000001: error: share_condition: a conditional resource needs its share_condition (共享条件) [share-condition]
type:            summary
file:            catalog
entries:         13
findings:        1
errors:          1
warnings:        0
by_check:        share-condition: 1
valid:           false"

# The same pipeline as gov-check: findings into a workbook.
gov-catalog validate --today $T_TODAY bad.jsonl | gov-xlsx --type finding -o findings.xlsx
ok "gov-xlsx: workbook written" test -s findings.xlsx
run py -c '
import openpyxl
ws = openpyxl.load_workbook("findings.xlsx").active
rows = list(ws.iter_rows(values_only=True))
print(len(rows) - 1, rows[0][:9], rows[1][4])'
is "gov-xlsx: one row per finding" "$OUT" "$(grep -c '"type":"finding"' findings.jsonl) ('file', 'row', 'column', 'field', 'check', 'dimension', 'severity', 'value', 'message') required"

# Lines that are not JSON (garbage, or an entry pretty-printed over several
# lines) are findings like any other problem of the file, as gov-check
# makes them: check "encoding", counted in the summary, and nothing on
# standard error.
printf '%s\n' 'garbage, not an entry' '{"code": "101001001/000001", oops}' >garbage.jsonl
run gov-catalog validate --today $T_TODAY garbage.jsonl
is "not JSON: exit 1" "$RC" 1
is "not JSON: one finding per line, then the summary" "$OUT" '{"type":"finding","file":"garbage.jsonl","row":1,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"invalid JSON at column 1","code":null}
{"type":"finding","file":"garbage.jsonl","row":2,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"invalid JSON at column 31","code":null}
{"type":"summary","file":"garbage.jsonl","entries":0,"findings":2,"errors":2,"warnings":0,"by_check":{"encoding":2},"valid":false}'
is "not JSON: nothing on stderr" "$ERR" ""
printf '%s\n' '{' '  "type": "entry",' '  "code": "101001001/000001"' '}' >pretty.jsonl
run gov-catalog validate --today $T_TODAY pretty.jsonl
is "pretty-printed: exit 1" "$RC" 1
is "pretty-printed: the rows of the findings" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*,' | tr -d '\n')" \
	'"row":1,"row":2,"row":3,"row":4,'
like "pretty-printed: the summary counts them, not valid" "$OUT" \
	'"type":"summary","file":"pretty.jsonl","entries":0,"findings":4,"errors":4,.*"valid":false'
# the good entries of a file are still checked around a bad line
{ sed -n 1p "$S/entries.jsonl"; echo 'not JSON'; } >mixed.jsonl
run gov-catalog validate --today $T_TODAY mixed.jsonl
like "mixed: the bad line a finding at its row" "$OUT" '"row":2,"column":null,"field":null,"check":"encoding"'
like "mixed: the entry counted" "$OUT" '"type":"summary","file":"mixed.jsonl","entries":1,'

# the same entry in a file named .json: a JSON document, refused at once
# (as gov-check, gov-profile and gov-license refuse one), by add and
# demand add too
cp pretty.jsonl pretty.json
run gov-catalog validate --today $T_TODAY pretty.json
is "a .json document: exit 2" "$RC" 2
is "a .json document: no records" "$OUT" ""
is "a .json document: said once" "$ERR" \
	"gov-catalog: pretty.json: a JSON document, not JSON Lines of entries (each entry on one line of its own)"
run gov-catalog add pretty.json
is "add, a .json document: exit 2, said" "$RC:$ERR" \
	"2:gov-catalog: pretty.json: a JSON document, not JSON Lines of entries (each entry on one line of its own)"
printf '%s\n' '[' '  {"type": "demand", "unit": "u", "need": "n"}' ']' >demands.json
run gov-catalog demand add demands.json
is "demand add, a .json document: exit 2, said" "$RC:$ERR" \
	"2:gov-catalog: demands.json: a JSON document, not JSON Lines of demands (each demand on one line of its own)"
is "nothing added" "$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM catalog_demand')" 0

# a pipe named .json is read as JSON Lines, never probed first (its
# first line would be lost to the reader, and the reader left waiting)
mkfifo fifo.json
sed -n 1p "$S/entries.jsonl" >one.jsonl
(cat one.jsonl >fifo.json &)
run timeout 20 gov-catalog validate --today $T_TODAY fifo.json
like "a pipe named .json: read, its entry counted" "$RC:$OUT" \
	'^[01]:.*"type":"summary","file":"fifo.json","entries":1,'
(cat one.jsonl >fifo.json &)
run timeout 20 gov-check fifo.json
like "gov-check, a pipe named .json: read as JSON Lines" "$RC:$OUT" \
	'^[01]:.*"type":"summary","file":"fifo.json",.*"rows":1,'

run gov-catalog validate missing.jsonl
is "missing file: exit 2" "$RC" 2
like "missing file: message" "$ERR" "missing.jsonl"

# Text fields given as a number, a list or an object were valid (no
# finding), stored, then left out of the CKAN package and every export
# without a word: a list for 'published' lost it on push and pull (found
# by fuzz_catalog_entry's round trip).  Each is now a format error.
sed -n 1p "$S/entries.jsonl" | py -c '
import json, sys
e = json.loads(sys.stdin.read())
e.update(name=["环境"], provider=7, summary={"a": 1}, published=["2025-01-01"],
         share_condition=True, share_basis=None)
print(json.dumps(e, ensure_ascii=False))' >types.jsonl
run gov-catalog validate --today $T_TODAY types.jsonl
is "text fields of other JSON types: exit 1" "$RC" 1
is "... each named, what it is said" "$(finding_lines field check severity)" \
"name format error | name must be text, not a list
provider format error | provider must be text, not a number
summary format error | summary must be text, not an object
share_condition format error | share_condition must be text, not true or false
published format error | published must be text, not a list"

done_testing
