#!/bin/sh
# gov-license verify: a trust file (or a public key file it names) that
# others than the user running and root can change is named on standard
# error, once, with what they could do and how to stop it; the verdicts and
# the exit status are those of the same run on a safe copy.
. "$(dirname "$0")/lib.sh"
umask 022
S=$T_TOP/samples/licenses
W=gov-license

cp "$S/trust.json" "$S/licenses.jsonl" .
mkdir keys
cp "$S/keys/tongliao-amr.pub" "$S/keys/tongliao-ga.pub" keys/
chmod 644 trust.json keys/*

verify() { run gov-license verify --today "$T_TODAY" --format ndjson "$@" licenses.jsonl; }

verify --trust trust.json
BASE=$OUT
BASE_RC=$RC
is "a safe trust file: the samples' verdicts, exit 1" "$(printf '%s\n' "$BASE" | wc -l | tr -d ' '):$BASE_RC" "38:1"
is "a safe trust file: nothing on stderr" "$ERR" ""

# same DESC: the verdicts and exit status of the run are the safe run's
same() {
	is "$1: the same verdicts" "$OUT" "$BASE"
	is "$1: the same exit status" "$RC" "$BASE_RC"
}

chmod 666 trust.json
verify --trust trust.json --jobs 4
is "writable by others: one warning" "$ERR" \
	"$W: trust.json is writable by others (mode 666); anyone on this machine can add an issuer: chmod go-w trust.json"
same "writable by others"

# the chmod proposed is one a shell runs as it reads: a path with a blank
# or a quote in single quotes (it was printed bare, two words to chmod)
cp trust.json "Tongliao's trust.json"
chmod 666 "Tongliao's trust.json"
verify --trust "Tongliao's trust.json"
is "a path with a blank and a quote: the chmod quoted for the shell" "$ERR" \
	"$W: Tongliao's trust.json is writable by others (mode 666); anyone on this machine can add an issuer: chmod go-w 'Tongliao'\\''s trust.json'"
sh -c "$(printf '%s\n' "$ERR" | sed 's/.*: chmod/chmod/')"
ok "... and run as printed, it is the file's mode that changes" test "$(stat -c %a "Tongliao's trust.json")" = 644

chmod 664 trust.json
verify --trust trust.json
is "writable by its group: one warning" "$ERR" \
	"$W: trust.json is writable by its group (mode 664); anyone in its group can add an issuer: chmod go-w trust.json"
same "writable by its group"

chmod 646 trust.json
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'license_trust = %s/trust.json\n' "$SCRATCH" >"$XDG_CONFIG_HOME/govkit/config"
verify
is "from the configuration's license_trust: the same warning" "$ERR" \
	"$W: $SCRATCH/trust.json is writable by others (mode 646); anyone on this machine can add an issuer: chmod go-w $(shq "$SCRATCH/trust.json")"
same "from the configuration"
rm "$XDG_CONFIG_HOME/govkit/config"

# Read from a pipe, the trust file has no owner or mode of its own.
chmod 644 trust.json
run sh -c 'cat trust.json | gov-license verify --today "$1" --format ndjson --trust /dev/stdin licenses.jsonl' sh "$T_TODAY"
is "from a pipe: no warning" "$ERR" ""
same "from a pipe"

chmod 600 trust.json
verify --trust trust.json
is "mode 600, the user's own: no warning" "$ERR" ""

# Ownership: the tests run as root in CI, who can give the file away; a
# user who is not root cannot, and that case is skipped.
if [ "$(id -u)" = 0 ]; then
	chown 12345 trust.json
	chmod 644 trust.json
	verify --trust trust.json
	is "owned by another user: one warning" "$ERR" \
		"$W: trust.json is owned by uid 12345 (not you or root); uid 12345 can add an issuer: make it yours or root's"
	same "owned by another user"
	chmod 664 trust.json
	verify --trust trust.json
	is "owned by another user, writable by its group: one warning naming both" "$ERR" \
		"$W: trust.json is owned by uid 12345 (not you or root) and writable by its group (mode 664); uid 12345 and anyone in its group can add an issuer: chmod go-w trust.json and make it yours or root's"
	same "owned by another user, writable by its group"
	chown 0 trust.json
	chmod 644 trust.json
	verify --trust trust.json
	is "owned by root, not writable by others (as in /etc): no warning" "$ERR" ""
else
	for i in 1 2 3 4 5 6 7; do
		pass "# SKIP not root: a file cannot be given to another user"
	done
fi
chown "$(id -u)" trust.json 2>/dev/null
chmod 644 trust.json

# public_key_file: whoever can write the key file can put their own key in
# the issuer's place.
py - <<'PY'
import json
t = json.load(open("trust.json"))
for i, f in zip(t["issuers"], ["keys/tongliao-amr.pub", "keys/tongliao-ga.pub"]):
    del i["public_key"]
    i["public_key_file"] = f
json.dump(t, open("trust-files.json", "w"), ensure_ascii=False)
PY
chmod 644 trust-files.json
verify --trust trust-files.json
is "key files, safe: nothing on stderr" "$ERR" ""
same "key files, safe"
chmod 666 keys/tongliao-amr.pub
chmod 664 keys/tongliao-ga.pub
verify --trust trust-files.json
is "key files writable by others and by the group: one warning each" "$ERR" \
	"$W: ./keys/tongliao-amr.pub is writable by others (mode 666); anyone on this machine can replace the key of issuer 11150500011505012H: chmod go-w ./keys/tongliao-amr.pub
$W: ./keys/tongliao-ga.pub is writable by its group (mode 664); anyone in its group can replace the key of issuer 11150500011505020C: chmod go-w ./keys/tongliao-ga.pub"
same "key files writable"
chmod 666 trust-files.json
verify --trust trust-files.json
is "trust file and key files: each named once" "$(printf '%s\n' "$ERR" | sed 's/ is .*//')" \
	"$W: trust-files.json
$W: ./keys/tongliao-amr.pub
$W: ./keys/tongliao-ga.pub"
same "trust file and key files"

# A trust file refused (exit 2) is still named.
chmod 666 trust.json
printf '{"issuers": [' >trust.json
run gov-license verify --trust trust.json --today "$T_TODAY" licenses.jsonl
is "a broken trust file, writable: the warning, then the error, exit 2" "$(printf '%s\n' "$ERR" | head -1):$RC" \
	"$W: trust.json is writable by others (mode 666); anyone on this machine can add an issuer: chmod go-w trust.json:2"

echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
