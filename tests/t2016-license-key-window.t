#!/bin/sh
# gov-license: a trust entry's key validity window (not_before, not_after,
# both days included), judged at the license's issue_date as X.509's
# notBefore/notAfter are at the signing time.  A key retired on rollover
# keeps what it signed while valid; a license it signed after, or before
# the key was valid, is untrusted, the message saying which bound.  A
# malformed window refuses the trust file (exit 2).
. "$(dirname "$0")/lib.sh"
umask 022

A=11150500011505012H
gov-license keygen --alg sm2 old >/dev/null
gov-license keygen --alg ed25519 new >/dev/null
gov-license keygen --alg sm2 cap >/dev/null
keyid() { openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }
K_OLD=$(keyid old.pub)
K_NEW=$(keyid new.pub)
K_CAP=$(keyid cap.pub)

# mktrust OUT PUB|ALG|NOT_BEFORE|NOT_AFTER ...: a trust file of issuer $A,
# one entry per key; an empty bound is left out, "null" is JSON null, and
# anything else is written as it is (a JSON value).
mktrust() {
	out=$1; shift
	py - "$A" "$@" >"$out" <<'PY'
import hashlib, json, subprocess, sys
iss = []
for spec in sys.argv[2:]:
    pub, alg, nb, na = spec.split("|")
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub, "-outform", "DER"],
                         stdout=subprocess.PIPE, check=True).stdout
    e = {"code": sys.argv[1], "name": "通辽市市场监督管理局", "alg": alg,
         "key_id": hashlib.sha256(der).hexdigest(),
         "public_key": open(pub).read(), "license_types": ["营业执照"]}
    for k, v in (("not_before", nb), ("not_after", na)):
        if v:
            e[k] = json.loads(v)
    iss.append(e)
print(json.dumps({"issuers": iss}, ensure_ascii=False))
PY
}

# lic NO ISSUE_DATE: an unsigned license of issuer $A ("" leaves
# issue_date out).
lic() {
	py - "$@" <<'PY'
import json, sys
no, issued = sys.argv[1], sys.argv[2]
r = {"type": "license", "license_no": no, "license_type": "营业执照",
     "holder_name": "通辽市测试有限公司", "holder_id": "91150502MA0N000165",
     "holder_id_type": "uscc", "issuer_name": "通辽市市场监督管理局",
     "issuer_code": "11150500011505012H", "issue_date": issued,
     "valid_from": "2023-01-01", "valid_to": None, "status": "valid"}
if not issued:
    del r["issue_date"]
print(json.dumps(r, ensure_ascii=False))
PY
}
verdicts() { printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    bad = [c["check"] + ": " + c.get("message", "") for c in r["checks"] if c.get("ok") is False]
    print(r["license_no"], r["verdict"] + (" " + "; ".join(bad) if bad else ""))'; }

# The old key was rolled over to the new one on 2025-07-01; the new one is
# listed first, so the record's key, not the issuer's first entry, decides.
mktrust roll.json 'new.pub|ed25519|"2025-07-01"|' 'old.pub|sm2-sm3|"2024-01-01"|"2025-06-30"' \
	'cap.pub|sm2-sm3||"2024-12-31"'
{
	lic OLD-IN 2025-03-01 | gov-license sign --key old.key
	lic OLD-FIRST-DAY 2024-01-01 | gov-license sign --key old.key
	lic OLD-LAST-DAY 2025-06-30 | gov-license sign --key old.key
	lic OLD-AFTER 2025-09-01 | gov-license sign --key old.key
	lic OLD-BEFORE 2023-12-31 | gov-license sign --key old.key
	lic NEW-IN 2025-07-01 | gov-license sign --key new.key
	lic NEW-BEFORE 2025-06-30 | gov-license sign --key new.key
	lic CAP-IN 2023-05-01 | gov-license sign --key cap.key
	lic CAP-AFTER 2025-01-01 | gov-license sign --key cap.key
	lic OLD-NO-DATE "" | gov-license sign --key old.key
	lic UNSIGNED 2025-09-01
} >l.jsonl
run gov-license verify --trust roll.json --today "$T_TODAY" l.jsonl
is "key window: exit 1" "$RC" 1
is "key window: inside (bounds included) trusted, outside untrusted saying which bound" "$(verdicts)" \
"OLD-IN valid
OLD-FIRST-DAY valid
OLD-LAST-DAY valid
OLD-AFTER untrusted issuer-trust: key $K_OLD of issuer $A is valid from 2024-01-01 to 2025-06-30; the license was issued 2025-09-01, after its not_after
OLD-BEFORE untrusted issuer-trust: key $K_OLD of issuer $A is valid from 2024-01-01 to 2025-06-30; the license was issued 2023-12-31, before its not_before
NEW-IN valid
NEW-BEFORE untrusted issuer-trust: key $K_NEW of issuer $A is valid from 2025-07-01; the license was issued 2025-06-30, before its not_before
CAP-IN valid
CAP-AFTER untrusted issuer-trust: key $K_CAP of issuer $A is valid to 2024-12-31; the license was issued 2025-01-01, after its not_after
OLD-NO-DATE untrusted schema: issue_date missing; issuer-trust: key $K_OLD of issuer $A is valid from 2024-01-01 to 2025-06-30; the license has no usable issue_date to judge it by
UNSIGNED untrusted signature: record is not signed (no signature member)"
like "key window: the signature is skipped as for an issuer not trusted" \
	"$(printf '%s\n' "$OUT" | grep '"OLD-AFTER"')" '"check":"signature","skipped":"issuer not trusted"'

# Without a window (or with null bounds) every key is trusted at any date,
# as before.
mktrust open.json 'new.pub|ed25519||' 'old.pub|sm2-sm3|null|null' 'cap.pub|sm2-sm3||'
run gov-license verify --trust open.json --today "$T_TODAY" l.jsonl
is "no window, or null bounds: as before" "$(verdicts)" \
"OLD-IN valid
OLD-FIRST-DAY valid
OLD-LAST-DAY valid
OLD-AFTER valid
OLD-BEFORE valid
NEW-IN valid
NEW-BEFORE valid
CAP-IN valid
CAP-AFTER valid
OLD-NO-DATE invalid schema: issue_date missing
UNSIGNED untrusted signature: record is not signed (no signature member)"

# ---- a malformed window refuses the trust file, naming file and entry
bad() {
	desc=$1 nb=$2 na=$3 want=$4
	mktrust bad.json 'new.pub|ed25519||' "old.pub|sm2-sm3|$nb|$na"
	run gov-license verify --trust bad.json --today "$T_TODAY" l.jsonl
	is "$desc: exit 2" "$RC" 2
	is "$desc: message" "$ERR" "gov-license: bad.json: issuers[1]: $want"
	is "$desc: no verdicts" "$OUT" ""
}
bad "not_before not a real date" '"2025-02-30"' '' "not_before '2025-02-30' is not a real date (YYYY-MM-DD)"
bad "not_after not ISO" '' '"2025/06/30"' "not_after '2025/06/30' is not a real date (YYYY-MM-DD)"
bad "not_after with a time" '' '"2025-06-30T00:00:00Z"' "not_after '2025-06-30T00:00:00Z' is not a real date (YYYY-MM-DD)"
bad "not_before empty" '""' '' "not_before '' is not a real date (YYYY-MM-DD)"
bad "not_before a number" '20240101' '' "not_before must be a date (YYYY-MM-DD) or null"
bad "not_before after not_after" '"2025-07-01"' '"2025-06-30"' "not_before 2025-07-01 is after not_after 2025-06-30"
mktrust one-day.json 'old.pub|sm2-sm3|"2025-06-30"|"2025-06-30"'
run gov-license verify --trust one-day.json --today "$T_TODAY" l.jsonl
like "a window of one day is a window" "$(verdicts)" "^OLD-LAST-DAY valid\$"

done_testing
