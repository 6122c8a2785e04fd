#!/bin/sh
# The crontab of gov-submit(1), its quarter-hourly line run as written:
# cron mails what it prints.  A flush that only leaves records queued
# (exit 3) prints nothing; one the server answered with a defect
# (a 2xx naming no record of its batch, exit 1)
# prints the message, then the status.  The line used to send standard
# error to /dev/null, so that message reached nobody although the page
# said cron mailed the messages of such a run.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
cron_line=$(sed -n 's/^\*\/15 \* \* \* \* //p' "$T_TOP/man/gov-submit.1")
like "the page has the quarter-hourly line" "$cron_line" '^m=\$\(gov-submit --flush'

printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
server_control '{"fail":1,"status":503}'
run gov-submit g.jsonl
is "queued: exit 3" "$RC" 3

server_control '{"fail":1,"status":503}'
run sh -c "$cron_line"
is "left queued (exit 3): the line prints nothing" "$OUT$ERR" ""

server_control '{"answer":1,"status":200,"body":"{\"accepted\":3,\"rejected\":[{\"index\":7,\"error\":\"x\"}]}"}'
run sh -c "$cron_line"
like "a 2xx naming no record: its message mailed" "$OUT" \
	"^gov-submit: POST /v1/findings: HTTP 200 for records 1-3 \\(Idempotency-Key [0-9a-f]*\\): 1 entry of 'rejected' names no record of the batch of 3 \\(the first: index 7\\)"
like "... then the status" "$OUT" '^findings: 0 pending \(0 batches formed\), 0 rejected, 3 delivered'
is "... nothing on the line's own standard error" "$ERR" ""

run sh -c "$cron_line"
is "nothing left: the line prints nothing" "$OUT$ERR" ""
done_testing
