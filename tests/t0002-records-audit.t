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

done_testing
