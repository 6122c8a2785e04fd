#!/bin/sh
# A composite key's value (primary key, unique key, foreign key to another
# table or to this one) is shown as "v1, v2" with each value masked as a
# value of its own field would be: a resident ID or mobile number anywhere
# in it, a malformed value of a personal field, never the whole text at
# once; --no-mask shows it as read.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id"}, {"name": "phone", "format": "cn-mobile"},
            {"name": "town"}, {"name": "boss"}, {"name": "boss_town"}],
 "primaryKey": ["id", "town"],
 "uniqueKeys": [["phone", "town"]],
 "foreignKeys": [{"fields": ["phone", "town"],
                  "reference": {"resource": "contacts", "fields": ["mobile", "town"]}},
                 {"fields": ["boss", "boss_town"],
                  "reference": {"fields": ["id", "town"]}}]}
JSON
cat >k.csv <<'CSV'
id,phone,town,boss,boss_town
110101199003077778,13812345678,东城,,
110101199003077778,13812345678,东城,110101199003077778,西城
110105194912310021,1381234,朝阳,110101199003077778,东城
110105194912310021,1381234,朝阳,,
CSV
printf 'mobile,town\n13812345678,东城\n' >contacts.csv

# row, check, value, message of each finding
findings() { finding_lines row column check value; }

run gov-check -s s.json --ref contacts=contacts.csv k.csv
is "composite keys: exit 1" "$RC" 1
is "composite keys: each value masked by itself" "$(findings)" \
"3 None primary-key 110101********7778, 东城 | primary key repeats row 2
3 None unique 138****5678, 东城 | unique key repeats row 2
4 2 format 1*****4 | length is 7, expected 11 digits
4 None foreign-key 1*****4, 朝阳 | not found in contacts (mobile, town)
5 2 format 1*****4 | length is 7, expected 11 digits
5 None primary-key 110105********0021, 朝阳 | primary key repeats row 4
5 None unique 1*****4, 朝阳 | unique key repeats row 4
5 None foreign-key 1*****4, 朝阳 | not found in contacts (mobile, town)
3 None foreign-key 110101********7778, 西城 | not found in this table (id, town)"
unlike "composite keys: no resident ID or mobile number in the clear" "$OUT" \
	'[0-9]{17}[0-9X]|1[3-9][0-9]{9}'

run gov-check --format text -s s.json --ref contacts=contacts.csv k.csv
like "text form: masked too" "$OUT" 'unique +error +138\*\*\*\*5678, 东城'
unlike "text form: no resident ID in the clear" "$OUT" '[0-9]{17}[0-9X]'

run gov-check --no-mask -s s.json --ref contacts=contacts.csv k.csv
is "--no-mask: exit 1" "$RC" 1
is "--no-mask: composite keys as read" "$(findings)" \
"3 None primary-key 110101199003077778, 东城 | primary key repeats row 2
3 None unique 13812345678, 东城 | unique key repeats row 2
4 2 format 1381234 | length is 7, expected 11 digits
4 None foreign-key 1381234, 朝阳 | not found in contacts (mobile, town)
5 2 format 1381234 | length is 7, expected 11 digits
5 None primary-key 110105194912310021, 朝阳 | primary key repeats row 4
5 None unique 1381234, 朝阳 | unique key repeats row 4
5 None foreign-key 1381234, 朝阳 | not found in contacts (mobile, town)
3 None foreign-key 110101199003077778, 西城 | not found in this table (id, town)"

# the audit's example: a key of an ID and a phone, neither field personal
printf 'id,phone\n110101199003077778,13812345678\n110101199003077778,13812345678\n' >p.csv
printf '{"fields":[{"name":"id"},{"name":"phone"}],"primaryKey":["id","phone"]}' >p.json
run gov-check -s p.json p.csv
is "ID and phone key: exit 1" "$RC" 1
is "ID and phone key: both masked" "$(findings)" \
"3 None primary-key 110101********7778, 138****5678 | primary key repeats row 2
3 None duplicate-row None | identical to row 2"
done_testing
