#!/bin/sh
# bareNumber false: a dot just after a letter ends an abbreviation before
# the number ("Rs.100", "No.5"), it does not begin a fraction: "Rs.100"
# was read as 0.1 and "No.5" as 0.5, without a word, in gov-check's
# bounds and gov-records' output alike ("No.5" in an integer field was
# not an integer).  "$.50" is still 0.5.  Found by the differential test
# against tableschema-js, which reads 100 and 5.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [
  {"name": "n", "type": "number", "bareNumber": false,
   "constraints": {"minimum": 1, "maximum": 50}},
  {"name": "i", "type": "integer", "bareNumber": false}
]}
JSON
printf 'n,i\nRs.100,Rs.100\nNo.5,No.5\n$.50,7\nRMB 20.5,NR.12\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "exit 1: findings" "$RC" 1
is "the number after the abbreviation is checked" "$(finding_lines row column check)" \
"2 1 maximum | 100 is above the maximum 50
4 1 minimum | 0.5 is below the minimum 1"

run gov-records --no-mask -s s.json d.csv
is "gov-records: exit 0" "$RC" 0
is "gov-records: no message" "$ERR" ""
is "gov-records: the numbers" "$OUT" \
'{"n":100,"i":100}
{"n":5,"i":5}
{"n":0.5,"i":7}
{"n":20.5,"i":12}'

# and a dot just after a letter at the end ends the abbreviation after the
# number: "100 Rs." and "5 pcs." were kept whole, "not a number" / "not an
# integer", while "No.5." (a dot after the digit) was 5
printf 'n,i\n100 Rs.,5 pcs.\n20.5 approx.,7\nNo.5.,3\n' >t.csv
run gov-check --format ndjson -s s.json t.csv
is "trailing abbreviation: exit 1 (the bound only)" "$RC" 1
is "trailing abbreviation: the numbers checked" "$(finding_lines row column check)" \
"2 1 maximum | 100 is above the maximum 50"
run gov-records --no-mask -s s.json t.csv
is "trailing abbreviation: gov-records exit 0" "$RC" 0
is "trailing abbreviation: gov-records no message" "$ERR" ""
is "trailing abbreviation: gov-records the numbers" "$OUT" \
'{"n":100,"i":5}
{"n":20.5,"i":7}
{"n":5,"i":3}'
done_testing
