# tests/lib.sh: what every shell test shares.  Source it first:
#   . "$(dirname "$0")/lib.sh"
# Each test runs in its own scratch folder with its own HOME, config and
# database, and prints TAP for prove.
set -u

# The project's top folder: the nearest one above the test with a Makefile.
T_TOP=$(cd "$(dirname "$0")" && while [ ! -f Makefile ] && [ "$PWD" != / ]; do cd ..; done && pwd)
T_DIR=$T_TOP/tests
BIN=${GOVKIT_BIN:-$T_TOP/bin}
PATH=$BIN:$PATH
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/govkit-test.XXXXXX")
export HOME=$SCRATCH/home XDG_CONFIG_HOME=$SCRATCH/home/.config \
       XDG_DATA_HOME=$SCRATCH/home/.local/share GOVKIT_DB=$SCRATCH/govkit.db
unset GOVKIT_API GOVKIT_TOKEN GOVKIT_TOKEN_FILE
export LC_ALL=C.UTF-8 TZ=UTC
# The files a test makes get 0644 whatever the caller's umask: gov-license
# warns of a trust file its group may write (a test wanting another umask
# sets its own).
umask 022
mkdir -p "$HOME"
T_TODAY=2025-10-15
T_N=0
T_FAILED=0
T_CLEANUP=""
trap 't_cleanup' EXIT
cd "$SCRATCH" || exit 1

t_cleanup() {
	eval "$T_CLEANUP"
	cd /
	rm -rf "$SCRATCH"
}

# at_exit CMD: run CMD when the test ends, even on failure.
at_exit() { T_CLEANUP="$T_CLEANUP
$1"; }

# stop_pid VAR: the background process whose pid the variable VAR holds
# killed and reaped, and VAR emptied; nothing when VAR is empty.
stop_pid() {
	eval "_stop_pid=\${$1}"
	if [ -n "$_stop_pid" ]; then
		kill "$_stop_pid" 2>/dev/null
		wait "$_stop_pid" 2>/dev/null
		eval "$1="
	fi
	return 0
}

pass() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
fail() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# ok DESC CMD...: passes when CMD exits 0.
ok() { d=$1; shift; if "$@"; then pass "$d"; else fail "$d" "command: $*"; fi; }

# is DESC GOT WANT
is() {
	if [ "$2" = "$3" ]; then pass "$1"
	else fail "$1" "got:  $2" "want: $3"; fi
}

# like DESC GOT PATTERN (grep -E)
like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then pass "$1"
	else fail "$1" "got:  $2" "want match: $3"; fi
}

# unlike DESC GOT PATTERN
unlike() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then fail "$1" "got:  $2" "must not match: $3"
	else pass "$1"; fi
}

# run CMD...: runs CMD, sets $OUT (stdout), $ERR (stderr), $RC.
run() {
	"$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
}

# run_in FILE CMD...: like run, standard input from FILE.
run_in() {
	f=$1; shift
	"$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" <"$f"
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
}

# A sanitizer report on stderr is always a failure, whatever the test says.
t_check_sanitizer() { t_check_sanitizer_file "$1" "$SCRATCH/.err"; }
t_check_sanitizer_file() {
	if grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$2"; then
		fail "no sanitizer report: $1" "$(head -20 "$2")"
	fi
}

# same_file DESC GOT_FILE WANT_FILE: exact comparison, diff on failure.
same_file() {
	if cmp -s "$2" "$3"; then pass "$1"
	else fail "$1" "$(diff -u "$3" "$2" | head -40)"; fi
}

# expected NAME: path of tests/expected/NAME
expected() { echo "$T_DIR/expected/$1"; }

# open_in PID DIR [TENTHS]: prints where the first descriptor of PID open
# on a file under DIR leads (readlink), once there is one; waits up to
# TENTHS tenths of a second (default 100), else prints nothing and fails.
# The tests of killed runs wait with it for the file being written.
open_in() {
	i=0
	while [ "$i" -lt "${3:-100}" ]; do
		for fd in /proc/"$1"/fd/*; do
			l=$(readlink "$fd" 2>/dev/null) || continue
			case $l in
			"$2"/*)
				printf '%s\n' "$l"
				return 0
				;;
			esac
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# py: Debian's python3 (for openpyxl and friends).
py() { /usr/bin/python3 "$@"; }

# port_of FILE: the port a test's own server writes to FILE once it
# listens (FILE.tmp, then renamed), waited for up to 60 s: on a loaded
# machine Python's start alone can take seconds.
port_of() {
	_w=0
	while [ ! -s "$1" ] && [ "$_w" -lt 1200 ]; do
		_w=$((_w + 1))
		sleep 0.05
	done
	cat "$1"
}

# preload_build SRC: the C file SRC (tests/data) built as a library for
# LD_PRELOAD, its path in $PRELOAD; fails when it does not build.  The
# dynamic loader splits LD_PRELOAD on blanks and colons, so the library
# cannot live in the scratch folder when TMPDIR holds one: it goes in a
# folder of its own under /tmp whatever TMPDIR is, removed when the test
# ends.
preload_build() {
	if [ -z "${T_PRELOAD_DIR:-}" ]; then
		T_PRELOAD_DIR=$(mktemp -d /tmp/govkit-preload.XXXXXX) || return 1
		at_exit 'rm -rf "$T_PRELOAD_DIR"'
	fi
	PRELOAD=$T_PRELOAD_DIR/$(basename "$1" .c).so
	cc -shared -fPIC -o "$PRELOAD" "$1" -ldl
}

# shq WORD: WORD as the tools quote a path in a command they print for
# the officer to paste (buf_add_shell_word): bare when it holds only
# letters, digits and _./-+,:@%, else in single quotes, a quote as '\''.
# Tests build the expected command with it, so that a TMPDIR holding a
# blank does not fail them.
shq() {
	case $1 in
	'' | *[!A-Za-z0-9_./+,:@%-]*)
		printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
	*) printf '%s' "$1" ;;
	esac
}

# q SQL: its rows from the test's database ($GOVKIT_DB), by the sqlite3
# shell.
q() { sqlite3 "$GOVKIT_DB" "$1"; }

# finding_fields KEY...: for each finding record in $OUT, its KEYs on one
# line, separated by spaces; a KEY "|" is printed as it is.
finding_fields() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for line in sys.stdin:
    if not line.strip():
        continue
    r = json.loads(line)
    if r["type"] == "finding":
        print(*[k if k == "|" else r[k] for k in sys.argv[1:]])' "$@"
}

# finding_lines KEY...: the KEYs and "| message" (the checks' tests
# compare these).
finding_lines() { finding_fields "$@" "|" message; }

# skip_all REASON: the whole test is skipped (TAP "1..0 # SKIP"), as when
# material outside the repository is not there.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
	exit $?
}
