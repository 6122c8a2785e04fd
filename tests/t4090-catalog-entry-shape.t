#!/bin/sh
# gov-catalog: an entry record out of list, show and export --format ndjson
# carries every field of the contract's entry, null when the entry has no
# value for it, and each information item its name, type and description;
# so a reader (a spreadsheet, jq, a script) sees one shape whatever the
# entry holds.  Giving such a record back to add changes nothing.
. "$(dirname "$0")/lib.sh"

cat > e.jsonl <<'JSON'
{"type":"entry","code":"102001001/000001","name":"企业登记信息","provider":"市市场监督管理局","provider_code":"11150500115050016P","summary":"s","category":"基础信息资源/法人单位基础信息资源","format":"csv","items":[{"name":"统一社会信用代码","type":"C","description":"d"},{"name":"企业名称","type":"C","length":200}],"share_type":"unconditional","share_method":"api","open_type":"open","update_cycle":"daily","published":"2024-03-15"}
JSON
run gov-catalog add e.jsonl
is "add: exit 0" "$RC" 0

keys='type code name provider provider_code summary category format items share_type share_condition share_basis share_method open_type update_cycle published related'
shape() { printf '%s\n' "$1" | py -c '
import json, sys
keys = sys.argv[1].split()
for line in sys.stdin:
    r = json.loads(line)
    print([k for k in keys if k not in r],
          [[k for k in ("name", "type", "description") if k not in i] for i in r["items"]],
          r.get("share_condition", "absent"), r.get("related", "absent"),
          r["items"][1].get("description", "absent"))' "$keys"; }
want="[] [[], []] None None None"

run gov-catalog list --format ndjson
is "list: exit 0" "$RC" 0
is "list: every contract field, null when unset" "$(shape "$OUT")" "$want"
run gov-catalog show --format ndjson 102001001/000001
is "show: exit 0" "$RC" 0
is "show: every contract field, null when unset" "$(shape "$OUT")" "$want"
run gov-catalog export --format ndjson
is "export ndjson: exit 0" "$RC" 0
is "export ndjson: every contract field, null when unset" "$(shape "$OUT")" "$want"
like "the fields in the contract's order" "$OUT" \
  '"share_type":"unconditional","share_condition":null,"share_basis":null,"share_method":"api",.*"published":"2024-03-15","related":null'
like "an item's own fields kept" "$OUT" '"name":"企业名称","type":"C","length":200,"description":null'

# The full record back through add: unchanged, and stored as before.
printf '%s\n' "$OUT" > back.jsonl
run gov-catalog add back.jsonl
is "the record back through add: exit 0" "$RC" 0
like "the record back through add: unchanged" "$OUT" '"action":"unchanged"'
run gov-catalog history 102001001/000001
is "history: one change, the creation" "$(printf '%s\n' "$OUT" | grep -c '"type":"history"')" 1
done_testing
