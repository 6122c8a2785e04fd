#!/bin/sh
# gov-xlsx: JSON Lines records to a workbook, side by side with Python's
# XlsxWriter (constant_memory) and openpyxl (write_only), on the same file.
#   RECORDS=1000000 bench/xlsx.sh
. "$(dirname "$0")/lib.sh"
need_deb python3-xlsxwriter python3-openpyxl time

RECORDS=${RECORDS:-1000000}

in=$BENCH_OUT/xlsx-${RECORDS}.jsonl
if [ ! -s "$in" ]; then
	# Ten columns of the shapes tools emit: integers, CJK and ASCII text,
	# codes, amounts, ISO dates, booleans.
	awk -v n="$RECORDS" 'BEGIN {
		split("张三 李四 王五 赵六 Alice Bob 科尔沁区 开鲁县", names, " ")
		srand(1)
		for (i = 1; i <= n; i++)
			printf "{\"id\":%d,\"name\":\"%s%d\",\"district\":\"150502\",\"amount\":%.2f,\"count\":%d,\"date\":\"2025-%02d-%02d\",\"ok\":%s,\"note\":\"checked by unit %d, batch %d\",\"code\":\"X%08d\",\"score\":%.3f}\n",
				i, names[i % 8 + 1], i % 97, rand() * 10000, int(rand() * 1000),
				i % 12 + 1, i % 28 + 1, (i % 3 ? "true" : "false"),
				i % 40, i % 1000, i, rand()
	}' >"$in"
fi
small=$BENCH_OUT/xlsx-small.jsonl
head -n $((RECORDS / 10)) "$in" >"$small"
bytes=$(stat -c %s "$in")
sbytes=$(stat -c %s "$small")
echo "gov-xlsx on $(basename "$in"): $bytes bytes, $RECORDS records of 10 columns, $(nproc) cores, $(date -u +%Y-%m-%d)"
table_header
measure "gov-xlsx" "$bytes" "$RECORDS" \
	gov-xlsx --no-mask -o "$BENCH_OUT/gov-xlsx.xlsx" "$in"
measure "gov-xlsx, a tenth of the records (flat memory)" "$sbytes" $((RECORDS / 10)) \
	gov-xlsx --no-mask -o "$BENCH_OUT/gov-xlsx-small.xlsx" "$small"
measure "python3 XlsxWriter constant_memory" "$bytes" "$RECORDS" /usr/bin/python3 -c '
import json, sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
ws = wb.add_worksheet("records")
cols = None
with open(sys.argv[1], encoding="utf-8") as f:
    for r, line in enumerate(f, 1):
        rec = json.loads(line)
        if cols is None:
            cols = list(rec)
            ws.write_row(0, 0, cols)
        ws.write_row(r, 0, [rec.get(k) for k in cols])
wb.close()' "$in" "$BENCH_OUT/xlsxwriter.xlsx"
measure "python3 openpyxl write_only" "$bytes" "$RECORDS" /usr/bin/python3 -c '
import json, sys, openpyxl
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("records")
cols = None
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        if cols is None:
            cols = list(rec)
            ws.append(cols)
        ws.append([rec.get(k) for k in cols])
wb.save(sys.argv[2])' "$in" "$BENCH_OUT/openpyxl.xlsx"
ls -l "$BENCH_OUT"/gov-xlsx.xlsx "$BENCH_OUT"/xlsxwriter.xlsx "$BENCH_OUT"/openpyxl.xlsx | awk '{print $5, $9}'
