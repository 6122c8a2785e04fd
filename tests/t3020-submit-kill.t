#!/bin/sh
# gov-submit killed with SIGKILL at random moments, many times, during
# large deliveries (and during --flush): afterwards --flush delivers every
# record exactly once, and a killed call queued all of its input or none.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

KILLS=20
PER_FILE=1500
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\n' > "$XDG_CONFIG_HOME/govkit/config"
server_start

i=1
while [ "$i" -le "$KILLS" ]; do
	awk -v n="$PER_FILE" -v p="k$i" 'BEGIN {
		for (j = 1; j <= n; j++)
			printf "{\"type\":\"finding\",\"id\":\"%s-%d\",\"row\":%d}\n", p, j, j }' > f$i.jsonl
	i=$((i + 1))
done

# Some connections drop mid-answer too, so kills meet retries.
server_control '{"drop":5}'
i=1
while [ "$i" -le "$KILLS" ]; do
	# Every fourth round kills a --flush of what earlier rounds left.
	if [ $((i % 4)) -eq 0 ]; then
		gov-submit --flush --batch 10 >/dev/null 2>>kill.err &
	else
		gov-submit --endpoint kill --batch 10 f$i.jsonl >/dev/null 2>>kill.err &
	fi
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * 0.3 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	i=$((i + 1))
done
unlike "killed runs: no sanitizer report" "$(cat kill.err)" 'Sanitizer|runtime error'

before=$(server_records kill | wc -l)
queued=$(gov-submit --status --endpoint kill | sed -n 's/.*"pending":\([0-9]*\).*/\1/p')
echo "# before the last flush: $before delivered, ${queued:-0} queued"
run gov-submit --flush
is "flush after $KILLS kills: exit 0" "$RC" 0
server_records kill > got
is "no record twice" "$(sort got | uniq -d | head -3)" ""

# Each killed call queued all of its records or none: the files with none
# on the server are queued again, and then everything is there once.
again=0
i=1
while [ "$i" -le "$KILLS" ]; do
	if [ $((i % 4)) -ne 0 ]; then
		n=$(grep -c "\"id\":\"k$i-" got)
		if [ "$n" -ne 0 ] && [ "$n" -ne "$PER_FILE" ]; then
			fail "file $i: $n of $PER_FILE records delivered (not all or none)"
		fi
		if [ "$n" -eq 0 ]; then
			gov-submit --endpoint kill --batch 10 f$i.jsonl >/dev/null 2>&1 ||
				fail "resubmitting file $i"
			again=$((again + 1))
		fi
	fi
	i=$((i + 1))
done
pass "every killed call queued all or none ($again queued again)"

i=1
: > want
while [ "$i" -le "$KILLS" ]; do
	[ $((i % 4)) -ne 0 ] && cat f$i.jsonl >> want
	i=$((i + 1))
done
server_records kill | sort > got
sort want > want.sorted
same_file "every record exactly once" got want.sorted
run gov-submit --status
is "outbox empty at the end" "$RC" 0
like "status: nothing pending" "$OUT" '"endpoint":"kill","pending":0,"batches":0,"rejected":0'

done_testing
