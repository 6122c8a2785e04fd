#!/bin/sh
# The email format: an address whose local part or domain has an empty
# dot-separated part (.a@x.com, a.@x.com, a..b@x.com, a@x..com, a@.x.com)
# or a domain label beginning or ending with a hyphen (a@-x.com,
# a@x-.com) is no address (RFC 5321); the typo of a doubled dot passed.
# A quoted local part may hold dots as it likes.  Found by the
# differential test against tableschema-js, which refuses them.
. "$(dirname "$0")/lib.sh"

echo '{"fields": [{"name": "email", "type": "string", "format": "email"}]}' >s.json
py - <<'PY'
import csv
vals = ["a.b@x.com", ".a@x.com", "a.@x.com", "a..b@x.com", "a@x..com",
        "a@.x.com", "a@x.com.", "a@-x.com", "a@x-.com", "a@x.-com",
        "a-b@x-y.com", "-a@x.com", '"a..b"@x.com', "张三@例子.中国",
        "a@[192.0.2.1]"]
with open("d.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["email"])
    for v in vals:
        w.writerow([v])
PY
run gov-check --format ndjson -s s.json d.csv
is "exit 1: findings" "$RC" 1
is "each address with an empty part or a label's hyphen at its edge" \
"$(finding_lines row check value)" \
"3 format .a@x.com | not an email address
4 format a.@x.com | not an email address
5 format a..b@x.com | not an email address
6 format a@x..com | not an email address
7 format a@.x.com | not an email address
8 format a@x.com. | not an email address
9 format a@-x.com | not an email address
10 format a@x-.com | not an email address
11 format a@x.-com | not an email address"
done_testing
