#!/bin/sh
# gov-submit given the same input again before it was delivered (a cron
# job run again after exit 3, the same command run again after a refused
# token, exit 2, two runs at once): a record whose text is that of one
# still queued for the same endpoint is not queued again, so the server
# gets it once.  (It was queued twice, and sent twice under two keys.)
# Once delivered, the same input is sent again: the outbox knows what
# waits, not all that was ever sent.  The records of one call are all
# queued, repeated or not.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\nhttp_retries = 0\n' >"$XDG_CONFIG_HOME/govkit/config"
server_start
# the submit record counts what it skipped ("skipped", added with this
# test's second version: "queued":0 alone did not say why)
stored() { server_records "$1" | wc -l | tr -d ' '; }
printf '{"type":"finding","file":"r.csv","row":%d}\n' 2 3 4 >a.jsonl
printf '{"type":"finding","file":"r.csv","row":%d}\n' 3 4 5 >b.jsonl

# ---- no API: queued once, then only what is new
run env -u GOVKIT_API gov-submit --endpoint down a.jsonl
is "no API, first run: 3 queued, exit 3" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"down","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
run env -u GOVKIT_API gov-submit --endpoint down a.jsonl
is "no API, the same input again: none queued, 3 pending" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"down","queued":0,"skipped":3,"sent":0,"rejected":0,"pending":3}'
run env -u GOVKIT_API gov-submit --endpoint down b.jsonl
is "no API, rows 3 to 5: only row 5 queued" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"down","queued":1,"skipped":2,"sent":0,"rejected":0,"pending":4}'
run env -u GOVKIT_API gov-submit --endpoint other a.jsonl
is "no API, the same records to another endpoint: queued" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"other","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
run gov-submit --dry-run --endpoint down a.jsonl
is "--dry-run of the same input: the 4 queued, in one batch" "$RC:$OUT" \
	'0:{"type":"batch","endpoint":"down","records":4,"bytes":181,"key":null}'
run gov-submit --flush
is "--flush: 7 sent" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":7,"rejected":0,"pending":0}'
server_records down >got
cat a.jsonl >want
sed -n 3p b.jsonl >>want
same_file "the server has rows 2 to 5 once each" got want
is "and 'other' its 3" "$(stored other)" 3

# ---- delivered, then the same input again: sent again
run gov-submit --endpoint down a.jsonl
is "delivered, the same input again: queued and sent again" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"down","queued":3,"skipped":0,"sent":3,"rejected":0,"pending":0}'
is "the server has them twice now" "$(stored down)" 7

# ---- repeated within one call: all queued
cat a.jsonl a.jsonl >aa.jsonl
run env -u GOVKIT_API gov-submit --endpoint twice aa.jsonl
is "one call, each record twice: 6 queued" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"twice","queued":6,"skipped":0,"sent":0,"rejected":0,"pending":6}'
run env -u GOVKIT_API gov-submit --endpoint twice aa.jsonl
is "that call again: none queued" "$RC:$OUT" \
	'3:{"type":"submit","endpoint":"twice","queued":0,"skipped":6,"sent":0,"rejected":0,"pending":6}'
run gov-submit --flush --endpoint twice
is "--flush: the 6 sent" "$RC:$(stored twice)" "0:6"

# ---- a refused token (exit 2, kept), put right, the same command again
server_control '{"token":"another"}'
run gov-submit --endpoint tok a.jsonl
is "401: exit 2, kept" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":"tok","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
server_control "{\"token\":\"$SERVER_TOKEN\"}"
run gov-submit --endpoint tok a.jsonl
is "the token put right, the same command: none queued, 3 sent" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"tok","queued":0,"skipped":3,"sent":3,"rejected":0,"pending":0}'
server_records tok >got
same_file "the server has each once" got a.jsonl

# ---- a record rejected is not queued: given again, it is queued again
printf '{"type":"finding","row":9,"_reject":"no"}\n' >r.jsonl
run gov-submit --endpoint rej r.jsonl
is "rejected: exit 1" "$RC" 1
run gov-submit --endpoint rej r.jsonl
is "a rejected record given again: queued, rejected again" "$RC:$OUT" \
	'1:{"type":"submit","endpoint":"rej","queued":1,"skipped":0,"sent":0,"rejected":1,"pending":0}'
is "outbox: nothing left queued" "$(q 'SELECT count(*) FROM outbox_record')" 0

# the text form says it too
env -u GOVKIT_API gov-submit --endpoint txt a.jsonl >/dev/null 2>&1
env -u GOVKIT_API gov-submit --endpoint txt --format text a.jsonl >text.out 2>/dev/null
is "text form: the skipped records said" "$(cat text.out)" \
	"txt: 0 queued (3 already queued, not again), 0 sent, 0 rejected, 3 pending"

done_testing
