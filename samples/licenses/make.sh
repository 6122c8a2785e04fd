#!/bin/sh
# Make the sample issuers' keys, the trust file and the signed licenses.
#
#   samples/licenses/make.sh          (after `make`; GOV_LICENSE overrides)
#
# In:  licenses.src.jsonl   unsigned licenses; "_make" says how to sign or
#                           spoil each one, "_expect" the verdict it must get
# Out: private/             the private keys (git-ignored, never committed)
#      keys/*.pub           the issuers' public keys
#      trust.json           the trust file: one SM2 and one Ed25519 issuer
#      licenses.jsonl       the signed licenses
#      expected-verdicts.txt  "license_no verdict" per license, for
#                           --today 2025-10-15 once TL-YYZZ-2024-0025 is
#                           on the local revocation list
# Running it again makes new keys, so every file above changes together.
set -eu
cd "$(dirname "$0")"
GOV=${GOV_LICENSE:-$(cd ../.. && pwd)/bin/gov-license}
export GOV

rm -rf private
mkdir -m 700 private
for k in amr:sm2 ga:ed25519 rogue:sm2; do
	"$GOV" keygen --format ndjson --alg "${k#*:}" "private/${k%:*}" \
		>"private/${k%:*}.json"
done
mkdir -p keys
cp private/amr.pub keys/tongliao-amr.pub
cp private/ga.pub keys/tongliao-ga.pub

/usr/bin/python3 - <<'PY'
import base64, json, os, subprocess

GOV = os.environ["GOV"]
kid = {k: json.load(open("private/%s.json" % k))["key_id"]
       for k in ("amr", "ga", "rogue")}

trust = {"issuers": [
    {"code": "11150500011505012H", "name": "通辽市市场监督管理局",
     "key_id": kid["amr"], "alg": "sm2-sm3",
     "public_key": open("keys/tongliao-amr.pub").read(),
     "license_types": ["营业执照", "食品经营许可证"]},
    {"code": "11150500011505020C", "name": "通辽市公安局",
     "key_id": kid["ga"], "alg": "ed25519",
     "public_key": open("keys/tongliao-ga.pub").read(),
     "license_types": ["居住证"]},
]}
with open("trust.json", "w", encoding="utf-8") as f:
    json.dump(trust, f, ensure_ascii=False, indent=2)
    f.write("\n")

def compact(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

out, expect = [], []
for line in open("licenses.src.jsonl", encoding="utf-8"):
    rec = json.loads(line)
    make = rec.pop("_make")
    expect.append("%s %s" % (rec["license_no"], rec.pop("_expect")))
    if make.get("key") is None:
        out.append(compact(rec))
        continue
    signed = subprocess.run(
        [GOV, "sign", "--key", "private/%s.key" % make["key"]],
        input=compact(rec).encode(), stdout=subprocess.PIPE,
        check=True).stdout.decode()
    rec = json.loads(signed)
    for k, v in make.get("tamper", {}).items():
        rec[k] = v
    if "flip_signature_byte" in make:
        sig = bytearray(base64.b64decode(rec["signature"]["value"]))
        sig[make["flip_signature_byte"]] ^= 0x01
        rec["signature"]["value"] = base64.b64encode(bytes(sig)).decode()
    if "claim_key_of" in make:
        rec["signature"]["key_id"] = kid[make["claim_key_of"]]
    out.append(compact(rec))

with open("licenses.jsonl", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
with open("expected-verdicts.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(expect) + "\n")
print("made %d licenses, trust.json with 2 issuers" % len(out))
PY
