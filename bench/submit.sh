#!/bin/sh
# gov-submit benchmarks (figures in bench/README.md, "## gov-submit").
#
# SUBMIT_BENCH_N (100,000) finding records to the reference central server
# (tests/server/central.py) on loopback, in batches of 500:
#   1. gov-submit: enqueue + deliver, one call;
#   2. gov-submit with no API: enqueue only (exit 3), then --flush alone;
#   3. the peer: one bare `curl` process POSTing the same 500-record bodies
#      with the same headers over one kept-alive connection.
#   4. --flush and curl again, to a sink (central.py --sink) that answers
#      at once without parsing: the client's own cost, server excluded.
# What gov-submit adds per record over curl (outbox, input parsing,
# batching, the transactions) is (1 - 3) / N; the outbox's own cost alone
# is the enqueue time plus the flush time minus curl's, per record.
. "$(dirname "$0")/lib.sh"
cd "$BENCH_TOP"
O=$BENCH_OUT/submit
N=${SUBMIT_BENCH_N:-100000}
BATCH=500
rm -rf "$O"
mkdir -p "$O"
need_deb curl python3

awk -v n="$N" 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "{\"type\":\"finding\",\"file\":\"residents.csv\",\"row\":%d,\"column\":3,\"field\":\"id_no\",\"check\":\"format\",\"dimension\":\"accuracy\",\"severity\":\"error\",\"value\":\"150502********%04d\",\"message\":\"check digit is 4, expected X\"}\n", i + 1, i % 10000 }' > "$O/findings.jsonl"
BYTES=$(wc -c < "$O/findings.jsonl")

TOKEN=bench-token
/usr/bin/python3 tests/server/central.py --port-file "$O/port" --token "$TOKEN" \
	>"$O/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT INT TERM
while [ ! -s "$O/port" ]; do sleep 0.05; done
API=http://127.0.0.1:$(cat "$O/port")
export GOVKIT_TOKEN=$TOKEN
unset GOVKIT_TOKEN_FILE

secs() { awk '{ print $1 }' "$BENCH_OUT/.time"; }
# cpu CMD...: user+system seconds of CMD (its output dropped).
cpu() {
	/usr/bin/time -f '%U %S' -o "$O/.cpu" "$@" >/dev/null 2>&1 || true
	tail -1 "$O/.cpu" | awk '{ print $1 + $2 }'
}

echo "gov-submit, $N records ($BYTES bytes), batches of $BATCH, $(date -u +%Y-%m-%d)"
table_header
export GOVKIT_DB=$O/one.db
GOVKIT_API=$API measure "gov-submit (enqueue + deliver)" "$BYTES" "$N" \
	gov-submit --endpoint b1 --batch $BATCH "$O/findings.jsonl"
T_ALL=$(secs)

export GOVKIT_DB=$O/two.db
measure "gov-submit, no API (enqueue only)" "$BYTES" "$N" \
	sh -c 'gov-submit --endpoint b2 --batch '$BATCH' "$1" 2>/dev/null; [ $? -eq 3 ]' \
	sh "$O/findings.jsonl"
T_ENQ=$(secs)
GOVKIT_API=$API measure "gov-submit --flush (deliver only)" "$BYTES" "$N" \
	gov-submit --flush --batch $BATCH
T_FLUSH=$(secs)

# The same bodies, by bare curl, one process, one connection.
split -l $BATCH -d -a 5 "$O/findings.jsonl" "$O/chunk."
i=0
for c in "$O"/chunk.*; do
	i=$((i + 1))
	{ printf '{"records":['; paste -sd, "$c"; printf ']}'; } > "$O/body.$i"
	[ "$i" -gt 1 ] && echo next >> "$O/curl.cfg"
	cat >> "$O/curl.cfg" <<CFG
url = "$API/v1/b3"
data-binary = "@$O/body.$i"
header = "Authorization: Bearer $TOKEN"
header = "Content-Type: application/json"
header = "Idempotency-Key: curl-bench-$i"
output = "/dev/null"
silent
CFG
done
measure "curl, the same $i bodies" "$BYTES" "$N" curl -K "$O/curl.cfg"
T_CURL=$(secs)

# The outbox's CPU alone: enqueue, and a flush to a server that answers
# at once from memory is mostly the outbox (curl's own CPU is small).
export GOVKIT_DB=$O/cpu.db
C_ENQ=$(cpu gov-submit --endpoint b4 --batch $BATCH "$O/findings.jsonl")
C_FLUSH=$(GOVKIT_API=$API cpu gov-submit --flush --batch $BATCH)
C_CURL=$(cpu curl -K "$O/curl.cfg")
awk -v e="$C_ENQ" -v f="$C_FLUSH" -v c="$C_CURL" -v n="$N" 'BEGIN {
	printf "CPU per record: enqueue (parse + insert) %.1f us, flush %.1f us, curl %.1f us\n",
		e / n * 1e6, f / n * 1e6, c / n * 1e6
}'
awk -v a="$T_ALL" -v e="$T_ENQ" -v f="$T_FLUSH" -v c="$T_CURL" -v n="$N" 'BEGIN {
	printf "\nper record: gov-submit %.1f us, curl %.1f us; gov-submit adds %.1f us over curl\n",
		a / n * 1e6, c / n * 1e6, (a - c) / n * 1e6
	printf "outbox + input: enqueue %.1f us, flush minus curl %.1f us\n",
		e / n * 1e6, (f - c) / n * 1e6
}'
# 4. Against a sink: what the client costs, the server taken out.
/usr/bin/python3 tests/server/central.py --port-file "$O/sinkport" --token "$TOKEN" \
	--sink >"$O/sink.log" 2>&1 &
SINK=$!
trap 'kill $SERVER $SINK 2>/dev/null' EXIT INT TERM
while [ ! -s "$O/sinkport" ]; do sleep 0.05; done
SINKAPI=http://127.0.0.1:$(cat "$O/sinkport")
export GOVKIT_DB=$O/sink.db
gov-submit --endpoint b5 --batch $BATCH "$O/findings.jsonl" >/dev/null 2>&1 || true
echo
table_header
GOVKIT_API=$SINKAPI measure "gov-submit --flush, to a sink" "$BYTES" "$N" \
	gov-submit --flush --batch $BATCH
T_SFLUSH=$(secs)
sed "s#$API#$SINKAPI#" "$O/curl.cfg" > "$O/curl-sink.cfg"
measure "curl, the same bodies, to a sink" "$BYTES" "$N" curl -K "$O/curl-sink.cfg"
T_SCURL=$(secs)
awk -v f="$T_SFLUSH" -v c="$T_SCURL" -v n="$N" 'BEGIN {
	printf "to a sink, per record: gov-submit --flush %.1f us, curl %.1f us, difference %.1f us\n",
		f / n * 1e6, c / n * 1e6, (f - c) / n * 1e6
}'

for ep in b1 b2 b3 b4; do
	got=$(curl -s "$API/_records?endpoint=$ep" | wc -l)
	[ "$got" -eq "$N" ] || { echo "submit bench: $ep holds $got of $N records" >&2; exit 1; }
done
