#!/bin/sh
# gov-catalog pull: a central catalog's answer whose strings are bytes
# that are no UTF-8 (cJSON takes any byte in a string) is refused like a
# CKAN refusal: that package rejected, named, nothing of it stored, the
# others pulled.  Before, a package_list name of such bytes went into
# the pull records, and a package_show title into the local catalog and
# every export, as JSON Lines no reader takes (found by fuzz_catalog_pull
# checking its output).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

server_fast_retries
server_start
at_exit server_stop
gov-catalog add "$S/entries.jsonl" >/dev/null
gov-catalog push >/dev/null
gov-catalog export --format ndjson >before.jsonl

# package_show of 328001001-000001 answered with a title of the byte 0xFF
# (\udcff is that byte, tests/server/central.py), 211001001-000001 as it is
server_control '{"answer":1,"path":"/api/3/action/package_show","body":"{\"success\":true,\"result\":{\"name\":\"328001001-000001\",\"title\":\"bad \udcff title\",\"extras\":[{\"key\":\"identifier\",\"value\":\"328001001/000001\"}]}}"}'
run gov-catalog pull 328001001/000001 211001001/000001
is "package_show not UTF-8: exit 1" "$RC" 1
is "package_show not UTF-8: said" "$ERR" "gov-catalog: 328001001-000001: package_show '328001001-000001': the central catalog's answer is not valid UTF-8"
is "package_show not UTF-8: rejected, the next one pulled" "$OUT" '{"type":"pull","code":"328001001-000001","name":"328001001-000001","action":"rejected","fields":[],"message":"package_show '"'328001001-000001'"': the central catalog'"'"'s answer is not valid UTF-8"}
{"type":"pull","code":"211001001/000001","name":"211001001-000001","action":"unchanged","fields":[]}'
gov-catalog export --format ndjson >after.jsonl
same_file "package_show not UTF-8: nothing stored" after.jsonl before.jsonl

# package_list with a name of the byte 0xFF: the list refused, exit 2
server_control '{"answer":1,"path":"/api/3/action/package_list","body":"{\"success\":true,\"result\":[\"bad-\udcff\"]}"}'
run gov-catalog pull
is "package_list not UTF-8: exit 2" "$RC" 2
is "package_list not UTF-8: said" "$ERR" "gov-catalog: package_list '': the central catalog's answer is not valid UTF-8"
is "package_list not UTF-8: no record" "$OUT" ""
gov-catalog export --format ndjson >after.jsonl
same_file "package_list not UTF-8: nothing stored" after.jsonl before.jsonl

# Answers in UTF-8 are as they were
run gov-catalog pull
is "then: pull exit 0" "$RC" 0
is "then: valid JSON Lines" "$(printf '%s\n' "$OUT" | /usr/bin/python3 -c 'import json,sys
for l in sys.stdin.buffer: json.loads(l.decode("utf-8"))
print("ok")' 2>&1 | tail -1)" ok

done_testing
