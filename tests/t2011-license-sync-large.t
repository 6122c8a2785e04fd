#!/bin/sh
# gov-license sync and a large register: every revocation since the
# position comes in one answer (the contract has no paging), and the
# client refused any answer over 64 MiB, so a register of some 460,000
# revocations made every sync exit 2, never catching up.  Sync takes up
# to 1 GiB now; the other calls keep the 64 MiB cap.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 5\nhttp_timeout = 120\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
MIB64=67108864

# 40,000 revocations with reasons of 1,680 bytes: 70 MB, past 64 MiB,
# with few enough rows to store in a few seconds.
N=40000
PHRASE=吊销营业执照，
REASON=$(i=0; while [ $i -lt 80 ]; do printf '%s' "$PHRASE"; i=$((i + 1)); done)
server_start
server_control "{\"make_revocations\":$N,\"reason\":\"$PHRASE\",\"reason_repeat\":80}"
size=$(/usr/bin/curl -sS --max-time 60 -o /dev/null -w '%{size_download}' \
	-H "Authorization: Bearer $SERVER_TOKEN" "$GOVKIT_API/v1/revocations")
ok "the register's answer is larger than 64 MiB ($size bytes)" \
	test "$size" -gt "$MIB64"

run gov-license sync
is "large register: exit 0" "$RC" 0
is "large register: every revocation received and new" "$OUT" \
	"{\"type\":\"sync\",\"received\":$N,\"new\":$N,\"since\":null,\"until\":\"2025-01-01T11:06:40Z\",\"asked\":null}"
is "large register: nothing on stderr" "$ERR" ""
is "large register: every revocation stored" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM license_revocation WHERE license_no LIKE 'TL-GEN-%' AND source = 'sync'")" "$N"
is "large register: every reason whole" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM license_revocation WHERE reason = '$REASON'")" "$N"
is "large register: the position is the newest" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT since FROM license_sync')" "2025-01-01T11:06:40Z"

# The next sync asks from there (--overlap 0): the register sends the
# boundary again; by default from a week before, so all of them again,
# none new.
run gov-license sync --overlap 0
is "next sync, --overlap 0: from the position, nothing new" "$RC:$OUT" \
	'0:{"type":"sync","received":1,"new":0,"since":"2025-01-01T11:06:40Z","until":"2025-01-01T11:06:40Z","asked":"2025-01-01T11:06:40Z"}'
run gov-license sync
is "next sync: from a week before the position, nothing new" "$RC:$OUT" \
	"0:{\"type\":\"sync\",\"received\":$N,\"new\":0,\"since\":\"2025-01-01T11:06:40Z\",\"until\":\"2025-01-01T11:06:40Z\",\"asked\":\"2024-12-25T11:06:40Z\"}"

# The same revocation with 65 MiB of spaces after it (JSON allows them):
# sync takes it; gov-submit and gov-catalog, whose answers are small,
# still refuse an answer over 64 MiB.
server_control "{\"pad\":$((MIB64 + 1048576))}"
run gov-license sync --overlap 0
is "padded answer: sync takes it" "$RC:$OUT" \
	'0:{"type":"sync","received":1,"new":0,"since":"2025-01-01T11:06:40Z","until":"2025-01-01T11:06:40Z","asked":"2025-01-01T11:06:40Z"}'

echo '{"type":"finding","check":"required","row":2}' >f.jsonl
run gov-submit --endpoint findings f.jsonl
is "padded answer: gov-submit refuses it" "$RC" 2
like "padded answer: gov-submit says why" "$ERR" \
	"POST /v1/findings: answer larger than $MIB64 bytes"
unlike "padded answer: the request is named once" "$ERR" \
	"POST /v1/findings: POST"
run gov-submit --status
like "padded answer: the record stays queued" "$OUT" '"pending":1[,}]'
run gov-catalog pull
is "padded answer: gov-catalog refuses it" "$RC" 2
like "padded answer: gov-catalog says why" "$ERR" \
	"answer larger than $MIB64 bytes"
# The answer is read a revocation at a time, but checked whole before
# anything is stored, as before: a malformed answer stores nothing and
# warns of nothing else, even past a revocation that would be warned of.
answer_once() {
	server_control "$(py -c 'import json, sys
print(json.dumps({"answer": 1, "body": sys.argv[1]}))' "$1")"
}
server_control '{"pad":0}'
BAD='{"license_no":"TL-BAD","revoked_at":"not a date","reason":"r"}'
GOOD='{"license_no":"TL-NEW","revoked_at":"2025-02-01T00:00:00Z","reason":"r"}'
for c in "cut short|{\"revocations\":[$BAD,$GOOD,{]}" \
	"revocations twice|{\"revocations\":[$BAD,$GOOD],\"revocations\":[]}" \
	"trailing text|{\"revocations\":[$BAD,$GOOD]} x" \
	"not an array|{\"revocations\":{\"a\":$GOOD}}" \
	"not an object|[$GOOD]"; do
	answer_once "${c#*|}"
	run gov-license sync
	is "malformed answer (${c%%|*}): exit 2, only that said" "$RC:$OUT:$ERR" \
		'2::gov-license: sync: the answer has no "revocations" array'
done
is "malformed answers: nothing stored" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM license_revocation WHERE license_no IN ('TL-BAD', 'TL-NEW')")" 0
is "malformed answers: the position as it was" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT since FROM license_sync')" "2025-01-01T11:06:40Z"

answer_once "{\"other\":[1],\"revocations\":[$BAD,$GOOD],\"more\":{}}"
run gov-license sync
is "members around the array: both stored, the new position" "$RC:$OUT" \
	'1:{"type":"sync","received":2,"new":2,"since":"2025-01-01T11:06:40Z","until":"2025-02-01T00:00:00Z","asked":"2024-12-25T11:06:40Z"}'
is "members around the array: the bad date named, once" "$ERR" \
	"gov-license: sync: revocation 1 (TL-BAD): revoked_at 'not a date' is not an ISO 8601 date-time with a time zone; kept on the list, not taken as the sync position"

# A member before the array large enough to fill the parse's first block
# of memory: the array is still found (the check read it after that
# memory was given back: a use after free under the sanitizers).
PAD=$(py -c 'print(",".join(["1"] * 5000))')
GOOD2='{"license_no":"TL-NEW2","revoked_at":"2025-03-01T00:00:00Z","reason":"r"}'
answer_once "{\"pad\":[$PAD],\"revocations\":[$GOOD2]}"
run gov-license sync
is "a large member before the array: the revocation stored" "$RC:$OUT:$ERR" \
	'0:{"type":"sync","received":1,"new":1,"since":"2025-02-01T00:00:00Z","until":"2025-03-01T00:00:00Z","asked":"2025-01-25T00:00:00Z"}:'
done_testing
