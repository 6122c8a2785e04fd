#!/bin/sh
# gov-profile --schema FILE | gov-check -s - FILE: the schema from standard
# input, as '-' means standard input for every input of the suite.  gov-check
# (and gov-records) said "unable to open '-'" and exit 2; /dev/stdin worked.
# A schema from standard input is named "(stdin)" in messages; standard
# input cannot also give the data (no data file, or one named '-'): a usage
# error, exit 2, before anything is read.
. "$(dirname "$0")/lib.sh"

printf 'id,name,score\n1,张三,90\n2,李四,85\n3,王五,75\n' >p.csv
printf 'id,name,score\n1,张三,90\n2,李四,x\n3,王五,75\n' >d.csv
gov-profile --schema p.csv >s.json 2>/dev/null
run gov-check -s s.json --format ndjson d.csv
want_out=$OUT want_rc=$RC
is "the schema from a file: exit 1, one finding" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "1:1"

run_pipe() { # the chain, its status and output into RC, OUT, ERR
	OUT=$(gov-profile --schema p.csv 2>/dev/null |
		gov-check -s "$1" --format ndjson d.csv 2>"$SCRATCH/.err"; echo "rc=$?")
	RC=${OUT##*rc=}
	OUT=${OUT%rc=*}
	OUT=${OUT%?}
	ERR=$(cat "$SCRATCH/.err")
}
run_pipe -
is "gov-profile --schema | gov-check -s -: the same findings" "$RC:$ERR:$OUT" \
	"$want_rc::$want_out"
run_pipe /dev/stdin
is "... as with -s /dev/stdin" "$RC:$ERR:$OUT" "$want_rc::$want_out"

run_in s.json gov-records -s - d.csv
is "gov-records -s -: values typed" "$RC:$ERR:$(printf '%s\n' "$OUT" | head -1)" \
	'1:gov-records: d.csv:3: value '"'"'x'"'"' of '"'"'score'"'"' is not of its type, kept as text:{"id":1,"name":"张三","score":90}'

printf '{"fields": [{"name": "id", "type": "int"}]}\n' >bad.json
run_in bad.json gov-check -s - d.csv
is "a bad schema on standard input is named (stdin)" "$RC:$OUT:$ERR" \
	"2::gov-check: (stdin): fields[0].type: unknown type 'int' (expected one of string, integer, number, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array, any)"
run_in /dev/null gov-check -s - d.csv
is "an empty standard input: not valid JSON" "$RC:$ERR" \
	"2:gov-check: (stdin):1:1: not valid JSON (the schema)"

for args in "-s -" "-s - -" "-s - d.csv -"; do
	# shellcheck disable=SC2086
	run_in s.json gov-check $args
	is "gov-check $args: standard input both schema and data: usage error" \
		"$RC:$OUT:$ERR" "2::gov-check: -s -: standard input cannot give both the schema and the data; name the data file
try 'gov-check --help'"
done
run_in s.json gov-records -s -
is "gov-records -s - alone: the same usage error" "$RC:$OUT:$ERR" \
	"2::gov-records: -s -: standard input cannot give both the schema and the data; name the data file
try 'gov-records --help'"
done_testing
