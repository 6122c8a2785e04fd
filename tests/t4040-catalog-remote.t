#!/bin/sh
# gov-catalog push / pull against the reference CKAN server: package_show
# first, then package_create or package_patch (never package_update), the
# token in the Authorization header, CKAN refusals as clear messages, and a
# failed push leaves the local catalog as it was.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

server_fast_retries

run gov-catalog push
is "no API configured: exit 2" "$RC" 2
like "no API configured: says how" "$ERR" "no central API configured"

server_start
gov-catalog add "$S/entries.jsonl" >/dev/null

run gov-catalog push
is "push: exit 0" "$RC" 0
is "push: 13 created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13
is "push: nothing on stderr" "$ERR" ""
server_get /_packages >packages.jsonl
is "server: 13 packages" "$(wc -l <packages.jsonl)" 13
cat >check.py <<'PY'
import json
for line in open("packages.jsonl"):
    p = json.loads(line)
    x = {e["key"]: e["value"] for e in p["extras"]}
    if x["identifier"] == "102001001/000001":
        print(p["name"], p["title"], x["share_type"], x["update_cycle"])
PY
run py check.py
is "server: slug name, code as identifier extra" "$OUT" "102001001-000001 企业登记信息 unconditional daily"
server_requests >req1.jsonl
cat >check.py <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
print(" ".join(sorted({r["method"] + " " + r["path"].rsplit("/", 1)[1] for r in reqs})))
print(reqs[0]["path"], reqs[1]["path"], {r["auth"] for r in reqs})
PY
run py check.py req1.jsonl
is "push: package_show then package_create, token sent" "$OUT" "GET package_show POST package_create
/api/3/action/package_show /api/3/action/package_create {'ok'}"

# Pull into another database: the same catalog comes back.
run gov-catalog --db other.db pull
is "pull: exit 0" "$RC" 0
is "pull: 13 created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13
run gov-catalog --db other.db export --format ndjson
is "pull: the same entries" "$OUT" "$(gov-catalog export --format ndjson)"
run gov-catalog --db other.db history 323001001/000001
like "pull: audited" "$OUT" '"action":"pull"'

# Another system adds an extra on the central side; it must survive.
cat >patch.json <<'EOF2'
{"id":"102001001-000001","extras":[{"key":"identifier","value":"102001001/000001"},{"key":"provider","value":"市市场监督管理局"},{"key":"provider_code","value":"11150500115050016P"},{"key":"category","value":"基础信息资源/法人单位基础信息资源"},{"key":"format","value":"csv"},{"key":"share_type","value":"unconditional"},{"key":"share_method","value":"api"},{"key":"open_type","value":"open"},{"key":"update_cycle","value":"daily"},{"key":"published","value":"2024-03-15"},{"key":"items","value":"[]"},{"key":"platform_note","value":"自治区平台已挂接"}]}
EOF2
/usr/bin/curl -sS -o /dev/null -H "Authorization: Bearer $SERVER_TOKEN" \
	-H 'Content-Type: application/json' --data-binary @patch.json \
	"$GOVKIT_API/api/3/action/package_patch"

# A second push that changes one field: a package_patch of what changed.
printf '%s\n' '{"code":"102001001/000001","summary":"全市市场主体登记信息（每日更新）"}' | gov-catalog add >/dev/null
n_before=$(server_requests | wc -l)
run gov-catalog push
is "second push: exit 0" "$RC" 0
is "second push: one patched" "$(printf '%s\n' "$OUT" | grep '"action":"patched"')" '{"type":"push","code":"102001001/000001","name":"102001001-000001","action":"patched","fields":["notes","extras.items"]}'
is "second push: the rest unchanged" "$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 12
server_requests | tail -n +$((n_before + 1)) >req2.jsonl
run py check.py req2.jsonl
like "second push: package_patch, never package_update" "$OUT" "^GET package_show POST package_patch$"
unlike "no package_update anywhere" "$(cat req1.jsonl req2.jsonl)" 'package_update'
cat >check.py <<'PY'
import json
for line in open("packages.jsonl"):
    p = json.loads(line)
    x = {e["key"]: e["value"] for e in p["extras"]}
    if x["identifier"] == "102001001/000001":
        print(p["notes"], x.get("platform_note"), len(json.loads(x["items"])), p["title"])
PY
server_get /_packages >packages.jsonl
run py check.py
is "server: new notes, foreign extra kept, items restored" "$OUT" "全市市场主体登记信息（每日更新） 自治区平台已挂接 7 企业登记信息"
run gov-catalog push 102001001/000001
is "third push: unchanged" "$OUT" '{"type":"push","code":"102001001/000001","name":"102001001-000001","action":"unchanged","fields":[]}'

# An entry that fails validation is not published: its findings are
# printed and the central catalog never sees it.  (Such a code would also
# make the same CKAN name as 101001001/000001.)
printf '%s\n' '{"code":"101001001-000001","name":"同名冲突"}' | gov-catalog add >/dev/null
run gov-catalog push 101001001-000001
is "invalid entry: exit 1" "$RC" 1
is "invalid entry: not pushed, and why" "$ERR" "gov-catalog: 101001001-000001: not pushed: 12 validation errors (see gov-catalog validate)"
like "invalid entry: its findings printed" "$OUT" '"type":"finding".*"check":"resource-code"'
unlike "invalid entry: no push record" "$OUT" '"type":"push"'


# A change made centrally comes back with pull, audited.
printf '%s\n' '{"id":"328001001-000001","title":"地面气象观测数据（逐小时）"}' >patch2.json
/usr/bin/curl -sS -o /dev/null -H "Authorization: Bearer $SERVER_TOKEN" \
	-H 'Content-Type: application/json' --data-binary @patch2.json \
	"$GOVKIT_API/api/3/action/package_patch"
run gov-catalog --user sync pull 328001001/000001
is "pull one: updated" "$OUT" '{"type":"pull","code":"328001001/000001","name":"328001001-000001","action":"updated","fields":["name"]}'
run gov-catalog history 328001001/000001
like "pull: who and what" "$(printf '%s\n' "$OUT" | tail -1)" '"action":"pull","who":"sync",.*"changes":\{"name":\{"from":"地面气象观测数据","to":"地面气象观测数据（逐小时）"\}\}'
run gov-catalog pull 999001001/000001
is "pull unknown: exit 1" "$RC" 1
like "pull unknown: CKAN's message" "$ERR" "package_show '999001001-000001' refused by the central catalog \(HTTP 404\): Not Found Error: Not found"

# A failed push leaves the local catalog as it was.
printf '%s\n' '{"code":"211001001/000001","update_cycle":"daily"}' | gov-catalog add >/dev/null
gov-catalog export --format ndjson >before.jsonl
gov-catalog history 211001001/000001 >hist-before.jsonl
GOVKIT_TOKEN=wrong-token run gov-catalog push
is "bad token: exit 1" "$RC" 1
like "bad token: clear message" "$ERR" "gov-catalog: 211001001/000001: package_patch '211001001-000001' refused by the central catalog \(HTTP 403\): Authorization Error: Access denied \(check the token"
unlike "bad token: the token is not printed" "$ERR$OUT" "wrong-token"
like "bad token: a rejected record" "$OUT" '"code":"211001001/000001","name":"211001001-000001","action":"rejected"'
gov-catalog export --format ndjson >after.jsonl
gov-catalog history 211001001/000001 >hist-after.jsonl
same_file "failed push: catalog unchanged" after.jsonl before.jsonl
same_file "failed push: history unchanged" hist-after.jsonl hist-before.jsonl
server_get /_packages >packages.jsonl
cat >check.py <<'PY'
import json
for line in open("packages.jsonl"):
    p = json.loads(line)
    x = {e["key"]: e["value"] for e in p["extras"]}
    if x["identifier"] == "211001001/000001":
        print(x["update_cycle"])
PY
run py check.py
is "failed push: the server unchanged" "$OUT" "realtime"

# The catalog is down: retries, then exit 2; nothing changes locally.
server_control '{"fail":100,"status":503}'
run gov-catalog push 211001001/000001
is "server down: exit 2" "$RC" 2
like "server down: message" "$ERR" "central catalog unavailable for package_show '211001001-000001'"
server_control '{"fail":0}'
server_stop
run gov-catalog pull
is "server gone: exit 2" "$RC" 2
like "server gone: message" "$ERR" "unable to reach the central catalog"
gov-catalog export --format ndjson >after.jsonl
same_file "server gone: catalog unchanged" after.jsonl before.jsonl

# Once the server is back, the push goes through.
server_start
run gov-catalog push 211001001/000001
is "server back: patched" "$OUT" '{"type":"push","code":"211001001/000001","name":"211001001-000001","action":"patched","fields":["extras.update_cycle"]}'

# A package with an extra without a key (not CKAN's, but a central
# catalog may send one): push patches it, that extra dropped and named
# "extras" (find_extra's strcmp of the NULL key: a crash)
printf '%s\n' '{"id":"339001001-000001","extras":[{"value":"no key"}]}' >patch3.json
/usr/bin/curl -sS -o /dev/null -H "Authorization: Bearer $SERVER_TOKEN" \
	-H 'Content-Type: application/json' --data-binary @patch3.json \
	"$GOVKIT_API/api/3/action/package_patch"
run gov-catalog push 339001001/000001
is "keyless extra: exit 0" "$RC" 0
like "keyless extra: patched, the extras named" "$OUT" \
	'^\{"type":"push","code":"339001001/000001","name":"339001001-000001","action":"patched","fields":\["extras.identifier",.*,"extras"\]\}$'
server_get /_packages >packages.jsonl
unlike "keyless extra: dropped on the server" "$(grep 339001001-000001 packages.jsonl)" 'no key'

# A package with neither an identifier nor a name (asked for by its id)
# has nothing to be stored as: it is refused, named as it was asked for
# (its code was NULL: "gov-catalog: (null): entry without a code", exit 2)
server_control '{"packages":[{"id":"nameless-1","title":"无名"}]}'
run gov-catalog pull nameless-1
is "pull nameless: exit 1" "$RC" 1
is "pull nameless: said" "$ERR" "gov-catalog: nameless-1: package_show 'nameless-1': the central catalog's answer holds no package with a name"
is "pull nameless: a rejected record" "$OUT" '{"type":"pull","code":"nameless-1","name":"nameless-1","action":"rejected","fields":[],"message":"package_show '"'nameless-1'"': the central catalog'"'"'s answer holds no package with a name"}'

# A name with a space, '&' and '#' is one query value (it went into the
# URL as it was: "unable to reach the central catalog", exit 2)
server_control '{"packages":[{"id":"odd-1","name":"odd name&x=1#y","title":"奇名"}]}'
run gov-catalog pull
printf '%s\n' "$OUT" >odd.jsonl
like "pull with an odd name listed: that package asked for and stored" "$(grep '"odd' odd.jsonl)" \
	'"type":"pull","code":"odd name&x=1#y","name":"odd name&x=1#y","action":"created"'

# The central catalog's words reach the terminal without control
# characters: its ESC [31m is " [31m"
server_control '{"answer":1,"status":409,"body":"{\"success\":false,\"error\":{\"__type\":\"Validation Error\",\"name\":[\"taken\\u001b[31m\"]}}"}'
run gov-catalog push 211001001/000001
ok "control characters: push refused (exit $RC)" test "$RC" -ge 1
like "control characters: the message as spaces" "$ERR" 'taken \[31m'
unlike "control characters: no ESC on stderr" "$ERR" "$(printf '\033')"

# Every answer cut short: no answer after the retries, and the part of a
# body that came is freed (it was not: a LeakSanitizer report)
server_control '{"drop":100}'
run gov-catalog pull 211001001/000001
is "answers cut short: exit 2" "$RC" 2
like "answers cut short: message" "$ERR" "gov-catalog: unable to reach the central catalog: GET /api/3/action/package_show\?id=211001001-000001: "
server_control '{"drop":0}'

done_testing
