#!/bin/sh
# Freshness puts the newest value on the local calendar (TZ), the one
# "today" is read on.  A datetime written with 'Z' or an offset is an
# instant and counts on the local date it falls on; one without an offset
# (and a date) on the date it is written with.  Every datetime was taken
# on its UTC date: in Shanghai, 2025-09-01T06:00:00+08:00 was called
# 2025-08-31, a day older than the data said.
. "$(dirname "$0")/lib.sh"

found() { finding_fields check value message; }

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"},
            {"name": "updated_at", "type": "datetime"}],
 "freshness": {"field": "updated_at", "maxAgeDays": 2}}
JSON
printf 'id,updated_at\n1,2025-09-01T06:00:00+08:00\n' >cst.csv
printf 'id,updated_at\n1,2025-08-31T23:59:59\n2,2025-08-31T22:00:00Z\n' >mixed.csv
printf 'id,updated_at\n1,2025-08-31T23:00:00\n' >naive.csv
printf 'id,updated_at\n1,2025-09-01T02:00:00Z\n' >utc.csv

TZ=Asia/Shanghai run gov-check --format ndjson -s s.json --today 2025-09-03 cst.csv
is "Shanghai: 06:00+08:00 on Sep 1 is 2 days before Sep 3: fresh, exit 0" \
	"$RC $(found)" "0 "

TZ=UTC run gov-check --format ndjson -s s.json --today 2025-09-03 cst.csv
is "UTC: the same instant is Aug 31 there, 3 days: stale, exit 1" \
	"$RC $(found)" "1 freshness 2025-08-31 newest updated_at is 2025-08-31, 3 days before 2025-09-03 (maxAgeDays 2)"

TZ=Asia/Shanghai run gov-check --format ndjson -s s.json --today 2025-09-03 mixed.csv
is "Shanghai: 22:00Z on Aug 31 is Sep 1 there, newer than a naive 23:59:59 on Aug 31" \
	"$RC $(found)" "0 "

TZ=Asia/Shanghai run gov-check --format ndjson -s s.json --today 2025-09-03 naive.csv
is "a datetime without an offset counts on the date it is written with" \
	"$RC $(found)" "1 freshness 2025-08-31 newest updated_at is 2025-08-31, 3 days before 2025-09-03 (maxAgeDays 2)"

TZ=America/New_York run gov-check --format ndjson -s s.json --today 2025-09-03 utc.csv
is "New York: 02:00Z on Sep 1 is Aug 31 there, 3 days: stale" \
	"$RC $(found)" "1 freshness 2025-08-31 newest updated_at is 2025-08-31, 3 days before 2025-09-03 (maxAgeDays 2)"

done_testing
