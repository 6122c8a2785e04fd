#!/bin/sh
# An answer of the central server is held to 64 MiB, but cJSON takes some
# 80 bytes a value: 64 MiB of [],[],... took gov-submit 3.4 GB to read.
# An answer of more than 1,048,576 values (commas and opening brackets
# outside strings) ends the request now, as one too large does: exit 2,
# said, the records kept; gov-catalog the same.  gov-license sync, which
# reads its answer a revocation at a time, still takes any number.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"
server_no_retries
server_start

# answer_once STATUS BODY-PYTHON-EXPRESSION
answer_once() {
	py -c 'import json, sys
print(json.dumps({"answer": 1, "status": int(sys.argv[1]), "body": eval(sys.argv[2])}))' "$1" "$2" >ctl.json
	curl -sS -o /dev/null -X POST --data-binary @ctl.json "$GOVKIT_API/_control"
}
# {"accepted":1,"rejected":[],"x":[0,...]}: 1,048,576 values, then one more
AT='"{\"accepted\":1,\"rejected\":[],\"x\":[" + "0," * 1048571 + "0]}"'
PAST='"{\"accepted\":1,\"rejected\":[],\"x\":[" + "0," * 1048572 + "0]}"'

echo '{"type":"finding","check":"required","row":2}' >f.jsonl
answer_once 200 "$AT"
run gov-submit --endpoint findings f.jsonl
is "1,048,576 values: taken, exit 0" "$RC:$ERR" "0:"
answer_once 200 "$PAST"
run gov-submit --endpoint findings f.jsonl
is "one more: exit 2" "$RC" 2
is "... said, the record kept" "$ERR" \
"gov-submit: POST /v1/findings: answer of more than 1048576 JSON values
gov-submit: 1 record kept queued; once that is put right, to send it, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
answer_once 422 "$PAST"
run gov-submit --flush
is "a 422 of as many: the same, not a rejection" "$RC:$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM outbox_rejected')" "2:0"
run gov-submit --flush
is "--flush then delivers" "$RC" 0

answer_once 200 "$PAST"
run gov-catalog pull
is "gov-catalog pull: exit 2" "$RC" 2
like "... said" "$ERR" "answer of more than 1048576 JSON values"

# sync: a register's answer of more values than that is read
answer_once 200 '"{\"revocations\":[{\"license_no\":\"TL-NEW\",\"revoked_at\":\"2025-02-01T00:00:00Z\",\"reason\":\"r\"}" + ",{\"license_no\":\"TL-NEW\",\"revoked_at\":\"2025-02-01T00:00:00Z\",\"reason\":\"r\"}" * 300000 + "]}"'
run gov-license sync
is "gov-license sync: 300,001 revocations (1.2 million values) taken" "$RC:$ERR" "0:"
like "... every one received" "$OUT" '"received":300001,'

done_testing
