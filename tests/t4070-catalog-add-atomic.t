#!/bin/sh
# gov-catalog add and demand add are all or nothing: exit 2 (an input that
# cannot be opened, the change records that cannot be written) discards the
# change records, so it must leave the catalog as it was.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog
count() { sqlite3 X "SELECT count(*) FROM $1"; }

run gov-catalog --db X add -o out.jsonl "$S/entries.jsonl" nothere.jsonl
is "a missing input after a good one: exit 2" "$RC" 2
is "a missing input: named" "$ERR" "gov-catalog: unable to open 'nothere.jsonl': No such file or directory"
is "a missing input: no output file" "$(ls out.jsonl 2>/dev/null)" ""
is "a missing input: no entry added" "$(count catalog_entry)" 0
is "a missing input: no history" "$(sqlite3 X "SELECT count(*) FROM catalog_history")" 0

gov-catalog --db X add "$S/entries.jsonl" >/dev/full 2>full.err
is "change records on a full disk: exit 2" "$?" 2
is "change records on a full disk: nothing added" "$(count catalog_entry)" 0

run gov-catalog --db X add -o out.jsonl "$S/entries.jsonl"
is "then the good file alone: exit 0" "$RC" 0
is "then the good file alone: 13 entries" "$(count catalog_entry)" 13
is "then the good file alone: 13 change records" "$(wc -l <out.jsonl | tr -d ' ')" 13

printf '%s\n' '{"type":"entry","code":"101001001/000001","name":"renamed"}' >rename.jsonl
run gov-catalog --db X add rename.jsonl nothere.jsonl
is "an update and a missing input: exit 2" "$RC" 2
is "an update and a missing input: the entry keeps its name" \
	"$(sqlite3 X "SELECT json_extract(record, '\$.name') FROM catalog_entry WHERE code = '101001001/000001'")" "人口基本信息"
run gov-catalog --db X add rename.jsonl
is "the update alone: updated" "$OUT" '{"type":"change","code":"101001001/000001","action":"updated","fields":["name"]}'

run gov-catalog --db X demand add "$S/demands.jsonl" nothere.jsonl
is "demand add with a missing input: exit 2" "$RC" 2
is "demand add with a missing input: no demand added" "$(count catalog_demand)" 0
run gov-catalog --db X demand add "$S/demands.jsonl"
is "demand add alone: exit 0" "$RC" 0
like "demand add alone: demands added" "$(count catalog_demand)" '^[1-9]'
# regression: the reader of the change records going away (| head -1) cut
# the batch short where it went, and committed the part read as if whole
python3 -c '
import json
with open("many.jsonl", "w") as f:
    for i in range(3000):
        f.write(json.dumps({"type": "entry", "code": "101001001/%06d" % (i + 100),
                            "name": "资源 %d" % i}, ensure_ascii=False) + "\n")
with open("many-demands.jsonl", "w") as f:
    for i in range(3000):
        f.write(json.dumps({"type": "demand", "id": "XQ-P-%06d" % i, "unit": "市民政局",
                            "need": "资源 %d" % i}, ensure_ascii=False) + "\n")'
before=$(count catalog_entry)
{ gov-catalog --db X add --format ndjson many.jsonl 2>pipe.err; echo $? >pipe.rc; } | head -1 >/dev/null
is "add | head -1: exit 0" "$(cat pipe.rc)" 0
is "add | head -1: quiet" "$(cat pipe.err)" ""
is "add | head -1: every entry stored" "$(count catalog_entry)" "$((before + 3000))"
is "add | head -1: each with its history" \
	"$(sqlite3 X "SELECT count(*) FROM catalog_history WHERE kind = 'entry' AND key >= '101001001/000100' AND key < '101001001/999999'")" 3000
before=$(count catalog_demand)
{ gov-catalog --db X demand add --format text many-demands.jsonl 2>pipe.err; echo $? >pipe.rc; } | head -1 >/dev/null
is "demand add | head -1: exit 0" "$(cat pipe.rc)" 0
is "demand add | head -1: every demand stored" "$(count catalog_demand)" "$((before + 3000))"
# The change records wait for the commit in a temporary file of $TMPDIR:
# where none can be made, nothing is stored (exit 2, the folder named).
before=$(count catalog_entry)
run env TMPDIR="$SCRATCH/no-such-folder" gov-catalog --db X add many.jsonl
is "no temporary file: exit 2" "$RC" 2
is "no temporary file: said, with the folder" "$ERR" \
	"gov-catalog: cannot create a temporary file in '$SCRATCH/no-such-folder': No such file or directory"
is "no temporary file: no records" "$OUT" ""
is "no temporary file: nothing stored" "$(count catalog_entry)" "$before"
done_testing
