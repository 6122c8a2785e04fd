#!/bin/sh
# gov-xlsx: records of shapes that cost more than their size.  A key
# repeated 10,000 times in a record (each repeat looked for its column
# from "a (2)" on: half a minute a record) and a long key over many
# nested members (its copy for each member multiplied it: 120 KB of
# input took 400 MB, 190 KB took 1.5 GB, before failing at the end).
# The limit is far below the time before and generous for a slow
# machine and the sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

py - <<'PY'
with open("repeats.jsonl", "w") as f:
    for r in range(5):
        f.write("{" + ",".join('"a":%d' % (r * 10000 + i) for i in range(10000)) + "}\n")
with open("long.jsonl", "w") as f:
    f.write('{"id":1}\n')
    f.write('{"' + "K" * 100000 + '":{' + ",".join('"m%d":1' % i for i in range(1000)) + "}}\n")
PY

run timeout $LIMIT gov-xlsx -o repeats.xlsx repeats.jsonl
is "a key repeated 10,000 times: exit 0 within ${LIMIT}s, quiet" "$RC:$ERR" "0:"
is "... each value in a column of its own, the same on every row" "$(py - <<'PY'
import openpyxl
ws = openpyxl.load_workbook("repeats.xlsx", read_only=True).active
rows = list(ws.iter_rows(values_only=True))
print(len(rows), len(rows[0]), rows[0][0], rows[0][1], rows[0][-1])
print(rows[1][0], rows[1][-1], rows[5][0], rows[5][-1])
PY
)" "6 10000 a a (2) a (10000)
0 9999 40000 49999"

run timeout $LIMIT gov-xlsx -o long.xlsx long.jsonl
is "a 100,000-byte key over 1,000 members: exit 2" "$RC" 2
is "... the record named" "$ERR" \
	"gov-xlsx: long.jsonl:2: keys of the record, flattened (a.b), longer than 64 MiB in all at column 105941"
ok "... no workbook" test ! -e long.xlsx
done_testing
