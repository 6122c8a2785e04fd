#!/bin/sh
# gov-catalog masks resident ID and phone numbers in every text it prints
# (records, text form, exports, the workbook) unless --no-mask; the
# database and what push sends to the central catalog keep the real text.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\n' >"$XDG_CONFIG_HOME/govkit/config"
ID=15050219900101123X; IDM='150502********123X'
PH=13812345678; PHM='138****5678'

echo "{\"type\":\"demand\",\"unit\":\"u\",\"need\":\"n $ID\",\"reason\":\"电话 $PH\"}" >d.jsonl
run gov-catalog demand add d.jsonl
is "demand add: exit 0" "$RC" 0
is "demand add: stored real" "$(sqlite3 "$GOVKIT_DB" 'SELECT need FROM catalog_demand')" "n $ID"
run gov-catalog demand list
is "demand list: need and reason masked" "$OUT" \
	"{\"type\":\"demand\",\"id\":\"D-0001\",\"unit\":\"u\",\"need\":\"n $IDM\",\"status\":\"unsatisfied\",\"reason\":\"电话 $PHM\",\"matched\":[]}"
run gov-catalog demand list --no-mask
is "demand list --no-mask: real" "$OUT" \
	"{\"type\":\"demand\",\"id\":\"D-0001\",\"unit\":\"u\",\"need\":\"n $ID\",\"status\":\"unsatisfied\",\"reason\":\"电话 $PH\",\"matched\":[]}"
run gov-catalog demand list --format text
is "demand list (text): masked" "$(printf '%s\n' "$OUT" | grep -E '^(need|reason):')" \
	"need:            n $IDM
reason:          电话 $PHM"
run gov-catalog match
is "match: need and reason masked" "$OUT" \
	"{\"type\":\"match\",\"demand\":\"D-0001\",\"unit\":\"u\",\"need\":\"n $IDM\",\"status\":\"unsatisfied\",\"entries\":[],\"missing\":[],\"reason\":\"no resource in the catalog matches 'n $IDM'\"}"
run gov-catalog history D-0001
like "history: changes masked" "$OUT" "\"need\":\\{\"from\":null,\"to\":\"n 150502\\*{8}123X\"\\}"
unlike "history: no real number" "$OUT" "$ID|$PH"

gov-catalog add "$T_TOP/samples/catalog/entries.jsonl" >/dev/null
echo "{\"type\":\"entry\",\"code\":\"101001001/000001\",\"name\":\"人口基本信息 $PH\",\"summary\":\"负责人 $ID\"}" >e.jsonl
run gov-catalog add e.jsonl
is "add: exit 0" "$RC" 0
is "add: stored real" "$(sqlite3 "$GOVKIT_DB" "SELECT json_extract(record, '\$.summary') FROM catalog_entry WHERE code = '101001001/000001'")" "负责人 $ID"
run gov-catalog list --format text
is "list (text): masked" "$(printf '%s\n' "$OUT" | grep '^101001001/000001' | cut -f1-3)" "101001001/000001	人口基本信息 $PHM	市公安局"
run gov-catalog show 101001001/000001
like "show: summary masked" "$OUT" "\"summary\":\"负责人 150502\\*{8}123X\""
run gov-catalog show --no-mask 101001001/000001
like "show --no-mask: real" "$OUT" "\"summary\":\"负责人 $ID\""
for f in ndjson ckan dcat datapackage; do
	run gov-catalog export --format $f
	unlike "export $f: no real number" "$OUT" "$ID|$PH"
	like "export $f: masked" "$OUT" "150502\\*{8}123X"
done
run gov-catalog export --format ndjson --no-mask
like "export --no-mask: real" "$OUT" "$ID"
run gov-catalog export --format xlsx -o c.xlsx
is "xlsx: exit 0" "$RC" 0
run py -c '
import openpyxl
ws = openpyxl.load_workbook("c.xlsx").active
print(" ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c))'
unlike "xlsx: no real number" "$OUT" "$ID|$PH"
run gov-catalog export --format xlsx -o c2.xlsx --no-mask
run py -c '
import openpyxl
ws = openpyxl.load_workbook("c2.xlsx").active
print(" ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c))'
like "xlsx --no-mask: real" "$OUT" "$ID"

server_start
run gov-catalog push
is "push: exit 0" "$RC:$ERR" 0:
like "push: the server has the real text" "$(server_get /_packages)" "$ID"
# a member's name is the entry author's too: masked as a value is
echo "{\"type\":\"entry\",\"code\":\"101001001/000009\",\"name\":\"k\",\"contact $PH\":\"x\"}" >k.jsonl
run gov-catalog add k.jsonl
is "add, a member named by a phone: exit 0" "$RC" 0
for f in ndjson text; do
	run gov-catalog show --format $f 101001001/000009
	like "show $f: the member's name masked" "$OUT" "contact 138\\*{4}5678"
	unlike "show $f: ... not in full" "$OUT" "$PH"
	run gov-catalog history --format $f 101001001/000009
	unlike "history $f: the member's name not in full" "$OUT" "$PH"
done
run gov-catalog show --no-mask 101001001/000009
like "show --no-mask: the member's name as given" "$OUT" "\"contact $PH\":\"x\""

run gov-catalog --help
like "--help lists --no-mask" "$OUT" "--no-mask"
done_testing
