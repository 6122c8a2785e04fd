#!/bin/sh
# gov-catalog pull: a package whose items or related codes hold a value
# of a JSON type the field does not take (an item type 5, a code true,
# items that are not a list) is refused as add refuses such an entry
# (cat_entry_fits): the entry and member named, a rejected record,
# nothing of it stored, the others pulled, exit 1 (a package the central
# catalog refused).  Pull stored such a value, which the exports then
# left out; items that were not a list removed the local entry's items.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

server_fast_retries
server_start
at_exit server_stop
gov-catalog add "$S/entries.jsonl" >/dev/null
gov-catalog push >/dev/null
gov-catalog export --format ndjson >before.jsonl

# central_extra NAME KEY VALUE: the central package NAME's extra KEY set
# to the text VALUE (as another system would write it)
central_extra() {
	/usr/bin/python3 - "$GOVKIT_API" "$SERVER_TOKEN" "$@" <<'PY'
import json, sys, urllib.request
api, tok, name, key, value = sys.argv[1:]
with urllib.request.urlopen(api + "/api/3/action/package_show?id=" + name) as r:
    pkg = json.load(r)["result"]
extras = [x for x in pkg["extras"] if x["key"] != key]
extras.append({"key": key, "value": value})
req = urllib.request.Request(api + "/api/3/action/package_patch",
    data=json.dumps({"id": name, "extras": extras}).encode(),
    headers={"Authorization": tok, "Content-Type": "application/json"})
urllib.request.urlopen(req).read()
PY
}

central_extra 328001001-000001 items '[{"name":"站号","type":"C","length":10},{"name":"观测时间","type":5}]'
run gov-catalog pull 328001001/000001 211001001/000001
is "an item type 5: exit 1" "$RC" 1
is "an item type 5: the entry and member named" "$ERR" \
"gov-catalog: 328001001/000001: package '328001001-000001': items[2].type must be text, not a number; entry not pulled"
is "an item type 5: rejected, the next one pulled" "$OUT" \
'{"type":"pull","code":"328001001/000001","name":"328001001-000001","action":"rejected","fields":[],"message":"package '"'328001001-000001'"': items[2].type must be text, not a number; entry not pulled"}
{"type":"pull","code":"211001001/000001","name":"211001001-000001","action":"unchanged","fields":[]}'
gov-catalog export --format ndjson >after.jsonl
same_file "an item type 5: nothing stored" after.jsonl before.jsonl

central_extra 328001001-000001 items '{"name":"站号","type":"C"}'
run gov-catalog pull 328001001/000001
is "items not a list: refused, the local items kept" "$RC:$ERR" \
"1:gov-catalog: 328001001/000001: package '328001001-000001': items must be a list of information items, not an object; entry not pulled"
gov-catalog export --format ndjson >after.jsonl
same_file "items not a list: nothing stored" after.jsonl before.jsonl

central_extra 328001001-000001 items '[{"name":"站号","type":"C","length":10}]'
central_extra 328001001-000001 related '["211001001/000001",true]'
run gov-catalog pull 328001001/000001
is "a related code true: refused" "$RC:$ERR" \
"1:gov-catalog: 328001001/000001: package '328001001-000001': related[2] must be a code (text), not true or false; entry not pulled"
gov-catalog export --format ndjson >after.jsonl
same_file "a related code true: nothing stored" after.jsonl before.jsonl

# the whole catalog: the one refused, the others pulled
run gov-catalog pull
is "pull of all: exit 1" "$RC" 1
is "pull of all: the one named" "$ERR" \
"gov-catalog: 328001001/000001: package '328001001-000001': related[2] must be a code (text), not true or false; entry not pulled"
is "pull of all: the others unchanged" \
	"$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"'):$(printf '%s\n' "$OUT" | grep -c '"action":"rejected"')" \
	"$(($(wc -l <before.jsonl) - 1)):1"

# values of the types their fields take are pulled as before
central_extra 328001001-000001 related '["211001001/000001"]'
run gov-catalog pull 328001001/000001
is "then: pulled" "$RC:$ERR:$OUT" \
'0::{"type":"pull","code":"328001001/000001","name":"328001001-000001","action":"updated","fields":["items","related"]}'

done_testing
