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
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$SCRATCH/crash-$name-" "work-$name" \
		"$T_TOP/tests/fuzz/corpus/$name" >"$name.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "fuzz_$name: ${SECONDS_EACH}s clean"
	else
		fail "fuzz_$name: ${SECONDS_EACH}s clean" "$(grep -E 'ERROR|SUMMARY|runtime error' "$name.log" | head -5)"
	fi
done
[ "$T_N" -gt 0 ] || fail "fuzz targets were built (make fuzz-build)"
done_testing
