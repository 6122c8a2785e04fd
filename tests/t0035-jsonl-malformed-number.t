#!/bin/sh
# JSON Lines input: a number token that is not one JSON number whole
# (RFC 8259: 1., -.5, 1.e5, 2.E3) was read by cJSON as 1, -0.5, 100000
# and 2000, without a word: gov-check found {"a":1.} a duplicate of
# {"a":1} and gov-bid scored a bid priced "1.".  gov-xlsx already refused
# such lines.  Now they are invalid JSON like a leading zero (t0032),
# named by file, line and column, through the tools that read records
# with jl_next (gov-profile, gov-catalog add), gov-check and gov-bid.
. "$(dirname "$0")/lib.sh"

n=0
for vc in '1.:6' '-.5:6' '1.e5:6' '2.E3:6' '-1.:6' '[1,2.]:9'; do
	n=$((n + 1))
	v=${vc%:*}
	printf '{"a":%s}\n' "$v" >p$n.jsonl
	run gov-profile p$n.jsonl
	is "profile: $v refused, exit 2, named" "$RC:$OUT:$ERR" \
		"2::gov-profile: p$n.jsonl:1: invalid JSON: malformed number at column ${vc##*:}"
done

# What is JSON still reads, and a string holding such text is text.
printf '%s\n' '{"a":1.0,"b":-0.5,"c":1e5,"d":1E+5,"e":"1.","f":-1,"g":[0,0.25]}' >ok.jsonl
run gov-profile --format ndjson ok.jsonl
is "profile: valid numbers, exit 0, nothing said" "$RC:$ERR" "0:"
like "profile: \"1.\" is a string" "$OUT" '"name":"e","type":"string",'

printf '%s\n' '{"type":"entry","code":"A1","name":"a","provider":"p","n":-.5}' \
	'{"type":"entry","code":"B1","name":"b","provider":"p"}' >e.jsonl
run gov-catalog add e.jsonl
is "catalog add: the bad line, exit 1, named" "$RC:$ERR" \
	'1:gov-catalog: e.jsonl:1: invalid JSON: malformed number at column 59'
like "catalog add: the good line added" "$(gov-catalog list)" '"code":"B1"'
unlike "catalog add: no entry of the bad line" "$(gov-catalog list)" '"code":"A1"'

printf '%s\n' '{"a":1}' '{"a":1.}' '{"a":2}' >c.jsonl
run gov-check --format ndjson c.jsonl
is "check: exit 1" "$RC" 1
like "check: the line is an encoding finding that says why" "$OUT" \
	'^\{"type":"finding","file":"c\.jsonl","row":2,"column":null,"field":null,"check":"encoding",.*"message":"the line holds a malformed number at column 6"\}'
unlike "check: not a duplicate of row 1" "$OUT" 'duplicate-row'
like "check: one finding" "$OUT" '"findings":1,'

printf '%s\n' '{"type":"tender","tender":"T1","bids":[{"bidder":"A","price":1.}]}' \
	'{"type":"tender","tender":"T2","bids":[{"bidder":"B","price":1}]}' >bid.jsonl
run gov-bid score --format ndjson bid.jsonl
is "bid: exit 1, the line named" "$RC:$ERR" \
	'1:gov-bid: bid.jsonl:1: invalid JSON: malformed number at column 62'
is "bid: the other tender scored" "$OUT" \
	'{"type":"tender-risk","tender":"T2","score":0,"level":"low","category":null,"bids":1,"valid_bids":1,"signals":[]}'
done_testing
