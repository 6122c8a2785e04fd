#!/bin/sh
# gov-catalog push against a central catalog that stores packages as CKAN
# does: a push of a catalog that has not changed changes nothing there.
# CKAN cleans a resource's format to its own spelling ("csv" is kept as
# "CSV"); push took that for a change and sent a package_patch of the
# resources for every CSV or XLSX entry on every run (a new
# metadata_modified each time, which harvesters take for a new version).
# CKAN keeps owner_org as the organization's id, whatever name it was
# given by: push --owner-org NAME patched owner_org on every run.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

server_fast_retries
server_start
gov-catalog add "$S/entries.jsonl" >/dev/null

run gov-catalog push
is "first push: 13 created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13
server_get /_packages >packages.jsonl
run py -c '
import json
print(sorted({p["resources"][0]["format"] for p in map(json.loads, open("packages.jsonl"))}))'
is "the server keeps formats as CKAN does" "$OUT" "['CSV', 'XLSX', 'api', '数据库表']"

n_before=$(server_requests | wc -l)
run gov-catalog push
is "second push: exit 0" "$RC" 0
is "second push: all 13 unchanged" "$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 13
is "second push: only package_show asked" \
	"$(server_requests | tail -n +$((n_before + 1)) | grep -c 'package_show')" 13
is "second push: nothing sent" \
	"$(server_requests | tail -n +$((n_before + 1)) | grep -vc 'package_show')" 0

# A real change of format is still sent.
printf '%s\n' '{"code":"102001001/000001","format":"xlsx"}' | gov-catalog add >/dev/null
run gov-catalog push 102001001/000001
is "a new format: patched" "$OUT" '{"type":"push","code":"102001001/000001","name":"102001001-000001","action":"patched","fields":["extras.format","resources"]}'
run gov-catalog push 102001001/000001
like "then unchanged" "$OUT" '"action":"unchanged"'

# --owner-org names the organization; CKAN answers with its id.
run gov-catalog push --owner-org tongliao-sjj
is "owner_org given: 13 patched" "$(printf '%s\n' "$OUT" | grep -c '"action":"patched","fields":\["owner_org"\]')" 13
server_get /_packages >packages.jsonl
run py -c '
import json
print({(p["owner_org"] != "tongliao-sjj", p["organization"]["name"]) for p in map(json.loads, open("packages.jsonl"))})'
is "the server keeps the organization's id" "$OUT" "{(True, 'tongliao-sjj')}"
n_before=$(server_requests | wc -l)
run gov-catalog push --owner-org tongliao-sjj
is "the same organization again: 13 unchanged" "$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 13
is "the same organization again: nothing sent" \
	"$(server_requests | tail -n +$((n_before + 1)) | grep -vc 'package_show')" 0
run gov-catalog push --owner-org tongliao-zwfw 211001001/000001
is "another organization: patched" "$OUT" '{"type":"push","code":"211001001/000001","name":"211001001-000001","action":"patched","fields":["owner_org"]}'
run gov-catalog push --owner-org tongliao-zwfw 211001001/000001
like "then unchanged" "$OUT" '"action":"unchanged"'

done_testing
