#!/bin/sh
# gov-submit through an HTTP proxy (https_proxy) to an https:// central
# API: the proxy opens a tunnel (CONNECT) and sees no token; records go.
# A proxy that refuses the tunnel, 407 (credentials wanted) or 403 (the
# address not let through), is a configuration error, as the API's own
# 407 is: the records stay queued, exit 2, a message saying what to put
# right, naming neither the token nor the proxy's password.  Before, it
# was retried and ended "kept queued" with exit 3, run after run: a cron
# job that keeps quiet on 3 told nobody.  A proxy's 502 (the API out of
# its reach) is still "try again later" (exit 3).
. "$(dirname "$0")/lib.sh"
SERVER_SCHEME=https
. "$T_DIR/server.sh"

server_test_certs
ok "test certificates made" [ -s srv.pem ]

# proxy.py PORTFILE LOG MODE: a proxy that logs each request's head and
# answers CONNECT with a tunnel (MODE "tunnel") or with MODE as status.
cat >proxy.py <<'PY'
import os, select, socket, sys, threading
portfile, log, mode = sys.argv[1:4]
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(portfile + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
def serve(c):
    data = b""
    while b"\r\n\r\n" not in data:
        d = c.recv(65536)
        if not d:
            return c.close()
        data += d
    head, rest = data.split(b"\r\n\r\n", 1)
    with open(log, "ab") as f:
        f.write(head.replace(b"\r\n", b" | ") + b"\n")
    if mode != "tunnel" or not head.startswith(b"CONNECT "):
        page = b"<html>proxy: no</html>"
        c.sendall(b"HTTP/1.1 %s No\r\nProxy-Authenticate: Basic realm=x\r\n"
                  b"Content-Length: %d\r\n\r\n%s" % (mode.encode(), len(page), page))
        return c.close()
    host, port = head.split()[1].rsplit(b":", 1)
    u = socket.create_connection((host.decode(), int(port)))
    c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    if rest:
        u.sendall(rest)
    while True:
        r, _, _ = select.select([c, u], [], [], 20)
        if not r:
            break
        for x in r:
            d = x.recv(65536)
            if not d:
                return c.close(), u.close()
            (u if x is c else c).sendall(d)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
PROXY_PID=""
proxy_stop() { stop_pid PROXY_PID; }
at_exit proxy_stop
# proxy_start MODE: $PX names it, with a user and password (https_proxy
# for gov-submit alone: the test's helpers go straight to the server).
proxy_start() {
	proxy_stop
	rm -f proxy.port proxy.log
	/usr/bin/python3 proxy.py proxy.port proxy.log "$1" \
		>/dev/null 2>proxy.err </dev/null &
	PROXY_PID=$!
	PX=http://officer:pr0xy-pw@127.0.0.1:$(port_of proxy.port)
}

unset http_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 2\nhttp_backoff = 0.01\nhttp_max_backoff = 0.02\ncacert = %s\n' \
	"$SCRATCH/ca.pem" >"$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl
server_start --cert srv.pem --key srv.key
kept="gov-submit: 3 records kept queued; once that is put right, to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"

proxy_start 407
run env https_proxy="$PX" gov-submit --endpoint viaproxy g.jsonl
is "CONNECT refused with 407: exit 2, all 3 still queued" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":"viaproxy","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
is "... says to give the proxy credentials" "$ERR" \
	"gov-submit: POST /v1/viaproxy: the proxy refused the tunnel to the central API (HTTP 407); the proxy asks for credentials: give them in https_proxy (or all_proxy) as http://USER:PASSWORD@HOST:PORT
$kept"
is "... not tried again: one CONNECT" "$(grep -c '^CONNECT 127.0.0.1:' proxy.log)" 1
run gov-submit --status --format ndjson
like "... --status keeps the message" "$OUT" \
	'"last_error":"POST /v1/viaproxy: the proxy refused the tunnel to the central API \(HTTP 407\); the proxy asks'

proxy_start 403
run env https_proxy="$PX" gov-submit --flush
is "CONNECT refused with 403: exit 2, all 3 still queued" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":0,"rejected":0,"pending":3}'
is "... says the proxy does not let the address through" "$ERR" \
	"gov-submit: POST /v1/viaproxy: the proxy refused the tunnel to the central API (HTTP 403); it does not let the address through: check https_proxy (or all_proxy), no_proxy and GOVKIT_API (or 'api' in the config file), or ask the proxy's keepers
$kept"

proxy_start 502
run env https_proxy="$PX" gov-submit --flush
is "CONNECT answered 502: tried again, exit 3" "$RC:$(grep -c '^CONNECT' proxy.log)" 3:3
like "... kept for later" "$ERR" "3 records kept queued; to send them, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"

proxy_start tunnel
run env https_proxy="$PX" gov-submit --flush
is "a tunnel: delivered, exit 0" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":null,"queued":0,"skipped":0,"sent":3,"rejected":0,"pending":0}'
is "... each record once" "$(server_records viaproxy | sort)" "$(sort g.jsonl)"
like "... through the proxy" "$(cat proxy.log)" '^CONNECT 127\.0\.0\.1:'
unlike "... which never saw the token" "$(cat proxy.log)" "$SERVER_TOKEN|Bearer"
seen=$ERR
proxy_start 407
run env https_proxy="$PX" gov-submit --endpoint again g.jsonl
seen="$seen$ERR"
run gov-submit --status --format ndjson
unlike "no message, nor --status, holds the token or the proxy's password" \
	"$seen$OUT" "$SERVER_TOKEN|pr0xy-pw|officer"

done_testing
