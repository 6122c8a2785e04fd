#!/bin/sh
# gov-license revoke --list as text: an empty local revocation list says
# so instead of printing nothing; its records (ndjson) stay none.
. "$(dirname "$0")/lib.sh"

run gov-license revoke --list --format text
is "empty list (text): said" "$OUT" "the local revocation list is empty"
is "empty list (text): exit 0" "$RC" 0
run gov-license revoke --list --format ndjson
is "empty list (ndjson): no record" "$OUT" ""
is "empty list (ndjson): exit 0" "$RC" 0

run gov-license revoke TL-YYZZ-2024-0001 --reason "吊销" --date 2025-08-01 --format ndjson
run gov-license revoke --list --format text
is "one revocation (text): only its line" "$OUT" "TL-YYZZ-2024-0001 revoked 2025-08-01 (local): 吊销"

done_testing
