#!/bin/sh
# gov-submit on an outbox after a year of cron (figures in bench/README.md,
# "## gov-submit").  The outbox is made by the tool itself: for each of
# SUBMIT_AGED_WEEKS (52) weeks, per endpoint (findings, risks, verdicts,
# progress), one call of 3,500 records in batches of 10 to central.py
# --sink, and one record of findings rejected by the real reference
# server every fourth week: 72,800 delivered batches in outbox_log, 728,000
# records.  Then the wall time (median of 5) of the calls a crontab makes:
# --status, --flush with nothing due, enqueue of one record (delivered, or
# kept for want of an API), --requeue-rejected.
. "$(dirname "$0")/lib.sh"
cd "$BENCH_TOP"
O=$BENCH_OUT/submit-aged
WEEKS=${SUBMIT_AGED_WEEKS:-52}
rm -rf "$O"
mkdir -p "$O"
need_deb python3

TOKEN=bench-token
/usr/bin/python3 tests/server/central.py --port-file "$O/sinkport" --token "$TOKEN" \
	--sink >"$O/sink.log" 2>&1 &
SINK=$!
/usr/bin/python3 tests/server/central.py --port-file "$O/port" --token "$TOKEN" \
	>"$O/server.log" 2>&1 &
SERVER=$!
trap 'kill $SINK $SERVER 2>/dev/null' EXIT INT TERM
while [ ! -s "$O/sinkport" ] || [ ! -s "$O/port" ]; do sleep 0.05; done
SINKAPI=http://127.0.0.1:$(cat "$O/sinkport")
API=http://127.0.0.1:$(cat "$O/port")
export GOVKIT_TOKEN=$TOKEN GOVKIT_DB=$O/aged.db
unset GOVKIT_TOKEN_FILE GOVKIT_API

w=0
while [ $w -lt "$WEEKS" ]; do
	w=$((w + 1))
	for ep in findings risks verdicts progress; do
		awk -v ep=$ep -v w=$w 'BEGIN { for (i = 1; i <= 3500; i++)
			printf "{\"type\":\"finding\",\"file\":\"%s-%d.csv\",\"row\":%d,\"check\":\"format\",\"severity\":\"error\",\"value\":\"150502********%04d\",\"message\":\"check digit is 4, expected X\"}\n", ep, w, i + 1, i % 10000 }' >"$O/in.jsonl"
		GOVKIT_API=$SINKAPI gov-submit --endpoint $ep --batch 10 "$O/in.jsonl" >/dev/null
	done
	if [ $((w % 4)) -eq 0 ]; then
		printf '{"type":"finding","week":%d,"_reject":"unknown unit"}\n' $w |
			GOVKIT_API=$API gov-submit --endpoint findings >/dev/null 2>&1 || [ $? -eq 1 ]
	fi
done
echo "gov-submit on an aged outbox, $(date -u +%Y-%m-%d): $(sqlite3 "$O/aged.db" \
	"SELECT count(*) || ' batches, ' || sum(accepted) || ' records delivered, ' FROM outbox_log")$(sqlite3 "$O/aged.db" \
	"SELECT count(*) || ' rejected' FROM outbox_rejected"), $(wc -c <"$O/aged.db") bytes"

echo '{"type":"finding","row":1}' >"$O/one.jsonl"
# ms CMD...: wall milliseconds of CMD (its status ignored), in tenths
ms() { a=$(date +%s%N); "$@" >/dev/null 2>&1 || true; b=$(date +%s%N); echo $(((b - a) / 100000)); }
median() { sort -n | sed -n 3p | awk '{ printf "%.1f", $1 / 10 }'; }
t() { for i in 1 2 3 4 5; do ms "$@"; done | median; }
echo "| call | ms (median of 5) |"
echo "|---|---:|"
echo "| --status | $(t gov-submit --status --format ndjson) |"
echo "| --flush, nothing due | $(GOVKIT_API=$SINKAPI t gov-submit --flush) |"
echo "| enqueue + deliver one record | $(GOVKIT_API=$SINKAPI t gov-submit --endpoint findings "$O/one.jsonl") |"
echo "| enqueue one record, no API (kept) | $(t gov-submit --endpoint findings "$O/one.jsonl") |"
GOVKIT_API=$SINKAPI gov-submit --flush >/dev/null
sqlite3 "$O/aged.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$O/aged.db" "$O/keep.db"
r=$(for i in 1 2 3 4 5; do
	cp "$O/keep.db" "$O/aged.db"; rm -f "$O/aged.db-wal" "$O/aged.db-shm"
	GOVKIT_API=$SINKAPI ms gov-submit --requeue-rejected
done | median)
echo "| --requeue-rejected ($((WEEKS / 4)) records) | $r |"
