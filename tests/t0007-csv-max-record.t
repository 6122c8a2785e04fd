#!/bin/sh
# A CSV record may be as long as CSV_MAX_RECORD (256 MiB).  The reader's
# buffer grew by doubling and was refused more only when it was full, so
# that records of up to twice the limit were read (one of 300 MiB took
# 900 MB), and "record longer than 256 MiB" came only past 512 MiB.  Now
# the buffer stops a block past the limit.  Through gov-records; a short
# row after the long one checks that it is read.
. "$(dirname "$0")/lib.sh"

MAX=268435456
# rec(n): a header, then a record '1,xxx...' of n bytes and '2,y'
rec() {
	printf 'a,b\n1,'
	head -c $(($1 - 2)) /dev/zero | tr '\0' x
	printf '\n2,y\n'
}

rec $MAX >max.csv
# (its output not taken into a shell variable, which takes minutes)
gov-records max.csv >max.out 2>max.err
is "a record of exactly 256 MiB: read, and the row after it" \
	"$?:$(wc -l <max.out | tr -d ' '):$(wc -c <max.out | tr -d ' '):$(tail -1 max.out):$(cat max.err)" \
	"0:2:$((MAX + 14 + 1 + 17 + 1)):{\"a\":\"2\",\"b\":\"y\"}:"
rm -f max.csv max.out

rec $((MAX + 4194304)) >over.csv
gov-records over.csv >over.out 2>over.err
is "a record of 260 MiB: refused, exit 2, nothing out" \
	"$?:$(wc -c <over.out | tr -d ' '):$(cat over.err)" \
	"2:0:gov-records: over.csv:2: record longer than 256 MiB"
gov-profile over.csv >over.out 2>over.err
is "gov-profile: the same" "$?:$(wc -c <over.out | tr -d ' '):$(cat over.err)" \
	"2:0:gov-profile: over.csv:2: record longer than 256 MiB"
rm -f over.csv over.out
done_testing
