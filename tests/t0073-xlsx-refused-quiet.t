#!/bin/sh
# gov-xlsx: a record refused (exit 2, no workbook) is not warned about as
# if written.  One of too many columns whose text was longer than a cell
# holds was first told "column 'k0': text cut to Excel's 32767
# characters", then refused "too many columns"; a \u0000 in it was told
# dropped.  Now a record's warnings are told once it is taken whole, its
# element rows too; a record before it that was taken keeps its own.
. "$(dirname "$0")/lib.sh"

gen() {
	py -c '
import json, sys
def elem(n): return {"m%d" % i: i for i in range(n)}
for rec in sys.argv[1:]:
    print(json.dumps(eval(rec)))' "$@"
}

gen '{"k%d" % i: i for i in range(16385)} | {"k0": "x" * 40000, "k1": "a\0b"}' >wide.jsonl
run gov-xlsx -o wide.xlsx wide.jsonl
is "16,385 columns, a long text and a NUL: refused, only that said" \
	"$RC:$ERR:$(ls wide.xlsx 2>&1 >/dev/null | wc -l)" \
	"2:gov-xlsx: wide.jsonl:1: too many columns: more than 16384:1"

# an element object of too many columns: its record's long text, cut, and
# its own are not told either
gen '{"id": "A", "note": "x" * 40000, "items": [{"t": "y" * 40000}, elem(16383)]}' >elems.jsonl
run gov-xlsx -o elems.xlsx elems.jsonl
is "an element row refused: the record's warnings not told" \
	"$RC:$ERR:$(ls elems.xlsx 2>&1 >/dev/null | wc -l)" \
	"2:gov-xlsx: elems.jsonl:1: too many columns: more than 16384:1"

# the record before, taken, keeps its warning, told before the refusal
gen '{"k0": "x" * 40000}' '{"k%d" % i: "x" * 40000 if i == 0 else i for i in range(16385)}' >two.jsonl
run gov-xlsx -o two.xlsx two.jsonl
is "a record taken, then one refused: the first's warning, the refusal" \
	"$RC:$ERR" \
	"2:gov-xlsx: two.jsonl:1: column 'k0': text cut to Excel's 32767 characters
gov-xlsx: two.jsonl:2: too many columns: more than 16384"

# a record taken whole: its warnings as before, in its cells' order (on
# the element sheet too, 'a' the record's first member, cut again)
gen '{"a": "x" * 40000, "b": "n\0ul", "items": [{"t": "y" * 40000}]}' >ok.jsonl
run gov-xlsx -o ok.xlsx ok.jsonl
is "a record written: each loss told, exit 1" "$RC:$ERR" \
	"1:gov-xlsx: ok.jsonl:1: \\u0000 dropped: a workbook cannot hold it
gov-xlsx: ok.jsonl:1: column 'a': text cut to Excel's 32767 characters
gov-xlsx: ok.jsonl:1: column 'items': text cut to Excel's 32767 characters
gov-xlsx: ok.jsonl:1: column 'a': text cut to Excel's 32767 characters
gov-xlsx: ok.jsonl:1: column 't': text cut to Excel's 32767 characters"
done_testing
