#!/bin/sh
# gov-license keygen and sign, and interoperability: keys made by the
# openssl command line, an SM2 signature made by `openssl pkeyutl` with the
# default user ID, an Ed25519 record signed by node's built-in crypto; and
# the untrusted cases, each with a message that says which.
. "$(dirname "$0")/lib.sh"
umask 022

# keyid PUBFILE: sha256 of the DER SubjectPublicKeyInfo, as openssl sees it.
keyid() { openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }

# mktrust OUT CODE:ALG:PUBFILE:TYPE ...: a trust file.
mktrust() {
	out=$1; shift
	py - "$@" >"$out" <<'PY'
import hashlib, json, subprocess, sys
iss = []
for spec in sys.argv[1:]:
    code, alg, pub, types = spec.split(":")
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub, "-outform", "DER"],
                         stdout=subprocess.PIPE, check=True).stdout
    iss.append({"code": code, "name": "issuer " + code, "alg": alg,
                "key_id": hashlib.sha256(der).hexdigest(),
                "public_key": open(pub).read(), "license_types": types.split(",")})
print(json.dumps({"issuers": iss}, ensure_ascii=False))
PY
}

A=11150500011505012H
B=11150500011505020C
lic() {
	printf '{"type":"license","license_no":"%s","license_type":"%s","holder_name":"通辽市测试有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"%s","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}\n' "$1" "${3:-营业执照}" "$2"
}
verdict() { printf '%s\n' "$1" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    bad = [c.get("message", "") for c in r["checks"] if c.get("ok") is False]
    print(r["verdict"] + (": " + "; ".join(bad) if bad else ""))'; }

# ---- keygen
run gov-license keygen --alg sm2 --format ndjson amr
is "keygen sm2: exit 0" "$RC" 0
kid_sm2=$(keyid amr.pub)
is "keygen sm2: record with key_id = sha256 of the DER SubjectPublicKeyInfo" "$OUT" \
	"{\"type\":\"key\",\"name\":\"amr\",\"alg\":\"sm2-sm3\",\"key_id\":\"$kid_sm2\",\"private_key\":\"amr.key\",\"public_key\":\"amr.pub\"}"
is "keygen: private key mode 0600" "$(stat -c %a amr.key)" 600
is "keygen: public key mode 0644" "$(stat -c %a amr.pub)" 644
like "keygen: private key is PEM" "$(head -1 amr.key)" "^-----BEGIN PRIVATE KEY-----$"
like "keygen: public key is PEM" "$(head -1 amr.pub)" "^-----BEGIN PUBLIC KEY-----$"
is "keygen sm2: an SM2 key for openssl" "$(openssl pkey -in amr.key -text -noout | grep -c 'ASN1 OID: SM2')" 1
run gov-license keygen --alg ed25519 --format text ga
is "keygen ed25519 (text): the key_id" "$OUT" "ga.key ga.pub ed25519 key_id $(keyid ga.pub)"
is "keygen ed25519: an ED25519 key for openssl" "$(openssl pkey -in ga.key -text -noout | head -1)" "ED25519 Private-Key:"
cp amr.key amr.key.orig
run gov-license keygen --alg ed25519 amr
is "keygen never overwrites: exit 2" "$RC" 2
like "keygen never overwrites: message" "$ERR" "'amr.pub' exists; not overwritten"
ok "keygen never overwrites: key kept" cmp -s amr.key amr.key.orig
run gov-license keygen --alg rsa x
is "keygen --alg rsa: usage error" "$RC" 2
run gov-license keygen x
like "keygen without --alg" "$ERR" "keygen needs --alg sm2\|ed25519"

mktrust trust.json "$A:sm2-sm3:amr.pub:营业执照,食品经营许可证" "$B:ed25519:ga.pub:居住证"

# ---- sign, verify
lic L1 $A >l1.jsonl
run gov-license sign --key amr.key l1.jsonl
is "sign sm2: exit 0" "$RC" 0
printf '%s\n' "$OUT" >l1.signed
like "sign: canonical record, then the signature" "$OUT" \
	"^\\{\"holder_id\":\"91150502MA0N000165\",.*\"valid_to\":null,\"signature\":\\{\"alg\":\"sm2-sm3\",\"key_id\":\"$kid_sm2\",\"value\":\"[A-Za-z0-9+/]+=*\"\\}\\}\$"
run gov-license verify --trust trust.json --today "$T_TODAY" l1.signed
is "sm2 signed by gov-license: valid" "$(verdict "$OUT")" valid
is "sm2 signed: exit 0" "$RC" 0
run gov-license sign --key amr.key --key-id "$kid_sm2" l1.signed
is "sign again (--key-id right): replaces the signature" "$(printf '%s\n' "$OUT" | grep -o '"signature"' | wc -l | tr -d ' ')" 1
run gov-license sign --key amr.key --key-id 00ff l1.jsonl
is "sign --key-id wrong: exit 2" "$RC" 2
like "sign --key-id wrong: message" "$ERR" "--key-id 00ff is not the id of 'amr.key' \\($kid_sm2\\)"
run gov-license sign --key nosuch.key l1.jsonl
is "sign with a missing key: exit 2" "$RC" 2
run gov-license sign l1.jsonl
like "sign without --key" "$ERR" "sign needs --key FILE"

py -c 'import sys; sys.stdout.write(open(sys.argv[1]).read().replace("\"L1\"", "\"L2\"").replace("\"issuer_code\":\"'$A'\"", "\"issuer_code\":\"'$B'\"").replace("营业执照", "居住证"))' l1.jsonl >l2.jsonl
gov-license sign --key ga.key l2.jsonl >l2.signed
run gov-license verify --trust trust.json --today "$T_TODAY" l2.signed
is "ed25519 signed by gov-license: valid" "$(verdict "$OUT")" valid
# Ed25519 is deterministic: signing twice gives the same bytes.
ok "ed25519 signatures are deterministic" cmp -s l2.signed "$(gov-license sign --key ga.key l2.jsonl >l2.again; echo l2.again)"

# ---- keys made by the openssl command line
openssl genpkey -algorithm SM2 -out o-sm2.key 2>/dev/null
openssl pkey -in o-sm2.key -pubout -out o-sm2.pub
openssl ecparam -genkey -name SM2 -out o-ec.key 2>/dev/null
openssl pkey -in o-ec.key -pubout -out o-ec.pub 2>/dev/null
openssl genpkey -algorithm ED25519 -out o-ed.key
openssl pkey -in o-ed.key -pubout -out o-ed.pub
mktrust otrust.json "$A:sm2-sm3:o-sm2.pub:营业执照" "$B:ed25519:o-ed.pub:居住证"
gov-license sign --key o-sm2.key l1.jsonl >o1.signed
gov-license sign --key o-ed.key l2.jsonl >o2.signed
run gov-license verify --trust otrust.json --today "$T_TODAY" o1.signed o2.signed
is "keys from openssl genpkey (SM2, Ed25519): valid" "$(verdict "$OUT")" "valid
valid"
mktrust ectrust.json "$A:sm2-sm3:o-ec.pub:营业执照"
run gov-license sign --key o-ec.key l1.jsonl
printf '%s\n' "$OUT" >o3.signed
run gov-license verify --trust ectrust.json --today "$T_TODAY" o3.signed
is "key from openssl ecparam -name SM2: valid" "$(verdict "$OUT")" valid

# ---- an SM2 signature made by openssl pkeyutl (SM3, default user ID), over
# the canonical form computed by Python, not by gov-license
py -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.stdout.write(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False))' l1.jsonl >l1.canon
run gov-license canon l1.jsonl
is "Python's sorted compact JSON is gov-license's canonical form here" "$OUT" "$(cat l1.canon)"
openssl pkeyutl -sign -inkey o-sm2.key -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in l1.canon -out l1.sig
py - l1.jsonl l1.sig "$(keyid o-sm2.pub)" >p1.signed <<'PY'
import base64, json, sys
r = json.load(open(sys.argv[1]))
r["signature"] = {"alg": "sm2-sm3", "key_id": sys.argv[3],
                  "value": base64.b64encode(open(sys.argv[2], "rb").read()).decode()}
print(json.dumps(r, ensure_ascii=False))
PY
run gov-license verify --trust otrust.json --today "$T_TODAY" p1.signed
is "SM2 signature from openssl pkeyutl verifies" "$(verdict "$OUT")" valid
# ... and the other way: gov-license's SM2 signature verifies in openssl.
py -c '
import base64, json, sys
r = json.load(open(sys.argv[1]))
open("gk.sig", "wb").write(base64.b64decode(r["signature"]["value"]))' o1.signed
run openssl pkeyutl -verify -pubin -inkey o-sm2.pub -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in l1.canon -sigfile gk.sig
is "gov-license's SM2 signature verifies in openssl pkeyutl" "$OUT" "Signature Verified Successfully"
# canon of a signed record prints the bytes its signature covers: the
# record without its signature member, over which openssl verifies it.
run gov-license canon o1.signed
is "canon of a signed record leaves its signature out" "$OUT" "$(cat l1.canon)"
printf '%s' "$OUT" >o1.canon
run openssl pkeyutl -verify -pubin -inkey o-sm2.pub -rawin -digest sm3 \
	-pkeyopt distid:1234567812345678 -in o1.canon -sigfile gk.sig
is "the signature verifies over canon's output" "$OUT" "Signature Verified Successfully"
# A signature with another user ID does not verify.
openssl pkeyutl -sign -inkey o-sm2.key -rawin -digest sm3 \
	-pkeyopt distid:ALICE123@YAHOO.COM -in l1.canon -out l1.sig
py - l1.jsonl l1.sig "$(keyid o-sm2.pub)" >p2.signed <<'PY'
import base64, json, sys
r = json.load(open(sys.argv[1]))
r["signature"] = {"alg": "sm2-sm3", "key_id": sys.argv[3],
                  "value": base64.b64encode(open(sys.argv[2], "rb").read()).decode()}
print(json.dumps(r, ensure_ascii=False))
PY
run gov-license verify --trust otrust.json --today "$T_TODAY" p2.signed
like "SM2 with another user ID: untrusted" "$(verdict "$OUT")" "^untrusted: signature does not verify"

# ---- an Ed25519 record signed by node's built-in crypto, with its own
# canonicalization (sorted keys, JSON.stringify) and its own key
cat >sign.js <<'JS'
const crypto = require('crypto');
const fs = require('fs');
function canon(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  return '{' + Object.keys(v).sort().map(k => JSON.stringify(k) + ':' + canon(v[k])).join(',') + '}';
}
const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
fs.writeFileSync('node.pub', publicKey.export({ type: 'spki', format: 'pem' }));
const kid = crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const rec = JSON.parse(line);
  delete rec.signature;
  const sig = crypto.sign(null, Buffer.from(canon(rec), 'utf8'), privateKey);
  rec.signature = { alg: 'ed25519', key_id: kid, value: sig.toString('base64') };
  console.log(JSON.stringify(rec));
}
JS
printf '%s\n' '{"type":"license","license_no":"N1","license_type":"居住证","holder_name":"Zoë 😀 \"q\"","holder_id":"44011320141005001X","holder_id_type":"ric","issuer_name":"i","issuer_code":"'$B'","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":"2027-03-01","status":"valid","extra":{"\u20ac":1,"\r":[1.5,1e21,0.000001]}}' >n1.jsonl
node sign.js n1.jsonl >n1.signed
mktrust ntrust.json "$B:ed25519:node.pub:居住证"
run gov-license verify --trust ntrust.json --today "$T_TODAY" n1.signed
is "Ed25519 record signed by node's crypto verifies" "$(verdict "$OUT")" valid

# ---- key rollover: an issuer listed once per key
gov-license keygen --alg sm2 amr2 >/dev/null
mktrust roll.json "$A:sm2-sm3:amr.pub:营业执照" "$B:ed25519:ga.pub:居住证" "$A:sm2-sm3:amr2.pub:营业执照"
gov-license sign --key amr2.key l1.jsonl >roll.signed
run gov-license verify --trust roll.json --today "$T_TODAY" l1.signed roll.signed
is "rollover: old and new key of one issuer both verify" "$(verdict "$OUT")" "valid
valid"
run gov-license verify --trust trust.json --today "$T_TODAY" roll.signed
like "rollover: the new key unknown to an old trust file" "$(verdict "$OUT")" \
	"^untrusted: signed with key $(keyid amr2.pub), which is not issuer $A's key $kid_sm2\$"

# ---- untrusted, each saying which
py - l1.signed >t.jsonl <<'PY'
import base64, json, sys
r = json.loads(open(sys.argv[1]).read())
t = dict(r, license_no="L1", holder_name="改过的名称")
print(json.dumps(t, ensure_ascii=False))
b = json.loads(json.dumps(r)); b["license_no"] = "L1"
sig = bytearray(base64.b64decode(b["signature"]["value"])); sig[-1] ^= 1
b["signature"]["value"] = base64.b64encode(bytes(sig)).decode()
print(json.dumps(b, ensure_ascii=False))
d = json.loads(json.dumps(r))
sig = bytearray(base64.b64decode(d["signature"]["value"])); sig[1] ^= 0x40
d["signature"]["value"] = base64.b64encode(bytes(sig)).decode()
print(json.dumps(d, ensure_ascii=False))
n = json.loads(json.dumps(r)); n["signature"]["value"] = "not*base64"
print(json.dumps(n, ensure_ascii=False))
a = json.loads(json.dumps(r)); a["signature"]["alg"] = "ed25519"
print(json.dumps(a, ensure_ascii=False))
PY
gov-license sign --key ga.key l1.jsonl >>t.jsonl          # the other issuer's key
gov-license sign --key o-sm2.key l1.jsonl >>t.jsonl       # a key not in the trust file
lic L9 $A 居住证 | gov-license sign --key amr.key >>t.jsonl  # type not allowed
lic L8 11150500011505098C | gov-license sign --key amr.key >>t.jsonl  # issuer unknown
lic L7 $A >>t.jsonl                                       # not signed
run gov-license verify --trust trust.json --today "$T_TODAY" t.jsonl
is "untrusted: exit 1" "$RC" 1
is "untrusted: each says which" "$(verdict "$OUT")" "untrusted: signature does not verify with the issuer's key: the record was changed after signing or the signature value was altered
untrusted: signature does not verify with the issuer's key: the record was changed after signing or the signature value was altered
untrusted: signature value is not a DER-encoded SM2 signature nor its r and s side by side (64 bytes): altered or truncated
untrusted: signature value is neither base64 nor hex
untrusted: signature alg is ed25519 but issuer $A's key is sm2-sm3
untrusted: signed with the key of issuer $B (issuer $B), not of the record's issuer $A
untrusted: signed with key $(keyid o-sm2.pub), which is not issuer $A's key $kid_sm2
untrusted: issuer $A (issuer $A) may not issue '居住证'
untrusted: issuer 11150500011505098C is not in the trust file
untrusted: record is not signed (no signature member)"
like "a failed signature skips the checks that depend on it" "$(printf '%s\n' "$OUT" | head -1)" \
	'"check":"holder-id","skipped":"signature not valid".*"check":"status","skipped":"signature not valid"'

# ---- keygen whose record cannot be written: no key pair left behind
for f in ndjson text; do
	gov-license keygen --alg ed25519 --format $f full-$f >/dev/full 2>full.err
	is "keygen to a full disk ($f): exit 2" "$?" 2
	is "keygen to a full disk ($f): message" "$(cat full.err)" \
		"gov-license: write error on standard output: No space left on device"
	is "keygen to a full disk ($f): no key files left" "$(ls full-$f.* 2>/dev/null)" ""
	t_check_sanitizer_file "keygen to a full disk" full.err
done
run gov-license keygen --alg ed25519 --format ndjson full-ndjson
is "keygen again after the full disk: exit 0" "$RC" 0

done_testing
