#!/bin/sh
# gov-xlsx: members of one record that give the same column name, a key
# written twice or a dotted key meeting a nested one, each keep their
# value in a column of their own, the same one on every row.
. "$(dirname "$0")/lib.sh"

rows() { py "$T_DIR/expected/xlsx-dump.py" "$1" | tail -n +3; }

# a literal "a.b" and the nested a.b, in both orders, and neither
cat >dots.jsonl <<'J'
{"id":1,"a.b":1,"a":{"b":2}}
{"id":2,"a":{"b":4},"a.b":3}
{"id":3,"a":{"b":5}}
{"id":4,"a.b":6,"a":{"b":7}}
J
run gov-xlsx -o dots.xlsx dots.jsonl
is "dotted key and nested key: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "dotted key and nested key: both kept, the second in 'a.b (2)'" \
	"$(rows dots.xlsx)" \
"str:'id'* | str:'a.b'* | str:'a.b (2)'*
int:1 | int:1 | int:2
int:2 | int:4 | int:3
int:3 | int:5 | -
int:4 | int:6 | int:7"

# a key written twice, three times, and beside a key that is already
# "a (2)" (the next free name is taken);
# a null still takes its column, so the values after it stay in place
cat >twice.jsonl <<'J'
{"a":1,"a":2}
{"a":3,"a":4,"a":5}
{"a":null,"a":6}
{"a":7,"a (2)":8,"a":9}
{"a":{"x":1},"a":{"x":2}}
J
run gov-xlsx -o twice.xlsx twice.jsonl
is "repeated key: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "repeated key: every value kept, in a column of its own" \
	"$(rows twice.xlsx)" \
"str:'a'* | str:'a (2)'* | str:'a (3)'* | str:'a.x'* | str:'a.x (2)'*
int:1 | int:2 | - | - | -
int:3 | int:4 | int:5 | - | -
- | int:6 | - | - | -
int:7 | int:8 | int:9 | - | -
- | - | - | int:1 | int:2"

# --type leaves out the first "type", not a second one
printf '%s\n' '{"type":"x","type":"y","n":1}' '{"type":"x","n":2}' >type.jsonl
run gov-xlsx -t x -o type.xlsx type.jsonl
is "--type: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "--type: a second \"type\" kept as 'type (2)'" "$(rows type.xlsx)" \
"str:'type (2)'* | str:'n'*
str:'y' | int:1
- | int:2"

# --columns names the second member's column like any other; "a", an
# object in the last record, brings its leaves after it, "a.x (2)" too
run gov-xlsx -c 'a (2),a' -o cols.xlsx twice.jsonl
is "--columns: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "--columns: 'a (2)' chosen by its name" "$(rows cols.xlsx)" \
"str:'a (2)'* | str:'a'* | str:'a.x'* | str:'a.x (2)'*
int:2 | int:1 | - | -
int:4 | int:3 | - | -
int:6 | - | - | -
int:8 | int:7 | - | -
- | - | int:1 | int:2"

done_testing
