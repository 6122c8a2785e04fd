#!/bin/sh
# gov-check and JSON Lines whose records bring keys of their own: every
# key is a further column, with no bound but the file's size (two million
# one-key lines took 330 MB; lines filling 256 MiB would take 3.5 GB).
# A file may have 1,048,576 columns, as a CSV record may have fields; the
# line bringing one more is named, exit 2.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
with open('keys.jsonl', 'w') as f:
    f.write('{"a":1,"k0":2}\n')
    for i in range(1048575):
        f.write('{"k%d":1,"a":2}\n' % i)
    f.write('{"a":3,"k5":4}\n')
    f.write('{"a":3,"past":4}\n')
PY

run gov-check keys.jsonl
is "1,048,577 keys: exit 2 at the line bringing the last" "$RC:$ERR" \
	"2:gov-check: keys.jsonl:1048578: more than 1048576 columns"
rm -f keys.jsonl
done_testing
