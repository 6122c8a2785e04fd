#!/bin/sh
# gov-check and gov-profile read standard input (and a .txt file) as CSV
# unless --jsonl: JSON Lines piped in without it were cut at their
# commas, gov-profile printing a profile of fields named '{"a":1' (exit
# 0) and gov-check findings about them.  Now a first line that is a JSON
# object is refused, exit 2, saying to give --jsonl, as gov-records
# refuses it (t1553); with --jsonl the same input is read.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"a":1,"b":"x"}' '{"a":2,"b":"y"}' >j.txt

run_in j.txt gov-profile --format ndjson
is "gov-profile, standard input: refused" "$RC|$OUT|$ERR" \
	"2||gov-profile: (stdin):1: a JSON object, not a CSV header: give --jsonl for JSON Lines"
run gov-profile --format ndjson -o p.json j.txt
is "gov-profile, a .txt file: refused, nothing written" "$RC|$ERR|$(test -e p.json && echo written)" \
	"2|gov-profile: j.txt:1: a JSON object, not a CSV header: give --jsonl for JSON Lines|"
run_in j.txt gov-check --format ndjson
is "gov-check, standard input: refused" "$RC|$OUT|$ERR" \
	"2||gov-check: -:1: a JSON object, not a CSV header: give --jsonl for JSON Lines"

run_in j.txt gov-profile --jsonl --format ndjson
like "gov-profile --jsonl: read" "$RC|$OUT" '^0\|\{"type":"profile".*"fields":\[\{"name":"a","type":"integer"'
run_in j.txt gov-check --jsonl --format ndjson
like "gov-check --jsonl: read" "$RC|$OUT" '^0\|\{"type":"summary","file":"-","sha256":"[0-9a-f]*","rows":2,"fields":2,'

printf '%s\n' '{name},{phone}' 'x,y' >braces.csv
run gov-profile --format ndjson braces.csv
like "a header with braces is still a header" "$RC|$OUT" '^0\|.*"fields":\[\{"name":"\{name\}"'

done_testing
