#!/bin/sh
# A header row of full-width or no-break spaces only (a spreadsheet's
# first line holding an ideographic space U+3000, as a Chinese input
# method types it) is blank as one of ASCII spaces is: refused, exit 2,
# naming the first row not blank for --header-row, by gov-records,
# gov-profile and gov-check.  It was taken as a header of one column
# named '　', the real header its first record, a warning on every row.
. "$(dirname "$0")/lib.sh"

printf '\343\200\200\na,b\n1,2\n' >wide.csv
printf '\302\240 ,\343\200\200\t\n\na,b\n1,2\n' >mixed.csv

run gov-records wide.csv
is "gov-records: a U+3000 line is no header" "$RC|$OUT|$ERR" \
	"2||gov-records: wide.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"
run gov-profile wide.csv
is "gov-profile: a U+3000 line is no header" "$RC|$OUT|$ERR" \
	"2||gov-profile: wide.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"
run gov-check wide.csv
is "gov-check: a U+3000 line is no header" "$RC|$OUT|$ERR" \
	"2||gov-check: wide.csv:1: a blank row, not a header: give --header-row 2, the first row not blank"
run gov-records mixed.csv
is "no-break, full-width spaces and a tab, then a blank line: row 3 named" "$RC|$OUT|$ERR" \
	"2||gov-records: mixed.csv:1: a blank row, not a header: give --header-row 3, the first row not blank"

run gov-records --header-row 2 wide.csv
is "--header-row 2: the records" "$RC|$OUT|$ERR" '0|{"a":"1","b":"2"}|'

# A header cell holding a full-width space beside a name is still a header.
printf 'a,\343\200\200b\n1,2\n' >named.csv
run gov-records named.csv
is "a name with a full-width space: a header" "$RC|$OUT" '0|{"a":"1","　b":"2"}'

done_testing
