#!/bin/sh
# sign --key takes the private key in DER as well as PEM (openssl pkey
# -outform DER, PKCS#8; and the traditional EC form of an SM2 key), and
# signs as with the PEM key: the signature verifies with the openssl
# command line.  Before, a DER key was "not a PEM private key: ...
# DECODER routines::unsupported" (exit 2).  An encrypted key whose pass
# phrase cannot be asked (no terminal) says so, where it said "not a PEM
# private key".
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip_all "no openssl command line"
umask 077

openssl genpkey -algorithm SM2 -out sm2.key 2>/dev/null
openssl pkey -in sm2.key -outform DER -out sm2.der
openssl ec -in sm2.key -outform DER -out sm2-ec.der 2>/dev/null
openssl pkey -in sm2.key -pubout -out sm2.pub
openssl genpkey -algorithm ED25519 -out ed.key
openssl pkey -in ed.key -outform DER -out ed.der
openssl pkey -in ed.key -pubout -out ed.pub
openssl genpkey -algorithm SM2 -aes256 -pass pass:secret -out enc.key 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -outform DER -out p256.der

echo '{"type":"license","license_no":"TL-1","license_type":"营业执照","holder_name":"x","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"x","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}' >lic.jsonl
gov-license canon lic.jsonl | head -c -1 >bytes
# kid FILE: the key_id of the signed license in FILE (nothing if none)
kid() { py -c 'import json, sys
for l in filter(str.strip, open(sys.argv[1])): print(json.loads(l)["signature"]["key_id"])' "$1"; }
sig() { py -c 'import json, sys
for l in filter(str.strip, open(sys.argv[1])): print(json.loads(l)["signature"]["value"])' "$1" |
	openssl base64 -d -A >"$1.sig"; }

for k in sm2.der sm2-ec.der; do
	run gov-license sign --key $k lic.jsonl
	is "sign --key $k (DER): exit 0, no message" "$RC:$ERR" "0:"
	printf '%s\n' "$OUT" >$k.jsonl
	sig $k.jsonl
	run openssl pkeyutl -verify -pubin -inkey sm2.pub -rawin -digest sm3 \
		-pkeyopt distid:1234567812345678 -in bytes -sigfile $k.jsonl.sig
	is "sign --key $k: openssl verifies, with distid" "$OUT:$RC" "Signature Verified Successfully:0"
done
is "DER and PEM key: the same key_id" \
	"$(gov-license sign --key sm2.key lic.jsonl >pem.jsonl && kid pem.jsonl)" "$(kid sm2.der.jsonl)"
run gov-license sign --key ed.der lic.jsonl
is "sign --key ed.der: exit 0" "$RC:$ERR" "0:"
printf '%s\n' "$OUT" >ed.jsonl
sig ed.jsonl
run openssl pkeyutl -verify -pubin -inkey ed.pub -rawin -in bytes -sigfile ed.jsonl.sig
is "sign --key ed.der: openssl verifies" "$OUT:$RC" "Signature Verified Successfully:0"

run gov-license sign --key p256.der lic.jsonl
is "a P-256 DER key: refused by name" "$RC:$OUT:$ERR" \
	"2::gov-license: 'p256.der' is neither an SM2 nor an Ed25519 key"
# a DER key is the whole file, as a DER public key is
cat ed.der >ed-junk.der
printf 'junk' >>ed-junk.der
run gov-license sign --key ed-junk.der lic.jsonl
is "a DER key with bytes after it: refused" "$RC:$OUT:$ERR" \
	"2::gov-license: 'ed-junk.der' has bytes after its DER private key"
printf 'not a key\n' >junk.key
run gov-license sign --key junk.key lic.jsonl
is "neither PEM nor DER: refused" "$RC:$OUT:$ERR" \
	"2::gov-license: 'junk.key' is not a private key (PEM or DER)"
# the same key encrypted in DER (PKCS#8): told as encrypted, not "not a
# private key"; with its pass phrase given, it signs
openssl pkcs8 -topk8 -in enc.key -passin pass:secret -v2 aes256 -passout pass:secret -outform DER -out enc.der 2>/dev/null
run setsid gov-license sign --key enc.der lic.jsonl </dev/null
is "an encrypted DER key, no terminal: exit 2" "$RC:$OUT" "2:"
like "... told as encrypted" "$ERR" \
	"^gov-license: 'enc.der' is an encrypted private key, and its pass phrase was not given or is wrong"
run setsid gov-license sign --key enc.key lic.jsonl </dev/null
is "an encrypted key, no terminal to ask its pass phrase: exit 2, says so" "$RC:$OUT" "2:"
like "an encrypted key: message" "$ERR" \
	"^gov-license: 'enc.key' is an encrypted private key, and its pass phrase was not given or is wrong"

# --help says what --key takes
run gov-license --help
like "--help: --key is PEM or DER" "$OUT" "--key FILE +private key, PEM or DER \\(sign\\)"

done_testing
