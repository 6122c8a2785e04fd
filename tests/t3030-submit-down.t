#!/bin/sh
# The server is down: exit 3, records queued, --status shows them; it
# comes back: --flush delivers them, once.  Then two gov-submit at once on
# one database lose nothing and send no batch twice.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

gen() {
	awk -v n="$1" -v p="$2" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "{\"type\":\"finding\",\"id\":\"%s-%d\",\"row\":%d}\n", p, i, i }'
}
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\nhttp_retries = 2\n' \
	> "$XDG_CONFIG_HOME/govkit/config"

server_start
server_stop          # GOVKIT_API now points at a closed port

gen 1500 d > d.jsonl
run gov-submit --endpoint down --batch 500 d.jsonl
is "server down: exit 3" "$RC" 3
is "server down: submit record" "$OUT" \
   '{"type":"submit","endpoint":"down","queued":1500,"skipped":0,"sent":0,"rejected":0,"pending":1500}'
like "server down: why" "$ERR" "gov-submit: POST /v1/down: .*(onnect|refused).* \(3 attempts\)"
like "server down: what now" "$ERR" "1500 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
run gov-submit --status
is "server down: --status exit 3" "$RC" 3
like "server down: --status shows them" "$OUT" \
     '^\{"type":"outbox","endpoint":"down","pending":1500,"batches":3,"rejected":0,"delivered":0,"oldest":"[0-9T:Z-]+","last_error":"POST /v1/down: .*","last_try_at":"[0-9T:Z-]+","last_sent_at":null,"last_defect":null,"last_defect_at":null\}$'
run gov-submit --flush
is "still down: --flush exit 3" "$RC" 3

server_start         # same port, same journal
run gov-submit --flush
is "server back: --flush exit 0" "$RC" 0
is "server back: submit record" "$OUT" \
   '{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":1500,"rejected":0,"pending":0}'
server_records down | sort > got
sort d.jsonl > want
same_file "server back: each record once" got want
run gov-submit --status --format text
is "server back: --status exit 0" "$RC" 0
like "server back: --status text" "$OUT" '^down: 0 pending \(0 batches formed\), 0 rejected, 1500 delivered; last sent'

# Two gov-submit at once on the same database.
gen 4000 a > a.jsonl
gen 4000 b > b.jsonl
gov-submit --endpoint two --batch 100 a.jsonl > a.out 2> a.err &
pa=$!
gov-submit --endpoint two --batch 100 b.jsonl > b.out 2> b.err &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
is "two at once: both exit 0" "$ra $rb" "0 0"
is "two at once: no messages" "$(cat a.err b.err)" ""
server_records two | sort > got
sort a.jsonl b.jsonl > want
same_file "two at once: every record exactly once" got want
server_requests | grep '/v1/two' | sed 's/.*"key":"\([^"]*\)".*/\1/' > keys
is "two at once: 80 batches, no batch sent twice" \
   "$(sort keys | uniq | wc -l) $(wc -l < keys)" "80 80"

# Two --flush at once on a full outbox, with slow answers: the leases
# keep them from sending one batch twice, and both finish.
server_stop
gen 3000 c > c.jsonl
run gov-submit --endpoint flush2 --batch 100 c.jsonl
is "queued while down" "$RC" 3
server_start
server_control '{"hang":6,"seconds":0.3}'
gov-submit --flush --batch 100 > f1.out 2> f1.err &
p1=$!
gov-submit --flush --batch 100 > f2.out 2> f2.err &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
is "two flushes: both exit 0" "$r1 $r2" "0 0"
is "two flushes: no messages" "$(cat f1.err f2.err)" ""
server_records flush2 | sort > got
sort c.jsonl > want
same_file "two flushes: every record exactly once" got want
server_requests | grep '/v1/flush2' | sed 's/.*"key":"\([^"]*\)".*/\1/' > keys
is "two flushes: 30 batches, none sent twice" \
   "$(sort keys | uniq | wc -l) $(wc -l < keys)" "30 30"
echo "# the two flushes sent $(cat f1.out f2.out | sed 's/.*"sent":\([0-9]*\).*/\1/' | tr '\n' ' ')"
is "two flushes: the sent counts add up" \
   "$(cat f1.out f2.out | sed 's/.*"sent":\([0-9]*\).*/\1/' | awk '{ n += $1 } END { print n }')" 3000

# A slow producer does not hold the database while it writes: another run
# (or the producer itself, gov-check --track) goes on meanwhile.
gen 100 slow > slow.jsonl
gen 10 quick > quick.jsonl
( sleep 3; cat slow.jsonl ) | gov-submit --endpoint slow > slow.out 2> slow.err &
ps=$!
sleep 0.5
run timeout 2 gov-submit --endpoint quick quick.jsonl
is "slow producer: another run is not blocked" "$RC" 0
wait "$ps"; rs=$?
is "slow producer: its own run exit 0" "$rs" 0
is "slow producer: both delivered" \
   "$(server_records slow | wc -l) $(server_records quick | wc -l)" "100 10"

done_testing
