#!/bin/sh
# gov-profile and JSON Lines whose records bring keys of their own: every
# key is a field, some 2 KB each, with no bound but the file's size: two
# million one-key lines (29 MB) took 4.4 GB and 25 s.  A file may have
# 1,048,576 fields, as many as a CSV record; the line bringing one more is
# named, exit 2, nothing printed.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
with open('keys.jsonl', 'w') as f:
    f.write('{"a":1,"k0":2}\n')
    for i in range(1048575):
        f.write('{"k%d":1,"a":2}\n' % i)
    f.write('{"a":3,"k5":4}\n')
    f.write('{"a":3,"past":4}\n')
PY

# in 1 GB of address space (not under the sanitizers or valgrind, which
# reserve more for themselves)
mem="ulimit -v 1000000;"
[ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ] && mem=
run sh -c "$mem exec gov-profile --format ndjson keys.jsonl"
is "1,048,577 keys: exit 2 at the line bringing the last, nothing printed" \
	"$RC:$OUT:$ERR" \
	"2::gov-profile: keys.jsonl:1048578: more than 1048576 fields"
rm -f keys.jsonl
done_testing
