#!/bin/sh
# gov-profile --schema on numbers near the largest double: the loose bound
# above 1.5e308 is no double, and went out as "maximum": null, which made
# the draft a schema gov-check refused (exit 2).  Such a bound is left out.
. "$(dirname "$0")/lib.sh"

printf 'x,y\n1.5e308,5\n-1.7e308,-1e300\n1,0\n' >big.csv
run gov-profile --schema --format ndjson big.csv
printf '%s\n' "$OUT" >big.schema.json
unlike "no null bound" "$OUT" 'null'
like "y keeps its bounds" "$OUT" '"name":"y","type":"number","constraints":\{"required":true,"minimum":-1e\+30[0-9],"maximum":10\}'
run gov-check -s big.schema.json --format ndjson big.csv
is "gov-check accepts the draft (exit 0)" "$RC" 0
is "nothing on stderr" "$ERR" ""

done_testing
