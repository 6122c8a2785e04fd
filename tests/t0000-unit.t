#!/bin/sh
# Unit tests of the common library (tests/unit/*.c), which print TAP.
. "$(dirname "$0")/lib.sh"

UNIT=${GOVKIT_UNIT:-$T_TOP/build/obj/unit}
for t in "$UNIT"/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	# its temporary files in the scratch folder, removed with it
	mkdir -p "$SCRATCH/tmp/$name"
	TMPDIR=$SCRATCH/tmp/$name "$t" >"$SCRATCH/unit.out" 2>"$SCRATCH/unit.err"
	rc=$?
	# Re-number the unit test's own TAP lines into this file's plan.
	while IFS= read -r line; do
		case "$line" in
		"ok "*) pass "$name: ${line#* - }" ;;
		"not ok "*) fail "$name: ${line#* - }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$SCRATCH/unit.out"
	is "$name exits 0" "$rc" 0
	t_check_sanitizer_file "$name" "$SCRATCH/unit.err"
done
done_testing
