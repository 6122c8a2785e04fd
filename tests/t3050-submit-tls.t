#!/bin/sh
# TLS is always verified: a server whose certificate no trusted CA signed,
# or made out to another name, is refused (records stay queued, exit 2);
# --cacert (or "cacert" in the config) trusts a private CA.
. "$(dirname "$0")/lib.sh"
SERVER_SCHEME=https
. "$T_DIR/server.sh"

server_test_certs
printf 'subjectAltName=DNS:other.example\n' > other.ext
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
	-out other.pem -days 2 -extfile other.ext 2>/dev/null
ok "test certificates made" [ -s srv.pem ] && [ -s other.pem ]

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_backoff = 0.01\nhttp_retries = 2\n' > "$XDG_CONFIG_HOME/govkit/config"
printf '{"type":"finding","id":"s-1"}\n{"type":"finding","id":"s-2"}\n' > s.jsonl

server_start --cert srv.pem --key srv.key
like "server speaks https" "$GOVKIT_API" '^https://127\.0\.0\.1:'

run gov-submit --endpoint tls s.jsonl
is "unknown CA: exit 2" "$RC" 2
is "unknown CA: the submit record counts them pending" "$OUT" \
   '{"type":"submit","endpoint":"tls","queued":2,"skipped":0,"sent":0,"rejected":0,"pending":2}'
like "unknown CA: says it is the certificate" "$ERR" 'POST /v1/tls: .*(certificate|SSL)'
is "unknown CA: nothing reached the server" "$(server_records tls)" ""
run gov-submit --status --endpoint tls
like "unknown CA: records kept queued" "$OUT" '"pending":2'

run gov-submit --flush --cacert ca.pem
is "--cacert: exit 0" "$RC" 0
is "--cacert: delivered" "$(server_records tls | sort)" "$(sort s.jsonl)"

printf '{"type":"finding","id":"s-3"}\n' > s3.jsonl
printf 'cacert = %s\n' "$SCRATCH/ca.pem" >> "$XDG_CONFIG_HOME/govkit/config"
run gov-submit --endpoint tls s3.jsonl
is "cacert in the config: exit 0" "$RC" 0
is "cacert in the config: delivered" "$(server_records tls | grep -c s-3)" 1

run gov-submit --endpoint tls --cacert missing.pem s3.jsonl
is "missing --cacert file: exit 2" "$RC" 2
like "missing --cacert file: message" "$ERR" "unable to read CA file 'missing.pem'"

# The right CA but a certificate for another name: still refused.
server_stop
server_start --cert other.pem --key srv.key
run gov-submit --endpoint tls --cacert ca.pem s3.jsonl
is "wrong host name: exit 2" "$RC" 2
like "wrong host name: message" "$ERR" "POST /v1/tls: .*(certificate|match|name)"
is "wrong host name: nothing more stored" "$(server_records tls | grep -c s-3)" 1

done_testing
