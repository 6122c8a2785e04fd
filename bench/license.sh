#!/bin/sh
# gov-license benchmarks (figures in bench/README.md, "## gov-license").
#
# 1. LICENSE_BENCH_N (1,000,000) unsigned licenses, every check but the
#    signature, on 2 threads and on 1; against python-stdnum (Debian
#    python3-stdnum) validating the same identifiers (holder USCC or
#    resident ID, issuer USCC) on the first LICENSE_BENCH_PEER_N (50,000)
#    of them, since it runs at a few thousand records a second.
# 2. LICENSE_BENCH_SIGNED (100,000) signed licenses per algorithm
#    (LICENSE_BENCH_UNIQUE distinct signatures repeated), on 2 threads;
#    against `openssl speed sm2` and `openssl speed ed25519`, whose verify
#    rate per core is the limit.  openssl speed divides by CPU time, so
#    the comparison is made per CPU second too (records / (user + sys));
#    wall-clock rates are printed as well, and mean little on a busy host.
# LICENSE_BENCH_PART=unsigned|signed runs one half.
set -eu
cd "$(dirname "$0")/.."
O=bench/out/license
N=${LICENSE_BENCH_N:-1000000}
NPEER=${LICENSE_BENCH_PEER_N:-50000}
PART=${LICENSE_BENCH_PART:-all}
NSIG=${LICENSE_BENCH_SIGNED:-100000}
NUNIQ=${LICENSE_BENCH_UNIQUE:-10000}
SPEED_SECONDS=${LICENSE_BENCH_SPEED_SECONDS:-10}
G=$PWD/bin/gov-license
PY=/usr/bin/python3
mkdir -p "$O"
GOVKIT_DB=$PWD/$O/bench.db
export GOVKIT_DB

if ! $PY -c 'import stdnum' 2>/dev/null; then
	apt-get install -y -qq python3-stdnum >/dev/null
fi

# run LABEL RECORDS FILE CMD...: time CMD, print records/s, MB/s, CPU, RSS.
# Sets RATE (records per second) and CPURATE (records per CPU second).
run() {
	label=$1 n=$2 file=$3
	shift 3
	/usr/bin/time -f '%e %U %S %M' -o "$O/time.txt" "$@" >"$O/run.out" || true
	set -- $(tail -1 "$O/time.txt")
	bytes=$(wc -c <"$file")
	RATE=$(awk -v n="$n" -v e="$1" 'BEGIN { printf "%.0f", n / (e > 0 ? e : 0.001) }')
	CPURATE=$(awk -v n="$n" -v c="$2" -v s="$3" 'BEGIN { c += s; printf "%.0f", n / (c > 0 ? c : 0.001) }')
	awk -v l="$label" -v n="$n" -v e="$1" -v u="$2" -v s="$3" -v m="$4" -v b="$bytes" 'BEGIN {
		c = u + s; if (c <= 0) c = 0.001; if (e <= 0) e = 0.001
		printf "%-30s %8d rec %7.2f s %8.0f rec/s %6.1f MB/s | cpu %6.2f s %8.0f rec/cpu-s | rss %5.1f MB\n",
			l, n, e, n / e, b / 1e6 / e, c, n / c, m / 1024 }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. unsigned
if [ "$PART" != signed ]; then
U=$O/unsigned-$N.jsonl
[ -s "$U" ] || $PY bench/license-gen.py "$N" "$U"
run "gov-license verify --jobs 2" "$N" "$U" "$G" verify --jobs 2 --today 2025-10-15 "$U"
ours2=$RATE
ours2cpu=$CPURATE
bad=$(grep -c '"verdict":"invalid"' "$O/run.out" || true)
run "gov-license verify --jobs 1" "$N" "$U" "$G" verify --jobs 1 --today 2025-10-15 "$U"
head -n "$NPEER" "$U" >"$O/peer.jsonl"
run "python-stdnum (first $NPEER)" "$NPEER" "$O/peer.jsonl" $PY bench/license-stdnum.py "$O/peer.jsonl"
peer=$RATE
peercpu=$CPURATE
peer_bad=$(cat "$O/run.out")
ours_bad=$(head -n "$NPEER" "$U" | "$G" verify --today 2025-10-15 | grep -c '"verdict":"invalid"' || true)
echo "invalid found: gov-license $ours_bad, python-stdnum $peer_bad (first $NPEER); all $N: $bad"
awk -v a="$ours2" -v b="$peer" -v c="$ours2cpu" -v d="$peercpu" 'BEGIN {
	printf "speed-up over python-stdnum: %.0fx wall (2 threads vs 1 process), %.0fx per CPU second (goal 100x)\n", a / b, c / d }'
fi

# ---- 2. signed
[ "$PART" = unsigned ] && exit 0
K=$O/keys
rm -rf "$K"
mkdir -p "$K"
"$G" keygen --format ndjson --alg sm2 "$K/sm2" >"$K/sm2.json"
"$G" keygen --format ndjson --alg ed25519 "$K/ed" >"$K/ed.json"
$PY - "$K" >"$O/trust.json" <<'PY'
import json, sys
k = sys.argv[1]
iss = []
for name, code, alg, typ in (("sm2", "11150500011505012H", "sm2-sm3", "营业执照"),
                             ("ed", "11150500011505020C", "ed25519", "居住证")):
    iss.append({"code": code, "name": name, "alg": alg,
                "key_id": json.load(open("%s/%s.json" % (k, name)))["key_id"],
                "public_key": open("%s/%s.pub" % (k, name)).read(),
                "license_types": [typ]})
print(json.dumps({"issuers": iss}, ensure_ascii=False))
PY
# The limit is measured right before the run it is compared with, since
# a shared host's speed drifts.
limit() { openssl speed -seconds "$SPEED_SECONDS" "$1" 2>/dev/null | awk -v p="$2" '$0 ~ p { print $NF }'; }
for spec in sm2:11150500011505012H:营业执照 ed:11150500011505020C:居住证; do
	alg=${spec%%:*}
	rest=${spec#*:}
	$PY bench/license-gen.py "$NUNIQ" "$O/$alg-plain.jsonl" "${rest%%:*}" "${rest#*:}"
	# sign on both cores
	half=$(( (NUNIQ + 1) / 2 ))
	head -n "$half" "$O/$alg-plain.jsonl" >"$O/$alg-a.jsonl"
	tail -n +"$((half + 1))" "$O/$alg-plain.jsonl" >"$O/$alg-b.jsonl"
	"$G" sign --key "$K/$alg.key" "$O/$alg-a.jsonl" >"$O/$alg-a.signed" &
	"$G" sign --key "$K/$alg.key" "$O/$alg-b.jsonl" >"$O/$alg-b.signed"
	wait
	: >"$O/$alg-signed.jsonl"
	i=0
	while [ "$i" -lt "$NSIG" ]; do
		cat "$O/$alg-a.signed" "$O/$alg-b.signed" >>"$O/$alg-signed.jsonl"
		i=$((i + NUNIQ))
	done
	S=$O/$alg-signed.jsonl
	n=$(wc -l <"$S" | tr -d ' ')
	if [ "$alg" = sm2 ]; then
		sm2_limit=$(limit sm2 'SM2')
	else
		ed_limit=$(limit ed25519 'Ed25519')
	fi
	run "verify $alg signed --jobs 2" "$n" "$S" "$G" verify --jobs 2 --trust "$O/trust.json" --today 2025-10-15 "$S"
	eval "ours_$alg=\$RATE ourscpu_$alg=\$CPURATE"
	nvalid=$(grep -c '"signature","ok":true' "$O/run.out" || true)
	echo "  signatures verified: $nvalid of $n"
done

echo "openssl speed verify/s per core (taken just before each run): sm2 $sm2_limit, ed25519 $ed_limit"
for alg in sm2 ed; do
	eval "o=\$ours_$alg oc=\$ourscpu_$alg"
	[ "$alg" = sm2 ] && l=$sm2_limit || l=$ed_limit
	awk -v a="$alg" -v o="$o" -v oc="$oc" -v l="$l" 'BEGIN {
		printf "%s: %.0f rec/cpu-s = %.0f%% of openssl speed per core (goal 80%%); wall %.0f rec/s on 2 threads = %.0f%% of 2 x the limit\n",
			a, oc, 100 * oc / l, o, 100 * o / 2 / l }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
