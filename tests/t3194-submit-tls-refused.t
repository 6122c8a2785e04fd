#!/bin/sh
# gov-submit and a TLS handshake that no later try can mend: an https://
# address whose port speaks plain HTTP, and a server that speaks only
# TLS 1.0 or 1.1 (refused as unsafe).  Each is a configuration error: not
# tried again, the records stay queued, exit 2, and the message says what
# to put right.  Before, libcurl's one code for a failed handshake was
# retried and the run ended "kept queued", exit 3, run after run: a cron
# job that keeps quiet on 3 told nobody.  A server that cuts the
# connection during the handshake is still "try again later" (exit 3).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 2\nhttp_backoff = 0.01\nhttp_max_backoff = 0.02\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
kept="gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"

# An https:// address on the reference server's plain-HTTP port.
server_start
run env GOVKIT_API="https://127.0.0.1:$SERVER_PORT" gov-submit --endpoint plain g.jsonl
is "https:// to a plain-HTTP port: exit 2, all 3 still queued" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":"plain","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
is "... says to check the port, once tried" "$ERR" \
	"gov-submit: POST /v1/plain: OpenSSL/$(openssl version | cut -d' ' -f2): error:0A00010B:SSL routines::wrong version number (1 attempt); the server does not speak TLS at that address: check the port of GOVKIT_API (or 'api' in the config file), an https:// address
$kept"
run gov-submit --flush
is "... the plain address then delivers them" "$RC:$(server_records plain | wc -l)" 0:3
server_stop

# tls_server VERSION: openssl s_server speaking only that TLS version, its
# certificate from a CA of the test's; $TLS_PORT is its port.
server_test_certs
TLS_PID=""
tls_stop() { stop_pid TLS_PID; }
at_exit tls_stop
tls_server() {
	tls_stop
	rm -f tls.log
	openssl s_server -accept 127.0.0.1:0 -cert srv.pem -key srv.key \
		"$1" -cipher 'ALL:@SECLEVEL=0' -www >tls.log 2>&1 </dev/null &
	TLS_PID=$!
	TLS_PORT=""
	_i=0
	while [ -z "$TLS_PORT" ] && [ "$_i" -lt 1200 ]; do
		_i=$((_i + 1))
		sleep 0.05
		TLS_PORT=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' tls.log)
	done
}

for v in tls1 tls1_1; do
	tls_server -$v
	run env GOVKIT_API="https://127.0.0.1:$TLS_PORT" gov-submit --cacert ca.pem --endpoint $v g.jsonl
	is "a server of $v only: exit 2, all 3 still queued" "$RC:$OUT" \
		"2:{\"type\":\"submit\",\"endpoint\":\"$v\",\"queued\":3,\"skipped\":0,\"sent\":0,\"rejected\":0,\"pending\":3}"
	like "... says the server's TLS is refused as unsafe, once tried" "$ERR" \
		"^gov-submit: POST /v1/$v: OpenSSL.*\\(1 attempt\\); the server speaks only a TLS version or algorithms refused as unsafe \\(TLS 1\\.0 or 1\\.1, SHA-1\\): ask the central API's keepers to update it
$kept\$"
done
tls_stop

# A server that takes the connection and closes it in the handshake:
# a moment's trouble, tried again, kept for later.
printf '{"type":"finding","row":5}\n' >h.jsonl
cat >cut.py <<'PY'
import os, socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.recv(100)
    c.close()
PY
/usr/bin/python3 cut.py cut.port >/dev/null 2>&1 </dev/null &
CUT_PID=$!
at_exit 'kill $CUT_PID 2>/dev/null; wait $CUT_PID 2>/dev/null'
run env GOVKIT_API="https://127.0.0.1:$(port_of cut.port)" gov-submit --endpoint cut h.jsonl
is "a handshake cut short: exit 3, kept" "$RC" 3
like "... tried 3 times" "$ERR" '^gov-submit: POST /v1/cut: .*\(3 attempts\)$'

done_testing
