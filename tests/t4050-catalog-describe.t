#!/bin/sh
# gov-catalog describe: a draft entry from a data file through the shared
# profiler; what a person must fill is marked missing; the draft, filled
# in, becomes a valid entry.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

cp "$S/market-entities.csv" .
run gov-catalog describe market-entities.csv
is "describe: exit 0" "$RC" 0
is "describe: nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >draft.jsonl
same_file "describe: the draft entry" draft.jsonl "$(expected catalog-describe.jsonl)"

# Items in catalog type letters, with the identifier format found.
cat >check.py <<'PY'
import json
d = json.load(open("draft.jsonl"))
print(" ".join("%s:%s:%s" % (i["name"], i["type"], i.get("format", "")) for i in d["items"]))
print(d["missing"])
PY
run py check.py
is "describe: names, letters, formats, what is missing" "$OUT" "统一社会信用代码:C:cn-uscc 企业名称:C: 法定代表人:C: 成立日期:D: 注册资本:I: 登记机关:C: 经营状态:C:
['code', 'provider', 'provider_code', 'summary', 'category', 'share_type', 'share_method', 'open_type', 'update_cycle', 'published', 'items.description']"

# Other types: dates with time, decimals, booleans; JSON Lines too.
printf '%s\n' '站号,观测时间,气温,有效' '54135,2025-10-01T08:00:00,12.5,true' \
	'54135,2025-10-01T09:00:00,13.25,false' >obs.csv
printf '%s\n' '{"id":1,"name":"甲"}' '{"id":2,"name":"乙丙"}' >small.jsonl
run gov-catalog describe obs.csv small.jsonl
cat >check.py <<'PY'
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(d["name"], d["format"], d["rows"],
          " ".join("%s:%s:%s" % (i["name"], i["type"], i["length"]) for i in d["items"]))
PY
printf '%s\n' "$OUT" >drafts.jsonl
run_in drafts.jsonl py check.py
is "describe: T, N, L letters; JSON Lines" "$OUT" "obs csv 2 站号:I:5 观测时间:T:19 气温:N:5 有效:L:5
small jsonl 2 id:I:1 name:C:2"

# The draft filled by a person is a valid entry once added.
cat >fill.py <<'PY'
import json
d = json.load(open("draft.jsonl"))
d.update(code="102001001/000002", name="市场主体名录", provider="市市场监督管理局",
         provider_code="11150500115050016P", summary="市场主体名录样例",
         category="基础信息资源/法人单位基础信息资源", share_type="unconditional",
         share_method="file", open_type="open", update_cycle="monthly",
         published="2025-10-01")
for i in d["items"]:
    i["description"] = i["name"]
print(json.dumps(d, ensure_ascii=False))
PY
py fill.py >filled.jsonl
run gov-catalog validate --today $T_TODAY filled.jsonl
is "filled draft: valid" "$(printf '%s\n' "$OUT" | tail -1)" '{"type":"summary","file":"filled.jsonl","entries":1,"findings":0,"errors":0,"warnings":0,"by_check":{},"valid":true}'
run gov-catalog add filled.jsonl
is "filled draft: added" "$RC" 0
run gov-catalog show 102001001/000002
unlike "added: no 'missing' note kept" "$OUT" '"missing"'
run gov-catalog validate draft.jsonl
is "unfilled draft: exit 1" "$RC" 1
like "unfilled draft: required findings" "$OUT" '"field":"code","check":"required"'

run gov-catalog --format text describe market-entities.csv
like "text form lists the items" "$OUT" '  - 统一社会信用代码 C\(18\)'

run gov-catalog describe nonexistent.csv
is "missing file: exit 2" "$RC" 2
like "missing file: message" "$ERR" "^gov-catalog: .*nonexistent.csv"
run gov-catalog describe
is "no file: exit 2" "$RC" 2

# A malformed CSV is reported as gov-records reports it, by file and row,
# and exits 1; the draft is still printed.  Blank lines are no finding.
printf 'a,b\n1,2,3\n\n"unterminated\n' >badq.csv
run gov-catalog describe badq.csv
is "malformed CSV: exit 1" "$RC" 1
is "malformed CSV: each row named" "$ERR" "gov-catalog: badq.csv:2: 3 cells, header has 2; extra cells not described
gov-catalog: badq.csv:4: quoted field not closed before the end of the file
gov-catalog: badq.csv:4: 1 cell, header has 2"
like "malformed CSV: the draft still printed" "$OUT" '^\{"type":"entry",.*"source":"badq.csv","rows":[0-9]+\}$'
printf 'a,b\n1\n' >short.csv
run gov-catalog describe market-entities.csv short.csv
is "short row among good files: exit 1" "$RC" 1
is "short row: named" "$ERR" "gov-catalog: short.csv:2: 1 cell, header has 2"
is "short row: both drafts" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 2

# Bytes not valid in the encoding (a GBK export with one bad byte) were
# named twice, once by the profiler and once by the second read, and from
# standard input the status was 0.  Once, exit 1, from a file or a pipe.
printf '\320\325\303\373,\265\330\326\267\r\n\325\305\310\375,\377\271\343\326\335\r\n' >gbkbad.csv
run gov-catalog describe gbkbad.csv
is "GBK with a bad byte: named once, exit 1" "$RC:$ERR" "1:gov-catalog: gbkbad.csv:2: column 2: bytes not valid in the encoding, replaced by '?'"
like "GBK with a bad byte: the draft, items decoded" "$OUT" '"items":\[\{"name":"姓名",.*\{"name":"地址",'
run_in gbkbad.csv gov-catalog describe -
is "GBK with a bad byte from a pipe: named, exit 1" "$RC:$ERR" "1:gov-catalog: (stdin):2: column 2: bytes not valid in the encoding, replaced by '?'"

done_testing
