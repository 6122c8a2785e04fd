#!/bin/sh
# Bad input for gov-license: records, trust files, keys and output.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
t9_inputs
t9_bigline
LIC=$T_TOP/samples/licenses
TRUST=$LIC/trust.json

expect "license: missing file" 2 "'missing.jsonl'.*No such file" gov-license verify missing.jsonl
expect "license: directory" 2 "'adir'.*Is a directory" gov-license verify adir
expect "license: permission denied" 2 "'secret.jsonl'.*Permission denied" as_user gov-license verify secret.jsonl
expect "license: empty file: nothing to verify" 0 "" gov-license verify empty.jsonl
is "license: ... no verdicts" "$OUT" ""
expect "license: CSV header is not a record" 1 "header.csv:1: " gov-license verify header.csv
like "license: ... an invalid verdict" "$OUT" '"verdict":"invalid"'
expect "license: raw NUL in a string" 1 "nul.jsonl:1: " gov-license verify nul.jsonl
expect "license: invalid UTF-8" 1 "badutf8.jsonl:1: invalid UTF-8" gov-license verify badutf8.jsonl
expect "license: deeply nested" 1 "deep.jsonl:1: nesting too deep" gov-license verify deep.jsonl
expect "license: a 100 MB line of another type: passed over" 0 "" gov-license verify bigline.jsonl
is "license: ... no verdict" "$OUT" ""
# regression: a long line was read in quadratic time (6 minutes for 100 MB)
{ printf '{"type":"license","license_no":"BIG","holder_name":"'; head -c "$T9_BIG" /dev/zero | tr '\0' x; printf '"}\n'; } >biglic.jsonl
start=$(date +%s)
expect "license: a 100 MB license line" 1 "" gov-license verify biglic.jsonl
like "license: ... judged invalid" "$OUT" '"license_no":"BIG","verdict":"invalid"'
ok "license: ... in linear time (under 60 s)" test $(($(date +%s) - start)) -lt 60
printf '{"type":"license","license_no":"X","n":123456789012345678901234567890,"m":1e400}\n' >n.jsonl
expect "license: a number past a double" 1 "n.jsonl:1: number out of range" gov-license verify n.jsonl
expect "license: canon refuses it too" 1 "n.jsonl:1: number out of range" gov-license canon n.jsonl
head -1 "$LIC/licenses.jsonl" | sed 's/"issue_date":"2024-03-01"/"issue_date":"2025-02-30"/' >d.jsonl
expect "license: issue date 2025-02-30" 1 "" gov-license verify --today 2025-10-15 d.jsonl
like "license: ... named in the verdict" "$OUT" "issue_date '2025-02-30' is not a real date"
expect "license: --today 2025-02-30" 2 "invalid date '2025-02-30'" gov-license verify --today 2025-02-30 d.jsonl

# trust files and keys
expect "license: missing trust file" 2 "'nothere.json'" gov-license verify --trust nothere.json d.jsonl
expect "license: trust file is a directory" 2 "adir" gov-license verify --trust adir d.jsonl
expect "license: trust file unreadable" 2 "secret.jsonl.*Permission denied" as_user gov-license verify --trust secret.jsonl d.jsonl
expect "license: empty trust file" 2 "empty.jsonl:1:1: not valid JSON" gov-license verify --trust empty.jsonl d.jsonl
expect "license: deeply nested trust file" 2 "deep.json:1:[0-9]*: not valid JSON" gov-license verify --trust deep.json d.jsonl
printf '{"issuers":[{"code":"X","key_id":"00","alg":"ed25519","public_key_file":"tr.json","license_types":[]}]}\n' >tr.json
expect "license: trust file naming itself as its key" 2 "tr.json: issuers\[0\]" gov-license verify --trust tr.json d.jsonl
printf '{"issuers":[{"code":"X","key_id":"00","alg":"ed25519","public_key_file":"nope.pub","license_types":[]}]}\n' >nokeyfile.json
expect "license: trust file naming a missing key file: the trust file, the issuer and the key file" 2 "^gov-license: nokeyfile.json: issuers\[0\]: cannot open '\./nope.pub': No such file" gov-license verify --trust nokeyfile.json d.jsonl
printf '{"issuers":[{"code":"X","key_id":"00","alg":"ed25519","public_key_file":"adir","license_types":[]}]}\n' >dirkey.json
expect "license: trust file naming a folder as its key file: the trust file and the issuer" 2 "^gov-license: dirkey.json: issuers\[0\]: cannot read '\./adir'" gov-license verify --trust dirkey.json d.jsonl
expect "license: missing key" 2 "nokey.pem" gov-license sign --key nokey.pem d.jsonl
expect "license: empty key" 2 "empty.jsonl.* not a PEM private key" gov-license sign --key empty.jsonl d.jsonl

# output
for i in $(seq 60); do cat "$LIC/licenses.jsonl"; done >many.jsonl
mkdir -p full
expect_full "license: -o on a full disk" "full/v.jsonl.*No space left" full gov-license verify --trust "$TRUST" --today 2025-10-15 -o full/v.jsonl many.jsonl
expect_full "license: canon -o on a full disk" "full/c.jsonl.*No space left" full gov-license canon -o full/c.jsonl many.jsonl
expect_full "license: keygen on a full disk" "full/k" full gov-license keygen --alg ed25519 full/k
expect_devfull "license: verify to /dev/full" gov-license verify --trust "$TRUST" --today 2025-10-15 many.jsonl
expect_devfull "license: canon to /dev/full" gov-license canon many.jsonl
expect_pipe "license: verify | head -1 ends quietly, exit 1" 1 gov-license verify --trust "$TRUST" --today 2025-10-15 --jobs 1 many.jsonl
expect_pipe "license: canon | head -1 ends quietly, exit 0" 0 gov-license canon many.jsonl
expect "license: bad input with -o" 2 "missing.jsonl" gov-license verify -o out.jsonl missing.jsonl
ok "license: ... leaves no output file" test ! -e out.jsonl

done_testing
