#!/bin/sh
# gov-catalog push and a package_create that reached the central catalog
# but whose answer was lost (the connection cut mid-answer, an answer
# later than the time-out): the package is made, the create is tried
# again, and the try is refused "That URL is already in use" (HTTP 409)
# for the package the first try made.  push called that a rejection: a
# "rejected" record, the message on standard error, exit 1, for a package
# that was there as sent.  Now a refused create asks package_show again:
# a package there holding this resource (its identifier extra) is this
# push's, "created" (patched to what was sent if it differs); one holding
# another resource is still refused.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
cat >"$XDG_CONFIG_HOME/govkit/config" <<'CFG'
http_backoff = 0.02
http_max_backoff = 0.1
http_timeout = 1
http_retries = 3
CFG
server_start

cat >e.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000001","name":"人口基本信息","provider":"市公安局","provider_code":"11150500115050024J","summary":"全市户籍人口","category":"基础信息资源/人口","format":"csv","items":[{"name":"姓名","type":"C","length":50}],"share_type":"unconditional","share_method":"api","open_type":"open","update_cycle":"daily","published":"2024-03-01"}
{"type":"entry","code":"101001001/000002","name":"法人基本信息","provider":"市市场监督管理局","provider_code":"11150500115050016P","summary":"全市法人","category":"基础信息资源/法人","format":"csv","items":[{"name":"名称","type":"C","length":200}],"share_type":"unconditional","share_method":"api","open_type":"open","update_cycle":"daily","published":"2024-03-01"}
EOF2
gov-catalog add e.jsonl >/dev/null

creates() {
	server_get /_requests | py -c '
import json, sys
print(" ".join(str(r["status"]) for r in map(json.loads, sys.stdin)
               if r["path"].startswith("/api/3/action/package_create")))'
}

# ---- the answer cut mid-way: made, tried again, refused as a duplicate
server_control '{"drop":1,"path":"/api/3/action/package_create"}'
run gov-catalog push 101001001/000001
is "answer cut: exit 0, nothing said" "$RC:$ERR" "0:"
is "answer cut: created" "$OUT" \
	'{"type":"push","code":"101001001/000001","name":"101001001-000001","action":"created","fields":[]}'
is "answer cut: the create made it, its retry refused" "$(creates)" "200 409"
is "answer cut: one package" "$(server_get /_packages | wc -l)" 1

# ---- a create held past the time-out before the catalog makes it (the
# reference server sleeps first): the retry makes it, the late one is
# refused to nobody; created, once
server_control '{"hang":1,"seconds":2,"path":"/api/3/action/package_create"}'
run gov-catalog push 101001001/000002
is "time-out: exit 0, nothing said" "$RC:$ERR" "0:"
is "time-out: created" "$OUT" \
	'{"type":"push","code":"101001001/000002","name":"101001001-000002","action":"created","fields":[]}'
is "time-out: two packages" "$(server_get /_packages | wc -l)" 2

# pushed again: nothing to change
run gov-catalog push
is "again: unchanged" "$RC:$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" "0:2"

# ---- a package of that name holding another resource, made between the
# show and the create: still refused, never patched
server_control '{"reset":true}'
server_control '{"packages":[{"name":"101001001-000001","title":"别的","extras":[{"key":"identifier","value":"101001001-000001"}]}],"answer":1,"status":404,"body":"{\"success\":false,\"error\":{\"__type\":\"Not Found Error\",\"message\":\"Not found\"}}","path":"/api/3/action/package_show"}'
run gov-catalog push 101001001/000001
is "another resource's package: exit 1" "$RC" 1
like "another resource's package: refused as a duplicate" "$OUT" \
	'"action":"rejected".*That URL is already in use'
is "another resource's package: left as it was" \
	"$(server_get /_packages | py -c 'import json,sys; print(json.loads(sys.stdin.readline())["title"])')" "别的"

done_testing
