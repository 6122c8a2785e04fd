#!/bin/sh
# gov-catalog: one related code given as text ("related":"X", which
# validate took for one code) is stored as the list of it (["X"]), as the
# workbook's cell of one code reads.  Stored as text, the DCAT export
# left it out, and the exported workbook gave it back as a list (an
# untouched workbook "updated" it), a code holding ';' as two codes.
. "$(dirname "$0")/lib.sh"

cat >rel.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000401","name":"甲"}
{"type":"entry","code":"101001001/000402","name":"乙","related":"101001001/000401"}
{"type":"entry","code":"101001001/000403","name":"丙","related":"A;B"}
EOF2
run gov-catalog add rel.jsonl
is "add: exit 0" "$RC:$ERR" "0:"
is "add: the fields" "$OUT" \
'{"type":"change","code":"101001001/000401","action":"created","fields":["code","name"]}
{"type":"change","code":"101001001/000402","action":"created","fields":["code","name","related"]}
{"type":"change","code":"101001001/000403","action":"created","fields":["code","name","related"]}'
is "stored as the list of the one code" \
	"$(gov-catalog export --no-mask --format ndjson | grep -o '"code":"[^"]*"\|"related":.*}' | paste -d' ' - -)" \
'"code":"101001001/000401" "related":null}
"code":"101001001/000402" "related":["101001001/000401"]}
"code":"101001001/000403" "related":["A;B"]}'

# the DCAT export relates it
run sh -c 'gov-catalog export --format dcat | /usr/bin/python3 -c "
import json, sys
for d in json.load(sys.stdin)[\"dcat:dataset\"]:
    print(d[\"dct:identifier\"], [r[\"@id\"] for r in d.get(\"dct:relation\", [])])"'
is "dcat: dct:relation of the one code" "$OUT" \
"101001001/000401 []
101001001/000402 ['urn:govkit:catalog:101001001-000401']
101001001/000403 ['urn:govkit:catalog:a-b--159aed3b6861f780']"

# the workbook: back unchanged, and the same into an empty catalog
gov-catalog export --no-mask --format ndjson >before.jsonl
gov-catalog export --no-mask --format xlsx -o rel.xlsx
gov-records --no-mask --type entry rel.xlsx >rows.jsonl
run py -c '
import json
for l in open("rows.jsonl"):
    print(json.loads(l)["关联资源代码"])'
is "the cells" "$OUT" '
101001001/000401
"A;B"'
run gov-catalog add rows.jsonl
is "the workbook loaded back: nothing changed" "$RC:$ERR:$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged","fields":\[\]')" "0::3"
gov-catalog --db fresh.db add rows.jsonl >/dev/null
gov-catalog --db fresh.db export --no-mask --format ndjson >after.jsonl
is "into an empty catalog: the related codes as they were" \
	"$(grep -o '"related":.*}' after.jsonl | sed -n 2,3p)" \
'"related":["101001001/000401"]}
"related":["A;B"]}'
ok "into an empty catalog: the same records" cmp -s before.jsonl after.jsonl

# validate reads it as add does: related to itself
printf '%s\n' '{"type":"entry","code":"101001001/000405","name":"戊","related":"101001001/000405"}' >self.jsonl
run gov-catalog validate --today "$T_TODAY" self.jsonl
like "validate: one code as text, the entry's own" "$OUT" \
	'"field":"related","check":"related",.*"value":"101001001/000405","message":"resource is related to itself"'

done_testing
