#!/bin/sh
# JSON Lines input with lines ended CR CR LF (a file converted to CRLF
# twice): the CR left after the object is JSON white space.  jl_next
# refused every line ("invalid JSON at column N", exit 2), while gov-check
# and gov-xlsx took the same file (found by fuzz_xlsxw, which checks that
# gov-xlsx takes no line jl_next refuses).  Through the tools that read
# records with jl_next: gov-profile, gov-catalog add.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

printf '{"a":1,"b":"x"}\r\r\n{"a":2,"b":"y"}\r \r\n' >crcr.jsonl
printf '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n' >lf.jsonl
run gov-profile crcr.jsonl
is "profile: exit 0" "$RC" 0
is "profile: nothing said" "$ERR" ""
is "profile: as the same file with LF" "$(printf '%s\n' "$OUT" | sed 's/crcr\.jsonl/lf.jsonl/')" "$(gov-profile lf.jsonl)"

sed 's/$/\r\r/' "$S/entries.jsonl" >entries.jsonl
run gov-catalog add entries.jsonl
is "catalog add: exit 0" "$RC" 0
is "catalog add: nothing said" "$ERR" ""
is "catalog add: every entry" "$(gov-catalog list --format ndjson | wc -l | tr -d ' ')" \
	"$(grep -c . "$S/entries.jsonl")"

# Anything else after the object is still refused
printf '{"a":1}\rx\n' >bad.jsonl
run gov-profile bad.jsonl
is "not white space after the object: exit 2" "$RC" 2
is "not white space after the object: named" "$ERR" "gov-profile: bad.jsonl:1: invalid JSON at column 9"

done_testing
