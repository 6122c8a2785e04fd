#!/bin/sh
# Keys and signatures as the SDKs of Chinese signers give them: SM2's r and
# s side by side (64 bytes; sm-crypto's default, GmSSL, BouncyCastle's
# plain encoding), signatures in hex as well as base64, public keys in the
# trust file as raw points (04||X||Y, X||Y, 02/03||X) or Ed25519's 32
# bytes, in hex or base64.  gov-license verifies them where they can be
# read one way only, with the same key_id as the PEM key, and refuses what
# is not (a 64-byte DER value, a point off the curve, a value of neither
# form) saying so.  Before, r||s was refused ("side by side ... not
# DER-encoded"), hex was "not base64" and a raw key "not a PEM public key".
# With tests/npm's sm-crypto (scripts/install-deps installs it), the
# record is also signed by sm-crypto itself and gov-license's signature
# verified by it; openssl and Python make the same forms besides.
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

# trust OUT ALG KEYID PUBLIC_KEY: a trust file of one entry.
trust() {
	py - "$2" "$3" "$4" >"$1" <<'PY'
import json, sys
print(json.dumps({"issuers": [{"code": "11150500011505012H", "name": "通辽市市场监督管理局",
    "key_id": sys.argv[2], "alg": sys.argv[1], "public_key": sys.argv[3],
    "license_types": ["营业执照"]}]}, ensure_ascii=False))
PY
}
verdict() { printf '%s\n' "$1" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    bad = [c.get("message", "") for c in r["checks"] if c.get("ok") is False]
    print(r["verdict"] + (": " + "; ".join(bad) if bad else ""))'; }
# signed ALG KEYID VALUE: lic.jsonl with that signature value
signed() {
	py - "$@" <<'PY'
import json, sys
r = json.load(open("lic.jsonl"))
r["signature"] = {"alg": sys.argv[1], "key_id": sys.argv[2], "value": sys.argv[3]}
print(json.dumps(r, ensure_ascii=False))
PY
}
# the raw public keys: the last 65 (SM2 04||X||Y) or 32 (Ed25519) bytes of
# the DER SubjectPublicKeyInfo
SPT=$(openssl pkey -pubin -in sm2.pub -outform DER | tail -c 65 | od -An -tx1 -v | tr -d ' \n')
EPT=$(openssl pkey -pubin -in ed.pub -outform DER | tail -c 32 | od -An -tx1 -v | tr -d ' \n')
hex2b64() { printf '%s' "$1" | py -c 'import base64, sys; print(base64.b64encode(bytes.fromhex(sys.stdin.read())).decode())'; }
upper() { printf '%s' "$1" | tr a-f A-F; }

printf '%s\n' '{"type":"license","license_no":"TL-YYZZ-2024-0101","license_type":"营业执照","holder_name":"通辽市草原乳业有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid","extra":{"z":[1.0,1e21],"é":"x"}}' >lic.jsonl
gov-license canon lic.jsonl | head -c -1 >signed-bytes

# SM2 signatures by openssl (DER), and the same r and s side by side
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in signed-bytes -out der.sig
openssl pkeyutl -sign -inkey sm2.key -rawin -digest sm3 -in signed-bytes -out noid.sig
openssl pkeyutl -sign -inkey ed.key -rawin -in signed-bytes -out ed.sig
# rs DERFILE: r||s in hex, 32 bytes each
rs() {
	py - "$1" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()  # SEQUENCE { INTEGER r, INTEGER s }
i, raw = 2, b""
for _ in range(2):
    n = d[i + 1]
    raw += int.from_bytes(d[i + 2:i + 2 + n], "big").to_bytes(32, "big")
    i += 2 + n
print(raw.hex())
PY
}
RS=$(rs der.sig)
DERHEX=$(od -An -tx1 -v der.sig | tr -d ' \n')
EDHEX=$(od -An -tx1 -v ed.sig | tr -d ' \n')
is "r||s is 128 hex digits" "${#RS}" 128

# ---- signature values: r||s in hex (sm-crypto's default) and base64,
# hex of DER, either case; Ed25519 in hex
trust t-pem.json sm2-sm3 "$KS" "$(cat sm2.pub)"
{
	signed sm2-sm3 "$KS" "$RS"
	signed sm2-sm3 "$KS" "$(upper "$RS")"
	signed sm2-sm3 "$KS" "$(hex2b64 "$RS")"
	signed sm2-sm3 "$KS" "$DERHEX"
	signed sm2-sm3 "$KS" "$(openssl base64 -A -in der.sig)"
} >sm2-forms.jsonl
run gov-license verify --trust t-pem.json --today "$T_TODAY" sm2-forms.jsonl
is "sm2: r||s hex, HEX, base64; DER hex, base64: valid, exit 0" "$(verdict "$OUT"):$RC" "valid
valid
valid
valid
valid:0"
trust t-edpem.json ed25519 "$KE" "$(cat ed.pub)"
signed ed25519 "$KE" "$EDHEX" >ed-hex.jsonl
run gov-license verify --trust t-edpem.json --today "$T_TODAY" ed-hex.jsonl
is "ed25519: the 64 bytes in hex: valid" "$(verdict "$OUT"):$RC" "valid:0"

# ---- public keys given raw: the same key_id as the PEM key
for form in "04||X||Y hex:$SPT" \
	"X||Y HEX:$(upper "${SPT#04}")" \
	"04||X||Y base64:$(hex2b64 "$SPT")" \
	"02/03||X hex:$(py -c 'import sys; p = bytes.fromhex(sys.argv[1]); print((bytes([2 + (p[64] & 1)]) + p[1:33]).hex())' "$SPT")" \
	"04||X||Y hex, newline after:$SPT
"; do
	trust t-raw.json sm2-sm3 "$KS" "${form#*:}"
	run gov-license verify --trust t-raw.json --today "$T_TODAY" sm2-forms.jsonl
	is "sm2 key as ${form%%:*}: every form valid" "$(verdict "$OUT" | sort | uniq -c | tr -s ' '):$RC" " 5 valid:0"
done
for form in "hex:$EPT" "base64:$(hex2b64 "$EPT")"; do
	trust t-edraw.json ed25519 "$KE" "${form#*:}"
	signed ed25519 "$KE" "$(openssl base64 -A -in ed.sig)" >ed-b64.jsonl
	run gov-license verify --trust t-edraw.json --today "$T_TODAY" ed-hex.jsonl ed-b64.jsonl
	is "ed25519 key as ${form%%:*}: valid" "$(verdict "$OUT"):$RC" "valid
valid:0"
done
printf '%s' "$SPT" >sm2.hex
py - "$KS" >t-file.json <<'PY'
import json, sys
print(json.dumps({"issuers": [{"code": "11150500011505012H", "name": "n", "key_id": sys.argv[1],
    "alg": "sm2-sm3", "public_key_file": "sm2.hex", "license_types": ["营业执照"]}]}))
PY
run gov-license verify --trust t-file.json --today "$T_TODAY" sm2-forms.jsonl
is "sm2 key as hex in public_key_file: valid" "$(verdict "$OUT" | sort -u):$RC" "valid:0"

# ---- what stays refused, saying why
BADPT=$(py -c 'import sys; p = bytearray(bytes.fromhex(sys.argv[1])); p[64] ^= 1; print(p.hex())' "$SPT")
trust t-bad.json sm2-sm3 "$KS" "$BADPT"
run gov-license verify --trust t-bad.json --today "$T_TODAY" sm2-forms.jsonl
is "a point off the SM2 curve: exit 2, nothing out" "$RC:$OUT" "2:"
like "a point off the SM2 curve: file, entry, why" "$ERR" "t-bad.json: issuers\[0\]: not a point of the SM2 curve"
trust t-bad.json sm2-sm3 "$KS" "$EPT"
run gov-license verify --trust t-bad.json --today "$T_TODAY" sm2-forms.jsonl
is "32 bytes for an sm2-sm3 key: exit 2" "$RC" 2
like "32 bytes for an sm2-sm3 key: says what an SM2 key may be" "$ERR" \
	"t-bad.json: issuers\[0\]: public key is neither PEM nor an SM2 point \(04\|\|X\|\|Y, X\|\|Y or 02/03\|\|X\) in hex or base64"
trust t-bad.json ed25519 "$KE" "$SPT"
run gov-license verify --trust t-bad.json --today "$T_TODAY" ed-hex.jsonl
like "65 bytes for an ed25519 key: exit 2, says so" "$RC:$ERR" \
	"^2:.*t-bad.json: issuers\[0\]: public key is neither PEM nor an Ed25519 key's 32 bytes in hex or base64"
trust t-bad.json sm2-sm3 "$(printf '%064d' 0)" "$SPT"
run gov-license verify --trust t-bad.json --today "$T_TODAY" sm2-forms.jsonl
like "a raw key with another key_id: refused, naming the right one" "$RC:$ERR" \
	"^2:.*key_id does not match the public key \(its sha256 is $KS\)"

# a DER signature of exactly 64 bytes: r and s of 29 bytes each; as r||s
# it would be two other numbers
DER64=303e021d$(printf '11%.0s' $(seq 29))021d$(printf '22%.0s' $(seq 29))
RSBAD=$(py -c 'import sys; b = bytearray(bytes.fromhex(sys.argv[1])); b[40] ^= 1; print(b.hex())' "$RS")
{
	signed sm2-sm3 "$KS" "$DER64"
	signed sm2-sm3 "$KS" "${RS%??}" # a byte short
	signed sm2-sm3 "$KS" "${RS}00"  # a byte more
	signed sm2-sm3 "$KS" "$RSBAD"
	signed sm2-sm3 "$KS" "$(rs noid.sig)"
	signed sm2-sm3 "$KS" "${RS}zz"
	signed ed25519 "$KE" "$(echo "$EDHEX" | cut -c3-)"
} >refused.jsonl
trust t-both.json sm2-sm3 "$KS" "$SPT"
run gov-license verify --trust t-both.json --today "$T_TODAY" refused.jsonl
is "refused: exit 1" "$RC" 1
is "refused: each says why" "$(verdict "$OUT" | sed -n 1,6p)" \
	"untrusted: signature value is ambiguous: it reads as more than one well-formed sm2-sm3 signature (base64 and hex, or DER and r||s of 64 bytes); give it as base64 of DER
untrusted: signature value is not a DER-encoded SM2 signature nor its r and s side by side (64 bytes): altered or truncated
untrusted: signature value is not a DER-encoded SM2 signature nor its r and s side by side (64 bytes): altered or truncated
untrusted: signature does not verify with the issuer's key: the record was changed after signing or the signature value was altered
untrusted: signature was made with an empty SM2 user ID (openssl without -pkeyopt distid:1234567812345678), not the default ID 1234567812345678
untrusted: signature value is neither base64 nor hex"
trust t-edraw.json ed25519 "$KE" "$EPT"
run gov-license verify --trust t-edraw.json --today "$T_TODAY" refused.jsonl
is "ed25519 of 63 bytes in hex" "$(verdict "$OUT" | tail -1)" \
	"untrusted: ed25519 signature is 63 bytes, expected 64"
# hex of 62 and 66 bytes is base64 too (124 and 132 characters), of 93
# and 99 bytes: the message counted those, not the bytes written
{
	signed ed25519 "$KE" "$(echo "$EDHEX" | cut -c5-)"
	signed ed25519 "$KE" "${EDHEX}0000"
} >edlen.jsonl
run gov-license verify --trust t-edraw.json --today "$T_TODAY" edlen.jsonl
is "ed25519 of 62 and 66 bytes in hex: their bytes counted" "$(verdict "$OUT"):$RC" \
	"untrusted: ed25519 signature is 62 bytes, expected 64
untrusted: ed25519 signature is 66 bytes, expected 64:1"

# ---- sign still writes base64 of DER
gov-license sign --key sm2.key lic.jsonl >gs.jsonl
py -c 'import json, sys; print(json.load(open(sys.argv[1]))["signature"]["value"])' gs.jsonl |
	openssl base64 -d -A >gs.sig
ok "sign: base64 of DER (a SEQUENCE of two INTEGERs)" \
	sh -c 'openssl asn1parse -inform DER -in gs.sig | grep -c INTEGER | grep -qx 2'

# ---- sm-crypto itself, when tests/npm has it
NM=$T_TOP/tests/npm/node_modules
if command -v node >/dev/null && [ -d "$NM/sm-crypto" ]; then
	cat >smc.js <<'JS'
"use strict";
// node smc.js NM keys | sign PRIV PUB | verify DERHEX PUB: on signed-bytes
const path = require("path");
const fs = require("fs");
const sm2 = require(path.join(process.argv[2], "sm-crypto")).sm2;
const msg = fs.readFileSync("signed-bytes", "utf8");
const [cmd, a, b] = process.argv.slice(3);
if (cmd === "keys") {
  const kp = sm2.generateKeyPairHex();
  console.log(kp.privateKey, kp.publicKey, sm2.compressPublicKeyHex(kp.publicKey));
} else if (cmd === "sign") {
  // the ways an SDK user writes it: defaults (r||s hex, the default ID),
  // DER, the ID given, and an empty ID by mistake
  console.log(sm2.doSignature(msg, a, { hash: true, publicKey: b }));
  console.log(sm2.doSignature(msg, a, { hash: true, der: true, publicKey: b }));
  console.log(sm2.doSignature(msg, a, { hash: true, der: false, userId: "1234567812345678" }));
  console.log(Buffer.from(sm2.doSignature(msg, a, { hash: true }), "hex").toString("base64"));
  console.log(sm2.doSignature(msg, a, { hash: true, userId: "" }));
} else {
  console.log(sm2.doVerifySignature(msg, a, b, { hash: true, der: true }) ? "verified" : "not verified");
}
JS
	how="sm-crypto $(py -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$NM/sm-crypto/package.json")"
	set -- $(node smc.js "$NM" keys)
	PRIV=$1 PUB=$2 CPUB=$3
	# key_id: sha256 of the SubjectPublicKeyInfo (id-ecPublicKey, curve SM2)
	SKID=$(py -c 'import hashlib, sys; print(hashlib.sha256(bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200" + sys.argv[1])).hexdigest())' "$PUB")
	trust t-smc.json sm2-sm3 "$SKID" "$PUB"
	trust t-smcc.json sm2-sm3 "$SKID" "$CPUB"
	node smc.js "$NM" sign "$PRIV" "$PUB" >smc.sigs
	while read -r v; do signed sm2-sm3 "$SKID" "$v"; done <smc.sigs >smc.jsonl
	run gov-license verify --trust t-smc.json --today "$T_TODAY" smc.jsonl
	is "$how signs (r||s hex, DER hex, ID given, base64); its empty ID named" "$(verdict "$OUT"):$RC" "valid
valid
valid
valid
untrusted: signature was made with an empty SM2 user ID (openssl without -pkeyopt distid:1234567812345678), not the default ID 1234567812345678:1"
	run gov-license verify --trust t-smcc.json --today "$T_TODAY" smc.jsonl
	is "$how's compressed public key: the same verdicts" "$(verdict "$OUT" | cut -c1-9 | tr '\n' ' ')" \
		"valid valid valid valid untrusted "
	# sm-crypto's private key as a PEM key for gov-license sign (SEC 1
	# ECPrivateKey on the SM2 curve), its signature verified by sm-crypto
	py - "$PRIV" "$PUB" <<'PY' | openssl ec -inform DER -out smc.key 2>/dev/null
import sys
d, q = bytes.fromhex(sys.argv[1]), bytes.fromhex(sys.argv[2])
body = (b"\x02\x01\x01" + b"\x04\x20" + d + b"\xa0\x0a\x06\x08\x2a\x81\x1c\xcf\x55\x01\x82\x2d"
        + b"\xa1\x44\x03\x42\x00" + q)
sys.stdout.buffer.write(b"\x30" + bytes([len(body)]) + body)
PY
	run gov-license sign --key smc.key lic.jsonl
	is "gov-license sign with sm-crypto's key: its key_id" \
		"$(printf '%s\n' "$OUT" | py -c 'import json, sys; print(json.load(sys.stdin)["signature"]["key_id"])')" "$SKID"
	GS=$(printf '%s\n' "$OUT" | py -c 'import base64, json, sys; print(base64.b64decode(json.load(sys.stdin)["signature"]["value"]).hex())')
	run node smc.js "$NM" verify "$GS" "$PUB"
	is "gov-license's signature (DER): $how verifies it" "$OUT:$RC" "verified:0"
else
	fail "sm-crypto is not installed in tests/npm (scripts/install-deps installs it)"
fi

done_testing
