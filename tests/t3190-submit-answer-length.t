#!/bin/sh
# An answer that says it is larger than the client takes (Content-Length
# of a terabyte) and then sends nothing: the client waited for bytes that
# never came until the timeout (60 s by default, and a timeout is retried:
# some six minutes), then kept the records as after a network fault
# (exit 3, to be tried again and again).  libcurl is told the largest
# answer now: refused at its headers, at once, as one too large is (exit
# 2, said, the records kept).
. "$(dirname "$0")/lib.sh"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_timeout = 3\n' >"$XDG_CONFIG_HOME/govkit/config"

cat >liar.py <<'PY'
import socket, sys, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(4)
open(sys.argv[1] + '.tmp', 'w').write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + '.tmp', sys.argv[1])
while True:
    c, _ = s.accept()
    data = b''
    while b'\r\n\r\n' not in data:
        d = c.recv(65536)
        if not d:
            break
        data += d
    c.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n'
              b'Content-Length: 1099511627776\r\n\r\n{')
    time.sleep(30)
    c.close()
PY
/usr/bin/python3 liar.py port </dev/null >/dev/null 2>&1 &
LIAR=$!
at_exit "kill $LIAR"
export GOVKIT_API=http://127.0.0.1:$(port_of port) GOVKIT_TOKEN=t0k-liar-1234

echo '{"type":"finding","check":"required","row":2}' >f.jsonl
start=$(date +%s)
run gov-submit --endpoint findings f.jsonl
end=$(date +%s)
is "a terabyte announced: exit 2" "$RC" 2
is "... said, the record kept" "$ERR" \
"gov-submit: POST /v1/findings: answer larger than 67108864 bytes
gov-submit: 1 record kept queued; once that is put right, to send it, run: gov-submit --db $(shq "$GOVKIT_DB") --flush"
ok "... at once, not after the 3 s timeout ($((end - start)) s)" test $((end - start)) -lt 3
done_testing
