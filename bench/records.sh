#!/bin/sh
# gov-records: CSV to JSON Lines, side by side with miller, Python's csv
# and json modules, and DuckDB, on the same generated file.
#   SIZE_MB=1024 bench/records.sh
. "$(dirname "$0")/lib.sh"
need_deb miller time
need_npm

SIZE_MB=${SIZE_MB:-1024}
csv=$BENCH_OUT/records-${SIZE_MB}mb.csv
if [ ! -s "$csv" ]; then
	# Ten columns of the shapes officers' exports have: ids, names, quoted
	# text with commas and doubled quotes, amounts, dates, codes, flags.
	awk -v target=$((SIZE_MB * 1000000)) 'BEGIN {
		print "id,name,address,amount,date,note,code,flag,score,email"
		srand(1); bytes = 0
		for (i = 0; bytes < target; i++) {
			line = sprintf("%d,Name %d,\"Road %d, Block %d\",%.2f,2024-%02d-%02d,\"note \"\"%d\"\" here\",C%04d,%s,%d,user%d@example.org",
				i, i % 977, i % 500, i % 37, rand() * 100000, i % 12 + 1, i % 28 + 1, i, i % 10000,
				(i % 2 ? "true" : "false"), i % 100, i)
			print line; bytes += length(line) + 1
		}
	}' >"$csv"
fi
bytes=$(stat -c %s "$csv")
rows=$(($(wc -l <"$csv") - 1))
echo "gov-records on $(basename "$csv"): $bytes bytes, $rows records, $(nproc) cores, $(date -u +%Y-%m-%d)"
table_header
measure "gov-records" "$bytes" "$rows" gov-records --no-mask "$csv"
measure "mlr --icsv --ojsonl cat" "$bytes" "$rows" mlr --icsv --ojsonl cat "$csv"
measure "DuckDB COPY ... (FORMAT json)" "$bytes" "$rows" node -e '
const { DuckDBInstance } = require(process.argv[1] + "/node_modules/@duckdb/node-api");
(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`COPY (FROM read_csv(${JSON.stringify(process.argv[2])}, all_varchar=true)) TO "/dev/stdout" (FORMAT json)`);
})();' "$BENCH_TOP/bench" "$csv"
measure "python3 csv+json" "$bytes" "$rows" /usr/bin/python3 -c '
import csv, json, sys
out = sys.stdout
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")' "$csv"
