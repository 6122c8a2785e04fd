#!/bin/sh
# A JSON Lines line may be as long as JL_MAX_LINE (256 MiB), its newline
# not counted.  A line of exactly 256 MiB followed by its newline was
# refused as "line longer than 256 MiB": the reader gave up when its
# buffer held 256 MiB without a newline, before reading the byte that
# was the newline.  Through gov-catalog validate (jl_next); a second,
# short line checks that the line numbers still line up.  Each file is
# 256 MiB, made and read in a few seconds.
. "$(dirname "$0")/lib.sh"

MAX=268435456
# line(n): '{"a":"xxx..."}' of n bytes, its newline, then '{"a":1'
line() {
	printf '{"a":"'
	head -c $(($1 - 8)) /dev/zero | tr '\0' x
	printf '"}\n{"a":1\n'
}

line $MAX >max.jsonl
is "the file is 256 MiB, a newline and a short line" "$(wc -c <max.jsonl | tr -d ' ')" $((MAX + 8))
run gov-catalog validate max.jsonl
is "a line of exactly 256 MiB: read as an entry, exit 1" "$RC:$ERR" "1:"
is "... its findings are the entry's own, line 2 is row 2" \
	"$(printf '%s\n' "$OUT" | grep -v '"check":"required"')" \
'{"type":"finding","file":"max.jsonl","row":2,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"invalid JSON at column 6","code":null}
{"type":"summary","file":"max.jsonl","entries":1,"findings":14,"errors":14,"warnings":0,"by_check":{"required":13,"encoding":1},"valid":false}'
rm -f max.jsonl

line $((MAX + 1)) >over.jsonl
run gov-catalog validate over.jsonl
is "a line of 256 MiB and one byte: refused as longer than 256 MiB, exit 1" "$RC:$ERR" "1:"
is "... row 1 named, line 2 still read as row 2" "$OUT" \
'{"type":"finding","file":"over.jsonl","row":1,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"line longer than 256 MiB","code":null}
{"type":"finding","file":"over.jsonl","row":2,"column":null,"field":null,"check":"encoding","dimension":"accessibility","severity":"error","value":null,"message":"invalid JSON at column 6","code":null}
{"type":"summary","file":"over.jsonl","entries":0,"findings":2,"errors":2,"warnings":0,"by_check":{"encoding":2},"valid":false}'
rm -f over.jsonl

# The last line, without a newline, of exactly 256 MiB
{ printf '{"a":"'; head -c $((MAX - 8)) /dev/zero | tr '\0' x; printf '"}'; } >last.jsonl
run gov-catalog validate last.jsonl
is "a last line of 256 MiB without a newline: read as an entry" \
	"$RC:$(printf '%s\n' "$OUT" | tail -1)" \
	'1:{"type":"summary","file":"last.jsonl","entries":1,"findings":13,"errors":13,"warnings":0,"by_check":{"required":13},"valid":false}'
rm -f last.jsonl

done_testing
