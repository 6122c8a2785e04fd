#!/bin/sh
# gov-profile masks every value shown of a column of ID or phone numbers,
# also a malformed one, but a value too short of digits to be anyone's
# number is shown: the profile is for finding such bad values ("N/A",
# "不详"), and one mobile typed into a name column must not hide the names.
. "$(dirname "$0")/lib.sh"

printf 'id_no,name,mobile\n150502199001011234,张三,13933681148\nN/A,李四,不详\n990502195203121059,13812345678,1393368114\n150502198502023456,王五,13933681149\n' > bad.csv
run gov-profile --format ndjson bad.csv
is "exit 0" "$RC" 0
printf '%s\n' "$OUT" >profile.ndjson
shown() {
	py -c '
import json, sys
for f in json.loads(open("profile.ndjson").readline())["fields"]:
    if f["name"] == sys.argv[1]:
        print(f["min"], f["max"], " ".join(t["value"] for t in f["top"]), f.get("masked"))
' "$1"
}
is "id_no: the IDs masked, the malformed one too, N/A shown" "$(shown id_no)" \
	'150502********3456 N/A 150502********3456 150502********1234 990*************59 N/A True'
is "name: the mobile masked, the names shown" "$(shown name)" \
	'138****5678 王五 138****5678 张三 李四 王五 True'
is "mobile: the one a digit short masked, 不详 shown" "$(shown mobile)" \
	'13******14 不详 13******14 139****1148 139****1149 不详 True'
unlike "no malformed ID or mobile whole" "$OUT" '990502195203121059|1393368114[^0-9]'

run gov-profile --format ndjson --no-mask bad.csv
like "--no-mask: shown whole" "$OUT" '"max":"990502195203121059"|"min":"1393368114"'
# a value past the 200 bytes a profile keeps of one, an ID across the cut:
# masked, then cut (cut first, "110101199..." was no longer an ID to the
# masking and showed its region and birth year)
long=$(printf 'a%.0s' $(seq 190))
printf 'name,note\nx,%s 11010119900101123X tail\ny,%s 11010119900101123X tail\n' "$long" "$long" >long.csv
run gov-profile --format ndjson long.csv
printf '%s\n' "$OUT" >profile.ndjson
is "a long value's ID across the cut: masked, then cut" "$(shown note)" \
	"$long 110101***… $long 110101***… $long 110101***… True"
unlike "no digits of its birth date" "$OUT" '1101011'
run gov-profile --format ndjson --no-mask long.csv
like "--no-mask: cut as it is" "$OUT" "\"max\":\"$long 110101199…\""
done_testing
