#!/bin/sh
# gov-profile guesses cn-ric only for IDs born by today, as gov-check
# judges them (by its --today, the system date by default): an ID born
# in 2099 made the draft's cn-ric fail on the file it was drawn from.
. "$(dirname "$0")/lib.sh"

# two IDs with their GB 11643 check characters, born 1949 and 2099
printf 'id_no\n11010519491231002X\n110105209912310010\n' >future.csv
printf 'id_no\n11010519491231002X\n440524188001010014\n' >past.csv

run gov-profile --schema --format ndjson future.csv
printf '%s\n' "$OUT" >future.schema.json
unlike "an ID born in 2099: no cn-ric" "$OUT" 'cn-ric'
run gov-check -s future.schema.json --format ndjson future.csv
is "gov-check passes the draft on its file" "$RC" 0

run gov-profile --schema --format ndjson past.csv
like "IDs born in the past: cn-ric" "$OUT" '"format":"cn-ric"'

done_testing
