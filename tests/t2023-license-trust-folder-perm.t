#!/bin/sh
# gov-license verify and sign: a folder on the path of the trust file, of a
# key file it names, or of sign's private key that others than the user
# running and root can change (writable by group or others and not sticky,
# or owned by another user) is named on standard error, once per folder,
# with the file it holds: whoever can write the folder can put another file
# in the file's place, whatever the file's own mode.  The folders judged
# are where the file really is (../ and symbolic links resolved) and those
# holding a link.  Verdicts, records and exit status are the safe run's.
. "$(dirname "$0")/lib.sh"
umask 022
S=$T_TOP/samples/licenses
W=gov-license
R=$(pwd -P)

mkdir office
cp "$S/trust.json" office/
cp "$S/licenses.jsonl" .
chmod 755 office
chmod 644 office/trust.json

verify() { run gov-license verify --today "$T_TODAY" --format ndjson "$@" licenses.jsonl; }

verify --trust office/trust.json
BASE=$OUT
BASE_RC=$RC
is "a safe folder: the samples' verdicts, exit 1" "$(printf '%s\n' "$BASE" | wc -l | tr -d ' '):$BASE_RC" "38:1"
is "a safe folder: nothing on stderr" "$ERR" ""

same() {
	is "$1: the same verdicts" "$OUT" "$BASE"
	is "$1: the same exit status" "$RC" "$BASE_RC"
}

chmod 777 office
verify --trust office/trust.json --jobs 4
is "the trust file's folder writable by others: one warning" "$ERR" \
	"$W: folder $R/office is writable by others (mode 777); anyone on this machine can put another file in the place of office/trust.json and add an issuer: chmod go-w $(shq "$R/office")"
same "folder writable by others"

chmod 775 office
verify --trust office/trust.json
is "writable by its group: one warning" "$ERR" \
	"$W: folder $R/office is writable by its group (mode 775); anyone in its group can put another file in the place of office/trust.json and add an issuer: chmod go-w $(shq "$R/office")"
same "folder writable by its group"

# sticky, as /tmp: only a file's owner may rename or remove it there
chmod 1777 office
verify --trust office/trust.json
is "sticky folder writable by others (as /tmp): no warning" "$ERR" ""
chmod 755 office

# A folder further up: renaming office away and making another is as good.
mkdir -p shared/sub
chmod 757 shared
chmod 755 shared/sub
cp office/trust.json shared/sub/
cd office
run gov-license verify --today "$T_TODAY" --format ndjson --trust ../shared/sub/trust.json ../licenses.jsonl
cd "$SCRATCH"
is "a folder above, named through ../: the folder where it really is" "$ERR" \
	"$W: folder $R/shared is writable by others (mode 757); anyone on this machine can put another file in the place of ../shared/sub/trust.json and add an issuer: chmod go-w $(shq "$R/shared")"
same "a folder above"
chmod 755 shared

# A symbolic link: the folders of the file it leads to, and those of the link.
ln -s ../shared/sub/trust.json office/link.json
chmod 775 shared/sub
verify --trust office/link.json
is "a link in a safe folder to a file in a loose one: the file's folder" "$ERR" \
	"$W: folder $R/shared/sub is writable by its group (mode 775); anyone in its group can put another file in the place of office/link.json and add an issuer: chmod go-w $(shq "$R/shared/sub")"
same "through a link"
chmod 755 shared/sub
chmod 777 office
ln -s "$R/shared/sub/trust.json" office/abs.json
verify --trust office/abs.json
is "a link in a loose folder to a file in a safe one: the link's folder" "$ERR" \
	"$W: folder $R/office is writable by others (mode 777); anyone on this machine can put another file in the place of office/abs.json and add an issuer: chmod go-w $(shq "$R/office")"
chmod 755 office

# Key files: whoever can write their folder can put their own key in an
# issuer's place.  Two key files in one folder: the folder named once.
mkdir "Tongliao's keys"
cp "$S/keys/tongliao-amr.pub" "$S/keys/tongliao-ga.pub" "Tongliao's keys/"
chmod 644 "Tongliao's keys"/*
py - <<'PY'
import json
t = json.load(open("office/trust.json"))
for i, f in zip(t["issuers"], ["../Tongliao's keys/tongliao-amr.pub", "../Tongliao's keys/tongliao-ga.pub"]):
    del i["public_key"]
    i["public_key_file"] = f
json.dump(t, open("office/trust-files.json", "w"), ensure_ascii=False)
PY
chmod 644 office/trust-files.json
verify --trust office/trust-files.json
is "key files in a safe folder: nothing on stderr" "$ERR" ""
same "key files, safe"
chmod 777 "Tongliao's keys"
verify --trust office/trust-files.json
is "key files' folder writable by others: one warning, the chmod quoted" "$ERR" \
	"$W: folder $R/Tongliao's keys is writable by others (mode 777); anyone on this machine can put another file in the place of office/../Tongliao's keys/tongliao-amr.pub and replace the key of issuer 11150500011505012H: chmod go-w $(shq "$R/Tongliao's keys")"
same "key files' folder writable"
sh -c "$(printf '%s\n' "$ERR" | sed 's/.*: chmod/chmod/')"
ok "... and run as printed, it is the folder's mode that changes" test "$(stat -c %a "Tongliao's keys")" = 755
chmod 777 office "Tongliao's keys"
verify --trust office/trust-files.json
is "trust file's folder and key files' folder: each named once" "$(printf '%s\n' "$ERR" | sed 's/ is .*//')" \
	"$W: folder $R/office
$W: folder $R/Tongliao's keys"
same "both folders writable"
chmod 755 office "Tongliao's keys"

# Ownership: the tests run as root in CI, who can give a folder away; a
# user who is not root cannot, and those cases are skipped.
if [ "$(id -u)" = 0 ]; then
	chown 12345 office
	verify --trust office/trust.json
	is "folder owned by another user: one warning" "$ERR" \
		"$W: folder $R/office is owned by uid 12345 (not you or root); uid 12345 can put another file in the place of office/trust.json and add an issuer: make it yours or root's"
	same "folder owned by another user"
	chown 0 office
	verify --trust office/trust.json
	is "folder owned by root, not writable by others: no warning" "$ERR" ""
	chown "$(id -u)" office
else
	for i in 1 2 3 4; do
		pass "# SKIP not root: a folder cannot be given to another user"
	done
fi

# sign: whoever can write the private key's folder can swap the key.
mkdir signer
(cd signer && gov-license keygen --alg ed25519 amr >/dev/null)
printf '%s\n' '{"type":"license","license_no":"L1","license_type":"营业执照","holder_name":"通辽市测试有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}' >l.jsonl
run gov-license sign --key signer/amr.key l.jsonl
SIGNED=$OUT
is "sign, key in a safe folder: nothing on stderr, exit 0" "$ERR:$RC" ":0"
chmod 770 signer
run gov-license sign --key signer/amr.key l.jsonl
is "sign, key's folder writable by its group: one warning" "$ERR" \
	"$W: folder $R/signer is writable by its group (mode 770); anyone in its group can put another file in the place of signer/amr.key and make sign sign with their key: chmod go-w $(shq "$R/signer")"
is "sign, key's folder writable: the same record, exit 0" "$OUT:$RC" "$SIGNED:0"

# A trust file or a private key named by a relative path that begins with
# '-': the chmod names it ./-..., or chmod takes it for its options.
cp office/trust.json ./-trust.json
chmod 664 ./-trust.json
verify --trust -trust.json
is "trust file -trust.json writable by its group: chmod go-w ./-trust.json" "$ERR" \
	"$W: -trust.json is writable by its group (mode 664); anyone in its group can add an issuer: chmod go-w ./-trust.json"
sh -c "$(printf '%s\n' "$ERR" | sed 's/.*: chmod/chmod/')"
ok "... and run as printed, the file's mode changes" test "$(stat -c %a ./-trust.json)" = 644
cp signer/amr.key ./-amr.key
chmod 640 ./-amr.key
run gov-license sign --key -amr.key l.jsonl
is "private key -amr.key readable by its group: chmod 600 ./-amr.key" "$ERR" \
	"$W: -amr.key is a private key readable by its group (mode 640); anyone in its group can sign licenses with it: chmod 600 ./-amr.key"
sh -c "$(printf '%s\n' "$ERR" | sed 's/.*: chmod/chmod/')"
ok "... and run as printed, the key's mode changes" test "$(stat -c %a ./-amr.key)" = 600

echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
