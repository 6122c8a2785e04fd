#!/bin/sh
# JSON Lines input: cJSON takes some 80 bytes a value, so a line of many
# small values cost thirty times its length: a 100 MB line of "":0,
# took gov-profile 2.3 GB, one of 256 MiB (the longest line read) over
# 6 GB, and a 60 MB line of [],[],... took gov-check 1.7 GB.  A line may
# hold 1,048,576 values now, counted as its commas and opening brackets
# outside strings; past them it is a bad line (exit 2, or gov-check's
# finding), named with the column, before cJSON sees it.
. "$(dirname "$0")/lib.sh"

py - <<'PY'
# '{' '[' and 1,048,574 commas: at the limit; one comma more: past it
open('full.jsonl', 'w').write('{"a":[' + '0,' * 1048574 + '0]}\n')
open('past.jsonl', 'w').write('{"a":"x,[{"}\n{"a":[' + '0,' * 1048575 + '0]}\n')
# 60 MB: 20 million empty arrays
open('bomb.jsonl', 'w').write('{"a":1}\n{"a":[' + '[],' * 20000000 + '[]]}\n')
PY

run gov-profile --format ndjson full.jsonl
is "gov-profile: 1,048,576 values: read" "$RC:$ERR" "0:"
run gov-profile past.jsonl
is "gov-profile: one more: exit 2, line and column named (commas in a string not counted)" \
	"$RC:$OUT:$ERR" \
	"2::gov-profile: past.jsonl:2: more than 1048576 JSON values at column 2097156"
run sh -c "exec gov-check --jsonl <past.jsonl"
is "gov-check: an encoding finding on the line" \
	"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*\|"check":"[^"]*"\|"message":"[^"]*"' | tr '\n' ' ')" \
	'1:"row":2 "check":"encoding" "message":"the line holds more than 1048576 values at column 2097156" '

# The 60 MB line in 300 MB of address space (not under the sanitizers
# or valgrind, which reserve more for themselves): at once, named.
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	run sh -c "ulimit -v 300000; exec timeout 30 gov-profile bomb.jsonl"
	is "gov-profile: 20 million values in 300 MB: exit 2, named" "$RC:$OUT:$ERR" \
		"2::gov-profile: bomb.jsonl:2: more than 1048576 JSON values at column 1572868"
	run sh -c "ulimit -v 300000; exec timeout 30 gov-check --jsonl <bomb.jsonl"
	is "gov-check: the same, a finding" \
		"$RC:$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*\|"message":"[^"]*"' | tr '\n' ' ')" \
		'1:"row":2 "message":"the line holds more than 1048576 values at column 1572868" '
fi

# A .json file is told from JSON Lines by its first line, which was
# parsed whole for it: a first line of 15 MB of [],[],... took 400 MB
# before the reader refused it, and in less memory the file was called a
# JSON document.  The line is left to the reader now, which names it.
if [ "${GOVKIT_SAN:-0}" != 1 ] && [ "${GOVKIT_VALGRIND:-0}" != 1 ]; then
	py -c "open('first.json', 'w').write('{\"a\":[' + '[],' * 5000000 + '[]]}\n')"
	run sh -c "ulimit -v 200000; exec timeout 30 gov-profile first.json"
	is "a .json file's first line of 5 million values, in 200 MB: the line named" \
		"$RC:$OUT:$ERR" \
		"2::gov-profile: first.json:1: more than 1048576 JSON values at column 1572868"
fi
rm -f bomb.jsonl first.json
# Nesting past cJSON's limit (1000 levels, the record's own object
# counted) said only "invalid JSON at column N": now it says why
py -c 'print("{\"a\":" + "[" * 999 + "]" * 999 + "}"); print("{\"a\":" + "[" * 1000 + "]" * 1000 + "}")' >deep.jsonl
run gov-profile deep.jsonl
is "gov-profile: 1001 levels named" "$RC:$ERR" \
	"2:gov-profile: deep.jsonl:2: invalid JSON: nested deeper than 1000 at column 1005"
run gov-check --format ndjson deep.jsonl
is "gov-check: 1000 levels read, 1001 a finding saying why" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | grep -o '"row":[0-9]*\|"message":"[^"]*"' | tr '\n' ' ')" \
	'"row":2 "message":"the line is nested deeper than 1000 at column 1005" '

done_testing
