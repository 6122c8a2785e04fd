#!/bin/sh
# Resident ID and phone numbers typed in full-width digits (an input method
# left in full-width mode: １５０５０２１９９００１０１１２３４) are masked as
# the ASCII ones are, each hidden digit a full-width asterisk: they went
# out in full from every tool, even in a cn-ric field.
. "$(dirname "$0")/lib.sh"

ID=１５０５０２１９９００１０１１２３４
ID_M=１５０５０２＊＊＊＊＊＊＊＊１２３４
TEL=１３８１２３４５６７８
TEL_M=１３８＊＊＊＊５６７８
printf 'id,tel,note\n%s,%s,"电话 １３８－１２３４－５６７８，身份证１５０５０２１９９００１０１１２３ｘ"\n' \
	"$ID" "$TEL" >fw.csv
cat >fw.json <<'EOS'
{"fields": [{"name": "id", "format": "cn-ric"}, {"name": "tel", "format": "cn-mobile"},
            {"name": "note", "constraints": {"maxLength": 3}}]}
EOS
full() { grep -a -c -e "$ID" -e "$TEL" -e '１２３４－５６７８' -e '１９９００１０１１２３ｘ'; }

run gov-records fw.csv
is "gov-records: masked, full-width asterisks" "$OUT" \
	"{\"id\":\"$ID_M\",\"tel\":\"$TEL_M\",\"note\":\"电话 １３８－＊＊＊＊－５６７８，身份证１５０５０２＊＊＊＊＊＊＊＊１２３ｘ\"}"
run gov-check -s fw.json --format ndjson fw.csv
is "gov-check: findings' values masked" "$(finding_lines field value)" \
"id $ID_M | 18 characters, not all ASCII: expected 18 ASCII characters
tel $TEL_M | 11 characters, not all ASCII: expected 11 ASCII digits
note 电话 １３８－＊＊＊＊－５６７８，身份证１５０５０２＊＊＊＊＊＊＊＊１２３ｘ | length 38, maximum 3"
run gov-check -s fw.json --format text fw.csv
is "gov-check text: no number in full" "$(printf '%s\n' "$OUT" | full)" 0
for f in ndjson text; do
	run gov-profile --format $f fw.csv
	is "gov-profile --format $f: no number in full" "$(printf '%s\n' "$OUT" | full)" 0
done
gov-records --no-mask fw.csv >fw.jsonl
run gov-xlsx -o fw.xlsx fw.jsonl
is "gov-xlsx: no number in full in the workbook" "$(unzip -p fw.xlsx | full)" 0
like "gov-xlsx: masked in its cell" "$(unzip -p fw.xlsx xl/worksheets/sheet1.xml)" "<t>$ID_M</t>"
run gov-records --no-mask fw.csv
like "--no-mask: as typed" "$OUT" "\"id\":\"$ID\",\"tel\":\"$TEL\""

done_testing
