#!/bin/sh
# A failed rule's message gives the row's values of the fields the rule
# reads, so the data owner sees what to fix without opening the file:
# cross-field dates, a household size, a conditional requirement
# (moved out: a date is due), each firing on exactly its rows.  Personal
# values are masked there as everywhere (not with --no-mask).  The
# message named only the rule and its assertion.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id_no", "type": "string", "format": "cn-ric"},
            {"name": "status", "type": "string"},
            {"name": "registered_on", "type": "date"},
            {"name": "moved_out_on", "type": "date"},
            {"name": "household_size", "type": "integer"},
            {"name": "note"}],
 "rules": [
  {"name": "moved-out-after-registration",
   "assert": "moved_out_on is null or moved_out_on >= registered_on"},
  {"name": "household", "assert": "household_size >= 1"},
  {"name": "moved-out-has-date", "assert": "status <> '迁出' or moved_out_on is not null",
   "severity": "warning"},
  {"name": "id-or-note", "assert": "id_no is null or note is null"}]}
JSON
cat >d.csv <<'CSV'
id_no,status,registered_on,moved_out_on,household_size,note
,常住,2020-01-01,,3,
,迁出,2020-01-01,2019-12-31,0,
,迁出,2020-01-01,,,
,迁出,,2021-01-01,1,
,常住,2020-01-01,2020-01-01,x,
150502199001011232,常住,2020-01-01,,2,a note written long enough to be cut short in the message there
CSV
run gov-check --format ndjson -s s.json d.csv
is "exit 1" "$RC" 1
is "each rule fires on its rows, with the values it read" "$(finding_fields row check severity message)" \
"3 rule error rule 'moved-out-after-registration' failed: moved_out_on is null or moved_out_on >= registered_on (registered_on: 2020-01-01, moved_out_on: 2019-12-31)
3 rule error rule 'household' failed: household_size >= 1 (household_size: 0)
4 rule warning rule 'moved-out-has-date' failed: status <> '迁出' or moved_out_on is not null (status: 迁出, moved_out_on: empty)
6 type error not an integer
7 rule error rule 'id-or-note' failed: id_no is null or note is null (id_no: 150502********1232, note: a note written long enough to be cut short in the message th...)"

run gov-check --format ndjson --no-mask -s s.json d.csv
like "--no-mask: the number as it is" "$OUT" "\(id_no: 150502199001011232, note: "

# an ID in a free-text field, where the 60 bytes end: masked before the
# value is cut (cut first, its first digits were no longer an ID to the
# message's masking, and showed the region and birth date)
printf 'id_no,status,registered_on,moved_out_on,household_size,note\n150502199001011232,常住,2020-01-01,,2,a note written long enough that the son'"'"'s number 11010119900101123X comes past the cut\n' >n.csv
run gov-check --format ndjson -s s.json n.csv
is "an ID across the cut of a free-text value: masked, then cut" \
	"$(finding_fields row message)" \
	"2 rule 'id-or-note' failed: id_no is null or note is null (id_no: 150502********1232, note: a note written long enough that the son's number 110101*****...)"

done_testing
