#!/bin/sh
# gov-submit: the message of a flush that stopped (exit 2 or 3) is masked
# as --status shows it, unless --no-mask.  A server's or a proxy's words
# in it (a firewall's page quoting the text it refused, a 503 naming a
# record, a 401 page) went to standard error, and to cron's mail, with
# resident ID and phone numbers as they came, where a rejection's message
# and --status masked them.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_no_retries
server_start
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
first() { printf '%s\n' "$ERR" | head -n 1; }

# A firewall's page quoting the record it refused (exit 2, kept queued).
server_answer 400 '<html>Blocked: id 11010119900101123X tel 13812345678</html>'
run gov-submit --endpoint waf g.jsonl
is "firewall's page: exit 2" "$RC" 2
like "... the ID and the phone number masked" "$(first)" \
	'^gov-submit: POST /v1/waf: HTTP 400: <html>Blocked: id 110101\*{8}123X tel 138\*{4}5678</html>; not the central API'
unlike "... not as they came" "$ERR" '11010119900101123X|13812345678'

# A 503 naming a record, when the retries ran out (exit 3).
server_answer 503 '{"error":"busy storing 11010119900101123X, call 13812345678"}'
run gov-submit --endpoint busy g.jsonl
is "503: exit 3, the message masked" "$RC:$(first)" \
	"3:gov-submit: POST /v1/busy: HTTP 503: busy storing 110101********123X, call 138****5678 (1 attempt)"

# A proxy's 401 page (exit 2).
server_answer 401 '<html>401: user 13812345678 unknown</html>'
run gov-submit --endpoint tok g.jsonl
like "401 page: exit 2, masked" "$RC:$(first)" \
	'^2:gov-submit: POST /v1/tok: HTTP 401: <html>401: user 138\*{4}5678 unknown</html>; the central API refused the token'

# --no-mask shows them as they came.
server_answer 503 '{"error":"busy storing 11010119900101123X, call 13812345678"}'
run gov-submit --no-mask --flush --endpoint busy
is "--no-mask: as they came" "$RC:$(first)" \
	"3:gov-submit: POST /v1/busy: HTTP 503: busy storing 11010119900101123X, call 13812345678 (1 attempt)"

done_testing
