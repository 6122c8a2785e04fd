#!/bin/sh
# gov-check: the issue's benchmark.  A generated residents-like CSV of 12
# typed columns (SIZE_MB, default 1024) checked against check.schema.json
# (type, required, enum, pattern, min/max, unique on one column, cn-ric)
# by gov-check and by DuckDB running the same checks as SQL; a Python
# csv-module validator of the same schema on a PY_MB slice (default 100)
# and the Frictionless JavaScript implementation (npm tableschema) on a
# TS_MB slice (default 50).  MB/s make the sizes comparable.
#   SIZE_MB=1024 PY_MB=100 TS_MB=50 bench/check.sh
# PEERS=no measures gov-check alone; REPEAT=N runs each gov-check row N
# times (default 3) and reports the median.
. "$(dirname "$0")/lib.sh"
need_deb time
need_npm
[ -d "$BENCH_TOP/bench/node_modules/tableschema" ] ||
	(cd "$BENCH_TOP/bench" && npm install --no-audit --no-fund >/dev/null)

B=$BENCH_TOP/bench
SIZE_MB=${SIZE_MB:-1024}
PY_MB=${PY_MB:-100}
TS_MB=${TS_MB:-50}
csv=$BENCH_OUT/check-${SIZE_MB}mb.csv
[ -s "$csv" ] || /usr/bin/python3 "$B/check-gen.py" "$SIZE_MB" "$csv"

# slice FILE MB: the first MB megabytes of the big file, whole rows
slice() {
	out=$BENCH_OUT/check-slice-$2mb.csv
	[ -s "$out" ] || head -c $(($2 * 1000000)) "$csv" | sed '$d' >"$out"
	echo "$out"
}

# run LABEL FILE CMD...: a Markdown row with wall and CPU seconds (the
# CPU time shows the work when other jobs share the machine), MB/s and
# records/s by wall time, peak RSS.  gov-check's rows and its bounds are
# the median run of REPEAT (default 3) by wall time: on a shared host one
# run can be off by half.
run() {
	label=$1 file=$2
	shift 2
	bytes=$(stat -c %s "$file")
	rows=$(($(wc -l <"$file") - 1))
	n=${REPEAT:-3}
	case $1 in gov-check | openssl | taskset | "$parser") ;; *) n=1 ;; esac
	: >"$BENCH_OUT/.check-times"
	for _ in $(seq "$n"); do
		/usr/bin/time -f '%e %U %S %M' -o "$BENCH_OUT/.check-time" "$@" >"$BENCH_OUT/.check-out" || [ $? -eq 1 ]
		tail -1 "$BENCH_OUT/.check-time" >>"$BENCH_OUT/.check-times"
	done
	set -- $(sort -n "$BENCH_OUT/.check-times" | sed -n "$(((n + 1) / 2))p")
	awk -v l="$label" -v s="$1" -v u="$2" -v y="$3" -v kb="$4" -v b="$bytes" -v r="$rows" 'BEGIN {
		if (s <= 0) s = 0.01
		printf "| %s | %.0f | %.2f | %.2f | %.0f | %.0f | %.1f |\n", l, b / 1e6, s, u + y, b / 1e6 / s, r / s, kb / 1024
	}'
}

# The bounds of the structural checks: the CSV reader alone and the
# SHA-256 the summary carries, on the same file in the same run.
parser=$BENCH_OUT/csv-parse
make -s -C "$BENCH_TOP" all
cc -O2 -I"$BENCH_TOP/common" $(pkg-config --cflags libcjson) -o "$parser" \
	"$B/csv-parse.c" "$BENCH_TOP/build/obj/libgovkit.a" \
	$(pkg-config --libs sqlite3 libcurl libcjson xlsxwriter libpcre2-8 libcrypto libzip expat) \
	-lpthread -lm

py_csv=$(slice "$csv" "$PY_MB")
ts_csv=$(slice "$csv" "$TS_MB")
echo "gov-check on $(basename "$csv"): $(stat -c %s "$csv") bytes, $(($(wc -l <"$csv") - 1)) rows, $(nproc) cores, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | MB | wall s | CPU s | MB/s | rows/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
run "the CSV reader alone (bench/csv-parse.c: no checks, no digest)" "$csv" "$parser" "$csv"
run "SHA-256 alone (openssl dgst -sha256)" "$csv" openssl dgst -sha256 "$csv"
run "gov-check, no schema (structural checks)" "$csv" gov-check "$csv"
run "gov-check, no schema, --skip duplicate-row" "$csv" gov-check --skip duplicate-row "$csv"
run "gov-check -s, all checks" "$csv" gov-check -s "$B/check.schema.json" "$csv"
run "gov-check -s, all checks but duplicate-row" "$csv" gov-check -s "$B/check.schema.json" --skip duplicate-row "$csv"
run "gov-check -s, no unique, no duplicate-row" "$csv" gov-check -s "$B/check.schema.json" --skip duplicate-row,unique "$csv"
# the issue's "on one core": every check with one CPU to run on (no
# thread is started then, gov-check(1))
if command -v taskset >/dev/null 2>&1; then
	run "gov-check -s, all checks, one CPU (taskset -c 0)" "$csv" taskset -c 0 gov-check -s "$B/check.schema.json" "$csv"
fi
[ "${PEERS:-yes}" = no ] && exit 0
run "DuckDB, the same checks as SQL over read_csv" "$csv" node "$B/check-duckdb.js" "$csv"
run "Python csv-module validator" "$py_csv" /usr/bin/python3 "$B/check-validate.py" "$py_csv"
run "gov-check -s on the same slice as Python" "$py_csv" gov-check -s "$B/check.schema.json" "$py_csv"
run "tableschema (npm, Frictionless JS)" "$ts_csv" node "$B/check-tableschema.js" "$B/check.schema.json" "$ts_csv"
run "gov-check -s on the same slice as tableschema" "$ts_csv" gov-check -s "$B/check.schema.json" "$ts_csv"
echo
echo "findings on the Python slice: gov-check $(gov-check -s "$B/check.schema.json" "$py_csv" |
	tail -1 | grep -o '"findings":[0-9]*' | head -1 | cut -d: -f2), Python $(/usr/bin/python3 "$B/check-validate.py" "$py_csv" | cut -d' ' -f2)"
