#!/bin/sh
# A trust file's public key as DER SubjectPublicKeyInfo, the way other
# provinces' systems hand it out: a binary .der file (openssl pkey -pubout
# -outform DER) as public_key_file, or its base64 (Java's
# PublicKey.getEncoded(), "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE...") or hex
# as public_key; SM2 and Ed25519; licenses signed by the openssl command
# line verify against each.  Before, each was refused as "neither PEM nor
# an SM2 point".  A DER key of another algorithm is refused by name.
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip_all "no openssl command line"

openssl genpkey -algorithm SM2 -out sm2.key 2>/dev/null
openssl pkey -in sm2.key -pubout -outform DER -out sm2.der
openssl genpkey -algorithm ED25519 -out ed.key
openssl pkey -in ed.key -pubout -outform DER -out ed.der
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256.key
openssl pkey -in p256.key -pubout -outform DER -out p256.der

# trust FORM FILE ALG: a trust file with that key given in FORM (file, b64,
# hex), key_id worked out by Python from the DER bytes.
trust() {
	py - "$@" <<'PY'
import base64, hashlib, json, sys
form, f, alg = sys.argv[1:]
der = open(f, "rb").read()
e = {"code": "11150500011505012H", "name": "通辽市市场监督管理局", "alg": alg,
     "key_id": hashlib.sha256(der).hexdigest(), "license_types": ["营业执照"]}
if form == "file":
    e["public_key_file"] = f
elif form == "b64":
    e["public_key"] = base64.b64encode(der).decode()
else:
    e["public_key"] = der.hex().upper()
print(json.dumps({"issuers": [e]}, ensure_ascii=False))
PY
}

verdict() { printf '%s\n' "$1" | py -c '
import json, sys
print(" ".join(json.loads(l)["verdict"] for l in sys.stdin if l.strip()))'; }

cat >lic.jsonl <<'EOF'
{"type":"license","license_no":"TL-1","license_type":"营业执照","holder_name":"通辽市测试有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}
EOF
gov-license canon lic.jsonl | head -c -1 >bytes
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in bytes -out sm2.sig
openssl pkeyutl -sign -inkey ed.key -rawin -in bytes -out ed.sig
# signed SIG ALG DER: lic.jsonl with the signature openssl made
signed() {
	py - "$1" "$2" "$3" <<'PY'
import base64, hashlib, json, sys
sig, alg, der = sys.argv[1:]
r = json.load(open("lic.jsonl"))
r["signature"] = {"alg": alg, "key_id": hashlib.sha256(open(der, "rb").read()).hexdigest(),
                  "value": base64.b64encode(open(sig, "rb").read()).decode()}
print(json.dumps(r, ensure_ascii=False))
PY
}
signed sm2.sig sm2-sm3 sm2.der >sm2.jsonl
signed ed.sig ed25519 ed.der >ed.jsonl

for form in file b64 hex; do
	trust $form sm2.der sm2-sm3 >t-sm2-$form.json
	trust $form ed.der ed25519 >t-ed-$form.json
	run gov-license verify --trust t-sm2-$form.json --today "$T_TODAY" sm2.jsonl
	is "sm2 DER SubjectPublicKeyInfo ($form): valid, exit 0" \
		"$(verdict "$OUT"):$RC:$ERR" "valid:0:"
	run gov-license verify --trust t-ed-$form.json --today "$T_TODAY" ed.jsonl
	is "ed25519 DER SubjectPublicKeyInfo ($form): valid, exit 0" \
		"$(verdict "$OUT"):$RC:$ERR" "valid:0:"
done

# The key is the issuer's: another key's DER is a signature failure, not
# a pass.
trust b64 ed.der ed25519 >t-other.json
signed ed.sig ed25519 ed.der | sed 's/"TL-1"/"TL-2"/' >changed.jsonl
run gov-license verify --trust t-other.json --today "$T_TODAY" changed.jsonl
is "DER key, record changed after signing: untrusted, exit 1" \
	"$(verdict "$OUT"):$RC" "untrusted:1"

# A DER key of another algorithm, or DER cut short, is refused by name.
trust file p256.der sm2-sm3 >t-p256.json
run gov-license verify --trust t-p256.json --today "$T_TODAY" sm2.jsonl
is "P-256 DER key: exit 2, nothing printed" "$RC:$OUT" "2:"
is "P-256 DER key: message" "$ERR" \
	"gov-license: t-p256.json: issuers[0]: public key is neither SM2 nor Ed25519"
head -c 80 sm2.der >cut.der
trust b64 cut.der sm2-sm3 >t-cut.json
run gov-license verify --trust t-cut.json --today "$T_TODAY" sm2.jsonl
is "DER key cut short: exit 2" "$RC" 2
is "DER key cut short: message" "$ERR" \
	"gov-license: t-cut.json: issuers[0]: public key is neither PEM nor an SM2 point (04||X||Y, X||Y or 02/03||X) in hex or base64, nor a DER SubjectPublicKeyInfo (binary, hex or base64)"

done_testing
