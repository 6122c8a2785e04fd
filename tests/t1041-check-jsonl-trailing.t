#!/bin/sh
# gov-check on JSON Lines: a line is one JSON value.  A line holding a
# value and then more ('{"a":1} x', two objects run together) was read as
# its first value alone, with no finding: the rest of the line, a whole
# record perhaps, was lost unseen and the file said valid.  It is an
# encoding finding now, as a line that is not JSON at all, naming the
# column where the extra text begins.  Blanks after the value (and the CR
# of a CRLF line) are still nothing.
. "$(dirname "$0")/lib.sh"

printf '{"a":1} garbage\n{"a":2}{"a":3}\n{"a":4} \t\r\n{"a":5}\n' >in.jsonl
run gov-check in.jsonl
is "exit 1: findings" "$RC" 1
is "the two lines named, with the column of the extra text" \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.type == "finding") | [.row, .check, .severity, .message]')" \
	'[1,"encoding","error","the line is not valid JSON: text after the value at column 9"]
[2,"encoding","error","the line is not valid JSON: text after the value at column 8"]'
is "rows counted, the file not valid" \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.type == "summary") | [.rows, .findings, .valid]')" \
	'[4,2,false]'

printf '{"a":1}  \r\n{"a":2}\t\n' >blanks.jsonl
run gov-check blanks.jsonl
is "blanks after the value: exit 0" "$RC" 0
is "... no finding" "$(printf '%s\n' "$OUT" | jq -c 'select(.type == "summary") | [.rows, .findings]')" '[2,0]'

# A raw control character (a ^A, a NUL) is no JSON either: cJSON took it
# in a string, the file said valid, and a NUL cut the value short.  A tab
# or the CR of a CRLF line is as the other JSON Lines readers take it.
printf '{"a":"x\001y"}\n{"a":"x\000y"}\n{"a":"x\ty"}\r\n' >control.jsonl
run gov-check control.jsonl
is "control characters: exit 1, the two lines named with their columns" \
	"$RC:$(printf '%s\n' "$OUT" | jq -c 'select(.type == "finding") | [.row, .check, .message]')" \
	'1:[1,"encoding","the line holds a control character at column 8"]
[2,"encoding","the line holds a control character at column 8"]'

done_testing
