#!/bin/sh
# gov-license verify: the check character of a GB/T 36904 license
# identifier (ISO 7064 MOD 37,36) is computed over the type, issuer,
# serial and version, not over the arc 1.2.156.3005.2 in front of them:
# identifiers issued on the national platform (the example of the national
# standard of 建筑施工企业安全生产管理人员考核合格证书, appendix A.2, and
# licenses in use in several provinces) must pass, and the same ones with
# the check character computed over the arc too must fail.
. "$(dirname "$0")/lib.sh"

# lid_check LICENSE_ID: verdict|ok|message of the license-id check of an
# unsigned record whose issuer_code is the identifier's issuer part.
lid_check() {
	issuer=$(printf '%s' "$1" | cut -d. -f7)
	printf '{"type":"license","license_no":"L","license_type":"t","holder_name":"h","holder_id":"91110000600037341L","holder_id_type":"uscc","issuer_name":"i","issuer_code":"%s","issue_date":"2024-01-01","valid_from":"2024-01-01","valid_to":null,"status":"valid","license_id":"%s"}\n' "$issuer" "$1" >one.jsonl
	gov-license verify --format ndjson --today "$T_TODAY" one.jsonl |
	py -c '
import json, sys
r = json.load(sys.stdin)
c = {c["check"]: c for c in r["checks"]}["license-id"]
print("%s|%s" % (c.get("ok"), c.get("message", "")))'
}

for id in \
	1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S \
	1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U \
	1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F \
	1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0 \
	1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3
do
	is "issued identifier $id passes" "$(lid_check "$id")" "True|"
done

# The same identifiers with the check character over the arc as well
# (what an earlier version wanted) are wrong.
is "check character over the arc too: refused" \
	"$(lid_check 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.5)" \
	"False|check character is 5, expected S"
is "check character over the arc too: refused (2)" \
	"$(lid_check 1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.W)" \
	"False|check character is W, expected F"

done_testing
