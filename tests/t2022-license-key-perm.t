#!/bin/sh
# gov-license sign: a private key that group or others can read is named on
# standard error, as ssh's "UNPROTECTED PRIVATE KEY FILE", once; the signed
# records and the exit status are those of the same run with the key 0600.
# keygen makes the private key 0600 and the public key 0644 whatever the
# umask lets through.
. "$(dirname "$0")/lib.sh"
W=gov-license

umask 000
run gov-license keygen --alg sm2 --format ndjson amr
is "keygen under umask 000: exit 0" "$RC" 0
is "keygen under umask 000: private key 0600, public key 0644" \
	"$(stat -c %a amr.key amr.pub | tr '\n' ' ')" "600 644 "
umask 022

printf '%s\n' '{"type":"license","license_no":"L1","license_type":"营业执照","holder_name":"通辽市测试有限公司","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_name":"通辽市市场监督管理局","issuer_code":"11150500011505012H","issue_date":"2024-03-01","valid_from":"2024-03-01","valid_to":null,"status":"valid"}' >l.jsonl
# (sm2 signatures are randomized: compare the records without the value)
signed() { printf '%s\n' "$OUT" | sed 's/"value":"[^"]*"/"value":V/'; }

run gov-license sign --key amr.key l.jsonl l.jsonl
BASE=$(signed)
BASE_RC=$RC
is "key 0600: exit 0" "$BASE_RC" 0
is "key 0600: nothing on stderr" "$ERR" ""

chmod 644 amr.key
run gov-license sign --key amr.key l.jsonl l.jsonl
is "readable by others: one warning" "$ERR" \
	"$W: amr.key is a private key readable by others (mode 644); anyone on this machine can sign licenses with it: chmod 600 amr.key"
is "readable by others: the same records" "$(signed)" "$BASE"
is "readable by others: the same exit status" "$RC" "$BASE_RC"

chmod 640 amr.key
run gov-license sign --key amr.key l.jsonl
is "readable by its group: one warning" "$ERR" \
	"$W: amr.key is a private key readable by its group (mode 640); anyone in its group can sign licenses with it: chmod 600 amr.key"
is "readable by its group: exit 0" "$RC" 0

chmod 602 amr.key
run gov-license sign --key amr.key l.jsonl
is "writable by others: one warning" "$ERR" \
	"$W: amr.key is a private key open to others (mode 602): chmod 600 amr.key"
is "writable by others: exit 0" "$RC" 0

chmod 400 amr.key
run gov-license sign --key amr.key l.jsonl
is "key 0400: nothing on stderr" "$ERR" ""

chmod 644 amr.key
run sh -c 'cat amr.key | gov-license sign --key /dev/stdin l.jsonl'
is "key from a pipe: no warning" "$ERR:$RC" ":0"

echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
