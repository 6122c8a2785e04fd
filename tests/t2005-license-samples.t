#!/bin/sh
# samples/licenses/make.sh remakes the sample issuers, trust file and
# signed licenses with fresh keys (here in a copy), and every license gets
# the verdict it was made for; private keys stay in private/.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses

mkdir samples
cp "$S/make.sh" "$S/licenses.src.jsonl" samples/
run env GOV_LICENSE="$BIN/gov-license" sh samples/make.sh
is "make.sh: exit 0" "$RC" 0
is "make.sh: says what it made" "$OUT" "made 38 licenses, trust.json with 2 issuers"
is "private keys in private/, mode 0700" "$(stat -c %a samples/private)" 700
is "private keys mode 0600" "$(stat -c %a samples/private/amr.key samples/private/ga.key | sort -u)" 600
is "public keys for the repository" "$(cd samples/keys && ls)" "tongliao-amr.pub
tongliao-ga.pub"
is "trust file: one SM2 and one Ed25519 issuer" \
	"$(py -c 'import json,sys; print(" ".join(i["alg"] for i in json.load(open(sys.argv[1]))["issuers"]))' samples/trust.json)" \
	"sm2-sm3 ed25519"
unlike "no private key in the files kept in git" \
	"$(cat samples/trust.json samples/keys/* samples/licenses.jsonl)" "PRIVATE KEY"
# (not a git checkout, as a tarball: no committed files to look at)
if git -C "$T_TOP" rev-parse --git-dir >/dev/null 2>&1; then
	is "the committed samples have no private key either" "$(git -C "$T_TOP" ls-files samples/licenses | grep -c private || true)" 0
else
	pass "# SKIP not a git checkout (or no git): the committed files unknown"
fi

gov-license revoke TL-YYZZ-2024-0025 --reason r --date 2025-09-01 >/dev/null
run gov-license verify --trust samples/trust.json --today "$T_TODAY" samples/licenses.jsonl
is "remade samples: exit 1" "$RC" 1
printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    print(r["license_no"], r["verdict"])' >got.txt
same_file "remade samples: every verdict as made for" got.txt samples/expected-verdicts.txt
same_file "remade samples: same verdicts as the committed ones" got.txt "$S/expected-verdicts.txt"
# The committed samples verify with the committed trust file only.
run gov-license verify --trust samples/trust.json --today "$T_TODAY" "$S/licenses.jsonl"
like "committed licenses do not verify with other keys" "$OUT" '"TL-YYZZ-2024-0001","verdict":"untrusted"'

done_testing
