#!/bin/sh
# A short fuzz run of every target (make check): each replays its seed
# corpus, then fuzzes for a few seconds; any crash, leak or sanitizer
# report fails.  The long campaign is `make fuzz`.
. "$(dirname "$0")/../lib.sh"
# About a minute in all: 50 s shared by the targets (at least 2 s each),
# the rest for replaying the seed corpora.
n_targets=$(ls "$T_TOP"/build/fuzz/fuzz_* 2>/dev/null | grep -vc '\.')
SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-$(( n_targets > 0 && 50 / n_targets > 2 ? 50 / n_targets : 2 ))}
for bin in "$T_TOP"/build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	mkdir -p "work-$name"
	# -timeout is for a hang: 30 s, so that one slow input on a loaded
	# machine is no failure
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 \
		-artifact_prefix="$SCRATCH/crash-$name-" "work-$name" \
		"$T_TOP/tests/fuzz/corpus/$name" >"$name.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "fuzz_$name: ${SECONDS_EACH}s clean"
	else
		why=$(grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$name.log" | head -8)
		fail "fuzz_$name: ${SECONDS_EACH}s clean" "$why"
		# make check's log shows it too (prove hides a test's comments)
		printf 'fuzz_%s:\n%s\n' "$name" "$why" >&2
		# and the input that did it outlives the scratch directory
		mkdir -p "$T_TOP/build/fuzz/smoke-failures"
		cp "$SCRATCH"/crash-"$name"-* "$T_TOP/build/fuzz/smoke-failures/" 2>/dev/null
	fi
done
[ "$T_N" -gt 0 ] || fail "fuzz targets were built (make fuzz-build)"
done_testing
