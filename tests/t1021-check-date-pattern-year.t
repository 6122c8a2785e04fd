#!/bin/sh
# %Y is four digits, as in strptime: "1/2/24" is no "%d/%m/%Y" date (it
# was the year 24), and format "any" takes no "24/1/5" either.
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check value; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "d", "type": "date", "format": "%d/%m/%Y"},
  {"name": "a", "type": "date", "format": "any"},
  {"name": "c", "type": "date", "format": "%Y%m%d"}
]}
JSON
printf 'd,a,c\n1/2/2024,2024/1/5,20240105\n1/2/24,24/1/5,20240230\n01/02/02024,5.1.24,240105\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "a year of fewer than four digits is no %Y" "$(found)" "3 1 type 1/2/24
3 2 type 24/1/5
3 3 type 20240230
4 1 type 01/02/02024
4 2 type 5.1.24
4 3 type 240105"

done_testing
