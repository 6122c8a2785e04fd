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

# regression: with standard output closed, the temporary file of -o took
# its number (1), was closed as "standard output" at the end, and a run
# that had written its file whole failed: exit 2, "Bad file descriptor"
for tool in gov-records gov-check gov-profile "gov-bid score"; do
	input=clean.csv
	[ "$tool" = "gov-bid score" ] && input=$T_TOP/samples/bids/market.jsonl
	rm -f o.out
	$tool -o o.out "$input" >&- 2>closed.err
	rc=$?
	ok "$tool -o FILE >&-: not exit 2 (exit $rc)" test "$rc" -lt 2
	is "$tool -o FILE >&-: quiet" "$(cat closed.err)" ""
	ok "$tool -o FILE >&-: the file written" test -s o.out
done
gov-records - <&- >in.out 2>in.err
is "gov-records <&-: exit 2" "$?" 2
is "gov-records <&-: told" "$(cat in.err)" "gov-records: unable to read '(stdin)': Bad file descriptor"

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

# A made-up key never takes a name in use: not a later header's, not
# another made-up one, not an extra cell's.
printf 'a,a,a_2\n1,2,3\n' >dup.csv
run gov-records dup.csv
is "repeated header vs a later header of that name: no value lost" "$OUT" \
	'{"a":"1","a_2_2":"2","a_2":"3"}'
is "repeated header: exit 0, silent" "$RC:$ERR" "0:"
printf 'a,column_3\n1,2,3\n' >extra.csv
run gov-records extra.csv
is "extra cell vs a header named column_N: no value lost" "$OUT" \
	'{"a":"1","column_3":"2","column_3_2":"3"}'
is "extra cell: reported, exit 1" "$RC:$ERR" \
	"1:gov-records: extra.csv:2: 3 cells, header has 2; extra cells kept as column_N"
printf ',column_1,a,a,a_2_3,a_2\n1,2,3,4,5,6\n' >mixed.csv
run gov-records mixed.csv
is "blank and repeated headers, made-up names unique" "$OUT" \
	'{"column_1_2":"1","column_1":"2","a":"3","a_4":"4","a_2_3":"5","a_2":"6"}'
printf 'x,x,x_2,x_2_2\n1,2,3,4\n' >chain.csv
run gov-records chain.csv
is "a made-up name in use gets the next free suffix" "$OUT" \
	'{"x":"1","x_2_3":"2","x_2":"3","x_2_2":"4"}'
printf '{"fields":[{"name":"id","type":"integer"},{"name":"a","type":"integer"}]}' >typedup.json
printf 'id,a,a\n1,2,3\n' >typedup2.csv
run gov-records -s typedup.json typedup2.csv
is "repeated header with a schema: first typed, repeat kept as text" "$OUT" \
	'{"id":1,"a":2,"a_3":"3"}'
run gov-records --format text dup.csv
is "text form: every key once" "$OUT" "dup.csv:2
  a      1
  a_2_2  2
  a_2    3"

# Personal data is masked in typed fields too: a number cannot hold the
# mask, so a masked value of an integer or number field is a string.
printf 'id,phone,n\n110101199003077778,13812345678,12\n' >p.csv
printf '{"fields":[{"name":"id","type":"integer"},{"name":"phone","type":"integer"},{"name":"n","type":"integer"}]}' >pi.json
printf '{"fields":[{"name":"id","type":"number"},{"name":"phone","type":"number"},{"name":"n","type":"number"}]}' >pn.json
run gov-records -s pi.json p.csv
is "integer fields: personal data masked, as strings" "$OUT" \
	'{"id":"110101********7778","phone":"138****5678","n":12}'
is "integer fields: exit 0, silent" "$RC:$ERR" "0:"
run gov-records -s pn.json p.csv
is "number fields: personal data masked, as strings" "$OUT" \
	'{"id":"110101********7778","phone":"138****5678","n":12}'
run gov-records --format text -s pi.json p.csv
is "text form: masked too" "$OUT" "p.csv:2
  id     110101********7778
  phone  138****5678
  n      12"
run gov-records --no-mask -s pi.json p.csv
is "--no-mask, integer fields: the numbers" "$OUT" \
	'{"id":110101199003077778,"phone":13812345678,"n":12}'
run gov-records --no-mask -s pn.json p.csv
is "--no-mask, number field: an 18-digit integer keeps its digits" "$OUT" \
	'{"id":110101199003077778,"phone":13812345678,"n":12}'
printf 'id,phone,n\n-00110101199003077778,9007199254740993,2.50\n12345678901234567890123,+123456789012345,1e3\n' >long.csv
run gov-records --no-mask -s pn.json long.csv
is "--no-mask, number fields: long integers exact, others as doubles" "$OUT" \
	'{"id":-110101199003077778,"phone":9007199254740993,"n":2.5}
{"id":12345678901234567890123,"phone":123456789012345,"n":1000}'
run gov-records --no-mask --format text -s pi.json p.csv
is "--no-mask, text form: the integer's digits" "$OUT" "p.csv:2
  id     110101199003077778
  phone  13812345678
  n      12"
run gov-records --format text --provenance -s pn.json --no-mask long.csv
is "text form with provenance: numbers as in the JSON" "$(printf '%s\n' "$OUT" | head -6)" "long.csv:2
  _file  long.csv
  _row   2
  id     -110101199003077778
  phone  9007199254740993
  n      2.5"

# Values in messages are masked as in the records (unless --no-mask).
printf 'id,phone,n\n11010119900307777X,13812345678,12\n' >q.csv
run gov-records -s pi.json q.csv
is "bad value with personal data: masked in the record" "$OUT" \
	'{"id":"110101********777X","phone":"138****5678","n":12}'
is "bad value with personal data: masked in the message" "$RC:$ERR" \
	"1:gov-records: q.csv:2: value '110101********777X' of 'id' is not of its type, kept as text"
run gov-records --no-mask -s pi.json q.csv
is "--no-mask: the message shows the value" "$RC:$ERR" \
	"1:gov-records: q.csv:2: value '11010119900307777X' of 'id' is not of its type, kept as text"
printf 'when\ncall 13812345678\n' >d.csv
printf '{"fields":[{"name":"when","type":"date"}]}' >d.json
run gov-records -s d.json d.csv
is "a phone inside a bad date: masked in record and message" "$OUT:$ERR" \
	"{\"when\":\"call 138****5678\"}:gov-records: d.csv:2: value 'call 138****5678' of 'when' is not of its type, kept as text"

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

# A file without a header row gives its first row as keys: an ID or a
# phone number there is masked like a value, and two IDs that mask alike
# stay two keys.
printf '110101199003071234,13812345678,name\n110101199505051234,13900001111,x\n' >nohdr.csv
run gov-records nohdr.csv
is "ID and phone as keys: masked" "$RC:$OUT" \
	'0:{"110101********1234":"110101********1234","138****5678":"139****1111","name":"x"}'
run gov-records --no-mask nohdr.csv
is "ID and phone as keys: --no-mask" "$RC:$OUT" \
	'0:{"110101199003071234":"110101199505051234","13812345678":"13900001111","name":"x"}'
printf '110101199003071234,110101199505051234\n1,2\n' >twoids.csv
run gov-records twoids.csv
is "two IDs masked alike: two keys" "$RC:$OUT" \
	'0:{"110101********1234":"1","110101********1234_2":"2"}'

done_testing
