#!/bin/sh
# gov-report quarter --submit -o FILE: a run that cannot deliver for a
# configuration problem (the API refuses the token: exit 2, as gov-submit)
# leaves no file, like every failed run; records kept queued for later
# (server away: exit 3) or rejected by the server (exit 1) leave the
# report written.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.02\nhttp_max_backoff = 0.1\nhttp_retries = 2\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0
server_start

# The server refuses the token: exit 2, no workbook, no Markdown.
GOVKIT_TOKEN=WRONG run $R quarter 2025Q3 --submit -o qs.xlsx
is "wrong token: exit 2" "$RC" 2
ok "wrong token: no workbook" test ! -e qs.xlsx
is "wrong token: why, what waits, no file" "$ERR" "gov-report: POST /v1/progress: HTTP 401: missing or bad bearer token; the central API refused the token: check GOVKIT_TOKEN, GOVKIT_TOKEN_FILE, or 'token' and 'token_file' in the config file
gov-report: 6 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush
gov-report: 'qs.xlsx' not written"
is "wrong token: the submit record" "$OUT" '{"type":"submit","endpoint":"progress","queued":6,"sent":0,"rejected":0,"pending":6}'
GOVKIT_TOKEN=WRONG run $R quarter 2025Q3 --submit -o qs.md
is "wrong token, Markdown: exit 2" "$RC" 2
ok "wrong token, Markdown: no file" test ! -e qs.md
is "no temporary file left" "$(ls -A | grep '^\.' | grep -v '^\.\(out\|err\|central.*\)$')" ""
is "the server got nothing" "$(server_records progress)" ""

# A token file refused before anything is sent: exit 2, no file either.
printf 'secret\n' >token
chmod 644 token
GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=$PWD/token run $R quarter 2025Q3 --submit -o qs.xlsx
is "token file readable by others: exit 2" "$RC" 2
ok "token file readable by others: no workbook" test ! -e qs.xlsx

# The right token: the workbook, and the queued records delivered once.
run $R quarter 2025Q3 --submit -o qs.xlsx
is "right token: exit 0" "$RC" 0
ok "right token: the workbook" test -s qs.xlsx
is "right token: the queued ones sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":6,"rejected":0,"pending":0}'
is "the server has each record once" "$(server_records progress | wc -l)" 6

# Rejected by the server: exit 1, the report is written.
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
run $R add e.jsonl
server_control '{"reject":[{"field":"unit","value":"e","error":"unit e unknown here"}]}'
run $R quarter 2025Q3 --submit -o rej.md
is "rejected: exit 1" "$RC" 1
ok "rejected: the report written" test -s rej.md

# The server away: exit 3, the report is written.
printf '%s\n' '{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","percent":5}' >c.jsonl
run $R add c.jsonl
server_stop
run $R quarter 2025Q3 --submit -o away.xlsx
is "server away: exit 3" "$RC" 3
ok "server away: the workbook written" test -s away.xlsx

done_testing
