#!/bin/sh
# JSON Lines input: a number with a leading zero (007, -01, 00.5) is no
# JSON (RFC 8259) and gov-xlsx refuses it, but jl_next took it as 7 (cJSON
# does): a code of 007 became the number 7 without a word.  Now a bad line
# like any other invalid JSON, named by file, line and column.  Through
# the tools that read records with jl_next (gov-profile, gov-catalog add),
# and gov-check and gov-bid, which parse their lines themselves: gov-check
# gave no finding and a valid file, gov-bid's fallback parser took what
# its fast parser refused.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"id":1,"n":0}' '{"id":2,"n":007}' >p.jsonl
run gov-profile p.jsonl
is "profile: 007 refused, exit 2" "$RC:$OUT" "2:"
is "profile: message names file, line and column" "$ERR" \
	'gov-profile: p.jsonl:2: invalid JSON: number with a leading zero at column 13'

printf '%s\n' '{"a":-01}' >neg.jsonl
run gov-profile neg.jsonl
is "profile: -01 refused" "$RC:$ERR" \
	'2:gov-profile: neg.jsonl:1: invalid JSON: number with a leading zero at column 6'
printf '%s\n' '{"a":[1,00.5]}' >arr.jsonl
run gov-profile arr.jsonl
is "profile: 00.5 in an array refused" "$RC:$ERR" \
	'2:gov-profile: arr.jsonl:1: invalid JSON: number with a leading zero at column 9'

# What is JSON still reads: 0, -0, 0.5, an exponent 1e07, digits in a
# string or a key, an escaped quote before them.
printf '%s\n' '{"a":0,"b":-0,"c":0.5,"d":1e07,"e":"007","0\"01":"x\\","f":-0.01}' >ok.jsonl
run gov-profile --format ndjson ok.jsonl
is "profile: valid numbers, exit 0, nothing said" "$RC:$ERR" "0:"
like "profile: 1e07 is 10000000" "$OUT" '"name":"d","type":"integer","format":null,"nulls":0,"distinct":1,"distinct_exact":true,"min":10000000,'
like "profile: \"007\" is a string" "$OUT" '"name":"e","type":"string","format":null,"nulls":0,"distinct":1,"distinct_exact":true,"min":"007",'

printf '%s\n' '{"type":"entry","code":"A1","name":"a","provider":"p","n":01}' \
	'{"type":"entry","code":"B1","name":"b","provider":"p"}' >e.jsonl
run gov-catalog add e.jsonl
is "catalog add: the bad line, exit 1" "$RC" 1
like "catalog add: named" "$ERR" \
	'^gov-catalog: e\.jsonl:1: invalid JSON: number with a leading zero at column 59$'
unlike "catalog add: no entry of the bad line" "$(gov-catalog list)" '"code":"A1"'
like "catalog add: the good line added" "$(gov-catalog list)" '"code":"B1"'

printf '%s\n' '{"id":1,"n":0}' '{"id":2,"n":007}' '{"id":3,"n":10}' >c.jsonl
run gov-check --format ndjson c.jsonl
is "check: exit 1" "$RC" 1
like "check: the line is an encoding finding that says why" "$OUT" \
	'^\{"type":"finding","file":"c\.jsonl","row":2,"column":null,"field":null,"check":"encoding",.*"message":"the line holds a number with a leading zero at column 13"\}'
like "check: one finding" "$OUT" '"findings":1,'

printf '%s\n' '{"type":"tender","tender":"T1","bids":[{"bidder":"A","price":007}]}' \
	'{"type":"tender","tender":"T2","bids":[{"bidder":"B","price":1}]}' >bid.jsonl
run gov-bid score --format ndjson bid.jsonl
is "bid: exit 1" "$RC" 1
is "bid: the line named" "$ERR" \
	'gov-bid: bid.jsonl:1: invalid JSON: number with a leading zero at column 62'
is "bid: the other tender scored" "$OUT" \
	'{"type":"tender-risk","tender":"T2","score":0,"level":"low","category":null,"bids":1,"valid_bids":1,"signals":[]}'
done_testing
