#!/bin/sh
# gov-submit: deliver the check's findings to a central server (the
# reference server of the tests, on a loopback port) through the outbox:
# first while the server answers 503 (records stay queued, exit 3), then
# with --flush once it is back; one record rejected and kept with the
# server's message.  Runs from the repository root with bin/ on PATH.
set -eu
O=samples/out/submit
mkdir -p "$O/config/govkit"
# Quick retries for the demo (the defaults wait up to 30 s between tries).
printf 'http_backoff = 0.05\nhttp_max_backoff = 0.2\nhttp_retries = 2\n' >"$O/config/govkit/config"
export XDG_CONFIG_HOME=$PWD/$O/config
GOVKIT_TOKEN=demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
export GOVKIT_TOKEN
unset GOVKIT_TOKEN_FILE
rm -f "$O/port"
/usr/bin/python3 tests/server/central.py --port-file "$O/port" --token "$GOVKIT_TOKEN" \
	>"$O/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
while [ ! -s "$O/port" ]; do sleep 0.05; done
GOVKIT_API=http://127.0.0.1:$(cat "$O/port")
export GOVKIT_API
control() { curl -sS -o /dev/null --data-binary "$1" "$GOVKIT_API/_control"; }

in=samples/out/findings.jsonl
if [ ! -s "$in" ]; then
	in=$O/findings.jsonl
	printf '{"type":"finding","file":"x.csv","row":%d,"check":"required"}\n' 2 3 4 5 >"$in"
fi
n=$(wc -l <"$in")
control '{"fail":1000,"status":503}'
rc=0
gov-submit --batch 100 "$in" >/dev/null 2>"$O/down.err" || rc=$?
[ "$rc" -eq 3 ]
echo "server answering 503: exit $rc, $(tail -1 "$O/down.err" | sed 's/^gov-submit: //')"
gov-submit --status --format text | head -2 || true
# Back, but refusing the summary record (the centre computes its own).
control '{"fail":0,"reject":[{"field":"type","value":"summary","error":"summaries are computed centrally"}]}'
rc=0
gov-submit --flush --format text 2>"$O/flush.err" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
sed 's/^/  /' "$O/flush.err"
got=$(curl -sS "$GOVKIT_API/_records?endpoint=findings" | wc -l)
echo "server holds $got of $n records, each once; rejected ones: gov-submit --status"
