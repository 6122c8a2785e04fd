#!/bin/sh
# CSV input: a record may have 1,048,576 fields (64 times a sheet's
# columns: tables of 100,000 columns are read).  Each field cost 32 bytes
# or more in the reader and more in each tool, with no bound but the
# 256 MiB of a record: 200 MB of commas took
# gov-records 6.4 GB and ran gov-check out of memory (abort), and a 20 MB
# header of two million names took gov-profile 4.4 GB and 36 s.  A record
# of more fields is refused now, exit 2, the file and row named.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
n = 1048576
open('full.csv', 'w').write(','.join('c%d' % i for i in range(n)) + '\n' + ','.join('1' for i in range(n)) + '\n')
open('head.csv', 'w').write(','.join('c%d' % i for i in range(n + 1)) + '\n1\n')
# a data row one field too wide, its last field quoted and holding commas
open('row.csv', 'w').write('a,b\n1,2\n' + ',' * (n - 1) + '"x,y"\n' + ',' * n + '\n3,4\n')
# 20 million fields in 20 MB
open('bomb.csv', 'w').write('a,b\n1,2\n' + ',' * 20000000 + '\n')
PY

run gov-records full.csv
is "1,048,576 fields: read, the last one too" "$RC:$(printf '%s' "$OUT" | tail -c 30):$ERR" \
	'0:"c1048574":"1","c1048575":"1"}:'
run gov-records head.csv
is "a header of 1,048,577 fields: exit 2, named" "$RC:$OUT:$ERR" \
"2::gov-records: head.csv:1: record of more than 1048576 fields"
run gov-records row.csv
is "a data row of 1,048,577 fields: exit 2 at that row (the commas of a quoted field not counted)" \
"$RC:$ERR" "2:gov-records: row.csv:3: 1048576 cells, header has 2; extra cells kept as column_N
gov-records: row.csv:4: record of more than 1048576 fields"
run gov-profile head.csv
is "gov-profile: the same" "$RC:$OUT:$ERR" \
"2::gov-profile: head.csv:1: record of more than 1048576 fields"
run gov-check head.csv
is "gov-check: the same" "$RC:$OUT:$ERR" \
"2::gov-check: head.csv:1: record of more than 1048576 fields"

# 20 million fields in 300 MB of address space, at once (not under the
# sanitizers or valgrind, which reserve more for themselves)
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	run sh -c "ulimit -v 300000; exec timeout 30 gov-records bomb.csv"
	is "20 million fields in 300 MB: exit 2, named" "$RC:$ERR" \
	"2:gov-records: bomb.csv:3: record of more than 1048576 fields"
fi
rm -f bomb.csv
done_testing
