#!/bin/sh
# --header-row N on CSV: a title, a note and a blank line above the
# header are skipped by every tool that reads tables (gov-records,
# gov-check, gov-profile, gov-catalog describe); row numbers stay the
# spreadsheet's own (the first data row is N+1, whatever newlines a quoted
# title holds); the delimiter is guessed from the header's line; a bad N
# is a usage error, an N past the end is said as an empty file is.
# Workbooks, with merged cells: t0111-xlsx-merged.t.
. "$(dirname "$0")/lib.sh"

# Row 1 is a quoted title over two lines, row 2 a note, row 3 blank, the
# header row 4, data rows 5 and 6.
printf '"2024年第三季度\n人口数据"\n注：单位：人，数据截至9月30日\n\n序号,社区,人数\n1,新城社区,120\n2,老城社区,abc\n' >t.csv
cat >s.json <<'JSON'
{"fields": [{"name": "序号", "type": "integer"}, {"name": "社区"},
            {"name": "人数", "type": "integer"}]}
JSON

run gov-records t.csv
is "without --header-row: the title is taken for the header (exit 1)" \
	"$RC:$(printf '%s\n' "$OUT" | head -1)" \
	'1:{"2024年第三季度\n人口数据":"注：单位：人，数据截至9月30日"}'

run gov-records --header-row 4 --provenance t.csv
is "records: exit 0, quiet" "$RC:$ERR" "0:"
is "records: the rows under the header, with the file's row numbers" "$OUT" \
'{"_file":"t.csv","_row":5,"序号":"1","社区":"新城社区","人数":"120"}
{"_file":"t.csv","_row":6,"序号":"2","社区":"老城社区","人数":"abc"}'

run gov-records -s s.json --header-row 4 t.csv
is "records -s: typed by the header below the title" "$RC:$OUT:$ERR" \
'1:{"序号":1,"社区":"新城社区","人数":120}
{"序号":2,"社区":"老城社区","人数":"abc"}:gov-records: t.csv:6: value '"'abc'"' of '"'人数'"' is not of its type, kept as text'

run_in t.csv gov-records --header-row 4
is "records: standard input too" "$RC:$OUT" '0:{"序号":"1","社区":"新城社区","人数":"120"}
{"序号":"2","社区":"老城社区","人数":"abc"}'

iconv -f UTF-8 -t GB18030 t.csv >gbk.csv
run gov-records --header-row 4 gbk.csv
is "records: a GBK file, the same rows" "$RC:$OUT" '0:{"序号":"1","社区":"新城社区","人数":"120"}
{"序号":"2","社区":"老城社区","人数":"abc"}'

run gov-check --header-row 4 -s s.json t.csv
is "check: exit 1" "$RC" 1
is "check: the finding on the file's row 6" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"')" \
	'{"type":"finding","file":"t.csv","row":6,"column":3,"field":"人数","check":"type","dimension":"conformity","severity":"error","value":"abc","message":"not an integer"}'
like "check: two data rows, three fields" "$OUT" '"type":"summary","file":"t.csv","sha256":"[0-9a-f]{64}","rows":2,"fields":3,'
run gov-check --header-row 4 -s s.json --format text t.csv
like "check, text: row 6 in the table" "$OUT" '     6    3  人数 +type +error +abc +not an integer'

run gov-profile --header-row 4 --format ndjson t.csv
is "profile: exit 0" "$RC:$ERR" "0:"
is "profile: the header's names, the data rows only" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; p=json.load(sys.stdin); print(p["rows"], p["delimiter"], [(f["name"], f["type"]) for f in p["fields"]])')" \
	"2 , [('序号', 'integer'), ('社区', 'string'), ('人数', 'string')]"

run gov-catalog describe --header-row 4 t.csv
is "describe: exit 0" "$RC:$ERR" "0:"
is "describe: the items are the header's" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; e=json.load(sys.stdin); print(e["rows"], [(i["name"], i["type"]) for i in e["items"]])')" \
	"2 [('序号', 'I'), ('社区', 'C'), ('人数', 'C')]"

# The delimiter is guessed from the header's line, not from a title
# with commas in it; CRLF line ends and a blank line are rows too.
printf '通辽市人口数据, 第一版, 内部\n序号\t社区\n1\t新城社区\n' >tab.csv
run gov-records --header-row 2 tab.csv
is "tab-separated under a title with commas" "$RC:$OUT" '0:{"序号":"1","社区":"新城社区"}'
run gov-profile --header-row 2 --format ndjson tab.csv
like "profile: the delimiter is a tab" "$OUT" '"delimiter":"\\t","rows":1,'
printf 'title, x\r\n\r\nh1;h2\r\n1;2\r\n' >crlf.csv
run gov-records --provenance --header-row 3 crlf.csv
is "CRLF, a blank row, ';' on the header's line" "$RC:$OUT" \
	'0:{"_file":"crlf.csv","_row":4,"h1":"1","h2":"2"}'

# A quote opened above the header and never closed swallows the file: said
# so, rather than the header being "not found".
printf '"title\nh\n1\n' >q.csv
run gov-records --header-row 2 q.csv
is "unclosed quote above the header: exit 2, named" "$RC:$OUT:$ERR" \
	"2::gov-records: q.csv:1: quoted field not closed before the end of the file, above the header row 2"

# Past the end of the file: no header, said as for an empty file, with
# the row looked for.
for tool in gov-records gov-check gov-profile "gov-catalog describe"; do
	name=${tool%% *}
	run $tool --header-row 7 t.csv
	is "$tool: header row past the end: exit 2" "$RC:$OUT" "2:"
	is "$tool: header row past the end: named" "$ERR" \
		"$name: t.csv: file is empty from row 7 on (--header-row 7)"
done
: >empty.csv
run gov-check --header-row 1 empty.csv
is "an empty file with --header-row 1: said as before" "$RC:$ERR" \
	"2:gov-check: empty.csv: file is empty"
run gov-records --header-row 6 t.csv
is "the last row as the header: no records, exit 0" "$RC:$OUT:$ERR" "0::"

# Bad values: a usage error, exit 2, before any file is read.
for tool in gov-records gov-check gov-profile "gov-catalog describe"; do
	name=${tool%% *}
	for v in 0 -1 x 1.5 "" 1048577 3x; do
		run $tool --header-row "$v" t.csv
		is "$tool --header-row '$v': exit 2, nothing out" "$RC:$OUT" "2:"
		is "$tool --header-row '$v': the message" "$ERR" \
"$name: invalid value '$v' for --header-row (expected 1 to 1048576)
try '$name --help'"
	done
	run $tool t.csv --header-row
	is "$tool --header-row without a value: exit 2" "$RC:$OUT" "2:"
	like "$tool --header-row without a value: said" "$ERR" "try '$name --help'"
done
run gov-records --header-row 1048576 t.csv
is "the highest --header-row is accepted" "$RC:$ERR" \
	"2:gov-records: t.csv: file is empty from row 1048576 on (--header-row 1048576)"

# JSON Lines have no header row: --header-row is ignored for them, and a
# CSV beside them still uses it.
printf '{"序号":1,"人数":"x"}\n{"序号":2,"人数":3}\n' >d.jsonl
run gov-check -s s.json d.jsonl
plain=$OUT
run gov-check -s s.json --header-row 4 d.jsonl
is "check: JSON Lines read as without --header-row" "$RC:$OUT" "1:$plain"
run gov-profile --format ndjson d.jsonl
plain=$OUT
run gov-profile --format ndjson --header-row 4 d.jsonl
is "profile: JSON Lines read as without --header-row" "$RC:$OUT" "0:$plain"
run gov-check -s s.json --header-row 4 d.jsonl t.csv
is "check: JSON Lines and CSV at once: the CSV's row 6" \
	"$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"file":"\([^"]*\)","row":\([0-9]*\),.*"check":"\([a-z-]*\)".*/\1 \2 \3/')" \
	"d.jsonl 1 type
t.csv 6 type"

# A --ref table is another file: its header stays on row 1.
printf '社区\n新城社区\n老城社区\n' >communities.csv
cat >fk.json <<'JSON'
{"fields": [{"name": "序号", "type": "integer"}, {"name": "社区"}, {"name": "人数"}],
 "foreignKeys": [{"fields": "社区", "reference": {"resource": "communities", "fields": "社区"}}]}
JSON
run gov-check --header-row 4 -s fk.json --ref communities=communities.csv t.csv
is "check --ref: every community found, the ref read from its row 1" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" "0:0"

done_testing
