#!/bin/sh
# An answer that says the configuration is wrong (401, 403, 404, 407)
# keeps the records queued, and the submit record's "pending" says so:
# it is what is still queued, as --status counts it.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.01\nhttp_max_backoff = 0.05\nhttp_retries = 1\n' \
	> "$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","row":1}\n' > one.jsonl
printf '{"type":"finding","row":2}\n{"type":"finding","row":3}\n' > two.jsonl

server_start

GOVKIT_TOKEN=WRONG run gov-submit one.jsonl
is "wrong token: exit 2" "$RC" 2
is "wrong token: pending counts the queued record" "$OUT" \
   '{"type":"submit","endpoint":null,"queued":1,"skipped":0,"sent":0,"rejected":0,"pending":1}'
like "wrong token: why" "$ERR" 'HTTP 401'
run gov-submit --status
like "wrong token: --status agrees" "$OUT" '"endpoint":"findings","pending":1,'

# 404 (a wrong address) on a flush of more: every record still counted.
server_control '{"fail":1,"status":404}'
run gov-submit --endpoint findings two.jsonl
is "404: exit 2" "$RC" 2
is "404: pending counts all queued records" "$OUT" \
   '{"type":"submit","endpoint":"findings","queued":2,"skipped":0,"sent":0,"rejected":0,"pending":3}'
run gov-submit --status
like "404: --status agrees" "$OUT" '"endpoint":"findings","pending":3,'

# The same in text form.
GOVKIT_TOKEN=WRONG run gov-submit --flush --format text
is "wrong token, --flush: exit 2" "$RC" 2
like "wrong token, --flush: text says 3 pending" "$OUT" '3 pending'

# With the right token they all go, once.
run gov-submit --flush
is "right token: exit 0" "$RC" 0
is "right token: nothing pending" "$OUT" \
   '{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":3,"rejected":0,"pending":0}'
is "right token: three stored" "$(server_records findings | wc -l)" 3

# gov-report --submit prints the same record through the same outbox.
R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q3.jsonl)"
is "report fixtures added" "$RC" 0
GOVKIT_TOKEN=WRONG run $R quarter 2025Q3 --submit -o q.md
is "report, wrong token: exit 2" "$RC" 2
like "report, wrong token: pending counts the queued records" "$OUT" \
     '^\{"type":"submit","endpoint":"progress","queued":([1-9][0-9]*),"sent":0,"rejected":0,"pending":\1\}$'

done_testing
