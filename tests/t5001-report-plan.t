#!/bin/sh
# gov-report: options, plan load, plan validation, reload keeping progress.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
PLAN=$(expected report-mini-plan.json)

run gov-report --help
is "--help exits 0" "$RC" 0
like "--help shows usage" "$OUT" '^Usage: gov-report'
run gov-report --version
is "--version" "$OUT" "gov-report (govkit) $(sed -n 's/^#define GOVKIT_VERSION "\(.*\)"/\1/p' "$T_TOP/common/govkit.h")"
run gov-report --bogus
is "unknown option exits 2" "$RC" 2
run gov-report frobnicate
is "unknown subcommand exits 2" "$RC" 2
like "unknown subcommand named" "$ERR" "unknown subcommand 'frobnicate'"
run $R quarter 2025Q3
is "no plan loaded exits 2" "$RC" 2
is "no plan: says what to do" "$ERR" \
	"gov-report: no plan in the database; to load one, run: gov-report --db $(shq "$GOVKIT_DB") plan load FILE"

run $R plan load "$PLAN"
is "plan load exits 0" "$RC" 0
is "plan load record" "$OUT" "{\"type\":\"plan\",\"plan\":\"mini\",\"title\":\"测试行动方案\",\"file\":\"$PLAN\",\"state\":\"loaded\",\"tasks\":4,\"safeguards\":1,\"units\":5,\"milestones\":2,\"progress_kept\":0,\"progress_orphaned\":0}"
is "nothing on stderr" "$ERR" ""
run $R plan load "$PLAN"
like "same plan again: unchanged" "$OUT" '"state":"unchanged"'

run $R add "$(expected report-mini-2025Q2.jsonl)"
is "progress added" "$RC" 0

# A changed plan: a new milestone, a task renamed, a unit gone.
py - "$PLAN" >changed.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["tasks"][0]["title"] = "建设政务云平台"
p["tasks"][0]["milestones"].append({"due": "2026Q2", "target": "政务云扩容"})
p["tasks"][3]["lead"] = ["a"]
p["units"] = [u for u in p["units"] if u["id"] != "d"]
p["tasks"][1]["cooperating"] = []
json.dump(p, sys.stdout, ensure_ascii=False)
PY
run $R plan load changed.json
is "changed plan exits 0" "$RC" 0
like "changed plan: updated" "$OUT" '"state":"updated"'
like "progress kept" "$OUT" '"milestones":3,"progress_kept":8,"progress_orphaned":2'
run $R --format text quarter 2025Q2
like "renamed title used" "$OUT" '建设政务云平台'
run $R plan load "$PLAN"
run $R quarter 2025Q2
like "progress of unit d back with the plan" "$OUT" '"unit":"d","name":"市公安局","role":"cooperating","reported":true'

# Plan validation: one clear message, exit 2, nothing stored.
bad() {
	desc=$1 want=$2
	py - "$PLAN" "$3" >bad.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(p, sys.stdout, ensure_ascii=False)
PY
	run $R plan load bad.json
	is "$desc: exit 2" "$RC" 2
	is "$desc: message" "$ERR" "gov-report: bad.json: $want"
}
bad "unknown lead" "tasks[0].lead[0]: unknown unit 'zz'" 'p["tasks"][0]["lead"] = ["zz"]'
bad "duplicate task" "tasks[1]: task id '1' used twice" 'p["tasks"][1]["id"] = "1"'
bad "bad quarter" "plan.start: '2025Q5' is not a quarter (YYYYQn)" 'p["plan"]["start"] = "2025Q5"'
bad "alias clash" "units[1].aliases: '数据局' already names another unit" 'p["units"][1]["aliases"] = ["数据局"]'
bad "lead and cooperating" "tasks[0]: unit 'a' is both lead and cooperating" 'p["tasks"][0]["cooperating"] = ["a"]'
bad "milestone without due" "tasks[0].milestones[0]: missing 'due' (YYYYQn)" 'del p["tasks"][0]["milestones"][0]["due"]'
bad "no tasks" "'tasks' must be a non-empty array" 'p["tasks"] = []'
# Quarters whose report deadline (last day + at most 366 grace days) is a
# date the four-digit date code can write: up to 9998Q3.
bad "a plan to 9999Q4" "plan.end: quarter 9999Q4 is after 9998Q3, the last one gov-report can date" 'p["plan"]["end"] = "9999Q4"'
bad "a task to 9998Q4" "tasks[2].end: quarter 9998Q4 is after 9998Q3, the last one gov-report can date" 'p["tasks"][2]["end"] = "9998Q4"'
bad "a milestone in 9999Q1" "tasks[0].milestones[0].due: quarter 9999Q1 is after 9998Q3, the last one gov-report can date" 'p["tasks"][0]["milestones"][0]["due"] = "9999Q1"'
py - "$PLAN" >far.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["plan"]["id"] = "far"
p["plan"]["end"] = "9998Q3"
json.dump(p, sys.stdout, ensure_ascii=False)
PY
run $R --db far.db plan load far.json
is "a plan to 9998Q3 loads" "$RC" 0
run gov-report --db far.db --today 9998-09-30 missing 9998Q3
like "9998Q3: deadline" "$OUT" '"deadline":"9998-10-05"'
run gov-report --db far.db --today 9998-09-30 --grace-days 366 missing 9998Q3
like "9998Q3 with 366 grace days: deadline 9999-10-01" "$OUT" '"deadline":"9999-10-01"'

printf '{"plan": ' >broken.json
run $R plan load broken.json
is "not JSON: exit 2" "$RC" 2
like "not JSON: message" "$ERR" '^gov-report: broken.json:1:9: not valid JSON$'
run $R plan load nonexistent.json
is "missing file: exit 2" "$RC" 2
like "missing file: message" "$ERR" "cannot open 'nonexistent.json'"
# Bytes that are not UTF-8 (a GBK title, say): refused, not stored.
py - "$PLAN" >gbk.json <<'PY'
import sys
data = open(sys.argv[1], "rb").read().replace("测试行动方案".encode(), "测试行动方案".encode("gbk"), 1)
sys.stdout.buffer.write(data)
PY
at=$(py -c 'import sys; d = open("gbk.json", "rb").read(); print(d.index("测试".encode("gbk")) + 1)')
run $R plan load gbk.json
is "invalid UTF-8: exit 2" "$RC" 2
is "invalid UTF-8: message names the byte" "$ERR" "gov-report: gbk.json: invalid UTF-8 at byte $at"
is "invalid UTF-8: no record" "$OUT" ""
run $R --db fresh.db plan load gbk.json
run $R --db fresh.db quarter 2025Q2
like "invalid UTF-8: no plan stored" "$ERR" "no plan in the database"
# A plan saved by Notepad starts with a byte order mark: read as without.
{ printf '\357\273\277'; cat "$PLAN"; } >bom.json
run $R --db bom.db plan load bom.json
is "BOM: exit 0" "$RC" 0
like "BOM: loaded" "$OUT" '"state":"loaded","tasks":'
# \u0000 would cut an id in cJSON: refused, not stored.
printf '{"id":"plan\\u0000x","tasks":[]}\n' >nul.json
run $R --db nul.db plan load nul.json
is "\\u0000: exit 2" "$RC" 2
is "\\u0000: message names the byte" "$ERR" 'gov-report: nul.json: invalid JSON: \u0000 in a string at byte 12'
# A plan edited by hand with a comma left out (after the units' list,
# line 10): the message names the line and column, where an editor shows
# them; before, it said 'not valid JSON near byte 585'.  A byte order
# mark before it is not a column.
sed '10s/^  \],$/  ]/' "$PLAN" >comma.json
is "... (the comma taken out on line 10)" "$(sed -n 10p comma.json)" "  ]"
run $R --db comma.db plan load comma.json
is "comma missing: exit 2, its line and column" "$RC:$ERR" "2:gov-report: comma.json:11:3: not valid JSON"
is "... nothing printed" "$OUT" ""
{ printf '\357\273\277'; printf '{"plan" {}}'; } >bomcolon.json
run $R --db comma.db plan load bomcolon.json
is "BOM, colon missing on line 1: the column as the editor shows it" "$RC:$ERR" "2:gov-report: bomcolon.json:1:9: not valid JSON"
# A plan with a stray word after it (an edit gone wrong) was loaded as
# if the word were not there.
{ cat "$PLAN"; printf 'x\n'; } >trailing.json
run $R --db comma.db plan load trailing.json
is "text after the plan: exit 2, its line and column" "$RC:$ERR" "2:gov-report: trailing.json:$(($(wc -l <"$PLAN") + 1)):1: not valid JSON (text after the plan)"
run $R --format text quarter 2025Q2
like "bad plans stored nothing" "$OUT" '建设政务云 *$|建设政务云$'

done_testing
