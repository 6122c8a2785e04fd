#!/bin/sh
# gov-license canon: RFC 8785 (JCS), the form signatures are made over.
# RFC 8785's own examples must come out byte for byte, numbers as
# ECMAScript prints them (Appendix B), member names in UTF-16 order.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/data/license

run gov-license canon "$D/rfc8785-examples.jsonl"
is "examples: exit 0" "$RC" 0
printf '%s\n' "$OUT" >got.jsonl
same_file "RFC 8785 3.2.2 and 3.2.3 examples canonicalize exactly" got.jsonl \
	"$(expected license-rfc8785-examples.jsonl)"

# The pretty-printed example of 3.2.2, as one record per file (a multi-line
# JSON text is not JSON Lines: it is flattened first).
tr '\n' ' ' <"$D/rfc8785-input.json" >one.jsonl
echo >>one.jsonl
run gov-license canon one.jsonl
is "3.2.2 from its multi-line form" "$OUT" "$(head -1 "$(expected license-rfc8785-examples.jsonl)")"

# Appendix B: each IEEE 754 bit pattern, written by Python as the shortest
# decimal that reads back, must print as the RFC says.
py - "$D/rfc8785-numbers.txt" >numbers.jsonl <<'PY'
import json, struct, sys
for line in open(sys.argv[1]):
    h, _ = line.split()
    print(json.dumps({"n": struct.unpack(">d", bytes.fromhex(h))[0]}))
PY
run gov-license canon numbers.jsonl
printf '%s\n' "$OUT" | sed 's/^{"n":\(.*\)}$/\1/' >got-numbers.txt
awk '{print $2}' "$D/rfc8785-numbers.txt" >want-numbers.txt
same_file "Appendix B numbers print as ECMAScript does" got-numbers.txt want-numbers.txt

# Integers written with exponents and fractions are the same number.
printf '%s\n' '{"a":1.0,"b":1e2,"c":-0.0,"d":0.1,"e":1E-7,"f":123456789012345678901234567890}' >n2.jsonl
run gov-license canon n2.jsonl
is "number spellings" "$OUT" '{"a":1,"b":100,"c":0,"d":0.1,"e":1e-7,"f":1.2345678901234568e+29}'

# Nesting: objects inside arrays sorted too; escapes kept minimal.
printf '%s\n' '{"z":[{"b":2,"a":1}],"a":{"y":"\u0001\t\u001f/","x":[]}}' >nest.jsonl
run gov-license canon nest.jsonl
is "nested objects sorted, minimal escapes" "$OUT" '{"a":{"x":[],"y":"\u0001\t\u001f/"},"z":[{"a":1,"b":2}]}'

# Input JCS cannot canonicalize is refused with a message, not guessed at.
for bad in '{"a":1,"a":2}|duplicate member name' \
	   '{"s":"\ud800"}|lone high surrogate' \
	   '{"s":"\udc00x"}|lone low surrogate' \
	   '{"n":1e400}|number out of range' \
	   '{"n":01}|expected' \
	   '{"n":NaN}|malformed number' \
	   '{"b":tru}|unexpected character'; do
	json=${bad%|*}
	msg=${bad#*|}
	printf '%s\n' "$json" >bad.jsonl
	run gov-license canon bad.jsonl
	is "refused: $json (exit 1)" "$RC" 1
	like "refused: $json (message)" "$ERR" "^gov-license: bad.jsonl:1: $msg"
	is "refused: $json (no output)" "$OUT" ""
done
printf '{"s":"\377"}\n' >bad.jsonl
run gov-license canon bad.jsonl
like "invalid UTF-8 refused" "$ERR" "invalid UTF-8"

done_testing
