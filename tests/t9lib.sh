# tests/t9lib.sh: what the hardening tests (t9xxx) share, after lib.sh.
# The bad-input matrix: each row runs a tool on one bad input and wants
# the documented exit status, a message naming the input, no signal (no
# core) and, with -o, no output file left behind.

# The full-disk and read-only checks mount a tmpfs or a bind mount in a
# mount namespace of their own (unshare -m): as root on a machine.  In a
# container without CAP_SYS_ADMIN there is none; those checks are then
# skipped, and say why, instead of failing.
if unshare -m sh -c 'mount -t tmpfs -o size=4k tmpfs "$1"' sh "$SCRATCH" \
	>/dev/null 2>&1; then
	T9_MOUNT_NS=yes
else
	T9_MOUNT_NS=no
fi
T9_NO_MOUNT_NS="no mount namespace here (unshare -m and mount need root on a machine, or CAP_SYS_ADMIN)"

# expect DESC WANT_RC PATTERN CMD...: one TAP line.  PATTERN (grep -E) must
# match standard error; "" means standard error must be empty.
expect() {
	_d=$1 _want=$2 _pat=$3
	shift 3
	run "$@"
	if [ "$RC" -ge 128 ]; then
		fail "$_d" "killed by signal $((RC - 128))" "$(printf '%s\n' "$ERR" | head -5)"
	elif [ "$RC" != "$_want" ]; then
		fail "$_d" "exit $RC, want $_want" "stderr: $(printf '%s\n' "$ERR" | head -5)"
	elif [ -z "$_pat" ] && [ -n "$ERR" ]; then
		fail "$_d" "stderr not empty: $(printf '%s\n' "$ERR" | head -5)"
	elif [ -n "$_pat" ] && ! printf '%s\n' "$ERR" | grep -Eq -- "$_pat"; then
		fail "$_d" "stderr: $(printf '%s\n' "$ERR" | head -5)" "want match: $_pat"
	else
		pass "$_d"
	fi
}

# no_output DESC DIR: DIR holds no file (no output, no temporary file).
no_output() {
	_left=$(ls -A "$2" 2>/dev/null)
	if [ -z "$_left" ]; then pass "$1"
	else fail "$1" "left behind: $_left"; fi
}

# as_user CMD...: CMD without root's power over file permissions, so a
# file with mode 000 is really unreadable (the tests run as root).
as_user() {
	setpriv --bounding-set=-dac_override,-dac_read_search,-fowner "$@"
}

# full_disk DIR CMD...: run CMD with DIR a full tmpfs of its own (a mount
# namespace of its own, so nothing is left mounted); sets RC, OUT, ERR,
# LEFT (files left in DIR).
full_disk() {
	_dir=$1
	shift
	mkdir -p "$_dir"
	unshare -m sh -c '
		d=$1; shift
		mount -t tmpfs -o size=32k tmpfs "$d" || exit 99
		head -c 1048576 /dev/zero >"$d/.fill" 2>/dev/null
		"$@"; rc=$?
		rm -f "$d/.fill"
		ls -A "$d" >"$d.left"
		exit $rc' sh "$_dir" "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	LEFT=$(cat "$_dir.left" 2>/dev/null)
	t_check_sanitizer "$*"
}

# exit2_verdict DESC PATTERN LEFT: after run, exit 2, a message matching
# PATTERN on standard error, and LEFT (what was left behind) empty.
exit2_verdict() {
	if [ "$RC" != 2 ]; then
		fail "$1" "exit $RC, want 2" "stderr: $ERR"
	elif ! printf '%s\n' "$ERR" | grep -Eq -- "$2"; then
		fail "$1" "stderr: $ERR" "want match: $2"
	elif [ -n "$3" ]; then
		fail "$1" "left behind: $3"
	else
		pass "$1"
	fi
}

# expect_full DESC PATTERN DIR CMD...: -o into a full disk: exit 2, the
# message, and nothing left in DIR.
expect_full() {
	_d=$1 _pat=$2
	shift 2
	if [ "$T9_MOUNT_NS" = no ]; then
		pass "# SKIP $T9_NO_MOUNT_NS: $_d"
		return
	fi
	full_disk "$@"
	if [ "$RC" = 99 ]; then
		fail "$_d" "could not mount a tmpfs"
	else
		exit2_verdict "$_d" "$_pat" "$LEFT"
	fi
}

# expect_fsize DESC PATTERN DIR BLOCKS CMD...: -o into DIR past a file size
# limit of BLOCKS (ulimit -f, 512-byte blocks in sh, as a cron job may set
# one): exit 2 (not killed by SIGXFSZ), the message, nothing left in DIR.
expect_fsize() {
	_d=$1 _pat=$2 _dir=$3 _blocks=$4
	shift 4
	mkdir -p "$_dir"
	run sh -c 'ulimit -f "$1" && shift && exec "$@"' sh "$_blocks" "$@"
	exit2_verdict "$_d" "$_pat" "$(ls -A "$_dir")"
}

# expect_pipe DESC WANT_RC CMD...: CMD | head -1 ends quietly with WANT_RC.
expect_pipe() {
	_d=$1 _want=$2
	shift 2
	{ "$@" 2>"$SCRATCH/.err" </dev/null; echo $? >"$SCRATCH/.rc"; } | head -1 >/dev/null
	RC=$(cat "$SCRATCH/.rc")
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
	if [ "$RC" = "$_want" ] && [ -z "$ERR" ]; then pass "$_d"
	else fail "$_d" "exit $RC, want $_want" "stderr: $ERR"; fi
}

# expect_devfull DESC CMD...: standard output is /dev/full: exit 2 and
# the write error told.
expect_devfull() {
	_d=$1
	shift
	"$@" >/dev/full 2>"$SCRATCH/.err" </dev/null
	RC=$?
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
	if [ "$RC" = 2 ] && printf '%s\n' "$ERR" | grep -q 'No space left on device'; then
		pass "$_d"
	else
		fail "$_d" "exit $RC, want 2" "stderr: $ERR"
	fi
}

# Inputs every matrix uses, made in the scratch folder.
t9_inputs() {
	mkdir -p adir
	: >empty.csv
	: >empty.jsonl
	printf 'secret\n' >secret.csv
	chmod 000 secret.csv
	printf 'secret\n' >secret.jsonl
	chmod 000 secret.jsonl
	printf 'name,phone\n' >header.csv
	printf 'name,note\nzhang,a\000b\n' >nul.csv
	printf '{"type":"x","a":"a\000b"}\n' >nul.jsonl
	printf 'name,note\nzhang,\377\376\n' >badutf8.csv
	printf '{"type":"x","a":"\377\376"}\n' >badutf8.jsonl
	# nested 100000 deep
	python3 -c 'import sys; sys.stdout.write("{\"a\":" + "[" * 100000 + "]" * 100000 + "}\n")' >deep.jsonl
	python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000 + "\n")' >deep.json
}

# A 100 MB line (one field / one JSON string), made once per test file.
T9_BIG=104857600
t9_bigline() {
	{ printf 'name,note\nzhang,'; head -c "$T9_BIG" /dev/zero | tr '\0' x; printf '\n'; } >bigline.csv
	{ printf '{"type":"x","a":"'; head -c "$T9_BIG" /dev/zero | tr '\0' x; printf '"}\n'; } >bigline.jsonl
}

# lost HOW CMD...: CMD with standard output closed (HOW=closed) or full
# (HOW=full); sets RC and ERR.
lost() {
	_how=$1
	shift
	case $_how in
	closed) "$@" >&- 2>"$SCRATCH/.err" </dev/null ;;
	full) "$@" >/dev/full 2>"$SCRATCH/.err" </dev/null ;;
	esac
	RC=$?
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
}
msg_closed='write error on standard output: Bad file descriptor'
msg_full='write error on standard output: No space left on device'

# commit_fails_on DB SQL CMD...: CMD on a copy of DB in a tmpfs of its own
# that is full, with the database's -wal and -shm already made by another
# connection holding it open: opening the database and reading it work,
# the commit (the first write to the -wal) does not.  The copy is
# $SCRATCH/full/govkit.db while CMD runs, as GOVKIT_DB.  Sets RC, OUT,
# ERR, and AFTER: what SQL reads from the copy once CMD is done (the
# database as CMD left it).  RC 99: no tmpfs could be mounted here.
commit_fails_on() {
	_db=$1 _sql=$2
	shift 2
	mkdir -p "$SCRATCH/full"
	rm -f "$SCRATCH/.after"
	unshare -m sh -c '
		db=$1 sql=$2 dir=$3
		shift 3
		mount -t tmpfs -o size=1m tmpfs "$dir/full" || exit 99
		cp "$db" "$dir/full/govkit.db" || exit 98
		/usr/bin/python3 -c "
import signal, sqlite3, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
c = sqlite3.connect(sys.argv[1])
c.execute(\"SELECT count(*) FROM sqlite_master\").fetchall()
open(sys.argv[2], \"w\").close()
time.sleep(60)
" "$dir/full/govkit.db" "$dir/held" &
		holder=$!
		n=0
		while [ ! -e "$dir/held" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
		head -c 2097152 /dev/zero >"$dir/full/.fill" 2>/dev/null
		GOVKIT_DB=$dir/full/govkit.db "$@"; rc=$?
		sqlite3 "$dir/full/govkit.db" "$sql" >"$dir/.after" 2>&1
		kill $holder
		wait $holder
		rm -f "$dir/held" "$dir/full/.fill"
		exit $rc' sh "$_db" "$_sql" "$SCRATCH" "$@" \
		>"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	AFTER=$(cat "$SCRATCH/.after" 2>/dev/null)
	t_check_sanitizer "$*"
}

# rename_fails FILE CMD...: CMD (which writes -o FILE) with FILE a regular
# file that another file is bind-mounted on, in a mount namespace of its
# own: the temporary file is written, and renaming it into place fails
# (EBUSY), as a rename can after a complete output.  Sets RC, OUT, ERR.
rename_fails() {
	_file=$1
	shift
	: >"$_file"
	: >"$SCRATCH/.mounted"
	unshare -m sh -c 'mount --bind "$1" "$2" || exit 99; shift 2; "$@"' \
		sh "$SCRATCH/.mounted" "$_file" "$@" \
		>"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$*"
}
msg_busy='Device or resource busy'
