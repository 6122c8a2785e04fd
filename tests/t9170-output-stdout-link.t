#!/bin/sh
# -o naming standard output through a link (/dev/stdout, /dev/fd/1,
# /proc/self/fd/1, or a link of one's own to them) writes standard
# output.  Before, the link was taken for a file to replace: a temporary
# file was made beside it and renamed over it, so run as root (cron)
# '-o /dev/stdout' replaced the machine's /dev/stdout with a regular
# file, and run as anyone else it failed ('unable to create
# '/dev/fd/1'', exit 2).  A link to a device or FIFO (/dev/stderr) is
# written where it leads; a link to a regular file is still replaced,
# never followed.
. "$(dirname "$0")/lib.sh"
Q=$T_TOP/samples/quality
B=$T_TOP/samples/bids
head -20 "$Q/residents.csv" >res.csv
head -20 "$B/market.jsonl" >market.jsonl

gov-check --format ndjson res.csv >want.check
gov-check -o /dev/fd/1 res.csv >got 2>err
is "gov-check -o /dev/fd/1: exit 0" "$?" 0
same_file "gov-check -o /dev/fd/1: the records on standard output" got want.check
is "gov-check -o /dev/fd/1: quiet" "$(cat err)" ""

printf 'earlier line\n' >log
gov-check -o /proc/self/fd/1 res.csv >>log 2>err
is "-o /proc/self/fd/1 >>log: exit 0" "$?" 0
{ printf 'earlier line\n'; cat want.check; } >want.log
same_file "-o /proc/self/fd/1 >>log: appended, the earlier line kept" log want.log

ln -s /proc/self/fd/1 so.link
for cmd in "gov-check res.csv" "gov-records res.csv" "gov-profile res.csv" \
	"gov-bid score market.jsonl" "gov-catalog describe --today $T_TODAY res.csv"; do
	$cmd --format ndjson >want 2>/dev/null
	ok "$cmd: some records to compare" test -s want
	$cmd -o so.link >got 2>err
	same_file "$cmd -o LINK-TO-STDOUT: the records on standard output" got want
	ok "$cmd -o LINK-TO-STDOUT: the link left as it was" test -L so.link
done
gov-check -o so.link res.csv | head -c 1 >/dev/null
ok "-o LINK-TO-STDOUT | head -c 1: no temporary file left" \
	test "$(ls -A | grep -c '^\.so\.link')" = 0

gov-xlsx -o /dev/fd/1 market.jsonl >got 2>err
is "gov-xlsx -o /dev/fd/1: exit 2" "$?" 2
is "gov-xlsx -o /dev/fd/1: says why" "$(cat err)" \
	"gov-xlsx: '/dev/fd/1' is standard output; a workbook is written to a file"
gov-xlsx -o so.link market.jsonl >got 2>err
is "gov-xlsx -o LINK-TO-STDOUT: exit 2" "$?" 2
ok "gov-xlsx -o LINK-TO-STDOUT: the link left as it was" test -L so.link

# a link to a device or a FIFO (as /dev/stderr is, to a pipe or a
# terminal) is written where it leads, the link kept
ln -s /proc/self/fd/2 se.link
gov-check -o se.link res.csv 2>&1 >got | cat >err.pipe
same_file "-o LINK-TO-STDERR (a pipe): the records in the pipe" err.pipe want.check
ok "-o LINK-TO-STDERR (a pipe): the link left as it was" test -L se.link
is "-o LINK-TO-STDERR (a pipe): nothing on standard output" "$(cat got)" ""
ln -s /dev/null null.link
gov-check -o null.link res.csv >got 2>err
is "-o LINK-TO-/dev/null: exit 0" "$?" 0
ok "-o LINK-TO-/dev/null: the link left as it was" test -L null.link
ok "-o LINK-TO-/dev/null: no temporary file left" \
	test "$(ls -A | grep -c '^\.null\.link')" = 0

# a link to a regular file is replaced, as before; its target untouched
printf 'target\n' >target
ln -s target other.link
gov-check -o other.link res.csv >got 2>err
is "-o LINK-TO-A-FILE: exit 0" "$?" 0
ok "-o LINK-TO-A-FILE: the link replaced by the output" test ! -L other.link
same_file "-o LINK-TO-A-FILE: the output in its place" other.link want.check
is "-o LINK-TO-A-FILE: the target untouched" "$(cat target)" target
is "-o LINK-TO-A-FILE: nothing on standard output" "$(cat got)" ""

done_testing
