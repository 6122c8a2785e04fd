#!/bin/sh
# gov-license verify --trust -: the trust file read from standard input
# (curl ... | gov-license verify --trust - licenses.jsonl), its verdicts
# those of the same file named; not judged for permissions; its relative
# public_key_file read from the current directory.  The licenses from
# standard input too (no FILE, or FILE -): exit 2 and why.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses
W=gov-license

cp "$S/trust.json" "$S/licenses.jsonl" .
mkdir keys
cp "$S/keys/tongliao-amr.pub" "$S/keys/tongliao-ga.pub" keys/

run gov-license verify --today "$T_TODAY" --format ndjson --trust trust.json licenses.jsonl
BASE=$OUT
BASE_RC=$RC
is "the trust file named: the samples' verdicts, exit 1" "$(printf '%s\n' "$BASE" | wc -l | tr -d ' '):$BASE_RC:$ERR" "38:1:"

# piped [ARGS...]: cat trust.json | gov-license verify --trust - ARGS
piped() {
	f=$1
	shift
	run sh -c 'f=$1; shift; cat "$f" | gov-license verify --today "$T_TODAY" --format ndjson --trust - "$@"' sh "$f" "$@"
}
export T_TODAY

piped trust.json licenses.jsonl
is "--trust - from a pipe: the same verdicts" "$OUT" "$BASE"
is "--trust - from a pipe: the same exit status, nothing on stderr" "$RC:$ERR" "$BASE_RC:"

chmod 666 trust.json
run_in trust.json gov-license verify --today "$T_TODAY" --format ndjson --trust - licenses.jsonl
is "--trust - from a file 666 redirected: the same verdicts" "$OUT" "$BASE"
is "... standard input is not judged: no warning, the same exit status" "$RC:$ERR" "$BASE_RC:"
chmod 644 trust.json

# public_key_file relative: to the current directory, wherever the trust
# file came from.
mkdir elsewhere
py - <<'PY'
import json
t = json.load(open("trust.json"))
for i, f in zip(t["issuers"], ["keys/tongliao-amr.pub", "keys/tongliao-ga.pub"]):
    del i["public_key"]
    i["public_key_file"] = f
json.dump(t, open("elsewhere/trust-files.json", "w"), ensure_ascii=False)
PY
piped elsewhere/trust-files.json licenses.jsonl
is "key files relative to the current directory: the same verdicts" "$OUT" "$BASE"
is "... the same exit status, nothing on stderr" "$RC:$ERR" "$BASE_RC:"
chmod 666 keys/tongliao-amr.pub
piped elsewhere/trust-files.json licenses.jsonl
is "a key file writable by others is still named" "$ERR" \
	"$W: ./keys/tongliao-amr.pub is writable by others (mode 666); anyone on this machine can replace the key of issuer 11150500011505012H: chmod go-w ./keys/tongliao-amr.pub"
chmod 644 keys/tongliao-amr.pub
rm -r keys
piped elsewhere/trust-files.json licenses.jsonl
is "a key file missing: named from the current directory, exit 2" "$ERR:$RC" \
	"$W: (stdin): issuers[0]: cannot open './keys/tongliao-amr.pub': No such file or directory:2"

printf '{"issuers": [' >broken.json
piped broken.json licenses.jsonl
is "a broken trust file from standard input: named (stdin), exit 2" "$ERR:$RC" \
	"$W: (stdin):1:13: not valid JSON:2"

# One standard input cannot hold both.
BOTH="$W: --trust - reads the trust file from standard input, so the licenses cannot be read from there too: name their FILE
try '$W --help'"
piped trust.json
is "--trust - and no FILE: exit 2 and why, nothing on stdout" "$RC:$OUT:$ERR" "2::$BOTH"
piped trust.json licenses.jsonl -
is "--trust - and FILE -: exit 2 and why, nothing on stdout" "$RC:$OUT:$ERR" "2::$BOTH"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'license_trust = -\n' >"$XDG_CONFIG_HOME/govkit/config"
run_in licenses.jsonl gov-license verify --today "$T_TODAY"
is "license_trust = - and no FILE: exit 2, the key named" "$RC:$ERR" \
	"2:$W: license_trust = - reads the trust file from standard input, so the licenses cannot be read from there too: name their FILE
try '$W --help'"

echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
