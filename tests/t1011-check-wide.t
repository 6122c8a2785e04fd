#!/bin/sh
# Wide inputs take time linear in their size: a header of 80,000 columns
# (duplicate names found through an index, not by comparing each with all
# before it) and JSON Lines whose every record brings a new key (40,000
# columns; a record costs its own keys, not every column so far).  Before,
# these took about a minute each; the limit here is generous for a slow
# machine and the sanitizer build, and far below that.
. "$(dirname "$0")/lib.sh"

LIMIT=30

py - <<'PY'
n = 80000
names = ["c%d" % i for i in range(n)] + ["c5", "", "c79999"]
cells = [str(i) for i in range(len(names))]
with open("wide.csv", "w") as f:
    f.write(",".join(names) + "\n")
    f.write(",".join(cells) + "\n")
    f.write(",".join(cells) + "\n")          # row 3: identical to row 2
    f.write(",".join(cells[:-1]) + "\n")     # row 4: one cell short
with open("keys.jsonl", "w") as f:
    for i in range(40000):
        if i == 99:
            f.write('{"k98": 98}\n')           # line 100: identical to line 99
        elif i == 200:
            f.write('{"k3": null, "k7": ""}\n')  # line 201: every cell empty
        else:
            f.write('{"k%d": %d}\n' % (i, i))
PY

# row, column, field, check, message of each finding
findings() { finding_lines row column field check; }

run timeout $LIMIT gov-check wide.csv
is "80,000 columns: exit 1 within ${LIMIT}s" "$RC" 1
is "80,000 columns: the findings" "$(findings)" \
"None 80001 c5 duplicate-header | header repeats column 6
None 80002 None blank-header | header cell is empty
None 80003 c79999 duplicate-header | header repeats column 80000
3 None None duplicate-row | identical to row 2
4 80003 c79999 missing-cell | row has 80002 cells, the header 80003"
like "80,000 columns: counted" "$OUT" '"rows":3,"fields":80003,'

run timeout $LIMIT gov-check keys.jsonl
is "40,000 keys: exit 1 within ${LIMIT}s" "$RC" 1
is "40,000 keys: the findings" "$(findings)" \
"100 None None duplicate-row | identical to row 99
201 None None blank-row | every cell is empty"
like "40,000 keys: counted" "$OUT" '"rows":40000,"fields":39998,'
# the same record after a new key is still the same record
printf '%s\n' '{"a":1,"b":"x"}' '{"c":3}' '{"a":1,"b":"x"}' '{"b":"x","a":1}' >again.jsonl
run gov-check again.jsonl
is "a record repeated past a new key: exit 1" "$RC" 1
is "a record repeated past a new key: both repeats found" "$(findings)" \
"3 None None duplicate-row | identical to row 1
4 None None duplicate-row | identical to row 1"
# a schema of 30,000 fields is read and matched by name, not scanned per
# name (it took seconds per ten thousand fields); its last field repeats
# one far back
py - <<'PY'
import json
n = 30000
json.dump({"fields": [{"name": "f%d" % i, "type": "integer"} for i in range(n)]},
          open("wide.schema.json", "w"))
json.dump({"fields": [{"name": "f%d" % i} for i in range(n)] + [{"name": "f7"}]},
          open("twice.schema.json", "w"))
with open("narrow.csv", "w") as f:
    f.write(",".join("f%d" % i for i in range(n)) + "\n")
    f.write(",".join(str(i) for i in range(n - 1)) + ",x\n")
PY
run timeout $LIMIT gov-check -s wide.schema.json narrow.csv
is "30,000-field schema: exit 1 within ${LIMIT}s" "$RC" 1
is "30,000-field schema: the one bad cell" "$(findings)" \
"2 30000 f29999 type | not an integer"
run timeout $LIMIT gov-check -s twice.schema.json narrow.csv
is "a name repeated far back: exit 2" "$RC" 2
is "a name repeated far back: named" "$ERR" \
"gov-check: twice.schema.json: fields[30000]: field name 'f7' repeats fields[7]"
done_testing
