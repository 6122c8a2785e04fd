#!/bin/sh
# gov-xlsx: a column is as wide as the widest value it shows.  A number's
# width was the length of its JSON text, but a number written with an
# exponent (as Java and other JSON writers put 1.5E14 or 1E10)
# shows all its digits: a whole number of 12 to 15 digits, shown with
# the format '0', came out in a column of 6 characters, where Excel shows
# "########" instead of the number, and a General one as
# "1E+10" for 1e10.  Now the width is that of the number as the cell
# shows it, where that is longer than its text.
. "$(dirname "$0")/lib.sh"

# widths WORKBOOK: each header, its width (less the padding) and format
widths() {
	py - "$1" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for h, c in zip(ws[1], ws[2]):
    print(h.value, int(ws.column_dimensions[h.column_letter].width), c.number_format, c.value)
PY
}

cat >n.jsonl <<'J'
{"a":1.5e14,"b":1.2345678E7,"c":-1.23456789012E11,"d":1.5e-7,"e":150000000000000,"f":1e21,"g":12345678,"h":1e10}
J
run gov-xlsx -o n.xlsx n.jsonl
is "numbers with an exponent: exit 0, quiet" "$RC:$ERR" "0:"
is "... each column as wide as the number shows" "$(widths n.xlsx)" \
"a 17 0 150000000000000
b 13 General 12345678
c 19 0 -123456789012
d 9 General 1.5e-07
e 17 0 150000000000000
f 7 General 1e+21
g 10 General 12345678
h 13 General 10000000000"

# the width is also what tells a number that may be a phone number (11
# digits) from a shorter one: 1.39e10, a mobile number written with an
# exponent, was taken for a short number and shown unmasked
cat >p.jsonl <<'J'
{"tel":1.39e10,"tel2":1.3912345678e10,"n":1.5e9}
J
run gov-xlsx -o p.xlsx p.jsonl
is "a phone number with an exponent: masked as any" "$RC:$(widths p.xlsx)" \
"0:tel 13 General 139****0000
tel2 13 General 139****5678
n 12 General 1500000000"
done_testing
