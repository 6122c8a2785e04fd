#!/bin/sh
# The spool a tool keeps its input in while it reads it (gov-submit's
# records, gov-xlsx's rows, gov-catalog's held entries) has no name at
# any instant: it is opened O_TMPFILE in $TMPDIR.  Before, it was made by
# mkstemp and unlinked at once, and a SIGKILL between the two left a
# govkit-NAME.XXXXXX behind in $TMPDIR for good.  The instant is too
# short to hit, so the test looks at what the open spool is: an unnamed
# file reads as "DIR/#INODE (deleted)", an unlinked one by its old name.
. "$(dirname "$0")/lib.sh"

mkdir tmp
mkfifo in

# spooled LINE TOOL ARGS...: the name of TOOL's spool while it reads a
# FIFO fed LINE, then TOOL is ended
spooled() {
	line=$1
	shift
	TMPDIR=$SCRATCH/tmp "$@" <in >/dev/null 2>spool.err &
	pid=$!
	exec 3>in
	printf '%s\n' "$line" >&3
	l=$(open_in "$pid" "$SCRATCH/tmp") || l="(none)"
	printf '%s\n' "${l#"$SCRATCH"/tmp/}" | sed 's/^#[0-9]* (deleted)$/unnamed/'
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	exec 3>&-
}

is "gov-submit: its spool has no name" \
	"$(spooled '{"type":"finding","row":1}' gov-submit --endpoint findings -)" \
	"unnamed"
is "gov-xlsx: its spool has no name" \
	"$(spooled '{"type":"t","a":1}' gov-xlsx -o "$SCRATCH/out.xlsx" -)" \
	"unnamed"
is "nothing left in TMPDIR" "$(ls -A tmp)" ""

# A TMPDIR that is not there is still named in the message (the fallback
# to mkstemp fails as O_TMPFILE did).
# The paths go to sh as arguments, not into its script, where a blank in
# them (TMPDIR='/tmp/tmp dir') would split them.
run sh -c 'printf "%s\n" "{\"type\":\"t\",\"a\":1}" |
	TMPDIR=$1 gov-xlsx -o "$2" -' sh "$SCRATCH/no-such-dir" "$SCRATCH/x.xlsx"
like "a missing TMPDIR: exit 2, the folder named" "$RC:$ERR" \
	"^2:gov-xlsx: cannot create a temporary file in '$SCRATCH/no-such-dir'"

done_testing
