#!/bin/sh
# One related code as text ("related":"X") is the list of it (add reads it
# so since t4162): an entry stored so by an earlier build is related in
# the DCAT export all the same (dct:relation), where it was left out
# without a word; and a package pulled with its related extra the text of
# one code is stored as the list of it, as add stores it, where pull kept
# the text.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

export SOURCE_DATE_EPOCH=1760486400
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'catalog_publisher = 市大数据中心\n' >"$XDG_CONFIG_HOME/govkit/config"
cat >e.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000502","name":"类型","provider":"市局","summary":"s","items":[{"name":"a","type":"C","length":5}],"related":["101001001/000503"]}
{"type":"entry","code":"101001001/000503","name":"n","items":[{"name":"a","type":"C"}]}
EOF2
gov-catalog --db list.db add e.jsonl >/dev/null
cp list.db text.db
sqlite3 text.db "UPDATE catalog_entry SET record = json_set(record, '\$.related', '101001001/000503') WHERE code = '101001001/000502'"
is "stored as an earlier build stored it" \
	"$(sqlite3 text.db "SELECT json_extract(record, '\$.related') FROM catalog_entry WHERE code = '101001001/000502'")" \
	"101001001/000503"
gov-catalog --db list.db export --format dcat >list.dcat
run gov-catalog --db text.db export --format dcat
is "dcat of related as text: exit 0, nothing said" "$RC:$ERR" "0:"
printf '%s\n' "$OUT" >text.dcat
same_file "dcat of related as text: the catalog of the list" list.dcat text.dcat
is "... which relates the two" \
	"$(grep -A1 '"dct:relation"' text.dcat | grep -c 'urn:govkit:catalog:101001001-000503')" 1

# pull: the central package's related extra the text of one code
server_fast_retries
server_start
at_exit server_stop
gov-catalog add "$S/entries.jsonl" >/dev/null
gov-catalog push >/dev/null
/usr/bin/python3 - "$GOVKIT_API" "$SERVER_TOKEN" <<'PY'
import json, sys, urllib.request
api, tok = sys.argv[1:]
name = "328001001-000001"
with urllib.request.urlopen(api + "/api/3/action/package_show?id=" + name) as r:
    pkg = json.load(r)["result"]
extras = [x for x in pkg["extras"] if x["key"] != "related"]
extras.append({"key": "related", "value": "211001001/000001"})
req = urllib.request.Request(api + "/api/3/action/package_patch",
    data=json.dumps({"id": name, "extras": extras}).encode(),
    headers={"Authorization": tok, "Content-Type": "application/json"})
urllib.request.urlopen(req).read()
PY
run gov-catalog pull 328001001/000001
is "pull of related as text: exit 0" "$RC:$ERR" "0:"
is "pull of related as text: stored as the list of it" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT json_extract(record, '\$.related') FROM catalog_entry WHERE code = '328001001/000001'")" \
	'["211001001/000001"]'

done_testing
