#!/bin/sh
# gov-submit: an answer that names a record twice in "rejected" (each
# problem of it, as a validating server lists them) keeps every message
# of it, joined by "; ".  Before, the first was kept and the others
# dropped without a word: the officer fixed one problem, submitted
# again, and was refused again for the next.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_backoff = 0.01\n' >"$XDG_CONFIG_HOME/govkit/config"
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

server_control '{"answer":1,"status":200,"body":"{\"accepted\":2,\"rejected\":[{\"index\":1,\"error\":\"row: must be a string\"},{\"index\":1,\"error\":\"unit: missing\"}]}"}'
run gov-submit --endpoint findings g.jsonl
is "two errors for one record: exit 1" "$RC" 1
like "two errors for one record: both told" "$ERR" \
	'record 2 rejected \(HTTP 200\): row: must be a string; unit: missing'
is "two errors for one record: both stored" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT error FROM outbox_rejected')" \
	'row: must be a string; unit: missing'
is "two errors for one record: one record rejected" \
	"$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM outbox_rejected')" 1

done_testing
