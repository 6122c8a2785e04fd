#!/bin/sh
# An issuer's X.509 certificate where the trust file wants its public key
# (public_key, or public_key_file in PEM or DER): refused (exit 2) by
# name, with the openssl command that gives the key.  Before, a PEM
# certificate was "not a PEM public key: ... DECODER routines::unsupported"
# and a DER one "neither PEM nor an SM2 point".  The certificate's dates
# and issuer are not the trust file's to judge silently: the key is taken
# only as a key, its window as not_before and not_after.
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip_all "no openssl command line"

openssl genpkey -algorithm SM2 -out sm2.key 2>/dev/null
openssl req -new -x509 -key sm2.key -sm3 -sigopt distid:1234567812345678 \
	-subj "/CN=amr" -days 365 -out sm2.crt 2>/dev/null
openssl x509 -in sm2.crt -outform DER -out sm2.cer
openssl genpkey -algorithm ED25519 -out ed.key
openssl req -new -x509 -key ed.key -subj "/CN=ga" -days 365 -out ed.crt

# trust MEMBER VALUE ALG KEYSOURCE
trust() {
	py - "$@" <<'PY'
import hashlib, json, subprocess, sys
member, value, alg, src = sys.argv[1:]
der = subprocess.run(["openssl", "pkey", "-in", src, "-pubout", "-outform", "DER"],
                     stdout=subprocess.PIPE, check=True).stdout
e = {"code": "11150500011505012H", "name": "amr", "alg": alg,
     "key_id": hashlib.sha256(der).hexdigest(), "license_types": ["营业执照"],
     member: open(value).read() if member == "public_key" else value}
print(json.dumps({"issuers": [e]}, ensure_ascii=False))
PY
}
echo '{"type":"license","license_no":"TL-1","license_type":"营业执照","holder_name":"x","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"x","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}' >lic.jsonl

WHY="public key is an X.509 certificate, not a public key: give the key it holds (openssl x509 -in CERT -pubkey -noout) and, for its validity, not_before and not_after (openssl x509 -in CERT -noout -dates)"
trust public_key sm2.crt sm2-sm3 sm2.key >t1.json
run gov-license verify --trust t1.json --today "$T_TODAY" lic.jsonl
is "PEM certificate in public_key: exit 2, nothing out" "$RC:$OUT" "2:"
is "PEM certificate in public_key: message" "$ERR" "gov-license: t1.json: issuers[0]: $WHY"
trust public_key_file sm2.crt sm2-sm3 sm2.key >t2.json
run gov-license verify --trust t2.json --today "$T_TODAY" lic.jsonl
is "PEM certificate as public_key_file: message, exit 2" "$RC:$ERR" "2:gov-license: t2.json: issuers[0]: $WHY"
trust public_key_file sm2.cer sm2-sm3 sm2.key >t3.json
run gov-license verify --trust t3.json --today "$T_TODAY" lic.jsonl
is "DER certificate as public_key_file: message, exit 2" "$RC:$ERR" "2:gov-license: t3.json: issuers[0]: $WHY"
trust public_key ed.crt ed25519 ed.key >t4.json
run gov-license verify --trust t4.json --today "$T_TODAY" lic.jsonl
is "Ed25519 certificate: message, exit 2" "$RC:$ERR" "2:gov-license: t4.json: issuers[0]: $WHY"

# As the message says: the key it holds is taken.
openssl x509 -in sm2.crt -pubkey -noout >sm2.pub
trust public_key sm2.pub sm2-sm3 sm2.key >t5.json
gov-license sign --key sm2.key lic.jsonl >signed.jsonl
run gov-license verify --trust t5.json --today "$T_TODAY" signed.jsonl
like "the key from openssl x509 -pubkey: valid" "$RC:$OUT" '^0:.*"verdict":"valid"'

done_testing
