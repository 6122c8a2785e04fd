#!/bin/sh
# The commands gov-submit and gov-report --submit print for what they
# could not deliver ('gov-submit --flush' sends them, 'gov-submit
# --status' shows them) named no database: after a run with --db, pasted,
# they flushed or showed the default database's outbox, where none of
# those records waits, and said nothing was pending.  They now name the
# run's --db (gov-submit's --flush its --cacert too), each word quoted as
# a POSIX shell reads it, the command last on the line; pasted into sh -c
# they deliver the records kept.  gov-report's 'no plan' error names the
# database in the command that loads a plan into it.
. "$(dirname "$0")/lib.sh"
SERVER_SCHEME=https
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_backoff = 0.01\n' >"$XDG_CONFIG_HOME/govkit/config"
DIR="$SCRATCH/data office"
DB="$DIR/O'Brien's govkit.db"
CA="$DIR/city's ca.pem"
QDB="'$SCRATCH/data office/O'\\''Brien'\\''s govkit.db'"
QCA="'$SCRATCH/data office/city'\\''s ca.pem'"
mkdir -p "$DIR"
server_test_certs
cp ca.pem "$CA"
server_start --cert srv.pem --key srv.key
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

# gov-submit, the token refused: kept queued, the command to send them.
GOVKIT_TOKEN=WRONG run gov-submit --db "$DB" --cacert "$CA" --endpoint findings g.jsonl
is "refused: exit 2, 3 kept" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":"findings","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
is "refused: the command names the database and the CA, quoted" \
	"$(printf '%s\n' "$ERR" | tail -1)" \
	"gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $QDB --cacert $QCA --flush"
cmd=${ERR##*, run: }
run sh -c "$cmd"
is "pasted into sh -c: the three sent from that database" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":3,"rejected":0,"pending":0}'
is "the server has them" "$(server_records findings | wc -l)" 3
ok "the default database untouched" test ! -e "$GOVKIT_DB"

# Rejected: the command that shows them (no --cacert: --status reads the
# database alone).
server_control '{"reject":[{"field":"row","value":5,"error":"bad row"}]}'
printf '{"type":"finding","row":%d}\n' 5 6 >h.jsonl
run gov-submit --db "$DB" --cacert "$CA" --endpoint findings h.jsonl
is "a rejection: exit 1" "$RC" 1
is "a rejection: the command that shows it" "$(printf '%s\n' "$ERR" | tail -1)" \
	"gov-submit: 1 record rejected; to see it, run: gov-submit --db $QDB --status"
cmd=${ERR##*, run: }
run sh -c "$cmd --format ndjson"
is "pasted: --status of that database, exit 1 (a rejection waits)" "$RC" 1
like "pasted: it shows the rejected record" "$(printf '%s\n' "$OUT" | grep '"type":"rejected"')" \
	'"endpoint":"findings",.*"error":"bad row",.*"record":\{"type":"finding","row":5\}'

# gov-report --submit with --db, the token refused: the gov-submit
# command names the database.
R() { run gov-report --db "$DB" --today "$T_TODAY" "$@"; }
R quarter previous
is "no plan: exit 2" "$RC" 2
is "no plan: the command that loads one into that database" "$ERR" \
	"gov-report: no plan in the database; to load one, run: gov-report --db $QDB plan load FILE"
cmd=${ERR##*, run: }
run sh -c "${cmd% FILE} \"\$1\"" sh "$(expected report-mini-plan.json)"
is "pasted with the plan's file: loaded into that database" "$RC" 0
R --plan other quarter previous
is "no such plan: the command" "$ERR" \
	"gov-report: no plan 'other' in the database; to load it, run: gov-report --db $QDB plan load FILE"
R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0
# (gov-report has no --cacert: the CA from the configuration, as gov-submit
# --flush reads it too)
printf 'cacert = %s\n' "$CA" >>"$XDG_CONFIG_HOME/govkit/config"
GOVKIT_TOKEN=WRONG R quarter 2025Q3 --submit -o q.md
is "gov-report, refused: exit 2" "$RC" 2
line=$(printf '%s\n' "$ERR" | grep 'kept queued')
is "gov-report, refused: the command names the database" "$line" \
	"gov-report: 6 records kept queued; to send them, run: gov-submit --db $QDB --flush"
cmd=${line##*, run: }
run sh -c "$cmd"
is "pasted into sh -c: the six sent from that database" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":6,"rejected":0,"pending":0}'
is "the server has them" "$(server_records progress | wc -l)" 6
ok "the default database still untouched" test ! -e "$GOVKIT_DB"

done_testing
