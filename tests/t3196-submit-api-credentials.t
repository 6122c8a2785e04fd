#!/bin/sh
# A user and password in the central API address
# (GOVKIT_API=http://USER:PASSWORD@HOST/, or 'api = ...' in the config
# file) are sent by libcurl as HTTP Basic authentication: over plain http
# the password crosses the network in clear (base64 is no cipher).  The
# token was refused there; the password was sent.  Now the same rule: plain
# http to another machine is refused before anything is sent, exit 2, the
# message naming the host and not the password; to this machine it is
# allowed, and never through a proxy on another machine (http_proxy).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

# logger.py PORTFILE LOG: a proxy that logs each request's head and
# answers 502: what a proxy on the way (or the machine itself) would see.
cat >logger.py <<'PY'
import os, socket, sys, threading
portfile, log = sys.argv[1:3]
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
    with open(log, "ab") as f:
        f.write(data.split(b"\r\n\r\n")[0].replace(b"\r\n", b" | ") + b"\n")
    c.sendall(b"HTTP/1.1 502 No\r\nContent-Length: 0\r\n\r\n")
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
LOGGER_PID=""
logger_stop() { stop_pid LOGGER_PID; }
at_exit logger_stop
: >proxy.log
/usr/bin/python3 logger.py proxy.port proxy.log >/dev/null 2>proxy.err </dev/null &
LOGGER_PID=$!
PX=http://127.0.0.1:$(port_of proxy.port)

unset GOVKIT_TOKEN GOVKIT_TOKEN_FILE https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$XDG_CONFIG_HOME/govkit"
CFG=$XDG_CONFIG_HOME/govkit/config
printf 'http_retries = 0\nhttp_connect_timeout = 2\n' >"$CFG"
printf '{"type":"finding","id":"c-1"}\n' >t.jsonl
PW=s3cret-Pa55
refusal="refusing to send the user and password of the address in clear to '192.0.2.1': use an https:// central API address"

# Through a proxy on this machine, what would have gone out shows in its
# log: before, the request with "Authorization: Basic" (the password).
GOVKIT_API=http://officer:$PW@192.0.2.1:8080/ run env http_proxy="$PX" gov-submit --endpoint clear t.jsonl
is "plain http, a password, another machine: exit 2, nothing printed" "$RC:$OUT" "2:"
is "... the message names the host, not the password" "$ERR" "gov-submit: $refusal"
is "... nothing sent" "$(wc -l <proxy.log)" 0
run gov-submit --status
is "... nothing queued" "$RC:$OUT" "0:"

# The same address from the config file.
printf 'api = http://officer:%s@192.0.2.1:8080/\n' "$PW" >>"$CFG"
chmod 600 "$CFG"
run env http_proxy="$PX" gov-submit --endpoint clear t.jsonl
is "api = ... in the config file: exit 2, the same message" "$RC:$ERR" "2:gov-submit: $refusal"
is "... nothing sent" "$(wc -l <proxy.log)" 0

# A user without a password is sent too (Basic "officer:"): refused.
GOVKIT_API=http://officer@192.0.2.1/ run env http_proxy="$PX" gov-submit --endpoint clear t.jsonl
is "a user alone: exit 2, the same message" "$RC:$ERR" "2:gov-submit: $refusal"
is "... nothing sent" "$(wc -l <proxy.log)" 0

# The other tools that talk to the API take the same address the same way.
run env http_proxy="$PX" gov-license sync
is "gov-license sync: the same refusal" "$RC:$ERR" "2:gov-license: $refusal"
gov-catalog add "$T_TOP/samples/catalog/entries.jsonl" >/dev/null
run env http_proxy="$PX" gov-catalog push 101001001/000001
like "gov-catalog push: the same refusal" "$RC:$ERR" "^2:gov-catalog: .*refusing to send the user and password of the address in clear to '192\.0\.2\.1'"
is "... nothing sent by any" "$(wc -l <proxy.log)" 0
unlike "no message holds the password" "$ERR" "$PW"

# To this machine plain http stays allowed (the tests' server), and goes
# there directly, not through a proxy on another machine: before, the
# password went to http_proxy (here out of reach: exit 3, kept queued).
printf 'http_retries = 0\nhttp_connect_timeout = 2\n' >"$CFG"
server_start
unset GOVKIT_TOKEN
server_answer 200 '{"accepted":1,"rejected":[]}'
n0=$(server_requests | wc -l)
GOVKIT_API=http://officer:$PW@127.0.0.1:$SERVER_PORT run env http_proxy=http://192.0.2.1:3128 gov-submit --endpoint here t.jsonl
is "loopback with a password, http_proxy elsewhere: sent straight, exit 0" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"here","queued":1,"skipped":0,"sent":1,"rejected":0,"pending":0}'
is "... the server got it" "$(server_requests | wc -l)" "$((n0 + 1))"
unlike "... no message holds the password" "$ERR" "$PW"

done_testing
