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
is "with the API: all sent, the queued ones too" "$OUT" '{"type":"submit","endpoint":"progress","queued":6,"sent":12,"rejected":0,"pending":0}'
got=$(server_records progress | py -c '
import json, sys
recs = [json.loads(l) for l in sys.stdin]
print(len(recs), sorted({(r["task"], r["unit"], r["quarter"], r["status"]) for r in recs})[:2])')
is "the server has the progress records" "$got" "12 [('1', 'a', '2025Q3', 'on-track'), ('1', 'b', '2025Q3', 'on-track')]"
like "records carry the contract's fields" "$(server_records progress | head -1)" '^\{"type":"progress","plan":"mini","task":"1","unit":"a","unit_name":"市数据局","quarter":"2025Q3","status":"on-track","percent":60,'

# add --submit delivers what was accepted.
printf '%s\n' '{"type":"progress","task":"3","unit":"e","quarter":"2025Q3","status":"on-track","percent":5}' >e.jsonl
run $R add --submit e.jsonl
is "add --submit: exit 0" "$RC" 0
like "add --submit: one sent" "$OUT" '"type":"submit","endpoint":"progress","queued":1,"sent":1,"rejected":0,"pending":0'

done_testing
