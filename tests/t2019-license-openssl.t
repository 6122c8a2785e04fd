#!/bin/sh
# A license signed by gov-license verifies with the openssl command line
# alone, and one signed by openssl verifies in gov-license, as
# gov-license(1) Signatures tells a third party to do it: over RFC 8785
# bytes with Chinese text, numbers JCS rewrites (1.0, 1e21, -0, an integer
# past 2^53), escapes, member names sorted as UTF-16, nested objects; SM2
# with SM3 and -pkeyopt distid:1234567812345678, the value base64 of DER;
# Ed25519.  And the ways such a signer goes wrong are named in the message
# (still untrusted): a newline signed after the bytes, SM2 without distid
# (OpenSSL's empty user ID), base64 broken over lines (r and s side by
# side, once refused, verify: t2020).  Before, each said only that the
# record was changed or the signature altered, or that the value was not
# base64.
. "$(dirname "$0")/lib.sh"
umask 022
command -v openssl >/dev/null || skip_all "no openssl command line"

A=11150500011505012H
keyid() { openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -c1-64; }
openssl genpkey -algorithm SM2 -out sm2.key 2>/dev/null
openssl pkey -in sm2.key -pubout -out sm2.pub
openssl genpkey -algorithm ED25519 -out ed.key
openssl pkey -in ed.key -pubout -out ed.pub
KS=$(keyid sm2.pub)
KE=$(keyid ed.pub)
py - "$KS" "$KE" >trust.json <<'PY'
import json, sys
e = lambda kid, alg, pub: {"code": "11150500011505012H", "name": "通辽市市场监督管理局",
    "key_id": kid, "alg": alg, "public_key": open(pub).read(), "license_types": ["营业执照"]}
print(json.dumps({"issuers": [e(sys.argv[1], "sm2-sm3", "sm2.pub"),
                              e(sys.argv[2], "ed25519", "ed.pub")]}, ensure_ascii=False))
PY

# The license, as an issuer might write it, and its signed bytes worked out
# by hand from RFC 8785.
cat >lic.jsonl <<'EOF'
{"type":"license","license_no":"TL-YYZZ-2024-0101","license_type":"营业执照","holder_name":"通辽市\"草原\"乳业\\有限公司\n分公司\u0001\/","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid","extra":{"z":[1.0,1e21,-0,9007199254740993,1E-7,0.0000010,100e-2],"\ud83d\ude00":"astral","\ufb01":"fi","é":{"b":true,"a":null,"signature":"kept"},"":[]}}
EOF
cat >want.bytes <<'EOF'
{"extra":{"":[],"z":[1,1e+21,0,9007199254740992,1e-7,0.000001,1],"é":{"a":null,"b":true,"signature":"kept"},"😀":"astral","ﬁ":"fi"},"holder_id":"91150502MA0N000165","holder_id_type":"uscc","holder_name":"通辽市\"草原\"乳业\\有限公司\n分公司\u0001/","issue_date":"2024-03-01","issuer_code":"11150500011505012H","issuer_name":"通辽市市场监督管理局","license_no":"TL-YYZZ-2024-0101","license_type":"营业执照","status":"valid","type":"license","valid_from":"2024-03-01","valid_to":null}
EOF
run gov-license canon lic.jsonl
printf '%s\n' "$OUT" >got.bytes
same_file "canon: the RFC 8785 bytes worked out by hand" got.bytes want.bytes
head -c -1 want.bytes >signed-bytes # no newline is signed

# value FILE: the signature value of the license in FILE, decoded
value() { py -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["signature"]["value"])' "$1" |
	openssl base64 -d -A; }

# ---- signed by gov-license, verified by openssl
gov-license sign --key sm2.key lic.jsonl >gs.jsonl
gov-license sign --key ed.key lic.jsonl >ge.jsonl
is "sign sm2: key_id is openssl's sha256 of the DER public key" \
	"$(py -c 'import json, sys; print(json.load(open(sys.argv[1]))["signature"]["key_id"])' gs.jsonl)" "$KS"
value gs.jsonl >gs.sig
value ge.jsonl >ge.sig
run openssl pkeyutl -verify -pubin -inkey sm2.pub -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in signed-bytes -sigfile gs.sig
is "sm2-sm3 by gov-license: openssl pkeyutl with distid verifies" "$OUT:$RC" "Signature Verified Successfully:0"
run openssl dgst -sm3 -verify sm2.pub -sigopt distid:1234567812345678 \
	-signature gs.sig signed-bytes
is "sm2-sm3 by gov-license: openssl dgst -sm3 with distid verifies" "$OUT:$RC" "Verified OK:0"
run openssl pkeyutl -verify -pubin -inkey sm2.pub -rawin -digest sm3 \
	-in signed-bytes -sigfile gs.sig
is "sm2-sm3 by gov-license: not without distid (OpenSSL's empty ID)" "$RC" 1
ok "sm2-sm3 by gov-license: the value is DER, a SEQUENCE" \
	sh -c 'openssl asn1parse -inform DER -in gs.sig | grep -c "INTEGER" | grep -qx 2'
run openssl pkeyutl -verify -pubin -inkey ed.pub -rawin -in signed-bytes -sigfile ge.sig
is "ed25519 by gov-license: openssl pkeyutl verifies" "$OUT:$RC" "Signature Verified Successfully:0"
is "ed25519 by gov-license: 64 bytes" "$(wc -c <ge.sig | tr -d ' ')" 64
run gov-license canon gs.jsonl
is "canon of the signed license: the same bytes" "$OUT" "$(cat want.bytes)"

# ---- signed by openssl, verified by gov-license
# signed SIGFILE ALG KEYID: lic.jsonl with that signature, laid out by Python
# (member order and escapes are not the canonical ones: the verifier
# recomputes the bytes).
signed() {
	py - "$2" "$3" "$(openssl base64 -A -in "$1")" <<'PY'
import json, sys
r = json.load(open("lic.jsonl"))
r["signature"] = {"value": sys.argv[3], "key_id": sys.argv[2], "alg": sys.argv[1]}
print(json.dumps(r))
PY
}
verdict() { printf '%s\n' "$1" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    bad = [c.get("message", "") for c in r["checks"] if c.get("ok") is False]
    print(r["verdict"] + (": " + "; ".join(bad) if bad else ""))'; }
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in signed-bytes -out os.sig
openssl dgst -sm3 -sign sm2.key -sigopt distid:1234567812345678 \
	-out od.sig signed-bytes
openssl pkeyutl -sign -inkey ed.key -rawin -in signed-bytes -out oe.sig
signed os.sig sm2-sm3 "$KS" >os.jsonl
signed od.sig sm2-sm3 "$KS" >od.jsonl
signed oe.sig ed25519 "$KE" >oe.jsonl
run gov-license verify --trust trust.json --today "$T_TODAY" os.jsonl od.jsonl oe.jsonl ge.jsonl gs.jsonl
is "openssl pkeyutl sm2, dgst -sm3, pkeyutl ed25519; gov-license's own: valid" \
	"$(verdict "$OUT"):$RC" "valid
valid
valid
valid
valid:0"

# ---- a signer's mistakes, each named; none accepted
printf '\n' | cat signed-bytes - >line-bytes # a line of canon, as printed
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in line-bytes -out m1.sig
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 -in signed-bytes -out m2.sig
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 -in line-bytes -out m3.sig
py - os.sig m4.sig <<'PY'
import sys
d = open(sys.argv[1], "rb").read()  # SEQUENCE { INTEGER r, INTEGER s }
i, raw = 2, b""
for _ in range(2):
    n = d[i + 1]
    raw += int.from_bytes(d[i + 2:i + 2 + n], "big").to_bytes(32, "big")
    i += 2 + n
open(sys.argv[2], "wb").write(raw)
PY
openssl pkeyutl -sign -inkey ed.key -rawin -in line-bytes -out m5.sig
{
	signed m1.sig sm2-sm3 "$KS"
	signed m2.sig sm2-sm3 "$KS"
	signed m3.sig sm2-sm3 "$KS"
	signed m4.sig sm2-sm3 "$KS"
	signed m5.sig ed25519 "$KE"
	# openssl base64 without -A: broken after 64 characters
	py - "$KS" "$(openssl base64 -in os.sig)" <<'PY'
import json, sys
r = json.load(open("lic.jsonl"))
r["signature"] = {"alg": "sm2-sm3", "key_id": sys.argv[1], "value": sys.argv[2]}
print(json.dumps(r))
PY
	# a signature of other bytes: the message as before
	signed gs.sig sm2-sm3 "$KS" | sed 's/TL-YYZZ-2024-0101/TL-YYZZ-2024-0102/'
} >mistakes.jsonl
run gov-license verify --trust trust.json --today "$T_TODAY" mistakes.jsonl
is "mistakes: exit 1" "$RC" 1
is "mistakes: each named, each untrusted (r and s side by side verify: t2020)" "$(verdict "$OUT")" \
	"untrusted: signature covers the canonical form followed by a newline (a line of gov-license canon as printed), not the canonical bytes alone
untrusted: signature was made with an empty SM2 user ID (openssl without -pkeyopt distid:1234567812345678), not the default ID 1234567812345678
untrusted: signature was made with an empty SM2 user ID over the canonical form followed by a newline, not with the default ID 1234567812345678 over the canonical bytes alone
valid
untrusted: signature covers the canonical form followed by a newline (a line of gov-license canon as printed), not the canonical bytes alone
untrusted: signature value is neither base64 nor hex (it has a line break or a space: base64 on one line, as 'openssl base64 -A' writes it)
untrusted: signature does not verify with the issuer's key: the record was changed after signing or the signature value was altered"

done_testing
