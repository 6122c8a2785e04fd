#!/bin/sh
# The text form's summary line said "1 rows, 1 fields" while it said
# "1 finding (1 error, 0 warnings)": a one-row delivery, a one-column
# file now read "1 row, 1 field".  The JSON summary is unchanged.
. "$(dirname "$0")/lib.sh"

printf 'id\n1\n' >one.csv
run gov-check --format text one.csv
like "one row, one field" "$OUT" \
	'^one.csv: 1 row, 1 field, 0 findings \(0 errors, 0 warnings\); score 100.0; valid$'
is "exit 0" "$RC" 0

printf 'id,name\n1,a\n1,a\n' >two.csv
run gov-check --format text two.csv
like "two rows, two fields, one finding" "$OUT" \
	'^two.csv: 2 rows, 2 fields, 1 finding \(1 error, 0 warnings\); score [0-9.]+; NOT VALID$'
is "exit 1" "$RC" 1

run gov-check --format ndjson one.csv
like "ndjson as before" "$OUT" '"rows":1,"fields":1,'
done_testing
