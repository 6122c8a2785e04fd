#!/bin/sh
# gov-license masks resident ID and phone numbers in what it prints (the
# reasons of revocations, local and synced, and verify's messages) unless
# --no-mask; the revocation list keeps the real text.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples/licenses
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
grep '"TL-YYZZ-2024-0001"' "$S/licenses.jsonl" >one.jsonl
REASON="持证人 15050219900101123X 电话 13812345678"
MASKED="持证人 150502********123X 电话 138****5678"

run gov-license revoke TL-YYZZ-2024-0001 --reason "$REASON" --today 2025-08-01
is "revoke: the reason masked" "$OUT" "{\"type\":\"revocation\",\"license_no\":\"TL-YYZZ-2024-0001\",\"revoked_at\":\"2025-08-01\",\"reason\":\"$MASKED\",\"source\":\"local\"}"
is "revoke: the list keeps the real text" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT reason FROM license_revocation")" "$REASON"
run gov-license revoke --list --format text
is "revoke --list (text): masked" "$OUT" "TL-YYZZ-2024-0001 revoked 2025-08-01 (local): $MASKED"
run gov-license revoke --list --format text --no-mask
is "revoke --list --no-mask: real" "$OUT" "TL-YYZZ-2024-0001 revoked 2025-08-01 (local): $REASON"
run gov-license revoke TL-OTHER --reason "$REASON" --today 2025-08-01 --no-mask
like "revoke --no-mask: real" "$OUT" "\"reason\":\"$REASON\""

run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format text one.jsonl
is "verify (text): the status message masked" "$OUT" "TL-YYZZ-2024-0001: revoked
  status failed: revoked 2025-08-01: $MASKED (local revocation list)"
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" one.jsonl
is "verify: masked" "$(printf '%s' "$OUT" | grep -o '"check":"status"[^}]*')" \
	"\"check\":\"status\",\"ok\":false,\"message\":\"revoked 2025-08-01: $MASKED (local revocation list)\""
run gov-license verify --no-mask --trust "$S/trust.json" --today "$T_TODAY" one.jsonl
like "verify --no-mask: real" "$OUT" "\"message\":\"revoked 2025-08-01: $REASON \\(local revocation list\\)\""

# A message is kept to 320 bytes, a value it quotes to 40: an ID across
# either cut is left out whole (cut first, '1505021990010' was no ID to
# the masking of the message and showed the holder's region and birth date)
pad=$(printf 'y%.0s' $(seq 275))
run gov-license revoke TL-YYZZ-2024-0001 --reason "$pad 持证人 15050219900101123X" --today 2025-08-01
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format text one.jsonl
is "a long reason: cut before the ID" "$OUT" "TL-YYZZ-2024-0001: revoked
  status failed: revoked 2025-08-01: $pad 持证人"
sed 's/"valid_from":"2024-03-01"/"valid_from":"持证人身份证号码 15050219900101123X"/' one.jsonl >date.jsonl
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format text date.jsonl
like "a date's value cut at 40 bytes: before the ID" "$OUT" "valid_from '持证人身份证号码' is not a real date"
unlike "no digit of the ID" "$OUT" '150502'
run gov-license revoke TL-YYZZ-2024-0001 --reason "$REASON" --today 2025-08-01

# A driving licence's number is its holder's resident ID: masked in the
# verdict (both forms) and the revocation records, the list keeps it real
ID=15050219900101123X
sed "s/\"TL-YYZZ-2024-0001\"/\"$ID\"/" one.jsonl >dl.jsonl
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" dl.jsonl
like "verify: an ID-shaped license_no masked" "$OUT" '^\{"type":"verdict","license_no":"150502\*\*\*\*\*\*\*\*123X",'
unlike "verify: no birth date" "$OUT" '19900101'
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format text dl.jsonl
like "verify (text): masked" "$OUT" '^150502\*\*\*\*\*\*\*\*123X: '
run gov-license verify --no-mask --trust "$S/trust.json" --today "$T_TODAY" dl.jsonl
like "verify --no-mask: real" "$OUT" "\"license_no\":\"$ID\""
run gov-license revoke "$ID" --reason "吊销" --today 2025-08-01
is "revoke: the license_no masked" "$OUT" '{"type":"revocation","license_no":"150502********123X","revoked_at":"2025-08-01","reason":"吊销","source":"local"}'
is "revoke: stored real" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM license_revocation WHERE license_no = '$ID'")" 1
run gov-license revoke --list --format text
like "revoke --list (text): masked" "$OUT" '150502\*\*\*\*\*\*\*\*123X revoked 2025-08-01 \(local\): 吊销'
run gov-license revoke --list --no-mask
like "revoke --list --no-mask: real" "$OUT" "\"license_no\":\"$ID\""

server_start
server_control '{"revocations":[{"license_no":"TL-YYZZ-2024-0001","revoked_at":"2025-09-01T08:00:00Z","reason":"吊销 联系 13900001111"}]}'
run gov-license sync
is "sync: exit 0" "$RC" 0
run gov-license revoke --list
like "synced reason: masked" "$OUT" '"reason":"吊销 联系 139\*\*\*\*1111","source":"sync"'
is "synced reason: stored real" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT reason FROM license_revocation WHERE source = 'sync'")" "吊销 联系 13900001111"
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format text one.jsonl
like "verify of a synced revocation: masked" "$OUT" "revoked 2025-09-01T08:00:00Z: 吊销 联系 139\\*\\*\\*\\*1111"

run gov-license --help
like "--help lists --no-mask" "$OUT" "--no-mask"
done_testing
