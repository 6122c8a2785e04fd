#!/bin/sh
# gov-license verify and sign: a symbolic link in the middle of the path of
# the trust file, of a key file or of sign's private key.  The path is
# walked as the kernel resolves it, a component at a time: the folder
# holding each link on the way is judged as the folder holding the file is
# (whoever can write it can point the link elsewhere and so replace the
# file), a relative target followed from the link's folder, up to 40 links.
# Each folder named once; verdicts, records and exit status those of the
# safe run.  (t2023: the folders where the file really is, and those of a
# link named itself.)
. "$(dirname "$0")/lib.sh"
umask 022
S=$T_TOP/samples/licenses
W=gov-license
R=$(pwd -P)

mkdir real
cp "$S/trust.json" real/
cp "$S/licenses.jsonl" .

verify() { run gov-license verify --today "$T_TODAY" --format ndjson "$@" licenses.jsonl; }

verify --trust real/trust.json
BASE=$OUT
BASE_RC=$RC
is "the trust file where it is: the samples' verdicts, exit 1, nothing on stderr" \
	"$(printf '%s\n' "$BASE" | wc -l | tr -d ' '):$BASE_RC:$ERR" "38:1:"

same() {
	is "$1: the same verdicts" "$OUT" "$BASE"
	is "$1: the same exit status" "$RC" "$BASE_RC"
}

# /R/loose/mid -> /R/real: the file is in real (safe), but whoever can
# write loose can point mid at a folder of their own.
mkdir loose
ln -s "$R/real" loose/mid
verify --trust loose/mid/trust.json
is "a link in the middle, in a safe folder: nothing on stderr" "$ERR" ""
same "a link in the middle, safe"
chmod 777 loose
verify --trust loose/mid/trust.json --jobs 4
is "a link in the middle, its folder writable by others: the link's folder named" "$ERR" \
	"$W: folder $R/loose is writable by others (mode 777); anyone on this machine can put another file in the place of loose/mid/trust.json and add an issuer: chmod go-w $(shq "$R/loose")"
same "a link in the middle, its folder loose"
verify --trust "$R/loose/mid/trust.json"
is "... named by its absolute path: the same folder" "$ERR" \
	"$W: folder $R/loose is writable by others (mode 777); anyone on this machine can put another file in the place of $R/loose/mid/trust.json and add an issuer: chmod go-w $(shq "$R/loose")"
chmod 1777 loose
verify --trust loose/mid/trust.json
is "... the folder sticky (as /tmp): no warning" "$ERR" ""
chmod 755 loose

# A chain of two links, relative targets: a/one -> ../b/two, b/two ->
# ../real.  Each target is followed from the folder of its link, so the
# second link is found, wherever the officer runs the tool from.
mkdir a b elsewhere
ln -s ../b/two a/one
ln -s ../real b/two
chmod 777 a
chmod 775 b
verify --trust a/one/trust.json
is "a chain of two links, both folders loose: each named, in the order walked" "$ERR" \
	"$W: folder $R/a is writable by others (mode 777); anyone on this machine can put another file in the place of a/one/trust.json and add an issuer: chmod go-w $(shq "$R/a")
$W: folder $R/b is writable by its group (mode 775); anyone in its group can put another file in the place of a/one/trust.json and add an issuer: chmod go-w $(shq "$R/b")"
same "a chain of two links"
chmod 755 a
cd elsewhere
run gov-license verify --today "$T_TODAY" --format ndjson --trust ../a/one/trust.json ../licenses.jsonl
cd "$SCRATCH"
is "the second link's folder, run from another folder: the relative targets followed from the links" "$ERR" \
	"$W: folder $R/b is writable by its group (mode 775); anyone in its group can put another file in the place of ../a/one/trust.json and add an issuer: chmod go-w $(shq "$R/b")"
same "run from another folder"
chmod 755 b

# A relative target climbing out of a deeper folder: deep/in/up -> ../../real
mkdir -p deep/in
ln -s ../../real deep/in/up
chmod 770 deep/in
verify --trust deep/in/up/trust.json
is "a relative target with ../..: the link's folder named" "$ERR" \
	"$W: folder $R/deep/in is writable by its group (mode 770); anyone in its group can put another file in the place of deep/in/up/trust.json and add an issuer: chmod go-w $(shq "$R/deep/in")"
same "a relative target with ../.."
chmod 755 deep/in

# Named once: a folder holding a link and the file both (loose/self -> .),
# a link passed twice, and the trust file and its key files all through it.
mkdir -p twice/keys
cp real/trust.json twice/
cp "$S/keys/tongliao-amr.pub" "$S/keys/tongliao-ga.pub" twice/keys/
ln -s . twice/self
py - <<'PY'
import json
t = json.load(open("real/trust.json"))
for i, f in zip(t["issuers"], ["self/keys/tongliao-amr.pub", "self/self/keys/tongliao-ga.pub"]):
    del i["public_key"]
    i["public_key_file"] = f
json.dump(t, open("twice/trust-files.json", "w"), ensure_ascii=False)
PY
chmod 777 twice
verify --trust twice/self/self/trust.json
is "a link to its own folder, passed twice: the folder named once" "$ERR" \
	"$W: folder $R/twice is writable by others (mode 777); anyone on this machine can put another file in the place of twice/self/self/trust.json and add an issuer: chmod go-w $(shq "$R/twice")"
same "a link to its own folder"
verify --trust twice/self/trust-files.json
is "the trust file and its key files through the link: the folder named once" "$ERR" \
	"$W: folder $R/twice is writable by others (mode 777); anyone on this machine can put another file in the place of twice/self/trust-files.json and add an issuer: chmod go-w $(shq "$R/twice")"
same "trust file and key files through one link"
chmod 755 twice

# A key file reached through a link in a loose folder.
mkdir keyring
cp "$S/keys/tongliao-amr.pub" "$S/keys/tongliao-ga.pub" keyring/
mkdir hop
ln -s ../keyring hop/k
py - <<'PY'
import json
t = json.load(open("real/trust.json"))
for i, f in zip(t["issuers"], ["../hop/k/tongliao-amr.pub", "../keyring/tongliao-ga.pub"]):
    del i["public_key"]
    i["public_key_file"] = f
json.dump(t, open("real/trust-files.json", "w"), ensure_ascii=False)
PY
verify --trust real/trust-files.json
is "key files through a link in a safe folder: nothing on stderr" "$ERR" ""
same "key files through a link, safe"
chmod 777 hop
verify --trust real/trust-files.json
is "a key file through a link in a loose folder: that folder, with the key" "$ERR" \
	"$W: folder $R/hop is writable by others (mode 777); anyone on this machine can put another file in the place of real/../hop/k/tongliao-amr.pub and replace the key of issuer 11150500011505012H: chmod go-w $(shq "$R/hop")"
same "a key file through a loose link"
chmod 755 hop

# 40 links, as many as the kernel follows: the walk goes to the end of the
# chain (chain/l1 -> l2 ... l39 -> ../last/l40, last/l40 -> ../real).
mkdir chain last
ln -s ../real last/l40
ln -s ../last/l40 chain/l39
i=38
while [ "$i" -ge 1 ]; do
	ln -s "l$((i + 1))" "chain/l$i"
	i=$((i - 1))
done
chmod 777 last
verify --trust chain/l1/trust.json
is "40 links, the 40th in a loose folder: that folder named" "$ERR" \
	"$W: folder $R/last is writable by others (mode 777); anyone on this machine can put another file in the place of chain/l1/trust.json and add an issuer: chmod go-w $(shq "$R/last")"
same "40 links"
# one more is one too many: the open fails, as the kernel's ELOOP
ln -s l1 chain/l0
verify --trust chain/l0/trust.json
is "41 links: cannot open, exit 2, nothing on stdout" "$RC:$OUT:$ERR" \
	"2::$W: cannot open 'chain/l0/trust.json': Too many levels of symbolic links"
chmod 755 last

# A loop of links: the trust file cannot be opened; no hang.
mkdir loop
ln -s b loop/a
ln -s a loop/b
chmod 777 loop
verify --trust loop/a/trust.json
is "a loop of links: cannot open, exit 2, nothing on stdout" "$RC:$OUT:$ERR" \
	"2::$W: cannot open 'loop/a/trust.json': Too many levels of symbolic links"
chmod 755 loop

# sign: the private key through a link in the middle.
mkdir signer via
(cd signer && gov-license keygen --alg ed25519 amr >/dev/null)
ln -s ../signer via/s
printf '%s\n' '{"type":"license","license_no":"L1","license_type":"营业执照","holder_name":"通辽市测试有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}' >l.jsonl
run gov-license sign --key via/s/amr.key l.jsonl
SIGNED=$OUT
is "sign, the key through a link in a safe folder: nothing on stderr, exit 0" "$ERR:$RC" ":0"
chmod 770 via
run gov-license sign --key via/s/amr.key l.jsonl
is "sign, the key through a link in a folder its group may write: that folder named" "$ERR" \
	"$W: folder $R/via is writable by its group (mode 770); anyone in its group can put another file in the place of via/s/amr.key and make sign sign with their key: chmod go-w $(shq "$R/via")"
is "... the same record, exit 0" "$OUT:$RC" "$SIGNED:0"
chmod 755 via

echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
