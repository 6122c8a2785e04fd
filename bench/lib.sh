# bench/lib.sh: what the benchmark scripts share.  Source it.
set -eu
BENCH_TOP=$(cd "$(dirname "$0")/.." && pwd)
BENCH_OUT=$BENCH_TOP/bench/out
PATH=$BENCH_TOP/bin:$PATH
mkdir -p "$BENCH_OUT"

# need_deb PKG...: install Debian packages the peers come from, if missing.
need_deb() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue
		apt-get install -y -qq --no-install-recommends "$p" >/dev/null
	done
}

# need_npm: install bench/package.json's peers (DuckDB, tableschema).
need_npm() {
	[ -d "$BENCH_TOP/bench/node_modules/@duckdb/node-api" ] && return 0
	(cd "$BENCH_TOP/bench" && npm install --no-audit --no-fund >/dev/null)
}

# measure LABEL BYTES RECORDS CMD...: run CMD once (stdout to /dev/null),
# print a Markdown table row: wall seconds, CPU seconds (user + system of
# all threads, which a busy shared machine disturbs less than wall time),
# MB/s and records/s per wall second, peak RSS.
measure() {
	m_label=$1 m_bytes=$2 m_records=$3
	shift 3
	/usr/bin/time -f '%e %U %S %M' -o "$BENCH_OUT/.time" "$@" >/dev/null
	set -- $(cat "$BENCH_OUT/.time")
	awk -v l="$m_label" -v s="$1" -v u="$2" -v y="$3" -v kb="$4" -v b="$m_bytes" -v r="$m_records" 'BEGIN {
		if (s <= 0) s = 0.01
		printf "| %s | %.2f | %.2f | %.1f | %.0f | %.1f |\n", l, s, u + y, b / 1e6 / s, r / s, kb / 1024
	}'
}

table_header() {
	echo "| tool | seconds | CPU seconds | MB/s | records/s | peak RSS MB |"
	echo "|---|---:|---:|---:|---:|---:|"
}
