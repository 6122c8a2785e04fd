#!/bin/sh
# gov-check parses CSV on a thread of its own only where that pays: with
# a schema or duplicate-row, and a second CPU to run it on.  On one CPU
# (taskset), or for the structural checks without duplicate-row, it
# parses on the checking thread.  Either way the records are the same,
# byte for byte: quoted newlines, blank rows, GBK, repeated rows across
# many of the threads' batches (4096 rows each).
. "$(dirname "$0")/lib.sh"

command -v taskset >/dev/null 2>&1 || skip_all "no taskset (util-linux)"
Q=$T_TOP/samples/quality
cp "$Q"/*.csv "$Q"/*.json .

# 40 copies of the residents' 403 rows: 16,120 rows, each copy repeating
# the first's 400 rows that are not blank
{
	cat residents.csv
	for _ in $(seq 39); do tail -n +2 residents.csv; done
} >many.csv

# same_both DESC ARGS...: gov-check ARGS on every CPU and on one
same_both() {
	desc=$1
	shift
	run gov-check --format ndjson --today "$T_TODAY" "$@"
	all_out=$OUT all_rc=$RC all_err=$ERR
	run taskset -c 0 gov-check --format ndjson --today "$T_TODAY" "$@"
	is "$desc: the same exit status on one CPU" "$RC" "$all_rc"
	is "$desc: the same records on one CPU" "$OUT" "$all_out"
	is "$desc: the same messages on one CPU" "$ERR" "$all_err"
}

S="-s residents.schema.json --ref communities=communities.csv"
for f in residents.csv residents-gbk.csv many.csv; do
	same_both "$f, schema" $S "$f"
	same_both "$f, structural" "$f"
	same_both "$f, structural without duplicate-row" --skip duplicate-row "$f"
done

# JSON Lines and a workbook: the same records, the digest of the file
gov-records residents.csv >res.jsonl 2>/dev/null
gov-xlsx -o res.xlsx res.jsonl 2>/dev/null
for f in res.jsonl res.xlsx; do
	same_both "$f, structural" "$f"
	like "$f: the digest of the file's bytes" "$(printf '%s\n' "$OUT" | tail -1)" \
		"\"sha256\":\"$(sha256sum "$f" | cut -d' ' -f1)\""
done

# what the modes find is what they found with a thread of their own
run gov-check --format ndjson many.csv
is "many.csv, structural: exit 1" "$RC" 1
# 39 copies of 400 rows, and the one repeat the residents have
is "many.csv, structural: 15,601 repeated rows" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"duplicate-row"')" 15601
like "many.csv: a repeat names its first row" \
	"$(printf '%s\n' "$OUT" | grep '"row":406,' | grep duplicate-row)" \
	'"message":"identical to row 3"'
run gov-check --format ndjson --skip duplicate-row many.csv
is "many.csv without duplicate-row: no repeat" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"duplicate-row"')" 0
like "many.csv: every row counted" "$(printf '%s\n' "$OUT" | tail -1)" \
	'"rows":16120,'

# On one CPU no thread is started for a CSV file: no clone at all.
# (The leak checker of a sanitizer build clones at exit: not here.)
if command -v strace >/dev/null 2>&1; then
	for mode in "" "--skip duplicate-row" "$S"; do
		ASAN_OPTIONS=detect_leaks=0 taskset -c 0 strace -f -qq \
			-e trace=clone,clone3 -o trace.txt \
			gov-check --format ndjson $mode many.csv >/dev/null 2>&1
		is "one CPU, ${mode:-structural}: no thread" \
			"$(grep -c clone trace.txt)" 0
	done
	for f in res.jsonl res.xlsx; do
		ASAN_OPTIONS=detect_leaks=0 taskset -c 0 strace -f -qq \
			-e trace=clone,clone3 -o trace.txt \
			gov-check --format ndjson "$f" >/dev/null 2>&1
		is "one CPU, $f: no thread" "$(grep -c clone trace.txt)" 0
	done
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=clone,clone3 \
		-o trace.txt gov-check --format ndjson --skip duplicate-row \
		many.csv >/dev/null 2>&1
	if [ "$(nproc)" -ge 2 ]; then
		is "two CPUs, structural without duplicate-row: the digest's thread only" \
			"$(grep -c clone trace.txt)" 1
	fi
else
	fail "strace is installed (scripts/install-deps)"
fi

done_testing
