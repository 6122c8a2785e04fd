#!/bin/sh
# gov-report --submit delivers each progress record once, with the data as
# the unit sent it: masking is for what people read, not for the central
# platform.  A record sent by `add --submit` is not sent again by
# `quarter --submit`.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

R="gov-report --today 2025-10-20"
run $R plan load "$T_TOP/samples/plan/digital-tongliao-plan.json"
is "plan loaded" "$RC" 0
printf '%s\n' '{"type":"progress","task":"1","unit":"工信局","quarter":"2025Q3","status":"on-track","percent":64,"summary":"联系人 15050219900101123X"}' >pp.jsonl
WANT='{"type":"progress","plan":"digital-tongliao-2024-2026","task":"1","unit":"gongxinju","unit_name":"市工信局","quarter":"2025Q3","status":"on-track","percent":64,"summary":"联系人 15050219900101123X","evidence":[],"reported":"2025-10-20"}'

server_start
run $R add --submit pp.jsonl
is "add --submit: exit 0" "$RC" 0
is "add --submit: sent once" "$OUT" '{"type":"added","file":"pp.jsonl","records":1,"replaced":0}
{"type":"submit","endpoint":"progress","queued":1,"sent":1,"rejected":0,"pending":0}'
run $R quarter 2025Q3 --submit -o q.md
is "quarter --submit after add --submit: exit 0" "$RC" 0
is "quarter --submit: nothing queued again" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":0,"rejected":0,"pending":0}'
is "the server holds the report once, unmasked" "$(server_records progress)" "$WANT"
run $R history 2025Q3 --format ndjson
like "history still shows the ID masked" "$OUT" '"summary":"联系人 150502\*\*\*\*\*\*\*\*123X"'

# A report added without --submit goes out with quarter --submit unmasked,
# and once only, however often the quarter is compiled.
printf '%s\n' '{"type":"progress","task":"1","unit":"shujuju","quarter":"2025Q3","status":"at-risk","percent":30,"issues":"电话 13812345678"}' >sj.jsonl
run $R add sj.jsonl
is "second report added" "$RC" 0
run $R history 2025Q3 --unit shujuju --format ndjson
like "history on stdout still masks the phone" "$OUT" '"issues":"电话 138\*\*\*\*5678"'
run $R quarter 2025Q3 --submit -o q.md
is "quarter --submit: exit 0" "$RC" 0
is "quarter --submit: the new one sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":1,"sent":1,"rejected":0,"pending":0}'
run $R quarter 2025Q3 --submit -o q.md
is "quarter --submit again: nothing sent" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":0,"rejected":0,"pending":0}'
got=$(server_records progress | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["unit"], r.get("summary") or r.get("issues"))')
is "the server holds each report once, with the real data" "$got" "gongxinju 联系人 15050219900101123X
shujuju 电话 13812345678"

# Queued by add --submit while the API was away, then compiled: the outbox
# sends the one copy it holds, quarter --submit queues none.
server_stop
printf '%s\n' '{"type":"progress","task":"1","unit":"tongxinban","quarter":"2025Q3","status":"on-track","percent":50,"summary":"王工 13900001111"}' >tx.jsonl
GOVKIT_API= run $R add --submit tx.jsonl
is "add --submit without the API: exit 3" "$RC" 3
server_start
run $R quarter 2025Q3 --submit -o q.md
is "quarter --submit: the queued one sent, none queued" "$OUT" '{"type":"submit","endpoint":"progress","queued":0,"sent":1,"rejected":0,"pending":0}'
is "the server holds three reports" "$(server_records progress | wc -l)" 3
like "the third unmasked" "$(server_records progress | tail -1)" '"summary":"王工 13900001111"'

done_testing
