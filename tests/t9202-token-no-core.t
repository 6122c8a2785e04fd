#!/bin/sh
# A process that holds the API token writes no core file: under
# `ulimit -c unlimited`, a crash (here SIGABRT, whose default is to dump
# core) of a tool with the token in its environment or read from the config
# file left a file named core with the token in clear in the job's folder.
# Now the process is made not dumpable as soon as it holds a token.  A run
# without a token still dumps core (the system's choice, not ours), which
# also tells that this system writes core files where the test looks.
. "$(dirname "$0")/lib.sh"

TOKEN=t0k-9202-secret-not-for-cores
printf '{"type":"finding","id":"x"}\n' >rec.jsonl

# quit DIR TOOL ARGS...: TOOL, run in DIR with no core size limit and
# reading a FIFO, is sent SIGABRT once it waits for its input; prints what
# DIR holds then ("core" for a core file of any name).
quit() {
	dir=$1
	shift
	mkdir "$dir" && mkfifo "$dir/in"
	(cd "$dir" && ulimit -c unlimited && exec "$@" <in >/dev/null 2>err) &
	pid=$!
	exec 3>"$dir/in"
	printf '{"type":"finding","id":"a"}\n' >&3
	i=0
	while [ "$i" -lt 200 ]; do
		case $(cat /proc/"$pid"/wchan 2>/dev/null) in
		*pipe_read | pipe_wait) break ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	kill -ABRT "$pid"
	wait "$pid" 2>/dev/null
	exec 3>&-
	if ls "$dir" | grep -q '^core'; then echo core; else echo none; fi
	rm -f "$dir"/core*
}

if ! (ulimit -c unlimited) 2>/dev/null ||
	[ "$(quit base gov-records --format ndjson -)" != core ]; then
	skip_all "no core file is written here (core_pattern, ulimit, a sanitizer build)"
fi
pass "without a token a tool still dumps core (the system's choice)"

is "gov-submit with GOVKIT_TOKEN: no core file" \
	"$(GOVKIT_API=http://127.0.0.1:9 GOVKIT_TOKEN=$TOKEN quit env gov-submit --endpoint e -)" none

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'api = http://127.0.0.1:9\ntoken = %s\n' "$TOKEN" >"$XDG_CONFIG_HOME/govkit/config"
chmod 600 "$XDG_CONFIG_HOME/govkit/config"
is "gov-submit with a token in the config file: no core file" \
	"$(quit file gov-submit --endpoint e -)" none
rm "$XDG_CONFIG_HOME/govkit/config"

is "any tool with GOVKIT_TOKEN in its environment: no core file" \
	"$(GOVKIT_TOKEN=$TOKEN quit records gov-records --format ndjson -)" none

done_testing
