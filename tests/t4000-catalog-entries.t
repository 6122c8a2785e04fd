#!/bin/sh
# gov-catalog: add, list, show, history (the audit trail), options.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

# json_get FILE-OR-TEXT EXPR: evaluate a Python expression on record r.
jget() { printf '%s\n' "$1" | py -c '
import json, sys
r = json.loads(sys.stdin.readline())
print(eval(sys.argv[1]))' "$2"; }

run gov-catalog --help
is "help exits 0" "$RC" 0
like "help starts with usage" "$OUT" '^Usage: gov-catalog \[options\] COMMAND'
run gov-catalog --version
like "version" "$OUT" '^gov-catalog \(govkit\) [0-9]'
run gov-catalog
is "no command: exit 2" "$RC" 2
like "no command: says so" "$ERR" "a command is needed"
run gov-catalog frobnicate
is "unknown command: exit 2" "$RC" 2
like "unknown command: named" "$ERR" "unknown command 'frobnicate'"
run gov-catalog --frob list
is "unknown option: exit 2" "$RC" 2
like "unknown option: try --help" "$ERR" "try 'gov-catalog --help'"
# describe's delimiter is refused where every other tool refuses it: a
# quote or a line end cannot delimit CSV
for d in '"' "$(printf '\r')" ab; do
	run gov-catalog describe -d "$d" "$T_TOP/samples/quality/residents.csv"
	is "describe -d '$d': exit 2" "$RC" 2
	like "describe -d '$d': said" "$ERR" "delimiter takes one character .not a quote or a line end. or 'tab'"
done
run gov-catalog describe -d tab "$T_TOP/samples/quality/residents.csv"
is "describe -d tab: taken (the file has no tab: one column, exit 0)" "$RC" 0
run gov-catalog list --share-type sometimes
is "unknown share type: exit 2" "$RC" 2
run gov-catalog show
is "show without code: exit 2" "$RC" 2

# add: every entry created, in its own transaction, then unchanged.
run gov-catalog add --user alice "$S/entries.jsonl"
is "add: exit 0" "$RC" 0
is "add: 13 created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 13
is "add: nothing on stderr" "$ERR" ""
run gov-catalog add --user alice "$S/entries.jsonl"
is "add again: 13 unchanged" "$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 13

run gov-catalog list
is "list: exit 0" "$RC" 0
printf '%s\n' "$OUT" >list.jsonl
same_file "list: every entry, in code order" list.jsonl "$(expected catalog-list.jsonl)"

# The stored entry is the entry given (same JSON, once the nulls of the
# fields and item members it did not give are left out).
run gov-catalog show 102001001/000001
is "show: exit 0" "$RC" 0
printf '%s\n' "$OUT" >shown.json
grep '"code": "102001001/000001"' "$S/entries.jsonl" >given.json
ok "show: same as the record added" py -c '
import json, sys
def given(o):
    if isinstance(o, dict):
        return {k: given(v) for k, v in o.items() if v is not None}
    if isinstance(o, list):
        return [given(v) for v in o]
    return o
a = json.load(open("shown.json")); b = json.load(open("given.json"))
sys.exit(given(a) != b)'
run gov-catalog show 999001001/000001
is "show unknown: exit 1" "$RC" 1
is "show unknown: message" "$ERR" "gov-catalog: no entry '999001001/000001' in the catalog"

# Filters.
run gov-catalog list --share-type none
is "filter share type none" "$(jget "$OUT" 'r["code"]')" "323001001/000001"
run gov-catalog list --provider 市公安局
is "filter provider by name" "$(jget "$OUT" 'r["code"]')" "101001001/000001"
run gov-catalog list --provider 11150500115050016P
is "filter provider by code" "$(jget "$OUT" 'r["code"]')" "102001001/000001"
run gov-catalog list --category 部门信息资源/市气象局
is "filter category" "$(jget "$OUT" 'r["code"]')" "328001001/000001"
run gov-catalog list --update-cycle realtime --format text
is "filter update cycle, text form" "$OUT" "101001001/000001	人口基本信息	市公安局	conditional	realtime
105001001/000001	电子证照目录信息	市行政审批政务服务与数据管理局	unconditional	realtime
211001001/000001	环境空气质量监测数据	市生态环境局	unconditional	realtime
328001001/000001	地面气象观测数据	市气象局	unconditional	realtime"

# Update merges: given fields change, the rest stay; null removes.
printf '%s\n' '{"code":"102001001/000001","summary":"全市市场主体登记信息","update_cycle":"weekly"}' >upd.jsonl
run gov-catalog add --user bob upd.jsonl
is "update: change record" "$OUT" '{"type":"change","code":"102001001/000001","action":"updated","fields":["summary","update_cycle"]}'
run gov-catalog show 102001001/000001
is "update: new summary" "$(jget "$OUT" 'r["summary"]')" "全市市场主体登记信息"
is "update: other fields kept" "$(jget "$OUT" 'len(r["items"]), r["provider"]')" "(7, '市市场监督管理局')"
printf '%s\n' '{"code":"105001001/000001","related":null}' >rm.jsonl
USER=carol run gov-catalog add rm.jsonl
is "null removes a field" "$OUT" '{"type":"change","code":"105001001/000001","action":"updated","fields":["related"]}'
run gov-catalog show 105001001/000001
is "removed field is gone (null)" "$(jget "$OUT" 'r["related"]')" "None"

# --replace: the record given is the whole entry.
printf '%s\n' '{"type":"entry","code":"314001001/000001","name":"农机购置补贴"}' >repl.jsonl
run gov-catalog add --replace --user dora repl.jsonl
run gov-catalog show 314001001/000001
is "replace: only the fields given" "$OUT" '{"type":"entry","code":"314001001/000001","name":"农机购置补贴","provider":null,"provider_code":null,"summary":null,"category":null,"format":null,"items":null,"share_type":null,"share_condition":null,"share_basis":null,"share_method":null,"open_type":null,"update_cycle":null,"published":null,"related":null}'

# History: who, when, what changed, oldest first.
run gov-catalog history 102001001/000001
is "history: exit 0" "$RC" 0
is "history: two changes" "$(printf '%s\n' "$OUT" | wc -l)" 2
first=$(printf '%s\n' "$OUT" | sed -n 1p)
second=$(printf '%s\n' "$OUT" | sed -n 2p)
is "history 1: created by alice" "$(jget "$first" 'r["action"], r["who"]')" "('created', 'alice')"
like "history 1: when, UTC" "$(jget "$first" 'r["at"]')" '^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z$'
is "history 2: updated by bob" "$(jget "$second" 'r["action"], r["who"]')" "('updated', 'bob')"
is "history 2: what changed" "$(jget "$second" 'r["changes"]')" "{'summary': {'from': '全市各类市场主体的设立、变更、注销登记信息', 'to': '全市市场主体登记信息'}, 'update_cycle': {'from': 'daily', 'to': 'weekly'}}"
run gov-catalog history 105001001/000001
is "history: \$USER is who" "$(printf '%s\n' "$OUT" | sed -n 2p | py -c 'import json,sys; print(json.load(sys.stdin)["who"])')" carol
run gov-catalog history 999001001/000001
is "history of unknown code: exit 1" "$RC" 1

# Records without a code are refused, the others still added.
printf '%s\n' '{"name":"无代码"}' '{"code":"328001001/000002","name":"气象预警信息"}' >mixed.jsonl
run gov-catalog add mixed.jsonl
is "no code: exit 1" "$RC" 1
is "no code: message names the line" "$ERR" "gov-catalog: mixed.jsonl:1: entry without a code"
like "no code: the next one added" "$OUT" '"code":"328001001/000002","action":"created"'
printf '%s\n' '{"code":"1/2"' >broken.jsonl
run gov-catalog add broken.jsonl
is "bad JSON: exit 1" "$RC" 1
like "bad JSON: located" "$ERR" '^gov-catalog: broken.jsonl:1: '

# The change and its audit row are one transaction: when the history
# cannot be written, the entry is not changed either.
sqlite3 "$GOVKIT_DB" "CREATE TRIGGER refuse_audit BEFORE INSERT ON catalog_history
 WHEN NEW.key = '211001001/000001' BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"
printf '%s\n' '{"code":"211001001/000001","update_cycle":"daily"}' '{"code":"339001001/000001","update_cycle":"yearly"}' >atomic.jsonl
run gov-catalog add atomic.jsonl
is "audit refused: exit 2" "$RC" 2
like "audit refused: the database's message" "$ERR" "^gov-catalog: atomic.jsonl:1: .*audit refused"
run gov-catalog show 211001001/000001
is "audit refused: entry unchanged" "$(jget "$OUT" 'r["update_cycle"]')" realtime
run gov-catalog history 211001001/000001
is "audit refused: no history row" "$(printf '%s\n' "$OUT" | wc -l)" 1
sqlite3 "$GOVKIT_DB" "DROP TRIGGER refuse_audit;"

run gov-catalog --today 2025-02-30 list
is "bad --today: exit 2" "$RC" 2

# Records from standard input; -o writes a file.
run_in upd.jsonl gov-catalog add --user erin
is "stdin: unchanged" "$OUT" '{"type":"change","code":"102001001/000001","action":"unchanged","fields":[]}'
run gov-catalog list -o out.jsonl
is "-o: nothing on stdout" "$OUT" ""
is "-o: one line per entry" "$(wc -l <out.jsonl)" 14

# The database is the one given.
run gov-catalog --db other.db list
is "--db: an empty catalog" "$OUT" ""
ok "--db: file created" test -s other.db

done_testing
