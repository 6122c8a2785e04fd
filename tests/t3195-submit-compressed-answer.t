#!/bin/sh
# gov-submit and a central API (or a gateway before it) that compresses
# its answer: a request that names no encoding lets a server choose any
# (RFC 9110), and a gateway often chooses gzip.  The answer is decoded:
# {"accepted":N,"rejected":[]} gzip'd or deflated settles the batch.
# Before, its compressed bytes were read as the answer: the batch stayed
# queued (exit 3), and at the next run "is GOVKIT_API the central API?"
# (exit 2), records the server had taken.  A compressed answer that
# grows past the 64 MiB any answer may have is refused as a larger one
# is, the records kept.
. "$(dirname "$0")/lib.sh"

cat >zsrv.py <<'PY'
import gzip, json, os, socket, sys, threading, zlib
portfile, log = sys.argv[1:3]
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(portfile + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
def serve(c):
    data = b""
    while b"\r\n\r\n" not in data:
        data += c.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    n = [int(l.split(b":")[1]) for l in head.split(b"\r\n")
         if l.lower().startswith(b"content-length:")][0]
    while len(body) < n:
        body += c.recv(65536)
    path = head.split()[1].decode()
    recs = json.loads(body)["records"]
    with open(log, "a") as f:
        for r in recs:
            f.write(path + " " + json.dumps(r, separators=(",", ":")) + "\n")
    answer = json.dumps({"accepted": len(recs), "rejected": []}).encode()
    if path.endswith("/bomb"):
        enc, z = "gzip", gzip.compress(b" " * (70 << 20), 1)
    elif path.endswith("/deflated"):
        enc, z = "deflate", zlib.compress(answer)
    else:
        enc, z = "gzip", gzip.compress(answer)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              b"Content-Encoding: %s\r\nContent-Length: %d\r\n"
              b"Connection: close\r\n\r\n%s" % (enc.encode(), len(z), z))
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
/usr/bin/python3 zsrv.py zsrv.port zsrv.log >/dev/null 2>zsrv.err </dev/null &
ZPID=$!
at_exit 'kill $ZPID 2>/dev/null; wait $ZPID 2>/dev/null'
export GOVKIT_API=http://127.0.0.1:$(port_of zsrv.port) GOVKIT_TOKEN=t0k-zip-1234
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_backoff = 0.01\n' >"$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","row":%d}\n' 2 3 4 >g.jsonl

for ep in gzipped deflated; do
	run gov-submit --endpoint $ep g.jsonl
	is "$ep answer: settled, exit 0" "$RC:$OUT" \
		"0:{\"type\":\"submit\",\"endpoint\":\"$ep\",\"queued\":3,\"skipped\":0,\"sent\":3,\"rejected\":0,\"pending\":0}"
	is "... no message" "$ERR" ""
	is "... each record sent once" "$(grep -c "^/v1/$ep " zsrv.log)" 3
done

run gov-submit --endpoint bomb g.jsonl
is "70 MiB once decoded: exit 2, kept" "$RC:$OUT" \
	'2:{"type":"submit","endpoint":"bomb","queued":3,"skipped":0,"sent":0,"rejected":0,"pending":3}'
like "... refused as too large" "$ERR" \
	'^gov-submit: POST /v1/bomb: answer larger than 67108864 bytes$'

done_testing
