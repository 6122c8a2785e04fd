#!/bin/sh
# A token written in the configuration file (`token = ...`) is a secret in
# that file: as a token file is, the file is refused (exit 2, a message
# naming it and saying why, never the token) when group or others may
# read it, whatever tool reads it, and nothing is sent or queued.  Only
# its owner may read it (chmod 600): then the token is used.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
CFG=$XDG_CONFIG_HOME/govkit/config
printf '{"type":"finding","id":"c-1"}\n{"type":"finding","id":"c-2"}\n' > t.jsonl
: > all.out
keep() { printf '%s\n%s\n' "$OUT" "$ERR" >> all.out; }
queued() { sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM outbox_record' 2>/dev/null || echo 0; }

server_start
TOKEN=$SERVER_TOKEN
unset GOVKIT_TOKEN
printf 'http_backoff = 0.01\nhttp_max_backoff = 0.05\nhttp_retries = 1\ntoken = %s\n' \
	"$TOKEN" > "$CFG"
n0=$(server_requests | wc -l)

for mode in 644 640 604 620 602 710; do
	case $mode in
	644 | 640 | 604) why="readable by others" ;;
	620 | 602) why="writable by others" ;;
	710) why="open to others" ;;
	esac
	chmod $mode "$CFG"
	run gov-submit --endpoint cfg t.jsonl; keep
	is "config with a token, mode $mode: exit 2" "$RC" 2
	is "config with a token, mode $mode: the file named, and why" "$ERR" \
	   "gov-submit: config file '$CFG' holds a token and is $why (mode $mode); to fix it, run: chmod 600 $(shq "$CFG")"
	is "config with a token, mode $mode: nothing printed" "$OUT" ""
done
is "refused: nothing queued" "$(queued)" 0
is "refused: nothing sent" "$(server_requests | wc -l)" "$n0"

# The file leaks the token whether or not the environment overrides it.
chmod 644 "$CFG"
GOVKIT_TOKEN=$TOKEN run gov-submit --endpoint cfg t.jsonl; keep
is "config with a token, 644, GOVKIT_TOKEN set too: still refused" "$RC" 2
# Every tool that reads the configuration refuses it.
run gov-license sync; keep
is "gov-license sync, config 644 with a token: exit 2" "$RC" 2
is "gov-license sync, config 644 with a token: message" "$ERR" \
   "gov-license: config file '$CFG' holds a token and is readable by others (mode 644); to fix it, run: chmod 600 $(shq "$CFG")"
run gov-submit --status; keep
is "gov-submit --status, config 644 with a token: exit 2" "$RC" 2

# Only its owner may read it: the token is used.
chmod 600 "$CFG"
run gov-submit --endpoint cfg t.jsonl; keep
is "config with a token, mode 600: exit 0" "$RC" 0
is "config with a token, mode 600: delivered" "$(server_records cfg | wc -l)" 2
is "config with a token, mode 600: the server saw the token" \
   "$(server_requests | grep -c '"auth":"ok"')" 1
run gov-license sync; keep
is "gov-license sync, config 600 with a token: exit 0" "$RC" 0

# A file without a token (or with an empty one) holds no secret: 644 is fine.
printf 'http_retries = 1\ntoken =\n' > "$CFG"
chmod 644 "$CFG"
run gov-submit --status; keep
is "config 644 with an empty token: read" "$RC" 0

is "token not in any output or message" "$(grep -c -F -- "$TOKEN" all.out)" 0

done_testing
