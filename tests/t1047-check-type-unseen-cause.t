#!/bin/sh
# gov-check: a value that fails its type for a reason no reader can see
# (a blank around it, invisible in a workbook or the text form; digits
# typed full-width by an input method, １２３) said only "not an
# integer", and the officer stared at a cell that looked right.  The
# message now says what about the value is wrong.
. "$(dirname "$0")/lib.sh"

echo '{"fields":[{"name":"n","type":"integer"},{"name":"d","type":"date"},{"name":"b","type":"boolean"}]}' >s.json
NB=$(printf '\302\240')
printf '%s\n' 'n,d,b' '" 2",2024-01-05,true' '１２３,"２０２４-01-05",true' "2$NB,2024-01-05 ,true " 'x,2024-1-5,yes' >c.csv
run gov-check -s s.json --format ndjson c.csv
is "each message names the unseen cause; a plain wrong value none" \
	"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9]*\),.*"field":"\([a-z]*\)".*"message":"\([^"]*\)".*/\1 \2 \3/')" \
	"1:2 n not an integer; it has a blank before or after it
3 n not an integer; it has full-width digits (０-９), not 0-9
3 d not a date (a real day, YYYY-MM-DD); it has full-width digits (０-９), not 0-9
4 n not an integer; it has a blank before or after it
4 d not a date (a real day, YYYY-MM-DD); it has a blank before or after it
4 b not a boolean (true: true, True, TRUE, 1; false: false, False, FALSE, 0); it has a blank before or after it
5 n not an integer
5 d not a date (a real day, YYYY-MM-DD)
5 b not a boolean (true: true, True, TRUE, 1; false: false, False, FALSE, 0)"

done_testing
