#!/bin/sh
# A process that holds the API token may not dump core: under
# `ulimit -c unlimited` a crash of a tool with the token in its
# environment, or read from the config file, wrote a core file with the
# token in clear into the job's folder.  Now the process is made not
# dumpable (PR_SET_DUMPABLE 0, core size limit 0) as soon as it holds a
# token.  Seen from outside, without needing the system to write cores
# (core_pattern, a sanitizer build): the files of /proc/PID of a process
# that may not dump are root's, whoever runs it (proc(5)); so each tool
# runs as nobody, and its /proc/PID/status is read while it waits on a
# FIFO for its input.
. "$(dirname "$0")/lib.sh"

TOKEN=t0k-9202-secret-not-for-cores
NOBODY=65534
# nobody's own folder, reachable through this one (not listable): the
# tools, a database, a config file and the TMPDIR gov-submit spools its
# input in there, so no path outside matters (the caller's TMPDIR may be
# one nobody cannot write, as a '/tmp/tmp dir' made by root)
chmod 711 "$SCRATCH"
NB=$SCRATCH/nb
mkdir "$NB" "$NB/cfg" "$NB/cfg/govkit" "$NB/tmp"
for t in gov-records gov-submit; do
	cp "$(command -v "$t")" "$NB/$t"
done
chown -R "$NOBODY:$NOBODY" "$NB"

# waiting TOOL ARGS...: run $NB/TOOL as nobody on a FIFO; once it waits
# for its input print the owner of its /proc/PID/status and its soft
# core size limit, then end it.
waiting() {
	rm -f "$NB/in"
	mkfifo -m 600 "$NB/in"
	TMPDIR=$NB/tmp setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups \
		sh -c 'ulimit -S -c unlimited 2>/dev/null; exec "$@"' sh "$NB/$@" \
		<"$NB/in" >/dev/null 2>"$NB/err" &
	pid=$!
	exec 3>"$NB/in"
	i=0
	while [ "$i" -lt 200 ]; do
		case $(cat /proc/"$pid"/wchan 2>/dev/null) in
		*pipe_read | pipe_wait) break ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	printf '%s %s\n' "$(stat -c %U /proc/"$pid"/status 2>/dev/null)" \
		"$(awk '/core file size/ {print $5}' /proc/"$pid"/limits 2>/dev/null)"
	kill "$pid" 2>/dev/null
	exec 3>&-
	wait "$pid" 2>/dev/null
}

is "without a token: dumpable, as the system leaves it (nobody's /proc files)" \
	"$(waiting gov-records --format ndjson - | cut -d' ' -f1)" nobody
is "gov-records with GOVKIT_TOKEN in its environment: not dumpable, no core size" \
	"$(GOVKIT_TOKEN=$TOKEN waiting gov-records --format ndjson -)" "root 0"
is "gov-submit with GOVKIT_TOKEN: not dumpable, no core size" \
	"$(GOVKIT_DB=$NB/db GOVKIT_API=http://127.0.0.1:9 GOVKIT_TOKEN=$TOKEN waiting gov-submit --endpoint e -)" "root 0"

printf 'api = http://127.0.0.1:9\ntoken = %s\n' "$TOKEN" >"$NB/cfg/govkit/config"
chown "$NOBODY:$NOBODY" "$NB/cfg/govkit/config"
chmod 600 "$NB/cfg/govkit/config"
is "gov-submit with a token in the config file: not dumpable, no core size" \
	"$(GOVKIT_DB=$NB/db2 XDG_CONFIG_HOME=$NB/cfg waiting gov-submit --endpoint e -)" "root 0"
is "... and it did read that config (no complaint)" "$(cat "$NB/err")" ""

done_testing
