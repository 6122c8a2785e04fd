# tests/server.sh: start the reference central server for a test.
# Source it after lib.sh:
#   . "$(dirname "$0")/lib.sh"
#   . "$T_DIR/server.sh"       # lib.sh has cd-ed away: use $T_DIR
#   server_start                 # GOVKIT_API and GOVKIT_TOKEN now set
#   server_control '{"fail":2,"status":503}'
#   server_records findings      # stored records, one JSON per line
#
# The server listens on a free loopback port (it writes the port to a file
# once listening) and is stopped when the test ends, even on failure.
# server_stop stops it early; server_start again (same port: SERVER_PORT is
# reused) brings it back with what it had stored (--store journal).
# Extra arguments of server_start go to central.py (--revocations FILE,
# --licenses FILE, ...).  The token is $SERVER_TOKEN (random per test).
# HTTPS: SERVER_SCHEME=https and server_start --cert PEM --key PEM; the
# helpers below then skip verification (they are the test's, not govkit's).

SERVER_PID=""
SERVER_PORT=${SERVER_PORT:-0}
SERVER_TOKEN=${SERVER_TOKEN:-"t0k-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"}
SERVER_STORE=$SCRATCH/.central.journal
SERVER_STARTS=0
SERVER_SCHEME=${SERVER_SCHEME:-http}
at_exit server_stop

# server_fast_retries: one retry, after 0.01 s at most 0.02 s, in the
# configuration file, so that a test's failure cases stay quick.
server_fast_retries() {
	mkdir -p "$XDG_CONFIG_HOME/govkit"
	printf 'http_retries = 1\nhttp_backoff = 0.01\nhttp_max_backoff = 0.02\n' \
		>"$XDG_CONFIG_HOME/govkit/config"
}

# server_no_retries: no retry, a back-off of 0.01 s, in the configuration
# file: each answer the server is told to give is the one the tool gets.
server_no_retries() {
	mkdir -p "$XDG_CONFIG_HOME/govkit"
	printf 'http_retries = 0\nhttp_backoff = 0.01\n' \
		>"$XDG_CONFIG_HOME/govkit/config"
}

server_start() {
	SERVER_STARTS=$((SERVER_STARTS + 1))
	_pf=$SCRATCH/.central.port.$SERVER_STARTS
	rm -f "$_pf"
	/usr/bin/python3 "$T_DIR/server/central.py" --port "$SERVER_PORT" \
		--port-file "$_pf" --token "$SERVER_TOKEN" \
		--store "$SERVER_STORE" "$@" \
		>"$SCRATCH/.central.log" 2>&1 </dev/null &
	SERVER_PID=$!
	_i=0
	while [ ! -s "$_pf" ]; do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "# central server failed to start:" >&2
			sed 's/^/#   /' "$SCRATCH/.central.log" >&2
			SERVER_PID=""
			return 1
		fi
		_i=$((_i + 1))
		if [ "$_i" -gt 200 ]; then
			echo "# central server did not start in 10 s" >&2
			return 1
		fi
		sleep 0.05
	done
	SERVER_PORT=$(cat "$_pf")
	GOVKIT_API=$SERVER_SCHEME://127.0.0.1:$SERVER_PORT
	GOVKIT_TOKEN=$SERVER_TOKEN
	export GOVKIT_API GOVKIT_TOKEN
}

server_stop() { stop_pid SERVER_PID; }

# server_get PATH: GET a control or API path (no token), body to stdout.
server_get() {
	/usr/bin/curl -sSk --max-time 20 "$SERVER_SCHEME://127.0.0.1:$SERVER_PORT$1"
}

# server_control JSON: change what the server does next.
server_control() {
	/usr/bin/curl -sSk --max-time 20 -o /dev/null -X POST \
		-H 'Content-Type: application/json' --data-binary "$1" \
		"$SERVER_SCHEME://127.0.0.1:$SERVER_PORT/_control"
}

# server_answer STATUS BODY: the server's next answer is STATUS with BODY,
# any text (an API answer, a proxy's page, nothing).
server_answer() {
	printf '%s' "$2" >"$SCRATCH/.answer-body"
	server_control "$(/usr/bin/python3 -c 'import json, sys
print(json.dumps({"answer": 1, "status": int(sys.argv[1]),
                  "body": open(sys.argv[2]).read()}))' "$1" "$SCRATCH/.answer-body")"
}

# server_records ENDPOINT: records stored for ENDPOINT, one per line.
server_records() { server_get "/_records?endpoint=$1"; }

# server_requests: every API request the server saw, one JSON per line.
server_requests() { server_get /_requests; }
# server_keys NAME: the status and Idempotency-Key of each POST to
# /v1/NAME the server saw, one a line.
server_keys() { server_requests | py -c 'import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["path"] == "/v1/" + sys.argv[1]:
        print(r["status"], r["key"])' "$1"; }

# server_test_certs: in the current folder, a CA of the test's own (ca.pem,
# ca.key) and a certificate it signed for 127.0.0.1 (srv.pem, srv.key;
# srv.csr for another name), for a server of TLS: EC keys, two days.
server_test_certs() {
	server_ec_req -x509 -keyout ca.key -out ca.pem -days 2 \
		-subj /CN=govkit-test-ca
	server_ec_req -keyout srv.key -out srv.csr -subj /CN=central
	printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
	openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-out srv.pem -days 2 -extfile san.ext 2>/dev/null
}
server_ec_req() {
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		"$@" 2>/dev/null
}
