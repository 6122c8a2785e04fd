#!/bin/sh
# A JSON Lines line may be as long as JL_MAX_LINE (256 MiB), its newline
# not counted.  A line of exactly 256 MiB followed by its newline was
# refused as "line longer than 256 MiB": the reader gave up when its
# buffer held 256 MiB without a newline, before reading the byte that
# was the newline.  Through gov-catalog validate (jl_next); a second,
# short line checks that the line numbers still line up.  Each file is
# 256 MiB, made and read in a few seconds.  gov-check's own reader, 64
# MiB, had the same fault.
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
# gov-bid's reader thread takes its lines in blocks (jl_next_block): the
# same message, and the tenders after the long line read
head -n 2 "$T_TOP/samples/bids/market.jsonl" >>over.jsonl
run gov-bid score --format ndjson over.jsonl
is "gov-bid: the long line named, line 2 too, the two tenders after them scored" \
	"$RC:$ERR:$(printf '%s\n' "$OUT" | grep -c '"type":"tender-risk"')" \
	"1:gov-bid: over.jsonl:1: line longer than 256 MiB
gov-bid: over.jsonl:2: invalid JSON at column 6:2"
rm -f over.jsonl

# The last line, without a newline, of exactly 256 MiB
{ printf '{"a":"'; head -c $((MAX - 8)) /dev/zero | tr '\0' x; printf '"}'; } >last.jsonl
run gov-catalog validate last.jsonl
is "a last line of 256 MiB without a newline: read as an entry" \
	"$RC:$(printf '%s\n' "$OUT" | tail -1)" \
	'1:{"type":"summary","file":"last.jsonl","entries":1,"findings":13,"errors":13,"warnings":0,"by_check":{"required":13},"valid":false}'
rm -f last.jsonl

# gov-check reads JSON Lines with its own reader, lines up to 64 MiB: a
# line of exactly 64 MiB and its newline was refused the same way.
M64=67108864
{ printf '{"a":"'; head -c $((M64 - 8)) /dev/zero | tr '\0' x; printf '"}\n{"a":"y"}\n'; } >c64.jsonl
run gov-check c64.jsonl
is "gov-check, a line of exactly 64 MiB: read, exit 0" \
	"$RC:$ERR:$(printf '%s\n' "$OUT" | grep -o '"rows":[0-9]*,"fields":[0-9]*')" \
	'0::"rows":2,"fields":1'
rm -f c64.jsonl
{ printf '{"a":"'; head -c $((M64 - 7)) /dev/zero | tr '\0' x; printf '"}\n{"a":"y"}\n'; } >c64o.jsonl
run gov-check c64o.jsonl
is "gov-check, a line of 64 MiB and one byte: refused, exit 2, the line named" \
	"$RC:$OUT:$ERR" "2::gov-check: c64o.jsonl:1: line longer than 67108864 bytes"
rm -f c64o.jsonl

done_testing
