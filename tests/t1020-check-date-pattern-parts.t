#!/bin/sh
# A date pattern without a day or a month reads as strptime reads it,
# which Frictionless uses: the 1st, January ("%Y-%m": 2024-03 is
# 2024-03-01).  Every value of such a column was a type error.
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check value; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "month", "type": "date", "format": "%Y-%m",
   "constraints": {"minimum": "2024-02"}},
  {"name": "year", "type": "date", "format": "%Y"},
  {"name": "mon", "type": "date", "format": "%b %Y"},
  {"name": "at", "type": "datetime", "format": "%Y-%m %H:%M"}
]}
JSON
printf 'month,year,mon,at\n2024-03,2024,Mar 2024,2024-03 10:30\n2024-1,1999,Feb 2023,2024-02 24:00\n2024-13,1990,Abc 2024,2024-02\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "the parts left out are the 1st of January" "$(found)" "3 1 minimum 2024-1
3 4 type 2024-02 24:00
4 1 type 2024-13
4 3 type Abc 2024
4 4 type 2024-02"

done_testing
