#!/bin/sh
# gov-report --submit: the message of a delivery that stopped (exit 2 or
# 3) is masked, as gov-submit's is, unless --no-mask.  A server's or a
# proxy's words in it (a 503 naming a record, a firewall's page quoting
# what it refused) reached standard error, and cron's mail, with resident
# ID and phone numbers as they came.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added" "$RC" 0
server_start
first() { printf '%s\n' "$ERR" | head -n 1; }

server_control '{"answer":1,"status":503,"body":"{\"error\":\"busy storing 11010119900101123X, call 13812345678\"}"}'
run $R quarter 2025Q3 --submit -o q.md
is "503: exit 3, the message masked" "$RC:$(first)" \
	"3:gov-report: POST /v1/progress: HTTP 503: busy storing 110101********123X, call 138****5678 (1 attempt)"

server_control '{"answer":1,"status":400,"body":"<html>Blocked: tel 13812345678</html>"}'
run $R quarter 2025Q3 --submit -o q.md
like "a firewall's page: exit 2, masked" "$RC:$(first)" \
	'^2:gov-report: POST /v1/progress: HTTP 400: <html>Blocked: tel 138\*{4}5678</html>; not the central API'

server_control '{"answer":1,"status":503,"body":"{\"error\":\"busy storing 11010119900101123X, call 13812345678\"}"}'
run $R quarter 2025Q3 --submit --no-mask -o q.md
is "--no-mask: as they came" "$RC:$(first)" \
	"3:gov-report: POST /v1/progress: HTTP 503: busy storing 11010119900101123X, call 13812345678 (1 attempt)"

done_testing
