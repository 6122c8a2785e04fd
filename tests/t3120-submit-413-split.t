#!/bin/sh
# gov-submit and 413 (Payload Too Large): the answer says nothing about the
# records, only that the batch was too big.  The batch is replaced, in one
# transaction, by two batches of its halves with keys of their own, and
# they are sent in the same run, cut again as long as the server says 413:
# every record is accepted, none rejected.  One record alone that still
# gets 413 is rejected with the server's message.  Killed right after a
# split, killed at random among splits, two runs at once: every record
# reaches the server exactly once.  (A 413 used to reject the whole batch,
# as any other 4xx.)
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\n' >"$XDG_CONFIG_HOME/govkit/config"
server_start
gen() { # gen N PREFIX: N records with unique ids
	awk -v n="$1" -v p="$2" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "{\"type\":\"finding\",\"id\":\"%s-%d\",\"row\":%d}\n", p, i, i }'
}
# requests ENDPOINT: the server's log of the POSTs to it
requests() { server_requests | grep "\"path\":\"/v1/$1\""; }
key_of() { sed 's/.*"key":"\([0-9a-f]*\)".*/\1/'; }
# wait_for DESC CMD...: until CMD succeeds, at most 20 s
wait_for() {
	_d=$1
	shift
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		if [ "$_i" -gt 400 ]; then
			fail "waited 20 s for: $_d"
			return 1
		fi
		sleep 0.05
	done
}

# ---- at most 6 records a request, 50 in one batch
gen 50 a >a.jsonl
server_control '{"max_records":6}'
run gov-submit --endpoint six --batch 50 a.jsonl
is "6 a request, 50 in a batch: exit 0" "$RC" 0
is "6 a request: nothing on stderr" "$ERR" ""
is "6 a request: all sent, none rejected, none pending" "$OUT" \
	'{"type":"submit","endpoint":"six","queued":50,"skipped":0,"sent":50,"rejected":0,"pending":0}'
server_records six >got
same_file "6 a request: each record once, in order" got a.jsonl
requests six >req
ok "6 a request: the first request was the whole batch, 413" \
	sh -c "head -1 req | grep -q '\"status\":413,.*\"records\":50,'"
is "6 a request: no 413 for 6 or fewer" \
	"$(grep '"status":413' req | grep -c '"records":[1-6],')" 0
is "6 a request: every request of 6 or fewer taken" \
	"$(grep -c '"records":[1-6],' req)" "$(grep -c '"status":200' req)"
is "6 a request: every key once (a half has a key of its own)" \
	"$(key_of <req | sort | uniq -d)" ""
run gov-submit --status --endpoint six
is "6 a request: --status exit 0" "$RC" 0
like "6 a request: --status: nothing pending, none rejected, 50 delivered" \
	"$OUT" '"endpoint":"six","pending":0,"batches":0,"rejected":0,"delivered":50'
is "6 a request: outbox_log: a row per batch taken, no 413" \
	"$(q "SELECT count(*), sum(records), sum(accepted), sum(rejected), max(status) FROM outbox_log WHERE endpoint = 'six'")" \
	"$(grep -c '"status":200' req)|50|50|0|200"

# ---- at most 300 bytes a body, the default batch
gen 40 b >b.jsonl
server_control '{"max_records":0,"max_bytes":300}'
run gov-submit --endpoint bytes b.jsonl
is "300 bytes a body: exit 0" "$RC" 0
is "300 bytes a body: all sent" "$OUT" \
	'{"type":"submit","endpoint":"bytes","queued":40,"skipped":0,"sent":40,"rejected":0,"pending":0}'
server_records bytes >got
same_file "300 bytes a body: each record once, in order" got b.jsonl

# ---- one record larger than the limit: rejected alone, the others taken
{
	gen 6 c
	printf '{"type":"finding","id":"big","pad":"%s"}\n' \
		"$(awk 'BEGIN { while (i++ < 400) printf "x" }')"
	gen 5 d
} >c.jsonl
big=$(q "SELECT seq FROM sqlite_sequence WHERE name = 'outbox_record'")
big=$((big + 7))
run gov-submit --endpoint one c.jsonl
is "a record too large: exit 1" "$RC" 1
is "a record too large: said, with the server's message" "$ERR" \
	"gov-submit: one: record $big rejected (HTTP 413): HTTP 413: payload too large: 452 bytes, at most 300
gov-submit: 1 record rejected; to see it, run: gov-submit --db $(shq "$GOVKIT_DB") --status"
is "a record too large: 11 sent, 1 rejected" "$OUT" \
	'{"type":"submit","endpoint":"one","queued":12,"skipped":0,"sent":11,"rejected":1,"pending":0}'
server_records one >got
grep -v '"big"' c.jsonl >want
same_file "a record too large: the others once each, in order" got want
run gov-submit --status --endpoint one
is "a record too large: --status exit 1" "$RC" 1
like "a record too large: --status counts it rejected, 11 delivered" "$OUT" \
	'"endpoint":"one","pending":0,"batches":0,"rejected":1,"delivered":11'
like "a record too large: --status shows it with the 413" "$OUT" \
	"\"type\":\"rejected\",\"endpoint\":\"one\",\"id\":$big,\"status\":413,\"error\":\"HTTP 413: payload too large: 452 bytes, at most 300\""
is "a record too large: outbox_log: one 413 row, for it alone" \
	"$(q "SELECT records, accepted, rejected FROM outbox_log WHERE endpoint = 'one' AND status = 413")" \
	"1|0|1"
server_control '{"max_bytes":0}'
run gov-submit --requeue-rejected --endpoint one
is "the limit lifted, --requeue-rejected: exit 0" "$RC" 0
is "the limit lifted: the large record once" "$(server_records one | grep -c '"big"')" 1

# ---- rejections in the halves: the server's indexes count in the half
# it was sent, and name the right records of the batch that was split.
server_control '{"max_bytes":0,"max_records":3}'
awk 'BEGIN { for (i = 1; i <= 8; i++)
	if (i == 3 || i == 6 || i == 8)
		printf "{\"type\":\"finding\",\"row\":%d,\"_reject\":\"bad %d\"}\n", i, i
	else
		printf "{\"type\":\"finding\",\"row\":%d}\n", i }' >x.jsonl
# (a database of its own: the last checks below want nothing rejected)
run gov-submit --db idx.db --endpoint idx --batch 8 x.jsonl
is "rejections after splits: exit 1, 5 sent, 3 rejected" "$RC:$OUT" \
	'1:{"type":"submit","endpoint":"idx","queued":8,"skipped":0,"sent":5,"rejected":3,"pending":0}'
is "rejections after splits: the right records, each with its message" \
	"$(sqlite3 idx.db "SELECT id, error, body FROM outbox_rejected ORDER BY id")" \
	'3|bad 3|{"type":"finding","row":3,"_reject":"bad 3"}
6|bad 6|{"type":"finding","row":6,"_reject":"bad 6"}
8|bad 8|{"type":"finding","row":8,"_reject":"bad 8"}'
server_records idx >got
grep -v _reject x.jsonl >want
same_file "rejections after splits: the others stored once, in order" got want
run gov-submit --db idx.db --status
like "rejections after splits: --status counts 3 rejected, 5 delivered" "$OUT" \
	'"endpoint":"idx","pending":0,"batches":0,"rejected":3,"delivered":5'
server_control '{"max_records":0}'

# ---- killed right after a split: the split is committed, the first
# half's request hangs at the server (stored only later); --flush then
# sends the first half again under its key and the second once.
gen 8 k >k.jsonl
server_control '{"max_records":4,"hang":1,"seconds":6,"after":1}'
gov-submit --endpoint kill --batch 8 k.jsonl >/dev/null 2>kill.err &
pid=$!
halves() { [ "$(q "SELECT count(*) FROM outbox_batch WHERE endpoint = 'kill' AND records = 4" 2>/dev/null)" = 2 ]; }
wait_for "the split" halves
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
unlike "killed: no sanitizer report" "$(cat kill.err)" 'Sanitizer|runtime error'
is "killed after the split: two batches of 4, the 8 records, none rejected" \
	"$(q "SELECT (SELECT count(*) || '/' || sum(records) FROM outbox_batch WHERE endpoint = 'kill'), (SELECT count(*) FROM outbox_record WHERE endpoint = 'kill'), (SELECT count(*) FROM outbox_rejected WHERE endpoint = 'kill')")" \
	"2/8|8|0"
is "killed after the split: the server stored nothing yet" \
	"$(server_records kill | wc -l | tr -d ' ')" 0
run gov-submit --status --endpoint kill --format text
like "killed after the split: --status: 8 pending in 2 batches" "$OUT" \
	'^kill: 8 pending \(2 batches formed\), 0 rejected, 0 delivered'
stored4() { [ "$(server_records kill | wc -l)" -eq 4 ]; }
wait_for "the hung request stored" stored4
first=$(requests kill | sed -n 2p | key_of)
run gov-submit --flush
is "--flush after the kill: exit 0" "$RC" 0
is "--flush after the kill: 8 sent" "$OUT" \
	'{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":8,"rejected":0,"pending":0}'
server_records kill >got
same_file "--flush after the kill: each record once, in order" got k.jsonl
is "--flush after the kill: the first half went again under its key" \
	"$(requests kill | grep -c "\"key\":\"$first\"")" 2

# ---- the same records, the same keys: a copy of the database taken
# while the batch of 8 waits for its 413 is the database whose split
# was lost (a power cut); flushed each, they cut the batch into the same
# halves under the same keys, and the server stores each record once.
server_control '{"reset":true}'
server_control '{"max_records":4,"hang":1,"seconds":3}'
gen 8 det >det.jsonl
gov-submit --db det.db --endpoint det --batch 8 det.jsonl >/dev/null 2>det.err &
pid=$!
leased() { [ "$(sqlite3 det.db "SELECT count(*) FROM outbox_batch WHERE owner_pid IS NOT NULL" 2>/dev/null)" = 1 ]; }
wait_for "the batch of 8 sent" leased
sqlite3 det.db ".backup det2.db"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run gov-submit --db det.db --flush
is "split, first copy: exit 0, 8 sent" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":8,"rejected":0,"pending":0}'
requests det | grep '"records":4,' | key_of | sort >keys1
run gov-submit --db det2.db --flush
is "split, second copy: exit 0, 8 sent" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":8,"rejected":0,"pending":0}'
requests det | grep '"records":4,' | key_of | sort -u >keys2
is "split twice: two keys in all, the same halves' both times" \
	"$(wc -l <keys1 | tr -d ' '):$(wc -l <keys2 | tr -d ' ')" "2:2"
same_file "split twice: the keys of the first copy's halves are all there are" keys1 keys2
server_records det >got
same_file "split twice: each record stored once, in order" got det.jsonl

# ---- a batch formed after a 413, in the same run, is formed smaller:
# records queued while the flush waits on an answer are not sent in a
# batch that would get 413 too.  (Those formed before keep their size.)
server_control '{"reset":true}'
gen 16 l1 >l1.jsonl
gen 16 l2 >l2.jsonl
run env -u GOVKIT_API gov-submit --endpoint learn l1.jsonl
is "learn: queued, no API: exit 3" "$RC" 3
server_control '{"max_records":4,"hang":1,"seconds":3,"after":1}'
gov-submit --flush --batch 16 >learn.out 2>learn.err &
pid=$!
first413() { requests learn | grep -q '"status":413'; }
wait_for "the first 413" first413
run env -u GOVKIT_API gov-submit --endpoint learn l2.jsonl
is "learn: more queued during the flush: exit 3" "$RC" 3
wait "$pid"
is "learn: the flush: exit 0" "$?" 0
cat l1.jsonl l2.jsonl >want
server_records learn >got
same_file "learn: each record once, in order" got want
is "learn: 413 only for the batch of 16 and its halves" \
	"$(requests learn | grep '"status":413' | grep -o '"records":[0-9]*' | tr '\n' ' ')" \
	'"records":16 "records":8 "records":8 '

# ---- killed at random moments among splits, some connections dropped:
# afterwards --flush delivers every record exactly once.
server_control '{"reset":true}'
gen 600 r >r.jsonl
run env -u GOVKIT_API gov-submit --endpoint rnd r.jsonl
server_control '{"max_records":3,"drop":3}'
i=1
while [ "$i" -le 8 ]; do
	gov-submit --flush --batch 40 >/dev/null 2>>rnd.err &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * 0.3 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	i=$((i + 1))
done
unlike "random kills: no sanitizer report" "$(cat rnd.err)" 'Sanitizer|runtime error'
echo "# before the last flush: $(server_records rnd | wc -l) delivered, $(requests rnd | grep -c '"status":413') answers 413"
run gov-submit --flush --batch 40
is "random kills, then --flush: exit 0" "$RC" 0
server_records rnd | sort >got
sort r.jsonl >want
same_file "random kills: every record exactly once" got want
is "random kills: nothing rejected" "$(q "SELECT count(*) FROM outbox_rejected WHERE endpoint = 'rnd'")" 0

# ---- queueing and flushing at once, 413 for more than 7 records
server_control '{"reset":true}'
server_control '{"max_records":7,"drop":2}'
for i in 1 2 3; do gen 300 "w$i" >w$i.jsonl; done
pids=""
for i in 1 2 3; do
	gov-submit --endpoint once --batch 50 w$i.jsonl >w$i.out 2>w$i.err &
	pids="$pids $!"
done
for i in 1 2; do
	gov-submit --flush --batch 50 >fl$i.out 2>fl$i.err &
	pids="$pids $!"
done
bad=""
for p in $pids; do wait "$p" || [ $? -eq 3 ] || bad="$bad $p"; done
is "at once: each exit 0 (or 3: kept queued)" "$bad" ""
unlike "at once: no 'database is locked', no rejection" \
	"$(cat w*.err fl*.err)" "locked|busy|rejected|Sanitizer"
run gov-submit --flush
is "at once: a last flush: exit 0" "$RC" 0
server_records once | sort >got
cat w*.jsonl | sort >want
same_file "at once: every record exactly once" got want
run gov-submit --status
is "at the end: --status exit 0: nothing pending, nothing rejected" "$RC" 0
like "at the end: --status: once delivered in full" "$OUT" \
	'"endpoint":"once","pending":0,"batches":0,"rejected":0,"delivered":900'

done_testing
