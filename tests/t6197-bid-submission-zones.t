#!/bin/sh
# gov-bid: a tender whose submission times are some with a zone
# (+08:00) and some without (taken as UTC) compared them all the same:
# 10:00:00+08:00 and 02:00:10, written on one clock eight hours apart,
# read as 10 seconds apart and fired close-submission.  Now such a
# tender is named on standard error and close-submission is not judged
# on it; a tender whose times are all of one form is judged as before.
. "$(dirname "$0")/lib.sh"

cat >z.jsonl <<'EOF2'
{"type":"tender","tender":"MIX","bids":[{"bidder":"A","price":950000,"submitted_at":"2025-03-01T10:00:00+08:00"},{"bidder":"B","price":960000,"submitted_at":"2025-03-01T02:00:10"},{"bidder":"C","price":990000,"submitted_at":"2025-03-01T05:00:00+08:00"}]}
{"type":"tender","tender":"ZONED","bids":[{"bidder":"A","price":950000,"submitted_at":"2025-03-01T10:00:00+08:00"},{"bidder":"B","price":960000,"submitted_at":"2025-03-01T10:00:10+08:00"},{"bidder":"C","price":990000,"submitted_at":"2025-03-01T05:00:00+08:00"}]}
{"type":"tender","tender":"BARE","bids":[{"bidder":"A","price":950000,"submitted_at":"2025-03-01 10:00:00"},{"bidder":"B","price":960000,"submitted_at":"2025-03-01 10:00:10"},{"bidder":"C","price":990000,"submitted_at":"2025-03-01 05:00:00"}]}
EOF2
run gov-bid score --format ndjson --no-pairs --no-parties z.jsonl
is "the mixed tender named, exit 1" "$RC|$ERR" \
	"1|gov-bid: z.jsonl:1: tender 'MIX': 2 submission times with a zone and 1 without (taken as UTC): close-submission not judged"
sig() { printf '%s\n' "$OUT" | grep "\"tender\":\"$1\"" | grep -c '"signal":"close-submission"'; }
is "MIX: no close-submission" "$(sig MIX)" 0
is "ZONED: close-submission, as before" "$(sig ZONED)" 1
is "BARE: close-submission, as before" "$(sig BARE)" 1

done_testing
