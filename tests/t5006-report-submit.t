#!/bin/sh
# gov-report --submit: the quarter's progress records go through the outbox
# to POST /v1/progress; kept queued (exit 3) when the API is away.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0

# No API configured: queued, exit 3, one line saying so.
run $R quarter 2025Q3 --submit -o q.md
is "no API: exit 3" "$RC" 3
is "no API: said once" "$ERR" "gov-report: no central API configured (GOVKIT_API); 6 records kept queued"
is "no API: submit record" "$OUT" '{"type":"submit","endpoint":"progress","queued":6,"sent":0,"rejected":0,"pending":6}'
ok "no API: the report is written all the same" test -s q.md

server_start
run $R quarter 2025Q3 --submit -o q.md
is "with the API: exit 0" "$RC" 0
is "with the API: nothing on stderr" "$ERR" ""
is "with the API: the queued ones sent, none queued twice" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":6,"rejected":0,"pending":0}'
got=$(server_records progress | py -c '
import json, sys
recs = [json.loads(l) for l in sys.stdin]
print(len(recs), sorted({(r["task"], r["unit"], r["quarter"], r["status"]) for r in recs})[:2])')
is "the server has each progress record once" "$got" "6 [('1', 'a', '2025Q3', 'on-track'), ('1', 'b', '2025Q3', 'on-track')]"
like "records carry the contract's fields" "$(server_records progress | head -1)" '^\{"type":"progress","plan":"mini","task":"1","unit":"a","unit_name":"市数据局","quarter":"2025Q3","status":"on-track","percent":60,'

# Compiling the quarter again delivers nothing again.
run $R quarter 2025Q3 --submit -o q.md
is "again: nothing queued or sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":0,"rejected":0,"pending":0}'
is "again: the server still has each once" "$(server_records progress | wc -l)" 6

# A refused token file: exit 2 and nothing queued to go later.
printf '%s\n' '{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"delayed","percent":10,"reason":"x"}' >b2.jsonl
$R add b2.jsonl >/dev/null
printf 'secret\n' >token
chmod 644 token
GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=$PWD/token run $R quarter 2025Q3 --submit -o q.md
is "bad token file: exit 2" "$RC" 2
run gov-submit --status --format ndjson
unlike "bad token file: nothing queued" "$OUT" '"pending":[1-9]'

# add --submit with a delivery configuration that cannot work: exit 2
# before anything is stored (running it again must not add it twice).
rows() { sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM report_progress"; }
before=$(rows)
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >d.jsonl
GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=$PWD/token run $R add --submit d.jsonl
is "add --submit, bad token file: exit 2" "$RC" 2
like "add --submit, bad token file: said why" "$ERR" "token file '$PWD/token'"
is "add --submit, bad token file: nothing stored" "$(rows)" "$before"
is "add --submit, bad token file: no record printed" "$OUT" ""

# add --submit delivers what was accepted.
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
run $R add --submit e.jsonl
is "add --submit: exit 0" "$RC" 0
like "add --submit: one sent" "$OUT" '"type":"submit","endpoint":"progress","queued":1,"sent":1,"rejected":0,"pending":0'

done_testing
