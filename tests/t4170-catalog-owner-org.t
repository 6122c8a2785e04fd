#!/bin/sh
# gov-catalog push: a CKAN that keeps no dataset outside an organization
# (ckan.auth.create_unowned_dataset false) refuses package_create without
# owner_org.  The organization is --owner-org, else the configuration's
# owner_org, so that a push from cron needs no flag; export --format ckan
# says the same organization.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/catalog

server_fast_retries
server_start
server_control '{"unowned": false}'
gov-catalog add "$S/entries.jsonl" >/dev/null

run gov-catalog push 102001001/000001
is "no organization: refused, exit 1" "$RC" 1
like "no organization: the field at fault named" "$OUT" \
	'"action":"rejected".*owner_org: An organization must be provided'

printf 'owner_org = tongliao-sjj\n' >>"$XDG_CONFIG_HOME/govkit/config"
run gov-catalog push
is "owner_org in the config: exit 0" "$RC" 0
is "owner_org in the config: 13 created" \
	"$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13
is "owner_org in the config: nothing on stderr" "$ERR" ""
run sh -c 'curl -sS "$GOVKIT_API/_packages" | /usr/bin/python3 -c "
import json, sys
print(sorted({json.loads(l)[\"organization\"][\"name\"] for l in sys.stdin}))"'
is "every package in the organization" "$OUT" "['tongliao-sjj']"
run gov-catalog push
is "pushed again: 13 unchanged" \
	"$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 13

run gov-catalog push --owner-org tongliao-zwfw 211001001/000001
is "the flag before the config" "$OUT" \
	'{"type":"push","code":"211001001/000001","name":"211001001-000001","action":"patched","fields":["owner_org"]}'

run gov-catalog export --format ckan
is "export ckan: exit 0" "$RC" 0
is "export ckan: the config's organization" \
	"$(printf '%s\n' "$OUT" | grep -c '"owner_org":"tongliao-sjj"')" 13
run gov-catalog export --format ckan --owner-org tongliao-zwfw
is "export ckan: the flag before the config" \
	"$(printf '%s\n' "$OUT" | grep -c '"owner_org":"tongliao-zwfw"')" 13

done_testing
