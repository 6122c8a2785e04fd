#!/bin/sh
# A run of a tool with -o FILE killed with SIGKILL (the OOM killer,
# `timeout -s KILL` in a cron job) while it writes leaves nothing in FILE's
# folder.  Before, the output was written to a hidden .FILE.XXXXXX beside
# it, removed on SIGINT/SIGTERM/SIGHUP but left behind by SIGKILL, which
# no handler sees; now it has no name at all until its commit (O_TMPFILE).
. "$(dirname "$0")/lib.sh"

mkdir out
mkfifo in

# killed PRODUCER TOOL ARGS...: TOOL reads the FIFO in, fed a header and
# rows by a producer that then stalls; TOOL is killed with SIGKILL once it
# writes its output.
killed() {
	"$@" <in >/dev/null 2>kill.err &
	pid=$!
	exec 3>in
	printf 'a,b\n' >&3
	n=1
	while [ "$n" -le 2000 ]; do
		printf '%d,x%d\n' "$n" "$n" >&3
		n=$((n + 1))
	done
	open_in "$pid" "$SCRATCH/out" >/dev/null
	seen=$?
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	exec 3>&-
	return "$seen"
}

killed gov-records -o out/res.jsonl -
is "gov-records: its output was open when killed" "$?" 0
is "gov-records killed with SIGKILL: nothing left in the folder" \
	"$(ls -A out)" ""

killed gov-check --format ndjson -o out/check.jsonl -
is "gov-check: its output was open when killed" "$?" 0
is "gov-check killed with SIGKILL: nothing left in the folder" \
	"$(ls -A out)" ""

# A run that finishes still gets its file, in the mode of any new file, and
# nothing else; an existing file is replaced.
printf 'a,b\n1,2\n' >ok.csv
umask 022
gov-records -o out/res.jsonl ok.csv
is "a finished run: exit 0" "$?" 0
is "a finished run: the file and nothing else" "$(ls -A out)" res.jsonl
is "a finished run: its records" "$(cat out/res.jsonl)" '{"a":"1","b":"2"}'
is "a finished run: mode 0666 less the umask" "$(stat -c %a out/res.jsonl)" 644
printf 'a,b\n3,4\n' >ok2.csv
umask 077
gov-records -o out/res.jsonl ok2.csv
is "a second run replaces it" "$(cat out/res.jsonl)" '{"a":"3","b":"4"}'
is "... in the mode of a new file" "$(stat -c %a out/res.jsonl)" 600
is "... and leaves nothing else" "$(ls -A out)" res.jsonl
umask 022

# A bare name: the output in the current folder.
(cd out && gov-records -o bare.jsonl ../ok.csv)
is "-o a bare name: written in the current folder" "$(cat out/bare.jsonl)" \
	'{"a":"1","b":"2"}'

done_testing
