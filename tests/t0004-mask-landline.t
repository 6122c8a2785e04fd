#!/bin/sh
# Landlines are phone numbers too: masked in every output (area code and
# last four digits kept) unless --no-mask, as mobiles are.  Before, a
# resident's home number "0475-8234567" came out whole from gov-records,
# gov-profile (top, min, max) and gov-xlsx.
. "$(dirname "$0")/lib.sh"

printf 'name,tel\n张三,0475-8234567\n李四,(0475)8234568\n王五,010-62345678 转 801\n赵六,0.0247933884\n' > l.csv

run gov-records l.csv
is "gov-records: exit 0" "$RC" 0
is "gov-records: landlines masked, the fraction left alone" "$OUT" \
'{"name":"张三","tel":"0475-***4567"}
{"name":"李四","tel":"(0475)***4568"}
{"name":"王五","tel":"010-****5678 转 801"}
{"name":"赵六","tel":"0.0247933884"}'

run gov-records --no-mask l.csv
is "gov-records --no-mask: shown as they are" "$(printf '%s\n' "$OUT" | head -2)" \
'{"name":"张三","tel":"0475-8234567"}
{"name":"李四","tel":"(0475)8234568"}'

run gov-profile l.csv
is "gov-profile: exit 0" "$RC" 0
# a column with phone numbers in it: a value of 7 digits or more that is
# not one is masked whole, as in a column of mobiles (govkit(7))
is "gov-profile: min, max and top masked" \
	"$(printf '%s\n' "$OUT" | /usr/bin/python3 -c '
import json, sys
f = json.load(sys.stdin)["fields"][1]
print(f["min"], f["max"], " ".join(t["value"] for t in f["top"]))')" \
	'(0475)***4568 0475-***4567 (0475)***4568 0.0*******84 010*************01 0475-***4567'

printf '{"fields":[{"name":"name","type":"string"},{"name":"tel","type":"string","constraints":{"maxLength":5}}]}\n' > s.json
run gov-check -s s.json --format ndjson l.csv
is "gov-check: exit 1 (every tel too long)" "$RC" 1
is "gov-check: the values of its findings masked" \
	"$(finding_fields row "|" value)" \
	'2 | 0475-***4567
3 | (0475)***4568
4 | 010-****5678 转 801
5 | 0.0247933884'

done_testing
