#!/bin/sh
# gov-xlsx: a whole number of 12 to 15 digits (a bank account, a division
# code, a 15-digit old ID given as a JSON number by a schema that typed it
# 'integer') stays a number, exactly, but Excel's General format shows one
# of 12 digits or more as 1.23457E+11, and a sheet saved as CSV from Excel
# keeps what is shown.  Such a number now has the format "0": every digit
# shown, its column as wide as them.  Smaller numbers, fractions and
# numbers given with an exponent keep General.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"acct":123456789012,"code":150502001001,"n15":999999999999999,"neg":-123456789012,"n11":12345678901,"amount":123456789012.5,"e":1.5e17,"small":42}' >whole.jsonl
run gov-xlsx --no-mask -o whole.xlsx whole.jsonl
is "exit 0, quiet" "$RC:$ERR" "0:"
is "numbers of 12 to 15 digits shown whole; the rest General" \
	"$(py "$T_DIR/expected/xlsx-dump.py" whole.xlsx | tail -n +2)" \
"widths A=14.71 B=14.71 C=17.71 D=15.71 E=13.71 F=13.71 G=9.71 H=8.71
str:'acct'* | str:'code'* | str:'n15'* | str:'neg'* | str:'n11'* | str:'amount'* | str:'e'* | str:'small'*
int:123456789012{0} | int:150502001001{0} | int:999999999999999{0} | int:-123456789012{0} | int:12345678901 | float:123456789012.5 | float:1.5e+17 | int:42"
run gov-records whole.xlsx
is "... and read back with every digit" "$OUT" \
	'{"acct":"123456789012","code":"150502001001","n15":"999999999999999","neg":"-123456789012","n11":"12345678901","amount":"123456789012.5","e":"150000000000000000","small":"42"}'
done_testing
