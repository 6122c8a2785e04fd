#!/bin/sh
# gov-bid benchmark: a generated market of 10^4, 10^5 and 10^6 tenders
# (about 8 bids each); time and peak memory of `gov-bid score` and
# `gov-bid groups`, side by side with a pandas implementation of the
# per-tender screens (bench/bid-pandas.py, Debian python3-pandas) on the
# same file; then the evaluation against the planted cartels.
#
#   sh bench/bid.sh            all three sizes; pandas up to 10^5 (its run
#                              on 10^6 takes minutes and 4 GB)
#   BID_PANDAS_MAX=1000000 sh bench/bid.sh    pandas on every size too
#   BID_SIZES="10000" sh bench/bid.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
BIN=${GOVKIT_BIN:-$PWD/bin}
SIZES=${BID_SIZES:-"10000 100000 1000000"}
PANDAS_MAX=${BID_PANDAS_MAX:-100000}
PY=/usr/bin/python3

if ! $PY -c 'import pandas' 2>/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends python3-pandas >/dev/null
	else
		echo "bid.sh: python3-pandas is missing (apt-get install python3-pandas)" >&2
		exit 1
	fi
fi
[ -x "$BIN/gov-bid" ] || make "$BIN/gov-bid" >/dev/null

# The largest market once (about 2.4 GB, a few minutes); the smaller ones
# are its first tenders.
big=$out/bid-1e6.jsonl
if [ ! -s "$big" ] || [ ! -s "$out/bid-1e6.labels" ]; then
	echo "generating 1,000,000 tenders (samples/bids/gen-market.py --seed 1)"
	$PY samples/bids/gen-market.py --tenders 1000000 --seed 1 -o "$big" \
		--labels "$out/bid-1e6.labels"
fi

# measure LABEL CMD...: prints "LABEL user+sys elapsed maxrss"
measure() {
	label=$1
	shift
	/usr/bin/time -f '%U %S %e %M' -o "$out/bid-time.txt" "$@" >"$out/bid-run.out" 2>"$out/bid-run.err" || true
	read -r u s e m <<EOF
$(tail -n 1 "$out/bid-time.txt")
EOF
	printf '%-22s cpu %7.2f s  elapsed %7.2f s  peak %7.1f MB\n' "$label" \
		"$(echo "$u + $s" | bc)" "$e" "$(echo "scale=1; $m / 1024" | bc)"
}

echo "== gov-bid benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
	f=$out/bid-$n.jsonl
	if [ "$n" = 1000000 ]; then
		f=$big
	elif [ ! -s "$f" ]; then
		head -n "$n" "$big" >"$f"
	fi
	bids=$(grep -o '"bidder"' "$f" | wc -l)
	mb=$(du -m "$f" | cut -f1)
	echo "-- $n tenders, $bids bids, $mb MB"
	measure "gov-bid score" "$BIN/gov-bid" score --format ndjson "$f"
	measure "gov-bid groups" "$BIN/gov-bid" groups --format ndjson "$f"
	if [ "$n" -le "$PANDAS_MAX" ]; then
		measure "pandas screens" $PY bench/bid-pandas.py "$f"
	else
		echo "pandas screens         skipped (BID_PANDAS_MAX=$PANDAS_MAX)"
	fi
done

echo "-- evaluation against the planted cartels (1,000,000 tenders)"
"$BIN/gov-bid" score --format ndjson "$big" >"$out/bid-1e6.scores" || true
$PY bench/bid-eval "$out/bid-1e6.labels" "$out/bid-1e6.scores"
