#!/bin/sh
# gov-catalog add and demand add are all or nothing: exit 2 (an input that
# cannot be opened, the change records that cannot be written) discards the
# change records, so it must leave the catalog as it was.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog
count() { sqlite3 X "SELECT count(*) FROM $1"; }

run gov-catalog --db X add -o out.jsonl "$S/entries.jsonl" /nonexist
is "a missing input after a good one: exit 2" "$RC" 2
is "a missing input: named" "$ERR" "gov-catalog: unable to open '/nonexist': No such file or directory"
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
run gov-catalog --db X add rename.jsonl /nonexist
is "an update and a missing input: exit 2" "$RC" 2
is "an update and a missing input: the entry keeps its name" \
	"$(sqlite3 X "SELECT json_extract(record, '\$.name') FROM catalog_entry WHERE code = '101001001/000001'")" "人口基本信息"
run gov-catalog --db X add rename.jsonl
is "the update alone: updated" "$OUT" '{"type":"change","code":"101001001/000001","action":"updated","fields":["name"]}'

run gov-catalog --db X demand add "$S/demands.jsonl" /nonexist
is "demand add with a missing input: exit 2" "$RC" 2
is "demand add with a missing input: no demand added" "$(count catalog_demand)" 0
run gov-catalog --db X demand add "$S/demands.jsonl"
is "demand add alone: exit 0" "$RC" 0
like "demand add alone: demands added" "$(count catalog_demand)" '^[1-9]'
done_testing
