#!/bin/sh
# %y is two digits, as in strptime and as govkit-schema(5) says: "5/1/9"
# is no "%d/%m/%y" date (it was 2009-01-05), nor "24-1-5" a "%y-%m-%d"
# of 2024 read from "2" and the rest left over.  Found by the
# differential test against tableschema-js, which refuses them.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [
  {"name": "d", "type": "date", "format": "%d/%m/%y"},
  {"name": "t", "type": "datetime", "format": "%y-%m-%d %H:%M"}
]}
JSON
printf 'd,t\n5/1/09,69-01-05 10:30\n5/1/9,9-01-05 10:30\n05/01/2009,690-01-05 10:30\n' >d.csv
run gov-check --format ndjson -s s.json d.csv
is "exit 1: findings" "$RC" 1
is "a year of one digit or three is no %y" "$(finding_lines row column check value)" \
"3 1 type 5/1/9 | not a date in format %d/%m/%y
3 2 type 9-01-05 10:30 | not a datetime in format %y-%m-%d %H:%M
4 1 type 05/01/2009 | not a date in format %d/%m/%y
4 2 type 690-01-05 10:30 | not a datetime in format %y-%m-%d %H:%M"
done_testing
