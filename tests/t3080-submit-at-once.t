#!/bin/sh
# gov-submit queueing beside gov-submit --flush draining the same outbox,
# several of each at once, some connections dropped: every record reaches
# the server exactly once, and nobody meets "database is locked".
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\n' >"$XDG_CONFIG_HOME/govkit/config"
server_start
for i in 1 2 3 4; do
	awk -v n=3000 -v p="c$i" 'BEGIN {
		for (j = 1; j <= n; j++)
			printf "{\"type\":\"finding\",\"id\":\"%s-%d\",\"row\":%d}\n", p, j, j }' >f$i.jsonl
done
server_control '{"drop":3}'
pids=""
for i in 1 2 3 4; do
	gov-submit --endpoint conc --batch 50 f$i.jsonl >s$i.out 2>s$i.err & pids="$pids $!"
done
for i in 1 2 3; do
	gov-submit --flush --batch 50 >fl$i.out 2>fl$i.err & pids="$pids $!"
done
bad=""
for p in $pids; do wait "$p" || [ $? -eq 3 ] || bad="$bad $p"; done # (not `wait`: the server)
is "at once: each exit 0 (or 3: kept queued)" "$bad" ""
unlike "at once: no 'database is locked'" "$(cat s*.err fl*.err)" "locked|busy"
run gov-submit --flush
is "a last flush: exit 0" "$RC" 0
server_records conc | sort >got
cat f*.jsonl | sort >want
same_file "every record exactly once" got want
done_testing
