#!/bin/sh
# gov-submit: the central API's words for a rejected record that are not
# valid UTF-8 (cJSON takes any byte in a string) are stored and shown
# with each such byte as '?', as the readers show them.  They went into
# --status --format ndjson as they were, JSON Lines no reader takes (found
# from fuzz_catalog_pull's finding; fuzz_submit_answer checks it now).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
at_exit server_stop
printf '{"type":"finding","row":%d}\n' 2 3 >f.jsonl

# \udcff is the byte 0xFF in the answer (tests/server/central.py)
server_control '{"answer":1,"status":422,"body":"{\"accepted\":1,\"rejected\":[{\"index\":1,\"error\":\"bad \udcff value \udce4\udcb8\"}]}"}'
run gov-submit --endpoint findings f.jsonl
is "rejection not UTF-8: exit 1" "$RC" 1
is "rejection not UTF-8: told with '?'" "$ERR" "gov-submit: findings: record 2 rejected (HTTP 422): bad ? value ??
gov-submit: 1 record rejected; to see it, run: gov-submit --db $(shq "$GOVKIT_DB") --status"
run gov-submit --status --format ndjson
is "--status: exit 1" "$RC" 1
is "--status: the rejection, the bytes as '?'" "$(printf '%s\n' "$OUT" | grep '"type":"rejected"' | sed 's/"queued_at".*"record"/"record"/')" \
	'{"type":"rejected","endpoint":"findings","id":2,"status":422,"error":"bad ? value ??","record":{"type":"finding","row":3}}'
is "--status: valid JSON Lines" "$(printf '%s\n' "$OUT" | /usr/bin/python3 -c 'import json,sys
for l in sys.stdin.buffer: json.loads(l.decode("utf-8"))
print("ok")' 2>&1 | tail -1)" ok

done_testing
