#!/bin/sh
# The text form of several files ran one file's summary into the next
# file's name: "  accessibility 可访问性   0  100.0" then "b.csv" on the
# next line.  A blank line now sets each file after the first apart, as
# the summary is set apart from the file's findings.  JSON Lines are
# unchanged.
. "$(dirname "$0")/lib.sh"

printf 'id\n1\n' >a.csv
printf 'id\n1\n1\n' >b.csv
printf 'id\n2\n' >c.csv
run gov-check --format text a.csv b.csv c.csv
is "exit 1" "$RC" 1
is "a blank line before each file after the first" \
	"$(printf '%s\n' "$OUT" | awk '/^$/ { print NR ": blank" } /^[abc]\.csv/ { print NR ": " $1 }')" \
	"1: a.csv:
10: blank
11: b.csv
14: blank
15: b.csv:
25: blank
26: c.csv:"
run gov-check --format ndjson a.csv b.csv
is "ndjson: one record a line, no blank line" "$(printf '%s\n' "$OUT" | grep -c '^$')" 0
done_testing
