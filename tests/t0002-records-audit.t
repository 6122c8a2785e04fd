#!/bin/sh
# gov-records: masking of typed values and of messages, unique keys, wide
# headers, empty input, and one message for a write error on stdout.
. "$(dirname "$0")/lib.sh"

printf 'a,b\n1,2\n' >clean.csv

# A write error on standard output is told once (out_commit hands it to
# the tool, gk_stdout_close must not repeat it); the exit status is 2.
# The same for the other tools that commit to standard output.
for tool in gov-records gov-check gov-profile; do
	"$tool" clean.csv >/dev/full 2>full.err
	is "$tool >/dev/full: exit 2" "$?" 2
	is "$tool >/dev/full: one message" "$(cat full.err)" \
		"$tool: write error on standard output: No space left on device"
	t_check_sanitizer_file "$tool >/dev/full" full.err
	"$tool" clean.csv >&- 2>closed.err
	is "$tool >&-: exit 2" "$?" 2
	is "$tool >&-: one message" "$(cat closed.err)" \
		"$tool: write error on standard output: Bad file descriptor"
	t_check_sanitizer_file "$tool >&-" closed.err
done

# An empty file (not even a header) is an error, as in gov-check and
# gov-profile; a header with no rows is not.
: >empty.csv
run gov-records empty.csv
is "empty file: exit 2, nothing out" "$RC:$OUT" "2:"
is "empty file: worded as gov-check" "$ERR" "gov-records: empty.csv: file is empty"
run gov-check empty.csv
is "empty file: gov-check says the same" "$RC:$ERR" "2:gov-check: empty.csv: file is empty"
run_in empty.csv gov-records
is "empty standard input: exit 2" "$RC:$ERR" "2:gov-records: (stdin): file is empty"
run gov-records clean.csv empty.csv clean.csv
is "empty file among others: the others converted" "$OUT" '{"a":"1","b":"2"}
{"a":"1","b":"2"}'
is "empty file among others: exit 2, said once" "$RC:$ERR" "2:gov-records: empty.csv: file is empty"
run gov-records -o out.jsonl empty.csv
is "empty file with -o: exit 2" "$RC" 2
ok "empty file with -o: no file left" test ! -e out.jsonl
printf 'a,b\n' >header.csv
run gov-records header.csv
is "header only: no records, exit 0, silent" "$RC:$OUT:$ERR" "0::"

# A wide header is checked for repeated names in linear time: 80000
# columns took 36 s (quadratic search) and take well under a second now;
# the limit is generous for a slow or sanitized build.
WIDE_COLUMNS=80000
WIDE_SECONDS=30
awk -v n="$WIDE_COLUMNS" 'BEGIN {
	for (i = 0; i < n; i++) printf "%sc%d", (i ? "," : ""), i; print ""
	for (i = 0; i < n; i++) printf "%s%d", (i ? "," : ""), i; print ""
}' >wide.csv
timeout "$WIDE_SECONDS" gov-records wide.csv >wide.out 2>wide.err
is "wide header: done in ${WIDE_SECONDS}s, exit 0" "$?" 0
is "wide header: nothing on stderr" "$(cat wide.err)" ""
is "wide header: one record, first and last keys" \
	"$(wc -l <wide.out | tr -d ' '):$(head -c 19 wide.out):$(tail -c 18 wide.out)" \
	'1:{"c0":"0","c1":"1",:"c79999":"79999"}'
is "wide header: every key once" \
	"$(tr ',' '\n' <wide.out | grep -c '^{\{0,1\}"c[0-9]*":')" "$WIDE_COLUMNS"

done_testing
