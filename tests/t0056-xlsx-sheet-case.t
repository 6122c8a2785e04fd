#!/bin/sh
# gov-xlsx --sheet-by: Excel takes sheet names without regard to case, in
# every script, not only ASCII.  "Äpfel" and "äpfel", "ＡＢ" and "ａｂ",
# "МОСКВА" and "москва" were written as two names; Excel sees one name
# twice and repairs the workbook, and openpyxl renames the second on
# reading ("äpfel1").  Now the second is made unique, "äpfel (2)".
. "$(dirname "$0")/lib.sh"

for v in Äpfel äpfel ＡＢ ａｂ МОСКВА москва ΆΡΤΑ άρτα Źródło źródło Ÿ ÿ History; do
	printf '{"k":"%s"}\n' "$v"
done >case.jsonl
run gov-xlsx -o case.xlsx --sheet-by k case.jsonl
is "names differing in case only: exit 0" "$RC:$ERR" "0:"
is "... each made unique, as openpyxl reads them" "$(py -c '
import sys, openpyxl
print(" | ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' case.xlsx)" \
	"Äpfel | äpfel (2) | ＡＢ | ａｂ (2) | МОСКВА | москва (2) | ΆΡΤΑ | άρτα (2) | Źródło | źródło (2) | Ÿ | ÿ (2) | History (2)"
is "... and as the workbook holds them" \
	"$(unzip -p case.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/.*="//; s/"$//' | paste -sd'|')" \
	"Äpfel|äpfel (2)|ＡＢ|ａｂ (2)|МОСКВА|москва (2)|ΆΡΤΑ|άρτα (2)|Źródło|źródło (2)|Ÿ|ÿ (2)|History (2)"

# Past those scripts LibreOffice renamed the second sheet on opening
# ("өвөр -1"): Mongolian and Kazakh Cyrillic, the digraphs and pairs of
# Latin Extended-B, Vietnamese, Armenian.  Now each is made unique too.
for v in ӨВӨР өвөр ҮЙЛС үйлс Ғ ғ Ǆ ǅ ǆ Ǎ ǎ Ạ ạ Ա ա; do
	printf '{"k":"%s"}\n' "$v"
done >more.jsonl
run gov-xlsx -o more.xlsx --sheet-by k more.jsonl
is "names differing in case in more scripts: exit 0" "$RC:$ERR" "0:"
is "... each made unique" \
	"$(unzip -p more.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/.*="//; s/"$//' | paste -sd'|')" \
	"ӨВӨР|өвөр (2)|ҮЙЛС|үйлс (2)|Ғ|ғ (2)|Ǆ|ǅ (2)|ǆ (3)|Ǎ|ǎ (2)|Ạ|ạ (2)|Ա|ա (2)"
done_testing
