#!/bin/sh
# Personal data is masked also when it is malformed: a resident ID of a
# region that does not exist (99) or a mobile number one digit short is
# still someone's number.  gov-check masked every value of a cn-ric field;
# gov-records -s and gov-profile showed such a value whole.
. "$(dirname "$0")/lib.sh"

cat > s.json <<'JSON'
{"fields":[{"name":"id_no","type":"string","format":"cn-ric"},
 {"name":"mobile","type":"string","format":"cn-mobile"},
 {"name":"note","type":"string"}]}
JSON
# 990502195203121059: region 99 does not exist; 1393368114: 10 digits
printf 'id_no,mobile,note\n990502195203121059,1393368114,990502195203121059\n150502199001011234,13933681148,\n' > p.csv
run gov-records -s s.json p.csv
is "records -s: exit 0" "$RC" 0
is "records -s: malformed ID and mobile masked in personal fields, not elsewhere" "$OUT" \
'{"id_no":"990*************59","mobile":"13******14","note":"990502195203121059"}
{"id_no":"150502********1234","mobile":"139****1148","note":null}'
# fewer than seven digits is no one's number: the bad value is shown
printf 'id_no,mobile,note\nN/A,不详,\n' > short.csv
run gov-records -s s.json short.csv
is "records -s: N/A and 不详 in personal fields shown" "$OUT" \
'{"id_no":"N/A","mobile":"不详","note":null}'
run gov-check -s s.json --format ndjson short.csv
like "check: N/A shown in its finding" "$OUT" '"field":"id_no".*"value":"N/A"'
like "check: 不详 shown in its finding" "$OUT" '"field":"mobile".*"value":"不详"'
run gov-check -s s.json --format ndjson p.csv
like "check: the malformed ID masked in its finding" "$OUT" '"value":"990\*\*\*\*\*\*\*\*\*\*\*\*\*59"'
unlike "check: the malformed ID nowhere whole" "$OUT" '990502195203121059'
like "check: the short mobile masked in its finding" "$OUT" '"field":"mobile".*"value":"13\*\*\*\*\*\*14"'
run gov-records -s s.json --no-mask p.csv
like "records --no-mask: shown as it is" "$OUT" '"id_no":"990502195203121059","mobile":"1393368114"'

# a column of ID numbers, one of them malformed: the profile masks all
printf 'id_no,name\n150502199001011234,a\n150502198502023456,b\n990502195203121059,c\n' > ids.csv
run gov-profile ids.csv
is "profile: exit 0" "$RC" 0
unlike "profile: the malformed ID is not shown" "$OUT" '990502195203121059'
like "profile: its max masked" "$OUT" '"max":"990\*\*\*\*\*\*\*\*\*\*\*\*\*59"'
like "profile: the column said masked" "$OUT" '"masked":true'
run gov-profile --no-mask ids.csv
like "profile --no-mask: shown" "$OUT" '"max":"990502195203121059"'
# a column that only holds an ID inside its text keeps the rest
printf 'note\ncall 13933681148 today\nnothing\n' > notes.csv
run gov-profile notes.csv
like "profile: an ID inside text masked, the text kept" "$OUT" '"call 139\*\*\*\*1148 today"'
like "profile: other values of such a column shown" "$OUT" '"nothing"'
done_testing
